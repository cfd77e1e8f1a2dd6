/* The Application event log (ReportEventW), source = the service name. Logs nothing:
 * each call returns the Win32 error (ERROR_SUCCESS when none) for hostlog, its only
 * user, to report (hostlog_open_event_log, hostlog_event). */
#ifndef SVCFORGE_EVENTLOG_H
#define SVCFORGE_EVENTLOG_H

#include <windows.h>

/* Registers the source and starts reporting; does nothing when already open. */
DWORD eventlog_open(const wchar_t *source);
/* Reports one line while reporting; the first failure stops reporting for good. */
DWORD eventlog_report(WORD type, const wchar_t *message);
/* Stops reporting and deregisters the source. */
DWORD eventlog_close(void);

#endif
