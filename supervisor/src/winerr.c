/* Logs a failed Win32 call with its name and the system's message text. The top of the
 * logging files: winerr -> hostlog -> eventlog, fsutil, syserr; none of those calls back up. */
#include <windows.h>
#include <wchar.h>
#include "winerr.h"
#include "syserr.h"

DWORD winerr_log(enum hostlog_level level, const wchar_t *call, const wchar_t *subject, DWORD code)
{
    wchar_t line[HOSTLOG_MESSAGE_MAX + 1];
    syserr_describe(line, HOSTLOG_MESSAGE_MAX + 1, call, subject, code);
    hostlog_write(level, L"%ls", line);
    return code;
}
