// Text foundations shared by every later stage: sentences, word tokens, stems and
// canonical words, all as byte ranges into the text they were computed from.
//
//   Normalize()      NFKC + folding of quotes, dashes and spaces, with a map back to the
//                    original byte offsets (ICU).
//   SplitSentences() sentence boundaries that survive "Mr Putin", "Gov. Pavlo", "U.S.",
//                    quotes, decimals ("0.6") and dates (a rule scanner; see below).
//   Tokenize()       word, number and punctuation tokens with lower-case form.
//   TextAnalyzer     adds Snowball stems and WordNet canonical words; analyses a whole
//                    Document (its body-like blocks) into a DocText.
//
// Invariants: every Span/Token/Sentence satisfies start <= end <= text.size() and points
// at whole UTF-8 code points; sentences never cross block boundaries.
// Thread-safety: free functions are pure. A TextAnalyzer is immutable after creation and
// may be shared between threads (it keeps per-thread stemmer state internally).
#ifndef SITREP_TEXT_TEXT_H_
#define SITREP_TEXT_TEXT_H_

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "sitrep/document.h"
#include "sitrep/options.h"
#include "sitrep/status.h"

namespace sitrep::text {

struct Span {
  size_t start = 0;
  size_t end = 0;
};

struct Normalized {
  std::string text;  // NFKC, curly quotes -> ' ", dashes -> -, all spaces -> ' '
  // to_original[i] is the byte offset in the input of normalized byte i; it has
  // text.size() + 1 entries so that an end offset maps too.
  std::vector<size_t> to_original;
};

// Normalizes `input` (valid UTF-8) keeping a byte map back to it.
Normalized Normalize(std::string_view input);

// Sentence spans of `text` (one paragraph or more), trimmed of surrounding whitespace.
// Offsets are relative to `text`; spans are in order and do not overlap.
//
// A rule scanner (faster than ICU's BreakIterator and without its breaks after "Gov.",
// "St." or inside "“Stop!” and"). A sentence ends:
//   - at a blank line, always;
//   - at a single line break when the next line starts with anything but a lower-case
//     letter and the line does not end in , ; - ( & / or a title ("Mr.");
//   - after . ! ? … or "..." (plus any closing quotes/brackets) followed by white space and
//     something other than a lower-case letter or , ; : ) - unless the period ends a title
//     or rank ("Mr", "Gov", "Lt", "Col", "St"...), an inner abbreviation ("e.g", "vs"),
//     a number abbreviation before a digit ("No. 3", "Jan. 5"), or an ambiguous one
//     (initial "J.", dotted "U.S.", "Inc", "Jr", "a.m.") that is not followed by a
//     common sentence opener ("The", "He", "But"...) or an opening quote;
//   - after a period glued to a capitalised word in scraped text ("fire.The").
// Decimals ("0.6") and inner periods never end a sentence (no white space follows).
std::vector<Span> SplitSentences(std::string_view text);

enum class TokenKind : uint8_t { kWord, kNumber, kPunct };

struct Token {
  size_t start = 0;  // byte range in the analysed text
  size_t end = 0;
  TokenKind kind = TokenKind::kWord;
  std::string lower;         // lower-cased (ICU case folding), curly apostrophes folded to '
  std::string stem;          // Snowball stem of `lower` (words only; empty before stemming)
  std::string canon;         // canonical word: the stem of the WordNet synset head shared by
                             // synonyms ("seize"/"capture" meet); equals `stem` when unknown
  bool capitalized = false;  // first letter upper-case
};

// Word, number and punctuation tokens of `text`, offsets relative to `text` plus `base`.
// Words: letters, digits and combining marks starting with a letter, joined over inner
// apostrophes ("don't") and hyphens ("counter-offensive", "F-16"); dotted acronyms are one
// word with their final period ("U.S.", "a.m."). Possessive/contracted "'s" (straight or
// curly) is its own word token ("Kyiv's" -> "Kyiv" "'s"). Numbers: digits with inner
// "," or "." between digits ("73,000", "0.6"); letters after digits start a new token
// ("1.5m" -> "1.5" "m", "30-40" is three tokens). Everything else is one punctuation token
// per character, except runs of "." or "-" ("..."). Whitespace yields no token.
std::vector<Token> Tokenize(std::string_view text, size_t base = 0);

struct Sentence {
  size_t start = 0;  // byte range in Document::text
  size_t end = 0;
  size_t block = 0;        // index into Document::blocks
  size_t first_token = 0;  // [first_token, last_token) into DocText::tokens
  size_t last_token = 0;
};

// The analysed text of one document: sentences and tokens of its blocks.
struct DocText {
  std::vector<Sentence> sentences;
  std::vector<Token> tokens;
};

class TextAnalyzer {
 public:
  // Loads the stemmer and (when options.wordnet_dir is set and readable) WordNet.
  // Fails with NotFound when the stemmer language is unknown; a missing WordNet folder is
  // not an error (canonical words then equal stems).
  static Result<std::unique_ptr<TextAnalyzer>> Create(const TextOptions& options);
  ~TextAnalyzer();

