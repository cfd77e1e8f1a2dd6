/* memhog.exe MB: allocates and touches MB megabytes, prints "holding N MB", then
 * waits for Ctrl+C (prints "got ctrl-c", exits 0). For the memory watchdog. */
#include <stdlib.h>
#include "out.h"

static BOOL WINAPI on_ctrl(DWORD type)
{
    (void)type;
    out_line("got ctrl-c");
    ExitProcess(0);
}

int wmain(int argc, wchar_t **argv)
{
    unsigned long mb = argc > 1 ? wcstoul(argv[1], NULL, 10) : 64;
    SetConsoleCtrlHandler(on_ctrl, TRUE);
    char *p = malloc(mb * 1024 * 1024);
    if (p == NULL) {
        out_line("malloc failed");
        return 1;
    }
    for (unsigned long i = 0; i < mb * 1024 * 1024; i += 4096)
        p[i] = (char)i;
    char line[64];
    snprintf(line, sizeof line, "holding %lu MB", mb);
    out_line(line);
    Sleep(INFINITE);
    return 0;
}
