/* config_parse: every problem is reported, all of them, as file:line: key: problem. */
#include "config_helpers.h"

static void suggests_the_nearest_key_for_an_unknown_key(struct test_run *t)
{
    EXPECT_ONLY_ERROR(t, "backof_max_ms = 5000\n", "c.conf:5: backof_max_ms: unknown key; did you mean backoff_max_ms?");
    EXPECT_ONLY_ERROR(t, "rotate_kepe = 1\n", "c.conf:5: rotate_kepe: unknown key; did you mean rotate_keep?");
    EXPECT_ONLY_ERROR(t, "completely_unrelated = 1\n", "c.conf:5: completely_unrelated: unknown key");
}

static void rejects_keys_that_are_not_lower_case(struct test_run *t)
{
    EXPECT_ONLY_ERROR(t, "Stop_Timeout_MS = 1\n",
                      "c.conf:5: Stop_Timeout_MS: invalid key: keys are lower case letters, digits and _; "
                      "did you mean stop_timeout_ms?");
    EXPECT_ONLY_ERROR(t, "log-dir = C:\\x\n",
                      "c.conf:5: log-dir: invalid key: keys are lower case letters, digits and _; did you mean log_dir?");
}

static void rejects_a_duplicate_non_list_key_naming_the_first_line(struct test_run *t)
{
    EXPECT_ONLY_ERROR(t, "stop_timeout_ms = 1\nstop_timeout_ms = 2\n",
                      "c.conf:6: stop_timeout_ms: duplicate key; already set on line 5, keep one");
    EXPECT_ONLY_ERROR(t, "name = again\n", "c.conf:5: name: duplicate key; already set on line 2, keep one");
}

static void rejects_nul_bytes_and_utf16_files(struct test_run *t)
{
    const char text[] = MINIMAL_CONF "arg = a\0b\n";
    struct parsed p;
    parse_text(&p, text, sizeof text - 1);
    CHECK(t, p.status == -1);
    CHECK_ERROR(t, &p, "c.conf:5: arg: NUL byte in the line; the file must be UTF-8 text (not UTF-16)");
    config_free(&p.config);
    const char no_equals[] = MINIMAL_CONF "a\0b\n";
    parse_text(&p, no_equals, sizeof no_equals - 1);
    CHECK_ERROR(t, &p, "c.conf:5: NUL byte in the line; the file must be UTF-8 text (not UTF-16)");
    config_free(&p.config);

    const char utf16[] = "\xFF\xFEv\0e\0r\0";
    parse_text(&p, utf16, sizeof utf16 - 1);
    CHECK(t, p.status == -1);
    CHECK_U64(t, p.errors.count, 1);
    CHECK_ERROR(t, &p, "c.conf: the file is UTF-16; save it as UTF-8 (in PowerShell 5.1: Set-Content -Encoding UTF8)");
    config_free(&p.config);
}

static void rejects_bad_quoting(struct test_run *t)
{
    EXPECT_ONLY_ERROR(t, "arg = \"C:\\dir\"\n",
                      "c.conf:5: arg: invalid escape \\d inside quotes; allowed are \\\\ \\\" \\n \\r \\t \\xHH "
                      "(write a backslash as \\\\)");
    EXPECT_ONLY_ERROR(t, "arg = \"x\\\"\n",
                      "c.conf:5: arg: missing closing quote; a quoted value must end with \" on the same line");
    EXPECT_ONLY_ERROR(t, "arg = \"x\\\n",
                      "c.conf:5: arg: a backslash inside quotes must start an escape: \\\\ \\\" \\n \\r \\t \\xHH "
                      "(write a backslash as \\\\)");
    EXPECT_ONLY_ERROR(t, "arg = \"a\" b\n",
                      "c.conf:5: arg: text after the closing quote; put the whole value inside the quotes "
                      "and write inner quotes as \\\"");
    EXPECT_ONLY_ERROR(t, "arg = \"\\x4\"\n", "c.conf:5: arg: \\x must be followed by two hex digits, as in \\x1B");
    EXPECT_ONLY_ERROR(t, "arg = \"\\xg1\"\n", "c.conf:5: arg: \\x must be followed by two hex digits, as in \\x1B");
    EXPECT_ONLY_ERROR(t, "arg = \"\\x00\"\n", "c.conf:5: arg: \\x00 is a NUL byte, which is never valid");
}

