/* config_parse: every key read into its field, every default, lines and quoting. */
#include "config_helpers.h"

static void applies_every_default_to_a_minimal_config(struct test_run *t)
{
    struct parsed p;
    parse_extra(&p, "");
    struct config *c = &p.config;
    if (!CHECK(t, p.status == 0))
        return;
    CHECK_STR(t, c->source_path, "c.conf");
    CHECK_STR(t, c->name, "app");
    CHECK_STR(t, c->program, "C:\\apps\\app\\app.exe");
    CHECK_U64(t, c->arg_count, 0);
    CHECK(t, c->workdir == NULL);
    CHECK_U64(t, c->env_count, 0);
    CHECK_U64(t, c->secret_count, 0);
    CHECK(t, c->secrets_file == NULL);
    CHECK(t, c->restart == RESTART_ON_FAILURE);
    CHECK_U64(t, c->backoff_initial_ms, 1000);
    CHECK_U64(t, c->backoff_max_ms, 60000);
    CHECK_U64(t, c->backoff_reset_ms, 300000);
    CHECK_U64(t, c->backoff_jitter_percent, 10);
    CHECK_U64(t, c->exit_code_count, 0);
    CHECK_U64(t, c->give_up_failures, 0);
    CHECK_U64(t, c->give_up_window_ms, 600000);
    CHECK_U64(t, c->stop_timeout_ms, 15000);
    CHECK_STR(t, c->log_dir, "C:\\logs\\app");
    CHECK_STR(t, c->log_stdout, "app.out.log");
    CHECK_STR(t, c->log_stderr, "app.err.log");
    CHECK(t, c->log_timestamps == false);
    CHECK(t, c->log_event_log == true);
    CHECK_U64(t, c->rotate_max_bytes, 0);
    CHECK(t, c->rotate_daily == false);
    CHECK_U64(t, c->rotate_keep, 0);
    CHECK(t, c->health_http == NULL);
    CHECK(t, c->health_tcp == NULL);
    CHECK_U64(t, c->health_interval_ms, 10000);
    CHECK_U64(t, c->health_timeout_ms, 2000);
    CHECK_U64(t, c->health_failures, 3);
    CHECK_U64(t, c->health_start_period_ms, 30000);
    CHECK_U64(t, c->limit_memory_bytes, 0);
    CHECK_U64(t, c->limit_cpu_percent, 0);
    CHECK(t, c->priority == PRIORITY_NORMAL);
    CHECK_U64(t, c->affinity_mask, 0);
    CHECK_U64(t, c->memory_watchdog_ms, 10000);
    CHECK(t, c->pre_start.command == NULL);
    CHECK_U64(t, c->pre_start.timeout_ms, 30000);
    CHECK(t, c->post_stop.command == NULL);
    CHECK_U64(t, c->post_stop.timeout_ms, 30000);
    CHECK_U64(t, c->port, 0);
    CHECK_U64(t, c->port_range_low, 0);
    CHECK_U64(t, c->port_range_high, 0);
    CHECK_STR(t, c->port_env, "PORT");
    CHECK_STR(t, c->status_file, "C:\\logs\\app\\status.json");
    config_free(c);
}

