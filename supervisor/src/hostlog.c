/* The supervisor's own log file (see hostlog.h for the line format). */
#include <windows.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "hostlog.h"
#include "eventlog.h"
#include "fsutil.h"
#include "syserr.h"
#include "wstr.h"

static CRITICAL_SECTION lock;
static bool initialized;
static HANDLE file = INVALID_HANDLE_VALUE;
static wchar_t *file_path;
static unsigned long long file_size;

/* The host log is small (a few lines per start) but a restart loop over months
 * must not fill the disk: past this size it becomes svcforge-host.1.log. */
#ifndef HOSTLOG_MAX_BYTES
#define HOSTLOG_MAX_BYTES (10ull * 1024 * 1024)
#endif
static bool echo;
static bool plain_echo;

/* What winerr_log writes; hostlog cannot call it (winerr logs through hostlog). */
static void log_failed_call(enum hostlog_level level, const wchar_t *call, const wchar_t *subject, DWORD code)
{
    wchar_t line[HOSTLOG_MESSAGE_MAX + 1];
    syserr_describe(line, HOSTLOG_MESSAGE_MAX + 1, call, subject, code);
    hostlog_write(level, L"%ls", line);
}

void hostlog_init(bool echo_stderr)
{
    if (!initialized) {
        InitializeCriticalSection(&lock);
        initialized = true;
    }
    echo = echo_stderr;
}

bool hostlog_open_dir(const wchar_t *dir)
{
    unsigned long dir_error;
    wchar_t failed[HOSTLOG_MESSAGE_MAX + 1];
    if (!fsutil_make_dirs(dir, &dir_error, failed, HOSTLOG_MESSAGE_MAX + 1)) {
        if (dir_error != 0)
            log_failed_call(LOG_ERROR, L"CreateDirectoryW", failed, dir_error);
        return false;
    }
    wchar_t *path = wstr_path_join(dir, L"svcforge-host.log");
    if (path == NULL)
        return false;
    HANDLE h = CreateFileW(path, FILE_APPEND_DATA, FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE,
                           NULL, OPEN_ALWAYS, FILE_ATTRIBUTE_NORMAL, NULL);
    DWORD err = GetLastError();
    if (h == INVALID_HANDLE_VALUE) {
        /* hostlog sits below winerr_log, so it writes this line itself. */
        hostlog_write(LOG_ERROR, L"CreateFileW(%ls) failed: error %lu", path, err);
        free(path);
        return false;
    }
    LARGE_INTEGER size = { 0 };
    GetFileSizeEx(h, &size);
    EnterCriticalSection(&lock);
    HANDLE old = file;
    file = h;
    free(file_path);
    file_path = path;
    file_size = (unsigned long long)size.QuadPart;
    LeaveCriticalSection(&lock);
    if (old != INVALID_HANDLE_VALUE)
        CloseHandle(old);
    return true;
}

void hostlog_set_plain_echo(bool plain)
{
    plain_echo = plain;
}

void hostlog_open_event_log(const wchar_t *source)
{
    DWORD err = eventlog_open(source);
    if (err != ERROR_SUCCESS)
        log_failed_call(LOG_WARN, L"RegisterEventSourceW", source, err);
}

void hostlog_close_event_log(void)
{
    DWORD err = eventlog_close();
    if (err != ERROR_SUCCESS)
        log_failed_call(LOG_WARN, L"DeregisterEventSource", NULL, err);
}

static void write_stderr(const char *bytes, size_t length)
{
    HANDLE err = GetStdHandle(STD_ERROR_HANDLE);
    if (err == NULL || err == INVALID_HANDLE_VALUE)
        return;       /* no stderr (service mode): nothing to report to */
    DWORD written;
    WriteFile(err, bytes, (DWORD)length, &written, NULL);
}

