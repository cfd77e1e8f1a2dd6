/* Health checks over winsock with timeouts, and the thread that runs them. */
#include <winsock2.h>
#include <ws2tcpip.h>
#include <windows.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "health.h"
#include "hostlog.h"
#include "syserr.h"
#include "winerr.h"
#include "wstr.h"

struct target {
    char host[256];
    char port[8];
    char path[1024];
};

static bool parse_target(const char *text, bool http, struct target *t)
{
    const char *p = text;
    if (http) {
        if (_strnicmp(p, "http://", 7) != 0)
            return false;
        p += 7;
    }
    const char *host_start = p, *host_end;
    if (*p == '[') {
        host_start = ++p;
        while (*p && *p != ']')
            p++;
        if (*p != ']')
            return false;
        host_end = p++;
    } else {
        while (*p && *p != ':' && *p != '/')
            p++;
        host_end = p;
    }
    size_t hl = (size_t)(host_end - host_start);
    if (hl == 0 || hl >= sizeof t->host)
        return false;
    memcpy(t->host, host_start, hl);
    t->host[hl] = '\0';
    strcpy(t->port, "80");
    if (*p == ':') {
        const char *ps = ++p;
        while (*p >= '0' && *p <= '9')
            p++;
        size_t pl = (size_t)(p - ps);
        if (pl == 0 || pl >= sizeof t->port)
            return false;
        memcpy(t->port, ps, pl);
        t->port[pl] = '\0';
    } else if (!http) {
        return false;
    }
    if (http) {
        if (*p == '\0')
            p = "/";
        if (*p != '/' || strlen(p) >= sizeof t->path)
            return false;
        strcpy(t->path, p);
    }
    return true;
}

static void say(wchar_t *reason, size_t size, const wchar_t *format, ...)
{
    va_list args;
    va_start(args, format);
    _vsnwprintf(reason, size - 1, format, args);
    reason[size - 1] = L'\0';
    va_end(args);
}

static void say_wsa(wchar_t *reason, size_t size, const char *what, const struct target *t, int err)
{
    wchar_t text[256];
    syserr_text((DWORD)err, text, 256);
    wchar_t *host = wstr_from_utf8(t->host);
    say(reason, size, L"%hs %ls:%hs: error %d: %ls", what, host ? host : L"?", t->port, err, text);
    free(host);
}

/* Waits until s is readable/writable or the deadline passes. 1 ready, 0 timeout, -1 error. */
static int wait_socket(SOCKET s, bool for_write, ULONGLONG deadline)
{
    ULONGLONG now = GetTickCount64();
    if (now >= deadline)
        return 0;
    ULONGLONG left = deadline - now;
    fd_set set, errs;
    FD_ZERO(&set);
    FD_ZERO(&errs);
    FD_SET(s, &set);
    FD_SET(s, &errs);
    struct timeval tv = { (long)(left / 1000), (long)((left % 1000) * 1000) };
    int rc = select(0, for_write ? NULL : &set, for_write ? &set : NULL, &errs, &tv);
    if (rc == SOCKET_ERROR)
        return -1;
    if (rc == 0)
        return 0;
    return FD_ISSET(s, &errs) ? -1 : 1;
}

