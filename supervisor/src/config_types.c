#include "config_types.h"

#include <stdio.h>
#include <string.h>
#include "config_lex.h"

static void shown(const char *value, char *out, size_t size)
{
    describe_bytes(value, strlen(value), out, size);
}

static bool digits_to_u64(const char *s, size_t length, uint64_t *out, bool *overflow)
{
    uint64_t result = 0;
    *overflow = false;
    if (length == 0)
        return false;
    for (size_t i = 0; i < length; i++) {
        if (s[i] < '0' || s[i] > '9')
            return false;
        unsigned digit = (unsigned)(s[i] - '0');
        if (result > (UINT64_MAX - digit) / 10)
            *overflow = true;
        else
            result = result * 10 + digit;
    }
    *out = result;
    return true;
}

bool conf_parse_uint(const char *value, uint64_t min, uint64_t max, uint64_t *out,
                     char *problem, size_t size)
{
    char got[80];
    shown(value, got, sizeof got);
    bool overflow;
    uint64_t number = 0;
    if (!digits_to_u64(value, strlen(value), &number, &overflow)) {
        snprintf(problem, size, "expected a whole number (digits only, no sign or unit); got %s", got);
        return false;
    }
    if (overflow) {
        snprintf(problem, size, "number too large; the largest allowed is %llu; got %s",
                 (unsigned long long)max, got);
        return false;
    }
    if (number < min || number > max) {
        snprintf(problem, size, "must be between %llu and %llu; got %llu",
                 (unsigned long long)min, (unsigned long long)max, (unsigned long long)number);
        return false;
    }
    *out = number;
    return true;
}

bool conf_parse_mask(const char *value, uint64_t *out, char *problem, size_t size)
{
    if (value[0] != '0' || (value[1] != 'x' && value[1] != 'X'))
        return conf_parse_uint(value, 0, UINT64_MAX, out, problem, size);
    char got[80];
    shown(value, got, sizeof got);
    const char *digits = value + 2;
    size_t count = strlen(digits);
    uint64_t mask = 0;
    bool significant = false;
    size_t significant_digits = 0;
    for (size_t i = 0; i < count; i++) {
        char c = digits[i];
        unsigned digit;
        if (c >= '0' && c <= '9')
            digit = (unsigned)(c - '0');
        else if (c >= 'a' && c <= 'f')
            digit = (unsigned)(c - 'a' + 10);
        else if (c >= 'A' && c <= 'F')
            digit = (unsigned)(c - 'A' + 10);
        else {
            snprintf(problem, size, "expected a decimal number or 0x followed by hex digits; got %s", got);
            return false;
        }
        significant = significant || digit != 0;
        if (significant && ++significant_digits > 16) {
            snprintf(problem, size, "mask too large; it must fit in 64 bits (16 hex digits); got %s", got);
            return false;
        }
        mask = (mask << 4) | digit;
    }
    if (count == 0) {
        snprintf(problem, size, "expected hex digits after 0x; got %s", got);
        return false;
    }
    *out = mask;
    return true;
}

bool conf_parse_bool(const char *value, bool *out, char *problem, size_t size)
{
    if (strcmp(value, "true") == 0) {
        *out = true;
        return true;
    }
    if (strcmp(value, "false") == 0) {
        *out = false;
        return true;
    }
    char got[80];
    shown(value, got, sizeof got);
    snprintf(problem, size, "expected true or false; got %s", got);
    return false;
}

static bool is_slash(char c)
{
    return c == '\\' || c == '/';
}

bool conf_check_absolute_path(const char *value, char *problem, size_t size)
{
    char got[80];
    shown(value, got, sizeof got);
    if (strchr(value, '"')) {
        snprintf(problem, size, "a path cannot contain a double quote; got %s", got);
        return false;
    }
    char drive = value[0];
    bool letter = (drive >= 'A' && drive <= 'Z') || (drive >= 'a' && drive <= 'z');
    bool drive_path = letter && value[1] == ':' && is_slash(value[2]);
    bool unc_path = value[0] == '\\' && value[1] == '\\' && value[2] != '\0';
    if (!drive_path && !unc_path) {
        snprintf(problem, size, "must be an absolute path such as C:\\apps\\name; got %s", got);
        return false;
    }
    return true;
}