static void rejects_raw_control_characters_and_invalid_utf8(struct test_run *t)
{
    EXPECT_ONLY_ERROR(t, "arg = a\x01" "b\n",
                      "c.conf:5: arg: control character 0x01 in a bare value; quote the value and write it as \\x01");
    EXPECT_ONLY_ERROR(t, "arg = a\rb\n",
                      "c.conf:5: arg: control character 0x0D in a bare value; quote the value and write it as \\x0D");
    EXPECT_ONLY_ERROR(t, "arg = \"a\x1b\"\n", "c.conf:5: arg: control character 0x1B inside quotes; write it as \\x1B");
    EXPECT_ONLY_ERROR(t, "arg = \xC3\x28\n", "c.conf:5: arg: value is not valid UTF-8; save the file as UTF-8");
    EXPECT_ONLY_ERROR(t, "arg = \"\\xff\"\n", "c.conf:5: arg: value is not valid UTF-8; save the file as UTF-8");
    EXPECT_ONLY_ERROR(t, "arg = \xED\xA0\x80\n", "c.conf:5: arg: value is not valid UTF-8; save the file as UTF-8");
    EXPECT_ONLY_ERROR(t, "arg = \xC0\xAF\n", "c.conf:5: arg: value is not valid UTF-8; save the file as UTF-8");
}

static void rejects_lines_that_are_not_key_value(struct test_run *t)
{
    EXPECT_ONLY_ERROR(t, "just some words\n",
                      "c.conf:5: expected \"key = value\"; got \"just some words\" (comments start with #)");
    EXPECT_ONLY_ERROR(t, "= value\n", "c.conf:5: missing key before \"=\"");
    EXPECT_ONLY_ERROR(t, "stop_timeout_ms 5\n",
                      "c.conf:5: expected \"key = value\"; got \"stop_timeout_ms 5\" (comments start with #)");
}

static void rejects_numbers_that_are_malformed_or_out_of_range(struct test_run *t)
{
    EXPECT_ONLY_ERROR(t, "stop_timeout_ms = -5\n",
                      "c.conf:5: stop_timeout_ms: expected a whole number (digits only, no sign or unit); got \"-5\"");
    EXPECT_ONLY_ERROR(t, "stop_timeout_ms = 5s\n",
                      "c.conf:5: stop_timeout_ms: expected a whole number (digits only, no sign or unit); got \"5s\"");
    EXPECT_ONLY_ERROR(t, "stop_timeout_ms =\n",
                      "c.conf:5: stop_timeout_ms: expected a whole number (digits only, no sign or unit); got \"\"");
    EXPECT_ONLY_ERROR(t, "rotate_max_bytes = 18446744073709551616\n",
                      "c.conf:5: rotate_max_bytes: number too large; the largest allowed is 18446744073709551615; "
                      "got \"18446744073709551616\"");
    EXPECT_ONLY_ERROR(t, "rotate_keep = 4294967296\n",
                      "c.conf:5: rotate_keep: must be between 0 and 4294967295; got 4294967296");
    EXPECT_ONLY_ERROR(t, "backoff_jitter_percent = 101\n",
                      "c.conf:5: backoff_jitter_percent: must be between 0 and 100; got 101");
    EXPECT_ONLY_ERROR(t, "limit_cpu_percent = 0\n", "c.conf:5: limit_cpu_percent: must be between 1 and 100; got 0");
    EXPECT_ONLY_ERROR(t, "health_failures = 0\n", "c.conf:5: health_failures: must be between 1 and 4294967295; got 0");
    EXPECT_ONLY_ERROR(t, "give_up_failures = 65\n", "c.conf:5: give_up_failures: must be between 0 and 64; got 65");
    EXPECT_ONLY_ERROR(t, "port = 0\n", "c.conf:5: port: must be between 1 and 65535; got 0");
    EXPECT_ONLY_ERROR(t, "port = 65536\n", "c.conf:5: port: must be between 1 and 65535; got 65536");
    EXPECT_ONLY_ERROR(t, "affinity = 0x1FFFFFFFFFFFFFFFF\n",
                      "c.conf:5: affinity: mask too large; it must fit in 64 bits (16 hex digits); "
                      "got \"0x1FFFFFFFFFFFFFFFF\"");
    EXPECT_ONLY_ERROR(t, "affinity = 0x\n", "c.conf:5: affinity: expected hex digits after 0x; got \"0x\"");
    EXPECT_ONLY_ERROR(t, "affinity = 0xZ\n",
                      "c.conf:5: affinity: expected a decimal number or 0x followed by hex digits; got \"0xZ\"");
}

