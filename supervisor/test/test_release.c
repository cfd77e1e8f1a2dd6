/* Release mode: version names, paths inside a release, the pointer file, the release keys. */
#include <stdlib.h>
#include <string.h>
#include "check.h"
#include "config.h"
#include "release.h"

static bool version_ok(const char *v)
{
    char problem[200];
    return release_version_check(v, problem, sizeof problem);
}

static void accepts_safe_versions_and_rejects_unsafe_folder_names(struct test_run *t)
{
    CHECK(t, version_ok("1.2.0"));
    CHECK(t, version_ok("v1.2.0-3-gabc1234-dirty"));
    CHECK(t, version_ok("a_b"));
    CHECK(t, version_ok("CONSOLE"));
    CHECK(t, version_ok("COM0"));
    CHECK(t, version_ok("LPT10"));
    CHECK(t, version_ok("0123456789012345678901234567890123456789012345678901234567890123"));
    CHECK(t, !version_ok("01234567890123456789012345678901234567890123456789012345678901234"));
    CHECK(t, !version_ok(""));
    CHECK(t, !version_ok(".hidden"));
    CHECK(t, !version_ok("-x"));
    CHECK(t, !version_ok("1.2."));
    CHECK(t, !version_ok("1 2"));
    CHECK(t, !version_ok("a/b"));
    CHECK(t, !version_ok("a\\b"));
    CHECK(t, !version_ok(".."));
    CHECK(t, !version_ok("caf\xC3\xA9"));
    CHECK(t, !version_ok("con"));
    CHECK(t, !version_ok("NUL.txt"));
    CHECK(t, !version_ok("Com7"));
    CHECK(t, !version_ok("lpt9.1.0"));
    CHECK(t, !version_ok("aux"));
    char problem[200];
    CHECK(t, !release_version_check("1.2.", problem, sizeof problem));
    CHECK(t, strstr(problem, "cannot end in \".\"") && strstr(problem, "\"1.2.\""));
}

static bool relative_ok(const char *v)
{
    char problem[200];
    return release_check_relative(v, problem, sizeof problem);
}

static void keeps_release_paths_inside_the_release(struct test_run *t)
{
    CHECK(t, relative_ok("gin-hello.exe"));
    CHECK(t, relative_ok("bin\\gin-hello.exe"));
    CHECK(t, relative_ok("bin/gin-hello.exe"));
    CHECK(t, relative_ok("."));
    CHECK(t, relative_ok("..x\\a..b"));
    CHECK(t, !relative_ok(""));
    CHECK(t, !relative_ok(".."));
    CHECK(t, !relative_ok("..\\x.exe"));
    CHECK(t, !relative_ok("bin/../../x.exe"));
    CHECK(t, !relative_ok("bin\\.."));
    CHECK(t, !relative_ok("C:\\x.exe"));
    CHECK(t, !relative_ok("C:x.exe"));
    CHECK(t, !relative_ok("\\x.exe"));
    CHECK(t, !relative_ok("/x.exe"));
    CHECK(t, !relative_ok("x.exe:stream"));
    CHECK(t, !relative_ok("a\"b"));
}

static bool parse(const char *text, char *version, unsigned *line, char *problem)
{
    return release_pointer_parse(text, strlen(text), version, line, problem, 200);
}

static void reads_the_pointer_file(struct test_run *t)
{
    char version[RELEASE_VERSION_MAX + 1], problem[200];
    unsigned line = 99;
    CHECK(t, parse("version = 1\nrelease = 1.2.0\n", version, &line, problem));
    CHECK_STR(t, version, "1.2.0");
    CHECK_U64(t, line, 0);
    CHECK(t, parse("\xEF\xBB\xBF# written by deploy\r\nversion=1\r\n\r\nrelease = \"v2\"", version, &line, problem));
    CHECK_STR(t, version, "v2");

    CHECK(t, !parse("version = 1\nrelease = con\n", version, &line, problem));
    CHECK_U64(t, line, 2);
    CHECK(t, strncmp(problem, "release: ", 9) == 0 && strstr(problem, "device name"));
    CHECK_STR(t, version, "");
    CHECK(t, !parse("version = 2\nrelease = 1\n", version, &line, problem));
    CHECK_U64(t, line, 1);
    CHECK(t, strstr(problem, "unsupported pointer version \"2\"") != NULL);
    CHECK(t, !parse("version = 1\n", version, &line, problem));
    CHECK_U64(t, line, 0);
    CHECK(t, strncmp(problem, "release: required key is missing", 32) == 0);
    CHECK(t, !parse("", version, &line, problem));
    CHECK(t, strncmp(problem, "version: required key is missing", 32) == 0);
    CHECK(t, !parse("version = 1\nrelease = a\nrelease = b\n", version, &line, problem));
    CHECK_U64(t, line, 3);
    CHECK(t, strstr(problem, "duplicate key; already set on line 2") != NULL);
    CHECK(t, !parse("version = 1\ncurrent = a\n", version, &line, problem));
    CHECK_U64(t, line, 2);
    CHECK(t, strstr(problem, "unknown key") != NULL);
    CHECK(t, !parse("just words\n", version, &line, problem));
    CHECK_U64(t, line, 1);
    CHECK(t, !parse("release = \"unterminated\n", version, &line, problem));
    CHECK(t, strncmp(problem, "release: ", 9) == 0);
    CHECK(t, !parse("\xFF\xFEv\0", version, &line, problem));
    CHECK(t, strstr(problem, "UTF-16") != NULL);
    CHECK(t, !parse("version = 1\nrelease = \"a\\x00b\"\n", version, &line, problem));
    CHECK(t, !parse("version = 1\nrelease = 0123456789012345678901234567890123456789012345678901234567890123x\n",
                    version, &line, problem));
}

