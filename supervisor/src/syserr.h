/* What a Win32 error code means, in the system's words, and the one line that names a
 * failed call: "CALL(subject) failed: error N: <FormatMessageW text>". Logs nothing: it
 * is the floor the logging files stand on (winerr -> hostlog -> eventlog, fsutil, syserr). */
#ifndef SVCFORGE_SYSERR_H
#define SVCFORGE_SYSERR_H

#include <windows.h>

/* The FormatMessageW text of `code` without the trailing newline, into buf. */
void syserr_text(DWORD code, wchar_t *buf, size_t size);
/* "CALL(subject) failed: error N: text" ("CALL failed: ..." when subject is NULL or
 * empty) into buf, cut to size - 1 characters. */
void syserr_describe(wchar_t *buf, size_t size, const wchar_t *call, const wchar_t *subject, DWORD code);

#endif
