/* The child's environment block. */
#include <windows.h>
#include <stdlib.h>
#include <string.h>
#include "envblock.h"
#include "winerr.h"
#include "wstr.h"

int env_overrides_add(struct env_overrides *o, const wchar_t *name, const wchar_t *value)
{
    if (o->count == o->capacity) {
        size_t cap = o->capacity ? o->capacity * 2 : 16;
        wchar_t **n = realloc(o->names, cap * sizeof *n);
        if (n == NULL)
            return 0;
        o->names = n;
        wchar_t **v = realloc(o->values, cap * sizeof *v);
        if (v == NULL)
            return 0;
        o->values = v;
        o->capacity = cap;
    }
    o->names[o->count] = wstr_dup(name);
    o->values[o->count] = wstr_dup(value);
    if (o->names[o->count] == NULL || o->values[o->count] == NULL) {
        free(o->names[o->count]);
        free(o->values[o->count]);
        return 0;
    }
    o->count++;
    return 1;
}

void env_overrides_free(struct env_overrides *o)
{
    for (size_t i = 0; i < o->count; i++) {
        free(o->names[i]);
        if (o->values[i] != NULL) {
            SecureZeroMemory(o->values[i], wcslen(o->values[i]) * sizeof(wchar_t));
            free(o->values[i]);
        }
    }
    free(o->names);
    free(o->values);
    memset(o, 0, sizeof *o);
}

/* Length of the name part of "NAME=value"; entries like "=C:=C:\x" keep their leading '='. */
static size_t name_length(const wchar_t *entry)
{
    const wchar_t *eq = wcschr(entry + 1, L'=');
    return eq ? (size_t)(eq - entry) : wcslen(entry);
}

static int names_equal(const wchar_t *a, size_t al, const wchar_t *b, size_t bl)
{
    return CompareStringOrdinal(a, (int)al, b, (int)bl, TRUE) == CSTR_EQUAL;
}

static int compare_entries(const void *pa, const void *pb)
{
    const wchar_t *a = *(const wchar_t *const *)pa, *b = *(const wchar_t *const *)pb;
    int r = CompareStringOrdinal(a, (int)name_length(a), b, (int)name_length(b), TRUE);
    return r - CSTR_EQUAL;
}

wchar_t *envblock_build(const struct env_overrides *o)
{
    wchar_t *current = GetEnvironmentStringsW();
    if (current == NULL) {
        winerr_log(LOG_ERROR, L"GetEnvironmentStringsW", NULL, GetLastError());
        return NULL;
    }
    size_t count = 0;
    for (const wchar_t *p = current; *p; p += wcslen(p) + 1)
        count++;
    const wchar_t *current_end = current;
    while (*current_end)
        current_end += wcslen(current_end) + 1;
    wchar_t **entries = calloc(count + o->count + 1, sizeof *entries);
    wchar_t *block = NULL;
    size_t n = 0;
    if (entries == NULL)
        goto out;
    for (wchar_t *p = current; *p; p += wcslen(p) + 1)
        entries[n++] = p;
    for (size_t i = 0; i < o->count; i++) {
        wchar_t *entry = wstr_format(L"%ls=%ls", o->names[i], o->values[i]);
        if (entry == NULL)
            goto out;
        size_t nl = wcslen(o->names[i]);
        size_t k;
        for (k = 0; k < n; k++)
            if (names_equal(entries[k], name_length(entries[k]), o->names[i], nl))
                break;
        if (k < n && (entries[k] < current || entries[k] >= current_end))
            free(entries[k]);
        if (k == n)
            n++;
        entries[k] = entry;
    }
    qsort(entries, n, sizeof *entries, compare_entries);
    size_t total = 1;
    for (size_t i = 0; i < n; i++)
        total += wcslen(entries[i]) + 1;
    block = malloc((total + 1) * sizeof(wchar_t));
    if (block != NULL) {
        wchar_t *w = block;
        for (size_t i = 0; i < n; i++) {
            size_t l = wcslen(entries[i]) + 1;
            memcpy(w, entries[i], l * sizeof(wchar_t));
            w += l;
        }
        *w = L'\0';
        if (n == 0)
            w[1] = L'\0';
    }
out:
    for (size_t i = 0; entries != NULL && i < n; i++)
        if (entries[i] < current || entries[i] >= current_end) {
            SecureZeroMemory(entries[i], wcslen(entries[i]) * sizeof(wchar_t));
            free(entries[i]);
        }
    free(entries);
    FreeEnvironmentStringsW(current);
    if (block == NULL)
        hostlog_write(LOG_ERROR, L"cannot build the environment block: out of memory");
    return block;
}
