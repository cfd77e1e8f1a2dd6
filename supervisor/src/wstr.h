/* UTF-8 <-> UTF-16 conversion and small path helpers. Every string returned is
 * malloc'd and owned by the caller (free()). NULL in -> NULL out. */
#ifndef SVCFORGE_WSTR_H
#define SVCFORGE_WSTR_H

#include <wchar.h>
#include <stddef.h>

wchar_t *wstr_from_utf8(const char *text);
char *wstr_to_utf8(const wchar_t *text);
/* Converts `length` UTF-16 units (no terminator needed); *out_length gets the bytes. */
char *wstr_to_utf8_n(const wchar_t *text, size_t length, size_t *out_length);
wchar_t *wstr_dup(const wchar_t *text);
/* dir + "\" + name (no doubled separator). */
wchar_t *wstr_path_join(const wchar_t *dir, const wchar_t *name);
/* The folder part of a path ("C:\a\b.exe" -> "C:\a"); the path itself when it has none. */
wchar_t *wstr_path_dir(const wchar_t *path);
/* Formats into a malloc'd wide string. */
wchar_t *wstr_format(const wchar_t *format, ...);

#endif
