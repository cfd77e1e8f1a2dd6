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
/* crash for an NTSTATUS error code (0xC0000000 and up: access violation, stack overflow, ...)
 * or DBG_TERMINATE_PROCESS (killed by a debugger or taskkill /f under Wine); else exit_code. */
enum restart_reason restart_reason_for_exit(int64_t exit_code);

/* Upper bounds (ms) of the probe duration histogram buckets; +Inf is implicit. */
#define METRICS_PROBE_BUCKET_COUNT 9
extern const uint32_t metrics_probe_bucket_ms[METRICS_PROBE_BUCKET_COUNT];

/* Health probes so far: the histogram (non-cumulative counts per bucket) and failures. */
struct probe_stats {
    uint64_t buckets[METRICS_PROBE_BUCKET_COUNT];
    uint64_t count;
    uint64_t sum_us;
    uint64_t failures;
};

void probe_stats_observe(struct probe_stats *stats, uint64_t duration_us, bool ok);
void probe_stats_add(struct probe_stats *total, const struct probe_stats *more);

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
    struct probe_stats probes;
    uint64_t cpu_100ns;                /* user + kernel time of the whole Job */
    uint64_t memory_bytes;             /* committed memory of the Job's processes now */
    uint64_t memory_peak_bytes;        /* peak Job memory */
    uint64_t memory_limit_bytes;       /* Job or watchdog memory limit; 0 = none (series left out) */
    uint64_t limit_hits;               /* Job limit violations and memory watchdog restarts */
    bool log_counts_known;             /* false: the log series are left out */
    bool log_combined;                 /* one file and pipe for both streams: one stream="combined"
                                        * sample carrying log_bytes_stdout (they cannot be told apart) */
    uint64_t log_bytes_stdout;         /* bytes of the program's output, timestamps not included */
    uint64_t log_bytes_stderr;
    uint64_t log_rotations;            /* files rotated, both streams */
    bool gave_up;
};

/* Returns the malloc'd exposition text (ending in "\n"), or NULL when out of memory.
 * `release` is the deployed release's version, or NULL to leave out svcforge_release_info. */
char *metrics_format(const struct metrics_snapshot *snapshot, const char *release);

#endif
