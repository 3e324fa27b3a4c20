#ifndef HUNTTOP_BYTE_SEARCH_H
#define HUNTTOP_BYTE_SEARCH_H
#include <stddef.h>
/// glibc's memmem (vectorised), which Swift's Glibc module does not expose. Returns the offset
/// of the first occurrence of needle in hay, or -1.
long hunttop_memmem(const void *hay, size_t haylen, const void *needle, size_t needlelen);
#endif
