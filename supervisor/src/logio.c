/* stdout/stderr pipes -> files, rotation at line boundaries (see logio.h). */
#include <windows.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "logio.h"
#include "rotate.h"
#include "sizemeter.h"
#include "fsutil.h"
#include "hostlog.h"
#include "winerr.h"
#include "wstr.h"

#define READ_SIZE (256 * 1024)      /* per read; the pipe itself holds 1 MiB */
#define PIPE_SIZE (1024 * 1024)
#define STAMP_LEN 24                 /* "2026-11-25T14:27:48.123 " */

struct logfile {
    const struct config *config;
    wchar_t *dir;
    wchar_t *path;
    char *base;                      /* file name, UTF-8, for rotate.h */
    HANDLE handle;
    uint64_t size;
    int64_t opened_day;
    bool at_line_start;              /* last byte written was '\n' (or nothing yet) */
    bool stamp_line_start;           /* timestamp insertion state */
    volatile LONG rotate_requested;
    unsigned write_failures;
    CRITICAL_SECTION lock;
    char *scratch;                   /* SCRATCH_SIZE bytes, for timestamps */
    /* Counts for the metrics. Pipe mode: the reader thread adds what it wrote. Direct
     * mode: the supervision thread measures the file through its own handle. */
    volatile LONG64 program_bytes;
    volatile LONG rotations;
    HANDLE watch;                    /* direct mode: the file the child appends to; NULL between runs */
    struct size_meter meter;
};

struct reader {
    HANDLE pipe;
    struct logfile *file;
};

static int64_t local_day_of(const SYSTEMTIME *local)
{
    FILETIME ft;
    if (!SystemTimeToFileTime(local, &ft))
        return 0;
    ULARGE_INTEGER u = { .LowPart = ft.dwLowDateTime, .HighPart = ft.dwHighDateTime };
    /* 100 ns ticks since 1601 -> days since 1970 */
    return (int64_t)(u.QuadPart / 864000000000ull) - 134774;
}

static int64_t today(void)
{
    SYSTEMTIME st;
    GetLocalTime(&st);
    return local_day_of(&st);
}

static HANDLE open_append(const wchar_t *path, bool inheritable)
{
    SECURITY_ATTRIBUTES sa = { sizeof sa, NULL, inheritable };
    HANDLE h = CreateFileW(path, FILE_APPEND_DATA | FILE_READ_ATTRIBUTES,
                           FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE,
                           &sa, OPEN_ALWAYS, FILE_ATTRIBUTE_NORMAL, NULL);
    if (h == INVALID_HANDLE_VALUE)
        winerr_log(LOG_ERROR, L"CreateFileW", path, GetLastError());
    return h;
}

static bool logfile_reopen(struct logfile *lf)
{
    lf->handle = open_append(lf->path, false);
    if (lf->handle == INVALID_HANDLE_VALUE)
        return false;
    LARGE_INTEGER size = { 0 };
    if (!GetFileSizeEx(lf->handle, &size))
        winerr_log(LOG_WARN, L"GetFileSizeEx", lf->path, GetLastError());
    lf->size = (uint64_t)size.QuadPart;
    lf->opened_day = today();
    FILETIME written;
    SYSTEMTIME utc, local;
    if (lf->size > 0 && GetFileTime(lf->handle, NULL, NULL, &written)
        && FileTimeToSystemTime(&written, &utc) && SystemTimeToTzSpecificLocalTime(NULL, &utc, &local))
        lf->opened_day = local_day_of(&local);
    lf->at_line_start = true;     /* files are only ever switched at a line boundary */
    return true;
}

static struct logfile *logfile_new(const struct config *config, const wchar_t *dir, const char *name)
{
    struct logfile *lf = calloc(1, sizeof *lf);
    if (lf == NULL)
        return NULL;
    lf->config = config;
    lf->handle = INVALID_HANDLE_VALUE;
    lf->dir = wstr_dup(dir);
    wchar_t *wname = wstr_from_utf8(name);
    lf->path = wname ? wstr_path_join(dir, wname) : NULL;
    free(wname);
    lf->base = _strdup(name);
    lf->at_line_start = lf->stamp_line_start = true;
    InitializeCriticalSection(&lf->lock);
    return lf;
}

