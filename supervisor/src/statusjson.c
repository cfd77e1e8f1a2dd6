#include "statusjson.h"

#include "jsonesc.h"
#include "metrics.h"
#include "strbuf.h"

static void key(struct strbuf *sb, const char *name, bool first)
{
    strbuf_append_str(sb, first ? "{\n  " : ",\n  ");
    json_append_cstring_or_null(sb, name);
    strbuf_append_str(sb, ": ");
}

static void u64_or_null(struct strbuf *sb, bool present, uint64_t value)
{
    if (present)
        strbuf_append_u64(sb, value);
    else
        strbuf_append_str(sb, "null");
}

char *status_json_format(const struct status_info *status)
{
    struct strbuf sb;
    strbuf_init(&sb);
    key(&sb, "service", true);
    json_append_cstring_or_null(&sb, status->service);
    key(&sb, "state", false);
    json_append_cstring_or_null(&sb, status->state);
    key(&sb, "pid", false);
    u64_or_null(&sb, status->pid != 0, status->pid);
    key(&sb, "port", false);
    u64_or_null(&sb, status->port != 0, status->port);
    key(&sb, "restarts", false);
    strbuf_append_u64(&sb, status->restarts);
    key(&sb, "last_exit_code", false);
    if (status->has_last_exit_code)
        strbuf_append_i64(&sb, status->last_exit_code);
    else
        strbuf_append_str(&sb, "null");
    key(&sb, "started_at", false);
    json_append_cstring_or_null(&sb, status->started_at);
    key(&sb, "last_health", false);
    json_append_cstring_or_null(&sb, status->last_health);
    key(&sb, "next_start_in_ms", false);
    u64_or_null(&sb, status->has_next_start_in_ms, status->next_start_in_ms);
    key(&sb, "memory_bytes", false);
    strbuf_append_u64(&sb, status->memory_bytes);
    key(&sb, "release", false);
    json_append_cstring_or_null(&sb, status->release);
    if (status->restart_reasons) {
        key(&sb, "restart_reasons", false);
        for (int r = 0; r < RESTART_REASON_COUNT; r++) {
            strbuf_append_str(&sb, r == 0 ? "{ " : ", ");
            json_append_cstring_or_null(&sb, restart_reason_name((enum restart_reason)r));
            strbuf_append_str(&sb, ": ");
            strbuf_append_u64(&sb, status->restart_reasons[r]);
        }
        strbuf_append_str(&sb, " }");
    }
    strbuf_append_str(&sb, "\n}\n");
    return strbuf_take(&sb);
}
