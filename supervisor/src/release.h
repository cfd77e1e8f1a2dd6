/* Release mode (CONTRACT-RELEASES.md): release_root\<version>\ holds each release and
 * the pointer file (release_pointer) names the current one. Portable C, no Win32 types:
 * the host reads the pointer file and checks the disk; this decides what the text means. */
#ifndef SVCFORGE_RELEASE_H
#define SVCFORGE_RELEASE_H

#include <stdbool.h>
#include <stddef.h>

enum { RELEASE_VERSION_MAX = 64 };

/* A version usable as a folder name: [A-Za-z0-9][A-Za-z0-9._-]{0,63}, not ending in ".",
 * not a Windows device name (CON, PRN, AUX, NUL, COM1-9, LPT1-9, also with ".ext"). */
bool release_version_check(const char *version, char *problem, size_t size);

/* A path inside a release folder: non-empty, not absolute or drive-relative, no ".."
 * component, no ":" or double quote. */
bool release_check_relative(const char *value, char *problem, size_t size);

/* Pointer file text ("version = 1", "release = V"; the conf's line syntax). On success
 * copies the release into version_out (RELEASE_VERSION_MAX + 1 bytes) and returns true;
 * otherwise *line is the line at fault (0 = the whole file) and problem reads
 * "key: problem" or "problem". */
bool release_pointer_parse(const char *text, size_t length, char version_out[RELEASE_VERSION_MAX + 1],
                           unsigned *line, char *problem, size_t size);

/* root\version, or root\version\relative with "/" turned into "\"; relative may be NULL.
 * malloc'd; NULL when out of memory. */
char *release_path(const char *root, const char *version, const char *relative);

#endif
