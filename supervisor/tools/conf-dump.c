/* conf-dump FILE            -> the parsed config as one JSON object on stdout, exit 0;
 *                              or the problems on stderr, one per line, exit 2.
 * conf-dump --batch FILE... -> one JSON line per file, {"ok":true,"config":{...}} or
 *                              {"ok":false,"errors":["file:line: key: problem", ...]};
 *                              with no FILE, file names are read from stdin, one a line.
 * Used by the TypeScript tests to check that render and parse agree byte for byte. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "config.h"
#include "configjson.h"
#include "jsonesc.h"
#include "strbuf.h"

enum { EXIT_INVALID = 2, EXIT_USAGE = 1 };

static int read_file(const char *path, struct strbuf *contents, char *problem, size_t size)
{
    FILE *file = fopen(path, "rb");
    if (!file) {
        snprintf(problem, size, "%s: cannot open: %s", path, strerror(errno));
        return -1;
    }
    char chunk[65536];
    size_t got;
    while ((got = fread(chunk, 1, sizeof chunk, file)) > 0)
        strbuf_append(contents, chunk, got);
    int failed = ferror(file);
    fclose(file);
    if (failed || contents->failed) {
        snprintf(problem, size, "%s: cannot read: %s", path, failed ? strerror(errno) : "out of memory");
        return -1;
    }
    return 0;
}

/* Calls emit(line, context) for each problem, formatted "file:line: key: problem". */
static void each_problem(const char *path, const struct config_errors *errors,
                         void (*emit)(const char *, void *), void *context)
{
    size_t kept = sizeof errors->items / sizeof errors->items[0];
    for (size_t i = 0; i < errors->count && i < kept; i++) {
        char line[512];
        config_format_error(NULL, path, &errors->items[i], line, sizeof line);
        emit(line, context);
    }
    if (errors->count > kept) {
        char line[512];
        snprintf(line, sizeof line, "%s: %zu more problems not shown; fix the ones above first",
                 path, errors->count - kept);
        emit(line, context);
    }
}

static void print_line(const char *line, void *stream)
{
    fprintf(stream, "%s\n", line);
}

struct json_list {
    struct strbuf *sb;
    bool first;
};

static void append_json_item(const char *line, void *context)
{
    struct json_list *list = context;
    if (!list->first)
        strbuf_append_char(list->sb, ',');
    list->first = false;
    json_append_string(list->sb, line, strlen(line));
}

static int dump_one(const char *path)
{
    struct strbuf contents;
    strbuf_init(&contents);
    char problem[512];
    if (read_file(path, &contents, problem, sizeof problem) != 0) {
        fprintf(stderr, "%s\n", problem);
        strbuf_free(&contents);
        return EXIT_INVALID;
    }
    struct config config;
    struct config_errors errors;
    int parsed = config_parse(contents.data ? contents.data : "", contents.length, path, &config, &errors);
    strbuf_free(&contents);
    if (parsed != 0) {
        each_problem(path, &errors, print_line, stderr);
        return EXIT_INVALID;
    }
    struct strbuf json;
    strbuf_init(&json);
    config_append_json(&json, &config, true);
    config_free(&config);
    char *text = strbuf_take(&json);
    if (!text) {
        fprintf(stderr, "%s: out of memory\n", path);
        return EXIT_INVALID;
    }
    fputs(text, stdout);
    free(text);
    return 0;
}

static void batch_one(const char *path, struct strbuf *out)
{
    struct strbuf contents;
    strbuf_init(&contents);
    char problem[512];
    struct json_list list = { out, true };
    if (read_file(path, &contents, problem, sizeof problem) != 0) {
        strbuf_append_str(out, "{\"ok\":false,\"errors\":[");
        append_json_item(problem, &list);
        strbuf_append_str(out, "]}\n");
        strbuf_free(&contents);
        return;
    }
    struct config config;
    struct config_errors errors;
    int parsed = config_parse(contents.data ? contents.data : "", contents.length, path, &config, &errors);
    strbuf_free(&contents);
    if (parsed != 0) {
        strbuf_append_str(out, "{\"ok\":false,\"errors\":[");
        each_problem(path, &errors, append_json_item, &list);
        strbuf_append_str(out, "]}\n");
        return;
    }
    strbuf_append_str(out, "{\"ok\":true,\"config\":");
    config_append_json(out, &config, false);
    strbuf_append_str(out, "}\n");
    config_free(&config);
}

static int flush(struct strbuf *out)
{
    if (out->failed) {
        fprintf(stderr, "conf-dump: out of memory\n");
        return -1;
    }
    if (out->length && fwrite(out->data, 1, out->length, stdout) != out->length)
        return -1;
    strbuf_free(out);
    return 0;
}

static int batch_from_stdin(void)
{
    struct strbuf name;
    strbuf_init(&name);
    int c;
    int status = 0;
    do {
        c = getchar();
        if (c != '\n' && c != EOF) {
            strbuf_append_char(&name, (char)c);
            continue;
        }
        if (name.length && name.data[name.length - 1] == '\r')
            name.data[--name.length] = '\0';
        if (name.failed) {
            status = -1;
            break;
        }
        if (name.length) {
            struct strbuf out;
            strbuf_init(&out);
            batch_one(name.data, &out);
            if (flush(&out) != 0) {
                status = -1;
                break;
            }
        }
        name.length = 0;
    } while (c != EOF);
    strbuf_free(&name);
    return status;
}

int main(int argc, char **argv)
{
    if (argc == 2 && strcmp(argv[1], "--batch") != 0 && argv[1][0] != '-')
        return dump_one(argv[1]);
    if (argc >= 2 && strcmp(argv[1], "--batch") == 0) {
        int status = argc == 2 ? batch_from_stdin() : 0;
        for (int i = 2; i < argc && status == 0; i++) {
            struct strbuf out;
            strbuf_init(&out);
            batch_one(argv[i], &out);
            status = flush(&out);
        }
        if (fflush(stdout) != 0)
            status = -1;
        return status == 0 ? 0 : EXIT_USAGE;
    }
    fprintf(stderr, "usage: conf-dump FILE\n       conf-dump --batch [FILE...]   (no FILE: names from stdin)\n");
    return EXIT_USAGE;
}
