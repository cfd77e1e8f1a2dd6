/* Writes the status JSON (statusjson.h) atomically: temp file, then MoveFileExW
 * REPLACE_EXISTING, so a reader never sees half a file. */
#ifndef SVCFORGE_STATUSFILE_H
#define SVCFORGE_STATUSFILE_H

#include <stddef.h>
#include <wchar.h>
#include "statusjson.h"

void statusfile_write(const wchar_t *path, const struct status_info *status);
/* Current UTC time as "2026-11-25T14:27:48.123Z". */
void statusfile_now_iso(char *buf, size_t size);

#endif