static void logfile_free(struct logfile *lf)
{
    if (lf == NULL)
        return;
    if (lf->handle != INVALID_HANDLE_VALUE)
        CloseHandle(lf->handle);
    if (lf->watch != NULL)
        CloseHandle(lf->watch);
    DeleteCriticalSection(&lf->lock);
    free(lf->dir);
    free(lf->path);
    free(lf->base);
    free(lf->scratch);
    free(lf);
}

static void prune(struct logfile *lf)
{
    uint32_t keep = lf->config->rotate_keep;
    if (keep == 0)
        return;
    wchar_t *pattern = wstr_path_join(lf->dir, L"*");
    if (pattern == NULL)
        return;
    WIN32_FIND_DATAW fd;
    HANDLE find = FindFirstFileExW(pattern, FindExInfoBasic, &fd, FindExSearchNameMatch, NULL, 0);
    free(pattern);
    if (find == INVALID_HANDLE_VALUE) {
        winerr_log(LOG_WARN, L"FindFirstFileExW", lf->dir, GetLastError());
        return;
    }
    char **names = NULL;
    size_t count = 0, cap = 0;
    do {
        if (fd.dwFileAttributes & FILE_ATTRIBUTE_DIRECTORY)
            continue;
        if (count == cap) {
            cap = cap ? cap * 2 : 64;
            char **bigger = realloc(names, cap * sizeof *names);
            if (bigger == NULL)
                break;
            names = bigger;
        }
        names[count] = wstr_to_utf8(fd.cFileName);
        if (names[count] != NULL)
            count++;
    } while (FindNextFileW(find, &fd));
    FindClose(find);
    size_t *doomed = count ? malloc(count * sizeof *doomed) : NULL;
    size_t n = doomed ? rotate_select_expired(lf->base, (const char *const *)names, count, keep, doomed, count) : 0;
    for (size_t i = 0; i < n; i++) {
        wchar_t *wname = wstr_from_utf8(names[doomed[i]]);
        wchar_t *path = wname ? wstr_path_join(lf->dir, wname) : NULL;
        if (path != NULL && !DeleteFileW(path))
            winerr_log(LOG_WARN, L"DeleteFileW", path, GetLastError());
        free(path);
        free(wname);
    }
    free(doomed);
    for (size_t i = 0; i < count; i++)
        free(names[i]);
    free(names);
}

/* Caller holds the lock. Renames the current file to its timestamped name, opens a
 * fresh one, deletes the oldest beyond `keep`. */
static void logfile_rotate(struct logfile *lf)
{
    lf->rotate_requested = 0;
    if (lf->size == 0) {
        lf->opened_day = today();
        return;
    }
    if (lf->handle != INVALID_HANDLE_VALUE)
        CloseHandle(lf->handle);
    lf->handle = INVALID_HANDLE_VALUE;
    SYSTEMTIME t;
    GetSystemTime(&t);
    wchar_t *target = NULL;
    for (unsigned collision = 0; collision < 1000; collision++) {
        char name[512];
        if (rotate_name(lf->base, t.wYear, t.wMonth, t.wDay, t.wHour, t.wMinute, t.wSecond,
                        t.wMilliseconds, collision, name, sizeof name) != 0) {
            hostlog_write(LOG_ERROR, L"rotate_name failed for %ls", lf->path);
            break;
        }
        wchar_t *wname = wstr_from_utf8(name);
        target = wname ? wstr_path_join(lf->dir, wname) : NULL;
        free(wname);
        if (target == NULL)
            break;
        if (MoveFileExW(lf->path, target, MOVEFILE_WRITE_THROUGH))
            break;
        DWORD err = GetLastError();
        if (err != ERROR_ALREADY_EXISTS && err != ERROR_FILE_EXISTS) {
            winerr_log(LOG_ERROR, L"MoveFileExW", lf->path, err);
            free(target);
            target = NULL;
            break;
        }
        free(target);
        target = NULL;
    }
    if (!logfile_reopen(lf))
        hostlog_event(LOG_ERROR, L"cannot reopen %ls after rotation; output is dropped until the next rotation",
                      lf->path);
    if (target != NULL) {
        InterlockedIncrement(&lf->rotations);
        hostlog_write(LOG_INFO, L"rotated %ls -> %ls", lf->path, target);
        free(target);
        prune(lf);
    }
}

