/* A growable byte string. Appends after an allocation failure are ignored and
 * `failed` stays set, so callers check once at the end instead of after each append. */
#ifndef SVCFORGE_STRBUF_H
#define SVCFORGE_STRBUF_H

#include <stddef.h>
#include <stdbool.h>
#include <stdint.h>

struct strbuf {
    char *data;              /* always NUL-terminated when not NULL */
    size_t length;
    size_t capacity;
    bool failed;             /* an allocation failed; contents are incomplete */
};

void strbuf_init(struct strbuf *sb);
void strbuf_free(struct strbuf *sb);
void strbuf_append(struct strbuf *sb, const char *bytes, size_t count);
void strbuf_append_str(struct strbuf *sb, const char *text);
void strbuf_append_char(struct strbuf *sb, char c);
void strbuf_append_u64(struct strbuf *sb, uint64_t value);
void strbuf_append_i64(struct strbuf *sb, int64_t value);

/* A malloc'd copy of text, or NULL when out of memory (strdup is not C11). */
char *string_copy(const char *text);

/* Hands the string to the caller (NULL if any append failed) and resets sb. */
char *strbuf_take(struct strbuf *sb);

#endif
