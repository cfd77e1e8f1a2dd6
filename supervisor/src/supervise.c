/* The supervision loop (see supervise.h). */
#include <windows.h>
#include <psapi.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "supervise.h"
#include "backoff.h"
#include "cmdline.h"
#include "envblock.h"
#include "exitcodes.h"
#include "health.h"
#include "hostcontrol.h"
#include "hostlog.h"
#include "metrics.h"
#include "ports.h"
#include "releaseload.h"
#include "process.h"
#include "secrets.h"
#include "statusfile.h"
#include "winerr.h"
#include "wstr.h"

enum start_outcome { START_OK, START_FAILED, START_INTERRUPTED };

static uint32_t next_random(struct supervisor *s)
{
    uint32_t x = s->rng;
    x ^= x << 13;
    x ^= x >> 17;
    x ^= x << 5;
    return s->rng = x ? x : 0x9E3779B9u;
}

static void progress(struct supervisor *s)
{
    if (s->callbacks.progress != NULL)
        s->callbacks.progress(s->callbacks.context);
}

static void progress_thunk(void *context)
{
    progress(context);
}

static void mark_running(struct supervisor *s)
{
    if (s->reported_running)
        return;
    s->reported_running = true;
    if (s->callbacks.running != NULL)
        s->callbacks.running(s->callbacks.context);
}

static bool stop_requested(struct supervisor *s)
{
    return WaitForSingleObject(s->stop_event, 0) == WAIT_OBJECT_0;
}

/* CPU so far of the running child's Job (user + kernel, 100 ns), and its peak memory. */
static uint64_t job_cpu_100ns(struct supervisor *s)
{
    JOBOBJECT_BASIC_ACCOUNTING_INFORMATION basic;
    if (s->job == NULL || !QueryInformationJobObject(s->job, JobObjectBasicAccountingInformation, &basic, sizeof basic, NULL))
        return 0;
    return (uint64_t)basic.TotalUserTime.QuadPart + (uint64_t)basic.TotalKernelTime.QuadPart;
}

static void note_job_peak(struct supervisor *s)
{
    JOBOBJECT_EXTENDED_LIMIT_INFORMATION extended;
    if (s->job != NULL
        && QueryInformationJobObject(s->job, JobObjectExtendedLimitInformation, &extended, sizeof extended, NULL)
        && extended.PeakJobMemoryUsed > s->memory_peak)
        s->memory_peak = extended.PeakJobMemoryUsed;
    if (s->memory_bytes > s->memory_peak)
        s->memory_peak = s->memory_bytes;
}

static uint64_t unix_now_ms(void)
{
    FILETIME now;
    GetSystemTimeAsFileTime(&now);
    uint64_t since_1601 = ((uint64_t)now.dwHighDateTime << 32 | now.dwLowDateTime) / 10000;
    return since_1601 - 11644473600000ULL;
}

static void publish_metrics(struct supervisor *s, const char *state, DWORD pid, bool has_next, uint64_t next_ms)
{
    const struct config *c = s->config;
    struct metrics_snapshot m;
    memset(&m, 0, sizeof m);
    m.service = c->name;
    m.instance = s->instance;
    m.up = pid != 0 && strcmp(state, "running") == 0;
    m.child_start_unix_ms = pid ? s->child_start_unix_ms : 0;
    memcpy(m.restarts, s->restart_reasons, sizeof m.restarts);
    m.has_last_exit_code = s->has_last_exit;
    m.last_exit_code = s->last_exit;
    m.backoff_ms = has_next ? next_ms : 0;
    m.health_configured = c->health_http != NULL || c->health_tcp != NULL;
    m.health_up = pid != 0 && strcmp(s->health, "healthy") == 0;
    m.probes = s->probes_done;
    if (s->health_monitor != NULL) {
        struct probe_stats current;
        health_monitor_probes(s->health_monitor, &current);
        probe_stats_add(&m.probes, &current);
    }
    note_job_peak(s);
    m.cpu_100ns = s->cpu_done_100ns + job_cpu_100ns(s);
    m.memory_bytes = pid ? s->memory_bytes : 0;
    m.memory_peak_bytes = s->memory_peak;
    m.memory_limit_bytes = c->limit_memory_bytes;
    m.limit_hits = s->limit_hits;
    struct logio_counts logs;
    logio_counts(&s->logio, &logs);
    m.log_counts_known = true;
    m.log_combined = logs.combined;
    m.log_bytes_stdout = logs.stdout_bytes;
    m.log_bytes_stderr = logs.stderr_bytes;
    m.log_rotations = logs.rotations;
    m.gave_up = strcmp(state, "gave_up") == 0;
    /* Releases (a parallel branch) pass the current release's version here instead of NULL. */
    metrics_exporter_publish(&s->metrics, &m, s->release[0] ? s->release : NULL);
}

