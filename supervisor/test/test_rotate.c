/* rotate_due, rotate_name, rotate_select_expired. */
#include <stdlib.h>
#include "check.h"
#include "rotate.h"

static void rotates_by_size_only_when_the_write_would_pass_the_limit(struct test_run *t)
{
    CHECK(t, !rotate_due(900, 100, 1000, false, 0, 0));
    CHECK(t, rotate_due(901, 100, 1000, false, 0, 0));
    CHECK(t, rotate_due(1, 5000, 1000, false, 0, 0));
    CHECK(t, !rotate_due(0, 5000, 1000, false, 0, 0));        /* an empty file takes the long line */
    CHECK(t, !rotate_due(UINT64_MAX - 1, 1, 0, false, 0, 0));  /* 0 = size rotation off */
    CHECK(t, rotate_due(UINT64_MAX, UINT64_MAX, UINT64_MAX, false, 0, 0));
}

static void rotates_daily_at_the_first_write_of_a_new_day(struct test_run *t)
{
    CHECK(t, !rotate_due(10, 1, 0, true, 20000, 20000));
    CHECK(t, rotate_due(10, 1, 0, true, 20000, 20001));
    CHECK(t, !rotate_due(10, 1, 0, false, 20000, 20001));
    CHECK(t, !rotate_due(0, 1, 0, true, 20000, 20001));
}

static void names_rotated_files_with_a_utc_stamp_before_the_extension(struct test_run *t)
{
    char name[128];
    CHECK(t, rotate_name("gin-hello.out.log", 2026, 11, 25, 14, 24, 0, 123, 0, name, sizeof name) == 0);
    CHECK_STR(t, name, "gin-hello.out.20261125T142400.123.log");
    CHECK(t, rotate_name("gin-hello.out.log", 2026, 1, 2, 3, 4, 5, 6, 7, name, sizeof name) == 0);
    CHECK_STR(t, name, "gin-hello.out.20260102T030405.006_0007.log");
    CHECK(t, rotate_name("noext", 2026, 1, 2, 3, 4, 5, 6, 0, name, sizeof name) == 0);
    CHECK_STR(t, name, "noext.20260102T030405.006");
    CHECK(t, rotate_name(".hidden", 2026, 1, 2, 3, 4, 5, 6, 0, name, sizeof name) == 0);
    CHECK_STR(t, name, ".hidden.20260102T030405.006");
}

static void refuses_a_small_buffer_or_out_of_range_parts(struct test_run *t)
{
    char name[20];
    CHECK(t, rotate_name("gin-hello.out.log", 2026, 11, 25, 14, 24, 0, 123, 0, name, sizeof name) == -1);
    char big[128];
    CHECK(t, rotate_name("a.log", 2026, 13, 1, 0, 0, 0, 0, 0, big, sizeof big) == -1);
    CHECK(t, rotate_name("a.log", 2026, 1, 1, 0, 0, 0, 1000, 0, big, sizeof big) == -1);
    CHECK(t, rotate_name("a.log", 2026, 1, 1, 0, 0, 0, 0, 10000, big, sizeof big) == -1);
}

static void names_sort_lexically_in_creation_order(struct test_run *t)
{
    const int stamps[][8] = { { 2025, 12, 31, 23, 59, 59, 999, 0 }, { 2026, 1, 1, 0, 0, 0, 0, 0 },
                              { 2026, 1, 1, 0, 0, 0, 0, 1 }, { 2026, 1, 1, 0, 0, 0, 0, 2 },
                              { 2026, 1, 1, 0, 0, 0, 0, 10 }, { 2026, 1, 1, 0, 0, 0, 1, 0 },
                              { 2026, 1, 1, 0, 0, 1, 0, 0 }, { 2026, 10, 1, 0, 0, 0, 0, 0 } };
    char previous[128] = "";
    for (size_t i = 0; i < sizeof stamps / sizeof stamps[0]; i++) {
        char name[128];
        const int *s = stamps[i];
        rotate_name("app.err.log", s[0], s[1], s[2], s[3], s[4], s[5], s[6], (unsigned)s[7], name, sizeof name);
        CHECK(t, strcmp(previous, name) < 0);
        strcpy(previous, name);
    }
}

