/* svcforge-host.exe: entry point and subcommands.
 *
 *   svcforge-host.exe service <config>   run under the SCM (the service's binary path)
 *   svcforge-host.exe console <config>   same supervision in the foreground; Ctrl+C stops
 *   svcforge-host.exe check <config>     validate; exit 0, or 2 with file:line: key: problem
 *   svcforge-host.exe protect            stdin secret -> DPAPI machine-scope base64 line
 *   svcforge-host.exe protect --verify   stdin blob line + secret -> exit 0 same, 1 not
 *   svcforge-host.exe rotate <config>    rotate the logs of the running service / console host
 *   svcforge-host.exe restart <config>   restart the program of the running service / console host
 *   svcforge-host.exe --version
 */
#include <winsock2.h>
#include <windows.h>
#include <stdlib.h>
#include "confload.h"
#include "releaseload.h"
#include "hostcontrol.h"
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
                   L"protect [--verify] | rotate <config> | restart <config> | --version");
}

static void open_fallback_log(const wchar_t *config_path)
{
    wchar_t *dir = wstr_path_dir(config_path);
    if (dir != NULL)
        hostlog_open_dir(dir);
    free(dir);
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
            hostlog_open_event_log(name);
        free(name);
    }
    DWORD exit_code = 0;
    if (supervise_init(&console_supervisor, config, true, &exit_code)) {
        if (!SetConsoleCtrlHandler(console_handler, TRUE))
            winerr_log(LOG_WARN, L"SetConsoleCtrlHandler", L"console mode", GetLastError());
        InterlockedExchange(&console_ready, 1);
        exit_code = supervise_run(&console_supervisor);
        InterlockedExchange(&console_ready, 0);
    }
    supervise_free(&console_supervisor);
    hostlog_close_event_log();
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

/* A request to the running service, else to a console-mode host of the same config.
 * 1 = delivered, 0 = nothing of that name runs, -1 = failed (logged). */
static int send_request(const struct config *config, const wchar_t *name, enum host_request request)
{
    int via = host_request_via_scm(name, request);
    if (via != 0)
        return via;
    return host_request_via_event(config->name, request);
}

static int run_rotate(const wchar_t *path)
{
    struct config *config = confload(path);
    if (config == NULL)
        return HOST_EXIT_USAGE;
    int rc = HOST_EXIT_OK;
    wchar_t *name = wstr_from_utf8(config->name);
    int sent = name ? send_request(config, name, HOST_REQUEST_ROTATE) : -1;
    if (sent == 1) {
        hostlog_stderr(L"rotate: asked %ls to rotate its logs", name);
    } else if (sent < 0) {
        rc = HOST_EXIT_FAILURE;
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
    free(name);
    confload_free(config);
    return rc;
}

/* The program restarts (graceful stop, then an immediate start that reads the release
 * pointer again); the host keeps running, so the service never leaves RUNNING. */
static int run_restart(const wchar_t *path)
{
    struct config *config = confload(path);
    if (config == NULL)
        return HOST_EXIT_USAGE;
    int rc = HOST_EXIT_OK;
    wchar_t *name = wstr_from_utf8(config->name);
    int sent = name ? send_request(config, name, HOST_REQUEST_RESTART) : -1;
    if (sent == 1) {
        hostlog_stderr(L"restart: asked %ls to restart its program", name);
    } else if (sent == 0) {
        hostlog_stderr(L"restart: %ls is not running; start it instead (sc.exe start %ls)", name, name);
        rc = HOST_EXIT_FAILURE;
    } else {
        rc = HOST_EXIT_FAILURE;
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
    } else if (wcscmp(cmd, L"restart") == 0) {
        rc = run_restart(argv[2]);
    } else {
        usage();
        rc = HOST_EXIT_USAGE;
    }
    hostlog_close();
    if (wsa_rc == 0)
        WSACleanup();
    return rc;
}
