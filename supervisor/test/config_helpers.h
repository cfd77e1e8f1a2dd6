/* Shared by the config test files: parse text with a minimal valid header. */
#ifndef SVCFORGE_TEST_CONFIG_HELPERS_H
#define SVCFORGE_TEST_CONFIG_HELPERS_H

#include <stdlib.h>
#include "check.h"
#include "config.h"

/* Four lines, so the first extra line is line 5. */
#define MINIMAL_CONF \
    "version = 1\n" \
    "name = app\n" \
    "program = C:\\apps\\app\\app.exe\n" \
    "log_dir = C:\\logs\\app\n"

struct parsed {
    int status;
    struct config config;
    struct config_errors errors;
    char first_error[512];
};

static inline void parse_text(struct parsed *p, const char *text, size_t length)
{
    p->status = config_parse(text, length, "c.conf", &p->config, &p->errors);
    p->first_error[0] = '\0';
    if (p->errors.count > 0)
        config_format_error(NULL, "c.conf", &p->errors.items[0], p->first_error, sizeof p->first_error);
}

/* Parses MINIMAL_CONF followed by `extra`. */
static inline void parse_extra(struct parsed *p, const char *extra)
{
    char text[8192];
    snprintf(text, sizeof text, "%s%s", MINIMAL_CONF, extra);
    parse_text(p, text, strlen(text));
}

/* True if some formatted error equals `expected`. Prints all errors otherwise. */
static inline bool has_error(struct test_run *t, const struct parsed *p, const char *expected,
                             const char *file, int line)
{
    size_t kept = sizeof p->errors.items / sizeof p->errors.items[0];
    for (size_t i = 0; i < p->errors.count && i < kept; i++) {
        char message[512];
        config_format_error(NULL, "c.conf", &p->errors.items[i], message, sizeof message);
        if (strcmp(message, expected) == 0)
            return true;
    }
    check_report(t, false, file, line, "expected error not reported");
    printf("    expected: %s\n", expected);
    for (size_t i = 0; i < p->errors.count && i < kept; i++) {
        char message[512];
        config_format_error(NULL, "c.conf", &p->errors.items[i], message, sizeof message);
        printf("    got:      %s\n", message);
    }
    if (p->errors.count == 0)
        printf("    got:      (no errors)\n");
    return false;
}

#define CHECK_ERROR(t, parsed, expected) has_error((t), (parsed), (expected), __FILE__, __LINE__)

/* Parses MINIMAL_CONF + extra, expects failure with exactly one error equal to expected. */
static inline void expect_only_error(struct test_run *t, const char *extra, const char *expected,
                                     const char *file, int line)
{
    struct parsed p;
    parse_extra(&p, extra);
    check_report(t, p.status == -1, file, line, "config_parse fails");
    if (has_error(t, &p, expected, file, line))
        check_u64(t, p.errors.count, 1, "exactly one error", file, line);
    config_free(&p.config);
}

#define EXPECT_ONLY_ERROR(t, extra, expected) expect_only_error((t), (extra), (expected), __FILE__, __LINE__)

#endif
