/* DPAPI machine-scope secrets (format in secrets.h). */
#include <windows.h>
#include <wincrypt.h>
#include <stdlib.h>
#include <string.h>
#include "secrets.h"
#include "exitcodes.h"
#include "fsutil.h"
#include "hostlog.h"
#include "winerr.h"
#include "wstr.h"

/* crypt32.dll is loaded only when secrets are used: imported statically it costs
 * every host ~7 MB of resident memory under Wine (and some on Windows). */
typedef BOOL (WINAPI *protect_fn)(DATA_BLOB *, LPCWSTR, DATA_BLOB *, PVOID, CRYPTPROTECT_PROMPTSTRUCT *, DWORD, DATA_BLOB *);
typedef BOOL (WINAPI *unprotect_fn)(DATA_BLOB *, LPWSTR *, DATA_BLOB *, PVOID, CRYPTPROTECT_PROMPTSTRUCT *, DWORD, DATA_BLOB *);
typedef BOOL (WINAPI *to_string_fn)(const BYTE *, DWORD, DWORD, LPSTR, DWORD *);
typedef BOOL (WINAPI *from_string_fn)(LPCSTR, DWORD, DWORD, BYTE *, DWORD *, DWORD *, DWORD *);

static struct {
    protect_fn protect;
    unprotect_fn unprotect;
    to_string_fn to_string;
    from_string_fn from_string;
} crypt;

static bool load_crypt32(void)
{
    if (crypt.protect != NULL)
        return true;
    HMODULE dll = LoadLibraryExW(L"crypt32.dll", NULL, LOAD_LIBRARY_SEARCH_SYSTEM32);
    if (dll == NULL)
        dll = LoadLibraryW(L"crypt32.dll");   /* systems without the SEARCH_SYSTEM32 flag */
    if (dll == NULL) {
        winerr_log(LOG_ERROR, L"LoadLibraryW", L"crypt32.dll", GetLastError());
        return false;
    }
    /* The module stays loaded for the life of the process: no FreeLibrary. */
    crypt.unprotect = (unprotect_fn)(void (*)(void))GetProcAddress(dll, "CryptUnprotectData");
    crypt.to_string = (to_string_fn)(void (*)(void))GetProcAddress(dll, "CryptBinaryToStringA");
    crypt.from_string = (from_string_fn)(void (*)(void))GetProcAddress(dll, "CryptStringToBinaryA");
    protect_fn protect = (protect_fn)(void (*)(void))GetProcAddress(dll, "CryptProtectData");
    if (protect == NULL || crypt.unprotect == NULL || crypt.to_string == NULL || crypt.from_string == NULL) {
        winerr_log(LOG_ERROR, L"GetProcAddress", L"crypt32.dll", GetLastError());
        return false;
    }
    crypt.protect = protect;
    return true;
}

/* Reads all of stdin into a malloc'd buffer (at most 1 MiB); NULL on failure (logged).
 * *cap receives the allocation size, for SecureZeroMemory. */
static char *read_stdin_all(size_t *out_len, size_t *out_cap)
{
    HANDLE in = GetStdHandle(STD_INPUT_HANDLE);
    size_t cap = 4096, len = 0;
    char *buf = malloc(cap);
    if (buf == NULL)
        return NULL;
    for (;;) {
        if (len == cap) {
            if (cap >= 1024 * 1024) {
                hostlog_stderr(L"protect: secret longer than 1 MiB");
                SecureZeroMemory(buf, cap);
                free(buf);
                return NULL;
            }
            char *bigger = malloc(cap * 2);
            if (bigger == NULL) {
                SecureZeroMemory(buf, cap);
                free(buf);
                return NULL;
            }
            memcpy(bigger, buf, len);
            SecureZeroMemory(buf, cap);   /* realloc would leave the old copy readable */
            free(buf);
            buf = bigger;
            cap *= 2;
        }
        DWORD got = 0;
        if (!ReadFile(in, buf + len, (DWORD)(cap - len), &got, NULL)) {
            DWORD err = GetLastError();
            if (err == ERROR_BROKEN_PIPE)
                break;
            winerr_log(LOG_ERROR, L"ReadFile", L"stdin", err);
            SecureZeroMemory(buf, cap);
            free(buf);
            return NULL;
        }
        if (got == 0)
            break;
        len += got;
    }
    *out_len = len;
    *out_cap = cap;
    return buf;
}

