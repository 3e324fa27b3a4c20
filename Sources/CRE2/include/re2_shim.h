#ifndef HUNTTOP_RE2_SHIM_H
#define HUNTTOP_RE2_SHIM_H
#include <stddef.h>
#ifdef __cplusplus
extern "C" {
#endif
/// Opaque compiled RE2 program.
typedef struct hre2 hre2;
/// Compiles `pattern` (UTF-8, RE2 syntax). Returns NULL and writes a message into err on failure.
hre2 *hre2_compile(const char *pattern, size_t len, int case_insensitive, size_t max_mem,
                   char *err, size_t errlen);
void hre2_free(hre2 *re);
/// 1 when the pattern matches anywhere in text, else 0.
int hre2_search(const hre2 *re, const char *text, size_t len);
/// Number of capture groups.
int hre2_groups(const hre2 *re);
/// Finds the first match at or after `start`; fills ngroups+1 (offset,length) pairs (-1 for unset).
int hre2_match_at(const hre2 *re, const char *text, size_t len, size_t start, long *spans, int nspans);
#ifdef __cplusplus
}
#endif
#endif
