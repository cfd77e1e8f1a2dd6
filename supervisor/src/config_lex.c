#include "config_lex.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "strbuf.h"
#include "utf8.h"

enum { DESCRIBE_MAX_BYTES = 48 };

static bool is_blank(char c)
{
    return c == ' ' || c == '\t';
}

/* Raw control characters must be written as escapes; tab is the one exception
 * because it is a blank. DEL is accepted as is. */
static bool is_forbidden_control(unsigned char c)
{
    return c < 0x20 && c != '\t';
}

void describe_bytes(const char *s, size_t length, char *out, size_t size)
{
    static const char hex[] = "0123456789ABCDEF";
    const unsigned char *bytes = (const unsigned char *)s;
    struct strbuf sb;
    strbuf_init(&sb);
    strbuf_append_char(&sb, '"');
    size_t at = 0;
    while (at < length && at < DESCRIBE_MAX_BYTES) {
        unsigned char c = bytes[at];
        size_t step = c >= 0x80 ? utf8_sequence_length(bytes + at, length - at) : 1;
        if (c == '"' || c == '\\') {
            char escaped[2] = { '\\', (char)c };
            strbuf_append(&sb, escaped, 2);
        } else if (c >= 0x20 && c < 0x7F) {
            strbuf_append_char(&sb, (char)c);
        } else if (c >= 0x80 && step > 0) {
            strbuf_append(&sb, s + at, step);
            at += step;
            continue;
        } else {
            char escaped[4] = { '\\', 'x', hex[c >> 4], hex[c & 15] };
            strbuf_append(&sb, escaped, 4);
        }
        at++;
    }
    strbuf_append_char(&sb, '"');
    if (at < length)
        strbuf_append_str(&sb, "...");
    if (size == 0)
        return;
    if (sb.failed || !sb.data) {
        snprintf(out, size, "(value)");
    } else {
        snprintf(out, size, "%s", sb.data);
    }
    strbuf_free(&sb);
}

static void fail(struct lexed_line *out, const char *format, unsigned value)
{
    out->kind = LINE_ERROR;
    snprintf(out->problem, sizeof out->problem, format, value);
}

static int hex_digit(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

/* Decodes the quoted value starting at s[0] == '"'. */
static void decode_quoted(const char *s, size_t length, struct lexed_line *out, struct strbuf *sb)
{
    size_t at = 1;
    for (;;) {
        if (at >= length) {
            fail(out, "missing closing quote; a quoted value must end with \" on the same line", 0);
            return;
        }
        unsigned char c = (unsigned char)s[at];
        if (c == '"')
            break;
        if (is_forbidden_control(c)) {
            out->kind = LINE_ERROR;
            snprintf(out->problem, sizeof out->problem,
                     "control character 0x%02X inside quotes; write it as \\x%02X", c, c);
            return;
        }
        if (c != '\\') {
            strbuf_append_char(sb, (char)c);
            at++;
            continue;
        }
        char next = at + 1 < length ? s[at + 1] : '\0';
        switch (next) {
        case '\\': strbuf_append_char(sb, '\\'); at += 2; continue;
        case '"': strbuf_append_char(sb, '"'); at += 2; continue;
        case 'n': strbuf_append_char(sb, '\n'); at += 2; continue;
        case 'r': strbuf_append_char(sb, '\r'); at += 2; continue;
        case 't': strbuf_append_char(sb, '\t'); at += 2; continue;
        case 'x': {
            int high = at + 2 < length ? hex_digit(s[at + 2]) : -1;
            int low = at + 3 < length ? hex_digit(s[at + 3]) : -1;
            if (high < 0 || low < 0) {
                fail(out, "\\x must be followed by two hex digits, as in \\x1B", 0);
                return;
            }
            if (high == 0 && low == 0) {
                fail(out, "\\x00 is a NUL byte, which is never valid", 0);
                return;
            }
            strbuf_append_char(sb, (char)(high * 16 + low));
            at += 4;
            continue;
        }
        default:
            out->kind = LINE_ERROR;
            if (next > ' ' && next < 0x7F)
                snprintf(out->problem, sizeof out->problem,
                         "invalid escape \\%c inside quotes; allowed are \\\\ \\\" \\n \\r \\t \\xHH "
                         "(write a backslash as \\\\)", next);
            else
                snprintf(out->problem, sizeof out->problem,
                         "a backslash inside quotes must start an escape: \\\\ \\\" \\n \\r \\t \\xHH "
                         "(write a backslash as \\\\)");
            return;
        }
    }
    for (size_t rest = at + 1; rest < length; rest++) {
        if (!is_blank(s[rest])) {
            fail(out, "text after the closing quote; put the whole value inside the quotes "
                      "and write inner quotes as \\\"", 0);
            return;
        }
    }
}

static void decode_bare(const char *s, size_t length, struct lexed_line *out, struct strbuf *sb)
{
    while (length > 0 && is_blank(s[length - 1]))
        length--;
    for (size_t i = 0; i < length; i++) {
        unsigned char c = (unsigned char)s[i];
        if (is_forbidden_control(c)) {
            out->kind = LINE_ERROR;
            snprintf(out->problem, sizeof out->problem,
                     "control character 0x%02X in a bare value; quote the value and write it as \\x%02X",
                     c, c);
            return;
        }
    }
    strbuf_append(sb, s, length);
}

void lex_line(const char *line, size_t length, struct lexed_line *out)
{
    memset(out, 0, sizeof *out);
    out->key = line;
    size_t at = 0;
    while (at < length && is_blank(line[at]))
        at++;
    if (at == length || line[at] == '#') {
        out->kind = LINE_SKIP;
        return;
    }
    size_t key_start = at;
    while (at < length && !is_blank(line[at]) && line[at] != '=')
        at++;
    out->key = line + key_start;
    out->key_length = at - key_start;
    while (at < length && is_blank(line[at]))
        at++;
    if ((at == length || line[at] != '=') && memchr(line, '\0', length)) {
        out->key_length = 0;
        fail(out, "NUL byte in the line; the file must be UTF-8 text (not UTF-16)", 0);
        return;
    }
    if (at == length || line[at] != '=') {
        char shown[80];
        describe_bytes(line + key_start, length - key_start, shown, sizeof shown);
        out->kind = LINE_ERROR;
        snprintf(out->problem, sizeof out->problem,
                 "expected \"key = value\"; got %s (comments start with #)", shown);
        out->key_length = 0;
        return;
    }
    if (out->key_length == 0) {
        fail(out, "missing key before \"=\"", 0);
        return;
    }
    if (memchr(line, '\0', length)) {
        if (memchr(out->key, '\0', out->key_length))
            out->key_length = 0;
        fail(out, "NUL byte in the line; the file must be UTF-8 text (not UTF-16)", 0);
        return;
    }
    at++;
    while (at < length && is_blank(line[at]))
        at++;

    struct strbuf sb;
    strbuf_init(&sb);
    out->kind = LINE_ENTRY;
    if (at < length && line[at] == '"')
        decode_quoted(line + at, length - at, out, &sb);
    else
        decode_bare(line + at, length - at, out, &sb);
    if (out->kind != LINE_ENTRY) {
        strbuf_free(&sb);
        return;
    }
    out->value_length = sb.length;
    out->value = strbuf_take(&sb);
    if (!out->value) {
        out->kind = LINE_NO_MEMORY;
        return;
    }
    if (!utf8_valid(out->value, out->value_length)) {
        free(out->value);
        out->value = NULL;
        fail(out, "value is not valid UTF-8; save the file as UTF-8", 0);
    }
}
