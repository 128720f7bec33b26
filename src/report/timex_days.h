// TIMEX3 values as day ranges, for drawing a timeline.
//
// ParseTimexDays turns a TIMEX3 date value into the half-open range of days it covers,
// counted from 1970-01-01 in the proleptic Gregorian calendar:
//   "2017-06-22" (also with a time, "2017-06-22T14:00") -> that day
//   "2017-W25" -> Monday to Sunday of ISO week 25;   "2017-06" -> the month
//   "2017-Q3", "2017-H1" -> quarter, half;  "2017-SP|SU|FA|WI" -> meteorological season
//   "2017" -> the year;  "201" -> the decade 2010-2019
// Anything else (durations "P5M", "PRESENT_REF", "XXXX-06-22", invalid dates) is not a
// date: ok == false.
//
// Thread-safety: pure functions.
#ifndef SITREP_REPORT_TIMEX_DAYS_H_
#define SITREP_REPORT_TIMEX_DAYS_H_

#include <cstdint>
#include <string_view>

namespace sitrep::report {

struct DayRange {
  bool ok = false;
  int64_t start = 0;  // first day
  int64_t end = 0;    // one past the last day
};

struct Civil {
  int year = 1970;
  int month = 1;  // 1..12
  int day = 1;    // 1..31
};

// Days since 1970-01-01 of a civil date (any year; month 1..12, day 1..31).
int64_t DaysFromCivil(int year, int month, int day);
// The civil date of a day count.
Civil CivilFromDays(int64_t days);

DayRange ParseTimexDays(std::string_view value);

}  // namespace sitrep::report

#endif  // SITREP_REPORT_TIMEX_DAYS_H_
