/* Test oracle: splits command lines with Windows' own CommandLineToArgvW (run
 * under Wine). Input on stdin: UTF-8 command lines, each ended by a NUL byte.
 * Output: for each command line, every argument as "<byte length>:<UTF-8 bytes>",
 * then ";" -- length-prefixed so any character can round-trip. */
#include <windows.h>
#include <shellapi.h>
#include <stdio.h>
#include <stdlib.h>
#include <fcntl.h>
#include <io.h>

static void emit_utf8(const wchar_t *text)
{
    int bytes = WideCharToMultiByte(CP_UTF8, 0, text, -1, NULL, 0, NULL, NULL);
    char *buffer = malloc((size_t)bytes);
    if (!buffer) exit(3);
    WideCharToMultiByte(CP_UTF8, 0, text, -1, buffer, bytes, NULL, NULL);
    printf("%d:", bytes - 1);
    fwrite(buffer, 1, (size_t)(bytes - 1), stdout);
    free(buffer);
}

static void split_one(const char *line, size_t length)
{
    int wide_length = MultiByteToWideChar(CP_UTF8, 0, line, (int)length, NULL, 0);
    wchar_t *wide = calloc((size_t)wide_length + 1, sizeof(wchar_t));
    if (!wide) exit(3);
    MultiByteToWideChar(CP_UTF8, 0, line, (int)length, wide, wide_length);
    int count = 0;
    wchar_t **argv = CommandLineToArgvW(wide, &count);
    if (!argv) {
        fprintf(stderr, "CommandLineToArgvW failed: %lu\n", GetLastError());
        exit(2);
    }
    for (int i = 0; i < count; i++) emit_utf8(argv[i]);
    putchar(';');
    LocalFree(argv);
    free(wide);
}

int wmain(void)
{
    _setmode(_fileno(stdin), _O_BINARY);
    _setmode(_fileno(stdout), _O_BINARY);
    size_t capacity = 1 << 20, length = 0;
    char *input = malloc(capacity);
    if (!input) return 3;
    size_t got;
    while ((got = fread(input + length, 1, capacity - length, stdin)) > 0) {
        length += got;
        if (length == capacity) {
            capacity *= 2;
            input = realloc(input, capacity);
            if (!input) return 3;
        }
    }
    size_t start = 0;
    for (size_t i = 0; i < length; i++) {
        if (input[i] == '\0') {
            split_one(input + start, i - start);
            start = i + 1;
        }
    }
    free(input);
    return 0;
}
