/* crash.exe CODE N: prints N lines, then exits with CODE. */
#include <stdlib.h>
#include "out.h"

int wmain(int argc, wchar_t **argv)
{
    unsigned long code = argc > 1 ? wcstoul(argv[1], NULL, 10) : 3;
    unsigned long n = argc > 2 ? wcstoul(argv[2], NULL, 10) : 1;
    char line[64];
    for (unsigned long i = 1; i <= n; i++) {
        snprintf(line, sizeof line, "crash line %lu of %lu", i, n);
        out_line(line);
    }
    snprintf(line, sizeof line, "crash exiting with %lu", code);
    out_line(line);
    ExitProcess((UINT)code);
}