static void emit(enum hostlog_level level, bool event, const wchar_t *format, va_list args)
{
    wchar_t message[HOSTLOG_MESSAGE_MAX + 1];
    int n = _vsnwprintf(message, HOSTLOG_MESSAGE_MAX, format, args);
    if (n < 0 || n > HOSTLOG_MESSAGE_MAX)
        n = HOSTLOG_MESSAGE_MAX;
    message[n] = L'\0';

    SYSTEMTIME t;
    GetSystemTime(&t);
    static const wchar_t *const names[] = { L"info", L"warn", L"error" };
    wchar_t line[2200];
    int len = _snwprintf(line, 2199, L"%04u-%02u-%02uT%02u:%02u:%02u.%03uZ %ls: %ls\r\n",
                         t.wYear, t.wMonth, t.wDay, t.wHour, t.wMinute, t.wSecond,
                         t.wMilliseconds, names[level], message);
    if (len < 0 || len > 2199) {
        len = 2199;
        line[2197] = L'\r';
        line[2198] = L'\n';
    }
    size_t bytes_len = 0;
    char *bytes = wstr_to_utf8_n(line, (size_t)len, &bytes_len);
    if (bytes == NULL)
        return;
    if (initialized)
        EnterCriticalSection(&lock);
    if (file != INVALID_HANDLE_VALUE && file_path != NULL && file_size + bytes_len > HOSTLOG_MAX_BYTES) {
        wchar_t *old_path = wstr_format(L"%ls.1", file_path);
        CloseHandle(file);
        file = INVALID_HANDLE_VALUE;
        if (old_path != NULL)
            MoveFileExW(file_path, old_path, MOVEFILE_REPLACE_EXISTING);   /* failure: keep appending */
        free(old_path);
        file = CreateFileW(file_path, FILE_APPEND_DATA, FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE,
                           NULL, OPEN_ALWAYS, FILE_ATTRIBUTE_NORMAL, NULL);
        LARGE_INTEGER size = { 0 };
        if (file != INVALID_HANDLE_VALUE)
            GetFileSizeEx(file, &size);
        file_size = (unsigned long long)size.QuadPart;
    }
    if (file != INVALID_HANDLE_VALUE) {
        DWORD written;
        if (WriteFile(file, bytes, (DWORD)bytes_len, &written, NULL))
            file_size += written;
    }
    if (echo || file == INVALID_HANDLE_VALUE) {
        if (plain_echo) {
            char *plain = wstr_to_utf8(message);
            if (plain != NULL) {
                write_stderr(plain, strlen(plain));
                write_stderr("\r\n", 2);
                free(plain);
            }
        } else {
            write_stderr(bytes, bytes_len);
        }
    }
    if (initialized)
        LeaveCriticalSection(&lock);
    free(bytes);
    if (event) {
        DWORD err = eventlog_report(level == LOG_ERROR ? EVENTLOG_ERROR_TYPE
                                    : level == LOG_WARN ? EVENTLOG_WARNING_TYPE : EVENTLOG_INFORMATION_TYPE,
                                    message);
        /* eventlog has stopped reporting, so this warning cannot recurse or repeat. */
        if (err != ERROR_SUCCESS)
            log_failed_call(LOG_WARN, L"ReportEventW", L"Application log", err);
    }
}

void hostlog_write(enum hostlog_level level, const wchar_t *format, ...)
{
    va_list args;
    va_start(args, format);
    emit(level, false, format, args);
    va_end(args);
}

void hostlog_event(enum hostlog_level level, const wchar_t *format, ...)
{
    va_list args;
    va_start(args, format);
    emit(level, true, format, args);
    va_end(args);
}

void hostlog_stderr(const wchar_t *format, ...)
{
    wchar_t message[2048];
    va_list args;
    va_start(args, format);
    int n = _vsnwprintf(message, 2045, format, args);
    va_end(args);
    if (n < 0 || n > 2045)
        n = 2045;
    message[n++] = L'\r';
    message[n++] = L'\n';
    size_t len = 0;
    char *bytes = wstr_to_utf8_n(message, (size_t)n, &len);
    if (bytes != NULL) {
        write_stderr(bytes, len);
        free(bytes);
    }
}

void hostlog_close(void)
{
    if (!initialized)
        return;
    EnterCriticalSection(&lock);
    if (file != INVALID_HANDLE_VALUE)
        CloseHandle(file);
    file = INVALID_HANDLE_VALUE;
    free(file_path);
    file_path = NULL;
    LeaveCriticalSection(&lock);
}
