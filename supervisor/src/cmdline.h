/* Builds a CreateProcess command line whose CommandLineToArgvW split is exactly argv. */
#ifndef SVCFORGE_CMDLINE_H
#define SVCFORGE_CMDLINE_H

#include <stddef.h>

/* UTF-8 in, UTF-8 out; returns a malloc'd string or NULL on out-of-memory. */
char *cmdline_build(const char *program, const char *const *args, size_t arg_count);

/* The CommandLineToArgvW rules, portable, for tests: splits cmdline into a malloc'd
 * array of malloc'd strings; *count receives the length. */
char **cmdline_split(const char *cmdline, size_t *count);
void cmdline_free_split(char **argv, size_t count);

#endif
