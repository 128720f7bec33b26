// Time expressions: finds dates, times, durations and sets in English news text and
// normalises them to TIMEX3 values anchored to the publication date (docs/extract-time.md
// has the rules and the choices behind them).
//
//   "on Thursday"           -> "2022-10-27" (the latest Thursday on or before publication;
//                              on or after it when the clause is in the future tense)
//   "last month"            -> "2022-09"     "this week"   -> "2022-W43"
//   "last night"            -> "2022-10-27TNI"   "yesterday" -> "2022-10-27"
//   "in July"               -> "2022-07"     "February 24" -> "2022-02-24"
//   "since 2014"            -> "2014"        "a year ago"  -> "2021"
//   "for more than five months" -> "P5M", qualifier "more than"
//   "March 8, 2023"         -> "2023-03-08"  "2022-10-28"  -> "2022-10-28"
//
// Invariants: every TimeExpr has a non-empty value and type (date | time | duration |
// set); `text` is the exact byte range [start, end) of the input; results are in text
// order and do not overlap. Values never carry more precision than the text gives
// ("last month" is a month, not a day). Without an anchor date, expressions that need
// one are either written in TIMEX3's underspecified form ("XXXX-02-24", "XXXX-07",
// "XXXX-WXX-4" for a bare weekday) or left out ("yesterday", "last month").
// Thread-safety: pure functions; safe to call concurrently.
#ifndef SITREP_EXTRACT_TIME_H_
#define SITREP_EXTRACT_TIME_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sitrep/document.h"
#include "sitrep/report.h"
#include "text/text.h"

namespace sitrep::extract {

struct TimeTextOptions {
  // Emit TIMEX3 reference values: "now", "currently" -> PRESENT_REF, "recently", "the past"
  // -> PAST_REF, "the future", "the coming weeks" -> FUTURE_REF. They carry no date, so
  // the report leaves them out (ExtractTimes); TimeML evaluation counts them.
  bool references = false;
  // Keep expressions that need the anchor when there is none, with value "" (internal use:
  // the quantity extractor uses their spans to skip "three days ago").
  bool keep_unresolved = false;
};

// Time expressions in `text`; offsets relative to `text`. `anchor_date` is the
// publication date as "YYYY-MM-DD" (a longer ISO timestamp is cut to its date); when it
// is absent or malformed, relative expressions are unresolved (see the file comment).
// `doc` of the results is empty.
std::vector<TimeExpr> ExtractTimesFromText(std::string_view text,
                                           std::optional<std::string> anchor_date,
                                           const TimeTextOptions& options = {});

// Time expressions in the analysed sentences of `doc` (those listed in `text`, which
// must come from analysing `doc`), anchored to doc.published. Offsets are into
// doc.text; `doc` of each result is doc.id. Vague references ("now") are left out.
std::vector<TimeExpr> ExtractTimes(const Document& doc, const text::DocText& text);

}  // namespace sitrep::extract

#endif  // SITREP_EXTRACT_TIME_H_