static void raw_write(struct logfile *lf, const char *p, size_t n)
{
    if (n == 0)
        return;
    while (n > 0) {
        DWORD chunk = n > 0x40000000 ? 0x40000000 : (DWORD)n, written = 0;
        if (lf->handle == INVALID_HANDLE_VALUE || !WriteFile(lf->handle, p, chunk, &written, NULL)) {
            if (lf->write_failures++ % 1000 == 0)
                winerr_log(LOG_ERROR, L"WriteFile", lf->path,
                           lf->handle == INVALID_HANDLE_VALUE ? ERROR_INVALID_HANDLE : GetLastError());
            return;
        }
        lf->size += written;
        lf->at_line_start = p[written - 1] == '\n';
        p += written;
        n -= written;
    }
}

/* Offset just after the last '\n' in p[0..limit), 0 if none. */
static size_t last_line_end(const char *p, size_t limit)
{
    while (limit > 0 && p[limit - 1] != '\n')
        limit--;
    return limit;
}

/* Offset just after the first '\n' in p[0..n), 0 if none. */
static size_t first_line_end(const char *p, size_t n)
{
    const char *nl = memchr(p, '\n', n);
    return nl ? (size_t)(nl - p) + 1 : 0;
}

static void write_rotating(struct logfile *lf, const char *p, size_t n)
{
    const struct config *c = lf->config;
    uint64_t max = c->rotate_max_bytes;
    while (n > 0) {
        if (lf->at_line_start) {
            if (lf->rotate_requested) {
                logfile_rotate(lf);
            } else if (c->rotate_daily) {
                int64_t day = today();
                if (lf->size == 0)
                    lf->opened_day = day;     /* an empty file just becomes today's */
                else if (rotate_due(lf->size, n, 0, true, lf->opened_day, day))
                    logfile_rotate(lf);
            }
        }
        uint64_t room = lf->size < max ? max - lf->size : 0;
        if (max == 0 || n <= room) {
            raw_write(lf, p, n);
            return;
        }
        size_t cut;
        if (lf->at_line_start) {
            cut = last_line_end(p, (size_t)room);
            if (cut == 0 && lf->size > 0) {
                logfile_rotate(lf);
                continue;
            }
            if (cut == 0)
                cut = first_line_end(p, n);      /* one line longer than a whole file */
            if (cut == 0)
                cut = n;                         /* ... and not finished yet */
        } else {
            size_t first = first_line_end(p, n);
            if (first == 0)
                cut = n;                         /* finish the half line, still no newline */
            else
                cut = first <= room ? last_line_end(p, (size_t)room) : first;
        }
        raw_write(lf, p, cut);
        p += cut;
        n -= cut;
    }
}

#define SCRATCH_SIZE (512 * 1024)   /* a 256 KiB read of short lines, stamped, fits */

/* One pass: copies lines into the scratch buffer with a stamp in front of each line
 * start, writing the buffer out whenever the next line would not fit. */
static void write_stamped(struct logfile *lf, const char *p, size_t n)
{
    SYSTEMTIME t;
    GetLocalTime(&t);
    char stamp[STAMP_LEN + 1];
    snprintf(stamp, sizeof stamp, "%04u-%02u-%02uT%02u:%02u:%02u.%03u ", t.wYear, t.wMonth, t.wDay, t.wHour,
             t.wMinute, t.wSecond, t.wMilliseconds);
    const char *end = p + n;
    size_t used = 0;
    while (p < end) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        size_t len = nl ? (size_t)(nl - p) + 1 : (size_t)(end - p);
        size_t extra = lf->stamp_line_start ? STAMP_LEN : 0;
        if (used + extra + len > SCRATCH_SIZE) {
            if (used > 0)
                write_rotating(lf, lf->scratch, used);
            used = 0;
            if (extra + len > SCRATCH_SIZE) {      /* one very long line: no copy */
                if (extra)
                    write_rotating(lf, stamp, STAMP_LEN);
                write_rotating(lf, p, len);
                lf->stamp_line_start = nl != NULL;
                p += len;
                continue;
            }
        }
        if (extra) {
            memcpy(lf->scratch + used, stamp, STAMP_LEN);
            used += STAMP_LEN;
        }
        memcpy(lf->scratch + used, p, len);
        used += len;
        p += len;
        lf->stamp_line_start = nl != NULL;
    }
    if (used > 0)
        write_rotating(lf, lf->scratch, used);
}

