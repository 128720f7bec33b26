// Doc features: what the reuse stage needs from one analysed document, computed once
// and shared by every pair the document takes part in.
//
//   - a body hash over lower-cased word and number tokens (exact duplicates survive
//     changes of whitespace, punctuation, case and boilerplate blocks);
//   - word shingle hashes (near-duplicates);
//   - per sentence, a bag of weighted canonical content words (stopwords dropped,
//     synonyms folded through Token::canon) for passage alignment;
//   - sentence sketches and rare tokens (names, numbers) for rewrite candidates.
//
// Invariants: DocFeatures::sentences[i] describes DocText::sentences[i]; every bag is
// sorted by term and has unique terms.
// Thread-safety: pure functions; a DocFeatures is a plain value.
#ifndef SITREP_REUSE_DOC_FEATURES_H_
#define SITREP_REUSE_DOC_FEATURES_H_

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "sitrep/document.h"
#include "text/text.h"

namespace sitrep::reuse {

// True for English function words that carry no content ("the", "of", "is", "said"...).
// Takes a lower-case word.
bool IsStopword(std::string_view lower);

struct Term {
  uint64_t id = 0;   // hash of the canonical word (or the number's digits)
  float weight = 0;  // content words 1, numbers and names more
};

struct SentenceBag {
  std::vector<Term> terms;  // sorted by id, unique
  float total = 0;          // sum of weights
  size_t bytes = 0;         // length of the sentence in bytes
};

struct DocFeatures {
  uint64_t body_hash = 0;
  size_t body_bytes = 0;           // sum of sentence lengths
  std::vector<uint64_t> shingles;  // sorted, unique word-shingle hashes
  std::vector<SentenceBag> sentences;
  // Rewrite signals: three min-hash keys per sentence with enough content words, and the
  // hashes of rare-looking tokens (capitalized words inside sentences, multi-digit
  // numbers). Both sorted and unique.
  std::vector<uint64_t> sentence_sketches;
  std::vector<uint64_t> rare_tokens;
};

// Computes the features of one analysed document. `shingle_words` is the shingle length
// in word tokens.
DocFeatures ComputeFeatures(const Document& doc, const text::DocText& text, int shingle_words);

// Down-weights terms that many documents of a collection use (template and topic words),
// so that sentences agree through their specific content: each term weight is multiplied
// by min(1, 2 * log((n + 1) / df) / log(n + 1)), where df is the number of documents in
// `docs` using the term. Terms in fewer than sqrt(n) documents keep their weight. Does
// nothing for collections smaller than `min_docs`.
void ApplyDocumentFrequency(std::vector<DocFeatures*>& docs, size_t min_docs = 20);

// The same weights from counts made over a larger collection (a distributed job's whole
// corpus): `documents` in it, `term_documents` the number using each term. A term not in
// the table keeps its weight (it is taken to be in fewer than sqrt(documents + 1)).
void ApplyDocumentFrequency(std::vector<DocFeatures*>& docs, size_t documents,
                            const std::unordered_map<uint64_t, uint32_t>& term_documents);

// The terms of a document's sentence bags, sorted and unique: what a document counts
// for in document frequency.
std::vector<uint64_t> DocumentTerms(const DocFeatures& features);

// Weighted overlap of two bags: sum of the weights of the shared terms (the smaller of
// the two weights when they differ).
float SharedWeight(const SentenceBag& a, const SentenceBag& b);

// Shared weight of `a` against the union of several bags (used for split sentences).
float SharedWeightWithUnion(const SentenceBag& a, const std::vector<const SentenceBag*>& bs);

// Hashes of k consecutive words (k >= 1), sorted and unique. Fewer than k words give
// one shingle of all of them; no words give none.
std::vector<uint64_t> ShingleHashes(const std::vector<std::string_view>& words, int k);

}  // namespace sitrep::reuse

#endif  // SITREP_REUSE_DOC_FEATURES_H_
