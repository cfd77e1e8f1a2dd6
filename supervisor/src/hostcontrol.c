/* Requests to a running host (see hostcontrol.h). */
#include <windows.h>
#include <stdlib.h>
#include "hostcontrol.h"
#include "winerr.h"
#include "wstr.h"

static const wchar_t *request_word(enum host_request request)
{
    return request == HOST_REQUEST_RESTART ? L"restart" : L"rotate";
}

wchar_t *host_request_event_name(const char *service_name, enum host_request request)
{
    wchar_t *name = wstr_from_utf8(service_name);
    wchar_t *full = name ? wstr_format(L"Local\\svcforge-%ls-%ls", request_word(request), name) : NULL;
    free(name);
    return full;
}

int host_request_via_scm(const wchar_t *service_name, enum host_request request)
{
    DWORD control = request == HOST_REQUEST_RESTART ? SERVICE_CONTROL_RESTART_PROGRAM : SERVICE_CONTROL_ROTATE_LOGS;
    SC_HANDLE scm = OpenSCManagerW(NULL, NULL, SC_MANAGER_CONNECT);
    if (scm == NULL) {
        winerr_log(LOG_WARN, L"OpenSCManagerW", NULL, GetLastError());
        return 0;
    }
    int result = 0;
    SC_HANDLE svc = OpenServiceW(scm, service_name, SERVICE_USER_DEFINED_CONTROL | SERVICE_QUERY_STATUS);
    if (svc == NULL) {
        DWORD err = GetLastError();
        if (err != ERROR_SERVICE_DOES_NOT_EXIST)
            winerr_log(LOG_WARN, L"OpenServiceW", service_name, err);
    } else {
        SERVICE_STATUS st;
        if (ControlService(svc, control, &st)) {
            result = 1;
        } else {
            DWORD err = GetLastError();
            if (err != ERROR_SERVICE_NOT_ACTIVE) {
                winerr_log(LOG_ERROR, L"ControlService", service_name, err);
                result = -1;
            }
        }
        CloseServiceHandle(svc);
    }
    CloseServiceHandle(scm);
    return result;
}

int host_request_via_event(const char *service_name, enum host_request request)
{
    wchar_t *event_name = host_request_event_name(service_name, request);
    if (event_name == NULL)
        return -1;
    int result = 0;
    HANDLE ev = OpenEventW(EVENT_MODIFY_STATE, FALSE, event_name);
    if (ev != NULL) {
        result = 1;
        if (!SetEvent(ev)) {
            winerr_log(LOG_ERROR, L"SetEvent", event_name, GetLastError());
            result = -1;
        }
        CloseHandle(ev);
    }
    free(event_name);
    return result;
}
