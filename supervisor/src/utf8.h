/* Strict UTF-8 checks (no overlong forms, no surrogates, nothing above U+10FFFF),
 * so every accepted string converts cleanly with MultiByteToWideChar(MB_ERR_INVALID_CHARS). */
#ifndef SVCFORGE_UTF8_H
#define SVCFORGE_UTF8_H

#include <stddef.h>
#include <stdbool.h>

/* Length in bytes of the valid UTF-8 sequence at s (at most `available` bytes),
 * or 0 if the bytes there are not valid UTF-8. */
size_t utf8_sequence_length(const unsigned char *s, size_t available);

bool utf8_valid(const char *s, size_t length);

#endif
