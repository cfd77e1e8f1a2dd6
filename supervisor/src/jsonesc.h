/* JSON text pieces: string escaping and literals, appended to a strbuf. */
#ifndef SVCFORGE_JSONESC_H
#define SVCFORGE_JSONESC_H

#include <stddef.h>
#include <stdint.h>
#include "strbuf.h"

/* Appends `s` as a quoted JSON string. Valid UTF-8 is copied as is; control
 * characters, `"` and `\` are escaped; bytes that are not valid UTF-8 become
 * U+FFFD, so the output is always valid JSON in valid UTF-8. */
void json_append_string(struct strbuf *sb, const char *s, size_t length);

/* Same for a NUL-terminated string; NULL becomes the literal null. */
void json_append_cstring_or_null(struct strbuf *sb, const char *s);

#endif
