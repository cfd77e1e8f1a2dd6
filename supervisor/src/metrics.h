/* Prometheus metrics of one supervised service, rendered as text exposition format 0.0.4.
 * Portable: the Win32 side fills a snapshot under its lock and hands a copy to the
 * textfile writer and the HTTP server, which format it without touching the loop. */
#ifndef SVCFORGE_METRICS_H
#define SVCFORGE_METRICS_H

#include <stdbool.h>
#include <stdint.h>

/* Why the supervisor restarted the child; the label value of svcforge_restarts_total. */
enum restart_reason {
    RESTART_REASON_CRASH,       /* killed, or an NTSTATUS-style crash code */
    RESTART_REASON_EXIT_CODE,   /* exited on its own with a non-zero (or zero, restart: always) code */
    RESTART_REASON_HEALTH,      /* health checks failed */
    RESTART_REASON_MEMORY,      /* memory watchdog */
    RESTART_REASON_MANUAL,      /* asked to (restart control) */
    RESTART_REASON_COUNT
};

const char *restart_reason_name(enum restart_reason reason);

/* Upper bounds (ms) of the probe duration histogram buckets; +Inf is implicit. */
#define METRICS_PROBE_BUCKET_COUNT 9
extern const uint32_t metrics_probe_bucket_ms[METRICS_PROBE_BUCKET_COUNT];

struct metrics_snapshot {
    const char *service;
    const char *instance;              /* machine name; NULL -> "" */
    bool up;                           /* a child is running */
    uint64_t child_start_unix_ms;      /* 0 = no child yet */
    uint64_t restarts[RESTART_REASON_COUNT];
    bool has_last_exit_code;
    int64_t last_exit_code;
    uint64_t backoff_ms;               /* delay before the next start; 0 when running */
    bool health_configured;
    bool health_up;
    uint64_t probe_buckets[METRICS_PROBE_BUCKET_COUNT]; /* non-cumulative counts per bucket */
    uint64_t probe_count;
    uint64_t probe_sum_us;
    uint64_t probe_failures;
    uint64_t cpu_100ns;                /* user + kernel time of the whole Job */
    uint64_t memory_bytes;             /* committed memory of the Job's processes now */
    uint64_t memory_peak_bytes;        /* peak Job memory */
    uint64_t memory_limit_bytes;       /* Job or watchdog memory limit; 0 = none (series left out) */
    uint64_t limit_hits;               /* Job limit violations and memory watchdog restarts */
    uint64_t log_bytes_stdout;
    uint64_t log_bytes_stderr;
    uint64_t log_rotations;
    bool gave_up;
};

/* Records one health probe into the histogram and failure counter. */
void metrics_observe_probe(struct metrics_snapshot *snapshot, uint64_t duration_us, bool ok);

/* Returns the malloc'd exposition text (ending in "\n"), or NULL when out of memory.
 * `release` is the deployed release's version, or NULL to leave out svcforge_release_info. */
char *metrics_format(const struct metrics_snapshot *snapshot, const char *release);

#endif
