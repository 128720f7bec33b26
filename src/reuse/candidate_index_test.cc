#include "reuse/candidate_index.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <string>
#include <unordered_map>
#include <vector>

#include "reuse/minhash.h"
#include "reuse/rewrite_index.h"

namespace sitrep::reuse {
namespace {

using Pairs = std::vector<std::pair<uint32_t, uint32_t>>;

// The search the index must reproduce, written as plainly as possible: the documents in
// order, each queried against those before it, then added.
Pairs SearchInOrder(const std::vector<DocFeatures>& docs, const ReuseOptions& o) {
  NearDuplicateIndex near({.bands = o.lsh_bands, .rows = o.lsh_rows});
  RewriteIndex rewrites({.max_postings = o.max_postings, .max_candidates = o.max_candidates});
  std::unordered_map<uint64_t, uint32_t> by_hash;
  Pairs pairs;
  for (uint32_t j = 0; j < docs.size(); ++j) {
    const DocFeatures& f = docs[j];
    if (f.sentences.empty()) {
      near.Add({}, MinHashSignature({}, near.signature_length()));
      rewrites.Add(f);
      continue;
    }
    auto [it, fresh] = by_hash.emplace(f.body_hash, j);
    if (!fresh) pairs.emplace_back(it->second, j);
    const std::vector<uint32_t> sig = MinHashSignature(f.shingles, near.signature_length());
    for (const auto& m : near.Query(sig, 0.2)) pairs.emplace_back(m.id, j);
    for (const auto& c : rewrites.Query(f)) pairs.emplace_back(c.id, j);
    near.Add({}, sig);
    rewrites.Add(f);
  }
  std::sort(pairs.begin(), pairs.end());
  pairs.erase(std::unique(pairs.begin(), pairs.end()), pairs.end());
  return pairs;
}

std::vector<uint64_t> Keys(std::mt19937& rng, size_t count, uint64_t vocabulary, uint64_t salt) {
  std::vector<uint64_t> keys;
  for (size_t i = 0; i < count; ++i) keys.push_back(salt + rng() % vocabulary);
  std::sort(keys.begin(), keys.end());
  keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
  return keys;
}

// Documents on a few topics: those of one topic share most shingles (LSH neighbours),
// sketches and rare tokens come from small vocabularies (so that postings outgrow
// max_postings), body hashes repeat, and a few documents have no sentences.
DocFeatures RandomDoc(std::mt19937& rng) {
  DocFeatures f;
  if (rng() % 15 != 0) f.sentences.resize(1 + rng() % 3);
  f.body_hash = rng() % 40;
  const uint64_t topic = rng() % 12;
  std::mt19937 topic_rng(static_cast<uint32_t>(topic));
  for (uint64_t s : Keys(topic_rng, 40, 1u << 20, topic << 32))
    if (rng() % 10 < 8) f.shingles.push_back(s);
  for (uint64_t s : Keys(rng, 6, 1u << 20, 99ull << 32)) f.shingles.push_back(s);
  std::sort(f.shingles.begin(), f.shingles.end());
  f.shingles.erase(std::unique(f.shingles.begin(), f.shingles.end()), f.shingles.end());
  f.sentence_sketches = Keys(rng, 8, 120, 1ull << 40);
  f.rare_tokens = Keys(rng, 4, 60, 2ull << 40);
  return f;
}

std::vector<DocFeatures> RandomDocs(std::mt19937& rng, int n) {
  std::vector<DocFeatures> docs;
  for (int i = 0; i < n; ++i) docs.push_back(RandomDoc(rng));
  return docs;
}

// The same document cleaned otherwise: a key or two gained or lost, or everything new.
DocFeatures Change(const DocFeatures& before, std::mt19937& rng) {
  if (rng() % 4 == 0) return RandomDoc(rng);
  DocFeatures f = before;
  if (!f.sentence_sketches.empty() && rng() % 2) f.sentence_sketches.pop_back();
  std::vector<uint64_t> more = Keys(rng, 2, 120, 1ull << 40);
  f.sentence_sketches.insert(f.sentence_sketches.end(), more.begin(), more.end());
  std::sort(f.sentence_sketches.begin(), f.sentence_sketches.end());
  f.sentence_sketches.erase(std::unique(f.sentence_sketches.begin(), f.sentence_sketches.end()),
                            f.sentence_sketches.end());
  if (!f.rare_tokens.empty() && rng() % 2) f.rare_tokens.erase(f.rare_tokens.begin());
  if (!f.shingles.empty()) f.shingles.resize(f.shingles.size() * 3 / 4);
  if (rng() % 3 == 0) f.body_hash = rng() % 40;
  return f;
}

ReuseOptions SmallOptions() {
  ReuseOptions o;
  o.max_postings = 8;
  o.max_candidates = 3;
  return o;
}

// Runs Update over `docs` with ids "d0", "d1"...
size_t Update(CandidateIndex& index, const std::vector<DocFeatures>& docs, const ReuseOptions& o,
              const std::vector<std::string>& names) {
  std::vector<std::string_view> ids(names.begin(), names.begin() + static_cast<long>(docs.size()));
  std::vector<const DocFeatures*> features;
  std::vector<uint64_t> fingerprints;
  for (const DocFeatures& f : docs) {
    features.push_back(&f);
    fingerprints.push_back(CandidateIndex::Fingerprint(f));
  }
  return index.Update(o, ids, features, fingerprints, 2);
}

std::vector<std::string> Names(size_t n) {
  std::vector<std::string> names;
  for (size_t i = 0; i < n; ++i) names.push_back("d" + std::to_string(i));
  return names;
}

TEST(CandidateIndexTest, BuiltAtOnceItFindsThePairsOfASearchInOrder) {
  for (uint32_t seed = 1; seed <= 5; ++seed) {
    std::mt19937 rng(seed);
    std::vector<DocFeatures> docs = RandomDocs(rng, 300);
    CandidateIndex index(SmallOptions());
    EXPECT_EQ(Update(index, docs, SmallOptions(), Names(300)), 300u);
    const Pairs want = SearchInOrder(docs, SmallOptions());
    ASSERT_GT(want.size(), 300u) << "the fixture should give many candidates";
    EXPECT_EQ(index.Pairs(), want) << "seed " << seed;
  }
}

// The living corpus's case: documents arrive in batches, and some earlier ones change
// (their outlet's template showed in the new ones). The updated index must find exactly
// the pairs of a search over the documents as they are now, querying fewer of them.
TEST(CandidateIndexTest, UpdatedWithNewAndChangedDocumentsItFindsThePairsOfASearchInOrder) {
  size_t queried = 0, documents = 0;
  for (uint32_t seed = 1; seed <= 8; ++seed) {
    std::mt19937 rng(seed);
    std::vector<DocFeatures> docs;
    CandidateIndex index(SmallOptions());
    const std::vector<std::string> names = Names(400);
    for (int batch = 0; batch < 4; ++batch) {
      for (int i = 0; i < 100; ++i) docs.push_back(RandomDoc(rng));
      for (size_t k = 0; batch > 0 && k < docs.size() - 100; ++k) {
        if (rng() % 50 == 0) docs[k] = Change(docs[k], rng);
      }
      const size_t q = Update(index, docs, SmallOptions(), names);
      ASSERT_EQ(index.Pairs(), SearchInOrder(docs, SmallOptions()))
          << "seed " << seed << ", batch " << batch;
      EXPECT_EQ(index.size(), docs.size());
      EXPECT_EQ(index.queried(), q);
      if (batch > 0) {
        EXPECT_GE(q, 100u);  // the new ones at least
        queried += q;
        documents += docs.size();
      }
    }
  }
  EXPECT_LT(queried, documents * 3 / 4) << "an update should not query nearly everything";
}

TEST(CandidateIndexTest, BytesRoundTripAndTheDecodedIndexUpdatesAlike) {
  std::mt19937 rng(11);
  std::vector<DocFeatures> docs = RandomDocs(rng, 200);
  const std::vector<std::string> names = Names(300);
  CandidateIndex index(SmallOptions());
  Update(index, docs, SmallOptions(), names);
  const std::string bytes = index.Encode();
  Result<CandidateIndex> decoded = CandidateIndex::Decode(bytes, "test");
  ASSERT_TRUE(decoded.ok()) << decoded.status().message();
  EXPECT_EQ(decoded->Encode(), bytes);
  EXPECT_EQ(decoded->Pairs(), index.Pairs());

  for (int i = 0; i < 100; ++i) docs.push_back(RandomDoc(rng));
  docs[3] = Change(docs[3], rng);
  const size_t q = Update(*decoded, docs, SmallOptions(), names);
  EXPECT_LT(q, docs.size());
  EXPECT_EQ(decoded->Pairs(), SearchInOrder(docs, SmallOptions()));
}

TEST(CandidateIndexTest, OtherDocumentsOrOptionsStartTheSearchAgain) {
  std::mt19937 rng(5);
  std::vector<DocFeatures> docs = RandomDocs(rng, 120);
  CandidateIndex index(SmallOptions());
  Update(index, docs, SmallOptions(), Names(120));

  // The same documents under other ids (another order of arrival).
  std::vector<std::string> other = Names(120);
  std::swap(other[0], other[1]);
  EXPECT_EQ(Update(index, docs, SmallOptions(), other), 120u);
  EXPECT_EQ(index.Pairs(), SearchInOrder(docs, SmallOptions()));

  // Fewer documents than indexed.
  docs.resize(60);
  EXPECT_EQ(Update(index, docs, SmallOptions(), other), 60u);
  EXPECT_EQ(index.Pairs(), SearchInOrder(docs, SmallOptions()));

  // Other options.
  ReuseOptions wider = SmallOptions();
  wider.max_candidates = 6;
  EXPECT_EQ(Update(index, docs, wider, other), 60u);
  EXPECT_EQ(index.Pairs(), SearchInOrder(docs, wider));
  EXPECT_EQ(Update(index, docs, wider, other), 0u) << "nothing new, nothing changed";
}

TEST(CandidateIndexTest, BytesThatAreNotAnIndexAreCorrupt) {
  std::mt19937 rng(3);
  std::vector<DocFeatures> docs = RandomDocs(rng, 40);
  CandidateIndex index(SmallOptions());
  Update(index, docs, SmallOptions(), Names(40));
  const std::string bytes = index.Encode();

  EXPECT_EQ(CandidateIndex::Decode("", "x").status().code(), StatusCode::kCorrupt);
  EXPECT_EQ(CandidateIndex::Decode("not an index at all", "x").status().code(),
            StatusCode::kCorrupt);
  for (size_t cut = 0; cut < bytes.size(); cut += 1 + bytes.size() / 200) {
    Result<CandidateIndex> r = CandidateIndex::Decode(bytes.substr(0, cut), "cut");
    EXPECT_FALSE(r.ok()) << "cut at " << cut;
    if (!r.ok()) {
      EXPECT_NE(r.status().message().find("cut"), std::string::npos);
    }
  }
  EXPECT_FALSE(CandidateIndex::Decode(bytes + "x", "x").ok());
  // Flipped bytes never crash; an index they still decode to stays usable.
  for (size_t at = 8; at < bytes.size(); at += 1 + bytes.size() / 300) {
    std::string bad = bytes;
    bad[at] = static_cast<char>(bad[at] ^ 0x5A);
    Result<CandidateIndex> r = CandidateIndex::Decode(bad, "flip");
    if (r.ok()) {
      Update(*r, docs, SmallOptions(), Names(40));
      EXPECT_EQ(r->size(), docs.size());
    }
  }
}

}  // namespace
}  // namespace sitrep::reuse
