/* SCM glue: status reporting with checkpoints and wait hints, control handler. */
#include <windows.h>
#include <stdlib.h>
#include <wchar.h>
#include "service.h"
#include "hostcontrol.h"
#include "confload.h"
#include "exitcodes.h"
#include "hostlog.h"
#include "process.h"
#include "supervise.h"
#include "winerr.h"
#include "wstr.h"

static const wchar_t *config_path;
static SERVICE_STATUS_HANDLE status_handle;
static SERVICE_STATUS status;
static CRITICAL_SECTION status_lock;
static struct supervisor supervisor;
static volatile LONG supervisor_ready;
static int host_exit_code;

static void set_status(DWORD state, DWORD exit_code, DWORD wait_hint)
{
    EnterCriticalSection(&status_lock);
    status.dwServiceType = SERVICE_WIN32_OWN_PROCESS;
    status.dwCurrentState = state;
    status.dwControlsAccepted = state == SERVICE_RUNNING
        ? SERVICE_ACCEPT_STOP | SERVICE_ACCEPT_SHUTDOWN | SERVICE_ACCEPT_PRESHUTDOWN : 0;
    if (state == SERVICE_STOPPED && exit_code != 0) {
        status.dwWin32ExitCode = ERROR_SERVICE_SPECIFIC_ERROR;
        status.dwServiceSpecificExitCode = exit_code;
    } else {
        status.dwWin32ExitCode = NO_ERROR;
        status.dwServiceSpecificExitCode = 0;
    }
    status.dwCheckPoint = (state == SERVICE_START_PENDING || state == SERVICE_STOP_PENDING) ? 1 : 0;
    status.dwWaitHint = wait_hint;
    if (!SetServiceStatus(status_handle, &status))
        winerr_log(LOG_ERROR, L"SetServiceStatus", NULL, GetLastError());
    LeaveCriticalSection(&status_lock);
}

static void bump_checkpoint(void *context)
{
    (void)context;
    EnterCriticalSection(&status_lock);
    if (status.dwCurrentState == SERVICE_START_PENDING || status.dwCurrentState == SERVICE_STOP_PENDING) {
        status.dwCheckPoint++;
        if (!SetServiceStatus(status_handle, &status))
            winerr_log(LOG_ERROR, L"SetServiceStatus", L"checkpoint", GetLastError());
    }
    LeaveCriticalSection(&status_lock);
}

static void report_running(void *context)
{
    (void)context;
    EnterCriticalSection(&status_lock);
    bool stopping = status.dwCurrentState == SERVICE_STOP_PENDING;
    LeaveCriticalSection(&status_lock);
    if (!stopping)
        set_status(SERVICE_RUNNING, 0, 0);
}

/* How long the program may take to stop on PRESHUTDOWN: the service's preshutdown
 * timeout (default 10 s since Windows 10 1703; QueryServiceConfig2W fails under
 * Wine) minus 2 s for the host's own teardown. */
static uint64_t preshutdown_budget(const wchar_t *name)
{
    DWORD timeout = 10000;
    SC_HANDLE scm = OpenSCManagerW(NULL, NULL, SC_MANAGER_CONNECT);
    SC_HANDLE svc = scm ? OpenServiceW(scm, name, SERVICE_QUERY_CONFIG) : NULL;
    if (svc != NULL) {
        SERVICE_PRESHUTDOWN_INFO info;
        DWORD needed = 0;
        if (QueryServiceConfig2W(svc, SERVICE_CONFIG_PRESHUTDOWN_INFO, (BYTE *)&info, sizeof info, &needed))
            timeout = info.dwPreshutdownTimeout;
        else
            winerr_log(LOG_WARN, L"QueryServiceConfig2W", L"SERVICE_CONFIG_PRESHUTDOWN_INFO; assuming 10 s",
                       GetLastError());
        CloseServiceHandle(svc);
    } else {
        winerr_log(LOG_WARN, scm ? L"OpenServiceW" : L"OpenSCManagerW", name, GetLastError());
    }
    if (scm != NULL)
        CloseServiceHandle(scm);
    return timeout > 3000 ? timeout - 2000 : 1000;
}

