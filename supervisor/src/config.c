#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "config_lex.h"
#include "config_types.h"
#include "release.h"
#include "strbuf.h"

enum { PROBLEM_SIZE = 200, GIVE_UP_FAILURES_MAX = 64, SERVICE_NAME_MAX = 256 };

enum key_kind {
    K_VERSION, K_U64, K_U32, K_BOOL, K_STRING, K_PATH, K_FILE_NAME, K_ENV_NAME, K_COMMAND,
    K_ARG, K_ENV, K_SECRET, K_RESTART, K_EXIT_CODE, K_PRIORITY, K_MASK,
    K_HEALTH_HTTP, K_HEALTH_TCP, K_PORT_RANGE, K_NAME, K_RELEASE_PATH, K_PROM_PATH, K_LISTEN
};

struct key_spec {
    const char *name;
    enum key_kind kind;
    size_t offset;           /* of the field in struct config, where there is one */
    uint64_t min, max;       /* for K_U64 / K_U32 */
    bool required;
};

#define AT(field) offsetof(struct config, field)
static const struct key_spec KEYS[] = {
    { "version", K_VERSION, 0, 0, 0, true },
    { "name", K_NAME, AT(name), 0, 0, true },
    { "program", K_RELEASE_PATH, AT(program), 0, 0, true },
    { "arg", K_ARG, 0, 0, 0, false },
    { "workdir", K_RELEASE_PATH, AT(workdir), 0, 0, false },
    { "release_root", K_PATH, AT(release_root), 0, 0, false },
    { "release_pointer", K_PATH, AT(release_pointer), 0, 0, false },
    { "env", K_ENV, 0, 0, 0, false },
    { "secret", K_SECRET, 0, 0, 0, false },
    { "secrets_file", K_PATH, AT(secrets_file), 0, 0, false },
    { "restart", K_RESTART, 0, 0, 0, false },
    { "backoff_initial_ms", K_U64, AT(backoff_initial_ms), 0, UINT64_MAX, false },
    { "backoff_max_ms", K_U64, AT(backoff_max_ms), 0, UINT64_MAX, false },
    { "backoff_reset_ms", K_U64, AT(backoff_reset_ms), 0, UINT64_MAX, false },
    { "backoff_jitter_percent", K_U32, AT(backoff_jitter_percent), 0, 100, false },
    { "exit_code", K_EXIT_CODE, 0, 0, 0, false },
    { "give_up_failures", K_U32, AT(give_up_failures), 0, GIVE_UP_FAILURES_MAX, false },
    { "give_up_window_ms", K_U64, AT(give_up_window_ms), 0, UINT64_MAX, false },
    { "stop_timeout_ms", K_U64, AT(stop_timeout_ms), 0, UINT64_MAX, false },
    { "log_dir", K_PATH, AT(log_dir), 0, 0, true },
    { "log_stdout", K_FILE_NAME, AT(log_stdout), 0, 0, false },
    { "log_stderr", K_FILE_NAME, AT(log_stderr), 0, 0, false },
    { "log_timestamps", K_BOOL, AT(log_timestamps), 0, 0, false },
    { "log_event_log", K_BOOL, AT(log_event_log), 0, 0, false },
    { "rotate_max_bytes", K_U64, AT(rotate_max_bytes), 0, UINT64_MAX, false },
    { "rotate_daily", K_BOOL, AT(rotate_daily), 0, 0, false },
    { "rotate_keep", K_U32, AT(rotate_keep), 0, UINT32_MAX, false },
    { "health_http", K_HEALTH_HTTP, AT(health_http), 0, 0, false },
    { "health_tcp", K_HEALTH_TCP, AT(health_tcp), 0, 0, false },
    { "health_interval_ms", K_U64, AT(health_interval_ms), 0, UINT64_MAX, false },
    { "health_timeout_ms", K_U64, AT(health_timeout_ms), 0, UINT64_MAX, false },
    { "health_failures", K_U32, AT(health_failures), 1, UINT32_MAX, false },
    { "health_start_period_ms", K_U64, AT(health_start_period_ms), 0, UINT64_MAX, false },
    { "limit_memory_bytes", K_U64, AT(limit_memory_bytes), 0, UINT64_MAX, false },
    { "limit_cpu_percent", K_U32, AT(limit_cpu_percent), 1, 100, false },
    { "priority", K_PRIORITY, 0, 0, 0, false },
    { "affinity", K_MASK, AT(affinity_mask), 0, 0, false },
    { "memory_watchdog_ms", K_U64, AT(memory_watchdog_ms), 0, UINT64_MAX, false },
    { "pre_start", K_COMMAND, AT(pre_start.command), 0, 0, false },
    { "pre_start_timeout_ms", K_U64, AT(pre_start.timeout_ms), 0, UINT64_MAX, false },
    { "post_stop", K_COMMAND, AT(post_stop.command), 0, 0, false },
    { "post_stop_timeout_ms", K_U64, AT(post_stop.timeout_ms), 0, UINT64_MAX, false },
    { "port", K_U32, AT(port), 1, 65535, false },
    { "port_range", K_PORT_RANGE, 0, 0, 0, false },
    { "port_env", K_ENV_NAME, AT(port_env), 0, 0, false },
    { "status_file", K_PATH, AT(status_file), 0, 0, false },
    { "metrics_textfile", K_PROM_PATH, AT(metrics_textfile), 0, 0, false },
    { "metrics_listen", K_LISTEN, AT(metrics_listen), 0, 0, false },
};
#undef AT
enum { KEY_COUNT = sizeof KEYS / sizeof KEYS[0] };