bool health_probe(const struct config *config, wchar_t *reason, size_t reason_size)
{
    bool http = config->health_http != NULL;
    struct target t;
    if (!parse_target(http ? config->health_http : config->health_tcp, http, &t)) {
        say(reason, reason_size, L"cannot parse health target");
        return false;
    }
    ULONGLONG deadline = GetTickCount64() + config->health_timeout_ms;
    struct addrinfo hints = { 0 }, *res = NULL;
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    hints.ai_protocol = IPPROTO_TCP;
    int rc = getaddrinfo(t.host, t.port, &hints, &res);
    if (rc != 0) {
        say_wsa(reason, reason_size, "resolve", &t, rc);
        return false;
    }
    SOCKET s = socket(res->ai_family, res->ai_socktype, res->ai_protocol);
    if (s == INVALID_SOCKET) {
        say_wsa(reason, reason_size, "socket", &t, WSAGetLastError());
        freeaddrinfo(res);
        return false;
    }
    u_long nonblocking = 1;
    ioctlsocket(s, FIONBIO, &nonblocking);
    bool ok = false;
    rc = connect(s, res->ai_addr, (int)res->ai_addrlen);
    freeaddrinfo(res);
    if (rc == SOCKET_ERROR && WSAGetLastError() != WSAEWOULDBLOCK) {
        say_wsa(reason, reason_size, "connect", &t, WSAGetLastError());
        goto out;
    }
    int w = rc == 0 ? 1 : wait_socket(s, true, deadline);
    if (w == 0) {
        say(reason, reason_size, L"connect %hs:%hs: timeout after %llu ms", t.host, t.port,
            (unsigned long long)config->health_timeout_ms);
        goto out;
    }
    if (w < 0) {
        int err = 0, len = sizeof err;
        getsockopt(s, SOL_SOCKET, SO_ERROR, (char *)&err, &len);
        say_wsa(reason, reason_size, "connect", &t, err ? err : WSAECONNREFUSED);
        goto out;
    }
    if (!http) {
        ok = true;
        goto out;
    }
    char request[1400];
    int n = snprintf(request, sizeof request,
                     "GET %s HTTP/1.0\r\nHost: %s:%s\r\nUser-Agent: svcforge-host\r\nConnection: close\r\n\r\n",
                     t.path, t.host, t.port);
    if (n < 0 || n >= (int)sizeof request) {
        say(reason, reason_size, L"health path too long");
        goto out;
    }
    int sent = 0;
    while (sent < n) {
        int r = send(s, request + sent, n - sent, 0);
        if (r == SOCKET_ERROR) {
            if (WSAGetLastError() == WSAEWOULDBLOCK && wait_socket(s, true, deadline) == 1)
                continue;
            say_wsa(reason, reason_size, "send", &t, WSAGetLastError());
            goto out;
        }
        sent += r;
    }
    char reply[64];
    int got = 0;
    while (got < (int)sizeof reply - 1) {
        int r = recv(s, reply + got, (int)sizeof reply - 1 - got, 0);
        if (r == 0)
            break;
        if (r == SOCKET_ERROR) {
            if (WSAGetLastError() == WSAEWOULDBLOCK) {
                int ready = wait_socket(s, false, deadline);
                if (ready == 1)
                    continue;
                if (ready == 0) {
                    say(reason, reason_size, L"GET %hs: timeout after %llu ms", config->health_http,
                        (unsigned long long)config->health_timeout_ms);
                    goto out;
                }
            }
            say_wsa(reason, reason_size, "recv", &t, WSAGetLastError());
            goto out;
        }
        got += r;
        reply[got] = '\0';
        if (strchr(reply, '\n') != NULL)
            break;
    }
    reply[got] = '\0';
    int status = 0;
    if (strncmp(reply, "HTTP/", 5) != 0 || sscanf(reply, "HTTP/%*d.%*d %d", &status) != 1) {
        say(reason, reason_size, L"GET %hs: not an HTTP response", config->health_http);
        goto out;
    }
    if (status >= 200 && status < 400)
        ok = true;
    else
        say(reason, reason_size, L"GET %hs: HTTP %d", config->health_http, status);
out:
    closesocket(s);
    if (ok)
        reason[0] = L'\0';
    return ok;
}

