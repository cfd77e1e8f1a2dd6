/* Runs every suite. Usage: tests TEST_DIR CONF_DUMP (both absolute paths). The last line printed is
 * "c-tests: N passed, N failed"; the exit status is non-zero if any case failed. */
#include <stdio.h>
#include "check.h"

#if defined(__has_include)
#if __has_include(<sanitizer/lsan_interface.h>) && defined(__SANITIZE_ADDRESS__)
#include <sanitizer/lsan_interface.h>
#define HAVE_LEAK_CHECK 1
#endif
#endif

#ifdef HAVE_LEAK_CHECK
static void no_leaks(struct test_run *t)
{
    CHECK(t, __lsan_do_recoverable_leak_check() == 0);
}
#endif

int main(int argc, char **argv)
{
    struct test_run t = { 0 };
    t.test_dir = argc > 1 ? argv[1] : "test";
    t.conf_dump = argc > 2 ? argv[2] : "build/native/conf-dump";
    suite_config(&t);
    suite_config_errors(&t);
    suite_backoff(&t);
    suite_rotate(&t);
    suite_cmdline(&t);
    suite_json(&t);
    suite_golden(&t);
    suite_release(&t);
    suite_metrics(&t);
    suite_sizemeter(&t);
#ifdef HAVE_LEAK_CHECK
    RUN(&t, no_leaks, "nothing the tests allocated through the portable code is leaked");
#endif
    fflush(stdout);
    printf("c-tests: %u passed, %u failed\n", t.passed, t.failed);
    return t.failed == 0 ? 0 : 1;
}
