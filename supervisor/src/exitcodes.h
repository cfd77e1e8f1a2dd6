/* Exit codes.
 *
 * Process exit codes of svcforge-host.exe itself (check, protect, rotate, usage):
 *   0 ok; 1 runtime failure; 2 invalid config or usage.
 *
 * Service-specific exit codes (the SCM shows dwWin32ExitCode = 1066
 * ERROR_SERVICE_SPECIFIC_ERROR and dwServiceSpecificExitCode = one of these), also
 * the process exit code of `console` mode:
 *   0     clean stop (stop request, or the policy stopped after exit code 0)
 *   N     the program's own exit code N, forwarded when the restart policy or an
 *         exit_code rule says stop (so SCM recovery actions fire)
 *   7001  config missing, unreadable or invalid
 *   7002  gave up: give_up_failures failures within give_up_window_ms
 *   7003  the program could not be started (CreateProcess/job failed) and the policy stops
 *   7004  log directory or log files could not be opened
 *   7005  secrets could not be read or decrypted and the policy stops
 *   7006  the port was taken (or no free port in port_range) and the policy stops
 *   7007  the pre_start hook failed and the policy stops
 *   7008  internal error (out of memory, event or thread creation failed)
 * A program exit code equal to one of 7001-7008 is ambiguous; the host log says which. */
#ifndef SVCFORGE_EXITCODES_H
#define SVCFORGE_EXITCODES_H

#define HOST_EXIT_OK           0
#define HOST_EXIT_FAILURE      1
#define HOST_EXIT_USAGE        2

#define SVC_EXIT_CONFIG        7001
#define SVC_EXIT_GAVE_UP       7002
#define SVC_EXIT_START_FAILED  7003
#define SVC_EXIT_LOGS          7004
#define SVC_EXIT_SECRETS       7005
#define SVC_EXIT_PORT          7006
#define SVC_EXIT_PRE_START     7007
#define SVC_EXIT_INTERNAL      7008

#endif
