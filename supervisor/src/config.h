/* svcforge-host.conf: the parsed form. Portable C, no Win32 types.
 * The text format is documented in supervisor/FORMAT.md. Strings are UTF-8,
 * owned by the config and freed by config_free(). */
#ifndef SVCFORGE_CONFIG_H
#define SVCFORGE_CONFIG_H

#include <stddef.h>
#include <stdint.h>
#include <stdbool.h>

enum restart_policy { RESTART_ALWAYS, RESTART_ON_FAILURE, RESTART_NEVER };
enum exit_action { EXIT_ACTION_STOP, EXIT_ACTION_RESTART };
enum priority_class {
    PRIORITY_IDLE, PRIORITY_BELOW_NORMAL, PRIORITY_NORMAL,
    PRIORITY_ABOVE_NORMAL, PRIORITY_HIGH
};

struct exit_code_rule {
    int64_t code;            /* as the process reported it; 0..4294967295 */
    enum exit_action action;
};

struct env_pair {
    char *name;
    char *value;
};

struct hook {
    char *command;           /* full CreateProcess command line; NULL = no hook */
    uint64_t timeout_ms;
};

struct config {
    char *source_path;       /* file the config was read from, for messages */
    char *name;              /* service name */
    char *program;           /* absolute path; with release_root, a path inside the release */
    char **args;             /* exact argv elements after argv[0] */
    size_t arg_count;
    char *workdir;           /* NULL = the program's folder (the release folder in release mode);
                              * in release mode a relative workdir is inside the release */
    char *release_root;      /* NULL = not in release mode; else RELEASE_ROOT\<version>\ per release */
    char *release_pointer;   /* file naming the current release; set exactly when release_root is */
    struct env_pair *env;
    size_t env_count;
    char **secrets;          /* names of variables whose values come from secrets_file */
    size_t secret_count;
    char *secrets_file;      /* NULL = none */

    enum restart_policy restart;
    uint64_t backoff_initial_ms;
    uint64_t backoff_max_ms;
    uint64_t backoff_reset_ms;
    uint32_t backoff_jitter_percent;
    struct exit_code_rule *exit_codes;
    size_t exit_code_count;
    uint32_t give_up_failures;       /* 0 = never give up */
    uint64_t give_up_window_ms;

    uint64_t stop_timeout_ms;

    char *log_dir;
    char *log_stdout;        /* file name inside log_dir */
    char *log_stderr;        /* same as log_stdout = one combined file */
    bool log_timestamps;
    bool log_event_log;
    uint64_t rotate_max_bytes;       /* 0 = no size rotation */
    bool rotate_daily;
    uint32_t rotate_keep;            /* rotated files kept; 0 = keep all */

    char *health_http;       /* "http://host:port/path" or NULL */
    char *health_tcp;        /* "host:port" or NULL */
    uint64_t health_interval_ms;
    uint64_t health_timeout_ms;
    uint32_t health_failures;
    uint64_t health_start_period_ms;

    uint64_t limit_memory_bytes;     /* 0 = none */
    uint32_t limit_cpu_percent;      /* 0 = none, else 1..100 */
    enum priority_class priority;
    uint64_t affinity_mask;          /* 0 = all processors */
    uint64_t memory_watchdog_ms;     /* over the limit this long -> graceful restart */

    struct hook pre_start;
    struct hook post_stop;

    uint32_t port;                   /* checked free before each start; 0 = no check */
    uint32_t port_range_low;         /* 0 = no range */
    uint32_t port_range_high;
    char *port_env;                  /* variable the chosen port is exported in */

    char *status_file;

    char *metrics_textfile;          /* absolute .prom path for windows_exporter, or NULL */
    char *metrics_listen;            /* "IPv4:port" of the /metrics endpoint, or NULL */
    uint32_t metrics_listen_ipv4;    /* parsed from metrics_listen, host byte order */
    uint32_t metrics_listen_port;
};

/* One problem found while reading: "file:line: key: problem". */
struct config_error {
    unsigned line;           /* 0 = not tied to a line */
    char key[64];
    char message[256];
};

struct config_errors {
    struct config_error items[32];
    size_t count;            /* may exceed 32; only the first 32 are kept */
};

/* Parses UTF-8 text (a leading BOM is skipped). Returns 0 and fills *out, or
 * returns -1 and fills *errors (every problem found, not just the first).
 * On success the caller owns *out and calls config_free(). */
int config_parse(const char *text, size_t length, const char *source_path,
                 struct config *out, struct config_errors *errors);

void config_free(struct config *config);

/* Formats error i as "file:line: key: problem" into buf. */
void config_format_error(const struct config *config_or_null, const char *source_path,
                         const struct config_error *error, char *buf, size_t size);

#endif
