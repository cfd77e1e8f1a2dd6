/* UTF-8 <-> UTF-16 conversion and small path helpers. */
#include <windows.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "wstr.h"

wchar_t *wstr_from_utf8(const char *text)
{
    if (text == NULL)
        return NULL;
    int units = MultiByteToWideChar(CP_UTF8, 0, text, -1, NULL, 0);
    if (units <= 0)
        return NULL;
    wchar_t *out = malloc((size_t)units * sizeof(wchar_t));
    if (out == NULL)
        return NULL;
    MultiByteToWideChar(CP_UTF8, 0, text, -1, out, units);
    return out;
}

char *wstr_to_utf8_n(const wchar_t *text, size_t length, size_t *out_length)
{
    if (text == NULL)
        return NULL;
    int bytes = length == 0 ? 0
        : WideCharToMultiByte(CP_UTF8, 0, text, (int)length, NULL, 0, NULL, NULL);
    char *out = malloc((size_t)bytes + 1);
    if (out == NULL)
        return NULL;
    if (bytes > 0)
        WideCharToMultiByte(CP_UTF8, 0, text, (int)length, out, bytes, NULL, NULL);
    out[bytes] = '\0';
    if (out_length != NULL)
        *out_length = (size_t)bytes;
    return out;
}

char *wstr_to_utf8(const wchar_t *text)
{
    if (text == NULL)
        return NULL;
    return wstr_to_utf8_n(text, wcslen(text), NULL);
}

wchar_t *wstr_dup(const wchar_t *text)
{
    if (text == NULL)
        return NULL;
    size_t bytes = (wcslen(text) + 1) * sizeof(wchar_t);
    wchar_t *out = malloc(bytes);
    if (out != NULL)
        memcpy(out, text, bytes);
    return out;
}

wchar_t *wstr_path_join(const wchar_t *dir, const wchar_t *name)
{
    size_t dl = wcslen(dir), nl = wcslen(name);
    while (dl > 0 && (dir[dl - 1] == L'\\' || dir[dl - 1] == L'/'))
        dl--;
    wchar_t *out = malloc((dl + 1 + nl + 1) * sizeof(wchar_t));
    if (out == NULL)
        return NULL;
    memcpy(out, dir, dl * sizeof(wchar_t));
    out[dl] = L'\\';
    memcpy(out + dl + 1, name, (nl + 1) * sizeof(wchar_t));
    return out;
}

wchar_t *wstr_path_dir(const wchar_t *path)
{
    wchar_t *out = wstr_dup(path);
    if (out == NULL)
        return NULL;
    wchar_t *cut = NULL;
    for (wchar_t *p = out; *p; p++)
        if (*p == L'\\' || *p == L'/')
            cut = p;
    if (cut != NULL) {
        if (cut == out + 2 && out[1] == L':')
            cut[1] = L'\0';      /* "C:\x.exe" -> "C:\" */
        else
            *cut = L'\0';
    }
    return out;
}

wchar_t *wstr_format(const wchar_t *format, ...)
{
    va_list args;
    va_start(args, format);
    wchar_t stack[1024];
    int n = _vsnwprintf(stack, 1024, format, args);
    va_end(args);
    if (n >= 0 && n < 1024) {
        stack[n] = L'\0';
        return wstr_dup(stack);
    }
    size_t size = 4096;
    for (;;) {
        wchar_t *buf = malloc(size * sizeof(wchar_t));
        if (buf == NULL)
            return NULL;
        va_start(args, format);
        n = _vsnwprintf(buf, size, format, args);
        va_end(args);
        if (n >= 0 && (size_t)n < size) {
            buf[n] = L'\0';
            return buf;
        }
        free(buf);
        if (size > (1u << 24))
            return NULL;
        size *= 4;
    }
}
