#include "configjson.h"

#include <string.h>
#include "jsonesc.h"

struct writer {
    struct strbuf *sb;
    bool pretty;
    bool first;
};

static void key(struct writer *w, const char *name)
{
    if (w->pretty)
        strbuf_append_str(w->sb, w->first ? "{\n  " : ",\n  ");
    else
        strbuf_append_str(w->sb, w->first ? "{" : ",");
    w->first = false;
    json_append_cstring_or_null(w->sb, name);
    strbuf_append_str(w->sb, w->pretty ? ": " : ":");
}

static const char *separator(const struct writer *w)
{
    return w->pretty ? ", " : ",";
}

static void string_field(struct writer *w, const char *name, const char *value)
{
    key(w, name);
    json_append_cstring_or_null(w->sb, value);
}

static void u64_field(struct writer *w, const char *name, uint64_t value)
{
    key(w, name);
    strbuf_append_u64(w->sb, value);
}

static void u64_or_null_field(struct writer *w, const char *name, uint64_t value)
{
    key(w, name);
    if (value)
        strbuf_append_u64(w->sb, value);
    else
        strbuf_append_str(w->sb, "null");
}

static void bool_field(struct writer *w, const char *name, bool value)
{
    key(w, name);
    strbuf_append_str(w->sb, value ? "true" : "false");
}

static void string_list_field(struct writer *w, const char *name, char *const *items, size_t count)
{
    key(w, name);
    strbuf_append_char(w->sb, '[');
    for (size_t i = 0; i < count; i++) {
        if (i)
            strbuf_append_str(w->sb, separator(w));
        json_append_cstring_or_null(w->sb, items[i]);
    }
    strbuf_append_char(w->sb, ']');
}

static void env_field(struct writer *w, const struct config *c)
{
    key(w, "env");
    strbuf_append_char(w->sb, '[');
    for (size_t i = 0; i < c->env_count; i++) {
        if (i)
            strbuf_append_str(w->sb, separator(w));
        strbuf_append_char(w->sb, '[');
        json_append_cstring_or_null(w->sb, c->env[i].name);
        strbuf_append_str(w->sb, separator(w));
        json_append_cstring_or_null(w->sb, c->env[i].value);
        strbuf_append_char(w->sb, ']');
    }
    strbuf_append_char(w->sb, ']');
}

static void exit_code_field(struct writer *w, const struct config *c)
{
    key(w, "exit_code");
    strbuf_append_char(w->sb, '[');
    for (size_t i = 0; i < c->exit_code_count; i++) {
        if (i)
            strbuf_append_str(w->sb, separator(w));
        strbuf_append_str(w->sb, w->pretty ? "{\"code\": " : "{\"code\":");
        strbuf_append_i64(w->sb, c->exit_codes[i].code);
        strbuf_append_str(w->sb, w->pretty ? ", \"action\": " : ",\"action\":");
        json_append_cstring_or_null(w->sb,
                                    c->exit_codes[i].action == EXIT_ACTION_STOP ? "stop" : "restart");
        strbuf_append_char(w->sb, '}');
    }
    strbuf_append_char(w->sb, ']');
}

static void port_range_field(struct writer *w, const struct config *c)
{
    key(w, "port_range");
    if (!c->port_range_low) {
        strbuf_append_str(w->sb, "null");
        return;
    }
    strbuf_append_str(w->sb, w->pretty ? "{\"low\": " : "{\"low\":");
    strbuf_append_u64(w->sb, c->port_range_low);
    strbuf_append_str(w->sb, w->pretty ? ", \"high\": " : ",\"high\":");
    strbuf_append_u64(w->sb, c->port_range_high);
    strbuf_append_char(w->sb, '}');
}

static const char *restart_name(enum restart_policy policy)
{
    switch (policy) {
    case RESTART_ALWAYS: return "always";
    case RESTART_ON_FAILURE: return "on-failure";
    case RESTART_NEVER: return "never";
    }
    return "?";
}

static const char *priority_name(enum priority_class priority)
{
    switch (priority) {
    case PRIORITY_IDLE: return "idle";
    case PRIORITY_BELOW_NORMAL: return "below_normal";
    case PRIORITY_NORMAL: return "normal";
    case PRIORITY_ABOVE_NORMAL: return "above_normal";
    case PRIORITY_HIGH: return "high";
    }
    return "?";
}

void config_append_json(struct strbuf *sb, const struct config *c, bool pretty)
{
    struct writer w = { sb, pretty, true };
    u64_field(&w, "version", 1);
    string_field(&w, "name", c->name);
    string_field(&w, "program", c->program);
    string_list_field(&w, "arg", c->args, c->arg_count);
    string_field(&w, "workdir", c->workdir);
    string_field(&w, "release_root", c->release_root);
    string_field(&w, "release_pointer", c->release_pointer);
    env_field(&w, c);
    string_list_field(&w, "secret", c->secrets, c->secret_count);
    string_field(&w, "secrets_file", c->secrets_file);
    string_field(&w, "restart", restart_name(c->restart));
    u64_field(&w, "backoff_initial_ms", c->backoff_initial_ms);
    u64_field(&w, "backoff_max_ms", c->backoff_max_ms);
    u64_field(&w, "backoff_reset_ms", c->backoff_reset_ms);
    u64_field(&w, "backoff_jitter_percent", c->backoff_jitter_percent);
    exit_code_field(&w, c);
    u64_field(&w, "give_up_failures", c->give_up_failures);
    u64_field(&w, "give_up_window_ms", c->give_up_window_ms);
    u64_field(&w, "stop_timeout_ms", c->stop_timeout_ms);
    string_field(&w, "log_dir", c->log_dir);
    string_field(&w, "log_stdout", c->log_stdout);
    string_field(&w, "log_stderr", c->log_stderr);
    bool_field(&w, "log_timestamps", c->log_timestamps);
    bool_field(&w, "log_event_log", c->log_event_log);
    u64_field(&w, "rotate_max_bytes", c->rotate_max_bytes);
    bool_field(&w, "rotate_daily", c->rotate_daily);
    u64_field(&w, "rotate_keep", c->rotate_keep);
    string_field(&w, "health_http", c->health_http);
    string_field(&w, "health_tcp", c->health_tcp);
    u64_field(&w, "health_interval_ms", c->health_interval_ms);
    u64_field(&w, "health_timeout_ms", c->health_timeout_ms);
    u64_field(&w, "health_failures", c->health_failures);
    u64_field(&w, "health_start_period_ms", c->health_start_period_ms);
    u64_field(&w, "limit_memory_bytes", c->limit_memory_bytes);
    u64_or_null_field(&w, "limit_cpu_percent", c->limit_cpu_percent);
    string_field(&w, "priority", priority_name(c->priority));
    u64_field(&w, "affinity", c->affinity_mask);
    u64_field(&w, "memory_watchdog_ms", c->memory_watchdog_ms);
    string_field(&w, "pre_start", c->pre_start.command);
    u64_field(&w, "pre_start_timeout_ms", c->pre_start.timeout_ms);
    string_field(&w, "post_stop", c->post_stop.command);
    u64_field(&w, "post_stop_timeout_ms", c->post_stop.timeout_ms);
    u64_or_null_field(&w, "port", c->port);
    port_range_field(&w, c);
    string_field(&w, "port_env", c->port_env);
    string_field(&w, "status_file", c->status_file);
    string_field(&w, "metrics_textfile", c->metrics_textfile);
    string_field(&w, "metrics_listen", c->metrics_listen);
    strbuf_append_str(sb, pretty ? "\n}\n" : "}");
}