static void write_status(struct supervisor *s, const char *state, DWORD pid, bool has_next, uint64_t next_ms)
{
    publish_metrics(s, state, pid, has_next, next_ms);
    if (s->status_path == NULL)
        return;
    struct status_info info;
    memset(&info, 0, sizeof info);
    info.service = s->config->name;
    info.state = state;
    info.pid = pid;
    info.port = s->port;
    info.restarts = s->restarts;
    info.has_last_exit_code = s->has_last_exit;
    info.last_exit_code = s->last_exit;
    info.started_at = s->started_at[0] ? s->started_at : NULL;
    info.last_health = s->health[0] ? s->health : NULL;
    info.has_next_start_in_ms = has_next;
    info.next_start_in_ms = next_ms;
    info.memory_bytes = pid ? s->memory_bytes : 0;
    info.release = s->release[0] ? s->release : NULL;
    info.restart_reasons = s->restart_reasons;
    statusfile_write(s->status_path, &info);
}

static HANDLE create_request_event(const struct config *config, bool named, enum host_request request)
{
    wchar_t *name = named ? host_request_event_name(config->name, request) : NULL;
    HANDLE event = CreateEventW(NULL, FALSE, FALSE, name);
    if (event == NULL)
        winerr_log(LOG_ERROR, L"CreateEventW", name ? name : L"request event", GetLastError());
    free(name);
    return event;
}

bool supervise_init(struct supervisor *s, const struct config *config, bool named_events, DWORD *exit_code)
{
    memset(s, 0, sizeof *s);
    s->config = config;
    s->shutdown_timeout_cap_ms = 15000;
    LARGE_INTEGER qpc;
    QueryPerformanceCounter(&qpc);
    s->rng = (uint32_t)qpc.QuadPart ^ (GetCurrentProcessId() << 16) ^ 0x5F3759DFu;
    s->stop_event = CreateEventW(NULL, TRUE, FALSE, NULL);
    s->rotate_event = create_request_event(config, named_events, HOST_REQUEST_ROTATE);
    s->restart_event = create_request_event(config, named_events, HOST_REQUEST_RESTART);
    if (s->stop_event == NULL || s->rotate_event == NULL || s->restart_event == NULL) {
        *exit_code = SVC_EXIT_INTERNAL;
        return false;
    }
    /* Release mode: program and workdir are found at each start (resolve_release). */
    s->program = wstr_from_utf8(config->release_root ? config->release_root : config->program);
    s->workdir = config->release_root ? wstr_dup(s->program)
               : config->workdir ? wstr_from_utf8(config->workdir) : wstr_path_dir(s->program);
    wchar_t *log_dir = wstr_from_utf8(config->log_dir);
    s->hooks_log = log_dir ? wstr_path_join(log_dir, L"svcforge-hooks.log") : NULL;
    s->status_path = config->status_file ? wstr_from_utf8(config->status_file)
                   : log_dir ? wstr_path_join(log_dir, L"status.json") : NULL;
    free(log_dir);
    if (s->program == NULL || s->workdir == NULL || s->hooks_log == NULL || s->status_path == NULL) {
        hostlog_write(LOG_ERROR, L"out of memory");
        *exit_code = SVC_EXIT_INTERNAL;
        return false;
    }
    if (!logio_open(&s->logio, config)) {
        *exit_code = SVC_EXIT_LOGS;
        return false;
    }
    DWORD instance_size = sizeof s->instance;
    if (!GetComputerNameA(s->instance, &instance_size))
        s->instance[0] = '\0';
    metrics_exporter_start(&s->metrics, config);
    *exit_code = 0;
    return true;
}

