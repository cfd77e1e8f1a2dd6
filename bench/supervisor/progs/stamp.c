/* stamp.exe [EXITCODE]: for restart latency. Prints "start UNIX_US" as its first line
 * (one WriteFile, so it reaches the supervisor at once), then "exit UNIX_US" and exits
 * with EXITCODE (default 1, a failure, so every restart policy restarts it). Times are
 * GetSystemTimePreciseAsFileTime, the same clock for every process on the machine. */
#define WIN32_LEAN_AND_MEAN
#define _WIN32_WINNT 0x0602
#include <windows.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static unsigned long long now_us(void)
{
    FILETIME ft;
    GetSystemTimePreciseAsFileTime(&ft);
    unsigned long long t = ((unsigned long long)ft.dwHighDateTime << 32) | ft.dwLowDateTime;
    return (t - 116444736000000000ULL) / 10ULL;
}

static void say(const char *what)
{
    char line[64];
    int n = snprintf(line, sizeof line, "%s %llu\r\n", what, now_us());
    DWORD put;
    WriteFile(GetStdHandle(STD_OUTPUT_HANDLE), line, (DWORD)n, &put, NULL);
}

int main(int argc, char **argv)
{
    say("start");
    int code = argc > 1 ? atoi(argv[1]) : 1;
    say("exit");
    return code;
}
