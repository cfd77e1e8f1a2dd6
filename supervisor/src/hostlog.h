/* The supervisor's own log, svcforge-host.log in log_dir: one UTF-8 line per event,
 *   2026-11-25T14:27:48.123Z info: started pid=4242 ...
 * (UTC time, level, message; CRLF). Before log_dir is known (or if it cannot be
 * opened) lines go to svcforge-host.log next to the config file. Console and check
 * modes also echo every line to stderr. Thread-safe. Past 10 MiB the file is renamed
 * svcforge-host.log.1 (replacing the previous one) and started afresh. */
#ifndef SVCFORGE_HOSTLOG_H
#define SVCFORGE_HOSTLOG_H

#include <wchar.h>
#include <stdbool.h>

enum hostlog_level { LOG_INFO, LOG_WARN, LOG_ERROR };

void hostlog_init(bool echo_stderr);
/* Echo only the message to stderr, without time and level (check mode: stderr then
 * reads exactly "file:line: key: problem"). */
void hostlog_set_plain_echo(bool plain);
/* Opens (appending) dir\svcforge-host.log, creating dir if needed; replaces any file
 * opened before. Returns false (and keeps the previous target) on failure. */
bool hostlog_open_dir(const wchar_t *dir);
/* Lifecycle lines also go to the Windows Event Log once eventlog_open() succeeded. */
void hostlog_set_event_log(bool enabled);
void hostlog_write(enum hostlog_level level, const wchar_t *format, ...);
/* Same line, also reported to the Application event log (when enabled). */
void hostlog_event(enum hostlog_level level, const wchar_t *format, ...);
/* Writes a line to stderr only (usage messages, check results). */
void hostlog_stderr(const wchar_t *format, ...);
void hostlog_close(void);

#endif
