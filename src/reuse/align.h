// Passage alignment: which sentences of a copy say what which sentences of a source say.
//
// Works on the sentence bags of DocFeatures (canonical content words, so synonym swaps
// and inflection do not matter, and word order inside a sentence does not either).
// Steps:
//   1. similarity of every sentence pair that shares a term (an inverted index over the
//      source's terms, so unrelated pairs cost nothing): weighted Dice of the bags, and
//      containment (shared weight / the smaller bag's weight);
//   2. one-to-one matches, greedily by decreasing Dice, above min_similarity — order
//      free, so reordered sentences and paragraphs align;
//   3. split, merged and repeated sentences: a sentence left over whose words are mostly
//      contained in a matched sentence on the other side joins that match (as part of the
//      same group when it is adjacent to it, else as a group of its own, e.g. a paragraph
//      the copy repeats); then pairs where one sentence is mostly inside the other anchor
//      groups of their own, and the split/merge step runs once more for them (a long copy
//      sentence made of several short source lines);
//   4. extension: sentences next to aligned pairs align at a lower similarity to
//      sentences next to their counterparts, growing runs outward;
//   5. inserted and dropped sentences simply stay unaligned.
//
// Invariants: every sentence index appears in at most one group on its side, except that
// a source sentence may appear in several groups when the copy repeats it. Groups are
// sorted by their first copy sentence.
// Thread-safety: pure functions.
#ifndef SITREP_REUSE_ALIGN_H_
#define SITREP_REUSE_ALIGN_H_

#include <cstddef>
#include <cstdint>
#include <vector>

#include "reuse/doc_features.h"

namespace sitrep::reuse {

struct AlignOptions {
  // Minimum weighted Dice similarity of two sentences for a one-to-one match.
  double min_similarity = 0.45;
  // Minimum share of a sentence's content contained in another for a split/merge.
  double min_containment = 0.7;
  // Minimum shared content weight for any match (about two content words).
  double min_shared_weight = 2.0;
  // Extension: a sentence next to an aligned pair aligns to a sentence next to its
  // counterpart at this lower Dice similarity (reused text comes in runs). 0 disables.
  double extend_similarity = 0.3;
  // Scales each term's weight by how specific it is to few sentences of the two
  // documents (inverse sentence frequency, as tf-isf): min(1, 2 log((n + 1) / sf) /
  // log(n + 1)), at least 0.1, where n is the number of sentences (units, see below) of
  // both documents and sf the number using the term. Topic words that run through both documents
  // then count less, so two sentences about the same thing do not align on them alone. Off by
  // default (the pipeline down-weights through collection frequency instead).
  bool sentence_frequency_weighting = false;
  // Sentences are aligned in units of at least this much content weight: a shorter
  // sentence (a heading, a fragment left by odd punctuation or line breaks) joins the
  // sentences after it (a short last unit joins the one before). Groups still list
  // sentence indices. 0 (the default) aligns single sentences.
  double min_unit_weight = 0;
};

struct AlignedGroup {
  std::vector<uint32_t> source;  // sentence indices, ascending
  std::vector<uint32_t> copy;    // sentence indices, ascending
  double similarity = 0;         // weighted Dice of the two sides' merged bags
};

struct Alignment {
  std::vector<AlignedGroup> groups;
  double copy_coverage = 0;    // share of the copy's sentence bytes inside groups
  double source_coverage = 0;  // share of the source's sentence bytes inside groups
  double similarity = 0;       // copy-byte-weighted mean of group similarities
};

Alignment AlignSentences(const DocFeatures& source, const DocFeatures& copy,
                         const AlignOptions& options);

// Weighted Dice similarity of two whole texts (all sentence bags merged), 0..1.
double TextSimilarity(const DocFeatures& a, const DocFeatures& b);

// A run of sentences aligned in both documents: inclusive sentence index ranges.
struct PassageSpan {
  uint32_t source_first = 0, source_last = 0;
  uint32_t copy_first = 0, copy_last = 0;
};

// Merges groups that follow each other in both documents, with at most `max_gap`
// unaligned sentences between them on either side, into longer passages (fewer, longer
// passages for plagiarism-detection style output).
std::vector<PassageSpan> MergeGroups(const Alignment& alignment, int max_gap);

}  // namespace sitrep::reuse

#endif  // SITREP_REUSE_ALIGN_H_
