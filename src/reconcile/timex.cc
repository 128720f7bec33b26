#include "reconcile/timex.h"

#include <cctype>

namespace sitrep::reconcile {
namespace {

// Reads exactly n digits at s[pos]; -1 when they are not all digits.
int Digits(std::string_view s, size_t pos, size_t n) {
  if (pos + n > s.size()) return -1;
  int v = 0;
  for (size_t i = pos; i < pos + n; ++i) {
    if (!std::isdigit(static_cast<unsigned char>(s[i]))) return -1;
    v = v * 10 + (s[i] - '0');
  }
  return v;
}

bool IsLeap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int DaysInMonth(int y, int m) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && IsLeap(y) ? 29 : kDays[m - 1];
}

// Monday of ISO week 1 of `year`: the week holding 4 January.
long IsoWeekOneMonday(int year) {
  const long jan4 = DaysFromCivil(year, 1, 4);
  const long weekday = ((jan4 % 7) + 7 + 3) % 7;  // 1970-01-01 was a Thursday; Monday = 0
  return jan4 - weekday;
}

}  // namespace

std::string_view PrecisionName(Precision p) {
  switch (p) {
    case Precision::kDay:
      return "day";
    case Precision::kWeek:
      return "week";
    case Precision::kMonth:
      return "month";
    case Precision::kYear:
      return "year";
  }
  return "year";
}

// Howard Hinnant's days_from_civil.
long DaysFromCivil(int year, int month, int day) {
  const long y = static_cast<long>(year) - (month <= 2 ? 1 : 0);
  const long era = (y >= 0 ? y : y - 399) / 400;
  const long yoe = y - era * 400;
  const long mp = (month + 9) % 12;
  const long doy = (153 * mp + 2) / 5 + day - 1;
  const long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

std::optional<DateSpan> ParseTimex(std::string_view v) {
  const int year = Digits(v, 0, 4);
  if (year < 0) return std::nullopt;
  DateSpan span;
  if (v.size() == 4) {
    span.first = DaysFromCivil(year, 1, 1);
    span.last = DaysFromCivil(year, 12, 31);
    span.precision = Precision::kYear;
    span.value = std::string(v);
    return span;
  }
  if (v[4] != '-' || v.size() < 7) return std::nullopt;
  if (v[5] == 'W') {
    const int week = Digits(v, 6, 2);
    if (week < 1 || week > 53 || (v.size() > 8 && v[8] != '-')) return std::nullopt;
    span.first = IsoWeekOneMonday(year) + 7L * (week - 1);
    span.last = span.first + 6;
    span.precision = Precision::kWeek;
    span.value = std::string(v.substr(0, 8));
    return span;
  }
  const std::string_view rest = v.substr(5);
  if (rest == "SP" || rest == "SU" || rest == "FA" || rest == "AU" || rest == "WI" ||
      rest == "Q1" || rest == "Q2" || rest == "Q3" || rest == "Q4" || rest == "H1" ||
      rest == "H2") {
    span.first = DaysFromCivil(year, 1, 1);
    span.last = DaysFromCivil(year, 12, 31);
    span.precision = Precision::kYear;
    span.value = std::string(v.substr(0, 4));
    return span;
  }
  const int month = Digits(v, 5, 2);
  if (month < 1 || month > 12) return std::nullopt;
  if (v.size() == 7) {
    span.first = DaysFromCivil(year, month, 1);
    span.last = DaysFromCivil(year, month, DaysInMonth(year, month));
    span.precision = Precision::kMonth;
    span.value = std::string(v);
    return span;
  }
  if (v[7] != '-') return std::nullopt;
  const int day = Digits(v, 8, 2);
  if (day < 1 || day > DaysInMonth(year, month)) return std::nullopt;
  if (v.size() > 10 && v[10] != 'T') return std::nullopt;
  span.first = span.last = DaysFromCivil(year, month, day);
  span.precision = Precision::kDay;
  span.value = std::string(v.substr(0, 10));
  return span;
}

}  // namespace sitrep::reconcile
