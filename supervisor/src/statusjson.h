/* The status file (LOG_DIR\status.json) that `svcforge status` and status.ps1 read.
 * Portable: the Win32 side fills the struct and writes the text atomically. */
#ifndef SVCFORGE_STATUSJSON_H
#define SVCFORGE_STATUSJSON_H

#include <stdbool.h>
#include <stdint.h>

struct status_info {
    const char *service;             /* service name */
    const char *state;               /* "starting", "running", "backoff", "stopping", "stopped", "gave_up" */
    uint32_t pid;                    /* 0 = no child -> null */
    uint32_t port;                   /* 0 = none -> null */
    uint32_t restarts;
    bool has_last_exit_code;
    int64_t last_exit_code;          /* null unless has_last_exit_code */
    const char *started_at;          /* ISO 8601, or NULL -> null */
    const char *last_health;         /* e.g. "healthy", "unhealthy: connect refused"; NULL -> null */
    bool has_next_start_in_ms;
    uint64_t next_start_in_ms;       /* null unless has_next_start_in_ms */
    uint64_t memory_bytes;           /* working set of the child; 0 when none */
    const char *release;             /* release the child runs (release mode); NULL -> null */
    const uint64_t *restart_reasons; /* RESTART_REASON_COUNT counts (metrics.h), or NULL to leave out */
};

/* Returns a malloc'd JSON object ending in "\n", or NULL when out of memory.
 * Keys: service, state, pid, port, restarts, last_exit_code, started_at,
 * last_health, next_start_in_ms, memory_bytes, release, and restart_reasons ({"crash": n, ...}) when given. */
char *status_json_format(const struct status_info *status);

#endif
