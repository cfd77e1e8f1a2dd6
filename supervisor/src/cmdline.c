#include "cmdline.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include "strbuf.h"

static bool needs_quotes(const char *arg)
{
    return arg[0] == '\0' || strpbrk(arg, " \t\n\v\"") != NULL;
}

static void append_backslashes(struct strbuf *sb, size_t count)
{
    for (size_t i = 0; i < count; i++)
        strbuf_append_char(sb, '\\');
}

/* The quoting from "Everyone quotes command line arguments the wrong way":
 * backslashes are literal except in a run that ends at a quote, where each is
 * doubled (plus one to escape the quote itself), or at the closing quote. */
static void append_argument(struct strbuf *sb, const char *arg)
{
    if (!needs_quotes(arg)) {
        strbuf_append_str(sb, arg);
        return;
    }
    strbuf_append_char(sb, '"');
    for (const char *c = arg;; c++) {
        size_t backslashes = 0;
        while (*c == '\\') {
            backslashes++;
            c++;
        }
        if (*c == '\0') {
            append_backslashes(sb, backslashes * 2);
            break;
        }
        if (*c == '"') {
            append_backslashes(sb, backslashes * 2 + 1);
        } else {
            append_backslashes(sb, backslashes);
        }
        strbuf_append_char(sb, *c);
    }
    strbuf_append_char(sb, '"');
}

char *cmdline_build(const char *program, const char *const *args, size_t arg_count)
{
    struct strbuf sb;
    strbuf_init(&sb);
    /* argv[0] has no escapes: it always ends at the next quote, so it is quoted as is. */
    strbuf_append_char(&sb, '"');
    strbuf_append_str(&sb, program);
    strbuf_append_char(&sb, '"');
    for (size_t i = 0; i < arg_count; i++) {
        strbuf_append_char(&sb, ' ');
        append_argument(&sb, args[i]);
    }
    return strbuf_take(&sb);
}

static bool is_blank(char c)
{
    return c == ' ' || c == '\t';
}

static bool is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r';
}

static bool push(char ***argv, size_t *count, struct strbuf *sb)
{
    char *arg = strbuf_take(sb);
    if (!arg)
        return false;
    char **grown = realloc(*argv, (*count + 1) * sizeof *grown);
    if (!grown) {
        free(arg);
        return false;
    }
    grown[(*count)++] = arg;
    *argv = grown;
    return true;
}

/* Follows CommandLineToArgvW as documented and as Wine reimplements it, including
 * the undocumented rule for runs of quotes: inside quotes, "" yields a literal
 * quote and closes the quoted part only on every third quote. */
char **cmdline_split(const char *cmdline, size_t *count)
{
    char **argv = NULL;
    struct strbuf sb;
    strbuf_init(&sb);
    *count = 0;
    const char *s = cmdline;
    if (*s == '\0')
        return calloc(1, sizeof(char *));

    if (*s == '"') {
        s++;
        while (*s && *s != '"')
            strbuf_append_char(&sb, *s++);
        if (*s == '"')
            s++;
    } else {
        while (*s && !is_space(*s))
            strbuf_append_char(&sb, *s++);
    }
    if (!push(&argv, count, &sb))
        goto out_of_memory;
    while (is_blank(*s))
        s++;

    bool have_arg = *s != '\0';
    unsigned quotes = 0;
    size_t backslashes = 0;
    while (*s) {
        if (is_blank(*s) && quotes == 0) {
            if (!push(&argv, count, &sb))
                goto out_of_memory;
            while (is_blank(*s))
                s++;
            have_arg = *s != '\0';
            backslashes = 0;
        } else if (*s == '\\') {
            strbuf_append_char(&sb, '\\');
            backslashes++;
            s++;
        } else if (*s == '"') {
            if (!sb.failed && sb.data) {
                sb.length -= backslashes / 2 + (backslashes & 1);
                sb.data[sb.length] = '\0';
            }
            if (backslashes & 1) {
                strbuf_append_char(&sb, '"');
            } else {
                quotes++;
            }
            s++;
            backslashes = 0;
            while (*s == '"') {
                if (++quotes == 3) {
                    strbuf_append_char(&sb, '"');
                    quotes = 0;
                }
                s++;
            }
            if (quotes == 2)
                quotes = 0;
        } else {
            strbuf_append_char(&sb, *s++);
            backslashes = 0;
        }
    }
    if (have_arg && !push(&argv, count, &sb))
        goto out_of_memory;
    strbuf_free(&sb);
    return argv;

out_of_memory:
    strbuf_free(&sb);
    cmdline_free_split(argv, *count);
    *count = 0;
    return NULL;
}

void cmdline_free_split(char **argv, size_t count)
{
    if (!argv)
        return;
    for (size_t i = 0; i < count; i++)
        free(argv[i]);
    free(argv);
}