static void rejects_an_unsupported_version(struct test_run *t)
{
    const char *text = "version = 2\nname = a\nprogram = C:\\a.exe\nlog_dir = C:\\l\n";
    struct parsed p;
    parse_text(&p, text, strlen(text));
    CHECK(t, p.status == -1);
    CHECK_U64(t, p.errors.count, 1);
    CHECK_ERROR(t, &p, "c.conf:1: version: unsupported version 2; this svcforge-host reads version 1");
    config_free(&p.config);
}

static void rejects_bad_bools_and_enums_listing_the_allowed_values(struct test_run *t)
{
    EXPECT_ONLY_ERROR(t, "rotate_daily = yes\n", "c.conf:5: rotate_daily: expected true or false; got \"yes\"");
    EXPECT_ONLY_ERROR(t, "log_timestamps = True\n", "c.conf:5: log_timestamps: expected true or false; got \"True\"");
    EXPECT_ONLY_ERROR(t, "restart = on_failure\n",
                      "c.conf:5: restart: must be always, on-failure or never; got \"on_failure\"");
    EXPECT_ONLY_ERROR(t, "priority = realtime\n",
                      "c.conf:5: priority: must be idle, below_normal, normal, above_normal or high; got \"realtime\"");
}

static void reports_every_missing_required_key_on_line_zero(struct test_run *t)
{
    struct parsed p;
    parse_text(&p, "# nothing\n", 10);
    CHECK(t, p.status == -1);
    CHECK_U64(t, p.errors.count, 4);
    CHECK_ERROR(t, &p, "c.conf: version: required key is missing; add a line \"version = ...\"");
    CHECK_ERROR(t, &p, "c.conf: name: required key is missing; add a line \"name = ...\"");
    CHECK_ERROR(t, &p, "c.conf: program: required key is missing; add a line \"program = ...\"");
    CHECK_ERROR(t, &p, "c.conf: log_dir: required key is missing; add a line \"log_dir = ...\"");
    config_free(&p.config);
    parse_text(&p, "", 0);
    CHECK_U64(t, p.errors.count, 4);
    config_free(&p.config);
}

static void does_not_call_an_invalid_required_key_missing(struct test_run *t)
{
    const char *text = "version = 1\nname = a/b\nprogram = app.exe\nlog_dir = C:\\l\n";
    struct parsed p;
    parse_text(&p, text, strlen(text));
    CHECK_U64(t, p.errors.count, 2);
    CHECK_ERROR(t, &p, "c.conf:2: name: service name cannot contain / or \\; got \"a/b\"");
    CHECK_ERROR(t, &p, "c.conf:3: program: must be an absolute path such as C:\\apps\\name; got \"app.exe\"");
    config_free(&p.config);
}

