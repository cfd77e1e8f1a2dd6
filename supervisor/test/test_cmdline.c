/* cmdline_build and cmdline_split: quoting that survives CommandLineToArgvW. */
#include <stdlib.h>
#include "check.h"
#include "cmdline.h"

static void check_split(struct test_run *t, const char *cmdline, const char *const *expected, size_t count)
{
    size_t got = 0;
    char **argv = cmdline_split(cmdline, &got);
    if (CHECK(t, argv != NULL) && CHECK_U64(t, got, count))
        for (size_t i = 0; i < count; i++)
            CHECK_STR(t, argv[i], expected[i]);
    if (got != count)
        printf("    while splitting [%s]\n", cmdline);
    cmdline_free_split(argv, got);
}

#define SPLIT(t, cmdline, ...) do { \
        const char *expected_[] = { __VA_ARGS__ }; \
        check_split((t), (cmdline), expected_, sizeof expected_ / sizeof expected_[0]); \
    } while (0)

static void check_build(struct test_run *t, const char *program, const char *const *args, size_t count,
                        const char *expected)
{
    char *built = cmdline_build(program, args, count);
    CHECK_STR(t, built, expected);
    free(built);
}

static void quotes_only_the_arguments_that_need_it(struct test_run *t)
{
    const char *args[] = { "plain", "two words", "", "tab\there", "new\nline", "v\vtab", "C:\\path\\" };
    check_build(t, "C:\\app\\x.exe", args, 7,
                "\"C:\\app\\x.exe\" plain \"two words\" \"\" \"tab\there\" \"new\nline\" \"v\vtab\" C:\\path\\");
    check_build(t, "C:\\Program Files\\x.exe", NULL, 0, "\"C:\\Program Files\\x.exe\"");
}

static void doubles_backslashes_only_before_a_quote_or_the_closing_quote(struct test_run *t)
{
    const char *args[] = { "a\"b", "a\\\"b", "dir with space\\", "\\\\server\\share", "x\\\\ y\\\\" };
    check_build(t, "p", args, 5,
                "\"p\" \"a\\\"b\" \"a\\\\\\\"b\" \"dir with space\\\\\" \\\\server\\share \"x\\\\ y\\\\\\\\\"");
}

static void splits_by_the_commandlinetoargvw_rules(struct test_run *t)
{
    SPLIT(t, "\"C:\\Program Files\\x.exe\" a b", "C:\\Program Files\\x.exe", "a", "b");
    SPLIT(t, "x.exe   a\t\tb  ", "x.exe", "a", "b");
    SPLIT(t, "x.exe \"a b\" c", "x.exe", "a b", "c");
    SPLIT(t, "x.exe a\\\\\\\"b", "x.exe", "a\\\"b");
    SPLIT(t, "x.exe a\\\\\"b c\"", "x.exe", "a\\b c");
    SPLIT(t, "x.exe a\\\\b", "x.exe", "a\\\\b");
    SPLIT(t, "x.exe \"\"", "x.exe", "");
    SPLIT(t, "x.exe \"\" \"\"", "x.exe", "", "");
    SPLIT(t, "x.exe \"a\"\"b\"", "x.exe", "a\"b");
    SPLIT(t, "x.exe \"\"\"a\"", "x.exe", "\"a");
    SPLIT(t, "x.exe \"unterminated arg", "x.exe", "unterminated arg");
    SPLIT(t, "x.exe a\nb", "x.exe", "a\nb");
}

static void ends_argv0_at_the_next_quote_without_escapes(struct test_run *t)
{
    SPLIT(t, "\"C:\\dir\\\" next", "C:\\dir\\", "next");
    SPLIT(t, "\"a\"b c", "a", "b", "c");
    SPLIT(t, "C:\\a\\b\\\"x y", "C:\\a\\b\\\"x", "y");
    SPLIT(t, "\"unterminated program", "unterminated program");
    SPLIT(t, "prog\nx", "prog", "\nx");     /* argv[0] ends at any space, but only blanks separate */
    SPLIT(t, "\"\" a", "", "a");
    size_t count = 99;
    char **argv = cmdline_split("", &count);
    CHECK_U64(t, count, 0);
    cmdline_free_split(argv, count);
}

