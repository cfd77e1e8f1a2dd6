/*
 * svcctl.exe: the svcforge test shim's window onto Wine's Service Control Manager.
 * Test code only (test/shim/, never shipped). Built on demand by the shim:
 *   x86_64-w64-mingw32-gcc -municode -static -o test/.build/svcctl.exe svcctl.c -liphlpapi -lws2_32
 *
 * Wine 8's sc.exe has no config/qc/qfailure, and QueryServiceConfig2W fails with 124, so
 * the shim's wine mode uses this helper for what sc.exe lacks. Every command prints ONE
 * JSON value on stdout (UTF-8) so the shim never parses text:
 *
 *   svcctl query NAME          {"exists":true,"name":..,"state":"Running","processId":..,
 *                               "startType":2,"binaryPath":..,"account":..,"dependencies":[..],
 *                               "registry":{ImagePath, ObjectName, Start, Description,
 *                               DependOnService, FailureActions(hex), DelayedAutostart, ...}}
 *                              or {"exists":false}
 *   svcctl list                [names of all services]
 *   svcctl create NAME key=value...   bin= display= start=auto|demand|disabled depend=a/b obj= password=
 *   svcctl config NAME key=value...   same keys; only those given change (ChangeServiceConfigW)
 *   svcctl description NAME TEXT      ChangeServiceConfig2W(SERVICE_CONFIG_DESCRIPTION)
 *   svcctl start NAME TIMEOUT_MS      StartServiceW, then polls until RUNNING (or STOPPED) or the deadline
 *   svcctl stop NAME TIMEOUT_MS       ControlService(STOP), then polls until STOPPED or the deadline
 *                                     (TIMEOUT_MS 0: return at once, as sc.exe start/stop do)
 *   svcctl delete NAME
 *   svcctl ps                  [{"pid":..,"ppid":..,"name":"x.exe"}]   (Windows pids, Toolhelp32)
 *   svcctl reg SUBKEY          {"exists":true,"values":[{"name":..,"type":"REG_EXPAND_SZ","value":..}]}
 *                              or {"exists":false}: the values of HKLM\SUBKEY (NSSM's Parameters key)
 *   svcctl tcp                 [{"address":..,"port":..,"pid":..}]     listeners (GetExtendedTcpTable), owner =
 *                              the Windows process holding the listening socket handle, 0 when no Wine
 *                              process of this prefix does (see listening_owners)
 *
 * Errors: {"error":CODE,"where":"API"} and exit status 1 (Wine passes exit codes to Linux
 * truncated to 8 bits, so the code travels in the JSON, not in the exit status).
 */
#define WIN32_LEAN_AND_MEAN
#include <winsock2.h>
#include <ws2tcpip.h>
#include <windows.h>
#include <iphlpapi.h>
#include <tlhelp32.h>
#include <fcntl.h>
#include <io.h>
#include <stdio.h>
#include <stdlib.h>
#include <wchar.h>

static void out(const char *s) { fputs(s, stdout); }

static void out_wstr(const wchar_t *w) {
    out("\"");
    if (w) {
        for (const wchar_t *p = w; *p; p++) {
            wchar_t c = *p;
            if (c == L'"') out("\\\"");
            else if (c == L'\\') out("\\\\");
            else if (c < 0x20) printf("\\u%04x", (unsigned)c);
            else {
                char buf[8];
                int n = WideCharToMultiByte(CP_UTF8, 0, p, (c >= 0xD800 && c <= 0xDBFF && p[1]) ? 2 : 1, buf, sizeof buf, NULL, NULL);
                if (c >= 0xD800 && c <= 0xDBFF && p[1]) p++;
                fwrite(buf, 1, n, stdout);
            }
        }
    }
    out("\"");
}

static int fail(const char *where, DWORD code) {
    printf("{\"error\":%lu,\"where\":\"%s\"}\n", (unsigned long)code, where);
    return 1;
}

static const char *state_name(DWORD s) {
    switch (s) {
    case SERVICE_STOPPED: return "Stopped";
    case SERVICE_START_PENDING: return "Start Pending";
    case SERVICE_STOP_PENDING: return "Stop Pending";
    case SERVICE_RUNNING: return "Running";
    case SERVICE_CONTINUE_PENDING: return "Continue Pending";
    case SERVICE_PAUSE_PENDING: return "Pause Pending";
    case SERVICE_PAUSED: return "Paused";
    default: return "Unknown";
    }
}

