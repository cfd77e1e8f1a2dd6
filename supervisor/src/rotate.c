#include "rotate.h"

#include <stdio.h>
#include <string.h>

enum { STAMP_LENGTH = 19, COUNTER_DIGITS = 4, COUNTER_MAX = 9999 };  /* YYYYMMDDTHHMMSS.mmm */

bool rotate_due(uint64_t current_size, uint64_t pending_bytes, uint64_t max_bytes,
                bool daily, int64_t opened_day, int64_t today)
{
    if (current_size == 0)
        return false;
    if (daily && today != opened_day)
        return true;
    if (max_bytes == 0)
        return false;
    return pending_bytes > max_bytes || current_size > max_bytes - pending_bytes;
}

/* Length of the stem: base without its last extension (the whole base if it has none). */
static size_t stem_length(const char *base)
{
    const char *dot = strrchr(base, '.');
    return dot && dot != base ? (size_t)(dot - base) : strlen(base);
}

int rotate_name(const char *base, int year, int month, int day, int hour, int minute,
                int second, int millisecond, unsigned collision, char *out, size_t size)
{
    if (year < 0 || year > 9999 || month < 1 || month > 12 || day < 1 || day > 31
        || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 60
        || millisecond < 0 || millisecond > 999 || collision > COUNTER_MAX)
        return -1;
    size_t stem = stem_length(base);
    char counter[8] = "";
    if (collision > 0)
        snprintf(counter, sizeof counter, "_%04u", collision);
    int written = snprintf(out, size, "%.*s.%04d%02d%02dT%02d%02d%02d.%03d%s%s",
                           (int)stem, base, year, month, day, hour, minute, second,
                           millisecond, counter, base + stem);
    return written < 0 || (size_t)written >= size ? -1 : 0;
}

static bool digits(const char *s, size_t count)
{
    for (size_t i = 0; i < count; i++)
        if (s[i] < '0' || s[i] > '9')
            return false;
    return true;
}

/* Whether `name` is stem + "." + stamp [+ "_NNNN"] + extension, for this base. */
static bool is_rotated_name(const char *base, const char *name)
{
    size_t stem = stem_length(base);
    const char *extension = base + stem;
    size_t extension_length = strlen(extension);
    size_t length = strlen(name);
    if (length < stem + 1 + STAMP_LENGTH + extension_length)
        return false;
    if (memcmp(name, base, stem) != 0 || name[stem] != '.')
        return false;
    const char *stamp = name + stem + 1;
    if (!digits(stamp, 8) || stamp[8] != 'T' || !digits(stamp + 9, 6) || stamp[15] != '.'
        || !digits(stamp + 16, 3))
        return false;
    const char *rest = stamp + STAMP_LENGTH;
    size_t rest_length = length - stem - 1 - STAMP_LENGTH;
    if (rest_length == extension_length + 1 + COUNTER_DIGITS && rest[0] == '_'
        && digits(rest + 1, COUNTER_DIGITS)) {
        rest += 1 + COUNTER_DIGITS;
        rest_length -= 1 + COUNTER_DIGITS;
    }
    return rest_length == extension_length && memcmp(rest, extension, extension_length) == 0;
}

size_t rotate_select_expired(const char *base, const char *const *names, size_t count,
                             uint32_t keep, size_t *doomed, size_t doomed_capacity)
{
    if (keep == 0 || doomed_capacity == 0)
        return 0;
    size_t written = 0;
    for (size_t i = 0; i < count; i++) {
        if (!names[i] || !is_rotated_name(base, names[i]))
            continue;
        size_t newer = 0;
        for (size_t j = 0; j < count && newer < keep; j++)
            if (j != i && names[j] && is_rotated_name(base, names[j])
                && (strcmp(names[j], names[i]) > 0 || (strcmp(names[j], names[i]) == 0 && j > i)))
                newer++;
        if (newer < keep)
            continue;
        /* Insert in oldest-first order, dropping the newest when full. */
        size_t at = written;
        while (at > 0 && strcmp(names[doomed[at - 1]], names[i]) > 0)
            at--;
        if (at >= doomed_capacity)
            continue;
        size_t end = written < doomed_capacity ? written : doomed_capacity - 1;
        memmove(doomed + at + 1, doomed + at, (end - at) * sizeof *doomed);
        doomed[at] = i;
        if (written < doomed_capacity)
            written++;
    }
    return written;
}