void supervise_free(struct supervisor *s)
{
    metrics_exporter_stop(&s->metrics);
    logio_close(&s->logio);
    if (s->stop_event != NULL)
        CloseHandle(s->stop_event);
    if (s->rotate_event != NULL)
        CloseHandle(s->rotate_event);
    if (s->restart_event != NULL)
        CloseHandle(s->restart_event);
    free(s->program);
    free(s->workdir);
    free(s->release_program);
    free(s->hooks_log);
    free(s->status_path);
    memset(s, 0, sizeof *s);
}

/* Environment overrides for this start: config env, secrets, chosen port. */
static bool collect_env(struct supervisor *s, struct env_overrides *o, DWORD *fail_code)
{
    const struct config *c = s->config;
    for (size_t i = 0; i < c->env_count; i++) {
        wchar_t *n = wstr_from_utf8(c->env[i].name), *v = wstr_from_utf8(c->env[i].value);
        int ok = n && v && env_overrides_add(o, n, v);
        free(n);
        free(v);
        if (!ok) {
            *fail_code = SVC_EXIT_INTERNAL;
            return false;
        }
    }
    if (c->secret_count > 0) {
        wchar_t *file = wstr_from_utf8(c->secrets_file);
        wchar_t **values = NULL;
        bool ok = secrets_load(file, c->secrets, c->secret_count, &values);
        for (size_t i = 0; ok && i < c->secret_count; i++) {
            wchar_t *n = wstr_from_utf8(c->secrets[i]);
            ok = n && env_overrides_add(o, n, values[i]);
            free(n);
        }
        secrets_free(values, c->secret_count);
        free(file);
        if (!ok) {
            *fail_code = SVC_EXIT_SECRETS;
            return false;
        }
        hostlog_write(LOG_INFO, L"decrypted %u secrets", (unsigned)c->secret_count);
    }
    if (s->release[0]) {
        wchar_t *v = wstr_from_utf8(s->release);
        int ok = v && env_overrides_add(o, L"SVCFORGE_RELEASE", v);
        free(v);
        if (!ok) {
            *fail_code = SVC_EXIT_INTERNAL;
            return false;
        }
    }
    if (c->port_range_low != 0 && s->port != 0) {
        wchar_t value[16], *n = wstr_from_utf8(c->port_env ? c->port_env : "PORT");
        _snwprintf(value, 16, L"%u", s->port);
        value[15] = L'\0';
        int ok = n && env_overrides_add(o, n, value);
        free(n);
        if (!ok) {
            *fail_code = SVC_EXIT_INTERNAL;
            return false;
        }
    }
    return true;
}

/* Release mode: the pointer names the release this start runs; a missing or invalid
 * pointer or program is a failed start, never a silent run of the previous release. */
static bool resolve_release(struct supervisor *s)
{
    const struct config *c = s->config;
    s->release[0] = '\0';
    struct resolved_release r;
    wchar_t *problem = NULL;
    if (!releaseload_resolve(c, &r, &problem)) {
        hostlog_event(LOG_ERROR, L"start failed: %ls", problem ? problem : L"out of memory resolving the release");
        free(problem);
        return false;
    }
    free(s->program);
    free(s->workdir);
    free(s->release_program);
    s->program = r.program_w;
    s->workdir = r.workdir_w;
    s->release_program = r.program;
    snprintf(s->release, sizeof s->release, "%s", r.version);
    hostlog_write(LOG_INFO, L"release %hs (from %hs)", s->release, c->release_pointer);
    return true;
}

static bool check_port(struct supervisor *s, DWORD *fail_code)
{
    const struct config *c = s->config;
    if (c->port_range_low != 0) {
        s->port = ports_pick(c->port_range_low, c->port_range_high);
        if (s->port == 0) {
            hostlog_event(LOG_ERROR, L"start failed: no free port in %u-%u", c->port_range_low, c->port_range_high);
            *fail_code = SVC_EXIT_PORT;
            return false;
        }
        hostlog_write(LOG_INFO, L"port %u chosen from %u-%u, exported as %hs", s->port, c->port_range_low,
                      c->port_range_high, c->port_env ? c->port_env : "PORT");
        return true;
    }
    if (c->port == 0)
        return true;
    s->port = c->port;
    if (ports_is_free(c->port))
        return true;
    uint32_t owner = ports_owner_pid(c->port);
    if (owner != 0)
        hostlog_event(LOG_ERROR, L"start failed: port %u is in use by pid %lu", c->port, (unsigned long)owner);
    else
        hostlog_event(LOG_ERROR, L"start failed: port %u is in use by another process (owner unknown)", c->port);
    *fail_code = SVC_EXIT_PORT;
    return false;
}