/* One registry value as JSON: REG_DWORD a number, REG_SZ/REG_EXPAND_SZ a string (as
 * stored, not expanded), REG_MULTI_SZ an array of strings, anything else {"binary":"hex"}.
 * DATA has 4 zero bytes after DLEN, so strings are terminated even when stored without. */
static void out_value(DWORD type, const BYTE *data, DWORD dlen) {
    if (type == REG_DWORD) printf("%lu", (unsigned long)*(const DWORD *)data);
    else if (type == REG_SZ || type == REG_EXPAND_SZ) out_wstr((const wchar_t *)data);
    else if (type == REG_MULTI_SZ) {
        out("[");
        int f = 1;
        for (const wchar_t *s = (const wchar_t *)data; *s; s += wcslen(s) + 1) {
            if (!f) out(",");
            f = 0;
            out_wstr(s);
        }
        out("]");
    } else {
        out("{\"binary\":\"");
        for (DWORD b = 0; b < dlen; b++) printf("%02x", data[b]);
        out("\"}");
    }
}

static const char *type_name(DWORD type) {
    switch (type) {
    case REG_SZ: return "REG_SZ";
    case REG_EXPAND_SZ: return "REG_EXPAND_SZ";
    case REG_MULTI_SZ: return "REG_MULTI_SZ";
    case REG_DWORD: return "REG_DWORD";
    case REG_QWORD: return "REG_QWORD";
    case REG_BINARY: return "REG_BINARY";
    default: return "REG_NONE";
    }
}

/* svcctl reg SUBKEY: every value of HKLM\SUBKEY with its type, or {"exists":false}. The
 * value names keep "" for the key's default value; NSSM keeps AppExit's default there. */
static int cmd_reg(const wchar_t *subkey) {
    HKEY key;
    LONG r = RegOpenKeyExW(HKEY_LOCAL_MACHINE, subkey, 0, KEY_READ, &key);
    if (r == ERROR_FILE_NOT_FOUND) {
        out("{\"exists\":false}\n");
        return 0;
    }
    if (r != ERROR_SUCCESS) return fail("RegOpenKeyExW", (DWORD)r);
    out("{\"exists\":true,\"values\":[");
    int first = 1;
    for (DWORD i = 0;; i++) {
        wchar_t vname[256];
        DWORD vlen = 256, type = 0, dlen = 0;
        r = RegEnumValueW(key, i, vname, &vlen, NULL, &type, NULL, &dlen);
        if (r == ERROR_NO_MORE_ITEMS) break;
        if (r != ERROR_SUCCESS) continue;
        BYTE *data = calloc(dlen + 4, 1);
        vlen = 256;
        if (RegEnumValueW(key, i, vname, &vlen, NULL, &type, data, &dlen) != ERROR_SUCCESS) { free(data); continue; }
        if (!first) out(",");
        first = 0;
        out("{\"name\":");
        out_wstr(vname);
        printf(",\"type\":\"%s\",\"value\":", type_name(type));
        out_value(type, data, dlen);
        out("}");
        free(data);
    }
    RegCloseKey(key);
    out("]}\n");
    return 0;
}

/* Registry values of HKLM\SYSTEM\CurrentControlSet\Services\NAME, as JSON members. */
static void out_registry(const wchar_t *name) {
    wchar_t path[512];
    swprintf(path, 512, L"SYSTEM\\CurrentControlSet\\Services\\%ls", name);
    HKEY key;
    out("{");
    if (RegOpenKeyExW(HKEY_LOCAL_MACHINE, path, 0, KEY_READ, &key) != ERROR_SUCCESS) {
        out("}");
        return;
    }
    int first = 1;
    for (DWORD i = 0;; i++) {
        wchar_t vname[256];
        DWORD vlen = 256, type = 0, dlen = 0;
        LONG r = RegEnumValueW(key, i, vname, &vlen, NULL, &type, NULL, &dlen);
        if (r == ERROR_NO_MORE_ITEMS) break;
        if (r != ERROR_SUCCESS) continue;
        BYTE *data = calloc(dlen + 4, 1);
        vlen = 256;
        if (RegEnumValueW(key, i, vname, &vlen, NULL, &type, data, &dlen) != ERROR_SUCCESS) { free(data); continue; }
        if (!first) out(",");
        first = 0;
        out_wstr(vname);
        out(":");
        out_value(type, data, dlen);
        free(data);
    }
    RegCloseKey(key);
    out("}");
}