static void logfile_write(struct logfile *lf, const char *p, size_t n)
{
    EnterCriticalSection(&lf->lock);
    if (lf->config->log_timestamps) {
        if (lf->scratch == NULL)
            lf->scratch = malloc(SCRATCH_SIZE);
        if (lf->scratch != NULL) {
            write_stamped(lf, p, n);
            InterlockedExchangeAdd64(&lf->program_bytes, (LONG64)n);
            LeaveCriticalSection(&lf->lock);
            return;
        }
        hostlog_write(LOG_WARN, L"out of memory for timestamps; %llu bytes written without",
                      (unsigned long long)n);
    }
    write_rotating(lf, p, n);
    InterlockedExchangeAdd64(&lf->program_bytes, (LONG64)n);
    LeaveCriticalSection(&lf->lock);
}

/* With size rotation, a half line at the end of a read is carried into the next
 * read instead of being written, as long as more output is already waiting: then a
 * line that turns out long starts in a fresh file instead of pushing a file that
 * already holds other lines over rotate_max_bytes. When the pipe is idle the half
 * line is written at once (a prompt without newline is never held back). */
#define CARRY_MAX (1024 * 1024)

static DWORD WINAPI reader_main(void *arg)
{
    struct reader *r = arg;
    bool carry_lines = r->file->config->rotate_max_bytes > 0;
    char *buf = malloc(READ_SIZE + (carry_lines ? CARRY_MAX : 0));
    if (buf == NULL) {
        hostlog_write(LOG_ERROR, L"out of memory for the log reader of %ls", r->file->path);
        free(r);
        return 1;
    }
    size_t carry = 0;
    for (;;) {
        if (carry > 0) {
            DWORD waiting = 0;
            if (!PeekNamedPipe(r->pipe, NULL, 0, NULL, &waiting, NULL) || waiting == 0) {
                logfile_write(r->file, buf, carry);
                carry = 0;
            }
        }
        DWORD got = 0;
        if (!ReadFile(r->pipe, buf + carry, READ_SIZE, &got, NULL)) {
            DWORD err = GetLastError();
            if (err != ERROR_BROKEN_PIPE && err != ERROR_OPERATION_ABORTED)
                winerr_log(LOG_ERROR, L"ReadFile", r->file->path, err);
            break;
        }
        size_t total = carry + got;
        carry = 0;
        if (total == 0)
            continue;
        size_t whole = carry_lines ? last_line_end(buf, total) : total;
        size_t tail = total - whole;
        if (tail > 0 && tail < CARRY_MAX) {
            if (whole > 0)
                logfile_write(r->file, buf, whole);
            memmove(buf, buf + whole, tail);
            carry = tail;
        } else {
            logfile_write(r->file, buf, total);
        }
    }
    if (carry > 0)
        logfile_write(r->file, buf, carry);
    free(buf);
    free(r);
    return 0;
}

bool logio_open(struct logio *io, const struct config *config)
{
    memset(io, 0, sizeof *io);
    io->config = config;
    io->dir = wstr_from_utf8(config->log_dir);
    unsigned long dir_error = 0;
    wchar_t failed[HOSTLOG_MESSAGE_MAX + 1];
    if (io->dir == NULL || !fsutil_make_dirs(io->dir, &dir_error, failed, HOSTLOG_MESSAGE_MAX + 1)) {
        if (dir_error != 0)
            winerr_log(LOG_ERROR, L"CreateDirectoryW", failed, dir_error);
        hostlog_event(LOG_ERROR, L"cannot create log directory %ls", io->dir ? io->dir : L"?");
        return false;
    }
    io->direct = config->rotate_max_bytes == 0 && !config->rotate_daily && !config->log_timestamps;
    io->combined = strcmp(config->log_stdout, config->log_stderr) == 0;
    io->out = logfile_new(config, io->dir, config->log_stdout);
    io->err = io->combined ? io->out : logfile_new(config, io->dir, config->log_stderr);
    if (io->out == NULL || io->err == NULL || io->out->path == NULL || io->err->path == NULL) {
        hostlog_write(LOG_ERROR, L"out of memory opening logs");
        return false;
    }
    if (io->direct)
        return true;     /* opened per start, handed to the child */
    if (!logfile_reopen(io->out) || (!io->combined && !logfile_reopen(io->err))) {
        hostlog_event(LOG_ERROR, L"cannot open log files in %ls", io->dir);
        return false;
    }
    return true;
}

