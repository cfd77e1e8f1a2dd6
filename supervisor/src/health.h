/* Health checks: HTTP GET (2xx/3xx = healthy) or TCP connect, each with a timeout,
 * run on their own thread so a slow check never delays a stop request. */
#ifndef SVCFORGE_HEALTH_H
#define SVCFORGE_HEALTH_H

#include <windows.h>
#include <stdbool.h>
#include <stdint.h>
#include "config.h"
#include "metrics.h"

/* One probe. Returns true when healthy; otherwise `reason` says why
 * ("connect 127.0.0.1:8080: error 10061 ...", "timeout after 2000 ms", "HTTP 503"). */
bool health_probe(const struct config *config, wchar_t *reason, size_t reason_size);

struct health_monitor {
    HANDLE thread;
    HANDLE quit_event;        /* owned: set by health_monitor_stop */
    HANDLE unhealthy_event;   /* owned: set when `health_failures` consecutive checks failed */
    CRITICAL_SECTION lock;
    const struct config *config;
    uint64_t started_ms;      /* child start, for the start period */
    bool has_result;
    bool last_ok;
    uint32_t consecutive_failures;
    wchar_t last_reason[256];
    struct probe_stats probes;   /* this child's probes: durations and failures */
};

/* Starts checking (no-op returning true when the config has no health check;
 * then unhealthy_event stays NULL). */
bool health_monitor_start(struct health_monitor *monitor, const struct config *config, uint64_t started_ms);
/* Copies the last result; false when no check has run yet. */
bool health_monitor_last(struct health_monitor *monitor, bool *ok, wchar_t *reason, size_t size);
/* Copies this child's probe statistics (all zero without a health check). */
void health_monitor_probes(struct health_monitor *monitor, struct probe_stats *out);
void health_monitor_stop(struct health_monitor *monitor);

#endif