static void reads_every_key_into_its_field(struct test_run *t)
{
    struct parsed p;
    parse_extra(&p,
                "arg = --listen\n"
                "arg = \"two words\"\n"
                "workdir = D:\\work\n"
                "env = GIN_MODE=release\n"
                "env = EMPTY=\n"
                "env = WITH_EQUALS=a=b\n"
                "secret = DB_PASSWORD\n"
                "secrets_file = C:\\ProgramData\\app\\secrets.bin\n"
                "restart = always\n"
                "backoff_initial_ms = 250\n"
                "backoff_max_ms = 8000\n"
                "backoff_reset_ms = 120000\n"
                "backoff_jitter_percent = 0\n"
                "exit_code = 0:restart\n"
                "exit_code = 4294967295:stop\n"
                "give_up_failures = 5\n"
                "give_up_window_ms = 60000\n"
                "stop_timeout_ms = 3000\n"
                "log_stdout = combined.log\n"
                "log_stderr = combined.log\n"
                "log_timestamps = true\n"
                "log_event_log = false\n"
                "rotate_max_bytes = 10485760\n"
                "rotate_daily = true\n"
                "rotate_keep = 7\n"
                "health_http = http://127.0.0.1:8080/health\n"
                "health_interval_ms = 5000\n"
                "health_timeout_ms = 1000\n"
                "health_failures = 2\n"
                "health_start_period_ms = 0\n"
                "limit_memory_bytes = 536870912\n"
                "limit_cpu_percent = 50\n"
                "priority = below_normal\n"
                "affinity = 0xF0\n"
                "memory_watchdog_ms = 2000\n"
                "pre_start = \"\\\"C:\\\\tools\\\\migrate.exe\\\" --up\"\n"
                "pre_start_timeout_ms = 60000\n"
                "post_stop = C:\\tools\\cleanup.cmd\n"
                "post_stop_timeout_ms = 5000\n"
                "port_range = 8000-8009\n"
                "port_env = HTTP_PORT\n"
                "status_file = C:\\ProgramData\\app\\status.json\n");
    struct config *c = &p.config;
    if (!CHECK(t, p.status == 0)) {
        printf("    %s\n", p.first_error);
        return;
    }
    CHECK_U64(t, c->arg_count, 2);
    CHECK_STR(t, c->args[0], "--listen");
    CHECK_STR(t, c->args[1], "two words");
    CHECK_STR(t, c->workdir, "D:\\work");
    CHECK_U64(t, c->env_count, 3);
    CHECK_STR(t, c->env[0].name, "GIN_MODE");
    CHECK_STR(t, c->env[0].value, "release");
    CHECK_STR(t, c->env[1].name, "EMPTY");
    CHECK_STR(t, c->env[1].value, "");
    CHECK_STR(t, c->env[2].name, "WITH_EQUALS");
    CHECK_STR(t, c->env[2].value, "a=b");
    CHECK_U64(t, c->secret_count, 1);
    CHECK_STR(t, c->secrets[0], "DB_PASSWORD");
    CHECK_STR(t, c->secrets_file, "C:\\ProgramData\\app\\secrets.bin");
    CHECK(t, c->restart == RESTART_ALWAYS);
    CHECK_U64(t, c->backoff_initial_ms, 250);
    CHECK_U64(t, c->backoff_max_ms, 8000);
    CHECK_U64(t, c->backoff_reset_ms, 120000);
    CHECK_U64(t, c->backoff_jitter_percent, 0);
    CHECK_U64(t, c->exit_code_count, 2);
    CHECK(t, c->exit_codes[0].code == 0 && c->exit_codes[0].action == EXIT_ACTION_RESTART);
    CHECK(t, c->exit_codes[1].code == 4294967295LL && c->exit_codes[1].action == EXIT_ACTION_STOP);
    CHECK_U64(t, c->give_up_failures, 5);
    CHECK_U64(t, c->give_up_window_ms, 60000);
    CHECK_U64(t, c->stop_timeout_ms, 3000);
    CHECK_STR(t, c->log_stdout, "combined.log");
    CHECK_STR(t, c->log_stderr, "combined.log");
    CHECK(t, c->log_timestamps);
    CHECK(t, !c->log_event_log);
    CHECK_U64(t, c->rotate_max_bytes, 10485760);
    CHECK(t, c->rotate_daily);
    CHECK_U64(t, c->rotate_keep, 7);
    CHECK_STR(t, c->health_http, "http://127.0.0.1:8080/health");
    CHECK_U64(t, c->health_interval_ms, 5000);
    CHECK_U64(t, c->health_timeout_ms, 1000);
    CHECK_U64(t, c->health_failures, 2);
    CHECK_U64(t, c->health_start_period_ms, 0);
    CHECK_U64(t, c->limit_memory_bytes, 536870912);
    CHECK_U64(t, c->limit_cpu_percent, 50);
    CHECK(t, c->priority == PRIORITY_BELOW_NORMAL);
    CHECK_U64(t, c->affinity_mask, 0xF0);
    CHECK_U64(t, c->memory_watchdog_ms, 2000);
    CHECK_STR(t, c->pre_start.command, "\"C:\\tools\\migrate.exe\" --up");
    CHECK_U64(t, c->pre_start.timeout_ms, 60000);
    CHECK_STR(t, c->post_stop.command, "C:\\tools\\cleanup.cmd");
    CHECK_U64(t, c->post_stop.timeout_ms, 5000);
    CHECK_U64(t, c->port_range_low, 8000);
    CHECK_U64(t, c->port_range_high, 8009);
    CHECK_STR(t, c->port_env, "HTTP_PORT");
    CHECK_STR(t, c->status_file, "C:\\ProgramData\\app\\status.json");
    config_free(c);
}