/* SHUTDOWN (no preshutdown phase): WaitToKillServiceTimeout, default 5 s, minus 1 s. */
static uint64_t shutdown_budget(void)
{
    wchar_t text[32];
    DWORD size = sizeof text, type = 0;
    uint64_t timeout = 5000;
    LSTATUS rc = RegGetValueW(HKEY_LOCAL_MACHINE, L"SYSTEM\\CurrentControlSet\\Control", L"WaitToKillServiceTimeout",
                              RRF_RT_REG_SZ, &type, text, &size);
    if (rc == ERROR_SUCCESS)
        timeout = wcstoull(text, NULL, 10);
    return timeout > 2000 ? timeout - 1000 : 1000;
}

static wchar_t service_name[257];

static DWORD stop_wait_hint(void)
{
    const struct config *c = supervisor.config;
    uint64_t hint = 10000;
    if (c != NULL)
        hint += c->stop_timeout_ms + (c->post_stop.command ? c->post_stop.timeout_ms : 0);
    return hint > 600000 ? 600000 : (DWORD)hint;
}

/* Sets one of the supervisor's request events; refused until the supervisor runs. */
static DWORD signal_request(HANDLE event, const wchar_t *what)
{
    EnterCriticalSection(&status_lock);
    DWORD rc = supervisor_ready ? NO_ERROR : ERROR_SERVICE_CANNOT_ACCEPT_CTRL;
    if (supervisor_ready && !SetEvent(event))
        winerr_log(LOG_ERROR, L"SetEvent", what, GetLastError());
    LeaveCriticalSection(&status_lock);
    return rc;
}

static DWORD WINAPI control_handler(DWORD control, DWORD event_type, void *event_data, void *context)
{
    (void)event_type;
    (void)event_data;
    (void)context;
    switch (control) {
    case SERVICE_CONTROL_PRESHUTDOWN:
    case SERVICE_CONTROL_SHUTDOWN:
    case SERVICE_CONTROL_STOP:
        if (!supervisor_ready)
            return ERROR_CALL_NOT_IMPLEMENTED;   /* not accepted before RUNNING */
        if (control != SERVICE_CONTROL_STOP) {
            if (supervisor.shutting_down)
                return NO_ERROR;     /* SHUTDOWN after PRESHUTDOWN: already stopping */
            supervisor.shutdown_timeout_cap_ms = control == SERVICE_CONTROL_PRESHUTDOWN
                ? preshutdown_budget(service_name) : shutdown_budget();
            InterlockedExchange(&supervisor.shutting_down, 1);
            hostlog_write(LOG_INFO, L"system shutdown (%ls): stopping the program within %llu ms",
                          control == SERVICE_CONTROL_PRESHUTDOWN ? L"preshutdown" : L"shutdown",
                          (unsigned long long)supervisor.shutdown_timeout_cap_ms);
        } else {
            hostlog_write(LOG_INFO, L"stop requested by the SCM");
        }
        set_status(SERVICE_STOP_PENDING, 0, stop_wait_hint());
        EnterCriticalSection(&status_lock);      /* the supervisor outlives this call */
        if (supervisor_ready && !SetEvent(supervisor.stop_event))
            winerr_log(LOG_ERROR, L"SetEvent", L"stop", GetLastError());
        LeaveCriticalSection(&status_lock);
        return NO_ERROR;
    case SERVICE_CONTROL_INTERROGATE:
        EnterCriticalSection(&status_lock);
        if (!SetServiceStatus(status_handle, &status))
            winerr_log(LOG_ERROR, L"SetServiceStatus", L"interrogate", GetLastError());
        LeaveCriticalSection(&status_lock);
        return NO_ERROR;
    case SERVICE_CONTROL_ROTATE_LOGS:
        return signal_request(supervisor.rotate_event, L"rotate");
    case SERVICE_CONTROL_RESTART_PROGRAM:
        if (supervisor.shutting_down)
            return ERROR_SERVICE_CANNOT_ACCEPT_CTRL;
        return signal_request(supervisor.restart_event, L"restart");
    default:
        return ERROR_CALL_NOT_IMPLEMENTED;
    }
}

