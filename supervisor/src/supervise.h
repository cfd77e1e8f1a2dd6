/* The supervision loop: pre-start hook, port check, start, wait on child / stop /
 * rotate / restart / health / memory watchdog, restart decision with backoff, post-stop hook,
 * status file. Shared by service and console modes. */
#ifndef SVCFORGE_SUPERVISE_H
#define SVCFORGE_SUPERVISE_H

#include <windows.h>
#include <stdbool.h>
#include <stdint.h>
#include "config.h"
#include "logio.h"
#include "release.h"
#include "metrics.h"
#include "metricsexport.h"

struct health_monitor;

struct supervisor_callbacks {
    void (*running)(void *context);    /* first start attempt done: report RUNNING */
    void (*progress)(void *context);   /* still working on a start/stop: bump checkpoint */
    void *context;
};

struct supervisor {
    const struct config *config;
    HANDLE stop_event;          /* manual reset: stop the program and return */
    HANDLE rotate_event;        /* auto reset: rotate the logs now */
    HANDLE restart_event;       /* auto reset: restart the program now (release switch) */
    volatile LONG shutting_down;/* system shutdown: stop_timeout capped, never restart */
    uint64_t shutdown_timeout_cap_ms;
    struct supervisor_callbacks callbacks;
    /* private */
    struct logio logio;
    wchar_t *status_path;
    wchar_t *hooks_log;
    wchar_t *program;
    wchar_t *workdir;
    char *release_program;      /* release mode: UTF-8 program path in the current release */
    char release[72];           /* release mode: version the child runs; "" = none */
    uint32_t port;
    uint32_t restarts;
    bool has_last_exit;
    int64_t last_exit;
    char started_at[40];
    char health[300];
    uint64_t memory_bytes;
    uint32_t rng;
    bool reported_running;
    /* metrics */
    struct metrics_exporter metrics;
    char instance[64];                          /* computer name, the instance= label */
    uint64_t restart_reasons[RESTART_REASON_COUNT];
    uint64_t child_start_unix_ms;
    struct health_monitor *health_monitor;      /* the running child's, or NULL */
    struct probe_stats probes_done;             /* probes of children that ended */
    HANDLE job;                                 /* the running child's Job, or NULL */
    uint64_t cpu_done_100ns;                    /* CPU of Jobs that ended */
    uint64_t memory_peak;
    uint64_t limit_hits;
};

/* Creates the events and opens logs; false (logged) = cannot run, *exit_code set.
 * named_events: the request events get names (hostcontrol.h) so that `rotate` and
 * `restart` reach a console-mode host; a service gets them as SCM controls instead. */
bool supervise_init(struct supervisor *s, const struct config *config, bool named_events, DWORD *exit_code);
/* Runs until stopped or the policy ends it. Returns the exit code (see exitcodes.h). */
DWORD supervise_run(struct supervisor *s);
void supervise_free(struct supervisor *s);

#endif
