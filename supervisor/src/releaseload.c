/* Pointer file -> the program and workdir of the current release (see releaseload.h). */
#include <windows.h>
#include <stdlib.h>
#include <string.h>
#include "releaseload.h"
#include "fsutil.h"
#include "strbuf.h"
#include "syserr.h"
#include "wstr.h"

void releaseload_free(struct resolved_release *release)
{
    free(release->program);
    free(release->program_w);
    free(release->workdir_w);
    memset(release, 0, sizeof *release);
}

static bool read_pointer(const wchar_t *pointer, char version[RELEASE_VERSION_MAX + 1], wchar_t **problem)
{
    size_t length = 0;
    unsigned long err = 0;
    char *text = fsutil_read_all(pointer, &length, &err);
    if (text == NULL) {
        wchar_t reason[256];
        syserr_text(err, reason, 256);
        *problem = wstr_format(L"release pointer %ls: cannot read it (CreateFileW/ReadFile error %lu: %ls); "
                               L"deploy a release, which writes it", pointer, err, reason);
        return false;
    }
    unsigned line = 0;
    char reason[300];
    bool ok = release_pointer_parse(text, length, version, &line, reason, sizeof reason);
    free(text);
    if (!ok) {
        if (line)
            *problem = wstr_format(L"release pointer %ls:%u: %hs", pointer, line, reason);
        else
            *problem = wstr_format(L"release pointer %ls: %hs", pointer, reason);
    }
    return ok;
}

/* NULL problem = the path exists with the right kind. */
static wchar_t *missing(const wchar_t *pointer, const char *version, const wchar_t *what, const wchar_t *path,
                        bool want_dir)
{
    DWORD attrs = GetFileAttributesW(path);
    if (attrs != INVALID_FILE_ATTRIBUTES && want_dir == ((attrs & FILE_ATTRIBUTE_DIRECTORY) != 0))
        return NULL;
    wchar_t reason[256];
    if (attrs == INVALID_FILE_ATTRIBUTES) {
        DWORD err = GetLastError();
        wchar_t text[200];
        syserr_text(err, text, 200);
        _snwprintf(reason, 256, L"GetFileAttributesW error %lu: %ls", (unsigned long)err, text);
    } else {
        _snwprintf(reason, 256, want_dir ? L"a file, not a folder" : L"a folder, not a file");
    }
    reason[255] = L'\0';
    return wstr_format(L"release %hs (named by %ls) has no %ls %ls (%ls); deploy it again or point to "
                       L"another release", version, pointer, what, path, reason);
}

bool releaseload_resolve(const struct config *config, struct resolved_release *out, wchar_t **problem)
{
    memset(out, 0, sizeof *out);
    *problem = NULL;
    wchar_t *pointer = wstr_from_utf8(config->release_pointer);
    if (pointer == NULL)
        return false;
    bool ok = read_pointer(pointer, out->version, problem);
    if (ok) {
        char *folder = release_path(config->release_root, out->version, NULL);
        out->program = release_path(config->release_root, out->version, config->program);
        char *workdir = config->workdir == NULL ? NULL
                      : (config->workdir[0] != '\0' && config->workdir[1] == ':') || config->workdir[0] == '\\'
                      ? string_copy(config->workdir)
                      : release_path(config->release_root, out->version, config->workdir);
        out->program_w = wstr_from_utf8(out->program);
        out->workdir_w = wstr_from_utf8(workdir != NULL ? workdir : folder);
        free(folder);
        free(workdir);
        ok = out->program_w != NULL && out->workdir_w != NULL;
        if (ok)
            *problem = missing(pointer, out->version, L"program", out->program_w, false);
        if (ok && *problem == NULL)
            *problem = missing(pointer, out->version, L"workdir", out->workdir_w, true);
        ok = ok && *problem == NULL;
    }
    if (!ok) {
        char version[RELEASE_VERSION_MAX + 1];
        memcpy(version, out->version, sizeof version);
        releaseload_free(out);
        memcpy(out->version, version, sizeof version);
    }
    free(pointer);
    return ok;
}