static SC_HANDLE open_scm(DWORD access) { return OpenSCManagerW(NULL, NULL, access); }

static int print_service(SC_HANDLE svc, const wchar_t *name) {
    DWORD need = 0;
    QueryServiceConfigW(svc, NULL, 0, &need);
    QUERY_SERVICE_CONFIGW *cfg = malloc(need ? need : 1);
    if (!QueryServiceConfigW(svc, cfg, need, &need)) return fail("QueryServiceConfigW", GetLastError());
    SERVICE_STATUS_PROCESS st;
    DWORD got;
    if (!QueryServiceStatusEx(svc, SC_STATUS_PROCESS_INFO, (BYTE *)&st, sizeof st, &got)) return fail("QueryServiceStatusEx", GetLastError());
    out("{\"exists\":true,\"name\":");
    out_wstr(name);
    out(",\"displayName\":");
    out_wstr(cfg->lpDisplayName);
    out(",\"binaryPath\":");
    out_wstr(cfg->lpBinaryPathName);
    printf(",\"startType\":%lu,\"account\":", (unsigned long)cfg->dwStartType);
    out_wstr(cfg->lpServiceStartName);
    out(",\"dependencies\":[");
    int f = 1;
    if (cfg->lpDependencies)
        for (wchar_t *s = cfg->lpDependencies; *s; s += wcslen(s) + 1) {
            if (!f) out(",");
            f = 0;
            out_wstr(s);
        }
    printf("],\"state\":\"%s\",\"stateCode\":%lu,\"processId\":%lu,\"win32ExitCode\":%lu,\"serviceExitCode\":%lu,\"registry\":",
           state_name(st.dwCurrentState), (unsigned long)st.dwCurrentState, (unsigned long)st.dwProcessId,
           (unsigned long)st.dwWin32ExitCode, (unsigned long)st.dwServiceSpecificExitCode);
    out_registry(name);
    out("}\n");
    free(cfg);
    return 0;
}

static DWORD start_type(const wchar_t *v) {
    if (!_wcsicmp(v, L"auto")) return SERVICE_AUTO_START;
    if (!_wcsicmp(v, L"demand")) return SERVICE_DEMAND_START;
    if (!_wcsicmp(v, L"disabled")) return SERVICE_DISABLED;
    return (DWORD)_wtoi(v);
}

/* 'a/b' -> "a\0b\0\0"; '/' or '' -> "\0\0" (no dependencies). */
static wchar_t *multi_sz(const wchar_t *v) {
    size_t n = wcslen(v);
    wchar_t *m = calloc(n + 2, sizeof(wchar_t));
    size_t o = 0;
    for (size_t i = 0; i < n; i++) {
        if (v[i] == L'/') {
            if (o > 0 && m[o - 1] != 0) m[o++] = 0;
        } else m[o++] = v[i];
    }
    if (o > 0 && m[o - 1] != 0) m[o++] = 0;
    m[o] = 0;
    return m;
}

struct opts { const wchar_t *bin, *display, *start, *depend, *obj, *password; };

static int parse_opts(int argc, wchar_t **argv, int from, struct opts *o) {
    for (int i = from; i < argc; i++) {
        wchar_t *eq = wcschr(argv[i], L'=');
        if (!eq) return fail("option without =", ERROR_INVALID_PARAMETER);
        *eq = 0;
        const wchar_t *k = argv[i], *v = eq + 1;
        if (!_wcsicmp(k, L"bin")) o->bin = v;
        else if (!_wcsicmp(k, L"display")) o->display = v;
        else if (!_wcsicmp(k, L"start")) o->start = v;
        else if (!_wcsicmp(k, L"depend")) o->depend = v;
        else if (!_wcsicmp(k, L"obj")) o->obj = v;
        else if (!_wcsicmp(k, L"password")) o->password = v;
        else return fail("unknown option", ERROR_INVALID_PARAMETER);
    }
    return 0;
}

static int wait_state(SC_HANDLE svc, const wchar_t *name, DWORD want, DWORD timeout_ms) {
    if (!timeout_ms) return print_service(svc, name); /* TIMEOUT_MS 0: send and return, like sc.exe */
    ULONGLONG deadline = GetTickCount64() + timeout_ms;
    for (;;) {
        SERVICE_STATUS_PROCESS st;
        DWORD got;
        if (!QueryServiceStatusEx(svc, SC_STATUS_PROCESS_INFO, (BYTE *)&st, sizeof st, &got)) return fail("QueryServiceStatusEx", GetLastError());
        if (st.dwCurrentState == want || (want == SERVICE_RUNNING && st.dwCurrentState == SERVICE_STOPPED)) return print_service(svc, name);
        if (GetTickCount64() >= deadline) {
            printf("{\"error\":%lu,\"where\":\"timeout waiting for %s\",\"state\":\"%s\"}\n", (unsigned long)ERROR_SERVICE_REQUEST_TIMEOUT,
                   state_name(want), state_name(st.dwCurrentState));
            return 1;
        }
        Sleep(100);
    }
}

