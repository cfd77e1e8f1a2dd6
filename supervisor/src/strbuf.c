#include "strbuf.h"

#include <stdlib.h>
#include <string.h>

void strbuf_init(struct strbuf *sb)
{
    sb->data = NULL;
    sb->length = 0;
    sb->capacity = 0;
    sb->failed = false;
}

void strbuf_free(struct strbuf *sb)
{
    free(sb->data);
    strbuf_init(sb);
}

static bool reserve(struct strbuf *sb, size_t extra)
{
    if (sb->failed)
        return false;
    if (extra > SIZE_MAX - sb->length - 1) {
        sb->failed = true;
        return false;
    }
    size_t needed = sb->length + extra + 1;
    if (needed <= sb->capacity)
        return true;
    size_t capacity = sb->capacity ? sb->capacity : 64;
    while (capacity < needed)
        capacity = capacity > SIZE_MAX / 2 ? needed : capacity * 2;
    char *grown = realloc(sb->data, capacity);
    if (!grown) {
        sb->failed = true;
        return false;
    }
    sb->data = grown;
    sb->capacity = capacity;
    return true;
}

void strbuf_append(struct strbuf *sb, const char *bytes, size_t count)
{
    if (!reserve(sb, count))
        return;
    if (count)
        memcpy(sb->data + sb->length, bytes, count);
    sb->length += count;
    sb->data[sb->length] = '\0';
}

void strbuf_append_str(struct strbuf *sb, const char *text)
{
    strbuf_append(sb, text, strlen(text));
}

void strbuf_append_char(struct strbuf *sb, char c)
{
    strbuf_append(sb, &c, 1);
}

void strbuf_append_u64(struct strbuf *sb, uint64_t value)
{
    char digits[21];
    size_t at = sizeof digits;
    do {
        digits[--at] = (char)('0' + value % 10);
        value /= 10;
    } while (value);
    strbuf_append(sb, digits + at, sizeof digits - at);
}

void strbuf_append_i64(struct strbuf *sb, int64_t value)
{
    if (value < 0) {
        strbuf_append_char(sb, '-');
        strbuf_append_u64(sb, (uint64_t)0 - (uint64_t)value);
    } else {
        strbuf_append_u64(sb, (uint64_t)value);
    }
}

char *strbuf_take(struct strbuf *sb)
{
    char *result = NULL;
    if (!sb->failed) {
        if (!sb->data && reserve(sb, 0))
            sb->data[0] = '\0';
        result = sb->failed ? NULL : sb->data;
    }
    if (!result)
        free(sb->data);
    strbuf_init(sb);
    return result;
}

char *string_copy(const char *text)
{
    size_t size = strlen(text) + 1;
    char *copy = malloc(size);
    if (copy)
        memcpy(copy, text, size);
    return copy;
}
