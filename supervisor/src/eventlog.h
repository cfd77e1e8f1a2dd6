/* Lifecycle events to the Application event log, source = the service name.
 * Unavailable event log = a warning in the host log, never a failure. */
#ifndef SVCFORGE_EVENTLOG_H
#define SVCFORGE_EVENTLOG_H

#include <windows.h>

void eventlog_open(const wchar_t *source);
void eventlog_report(WORD type, const wchar_t *message);
void eventlog_close(void);

#endif
