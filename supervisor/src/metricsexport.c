#include <winsock2.h>
#include "metricsexport.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "hostlog.h"
#include "strbuf.h"
#include "winerr.h"
#include "wstr.h"

enum { CLIENT_TIMEOUT_MS = 2000, REQUEST_MAX = 4096, REPLACE_TRIES = 20, REPLACE_RETRY_MS = 25 };

static void close_listener(struct metrics_exporter *e)
{
    if (e->listener != INVALID_SOCKET)
        closesocket((SOCKET)e->listener);
    e->listener = INVALID_SOCKET;
}

static bool open_listener(struct metrics_exporter *e)
{
    const struct config *c = e->config;
    WSADATA wsa;
    if (WSAStartup(MAKEWORD(2, 2), &wsa) != 0) {
        hostlog_write(LOG_WARN, L"metrics: WSAStartup failed; /metrics is off, supervision continues");
        return false;
    }
    e->listener = (uintptr_t)socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    if (e->listener == INVALID_SOCKET) {
        hostlog_write(LOG_WARN, L"metrics: socket failed (error %d); /metrics is off, supervision continues",
                      WSAGetLastError());
        return false;
    }
    BOOL exclusive = TRUE;
    setsockopt((SOCKET)e->listener, SOL_SOCKET, SO_EXCLUSIVEADDRUSE, (const char *)&exclusive, sizeof exclusive);
    struct sockaddr_in address;
    memset(&address, 0, sizeof address);
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(c->metrics_listen_ipv4);
    address.sin_port = htons((u_short)c->metrics_listen_port);
    if (bind((SOCKET)e->listener, (struct sockaddr *)&address, sizeof address) != 0 || listen((SOCKET)e->listener, 8) != 0) {
        int error = WSAGetLastError();
        hostlog_event(LOG_WARN, L"metrics: cannot listen on %hs (error %d%ls); /metrics is off, supervision continues. "
                                L"Free the port or change metrics.listen in svcforge.yaml",
                      c->metrics_listen, error, error == WSAEADDRINUSE ? L", address already in use" : L"");
        close_listener(e);
        return false;
    }
    return true;
}

static bool send_all(SOCKET client, const char *data, size_t length)
{
    while (length > 0) {
        int chunk = length > 65536 ? 65536 : (int)length;
        int sent = send(client, data, chunk, 0);
        if (sent <= 0)
            return false;
        data += sent;
        length -= (size_t)sent;
    }
    return true;
}

static void respond(SOCKET client, const char *status, const char *content_type, const char *body)
{
    char head[256];
    int n = snprintf(head, sizeof head,
                     "HTTP/1.1 %s\r\nContent-Type: %s\r\nContent-Length: %u\r\nConnection: close\r\n\r\n", status,
                     content_type, (unsigned)strlen(body));
    if (n > 0 && send_all(client, head, (size_t)n))
        send_all(client, body, strlen(body));
}

/* One request per connection; both directions time out so a stuck client costs at most that. */
static void serve(struct metrics_exporter *e, SOCKET client)
{
    DWORD timeout = CLIENT_TIMEOUT_MS;
    setsockopt(client, SOL_SOCKET, SO_RCVTIMEO, (const char *)&timeout, sizeof timeout);
    setsockopt(client, SOL_SOCKET, SO_SNDTIMEO, (const char *)&timeout, sizeof timeout);
    char request[REQUEST_MAX + 1];
    size_t length = 0;
    while (length < REQUEST_MAX) {
        int got = recv(client, request + length, (int)(REQUEST_MAX - length), 0);
        if (got <= 0)
            return;
        length += (size_t)got;
        request[length] = '\0';
        if (strstr(request, "\r\n\r\n") || strstr(request, "\n\n"))
            break;
    }
    request[length] = '\0';
    bool is_get = strncmp(request, "GET ", 4) == 0, is_head = strncmp(request, "HEAD ", 5) == 0;
    const char *target = request + (is_head ? 5 : 4);
    bool metrics_path = strncmp(target, "/metrics ", 9) == 0 || strncmp(target, "/metrics?", 9) == 0;
    if (!is_get && !is_head) {
        respond(client, "405 Method Not Allowed", "text/plain; charset=utf-8", "only GET /metrics\n");
        return;
    }
    if (!metrics_path) {
        respond(client, "404 Not Found", "text/plain; charset=utf-8", "metrics are at /metrics\n");
        return;
    }
    EnterCriticalSection(&e->lock);
    char *copy = string_copy(e->text ? e->text : "");
    LeaveCriticalSection(&e->lock);
    if (copy == NULL) {
        respond(client, "503 Service Unavailable", "text/plain; charset=utf-8", "out of memory\n");
        return;
    }
    respond(client, "200 OK", "text/plain; version=0.0.4; charset=utf-8", is_head ? "" : copy);
    free(copy);
}