bool conf_check_file_name(const char *value, char *problem, size_t size)
{
    char got[80];
    shown(value, got, sizeof got);
    if (value[0] == '\0' || strcmp(value, ".") == 0 || strcmp(value, "..") == 0) {
        snprintf(problem, size, "must be a file name such as app.out.log; got %s", got);
        return false;
    }
    if (strpbrk(value, "/\\")) {
        snprintf(problem, size, "must be a plain file name inside log_dir, without / or \\; got %s", got);
        return false;
    }
    const char *bad = strpbrk(value, "<>:\"|?*");
    if (bad) {
        snprintf(problem, size, "Windows file names cannot contain '%c'; got %s", *bad, got);
        return false;
    }
    return true;
}

bool conf_check_env_name(const char *value, char *problem, size_t size)
{
    char got[80];
    shown(value, got, sizeof got);
    if (value[0] == '\0') {
        snprintf(problem, size, "variable name is empty");
        return false;
    }
    if (strchr(value, '=')) {
        snprintf(problem, size, "variable name cannot contain \"=\"; got %s", got);
        return false;
    }
    return true;
}

bool conf_check_host_port(const char *value, size_t length, char *problem, size_t size)
{
    char got[80];
    describe_bytes(value, length, got, sizeof got);
    size_t host_end;
    if (length > 0 && value[0] == '[') {
        const char *close = memchr(value, ']', length);
        if (!close || close == value + 1) {
            snprintf(problem, size, "an IPv6 host is written as [::1]:8080; got %s", got);
            return false;
        }
        host_end = (size_t)(close - value) + 1;
    } else {
        host_end = 0;
        for (size_t i = 0; i < length; i++)
            if (value[i] == ':')
                host_end = i;
        if (host_end == 0 || memchr(value, ':', host_end)) {
            snprintf(problem, size, "expected host:port such as 127.0.0.1:8080; got %s", got);
            return false;
        }
    }
    for (size_t i = 0; i < host_end; i++) {
        unsigned char c = (unsigned char)value[i];
        if (c <= ' ' || c == '/' || c == '@') {
            snprintf(problem, size, "invalid character in the host; got %s", got);
            return false;
        }
    }
    if (host_end >= length || value[host_end] != ':') {
        snprintf(problem, size, "expected host:port such as 127.0.0.1:8080; got %s", got);
        return false;
    }
    uint64_t port = 0;
    bool overflow;
    const char *digits = value + host_end + 1;
    size_t digit_count = length - host_end - 1;
    if (!digits_to_u64(digits, digit_count, &port, &overflow) || overflow || port < 1 || port > 65535) {
        snprintf(problem, size, "port must be a number from 1 to 65535; got %s", got);
        return false;
    }
    return true;
}

bool conf_check_http_url(const char *value, char *problem, size_t size)
{
    char got[80];
    shown(value, got, sizeof got);
    static const char scheme[] = "http://";
    if (strncmp(value, scheme, sizeof scheme - 1) != 0) {
        snprintf(problem, size, "expected http://host:port/path (only plain http is supported); got %s", got);
        return false;
    }
    const char *authority = value + sizeof scheme - 1;
    const char *path = strchr(authority, '/');
    size_t authority_length = path ? (size_t)(path - authority) : strlen(authority);
    if (!conf_check_host_port(authority, authority_length, problem, size))
        return false;
    for (const char *c = path; c && *c; c++) {
        if ((unsigned char)*c <= ' ') {
            snprintf(problem, size, "the URL path cannot contain spaces or control characters; got %s", got);
            return false;
        }
    }
    return true;
}

