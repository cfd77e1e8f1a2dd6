/* File-system helpers. */
#include <windows.h>
#include <stdlib.h>
#include "fsutil.h"
#include "wstr.h"

bool fsutil_make_dirs(const wchar_t *dir, unsigned long *error, wchar_t *failed, size_t size)
{
    *error = 0;
    DWORD attrs = GetFileAttributesW(dir);
    if (attrs != INVALID_FILE_ATTRIBUTES && (attrs & FILE_ATTRIBUTE_DIRECTORY))
        return true;
    wchar_t *parent = wstr_path_dir(dir);
    if (parent == NULL)
        return false;
    bool ok = true;
    if (wcscmp(parent, dir) != 0 && wcslen(parent) > 3)
        ok = fsutil_make_dirs(parent, error, failed, size);
    free(parent);
    if (!ok)
        return false;
    if (!CreateDirectoryW(dir, NULL)) {
        DWORD err = GetLastError();
        if (err != ERROR_ALREADY_EXISTS) {
            *error = err;
            wcsncpy(failed, dir, size - 1);
            failed[size - 1] = L'\0';
            return false;
        }
    }
    return true;
}

char *fsutil_read_all(const wchar_t *path, size_t *length, unsigned long *error)
{
    *error = 0;
    HANDLE h = CreateFileW(path, GENERIC_READ, FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE,
                           NULL, OPEN_EXISTING, FILE_ATTRIBUTE_NORMAL, NULL);
    if (h == INVALID_HANDLE_VALUE) {
        *error = GetLastError();
        return NULL;
    }
    LARGE_INTEGER size;
    if (!GetFileSizeEx(h, &size)) {
        *error = GetLastError();
        CloseHandle(h);
        return NULL;
    }
    if (size.QuadPart > 64 * 1024 * 1024) {
        *error = ERROR_FILE_TOO_LARGE;
        CloseHandle(h);
        return NULL;
    }
    char *buf = malloc((size_t)size.QuadPart + 1);
    if (buf == NULL) {
        *error = ERROR_NOT_ENOUGH_MEMORY;
        CloseHandle(h);
        return NULL;
    }
    DWORD got = 0, total = 0;
    while (total < (DWORD)size.QuadPart) {
        if (!ReadFile(h, buf + total, (DWORD)size.QuadPart - total, &got, NULL)) {
            *error = GetLastError();
            free(buf);
            CloseHandle(h);
            return NULL;
        }
        if (got == 0)
            break;
        total += got;
    }
    CloseHandle(h);
    buf[total] = '\0';
    *length = total;
    return buf;
}
