/* Golden pairs: conf-golden/NAME.conf -> NAME.json (conf-dump's output, byte for byte)
 * and conf-errors/NAME.conf -> NAME.err (its stderr). They pin the C parser only; the
 * TypeScript renderer's output reaches the same parser through the quoting property test
 * (test/integration/render/quoting.test.ts). Regenerate deliberately with
 * SVCFORGE_UPDATE_GOLDEN=1 make -C supervisor test (refused under CI), then review the diff. */
#define _POSIX_C_SOURCE 200809L
#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include "check.h"
#include "config.h"
#include "configjson.h"
#include "strbuf.h"

enum { MAX_CASES = 64 };

static char *read_all(const char *path, size_t *length)
{
    FILE *file = fopen(path, "rb");
    if (!file)
        return NULL;
    struct strbuf sb;
    strbuf_init(&sb);
    char chunk[4096];
    size_t got;
    while ((got = fread(chunk, 1, sizeof chunk, file)) > 0)
        strbuf_append(&sb, chunk, got);
    fclose(file);
    *length = sb.length;
    char *text = strbuf_take(&sb);
    return text;
}

static bool write_all(const char *path, const char *text)
{
    FILE *file = fopen(path, "wb");
    if (!file)
        return false;
    bool ok = fputs(text, file) >= 0;
    return fclose(file) == 0 && ok;
}

static int compare_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Sorted NAME stems of the *.conf files in dir; returns the count. */
static size_t list_cases(const char *dir, char names[][128])
{
    DIR *d = opendir(dir);
    if (!d)
        return 0;
    size_t count = 0;
    struct dirent *entry;
    while ((entry = readdir(d)) && count < MAX_CASES) {
        size_t length = strlen(entry->d_name);
        if (length > 5 && length < 128 && strcmp(entry->d_name + length - 5, ".conf") == 0) {
            memcpy(names[count], entry->d_name, length - 5);
            names[count][length - 5] = '\0';
            count++;
        }
    }
    closedir(d);
    char *pointers[MAX_CASES];
    for (size_t i = 0; i < count; i++)
        pointers[i] = names[i];
    qsort(pointers, count, sizeof pointers[0], compare_names);
    char sorted[MAX_CASES][128];
    for (size_t i = 0; i < count; i++)
        strcpy(sorted[i], pointers[i]);
    memcpy(names, sorted, count * sizeof sorted[0]);
    return count;
}

/* What conf-dump prints for dir/NAME.conf run inside dir: stdout on success, stderr otherwise. */
static char *expected_output(const char *dir, const char *name, bool *ok)
{
    char path[1024], source[160];
    snprintf(path, sizeof path, "%s/%s.conf", dir, name);
    snprintf(source, sizeof source, "%s.conf", name);
    size_t length = 0;
    char *text = read_all(path, &length);
    if (!text)
        return NULL;
    struct config config;
    struct config_errors errors;
    struct strbuf sb;
    strbuf_init(&sb);
    *ok = config_parse(text, length, source, &config, &errors) == 0;
    free(text);
    if (*ok) {
        config_append_json(&sb, &config, true);
        config_free(&config);
    } else {
        for (size_t i = 0; i < errors.count && i < 32; i++) {
            char line[512];
            config_format_error(NULL, source, &errors.items[i], line, sizeof line);
            strbuf_append_str(&sb, line);
            strbuf_append_char(&sb, '\n');
        }
    }
    return strbuf_take(&sb);
}

static char *run_tool(const char *command)
{
    FILE *pipe = popen(command, "r");
    if (!pipe)
        return NULL;
    struct strbuf sb;
    strbuf_init(&sb);
    char chunk[4096];
    size_t got;
    while ((got = fread(chunk, 1, sizeof chunk, pipe)) > 0)
        strbuf_append(&sb, chunk, got);
    pclose(pipe);
    return strbuf_take(&sb);
}

static void check_directory(struct test_run *t, const char *subdir, bool expect_ok, const char *extension,
                            size_t minimum_cases)
{
    char dir[800];
    snprintf(dir, sizeof dir, "%s/%s", t->test_dir, subdir);
    char names[MAX_CASES][128];
    size_t count = list_cases(dir, names);
    CHECK(t, count >= minimum_cases);
    bool update = getenv("SVCFORGE_UPDATE_GOLDEN") != NULL;
    /* CI compares against the committed files; rewriting them there would always pass */
    const char *ci = getenv("CI");
    if (update && ci != NULL && strcmp(ci, "true") == 0) {
        printf("    SVCFORGE_UPDATE_GOLDEN is refused under CI=true: regenerate locally and commit the diff\n");
        CHECK(t, !update);
        return;
    }
    for (size_t i = 0; i < count; i++) {
        bool ok = false;
        char *expected = expected_output(dir, names[i], &ok);
        if (!CHECK(t, expected != NULL))
            continue;
        if (!CHECK(t, ok == expect_ok))
            printf("    case %s/%s.conf:\n%s", subdir, names[i], expected);
        char golden_path[1024];
        snprintf(golden_path, sizeof golden_path, "%s/%s%s", dir, names[i], extension);
        if (update)
            CHECK(t, write_all(golden_path, expected));
        size_t length = 0;
        char *golden = read_all(golden_path, &length);
        if (!CHECK_STR(t, expected, golden))
            printf("    golden file: %s\n", golden_path);
        /* The real tool, run the way the TypeScript tests run it. */
        char command[4096];
        snprintf(command, sizeof command, "cd '%s' && '%s' '%s.conf' 2>&1", dir, t->conf_dump, names[i]);
        char *tool = run_tool(command);
        if (!CHECK_STR(t, tool, golden))
            printf("    conf-dump output differs for %s\n", golden_path);
        free(tool);
        free(golden);
        free(expected);
    }
}

static void matches_every_golden_json_byte_for_byte(struct test_run *t)
{
    check_directory(t, "conf-golden", true, ".json", 6);
}

static void matches_every_golden_error_listing(struct test_run *t)
{
    check_directory(t, "conf-errors", false, ".err", 3);
}

static bool starts_with(const char *s, const char *prefix)
{
    return strncmp(s, prefix, strlen(prefix)) == 0;
}

static void batch_mode_prints_one_json_line_per_file(struct test_run *t)
{
    char command[1024];
    snprintf(command, sizeof command,
             "cd '%s' && '%s' --batch conf-golden/minimal.conf conf-errors/many-problems.conf missing.conf",
             t->test_dir, t->conf_dump);
    char *out = run_tool(command);
    if (!CHECK(t, out != NULL))
        return;
    char *second = strchr(out, '\n');
    char *third = second ? strchr(second + 1, '\n') : NULL;
    CHECK(t, starts_with(out, "{\"ok\":true,\"config\":{\"version\":1,\"name\":"));
    CHECK(t, second && starts_with(second + 1, "{\"ok\":false,\"errors\":[\"conf-errors/many-problems.conf:"));
    CHECK(t, third && starts_with(third + 1, "{\"ok\":false,\"errors\":[\"missing.conf: cannot open:"));
    CHECK(t, third && strchr(third + 1, '\n') && strchr(third + 1, '\n')[1] == '\0');
    free(out);
}

void suite_golden(struct test_run *t)
{
    RUN(t, matches_every_golden_json_byte_for_byte, "conf-dump output equals every conf-golden/NAME.json byte for byte");
    RUN(t, matches_every_golden_error_listing, "conf-dump errors equal every conf-errors/NAME.err");
    RUN(t, batch_mode_prints_one_json_line_per_file, "conf-dump --batch prints one JSON line per file, ok or errors");
}
