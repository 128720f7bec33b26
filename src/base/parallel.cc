#include "base/parallel.h"

#include <atomic>
#include <mutex>
#include <thread>
#include <vector>

namespace sitrep::base {

int ResolveThreads(int requested) {
  if (requested > 0) return requested;
  const unsigned hw = std::thread::hardware_concurrency();
  return hw == 0 ? 1 : static_cast<int>(hw);
}

void ParallelFor(size_t n, int threads, const std::function<void(size_t)>& fn,
                 const std::function<void(size_t)>& progress) {
  threads = ResolveThreads(threads);
  std::atomic<size_t> next{0};
  size_t finished = 0;
  std::mutex progress_mu;
  auto worker = [&] {
    for (size_t i = next.fetch_add(1); i < n; i = next.fetch_add(1)) {
      fn(i);
      if (progress) {
        std::lock_guard<std::mutex> lock(progress_mu);
        progress(++finished);
      }
    }
  };
  if (threads <= 1 || n <= 1) {
    worker();
    return;
  }
  const size_t count = std::min(static_cast<size_t>(threads), n);
  std::vector<std::thread> pool;
  pool.reserve(count - 1);
  for (size_t t = 1; t < count; ++t) pool.emplace_back(worker);
  worker();
  for (std::thread& t : pool) t.join();
}

}  // namespace sitrep::base
