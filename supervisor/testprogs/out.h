/* Tiny output helpers shared by the test programs: unbuffered WriteFile to stdout. */
#ifndef TESTPROGS_OUT_H
#define TESTPROGS_OUT_H

#include <windows.h>
#include <stdio.h>
#include <string.h>

static inline void out_bytes(const char *p, size_t n)
{
    DWORD written;
    WriteFile(GetStdHandle(STD_OUTPUT_HANDLE), p, (DWORD)n, &written, NULL);
}

static inline void out_line(const char *text)
{
    out_bytes(text, strlen(text));
    out_bytes("\n", 1);
}

static inline void out_wide_line(const wchar_t *prefix, const wchar_t *text)
{
    char buf[32768];
    int n = WideCharToMultiByte(CP_UTF8, 0, prefix, -1, buf, sizeof buf, NULL, NULL);
    int m = WideCharToMultiByte(CP_UTF8, 0, text, -1, buf + n - 1, (int)sizeof buf - n, NULL, NULL);
    if (n > 0 && m > 0)
        out_line(buf);
}

#endif
