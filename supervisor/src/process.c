/* Child process, Job object, graceful stop. */
#include <windows.h>
#include <psapi.h>
#include <stdlib.h>
#include "process.h"
#include "joblimits.h"
#include "hostlog.h"
#include "winerr.h"
#include "wstr.h"

_Static_assert(JL_LIMIT_AFFINITY == JOB_OBJECT_LIMIT_AFFINITY, "job flag");
_Static_assert(JL_LIMIT_PRIORITY_CLASS == JOB_OBJECT_LIMIT_PRIORITY_CLASS, "job flag");
_Static_assert(JL_LIMIT_JOB_MEMORY == JOB_OBJECT_LIMIT_JOB_MEMORY, "job flag");
_Static_assert(JL_LIMIT_DIE_ON_UNHANDLED_EXCEPTION == JOB_OBJECT_LIMIT_DIE_ON_UNHANDLED_EXCEPTION, "job flag");
_Static_assert(JL_LIMIT_KILL_ON_JOB_CLOSE == JOB_OBJECT_LIMIT_KILL_ON_JOB_CLOSE, "job flag");
_Static_assert(JL_IDLE_PRIORITY_CLASS == IDLE_PRIORITY_CLASS, "priority");
_Static_assert(JL_BELOW_NORMAL_PRIORITY_CLASS == BELOW_NORMAL_PRIORITY_CLASS, "priority");
_Static_assert(JL_NORMAL_PRIORITY_CLASS == NORMAL_PRIORITY_CLASS, "priority");
_Static_assert(JL_ABOVE_NORMAL_PRIORITY_CLASS == ABOVE_NORMAL_PRIORITY_CLASS, "priority");
_Static_assert(JL_HIGH_PRIORITY_CLASS == HIGH_PRIORITY_CLASS, "priority");
_Static_assert(JL_CPU_RATE_CONTROL_ENABLE == JOB_OBJECT_CPU_RATE_CONTROL_ENABLE, "cpu");
_Static_assert(JL_CPU_RATE_CONTROL_HARD_CAP == JOB_OBJECT_CPU_RATE_CONTROL_HARD_CAP, "cpu");

static bool console_mode;
/* Service mode: the host owns one hidden console that every child shares (made once
 * per service; a console per child costs a conhost start each time under Wine). */
static bool shared_console;
static volatile LONG64 ctrl_c_sent_at;

static BOOL WINAPI swallow_ctrl_c(DWORD type)
{
    /* Service mode: the only console is the hidden one we made for our children, so
     * any Ctrl+C/Break we see is the one we raised for a child. Never let the
     * default handler end the host. */
    return type == CTRL_C_EVENT || type == CTRL_BREAK_EVENT;
}

/* ShowWindow(SW_HIDE) through a user32 loaded only when there is a window to hide:
 * importing user32 costs the host megabytes of working set under Wine. */
static void hide_window(HWND window)
{
    HMODULE user32 = LoadLibraryW(L"user32.dll");
    if (user32 == NULL) {
        winerr_log(LOG_WARN, L"LoadLibraryW", L"user32.dll; the console window stays as it is", GetLastError());
        return;
    }
    typedef BOOL (WINAPI *show_window_fn)(HWND, int);
    show_window_fn show = (show_window_fn)(void (*)(void))GetProcAddress(user32, "ShowWindow");
    if (show == NULL)
        winerr_log(LOG_WARN, L"GetProcAddress", L"ShowWindow", GetLastError());
    else
        show(window, SW_HIDE);  /* returns the previous visibility, not an error */
    /* user32 stays loaded: unloading it under a thread it made a GUI thread is not safe. */
}

/* One hidden console for the host; children attach to it. false: none could be
 * made (the caller falls back to a new console per child). */
