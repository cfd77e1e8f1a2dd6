/* Builds a CreateProcess command line whose CommandLineToArgvW split is exactly argv. */
#ifndef SVCFORGE_CMDLINE_H
#define SVCFORGE_CMDLINE_H

#include <stddef.h>

/* UTF-8 in, UTF-8 out; returns a malloc'd string or NULL on out-of-memory.
 * program is always quoted and must not contain '"' (config_parse rejects that). */
char *cmdline_build(const char *program, const char *const *args, size_t arg_count);

/* The CommandLineToArgvW rules, portable, for tests: splits cmdline into a malloc'd
 * array of malloc'd strings; *count receives the length. argv[0] ends at the next
 * quote when it starts with one, else at the first whitespace; it has no escapes.
 * An empty cmdline gives count 0 (Windows would return the exe path). NULL = out of memory. */
char **cmdline_split(const char *cmdline, size_t *count);
void cmdline_free_split(char **argv, size_t count);

#endif
