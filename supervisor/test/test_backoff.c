/* backoff_on_exit: restart decisions, delays, jitter and giving up. */
#include "check.h"
#include "backoff.h"

static struct config policy(enum restart_policy restart)
{
    struct config c;
    memset(&c, 0, sizeof c);
    c.restart = restart;
    c.backoff_initial_ms = 1000;
    c.backoff_max_ms = 60000;
    c.backoff_reset_ms = 300000;
    c.backoff_jitter_percent = 0;
    c.give_up_window_ms = 600000;
    return c;
}

/* One crash of a child that ran `ran_ms`, exiting at `now`. */
static enum restart_decision crash(struct backoff_state *s, const struct config *c, uint64_t now,
                                   uint64_t ran_ms, int64_t code, uint64_t *delay)
{
    return backoff_on_exit(s, c, code, false, now - ran_ms, now, 0, delay);
}

static void doubles_the_delay_after_each_failure_up_to_the_cap(struct test_run *t)
{
    struct config c = policy(RESTART_ON_FAILURE);
    struct backoff_state s;
    backoff_init(&s, &c);
    const uint64_t expected[] = { 1000, 2000, 4000, 8000, 16000, 32000, 60000, 60000, 60000 };
    uint64_t now = 1000000;
    for (size_t i = 0; i < sizeof expected / sizeof expected[0]; i++) {
        uint64_t delay = 0;
        now += 5000;
        CHECK(t, crash(&s, &c, now, 10, 1, &delay) == DECISION_RESTART);
        CHECK_U64(t, delay, expected[i]);
    }
    CHECK_U64(t, s.restarts_total, 9);
}

static void resets_to_the_initial_delay_after_stable_uptime(struct test_run *t)
{
    struct config c = policy(RESTART_ON_FAILURE);
    struct backoff_state s;
    backoff_init(&s, &c);
    uint64_t delay = 0, now = 10000000;
    for (int i = 0; i < 5; i++)
        crash(&s, &c, now += 1000, 10, 1, &delay);
    CHECK_U64(t, delay, 16000);
    CHECK(t, crash(&s, &c, now += 400000, 299999, 1, &delay) == DECISION_RESTART);
    CHECK_U64(t, delay, 32000);
    CHECK(t, crash(&s, &c, now += 400000, 300000, 1, &delay) == DECISION_RESTART);
    CHECK_U64(t, delay, 1000);
    CHECK(t, crash(&s, &c, now += 1000, 10, 1, &delay) == DECISION_RESTART);
    CHECK_U64(t, delay, 2000);
}

static void keeps_jitter_within_the_configured_percentage(struct test_run *t)
{
    struct config c = policy(RESTART_ALWAYS);
    c.backoff_jitter_percent = 10;
    c.backoff_initial_ms = 10000;
    c.backoff_max_ms = 10000;
    uint64_t low = UINT64_MAX, high = 0;
    uint32_t random = 12345;
    for (int i = 0; i < 20000; i++) {
        struct backoff_state s;
        backoff_init(&s, &c);
        random = random * 1664525u + 1013904223u;
        uint64_t delay = 0;
        backoff_on_exit(&s, &c, 1, false, 0, 10, random, &delay);
        low = delay < low ? delay : low;
        high = delay > high ? delay : high;
    }
    CHECK(t, low >= 9000 && high <= 11000);
    CHECK(t, low < 9100 && high > 10900);        /* the spread is actually used */
    struct backoff_state s;
    uint64_t delay = 0;
    backoff_init(&s, &c);
    backoff_on_exit(&s, &c, 1, false, 0, 10, 0, &delay);
    CHECK_U64(t, delay, 9000);
    backoff_init(&s, &c);
    backoff_on_exit(&s, &c, 1, false, 0, 10, 2000, &delay);
    CHECK_U64(t, delay, 11000);
    c.backoff_jitter_percent = 100;
    c.backoff_initial_ms = c.backoff_max_ms = UINT64_MAX;
    backoff_init(&s, &c);
    backoff_on_exit(&s, &c, 1, false, 0, 10, UINT32_MAX, &delay);
    CHECK(t, delay > 0);                          /* no overflow wrapping to a tiny delay */
}

static void restarts_on_failure_only_for_a_non_zero_exit(struct test_run *t)
{
    struct config c = policy(RESTART_ON_FAILURE);
    struct backoff_state s;
    backoff_init(&s, &c);
    uint64_t delay = 0;
    CHECK(t, backoff_on_exit(&s, &c, 0, false, 0, 100, 0, &delay) == DECISION_STOP);
    CHECK(t, backoff_on_exit(&s, &c, 2, false, 0, 100, 0, &delay) == DECISION_RESTART);
    CHECK(t, backoff_on_exit(&s, &c, -1073741819, false, 0, 100, 0, &delay) == DECISION_RESTART);
}