static void reads_health_tcp_port_and_every_enum_value(struct test_run *t)
{
    static const char *const restarts[] = { "always", "on-failure", "never" };
    static const char *const priorities[] = { "idle", "below_normal", "normal", "above_normal", "high" };
    for (int i = 0; i < 3; i++) {
        for (int j = 0; j < 5; j++) {
            char extra[256];
            snprintf(extra, sizeof extra, "restart = %s\npriority = %s\nhealth_tcp = [::1]:9000\nport = 65535\n",
                     restarts[i], priorities[j]);
            struct parsed p;
            parse_extra(&p, extra);
            if (CHECK(t, p.status == 0)) {
                CHECK_U64(t, p.config.restart, i);
                CHECK_U64(t, p.config.priority, j);
                CHECK_STR(t, p.config.health_tcp, "[::1]:9000");
                CHECK_U64(t, p.config.port, 65535);
            }
            config_free(&p.config);
        }
    }
}

static void accepts_affinity_in_decimal_and_hex_up_to_64_bits(struct test_run *t)
{
    struct { const char *text; uint64_t mask; } cases[] = {
        { "affinity = 3\n", 3 },
        { "affinity = 0x0\n", 0 },
        { "affinity = 0XfF\n", 255 },
        { "affinity = 0xFFFFFFFFFFFFFFFF\n", UINT64_MAX },
        { "affinity = 0x0000000000000000001\n", 1 },
        { "affinity = 18446744073709551615\n", UINT64_MAX },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct parsed p;
        parse_extra(&p, cases[i].text);
        if (CHECK(t, p.status == 0))
            CHECK_U64(t, p.config.affinity_mask, cases[i].mask);
        config_free(&p.config);
    }
}

static void accepts_the_largest_64_bit_numbers(struct test_run *t)
{
    struct parsed p;
    parse_extra(&p, "backoff_max_ms = 18446744073709551615\nrotate_max_bytes = 18446744073709551615\n"
                    "rotate_keep = 4294967295\nhealth_failures = 4294967295\ngive_up_failures = 64\n"
                    "stop_timeout_ms = 0000000000000000000000000042\n");
    if (CHECK(t, p.status == 0)) {
        CHECK_U64(t, p.config.backoff_max_ms, UINT64_MAX);
        CHECK_U64(t, p.config.rotate_max_bytes, UINT64_MAX);
        CHECK_U64(t, p.config.rotate_keep, UINT32_MAX);
        CHECK_U64(t, p.config.health_failures, UINT32_MAX);
        CHECK_U64(t, p.config.give_up_failures, 64);
        CHECK_U64(t, p.config.stop_timeout_ms, 42);
    }
    config_free(&p.config);
}

static void ignores_blank_lines_and_comments_but_keeps_hash_in_values(struct test_run *t)
{
    const char *text = "\n   \n# comment = ignored\n\t# indented comment\nversion=1\n"
                       "name\t=\tapp#1\nprogram = C:\\a\\b.exe   \t\nlog_dir = C:\\logs # not a comment\n";
    struct parsed p;
    parse_text(&p, text, strlen(text));
    if (CHECK(t, p.status == 0)) {
        CHECK_STR(t, p.config.name, "app#1");
        CHECK_STR(t, p.config.program, "C:\\a\\b.exe");
        CHECK_STR(t, p.config.log_dir, "C:\\logs # not a comment");
        CHECK_STR(t, p.config.log_stdout, "app#1.out.log");
    }
    config_free(&p.config);
}