static enum start_outcome start_child(struct supervisor *s, struct child *child, DWORD *fail_code)
{
    const struct config *c = s->config;
    struct env_overrides overrides = { 0 };
    wchar_t *environment = NULL, *command = NULL;
    HANDLE std_in = INVALID_HANDLE_VALUE, std_out = NULL, std_err = NULL;
    enum start_outcome outcome = START_FAILED;
    *fail_code = SVC_EXIT_START_FAILED;

    /* This start reads the pointer: a restart asked for before now is served by it. */
    ResetEvent(s->restart_event);
    if (c->release_root != NULL && !resolve_release(s))
        goto out;
    if (!check_port(s, fail_code))
        goto out;
    if (!collect_env(s, &overrides, fail_code)) {
        hostlog_event(LOG_ERROR, L"start failed: cannot build the program's environment%ls",
                      *fail_code == SVC_EXIT_SECRETS ? L" (secrets)" : L"");
        goto out;
    }
    environment = envblock_build(&overrides);
    if (environment == NULL) {
        *fail_code = SVC_EXIT_INTERNAL;
        goto out;
    }
    if (c->pre_start.command != NULL) {
        int64_t rc = process_run_hook(L"pre_start", c->pre_start.command, s->workdir, environment, s->hooks_log,
                                      c->pre_start.timeout_ms, s->stop_event);
        if (stop_requested(s)) {
            outcome = START_INTERRUPTED;
            goto out;
        }
        if (rc != 0) {
            hostlog_event(LOG_ERROR, L"start failed: pre_start hook failed");
            *fail_code = SVC_EXIT_PRE_START;
            goto out;
        }
    }
    char *line = cmdline_build(s->release_program ? s->release_program : c->program, (const char *const *)c->args, c->arg_count);
    command = wstr_from_utf8(line);
    free(line);
    if (command == NULL) {
        *fail_code = SVC_EXIT_INTERNAL;
        goto out;
    }
    HANDLE job = process_create_job(c, s->program);
    if (job == NULL) {
        hostlog_event(LOG_ERROR, L"start failed: cannot create the job object");
        goto out;
    }
    SECURITY_ATTRIBUTES sa = { sizeof sa, NULL, TRUE };
    std_in = CreateFileW(L"NUL", GENERIC_READ, FILE_SHARE_READ | FILE_SHARE_WRITE, &sa, OPEN_EXISTING, 0, NULL);
    if (std_in == INVALID_HANDLE_VALUE)
        winerr_log(LOG_WARN, L"CreateFileW", L"NUL", GetLastError());
    if (!logio_child_begin(&s->logio, &std_out, &std_err)) {
        CloseHandle(job);
        hostlog_event(LOG_ERROR, L"start failed: cannot set up the program's output");
        *fail_code = SVC_EXIT_LOGS;
        goto out;
    }
    struct child_spec spec = {
        .application = s->program, .command_line = command, .workdir = s->workdir,
        .environment = environment,
        .std_in = std_in == INVALID_HANDLE_VALUE ? NULL : std_in, .std_out = std_out, .std_err = std_err,
    };
    bool started = process_start(c, &spec, job, child);
    logio_child_started(&s->logio, std_out, std_err);
    if (!started) {
        logio_child_end(&s->logio);
        hostlog_event(LOG_ERROR, L"start failed: cannot run %ls", s->program);
        goto out;
    }
    outcome = START_OK;
    hostlog_event(LOG_INFO, L"started pid=%lu: %ls", (unsigned long)child->pid, command);
out:
    if (std_in != INVALID_HANDLE_VALUE)
        CloseHandle(std_in);
    env_overrides_free(&overrides);
    if (environment != NULL) {
        wchar_t *end = environment;
        while (*end)
            end += wcslen(end) + 1;
        SecureZeroMemory(environment, (size_t)(end - environment) * sizeof(wchar_t));
    }
    free(environment);
    free(command);
    return outcome;
}

static void run_post_stop(struct supervisor *s)
{
    const struct config *c = s->config;
    if (c->post_stop.command == NULL)
        return;
    process_run_hook(L"post_stop", c->post_stop.command, s->workdir, NULL, s->hooks_log,
                     c->post_stop.timeout_ms, NULL);
}

