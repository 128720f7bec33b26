// Facts: the checkable details of each sentence that drift detection compares between
// an aligned source and copy sentence. Extracted once per document from its tokens:
//   numbers    value (number words and digits alike: "one kilometre" = "1 km"), unit
//              (km, mi, %, day...), qualifier class ("more than" = "over" = '>'), and the
//              content words right around it;
//   dates      calendar parts (month, day, year, weekday) and relative times ("last
//              month", "yesterday");
//   entities   runs of capitalized words (titles "Mr", "President" kept apart), a coarse
//              class (person, place, organization, other) and transliteration-tolerant
//              keys, so "Zelensky" and "Zelenskyy", "Kiev" and "Kyiv" meet;
//   quotes     the words inside quotation marks;
//   hedges     epistemic, pace and degree adverbs/modals in meaning groups;
//   negation   negators and the words they negate; polar connectives ("in order to",
//              "because" versus "despite", "although").
// All spans are byte ranges into Document::text.
//
// Thread-safety: pure functions; values.
#ifndef SITREP_REUSE_FACTS_H_
#define SITREP_REUSE_FACTS_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "sitrep/document.h"
#include "text/text.h"

namespace sitrep::reuse {

struct NumberFact {
  uint32_t sentence = 0;
  size_t start = 0, end = 0;  // qualifier + number + unit
  double value = 0;
  std::string unit;                  // normalized: "km", "mi", "%", "month", "usd"... or ""
  char qualifier = 0;                // 0 exact, '>' at least/more, '<' at most/less, '~' about
  std::vector<std::string> context;  // canonical content words within two words around
};

struct DateFact {
  uint32_t sentence = 0;
  size_t start = 0, end = 0;
  std::vector<std::string> parts;  // sorted: "m7", "d24", "y2014", "wd4", "rel:last-month"
  bool calendar = false;           // has a month, day or year (kind "date"; else "time")
};

struct EntityFact {
  uint32_t sentence = 0;
  size_t start = 0, end = 0;
  std::string cls;                 // person | place | organization | other
  std::vector<std::string> keys;   // transliteration keys of the name words (no titles)
  std::vector<std::string> lower;  // lower-case name words
};

struct QuoteFact {
  uint32_t sentence = 0;                   // sentence of the opening mark
  uint32_t last_sentence = 0;              // sentence of the closing mark
  size_t first_token = 0, last_token = 0;  // [first, last) into DocText::tokens
};

struct MarkerFact {  // hedge words, negators, polar connectives
  uint32_t sentence = 0;
  size_t start = 0, end = 0;
  std::string group;  // meaning group: "hedge:possible", "neg", "conn:purpose"...
  std::string word;   // lower-case form (for negators: the negated word's stem)
};

struct DocFacts {
  std::vector<NumberFact> numbers;
  std::vector<DateFact> dates;
  std::vector<EntityFact> entities;
  std::vector<QuoteFact> quotes;
  std::vector<MarkerFact> markers;
  // Every capitalized word of the document, lower-cased, sorted and unique (names at
  // sentence starts included), to tell whether a name occurs anywhere in it.
  std::vector<std::string> capitalized_words;
};

// Transliteration key of a name word: lower-case, vowels after the first letter and 'y'
// dropped, g/h, k/c/q, v/w, j/y-sounds folded and doubled letters collapsed.
std::string NameKey(std::string_view word);

// True when two lower-case name words name the same thing: equal transliteration keys
// ("zelensky"/"zelenskyy", "kiev"/"kyiv"), or a shared prefix of at least five letters
// covering most of the shorter word ("russia"/"russian", "ukraine"/"ukrainian").
bool SameName(std::string_view lower_a, std::string_view lower_b);

// True for words that name a kind of thing rather than a particular one ("group",
// "region", "ministry"): they do not make two names the same.
bool IsGenericNameWord(std::string_view lower);

// Extracts the facts of every sentence of `text` (the analysed `doc`).
DocFacts ExtractFacts(const Document& doc, const text::DocText& text,
                      const text::TextAnalyzer& analyzer);

}  // namespace sitrep::reuse

#endif  // SITREP_REUSE_FACTS_H_
