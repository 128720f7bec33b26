// TIMEX dates as day intervals: what reconcile needs to compare, order and label the
// dates that the time extractor wrote as TIMEX3 values.
//
//   "2022-10-27" (also "2022-10-27T14:00") -> day    [27 Oct, 27 Oct]
//   "2022-W43"                              -> week   [Mon, Sun] (ISO 8601 weeks)
//   "2022-10"                               -> month  [1 Oct, 31 Oct]
//   "2022", "2022-SU", "2022-Q3", "2022-H1" -> year   [1 Jan, 31 Dec] (a season or quarter
//                                              is not given a finer precision than year:
//                                              reconcile never invents precision)
// Anything else (durations "P5M", sets, "PRESENT_REF", "XXXX-10-27", decades) is not a
// date here and parses to nothing.
//
// Days are counted from 1970-01-01 (proleptic Gregorian). Thread-safety: pure functions.
#ifndef SITREP_RECONCILE_TIMEX_H_
#define SITREP_RECONCILE_TIMEX_H_

#include <optional>
#include <string>
#include <string_view>

namespace sitrep::reconcile {

enum class Precision { kDay = 0, kWeek = 1, kMonth = 2, kYear = 3 };

// "day", "week", "month", "year".
std::string_view PrecisionName(Precision p);

struct DateSpan {
  long first = 0;  // first day, inclusive
  long last = 0;   // last day, inclusive
  Precision precision = Precision::kDay;
  std::string value;  // the TIMEX value at this precision ("2022-10-27T14:00" -> "2022-10-27")

  bool Overlaps(const DateSpan& o) const { return first <= o.last && o.first <= last; }
};

// Days since 1970-01-01 of a proleptic Gregorian date; month 1..12.
long DaysFromCivil(int year, int month, int day);

// The date interval of a TIMEX3 value, or nullopt when it is not a calendar date.
std::optional<DateSpan> ParseTimex(std::string_view value);

}  // namespace sitrep::reconcile

#endif  // SITREP_RECONCILE_TIMEX_H_
