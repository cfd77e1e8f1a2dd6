#include "metrics.h"

#include "strbuf.h"

const uint32_t metrics_probe_bucket_ms[METRICS_PROBE_BUCKET_COUNT] = { 5, 10, 25, 50, 100, 250, 500, 1000, 5000 };

static const char *const reason_names[RESTART_REASON_COUNT] = { "crash", "exit_code", "health", "memory", "manual" };

const char *restart_reason_name(enum restart_reason reason)
{
    return (unsigned)reason < RESTART_REASON_COUNT ? reason_names[reason] : "unknown";
}

enum restart_reason restart_reason_for_exit(int64_t exit_code)
{
    uint32_t code = (uint32_t)exit_code;
    return code >= 0xC0000000u || code == 0x40010004u ? RESTART_REASON_CRASH : RESTART_REASON_EXIT_CODE;
}

void probe_stats_observe(struct probe_stats *stats, uint64_t duration_us, bool ok)
{
    for (int i = 0; i < METRICS_PROBE_BUCKET_COUNT; i++) {
        if (duration_us <= (uint64_t)metrics_probe_bucket_ms[i] * 1000) {
            stats->buckets[i]++;
            break;
        }
    }
    stats->count++;
    stats->sum_us += duration_us;
    if (!ok)
        stats->failures++;
}

void probe_stats_add(struct probe_stats *total, const struct probe_stats *more)
{
    for (int i = 0; i < METRICS_PROBE_BUCKET_COUNT; i++)
        total->buckets[i] += more->buckets[i];
    total->count += more->count;
    total->sum_us += more->sum_us;
    total->failures += more->failures;
}

/* Label values escape backslash, double quote and line feed (exposition format 0.0.4). */
static void append_label_value(struct strbuf *sb, const char *value)
{
    strbuf_append_char(sb, '"');
    for (const char *p = value ? value : ""; *p; p++) {
        if (*p == '\\')
            strbuf_append_str(sb, "\\\\");
        else if (*p == '"')
            strbuf_append_str(sb, "\\\"");
        else if (*p == '\n')
            strbuf_append_str(sb, "\\n");
        else
            strbuf_append_char(sb, *p);
    }
    strbuf_append_char(sb, '"');
}

/* Fixed-point so the output never depends on the C locale's decimal separator. */
static void append_scaled(struct strbuf *sb, uint64_t value, uint64_t per_unit, int decimals)
{
    strbuf_append_u64(sb, value / per_unit);
    strbuf_append_char(sb, '.');
    uint64_t fraction = value % per_unit;
    char digits[20];
    for (int i = decimals - 1; i >= 0; i--) {
        digits[i] = (char)('0' + fraction % 10);
        fraction /= 10;
    }
    strbuf_append(sb, digits, (size_t)decimals);
}

static void family(struct strbuf *sb, const char *name, const char *type, const char *help)
{
    strbuf_append_str(sb, "# HELP ");
    strbuf_append_str(sb, name);
    strbuf_append_char(sb, ' ');
    strbuf_append_str(sb, help);
    strbuf_append_str(sb, "\n# TYPE ");
    strbuf_append_str(sb, name);
    strbuf_append_char(sb, ' ');
    strbuf_append_str(sb, type);
    strbuf_append_char(sb, '\n');
}

/* Starts a sample line up to the value: name{service="..",instance=".."[,extra="value"]} */
static void sample(struct strbuf *sb, const struct metrics_snapshot *s, const char *name, const char *extra_label,
                   const char *extra_value)
{
    strbuf_append_str(sb, name);
    strbuf_append_str(sb, "{service=");
    append_label_value(sb, s->service);
    strbuf_append_str(sb, ",instance=");
    append_label_value(sb, s->instance);
    if (extra_label) {
        strbuf_append_char(sb, ',');
        strbuf_append_str(sb, extra_label);
        strbuf_append_char(sb, '=');
        append_label_value(sb, extra_value);
    }
    strbuf_append_str(sb, "} ");
}

static void u64_line(struct strbuf *sb, const struct metrics_snapshot *s, const char *name, uint64_t value)
{
    sample(sb, s, name, NULL, NULL);
    strbuf_append_u64(sb, value);
    strbuf_append_char(sb, '\n');
}

static void gauge_u64(struct strbuf *sb, const struct metrics_snapshot *s, const char *name, const char *type,
                      const char *help, uint64_t value)
{
    family(sb, name, type, help);
    u64_line(sb, s, name, value);
}

