/* Port checks: bind test for freeness, GetExtendedTcpTable for the owner PID. */
#include <winsock2.h>
#include <ws2tcpip.h>
#include <windows.h>
#include <iphlpapi.h>
#include <stdlib.h>
#include "ports.h"
#include "winerr.h"

static bool bind_ok(int family, uint32_t port)
{
    SOCKET s = socket(family, SOCK_STREAM, IPPROTO_TCP);
    if (s == INVALID_SOCKET) {
        int err = WSAGetLastError();
        if (family == AF_INET6 && err == WSAEAFNOSUPPORT)
            return true;      /* no IPv6 stack: nothing can listen there */
        winerr_log(LOG_WARN, L"socket", family == AF_INET ? L"AF_INET" : L"AF_INET6", (DWORD)err);
        return true;          /* cannot test: do not block the start on our own failure */
    }
    BOOL yes = TRUE;
    setsockopt(s, SOL_SOCKET, SO_EXCLUSIVEADDRUSE, (const char *)&yes, sizeof yes);
    int rc;
    if (family == AF_INET) {
        struct sockaddr_in a = { 0 };
        a.sin_family = AF_INET;
        a.sin_port = htons((u_short)port);
        a.sin_addr.s_addr = htonl(INADDR_ANY);
        rc = bind(s, (struct sockaddr *)&a, sizeof a);
    } else {
        struct sockaddr_in6 a = { 0 };
        a.sin6_family = AF_INET6;
        a.sin6_port = htons((u_short)port);
        a.sin6_addr = in6addr_any;
        rc = bind(s, (struct sockaddr *)&a, sizeof a);
    }
    int err = rc == 0 ? 0 : WSAGetLastError();
    closesocket(s);
    if (rc == 0)
        return true;
    if (err == WSAEADDRINUSE || err == WSAEACCES)
        return false;
    if (family == AF_INET6 && err == WSAEADDRNOTAVAIL)
        return true;
    winerr_log(LOG_WARN, L"bind", family == AF_INET ? L"AF_INET" : L"AF_INET6", (DWORD)err);
    return true;
}

bool ports_is_free(uint32_t port)
{
    return bind_ok(AF_INET, port) && bind_ok(AF_INET6, port);
}

static uint32_t owner_in_table(ULONG family, uint32_t port)
{
    DWORD size = 0;
    DWORD rc = GetExtendedTcpTable(NULL, &size, FALSE, family, TCP_TABLE_OWNER_PID_LISTENER, 0);
    if (rc != ERROR_INSUFFICIENT_BUFFER && rc != NO_ERROR) {
        winerr_log(LOG_WARN, L"GetExtendedTcpTable", family == AF_INET ? L"AF_INET" : L"AF_INET6", rc);
        return 0;
    }
    for (int attempt = 0; attempt < 3; attempt++) {
        size += 4096;
        void *table = malloc(size);
        if (table == NULL)
            return 0;
        rc = GetExtendedTcpTable(table, &size, FALSE, family, TCP_TABLE_OWNER_PID_LISTENER, 0);
        if (rc == ERROR_INSUFFICIENT_BUFFER) {
            free(table);
            continue;
        }
        uint32_t pid = 0;
        if (rc != NO_ERROR) {
            winerr_log(LOG_WARN, L"GetExtendedTcpTable", family == AF_INET ? L"AF_INET" : L"AF_INET6", rc);
        } else if (family == AF_INET) {
            MIB_TCPTABLE_OWNER_PID *t = table;
            for (DWORD i = 0; i < t->dwNumEntries && pid == 0; i++)
                if (ntohs((u_short)t->table[i].dwLocalPort) == port)
                    pid = t->table[i].dwOwningPid;
        } else {
            MIB_TCP6TABLE_OWNER_PID *t = table;
            for (DWORD i = 0; i < t->dwNumEntries && pid == 0; i++)
                if (ntohs((u_short)t->table[i].dwLocalPort) == port)
                    pid = t->table[i].dwOwningPid;
        }
        free(table);
        return pid;
    }
    return 0;
}

uint32_t ports_owner_pid(uint32_t port)
{
    uint32_t pid = owner_in_table(AF_INET, port);
    return pid != 0 ? pid : owner_in_table(AF_INET6, port);
}

uint32_t ports_pick(uint32_t low, uint32_t high)
{
    for (uint32_t p = low; p != 0 && p <= high && p <= 65535; p++)
        if (ports_is_free(p))
            return p;
    return 0;
}
