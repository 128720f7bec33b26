// Candidate index: FindReuse's candidate search as a state that is kept and updated.
//
// FindReuse proposes pairs to align as if it walked the documents in order and queried
// each against the documents before it:
//   - the same body hash (the first document with it, and each later one);
//   - LSH bands of word shingles with estimated Jaccard >= 0.2 (a symmetric relation);
//   - sentence sketches with rare names and numbers (RewriteIndex): the strongest
//     `max_candidates` earlier documents, weighed by how many earlier documents hold each
//     key (a key held by more than `max_postings` of them is skipped).
// Each document's candidates depend only on the documents before it. The index keeps
// every document's signals, its candidates and full postings, so that it can be updated
// exactly rather than searched again:
//   - documents appended after those indexed are queried as of their place;
//   - a document whose features changed (a living corpus cleans an article otherwise once
//     its outlet's template shows in more articles) has its signals replaced, and every
//     document whose answer its old or new signals could change is queried again: those
//     after it that share a key among the first max_postings + 2 holders of that key, and
//     its LSH neighbours.
// The pairs are then exactly those a search over all documents from the start finds
// (tested against it). A living corpus (src/corpus) keeps the index in its store; each
// add queries the new documents and the few the changes touch.
//
// The search starts again when the options differ or the indexed documents are not the
// first of those given (same ids in the same order).
//
// Thread-safety: const methods may run concurrently; the others need exclusive access.
#ifndef SITREP_REUSE_CANDIDATE_INDEX_H_
#define SITREP_REUSE_CANDIDATE_INDEX_H_

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "reuse/doc_features.h"
#include "sitrep/options.h"
#include "sitrep/status.h"

namespace sitrep::reuse {

class CandidateIndex {
 public:
  explicit CandidateIndex(const ReuseOptions& options);
  ~CandidateIndex();
  CandidateIndex(CandidateIndex&&) noexcept;
  CandidateIndex& operator=(CandidateIndex&&) noexcept;

  // What identifies a document's features for the search: its body hash, whether it has
  // sentences, its shingles, sentence sketches and rare tokens.
  static uint64_t Fingerprint(const DocFeatures& features);

  // Brings the index over these documents (ids[i], features[i] and fingerprints[i]
  // belong together, in order), as above: updated when `options` are those it was built
  // with and its documents are the first of `ids`, built again otherwise. Queries run on
  // `threads` workers. Returns the number of documents queried.
  size_t Update(const ReuseOptions& options, const std::vector<std::string_view>& ids,
                const std::vector<const DocFeatures*>& features,
                const std::vector<uint64_t>& fingerprints, int threads);

  // Documents indexed.
  size_t size() const;
  // Documents the last Update queried (all of them when it built the index again).
  size_t queried() const { return queried_; }
  // The candidate pairs (i < j by position), sorted and unique.
  std::vector<std::pair<uint32_t, uint32_t>> Pairs() const;

  // The index as bytes (little-endian, versioned) and back: each document's id,
  // fingerprint, signals, candidates and LSH neighbours; the postings are rebuilt from
  // them. Decode returns Corrupt, naming `what`, when the bytes are not an index of this
  // version.
  std::string Encode() const;
  static Result<CandidateIndex> Decode(std::string_view bytes, const std::string& what);

 private:
  struct State;
  std::unique_ptr<State> state_;
  size_t queried_ = 0;
};

}  // namespace sitrep::reuse

#endif  // SITREP_REUSE_CANDIDATE_INDEX_H_
