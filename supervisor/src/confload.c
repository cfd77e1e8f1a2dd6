/* Config file -> struct config, with machine checks. */
#include <windows.h>
#include <stdlib.h>
#include <string.h>
#include "confload.h"
#include "fsutil.h"
#include "hostlog.h"
#include "syserr.h"
#include "wstr.h"

/* Line number of the first "key =" line in text, 0 if none. */
static unsigned line_of(const char *text, const char *key)
{
    size_t kl = strlen(key);
    unsigned line = 1;
    for (const char *p = text; *p; line++) {
        const char *q = p;
        while (*q == ' ' || *q == '\t')
            q++;
        if (strncmp(q, key, kl) == 0) {
            q += kl;
            while (*q == ' ' || *q == '\t')
                q++;
            if (*q == '=')
                return line;
        }
        const char *nl = strchr(p, '\n');
        if (nl == NULL)
            break;
        p = nl + 1;
    }
    return 0;
}

static void report(const char *source, unsigned line, const char *key, const wchar_t *problem)
{
    wchar_t *wsource = wstr_from_utf8(source);
    wchar_t *wkey = wstr_from_utf8(key);
    if (line)
        hostlog_event(LOG_ERROR, L"%ls:%u: %ls: %ls", wsource, line, wkey, problem);
    else
        hostlog_event(LOG_ERROR, L"%ls: %ls: %ls", wsource, wkey, problem);
    free(wsource);
    free(wkey);
}

static bool check_path(const char *text, const char *source, const char *key, const char *value, bool want_dir)
{
    wchar_t *w = wstr_from_utf8(value);
    if (w == NULL)
        return false;
    DWORD attrs = GetFileAttributesW(w);
    DWORD err = GetLastError();
    bool ok = attrs != INVALID_FILE_ATTRIBUTES && (want_dir == ((attrs & FILE_ATTRIBUTE_DIRECTORY) != 0));
    if (!ok) {
        wchar_t text_err[256], *problem;
        if (attrs == INVALID_FILE_ATTRIBUTES) {
            syserr_text(err, text_err, 256);
            problem = wstr_format(L"%ls: %ls", w, text_err);
        } else {
            problem = wstr_format(want_dir ? L"%ls is a file, not a folder" : L"%ls is a folder, not a file", w);
        }
        report(source, line_of(text, key), key, problem ? problem : L"not usable");
        free(problem);
    }
    free(w);
    return ok;
}

struct config *confload(const wchar_t *path)
{
    char *source = wstr_to_utf8(path);
    size_t length = 0;
    unsigned long err = 0;
    char *text = fsutil_read_all(path, &length, &err);
    if (text == NULL) {
        wchar_t msg[256];
        syserr_text(err, msg, 256);
        hostlog_event(LOG_ERROR, L"%ls: cannot read: %ls", path, msg);
        free(source);
        return NULL;
    }
    struct config *config = calloc(1, sizeof *config);
    struct config_errors *errors = calloc(1, sizeof *errors);
    if (config == NULL || errors == NULL) {
        hostlog_write(LOG_ERROR, L"out of memory reading %ls", path);
        free(config);
        free(errors);
        free(text);
        free(source);
        return NULL;
    }
    if (config_parse(text, length, source, config, errors) != 0) {
        size_t shown = errors->count < 32 ? errors->count : 32;
        for (size_t i = 0; i < shown; i++) {
            char line[512];
            config_format_error(NULL, source, &errors->items[i], line, sizeof line);
            wchar_t *w = wstr_from_utf8(line);
            hostlog_event(LOG_ERROR, L"%ls", w ? w : L"config error");
            free(w);
        }
        if (errors->count > shown)
            hostlog_event(LOG_ERROR, L"%ls: %u more problems not shown", path, (unsigned)(errors->count - shown));
        free(config);
        config = NULL;
    } else {
        /* Release mode: program (and a relative workdir) live in the release the pointer
         * names; checked at each start and by `check` (releaseload), not here. */
        bool release_mode = config->release_root != NULL;
        bool workdir_absolute = config->workdir != NULL
                                && (config->workdir[0] == '\\' || (config->workdir[0] && config->workdir[1] == ':'));
        bool ok = release_mode || check_path(text, source, "program", config->program, false);
        if (config->workdir != NULL && (!release_mode || workdir_absolute))
            ok = check_path(text, source, "workdir", config->workdir, true) && ok;
        if (config->secrets_file != NULL)
            ok = check_path(text, source, "secrets_file", config->secrets_file, false) && ok;
        if (!ok) {
            config_free(config);
            free(config);
            config = NULL;
        }
    }
    free(errors);
    free(text);
    free(source);
    return config;
}

void confload_free(struct config *config)
{
    if (config == NULL)
        return;
    config_free(config);
    free(config);
}
