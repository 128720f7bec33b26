#include "base/parallel.h"

#include <gtest/gtest.h>

#include <atomic>
#include <vector>

namespace sitrep::base {
namespace {

TEST(ParallelTest, EveryIndexRunsExactlyOnce) {
  for (int threads : {1, 2, 4}) {
    for (size_t n : {0u, 1u, 7u, 1000u}) {
      std::vector<std::atomic<int>> hits(n);
      size_t last_progress = 0;
      ParallelFor(
          n, threads, [&](size_t i) { hits[i].fetch_add(1); },
          [&](size_t done) {
            EXPECT_EQ(done, last_progress + 1);
            last_progress = done;
          });
      for (size_t i = 0; i < n; ++i) EXPECT_EQ(hits[i].load(), 1) << i;
      EXPECT_EQ(last_progress, n);
    }
  }
}

TEST(ParallelTest, ResolveThreadsNeverZero) {
  EXPECT_GE(ResolveThreads(0), 1);
  EXPECT_EQ(ResolveThreads(3), 3);
}

}  // namespace
}  // namespace sitrep::base