static bool start_reader(struct logio *io, struct logfile *lf, HANDLE *child_end)
{
    SECURITY_ATTRIBUTES sa = { sizeof sa, NULL, TRUE };
    HANDLE read_end, write_end;
    if (!CreatePipe(&read_end, &write_end, &sa, PIPE_SIZE)) {
        winerr_log(LOG_ERROR, L"CreatePipe", lf->path, GetLastError());
        return false;
    }
    if (!SetHandleInformation(read_end, HANDLE_FLAG_INHERIT, 0))
        winerr_log(LOG_WARN, L"SetHandleInformation", L"pipe read end", GetLastError());
    struct reader *r = malloc(sizeof *r);
    if (r == NULL) {
        CloseHandle(read_end);
        CloseHandle(write_end);
        return false;
    }
    r->pipe = read_end;
    r->file = lf;
    HANDLE thread = CreateThread(NULL, 0, reader_main, r, 0, NULL);
    if (thread == NULL) {
        winerr_log(LOG_ERROR, L"CreateThread", L"log reader", GetLastError());
        free(r);
        CloseHandle(read_end);
        CloseHandle(write_end);
        return false;
    }
    io->readers[io->reader_count] = thread;
    io->pipes[io->reader_count] = read_end;
    io->reader_count++;
    *child_end = write_end;
    return true;
}

/* Direct mode: our own handle on the file the child appends to, to measure its growth;
 * a handle rather than the path, so a file renamed or replaced by someone else is not
 * mistaken for the child's. */
static void watch_begin(struct logfile *lf, HANDLE child_handle)
{
    if (!DuplicateHandle(GetCurrentProcess(), child_handle, GetCurrentProcess(), &lf->watch, 0, FALSE,
                         DUPLICATE_SAME_ACCESS)) {
        winerr_log(LOG_WARN, L"DuplicateHandle", lf->path, GetLastError());
        hostlog_write(LOG_WARN, L"metrics: bytes the program writes to %ls during this run are not counted", lf->path);
        lf->watch = NULL;
        return;
    }
    LARGE_INTEGER size;
    if (!GetFileSizeEx(lf->watch, &size)) {
        winerr_log(LOG_WARN, L"GetFileSizeEx", lf->path, GetLastError());
        hostlog_write(LOG_WARN, L"metrics: bytes the program writes to %ls during this run are not counted", lf->path);
        CloseHandle(lf->watch);
        lf->watch = NULL;
        return;
    }
    size_meter_rebase(&lf->meter, (uint64_t)size.QuadPart);
}

static void watch_observe(struct logfile *lf)
{
    LARGE_INTEGER size;
    if (lf == NULL || lf->watch == NULL)
        return;
    if (GetFileSizeEx(lf->watch, &size))
        size_meter_observe(&lf->meter, (uint64_t)size.QuadPart);
    else if (lf->write_failures++ % 1000 == 0)
        winerr_log(LOG_WARN, L"GetFileSizeEx", lf->path, GetLastError());   /* the count catches up at the next look */
}

static void watch_end(struct logfile *lf)
{
    if (lf == NULL || lf->watch == NULL)
        return;
    watch_observe(lf);
    CloseHandle(lf->watch);
    lf->watch = NULL;
}

bool logio_child_begin(struct logio *io, HANDLE *std_out, HANDLE *std_err)
{
    *std_out = *std_err = NULL;
    if (io->direct) {
        if (InterlockedExchange(&io->rotate_at_next_start, 0)) {
            EnterCriticalSection(&io->out->lock);
            if (logfile_reopen(io->out)) {
                logfile_rotate(io->out);
                CloseHandle(io->out->handle);
                io->out->handle = INVALID_HANDLE_VALUE;
            }
            LeaveCriticalSection(&io->out->lock);
            if (!io->combined && logfile_reopen(io->err)) {
                logfile_rotate(io->err);
                CloseHandle(io->err->handle);
                io->err->handle = INVALID_HANDLE_VALUE;
            }
        }
        *std_out = open_append(io->out->path, true);
        if (*std_out == INVALID_HANDLE_VALUE)
            return false;
        if (io->combined) {
            *std_err = *std_out;
        } else {
            *std_err = open_append(io->err->path, true);
            if (*std_err == INVALID_HANDLE_VALUE) {
                CloseHandle(*std_out);
                return false;
            }
            watch_begin(io->err, *std_err);
        }
        watch_begin(io->out, *std_out);
        return true;
    }
    if (!start_reader(io, io->out, std_out))
        return false;
    if (io->combined) {
        *std_err = *std_out;
        return true;
    }
    if (!start_reader(io, io->err, std_err)) {
        CloseHandle(*std_out);
        logio_child_end(io);
        return false;
    }
    return true;
}

