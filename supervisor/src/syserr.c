/* The system's text for a Win32 error, and the line that names a failed call. */
#include <windows.h>
#include <stdio.h>
#include <wchar.h>
#include "syserr.h"

void syserr_text(DWORD code, wchar_t *buf, size_t size)
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

void syserr_describe(wchar_t *buf, size_t size, const wchar_t *call, const wchar_t *subject, DWORD code)
{
    wchar_t text[512];
    syserr_text(code, text, 512);
    int n;
    if (subject != NULL && subject[0] != L'\0')
        n = _snwprintf(buf, size - 1, L"%ls(%ls) failed: error %lu: %ls", call, subject, (unsigned long)code, text);
    else
        n = _snwprintf(buf, size - 1, L"%ls failed: error %lu: %ls", call, (unsigned long)code, text);
    if (n < 0 || (size_t)n > size - 1)
        n = (int)(size - 1);
    buf[n] = L'\0';
}
