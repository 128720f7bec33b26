// Features of one block of text that cleaning decides roles from: size, sentence shape,
// stopword share, capitalisation, punctuation and the tell-tale shapes of junk (template
// tokens, "[TAG]" suffixes, "LABEL:" prefixes, credits in brackets, link-list lines).
//
// Internal to src/clean. Thread-safety: pure functions; tables are immutable statics.
#ifndef SITREP_CLEAN_FEATURES_H_
#define SITREP_CLEAN_FEATURES_H_

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>

namespace sitrep::clean {

struct TextFeatures {
  size_t bytes = 0;
  size_t chars = 0;        // code points
  size_t words = 0;        // space-separated runs holding a letter or digit; CJK counts
                           // one word per two ideographs
  size_t letters = 0;      // letter code points
  size_t stopwords = 0;    // words in the multilingual stopword list
  size_t capitalized = 0;  // words starting with an upper-case letter
  size_t upper_words = 0;  // words of 2+ letters, all upper-case
  size_t commas = 0;
  size_t sentence_ends = 0;  // . ! ? … 。 followed by space or end
  size_t lines = 1;
  size_t junk_phrases = 0;       // distinct boilerplate phrases found (newsletter, cookie...)
  bool starts_junk = false;      // the block opens with such a phrase ("Subscribe to ...")
  bool url_only = false;         // the block is a bare URL
  bool ends_sentence = false;    // last visible char is terminal punctuation (or a
                                 // closing quote/bracket after one)
  bool ends_colon = false;       // ends with ':' (introduces a list or quote)
  bool template_tokens = false;  // "[[name]]" or "{{name}}"
  bool caption_marker = false;   // "[/caption]" / "[caption"
  bool trailing_tag = false;     // ends with a bracketed upper-case tag "[LATEST]"
  bool label_prefix = false;     // starts with an upper-case label and colon "JUST IN:"
  bool title_colon = false;      // "Word Word: rest" with a short capitalised head
  bool trailing_credit = false;  // ends with "(AP)", "(Example.org)", "Photo: X"...
  bool starts_lower = false;     // first letter is lower-case
  bool starts_bullet = false;    // "•", "-", "*", "–" list bullet
  bool has_handle = false;       // "@name" or "twitter"
  uint64_t key = 0;              // hash of the ASCII letters (lower-cased) and digits and of every
                     // non-ASCII character: blocks that differ only in ASCII case, spacing
                     // or punctuation share it (the repetition key of cleaning)
  bool bio_shape = false;  // "<Name> is a/the ... editor/reporter/..." or
                           // "follow him/her on"

  double StopwordShare() const { return words ? double(stopwords) / words : 0.0; }
  double CapitalizedShare() const { return words ? double(capitalized) / words : 0.0; }
};

TextFeatures ComputeFeatures(std::string_view s);

// True for an ASCII or multilingual stopword (lower-case input).
bool IsStopword(std::string_view lower_word);

// The lists behind IsStopword and TextFeatures::junk_phrases (lower-case; a phrase may
// appear twice), for tests that check ComputeFeatures against a plain reference.
std::span<const std::string_view> StopwordList();
std::span<const std::string_view> JunkPhraseList();

// Lower-casing for phrase matching: ASCII, Latin-1 capitals and Cyrillic capitals (two-byte
// UTF-8 forms); other bytes unchanged, so byte length is kept.
std::string FoldCase(std::string_view s);

// ASCII lower-casing (other bytes unchanged).
std::string AsciiLower(std::string_view s);

// Trims ASCII and Unicode spaces (U+00A0, U+2000..U+200B, U+3000) from both ends.
std::string_view TrimSpace(std::string_view s);

}  // namespace sitrep::clean

#endif  // SITREP_CLEAN_FEATURES_H_
