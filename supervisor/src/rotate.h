/* Log rotation policy: when to rotate and what the rotated files are called.
 * Portable; the Win32 side does the renames and deletes it is told to. */
#ifndef SVCFORGE_ROTATE_H
#define SVCFORGE_ROTATE_H

#include <stddef.h>
#include <stdint.h>
#include <stdbool.h>

/* Days since 1970-01-01 in local time, as the caller computes it. */
bool rotate_due(uint64_t current_size, uint64_t pending_bytes, uint64_t max_bytes,
                bool daily, int64_t opened_day, int64_t today);

/* Rotated name for `base` ("gin-hello.out.log"): "gin-hello.out.20261125T142400.123.log".
 * Timestamp parts are UTC. A counter suffix "-N" is appended if `collision` > 0. */
int rotate_name(const char *base, int year, int month, int day, int hour, int minute,
                int second, int millisecond, unsigned collision, char *out, size_t size);

/* Given rotated file names that belong to `base` (any order, other files ignored),
 * returns in *doomed the indexes of those to delete so that `keep` newest remain.
 * Returns the count written to doomed. keep == 0 keeps all. */
size_t rotate_select_expired(const char *base, const char *const *names, size_t count,
                             uint32_t keep, size_t *doomed, size_t doomed_capacity);

#endif