static int cmd_ps(void) {
    HANDLE snap = CreateToolhelp32Snapshot(TH32CS_SNAPPROCESS, 0);
    if (snap == INVALID_HANDLE_VALUE) return fail("CreateToolhelp32Snapshot", GetLastError());
    PROCESSENTRY32W pe = {.dwSize = sizeof pe};
    out("[");
    int f = 1;
    for (BOOL ok = Process32FirstW(snap, &pe); ok; ok = Process32NextW(snap, &pe)) {
        if (!f) out(",");
        f = 0;
        printf("{\"pid\":%lu,\"ppid\":%lu,\"name\":", (unsigned long)pe.th32ProcessID, (unsigned long)pe.th32ParentProcessID);
        out_wstr(pe.szExeFile);
        out("}");
    }
    out("]\n");
    CloseHandle(snap);
    return 0;
}

/* Listening sockets of other Wine processes, found through their handles: under Wine the
 * unix socket of a listener is held by wineserver, so neither /proc/<pid>/fd nor Wine's own
 * GetExtendedTcpTable (pid 0) names the Windows process. Each handle in the system handle
 * table (NtQuerySystemInformation class 16, which Wine implements) is duplicated into this
 * process; the ones getsockname() accepts give (local port -> Windows pid). Wine's
 * getsockopt(SO_ACCEPTCONN) fails (WSAENOTSOCK) on such a duplicate, so a socket is not
 * checked for listening itself: only ports in the listener table are looked up, and a
 * connection accepted on that port belongs to the same process as the listener. */
typedef struct {
    ULONG ProcessId;
    BYTE ObjectTypeNumber;
    BYTE Flags;
    USHORT Handle;
    PVOID Object;
    ACCESS_MASK GrantedAccess;
} SHIM_HANDLE_ENTRY;
typedef struct {
    ULONG Count;
    SHIM_HANDLE_ENTRY Handles[1];
} SHIM_HANDLE_INFO;
typedef LONG(NTAPI *query_system_information_fn)(ULONG, PVOID, ULONG, PULONG);

struct owner { unsigned port; DWORD pid; };

static int listening_owners(struct owner *owners, int max) {
    query_system_information_fn query = (query_system_information_fn)(void (*)(void))GetProcAddress(GetModuleHandleW(L"ntdll.dll"), "NtQuerySystemInformation");
    if (!query) return 0;
    ULONG size = 1 << 16, got = 0;
    SHIM_HANDLE_INFO *info = NULL;
    for (;;) {
        info = realloc(info, size);
        LONG status = query(16, info, size, &got);
        if (status == 0) break;
        if ((ULONG)status != 0xC0000004 /* STATUS_INFO_LENGTH_MISMATCH */ || size > (1u << 28)) { free(info); return 0; }
        size *= 2;
    }
    int n = 0;
    DWORD self = GetCurrentProcessId(), last_pid = 0;
    HANDLE process = NULL;
    for (ULONG i = 0; i < info->Count && n < max; i++) {
        SHIM_HANDLE_ENTRY *e = &info->Handles[i];
        if (e->ProcessId == self) continue;
        if (e->ProcessId != last_pid) {
            if (process) CloseHandle(process);
            process = OpenProcess(PROCESS_DUP_HANDLE, FALSE, e->ProcessId);
            last_pid = e->ProcessId;
        }
        if (!process) continue;
        HANDLE dup;
        if (!DuplicateHandle(process, (HANDLE)(ULONG_PTR)e->Handle, GetCurrentProcess(), &dup, 0, FALSE, DUPLICATE_SAME_ACCESS)) continue;
        struct sockaddr_storage ss;
        int len = sizeof ss;
        if (getsockname((SOCKET)dup, (struct sockaddr *)&ss, &len) == 0) {
            unsigned port = ss.ss_family == AF_INET6 ? ntohs(((struct sockaddr_in6 *)&ss)->sin6_port) : ntohs(((struct sockaddr_in *)&ss)->sin_port);
            owners[n].port = port;
            owners[n].pid = e->ProcessId;
            n++;
        }
        CloseHandle(dup);
    }
    if (process) CloseHandle(process);
    free(info);
    return n;
}

