/* Splits one line of svcforge-host.conf into key and decoded value (FORMAT.md,
 * "Lines" and "Values"). Knows nothing about which keys exist. */
#ifndef SVCFORGE_CONFIG_LEX_H
#define SVCFORGE_CONFIG_LEX_H

#include <stddef.h>

enum line_kind { LINE_SKIP, LINE_ENTRY, LINE_ERROR, LINE_NO_MEMORY };

struct lexed_line {
    enum line_kind kind;
    const char *key;         /* points into the line; empty if none was found */
    size_t key_length;
    char *value;             /* LINE_ENTRY only: malloc'd, decoded, NUL-terminated */
    size_t value_length;     /* may contain no NUL: NUL is rejected */
    char problem[200];       /* LINE_ERROR only */
};

/* `line` excludes the line break; a trailing CR is the caller's to strip. */
void lex_line(const char *line, size_t length, struct lexed_line *out);

/* Writes a short, printable, quoted rendering of arbitrary bytes for messages:
 * control and invalid bytes become \xHH, long values are cut with "...". */
void describe_bytes(const char *s, size_t length, char *out, size_t size);

#endif
