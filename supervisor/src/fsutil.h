/* File-system helpers: create a folder tree, read a whole file. Failures are logged. */
#ifndef SVCFORGE_FSUTIL_H
#define SVCFORGE_FSUTIL_H

#include <stdbool.h>
#include <stddef.h>
#include <wchar.h>

bool fsutil_make_dirs(const wchar_t *dir);
/* Reads the whole file into a malloc'd buffer (NUL-terminated, *length excludes it).
 * On failure returns NULL and the Win32 error code in *error. Logs nothing: the caller
 * decides how to report (check mode wants "file:line: key: problem" style). */
char *fsutil_read_all(const wchar_t *path, size_t *length, unsigned long *error);

#endif
