/* File-system helpers: create a folder tree, read a whole file. They log nothing: each
 * returns what failed, and the caller decides how to report it (hostlog uses them). */
#ifndef SVCFORGE_FSUTIL_H
#define SVCFORGE_FSUTIL_H

#include <stdbool.h>
#include <stddef.h>
#include <wchar.h>

/* Creates dir and any missing parents. On failure returns false; when a CreateDirectoryW
 * failed, *error is its Win32 error and `failed` (size characters, cut to fit) the folder
 * it could not create; *error is 0 when memory ran out before any call. */
bool fsutil_make_dirs(const wchar_t *dir, unsigned long *error, wchar_t *failed, size_t size);
/* Reads the whole file into a malloc'd buffer (NUL-terminated, *length excludes it).
 * On failure returns NULL and the Win32 error code in *error. Logs nothing: the caller
 * decides how to report (check mode wants "file:line: key: problem" style). */
char *fsutil_read_all(const wchar_t *path, size_t *length, unsigned long *error);

#endif