static bool alloc_shared_console(void)
{
    HANDLE std_handles[3] = { GetStdHandle(STD_INPUT_HANDLE), GetStdHandle(STD_OUTPUT_HANDLE),
                              GetStdHandle(STD_ERROR_HANDLE) };
    /* A console inherited from whoever started us is not ours to signal: Ctrl+C for
     * process group 0 would reach every process on it. Leave it, make a private one. */
    if ((GetConsoleWindow() != NULL || GetConsoleCP() != 0) && !FreeConsole())
        winerr_log(LOG_WARN, L"FreeConsole", L"inherited console", GetLastError());
    bool ok = AllocConsole() != 0;
    if (!ok)
        winerr_log(LOG_WARN, L"AllocConsole", L"shared hidden console; falling back to a console per child",
                   GetLastError());
    HWND window = ok ? GetConsoleWindow() : NULL;
    if (window != NULL)
        hide_window(window);
    /* AllocConsole points the standard handles at the new console: keep ours. */
    const DWORD ids[3] = { STD_INPUT_HANDLE, STD_OUTPUT_HANDLE, STD_ERROR_HANDLE };
    for (int i = 0; i < 3; i++)
        if (!SetStdHandle(ids[i], std_handles[i]))
            winerr_log(LOG_WARN, L"SetStdHandle", L"after AllocConsole", GetLastError());
    return ok;
}

void process_set_console_mode(bool on)
{
    console_mode = on;
    if (on)
        return;
    if (!SetConsoleCtrlHandler(swallow_ctrl_c, TRUE))
        winerr_log(LOG_WARN, L"SetConsoleCtrlHandler", L"service mode", GetLastError());
    shared_console = alloc_shared_console();
    /* Children inherit the "ignore Ctrl+C" flag of the process that creates them:
     * make sure ours is clear (it is never set again; swallow_ctrl_c does the ignoring). */
    if (shared_console && !SetConsoleCtrlHandler(NULL, FALSE))
        winerr_log(LOG_WARN, L"SetConsoleCtrlHandler", L"clear ignore flag", GetLastError());
}

bool process_ctrl_c_in_flight(void)
{
    LONG64 at = ctrl_c_sent_at;
    return at != 0 && GetTickCount64() - (ULONGLONG)at < 2000;
}

/* CreateProcessW that lets the child inherit exactly the given handles (the host's
 * own inheritable handles, e.g. console-mode stdio, stay out), through
 * PROC_THREAD_ATTRIBUTE_HANDLE_LIST. Falls back to plain inheritance if the
 * attribute list cannot be built. */
static BOOL create_process(const wchar_t *application, wchar_t *command_line, DWORD flags, void *environment,
                           const wchar_t *workdir, STARTUPINFOW *si, PROCESS_INFORMATION *pi)
{
    HANDLE list[3];
    DWORD count = 0;
    HANDLE candidates[3] = { si->hStdInput, si->hStdOutput, si->hStdError };
    for (int i = 0; i < 3; i++) {
        HANDLE h = candidates[i];
        if (h == NULL || h == INVALID_HANDLE_VALUE)
            continue;
        bool seen = false;
        for (DWORD k = 0; k < count; k++)
            seen = seen || list[k] == h;
        if (!seen)
            list[count++] = h;
    }
    SIZE_T size = 0;
    InitializeProcThreadAttributeList(NULL, 1, 0, &size);
    LPPROC_THREAD_ATTRIBUTE_LIST attrs = count ? malloc(size) : NULL;
    if (attrs != NULL && !InitializeProcThreadAttributeList(attrs, 1, 0, &size)) {
        winerr_log(LOG_WARN, L"InitializeProcThreadAttributeList", NULL, GetLastError());
        free(attrs);
        attrs = NULL;
    }
    if (attrs != NULL && !UpdateProcThreadAttribute(attrs, 0, PROC_THREAD_ATTRIBUTE_HANDLE_LIST, list,
                                                    count * sizeof(HANDLE), NULL, NULL)) {
        winerr_log(LOG_WARN, L"UpdateProcThreadAttribute", L"PROC_THREAD_ATTRIBUTE_HANDLE_LIST", GetLastError());
        DeleteProcThreadAttributeList(attrs);
        free(attrs);
        attrs = NULL;
    }
    STARTUPINFOEXW six;
    ZeroMemory(&six, sizeof six);
    six.StartupInfo = *si;
    six.StartupInfo.cb = sizeof six;
    six.lpAttributeList = attrs;
    BOOL ok = CreateProcessW(application, command_line, NULL, NULL, count > 0,
                             flags | (attrs ? EXTENDED_STARTUPINFO_PRESENT : 0), environment, workdir,
                             attrs ? &six.StartupInfo : si, pi);
    DWORD err = GetLastError();
    if (attrs != NULL) {
        DeleteProcThreadAttributeList(attrs);
        free(attrs);
    }
    SetLastError(err);
    return ok;
}