static void skips_a_bom_and_accepts_crlf_line_ends(struct test_run *t)
{
    const char *text = "\xEF\xBB\xBFversion = 1\r\nname = app\r\nprogram = C:\\a.exe\r\nlog_dir = C:\\l\r\n"
                       "arg = \"x\"\r\narg = y \r\n";
    struct parsed p;
    parse_text(&p, text, strlen(text));
    if (CHECK(t, p.status == 0)) {
        CHECK_STR(t, p.config.name, "app");
        CHECK_U64(t, p.config.arg_count, 2);
        CHECK_STR(t, p.config.args[0], "x");
        CHECK_STR(t, p.config.args[1], "y");
    }
    config_free(&p.config);
}

static void reads_a_last_line_without_a_line_break(struct test_run *t)
{
    const char *text = "version = 1\nname = app\nprogram = C:\\a.exe\nlog_dir = C:\\l";
    struct parsed p;
    parse_text(&p, text, strlen(text));
    if (CHECK(t, p.status == 0))
        CHECK_STR(t, p.config.log_dir, "C:\\l");
    config_free(&p.config);
}

static void decodes_every_escape_inside_quotes(struct test_run *t)
{
    struct parsed p;
    parse_extra(&p, "arg = \"a\\\\b\\\"c\\nd\\re\\tf\\x01\\x7F\\xc3\\xA9\"\n"
                    "arg = \"\"\n"
                    "arg = \"  padded  \"   \n"
                    "arg = \"\\\"starts with a quote\"\n"
                    "arg = \"raw\ttab\"\n"
                    "arg = \"# hash\"\n"
                    "arg = C:\\path\\ends\\with\\\n"
                    "arg = mid\"quote\n"
                    "arg = \xE2\x82\xAC \xF0\x9F\x98\x80 \xE4\xB8\xAD\n"
                    "arg =\n");
    if (!CHECK(t, p.status == 0)) {
        printf("    %s\n", p.first_error);
        return;
    }
    const char *expected[] = { "a\\b\"c\nd\re\tf\x01\x7F\xC3\xA9", "", "  padded  ", "\"starts with a quote",
                               "raw\ttab", "# hash", "C:\\path\\ends\\with\\", "mid\"quote",
                               "\xE2\x82\xAC \xF0\x9F\x98\x80 \xE4\xB8\xAD", "" };
    if (CHECK_U64(t, p.config.arg_count, sizeof expected / sizeof expected[0]))
        for (size_t i = 0; i < p.config.arg_count; i++)
            CHECK_STR(t, p.config.args[i], expected[i]);
    config_free(&p.config);
}

static void keeps_list_values_in_file_order(struct test_run *t)
{
    struct parsed p;
    parse_extra(&p, "arg = 1\nenv = A=1\narg = 2\nsecret = S1\nexit_code = 3:stop\narg = 3\n"
                    "secret = S2\nexit_code = 2:restart\nsecrets_file = C:\\s.bin\n");
    if (CHECK(t, p.status == 0)) {
        CHECK_STR(t, p.config.args[0], "1");
        CHECK_STR(t, p.config.args[2], "3");
        CHECK_STR(t, p.config.secrets[1], "S2");
        CHECK(t, p.config.exit_codes[0].code == 3 && p.config.exit_codes[1].code == 2);
    }
    config_free(&p.config);
}

static void derives_defaults_from_name_and_log_dir(struct test_run *t)
{
    struct parsed p;
    parse_text(&p, "version = 1\nname = Gin Hello\nprogram = C:\\a.exe\nlog_dir = \\\\srv\\share\\logs\\\n",
               strlen("version = 1\nname = Gin Hello\nprogram = C:\\a.exe\nlog_dir = \\\\srv\\share\\logs\\\n"));
    if (CHECK(t, p.status == 0)) {
        CHECK_STR(t, p.config.log_stdout, "Gin Hello.out.log");
        CHECK_STR(t, p.config.log_stderr, "Gin Hello.err.log");
        CHECK_STR(t, p.config.status_file, "\\\\srv\\share\\logs\\status.json");
    }
    config_free(&p.config);
}

