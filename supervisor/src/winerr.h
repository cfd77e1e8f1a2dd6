/* Logs a failed Win32 call to the host log:
 * "CALL(subject) failed: error N: <FormatMessageW text>" (the line syserr_describe makes). */
#ifndef SVCFORGE_WINERR_H
#define SVCFORGE_WINERR_H

#include <windows.h>
#include "hostlog.h"

/* Pass GetLastError() (or the code the API returned) as `code`; returns `code`. */
DWORD winerr_log(enum hostlog_level level, const wchar_t *call, const wchar_t *subject, DWORD code);

#endif