struct parser {
    const char *source;
    struct config *config;
    struct config_errors *errors;
    unsigned line;
    unsigned seen[KEY_COUNT];        /* line a key was last set on; 0 = default */
    unsigned *env_lines;             /* line of each env entry */
    unsigned *secret_lines;
    unsigned *exit_code_lines;
    bool out_of_memory;
};

static void add_error(struct parser *p, unsigned line, const char *key, const char *format, ...)
{
    struct config_errors *errors = p->errors;
    size_t slot = errors->count++;
    if (slot >= sizeof errors->items / sizeof errors->items[0])
        return;
    struct config_error *error = &errors->items[slot];
    error->line = line;
    size_t key_length = strlen(key);
    if (key_length < sizeof error->key) {
        memcpy(error->key, key, key_length + 1);
    } else {
        memcpy(error->key, key, sizeof error->key - 4);
        memcpy(error->key + sizeof error->key - 4, "...", 4);
    }
    va_list args;
    va_start(args, format);
    vsnprintf(error->message, sizeof error->message, format, args);
    va_end(args);
}

static void note_out_of_memory(struct parser *p)
{
    if (!p->out_of_memory)
        add_error(p, p->line, "", "out of memory while reading the config");
    p->out_of_memory = true;
}

/* Optimal string alignment distance, capped: returns limit + 1 for anything farther. */
static size_t edit_distance(const char *a, size_t a_length, const char *b, size_t limit)
{
    enum { MAX = 64 };
    size_t b_length = strlen(b);
    if (a_length >= MAX || b_length >= MAX)
        return limit + 1;
    size_t rows[3][MAX + 1];
    size_t *two_back = rows[0], *previous = rows[1], *current = rows[2];
    for (size_t j = 0; j <= b_length; j++)
        previous[j] = j;
    for (size_t i = 1; i <= a_length; i++) {
        current[0] = i;
        for (size_t j = 1; j <= b_length; j++) {
            size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
            size_t best = previous[j - 1] + cost;
            if (previous[j] + 1 < best)
                best = previous[j] + 1;
            if (current[j - 1] + 1 < best)
                best = current[j - 1] + 1;
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]
                && two_back[j - 2] + 1 < best)
                best = two_back[j - 2] + 1;
            current[j] = best;
        }
        size_t *recycled = two_back;
        two_back = previous;
        previous = current;
        current = recycled;
    }
    return previous[b_length];
}

/* The known key closest to `key` (compared in lower case), if within distance 2. */
static const char *suggest_key(const char *key, size_t length)
{
    char lowered[64];
    if (length >= sizeof lowered)
        return NULL;
    for (size_t i = 0; i < length; i++) {
        char c = key[i];
        lowered[i] = (c >= 'A' && c <= 'Z') ? (char)(c - 'A' + 'a') : (c == '-' ? '_' : c);
    }
    const char *best = NULL;
    size_t best_distance = 3;
    for (size_t k = 0; k < KEY_COUNT; k++) {
        size_t known_length = strlen(KEYS[k].name);
        if (length + 2 < known_length || known_length + 2 < length)
            continue;                /* cannot be within 2 edits */
        size_t distance = edit_distance(lowered, length, KEYS[k].name, 2);
        if (distance < best_distance) {
            best_distance = distance;
            best = KEYS[k].name;
        }
    }
    return best;
}