static void accepts_http_urls_with_and_without_path(struct test_run *t)
{
    const char *urls[] = { "http://localhost:8080", "http://127.0.0.1:1/", "http://[::1]:65535/a/b?c=d",
                           "http://example.internal:80/health" };
    for (size_t i = 0; i < sizeof urls / sizeof urls[0]; i++) {
        char extra[200];
        snprintf(extra, sizeof extra, "health_http = %s\n", urls[i]);
        struct parsed p;
        parse_extra(&p, extra);
        if (CHECK(t, p.status == 0))
            CHECK_STR(t, p.config.health_http, urls[i]);
        else
            printf("    %s\n", p.first_error);
        config_free(&p.config);
    }
}

static void accepts_a_single_port_range_and_unc_paths(struct test_run *t)
{
    struct parsed p;
    parse_extra(&p, "port_range = 8080-8080\nworkdir = \\\\?\\C:\\very\\long\nsecrets_file = c:/forward/slashes\n");
    if (CHECK(t, p.status == 0)) {
        CHECK_U64(t, p.config.port_range_low, 8080);
        CHECK_U64(t, p.config.port_range_high, 8080);
    }
    config_free(&p.config);
}

static void frees_a_zeroed_or_failed_config_safely(struct test_run *t)
{
    struct config empty;
    memset(&empty, 0, sizeof empty);
    config_free(&empty);
    config_free(NULL);
    struct parsed p;
    parse_extra(&p, "arg = a\nenv = X=1\nbogus = 1\n");
    CHECK(t, p.status == -1);
    CHECK(t, p.config.args == NULL && p.config.name == NULL);
    config_free(&p.config);
}

static void formats_errors_with_file_line_and_key(struct test_run *t)
{
    struct config_error error = { 7, "backoff_max_ms", "must be >= backoff_initial_ms (1000); got 500" };
    char buf[512];
    config_format_error(NULL, "svcforge-host.conf", &error, buf, sizeof buf);
    CHECK_STR(t, buf, "svcforge-host.conf:7: backoff_max_ms: must be >= backoff_initial_ms (1000); got 500");
    struct config_error missing = { 0, "name", "required key is missing" };
    config_format_error(NULL, "x.conf", &missing, buf, sizeof buf);
    CHECK_STR(t, buf, "x.conf: name: required key is missing");
    struct config_error no_key = { 3, "", "expected \"key = value\"" };
    config_format_error(NULL, NULL, &no_key, buf, sizeof buf);
    CHECK_STR(t, buf, "svcforge-host.conf:3: expected \"key = value\"");
    char tiny[8];
    config_format_error(NULL, "long-file-name.conf", &error, tiny, sizeof tiny);
    CHECK_STR(t, tiny, "long-fi");
}

void suite_config(struct test_run *t)
{
    RUN(t, applies_every_default_to_a_minimal_config, "applies every default to a minimal config");
    RUN(t, reads_every_key_into_its_field, "reads every key into its field");
    RUN(t, reads_health_tcp_port_and_every_enum_value, "reads health_tcp, port and every restart/priority value");
    RUN(t, accepts_affinity_in_decimal_and_hex_up_to_64_bits, "accepts affinity in decimal and 0x hex up to 64 bits");
    RUN(t, accepts_the_largest_64_bit_numbers, "accepts the largest numbers each field allows");
    RUN(t, ignores_blank_lines_and_comments_but_keeps_hash_in_values,
        "ignores blank lines and comments but keeps # inside values");
    RUN(t, skips_a_bom_and_accepts_crlf_line_ends, "skips a UTF-8 BOM and accepts CRLF line ends");
    RUN(t, reads_a_last_line_without_a_line_break, "reads a last line that has no line break");
    RUN(t, decodes_every_escape_inside_quotes, "decodes every escape inside quotes and keeps bare backslashes literal");
    RUN(t, keeps_list_values_in_file_order, "keeps list values in file order");
    RUN(t, derives_defaults_from_name_and_log_dir, "derives log names from name and status_file from log_dir");
    RUN(t, accepts_http_urls_with_and_without_path, "accepts http URLs with and without a path, IPv6 in brackets");
    RUN(t, accepts_a_single_port_range_and_unc_paths, "accepts a one-port range, UNC and forward-slash paths");
    RUN(t, frees_a_zeroed_or_failed_config_safely, "frees a zeroed or failed config safely");
    RUN(t, formats_errors_with_file_line_and_key, "formats errors as file:line: key: problem");
}
