#define _GNU_SOURCE
#include <string.h>
#include "byte_search.h"

long hunttop_memmem(const void *hay, size_t haylen, const void *needle, size_t needlelen) {
    const char *p = memmem(hay, haylen, needle, needlelen);
    return p ? (long)(p - (const char *)hay) : -1;
}
