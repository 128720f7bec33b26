// Passages: the aligned sentence groups of a pair turned into the passages a reader (or a
// plagiarism-detection evaluation) sees, and the excerpt test of the reuse stage.
//
//   BuildPassages  maximal contiguous spans: groups that follow each other in both
//                  documents (at most `max_gap` unaligned sentences between them) are one
//                  passage; a summary (the aligned copy text much shorter than the source
//                  extent it draws on) is one passage whose source extent takes in every
//                  source sentence largely contained in it; ends are cut to where the
//                  shared text starts and stops (verbatim-like passages: grown word by word
//                  across sentence ends while the texts stay identical, then over the
//                  documents' own bytes between their first and last analysed tokens,
//                  where cleaning left text out of the analysed blocks (a list, a
//                  caption, a line of a table); others: trimmed to
//                  the first and last shared content word); passages that overlap in both
//                  documents are merged; passages shorter than `min_chars` per side on
//                  average, or `min_side_chars` on either side, are left out unless they
//                  cover `keep_share` of either document (short documents) or hold a
//                  short excerpt (`verbatim_sentences` copy sentences and `verbatim_words`
//                  words aligned at `verbatim_similarity`).
//   FindRuns       runs of consecutive copy sentences aligned to consecutive source
//                  sentences, counting only the words outside quotation marks (two outlets
//                  quoting one speaker do not copy): the evidence for an excerpt.
//
// Thread-safety: pure functions.
#ifndef SITREP_REUSE_PASSAGES_H_
#define SITREP_REUSE_PASSAGES_H_

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

#include "reuse/align.h"
#include "reuse/doc_features.h"
#include "text/text.h"

namespace sitrep::reuse {

struct PassageOptions {
  int max_gap = 3;                    // unaligned sentences allowed inside one passage
  double summary_ratio = 0.5;         // summary: aligned copy extent < ratio x source extent
  double summary_share = 0.3;         // source sentences this much inside a summary join it
  double summary_related = 0.3;       // a summary: this share of its source extent joins it
  int exact_run = 8;                  // verbatim-like: runs of this many identical words...
  double exact_cover = 0.5;           // ...covering this share of the copy passage's words
  size_t min_chars = 200;             // minimum mean length of the two sides, in bytes
  size_t min_side_chars = 60;         // minimum length of either side, in bytes
  double keep_share = 0.5;            // ...unless it covers this share of either document,
  size_t verbatim_sentences = 2;      // or holds this many copy sentences (and
  size_t verbatim_words = 25;         // ...this many words) aligned near-verbatim:
  double verbatim_similarity = 0.85;  // ...at this similarity (a short excerpt)
};

// One side of a pair: the analysed text and its features.
struct PassageSide {
  const text::DocText* text = nullptr;
  const DocFeatures* features = nullptr;
  std::string_view document = {};  // Document::text, which the token offsets index (optional)
};

struct BuiltPassage {
  size_t source_start = 0, source_end = 0;  // byte ranges in Document::text
  size_t copy_start = 0, copy_end = 0;
  PassageSpan span;  // the sentences it covers (inclusive)
};

// Passages of `alignment` (source -> copy), in copy order.
std::vector<BuiltPassage> BuildPassages(const PassageSide& source, const PassageSide& copy,
                                        const Alignment& alignment, const PassageOptions& options);

// Passages that overlap or follow each other (at most `max_gap` unaligned sentences
// apart) in both documents become one, in place: a passage of one aligned group beside a
// built passage, or a passage split where a copy repeats a paragraph. `passage_of` (an
// index into `built` per aligned group, or -1) is remapped to the merged passages.
void MergeNeighbours(std::vector<BuiltPassage>& built, std::vector<int>& passage_of, long max_gap);

// Words of one sentence of `text` (its tokens other than punctuation).
size_t SentenceWords(const text::DocText& text, uint32_t sentence);

struct AlignedRun {
  size_t sentences = 0;   // the fewer of its copy and its source sentences
  size_t words = 0;       // its copy words outside quotation marks
  double similarity = 0;  // mean group similarity
};

// Runs of aligned groups (group similarity >= `min_similarity`) that follow each other
// directly in both documents: consecutive copy sentences aligned to consecutive source
// sentences. A copy sentence whose words are mostly inside quotation marks
// (`copy_quoted`, from QuotedShare) breaks a run and counts for nothing: two outlets
// quoting one speaker do not copy each other.
std::vector<AlignedRun> FindRuns(const text::DocText& copy, const std::vector<float>& copy_quoted,
                                 const Alignment& alignment, double min_similarity);

// Per sentence of `text`, the share of its word tokens inside quotation marks (straight,
// curly or guillemets; a quotation left open at the end of a block closes there).
std::vector<float> QuotedShare(const text::DocText& text);

}  // namespace sitrep::reuse

#endif  // SITREP_REUSE_PASSAGES_H_
