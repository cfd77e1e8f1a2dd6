/* rawpipe.exe [--new-console] OUTFILE PROGRAM [ARGS...]: the ceiling for any pipe-reading supervisor.
 * Starts PROGRAM with stdout and stderr on one anonymous pipe and copies the pipe to
 * OUTFILE with a plain ReadFile/WriteFile loop (64 KB buffer), nothing else: no line
 * scanning, no rotation, no timestamps. Prints "rawpipe: BYTES bytes in MS ms" (child
 * creation to last write) on stderr and exits with the child's exit code.
 * --new-console starts the child in a console of its own (CREATE_NEW_CONSOLE), the way
 * svcforge-host did before it shared one hidden console per service: the same loop,
 * plus the cost of that process model. */
#define WIN32_LEAN_AND_MEAN
#include <windows.h>
#include <stdio.h>
#include <wchar.h>

static int fail(const wchar_t *what)
{
    fwprintf(stderr, L"rawpipe: %ls failed: error %lu\n", what, GetLastError());
    return 120;
}

int wmain(int argc, wchar_t **argv)
{
    int new_console = argc > 1 && wcscmp(argv[1], L"--new-console") == 0;
    if (argc < 3 + new_console) {
        fwprintf(stderr, L"usage: rawpipe [--new-console] OUTFILE PROGRAM [ARGS...]\n");
        return 2;
    }
    const wchar_t *outfile = argv[1 + new_console];
    /* The child's command line: everything after OUTFILE, as it was given to us. */
    const wchar_t *cmd = GetCommandLineW();
    int field = 0;
    int quoted = 0;
    while (*cmd && field < 2 + new_console) {
        if (*cmd == L'"') quoted = !quoted;
        else if ((*cmd == L' ' || *cmd == L'\t') && !quoted) {
            while (cmd[1] == L' ' || cmd[1] == L'\t') cmd++;
            field++;
        }
        cmd++;
    }
    wchar_t *child_cmd = _wcsdup(cmd);

    HANDLE out = CreateFileW(outfile, GENERIC_WRITE, FILE_SHARE_READ, NULL, CREATE_ALWAYS,
                             FILE_ATTRIBUTE_NORMAL, NULL);
    if (out == INVALID_HANDLE_VALUE) return fail(L"CreateFileW");

    SECURITY_ATTRIBUTES sa = { sizeof sa, NULL, TRUE };
    HANDLE rd, wr;
    if (!CreatePipe(&rd, &wr, &sa, 65536)) return fail(L"CreatePipe");
    SetHandleInformation(rd, HANDLE_FLAG_INHERIT, 0);

    STARTUPINFOW si;
    ZeroMemory(&si, sizeof si);
    si.cb = sizeof si;
    si.dwFlags = STARTF_USESTDHANDLES | STARTF_USESHOWWINDOW;
    si.wShowWindow = SW_HIDE;
    si.hStdInput = GetStdHandle(STD_INPUT_HANDLE);
    si.hStdOutput = wr;
    si.hStdError = wr;
    PROCESS_INFORMATION pi;
    LARGE_INTEGER freq, t0, t1;
    QueryPerformanceFrequency(&freq);
    QueryPerformanceCounter(&t0);
    if (!CreateProcessW(NULL, child_cmd, NULL, NULL, TRUE, new_console ? CREATE_NEW_CONSOLE : 0, NULL, NULL, &si, &pi))
        return fail(L"CreateProcessW");
    CloseHandle(wr);
    CloseHandle(pi.hThread);

    static char buf[65536];
    unsigned long long total = 0;
    for (;;) {
        DWORD got = 0;
        if (!ReadFile(rd, buf, sizeof buf, &got, NULL) || got == 0) break;
        DWORD put = 0;
        if (!WriteFile(out, buf, got, &put, NULL) || put != got) return fail(L"WriteFile");
        total += got;
    }
    QueryPerformanceCounter(&t1);
    WaitForSingleObject(pi.hProcess, INFINITE);
    DWORD code = 0;
    GetExitCodeProcess(pi.hProcess, &code);
    CloseHandle(out);
    fwprintf(stderr, L"rawpipe: %llu bytes in %.1f ms\n", total,
             (double)(t1.QuadPart - t0.QuadPart) * 1000.0 / (double)freq.QuadPart);
    return (int)code;
}
