// Glibc declares renameat2 only under _GNU_SOURCE, which Swift's Glibc module
// does not set; this one-function shim makes the atomic swap available.
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include "cplatform.h"

int prospectus_exchange_paths(const char *a, const char *b) {
#if defined(__linux__) && defined(RENAME_EXCHANGE)
    return renameat2(AT_FDCWD, a, AT_FDCWD, b, RENAME_EXCHANGE);
#else
    errno = EINVAL;
    return -1;
#endif
}

#if defined(__GLIBC__) && __GLIBC_PREREQ(2, 33)
#include <malloc.h>
unsigned long long prospectus_heap_in_use(void) {
    struct mallinfo2 info = mallinfo2();
    return (unsigned long long)info.uordblks + (unsigned long long)info.hblkhd;
}

void prospectus_return_free_memory(void) { malloc_trim(0); }
#else
// mallinfo2 is glibc 2.33 and later; elsewhere the figure is simply left out (0).
unsigned long long prospectus_heap_in_use(void) { return 0; }

void prospectus_return_free_memory(void) {}
#endif