static HANDLE create_job(const struct config *config, const wchar_t *label)
{
    HANDLE job = CreateJobObjectW(NULL, NULL);
    if (job == NULL) {
        winerr_log(LOG_ERROR, L"CreateJobObjectW", label, GetLastError());
        return NULL;
    }
    DWORD_PTR process_mask = 0, system_mask = 0;
    if (!GetProcessAffinityMask(GetCurrentProcess(), &process_mask, &system_mask)) {
        winerr_log(LOG_WARN, L"GetProcessAffinityMask", NULL, GetLastError());
        system_mask = (DWORD_PTR)-1;
    }
    struct job_limits limits;
    bool dropped = false;
    job_limits_from_config(config, system_mask, &limits, &dropped);
    if (dropped)
        hostlog_write(LOG_WARN, L"affinity 0x%llx names no processor of this machine (0x%llx); not set",
                      (unsigned long long)config->affinity_mask, (unsigned long long)system_mask);

    JOBOBJECT_EXTENDED_LIMIT_INFORMATION info;
    ZeroMemory(&info, sizeof info);
    info.BasicLimitInformation.LimitFlags = limits.limit_flags;
    info.BasicLimitInformation.PriorityClass = limits.priority_class;
    info.BasicLimitInformation.Affinity = (ULONG_PTR)limits.affinity;
    info.JobMemoryLimit = (SIZE_T)limits.job_memory_limit;
    if (!SetInformationJobObject(job, JobObjectExtendedLimitInformation, &info, sizeof info)) {
        DWORD err = GetLastError();
        winerr_log(LOG_WARN, L"SetInformationJobObject", L"JobObjectExtendedLimitInformation", err);
        /* Keep kill-on-close at least: without it grandchildren outlive a stop. */
        ZeroMemory(&info, sizeof info);
        info.BasicLimitInformation.LimitFlags = JOB_OBJECT_LIMIT_KILL_ON_JOB_CLOSE;
        if (!SetInformationJobObject(job, JobObjectExtendedLimitInformation, &info, sizeof info)) {
            winerr_log(LOG_ERROR, L"SetInformationJobObject", L"KILL_ON_JOB_CLOSE", GetLastError());
            CloseHandle(job);
            return NULL;
        }
    }
    if (limits.cpu_rate_enabled) {
        JOBOBJECT_CPU_RATE_CONTROL_INFORMATION cpu;
        ZeroMemory(&cpu, sizeof cpu);
        cpu.ControlFlags = limits.cpu_control_flags;
        cpu.CpuRate = limits.cpu_rate;
        if (!SetInformationJobObject(job, JobObjectCpuRateControlInformation, &cpu, sizeof cpu)) {
            winerr_log(LOG_WARN, L"SetInformationJobObject", L"JobObjectCpuRateControlInformation", GetLastError());
            hostlog_write(LOG_WARN, L"CPU rate limit %u%% not applied; the program runs without it",
                          config->limit_cpu_percent);
        }
    }
    return job;
}

HANDLE process_create_job(const struct config *config, const wchar_t *label)
{
    return create_job(config, label);
}