static void round_trip(struct test_run *t, const char *program, const char *const *args, size_t count)
{
    char *built = cmdline_build(program, args, count);
    if (!CHECK(t, built != NULL))
        return;
    size_t got = 0;
    char **argv = cmdline_split(built, &got);
    bool same = argv && got == count + 1 && strcmp(argv[0], program) == 0;
    for (size_t i = 0; same && i < count; i++)
        same = strcmp(argv[i + 1], args[i]) == 0;
    if (!CHECK(t, same))
        printf("    built: [%s]\n", built);
    cmdline_free_split(argv, got);
    free(built);
}

static void round_trips_hand_picked_arguments(struct test_run *t)
{
    const char *args[] = { "", " ", "\"", "\\", "\\\"", "\"\\", "\\\\\"\\\\", "a b\\", "\"\"", "\" \"",
                           "\t", "\n", "caf\xC3\xA9 \xE2\x82\xAC", "-flag=\"quoted value\"", "--", "\\\\\\" };
    round_trip(t, "C:\\Program Files\\app\\app.exe", args, sizeof args / sizeof args[0]);
    round_trip(t, "", args, sizeof args / sizeof args[0]);
    round_trip(t, "C:\\trailing\\", args, 3);
    round_trip(t, "x", NULL, 0);
}

static void round_trips_thousands_of_random_argument_vectors(struct test_run *t)
{
    static const char *const alphabet[] = { "a", "Z", "0", " ", "\t", "\"", "\\", "\\\\", "\n", "\v",
                                            "\xC3\xA9", "\xF0\x9F\x98\x80", "'", "^", "&", "%", "=" };
    enum { ALPHABET = sizeof alphabet / sizeof alphabet[0], MAX_ARGS = 8 };
    uint32_t random = 2463534242u;
    unsigned failures = 0;
    for (int round = 0; round < 20000 && failures < 3; round++) {
        char storage[MAX_ARGS + 1][128];
        const char *args[MAX_ARGS];
        random ^= random << 13; random ^= random >> 17; random ^= random << 5;
        size_t count = random % (MAX_ARGS + 1);
        for (size_t i = 0; i <= count; i++) {
            storage[i][0] = '\0';
            random ^= random << 13; random ^= random >> 17; random ^= random << 5;
            size_t length = random % 12;
            for (size_t j = 0; j < length; j++) {
                random ^= random << 13; random ^= random >> 17; random ^= random << 5;
                const char *piece = alphabet[random % ALPHABET];
                if (i == count && piece[0] == '"')
                    piece = "p";                     /* a program path never holds a quote */
                strcat(storage[i], piece);
            }
            if (i < count)
                args[i] = storage[i];
        }
        unsigned before = t->current_failed ? 1 : 0;
        round_trip(t, storage[count], args, count);
        failures += (t->current_failed ? 1u : 0u) - before;
    }
}

void suite_cmdline(struct test_run *t)
{
    RUN(t, quotes_only_the_arguments_that_need_it, "quotes only empty arguments and those with blanks or quotes");
    RUN(t, doubles_backslashes_only_before_a_quote_or_the_closing_quote,
        "doubles backslashes only before a quote or the closing quote");
    RUN(t, splits_by_the_commandlinetoargvw_rules, "splits by the CommandLineToArgvW rules, quote runs included");
    RUN(t, ends_argv0_at_the_next_quote_without_escapes, "ends argv[0] at the next quote or whitespace, without escapes");
    RUN(t, round_trips_hand_picked_arguments, "split(build(p, args)) == [p, ...args] for hand-picked arguments");
    RUN(t, round_trips_thousands_of_random_argument_vectors,
        "split(build(p, args)) == [p, ...args] for 20000 random vectors of quotes, backslashes, blanks, unicode");
}