static bool valid_key_syntax(const char *key, size_t length)
{
    for (size_t i = 0; i < length; i++) {
        char c = key[i];
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_'))
            return false;
    }
    return length > 0;
}

static void *grow_array(struct parser *p, void *array, size_t count, size_t element_size)
{
    if (count >= SIZE_MAX / element_size - 1) {
        note_out_of_memory(p);
        return NULL;
    }
    void *grown = realloc(array, (count + 1) * element_size);
    if (!grown)
        note_out_of_memory(p);
    return grown;
}

static bool append_line_number(struct parser *p, unsigned **lines, size_t count)
{
    unsigned *grown = grow_array(p, *lines, count, sizeof **lines);
    if (!grown)
        return false;
    grown[count] = p->line;
    *lines = grown;
    return true;
}

static bool ascii_iequal(const char *a, const char *b)
{
    for (;; a++, b++) {
        char x = (*a >= 'A' && *a <= 'Z') ? (char)(*a - 'A' + 'a') : *a;
        char y = (*b >= 'A' && *b <= 'Z') ? (char)(*b - 'A' + 'a') : *b;
        if (x != y)
            return false;
        if (!x)
            return true;
    }
}

static char **string_field(struct config *config, const struct key_spec *spec)
{
    return (char **)((char *)config + spec->offset);
}

/* Takes ownership of `value` in every case. */
static void set_string(struct parser *p, const struct key_spec *spec, char *value)
{
    char **field = string_field(p->config, spec);
    free(*field);
    *field = value;
}

static void add_arg(struct parser *p, char *value)
{
    struct config *c = p->config;
    char **grown = grow_array(p, c->args, c->arg_count, sizeof *grown);
    if (!grown) {
        free(value);
        return;
    }
    c->args = grown;
    c->args[c->arg_count++] = value;
}

static void add_env(struct parser *p, const char *key, char *value)
{
    struct config *c = p->config;
    char problem[PROBLEM_SIZE];
    char *equals = strchr(value, '=');
    if (!equals) {
        char got[80];
        describe_bytes(value, strlen(value), got, sizeof got);
        add_error(p, p->line, key, "expected NAME=VALUE such as GIN_MODE=release; got %s", got);
        free(value);
        return;
    }
    *equals = '\0';
    if (!conf_check_env_name(value, problem, sizeof problem)) {
        add_error(p, p->line, key, "%s", problem);
        free(value);
        return;
    }
    for (size_t i = 0; i < c->env_count; i++) {
        if (ascii_iequal(c->env[i].name, value)) {
            add_error(p, p->line, key, "%s is already set on line %u (names ignore case on Windows); "
                      "keep one", c->env[i].name, p->env_lines[i]);
            free(value);
            return;
        }
    }
    char *env_value = string_copy(equals + 1);
    struct env_pair *grown = env_value ? grow_array(p, c->env, c->env_count, sizeof *grown) : NULL;
    if (!grown || !append_line_number(p, &p->env_lines, c->env_count)) {
        if (!env_value)
            note_out_of_memory(p);
        if (grown)
            c->env = grown;
        free(env_value);
        free(value);
        return;
    }
    c->env = grown;
    c->env[c->env_count].name = value;      /* the NUL at '=' ends the name */
    c->env[c->env_count].value = env_value;
    c->env_count++;
}

static void add_secret(struct parser *p, const char *key, char *value)
{
    struct config *c = p->config;
    char problem[PROBLEM_SIZE];
    if (!conf_check_env_name(value, problem, sizeof problem)) {
        add_error(p, p->line, key, "%s", problem);
        free(value);
        return;
    }
    for (size_t i = 0; i < c->secret_count; i++) {
        if (ascii_iequal(c->secrets[i], value)) {
            add_error(p, p->line, key, "%s is already listed on line %u; keep one",
                      c->secrets[i], p->secret_lines[i]);
            free(value);
            return;
        }
    }
    char **grown = grow_array(p, c->secrets, c->secret_count, sizeof *grown);
    if (!grown || !append_line_number(p, &p->secret_lines, c->secret_count)) {
        if (grown)
            c->secrets = grown;
        free(value);
        return;
    }
    c->secrets = grown;
    c->secrets[c->secret_count++] = value;
}

