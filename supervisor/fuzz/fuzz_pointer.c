/* libFuzzer target: the release pointer parser on any bytes, and the property that a
 * version it accepts is a safe folder name that release_path joins unchanged. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "release.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char version[RELEASE_VERSION_MAX + 1], problem[300];
    unsigned line = 0;
    if (!release_pointer_parse((const char *)data, size, version, &line, problem, sizeof problem))
        return 0;
    if (!release_version_check(version, problem, sizeof problem))
        abort();
    char *path = release_path("C:\\r", version, NULL);
    if (path && strcmp(path + 5, version) != 0)
        abort();
    free(path);
    return 0;
}
