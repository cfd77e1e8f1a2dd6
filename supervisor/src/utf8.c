#include "utf8.h"

static bool continuation(unsigned char c)
{
    return (c & 0xC0) == 0x80;
}

size_t utf8_sequence_length(const unsigned char *s, size_t available)
{
    if (available == 0)
        return 0;
    unsigned char c = s[0];
    if (c < 0x80)
        return 1;
    /* Allowed second-byte ranges per the Unicode table of well-formed sequences. */
    unsigned char low = 0x80, high = 0xBF;
    size_t length;
    if (c >= 0xC2 && c <= 0xDF) {
        length = 2;
    } else if (c >= 0xE0 && c <= 0xEF) {
        length = 3;
        if (c == 0xE0)
            low = 0xA0;          /* overlong */
        if (c == 0xED)
            high = 0x9F;         /* surrogates */
    } else if (c >= 0xF0 && c <= 0xF4) {
        length = 4;
        if (c == 0xF0)
            low = 0x90;          /* overlong */
        if (c == 0xF4)
            high = 0x8F;         /* above U+10FFFF */
    } else {
        return 0;
    }
    if (available < length || s[1] < low || s[1] > high)
        return 0;
    for (size_t i = 2; i < length; i++)
        if (!continuation(s[i]))
            return 0;
    return length;
}

bool utf8_valid(const char *s, size_t length)
{
    const unsigned char *bytes = (const unsigned char *)s;
    size_t at = 0;
    while (at < length) {
        size_t step = utf8_sequence_length(bytes + at, length - at);
        if (step == 0)
            return false;
        at += step;
    }
    return true;
}
