#ifndef PROSPECTUS_CPLATFORM_H
#define PROSPECTUS_CPLATFORM_H

/// Atomically exchange two paths (Linux renameat2 with RENAME_EXCHANGE).
/// Returns 0 on success, -1 with errno set otherwise (e.g. EINVAL on file
/// systems that do not support the exchange; callers fall back to two renames).
int prospectus_exchange_paths(const char *a, const char *b);

#endif
