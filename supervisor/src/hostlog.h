/* The supervisor's own log, svcforge-host.log in log_dir: one UTF-8 line per event,
 *   2026-11-25T14:27:48.123Z info: started pid=4242 ...
 * (UTC time, level, message; CRLF). Before log_dir is known (or if it cannot be
 * opened) lines go to svcforge-host.log next to the config file. Console and check
 * modes also echo every line to stderr. Thread-safe. Past 10 MiB the file is renamed
 * svcforge-host.log.1 (replacing the previous one) and started afresh.
 * Logging runs one way: winerr -> hostlog -> eventlog, fsutil, syserr. The files below
 * hostlog log nothing; hostlog reports their failures itself. */
#ifndef SVCFORGE_HOSTLOG_H
#define SVCFORGE_HOSTLOG_H

#include <wchar.h>
#include <stdbool.h>

enum hostlog_level { LOG_INFO, LOG_WARN, LOG_ERROR };

/* The longest message a line carries; a longer one is cut. */
#define HOSTLOG_MESSAGE_MAX 2047

void hostlog_init(bool echo_stderr);
/* Echo only the message to stderr, without time and level (check mode: stderr then
 * reads exactly "file:line: key: problem"). */
void hostlog_set_plain_echo(bool plain);
/* Opens (appending) dir\svcforge-host.log, creating dir if needed; replaces any file
 * opened before. Returns false (and keeps the previous target) on failure. */
bool hostlog_open_dir(const wchar_t *dir);
/* From now on lifecycle lines (hostlog_event) also go to the Application event log,
 * source = the service name. An unavailable event log is a warning in the host log,
 * never a failure; so is a report that fails (reporting then stops). */
void hostlog_open_event_log(const wchar_t *source);
/* Stops reporting to the event log and closes it. */
void hostlog_close_event_log(void);
void hostlog_write(enum hostlog_level level, const wchar_t *format, ...);
/* Same line, also reported to the Application event log (when enabled). */
void hostlog_event(enum hostlog_level level, const wchar_t *format, ...);
/* Writes a line to stderr only (usage messages, check results). */
void hostlog_stderr(const wchar_t *format, ...);
void hostlog_close(void);

#endif
