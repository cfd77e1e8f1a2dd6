#include "release.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "config_lex.h"
#include "strbuf.h"

static bool is_alnum(char c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
}

static char upper(char c)
{
    return (c >= 'a' && c <= 'z') ? (char)(c - 'a' + 'A') : c;
}

/* CON, PRN, AUX, NUL, COM1-9, LPT1-9 as the whole name or the part before the first ".". */
static bool is_device_name(const char *name)
{
    size_t stem = strcspn(name, ".");
    char base[5] = "";
    if (stem < 3 || stem > 4)
        return false;
    for (size_t i = 0; i < stem; i++)
        base[i] = upper(name[i]);
    base[stem] = '\0';
    if (stem == 3)
        return strcmp(base, "CON") == 0 || strcmp(base, "PRN") == 0 || strcmp(base, "AUX") == 0
               || strcmp(base, "NUL") == 0;
    return (strncmp(base, "COM", 3) == 0 || strncmp(base, "LPT", 3) == 0) && base[3] >= '1' && base[3] <= '9';
}

bool release_version_check(const char *version, char *problem, size_t size)
{
    char got[80];
    describe_bytes(version, strlen(version), got, sizeof got);
    size_t length = strlen(version);
    if (length == 0 || length > RELEASE_VERSION_MAX) {
        snprintf(problem, size, "a release version is 1-%d characters; got %s", RELEASE_VERSION_MAX, got);
        return false;
    }
    if (!is_alnum(version[0])) {
        snprintf(problem, size, "a release version starts with a letter or digit; got %s", got);
        return false;
    }
    for (size_t i = 1; i < length; i++) {
        char c = version[i];
        if (!is_alnum(c) && c != '.' && c != '_' && c != '-') {
            snprintf(problem, size, "a release version has only letters, digits and . _ -; got %s", got);
            return false;
        }
    }
    if (version[length - 1] == '.') {
        snprintf(problem, size, "a release version cannot end in \".\" (Windows drops it from folder names); got %s",
                 got);
        return false;
    }
    if (is_device_name(version)) {
        snprintf(problem, size, "a release version cannot be a Windows device name (CON, NUL, COM1, ...); got %s",
                 got);
        return false;
    }
    return true;
}

static bool is_slash(char c)
{
    return c == '\\' || c == '/';
}

bool release_check_relative(const char *value, char *problem, size_t size)
{
    char got[80];
    describe_bytes(value, strlen(value), got, sizeof got);
    if (value[0] == '\0') {
        snprintf(problem, size, "must be a path inside the release such as app.exe or bin\\app.exe; got %s", got);
        return false;
    }
    if (is_slash(value[0]) || strchr(value, ':')) {
        snprintf(problem, size, "with release_root this is a path inside the release folder "
                 "(such as app.exe or bin\\app.exe), not an absolute path or drive; got %s", got);
        return false;
    }
    if (strchr(value, '"')) {
        snprintf(problem, size, "a path cannot contain a double quote; got %s", got);
        return false;
    }
    for (const char *part = value; *part;) {
        size_t n = strcspn(part, "\\/");
        if (n == 2 && part[0] == '.' && part[1] == '.') {
            snprintf(problem, size, "a path inside the release cannot contain \"..\"; got %s", got);
            return false;
        }
        part += n;
        if (*part)
            part++;
    }
    return true;
}

static bool starts_with_utf16_bom(const char *text, size_t length)
{
    return length >= 2 && (((unsigned char)text[0] == 0xFF && (unsigned char)text[1] == 0xFE)
                           || ((unsigned char)text[0] == 0xFE && (unsigned char)text[1] == 0xFF));
}

static bool key_is(const struct lexed_line *lexed, const char *name)
{
    return lexed->key_length == strlen(name) && memcmp(lexed->key, name, lexed->key_length) == 0;
}