bool process_start(const struct config *config, const struct child_spec *spec, HANDLE job, struct child *out)
{
    ZeroMemory(out, sizeof *out);

    STARTUPINFOW si;
    ZeroMemory(&si, sizeof si);
    si.cb = sizeof si;
    si.dwFlags = STARTF_USESTDHANDLES | STARTF_USESHOWWINDOW;
    si.wShowWindow = SW_HIDE;
    si.hStdInput = spec->std_in;
    si.hStdOutput = spec->std_out;
    si.hStdError = spec->std_err;
    struct job_limits limits;
    bool dropped;
    job_limits_from_config(config, (uint64_t)-1, &limits, &dropped);
    DWORD flags = CREATE_SUSPENDED | (shared_console ? 0 : CREATE_NEW_CONSOLE) | CREATE_UNICODE_ENVIRONMENT
                | limits.priority_class;
    PROCESS_INFORMATION pi;
    if (!create_process(spec->application, spec->command_line, flags, (void *)spec->environment,
                        spec->workdir, &si, &pi)) {
        DWORD err = GetLastError();
        winerr_log(LOG_ERROR, L"CreateProcessW", spec->application, err);
        CloseHandle(job);
        return false;
    }
    if (!AssignProcessToJobObject(job, pi.hProcess)) {
        winerr_log(LOG_ERROR, L"AssignProcessToJobObject", spec->application, GetLastError());
        TerminateProcess(pi.hProcess, 1);
        CloseHandle(pi.hThread);
        CloseHandle(pi.hProcess);
        CloseHandle(job);
        return false;
    }
    if (ResumeThread(pi.hThread) == (DWORD)-1) {
        winerr_log(LOG_ERROR, L"ResumeThread", spec->application, GetLastError());
        TerminateJobObject(job, 1);
        CloseHandle(pi.hThread);
        CloseHandle(pi.hProcess);
        CloseHandle(job);
        return false;
    }
    CloseHandle(pi.hThread);
    out->process = pi.hProcess;
    out->job = job;
    out->pid = pi.dwProcessId;
    return true;
}

static void send_ctrl_c(DWORD pid)
{
    if (shared_console) {
        /* The child is on our hidden console: raise Ctrl+C for everyone on it (the
         * child, its grandchildren, and us: swallow_ctrl_c returns TRUE). No ignore
         * flag is set, so nothing leaks into the next child. */
        ctrl_c_sent_at = (LONG64)GetTickCount64();
        if (!GenerateConsoleCtrlEvent(CTRL_C_EVENT, 0))
            winerr_log(LOG_WARN, L"GenerateConsoleCtrlEvent", L"CTRL_C_EVENT", GetLastError());
        return;
    }
    /* A process has at most one console: leave ours (if any), join the child's,
     * ignore the event ourselves, raise it for every process on that console.
     * Attaching and freeing consoles rewrites the standard handles, so keep ours. */
    HANDLE std_handles[3] = { GetStdHandle(STD_INPUT_HANDLE), GetStdHandle(STD_OUTPUT_HANDLE),
                              GetStdHandle(STD_ERROR_HANDLE) };
    bool had_console = GetConsoleWindow() != NULL || GetConsoleCP() != 0;
    ctrl_c_sent_at = (LONG64)GetTickCount64();
    FreeConsole();
    if (!AttachConsole(pid)) {
        winerr_log(LOG_WARN, L"AttachConsole", L"child console", GetLastError());
    } else {
        if (!SetConsoleCtrlHandler(NULL, TRUE))
            winerr_log(LOG_WARN, L"SetConsoleCtrlHandler", L"ignore", GetLastError());
        if (!GenerateConsoleCtrlEvent(CTRL_C_EVENT, 0))
            winerr_log(LOG_WARN, L"GenerateConsoleCtrlEvent", L"CTRL_C_EVENT", GetLastError());
        if (!FreeConsole())
            winerr_log(LOG_WARN, L"FreeConsole", NULL, GetLastError());
    }
    ctrl_c_sent_at = (LONG64)GetTickCount64();
    if (console_mode && had_console && !AttachConsole(ATTACH_PARENT_PROCESS))
        winerr_log(LOG_INFO, L"AttachConsole", L"parent console; the host's output keeps going to its log file",
                   GetLastError());
    /* The ignore flag is inherited by the next child: it would never see Ctrl+C.
     * A late delivery of the event we raised goes to our own handler instead, which
     * swallows it (process_ctrl_c_in_flight). */
    if (!SetConsoleCtrlHandler(NULL, FALSE))
        winerr_log(LOG_WARN, L"SetConsoleCtrlHandler", L"restore", GetLastError());
    SetStdHandle(STD_INPUT_HANDLE, std_handles[0]);
    SetStdHandle(STD_OUTPUT_HANDLE, std_handles[1]);
    SetStdHandle(STD_ERROR_HANDLE, std_handles[2]);
}

