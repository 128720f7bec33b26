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

#include <string>
#include <vector>

#include "sitrep/document.h"
#include "sitrep/options.h"
#include "sitrep/report.h"
#include "sitrep/status.h"
#include "text/text.h"

namespace sitrep::reuse {

struct ReuseResult {
  std::vector<Reuse> pairs;           // sorted by source, then copy document order
  std::vector<CopyCluster> clusters;  // ids "k@<first document id>", in that order
};

// docs[i] and texts[i] belong together (texts from TextAnalyzer::Analyze). Requires
// docs.size() == texts.size(); otherwise returns an empty result.
ReuseResult FindReuse(const std::vector<Document>& docs, const std::vector<text::DocText>& texts,
                      const text::TextAnalyzer& analyzer, const ReuseOptions& options);

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
