/* A tiny test harness: a test case is a function taking the run context; the run
 * counts cases that passed and failed. Checks report file:line and keep going. */
#ifndef SVCFORGE_TEST_CHECK_H
#define SVCFORGE_TEST_CHECK_H

#include <inttypes.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

struct test_run {
    unsigned passed;
    unsigned failed;
    const char *current;             /* description of the running case */
    bool current_failed;
    const char *test_dir;            /* supervisor/test, for golden files */
    const char *conf_dump;           /* path of the built conf-dump tool */
};

static inline bool check_report(struct test_run *t, bool ok, const char *file, int line,
                                const char *what)
{
    if (!ok) {
        if (!t->current_failed)
            printf("FAIL: %s\n", t->current);
        printf("  %s:%d: %s\n", file, line, what);
        t->current_failed = true;
    }
    return ok;
}

static inline bool check_str(struct test_run *t, const char *actual, const char *expected,
                             const char *expression, const char *file, int line)
{
    bool ok = actual && expected ? strcmp(actual, expected) == 0 : actual == expected;
    if (!ok) {
        check_report(t, false, file, line, expression);
        printf("    expected: %s\n    actual:   %s\n", expected ? expected : "(null)",
               actual ? actual : "(null)");
    }
    return ok;
}

static inline bool check_u64(struct test_run *t, uint64_t actual, uint64_t expected,
                             const char *expression, const char *file, int line)
{
    if (actual != expected) {
        check_report(t, false, file, line, expression);
        printf("    expected: %" PRIu64 "\n    actual:   %" PRIu64 "\n", expected, actual);
    }
    return actual == expected;
}

#define CHECK(t, condition) check_report((t), (condition), __FILE__, __LINE__, #condition)
#define CHECK_STR(t, actual, expected) \
    check_str((t), (actual), (expected), #actual " == " #expected, __FILE__, __LINE__)
#define CHECK_U64(t, actual, expected) \
    check_u64((t), (uint64_t)(actual), (uint64_t)(expected), #actual " == " #expected, __FILE__, __LINE__)

static inline void run_case(struct test_run *t, void (*test)(struct test_run *), const char *description)
{
    t->current = description;
    t->current_failed = false;
    test(t);
    if (t->current_failed)
        t->failed++;
    else
        t->passed++;
}

#define RUN(t, function, description) run_case((t), (function), (description))

/* One per test file, called by test_main.c. */
void suite_config(struct test_run *t);
void suite_config_errors(struct test_run *t);
void suite_backoff(struct test_run *t);
void suite_rotate(struct test_run *t);
void suite_cmdline(struct test_run *t);
void suite_json(struct test_run *t);
void suite_golden(struct test_run *t);
void suite_release(struct test_run *t);
void suite_metrics(struct test_run *t);
void suite_sizemeter(struct test_run *t);

#endif
