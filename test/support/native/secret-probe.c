/* Test program for the secrets end-to-end test: prints the FNV-1a 64 hash of the UTF-8
 * bytes of SVCFORGE_TEST_SECRET (never the value) and keeps running until killed. */
#include <windows.h>
#include <stdio.h>
#include <stdint.h>

int wmain(void)
{
    wchar_t wide[8192];
    DWORD n = GetEnvironmentVariableW(L"SVCFORGE_TEST_SECRET", wide, sizeof wide / sizeof wide[0]);
    if (n == 0 || n >= sizeof wide / sizeof wide[0]) {
        printf("secret-probe: SVCFORGE_TEST_SECRET missing\n");
    } else {
        char utf8[32768];
        int len = WideCharToMultiByte(CP_UTF8, 0, wide, (int)n, utf8, (int)sizeof utf8, NULL, NULL);
        uint64_t hash = 0xcbf29ce484222325ULL;
        for (int i = 0; i < len; i++) {
            hash ^= (unsigned char)utf8[i];
            hash *= 0x100000001b3ULL;
        }
        SecureZeroMemory(wide, sizeof wide);
        SecureZeroMemory(utf8, sizeof utf8);
        printf("secret-probe: fnv1a64=%016llx\n", (unsigned long long)hash);
    }
    fflush(stdout);
    for (;;)
        Sleep(1000);
}
