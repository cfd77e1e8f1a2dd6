/* Requests to a running host: rotate the logs, restart the program. A service gets them as
 * custom SCM controls (sc.exe control NAME 128|129); a console-mode host through named
 * events, since it has no SCM handle. */
#ifndef SVCFORGE_HOSTCONTROL_H
#define SVCFORGE_HOSTCONTROL_H

#include <windows.h>

enum host_request { HOST_REQUEST_ROTATE, HOST_REQUEST_RESTART };

/* Rotate the logs now, at a line boundary. */
#define SERVICE_CONTROL_ROTATE_LOGS 128
/* Stop the program gracefully and start it again at once (a release switch): the host,
 * its config and its SCM state stay as they are. */
#define SERVICE_CONTROL_RESTART_PROGRAM 129

/* Local\svcforge-<rotate|restart>-<service>, or NULL when out of memory. */
wchar_t *host_request_event_name(const char *service_name, enum host_request request);

/* 1 = delivered, 0 = no such running service, -1 = failed (logged). */
int host_request_via_scm(const wchar_t *service_name, enum host_request request);

/* 1 = delivered, 0 = no console-mode host of that name, -1 = failed (logged). */
int host_request_via_event(const char *service_name, enum host_request request);

#endif
