// Rewrite candidates: which documents may be paraphrased copies of one another.
//
// Spun rewrites share almost no word shingles with their source (5-gram Jaccard ~0.02)
// but keep most content words, names and numbers. This index scores pairs on two
// signals held in one inverted index:
//   - sentence sketches (DocFeatures::sentence_sketches): bottom-2 min-hash keys of each
//     sentence's canonical content words, so two sentences saying the same thing in
//     other words (synonyms folded) share a key with good probability;
//   - rare tokens (names, multi-digit numbers), weighted by inverse document frequency.
// Keys held by more than `max_postings` documents are ignored (topic words, boilerplate),
// which keeps a query sub-quadratic: its cost is bounded by keys * max_postings.
//
// Thread-safety: const methods may run concurrently; Add needs exclusive access.
#ifndef SITREP_REUSE_REWRITE_INDEX_H_
#define SITREP_REUSE_REWRITE_INDEX_H_

#include <cstddef>
#include <cstdint>
#include <unordered_map>
#include <vector>

#include "reuse/doc_features.h"

namespace sitrep::reuse {

struct RewriteIndexOptions {
  // A key found in more documents than this is skipped. Default 256.
  size_t max_postings = 256;
  // Minimum shared sentence sketches for a candidate. Default 2.
  int min_shared_sketches = 2;
  // Alternatively: minimum summed idf weight of shared rare tokens (with at least one
  // shared sketch). Default 12.
  double min_rare_weight = 12.0;
  // At most this many candidates per query, strongest first (bounds the alignment work
  // per document on template-heavy streams). Default 20.
  size_t max_candidates = 20;
  // Keep every document in every key's postings, not only the first max_postings + 1:
  // needed to Replace a document's signals (a kept candidate search, candidate_index.h).
  // Queries answer the same either way. Default false.
  bool keep_all_postings = false;
};

class RewriteIndex {
 public:
  explicit RewriteIndex(RewriteIndexOptions options = {}) : options_(options) {}

  // Adds a document's signals; returns its id (0, 1, 2...).
  uint32_t Add(const DocFeatures& features);

  struct Candidate {
    uint32_t id = 0;
    int shared_sketches = 0;
    double sketch_weight = 0;  // shared sketches weighted by inverse document frequency
    double rare_weight = 0;
  };
  // Documents already added that pass the thresholds against `features`, strongest
  // first. A document does not match itself unless added twice.
  std::vector<Candidate> Query(const DocFeatures& features) const {
    return QueryAsOf(features, docs_);
  }
  // What Query answered when only the documents before id `before` were added (the same
  // documents with the signals they have now).
  std::vector<Candidate> QueryAsOf(const DocFeatures& features, uint32_t before) const;

  // Gives document `id` the signals of `after` instead of those of `before` (what it was
  // added or last replaced with). Requires keep_all_postings.
  void Replace(uint32_t id, const DocFeatures& before, const DocFeatures& after);
  // The documents whose signals hold a sentence sketch or a rare token `key`, in id order
  // (all of them with keep_all_postings); null when none.
  const std::vector<uint32_t>* SketchHolders(uint64_t key) const;
  const std::vector<uint32_t>* RareHolders(uint64_t key) const;

  size_t size() const { return docs_; }

 private:
  RewriteIndexOptions options_;
  uint32_t docs_ = 0;
  std::unordered_map<uint64_t, std::vector<uint32_t>> sketches_;
  std::unordered_map<uint64_t, std::vector<uint32_t>> rare_;
};

}  // namespace sitrep::reuse

#endif  // SITREP_REUSE_REWRITE_INDEX_H_