static DWORD owner_of(struct owner *owners, int n, unsigned port, DWORD pid) {
    if (pid) return pid;
    for (int i = 0; i < n; i++)
        if (owners[i].port == port) return owners[i].pid;
    return 0;
}

static int cmd_tcp(void) {
    static struct owner owners[1024];
    int owned = listening_owners(owners, 1024);
    out("[");
    int f = 1;
    ULONG families[2] = {AF_INET, AF_INET6};
    for (int k = 0; k < 2; k++) {
        DWORD size = 0;
        GetExtendedTcpTable(NULL, &size, FALSE, families[k], TCP_TABLE_OWNER_PID_LISTENER, 0);
        if (!size) continue;
        void *table = malloc(size);
        if (GetExtendedTcpTable(table, &size, FALSE, families[k], TCP_TABLE_OWNER_PID_LISTENER, 0) != NO_ERROR) { free(table); continue; }
        if (families[k] == AF_INET) {
            MIB_TCPTABLE_OWNER_PID *t = table;
            for (DWORD i = 0; i < t->dwNumEntries; i++) {
                struct in_addr a = {.s_addr = t->table[i].dwLocalAddr};
                if (!f) out(",");
                f = 0;
                unsigned port = ntohs((u_short)t->table[i].dwLocalPort);
                printf("{\"address\":\"%s\",\"port\":%u,\"pid\":%lu}", inet_ntoa(a), port,
                       (unsigned long)owner_of(owners, owned, port, t->table[i].dwOwningPid));
            }
        } else {
            MIB_TCP6TABLE_OWNER_PID *t = table;
            for (DWORD i = 0; i < t->dwNumEntries; i++) {
                char buf[64];
                struct sockaddr_in6 sa = {.sin6_family = AF_INET6};
                memcpy(&sa.sin6_addr, t->table[i].ucLocalAddr, 16);
                DWORD len = sizeof buf;
                if (WSAAddressToStringA((struct sockaddr *)&sa, sizeof sa, NULL, buf, &len)) strcpy(buf, "::");
                if (!f) out(",");
                f = 0;
                unsigned port = ntohs((u_short)t->table[i].dwLocalPort);
                printf("{\"address\":\"%s\",\"port\":%u,\"pid\":%lu}", buf, port, (unsigned long)owner_of(owners, owned, port, t->table[i].dwOwningPid));
            }
        }
        free(table);
    }
    out("]\n");
    return 0;
}

static int cmd_list(void) {
    SC_HANDLE scm = open_scm(SC_MANAGER_ENUMERATE_SERVICE);
    if (!scm) return fail("OpenSCManagerW", GetLastError());
    DWORD need = 0, count = 0, resume = 0;
    EnumServicesStatusExW(scm, SC_ENUM_PROCESS_INFO, SERVICE_WIN32, SERVICE_STATE_ALL, NULL, 0, &need, &count, &resume, NULL);
    BYTE *buf = malloc(need + 1);
    resume = 0;
    if (!EnumServicesStatusExW(scm, SC_ENUM_PROCESS_INFO, SERVICE_WIN32, SERVICE_STATE_ALL, buf, need, &need, &count, &resume, NULL))
        return fail("EnumServicesStatusExW", GetLastError());
    ENUM_SERVICE_STATUS_PROCESSW *e = (ENUM_SERVICE_STATUS_PROCESSW *)buf;
    out("[");
    for (DWORD i = 0; i < count; i++) {
        if (i) out(",");
        out_wstr(e[i].lpServiceName);
    }
    out("]\n");
    return 0;
}

