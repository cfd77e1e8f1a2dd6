/* Atomic status file writes. */
#include <windows.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "statusfile.h"
#include "winerr.h"
#include "wstr.h"

static DWORD last_error;   /* log a failure once, not every second */

static void failed(const wchar_t *call, const wchar_t *path, DWORD err)
{
    if (err != last_error)
        winerr_log(LOG_WARN, call, path, err);
    last_error = err;
}

void statusfile_write(const wchar_t *path, const struct status_info *status)
{
    char *json = status_json_format(status);
    if (json == NULL)
        return;
    wchar_t *tmp = wstr_format(L"%ls.tmp", path);
    if (tmp == NULL) {
        free(json);
        return;
    }
    HANDLE h = CreateFileW(tmp, GENERIC_WRITE, FILE_SHARE_READ, NULL, CREATE_ALWAYS, FILE_ATTRIBUTE_NORMAL, NULL);
    if (h == INVALID_HANDLE_VALUE) {
        failed(L"CreateFileW", tmp, GetLastError());
    } else {
        DWORD len = (DWORD)strlen(json), written = 0;
        BOOL ok = WriteFile(h, json, len, &written, NULL);
        DWORD err = GetLastError();
        CloseHandle(h);
        if (!ok || written != len)
            failed(L"WriteFile", tmp, ok ? ERROR_WRITE_FAULT : err);
        else if (!MoveFileExW(tmp, path, MOVEFILE_REPLACE_EXISTING | MOVEFILE_WRITE_THROUGH))
            failed(L"MoveFileExW", path, GetLastError());
        else
            last_error = 0;
    }
    free(tmp);
    free(json);
}

void statusfile_now_iso(char *buf, size_t size)
{
    SYSTEMTIME t;
    GetSystemTime(&t);
    snprintf(buf, size, "%04u-%02u-%02uT%02u:%02u:%02u.%03uZ", t.wYear, t.wMonth, t.wDay, t.wHour,
             t.wMinute, t.wSecond, t.wMilliseconds);
}
