// ParallelFor: runs fn(i) for i in [0, n) on a few worker threads.
//
// Work is handed out one index at a time from an atomic counter, so uneven items
// (a 50 MB page beside tweets) balance. fn must be safe to call concurrently for
// different i. With threads <= 1 or n <= 1 everything runs on the calling thread.
// `progress` (optional) is called from the workers, one call at a time (under a mutex),
// with the number of items finished so far, for progress display.
#ifndef SITREP_BASE_PARALLEL_H_
#define SITREP_BASE_PARALLEL_H_

#include <cstddef>
#include <functional>

namespace sitrep::base {

// Number of threads to use for `requested` (0 = hardware concurrency, at least 1).
int ResolveThreads(int requested);

void ParallelFor(size_t n, int threads, const std::function<void(size_t)>& fn,
                 const std::function<void(size_t done)>& progress = {});

}  // namespace sitrep::base

#endif  // SITREP_BASE_PARALLEL_H_
