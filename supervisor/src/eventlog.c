/* Lifecycle events to the Application event log (ReportEventW). No message file is
 * registered: the text goes in as the event's only insertion string, event id 1. */
#include <windows.h>
#include "eventlog.h"
#include "hostlog.h"
#include "winerr.h"

static HANDLE source_handle;

void eventlog_open(const wchar_t *source)
{
    if (source_handle != NULL)
        return;
    source_handle = RegisterEventSourceW(NULL, source);
    if (source_handle == NULL) {
        winerr_log(LOG_WARN, L"RegisterEventSourceW", source, GetLastError());
        return;
    }
    hostlog_set_event_log(true);
}

void eventlog_report(WORD type, const wchar_t *message)
{
    if (source_handle == NULL)
        return;
    const wchar_t *strings[1] = { message };
    if (!ReportEventW(source_handle, type, 0, 1, NULL, 1, 0, strings, NULL)) {
        DWORD err = GetLastError();
        /* Stop reporting so the warning below cannot recurse or repeat forever. */
        hostlog_set_event_log(false);
        winerr_log(LOG_WARN, L"ReportEventW", L"Application log", err);
    }
}

void eventlog_close(void)
{
    if (source_handle == NULL)
        return;
    hostlog_set_event_log(false);
    if (!DeregisterEventSource(source_handle))
        winerr_log(LOG_WARN, L"DeregisterEventSource", NULL, GetLastError());
    source_handle = NULL;
}
