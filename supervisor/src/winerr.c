/* Logs a failed Win32 call with its name and the system's message text. */
#include <windows.h>
#include <wchar.h>
#include "winerr.h"

void winerr_text(DWORD code, wchar_t *buf, size_t size)
{
    DWORD n = FormatMessageW(FORMAT_MESSAGE_FROM_SYSTEM | FORMAT_MESSAGE_IGNORE_INSERTS, NULL, code,
                             0, buf, (DWORD)size, NULL);
    if (n == 0) {
        _snwprintf(buf, size, L"unknown error");
        buf[size - 1] = L'\0';
        return;
    }
    while (n > 0 && (buf[n - 1] == L'\r' || buf[n - 1] == L'\n' || buf[n - 1] == L' '))
        buf[--n] = L'\0';
}

DWORD winerr_log(enum hostlog_level level, const wchar_t *call, const wchar_t *subject, DWORD code)
{
    wchar_t text[512];
    winerr_text(code, text, 512);
    if (subject != NULL && subject[0] != L'\0')
        hostlog_write(level, L"%ls(%ls) failed: error %lu: %ls", call, subject, (unsigned long)code, text);
    else
        hostlog_write(level, L"%ls failed: error %lu: %ls", call, (unsigned long)code, text);
    return code;
}
