/* The child process: started suspended into a Job object (kill-on-close, limits),
 * resumed; stopped with Ctrl+C through its console (service mode: the host's one
 * hidden console, shared by every child; console mode: a console of its own), then
 * the whole job terminated. */
#ifndef SVCFORGE_PROCESS_H
#define SVCFORGE_PROCESS_H

#include <windows.h>
#include <stdbool.h>
#include <stdint.h>
#include "config.h"

struct child {
    HANDLE process;     /* owned */
    HANDLE job;         /* owned; closing it kills whatever is left (KILL_ON_JOB_CLOSE) */
    DWORD pid;
};

struct child_spec {
    const wchar_t *application;   /* absolute program path */
    wchar_t *command_line;        /* CreateProcessW may write into it */
    const wchar_t *workdir;
    const wchar_t *environment;   /* CREATE_UNICODE_ENVIRONMENT block */
    HANDLE std_in, std_out, std_err;  /* inheritable; the caller closes them after start */
};

/* Call once at start-up of console and service modes: in console mode the host
 * re-attaches to its own console after sending Ctrl+C to a child; in service mode it
 * allocates the hidden console its children share, and a handler swallows the
 * Ctrl+C the host raises on it. */
void process_set_console_mode(bool console_mode);
/* True for a moment after the host sent a Ctrl+C (its own console handler must ignore it). */
bool process_ctrl_c_in_flight(void);

/* The Job object with the config's limits, made before the log files are opened so
 * its cost is not between the log's creation and the child's first write. */
HANDLE process_create_job(const struct config *config, const wchar_t *label);
/* Starts the child into `job`, which it takes over (closed on failure too). */
bool process_start(const struct config *config, const struct child_spec *spec, HANDLE job, struct child *out);

/* Called about every 500 ms while waiting, so the service can report progress. */
typedef void (*process_progress_fn)(void *context);

/* Ctrl+C, wait up to timeout_ms, then terminate the job. Returns true when the child
 * left on its own after the Ctrl+C (false: it was terminated). */
bool process_stop(struct child *child, uint64_t timeout_ms, process_progress_fn progress, void *context);

/* Terminates whatever is still in the job (grandchildren after the child exited);
 * returns how many processes were still active. */
unsigned process_kill_leftovers(struct child *child);

/* Sum of working sets of the processes in the job (the child alone if the list is
 * unavailable); 0 when unknown. */
uint64_t process_working_set(struct child *child);

DWORD process_exit_code(struct child *child);
void process_close(struct child *child);

/* Runs a hook command line (hidden console, own job) with output appended to
 * `log_path`; waits up to timeout_ms or until stop_event. Returns the exit code, or
 * -1 when it could not start, timed out or was interrupted (all logged). */
int64_t process_run_hook(const wchar_t *label, const char *command_utf8, const wchar_t *workdir,
                         const wchar_t *environment, const wchar_t *log_path,
                         uint64_t timeout_ms, HANDLE stop_event);

#endif
