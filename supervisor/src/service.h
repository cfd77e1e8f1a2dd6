/* Runs under the SCM: `svcforge-host.exe service <config>`. */
#ifndef SVCFORGE_SERVICE_H
#define SVCFORGE_SERVICE_H

#include <wchar.h>

/* Connects to the SCM and runs until the service stops; returns the process exit code. */
int service_run(const wchar_t *config_path);

/* Its custom control codes (rotate, restart the program) are in hostcontrol.h. */

#endif