static void add_exit_code(struct parser *p, const char *key, const char *value)
{
    struct config *c = p->config;
    char problem[PROBLEM_SIZE];
    struct exit_code_rule rule;
    if (!conf_parse_exit_rule(value, &rule, problem, sizeof problem)) {
        add_error(p, p->line, key, "%s", problem);
        return;
    }
    for (size_t i = 0; i < c->exit_code_count; i++) {
        if (c->exit_codes[i].code == rule.code) {
            add_error(p, p->line, key, "exit code %lld already has a rule on line %u; keep one",
                      (long long)rule.code, p->exit_code_lines[i]);
            return;
        }
    }
    struct exit_code_rule *grown = grow_array(p, c->exit_codes, c->exit_code_count, sizeof *grown);
    if (!grown)
        return;
    c->exit_codes = grown;
    if (!append_line_number(p, &p->exit_code_lines, c->exit_code_count))
        return;
    c->exit_codes[c->exit_code_count++] = rule;
}

static bool parse_enum(struct parser *p, const char *key, const char *value,
                       const char *const *names, size_t count, int *out)
{
    for (size_t i = 0; i < count; i++) {
        if (strcmp(value, names[i]) == 0) {
            *out = (int)i;
            return true;
        }
    }
    char got[80];
    describe_bytes(value, strlen(value), got, sizeof got);
    char allowed[160] = "";
    for (size_t i = 0; i < count; i++) {
        strncat(allowed, names[i], sizeof allowed - strlen(allowed) - 1);
        if (i + 1 < count)
            strncat(allowed, i + 2 == count ? " or " : ", ", sizeof allowed - strlen(allowed) - 1);
    }
    add_error(p, p->line, key, "must be %s; got %s", allowed, got);
    return false;
}

static const char *const RESTART_NAMES[] = { "always", "on-failure", "never" };
static const char *const PRIORITY_NAMES[] = { "idle", "below_normal", "normal", "above_normal", "high" };

static bool check_name(const char *value, char *problem, size_t size)
{
    char got[80];
    describe_bytes(value, strlen(value), got, sizeof got);
    size_t characters = 0;
    for (const unsigned char *c = (const unsigned char *)value; *c; c++)
        characters += (*c & 0xC0) != 0x80;
    if (characters == 0) {
        snprintf(problem, size, "service name is empty");
        return false;
    }
    if (characters > SERVICE_NAME_MAX) {
        snprintf(problem, size, "service name is longer than %d characters", SERVICE_NAME_MAX);
        return false;
    }
    if (strpbrk(value, "/\\")) {
        snprintf(problem, size, "service name cannot contain / or \\; got %s", got);
        return false;
    }
    return true;
}