static DWORD WINAPI server_main(void *arg)
{
    struct metrics_exporter *e = arg;
    for (;;) {
        if (WaitForSingleObject(e->quit_event, 0) == WAIT_OBJECT_0)
            return 0;
        fd_set readable;
        FD_ZERO(&readable);
        FD_SET((SOCKET)e->listener, &readable);
        struct timeval wait = { 0, 250000 };
        int ready = select(0, &readable, NULL, NULL, &wait);
        if (ready <= 0)
            continue;
        SOCKET client = accept((SOCKET)e->listener, NULL, NULL);
        if (client == INVALID_SOCKET)
            continue;
        EnterCriticalSection(&e->lock);
        e->client = (uintptr_t)client;
        LeaveCriticalSection(&e->lock);
        serve(e, client);
        EnterCriticalSection(&e->lock);
        e->client = (uintptr_t)INVALID_SOCKET;
        LeaveCriticalSection(&e->lock);
        shutdown(client, SD_SEND);
        closesocket(client);
    }
}

void metrics_exporter_start(struct metrics_exporter *e, const struct config *config)
{
    memset(e, 0, sizeof *e);
    e->config = config;
    e->listener = INVALID_SOCKET;
    e->client = (uintptr_t)INVALID_SOCKET;
    InitializeCriticalSection(&e->lock);
    e->started = true;
    if (config->metrics_textfile)
        e->textfile = wstr_from_utf8(config->metrics_textfile);
    if (config->metrics_listen == NULL || !open_listener(e))
        return;
    e->quit_event = CreateEventW(NULL, TRUE, FALSE, NULL);
    e->thread = e->quit_event ? CreateThread(NULL, 0, server_main, e, 0, NULL) : NULL;
    if (e->thread == NULL) {
        winerr_log(LOG_WARN, L"CreateThread", L"metrics server", GetLastError());
        close_listener(e);
        return;
    }
    hostlog_write(LOG_INFO, L"metrics: serving http://%hs/metrics", config->metrics_listen);
}

static void textfile_failed(struct metrics_exporter *e, const wchar_t *call, const wchar_t *path, DWORD error)
{
    if (error != e->last_textfile_error)
        winerr_log(LOG_WARN, call, path, error);
    e->last_textfile_error = error;
}

/* Temp file then MoveFileEx: a reader sees the old or the new file, never a partial one.
 * windows_exporter may hold the old file open for a moment: retry the replace briefly. */
static void write_textfile(struct metrics_exporter *e, const char *text)
{
    wchar_t *tmp = wstr_format(L"%ls.tmp", e->textfile);
    if (tmp == NULL)
        return;
    HANDLE h = CreateFileW(tmp, GENERIC_WRITE, 0, NULL, CREATE_ALWAYS, FILE_ATTRIBUTE_NORMAL, NULL);
    if (h == INVALID_HANDLE_VALUE) {
        textfile_failed(e, L"CreateFileW", tmp, GetLastError());
        free(tmp);
        return;
    }
    DWORD length = (DWORD)strlen(text), written = 0;
    BOOL ok = WriteFile(h, text, length, &written, NULL);
    DWORD error = GetLastError();
    CloseHandle(h);
    if (!ok || written != length) {
        textfile_failed(e, L"WriteFile", tmp, ok ? ERROR_WRITE_FAULT : error);
        DeleteFileW(tmp);
        free(tmp);
        return;
    }
    for (int attempt = 1;; attempt++) {
        if (MoveFileExW(tmp, e->textfile, MOVEFILE_REPLACE_EXISTING | MOVEFILE_WRITE_THROUGH)) {
            e->last_textfile_error = 0;
            break;
        }
        error = GetLastError();
        if ((error != ERROR_SHARING_VIOLATION && error != ERROR_ACCESS_DENIED) || attempt == REPLACE_TRIES) {
            textfile_failed(e, L"MoveFileExW", e->textfile, error);
            DeleteFileW(tmp);
            break;
        }
        Sleep(REPLACE_RETRY_MS);
    }
    free(tmp);
}

void metrics_exporter_publish(struct metrics_exporter *e, const struct metrics_snapshot *snapshot, const char *release)
{
    if (!e->started || (e->textfile == NULL && e->thread == NULL))
        return;
    char *text = metrics_format(snapshot, release);
    if (text == NULL)
        return;
    if (e->textfile)
        write_textfile(e, text);
    EnterCriticalSection(&e->lock);
    char *old = e->text;
    e->text = text;
    LeaveCriticalSection(&e->lock);
    free(old);
}

void metrics_exporter_stop(struct metrics_exporter *e)
{
    if (!e->started)
        return;
    if (e->thread != NULL) {
        SetEvent(e->quit_event);
        /* The server checks quit every 250 ms; a stuck client is cut off so a stop never waits on it. */
        EnterCriticalSection(&e->lock);
        if (e->client != (uintptr_t)INVALID_SOCKET)
            shutdown((SOCKET)e->client, SD_BOTH);
        LeaveCriticalSection(&e->lock);
        if (WaitForSingleObject(e->thread, 2 * CLIENT_TIMEOUT_MS + 1000) != WAIT_OBJECT_0) {
            hostlog_write(LOG_WARN, L"metrics: server thread did not end; leaving it to process exit");
            return;   /* it may still read e->text: free nothing */
        }
        CloseHandle(e->thread);
    }
    if (e->quit_event != NULL)
        CloseHandle(e->quit_event);
    close_listener(e);
    if (e->config->metrics_listen)
        WSACleanup();
    DeleteCriticalSection(&e->lock);
    free(e->text);
    free(e->textfile);
    memset(e, 0, sizeof *e);
}
