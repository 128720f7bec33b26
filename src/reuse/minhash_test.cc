#include "reuse/minhash.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <random>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "reuse/doc_features.h"
#include "reuse/rewrite_index.h"

namespace sitrep::reuse {
namespace {

std::vector<uint64_t> Sorted(std::vector<uint64_t> v) {
  std::sort(v.begin(), v.end());
  v.erase(std::unique(v.begin(), v.end()), v.end());
  return v;
}

// Two feature sets with a given exact Jaccard: `shared` common, `only` on each side.
std::pair<std::vector<uint64_t>, std::vector<uint64_t>> SetsWith(int shared, int only,
                                                                 std::mt19937_64& rng) {
  std::vector<uint64_t> a, b;
  for (int i = 0; i < shared; ++i) {
    const uint64_t x = rng();
    a.push_back(x);
    b.push_back(x);
  }
  for (int i = 0; i < only; ++i) a.push_back(rng());
  for (int i = 0; i < only; ++i) b.push_back(rng());
  return {Sorted(a), Sorted(b)};
}

TEST(MinHashTest, EstimateTracksExactJaccard) {
  struct Case {
    int shared, only;
  };
  const Case cases[] = {{200, 0}, {180, 20}, {150, 50}, {100, 100}, {60, 150}, {20, 200}, {0, 200}};
  std::mt19937_64 rng(7);
  for (const Case& c : cases) {
    double err = 0;
    const int trials = 20;
    double exact = 0;
    for (int t = 0; t < trials; ++t) {
      auto [a, b] = SetsWith(c.shared, c.only, rng);
      exact = ExactJaccard(a, b);
      const double est = EstimateJaccard(MinHashSignature(a, 128), MinHashSignature(b, 128));
      err += std::abs(est - exact);
    }
    EXPECT_LT(err / trials, 0.06) << "shared=" << c.shared << " only=" << c.only
                                  << " exact=" << exact;
  }
}

TEST(MinHashTest, EmptyAndTinySets) {
  EXPECT_EQ(ExactJaccard({}, {}), 0);
  EXPECT_EQ(ExactJaccard({1, 2}, {1, 2}), 1);
  EXPECT_DOUBLE_EQ(ExactJaccard({1, 2, 3}, {2, 3, 4}), 0.5);
  const auto one = MinHashSignature({42}, 64);
  EXPECT_EQ(EstimateJaccard(one, MinHashSignature({42}, 64)), 1.0);
  EXPECT_LT(EstimateJaccard(one, MinHashSignature({43}, 64)), 0.1);
  EXPECT_EQ(MinHashSignature({}, 16), std::vector<uint32_t>(16, 0xFFFFFFFFu));
}

TEST(ShingleTest, OrderAndLength) {
  std::vector<std::string_view> w = {"a", "b", "c", "d"};
  EXPECT_EQ(ShingleHashes(w, 2).size(), 3u);
  EXPECT_EQ(ShingleHashes(w, 9).size(), 1u);
  EXPECT_TRUE(ShingleHashes({}, 3).empty());
  std::vector<std::string_view> r = {"b", "a", "c", "d"};
  EXPECT_NE(ShingleHashes(w, 2), ShingleHashes(r, 2));
  EXPECT_EQ(ShingleHashes(w, 1), ShingleHashes(r, 1));
}

// A random corpus with planted near-duplicates at several mutation rates; the LSH index
// must find (almost) every pair that brute force over all pairs says is similar.
class LshRecallTest : public ::testing::TestWithParam<uint64_t> {};

TEST_P(LshRecallTest, MatchesBruteForceReference) {
  std::mt19937_64 rng(GetParam());
  std::vector<std::vector<uint64_t>> docs;
  const int originals = 120;
  for (int i = 0; i < originals; ++i) {
    std::vector<uint64_t> d;
    const int size = 60 + static_cast<int>(rng() % 140);
    for (int k = 0; k < size; ++k) d.push_back(rng());
    docs.push_back(Sorted(d));
  }
  // Mutated copies: replace a share of the features.
  const double rates[] = {0.02, 0.05, 0.1, 0.2, 0.35, 0.5, 0.7};
  for (int i = 0; i < 140; ++i) {
    std::vector<uint64_t> d = docs[rng() % originals];
    const double rate = rates[rng() % std::size(rates)];
    for (uint64_t& f : d)
      if (std::uniform_real_distribution<double>(0, 1)(rng) < rate) f = rng();
    docs.push_back(Sorted(d));
  }
  NearDuplicateIndex index;
  std::vector<std::vector<uint32_t>> sigs;
  for (size_t i = 0; i < docs.size(); ++i) {
    sigs.push_back(MinHashSignature(docs[i], index.signature_length()));
    index.Add("d" + std::to_string(i), sigs.back());
  }
  const double threshold = 0.7;
  size_t truth = 0, found = 0, reported_far = 0, reported = 0;
  for (size_t i = 0; i < docs.size(); ++i) {
    std::set<uint32_t> hits;
    for (const auto& m : index.Query(sigs[i], 0.0)) hits.insert(m.id);
    for (size_t j = 0; j < docs.size(); ++j) {
      if (j == i) continue;
      const double jac = ExactJaccard(docs[i], docs[j]);
      if (jac >= threshold) {
        ++truth;
        found += hits.count(static_cast<uint32_t>(j));
      }
      if (hits.count(static_cast<uint32_t>(j))) {
        ++reported;
        reported_far += jac < 0.2;
      }
    }
  }
  ASSERT_GT(truth, 20u);
  EXPECT_GE(static_cast<double>(found) / truth, 0.97) << found << "/" << truth;
  EXPECT_LE(static_cast<double>(reported_far), 0.05 * static_cast<double>(reported) + 2);
}

INSTANTIATE_TEST_SUITE_P(Seeds, LshRecallTest, ::testing::Values(1, 2, 3));

TEST(NearDuplicateIndexTest, SaveLoadExtend) {
  std::mt19937_64 rng(11);
  NearDuplicateIndex index;
  std::vector<std::vector<uint32_t>> sigs;
  for (int i = 0; i < 1500; ++i) {  // enough to flush tails into several runs
    std::vector<uint64_t> d;
    for (int k = 0; k < 50; ++k) d.push_back(rng());
    sigs.push_back(MinHashSignature(d, index.signature_length()));
    index.Add("doc" + std::to_string(i), sigs.back());
  }
  const std::string path = ::testing::TempDir() + "/ndindex.bin";
  ASSERT_TRUE(index.Save(path).ok());
  auto loaded = NearDuplicateIndex::Load(path);
  ASSERT_TRUE(loaded.ok()) << loaded.status().ToString();
  ASSERT_EQ(loaded->size(), index.size());
  for (int i : {0, 511, 512, 1499}) {
    auto a = index.Query(sigs[i], 0.5);
    auto b = loaded->Query(sigs[i], 0.5);
    ASSERT_EQ(a.size(), 1u);
    ASSERT_EQ(b.size(), 1u);
    EXPECT_EQ(b[0].id, static_cast<uint32_t>(i));
    EXPECT_EQ(loaded->name(b[0].id), "doc" + std::to_string(i));
  }
  // Extend the loaded index: the new document is found, and so are old ones.
  const uint32_t id = loaded->Add("late", sigs[7]);
  auto hits = loaded->Query(sigs[7], 0.9);
  ASSERT_EQ(hits.size(), 2u);
  EXPECT_TRUE((hits[0].id == 7 && hits[1].id == id) || (hits[0].id == id && hits[1].id == 7));
  EXPECT_GT(loaded->MemoryBytes(), 1500u * 64);
}

TEST(NearDuplicateIndexTest, LoadErrors) {
  EXPECT_EQ(NearDuplicateIndex::Load("/nonexistent/x.bin").status().code(), StatusCode::kIOError);
  const std::string path = ::testing::TempDir() + "/garbage.bin";
  FILE* f = fopen(path.c_str(), "wb");
  ASSERT_NE(f, nullptr);
  fputs("not an index at all", f);
  fclose(f);
  EXPECT_EQ(NearDuplicateIndex::Load(path).status().code(), StatusCode::kCorrupt);
  // Truncated after a valid header.
  NearDuplicateIndex index;
  index.Add("a", MinHashSignature({1, 2, 3}, index.signature_length()));
  ASSERT_TRUE(index.Save(path).ok());
  std::string bytes;
  {
    FILE* r = fopen(path.c_str(), "rb");
    char buf[4096];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, r)) > 0) bytes.append(buf, n);
    fclose(r);
  }
  FILE* w = fopen(path.c_str(), "wb");
  fwrite(bytes.data(), 1, bytes.size() / 2, w);
  fclose(w);
  EXPECT_EQ(NearDuplicateIndex::Load(path).status().code(), StatusCode::kCorrupt);
}