static void checks_names_paths_and_hooks(struct test_run *t)
{
    const char *text = "version = 1\nname = \"\"\nprogram = \"C:\\\\a\\\"b.exe\"\nlog_dir = logs\n";
    struct parsed p;
    parse_text(&p, text, strlen(text));
    CHECK_ERROR(t, &p, "c.conf:2: name: service name is empty");
    CHECK_ERROR(t, &p, "c.conf:3: program: a path cannot contain a double quote; got \"C:\\\\a\\\"b.exe\"");
    CHECK_ERROR(t, &p, "c.conf:4: log_dir: must be an absolute path such as C:\\apps\\name; got \"logs\"");
    config_free(&p.config);
    char long_name[400] = "version = 1\nprogram = C:\\a.exe\nlog_dir = C:\\l\nname = ";
    size_t at = strlen(long_name);
    memset(long_name + at, 'n', 257);
    strcpy(long_name + at + 257, "\n");
    parse_text(&p, long_name, strlen(long_name));
    CHECK_ERROR(t, &p, "c.conf:4: name: service name is longer than 256 characters");
    config_free(&p.config);
    EXPECT_ONLY_ERROR(t, "workdir = .\\rel\n", "c.conf:5: workdir: must be an absolute path such as C:\\apps\\name; got \".\\\\rel\"");
    EXPECT_ONLY_ERROR(t, "pre_start = \"\"\n", "c.conf:5: pre_start: command line is empty; remove the line for no hook");
    EXPECT_ONLY_ERROR(t, "status_file = status.json\n",
                      "c.conf:5: status_file: must be an absolute path such as C:\\apps\\name; got \"status.json\"");
}

static void checks_metrics_keys(struct test_run *t)
{
    EXPECT_ONLY_ERROR(t, "metrics_textfile = C:\\m\\gin.txt\n",
                      "c.conf:5: metrics_textfile: windows_exporter's textfile collector reads only *.prom files; got \"C:\\\\m\\\\gin.txt\"");
    EXPECT_ONLY_ERROR(t, "metrics_textfile = gin.prom\n",
                      "c.conf:5: metrics_textfile: must be an absolute path such as C:\\apps\\name; got \"gin.prom\"");
    EXPECT_ONLY_ERROR(t, "metrics_listen = localhost:9464\n",
                      "c.conf:5: metrics_listen: expected an IPv4 address and port such as 127.0.0.1:9464; got \"localhost:9464\"");
    EXPECT_ONLY_ERROR(t, "metrics_listen = 127.0.0.256:9464\n",
                      "c.conf:5: metrics_listen: expected an IPv4 address and port such as 127.0.0.1:9464; got \"127.0.0.256:9464\"");
    EXPECT_ONLY_ERROR(t, "metrics_listen = 127.0.0.1:0\n",
                      "c.conf:5: metrics_listen: port must be a number from 1 to 65535; got \"127.0.0.1:0\"");
    const char *text = "version = 1\nname = a\nprogram = C:\\a.exe\nlog_dir = C:\\l\nmetrics_listen = 10.1.2.3:9464\n"
                       "metrics_textfile = C:\\m\\A.PROM\n";
    struct parsed p;
    parse_text(&p, text, strlen(text));
    CHECK_U64(t, p.errors.count, 0);
    CHECK_U64(t, p.config.metrics_listen_ipv4, 0x0A010203u);
    CHECK_U64(t, p.config.metrics_listen_port, 9464);
    CHECK_STR(t, p.config.metrics_textfile, "C:\\m\\A.PROM");
    config_free(&p.config);
}

