/* svcforge-host.exe: entry point and subcommands.
 *
 *   svcforge-host.exe service <config>   run under the SCM (the service's binary path)
 *   svcforge-host.exe console <config>   same supervision in the foreground; Ctrl+C stops
 *   svcforge-host.exe check <config>     validate; exit 0, or 2 with file:line: key: problem
 *   svcforge-host.exe protect            stdin secret -> DPAPI machine-scope base64 line
 *   svcforge-host.exe protect --verify   stdin blob line + secret -> exit 0 same, 1 not
 *   svcforge-host.exe rotate <config>    rotate the logs of the running service / console host
 *   svcforge-host.exe --version
 */
#include <winsock2.h>
#include <windows.h>
#include <stdlib.h>
#include "confload.h"
#include "releaseload.h"
#include "eventlog.h"
#include "exitcodes.h"
#include "hostlog.h"
#include "logio.h"
#include "process.h"
#include "secrets.h"
#include "service.h"
#include "supervise.h"
#include "winerr.h"
#include "wstr.h"

#ifndef SVCFORGE_VERSION
#define SVCFORGE_VERSION "0.0.0-dev"
#endif
#define WIDEN2(x) L##x
#define WIDEN(x) WIDEN2(x)

static struct supervisor console_supervisor;
static volatile LONG console_ready;

static void usage(void)
{
    hostlog_stderr(L"usage: svcforge-host.exe service <config> | console <config> | check <config> | "
                   L"protect [--verify] | rotate <config> | --version");
}

static void open_fallback_log(const wchar_t *config_path)
{
    wchar_t *dir = wstr_path_dir(config_path);
    if (dir != NULL)
        hostlog_open_dir(dir);
    free(dir);
}

static wchar_t *rotate_event_name(const char *service_name)
{
    wchar_t *name = wstr_from_utf8(service_name);
    wchar_t *full = name ? wstr_format(L"Local\\svcforge-rotate-%ls", name) : NULL;
    free(name);
    return full;
}

static BOOL WINAPI console_handler(DWORD type)
{
    if (type == CTRL_C_EVENT && process_ctrl_c_in_flight())
        return TRUE;     /* the Ctrl+C we raised for the child, delivered late to us */
    if (!console_ready)
        return FALSE;
    if (type == CTRL_SHUTDOWN_EVENT || type == CTRL_LOGOFF_EVENT || type == CTRL_CLOSE_EVENT)
        InterlockedExchange(&console_supervisor.shutting_down, 1);
    hostlog_write(LOG_INFO, L"console control event %lu: stopping", (unsigned long)type);
    if (!SetEvent(console_supervisor.stop_event))
        winerr_log(LOG_ERROR, L"SetEvent", L"console stop", GetLastError());
    if (type == CTRL_CLOSE_EVENT || type == CTRL_LOGOFF_EVENT || type == CTRL_SHUTDOWN_EVENT)
        Sleep(INFINITE);   /* returning lets Windows kill us before the child is stopped */
    return TRUE;
}

static int run_console(const wchar_t *path)
{
    process_set_console_mode(true);
    struct config *config = confload(path);
    if (config == NULL)
        return HOST_EXIT_USAGE;
    wchar_t *log_dir = wstr_from_utf8(config->log_dir);
    if (log_dir != NULL)
        hostlog_open_dir(log_dir);
    free(log_dir);
    if (config->log_event_log) {
        wchar_t *name = wstr_from_utf8(config->name);
        if (name != NULL)
            eventlog_open(name);
        free(name);
    }
    wchar_t *event_name = rotate_event_name(config->name);
    DWORD exit_code = 0;
    if (supervise_init(&console_supervisor, config, event_name, &exit_code)) {
        if (!SetConsoleCtrlHandler(console_handler, TRUE))
            winerr_log(LOG_WARN, L"SetConsoleCtrlHandler", L"console mode", GetLastError());
        InterlockedExchange(&console_ready, 1);
        exit_code = supervise_run(&console_supervisor);
        InterlockedExchange(&console_ready, 0);
    }
    supervise_free(&console_supervisor);
    free(event_name);
    eventlog_close();
    confload_free(config);
    return (int)exit_code;
}

static int run_check(const wchar_t *path)
{
    struct config *config = confload(path);
    if (config == NULL)
        return HOST_EXIT_USAGE;
    if (config->release_root != NULL) {
        struct resolved_release release;
        wchar_t *problem = NULL;
        if (!releaseload_resolve(config, &release, &problem)) {
            hostlog_stderr(L"%ls", problem ? problem : L"out of memory resolving the release");
            free(problem);
            confload_free(config);
            return HOST_EXIT_USAGE;
        }
        hostlog_stderr(L"%ls: ok (release %hs: %ls)", path, release.version, release.program_w);
        releaseload_free(&release);
        confload_free(config);
        return HOST_EXIT_OK;
    }
    hostlog_stderr(L"%ls: ok", path);
    confload_free(config);
    return HOST_EXIT_OK;
}

