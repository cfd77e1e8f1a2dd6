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
};

void backoff_init(struct backoff_state *state, const struct config *config);

/* The child ran from started_ms to exited_ms (monotonic ms) and exited with
 * exit_code; `unhealthy` is true when the supervisor killed it for failing health
 * checks or the memory watchdog (always counts as a failure). random_u32 supplies
 * jitter. Fills *delay_ms when the decision is DECISION_RESTART. */
enum restart_decision backoff_on_exit(struct backoff_state *state, const struct config *config,
                                      int64_t exit_code, bool unhealthy,
                                      uint64_t started_ms, uint64_t exited_ms,
                                      uint32_t random_u32, uint64_t *delay_ms);

#endif