/* Drops one trailing "\n" or "\r\n" (what `echo` and Write-Output add). */
static size_t trim_one_newline(const char *buf, size_t len)
{
    if (len > 0 && buf[len - 1] == '\n')
        len--;
    if (len > 0 && buf[len - 1] == '\r')
        len--;
    return len;
}

/* base64 text -> CryptUnprotectData output (LocalFree it); false when not base64 or
 * DPAPI refuses (nothing logged: callers say what it means for them). */
static bool unprotect_b64(const char *b64, size_t b64_len, DATA_BLOB *plain, DWORD *err)
{
    bool ok = false;
    BYTE *raw = NULL;
    char *copy = malloc(b64_len + 1);
    *err = ERROR_NOT_ENOUGH_MEMORY;
    if (copy == NULL)
        return false;
    memcpy(copy, b64, b64_len);
    copy[b64_len] = '\0';
    DWORD bytes = 0;
    if (!crypt.from_string(copy, (DWORD)b64_len, CRYPT_STRING_BASE64, NULL, &bytes, NULL, NULL)) {
        *err = GetLastError();
        goto out;
    }
    raw = malloc(bytes ? bytes : 1);
    if (raw == NULL)
        goto out;
    if (!crypt.from_string(copy, (DWORD)b64_len, CRYPT_STRING_BASE64, raw, &bytes, NULL, NULL)) {
        *err = GetLastError();
        goto out;
    }
    DATA_BLOB in = { bytes, raw };
    plain->cbData = 0;
    plain->pbData = NULL;
    if (!crypt.unprotect(&in, NULL, NULL, NULL, NULL, CRYPTPROTECT_UI_FORBIDDEN, plain)) {
        *err = GetLastError();
        goto out;
    }
    ok = true;
out:
    free(raw);
    free(copy);
    return ok;
}

int secrets_verify_main(void)
{
    if (!load_crypt32())
        return HOST_EXIT_FAILURE;
    size_t len = 0, cap = 0;
    char *buf = read_stdin_all(&len, &cap);
    if (buf == NULL)
        return HOST_EXIT_FAILURE;
    const char *nl = memchr(buf, '\n', len);
    int rc = HOST_EXIT_FAILURE;
    if (nl != NULL) {
        size_t blob_len = (size_t)(nl - buf);
        if (blob_len > 0 && buf[blob_len - 1] == '\r')
            blob_len--;
        const char *value = nl + 1;
        size_t value_len = trim_one_newline(value, len - (size_t)(value - buf));
        DATA_BLOB plain = { 0, NULL };
        DWORD err = 0;
        if (blob_len > 0 && unprotect_b64(buf, blob_len, &plain, &err)) {
            if (plain.cbData == value_len && memcmp(plain.pbData, value, value_len) == 0)
                rc = HOST_EXIT_OK;
            SecureZeroMemory(plain.pbData, plain.cbData);
            LocalFree(plain.pbData);
        }
    } else {
        hostlog_stderr(L"protect --verify: stdin must be the blob line, then the value");
    }
    SecureZeroMemory(buf, cap);
    free(buf);
    return rc;
}

int secrets_protect_main(void)
{
    if (!load_crypt32())
        return 1;
    size_t len = 0, cap = 0;
    char *buf = read_stdin_all(&len, &cap);
    if (buf == NULL)
        return 1;
    len = trim_one_newline(buf, len);

    DATA_BLOB plain = { (DWORD)len, (BYTE *)buf }, blob = { 0, NULL };
    BOOL ok = crypt.protect(&plain, L"svcforge", NULL, NULL, NULL,
                               CRYPTPROTECT_LOCAL_MACHINE | CRYPTPROTECT_UI_FORBIDDEN, &blob);
    DWORD err = GetLastError();
    SecureZeroMemory(buf, cap);
    free(buf);
    if (!ok) {
        winerr_log(LOG_ERROR, L"CryptProtectData", L"machine scope", err);
        return 1;
    }
    DWORD chars = 0;
    const DWORD flags = CRYPT_STRING_BASE64 | CRYPT_STRING_NOCRLF;
    if (!crypt.to_string(blob.pbData, blob.cbData, flags, NULL, &chars)) {
        winerr_log(LOG_ERROR, L"CryptBinaryToStringA", NULL, GetLastError());
        LocalFree(blob.pbData);
        return 1;
    }
    char *text = malloc(chars + 2);
    if (text == NULL || !crypt.to_string(blob.pbData, blob.cbData, flags, text, &chars)) {
        if (text != NULL)
            winerr_log(LOG_ERROR, L"CryptBinaryToStringA", NULL, GetLastError());
        free(text);
        LocalFree(blob.pbData);
        return 1;
    }
    LocalFree(blob.pbData);
    size_t tl = strlen(text);
    while (tl > 0 && (text[tl - 1] == '\r' || text[tl - 1] == '\n'))
        tl--;
    text[tl++] = '\r';
    text[tl++] = '\n';
    DWORD written;
    if (!WriteFile(GetStdHandle(STD_OUTPUT_HANDLE), text, (DWORD)tl, &written, NULL)) {
        winerr_log(LOG_ERROR, L"WriteFile", L"stdout", GetLastError());
        free(text);
        return 1;
    }
    free(text);
    return 0;
}

