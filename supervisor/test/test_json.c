/* JSON escaping, the status file, and the config rendered as JSON. */
#include <stdlib.h>
#include "check.h"
#include "configjson.h"
#include "jsonesc.h"
#include "statusjson.h"
#include "metrics.h"

static char *escaped(const char *s, size_t length)
{
    struct strbuf sb;
    strbuf_init(&sb);
    json_append_string(&sb, s, length);
    return strbuf_take(&sb);
}

static void check_escape(struct test_run *t, const char *input, size_t length, const char *expected)
{
    char *out = escaped(input, length);
    CHECK_STR(t, out, expected);
    free(out);
}

static void escapes_quotes_backslashes_and_control_characters(struct test_run *t)
{
    check_escape(t, "a\"b\\c", 5, "\"a\\\"b\\\\c\"");
    check_escape(t, "\b\f\n\r\t\x01\x1f\x7f", 8, "\"\\b\\f\\n\\r\\t\\u0001\\u001f\x7f\"");
    check_escape(t, "", 0, "\"\"");
    check_escape(t, "a\0b", 3, "\"a\\u0000b\"");
    check_escape(t, "/<script>", 9, "\"/<script>\"");
}

static void copies_valid_utf8_and_replaces_invalid_bytes(struct test_run *t)
{
    check_escape(t, "caf\xC3\xA9 \xF0\x9F\x98\x80 \xE2\x80\xA8", 14, "\"caf\xC3\xA9 \xF0\x9F\x98\x80 \xE2\x80\xA8\"");
    check_escape(t, "a\xFF" "b", 3, "\"a\xEF\xBF\xBD" "b\"");
    check_escape(t, "\xC3", 1, "\"\xEF\xBF\xBD\"");
    check_escape(t, "\xED\xA0\x80", 3, "\"\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\"");
}

static void writes_restart_reasons_into_the_status_file(struct test_run *t)
{
    uint64_t reasons[RESTART_REASON_COUNT] = { 2, 1, 0, 0, 5 };
    struct status_info status = { 0 };
    status.service = "svc";
    status.state = "running";
    status.restart_reasons = reasons;
    char *json = status_json_format(&status);
    CHECK(t, json && strstr(json, ",\n  \"restart_reasons\": { \"crash\": 2, \"exit_code\": 1, \"health\": 0, "
                                   "\"memory\": 0, \"manual\": 5 }\n}\n"));
    free(json);
}

static void writes_the_status_file_with_nulls_for_unknowns(struct test_run *t)
{
    struct status_info status = { 0 };
    status.service = "gin \"hello\"";
    status.state = "backoff";
    status.restarts = 3;
    status.has_last_exit_code = true;
    status.last_exit_code = -1073741819;
    status.last_health = "unhealthy: GET /health -> 500\n";
    status.has_next_start_in_ms = true;
    status.next_start_in_ms = 4000;
    char *json = status_json_format(&status);
    CHECK_STR(t, json,
              "{\n  \"service\": \"gin \\\"hello\\\"\",\n  \"state\": \"backoff\",\n  \"pid\": null,\n"
              "  \"port\": null,\n  \"restarts\": 3,\n  \"last_exit_code\": -1073741819,\n"
              "  \"started_at\": null,\n  \"last_health\": \"unhealthy: GET /health -> 500\\n\",\n"
              "  \"next_start_in_ms\": 4000,\n  \"memory_bytes\": 0,\n  \"release\": null\n}\n");
    free(json);
    struct status_info running = { "svc", "running", 4242, 8080, 0, false, 0, "2026-11-25T14:24:00.123+01:00",
                                   "healthy", false, 0, 18446744073709551615ULL, "v1.2.0-3-gabc1234-dirty", NULL };
    json = status_json_format(&running);
    CHECK_STR(t, json,
              "{\n  \"service\": \"svc\",\n  \"state\": \"running\",\n  \"pid\": 4242,\n  \"port\": 8080,\n"
              "  \"restarts\": 0,\n  \"last_exit_code\": null,\n  \"started_at\": \"2026-11-25T14:24:00.123+01:00\",\n"
              "  \"last_health\": \"healthy\",\n  \"next_start_in_ms\": null,\n  \"memory_bytes\": 18446744073709551615,\n"
              "  \"release\": \"v1.2.0-3-gabc1234-dirty\"\n}\n");
    free(json);
}

static void renders_a_config_compactly_on_one_line(struct test_run *t)
{
    struct config c;
    memset(&c, 0, sizeof c);
    char *args[] = { "a\"b" };
    struct env_pair env[] = { { "K", "v\tw" } };
    struct exit_code_rule rules[] = { { 4294967295LL, EXIT_ACTION_RESTART } };
    c.name = "n";
    c.args = args;
    c.arg_count = 1;
    c.env = env;
    c.env_count = 1;
    c.exit_codes = rules;
    c.exit_code_count = 1;
    c.port_range_low = 1;
    c.port_range_high = 2;
    c.limit_cpu_percent = 7;
    c.affinity_mask = UINT64_MAX;
    struct strbuf sb;
    strbuf_init(&sb);
    config_append_json(&sb, &c, false);
    char *json = strbuf_take(&sb);
    CHECK(t, json && !strchr(json, '\n'));
    CHECK(t, json && strstr(json, "\"arg\":[\"a\\\"b\"],\"workdir\":null,\"release_root\":null,\"release_pointer\":null,\"env\":[[\"K\",\"v\\tw\"]]"));
    CHECK(t, json && strstr(json, "\"exit_code\":[{\"code\":4294967295,\"action\":\"restart\"}]"));
    CHECK(t, json && strstr(json, "\"limit_cpu_percent\":7,\"priority\":\"idle\",\"affinity\":18446744073709551615"));
    CHECK(t, json && strstr(json, "\"port\":null,\"port_range\":{\"low\":1,\"high\":2}"));
    CHECK(t, json && strncmp(json, "{\"version\":1,\"name\":\"n\"", 23) == 0);
    free(json);
}

void suite_json(struct test_run *t)
{
    RUN(t, escapes_quotes_backslashes_and_control_characters, "escapes quotes, backslashes and control characters in JSON");
    RUN(t, copies_valid_utf8_and_replaces_invalid_bytes, "copies valid UTF-8 as is and replaces invalid bytes with U+FFFD");
    RUN(t, writes_the_status_file_with_nulls_for_unknowns, "writes the status file with null for unknown values");
    RUN(t, writes_restart_reasons_into_the_status_file, "status file: restart counts by reason");
    RUN(t, renders_a_config_compactly_on_one_line, "renders a config as compact one-line JSON with FORMAT.md keys");
}
