/* The Prometheus text the supervisor exposes: names, labels, escaping, histogram, release. */
#include <stdlib.h>
#include "check.h"
#include "metrics.h"

static bool contains(const char *text, const char *needle)
{
    return text && strstr(text, needle) != NULL;
}

static struct metrics_snapshot running_gin(void)
{
    struct metrics_snapshot s = { 0 };
    s.service = "gin";
    s.instance = "HOST1";
    s.up = true;
    s.child_start_unix_ms = 1764926400123ULL;
    s.restarts[RESTART_REASON_CRASH] = 2;
    s.restarts[RESTART_REASON_HEALTH] = 1;
    s.has_last_exit_code = true;
    s.last_exit_code = -1073741819;
    s.health_configured = true;
    s.health_up = true;
    s.cpu_100ns = 12345678;
    s.memory_bytes = 10485760;
    s.memory_peak_bytes = 20971520;
    s.memory_limit_bytes = 268435456;
    s.log_counts_known = true;
    s.log_bytes_stdout = 100;
    s.log_bytes_stderr = 7;
    return s;
}

static void every_series_carries_service_and_instance(struct test_run *t)
{
    struct metrics_snapshot s = running_gin();
    char *text = metrics_format(&s, NULL);
    CHECK(t, text != NULL);
    CHECK(t, contains(text, "svcforge_up{service=\"gin\",instance=\"HOST1\"} 1\n"));
    CHECK(t, contains(text, "svcforge_child_start_time_seconds{service=\"gin\",instance=\"HOST1\"} 1764926400.123\n"));
    CHECK(t, contains(text, "svcforge_restarts_total{service=\"gin\",instance=\"HOST1\",reason=\"crash\"} 2\n"));
    CHECK(t, contains(text, "svcforge_restarts_total{service=\"gin\",instance=\"HOST1\",reason=\"exit_code\"} 0\n"));
    CHECK(t, contains(text, "svcforge_restarts_total{service=\"gin\",instance=\"HOST1\",reason=\"health\"} 1\n"));
    CHECK(t, contains(text, "svcforge_restarts_total{service=\"gin\",instance=\"HOST1\",reason=\"memory\"} 0\n"));
    CHECK(t, contains(text, "svcforge_restarts_total{service=\"gin\",instance=\"HOST1\",reason=\"manual\"} 0\n"));
    CHECK(t, contains(text, "svcforge_last_exit_code{service=\"gin\",instance=\"HOST1\"} -1073741819\n"));
    CHECK(t, contains(text, "svcforge_backoff_seconds{service=\"gin\",instance=\"HOST1\"} 0.000\n"));
    CHECK(t, contains(text, "svcforge_cpu_seconds_total{service=\"gin\",instance=\"HOST1\"} 1.2345678\n"));
    CHECK(t, contains(text, "svcforge_memory_bytes{service=\"gin\",instance=\"HOST1\"} 10485760\n"));
    CHECK(t, contains(text, "svcforge_memory_peak_bytes{service=\"gin\",instance=\"HOST1\"} 20971520\n"));
    CHECK(t, contains(text, "svcforge_memory_limit_bytes{service=\"gin\",instance=\"HOST1\"} 268435456\n"));
    CHECK(t, contains(text, "svcforge_log_bytes_total{service=\"gin\",instance=\"HOST1\",stream=\"stderr\"} 7\n"));
    CHECK(t, contains(text, "svcforge_gave_up{service=\"gin\",instance=\"HOST1\"} 0\n"));
    CHECK(t, contains(text, "# TYPE svcforge_restarts_total counter\n"));
    /* Every sample line (not a comment) is labelled. */
    for (const char *line = text; line && *line;) {
        const char *end = strchr(line, '\n');
        CHECK(t, end != NULL);
        if (end == NULL)
            break;
        if (*line != '#')
            CHECK(t, strncmp(strchr(line, '{'), "{service=\"gin\",instance=\"HOST1\"", 31) == 0);
        line = end + 1;
    }
    CHECK(t, !contains(text, "svcforge_release_info"));
    CHECK(t, !contains(text, "\r"));
    free(text);
}

static void escapes_label_values(struct test_run *t)
{
    struct metrics_snapshot s = { 0 };
    s.service = "we\"ird\\name\nx";
    s.instance = NULL;
    char *text = metrics_format(&s, "1.2.\"3\"");
    CHECK(t, contains(text, "svcforge_up{service=\"we\\\"ird\\\\name\\nx\",instance=\"\"} 0\n"));
    CHECK(t, contains(text, "svcforge_release_info{service=\"we\\\"ird\\\\name\\nx\",instance=\"\",version=\"1.2.\\\"3\\\"\"} 1\n"));
    free(text);
}

static void omits_health_and_exit_code_when_unknown(struct test_run *t)
{
    struct metrics_snapshot s = { 0 };
    s.service = "svc";
    s.instance = "h";
    s.backoff_ms = 4500;
    s.gave_up = true;
    char *text = metrics_format(&s, NULL);
    CHECK(t, !contains(text, "svcforge_health_up"));
    CHECK(t, !contains(text, "svcforge_health_probe_duration_seconds"));
    CHECK(t, !contains(text, "svcforge_last_exit_code"));
    CHECK(t, !contains(text, "svcforge_memory_limit_bytes"));
    CHECK(t, !contains(text, "svcforge_log_bytes_total"));
    CHECK(t, !contains(text, "svcforge_log_rotations_total"));
    CHECK(t, contains(text, "svcforge_backoff_seconds{service=\"svc\",instance=\"h\"} 4.500\n"));
    CHECK(t, contains(text, "svcforge_gave_up{service=\"svc\",instance=\"h\"} 1\n"));
    free(text);
}

