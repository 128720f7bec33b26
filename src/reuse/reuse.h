// Reuse: which documents copy, rewrite or excerpt which, the passages they share, the
// facts that drifted on the way, and the copy clusters that count as one source.
//
//   candidates  exact duplicates (hash of the normalized body), near-duplicates (MinHash
//               + LSH over word shingles, minhash.h) and rewrites (sentence sketches and
//               rare names/numbers, rewrite_index.h) - all sub-quadratic;
//   alignment   sentence-level, spinning-robust (align.h);
//   relation    duplicate | near-duplicate | rewrite | partial, with coverage and
//               similarity as in contract v1;
//   direction   published dates, wire credits, repeated passages, superset - or
//               "undetermined" (the document more of which is reused taken as the source);
//   drift       per aligned group (drift.h);
//   clusters    union-find over reported pairs; every document in exactly one cluster.
//
// Thread-safety: FindReuse and ComparePair are reentrant; FindReuse uses
// options.threads workers for alignment and drift.
#ifndef SITREP_REUSE_REUSE_H_
#define SITREP_REUSE_REUSE_H_

#include <cstdint>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "sitrep/document.h"
#include "sitrep/options.h"
#include "sitrep/report.h"
#include "sitrep/status.h"
#include "text/text.h"

namespace sitrep::reuse {

class CandidateIndex;  // candidate_index.h

struct ReuseResult {
  std::vector<Reuse> pairs;           // sorted by source, then copy document order
  std::vector<CopyCluster> clusters;  // ids "k@<first document id>", in that order
};

// What one piece of a collection is told about the whole (a distributed job's pair bin,
// docs/scale.md) so that its reuse stage reports the pairs one run over the whole
// collection reports between the piece's documents:
struct ReuseScope {
  // The candidate pairs to align, by document id, instead of the piece's own candidate
  // search: those FindReuse proposes over the whole collection (same body hash, LSH with
  // estimated Jaccard >= 0.2, RewriteIndex). A pair naming a document not in the piece is
  // left out; each is aligned with the earlier document (in `docs` order) first.
  std::vector<std::pair<std::string, std::string>> candidates;
  // Word weights (ApplyDocumentFrequency) as the collection gives them: its number of
  // documents, and how many use each sentence term (DocumentTerms); terms used by fewer
  // than sqrt(documents + 1) documents may be left out. No weighting when documents < 20
  // or ReuseOptions::document_frequency is off.
  size_t documents = 0;
  std::unordered_map<uint64_t, uint32_t> term_documents;
};

// docs[i] and texts[i] belong together (texts from TextAnalyzer::Analyze). Requires
// docs.size() == texts.size(); otherwise returns an empty result. `scope`, when not null,
// gives the candidates and word weights (above) instead of those found over `docs`.
// `index`, when not null (and no scope is given), is a candidate search kept from an
// earlier run (candidate_index.h): it is resumed when it has searched the first of `docs`
// as they are now, started again otherwise, and has searched all `docs` on return. The
// result is the same either way.
ReuseResult FindReuse(const std::vector<Document>& docs, const std::vector<text::DocText>& texts,
                      const text::TextAnalyzer& analyzer, const ReuseOptions& options,
                      const ReuseScope* scope = nullptr, CandidateIndex* index = nullptr);

// The candidate pairs FindReuse aligns over `docs` without a scope, as indexes into
// `docs` (earlier first, sorted, unique): documents with one body hash, LSH band matches
// with estimated Jaccard >= 0.2, RewriteIndex candidates, and every pair of a collection
// of at most 32 documents. What a distributed job's candidate search must reproduce.
std::vector<std::pair<uint32_t, uint32_t>> CandidatePairs(const std::vector<Document>& docs,
                                                          const std::vector<text::DocText>& texts,
                                                          const ReuseOptions& options);

// Pairs found elsewhere (a distributed job hands each piece of the corpus the pairs it
// found over the whole, report::ReadReuseJson): those between two of `docs`, ordered and
// clustered as FindReuse orders and clusters its own. A pair naming a document not in
// `docs`, or one document on both sides, is left out.
// The pairs kept must fit their documents (`docs` as cleaned, whose text the byte ranges
// index): every passage's ranges inside the source's and the copy's text, start <= end,
// every drift's passage -1 or a passage of its pair; otherwise an InvalidInput error
// naming the pair and what does not fit.
Result<ReuseResult> KnownReuse(const std::vector<Document>& docs, std::vector<Reuse> pairs);

// Compares two documents directly, without candidate search or thresholds: the relation,
// direction, passages and drift as FindReuse would report them (relation "none" when
// nothing aligns). When the direction is undetermined, `a` is taken as the source, unless
// the pair has an excerpt's shape (under 40 % of one document aligned, at least twice that
// share of the other): then the document more of which is reused is.
Reuse ComparePair(const Document& a, const text::DocText& ta, const Document& b,
                  const text::DocText& tb, const text::TextAnalyzer& analyzer,
                  const ReuseOptions& options);

// True when the document carries a news-agency credit: "(AP)", "(Reuters)", "(AFP)",
// "AP Photo", "Copyright ... Associated Press"...
bool HasWireCredit(const Document& doc);

}  // namespace sitrep::reuse

#endif  // SITREP_REUSE_REUSE_H_