static bool wait_exit(struct child *child, uint64_t timeout_ms, process_progress_fn progress, void *context)
{
    ULONGLONG deadline = GetTickCount64() + timeout_ms;
    for (;;) {
        ULONGLONG now = GetTickCount64();
        DWORD slice = now >= deadline ? 0 : (DWORD)(deadline - now > 500 ? 500 : deadline - now);
        DWORD w = WaitForSingleObject(child->process, slice);
        if (w == WAIT_OBJECT_0)
            return true;
        if (w == WAIT_FAILED) {
            winerr_log(LOG_ERROR, L"WaitForSingleObject", L"child", GetLastError());
            return false;
        }
        if (GetTickCount64() >= deadline)
            return false;
        if (progress != NULL)
            progress(context);
    }
}

bool process_stop(struct child *child, uint64_t timeout_ms, process_progress_fn progress, void *context)
{
    if (WaitForSingleObject(child->process, 0) == WAIT_OBJECT_0)
        return true;
    hostlog_write(LOG_INFO, L"stopping pid=%lu: Ctrl+C sent, waiting up to %llu ms",
                  (unsigned long)child->pid, (unsigned long long)timeout_ms);
    send_ctrl_c(child->pid);
    if (wait_exit(child, timeout_ms, progress, context)) {
        hostlog_write(LOG_INFO, L"pid=%lu exited after Ctrl+C", (unsigned long)child->pid);
        return true;
    }
    hostlog_event(LOG_WARN, L"stop timeout: pid=%lu still running after %llu ms; terminating its job",
                  (unsigned long)child->pid, (unsigned long long)timeout_ms);
    if (!TerminateJobObject(child->job, 1))
        winerr_log(LOG_ERROR, L"TerminateJobObject", NULL, GetLastError());
    if (!wait_exit(child, 10000, progress, context)) {
        hostlog_write(LOG_WARN, L"pid=%lu did not end after TerminateJobObject; TerminateProcess",
                      (unsigned long)child->pid);
        if (!TerminateProcess(child->process, 1))
            winerr_log(LOG_ERROR, L"TerminateProcess", NULL, GetLastError());
        WaitForSingleObject(child->process, 5000);
    }
    return false;
}

