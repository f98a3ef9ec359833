#ifndef PROSPECTUS_CPLATFORM_H
#define PROSPECTUS_CPLATFORM_H

/// Atomically exchange two paths (Linux renameat2 with RENAME_EXCHANGE).
/// Returns 0 on success, -1 with errno set otherwise (e.g. EINVAL on file
/// systems that do not support the exchange; callers fall back to two renames).
int prospectus_exchange_paths(const char *a, const char *b);

/// Bytes of heap in use right now (glibc mallinfo2: allocated chunks plus
/// mmapped blocks); 0 where that is unknown. For PROSPECTUS_TIMINGS only.
unsigned long long prospectus_heap_in_use(void);

/// Gives the memory freed so far back to the system (glibc malloc_trim: the
/// free pages of every thread's heap, not only the top). A build frees most of
/// what one stage used before the next begins; without this its peak resident
/// size is the sum of the stages' high-water marks in each heap. No-op elsewhere.
void prospectus_return_free_memory(void);

#endif