static uint64_t stop_timeout(struct supervisor *s)
{
    uint64_t t = s->config->stop_timeout_ms;
    if (s->shutting_down && t > s->shutdown_timeout_cap_ms)
        t = s->shutdown_timeout_cap_ms;
    return t;
}

/* Why the wait for the child ended. */
enum child_end { END_EXITED, END_STOP_REQUESTED, END_RESTART_REQUESTED, END_UNHEALTHY, END_MEMORY };

static enum child_end watch_child(struct supervisor *s, struct child *child, uint64_t started_ms)
{
    const struct config *c = s->config;
    struct health_monitor health;
    if (!health_monitor_start(&health, c, started_ms))
        hostlog_write(LOG_WARN, L"health checks not running");
    s->health_monitor = &health;
    s->job = child->job;
    uint64_t over_since = 0, last_status = 0;
    enum child_end end = END_EXITED;
    write_status(s, "running", child->pid, false, 0);
    for (;;) {
        HANDLE waits[5] = { child->process, s->stop_event, s->rotate_event, s->restart_event, health.unhealthy_event };
        DWORD count = health.unhealthy_event ? 5 : 4;
        DWORD w = WaitForMultipleObjects(count, waits, FALSE, 1000);
        if (w == WAIT_OBJECT_0) {
            end = END_EXITED;
            break;
        }
        if (w == WAIT_OBJECT_0 + 1) {
            end = END_STOP_REQUESTED;
            break;
        }
        if (w == WAIT_OBJECT_0 + 2) {
            logio_request_rotate(&s->logio);
            continue;
        }
        if (w == WAIT_OBJECT_0 + 3) {
            hostlog_event(LOG_INFO, L"restart requested: stopping pid=%lu to start it again", (unsigned long)child->pid);
            end = END_RESTART_REQUESTED;
            break;
        }
        if (w == WAIT_OBJECT_0 + 4) {
            bool ok;
            wchar_t reason[256] = L"";
            health_monitor_last(&health, &ok, reason, 256);
            hostlog_event(LOG_ERROR, L"unhealthy: %u consecutive health checks failed, last: %ls; restarting pid=%lu",
                          c->health_failures, reason, (unsigned long)child->pid);
            char *r = wstr_to_utf8(reason);
            snprintf(s->health, sizeof s->health, "unhealthy: %s", r ? r : "?");
            free(r);
            end = END_UNHEALTHY;
            break;
        }
        if (w == WAIT_FAILED) {
            winerr_log(LOG_ERROR, L"WaitForMultipleObjects", L"child", GetLastError());
            Sleep(1000);
        }
        uint64_t now = GetTickCount64();
        if (c->limit_memory_bytes > 0) {
            s->memory_bytes = process_working_set(child);
            if (s->memory_bytes > c->limit_memory_bytes) {
                if (over_since == 0) {
                    over_since = now;
                    hostlog_write(LOG_WARN, L"memory: working set %llu bytes over limit %llu bytes",
                                  (unsigned long long)s->memory_bytes, (unsigned long long)c->limit_memory_bytes);
                }
                if (now - over_since >= c->memory_watchdog_ms) {
                    hostlog_event(LOG_ERROR, L"memory watchdog: working set %llu bytes over limit %llu bytes for %llu ms; restarting pid=%lu",
                                  (unsigned long long)s->memory_bytes, (unsigned long long)c->limit_memory_bytes,
                                  (unsigned long long)(now - over_since), (unsigned long)child->pid);
                    s->limit_hits++;
                    end = END_MEMORY;
                    break;
                }
            } else {
                over_since = 0;
            }
        }
        bool ok, health_changed = false;
        wchar_t reason[256];
        if (health_monitor_last(&health, &ok, reason, 256)) {
            char *r = wstr_to_utf8(reason);
            char text[sizeof s->health];
            snprintf(text, sizeof text, ok ? "healthy" : "unhealthy: %s", r ? r : "?");
            free(r);
            health_changed = strcmp(text, s->health) != 0;
            memcpy(s->health, text, sizeof text);
        }
        if (health_changed || now - last_status >= 5000) {
            if (c->limit_memory_bytes == 0)
                s->memory_bytes = process_working_set(child);
            write_status(s, "running", child->pid, false, 0);
            last_status = now;
        }
    }
    struct probe_stats probes;
    health_monitor_probes(&health, &probes);
    probe_stats_add(&s->probes_done, &probes);
    s->health_monitor = NULL;
    health_monitor_stop(&health);
    return end;
}

