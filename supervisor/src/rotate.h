/* Log rotation policy: when to rotate and what the rotated files are called.
 * Portable; the Win32 side does the renames and deletes it is told to. */
#ifndef SVCFORGE_ROTATE_H
#define SVCFORGE_ROTATE_H

#include <stddef.h>
#include <stdint.h>
#include <stdbool.h>

/* True when the file must be rotated before writing pending_bytes: size rotation
 * when current_size + pending_bytes > max_bytes (max_bytes > 0), daily rotation when
 * today != opened_day. An empty file is never rotated (it would only produce an
 * empty rotated file; a line longer than max_bytes still goes into a fresh file);
 * for an empty file on a new day the caller just sets opened_day = today.
 * Days are days since 1970-01-01 in local time, as the caller computes them. */
bool rotate_due(uint64_t current_size, uint64_t pending_bytes, uint64_t max_bytes,
                bool daily, int64_t opened_day, int64_t today);

/* Rotated name for `base` ("gin-hello.out.log"): "gin-hello.out.20261125T142400.123.log".
 * Timestamp parts are UTC. If `collision` > 0 a counter is added before the extension,
 * "gin-hello.out.20261125T142400.123_0001.log" (4 digits, 1..9999), so that names
 * sort lexically in the order they were made ("-N" would sort before the plain name).
 * The timestamp goes before the last extension; a base without one gets it appended.
 * Returns 0, or -1 if out is too small or a part is out of range. */
int rotate_name(const char *base, int year, int month, int day, int hour, int minute,
                int second, int millisecond, unsigned collision, char *out, size_t size);

/* Given rotated file names that belong to `base` (any order, other files ignored),
 * returns in *doomed the indexes of those to delete so that `keep` newest remain.
 * Returns the count written to doomed. keep == 0 keeps all. Indexes come oldest
 * first; if doomed_capacity is too small, the oldest ones are returned. Only names
 * exactly of rotate_name's form for this base count; the live file never does. */
size_t rotate_select_expired(const char *base, const char *const *names, size_t count,
                             uint32_t keep, size_t *doomed, size_t doomed_capacity);

#endif
