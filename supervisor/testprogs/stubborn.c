/* stubborn.exe: ignores Ctrl+C, starts a grandchild (itself with "grandchild") that
 * also ignores it and sleeps forever, prints both pids, sleeps forever. */
#include "out.h"

int wmain(int argc, wchar_t **argv)
{
    SetConsoleCtrlHandler(NULL, TRUE);
    char line[128];
    if (argc > 1 && wcscmp(argv[1], L"grandchild") == 0) {
        snprintf(line, sizeof line, "grandchild pid=%lu", GetCurrentProcessId());
        out_line(line);
        Sleep(INFINITE);
    }
    wchar_t self[MAX_PATH], cmd[MAX_PATH + 32];
    GetModuleFileNameW(NULL, self, MAX_PATH);
    _snwprintf(cmd, MAX_PATH + 32, L"\"%ls\" grandchild", self);
    STARTUPINFOW si;
    ZeroMemory(&si, sizeof si);
    si.cb = sizeof si;
    PROCESS_INFORMATION pi;
    if (!CreateProcessW(self, cmd, NULL, NULL, TRUE, 0, NULL, NULL, &si, &pi)) {
        snprintf(line, sizeof line, "CreateProcessW failed: %lu", GetLastError());
        out_line(line);
        return 1;
    }
    snprintf(line, sizeof line, "stubborn pid=%lu", GetCurrentProcessId());
    out_line(line);
    CloseHandle(pi.hThread);
    CloseHandle(pi.hProcess);
    Sleep(INFINITE);
    return 0;
}