static void probe_histogram_is_cumulative(struct test_run *t)
{
    struct metrics_snapshot s = running_gin();
    probe_stats_observe(&s.probes, 3000, true);       /* 3 ms -> le 0.005 */
    probe_stats_observe(&s.probes, 10000, true);      /* exactly 10 ms -> le 0.010 */
    probe_stats_observe(&s.probes, 2000000, false);   /* 2 s -> le 5.000 */
    probe_stats_observe(&s.probes, 9000000, false);   /* 9 s -> only +Inf */
    CHECK_U64(t, s.probes.failures, 2);
    char *text = metrics_format(&s, NULL);
    const char *prefix = "svcforge_health_probe_duration_seconds_bucket{service=\"gin\",instance=\"HOST1\",le=";
    char line[200];
    snprintf(line, sizeof line, "%s\"0.005\"} 1\n", prefix);
    CHECK(t, contains(text, line));
    snprintf(line, sizeof line, "%s\"0.010\"} 2\n", prefix);
    CHECK(t, contains(text, line));
    snprintf(line, sizeof line, "%s\"1.000\"} 2\n", prefix);
    CHECK(t, contains(text, line));
    snprintf(line, sizeof line, "%s\"5.000\"} 3\n", prefix);
    CHECK(t, contains(text, line));
    snprintf(line, sizeof line, "%s\"+Inf\"} 4\n", prefix);
    CHECK(t, contains(text, line));
    CHECK(t, contains(text, "svcforge_health_probe_duration_seconds_sum{service=\"gin\",instance=\"HOST1\"} 11.013000\n"));
    CHECK(t, contains(text, "svcforge_health_probe_duration_seconds_count{service=\"gin\",instance=\"HOST1\"} 4\n"));
    CHECK(t, contains(text, "svcforge_health_probe_failures_total{service=\"gin\",instance=\"HOST1\"} 2\n"));
    free(text);
}

static void log_series_by_stream_or_combined(struct test_run *t)
{
    struct metrics_snapshot s = running_gin();
    s.log_rotations = 3;
    char *text = metrics_format(&s, NULL);
    CHECK(t, contains(text, "# TYPE svcforge_log_bytes_total counter\n"));
    CHECK(t, contains(text, "svcforge_log_bytes_total{service=\"gin\",instance=\"HOST1\",stream=\"stdout\"} 100\n"));
    CHECK(t, contains(text, "svcforge_log_bytes_total{service=\"gin\",instance=\"HOST1\",stream=\"stderr\"} 7\n"));
    CHECK(t, !contains(text, "stream=\"combined\""));
    CHECK(t, contains(text, "# TYPE svcforge_log_rotations_total counter\n"));
    CHECK(t, contains(text, "svcforge_log_rotations_total{service=\"gin\",instance=\"HOST1\"} 3\n"));
    free(text);

    s.log_combined = true;
    s.log_bytes_stderr = 0;
    text = metrics_format(&s, NULL);
    CHECK(t, contains(text, "svcforge_log_bytes_total{service=\"gin\",instance=\"HOST1\",stream=\"combined\"} 100\n"));
    CHECK(t, !contains(text, "stream=\"stdout\""));
    CHECK(t, !contains(text, "stream=\"stderr\""));
    CHECK(t, contains(text, "svcforge_log_rotations_total{service=\"gin\",instance=\"HOST1\"} 3\n"));
    free(text);
}

static void names_restart_reasons(struct test_run *t)
{
    CHECK_STR(t, restart_reason_name(RESTART_REASON_EXIT_CODE), "exit_code");
    CHECK_STR(t, restart_reason_name(RESTART_REASON_MANUAL), "manual");
    CHECK_STR(t, restart_reason_name(RESTART_REASON_COUNT), "unknown");
    CHECK(t, restart_reason_for_exit(3221225477LL) == RESTART_REASON_CRASH);   /* 0xC0000005 */
    CHECK(t, restart_reason_for_exit(-1073741819LL) == RESTART_REASON_CRASH);  /* the same, signed */
    CHECK(t, restart_reason_for_exit(0x40010004LL) == RESTART_REASON_CRASH);
    CHECK(t, restart_reason_for_exit(3) == RESTART_REASON_EXIT_CODE);
    CHECK(t, restart_reason_for_exit(0) == RESTART_REASON_EXIT_CODE);
}

void suite_metrics(struct test_run *t)
{
    RUN(t, every_series_carries_service_and_instance, "metrics: every series is labelled with service and instance");
    RUN(t, escapes_label_values, "metrics: label values escape quote, backslash and line feed; release info");
    RUN(t, omits_health_and_exit_code_when_unknown, "metrics: no health or exit code series until known");
    RUN(t, probe_histogram_is_cumulative, "metrics: the probe histogram is cumulative with +Inf, sum and count");
    RUN(t, log_series_by_stream_or_combined, "metrics: log bytes by stream, one combined sample for a shared file; rotations");
    RUN(t, names_restart_reasons, "metrics: restart reason names");
}