/* Applies one decoded value; takes ownership of `value`. */
static void apply(struct parser *p, const struct key_spec *spec, char *value)
{
    struct config *c = p->config;
    char problem[PROBLEM_SIZE];
    const char *key = spec->name;
    bool ok = true;
    uint64_t number = 0;
    int choice = 0;
    switch (spec->kind) {
    case K_VERSION:
        ok = conf_parse_uint(value, 0, UINT64_MAX, &number, problem, sizeof problem);
        if (ok && number != 1) {
            snprintf(problem, sizeof problem,
                     "unsupported version %llu; this svcforge-host reads version 1",
                     (unsigned long long)number);
            ok = false;
        }
        break;
    case K_U64:
        ok = conf_parse_uint(value, spec->min, spec->max, &number, problem, sizeof problem);
        if (ok)
            *(uint64_t *)((char *)c + spec->offset) = number;
        break;
    case K_U32:
        ok = conf_parse_uint(value, spec->min, spec->max, &number, problem, sizeof problem);
        if (ok)
            *(uint32_t *)((char *)c + spec->offset) = (uint32_t)number;
        break;
    case K_BOOL:
        ok = conf_parse_bool(value, (bool *)((char *)c + spec->offset), problem, sizeof problem);
        break;
    case K_MASK:
        ok = conf_parse_mask(value, &c->affinity_mask, problem, sizeof problem);
        break;
    case K_RESTART:
        if (parse_enum(p, key, value, RESTART_NAMES, 3, &choice))
            c->restart = (enum restart_policy)choice;
        break;
    case K_PRIORITY:
        if (parse_enum(p, key, value, PRIORITY_NAMES, 5, &choice))
            c->priority = (enum priority_class)choice;
        break;
    case K_PORT_RANGE:
        ok = conf_parse_port_range(value, &c->port_range_low, &c->port_range_high,
                                   problem, sizeof problem);
        break;
    case K_EXIT_CODE:
        add_exit_code(p, key, value);
        break;
    case K_ARG:
        add_arg(p, value);
        return;
    case K_ENV:
        add_env(p, key, value);
        return;
    case K_SECRET:
        add_secret(p, key, value);
        return;
    case K_RELEASE_PATH:
        /* Absolute or inside the release: decided once release_root is known (check_paths). */
        set_string(p, spec, value);
        return;
    case K_STRING:
    case K_NAME:
    case K_PATH:
    case K_FILE_NAME:
    case K_ENV_NAME:
    case K_COMMAND:
    case K_HEALTH_HTTP:
    case K_HEALTH_TCP:
    case K_PROM_PATH:
    case K_LISTEN:
        if (spec->kind == K_NAME)
            ok = check_name(value, problem, sizeof problem);
        else if (spec->kind == K_PATH)
            ok = conf_check_absolute_path(value, problem, sizeof problem);
        else if (spec->kind == K_FILE_NAME)
            ok = conf_check_file_name(value, problem, sizeof problem);
        else if (spec->kind == K_ENV_NAME)
            ok = conf_check_env_name(value, problem, sizeof problem);
        else if (spec->kind == K_HEALTH_HTTP)
            ok = conf_check_http_url(value, problem, sizeof problem);
        else if (spec->kind == K_HEALTH_TCP)
            ok = conf_check_host_port(value, strlen(value), problem, sizeof problem);
        else if (spec->kind == K_PROM_PATH)
            ok = conf_check_prom_path(value, problem, sizeof problem);
        else if (spec->kind == K_LISTEN)
            ok = conf_parse_ipv4_listen(value, &c->metrics_listen_ipv4, &c->metrics_listen_port, problem,
                                        sizeof problem);
        else if (value[0] == '\0') {
            snprintf(problem, sizeof problem, "command line is empty; remove the line for no hook");
            ok = false;
        }
        if (ok) {
            set_string(p, spec, value);
            return;
        }
        break;
    }
    if (!ok)
        add_error(p, p->line, key, "%s", problem);
    free(value);
}

static const struct key_spec *find_key(const char *key, size_t length)
{
    for (size_t k = 0; k < KEY_COUNT; k++)
        if (strlen(KEYS[k].name) == length && memcmp(KEYS[k].name, key, length) == 0)
            return &KEYS[k];
    return NULL;
}

static void report_bad_key(struct parser *p, const char *key, size_t length)
{
    const char *suggestion = suggest_key(key, length);
    bool syntax_ok = valid_key_syntax(key, length);
    /* Keys that are not [a-z0-9_]+ are shown quoted, since they may hold any byte. */
    char display[256];
    bool plain = length < sizeof display;
    for (size_t i = 0; i < length; i++)
        plain = plain && key[i] > ' ' && key[i] < 0x7F && key[i] != '"';
    if (plain) {
        memcpy(display, key, length);
        display[length] = '\0';
    } else {
        describe_bytes(key, length, display, sizeof display);
    }
    const char *what = syntax_ok ? "unknown key" : "invalid key: keys are lower case letters, digits and _";
    if (suggestion)
        add_error(p, p->line, display, "%s; did you mean %s?", what, suggestion);
    else
        add_error(p, p->line, display, "%s", what);
}

