/* Value checks and conversions for svcforge-host.conf (FORMAT.md, "Types").
 * Each returns true on success; otherwise writes a complete problem sentence
 * (what is wrong, what was given, what to write instead) into `problem`. */
#ifndef SVCFORGE_CONFIG_TYPES_H
#define SVCFORGE_CONFIG_TYPES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "config.h"

bool conf_parse_uint(const char *value, uint64_t min, uint64_t max, uint64_t *out,
                     char *problem, size_t size);
/* Decimal, or hexadecimal with a 0x prefix. */
bool conf_parse_mask(const char *value, uint64_t *out, char *problem, size_t size);
bool conf_parse_bool(const char *value, bool *out, char *problem, size_t size);
/* "C:\..." or "C:/...", or a UNC / \\?\ path; never a double quote. */
bool conf_check_absolute_path(const char *value, char *problem, size_t size);
/* A plain Windows file name: no folder part, no characters Windows forbids. */
bool conf_check_file_name(const char *value, char *problem, size_t size);
/* An environment variable name: non-empty, no "=". */
bool conf_check_env_name(const char *value, char *problem, size_t size);
/* host:port with port 1-65535; an IPv6 host is written in brackets. */
bool conf_check_host_port(const char *value, size_t length, char *problem, size_t size);
/* An IPv4 address and port to listen on, such as 127.0.0.1:9464 (a literal address:
 * the host binds to it, so a name would be ambiguous). */
bool conf_parse_ipv4_listen(const char *value, uint32_t *ipv4, uint32_t *port, char *problem, size_t size);
/* An absolute path of a .prom file (windows_exporter's textfile collector reads only *.prom). */
bool conf_check_prom_path(const char *value, char *problem, size_t size);
/* http://host:port/path (the path may be empty). */
bool conf_check_http_url(const char *value, char *problem, size_t size);
bool conf_parse_port_range(const char *value, uint32_t *low, uint32_t *high,
                           char *problem, size_t size);
/* CODE:stop or CODE:restart. */
bool conf_parse_exit_rule(const char *value, struct exit_code_rule *out,
                          char *problem, size_t size);

#endif
