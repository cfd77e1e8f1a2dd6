/* Bytes a program appended to a file it writes itself (logio's direct mode): the
 * supervisor never sees those bytes, only the file's size, so it counts the growth
 * between looks. Portable; the Win32 side reads the size from its own handle. */
#ifndef SVCFORGE_SIZEMETER_H
#define SVCFORGE_SIZEMETER_H

#include <stdint.h>

struct size_meter {
    uint64_t last_size;    /* size at the previous look */
    uint64_t counted;      /* growth seen so far, over every file watched */
};

/* Watching a (possibly different) file from now on: what it already holds is not counted. */
void size_meter_rebase(struct size_meter *meter, uint64_t size_now);
/* Counts the growth since the previous look and returns the total. A file that shrank
 * was truncated or replaced behind the supervisor's back: all it holds now is new. */
uint64_t size_meter_observe(struct size_meter *meter, uint64_t size_now);

#endif
