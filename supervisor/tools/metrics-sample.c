/* Prints the metrics text of a busy, fully populated snapshot (every family, escaped labels,
 * release info) so tests can feed the formatter's real output to `promtool check metrics`. */
#include <stdio.h>
#include <stdlib.h>
#include "metrics.h"

int main(void)
{
    struct metrics_snapshot s = { 0 };
    s.service = "gin \"api\"\\x";
    s.instance = "HOST\n1";
    s.up = true;
    s.child_start_unix_ms = 1764926400123ULL;
    for (int r = 0; r < RESTART_REASON_COUNT; r++)
        s.restarts[r] = (uint64_t)r + 1;
    s.has_last_exit_code = true;
    s.last_exit_code = -1073741819;
    s.backoff_ms = 1500;
    s.health_configured = true;
    s.health_up = false;
    probe_stats_observe(&s.probes, 1200, true);
    probe_stats_observe(&s.probes, 75000, true);
    probe_stats_observe(&s.probes, 7000000, false);
    s.cpu_100ns = 98765432;
    s.memory_bytes = 52428800;
    s.memory_peak_bytes = 73400320;
    s.memory_limit_bytes = 268435456;
    s.limit_hits = 3;
    s.log_counts_known = true;
    s.log_bytes_stdout = 4096;
    s.log_bytes_stderr = 512;
    s.log_rotations = 2;
    char *text = metrics_format(&s, "2026.12.05-1");
    if (text == NULL)
        return 1;
    fputs(text, stdout);
    free(text);
    return 0;
}