static void WINAPI service_main(DWORD argc, wchar_t **argv)
{
    const wchar_t *name = argc > 0 ? argv[0] : L"svcforge-host";
    wcsncpy(service_name, name, 256);
    status_handle = RegisterServiceCtrlHandlerExW(name, control_handler, NULL);
    if (status_handle == NULL) {
        winerr_log(LOG_ERROR, L"RegisterServiceCtrlHandlerExW", name, GetLastError());
        host_exit_code = HOST_EXIT_FAILURE;
        return;
    }
    set_status(SERVICE_START_PENDING, 0, 30000);
    hostlog_open_event_log(name);
    struct config *config = confload(config_path);
    if (config == NULL) {
        hostlog_event(LOG_ERROR, L"service %ls not started: invalid config %ls; exit code %u", name, config_path,
                      SVC_EXIT_CONFIG);
        set_status(SERVICE_STOPPED, SVC_EXIT_CONFIG, 0);
        host_exit_code = HOST_EXIT_USAGE;
        return;
    }
    wchar_t *log_dir = wstr_from_utf8(config->log_dir);
    if (log_dir != NULL)
        hostlog_open_dir(log_dir);
    free(log_dir);
    if (!config->log_event_log)
        hostlog_close_event_log();
    wchar_t *config_name = wstr_from_utf8(config->name);
    if (config_name != NULL && _wcsicmp(config_name, name) != 0)
        hostlog_write(LOG_WARN, L"running as service %ls but the config names %ls", name, config_name);
    free(config_name);

    DWORD exit_code = 0;
    if (supervise_init(&supervisor, config, false, &exit_code)) {
        supervisor.callbacks.running = report_running;
        supervisor.callbacks.progress = bump_checkpoint;
        set_status(SERVICE_START_PENDING, 0,
                   (DWORD)(30000 + (config->pre_start.command ? config->pre_start.timeout_ms : 0)));
        InterlockedExchange(&supervisor_ready, 1);
        exit_code = supervise_run(&supervisor);
    }
    /* Stop the SCM from calling into a supervisor being torn down. */
    set_status(SERVICE_STOP_PENDING, 0, 10000);
    EnterCriticalSection(&status_lock);
    InterlockedExchange(&supervisor_ready, 0);
    LeaveCriticalSection(&status_lock);
    supervise_free(&supervisor);
    confload_free(config);
    hostlog_write(LOG_INFO, L"service %ls stopped, exit code %lu", name, (unsigned long)exit_code);
    hostlog_close_event_log();
    host_exit_code = 0;
    set_status(SERVICE_STOPPED, exit_code, 0);
}

int service_run(const wchar_t *path)
{
    config_path = path;
    InitializeCriticalSection(&status_lock);
    process_set_console_mode(false);
    SERVICE_TABLE_ENTRYW table[] = {
        { (wchar_t *)L"svcforge-host", service_main },
        { NULL, NULL },
    };
    if (!StartServiceCtrlDispatcherW(table)) {
        DWORD err = GetLastError();
        winerr_log(LOG_ERROR, L"StartServiceCtrlDispatcherW", NULL, err);
        if (err == ERROR_FAILED_SERVICE_CONTROLLER_CONNECT)
            hostlog_stderr(L"svcforge-host: `service` runs only when started by the Service Control Manager; "
                           L"use `svcforge-host.exe console <config>` to run in the foreground");
        return HOST_EXIT_FAILURE;
    }
    return host_exit_code;
}
