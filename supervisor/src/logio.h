/* The child's stdout/stderr -> files in log_dir.
 *
 * Direct mode (no rotation, no timestamps): the child gets an inheritable append
 * handle to the file itself, as NSSM does: no copy, no thread.
 * Pipe mode: one pipe per stream (one for both when log_stderr == log_stdout), one
 * reader thread each: big ReadFile, whole-chunk WriteFile, timestamps inserted at line
 * starts, rotation only at a line boundary (the file is split after the last newline
 * that fits under rotate_max_bytes). Every byte is written once, in order. */
#ifndef SVCFORGE_LOGIO_H
#define SVCFORGE_LOGIO_H

#include <windows.h>
#include <stdbool.h>
#include <stdint.h>
#include "config.h"

struct logfile;

struct logio {
    const struct config *config;
    wchar_t *dir;
    bool direct;
    bool combined;
    struct logfile *out;
    struct logfile *err;       /* == out when combined */
    HANDLE readers[2];         /* per child run */
    HANDLE pipes[2];           /* read ends, owned by the readers' run */
    int reader_count;
    volatile LONG rotate_at_next_start;   /* direct mode: rotation deferred */
};

/* Opens (pipe mode) or checks (direct mode) the log files; creates log_dir. */
bool logio_open(struct logio *io, const struct config *config);

/* Handles to give the child as stdout/stderr (inheritable). In pipe mode starts the
 * reader threads. Call logio_child_started() right after CreateProcess (either way). */
bool logio_child_begin(struct logio *io, HANDLE *std_out, HANDLE *std_err);
/* Closes the parent's copies of the child's handles. */
void logio_child_started(struct logio *io, HANDLE std_out, HANDLE std_err);
/* After the child and its job are gone: waits until the readers drained the pipes. */
void logio_child_end(struct logio *io);

/* What the program wrote so far, over all its runs, and the files rotated. */
struct logio_counts {
    bool combined;             /* one file for both streams: stdout_bytes holds both */
    uint64_t stdout_bytes;     /* the program's bytes; timestamps the host adds are not counted */
    uint64_t stderr_bytes;
    uint64_t rotations;
};
/* Supervision thread only (direct mode reads the files' sizes); the reader threads
 * count concurrently and this sees each whole write or none of it. */
void logio_counts(struct logio *io, struct logio_counts *counts);

/* Rotate now (at the next line boundary if a line is half written). Any thread. */
void logio_request_rotate(struct logio *io);
/* Rotation when no host is running (`rotate` subcommand): renames the non-empty
 * current files to their rotated names and prunes to `keep`. */
void logio_rotate_offline(struct logio *io);
void logio_close(struct logio *io);

#endif