static void restarts_always_even_after_a_clean_exit_with_backoff(struct test_run *t)
{
    struct config c = policy(RESTART_ALWAYS);
    struct backoff_state s;
    backoff_init(&s, &c);
    uint64_t delay = 0;
    CHECK(t, backoff_on_exit(&s, &c, 0, false, 0, 10, 0, &delay) == DECISION_RESTART);
    CHECK_U64(t, delay, 1000);
    CHECK(t, backoff_on_exit(&s, &c, 0, false, 20, 30, 0, &delay) == DECISION_RESTART);
    CHECK_U64(t, delay, 2000);
    CHECK(t, backoff_on_exit(&s, &c, 0, false, 100, 100 + 300000, 0, &delay) == DECISION_RESTART);
    CHECK_U64(t, delay, 1000);
}

static void never_restarts_under_never_even_when_unhealthy(struct test_run *t)
{
    struct config c = policy(RESTART_NEVER);
    struct backoff_state s;
    backoff_init(&s, &c);
    uint64_t delay = 0;
    CHECK(t, backoff_on_exit(&s, &c, 1, false, 0, 10, 0, &delay) == DECISION_STOP);
    CHECK(t, backoff_on_exit(&s, &c, 0, true, 0, 10, 0, &delay) == DECISION_STOP);
    CHECK_U64(t, s.restarts_total, 0);
}

static void lets_exit_code_rules_override_the_policy(struct test_run *t)
{
    struct exit_code_rule rules[] = { { 0, EXIT_ACTION_RESTART }, { 3, EXIT_ACTION_STOP },
                                      { 4294967295LL, EXIT_ACTION_RESTART } };
    struct config c = policy(RESTART_ON_FAILURE);
    c.exit_codes = rules;
    c.exit_code_count = 3;
    struct backoff_state s;
    backoff_init(&s, &c);
    uint64_t delay = 0;
    CHECK(t, backoff_on_exit(&s, &c, 0, false, 0, 10, 0, &delay) == DECISION_RESTART);
    CHECK(t, backoff_on_exit(&s, &c, 3, false, 0, 10, 0, &delay) == DECISION_STOP);
    CHECK(t, backoff_on_exit(&s, &c, 4, false, 0, 10, 0, &delay) == DECISION_RESTART);
    c.restart = RESTART_NEVER;
    CHECK(t, backoff_on_exit(&s, &c, 4294967295LL, false, 0, 10, 0, &delay) == DECISION_RESTART);
    CHECK(t, backoff_on_exit(&s, &c, 5, false, 0, 10, 0, &delay) == DECISION_STOP);
    c.restart = RESTART_ALWAYS;
    CHECK(t, backoff_on_exit(&s, &c, 3, false, 0, 10, 0, &delay) == DECISION_STOP);
}

static void treats_unhealthy_as_a_failure_whatever_the_exit_code(struct test_run *t)
{
    struct exit_code_rule rules[] = { { 1, EXIT_ACTION_STOP } };
    struct config c = policy(RESTART_ON_FAILURE);
    c.exit_codes = rules;
    c.exit_code_count = 1;
    c.give_up_failures = 2;
    struct backoff_state s;
    backoff_init(&s, &c);
    uint64_t delay = 0;
    CHECK(t, backoff_on_exit(&s, &c, 0, true, 0, 10, 0, &delay) == DECISION_RESTART);
    CHECK(t, backoff_on_exit(&s, &c, 1, true, 20, 30, 0, &delay) == DECISION_GIVE_UP);
}

static void gives_up_when_failures_fill_the_window(struct test_run *t)
{
    struct config c = policy(RESTART_ON_FAILURE);
    c.give_up_failures = 3;
    c.give_up_window_ms = 60000;
    struct backoff_state s;
    backoff_init(&s, &c);
    uint64_t delay = 0;
    CHECK(t, crash(&s, &c, 100000, 10, 1, &delay) == DECISION_RESTART);
    CHECK(t, crash(&s, &c, 130000, 10, 1, &delay) == DECISION_RESTART);
    CHECK(t, crash(&s, &c, 170000, 10, 1, &delay) == DECISION_RESTART);    /* first one aged out */
    CHECK_U64(t, s.failures_in_window, 2);
    CHECK(t, crash(&s, &c, 190000, 10, 1, &delay) == DECISION_GIVE_UP);
    CHECK_U64(t, s.failures_in_window, 3);
}

