// Character classes shared by the normalizer, the sentence splitter and the tokenizer.
//
// All functions take a Unicode code point and answer from ASCII tables first, falling
// back to ICU character properties only for non-ASCII input, so that English news text
// stays on the fast path.
//
// Thread-safety: pure functions.
#ifndef SITREP_TEXT_CHARS_H_
#define SITREP_TEXT_CHARS_H_

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace sitrep::text::internal {

// Decodes the code point at s[pos] (valid UTF-8 assumed; a stray byte decodes as itself)
// and sets `len` to its byte length. Requires pos < s.size().
char32_t Decode(std::string_view s, size_t pos, size_t& len);

// The code point that ends just before `pos` and its start; requires pos > 0.
char32_t DecodeBefore(std::string_view s, size_t pos, size_t& start);

void Append(char32_t cp, std::string& out);

// White space of any kind (ASCII, NBSP, thin space, line separators), plus the invisible
// U+200B and U+FEFF, which never belong inside a word.
bool IsSpace(char32_t c);
// Letters (any script).
bool IsLetter(char32_t c);
// Combining marks and invisible joiners that continue the word they follow.
bool IsMark(char32_t c);
// Decimal digits (any script).
bool IsDigit(char32_t c);
bool IsUpper(char32_t c);  // upper- or title-case letter
bool IsLower(char32_t c);  // lower-case letter
// ' ’ ‛ ʼ: characters that may stand for an apostrophe inside a word.
bool IsApostrophe(char32_t c);
// - ‐ ‑: hyphens that may join the parts of a compound word.
bool IsWordHyphen(char32_t c);
// Closing quotes and brackets that may follow a sentence terminator.
bool IsCloser(char32_t c);
// Opening quotes and brackets.
bool IsOpener(char32_t c);

// The folded form of one code point: curly/low single quotes and primes to ', double
// quotes and guillemets to ", dashes and minus to -, space-like characters to ' '.
// Returns 0 for characters that are dropped (zero-width space, BOM, soft hyphen), or `c`
// itself when nothing applies.
char32_t FoldPunct(char32_t c);

// Simple (1:1) Unicode case folding of one code point.
char32_t FoldCase(char32_t c);

// Lower-cases (case-folds) `s` and folds punctuation as FoldPunct, into `out`.
void FoldLower(std::string_view s, std::string& out);

}  // namespace sitrep::text::internal

namespace sitrep::text {
struct Token;
namespace internal {
// Tokenize() appending to `out` (no per-call vector).
void TokenizeInto(std::string_view text, size_t base, std::vector<Token>& out);
}  // namespace internal
}  // namespace sitrep::text

#endif  // SITREP_TEXT_CHARS_H_