static void deletes_the_oldest_beyond_keep_and_ignores_other_files(struct test_run *t)
{
    const char *names[] = {
        "app.out.20260103T000000.000.log",       /* 0 */
        "app.out.log",                           /* 1: the live file */
        "app.out.20260101T000000.000.log",       /* 2 oldest */
        "app.err.20260101T000000.000.log",       /* 3: another log */
        "app.out.20260102T000000.000_0001.log",  /* 4 */
        "app.out.20260102T000000.000.log",       /* 5 */
        "app.out.2026010T000000.000.log",        /* 6: malformed */
        "app.out.20260104T000000.000.log.tmp",   /* 7: not ours */
        "xapp.out.20260101T000000.000.log",      /* 8: other base */
        NULL,                                    /* 9 */
        "app.out.20260101T000000.000_abcd.log",  /* 10: malformed counter */
    };
    size_t doomed[16];
    size_t count = rotate_select_expired("app.out.log", names, 11, 2, doomed, 16);
    if (CHECK_U64(t, count, 2)) {
        CHECK_U64(t, doomed[0], 2);
        CHECK_U64(t, doomed[1], 5);
    }
    CHECK_U64(t, rotate_select_expired("app.out.log", names, 11, 0, doomed, 16), 0);
    CHECK_U64(t, rotate_select_expired("app.out.log", names, 11, 4, doomed, 16), 0);
    count = rotate_select_expired("app.out.log", names, 11, 1, doomed, 2);
    if (CHECK_U64(t, count, 2)) {
        CHECK_U64(t, doomed[0], 2);
        CHECK_U64(t, doomed[1], 5);
    }
}

static void keeps_exactly_keep_files_for_any_order(struct test_run *t)
{
    char storage[40][64];
    const char *names[40];
    uint32_t random = 7;
    for (int round = 0; round < 200; round++) {
        size_t count = 1 + round % 40;
        for (size_t i = 0; i < count; i++) {
            random = random * 1664525u + 1013904223u;
            rotate_name("svc.log", 2026, 1 + (int)(random % 12), 1 + (int)(random >> 8) % 28, 0, 0, 0,
                        (int)(random >> 16) % 1000, (random >> 28) % 3, storage[i], sizeof storage[i]);
            names[i] = storage[i];
        }
        uint32_t keep = 1 + (uint32_t)round % 7;
        size_t doomed[40];
        size_t removed = rotate_select_expired("svc.log", names, count, keep, doomed, 40);
        CHECK_U64(t, removed, count > keep ? count - keep : 0);
        /* every survivor is at least as new as every doomed file */
        bool gone[40] = { false };
        for (size_t d = 0; d < removed; d++)
            gone[doomed[d]] = true;
        for (size_t d = 0; d + 1 < removed; d++)
            CHECK(t, strcmp(names[doomed[d]], names[doomed[d + 1]]) <= 0);
        for (size_t i = 0; i < count; i++)
            for (size_t j = 0; j < count; j++)
                if (gone[i] && !gone[j])
                    CHECK(t, strcmp(names[i], names[j]) <= 0);
    }
}

void suite_rotate(struct test_run *t)
{
    RUN(t, rotates_by_size_only_when_the_write_would_pass_the_limit, "rotates by size only when the write would pass the limit");
    RUN(t, rotates_daily_at_the_first_write_of_a_new_day, "rotates daily at the first write of a new local day");
    RUN(t, names_rotated_files_with_a_utc_stamp_before_the_extension, "names rotated files with a stamp before the extension");
    RUN(t, refuses_a_small_buffer_or_out_of_range_parts, "refuses a small buffer or out-of-range time parts");
    RUN(t, names_sort_lexically_in_creation_order, "rotated names sort lexically in creation order, counters included");
    RUN(t, deletes_the_oldest_beyond_keep_and_ignores_other_files, "deletes the oldest beyond keep and ignores other files");
    RUN(t, keeps_exactly_keep_files_for_any_order, "keeps exactly the newest keep files for any input order");
}
