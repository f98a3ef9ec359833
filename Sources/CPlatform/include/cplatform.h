#ifndef PROSPECTUS_CPLATFORM_H
#define PROSPECTUS_CPLATFORM_H

/// Atomically exchange two paths (Linux renameat2 with RENAME_EXCHANGE).
/// Returns 0 on success, -1 with errno set otherwise (e.g. EINVAL on file
/// systems that do not support the exchange; callers fall back to two renames).
int prospectus_exchange_paths(const char *a, const char *b);

/// Bytes of heap in use right now (glibc mallinfo2: allocated chunks plus
/// mmapped blocks); 0 where that is unknown. For PROSPECTUS_TIMINGS only.
unsigned long long prospectus_heap_in_use(void);

#endif
