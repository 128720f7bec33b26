// Lexer for the time and quantity extractors: a fast, allocation-light split of text
// into word, number and punctuation tokens, with an ASCII-lower-cased copy of the text
// that keeps byte offsets (so `Lower(tok)` is a view at the same offsets as the input).
//
// Why not text::Tokenize: the extractors need cheap per-byte decisions (glued hyphens in
// "30-40" and "Ka-50", "10:35", "1,000", "a.m.") and run on raw strings too
// (ExtractTimesFromText), so they keep their own lexer; offsets are the same bytes.
//
// Tokens: a word is a run of ASCII letters or non-ASCII code points other than the
// General Punctuation block (U+2000-U+206F) and Latin-1 punctuation; a number is a run
// of digits with inner "," + 3 digits, "." + digit, or ":" + 2 digits ("73,000", "0.6",
// "10:35"); everything else that is not space is a one-code-point punctuation token
// whose `punct` is an ASCII stand-in (’ -> '\'', “ -> '"', – — -> '-').
// Thread-safety: pure functions.
#ifndef SITREP_EXTRACT_LEXER_H_
#define SITREP_EXTRACT_LEXER_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace sitrep::extract::lex {

enum class Kind : uint8_t { kWord, kNumber, kPunct };

struct Tok {
  uint32_t start = 0;  // byte range in the lexed text
  uint32_t end = 0;
  Kind kind = Kind::kWord;
  char punct = 0;               // ASCII stand-in for punctuation tokens, else 0
  bool space_before = false;    // whitespace (or text start) right before the token
  bool upper = false;           // first byte is an ASCII capital
  bool sentence_start = false;  // first token of the text or after . ! ? (heuristic)
};

struct Lexed {
  std::string_view text;  // the input (not owned)
  std::string lower;      // ASCII-lower-cased copy of text, same offsets
  std::vector<Tok> toks;

  std::string_view Lower(const Tok& t) const {
    return std::string_view(lower).substr(t.start, t.end - t.start);
  }
  std::string_view Text(const Tok& t) const { return text.substr(t.start, t.end - t.start); }
};

// Lexes `text`. The Lexed keeps a view of `text`, which must outlive it.
Lexed Lex(std::string_view text);

// Indices [first, last) of the tokens lying wholly inside the byte range [start, end) of
// the lexed text, e.g. one analysed sentence.
struct TokenRange {
  size_t first = 0, last = 0;
};
TokenRange TokensIn(const Lexed& lexed, size_t start, size_t end);

}  // namespace sitrep::extract::lex

#endif  // SITREP_EXTRACT_LEXER_H_
