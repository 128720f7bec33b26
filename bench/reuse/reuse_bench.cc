// Reuse speed benchmarks.
//
//   BM_NearDuplicateIndex/1000000   builds the MinHash/LSH index over N generated short
//       articles (150 words from a Zipf vocabulary of 50,000 words; every 20th article is
//       a near-duplicate of an earlier one with 5% of its words replaced), then queries
//       every planted duplicate. Counters: index memory, bytes per document, recall of
//       the planted pairs, build rate.
//   BM_AlignPair                    sentence alignment of two ~5 KB articles (a wire story
//       and a spun rewrite from tests/data/reuse, each repeated to 5 KB), features given.
//   BM_ComparePair                  the whole pair comparison: features, alignment, facts
//       and drift of both articles (text analysis not included: it is done once per
//       document by the text stage).
#include <benchmark/benchmark.h>

#include <cmath>
#include <random>
#include <string>
#include <vector>

#include "reuse/align.h"
#include "reuse/doc_features.h"
#include "reuse/minhash.h"
#include "reuse/reuse.h"
#include "reuse/testing.h"

namespace sitrep::reuse {
namespace {

constexpr int kWords = 150;
constexpr int kVocabulary = 50000;

// Word ids of generated article `i` (deterministic): Zipf-like draws.
void Article(uint64_t i, std::vector<uint32_t>& words) {
  std::mt19937_64 rng(i * 0x9E3779B97F4A7C15ull + 1);
  words.resize(kWords);
  for (uint32_t& w : words) {
    const double u = std::uniform_real_distribution<double>(0, 1)(rng);
    w = static_cast<uint32_t>(std::pow(kVocabulary, u)) - 1;  // log-uniform ~ Zipf
  }
}

// Article `i`: every 20th is a near-duplicate of an earlier article (5% of words replaced:
// 4-shingle Jaccard about 0.69).
uint64_t SourceOf(uint64_t i) {
  return (i % 20 == 19) ? ((i * 0x9E3779B97F4A7C15ull) >> 24) % i : i;
}

void Generate(uint64_t i, std::vector<uint32_t>& words) {
  const uint64_t src = SourceOf(i);
  Article(src, words);
  if (src != i) {
    std::mt19937_64 rng(i);
    for (uint32_t& w : words)
      if (rng() % 20 == 0) w = static_cast<uint32_t>(rng() % kVocabulary);
  }
}

std::vector<uint64_t> Shingles(const std::vector<uint32_t>& words, int k) {
  std::vector<uint64_t> out;
  out.reserve(words.size());
  for (size_t i = 0; i + k <= words.size(); ++i) {
    uint64_t h = 0x5EED;
    for (int j = 0; j < k; ++j) h = (h ^ words[i + j]) * 0x100000001B3ull;
    out.push_back(h);
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

void BM_NearDuplicateIndex(benchmark::State& state) {
  const uint64_t n = static_cast<uint64_t>(state.range(0));
  size_t memory = 0;
  double recall = 0;
  for (auto _ : state) {
    NearDuplicateIndex index;
    std::vector<uint32_t> words;
    index.Add("", {});  // keep ids equal to article numbers below: id 0 is a placeholder
    for (uint64_t i = 1; i < n; ++i) {
      Generate(i, words);
      index.Add("", MinHashSignature(Shingles(words, 4), index.signature_length()));
    }
    memory = index.MemoryBytes();
    state.PauseTiming();
    size_t planted = 0, found = 0;
    for (uint64_t i = 19; i < n; i += 20) {
      const uint64_t src = SourceOf(i);
      if (src == 0 || src == i) continue;
      Generate(i, words);
      ++planted;
      for (const auto& m :
           index.Query(MinHashSignature(Shingles(words, 4), index.signature_length()), 0.3))
        if (m.id == src) ++found;
    }
    recall = planted ? static_cast<double>(found) / planted : 0;
    state.ResumeTiming();
  }
  state.counters["docs"] = static_cast<double>(n);
  state.counters["index_MB"] = static_cast<double>(memory) / (1 << 20);
  state.counters["bytes_per_doc"] = static_cast<double>(memory) / static_cast<double>(n);
  state.counters["planted_recall"] = recall;
  state.counters["docs_per_s"] =
      benchmark::Counter(static_cast<double>(n), benchmark::Counter::kIsIterationInvariantRate);
}
BENCHMARK(BM_NearDuplicateIndex)
    ->Arg(100000)
    ->Arg(1000000)
    ->Iterations(1)
    ->Unit(benchmark::kSecond);

void BM_NearDuplicateQuery(benchmark::State& state) {
  const uint64_t n = 200000;
  NearDuplicateIndex index;
  std::vector<uint32_t> words;
  std::vector<std::vector<uint32_t>> queries;
  for (uint64_t i = 0; i < n; ++i) {
    Generate(i, words);
    auto sig = MinHashSignature(Shingles(words, 4), index.signature_length());
    index.Add("", sig);
    if (i % 997 == 0) queries.push_back(std::move(sig));
  }
  size_t q = 0;
  for (auto _ : state) benchmark::DoNotOptimize(index.Query(queries[q++ % queries.size()], 0.5));
}
BENCHMARK(BM_NearDuplicateQuery)->Unit(benchmark::kMicrosecond);

struct PairFixture {
  Document a, b;
  text::DocText ta, tb;
  DocFeatures fa, fb;
  PairFixture() {
    const std::string dir = std::string(SITREP_SOURCE_DIR) + "/tests/data/reuse/";
    std::string wire = testing::ReadFile(dir + "wire.txt"),
                spun = testing::ReadFile(dir + "spun.txt");
    std::string x, y;
    while (x.size() < 5000) x += wire + "\n\n";
    while (y.size() < 5000) y += spun + "\n\n";
    a = testing::MakeDocument("wire", x);
    b = testing::MakeDocument("spun", y);
    ta = testing::SharedAnalyzer().Analyze(a);
    tb = testing::SharedAnalyzer().Analyze(b);
    fa = ComputeFeatures(a, ta, 4);
    fb = ComputeFeatures(b, tb, 4);
  }
};

void BM_AlignPair(benchmark::State& state) {
  static const PairFixture f;
  for (auto _ : state) benchmark::DoNotOptimize(AlignSentences(f.fa, f.fb, AlignOptions{}));
  state.counters["bytes_a"] = static_cast<double>(f.a.text.size());
  state.counters["bytes_b"] = static_cast<double>(f.b.text.size());
}
BENCHMARK(BM_AlignPair)->Unit(benchmark::kMicrosecond);

void BM_ComparePair(benchmark::State& state) {
  static const PairFixture f;
  for (auto _ : state)
    benchmark::DoNotOptimize(
        ComparePair(f.a, f.ta, f.b, f.tb, testing::SharedAnalyzer(), ReuseOptions{}));
}
BENCHMARK(BM_ComparePair)->Unit(benchmark::kMicrosecond);

}  // namespace
}  // namespace sitrep::reuse

BENCHMARK_MAIN();