static void requires_log_names_to_be_plain_file_names(struct test_run *t)
{
    EXPECT_ONLY_ERROR(t, "log_stdout = sub\\out.log\n",
                      "c.conf:5: log_stdout: must be a plain file name inside log_dir, without / or \\; got \"sub\\\\out.log\"");
    EXPECT_ONLY_ERROR(t, "log_stderr = ../err.log\n",
                      "c.conf:5: log_stderr: must be a plain file name inside log_dir, without / or \\; got \"../err.log\"");
    EXPECT_ONLY_ERROR(t, "log_stderr = ..\n", "c.conf:5: log_stderr: must be a file name such as app.out.log; got \"..\"");
    EXPECT_ONLY_ERROR(t, "log_stdout = out.log:stream\n",
                      "c.conf:5: log_stdout: Windows file names cannot contain ':'; got \"out.log:stream\"");
    const char *text = "version = 1\nname = a:b\nprogram = C:\\a.exe\nlog_dir = C:\\l\nlog_stdout = out.log\n";
    struct parsed p;
    parse_text(&p, text, strlen(text));
    CHECK_U64(t, p.errors.count, 1);
    CHECK_ERROR(t, &p, "c.conf: log_stderr: the default NAME.err.log does not work with this name "
                       "(Windows file names cannot contain ':'; got \"a:b.err.log\"); set log_stderr explicitly");
    config_free(&p.config);
}

static void checks_env_secret_and_exit_code_entries(struct test_run *t)
{
    EXPECT_ONLY_ERROR(t, "env = NOEQUALS\n", "c.conf:5: env: expected NAME=VALUE such as GIN_MODE=release; got \"NOEQUALS\"");
    EXPECT_ONLY_ERROR(t, "env = =x\n", "c.conf:5: env: variable name is empty");
    EXPECT_ONLY_ERROR(t, "env = Path=a\nenv = PATH=b\n",
                      "c.conf:6: env: Path is already set on line 5 (names ignore case on Windows); keep one");
    EXPECT_ONLY_ERROR(t, "secrets_file = C:\\s\nsecret = A=B\n", "c.conf:6: secret: variable name cannot contain \"=\"; got \"A=B\"");
    EXPECT_ONLY_ERROR(t, "secrets_file = C:\\s\nsecret = TOKEN\nsecret = token\n",
                      "c.conf:7: secret: TOKEN is already listed on line 6; keep one");
    EXPECT_ONLY_ERROR(t, "secret = TOKEN\n", "c.conf:5: secret: secret needs secrets_file, the file its value is read from");
    EXPECT_ONLY_ERROR(t, "secrets_file = C:\\s\nenv = TOKEN=x\nsecret = TOKEN\n",
                      "c.conf:7: secret: TOKEN is also set by env on line 6; keep one");
    EXPECT_ONLY_ERROR(t, "exit_code = 3\n", "c.conf:5: exit_code: expected CODE:stop or CODE:restart such as 3:stop; got \"3\"");
    EXPECT_ONLY_ERROR(t, "exit_code = -1:stop\n",
                      "c.conf:5: exit_code: expected CODE:stop or CODE:restart such as 3:stop; got \"-1:stop\"");
    EXPECT_ONLY_ERROR(t, "exit_code = 4294967296:stop\n",
                      "c.conf:5: exit_code: exit code must be from 0 to 4294967295; got \"4294967296:stop\"");
    EXPECT_ONLY_ERROR(t, "exit_code = 3:halt\n", "c.conf:5: exit_code: action must be stop or restart; got \"3:halt\"");
    EXPECT_ONLY_ERROR(t, "exit_code = 3:stop\nexit_code = 03:restart\n",
                      "c.conf:6: exit_code: exit code 3 already has a rule on line 5; keep one");
    EXPECT_ONLY_ERROR(t, "port_env = \"\"\n", "c.conf:5: port_env: variable name is empty");
    EXPECT_ONLY_ERROR(t, "port_range = 8000-8001\nenv = port=1\n",
                      "c.conf:6: env: port is the variable port_range exports (port_env); remove this env entry");
}