/* Waits delay_ms unless stopped or asked to restart (which starts at once); keeps the
 * status countdown fresh. false = stop requested. */
static bool backoff_wait(struct supervisor *s, uint64_t delay_ms)
{
    uint64_t until = GetTickCount64() + delay_ms;
    for (;;) {
        uint64_t now = GetTickCount64();
        if (now >= until)
            return true;
        write_status(s, "backoff", 0, true, until - now);
        uint64_t slice = until - now > 1000 ? 1000 : until - now;
        HANDLE waits[3] = { s->stop_event, s->rotate_event, s->restart_event };
        DWORD w = WaitForMultipleObjects(3, waits, FALSE, (DWORD)slice);
        if (w == WAIT_OBJECT_0)
            return false;
        if (w == WAIT_OBJECT_0 + 1)
            logio_request_rotate(&s->logio);
        if (w == WAIT_OBJECT_0 + 2) {
            hostlog_write(LOG_INFO, L"restart requested: starting now instead of after the backoff");
            return true;
        }
    }
}

/* After the child ended: leftovers killed, logs drained, handles closed, hook run. */
static void finish_child(struct supervisor *s, struct child *child)
{
    if (s->job != NULL) {
        note_job_peak(s);
        s->cpu_done_100ns += job_cpu_100ns(s);
        s->job = NULL;
    }
    unsigned left = process_kill_leftovers(child);
    if (left > 0)
        hostlog_write(LOG_INFO, L"terminated %u leftover process(es) of pid=%lu", left, (unsigned long)child->pid);
    logio_child_end(&s->logio);
    process_close(child);
    run_post_stop(s);
}

