/* envdump.exe: prints "argc=N", each argument as "arg[i]=VALUE" (exact, UTF-8),
 * "cwd=PATH", then each environment entry as "env=NAME=VALUE". */
#include "out.h"

int wmain(int argc, wchar_t **argv)
{
    char line[64];
    snprintf(line, sizeof line, "argc=%d", argc);
    out_line(line);
    for (int i = 0; i < argc; i++) {
        wchar_t prefix[32];
        _snwprintf(prefix, 32, L"arg[%d]=", i);
        out_wide_line(prefix, argv[i]);
    }
    wchar_t cwd[MAX_PATH];
    GetCurrentDirectoryW(MAX_PATH, cwd);
    out_wide_line(L"cwd=", cwd);
    wchar_t *env = GetEnvironmentStringsW();
    for (wchar_t *p = env; *p; p += wcslen(p) + 1)
        out_wide_line(L"env=", p);
    FreeEnvironmentStringsW(env);
    return 0;
}
