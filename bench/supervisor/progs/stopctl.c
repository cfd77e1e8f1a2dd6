/* stopctl.exe NAME: sends SERVICE_CONTROL_STOP from a process that is already running.
 * Opens the service first and prints "ready"; on a line from stdin it calls
 * ControlService and prints "sent". The stop-latency bench starts its clock when it
 * writes that line, so Wine's ~100 ms start of net.exe (the same for every
 * supervisor, and most of the noise) stays out of the second stop figure. */
#define WIN32_LEAN_AND_MEAN
#include <windows.h>
#include <stdio.h>

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: stopctl.exe SERVICE\n");
        return 2;
    }
    SC_HANDLE scm = OpenSCManagerA(NULL, NULL, SC_MANAGER_CONNECT);
    SC_HANDLE service = scm ? OpenServiceA(scm, argv[1], SERVICE_STOP) : NULL;
    if (service == NULL) {
        fprintf(stderr, "stopctl: cannot open service %s: error %lu\n", argv[1], GetLastError());
        return 1;
    }
    printf("ready\n");
    fflush(stdout);
    char line[16];
    if (fgets(line, sizeof line, stdin) == NULL)
        return 1;
    SERVICE_STATUS status;
    if (!ControlService(service, SERVICE_CONTROL_STOP, &status)) {
        fprintf(stderr, "stopctl: ControlService(STOP) %s: error %lu\n", argv[1], GetLastError());
        return 1;
    }
    printf("sent\n");
    fflush(stdout);
    CloseServiceHandle(service);
    CloseServiceHandle(scm);
    return 0;
}
