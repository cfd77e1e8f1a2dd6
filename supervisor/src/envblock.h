/* Builds the child's environment block: the host's own environment, with each
 * override added or replacing a variable of the same name (names compare
 * case-insensitively, as Windows does), sorted as CreateProcess documents. */
#ifndef SVCFORGE_ENVBLOCK_H
#define SVCFORGE_ENVBLOCK_H

#include <stddef.h>
#include <wchar.h>

struct env_overrides {
    wchar_t **names;
    wchar_t **values;
    size_t count;
    size_t capacity;
};

/* Adds (copies) one override; a later one with the same name wins. false = no memory. */
int env_overrides_add(struct env_overrides *o, const wchar_t *name, const wchar_t *value);
void env_overrides_free(struct env_overrides *o);
/* malloc'd double-NUL-terminated block for CREATE_UNICODE_ENVIRONMENT; NULL on failure. */
wchar_t *envblock_build(const struct env_overrides *o);

#endif