static void handle_line(struct parser *p, const char *line, size_t length)
{
    struct lexed_line lexed;
    lex_line(line, length, &lexed);
    if (lexed.kind == LINE_SKIP)
        return;
    if (lexed.kind == LINE_NO_MEMORY) {
        note_out_of_memory(p);
        return;
    }
    const struct key_spec *spec = find_key(lexed.key, lexed.key_length);
    if (!spec && lexed.key_length > 0) {
        report_bad_key(p, lexed.key, lexed.key_length);
        free(lexed.value);
        return;
    }
    if (lexed.kind == LINE_ERROR) {
        add_error(p, p->line, spec ? spec->name : "", "%s", lexed.problem);
        return;
    }
    size_t index = (size_t)(spec - KEYS);
    bool is_list = spec->kind == K_ARG || spec->kind == K_ENV || spec->kind == K_SECRET
                   || spec->kind == K_EXIT_CODE;
    if (!is_list && p->seen[index]) {
        add_error(p, p->line, spec->name, "duplicate key; already set on line %u, keep one",
                  p->seen[index]);
        free(lexed.value);
        return;
    }
    p->seen[index] = p->line;
    apply(p, spec, lexed.value);
}

static size_t key_index(const char *name)
{
    const struct key_spec *spec = find_key(name, strlen(name));
    return spec ? (size_t)(spec - KEYS) : 0;
}

static unsigned line_of(const struct parser *p, const char *name)
{
    return p->seen[key_index(name)];
}

static bool had_error_for(const struct parser *p, const char *key, size_t first_error)
{
    size_t kept = sizeof p->errors->items / sizeof p->errors->items[0];
    size_t last = p->errors->count < kept ? p->errors->count : kept;
    for (size_t i = first_error; i < last; i++)
        if (strcmp(p->errors->items[i].key, key) == 0)
            return true;
    return p->errors->count > kept;
}

static char *concat(struct parser *p, const char *a, const char *b)
{
    struct strbuf sb;
    strbuf_init(&sb);
    strbuf_append_str(&sb, a);
    strbuf_append_str(&sb, b);
    char *joined = strbuf_take(&sb);
    if (!joined)
        note_out_of_memory(p);
    return joined;
}

static void default_log_name(struct parser *p, char **field, const char *key, const char *suffix)
{
    struct config *c = p->config;
    if (*field || !c->name)
        return;
    char *derived = concat(p, c->name, suffix);
    if (!derived)
        return;
    char problem[PROBLEM_SIZE];
    if (!conf_check_file_name(derived, problem, sizeof problem)) {
        add_error(p, 0, key, "the default NAME%s does not work with this name (%s); set %s explicitly",
                  suffix, problem, key);
        free(derived);
        return;
    }
    *field = derived;
}

static void apply_string_defaults(struct parser *p)
{
    struct config *c = p->config;
    default_log_name(p, &c->log_stdout, "log_stdout", ".out.log");
    default_log_name(p, &c->log_stderr, "log_stderr", ".err.log");
    if (!c->port_env)
        c->port_env = concat(p, "PORT", "");
    if (!c->status_file && c->log_dir) {
        size_t length = strlen(c->log_dir);
        bool has_separator = length > 0 && (c->log_dir[length - 1] == '\\' || c->log_dir[length - 1] == '/');
        c->status_file = concat(p, c->log_dir, has_separator ? "status.json" : "\\status.json");
    }
}

static void check_required(struct parser *p, size_t first_error)
{
    for (size_t k = 0; k < KEY_COUNT; k++) {
        if (!KEYS[k].required || p->seen[k] || had_error_for(p, KEYS[k].name, first_error))
            continue;
        add_error(p, 0, KEYS[k].name, "required key is missing; add a line \"%s = ...\"", KEYS[k].name);
    }
}

