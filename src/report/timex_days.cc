#include "report/timex_days.h"

#include <cctype>

namespace sitrep::report {
namespace {

// Reads exactly n digits at s[at]; -1 when they are not all digits.
int Digits(std::string_view s, size_t at, size_t n) {
  if (at + n > s.size()) return -1;
  int v = 0;
  for (size_t i = at; i < at + n; ++i) {
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

DayRange Months(int year, int first_month, int count) {
  int end_year = year, end_month = first_month + count;
  while (end_month > 12) {
    end_month -= 12;
    ++end_year;
  }
  return {true, DaysFromCivil(year, first_month, 1), DaysFromCivil(end_year, end_month, 1)};
}

}  // namespace

// Howard Hinnant's days_from_civil / civil_from_days.
int64_t DaysFromCivil(int year, int month, int day) {
  const int64_t y = year - (month <= 2);
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const int64_t yoe = y - era * 400;
  const int64_t doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
  const int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

Civil CivilFromDays(int64_t z) {
  z += 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const int64_t doe = z - era * 146097;
  const int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const int64_t mp = (5 * doy + 2) / 153;
  const int day = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  const int month = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  const int year = static_cast<int>(yoe + era * 400 + (month <= 2));
  return {year, month, day};
}

DayRange ParseTimexDays(std::string_view v) {
  if (v.size() == 3) {  // decade, "201"
    const int d = Digits(v, 0, 3);
    if (d < 0) return {};
    return {true, DaysFromCivil(d * 10, 1, 1), DaysFromCivil(d * 10 + 10, 1, 1)};
  }
  const int year = Digits(v, 0, 4);
  if (year < 0) return {};
  if (v.size() == 4) return {true, DaysFromCivil(year, 1, 1), DaysFromCivil(year + 1, 1, 1)};
  if (v[4] != '-' || v.size() < 7) return {};
  const std::string_view rest = v.substr(5);
  if (rest[0] == 'W' && rest != "WI") {
    const int week = Digits(rest, 1, 2);
    if (week < 1 || week > 53 || (rest.size() > 3 && rest[3] != '-')) return {};
    // ISO week 1 holds 4 January; weeks start on Monday.
    const int64_t jan4 = DaysFromCivil(year, 1, 4);
    const int64_t weekday = ((jan4 + 3) % 7 + 7) % 7;  // 1970-01-01 was a Thursday; Monday = 0
    const int64_t start = jan4 - weekday + (week - 1) * 7;
    return {true, start, start + 7};
  }
  if (rest.size() == 2) {
    if (rest[0] == 'Q' && rest[1] >= '1' && rest[1] <= '4')
      return Months(year, (rest[1] - '1') * 3 + 1, 3);
    if (rest[0] == 'H' && (rest[1] == '1' || rest[1] == '2'))
      return Months(year, rest[1] == '1' ? 1 : 7, 6);
    if (rest == "SP") return Months(year, 3, 3);
    if (rest == "SU") return Months(year, 6, 3);
    if (rest == "FA") return Months(year, 9, 3);
    if (rest == "WI") return Months(year, 12, 3);
    const int month = Digits(rest, 0, 2);
    if (month < 1 || month > 12) return {};
    return Months(year, month, 1);
  }
  const int month = Digits(rest, 0, 2);
  if (month < 1 || month > 12 || rest.size() < 5 || rest[2] != '-') return {};
  const int day = Digits(rest, 3, 2);
  if (day < 1 || day > DaysInMonth(year, month)) return {};
  if (rest.size() > 5 && rest[5] != 'T') return {};
  const int64_t d = DaysFromCivil(year, month, day);
  return {true, d, d + 1};
}

}  // namespace sitrep::report
