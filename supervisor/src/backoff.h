/* Restart policy: what to do after the child exits, and how long to wait.
 * Portable, deterministic given the random source. */
#ifndef SVCFORGE_BACKOFF_H
#define SVCFORGE_BACKOFF_H

#include <stdint.h>
#include <stdbool.h>
#include "config.h"

enum restart_decision {
    DECISION_RESTART,        /* start again after delay_ms */
    DECISION_STOP,           /* policy says stop; service stops, exit code forwarded */
    DECISION_GIVE_UP         /* too many failures in the window; service-specific exit code */
};

struct backoff_state {
    uint64_t current_delay_ms;       /* delay of the next restart before jitter */
    uint32_t failures_in_window;
    uint64_t failure_times_ms[64];   /* ring of recent failure times */
    uint32_t failure_ring_head;
    uint32_t restarts_total;
    uint32_t failures_recorded;      /* valid entries in the ring (at most 64) */
};

void backoff_init(struct backoff_state *state, const struct config *config);

/* Decision rules, in order: `unhealthy` is a failure and restarts unless the policy
 * is never; else an exit_code rule for exit_code decides; else the policy (always:
 * restart; on-failure: restart when exit_code != 0; never: stop). A failure is
 * `unhealthy` or exit_code != 0. Every restart waits the current delay (reset to
 * backoff_initial_ms first when the child ran >= backoff_reset_ms), which then
 * doubles up to backoff_max_ms; the delay returned is that value +/- up to
 * backoff_jitter_percent of it. A restart is turned into DECISION_GIVE_UP when
 * give_up_failures failures (this one included) happened within give_up_window_ms
 * (exited_ms - t <= window).
 *
 * The child ran from started_ms to exited_ms (monotonic ms) and exited with
 * exit_code; `unhealthy` is true when the supervisor killed it for failing health
 * checks or the memory watchdog (always counts as a failure). random_u32 supplies
 * jitter. Fills *delay_ms when the decision is DECISION_RESTART. */
enum restart_decision backoff_on_exit(struct backoff_state *state, const struct config *config,
                                      int64_t exit_code, bool unhealthy,
                                      uint64_t started_ms, uint64_t exited_ms,
                                      uint32_t random_u32, uint64_t *delay_ms);

#endif