int wmain(int argc, wchar_t **argv) {
    _setmode(_fileno(stdout), _O_BINARY);
    WSADATA wsa;
    WSAStartup(MAKEWORD(2, 2), &wsa);
    if (argc < 2) return fail("usage: svcctl query|list|create|config|description|start|stop|control|delete|ps|tcp|reg ...", ERROR_INVALID_PARAMETER);
    const wchar_t *cmd = argv[1];
    if (!wcscmp(cmd, L"ps")) return cmd_ps();
    if (!wcscmp(cmd, L"tcp")) return cmd_tcp();
    if (!wcscmp(cmd, L"list")) return cmd_list();
    if (argc < 3) return fail("missing service name", ERROR_INVALID_PARAMETER);
    if (!wcscmp(cmd, L"reg")) return cmd_reg(argv[2]);
    const wchar_t *name = argv[2];
    SC_HANDLE scm = open_scm(SC_MANAGER_ALL_ACCESS);
    if (!scm) return fail("OpenSCManagerW", GetLastError());

    if (!wcscmp(cmd, L"create")) {
        struct opts o = {0};
        if (parse_opts(argc, argv, 3, &o)) return 1;
        if (!o.bin) return fail("create needs bin=", ERROR_INVALID_PARAMETER);
        wchar_t *deps = o.depend ? multi_sz(o.depend) : NULL;
        SC_HANDLE svc = CreateServiceW(scm, name, o.display ? o.display : name, SERVICE_ALL_ACCESS, SERVICE_WIN32_OWN_PROCESS,
                                       o.start ? start_type(o.start) : SERVICE_DEMAND_START, SERVICE_ERROR_NORMAL, o.bin, NULL, NULL, deps,
                                       o.obj, o.password);
        if (!svc) return fail("CreateServiceW", GetLastError());
        return print_service(svc, name);
    }

    SC_HANDLE svc = OpenServiceW(scm, name, SERVICE_ALL_ACCESS);
    if (!svc) {
        DWORD e = GetLastError();
        if (e == ERROR_SERVICE_DOES_NOT_EXIST && !wcscmp(cmd, L"query")) {
            out("{\"exists\":false}\n");
            return 0;
        }
        return fail("OpenServiceW", e);
    }
    if (!wcscmp(cmd, L"query")) return print_service(svc, name);
    if (!wcscmp(cmd, L"config")) {
        struct opts o = {0};
        if (parse_opts(argc, argv, 3, &o)) return 1;
        wchar_t *deps = o.depend ? multi_sz(o.depend) : NULL;
        if (!ChangeServiceConfigW(svc, SERVICE_NO_CHANGE, o.start ? start_type(o.start) : SERVICE_NO_CHANGE, SERVICE_NO_CHANGE, o.bin, NULL, NULL,
                                  deps, o.obj, o.password, o.display))
            return fail("ChangeServiceConfigW", GetLastError());
        return print_service(svc, name);
    }
    if (!wcscmp(cmd, L"description")) {
        SERVICE_DESCRIPTIONW d = {.lpDescription = (wchar_t *)(argc > 3 ? argv[3] : L"")};
        if (!ChangeServiceConfig2W(svc, SERVICE_CONFIG_DESCRIPTION, &d)) return fail("ChangeServiceConfig2W(DESCRIPTION)", GetLastError());
        return print_service(svc, name);
    }
    if (!wcscmp(cmd, L"start")) {
        DWORD timeout = argc > 3 ? (DWORD)_wtoi(argv[3]) : 60000;
        if (!StartServiceW(svc, 0, NULL)) {
            DWORD e = GetLastError();
            if (e != ERROR_SERVICE_ALREADY_RUNNING) return fail("StartServiceW", e);
        }
        return wait_state(svc, name, SERVICE_RUNNING, timeout);
    }
    if (!wcscmp(cmd, L"stop")) {
        DWORD timeout = argc > 3 ? (DWORD)_wtoi(argv[3]) : 60000;
        SERVICE_STATUS st;
        if (!ControlService(svc, SERVICE_CONTROL_STOP, &st)) {
            DWORD e = GetLastError();
            if (e != ERROR_SERVICE_NOT_ACTIVE) return fail("ControlService(STOP)", e);
        }
        return wait_state(svc, name, SERVICE_STOPPED, timeout);
    }
    if (!wcscmp(cmd, L"control")) {
        /* a user-defined control (128-255), as sc.exe control NAME CODE sends it */
        DWORD code = argc > 3 ? (DWORD)_wtoi(argv[3]) : 0;
        SERVICE_STATUS st;
        if (code < 128 || code > 255) return fail("control code", ERROR_INVALID_PARAMETER);
        if (!ControlService(svc, code, &st)) return fail("ControlService", GetLastError());
        return print_service(svc, name);
    }
    if (!wcscmp(cmd, L"delete")) {
        if (!DeleteService(svc)) return fail("DeleteService", GetLastError());
        out("{\"deleted\":true}\n");
        return 0;
    }
    return fail("unknown command", ERROR_INVALID_PARAMETER);
}