void logio_child_started(struct logio *io, HANDLE std_out, HANDLE std_err)
{
    (void)io;
    if (std_out != NULL && std_out != INVALID_HANDLE_VALUE)
        CloseHandle(std_out);
    if (std_err != NULL && std_err != INVALID_HANDLE_VALUE && std_err != std_out)
        CloseHandle(std_err);
}

void logio_child_end(struct logio *io)
{
    watch_end(io->out);
    if (!io->combined)
        watch_end(io->err);
    for (int i = 0; i < io->reader_count; i++) {
        DWORD w = WaitForSingleObject(io->readers[i], 10000);
        if (w != WAIT_OBJECT_0) {
            /* A writer outside the job still holds the pipe: stop reading it. */
            hostlog_write(LOG_WARN, L"log pipe still open 10 s after the program ended; closing it");
            if (!CancelSynchronousIo(io->readers[i]))
                winerr_log(LOG_WARN, L"CancelSynchronousIo", L"log reader", GetLastError());
            WaitForSingleObject(io->readers[i], 5000);
        }
        CloseHandle(io->readers[i]);
        CloseHandle(io->pipes[i]);
        io->readers[i] = io->pipes[i] = NULL;
    }
    io->reader_count = 0;
}

static uint64_t program_bytes(struct logio *io, struct logfile *lf)
{
    if (io->direct) {
        watch_observe(lf);
        return lf->meter.counted;
    }
    return (uint64_t)InterlockedCompareExchange64(&lf->program_bytes, 0, 0);
}

void logio_counts(struct logio *io, struct logio_counts *counts)
{
    memset(counts, 0, sizeof *counts);
    if (io->out == NULL)
        return;
    counts->combined = io->combined;
    counts->stdout_bytes = program_bytes(io, io->out);
    counts->rotations = (uint64_t)InterlockedCompareExchange(&io->out->rotations, 0, 0);
    if (io->combined)
        return;
    counts->stderr_bytes = program_bytes(io, io->err);
    counts->rotations += (uint64_t)InterlockedCompareExchange(&io->err->rotations, 0, 0);
}

static void request_one(struct logfile *lf)
{
    EnterCriticalSection(&lf->lock);
    if (lf->at_line_start)
        logfile_rotate(lf);
    else
        lf->rotate_requested = 1;
    LeaveCriticalSection(&lf->lock);
}

void logio_request_rotate(struct logio *io)
{
    if (io->out == NULL)
        return;
    if (io->direct) {
        io->rotate_at_next_start = 1;
        hostlog_write(LOG_INFO, L"rotation requested: the program writes to its log files directly "
                                L"(no rotate_* or log_timestamps set), so they rotate at its next start");
        return;
    }
    hostlog_write(LOG_INFO, L"rotation requested");
    request_one(io->out);
    if (!io->combined)
        request_one(io->err);
}

void logio_close(struct logio *io)
{
    logio_child_end(io);
    if (io->err != io->out)
        logfile_free(io->err);
    logfile_free(io->out);
    free(io->dir);
    memset(io, 0, sizeof *io);
}

void logio_rotate_offline(struct logio *io)
{
    struct logfile *files[2] = { io->out, io->combined ? NULL : io->err };
    for (int i = 0; i < 2; i++) {
        struct logfile *lf = files[i];
        if (lf == NULL)
            continue;
        EnterCriticalSection(&lf->lock);
        bool was_open = lf->handle != INVALID_HANDLE_VALUE;
        if (was_open || logfile_reopen(lf)) {
            logfile_rotate(lf);
            if (!was_open && lf->handle != INVALID_HANDLE_VALUE) {
                CloseHandle(lf->handle);
                lf->handle = INVALID_HANDLE_VALUE;
            }
        }
        LeaveCriticalSection(&lf->lock);
    }
}
