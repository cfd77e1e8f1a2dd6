/* libFuzzer target: cmdline_split on any text, and the round-trip property
 * split(build(p, args)) == [p, ...args], with the input cut at NUL bytes into
 * p and args (p may not contain '"', as config_parse guarantees). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "cmdline.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text = malloc(size + 1);
    if (!text)
        return 0;
    memcpy(text, data, size);
    text[size] = '\0';

    size_t count = 0;
    char **argv = cmdline_split(text, &count);
    cmdline_free_split(argv, count);

    enum { MAX_PARTS = 64 };
    const char *parts[MAX_PARTS];
    size_t part_count = 0;
    for (size_t at = 0; at <= size && part_count < MAX_PARTS;) {
        parts[part_count++] = text + at;
        at += strlen(text + at) + 1;
    }
    for (char *c = text; c < text + strlen(parts[0]); c++)
        if (*c == '"')
            *c = 'q';
    char *built = cmdline_build(parts[0], parts + 1, part_count - 1);
    if (built) {
        argv = cmdline_split(built, &count);
        if (!argv || count != part_count)
            abort();
        for (size_t i = 0; i < count; i++)
            if (strcmp(argv[i], parts[i]) != 0)
                abort();
        cmdline_free_split(argv, count);
        free(built);
    }
    free(text);
    return 0;
}