static void check_cross_fields(struct parser *p, size_t first_error)
{
    struct config *c = p->config;
    if (c->backoff_max_ms < c->backoff_initial_ms
        && !had_error_for(p, "backoff_max_ms", first_error)
        && !had_error_for(p, "backoff_initial_ms", first_error)) {
        unsigned max_line = line_of(p, "backoff_max_ms");
        if (max_line)
            add_error(p, max_line, "backoff_max_ms", "must be >= backoff_initial_ms (%llu); got %llu",
                      (unsigned long long)c->backoff_initial_ms, (unsigned long long)c->backoff_max_ms);
        else
            add_error(p, line_of(p, "backoff_initial_ms"), "backoff_initial_ms",
                      "must be <= backoff_max_ms (%llu, the default); got %llu; lower it or set backoff_max_ms",
                      (unsigned long long)c->backoff_max_ms, (unsigned long long)c->backoff_initial_ms);
    }
    if (c->health_http && c->health_tcp) {
        unsigned http_line = line_of(p, "health_http"), tcp_line = line_of(p, "health_tcp");
        bool tcp_later = tcp_line > http_line;
        add_error(p, tcp_later ? tcp_line : http_line, tcp_later ? "health_tcp" : "health_http",
                  "health_http (line %u) and health_tcp (line %u) are exclusive; keep one",
                  http_line, tcp_line);
    }
    if (c->port && c->port_range_low) {
        unsigned port_line = line_of(p, "port"), range_line = line_of(p, "port_range");
        bool range_later = range_line > port_line;
        add_error(p, range_later ? range_line : port_line, range_later ? "port_range" : "port",
                  "port (line %u) and port_range (line %u) are exclusive; use port for one instance, "
                  "port_range for several", port_line, range_line);
    }
    if (c->secret_count && !c->secrets_file && !had_error_for(p, "secrets_file", first_error))
        add_error(p, p->secret_lines[0], "secret", "secret needs secrets_file, the file its value is read from");
    for (size_t s = 0; s < c->secret_count; s++)
        for (size_t e = 0; e < c->env_count; e++)
            if (ascii_iequal(c->secrets[s], c->env[e].name))
                add_error(p, p->secret_lines[s], "secret", "%s is also set by env on line %u; keep one",
                          c->secrets[s], p->env_lines[e]);
    if (c->port_range_low && c->port_env)
        for (size_t e = 0; e < c->env_count; e++)
            if (ascii_iequal(c->port_env, c->env[e].name))
                add_error(p, p->env_lines[e], "env",
                          "%s is the variable port_range exports (port_env); remove this env entry",
                          c->env[e].name);
}

/* program and workdir: absolute, except that with release_root program is inside the
 * release and workdir may be either. */
static void check_release_paths(struct parser *p)
{
    struct config *c = p->config;
    char problem[PROBLEM_SIZE];
    /* Lines, not values: a release_root that failed its own check still means release mode. */
    unsigned root_line = line_of(p, "release_root"), pointer_line = line_of(p, "release_pointer");
    if (root_line && !pointer_line)
        add_error(p, root_line, "release_root",
                  "needs release_pointer, the file that names the current release; set both or neither");
    if (pointer_line && !root_line)
        add_error(p, pointer_line, "release_pointer",
                  "needs release_root, the folder that holds the releases; set both or neither");
    bool release_mode = root_line || pointer_line;
    if (c->program) {
        bool ok = release_mode ? release_check_relative(c->program, problem, sizeof problem)
                               : conf_check_absolute_path(c->program, problem, sizeof problem);
        if (!ok)
            add_error(p, line_of(p, "program"), "program", "%s", problem);
    }
    for (size_t e = 0; release_mode && e < c->env_count; e++)
        if (ascii_iequal(c->env[e].name, "SVCFORGE_RELEASE"))
            add_error(p, p->env_lines[e], "env",
                      "SVCFORGE_RELEASE is set by the host to the running release; remove this env entry");
    for (size_t i = 0; release_mode && i < c->secret_count; i++)
        if (ascii_iequal(c->secrets[i], "SVCFORGE_RELEASE"))
            add_error(p, p->secret_lines[i], "secret",
                      "SVCFORGE_RELEASE is set by the host to the running release; remove this secret");
    if (c->workdir) {
        bool ok = conf_check_absolute_path(c->workdir, problem, sizeof problem);
        if (!ok && release_mode)
            ok = release_check_relative(c->workdir, problem, sizeof problem);
        if (!ok)
            add_error(p, line_of(p, "workdir"), "workdir", "%s", problem);
    }
}

static void set_numeric_defaults(struct config *c)
{
    c->restart = RESTART_ON_FAILURE;
    c->backoff_initial_ms = 1000;
    c->backoff_max_ms = 60000;
    c->backoff_reset_ms = 300000;
    c->backoff_jitter_percent = 10;
    c->give_up_window_ms = 600000;
    c->stop_timeout_ms = 15000;
    c->log_event_log = true;
    c->health_interval_ms = 10000;
    c->health_timeout_ms = 2000;
    c->health_failures = 3;
    c->health_start_period_ms = 30000;
    c->priority = PRIORITY_NORMAL;
    c->memory_watchdog_ms = 10000;
    c->pre_start.timeout_ms = 30000;
    c->post_stop.timeout_ms = 30000;
}

