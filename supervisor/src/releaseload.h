/* Release mode on the machine: reads release_pointer and finds the program (and workdir)
 * inside release_root\<version>. Done at every child start, so a restart after deploy
 * rewrote the pointer runs the new release. */
#ifndef SVCFORGE_RELEASELOAD_H
#define SVCFORGE_RELEASELOAD_H

#include <stdbool.h>
#include <wchar.h>
#include "config.h"
#include "release.h"

struct resolved_release {
    char version[RELEASE_VERSION_MAX + 1];
    char *program;           /* UTF-8 full path, for the command line */
    wchar_t *program_w;
    wchar_t *workdir_w;
};

/* true = *out filled (free with releaseload_free). false = *problem is a malloc'd
 * sentence naming the pointer file, the release and the missing path (NULL when out
 * of memory); the caller logs it. */
bool releaseload_resolve(const struct config *config, struct resolved_release *out, wchar_t **problem);
void releaseload_free(struct resolved_release *release);

#endif
