/* lines.exe N [--block | --both]: writes N numbered 54-byte lines
 * "line 0000001 xxx...x\n", one WriteFile per line, or (--block) in 64 KB WriteFile
 * blocks that split lines across block boundaries the way buffered loggers do, or
 * (--both) one WriteFile per line with even lines to stdout and odd ones to stderr. */
#include <stdlib.h>
#include "out.h"

int wmain(int argc, wchar_t **argv)
{
    unsigned long n = argc > 1 ? wcstoul(argv[1], NULL, 10) : 10;
    int block = argc > 2 && wcscmp(argv[2], L"--block") == 0;
    int both = argc > 2 && wcscmp(argv[2], L"--both") == 0;
    HANDLE err = GetStdHandle(STD_ERROR_HANDLE);
    static char buf[65536];
    size_t used = 0;
    char line[64];
    for (unsigned long i = 1; i <= n; i++) {
        int len = snprintf(line, sizeof line, "line %07lu xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\n", i);
        if (both && i % 2 == 1) {
            DWORD written;
            WriteFile(err, line, (DWORD)len, &written, NULL);
            continue;
        }
        if (!block) {
            out_bytes(line, (size_t)len);
            continue;
        }
        for (int k = 0; k < len; k++) {
            buf[used++] = line[k];
            if (used == sizeof buf) {
                out_bytes(buf, used);
                used = 0;
            }
        }
    }
    if (used > 0)
        out_bytes(buf, used);
    return 0;
}
