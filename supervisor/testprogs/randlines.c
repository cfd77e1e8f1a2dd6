/* randlines.exe SEED LINES: writes LINES pseudo-random lines (lengths 0..200, now
 * and then up to 300,000 bytes; content 'a'+i%26 ... ) in pseudo-random WriteFile
 * sizes (1..100,000 bytes) that split lines anywhere; the last line has no newline.
 * Line content comes from xorshift32 seeded with SEED (chunking from a second
 * stream), so a test can rebuild the exact output from the seed. */
#include <stdlib.h>
#include "out.h"

static unsigned xorshift(unsigned *state)
{
    unsigned x = *state;
    x ^= x << 13;
    x ^= x >> 17;
    x ^= x << 5;
    return *state = x;
}

static unsigned line_rng, chunk_rng;   /* separate streams: content depends on the seed only */
static unsigned next(void) { return xorshift(&line_rng); }
static unsigned next_chunk(void) { return xorshift(&chunk_rng); }

int wmain(int argc, wchar_t **argv)
{
    line_rng = argc > 1 ? (unsigned)wcstoul(argv[1], NULL, 10) : 1;
    if (line_rng == 0)
        line_rng = 1;
    chunk_rng = line_rng * 7 + 1;
    unsigned long lines = argc > 2 ? wcstoul(argv[2], NULL, 10) : 1000;
    static char buf[1 << 20];
    size_t used = 0, chunk = next_chunk() % 100000 + 1;
    for (unsigned long i = 0; i < lines; i++) {
        unsigned r = next();
        size_t len = r % 16 == 0 ? next() % 300000 : next() % 201;
        for (size_t k = 0; k <= len; k++) {
            buf[used++] = k == len ? (i + 1 == lines ? 0 : '\n') : (char)('a' + (i + k) % 26);
            if (k == len && i + 1 == lines)
                used--;                      /* no newline after the last line */
            if (used >= chunk) {
                out_bytes(buf, used);
                used = 0;
                chunk = next_chunk() % 100000 + 1;
            }
        }
    }
    if (used > 0)
        out_bytes(buf, used);
    return 0;
}
