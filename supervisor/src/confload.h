/* Reads and validates svcforge-host.conf: the portable parser plus the checks only the
 * machine can answer (program exists, workdir exists, secrets_file exists). Every
 * problem is reported as "file:line: key: problem", to the host log (and stderr in
 * console/check modes) and the event log when it is open. */
#ifndef SVCFORGE_CONFLOAD_H
#define SVCFORGE_CONFLOAD_H

#include <stdbool.h>
#include <wchar.h>
#include "config.h"

/* Returns a malloc'd, parsed config, or NULL after reporting every problem. */
struct config *confload(const wchar_t *path);
void confload_free(struct config *config);

#endif