DWORD supervise_run(struct supervisor *s)
{
    const struct config *c = s->config;
    struct backoff_state backoff;
    backoff_init(&backoff, c);
    DWORD result = 0;
    hostlog_event(LOG_INFO, L"supervising %ls%ls (restart=%hs, host pid=%lu)",
                  c->release_root ? L"the release named by the pointer in " : L"", s->program,
                  c->restart == RESTART_ALWAYS ? "always" : c->restart == RESTART_NEVER ? "never" : "on-failure",
                  (unsigned long)GetCurrentProcessId());
    write_status(s, "starting", 0, false, 0);
    for (;;) {
        if (stop_requested(s))
            break;
        struct child child = { 0 };
        DWORD fail_code = 0;
        progress(s);
        enum start_outcome so = start_child(s, &child, &fail_code);
        /* Uptime (backoff reset, health start period) counts from the child's start,
         * not from before the pre-start hook. */
        uint64_t started_ms = GetTickCount64();
        if (so == START_INTERRUPTED)
            break;
        int64_t exit_code;
        bool unhealthy = false;
        enum restart_reason reason = RESTART_REASON_CRASH;   /* a start that failed */
        uint64_t exited_ms;
        if (so == START_FAILED) {
            mark_running(s);
            exit_code = -1;
            unhealthy = true;
            exited_ms = GetTickCount64();
            s->has_last_exit = false;
        } else {
            statusfile_now_iso(s->started_at, sizeof s->started_at);
            s->child_start_unix_ms = unix_now_ms();
            s->health[0] = '\0';
            mark_running(s);
            enum child_end end = watch_child(s, &child, started_ms);
            if (end == END_STOP_REQUESTED) {
                write_status(s, "stopping", child.pid, false, 0);
                process_stop(&child, stop_timeout(s), progress_thunk, s);
                DWORD code = process_exit_code(&child);
                hostlog_event(LOG_INFO, L"exited pid=%lu code=%lu after stop request", (unsigned long)child.pid,
                              (unsigned long)code);
                s->has_last_exit = true;
                s->last_exit = code;
                finish_child(s, &child);
                break;
            }
            if (end == END_RESTART_REQUESTED) {
                /* Asked for, not a failure: no backoff, no give-up count. */
                write_status(s, "stopping", child.pid, false, 0);
                process_stop(&child, stop_timeout(s), progress_thunk, s);
                DWORD code = process_exit_code(&child);
                hostlog_event(LOG_INFO, L"exited pid=%lu code=%lu after restart request", (unsigned long)child.pid,
                              (unsigned long)code);
                s->has_last_exit = true;
                s->last_exit = code;
                finish_child(s, &child);
                s->restarts++;
                s->restart_reasons[RESTART_REASON_MANUAL]++;
                hostlog_write(LOG_INFO, L"restart reason: %hs", restart_reason_name(RESTART_REASON_MANUAL));
                continue;
            }
            if (end == END_UNHEALTHY || end == END_MEMORY) {
                write_status(s, "stopping", child.pid, false, 0);
                process_stop(&child, stop_timeout(s), progress_thunk, s);
                unhealthy = true;
            }
            exited_ms = GetTickCount64();
            exit_code = process_exit_code(&child);
            reason = end == END_UNHEALTHY ? RESTART_REASON_HEALTH
                   : end == END_MEMORY    ? RESTART_REASON_MEMORY
                                          : restart_reason_for_exit(exit_code);
            s->has_last_exit = true;
            s->last_exit = exit_code;
            hostlog_event(exit_code == 0 ? LOG_INFO : LOG_WARN, L"exited pid=%lu code=%lld (0x%llx) after %llu ms",
                          (unsigned long)child.pid, (long long)exit_code, (unsigned long long)exit_code,
                          (unsigned long long)(exited_ms - started_ms));
            finish_child(s, &child);
        }
        if (stop_requested(s))
            break;
        uint64_t delay = 0;
        enum restart_decision d = backoff_on_exit(&backoff, c, exit_code, unhealthy, started_ms, exited_ms,
                                                  next_random(s), &delay);
        if (s->shutting_down) {
            hostlog_write(LOG_INFO, L"system shutdown: not restarting");
            break;
        }
        if (d == DECISION_STOP) {
            result = so == START_FAILED ? fail_code : (DWORD)exit_code;
            hostlog_event(result == 0 ? LOG_INFO : LOG_ERROR, L"restart policy says stop; service exit code %lu",
                          (unsigned long)result);
            break;
        }
        if (d == DECISION_GIVE_UP) {
            result = SVC_EXIT_GAVE_UP;
            hostlog_event(LOG_ERROR, L"gave up: %u failures within %llu ms; stopping with exit code %u",
                          backoff.failures_in_window, (unsigned long long)c->give_up_window_ms, SVC_EXIT_GAVE_UP);
            write_status(s, "gave_up", 0, false, 0);
            return result;
        }
        s->restarts++;
        s->restart_reasons[reason]++;
        hostlog_write(LOG_INFO, L"restart reason: %hs", restart_reason_name(reason));
        PROCESS_MEMORY_COUNTERS self;
        ZeroMemory(&self, sizeof self);
        if (!K32GetProcessMemoryInfo(GetCurrentProcess(), &self, sizeof self))
            winerr_log(LOG_WARN, L"GetProcessMemoryInfo", L"host", GetLastError());
        DWORD handles = 0;
        GetProcessHandleCount(GetCurrentProcess(), &handles);   /* Wine: always 0 */
        /* Handle values are reused lowest-first, so a fresh handle's value tracks the
         * size of the handle table: a leak makes it climb (works under Wine too). */
        HANDLE probe = NULL;
        if (!DuplicateHandle(GetCurrentProcess(), GetCurrentProcess(), GetCurrentProcess(), &probe, 0, FALSE,
                             DUPLICATE_SAME_ACCESS))
            winerr_log(LOG_WARN, L"DuplicateHandle", L"handle probe", GetLastError());
        hostlog_event(LOG_INFO, L"restart in %llu ms (restart %u)", (unsigned long long)delay, s->restarts);
        hostlog_write(LOG_INFO, L"host resources: handles=%lu handle_probe=%llu working_set=%llu pagefile=%llu",
                      (unsigned long)handles, (unsigned long long)(uintptr_t)probe,
                      (unsigned long long)self.WorkingSetSize, (unsigned long long)self.PagefileUsage);
        if (probe != NULL)
            CloseHandle(probe);
        if (delay == 0)
            write_status(s, "backoff", 0, true, 0);   /* backoff_wait writes it only while waiting */
        if (!backoff_wait(s, delay))
            break;
    }
    write_status(s, "stopped", 0, false, 0);
    hostlog_event(LOG_INFO, L"stopped; service exit code %lu", (unsigned long)result);
    return result;
}