unsigned process_kill_leftovers(struct child *child)
{
    /* Count the job's processes other than the child itself (Wine keeps an exited
     * child in ActiveProcesses for a moment), then terminate whatever is left. */
    struct { JOBOBJECT_BASIC_PROCESS_ID_LIST list; ULONG_PTR more[255]; } ids;
    ZeroMemory(&ids, sizeof ids);
    unsigned others = 0;
    if (QueryInformationJobObject(child->job, JobObjectBasicProcessIdList, &ids, sizeof ids, NULL)) {
        for (DWORD i = 0; i < ids.list.NumberOfProcessIdsInList; i++)
            if ((DWORD)ids.list.ProcessIdList[i] != child->pid) {
                DWORD pid = (DWORD)ids.list.ProcessIdList[i];
                wchar_t image[MAX_PATH] = L"?";
                DWORD size = MAX_PATH;
                HANDLE h = OpenProcess(PROCESS_QUERY_LIMITED_INFORMATION, FALSE, pid);
                if (h != NULL) {
                    if (!QueryFullProcessImageNameW(h, 0, image, &size))
                        wcscpy(image, L"?");
                    CloseHandle(h);
                }
                /* The child's own console host, and under Wine the desktop process
                 * its hidden console window starts, land in the job: no leftovers. */
                const wchar_t *base = wcsrchr(image, L'\\');
                base = base ? base + 1 : image;
                if (_wcsicmp(base, L"conhost.exe") == 0 || _wcsicmp(base, L"explorer.exe") == 0)
                    continue;
                hostlog_write(LOG_INFO, L"leftover process pid=%lu (%ls) of pid=%lu", (unsigned long)pid, image,
                              (unsigned long)child->pid);
                others++;
            }
    } else {
        DWORD err = GetLastError();
        if (err != ERROR_MORE_DATA)
            winerr_log(LOG_WARN, L"QueryInformationJobObject", L"JobObjectBasicProcessIdList", err);
        others = ids.list.NumberOfAssignedProcesses;
    }
    if (!TerminateJobObject(child->job, 1))
        winerr_log(LOG_ERROR, L"TerminateJobObject", L"leftovers", GetLastError());
    /* Wait (bounded) until the job is empty so the next start is clean. */
    JOBOBJECT_BASIC_ACCOUNTING_INFORMATION acct;
    for (int i = 0; i < 100; i++) {
        if (!QueryInformationJobObject(child->job, JobObjectBasicAccountingInformation, &acct, sizeof acct, NULL)
            || acct.ActiveProcesses == 0)
            break;
        Sleep(10);
    }
    return others;
}

uint64_t process_working_set(struct child *child)
{
    struct { JOBOBJECT_BASIC_PROCESS_ID_LIST list; ULONG_PTR more[255]; } ids;
    ZeroMemory(&ids, sizeof ids);
    uint64_t total = 0;
    if (QueryInformationJobObject(child->job, JobObjectBasicProcessIdList, &ids, sizeof ids, NULL)
        && ids.list.NumberOfProcessIdsInList > 0) {
        for (DWORD i = 0; i < ids.list.NumberOfProcessIdsInList; i++) {
            DWORD pid = (DWORD)ids.list.ProcessIdList[i];
            HANDLE h = OpenProcess(PROCESS_QUERY_LIMITED_INFORMATION | PROCESS_VM_READ, FALSE, pid);
            if (h == NULL)
                continue;      /* exited meanwhile */
            PROCESS_MEMORY_COUNTERS pmc;
            if (K32GetProcessMemoryInfo(h, &pmc, sizeof pmc))
                total += pmc.WorkingSetSize;
            CloseHandle(h);
        }
        return total;
    }
    PROCESS_MEMORY_COUNTERS pmc;
    if (!K32GetProcessMemoryInfo(child->process, &pmc, sizeof pmc)) {
        winerr_log(LOG_WARN, L"GetProcessMemoryInfo", NULL, GetLastError());
        return 0;
    }
    return pmc.WorkingSetSize;
}

DWORD process_exit_code(struct child *child)
{
    DWORD code = 0;
    if (!GetExitCodeProcess(child->process, &code)) {
        winerr_log(LOG_ERROR, L"GetExitCodeProcess", NULL, GetLastError());
        return 1;
    }
    return code;
}

void process_close(struct child *child)
{
    if (child->process != NULL)
        CloseHandle(child->process);
    if (child->job != NULL)
        CloseHandle(child->job);
    child->process = child->job = NULL;
    child->pid = 0;
}

