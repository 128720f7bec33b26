#include "sitrep/engine.h"

#include <gtest/gtest.h>

namespace sitrep {
namespace {

TEST(StageOptionsTest, EveryStageTakesTheCallersThreadCount) {
  AnalyzeOptions options;
  options.threads = 1;
  const AnalyzeOptions staged = StageOptions(options);
  EXPECT_EQ(staged.clean.threads, 1);
  EXPECT_EQ(staged.reuse.threads, 1);
  EXPECT_EQ(staged.extract.threads, 1);
  EXPECT_EQ(staged.reconcile.threads, 1);
  EXPECT_EQ(staged.threads, 1);
}

TEST(StageOptionsTest, AStagesOwnCountWins) {
  AnalyzeOptions options;
  options.threads = 2;
  options.reuse.threads = 4;
  const AnalyzeOptions staged = StageOptions(options);
  EXPECT_EQ(staged.reuse.threads, 4);
  EXPECT_EQ(staged.reconcile.threads, 2);
  // 0 everywhere stays 0: hardware concurrency, decided where the threads start.
  const AnalyzeOptions all = StageOptions(AnalyzeOptions{});
  EXPECT_EQ(all.reuse.threads, 0);
  EXPECT_EQ(all.clean.threads, 0);
}

}  // namespace
}  // namespace sitrep