bool conf_parse_port_range(const char *value, uint32_t *low, uint32_t *high,
                           char *problem, size_t size)
{
    char got[80];
    shown(value, got, sizeof got);
    const char *dash = strchr(value, '-');
    uint64_t first = 0, last = 0;
    bool overflow_first = false, overflow_last = false;
    if (!dash || !digits_to_u64(value, (size_t)(dash - value), &first, &overflow_first)
        || !digits_to_u64(dash + 1, strlen(dash + 1), &last, &overflow_last)) {
        snprintf(problem, size, "expected LOW-HIGH such as 8000-8099; got %s", got);
        return false;
    }
    if (overflow_first || overflow_last || first < 1 || last < 1 || first > 65535 || last > 65535) {
        snprintf(problem, size, "both ports must be from 1 to 65535; got %s", got);
        return false;
    }
    if (first > last) {
        snprintf(problem, size, "LOW must be <= HIGH; got %s", got);
        return false;
    }
    *low = (uint32_t)first;
    *high = (uint32_t)last;
    return true;
}

bool conf_parse_exit_rule(const char *value, struct exit_code_rule *out,
                          char *problem, size_t size)
{
    char got[80];
    shown(value, got, sizeof got);
    const char *colon = strchr(value, ':');
    uint64_t code = 0;
    bool overflow = false;
    if (!colon || !digits_to_u64(value, (size_t)(colon - value), &code, &overflow)) {
        snprintf(problem, size, "expected CODE:stop or CODE:restart such as 3:stop; got %s", got);
        return false;
    }
    if (overflow || code > UINT32_MAX) {
        snprintf(problem, size, "exit code must be from 0 to 4294967295; got %s", got);
        return false;
    }
    if (strcmp(colon + 1, "stop") == 0) {
        out->action = EXIT_ACTION_STOP;
    } else if (strcmp(colon + 1, "restart") == 0) {
        out->action = EXIT_ACTION_RESTART;
    } else {
        snprintf(problem, size, "action must be stop or restart; got %s", got);
        return false;
    }
    out->code = (int64_t)code;
    return true;
}

bool conf_parse_ipv4_listen(const char *value, uint32_t *ipv4, uint32_t *port, char *problem, size_t size)
{
    char got[80];
    shown(value, got, sizeof got);
    const char *p = value;
    uint32_t address = 0;
    for (int octet = 0; octet < 4; octet++) {
        size_t digits = 0;
        while (p[digits] >= '0' && p[digits] <= '9')
            digits++;
        uint64_t number = 0;
        bool overflow;
        char separator = octet < 3 ? '.' : ':';
        if (digits == 0 || digits > 3 || !digits_to_u64(p, digits, &number, &overflow) || number > 255
            || p[digits] != separator) {
            snprintf(problem, size, "expected an IPv4 address and port such as 127.0.0.1:9464; got %s", got);
            return false;
        }
        address = (address << 8) | (uint32_t)number;
        p += digits + 1;
    }
    uint64_t number = 0;
    bool overflow;
    if (!digits_to_u64(p, strlen(p), &number, &overflow) || overflow || number < 1 || number > 65535) {
        snprintf(problem, size, "port must be a number from 1 to 65535; got %s", got);
        return false;
    }
    *ipv4 = address;
    *port = (uint32_t)number;
    return true;
}

bool conf_check_prom_path(const char *value, char *problem, size_t size)
{
    if (!conf_check_absolute_path(value, problem, size))
        return false;
    size_t length = strlen(value);
    const char *suffix = ".prom";
    bool prom = length > 5;
    for (size_t i = 0; prom && i < 5; i++) {
        char c = value[length - 5 + i];
        if (c >= 'A' && c <= 'Z')
            c = (char)(c - 'A' + 'a');
        prom = c == suffix[i];
    }
    if (!prom) {
        char got[80];
        shown(value, got, sizeof got);
        snprintf(problem, size, "windows_exporter's textfile collector reads only *.prom files; got %s", got);
        return false;
    }
    return true;
}
