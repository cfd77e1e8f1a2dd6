/* Secrets: DPAPI, machine scope (CRYPTPROTECT_LOCAL_MACHINE), so any account on this
 * machine (the service's virtual account included) can decrypt, and no other machine can.
 *
 * Secrets file format (UTF-8, LF or CRLF; blank lines and lines starting with '#'
 * ignored): one line per secret,
 *     NAME=BASE64BLOB
 * where BASE64BLOB is the standard base64 (no line breaks) of the CryptProtectData
 * output for the secret's UTF-8 bytes, exactly what `svcforge-host.exe protect`
 * prints. NAME is matched case-sensitively against the config's `secret` entries. */
#ifndef SVCFORGE_SECRETS_H
#define SVCFORGE_SECRETS_H

#include <stdbool.h>
#include <stddef.h>
#include <wchar.h>

/* `protect`: reads all of stdin, drops one trailing "\n" or "\r\n", writes the blob
 * line to stdout. Returns the process exit code (0, or 1 with a message on stderr). */
int secrets_protect_main(void);

/* `protect --verify`: stdin is a blob line (as `protect` prints it, LF or CRLF) and
 * then the value (one trailing "\n" or "\r\n" dropped, as for `protect`). Exit code
 * 0 when the blob decrypts on this machine to exactly the value's bytes, 1 when it
 * does not (other value, not base64, not decryptable here, no blob line). Prints
 * nothing on stdout; the value is never logged. */
int secrets_verify_main(void);

/* Decrypts every name in `names` from `file`. On success *values receives a malloc'd
 * array of `count` malloc'd wide strings (free with secrets_free). Each failure
 * (missing file, missing name, bad base64, DPAPI refusal) is logged; returns false. */
bool secrets_load(const wchar_t *file, char *const *names, size_t count, wchar_t ***values);
void secrets_free(wchar_t **values, size_t count);

#endif
