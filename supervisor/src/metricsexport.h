/* Publishes the metrics text: a textfile replaced atomically and a GET /metrics server on its
 * own thread. The supervisor loop only formats and swaps the text under a lock; a slow or stuck
 * scraper waits on its own socket timeouts, never on the loop. */
#ifndef SVCFORGE_METRICSEXPORT_H
#define SVCFORGE_METRICSEXPORT_H

#include <windows.h>
#include <stdint.h>
#include <stdbool.h>
#include "config.h"
#include "metrics.h"

struct metrics_exporter {
    const struct config *config;
    CRITICAL_SECTION lock;     /* guards text and client */
    char *text;                /* the last published exposition text */
    wchar_t *textfile;         /* NULL = no textfile */
    uintptr_t listener;        /* a SOCKET; INVALID_SOCKET = no endpoint (winsock2.h stays out of headers) */
    uintptr_t client;          /* the connection being served; stop shuts it down */
    HANDLE thread;
    HANDLE quit_event;
    bool started;
    DWORD last_textfile_error; /* log a failure once, not every rewrite */
};

/* Never fails the service: a port already taken is logged once and the endpoint stays off. */
void metrics_exporter_start(struct metrics_exporter *e, const struct config *config);
/* Formats the snapshot, makes it what /metrics serves, and rewrites the textfile. */
void metrics_exporter_publish(struct metrics_exporter *e, const struct metrics_snapshot *snapshot, const char *release);
void metrics_exporter_stop(struct metrics_exporter *e);

#endif