/* Stable, with line 0 (not tied to a line) last, so messages read top to bottom. */
static void sort_errors_by_line(struct config_errors *errors)
{
    size_t kept = sizeof errors->items / sizeof errors->items[0];
    size_t count = errors->count < kept ? errors->count : kept;
    for (size_t i = 1; i < count; i++) {
        struct config_error moving = errors->items[i];
        unsigned moving_key = moving.line ? moving.line : UINT32_MAX;
        size_t j = i;
        while (j > 0) {
            unsigned before = errors->items[j - 1].line ? errors->items[j - 1].line : UINT32_MAX;
            if (before <= moving_key)
                break;
            errors->items[j] = errors->items[j - 1];
            j--;
        }
        errors->items[j] = moving;
    }
}

static bool starts_with_utf16_bom(const char *text, size_t length)
{
    return length >= 2 && (((unsigned char)text[0] == 0xFF && (unsigned char)text[1] == 0xFE)
                           || ((unsigned char)text[0] == 0xFE && (unsigned char)text[1] == 0xFF));
}

int config_parse(const char *text, size_t length, const char *source_path,
                 struct config *out, struct config_errors *errors)
{
    memset(out, 0, sizeof *out);
    memset(errors, 0, sizeof *errors);
    struct parser p;
    memset(&p, 0, sizeof p);
    p.source = source_path;
    p.config = out;
    p.errors = errors;
    set_numeric_defaults(out);

    if (starts_with_utf16_bom(text, length)) {
        add_error(&p, 0, "", "the file is UTF-16; save it as UTF-8 "
                  "(in PowerShell 5.1: Set-Content -Encoding UTF8)");
    } else {
        if (length >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0) {
            text += 3;
            length -= 3;
        }
        size_t at = 0;
        while (at < length && !p.out_of_memory) {
            const char *newline = memchr(text + at, '\n', length - at);
            size_t end = newline ? (size_t)(newline - text) : length;
            size_t line_length = end - at;
            if (line_length > 0 && text[at + line_length - 1] == '\r')
                line_length--;
            p.line++;
            handle_line(&p, text + at, line_length);
            at = newline ? end + 1 : length;
        }
        if (!p.out_of_memory) {
            check_required(&p, 0);
            apply_string_defaults(&p);
            check_cross_fields(&p, 0);
            check_release_paths(&p);
        }
    }

    sort_errors_by_line(errors);
    free(p.env_lines);
    free(p.secret_lines);
    free(p.exit_code_lines);
    if (errors->count > 0) {
        config_free(out);
        return -1;
    }
    if (source_path) {
        out->source_path = string_copy(source_path);
        if (!out->source_path) {
            add_error(&p, 0, "", "out of memory while reading the config");
            config_free(out);
            return -1;
        }
    }
    return 0;
}

void config_free(struct config *config)
{
    if (!config)
        return;
    free(config->source_path);
    free(config->name);
    free(config->program);
    for (size_t i = 0; i < config->arg_count; i++)
        free(config->args[i]);
    free(config->args);
    free(config->workdir);
    free(config->release_root);
    free(config->release_pointer);
    for (size_t i = 0; i < config->env_count; i++) {
        free(config->env[i].name);
        free(config->env[i].value);
    }
    free(config->env);
    for (size_t i = 0; i < config->secret_count; i++)
        free(config->secrets[i]);
    free(config->secrets);
    free(config->secrets_file);
    free(config->exit_codes);
    free(config->log_dir);
    free(config->log_stdout);
    free(config->log_stderr);
    free(config->health_http);
    free(config->health_tcp);
    free(config->pre_start.command);
    free(config->post_stop.command);
    free(config->port_env);
    free(config->status_file);
    free(config->metrics_textfile);
    free(config->metrics_listen);
    memset(config, 0, sizeof *config);
}

void config_format_error(const struct config *config_or_null, const char *source_path,
                         const struct config_error *error, char *buf, size_t size)
{
    const char *source = source_path;
    if (!source && config_or_null)
        source = config_or_null->source_path;
    if (!source)
        source = "svcforge-host.conf";
    char where[32] = "";
    if (error->line)
        snprintf(where, sizeof where, ":%u", error->line);
    if (error->key[0])
        snprintf(buf, size, "%s%s: %s: %s", source, where, error->key, error->message);
    else
        snprintf(buf, size, "%s%s: %s", source, where, error->message);
}
