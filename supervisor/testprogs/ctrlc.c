/* ctrlc.exe: prints "ready", waits for Ctrl+C, prints "got ctrl-c", exits 0 at once. */
#include "out.h"

static BOOL WINAPI on_ctrl(DWORD type)
{
    if (type == CTRL_C_EVENT || type == CTRL_BREAK_EVENT) {
        out_line("got ctrl-c");
        ExitProcess(0);
    }
    return FALSE;
}

int wmain(void)
{
    SetConsoleCtrlHandler(on_ctrl, TRUE);
    out_line("ready");
    Sleep(INFINITE);
    return 0;
}