/* 1 = delivered, 0 = no such running service, -1 = failed (logged). */
static int rotate_via_scm(const wchar_t *name)
{
    SC_HANDLE scm = OpenSCManagerW(NULL, NULL, SC_MANAGER_CONNECT);
    if (scm == NULL) {
        winerr_log(LOG_WARN, L"OpenSCManagerW", NULL, GetLastError());
        return 0;
    }
    int result = 0;
    SC_HANDLE svc = OpenServiceW(scm, name, SERVICE_USER_DEFINED_CONTROL | SERVICE_QUERY_STATUS);
    if (svc == NULL) {
        DWORD err = GetLastError();
        if (err != ERROR_SERVICE_DOES_NOT_EXIST)
            winerr_log(LOG_WARN, L"OpenServiceW", name, err);
    } else {
        SERVICE_STATUS st;
        if (ControlService(svc, SERVICE_CONTROL_ROTATE_LOGS, &st)) {
            result = 1;
        } else {
            DWORD err = GetLastError();
            if (err != ERROR_SERVICE_NOT_ACTIVE) {
                winerr_log(LOG_ERROR, L"ControlService", name, err);
                result = -1;
            }
        }
        CloseServiceHandle(svc);
    }
    CloseServiceHandle(scm);
    return result;
}

static int run_rotate(const wchar_t *path)
{
    struct config *config = confload(path);
    if (config == NULL)
        return HOST_EXIT_USAGE;
    int rc = HOST_EXIT_OK;
    wchar_t *name = wstr_from_utf8(config->name);
    int via = name ? rotate_via_scm(name) : -1;
    if (via == 1) {
        hostlog_stderr(L"rotate: asked service %ls to rotate its logs", name);
    } else if (via < 0) {
        rc = HOST_EXIT_FAILURE;
    } else {
        wchar_t *event_name = rotate_event_name(config->name);
        HANDLE ev = event_name ? OpenEventW(EVENT_MODIFY_STATE, FALSE, event_name) : NULL;
        if (ev != NULL) {
            if (SetEvent(ev)) {
                hostlog_stderr(L"rotate: asked the console-mode host of %ls to rotate its logs", name);
            } else {
                winerr_log(LOG_ERROR, L"SetEvent", event_name, GetLastError());
                rc = HOST_EXIT_FAILURE;
            }
            CloseHandle(ev);
        } else {
            struct logio io;
            if (logio_open(&io, config)) {
                logio_rotate_offline(&io);
                hostlog_stderr(L"rotate: %ls is not running; rotated its log files in place", name);
            } else {
                rc = HOST_EXIT_FAILURE;
            }
            logio_close(&io);
        }
        free(event_name);
    }
    free(name);
    confload_free(config);
    return rc;
}

int wmain(int argc, wchar_t **argv)
{
    const wchar_t *cmd = argc > 1 ? argv[1] : L"";
    bool service_mode = wcscmp(cmd, L"service") == 0;
    hostlog_init(!service_mode);
    if (wcscmp(cmd, L"--version") == 0 || wcscmp(cmd, L"version") == 0) {
        DWORD written;
        const char text[] = "svcforge-host " SVCFORGE_VERSION "\r\n";
        WriteFile(GetStdHandle(STD_OUTPUT_HANDLE), text, sizeof text - 1, &written, NULL);
        return HOST_EXIT_OK;
    }
    if (wcscmp(cmd, L"protect") == 0 && argc == 2)
        return secrets_protect_main();
    if (wcscmp(cmd, L"protect") == 0 && argc == 3 && wcscmp(argv[2], L"--verify") == 0)
        return secrets_verify_main();
    if (argc != 3) {
        usage();
        return HOST_EXIT_USAGE;
    }
    WSADATA wsa;
    int wsa_rc = WSAStartup(MAKEWORD(2, 2), &wsa);
    if (wsa_rc != 0)
        winerr_log(LOG_WARN, L"WSAStartup", NULL, (DWORD)wsa_rc);
    int rc;
    if (service_mode) {
        open_fallback_log(argv[2]);
        rc = service_run(argv[2]);
    } else if (wcscmp(cmd, L"console") == 0) {
        rc = run_console(argv[2]);
    } else if (wcscmp(cmd, L"check") == 0) {
        hostlog_set_plain_echo(true);
        rc = run_check(argv[2]);
    } else if (wcscmp(cmd, L"rotate") == 0) {
        rc = run_rotate(argv[2]);
    } else {
        usage();
        rc = HOST_EXIT_USAGE;
    }
    hostlog_close();
    if (wsa_rc == 0)
        WSACleanup();
    return rc;
}