// The rewrite index against a brute-force reference over the same signals.
TEST(RewriteIndexTest, MatchesBruteForceOnSharedSketches) {
  std::mt19937_64 rng(5);
  std::vector<DocFeatures> docs(200);
  for (size_t i = 0; i < docs.size(); ++i) {
    for (int k = 0; k < 30; ++k) docs[i].sentence_sketches.push_back(rng() % 5000);
    for (int k = 0; k < 8; ++k) docs[i].rare_tokens.push_back(rng() % 3000);
    if (i >= 100) {  // a rewrite of an earlier document: shares some sketches
      const DocFeatures& src = docs[i - 100];
      for (int k = 0; k < 6; ++k) docs[i].sentence_sketches.push_back(src.sentence_sketches[k]);
    }
    std::sort(docs[i].sentence_sketches.begin(), docs[i].sentence_sketches.end());
    docs[i].sentence_sketches.erase(
        std::unique(docs[i].sentence_sketches.begin(), docs[i].sentence_sketches.end()),
        docs[i].sentence_sketches.end());
    std::sort(docs[i].rare_tokens.begin(), docs[i].rare_tokens.end());
    docs[i].rare_tokens.erase(std::unique(docs[i].rare_tokens.begin(), docs[i].rare_tokens.end()),
                              docs[i].rare_tokens.end());
  }
  RewriteIndexOptions options;
  options.min_shared_sketches = 3;
  options.min_rare_weight = 1e9;  // sketches only, for an exact reference
  RewriteIndex index(options);
  size_t checked = 0;
  for (size_t j = 0; j < docs.size(); ++j) {
    std::set<uint32_t> got;
    for (const auto& c : index.Query(docs[j])) got.insert(c.id);
    std::set<uint32_t> want;
    for (size_t i = 0; i < j; ++i) {
      std::vector<uint64_t> inter;
      std::set_intersection(docs[i].sentence_sketches.begin(), docs[i].sentence_sketches.end(),
                            docs[j].sentence_sketches.begin(), docs[j].sentence_sketches.end(),
                            std::back_inserter(inter));
      if (inter.size() >= 3) want.insert(static_cast<uint32_t>(i));
    }
    EXPECT_EQ(got, want) << "doc " << j;
    if (j >= 100) {
      EXPECT_TRUE(got.count(static_cast<uint32_t>(j - 100))) << j;
      ++checked;
    }
    index.Add(docs[j]);
  }
  EXPECT_EQ(checked, 100u);
}

}  // namespace
}  // namespace sitrep::reuse
