/* Logs a failed Win32 call: "CALL(subject) failed: error N: <FormatMessageW text>". */
#ifndef SVCFORGE_WINERR_H
#define SVCFORGE_WINERR_H

#include <windows.h>
#include "hostlog.h"

/* Pass GetLastError() (or the code the API returned) as `code`; returns `code`. */
DWORD winerr_log(enum hostlog_level level, const wchar_t *call, const wchar_t *subject, DWORD code);
/* The FormatMessageW text of `code` without the trailing newline, into buf. */
void winerr_text(DWORD code, wchar_t *buf, size_t size);

#endif