static DWORD WINAPI monitor_main(void *arg)
{
    struct health_monitor *m = arg;
    const struct config *c = m->config;
    for (;;) {
        DWORD w = WaitForSingleObject(m->quit_event, (DWORD)c->health_interval_ms);
        if (w != WAIT_TIMEOUT)
            return 0;
        wchar_t reason[256];
        LARGE_INTEGER frequency, before, after;
        QueryPerformanceFrequency(&frequency);
        QueryPerformanceCounter(&before);
        bool ok = health_probe(c, reason, 256);
        QueryPerformanceCounter(&after);
        uint64_t duration_us = (uint64_t)(after.QuadPart - before.QuadPart) * 1000000u / (uint64_t)frequency.QuadPart;
        bool in_start_period = GetTickCount64() - m->started_ms < c->health_start_period_ms;
        bool fire = false;
        EnterCriticalSection(&m->lock);
        bool was_failing = m->has_result && !m->last_ok;
        m->has_result = true;
        m->last_ok = ok;
        probe_stats_observe(&m->probes, duration_us, ok);
        wcscpy(m->last_reason, ok ? L"" : reason);
        if (ok)
            m->consecutive_failures = 0;
        else if (!in_start_period)
            m->consecutive_failures++;
        uint32_t count = m->consecutive_failures;
        if (!ok && !in_start_period && count >= c->health_failures)
            fire = true;
        LeaveCriticalSection(&m->lock);
        if (ok && was_failing)
            hostlog_write(LOG_INFO, L"health check ok again");
        if (!ok && in_start_period)
            hostlog_write(LOG_WARN, L"health check failed during start period (not counted): %ls", reason);
        else if (!ok)
            hostlog_write(LOG_WARN, L"health check failed (%u/%u): %ls", count, c->health_failures, reason);
        if (fire) {
            if (!SetEvent(m->unhealthy_event))
                winerr_log(LOG_ERROR, L"SetEvent", L"unhealthy", GetLastError());
            return 0;
        }
    }
}

bool health_monitor_start(struct health_monitor *m, const struct config *config, uint64_t started_ms)
{
    memset(m, 0, sizeof *m);
    if (config->health_http == NULL && config->health_tcp == NULL)
        return true;
    m->config = config;
    m->started_ms = started_ms;
    InitializeCriticalSection(&m->lock);
    m->quit_event = CreateEventW(NULL, TRUE, FALSE, NULL);
    m->unhealthy_event = CreateEventW(NULL, TRUE, FALSE, NULL);
    if (m->quit_event == NULL || m->unhealthy_event == NULL) {
        winerr_log(LOG_ERROR, L"CreateEventW", L"health", GetLastError());
        health_monitor_stop(m);
        return false;
    }
    m->thread = CreateThread(NULL, 0, monitor_main, m, 0, NULL);
    if (m->thread == NULL) {
        winerr_log(LOG_ERROR, L"CreateThread", L"health", GetLastError());
        health_monitor_stop(m);
        return false;
    }
    return true;
}

bool health_monitor_last(struct health_monitor *m, bool *ok, wchar_t *reason, size_t size)
{
    if (m->config == NULL)
        return false;
    EnterCriticalSection(&m->lock);
    bool has = m->has_result;
    *ok = m->last_ok;
    wcsncpy(reason, m->last_reason, size - 1);
    reason[size - 1] = L'\0';
    LeaveCriticalSection(&m->lock);
    return has;
}

void health_monitor_probes(struct health_monitor *m, struct probe_stats *out)
{
    memset(out, 0, sizeof *out);
    if (m->config == NULL)
        return;
    EnterCriticalSection(&m->lock);
    *out = m->probes;
    LeaveCriticalSection(&m->lock);
}

void health_monitor_stop(struct health_monitor *m)
{
    if (m->config == NULL)
        return;
    if (m->thread != NULL) {
        SetEvent(m->quit_event);
        /* A probe ends by its own timeout; allow it that plus slack. */
        if (WaitForSingleObject(m->thread, (DWORD)m->config->health_timeout_ms + 5000) != WAIT_OBJECT_0) {
            /* Only name resolution has no deadline of ours. The thread uses *m, so
             * it must end before m goes away: wait, and say why the stop is slow. */
            hostlog_write(LOG_WARN, L"health check still running (name resolution?); waiting for it to end");
            WaitForSingleObject(m->thread, INFINITE);
        }
        CloseHandle(m->thread);
    }
    if (m->quit_event != NULL)
        CloseHandle(m->quit_event);
    if (m->unhealthy_event != NULL)
        CloseHandle(m->unhealthy_event);
    DeleteCriticalSection(&m->lock);
    m->config = NULL;
    m->thread = m->quit_event = m->unhealthy_event = NULL;
}
