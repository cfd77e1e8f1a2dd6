/* Counting the bytes a program appends to its own log file from the file's size. */
#include "check.h"
#include "sizemeter.h"

static void counts_growth_between_looks_not_what_was_there(struct test_run *t)
{
    struct size_meter m = { 0 };
    size_meter_rebase(&m, 1000);              /* an old log the program appends to */
    CHECK_U64(t, size_meter_observe(&m, 1000), 0);
    CHECK_U64(t, size_meter_observe(&m, 1054), 54);
    CHECK_U64(t, size_meter_observe(&m, 1054), 54);
    CHECK_U64(t, size_meter_observe(&m, 2054), 1054);
}

static void keeps_the_total_across_files(struct test_run *t)
{
    struct size_meter m = { 0 };
    size_meter_rebase(&m, 0);
    CHECK_U64(t, size_meter_observe(&m, 500), 500);
    /* rotated at the next start: the fresh file is empty, the count goes on */
    size_meter_rebase(&m, 0);
    CHECK_U64(t, size_meter_observe(&m, 20), 520);
    /* not rotated: the next run appends to the 20 bytes already counted */
    size_meter_rebase(&m, 20);
    CHECK_U64(t, size_meter_observe(&m, 30), 530);
}

static void counts_a_truncated_file_from_zero(struct test_run *t)
{
    struct size_meter m = { 0 };
    size_meter_rebase(&m, 0);
    CHECK_U64(t, size_meter_observe(&m, 800), 800);
    /* someone emptied the file and the program wrote 100 bytes since */
    CHECK_U64(t, size_meter_observe(&m, 100), 900);
    CHECK_U64(t, size_meter_observe(&m, 150), 950);
}

void suite_sizemeter(struct test_run *t)
{
    RUN(t, counts_growth_between_looks_not_what_was_there, "size meter: counts the growth between looks, not what the file held");
    RUN(t, keeps_the_total_across_files, "size meter: the total goes on across rotated files and restarts");
    RUN(t, counts_a_truncated_file_from_zero, "size meter: a file truncated behind its back counts from zero");
}