static void checks_health_targets(struct test_run *t)
{
    EXPECT_ONLY_ERROR(t, "health_http = https://x:1/\n",
                      "c.conf:5: health_http: expected http://host:port/path (only plain http is supported); got \"https://x:1/\"");
    EXPECT_ONLY_ERROR(t, "health_http = http://x/health\n",
                      "c.conf:5: health_http: expected host:port such as 127.0.0.1:8080; got \"x\"");
    EXPECT_ONLY_ERROR(t, "health_http = http://x:0/\n", "c.conf:5: health_http: port must be a number from 1 to 65535; got \"x:0\"");
    EXPECT_ONLY_ERROR(t, "health_http = \"http://x:1/a b\"\n",
                      "c.conf:5: health_http: the URL path cannot contain spaces or control characters; got \"http://x:1/a b\"");
    EXPECT_ONLY_ERROR(t, "health_tcp = localhost\n", "c.conf:5: health_tcp: expected host:port such as 127.0.0.1:8080; got \"localhost\"");
    EXPECT_ONLY_ERROR(t, "health_tcp = ::1:80\n", "c.conf:5: health_tcp: expected host:port such as 127.0.0.1:8080; got \"::1:80\"");
    EXPECT_ONLY_ERROR(t, "health_tcp = []:80\n", "c.conf:5: health_tcp: an IPv6 host is written as [::1]:8080; got \"[]:80\"");
    EXPECT_ONLY_ERROR(t, "health_tcp = a:99999\n", "c.conf:5: health_tcp: port must be a number from 1 to 65535; got \"a:99999\"");
}

static void checks_fields_against_each_other(struct test_run *t)
{
    EXPECT_ONLY_ERROR(t, "backoff_initial_ms = 1000\nbackoff_max_ms = 500\n",
                      "c.conf:6: backoff_max_ms: must be >= backoff_initial_ms (1000); got 500");
    EXPECT_ONLY_ERROR(t, "backoff_initial_ms = 90000\n",
                      "c.conf:5: backoff_initial_ms: must be <= backoff_max_ms (60000, the default); got 90000; "
                      "lower it or set backoff_max_ms");
    EXPECT_ONLY_ERROR(t, "health_tcp = a:1\nhealth_http = http://a:1/\n",
                      "c.conf:6: health_http: health_http (line 6) and health_tcp (line 5) are exclusive; keep one");
    EXPECT_ONLY_ERROR(t, "port_range = 8000-8010\nport = 8080\n",
                      "c.conf:6: port: port (line 6) and port_range (line 5) are exclusive; use port for one instance, "
                      "port_range for several");
    EXPECT_ONLY_ERROR(t, "port_range = 9000-8000\n", "c.conf:5: port_range: LOW must be <= HIGH; got \"9000-8000\"");
    EXPECT_ONLY_ERROR(t, "port_range = 0-10\n", "c.conf:5: port_range: both ports must be from 1 to 65535; got \"0-10\"");
    EXPECT_ONLY_ERROR(t, "port_range = 1-65536\n", "c.conf:5: port_range: both ports must be from 1 to 65535; got \"1-65536\"");
    EXPECT_ONLY_ERROR(t, "port_range = 8000\n", "c.conf:5: port_range: expected LOW-HIGH such as 8000-8099; got \"8000\"");
    EXPECT_ONLY_ERROR(t, "port_range = 8000 - 8001\n",
                      "c.conf:5: port_range: expected LOW-HIGH such as 8000-8099; got \"8000 - 8001\"");
}

static void collects_every_error_in_line_order_not_just_the_first(struct test_run *t)
{
    struct parsed p;
    parse_extra(&p, "bogus = 1\nrestart = sometimes\nport = 0\nbackoff_max_ms = 1\nbackoff_initial_ms = 2\n");
    CHECK(t, p.status == -1);
    CHECK_U64(t, p.errors.count, 4);
    CHECK_U64(t, p.errors.items[0].line, 5);
    CHECK_U64(t, p.errors.items[1].line, 6);
    CHECK_U64(t, p.errors.items[2].line, 7);
    CHECK_U64(t, p.errors.items[3].line, 8);
    config_free(&p.config);
}

