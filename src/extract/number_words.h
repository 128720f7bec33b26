// Number reading shared by the time and quantity extractors: cardinals in digits
// ("73,000", "0.6", "1.5 million", "3bn") and in words ("three", "twenty-six",
// "a dozen", "two hundred thousand"), vague plurals ("dozens", "hundreds",
// "tens of thousands") and ordinals ("third", "21st").
//
// Invariants: values are finite and >= 0; a parse never crosses punctuation other than
// the glued hyphen of "twenty-six" and the thousands separators inside a number token.
// Thread-safety: pure functions over constant tables.
#ifndef SITREP_EXTRACT_NUMBER_WORDS_H_
#define SITREP_EXTRACT_NUMBER_WORDS_H_

#include <cstddef>
#include <optional>
#include <string_view>

#include "extract/lexer.h"

namespace sitrep::extract {

// Value of a cardinal word below a hundred or of "dozen" ("three" -> 3, "ninety" -> 90,
// "dozen" -> 12), else -1. `lower` is lower-case.
int CardinalWord(std::string_view lower);

// Value of a scale word ("hundred" 100, "thousand" 1e3, "million"/"mln"/"m" 1e6,
// "billion"/"bn" 1e9, "trillion"/"tn" 1e12), else 0. One-letter "m" only when
// `allow_m` (after a currency sign).
double ScaleWord(std::string_view lower, bool allow_m = false);

// 1 for "first" .. 31 for "thirty-first" word forms up to "tenth" and the tens, or 0.
int OrdinalWord(std::string_view lower);

struct NumberSpan {
  double value = 0;
  size_t begin = 0;  // token range [begin, end)
  size_t end = 0;
  bool words = false;          // written in words ("three", "a dozen")
  bool vague = false;          // "dozens", "hundreds", "tens of thousands": value is a floor
  bool plain_integer = false;  // one digit token with no separator and no scale ("1990")
  bool has_scale = false;      // "1.5 million", "two thousand"
  double scale = 1;            // the scale word's value for digits ("1.5 million": 1e6)
  int int_digits = 0;          // digits before the decimal point, for plain_integer tokens
};

// Reads a number starting at token `i` of `lexed` (not beyond token `limit`). Returns
// nothing when token i does not start a number. "a"/"an" count only before dozen/hundred/
// thousand/million/billion. `allow_m` lets a glued "m" mean million ("$5m").
std::optional<NumberSpan> ParseNumber(const lex::Lexed& lexed, size_t i, size_t limit,
                                      bool allow_m = false);

// A hedge before a figure: "more than", "at least", "about", "up to" and the phrases that
// mean the same ("over", "upwards of", "no fewer than", "approximately", "some", "as many
// as", "less than", "almost", "nearly"...). `canonical` is one of the four contract values;
// `cue` is the phrase as written, lower-case. Range [begin, end) in tokens.
struct Qualifier {
  std::string_view canonical;
  std::string_view cue;
  size_t begin = 0;
  size_t end = 0;
};

// Reads a qualifier at token i that is directly followed by a number (digits, a number
// word, "a"/"an"/"several"/"a few"), so that the preposition in "over the weekend" is not
// taken for one.
std::optional<Qualifier> ParseQualifier(const lex::Lexed& lexed, size_t i, size_t limit);

// Numeric value of a number token's text ("73,000" -> 73000, "0.6" -> 0.6).
double NumberTokenValue(std::string_view digits);

}  // namespace sitrep::extract

#endif  // SITREP_EXTRACT_NUMBER_WORDS_H_
