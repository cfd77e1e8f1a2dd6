/* A parsed config as JSON, keyed by the FORMAT.md key names in table order, for
 * conf-dump and `svcforge-host.exe check`. Lists are arrays, env is an array of
 * [name, value] pairs, exit_code an array of {"code", "action"}, port_range
 * {"low", "high"}; absent optional values are null (limit_cpu_percent and port
 * included, whose struct value 0 means "none"). source_path is not included. */
#ifndef SVCFORGE_CONFIGJSON_H
#define SVCFORGE_CONFIGJSON_H

#include <stdbool.h>
#include "config.h"
#include "strbuf.h"

/* pretty: one key per line, two-space indent, ending in "\n"; else one compact line
 * without a line break. */
void config_append_json(struct strbuf *sb, const struct config *config, bool pretty);

#endif
