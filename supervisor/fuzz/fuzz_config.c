/* libFuzzer target: config_parse + config_free on any bytes. When a config parses,
 * its JSON must be valid UTF-8, and its args and env values, written back with the
 * renderer's quoting rule (FORMAT.md "Values"), must parse to the same strings. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "config.h"
#include "configjson.h"
#include "strbuf.h"
#include "utf8.h"

static void append_value(struct strbuf *sb, const char *value)
{
    size_t length = strlen(value);
    bool bare = length > 0 && value[0] != '"' && value[0] != ' ' && value[0] != '\t'
                && value[length - 1] != ' ' && value[length - 1] != '\t';
    for (size_t i = 0; bare && i < length; i++)
        bare = (unsigned char)value[i] >= 0x20 && value[i] != 0x7F;
    if (bare) {
        strbuf_append(sb, value, length);
        return;
    }
    static const char hex[] = "0123456789abcdef";
    strbuf_append_char(sb, '"');
    for (size_t i = 0; i < length; i++) {
        unsigned char c = (unsigned char)value[i];
        if (c == '"' || c == '\\') {
            strbuf_append_char(sb, '\\');
            strbuf_append_char(sb, (char)c);
        } else if (c == '\n') {
            strbuf_append(sb, "\\n", 2);
        } else if (c == '\r') {
            strbuf_append(sb, "\\r", 2);
        } else if (c == '\t') {
            strbuf_append(sb, "\\t", 2);
        } else if (c < 0x20 || c == 0x7F) {
            char escaped[4] = { '\\', 'x', hex[c >> 4], hex[c & 15] };
            strbuf_append(sb, escaped, 4);
        } else {
            strbuf_append_char(sb, (char)c);
        }
    }
    strbuf_append_char(sb, '"');
}

static void check_round_trip(const struct config *c)
{
    struct strbuf text;
    strbuf_init(&text);
    strbuf_append_str(&text, "version = 1\nname = n\nprogram = C:\\p.exe\nlog_dir = C:\\l\n");
    for (size_t i = 0; i < c->arg_count; i++) {
        strbuf_append_str(&text, "arg = ");
        append_value(&text, c->args[i]);
        strbuf_append_char(&text, '\n');
    }
    for (size_t i = 0; i < c->env_count; i++) {
        struct strbuf pair;
        strbuf_init(&pair);
        strbuf_append_str(&pair, c->env[i].name);
        strbuf_append_char(&pair, '=');
        strbuf_append_str(&pair, c->env[i].value);
        char *joined = strbuf_take(&pair);
        if (!joined)
            abort();
        strbuf_append_str(&text, "env = ");
        append_value(&text, joined);
        strbuf_append_char(&text, '\n');
        free(joined);
    }
    if (text.failed)
        abort();
    struct config again;
    struct config_errors errors;
    if (config_parse(text.data, text.length, "rt.conf", &again, &errors) != 0)
        abort();
    if (again.arg_count != c->arg_count || again.env_count != c->env_count)
        abort();
    for (size_t i = 0; i < c->arg_count; i++)
        if (strcmp(again.args[i], c->args[i]) != 0)
            abort();
    for (size_t i = 0; i < c->env_count; i++)
        if (strcmp(again.env[i].name, c->env[i].name) != 0 || strcmp(again.env[i].value, c->env[i].value) != 0)
            abort();
    config_free(&again);
    strbuf_free(&text);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct config config;
    struct config_errors errors;
    if (config_parse((const char *)data, size, "fuzz.conf", &config, &errors) != 0) {
        if (errors.count == 0)
            abort();
        char line[512];
        for (size_t i = 0; i < errors.count && i < 32; i++)
            config_format_error(NULL, "fuzz.conf", &errors.items[i], line, sizeof line);
        return 0;
    }
    struct strbuf json;
    strbuf_init(&json);
    config_append_json(&json, &config, false);
    if (json.failed || !utf8_valid(json.data, json.length))
        abort();
    strbuf_free(&json);
    check_round_trip(&config);
    config_free(&config);
    return 0;
}