  // Snowball stem of a lower-case word.
  std::string Stem(std::string_view lower_word) const;

  // Canonical word for a lower-case word (see Token::canon).
  //
  // Method: the word is reduced to its WordNet base form (Lemma()) in one part of speech.
  // (lemma, part of speech) pairs are grouped at load time into small synonym classes:
  // two are linked when a synset is among the first TextOptions::canonical_senses senses
  // of both; links are merged strongest first (smallest sum of sense ranks), two classes
  // merge only when more than half of the pairs across them are linked (average linkage,
  // so one polysemous word cannot chain unrelated words) and no class grows past
  // TextOptions::canonical_max_class. The canonical word is the Snowball stem of the
  // class head (its member with the most senses). Words WordNet does not know, English
  // function and number words ("in", "one"), and all words of non-English analyzers get
  // their own stem. See text/wordnet.h.
  // The base form, and so the class, is chosen without context: the (lemma, part of
  // speech) seen most often in WordNet's tagged corpus ("fight" is the verb, "state" the
  // noun, "stated" the verb). Pairs that meet (tested): said/stated, fought/fight,
  // bought/purchased, withdrew/retreated, help/aid, big/large, country/nation. Pairs kept
  // apart (tested): kill/die, city/town, attack/defend, rise/fall, take/give, in/inch.
  // Synonyms whose shared synset is a minor sense of one of them (capture/seize,
  // break/rupture) do not meet here: use Synonymous() for a pairwise check.
  std::string Canonical(std::string_view lower_word) const;

  // True when the two lower-case words (inflected forms allowed: "seized", "fought") have
  // base forms sharing a WordNet synset among the first TextOptions::synonym_senses
  // senses of each, in the same part of speech; also true when a == b or they have a base
  // form in common. False without WordNet unless the stems are equal.
  bool Synonymous(std::string_view a, std::string_view b) const;

  // WordNet base form of a lower-case word ("fought" -> "fight", "stated" -> "state",
  // "forces" -> "force"): by WordNet's morphy (exception lists, then detachment rules),
  // choosing among several candidates the one most frequent in WordNet's sense-tagged
  // corpus (cntlist.rev), then the one with the most senses. The word itself when WordNet
  // does not know it or is not loaded.
  std::string Lemma(std::string_view lower_word) const;

  // Fills stem and canon of word tokens.
  void Annotate(std::vector<Token>& tokens) const;

  // Sentences and annotated tokens of the blocks of `doc` whose role is body, title,
  // dek, heading or repeat (not boilerplate, caption or byline). Sentences come in block
  // order; each block is split on its own (SplitSentences), each sentence tokenized on its
  // own, so tokens never cross sentences and sentences never cross blocks. A document
  // without blocks is analysed as one block over its whole text (Sentence::block = 0).
  DocText Analyze(const Document& doc) const;

  // As Analyze, but over every block whatever its role.
  DocText AnalyzeAllBlocks(const Document& doc) const;

  // True when WordNet synonyms were loaded.
  bool has_synonyms() const;

  // Milliseconds spent loading WordNet in Create() (0 without it).
  double wordnet_load_ms() const;

 private:
  TextAnalyzer();
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace sitrep::text

#endif  // SITREP_TEXT_TEXT_H_
