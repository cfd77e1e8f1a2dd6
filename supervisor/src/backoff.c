#include "backoff.h"

#include <string.h>

enum { RING_SIZE = sizeof ((struct backoff_state *)0)->failure_times_ms
                   / sizeof ((struct backoff_state *)0)->failure_times_ms[0] };

void backoff_init(struct backoff_state *state, const struct config *config)
{
    memset(state, 0, sizeof *state);
    state->current_delay_ms = config->backoff_initial_ms;
}

static const struct exit_code_rule *find_rule(const struct config *config, int64_t exit_code)
{
    for (size_t i = 0; i < config->exit_code_count; i++)
        if (config->exit_codes[i].code == exit_code)
            return &config->exit_codes[i];
    return NULL;
}

static bool wants_restart(const struct config *config, int64_t exit_code, bool unhealthy)
{
    if (unhealthy)
        return config->restart != RESTART_NEVER;
    const struct exit_code_rule *rule = find_rule(config, exit_code);
    if (rule)
        return rule->action == EXIT_ACTION_RESTART;
    switch (config->restart) {
    case RESTART_ALWAYS: return true;
    case RESTART_ON_FAILURE: return exit_code != 0;
    case RESTART_NEVER: return false;
    }
    return false;
}

/* Records a failure at now_ms and returns how many recorded failures fall in the window. */
static uint32_t record_failure(struct backoff_state *state, uint64_t window_ms, uint64_t now_ms)
{
    state->failure_times_ms[state->failure_ring_head] = now_ms;
    state->failure_ring_head = (state->failure_ring_head + 1) % RING_SIZE;
    if (state->failures_recorded < RING_SIZE)
        state->failures_recorded++;
    uint32_t in_window = 0;
    for (uint32_t i = 0; i < state->failures_recorded; i++) {
        uint64_t at = state->failure_times_ms[i];
        uint64_t age = now_ms > at ? now_ms - at : 0;
        if (age <= window_ms)
            in_window++;
    }
    return in_window;
}

static uint64_t doubled_capped(uint64_t delay, uint64_t max)
{
    if (delay > max / 2)
        return max;
    return delay * 2 > max ? max : delay * 2;
}

/* delay +/- spread, where spread = delay * percent / 100, chosen by random_u32. */
static uint64_t jittered(uint64_t delay, uint32_t percent, uint32_t random_u32)
{
    if (percent > 100)
        percent = 100;
    uint64_t spread = delay / 100 * percent + delay % 100 * percent / 100;
    if (spread == 0)
        return delay;
    uint64_t low = delay - spread;
    if (spread <= UINT32_MAX / 2)
        return low + random_u32 % (2 * spread + 1);
    /* Huge delays: scale instead, in two halves so no intermediate exceeds spread. */
    double fraction = (double)random_u32 / (double)UINT32_MAX;
    double half = fraction <= 0.5 ? fraction * 2.0 : (fraction - 0.5) * 2.0;
    double scaled = half * (double)spread;
    uint64_t part = scaled >= (double)spread ? spread : (uint64_t)scaled;
    if (fraction <= 0.5)
        return low + part;
    return part > UINT64_MAX - delay ? UINT64_MAX : delay + part;
}

enum restart_decision backoff_on_exit(struct backoff_state *state, const struct config *config,
                                      int64_t exit_code, bool unhealthy,
                                      uint64_t started_ms, uint64_t exited_ms,
                                      uint32_t random_u32, uint64_t *delay_ms)
{
    bool failure = unhealthy || exit_code != 0;
    uint64_t ran_ms = exited_ms > started_ms ? exited_ms - started_ms : 0;
    if (failure) {
        state->failures_in_window = record_failure(state, config->give_up_window_ms, exited_ms);
    }
    if (!wants_restart(config, exit_code, unhealthy))
        return DECISION_STOP;
    if (failure && config->give_up_failures > 0
        && state->failures_in_window >= config->give_up_failures)
        return DECISION_GIVE_UP;

    if (ran_ms >= config->backoff_reset_ms)
        state->current_delay_ms = config->backoff_initial_ms;
    uint64_t delay = state->current_delay_ms;
    if (delay > config->backoff_max_ms)
        delay = config->backoff_max_ms;
    state->current_delay_ms = doubled_capped(delay, config->backoff_max_ms);
    state->restarts_total++;
    *delay_ms = jittered(delay, config->backoff_jitter_percent, random_u32);
    return DECISION_RESTART;
}