static void probe_histogram(struct strbuf *sb, const struct metrics_snapshot *s)
{
    const char *name = "svcforge_health_probe_duration_seconds";
    family(sb, name, "histogram", "Duration of health probes.");
    uint64_t cumulative = 0;
    for (int i = 0; i < METRICS_PROBE_BUCKET_COUNT; i++) {
        cumulative += s->probes.buckets[i];
        struct strbuf le;
        strbuf_init(&le);
        append_scaled(&le, metrics_probe_bucket_ms[i], 1000, 3);
        sample(sb, s, "svcforge_health_probe_duration_seconds_bucket", "le", le.data ? le.data : "");
        sb->failed |= le.failed;
        strbuf_free(&le);
        strbuf_append_u64(sb, cumulative);
        strbuf_append_char(sb, '\n');
    }
    sample(sb, s, "svcforge_health_probe_duration_seconds_bucket", "le", "+Inf");
    strbuf_append_u64(sb, s->probes.count);
    strbuf_append_char(sb, '\n');
    sample(sb, s, "svcforge_health_probe_duration_seconds_sum", NULL, NULL);
    append_scaled(sb, s->probes.sum_us, 1000000, 6);
    strbuf_append_char(sb, '\n');
    u64_line(sb, s, "svcforge_health_probe_duration_seconds_count", s->probes.count);
}

char *metrics_format(const struct metrics_snapshot *s, const char *release)
{
    struct strbuf sb;
    strbuf_init(&sb);
    gauge_u64(&sb, s, "svcforge_up", "gauge", "1 when the supervised program is running.", s->up ? 1 : 0);

    family(&sb, "svcforge_child_start_time_seconds", "gauge", "Unix time the running program started, 0 if none.");
    sample(&sb, s, "svcforge_child_start_time_seconds", NULL, NULL);
    append_scaled(&sb, s->child_start_unix_ms, 1000, 3);
    strbuf_append_char(&sb, '\n');

    family(&sb, "svcforge_restarts_total", "counter", "Restarts decided by the supervisor, by reason.");
    for (int r = 0; r < RESTART_REASON_COUNT; r++) {
        sample(&sb, s, "svcforge_restarts_total", "reason", reason_names[r]);
        strbuf_append_u64(&sb, s->restarts[r]);
        strbuf_append_char(&sb, '\n');
    }

    if (s->has_last_exit_code) {
        family(&sb, "svcforge_last_exit_code", "gauge", "Exit code of the program's last run.");
        sample(&sb, s, "svcforge_last_exit_code", NULL, NULL);
        strbuf_append_i64(&sb, s->last_exit_code);
        strbuf_append_char(&sb, '\n');
    }

    family(&sb, "svcforge_backoff_seconds", "gauge", "Delay before the next start, 0 when running.");
    sample(&sb, s, "svcforge_backoff_seconds", NULL, NULL);
    append_scaled(&sb, s->backoff_ms, 1000, 3);
    strbuf_append_char(&sb, '\n');

    if (s->health_configured) {
        gauge_u64(&sb, s, "svcforge_health_up", "gauge", "1 when the last health probe passed.", s->health_up ? 1 : 0);
        probe_histogram(&sb, s);
        gauge_u64(&sb, s, "svcforge_health_probe_failures_total", "counter", "Health probes that failed.",
                  s->probes.failures);
    }

    family(&sb, "svcforge_cpu_seconds_total", "counter", "User and kernel CPU time of the whole process tree.");
    sample(&sb, s, "svcforge_cpu_seconds_total", NULL, NULL);
    append_scaled(&sb, s->cpu_100ns, 10000000, 7);
    strbuf_append_char(&sb, '\n');
    gauge_u64(&sb, s, "svcforge_memory_bytes", "gauge", "Committed memory of the whole process tree.", s->memory_bytes);
    gauge_u64(&sb, s, "svcforge_memory_peak_bytes", "gauge", "Peak committed memory of the process tree.",
              s->memory_peak_bytes);
    if (s->memory_limit_bytes)
        gauge_u64(&sb, s, "svcforge_memory_limit_bytes", "gauge", "Memory limit of the process tree.",
                  s->memory_limit_bytes);
    gauge_u64(&sb, s, "svcforge_limit_hits_total", "counter", "Times a memory or Job limit was hit.", s->limit_hits);

    if (s->log_counts_known) {
        family(&sb, "svcforge_log_bytes_total", "counter", "Bytes the program wrote to its logs, by stream.");
        sample(&sb, s, "svcforge_log_bytes_total", "stream", s->log_combined ? "combined" : "stdout");
        strbuf_append_u64(&sb, s->log_bytes_stdout);
        strbuf_append_char(&sb, '\n');
        if (!s->log_combined) {
            sample(&sb, s, "svcforge_log_bytes_total", "stream", "stderr");
            strbuf_append_u64(&sb, s->log_bytes_stderr);
            strbuf_append_char(&sb, '\n');
        }
        gauge_u64(&sb, s, "svcforge_log_rotations_total", "counter", "Log file rotations.", s->log_rotations);
    }
    gauge_u64(&sb, s, "svcforge_gave_up", "gauge", "1 when the restart policy gave up on the program.",
              s->gave_up ? 1 : 0);

    if (release) {
        family(&sb, "svcforge_release_info", "gauge", "The deployed release; the value is always 1.");
        sample(&sb, s, "svcforge_release_info", "version", release);
        strbuf_append_str(&sb, "1\n");
    }
    return strbuf_take(&sb);
}