static void joins_release_paths_with_backslashes(struct test_run *t)
{
    char *p = release_path("C:\\apps\\releases", "1.2.0", "bin/gin-hello.exe");
    CHECK_STR(t, p, "C:\\apps\\releases\\1.2.0\\bin\\gin-hello.exe");
    free(p);
    p = release_path("C:\\apps\\releases\\", "1.2.0", NULL);
    CHECK_STR(t, p, "C:\\apps\\releases\\1.2.0");
    free(p);
    p = release_path("\\\\srv\\share/releases/", "v2", "x.exe");
    CHECK_STR(t, p, "\\\\srv\\share/releases/v2\\x.exe");
    free(p);
}

static int parse_conf(const char *text, struct config *c, struct config_errors *e)
{
    return config_parse(text, strlen(text), "t.conf", c, e);
}

static void release_keys_come_as_a_pair_and_change_what_program_means(struct test_run *t)
{
    struct config c;
    struct config_errors e;
    const char *head = "version = 1\nname = s\nlog_dir = C:\\logs\n";
    char text[512];
    snprintf(text, sizeof text, "%srelease_root = C:\\r\nrelease_pointer = C:\\p\\release.conf\nprogram = a.exe\n"
             "workdir = D:\\data\n", head);
    CHECK(t, parse_conf(text, &c, &e) == 0);
    CHECK_STR(t, c.release_root, "C:\\r");
    CHECK_STR(t, c.release_pointer, "C:\\p\\release.conf");
    CHECK_STR(t, c.program, "a.exe");
    CHECK_STR(t, c.workdir, "D:\\data");
    config_free(&c);

    snprintf(text, sizeof text, "%srelease_pointer = C:\\p\\release.conf\nprogram = C:\\a.exe\n", head);
    CHECK(t, parse_conf(text, &c, &e) == -1);
    CHECK_U64(t, e.count, 2);
    CHECK_STR(t, e.items[0].key, "release_pointer");
    CHECK(t, strstr(e.items[0].message, "needs release_root") != NULL);
    CHECK_STR(t, e.items[1].key, "program");
    CHECK(t, strstr(e.items[1].message, "inside the release folder") != NULL);

    snprintf(text, sizeof text, "%srelease_root = C:\\r\nrelease_pointer = C:\\p\nprogram = a.exe\n"
             "env = svcforge_release=x\n", head);
    CHECK(t, parse_conf(text, &c, &e) == -1);
    CHECK_U64(t, e.count, 1);
    CHECK_U64(t, e.items[0].line, 7);
    CHECK(t, strstr(e.items[0].message, "set by the host") != NULL);

    snprintf(text, sizeof text, "%sprogram = a.exe\nworkdir = data\n", head);
    CHECK(t, parse_conf(text, &c, &e) == -1);
    CHECK_U64(t, e.count, 2);
    CHECK(t, strstr(e.items[0].message, "must be an absolute path") != NULL);
    CHECK_STR(t, e.items[1].key, "workdir");
}

void suite_release(struct test_run *t)
{
    RUN(t, accepts_safe_versions_and_rejects_unsafe_folder_names, "release versions: safe folder names only");
    RUN(t, keeps_release_paths_inside_the_release, "paths inside a release: relative, no .., no drive");
    RUN(t, reads_the_pointer_file, "reads the release pointer file and names the line and key at fault");
    RUN(t, joins_release_paths_with_backslashes, "joins release_root, version and a path inside with backslashes");
    RUN(t, release_keys_come_as_a_pair_and_change_what_program_means,
        "release_root and release_pointer come together and make program relative");
}
