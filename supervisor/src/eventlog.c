/* Lifecycle events to the Application event log (ReportEventW). No message file is
 * registered: the text goes in as the event's only insertion string, event id 1. */
#include <windows.h>
#include <stdbool.h>
#include "eventlog.h"

static HANDLE source_handle;
static bool reporting;

DWORD eventlog_open(const wchar_t *source)
{
    if (source_handle != NULL)
        return ERROR_SUCCESS;
    source_handle = RegisterEventSourceW(NULL, source);
    if (source_handle == NULL)
        return GetLastError();
    reporting = true;
    return ERROR_SUCCESS;
}

DWORD eventlog_report(WORD type, const wchar_t *message)
{
    if (!reporting)
        return ERROR_SUCCESS;
    const wchar_t *strings[1] = { message };
    if (!ReportEventW(source_handle, type, 0, 1, NULL, 1, 0, strings, NULL)) {
        DWORD err = GetLastError();
        /* Stop reporting so the caller's warning about it cannot recurse or repeat forever. */
        reporting = false;
        return err;
    }
    return ERROR_SUCCESS;
}

DWORD eventlog_close(void)
{
    if (source_handle == NULL)
        return ERROR_SUCCESS;
    reporting = false;
    DWORD err = ERROR_SUCCESS;
    if (!DeregisterEventSource(source_handle))
        err = GetLastError();
    source_handle = NULL;
    return err;
}