static void counts_a_failure_exactly_at_the_window_edge(struct test_run *t)
{
    struct config c = policy(RESTART_ON_FAILURE);
    c.give_up_failures = 2;
    c.give_up_window_ms = 1000;
    struct backoff_state s;
    backoff_init(&s, &c);
    uint64_t delay = 0;
    crash(&s, &c, 5000, 1, 1, &delay);
    CHECK(t, crash(&s, &c, 6000, 1, 1, &delay) == DECISION_GIVE_UP);
    backoff_init(&s, &c);
    crash(&s, &c, 5000, 1, 1, &delay);
    CHECK(t, crash(&s, &c, 6001, 1, 1, &delay) == DECISION_RESTART);
}

static void ignores_clean_exits_when_counting_failures(struct test_run *t)
{
    struct config c = policy(RESTART_ALWAYS);
    c.give_up_failures = 2;
    struct backoff_state s;
    backoff_init(&s, &c);
    uint64_t delay = 0;
    CHECK(t, crash(&s, &c, 1000, 1, 1, &delay) == DECISION_RESTART);
    for (int i = 0; i < 10; i++)
        CHECK(t, crash(&s, &c, 2000 + (uint64_t)i, 1, 0, &delay) == DECISION_RESTART);
    CHECK(t, crash(&s, &c, 3000, 1, 1, &delay) == DECISION_GIVE_UP);
}

static void never_gives_up_when_give_up_failures_is_zero(struct test_run *t)
{
    struct config c = policy(RESTART_ON_FAILURE);
    struct backoff_state s;
    backoff_init(&s, &c);
    uint64_t delay = 0;
    bool all_restart = true;
    for (uint64_t i = 1; i <= 1000; i++)
        all_restart = all_restart && crash(&s, &c, i * 10, 1, 1, &delay) == DECISION_RESTART;
    CHECK(t, all_restart);
    CHECK_U64(t, s.failures_recorded, 64);
}

static void gives_up_at_64_failures_with_a_full_ring(struct test_run *t)
{
    struct config c = policy(RESTART_ON_FAILURE);
    c.give_up_failures = 64;
    struct backoff_state s;
    backoff_init(&s, &c);
    uint64_t delay = 0;
    for (uint64_t i = 1; i < 64; i++)
        CHECK(t, crash(&s, &c, i * 10, 1, 1, &delay) == DECISION_RESTART);
    CHECK(t, crash(&s, &c, 640, 1, 1, &delay) == DECISION_GIVE_UP);
}

static void handles_a_zero_initial_delay_and_clock_oddities(struct test_run *t)
{
    struct config c = policy(RESTART_ON_FAILURE);
    c.backoff_initial_ms = 0;
    c.backoff_max_ms = 0;
    struct backoff_state s;
    backoff_init(&s, &c);
    uint64_t delay = 99;
    CHECK(t, backoff_on_exit(&s, &c, 1, false, 500, 100, 0, &delay) == DECISION_RESTART);
    CHECK_U64(t, delay, 0);
}

void suite_backoff(struct test_run *t)
{
    RUN(t, doubles_the_delay_after_each_failure_up_to_the_cap, "doubles the delay after each failure up to backoff_max_ms");
    RUN(t, resets_to_the_initial_delay_after_stable_uptime, "resets to the initial delay after backoff_reset_ms of uptime");
    RUN(t, keeps_jitter_within_the_configured_percentage, "keeps jitter within +/- backoff_jitter_percent and uses all of it");
    RUN(t, restarts_on_failure_only_for_a_non_zero_exit, "on-failure restarts only after a non-zero exit");
    RUN(t, restarts_always_even_after_a_clean_exit_with_backoff, "always restarts after a clean exit, still with backoff");
    RUN(t, never_restarts_under_never_even_when_unhealthy, "never restarts under never, even when unhealthy");
    RUN(t, lets_exit_code_rules_override_the_policy, "lets exit_code rules override the restart policy");
    RUN(t, treats_unhealthy_as_a_failure_whatever_the_exit_code, "treats unhealthy as a failure whatever the exit code");
    RUN(t, gives_up_when_failures_fill_the_window, "gives up when give_up_failures failures fall in the window");
    RUN(t, counts_a_failure_exactly_at_the_window_edge, "counts a failure exactly window_ms old as inside the window");
    RUN(t, ignores_clean_exits_when_counting_failures, "does not count clean exits as failures");
    RUN(t, never_gives_up_when_give_up_failures_is_zero, "never gives up when give_up_failures is 0");
    RUN(t, gives_up_at_64_failures_with_a_full_ring, "gives up at 64 failures, the ring's capacity");
    RUN(t, handles_a_zero_initial_delay_and_clock_oddities, "handles a zero delay and an exit time before the start time");
}
