#include "jsonesc.h"

#include <string.h>
#include "utf8.h"

static void append_control(struct strbuf *sb, unsigned char c)
{
    static const char hex[] = "0123456789abcdef";
    switch (c) {
    case '\b': strbuf_append(sb, "\\b", 2); return;
    case '\f': strbuf_append(sb, "\\f", 2); return;
    case '\n': strbuf_append(sb, "\\n", 2); return;
    case '\r': strbuf_append(sb, "\\r", 2); return;
    case '\t': strbuf_append(sb, "\\t", 2); return;
    default: {
        char escaped[6] = { '\\', 'u', '0', '0', hex[c >> 4], hex[c & 15] };
        strbuf_append(sb, escaped, sizeof escaped);
    }
    }
}

void json_append_string(struct strbuf *sb, const char *s, size_t length)
{
    const unsigned char *bytes = (const unsigned char *)s;
    strbuf_append_char(sb, '"');
    size_t run_start = 0, at = 0;
    while (at < length) {
        unsigned char c = bytes[at];
        if (c >= 0x20 && c != '"' && c != '\\' && c < 0x80) {
            at++;
            continue;
        }
        size_t step = c < 0x80 ? 1 : utf8_sequence_length(bytes + at, length - at);
        if (c >= 0x80 && step > 0) {
            at += step;
            continue;
        }
        strbuf_append(sb, s + run_start, at - run_start);
        if (c == '"' || c == '\\') {
            char escaped[2] = { '\\', (char)c };
            strbuf_append(sb, escaped, 2);
        } else if (c < 0x20) {
            append_control(sb, c);
        } else {
            strbuf_append_str(sb, "\xEF\xBF\xBD"); /* U+FFFD for an invalid byte */
        }
        at++;
        run_start = at;
    }
    strbuf_append(sb, s + run_start, at - run_start);
    strbuf_append_char(sb, '"');
}

void json_append_cstring_or_null(struct strbuf *sb, const char *s)
{
    if (s)
        json_append_string(sb, s, strlen(s));
    else
        strbuf_append_str(sb, "null");
}