/* One pointer line; false = problem written. */
static bool pointer_line(const struct lexed_line *lexed, unsigned line, unsigned *version_line,
                         unsigned *release_line, char version_out[RELEASE_VERSION_MAX + 1],
                         char *problem, size_t size)
{
    char detail[200];
    if (lexed->kind == LINE_NO_MEMORY) {
        snprintf(problem, size, "out of memory");
        return false;
    }
    if (lexed->kind == LINE_ERROR && lexed->key_length == 0) {
        snprintf(problem, size, "%s", lexed->problem);
        return false;
    }
    bool is_version = key_is(lexed, "version"), is_release = key_is(lexed, "release");
    if (!is_version && !is_release) {
        char key[80];
        describe_bytes(lexed->key, lexed->key_length, key, sizeof key);
        snprintf(problem, size, "unknown key %s; a pointer has only \"version = 1\" and \"release = VERSION\"", key);
        return false;
    }
    const char *key = is_version ? "version" : "release";
    if (lexed->kind == LINE_ERROR) {
        snprintf(problem, size, "%s: %s", key, lexed->problem);
        return false;
    }
    unsigned *seen = is_version ? version_line : release_line;
    if (*seen) {
        snprintf(problem, size, "%s: duplicate key; already set on line %u", key, *seen);
        return false;
    }
    *seen = line;
    if (is_version) {
        if (strcmp(lexed->value, "1") != 0) {
            describe_bytes(lexed->value, lexed->value_length, detail, sizeof detail);
            snprintf(problem, size, "version: unsupported pointer version %s; this svcforge-host reads version 1",
                     detail);
            return false;
        }
        return true;
    }
    if (!release_version_check(lexed->value, detail, sizeof detail)) {
        snprintf(problem, size, "release: %s", detail);
        return false;
    }
    memcpy(version_out, lexed->value, lexed->value_length + 1);
    return true;
}

bool release_pointer_parse(const char *text, size_t length, char version_out[RELEASE_VERSION_MAX + 1],
                           unsigned *line, char *problem, size_t size)
{
    *line = 0;
    version_out[0] = '\0';
    if (starts_with_utf16_bom(text, length)) {
        snprintf(problem, size, "the pointer file is UTF-16; write it as UTF-8");
        return false;
    }
    if (length >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0) {
        text += 3;
        length -= 3;
    }
    unsigned number = 0, version_line = 0, release_line = 0;
    size_t at = 0;
    while (at < length) {
        const char *newline = memchr(text + at, '\n', length - at);
        size_t end = newline ? (size_t)(newline - text) : length;
        size_t line_length = end - at;
        if (line_length > 0 && text[at + line_length - 1] == '\r')
            line_length--;
        number++;
        struct lexed_line lexed;
        lex_line(text + at, line_length, &lexed);
        bool ok = lexed.kind == LINE_SKIP
                  || pointer_line(&lexed, number, &version_line, &release_line, version_out, problem, size);
        if (lexed.kind == LINE_ENTRY)
            free(lexed.value);
        if (!ok) {
            *line = number;
            version_out[0] = '\0';
            return false;
        }
        at = newline ? end + 1 : length;
    }
    if (!version_line || !release_line) {
        snprintf(problem, size, "%s: required key is missing; the pointer reads \"version = 1\" "
                 "then \"release = VERSION\"", version_line ? "release" : "version");
        version_out[0] = '\0';
        return false;
    }
    return true;
}

char *release_path(const char *root, const char *version, const char *relative)
{
    struct strbuf sb;
    strbuf_init(&sb);
    strbuf_append_str(&sb, root);
    size_t length = strlen(root);
    if (length == 0 || !is_slash(root[length - 1]))
        strbuf_append_char(&sb, '\\');
    strbuf_append_str(&sb, version);
    if (relative) {
        strbuf_append_char(&sb, '\\');
        for (const char *c = relative; *c; c++)
            strbuf_append_char(&sb, *c == '/' ? '\\' : *c);
    }
    return strbuf_take(&sb);
}