int64_t process_run_hook(const wchar_t *label, const char *command_utf8, const wchar_t *workdir,
                         const wchar_t *environment, const wchar_t *log_path,
                         uint64_t timeout_ms, HANDLE stop_event)
{
    wchar_t *command = wstr_from_utf8(command_utf8);
    if (command == NULL)
        return -1;
    SECURITY_ATTRIBUTES sa = { sizeof sa, NULL, TRUE };
    HANDLE log = CreateFileW(log_path, FILE_APPEND_DATA, FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE,
                             &sa, OPEN_ALWAYS, FILE_ATTRIBUTE_NORMAL, NULL);
    if (log == INVALID_HANDLE_VALUE) {
        winerr_log(LOG_WARN, L"CreateFileW", log_path, GetLastError());
        log = NULL;
    }
    HANDLE job = CreateJobObjectW(NULL, NULL);
    if (job == NULL) {
        winerr_log(LOG_ERROR, L"CreateJobObjectW", label, GetLastError());
        if (log != NULL)
            CloseHandle(log);
        free(command);
        return -1;
    }
    JOBOBJECT_EXTENDED_LIMIT_INFORMATION info;
    ZeroMemory(&info, sizeof info);
    info.BasicLimitInformation.LimitFlags = JOB_OBJECT_LIMIT_KILL_ON_JOB_CLOSE;
    if (!SetInformationJobObject(job, JobObjectExtendedLimitInformation, &info, sizeof info))
        winerr_log(LOG_WARN, L"SetInformationJobObject", label, GetLastError());

    STARTUPINFOW si;
    ZeroMemory(&si, sizeof si);
    si.cb = sizeof si;
    si.dwFlags = STARTF_USESTDHANDLES;
    si.hStdOutput = log;
    si.hStdError = log;
    PROCESS_INFORMATION pi;
    hostlog_write(LOG_INFO, L"%ls hook: running %ls (timeout %llu ms)", label, command,
                  (unsigned long long)timeout_ms);
    BOOL ok = create_process(NULL, command, CREATE_SUSPENDED | CREATE_NO_WINDOW | CREATE_UNICODE_ENVIRONMENT,
                             (void *)environment, workdir, &si, &pi);
    DWORD err = GetLastError();
    if (log != NULL)
        CloseHandle(log);
    if (!ok) {
        winerr_log(LOG_ERROR, L"CreateProcessW", command, err);
        hostlog_event(LOG_ERROR, L"%ls hook failed: cannot start %ls", label, command);
        CloseHandle(job);
        free(command);
        return -1;
    }
    if (!AssignProcessToJobObject(job, pi.hProcess))
        winerr_log(LOG_WARN, L"AssignProcessToJobObject", label, GetLastError());
    if (ResumeThread(pi.hThread) == (DWORD)-1)
        winerr_log(LOG_ERROR, L"ResumeThread", label, GetLastError());
    CloseHandle(pi.hThread);
    HANDLE waits[2] = { pi.hProcess, stop_event };
    DWORD w = WaitForMultipleObjects(stop_event ? 2 : 1, waits, FALSE,
                                     timeout_ms > 0xFFFFFFF0ull ? INFINITE - 1 : (DWORD)timeout_ms);
    int64_t result = -1;
    if (w == WAIT_OBJECT_0) {
        DWORD code = 0;
        if (!GetExitCodeProcess(pi.hProcess, &code))
            winerr_log(LOG_ERROR, L"GetExitCodeProcess", label, GetLastError());
        result = code;
        if (code == 0)
            hostlog_write(LOG_INFO, L"%ls hook: exit code 0", label);
        else
            hostlog_event(LOG_ERROR, L"%ls hook failed: exit code %lu", label, (unsigned long)code);
    } else if (w == WAIT_OBJECT_0 + 1) {
        hostlog_write(LOG_WARN, L"%ls hook interrupted by stop request; terminated", label);
    } else if (w == WAIT_TIMEOUT) {
        hostlog_event(LOG_ERROR, L"%ls hook failed: still running after %llu ms; terminated", label,
                      (unsigned long long)timeout_ms);
    } else {
        winerr_log(LOG_ERROR, L"WaitForMultipleObjects", label, GetLastError());
    }
    if (w != WAIT_OBJECT_0) {
        if (!TerminateJobObject(job, 1))
            winerr_log(LOG_ERROR, L"TerminateJobObject", label, GetLastError());
        WaitForSingleObject(pi.hProcess, 5000);
    }
    CloseHandle(pi.hProcess);
    CloseHandle(job);
    free(command);
    return result;
}