static void counts_errors_beyond_the_32_it_keeps(struct test_run *t)
{
    char text[4096] = MINIMAL_CONF;
    for (int i = 0; i < 40; i++)
        strcat(text, "bogus = 1\n");
    struct parsed p;
    parse_text(&p, text, strlen(text));
    CHECK_U64(t, p.errors.count, 40);
    CHECK_U64(t, p.errors.items[31].line, 36);
    config_free(&p.config);
}

static void truncates_long_values_and_keys_in_messages(struct test_run *t)
{
    char extra[512] = "stop_timeout_ms = ";
    memset(extra + strlen(extra), '9', 100);
    strcat(extra, "x\n");
    struct parsed p;
    parse_extra(&p, extra);
    CHECK_ERROR(t, &p, "c.conf:5: stop_timeout_ms: expected a whole number (digits only, no sign or unit); "
                       "got \"999999999999999999999999999999999999999999999999\"...");
    config_free(&p.config);
    char key[200];
    memset(key, 'k', 100);
    strcpy(key + 100, " = 1\n");
    parse_extra(&p, key);
    CHECK_U64(t, strlen(p.errors.items[0].key), 63);
    CHECK(t, strcmp(p.errors.items[0].key + 60, "...") == 0);
    CHECK(t, strncmp(p.errors.items[0].key, "kkkkkkkkkk", 10) == 0);
    config_free(&p.config);
}

void suite_config_errors(struct test_run *t)
{
    RUN(t, suggests_the_nearest_key_for_an_unknown_key, "reports an unknown key with the nearest known key within 2 edits");
    RUN(t, rejects_keys_that_are_not_lower_case, "rejects keys that are not lower case and suggests the real key");
    RUN(t, rejects_a_duplicate_non_list_key_naming_the_first_line, "rejects a duplicate non-list key, naming the first line");
    RUN(t, rejects_nul_bytes_and_utf16_files, "rejects NUL bytes and recognises UTF-16 files");
    RUN(t, rejects_bad_quoting, "rejects invalid escapes, unterminated quotes and text after the closing quote");
    RUN(t, rejects_raw_control_characters_and_invalid_utf8, "rejects raw control characters and invalid UTF-8");
    RUN(t, rejects_lines_that_are_not_key_value, "rejects lines that are not key = value");
    RUN(t, rejects_numbers_that_are_malformed_or_out_of_range, "rejects numbers that are malformed, overflow or are out of range");
    RUN(t, rejects_an_unsupported_version, "rejects a version other than 1");
    RUN(t, rejects_bad_bools_and_enums_listing_the_allowed_values, "rejects bad bools and enums, listing the allowed values");
    RUN(t, reports_every_missing_required_key_on_line_zero, "reports every missing required key, not tied to a line");
    RUN(t, does_not_call_an_invalid_required_key_missing, "does not report an invalid required key as missing too");
    RUN(t, checks_names_paths_and_hooks, "checks the service name, absolute paths and hook command lines");
    RUN(t, checks_metrics_keys, "config errors: metrics_textfile is an absolute .prom path, metrics_listen an IPv4 address and port");
    RUN(t, requires_log_names_to_be_plain_file_names, "requires log_stdout/log_stderr (given or derived) to be plain file names");
    RUN(t, checks_env_secret_and_exit_code_entries, "checks env, secret and exit_code entries and their duplicates");
    RUN(t, checks_health_targets, "checks health_http and health_tcp targets");
    RUN(t, checks_fields_against_each_other, "checks backoff, health and port fields against each other");
    RUN(t, collects_every_error_in_line_order_not_just_the_first, "collects every error in line order, not just the first");
    RUN(t, counts_errors_beyond_the_32_it_keeps, "counts errors beyond the 32 it keeps");
    RUN(t, truncates_long_values_and_keys_in_messages, "truncates long values and keys in messages");
}
