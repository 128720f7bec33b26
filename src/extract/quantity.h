// Quantities: figures in English news text with what they count (docs/extract-time.md).
//
//   "at least three people were killed" -> 3, qualifier "at least", about "people killed"
//   "about 73,000 people"                -> 73000, qualifier "about", about "people"
//   "100 to 200 casualties per day"      -> value 100, low 100, high 200, about
//                                           "casualties", rate "per day"
//   "30-40 times higher"                 -> low 30, high 40, unit "x"
//   "90 km (55 miles)"                   -> 90, unit "km", converted 55 "mi" (one quantity)
//   "1.5 million", "a dozen", "0.6", "90%" (unit "%"), "$5m" (unit "USD")
//   "dozens of bodies"                   -> 24 (the floor of the plural), qualifier
//                                           "at least", qualifier_text "dozens"
//   "Ivan, 37," / "a 37-year-old"        -> 37, about "age"
//
// Qualifiers are one of the four contract values: "about" (about, around, approximately,
// roughly, some, an estimated), "at least" (no fewer than), "more than" (over, above,
// upwards of), "up to" (as many as, at most, less than, under, almost, nearly); the words
// as written go to qualifier_text. A range's value is its low end.
//
// Not quantities: years, dates, clock times and durations (anything inside a time
// expression), ordinals ("third", "21st"), decades ("the 1990s"), identifiers ("Ka-50",
// "Resolution 2231", "No. 5"), compound modifiers ("six-man squad"), a lone "one".
//
// Invariants: `text` is the exact byte range [start, end) of the input; results are in
// text order and do not overlap; value >= 0. Thread-safety: pure functions.
#ifndef SITREP_EXTRACT_QUANTITY_H_
#define SITREP_EXTRACT_QUANTITY_H_

#include <string_view>
#include <vector>

#include "sitrep/document.h"
#include "sitrep/report.h"
#include "text/text.h"

namespace sitrep::extract {

// Quantities in `text`; offsets relative to `text`; `doc` of the results is empty.
std::vector<Quantity> ExtractQuantitiesFromText(std::string_view text);

// Quantities in the analysed sentences of `doc` (those listed in `text`, which must come
// from analysing `doc`). Offsets are into doc.text; `doc` of each result is doc.id.
std::vector<Quantity> ExtractQuantities(const Document& doc, const text::DocText& text);

// ExtractTimes and ExtractQuantities of one document in one pass: the text is lexed once
// and its time expressions are found once, their spans serving both (the quantity
// extractor skips the numbers inside them). What the pipeline calls.
struct TimesAndQuantities {
  std::vector<TimeExpr> times;
  std::vector<Quantity> quantities;
};
TimesAndQuantities ExtractTimesAndQuantities(const Document& doc, const text::DocText& text);

}  // namespace sitrep::extract

#endif  // SITREP_EXTRACT_QUANTITY_H_
