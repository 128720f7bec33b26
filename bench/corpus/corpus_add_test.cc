// The living corpus on a generated corpus: articles added in batches give the report of
// one analyze over all of them in the order they arrived, and each add after the first
// searches reuse candidates for fewer documents than the corpus holds.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <random>

#include "corpus/generator.h"
#include "report/json.h"
#include "sitrep/corpus.h"
#include "sitrep/engine.h"

namespace sitrep {
namespace {

namespace fs = std::filesystem;

nlohmann::json Comparable(const Report& r) {
  nlohmann::json j = nlohmann::json::parse(report::WriteJson(r));
  j.erase("diagnostics");
  return j;
}

TEST(CorpusAddTest, GeneratedCorpusInBatchesEqualsOneAnalyze) {
  const fs::path dir =
      fs::temp_directory_path() / ("sitrep_corpus_add_" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir / "in");
  bench::CorpusOptions o;
  o.articles = 400;
  o.seed = 11;
  const bench::GeneratedCorpus gen = bench::GenerateCorpus(o);
  std::vector<std::string> files;
  for (const bench::GeneratedArticle& a : gen.articles) {
    const fs::path p = dir / "in" / (a.id + ".txt");
    std::ofstream(p, std::ios::binary) << a.text;
    files.push_back(p.string());
  }
  // Arrival in an order other than the folder's.
  std::mt19937 rng(3);
  std::shuffle(files.begin(), files.end(), rng);
  AnalyzeOptions options;
  options.threads = 2;
  Result<Report> whole = Analyze(files, options);
  ASSERT_TRUE(whole.ok());
  ASSERT_GT(whole->reuse.size(), 40u);  // the generator's copies and rewrites were found

  Result<std::unique_ptr<Corpus>> corpus = Corpus::Open((dir / "corpus.db").string());
  ASSERT_TRUE(corpus.ok());
  Report last;
  const size_t batch = 150;
  for (size_t start = 0; start < files.size(); start += batch) {
    const size_t end = std::min(start + batch, files.size());
    std::vector<std::string> part(files.begin() + static_cast<long>(start),
                                  files.begin() + static_cast<long>(end));
    Result<AddSummary> s = (*corpus)->AddPaths(part, options);
    ASSERT_TRUE(s.ok()) << s.status().message();
    EXPECT_EQ(s->added, part.size());
    EXPECT_GE(s->candidates_queried, part.size());
    if (start == 0) {
      EXPECT_EQ(s->candidates_queried, part.size());
    } else {
      EXPECT_LT(s->candidates_queried, s->documents) << "the kept search was not resumed";
    }
    last = std::move(s->picture);
  }
  EXPECT_EQ(last.reuse.size(), whole->reuse.size());
  EXPECT_EQ(last.events.size(), whole->events.size());
  EXPECT_TRUE(Comparable(last) == Comparable(*whole)) << "the batched picture differs";
  fs::remove_all(dir);
}

}  // namespace
}  // namespace sitrep
