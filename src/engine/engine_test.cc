#include "sitrep/engine.h"

#include <gtest/gtest.h>

#include <algorithm>

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

// Documents of a shelling told twice: one a copy of the other.
std::vector<Document> TwoCopies() {
  std::vector<Document> docs;
  const std::string story =
      "Russian shelling hit the central market of Kramatorsk on Monday, January 9, 2023, "
      "killing four people and wounding seven, the regional governor said. Rescue teams "
      "searched the rubble of the market hall until late in the evening. ";
  for (const char* id : {"wire", "daily"}) {
    Document d;
    d.id = id;
    d.published = "2023-01-10";
    d.format = "txt";
    d.text = story + story + (std::string(id) == "daily" ? "Our reporter adds little." : "");
    d.blocks.push_back({BlockRole::kBody, 0, d.text.size(), "", "", 0});
    docs.push_back(std::move(d));
  }
  return docs;
}

TEST(AnalyzeDocumentsTest, ReuseOnlyGivesThePairsAndStops) {
  AnalyzeOptions options;
  options.threads = 1;
  Result<Report> full = AnalyzeDocuments(TwoCopies(), options);
  ASSERT_TRUE(full.ok()) << full.status().ToString();
  options.reuse_only = true;
  Result<Report> reuse = AnalyzeDocuments(TwoCopies(), options);
  ASSERT_TRUE(reuse.ok()) << reuse.status().ToString();
  ASSERT_EQ(full->reuse.size(), 1u);  // the check has teeth: the copy is found
  ASSERT_EQ(reuse->reuse.size(), 1u);
  EXPECT_EQ(reuse->reuse[0].source, full->reuse[0].source);
  EXPECT_EQ(reuse->reuse[0].copy, full->reuse[0].copy);
  EXPECT_EQ(reuse->reuse[0].relation, full->reuse[0].relation);
  EXPECT_EQ(reuse->reuse[0].passages.size(), full->reuse[0].passages.size());
  EXPECT_EQ(reuse->clusters.size(), full->clusters.size());
  EXPECT_EQ(reuse->documents.size(), 2u);
  EXPECT_FALSE(full->entities.empty());
  EXPECT_TRUE(reuse->entities.empty());
  EXPECT_TRUE(reuse->times.empty());
  EXPECT_TRUE(reuse->events.empty());
  EXPECT_TRUE(reuse->timeline.empty());
}

// Pairs found elsewhere replace the reuse stage: the run's own pairs handed back give the
// same picture; no pair known makes the copy a second, independent source.
TEST(AnalyzeDocumentsTest, KnownReuseReplacesTheReuseStage) {
  AnalyzeOptions options;
  options.threads = 1;
  Result<Report> full = AnalyzeDocuments(TwoCopies(), options);
  ASSERT_TRUE(full.ok()) << full.status().ToString();
  ASSERT_EQ(full->reuse.size(), 1u);
  ASSERT_FALSE(full->events.empty());
  auto most_sources = [](const Report& r) {
    int most = 0;
    for (const Event& e : r.events) most = std::max(most, e.independent_sources);
    return most;
  };
  ASSERT_EQ(most_sources(*full), 1);  // the copy is no second source

  const std::vector<Reuse> own = full->reuse;
  const CollectionFacts told_own{.known_reuse = &own};
  Result<Report> same = AnalyzeDocuments(TwoCopies(), options, {}, nullptr, &told_own);
  ASSERT_TRUE(same.ok());
  ASSERT_EQ(same->reuse.size(), 1u);
  EXPECT_EQ(same->reuse[0].copy, full->reuse[0].copy);
  EXPECT_EQ(same->reuse[0].passages.size(), full->reuse[0].passages.size());
  EXPECT_EQ(same->clusters.size(), 1u);
  ASSERT_EQ(same->events.size(), full->events.size());
  for (size_t i = 0; i < same->events.size(); ++i) {
    EXPECT_EQ(same->events[i].sources, full->events[i].sources);
    EXPECT_EQ(same->events[i].independent_sources, full->events[i].independent_sources);
  }

  const std::vector<Reuse> none;
  const CollectionFacts told_none{.known_reuse = &none};
  Result<Report> alone = AnalyzeDocuments(TwoCopies(), options, {}, nullptr, &told_none);
  ASSERT_TRUE(alone.ok());
  EXPECT_TRUE(alone->reuse.empty());
  EXPECT_EQ(alone->clusters.size(), 2u);
  EXPECT_EQ(most_sources(*alone), 2);
}

}  // namespace
}  // namespace sitrep