/* Finds "NAME=" at the start of a line; returns the value start and its length. */
static const char *find_entry(const char *text, const char *name, size_t *value_len)
{
    size_t nl = strlen(name);
    const char *line = text;
    while (*line) {
        const char *end = strchr(line, '\n');
        size_t ll = end ? (size_t)(end - line) : strlen(line);
        if (ll > 0 && line[ll - 1] == '\r')
            ll--;
        if (ll > nl && memcmp(line, name, nl) == 0 && line[nl] == '=') {
            *value_len = ll - nl - 1;
            return line + nl + 1;
        }
        if (!end)
            break;
        line = end + 1;
    }
    return NULL;
}

static wchar_t *decrypt_one(const wchar_t *file, const char *name, const char *b64, size_t b64_len)
{
    wchar_t *wname = wstr_from_utf8(name);
    wchar_t *result = NULL;
    if (wname == NULL)
        return NULL;
    DATA_BLOB plain = { 0, NULL };
    DWORD err = 0;
    if (!unprotect_b64(b64, b64_len, &plain, &err)) {
        winerr_log(LOG_ERROR, L"CryptUnprotectData", wname, err);
        hostlog_event(LOG_ERROR, L"secret %ls in %ls is not valid base64 or cannot be decrypted on this machine", wname, file);
        free(wname);
        return NULL;
    }
    char *value = malloc(plain.cbData + 1);
    if (value != NULL) {
        memcpy(value, plain.pbData, plain.cbData);
        value[plain.cbData] = '\0';
        result = wstr_from_utf8(value);
        SecureZeroMemory(value, plain.cbData);
        free(value);
    }
    SecureZeroMemory(plain.pbData, plain.cbData);
    LocalFree(plain.pbData);
    free(wname);
    return result;
}

bool secrets_load(const wchar_t *file, char *const *names, size_t count, wchar_t ***values)
{
    *values = NULL;
    if (count == 0)
        return true;
    if (file == NULL) {
        hostlog_event(LOG_ERROR, L"config has %u secret entries but no secrets_file", (unsigned)count);
        return false;
    }
    if (!load_crypt32())
        return false;
    size_t len = 0;
    unsigned long err = 0;
    char *text = fsutil_read_all(file, &len, &err);
    if (text == NULL) {
        winerr_log(LOG_ERROR, L"CreateFileW", file, err);
        hostlog_event(LOG_ERROR, L"secrets file %ls cannot be read", file);
        return false;
    }
    wchar_t **out = calloc(count, sizeof(wchar_t *));
    bool ok = out != NULL;
    for (size_t i = 0; ok && i < count; i++) {
        size_t vl = 0;
        const char *b64 = find_entry(text, names[i], &vl);
        if (b64 == NULL) {
            wchar_t *wname = wstr_from_utf8(names[i]);
            hostlog_event(LOG_ERROR, L"secret %ls not found in %ls", wname ? wname : L"?", file);
            free(wname);
            ok = false;
            break;
        }
        out[i] = decrypt_one(file, names[i], b64, vl);
        if (out[i] == NULL)
            ok = false;
    }
    SecureZeroMemory(text, len);
    free(text);
    if (!ok) {
        secrets_free(out, count);
        return false;
    }
    *values = out;
    return true;
}

void secrets_free(wchar_t **values, size_t count)
{
    if (values == NULL)
        return;
    for (size_t i = 0; i < count; i++) {
        if (values[i] != NULL) {
            SecureZeroMemory(values[i], wcslen(values[i]) * sizeof(wchar_t));
            free(values[i]);
        }
    }
    free(values);
}
