#include "extract/time.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <initializer_list>
#include <unordered_set>

#include "extract/lexer.h"
#include "extract/number_words.h"
#include "extract/time_internal.h"

namespace sitrep::extract {
namespace {

using lex::Kind;
using lex::Lexed;
using lex::Tok;

// ---------------------------------------------------------------------------------------
// Calendar arithmetic (proleptic Gregorian; H. Hinnant's days_from_civil).

struct Civil {
  int y = 0, m = 0, d = 0;
};

int64_t DaysFromCivil(int y, int m, int d) {
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const int64_t yoe = y - era * 400;
  const int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
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
  Civil c;
  c.d = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  c.m = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  c.y = static_cast<int>(yoe + era * 400 + (c.m <= 2));
  return c;
}

int64_t Days(const Civil& c) { return DaysFromCivil(c.y, c.m, c.d); }

// ISO weekday, 1 = Monday .. 7 = Sunday.
int IsoWeekday(int64_t days) {
  int64_t w = (days + 3) % 7;  // 1970-01-01 was a Thursday
  if (w < 0) w += 7;
  return static_cast<int>(w) + 1;
}

bool IsLeap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }
int DaysInMonth(int y, int m) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && IsLeap(y) ? 29 : kDays[m - 1];
}

// ISO week (year, week) of a day.
void IsoWeek(int64_t days, int* iso_year, int* week) {
  int64_t thursday = days - IsoWeekday(days) + 4;
  Civil c = CivilFromDays(thursday);
  int64_t jan1 = DaysFromCivil(c.y, 1, 1);
  *iso_year = c.y;
  *week = static_cast<int>((thursday - jan1) / 7 + 1);
}

void ShiftMonth(int* y, int* m, int delta) {
  int idx = *y * 12 + (*m - 1) + delta;
  *y = idx >= 0 ? idx / 12 : (idx - 11) / 12;
  *m = idx - *y * 12 + 1;
}

// ---------------------------------------------------------------------------------------
// Values.

// A resolved calendar value with its granularity, kept as the reference time for
// expressions such as "a year earlier" and "the next day".
struct Ref {
  char gran = 0;  // 'Y' year, 'Q' quarter, 'M' month, 'W' week, 'D' day; 0 = none
  int y = 0, m = 0, d = 0, q = 0, w = 0;
};

std::string Pad(int v, int width) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%0*d", width, v);
  return buf;
}

std::string DayValue(int y, int m, int d) { return Pad(y, 4) + "-" + Pad(m, 2) + "-" + Pad(d, 2); }
std::string DayValue(int64_t days) {
  Civil c = CivilFromDays(days);
  return DayValue(c.y, c.m, c.d);
}
std::string MonthValue(int y, int m) { return Pad(y, 4) + "-" + Pad(m, 2); }
std::string WeekValue(int64_t days) {
  int iy, w;
  IsoWeek(days, &iy, &w);
  return Pad(iy, 4) + "-W" + Pad(w, 2);
}

std::string RefValue(const Ref& r) {
  switch (r.gran) {
    case 'Y':
      return Pad(r.y, 4);
    case 'Q':
      return Pad(r.y, 4) + "-Q" + std::to_string(r.q);
    case 'M':
      return MonthValue(r.y, r.m);
    case 'W':
      return Pad(r.y, 4) + "-W" + Pad(r.w, 2);
    case 'D':
      return DayValue(r.y, r.m, r.d);
    default:
      return "";
  }
}

Ref DayRef(int64_t days) {
  Civil c = CivilFromDays(days);
  Ref r;
  r.gran = 'D';
  r.y = c.y;
  r.m = c.m;
  r.d = c.d;
  return r;
}

std::string NumText(double n) {
  if (n == std::floor(n) && n < 1e9) return std::to_string(static_cast<long long>(n));
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.2f", n);
  std::string s = buf;
  while (!s.empty() && s.back() == '0') s.pop_back();
  if (!s.empty() && s.back() == '.') s.pop_back();
  return s;
}

// Units: 'S' second, 'm' minute, 'H' hour, 'D' day, 'W' week, 'F' fortnight, 'M' month,
// 'Q' quarter, 'Y' year, 'E' decade, 'C' century.
std::string DurationValue(double n, char unit) {  // n < 0: unspecified ("X")
  std::string num = n < 0 ? "X" : NumText(n);
  switch (unit) {
    case 'S':
      return "PT" + num + "S";
    case 'm':
      return "PT" + num + "M";
    case 'H':
      return "PT" + num + "H";
    case 'D':
      return "P" + num + "D";
    case 'W':
      return "P" + num + "W";
    case 'F':
      return n < 0 ? "PXW" : "P" + NumText(2 * n) + "W";
    case 'M':
      return "P" + num + "M";
    case 'Q':
      return "P" + num + "Q";
    case 'Y':
      return "P" + num + "Y";
    case 'E':
      return n < 0 ? "PXE" : "P" + NumText(10 * n) + "Y";
    case 'C':
      return n < 0 ? "PXC" : "P" + NumText(100 * n) + "Y";
    default:
      return "";
  }
}

char UnitOf(std::string_view w, bool* plural) {
  struct U {
    std::string_view s, p;
    char u;
  };
  static constexpr std::array<U, 13> kUnits = {{
      {"second", "seconds", 'S'},
      {"minute", "minutes", 'm'},
      {"hour", "hours", 'H'},
      {"day", "days", 'D'},
      {"week", "weeks", 'W'},
      {"fortnight", "fortnights", 'F'},
      {"month", "months", 'M'},
      {"quarter", "quarters", 'Q'},
      {"year", "years", 'Y'},
      {"decade", "decades", 'E'},
      {"century", "centuries", 'C'},
      {"hr", "hrs", 'H'},
      {"yr", "yrs", 'Y'},
  }};
  for (const U& u : kUnits) {
    if (w == u.s) {
      *plural = false;
      return u.u;
    }
    if (w == u.p) {
      *plural = true;
      return u.u;
    }
  }
  return 0;
}

int MonthWord(std::string_view w, bool* abbrev) {
  static constexpr std::array<std::string_view, 12> kFull = {
      "january", "february", "march",     "april",   "may",      "june",
      "july",    "august",   "september", "october", "november", "december"};
  for (size_t k = 0; k < kFull.size(); ++k) {
    if (w == kFull[k]) {
      *abbrev = false;
      return static_cast<int>(k) + 1;
    }
  }
  struct A {
    std::string_view s;
    int m;
  };
  static constexpr std::array<A, 12> kAbbr = {{{"jan", 1},
                                               {"feb", 2},
                                               {"mar", 3},
                                               {"apr", 4},
                                               {"jun", 6},
                                               {"jul", 7},
                                               {"aug", 8},
                                               {"sep", 9},
                                               {"sept", 9},
                                               {"oct", 10},
                                               {"nov", 11},
                                               {"dec", 12}}};
  for (const A& a : kAbbr) {
    if (w == a.s) {
      *abbrev = true;
      return a.m;
    }
  }
  return 0;
}

int WeekdayWord(std::string_view w, bool* abbrev) {
  static constexpr std::array<std::string_view, 7> kFull = {
      "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"};
  for (size_t k = 0; k < kFull.size(); ++k) {
    if (w == kFull[k]) {
      *abbrev = false;
      return static_cast<int>(k) + 1;
    }
  }
  struct A {
    std::string_view s;
    int d;
  };
  static constexpr std::array<A, 10> kAbbr = {{{"mon", 1},
                                               {"tue", 2},
                                               {"tues", 2},
                                               {"wed", 3},
                                               {"thu", 4},
                                               {"thur", 4},
                                               {"thurs", 4},
                                               {"fri", 5},
                                               {"sat", 6},
                                               {"sun", 7}}};
  for (const A& a : kAbbr) {
    if (w == a.s) {
      *abbrev = true;
      return a.d;
    }
  }
  return 0;
}

// "morning" -> "MO" ... for TIMEX3 parts of day.
std::string_view PartOfDay(std::string_view w) {
  if (w == "morning") return "MO";
  if (w == "afternoon") return "AF";
  if (w == "evening") return "EV";
  if (w == "night" || w == "overnight") return "NI";
  return "";
}

enum class Tense { kUnknown, kPast, kFuture };

bool In(std::string_view w, std::initializer_list<std::string_view> words) {
  for (std::string_view x : words) {
    if (w == x) return true;
  }
  return false;
}

// ---------------------------------------------------------------------------------------

struct Hit {
  size_t b = 0, e = 0;  // tokens [b, e)
  std::string value;
  std::string_view type = "date";
  bool unresolved = false;  // needs the anchor, which is missing
  Ref ref;                  // absolute calendar value, to become the reference time
  std::string qualifier;    // "more than", "about"...
  bool year_only = false;   // a bare year (for "2014 and 2016")
};

class Finder {
 public:
  Finder(const Lexed& lexed, std::optional<Civil> dct, const TimeTextOptions& options)
      : L_(lexed), dct_(dct), opts_(options) {
    if (dct_) dct_days_ = Days(*dct_);
  }

  // Finds expressions among tokens [begin, end) and appends them to `out`.
  void Run(size_t begin, size_t end, std::vector<Hit>& out);

 private:
  // Token helpers. All are safe past n_.
  const Tok& T(size_t i) const { return L_.toks[i]; }
  bool IsWord(size_t i) const { return i < n_ && T(i).kind == Kind::kWord; }
  bool IsNum(size_t i) const { return i < n_ && T(i).kind == Kind::kNumber; }
  bool IsP(size_t i, char c) const {
    return i < n_ && T(i).kind == Kind::kPunct && T(i).punct == c;
  }
  std::string_view Lw(size_t i) const { return i < n_ ? L_.Lower(T(i)) : std::string_view(); }
  bool W(size_t i, std::string_view w) const { return IsWord(i) && Lw(i) == w; }
  bool Glued(size_t i) const { return i < n_ && !T(i).space_before; }
  // Skips a dot glued to the previous token ("Sept.").
  size_t SkipDot(size_t j) const { return IsP(j, '.') && Glued(j) ? j + 1 : j; }
  // Plain integer value of a number token, or -1.
  int IntAt(size_t i, int max_digits) const {
    if (!IsNum(i)) return -1;
    std::string_view s = L_.Text(T(i));
    if (s.size() > static_cast<size_t>(max_digits)) return -1;
    int v = 0;
    for (char c : s) {
      if (c < '0' || c > '9') return -1;
      v = v * 10 + (c - '0');
    }
    return v;
  }

  // Tense of the clause around tokens [b, e): the nearest cue word before the expression,
  // else after it. `weak` also counts modals and schedule words ("may", "until",
  // "payable") that point to the future of dates but not of weekdays.
  Tense ClauseTense(size_t b, size_t e, bool weak = true) const;
  int MonthAt(size_t i, size_t* end, bool need_context) const;
  int DayNumberAt(size_t i, size_t* end) const;
  int YearAt(size_t i, size_t* end) const;

  bool TryExplicitDate(size_t p, Hit* h) const;
  bool TryYear(size_t p, Hit* h) const;
  bool TryWeekday(size_t p, Hit* h) const;
  bool TryDeictic(size_t p, Hit* h) const;
  bool TryRelative(size_t p, Hit* h) const;
  bool TryAmount(size_t p, Hit* h) const;  // durations and "N units ago/earlier"
  bool TryQuarter(size_t p, Hit* h) const;
  bool TrySeason(size_t p, Hit* h) const;
  bool TryReference(size_t p, Hit* h) const;
  bool TryClock(size_t p, Hit* h) const;
  bool TrySet(size_t p, Hit* h) const;
  bool TryHoliday(size_t p, Hit* h) const;
  bool TryMisc(size_t p, Hit* h) const;
  bool TryCore(size_t p, Hit* best) const;

  // Resolution helpers; each sets h->unresolved when there is no anchor.
  void ResolveMonthDay(int m, int d, Tense t, Hit* h) const;
  void ResolveMonth(int m, Tense t, int delta_mode, Hit* h) const;
  void ResolveWeekday(int wd, int mode, Tense t, std::string_view part, Hit* h) const;
  bool ResolveSeason(std::string_view season, int mode, Tense t, Hit* h) const;
  void SetDay(int64_t days, Hit* h) const {
    h->value = DayValue(days);
    h->ref = DayRef(days);
  }

  const Lexed& L_;
  std::optional<Civil> dct_;
  int64_t dct_days_ = 0;
  TimeTextOptions opts_;
  size_t n_ = 0;
  Ref ref_;                        // the last absolute date mentioned
  size_t last_year_e_ = SIZE_MAX;  // end token of the last bare year
};

// ---------------------------------------------------------------------------------------

Tense Finder::ClauseTense(size_t b, size_t e, bool weak) const {
  static constexpr std::array<std::string_view, 14> kFuture = {
      "will", "shall",    "upcoming", "scheduled", "expected", "plans", "plan",
      "due",  "tomorrow", "next",     "intends",   "aims",     "hopes", "going"};
  static constexpr std::array<std::string_view, 16> kWeakFuture = {
      "would",   "must",    "planned",   "planning", "deadline", "may",      "might", "until",
      "expects", "payable", "effective", "can",      "should",   "starting", "hope",  "hoping"};
  if (weak && e < n_ && W(e, "deadline")) return Tense::kFuture;
  static constexpr std::array<std::string_view, 27> kPast = {
      "was",  "were", "had",   "did",  "said",   "ago",  "last",  "yesterday", "took",
      "came", "went", "fell",  "made", "told",   "saw",  "began", "met",       "held",
      "left", "gave", "began", "won",  "struck", "lost", "ran",   "became",    "earlier"};
  auto classify = [&](size_t k) -> Tense {
    if (T(k).kind != Kind::kWord) return Tense::kUnknown;
    std::string_view w = Lw(k);
    if (w == "ll" && k > 0 && IsP(k - 1, '\'')) return Tense::kFuture;
    // A passive participle ("be held", "be returned") says nothing about time.
    if (k > 0 && IsWord(k - 1) && In(Lw(k - 1), {"be", "been", "being"})) {
      return Tense::kUnknown;
    }
    for (std::string_view x : kFuture) {
      if (w == x) return Tense::kFuture;
    }
    if (weak) {
      for (std::string_view x : kWeakFuture) {
        if (w == x) return Tense::kFuture;
      }
    }
    for (std::string_view x : kPast) {
      if (w == x) return Tense::kPast;
    }
    if (w.size() > 4 && w.substr(w.size() - 2) == "ed" && !T(k).upper) {
      // A passive participle ("be returned") says nothing about time.
      if (k > 0 && IsWord(k - 1) && In(Lw(k - 1), {"be", "been", "being"})) {
        return Tense::kUnknown;
      }
      return Tense::kPast;
    }
    return Tense::kUnknown;
  };
  size_t lo = b > 25 ? b - 25 : 0;
  for (size_t k = b; k > lo;) {
    --k;
    if (T(k).kind == Kind::kPunct &&
        (T(k).punct == '.' || T(k).punct == '!' || T(k).punct == '?' || T(k).punct == ';')) {
      break;
    }
    Tense t = classify(k);
    if (t != Tense::kUnknown) return t;
    if (T(k).sentence_start) break;
  }
  size_t hi = std::min(n_, e + 8);
  for (size_t k = e; k < hi; ++k) {
    if (T(k).kind == Kind::kPunct &&
        (T(k).punct == '.' || T(k).punct == '!' || T(k).punct == '?' || T(k).punct == ';')) {
      break;
    }
    if (T(k).sentence_start) break;
    Tense t = classify(k);
    if (t != Tense::kUnknown) return t;
  }
  return Tense::kUnknown;
}

// A month name at i. Names that are also common words ("May", "March", "August" and
// abbreviations) need a capital letter and, when `need_context`, a temporal preposition
// before them or a day/year after them.
int Finder::MonthAt(size_t i, size_t* end, bool need_context) const {
  if (!IsWord(i)) return 0;
  bool abbrev = false;
  int m = MonthWord(Lw(i), &abbrev);
  if (m == 0) return 0;
  if (!T(i).upper) return 0;
  size_t j = i + 1;
  if (abbrev) {
    j = SkipDot(j);
    // "Jan", "Mar", "Dec" are also names and words: they need a day or year after them.
    if ((Lw(i) == "mar" || Lw(i) == "jan" || Lw(i) == "dec") &&
        !(IsNum(j) || (IsP(j, ',') && IsNum(j + 1)))) {
      return 0;
    }
  }
  std::string_view w = Lw(i);
  bool ambiguous = abbrev || w == "may" || w == "march" || w == "august";
  if (ambiguous && need_context) {
    bool ok = false;
    if (IsNum(j)) ok = true;
    if (IsP(j, ',') && IsNum(j + 1)) ok = true;
    if (i > 0 && IsWord(i - 1) &&
        In(Lw(i - 1),
           {"in",    "of",      "since", "until", "till", "by",         "from",    "during",
            "early", "late",    "mid",   "last",  "next", "this",       "through", "before",
            "after", "between", "and",   "to",    "or",   "throughout", "each",    "every"})) {
      ok = true;
    }
    if (i > 1 && IsP(i - 1, '-') && W(i - 2, "mid")) ok = true;
    if (!ok) return 0;
  }
  *end = j;
  return m;
}

// A day of month 1..31 at i, with an optional glued ordinal suffix ("24th").
int Finder::DayNumberAt(size_t i, size_t* end) const {
  int d = IntAt(i, 2);
  if (d < 1 || d > 31) return 0;
  size_t j = i + 1;
  if (IsWord(j) && Glued(j) && In(Lw(j), {"st", "nd", "rd", "th"})) ++j;
  // "24-hour" is not a day; "5-6" (the night of March 5-6) is a span of days, taken from
  // its first day.
  if (IsP(j, '-') && Glued(j) && IsWord(j + 1) && Glued(j + 1)) return 0;
  if (IsP(j, '-') && Glued(j) && IsNum(j + 1) && Glued(j + 1)) {
    int d2 = IntAt(j + 1, 2);
    if (d2 <= d || d2 > 31) return 0;
    j += 2;
  }
  *end = j;
  return d;
}

// A four-digit year 1000..2199 at i, or an apostrophe year ("'98"); 0 otherwise.
int Finder::YearAt(size_t i, size_t* end) const {
  int y = IntAt(i, 4);
  if (y >= 1000 && y <= 2199 && L_.Text(T(i)).size() == 4) {
    if (IsWord(i + 1) && Glued(i + 1)) return 0;  // "1990s", "2000m"
    *end = i + 1;
    return y;
  }
  if (IsP(i, '\'') && IntAt(i + 1, 2) >= 0 && Glued(i + 1) && L_.Text(T(i + 1)).size() == 2 &&
      !(IsWord(i + 2) && Glued(i + 2))) {
    int yy = IntAt(i + 1, 2);
    *end = i + 2;
    return yy >= 30 ? 1900 + yy : 2000 + yy;
  }
  return 0;
}

// "March 8, 2023", "8 March 2023", "Feb. 24", "August 1988", "2022-10-28", "10/28/2022",
// "Thursday, March 9", a month on its own ("in July").
bool Finder::TryExplicitDate(size_t p, Hit* h) const {
  size_t j = p;
  // Optional weekday prefix: "Thursday, March 9", "Sun., March 5".
  if (IsWord(j)) {
    bool abbrev = false;
    if (WeekdayWord(Lw(j), &abbrev) && T(j).upper) {
      size_t k = abbrev ? SkipDot(j + 1) : j + 1;
      if (IsP(k, ',')) ++k;
      if (W(k, "the")) ++k;
      size_t e2 = 0;
      if ((MonthAt(k, &e2, false) && (IsNum(e2))) || DayNumberAt(k, &e2)) {
        Hit inner;
        if (TryExplicitDate(k, &inner) && inner.ref.gran == 'D') {
          *h = inner;
          h->b = p;
          // A year-less date with its weekday: the weekday picks the year near the anchor.
          bool explicit_year = false;
          for (size_t x = k; x < inner.e; ++x) {
            if (IsNum(x) && L_.Text(T(x)).size() == 4) explicit_year = true;
          }
          int wd = WeekdayWord(Lw(j), &abbrev);
          if (!explicit_year && dct_ &&
              IsoWeekday(DaysFromCivil(inner.ref.y, inner.ref.m, inner.ref.d)) != wd) {
            for (int y : {dct_->y, dct_->y + 1, dct_->y - 1}) {
              if (inner.ref.d <= DaysInMonth(y, inner.ref.m) &&
                  IsoWeekday(DaysFromCivil(y, inner.ref.m, inner.ref.d)) == wd) {
                h->value = DayValue(y, inner.ref.m, inner.ref.d);
                h->ref.y = y;
                break;
              }
            }
          }
          return true;
        }
      }
      return false;
    }
  }
  // ISO 2022-10-28 and 2022-10.
  int y = IntAt(j, 4);
  if (y >= 1000 && L_.Text(T(j)).size() == 4 && IsP(j + 1, '-') && Glued(j + 1) && Glued(j + 2)) {
    int m = IntAt(j + 2, 2);
    if (m >= 1 && m <= 12 && L_.Text(T(j + 2)).size() == 2) {
      if (IsP(j + 3, '-') && Glued(j + 3) && Glued(j + 4)) {
        int d = IntAt(j + 4, 2);
        if (d >= 1 && d <= DaysInMonth(y, m) && L_.Text(T(j + 4)).size() == 2) {
          h->b = p;
          h->e = j + 5;
          h->value = DayValue(y, m, d);
          h->ref = {'D', y, m, d, 0, 0};
          return true;
        }
        return false;
      }
      if (!(IsP(j + 3, '-') || IsNum(j + 3))) {
        h->b = p;
        h->e = j + 3;
        h->value = MonthValue(y, m);
        h->ref = {'M', y, m, 0, 0, 0};
        return true;
      }
    }
    return false;
  }
  // US numeric 10/28/2022 or 10/28/22.
  {
    int m = IntAt(j, 2);
    if (m >= 1 && m <= 12 && IsP(j + 1, '/') && Glued(j + 1) && Glued(j + 2)) {
      int d = IntAt(j + 2, 2);
      if (d >= 1 && d <= 31 && IsP(j + 3, '/') && Glued(j + 3) && Glued(j + 4) && IsNum(j + 4)) {
        size_t ylen = L_.Text(T(j + 4)).size();
        int yy = IntAt(j + 4, 4);
        if (ylen == 2) yy = yy >= 30 ? 1900 + yy : 2000 + yy;
        if ((ylen == 2 || ylen == 4) && yy >= 1000 && d <= DaysInMonth(yy, m)) {
          h->b = p;
          h->e = j + 5;
          h->value = DayValue(yy, m, d);
          h->ref = {'D', yy, m, d, 0, 0};
          return true;
        }
      }
    }
  }
  // Month first: "March 8, 2023", "Feb. 24", "August 1988", "July".
  size_t k = 0;
  int m = MonthAt(j, &k, /*need_context=*/true);
  if (m) {
    size_t e2 = 0;
    int d = DayNumberAt(k, &e2);
    int yr = 0;
    if (d) {
      size_t e3 = e2;
      if (IsP(e3, ',')) ++e3;
      size_t e4 = 0;
      yr = YearAt(e3, &e4);
      if (yr && d <= DaysInMonth(yr, m)) {
        h->b = p;
        h->e = e4;
        h->value = DayValue(yr, m, d);
        h->ref = {'D', yr, m, d, 0, 0};
        return true;
      }
      if (d > DaysInMonth(2000, m)) return false;
      h->b = p;
      h->e = e2;
      ResolveMonthDay(m, d, ClauseTense(p, e2), h);
      return true;
    }
    size_t e3 = k;
    if (IsP(e3, ',') || W(e3, "of")) ++e3;
    size_t e4 = 0;
    yr = YearAt(e3, &e4);
    if (yr) {
      h->b = p;
      h->e = e4;
      h->value = MonthValue(yr, m);
      h->ref = {'M', yr, m, 0, 0, 0};
      return true;
    }
    // "June last year", "January this year".
    if (dct_ && (W(k, "last") || W(k, "this") || W(k, "next")) && W(k + 1, "year")) {
      int yy = dct_->y + (W(k, "last") ? -1 : W(k, "next") ? 1 : 0);
      h->b = p;
      h->e = k + 2;
      h->value = MonthValue(yy, m);
      h->ref = {'M', yy, m, 0, 0, 0};
      return true;
    }
    // A month on its own. Lower-case or sentence-initial "May" was rejected above.
    h->b = p;
    h->e = k;
    ResolveMonth(m, ClauseTense(p, k), 0, h);
    return true;
  }
  // Day first: "24 February 2022", "the 8th of March".
  size_t q = j;
  if (W(q, "the")) ++q;
  size_t e2 = 0;
  int d = DayNumberAt(q, &e2);
  if (d) {
    size_t k2 = e2;
    if (W(k2, "of")) ++k2;
    size_t e3 = 0;
    int m2 = MonthAt(k2, &e3, false);
    if (m2 && d <= DaysInMonth(2000, m2)) {
      size_t e4 = e3;
      if (IsP(e4, ',')) ++e4;
      size_t e5 = 0;
      int yr = YearAt(e4, &e5);
      h->b = p;
      if (yr && d <= DaysInMonth(yr, m2)) {
        h->e = e5;
        h->value = DayValue(yr, m2, d);
        h->ref = {'D', yr, m2, d, 0, 0};
        return true;
      }
      h->e = e3;
      ResolveMonthDay(m2, d, ClauseTense(p, e3), h);
      return true;
    }
  }
  return false;
}

// How far past the anchor a year-less date in a clause not marked as future may be.
constexpr int64_t kAheadDays = 60;

void Finder::ResolveMonthDay(int m, int d, Tense t, Hit* h) const {
  if (!dct_) {
    h->value = "XXXX-" + Pad(m, 2) + "-" + Pad(d, 2);
    return;
  }
  // A future-tense clause: the first occurrence on or after the anchor. Otherwise (news
  // tells of the past) the latest occurrence before the anchor or at most kAheadDays after
  // it (deadlines and schedules mentioned in a past-tense clause: "ruled ... by Jan. 14").
  int best_y = dct_->y + 1;
  for (int y = dct_->y + 1; y >= dct_->y - 1; --y) {
    if (d > DaysInMonth(y, m)) continue;
    int64_t diff = DaysFromCivil(y, m, d) - dct_days_;
    if (t == Tense::kFuture) {
      if (diff >= 0) best_y = y;
    } else if (diff <= kAheadDays) {
      best_y = y;
      break;
    }
  }
  if (d > DaysInMonth(best_y, m)) return;
  h->value = DayValue(best_y, m, d);
  h->ref = {'D', best_y, m, d, 0, 0};
}

// delta_mode: 0 by tense, -1 "last" (strictly before the anchor month), +1 "next",
// 2 "this" (the anchor's year).
void Finder::ResolveMonth(int m, Tense t, int delta_mode, Hit* h) const {
  if (!dct_) {
    if (delta_mode == 0) {
      h->value = "XXXX-" + Pad(m, 2);
    } else {
      h->unresolved = true;
    }
    return;
  }
  int y = dct_->y;
  if (delta_mode == 2) {
    // this July: the anchor's year
  } else if (delta_mode == -1) {
    if (m >= dct_->m) --y;
  } else if (delta_mode == 1) {
    if (m <= dct_->m) ++y;
  } else if (t == Tense::kFuture) {
    if (m < dct_->m) ++y;
  } else {
    // News tells of the past: the latest such month up to the anchor's (or the next month
    // when nothing marks the tense).
    if (m > dct_->m + (t == Tense::kPast ? 0 : 1)) --y;
  }
  h->value = MonthValue(y, m);
  h->ref = {'M', y, m, 0, 0, 0};
}

// mode: 0 bare (by tense), -1 last, +1 next, 2 this (same ISO week).
void Finder::ResolveWeekday(int wd, int mode, Tense t, std::string_view part, Hit* h) const {
  if (!dct_) {
    if (mode != 0) {
      h->unresolved = true;
      return;
    }
    h->value = "XXXX-WXX-" + std::to_string(wd);
    if (!part.empty()) {
      h->value += "T";
      h->value += part;
      h->type = "time";
    }
    return;
  }
  int dw = IsoWeekday(dct_days_);
  int64_t day;
  if (mode == 2) {
    day = dct_days_ - dw + wd;
  } else if (mode == -1) {
    int back = (dw - wd + 7) % 7;
    day = dct_days_ - (back == 0 ? 7 : back);
  } else if (mode == 1) {
    int fwd = (wd - dw + 7) % 7;
    day = dct_days_ + (fwd == 0 ? 7 : fwd);
  } else if (t == Tense::kFuture) {
    day = dct_days_ + (wd - dw + 7) % 7;
  } else {
    day = dct_days_ - (dw - wd + 7) % 7;
  }
  SetDay(day, h);
  if (!part.empty()) {
    h->value += "T";
    h->value += part;
    h->type = "time";
  }
}

// mode: 0 by tense, -1 last, +1 next, 2 this.
bool Finder::ResolveSeason(std::string_view s, int mode, Tense t, Hit* h) const {
  std::string_view code;
  int start_month = 0;
  if (s == "spring") {
    code = "SP";
    start_month = 3;
  } else if (s == "summer") {
    code = "SU";
    start_month = 6;
  } else if (s == "fall" || s == "autumn") {
    code = "FA";
    start_month = 9;
  } else if (s == "winter") {
    code = "WI";
    start_month = 12;
  } else {
    return false;
  }
  if (!dct_) {
    if (mode != 0) {
      h->unresolved = true;
    } else {
      h->value = "XXXX-" + std::string(code);
    }
    return true;
  }
  // Season k of year y starts in month start_month of y. Index seasons by start month.
  auto start_index = [&](int y) { return y * 12 + start_month - 1; };
  int now = dct_->y * 12 + dct_->m - 1;
  int y = dct_->y;
  // The occurrence containing or last starting before the anchor.
  if (start_index(y) > now) --y;
  bool current = now - start_index(y) < 3;
  if (mode == -1) {
    if (current) --y;
  } else if (mode == 1) {
    ++y;
  } else if (mode == 2) {
    y = dct_->y;  // "this summer": the anchor's year
    if (code == "WI" && dct_->m <= 2) --y;
  } else if (!current && t == Tense::kFuture) {
    ++y;
  }
  h->value = Pad(y, 4) + "-" + std::string(code);
  return true;
}

bool Finder::TryYear(size_t p, Hit* h) const {
  size_t j = p;
  bool the = W(j, "the");
  if (the) ++j;
  bool mod = false;
  if (W(j, "early") || W(j, "late") || W(j, "mid")) {
    ++j;
    mod = true;
    if (IsP(j, '-') && Glued(j)) ++j;
  }
  // Decades: "1990s", "the '90s", "the 1990s" (the article stays out of the span).
  int v = IntAt(j, 4);
  if (v >= 0 && L_.Text(T(j)).size() == 4 && v % 10 == 0 && v >= 1000 && IsWord(j + 1) &&
      Glued(j + 1) && Lw(j + 1) == "s") {
    h->b = the ? p + 1 : p;
    h->e = j + 2;
    h->value = std::to_string(v / 10);
    return true;
  }
  if (IsP(j, '\'') && IsNum(j + 1) && Glued(j + 1) && L_.Text(T(j + 1)).size() == 2 &&
      W(j + 2, "s") && Glued(j + 2)) {
    int yy = IntAt(j + 1, 2);
    if (yy % 10 == 0) {
      h->b = the ? p + 1 : p;
      h->e = j + 3;
      h->value = std::to_string((yy >= 30 ? 1900 + yy : 2000 + yy) / 10);
      return true;
    }
  }
  if (the || mod) return false;  // "the 2014" is not a year phrase
  bool fiscal = W(j, "fiscal");
  if (fiscal) ++j;
  if (!IsNum(j) || L_.Text(T(j)).size() != 4) return false;
  int y = IntAt(j, 4);
  if (y < 1000 || y > 2199) return false;
  if (IsWord(j + 1) && Glued(j + 1)) return false;  // "2000m", "1990s" handled above
  if (IsP(j + 1, '%') || W(j + 1, "percent") || IsP(j + 1, ':')) return false;
  if (IsP(j + 1, '-') && Glued(j + 1) && IsWord(j + 2)) return false;  // "2000-strong"
  // Context: a temporal word before it, or nothing that makes it a count.
  std::string_view prev = p > 0 && T(p - 1).kind == Kind::kWord ? Lw(p - 1) : "";
  bool strong = fiscal || In(prev, {"in",     "since", "by",     "until",   "till",       "during",
                                    "before", "after", "from",   "through", "throughout", "of",
                                    "year",   "early", "late",   "mid",     "spring",     "summer",
                                    "autumn", "fall",  "winter", "circa",   "between",    "around",
                                    "for",    "than",  "as",     "within"}) ||
                (p > 1 && IsP(p - 1, '-') && W(p - 2, "mid"));
  bool after_year = last_year_e_ != SIZE_MAX && p == last_year_e_ + 2 &&
                    (In(prev, {"and", "or", "to"}) || IsP(p - 1, '-') || IsP(p - 1, ','));
  if (!strong && !after_year) {
    if (y < 1800) return false;
    if (p > 0 && (IsP(p - 1, '$') || IsP(p - 1, '#'))) return false;
    if (In(prev,
           {"about", "some", "nearly", "almost", "approximately", "over", "least", "to", "and",
            "or", "the", "only", "just", "another", "all", "no", "number", "No", "no."})) {
      if (prev != "the") return false;
    }
    if (p > 0 && T(p - 1).kind == Kind::kWord && T(p - 1).upper && !T(p - 1).sentence_start &&
        prev != "fiscal" && prev != "in") {
      // "Resolution 2231", "Flight 1990": a name and a number, not a date.
      bool abbrev = false;
      if (!MonthWord(prev, &abbrev)) return false;
    }
    if (IsWord(j + 1)) {
      std::string_view nx = Lw(j + 1);
      bool u = false;
      if (UnitOf(nx, &u) ||
          In(nx, {"people",    "men",    "women",     "children",   "police",   "troops",
                  "personnel", "staff",  "residents", "civilians",  "soldiers", "percent",
                  "per",       "km",     "miles",     "metres",     "meters",   "more",
                  "of",        "others", "killed",    "dead",       "were",     "are",
                  "have",      "other",  "new",       "additional", "times"})) {
        return false;
      }
      if (nx.size() > 3 && nx.back() == 's' && nx[nx.size() - 2] != 's' && !T(j + 1).upper) {
        return false;  // a plural noun: "2000 tanks"
      }
    }
  }
  h->b = p;
  h->e = j + 1;
  h->value = Pad(y, 4);
  h->ref = {'Y', y, 0, 0, 0, 0};
  h->year_only = true;
  return true;
}

bool Finder::TryWeekday(size_t p, Hit* h) const {
  size_t j = p;
  int mode = 0;
  if (W(j, "last") || W(j, "past")) {
    mode = -1;
    ++j;
  } else if (W(j, "next") || W(j, "coming")) {
    mode = 1;
    ++j;
  } else if (W(j, "this")) {
    mode = 2;
    ++j;
    if (W(j, "past")) {
      mode = -1;
      ++j;
    } else if (W(j, "coming")) {
      mode = 1;
      ++j;
    }
  }
  if (!IsWord(j)) return false;
  bool abbrev = false;
  int wd = WeekdayWord(Lw(j), &abbrev);
  if (!wd || abbrev) return false;  // "Sun" is a newspaper, "Sat" a verb
  size_t e = j + 1;
  std::string_view part;
  if (IsWord(e) && !PartOfDay(Lw(e)).empty()) {
    part = PartOfDay(Lw(e));
    ++e;
  }
  h->b = p;
  h->e = e;
  ResolveWeekday(wd, mode, mode == 0 ? ClauseTense(p, e, /*weak=*/false) : Tense::kUnknown, part,
                 h);
  return true;
}

bool Finder::TryDeictic(size_t p, Hit* h) const {
  size_t j = p;
  int64_t offset = 0;
  std::string_view part;
  size_t e = 0;
  std::string_view w = Lw(j);
  if (!IsWord(j)) return false;
  if (w == "today") {
    e = j + 1;
  } else if (w == "tonight") {
    e = j + 1;
    part = "NI";
  } else if (w == "yesterday") {
    offset = -1;
    e = j + 1;
  } else if (w == "tomorrow") {
    offset = 1;
    e = j + 1;
  } else if (w == "last" && (W(j + 1, "night") || W(j + 1, "evening"))) {
    offset = -1;
    part = PartOfDay(Lw(j + 1));
    e = j + 2;
  } else if (w == "this" && IsWord(j + 1) && !PartOfDay(Lw(j + 1)).empty() &&
             Lw(j + 1) != "overnight") {
    part = PartOfDay(Lw(j + 1));
    e = j + 2;
  } else if (w == "the" && W(j + 1, "day") && W(j + 2, "before") && W(j + 3, "yesterday")) {
    offset = -2;
    e = j + 4;
  } else if (w == "the" && W(j + 1, "day") && W(j + 2, "after") && W(j + 3, "tomorrow")) {
    offset = 2;
    e = j + 4;
  } else if (w == "overnight") {
    return false;
  } else {
    return false;
  }
  if (part.empty() && IsWord(e) && Lw(e) != "overnight" && !PartOfDay(Lw(e)).empty() &&
      w != "today") {
    part = PartOfDay(Lw(e));
    ++e;
  }
  h->b = p;
  h->e = e;
  if (!dct_) {
    h->unresolved = true;
    h->type = part.empty() ? "date" : "time";
    return true;
  }
  SetDay(dct_days_ + offset, h);
  if (!part.empty()) {
    h->value += "T";
    h->value += part;
    h->type = "time";
  }
  return true;
}

// "last month", "this week", "next year", "the past week", "the last two months",
// "last April", "the previous day", "the current quarter", "last weekend".
bool Finder::TryRelative(size_t p, Hit* h) const {
  size_t j = p;
  bool the = W(j, "the");
  if (the) ++j;
  if (!IsWord(j)) return false;
  std::string_view mod = Lw(j);
  int delta;
  bool span_mod = false;  // "past"/"coming": a stretch of time ending/starting now
  bool ref_based = false;
  if (mod == "last") {
    delta = -1;
    span_mod = the;
  } else if (mod == "past") {
    delta = -1;
    span_mod = true;
  } else if (mod == "this" && !the) {
    delta = 0;
  } else if (mod == "current" || mod == "present") {
    delta = 0;
  } else if (mod == "next") {
    delta = 1;
    span_mod = the;
  } else if (mod == "coming" || mod == "upcoming") {
    delta = 1;
    span_mod = true;
  } else if (the && (mod == "previous" || mod == "preceding" || mod == "prior")) {
    delta = -1;
    ref_based = true;
  } else if (the && (mod == "following" || mod == "subsequent")) {
    delta = 1;
    ref_based = true;
  } else if (the && mod == "same") {
    delta = 0;
    ref_based = true;
  } else {
    // "the first nine months", "the nine months"
    size_t k = j;
    if (the && W(k, "first")) ++k;
    if (the) {
      auto num = ParseNumber(L_, k, n_);
      bool plural = false;
      if (num && !num->vague && num->value >= 2 && IsWord(num->end) &&
          UnitOf(Lw(num->end), &plural) && plural) {
        h->b = p;
        h->e = num->end + 1;
        h->type = "duration";
        h->value = DurationValue(num->value, UnitOf(Lw(num->end), &plural));
        return true;
      }
    }
    return false;
  }
  ++j;
  // A number or a vague amount of units: "the past two months", "the last few days".
  {
    size_t k = j;
    double n = 0;
    bool have = false;
    if (W(k, "few") || W(k, "several") || W(k, "many")) {
      n = -1;
      have = true;
      ++k;
    } else if (W(k, "couple") && W(k + 1, "of")) {
      n = 2;
      have = true;
      k += 2;
    } else if (auto num = ParseNumber(L_, k, n_); num && !num->vague) {
      n = num->value;
      have = true;
      k = num->end;
    }
    bool plural = false;
    char u = IsWord(k) ? UnitOf(Lw(k), &plural) : 0;
    if (!have && u && plural &&
        (mod == "past" || mod == "last" || mod == "coming" || mod == "next" || mod == "recent")) {
      // "the past weeks", "the coming days": vague stretches.
      h->b = p;
      h->e = k + 1;
      if (delta > 0) {  // "the coming days": a vague reference, not a stretch of time
        h->value = "FUTURE_REF";
        return opts_.references;
      }
      h->type = "duration";
      h->value = DurationValue(-1, u);
      return true;
    }
    if (have && u && (plural || n == 1)) {
      h->b = p;
      h->e = k + 1;
      h->type = "duration";
      h->value = DurationValue(n, u);
      return true;
    }
    if (have) return false;
  }
  if (!IsWord(j)) return false;
  std::string_view unit = Lw(j);
  // Month names and seasons: "last April", "next summer".
  size_t me = 0;
  int m = MonthAt(j, &me, false);
  if (m && !the) {
    h->b = p;
    h->e = me;
    ResolveMonth(m, Tense::kUnknown, delta == 0 ? 2 : delta, h);
    return true;
  }
  if (!the && In(unit, {"spring", "summer", "fall", "autumn", "winter"})) {
    h->b = p;
    h->e = j + 1;
    return ResolveSeason(unit, delta == 0 ? 2 : delta, Tense::kUnknown, h);
  }
  if (unit == "weekend") {
    h->b = p;
    h->e = j + 1;
    if (span_mod && the) {
      h->type = "duration";
      h->value = "P1WE";
      return true;
    }
    if (!dct_) {
      h->unresolved = true;
      return true;
    }
    int dw = IsoWeekday(dct_days_);
    int64_t monday = dct_days_ - dw + 1;
    // "last weekend": the weekend before the anchor (the one just past when the anchor
    // is a weekday); "this weekend": the anchor's week; "next weekend".
    int64_t week_day = monday;
    if (delta < 0) week_day = dw >= 6 ? monday - 7 : monday - 7;
    if (delta > 0) week_day = monday + 7;
    h->value = WeekValue(week_day) + "-WE";
    return true;
  }
  bool plural = false;
  char u = UnitOf(unit, &plural);
  if (!u || plural) return false;
  h->b = p;
  h->e = j + 1;
  if (span_mod) {  // "the past week", "the last month", "the next year", "the coming week"
    h->type = "duration";
    h->value = DurationValue(1, u);
    return true;
  }
  if (u == 'S' || u == 'm' || u == 'H') return false;
  // Reference-based ("the previous day") or anchor-based ("last month").
  Ref base;
  if (ref_based && ref_.gran) {
    base = ref_;
  } else if (dct_) {
    base = DayRef(dct_days_);
  } else {
    h->unresolved = true;
    return true;
  }
  if (ref_based && u == 'D' && base.gran != 'D') {
    if (!dct_) {
      h->unresolved = true;
      return true;
    }
    base = DayRef(dct_days_);
  }
  int y = base.y, mo = base.m ? base.m : 1, d = base.d ? base.d : 1;
  switch (u) {
    case 'D': {
      int64_t day = DaysFromCivil(y, mo, d) + delta;
      SetDay(day, h);
      return true;
    }
    case 'W': {
      if (base.gran == 'W' && !base.m) {  // a week reference: shift by weeks
        int64_t jan4 = DaysFromCivil(base.y, 1, 4);
        int64_t day = jan4 - IsoWeekday(jan4) + 1 + (base.w - 1) * 7 + delta * 7;
        h->value = WeekValue(day);
      } else {
        int64_t day = DaysFromCivil(y, mo, d) + 7 * delta;
        h->value = WeekValue(day);
      }
      int iy, w;
      IsoWeek(DaysFromCivil(y, mo, d) + 7 * delta, &iy, &w);
      h->ref = {'W', iy, 0, 0, 0, w};
      return true;
    }
    case 'F':
      return false;
    case 'M':
      ShiftMonth(&y, &mo, delta);
      h->value = MonthValue(y, mo);
      h->ref = {'M', y, mo, 0, 0, 0};
      return true;
    case 'Q': {
      int q = base.gran == 'Q' ? base.q : (mo - 1) / 3 + 1;
      int idx = y * 4 + q - 1 + delta;
      h->value = Pad(idx / 4, 4) + "-Q" + std::to_string(idx % 4 + 1);
      h->ref = {'Q', idx / 4, 0, 0, idx % 4 + 1, 0};
      return true;
    }
    case 'Y':
      h->value = Pad(y + delta, 4);
      h->ref = {'Y', y + delta, 0, 0, 0, 0};
      return true;
    case 'E':
      h->value = std::to_string((y + 10 * delta) / 10);
      return true;
    case 'C':
      h->value = std::to_string((y + 100 * delta) / 100);
      return true;
    default:
      return false;
  }
}

// "five months", "more than five months" (the qualifier is read by the caller), "a week",
// "three-week", "year-long", "for months", "several days", "a year ago", "two days
// earlier". Ages ("37 years old", "37-year-old") are not times.
bool Finder::TryAmount(size_t p, Hit* h) const {
  size_t j = p;
  double n = 0;
  bool have = false;
  bool article = false;
  bool vague = false;
  if (W(j, "a") || W(j, "an") || W(j, "one")) {
    if (W(j, "a") && W(j + 1, "few")) {
      n = -1;
      vague = true;
      j += 2;
    } else if (W(j, "a") && W(j + 1, "couple") && W(j + 2, "of")) {
      n = 2;
      j += 3;
    } else {
      n = 1;
      article = W(j, "a") || W(j, "an");
      ++j;
    }
    have = true;
  } else if (W(j, "several") || W(j, "few") || W(j, "many") || W(j, "some")) {
    n = -1;
    vague = true;
    have = true;
    ++j;
  } else if (W(j, "half") && (W(j + 1, "a") || W(j + 1, "an"))) {
    n = 0.5;
    have = true;
    j += 2;
  } else if (auto num = ParseNumber(L_, j, n_); num && !num->vague) {
    if (IsNum(j) && num->plain_integer && num->int_digits > 4) return false;
    n = num->value;
    have = true;
    j = num->end;
  }
  size_t unit_tok = j;
  bool hyphen = false;
  if (have && IsP(j, '-') && Glued(j) && Glued(j + 1) && IsWord(j + 1)) {
    hyphen = true;
    unit_tok = j + 1;
  }
  if (have) {
    // "four more days", "three straight years"
    if (!hyphen && IsWord(unit_tok) &&
        In(Lw(unit_tok), {"more", "additional", "full", "straight", "consecutive", "long", "whole",
                          "further", "extra", "short"})) {
      bool pl = false;
      if (IsWord(unit_tok + 1) && UnitOf(Lw(unit_tok + 1), &pl)) ++unit_tok;
    }
  }
  bool plural = false;
  char u = IsWord(unit_tok) ? UnitOf(Lw(unit_tok), &plural) : 0;
  if (!have) {
    // Bare plurals after a word that makes them a stretch of time: "for months",
    // "after weeks of", "within days"; "year-long", "months-long".
    if (!IsWord(p)) return false;
    u = UnitOf(Lw(p), &plural);
    if (!u) return false;
    if (IsP(p + 1, '-') && Glued(p + 1) && W(p + 2, "long") && Glued(p + 2)) {
      h->b = p;
      h->e = p + 3;
      h->type = "duration";
      h->value = DurationValue(plural ? -1 : 1, u);
      return true;
    }
    if (!plural || u == 'Q') return false;
    std::string_view prev = p > 0 && IsWord(p - 1) ? Lw(p - 1) : "";
    if (!In(prev, {"for", "after", "within", "over", "in", "lasting", "took", "take", "takes",
                   "spent", "spend", "taking"})) {
      return false;
    }
    if (W(p + 1, "of") && !(IsWord(p + 2) && In(Lw(p + 2), {"fighting", "talks", "war", "shelling",
                                                            "negotiations"}))) {
      // "in years of service" is fine, but "days of the week" is not a duration
    }
    if (W(p + 1, "ago")) {
      h->b = p;
      h->e = p + 2;
      h->value = "PAST_REF";
      return opts_.references;
    }
    h->b = p;
    h->e = p + 1;
    h->type = "duration";
    h->value = DurationValue(-1, u);
    return true;
  }
  if (!u) return false;
  if (n == 1 && plural && !vague && !IsNum(p)) return false;       // "one days"
  if (hyphen && plural && u == 'Q') return false;                  // "three-quarters": a share
  if (u == 'Q' && !plural && W(unit_tok + 1, "of")) return false;  // "a quarter of the city"
  if (n > 1 && !plural && !hyphen && !vague) {
    // "five year low" (TimeML counts it), but not "3 quarter" or "1988 second"
    if (u == 'Q' || u == 'S' || u == 'm' || u == 'H' || n > 1000) return false;
  }
  size_t e = unit_tok + 1;
  // "a second round", "one second thought": an ordinal, not a duration.
  if (u == 'S' && !plural && !hyphen && IsWord(e) &&
      !In(Lw(e), {"ago", "later", "earlier", "before", "after", "and", "or"})) {
    return false;
  }
  // Ages: "37 years old", "37-year-old", "a five-year-old".
  if (W(e, "old") || (IsP(e, '-') && Glued(e) && W(e + 1, "old"))) return false;
  if (hyphen && IsP(e, '-') && Glued(e) && W(e + 1, "long")) e += 2;
  // "a year and a half"
  if (!hyphen && W(e, "and") && W(e + 1, "a") && W(e + 2, "half") && n > 0) {
    n += 0.5;
    e += 3;
  }
  // "ago", "earlier", "later", "before", "after" make a point in time.
  std::string_view nx = IsWord(e) ? Lw(e) : "";
  bool ago = nx == "ago";
  bool rel = (nx == "earlier" || nx == "later") && !hyphen && u != 'H' && u != 'm' && u != 'S' &&
             !(IsWord(e + 1) && In(Lw(e + 1), {"than", "that"}));
  if (ago || rel) {
    h->b = p;
    h->e = e + 1;
    if (vague || n < 0) {
      if (!opts_.references) return false;
      h->value = nx == "later" ? "FUTURE_REF" : "PAST_REF";
      return true;
    }
    int sign = nx == "later" ? 1 : -1;
    Ref base;
    if (rel && ref_.gran) {
      base = ref_;
      // A coarser unit than the reference keeps the reference's precision ("a year
      // earlier" after "the third quarter" is a quarter); a finer one needs a day.
      bool fine = (u == 'D' || u == 'W' || u == 'H' || u == 'm' || u == 'S');
      if (fine && base.gran != 'D' && base.gran != 'W') {
        if (!dct_) {
          h->unresolved = true;
          return true;
        }
        base = DayRef(dct_days_);
      }
    } else if (ago && u == 'Y' && ref_.gran == 'Q') {
      base = ref_;  // "a year ago" beside "the third quarter" is that quarter a year back
    } else if (dct_) {
      base = DayRef(dct_days_);
      // "a year ago" is a year; "two days ago" a day; "three weeks ago" a week.
      base.gran = u == 'Y' ? 'Y' : u == 'M' ? 'M' : u == 'W' ? 'W' : u == 'Q' ? 'Q' : 'D';
      if (u == 'E' || u == 'C') base.gran = 'Y';
    } else {
      h->unresolved = true;
      return true;
    }
    double amount = n * sign;
    if (amount != std::floor(amount)) {
      if (u == 'Y') {
        amount *= 12;
        u = 'M';
      } else {
        return false;
      }
    }
    int k = static_cast<int>(amount);
    int y = base.y, m = base.m ? base.m : 1, d = base.d ? base.d : 1;
    Ref r = base;
    switch (u) {
      case 'S':
      case 'm':
      case 'H':
        if (base.gran != 'D') return false;
        SetDay(DaysFromCivil(y, m, d) + (u == 'H' ? static_cast<int>(std::floor(k / 24.0)) : 0), h);
        return true;
      case 'D':
        SetDay(DaysFromCivil(y, m, d) + k, h);
        return true;
      case 'W':
      case 'F': {
        int64_t day = (base.gran == 'W' && !base.m)
                          ? DaysFromCivil(base.y, 1, 4) - IsoWeekday(DaysFromCivil(base.y, 1, 4)) +
                                1 + (base.w - 1) * 7
                          : DaysFromCivil(y, m, d);
        day += 7 * k * (u == 'F' ? 2 : 1);
        if (base.gran == 'D') {
          SetDay(day, h);
        } else {
          h->value = WeekValue(day);
        }
        return true;
      }
      case 'M':
        ShiftMonth(&y, &m, k);
        r.y = y;
        r.m = m;
        if (r.gran == 'D') r.d = std::min(d, DaysInMonth(y, m));
        if (r.gran == 'Y') r.gran = 'M';
        if (r.gran == 'Q') r.q = (m - 1) / 3 + 1;
        h->value = RefValue(r);
        if (ago) h->ref = r;  // "earlier"/"later" lean on the reference; keep it
        return true;
      case 'Q': {
        if (r.gran == 'Y') return false;
        int q = r.gran == 'Q' ? r.q : (m - 1) / 3 + 1;
        int idx = y * 4 + q - 1 + k;
        r = {'Q', idx / 4, 0, 0, idx % 4 + 1, 0};
        h->value = RefValue(r);
        if (ago) h->ref = r;  // "earlier"/"later" lean on the reference; keep it
        return true;
      }
      case 'Y':
        r.y = y + k;
        if (r.gran == 'D') r.d = std::min(d, DaysInMonth(r.y, m));
        if (r.gran == 'W') r.gran = 'Y';
        h->value = RefValue(r);
        if (ago) h->ref = r;  // "earlier"/"later" lean on the reference; keep it
        return true;
      case 'E':
        h->value = std::to_string((y + 10 * k) / 10);
        return true;
      case 'C':
        h->value = std::to_string((y + 100 * k) / 100);
        return true;
      default:
        return false;
    }
  }
  // A rate or a frequency, not a duration: "1,000 soldiers a day", "twice a week".
  if (article && !hyphen) {
    std::string_view prev = p > 0 && IsWord(p - 1) ? Lw(p - 1) : "";
    if (In(prev, {"once", "twice", "thrice", "times", "per"})) return false;
    for (size_t k = p, steps = 0; k > 0 && steps < 6; ++steps) {
      --k;
      if (IsNum(k) || (IsWord(k) && (CardinalWord(Lw(k)) > 1 || Lw(k) == "dozens" ||
                                     Lw(k) == "hundreds" || Lw(k) == "thousands"))) {
        return false;
      }
      if (IsP(k, '.') || IsP(k, ';')) break;
    }
  }
  h->b = p;
  h->e = e;
  h->type = "duration";
  h->value = DurationValue(vague ? -1 : n, u);
  return true;
}

bool Finder::TryQuarter(size_t p, Hit* h) const {
  size_t j = p;
  bool the = W(j, "the");
  if (the) ++j;
  int n = 0;
  int rel = 0;  // 1 latest/last completed, 2 current, 3 next, 4 year-ago
  bool half = false;
  int year = 0;
  {
    size_t ye = 0;
    int y = YearAt(j, &ye);
    if (y && the) {
      year = y;
      j = ye;
    } else if (dct_ && (W(j, "this") || W(j, "last") || W(j, "next")) && W(j + 1, "year") &&
               IsP(j + 2, '\'') && W(j + 3, "s")) {
      year = dct_->y + (W(j, "last") ? -1 : W(j, "next") ? 1 : 0);
      j += 4;
      if (!IsWord(j) || !OrdinalWord(Lw(j))) return false;
    }
  }
  std::string_view w = Lw(j);
  if (!IsWord(j) && !IsNum(j)) return false;
  int ord = OrdinalWord(w);
  if (ord >= 1 && ord <= 4) {
    n = ord;
    ++j;
  } else if (IsNum(j) && IntAt(j, 1) >= 1 && IntAt(j, 1) <= 4 && IsWord(j + 1) && Glued(j + 1) &&
             In(Lw(j + 1), {"st", "nd", "rd", "th"})) {
    n = IntAt(j, 1);
    j += 2;
  } else if (In(w, {"latest", "last", "previous", "recent", "past"}) && the) {
    rel = 1;
    ++j;
  } else if (w == "fourth") {
    n = 4;
    ++j;
  } else if (In(w, {"current", "this"})) {
    rel = 2;
    ++j;
  } else if (w == "next" || w == "coming") {
    rel = 3;
    ++j;
  } else if (w == "year" && IsP(j + 1, '-') && Glued(j + 1) && IsWord(j + 2) &&
             In(Lw(j + 2), {"ago", "earlier"})) {
    rel = 4;
    j += 3;
  } else if (W(j, "most") && W(j + 1, "recent") && the) {
    rel = 1;
    j += 2;
  } else if (w == "quarter" && the) {
    rel = 1;
  } else {
    return false;
  }
  if (W(j, "fiscal")) ++j;
  size_t qt = j;
  if (n && IsP(j, '-') && Glued(j) && Glued(j + 1)) qt = j + 1;
  if (W(qt, "half") && (n == 1 || n == 2)) {
    half = true;
  } else if (!W(qt, "quarter")) {
    return false;
  }
  if (!the && !n && rel != 2 && rel != 3 && rel != 4) return false;
  if (rel == 4 && !the) return false;
  size_t e = qt + 1;
  if (!year && W(e, "of")) {
    size_t ye = 0;
    size_t k = e + 1;
    if (W(k, "fiscal")) ++k;
    int y = YearAt(k, &ye);
    if (y) {
      year = y;
      e = ye;
    } else if ((W(k, "last") || W(k, "this") || W(k, "next")) && W(k + 1, "year") && dct_) {
      year = dct_->y + (W(k, "last") ? -1 : W(k, "next") ? 1 : 0);
      e = k + 2;
    } else if (W(k, "the") && W(k + 1, "year") && dct_) {
      year = dct_->y;
      e = k + 2;
    }
  }
  h->b = p;
  h->e = e;
  if (half) {
    if (!year) {
      if (!dct_) {
        h->value = "XXXX-H" + std::to_string(n);
        return true;
      }
      year = dct_->y;
      if (n == 2 && dct_->m <= 6 && ClauseTense(p, e) != Tense::kFuture) --year;
    }
    h->value = Pad(year, 4) + "-H" + std::to_string(n);
    return true;
  }
  if (n) {
    if (!year) {
      if (!dct_) {
        h->value = "XXXX-Q" + std::to_string(n);
        return true;
      }
      year = dct_->y;
      int cur = (dct_->m - 1) / 3 + 1;
      if (n > cur && ClauseTense(p, e) != Tense::kFuture) --year;
    }
    h->value = Pad(year, 4) + "-Q" + std::to_string(n);
    h->ref = {'Q', year, 0, 0, n, 0};
    return true;
  }
  if (rel == 4 && ref_.gran == 'Q') {
    h->value = Pad(ref_.y - 1, 4) + "-Q" + std::to_string(ref_.q);
    return true;
  }
  if (!dct_) {
    h->unresolved = true;
    return true;
  }
  int idx = dct_->y * 4 + (dct_->m - 1) / 3;
  if (rel == 1) idx -= 1;
  if (rel == 3) idx += 1;
  if (rel == 4) idx -= 5;
  h->value = Pad(idx / 4, 4) + "-Q" + std::to_string(idx % 4 + 1);
  if (rel != 4) h->ref = {'Q', idx / 4, 0, 0, idx % 4 + 1, 0};
  return true;
}

// "this summer" is in TryRelative; here: "summer 2014", "the summer of 2014", "in the
// fall", "in winter".
bool Finder::TrySeason(size_t p, Hit* h) const {
  size_t j = p;
  bool the = W(j, "the");
  if (the) ++j;
  if (!IsWord(j) || !In(Lw(j), {"spring", "summer", "fall", "autumn", "winter"})) return false;
  std::string_view s = Lw(j);
  size_t e = j + 1;
  size_t k = e;
  if (W(k, "of")) ++k;
  size_t ye = 0;
  int y = YearAt(k, &ye);
  if (y) {
    h->b = p;
    h->e = ye;
    Hit tmp;
    ResolveSeason(s, 0, Tense::kUnknown, &tmp);
    std::string code = tmp.value.substr(tmp.value.size() - 2);
    h->value = Pad(y, 4) + "-" + code;
    return true;
  }
  if (W(e, "of")) return false;  // "the fall of Bakhmut"
  std::string_view prev = p > 0 && IsWord(p - 1) ? Lw(p - 1) : "";
  if (!In(prev,
          {"in", "during", "by", "until", "since", "over", "through", "before", "after", "this"})) {
    return false;
  }
  if (s == "fall" && !the) return false;  // "in fall" is rare; "fall" is mostly a verb
  h->b = p;
  h->e = e;
  return ResolveSeason(s, 0, ClauseTense(p, e), h);
}

bool Finder::TryReference(size_t p, Hit* h) const {
  if (!opts_.references || !IsWord(p)) return false;
  std::string_view w = Lw(p);
  h->b = p;
  if (In(w, {"now", "currently", "nowadays"})) {
    h->e = p + 1;
    h->value = "PRESENT_REF";
    return true;
  }
  if (w == "right" && W(p + 1, "now")) {
    h->e = p + 2;
    h->value = "PRESENT_REF";
    return true;
  }
  if (In(w, {"recently", "lately"})) {
    h->e = p + 1;
    h->value = "PAST_REF";
    return true;
  }
  // Adjectives: "current", "recent", "future" before a noun.
  bool unit_next = false;
  if (IsWord(p + 1) && UnitOf(Lw(p + 1), &unit_next)) unit_next = true;
  if (w == "current" && IsWord(p + 1) && !T(p + 1).upper && !unit_next) {
    h->e = p + 1;
    h->value = w == "current" ? "PRESENT_REF" : w == "recent" ? "PAST_REF" : "FUTURE_REF";
    return true;
  }
  if (w == "these" && W(p + 1, "days")) {
    h->e = p + 2;
    h->value = "PRESENT_REF";
    return true;
  }
  if (w == "recent" && IsWord(p + 1)) {
    bool plural = false;
    char u = UnitOf(Lw(p + 1), &plural);
    if (u && plural) {
      h->e = p + 2;
      h->value = "PAST_REF";
      return true;
    }
  }
  if (w == "the") {
    size_t j = p + 1;
    if (W(j, "near") || W(j, "distant") || W(j, "immediate")) ++j;
    if (W(j, "future")) {
      h->e = j + 1;
      h->value = "FUTURE_REF";
      return true;
    }
    if (W(j, "past") || W(j, "present")) {
      bool plural = false;
      if (IsWord(j + 1) && UnitOf(Lw(j + 1), &plural)) return false;
      if (IsNum(j + 1) || (IsWord(j + 1) && (CardinalWord(Lw(j + 1)) >= 0 ||
                                             In(Lw(j + 1), {"few", "several", "many"})))) {
        return false;
      }
      h->e = j + 1;
      h->value = Lw(j) == "past" ? "PAST_REF" : "PRESENT_REF";
      return true;
    }
  }
  return false;
}

// "10:35 a.m.", "6 p.m.", "noon", "midnight", "4 in the morning"; a day right after
// ("10 p.m. Friday", "noon Saturday") gives the date, else the anchor's day.
bool Finder::TryClock(size_t p, Hit* h) const {
  int hh = -1, mm = 0;
  size_t e = p;
  if (W(p, "noon") || W(p, "midday")) {
    hh = 12;
    e = p + 1;
  } else if (W(p, "midnight")) {
    hh = 24;
    e = p + 1;
  } else if (IsNum(p)) {
    std::string_view s = L_.Text(T(p));
    size_t colon = s.find(':');
    if (colon != std::string_view::npos) {
      hh = static_cast<int>(NumberTokenValue(s.substr(0, colon)));
      mm = static_cast<int>(NumberTokenValue(s.substr(colon + 1)));
      if (s.find('.') != std::string_view::npos || s.find(',') != std::string_view::npos ||
          hh > 24 || mm > 59) {
        return false;
      }
    } else {
      hh = IntAt(p, 2);
      if (hh < 0 || hh > 12) return false;
    }
    e = p + 1;
    // am / pm: "a.m.", "am", "p.m", "pm"
    int ampm = 0;
    if (IsWord(e) && (Lw(e) == "am" || Lw(e) == "pm")) {
      ampm = Lw(e) == "am" ? 1 : 2;
      ++e;
    } else if (IsWord(e) && (Lw(e) == "a" || Lw(e) == "p") && IsP(e + 1, '.') && W(e + 2, "m") &&
               Glued(e + 2)) {
      ampm = Lw(e) == "a" ? 1 : 2;
      e += 3;
      if (IsP(e, '.') && Glued(e)) ++e;
    } else if (W(e, "in") && W(e + 1, "the") && IsWord(e + 2) &&
               In(Lw(e + 2), {"morning", "afternoon", "evening"})) {
      ampm = Lw(e + 2) == "morning" ? 1 : 2;
      e += 3;
    } else if (W(e, "o") && IsP(e + 1, '\'') && W(e + 2, "clock")) {
      e += 3;
    } else if (colon == std::string_view::npos ||
               !(p > 0 && IsWord(p - 1) &&
                 In(Lw(p - 1),
                    {"at", "by", "until", "till", "around", "before", "after", "from", "since"}))) {
      return false;
    }
    if (ampm == 1 && hh == 12) hh = 0;
    if (ampm == 2 && hh < 12) hh += 12;
    if (IsWord(e) && In(Lw(e), {"gmt", "utc", "est", "edt", "pst", "cet", "bst", "msk"})) ++e;
    if (IsWord(e) && W(e, "local") && W(e + 1, "time")) e += 2;
  } else {
    return false;
  }
  std::string clock = "T" + Pad(hh, 2) + ":" + Pad(mm, 2);
  // A day right after: "10 p.m. Friday", "noon on Saturday", "9 a.m. yesterday".
  size_t k = e;
  if (W(k, "on")) ++k;
  Hit day;
  if (TryWeekday(k, &day) || TryDeictic(k, &day) || TryExplicitDate(k, &day)) {
    if (day.ref.gran == 'D' && day.value.find('T') == std::string::npos) {
      h->b = p;
      h->e = day.e;
      h->type = "time";
      h->value = day.value + clock;
      h->ref = day.ref;
      return true;
    }
    if (day.unresolved || day.value.rfind("XXXX", 0) == 0) {
      h->b = p;
      h->e = day.e;
      h->type = "time";
      h->unresolved = day.unresolved;
      h->value = day.unresolved ? "" : day.value + clock;
      return true;
    }
  }
  h->b = p;
  h->e = e;
  h->type = "time";
  h->value = (dct_ ? DayValue(dct_days_) : std::string("XXXX-XX-XX")) + clock;
  return true;
}

bool Finder::TrySet(size_t p, Hit* h) const {
  if (!IsWord(p)) return false;
  std::string_view w = Lw(p);
  h->b = p;
  h->type = "set";
  if (In(w, {"daily", "weekly", "monthly", "annually", "yearly", "hourly", "nightly"})) {
    h->e = p + 1;
    h->value = w == "daily"     ? "P1D"
               : w == "weekly"  ? "P1W"
               : w == "monthly" ? "P1M"
               : w == "hourly"  ? "PT1H"
               : w == "nightly" ? "XXXX-XX-XXTNI"
                                : "P1Y";
    return true;
  }
  if (w == "every" || w == "each") {
    size_t j = p + 1;
    if (W(j, "single") || W(j, "other")) ++j;
    if (!IsWord(j)) return false;
    bool plural = false;
    char u = UnitOf(Lw(j), &plural);
    if (u && !plural) {
      h->e = j + 1;
      h->value = DurationValue(1, u);
      return true;
    }
    bool abbrev = false;
    int wd = WeekdayWord(Lw(j), &abbrev);
    if (wd && !abbrev) {
      h->e = j + 1;
      h->value = "XXXX-WXX-" + std::to_string(wd);
      return true;
    }
    if (!PartOfDay(Lw(j)).empty()) {
      h->e = j + 1;
      h->value = "XXXX-XX-XXT" + std::string(PartOfDay(Lw(j)));
      return true;
    }
  }
  return false;
}

bool Finder::TryHoliday(size_t p, Hit* h) const {
  if (!IsWord(p) || !T(p).upper) return false;
  std::string_view w = Lw(p);
  int m = 0, d = 0;
  size_t e = p + 1;
  bool thanksgiving = false;
  if (w == "christmas") {
    m = 12;
    d = 25;
    if (W(e, "eve")) {
      d = 24;
      ++e;
    } else if (W(e, "day")) {
      ++e;
    }
  } else if (w == "new" && W(p + 1, "year") && IsP(p + 2, '\'') && W(p + 3, "s") &&
             (W(p + 4, "day") || W(p + 4, "eve"))) {
    m = W(p + 4, "day") ? 1 : 12;
    d = m == 1 ? 1 : 31;
    e = p + 5;
  } else if (w == "halloween") {
    m = 10;
    d = 31;
  } else if (w == "victory" && W(p + 1, "day") && T(p + 1).upper) {
    m = 5;
    d = 9;
    e = p + 2;
  } else if (w == "independence" && W(p + 1, "day") && T(p + 1).upper) {
    return false;  // differs by country
  } else if (w == "thanksgiving") {
    thanksgiving = true;
    if (W(e, "day")) ++e;
  } else {
    return false;
  }
  h->b = p;
  h->e = e;
  if (!dct_) {
    h->value = thanksgiving ? "XXXX-11-XX" : "XXXX-" + Pad(m, 2) + "-" + Pad(d, 2);
    if (thanksgiving) h->unresolved = true;
    return true;
  }
  if (thanksgiving) {
    Tense t = ClauseTense(p, e);
    int y = dct_->y;
    auto fourth_thursday = [](int yy) {
      int64_t nov1 = DaysFromCivil(yy, 11, 1);
      return nov1 + (4 - IsoWeekday(nov1) + 7) % 7 + 21;
    };
    if (t != Tense::kFuture && fourth_thursday(y) > dct_days_) --y;
    if (t == Tense::kFuture && fourth_thursday(y) < dct_days_) ++y;
    SetDay(fourth_thursday(y), h);
    return true;
  }
  ResolveMonthDay(m, d, ClauseTense(p, e), h);
  return true;
}

// "the weekend", "the year-earlier period", "year-ago", "the nineties".
bool Finder::TryMisc(size_t p, Hit* h) const {
  size_t j = p;
  bool the = W(j, "the");
  if (the) ++j;
  if (the && W(j, "weekend")) {
    h->b = p;
    h->e = j + 1;
    if (!dct_) {
      h->unresolved = true;
      return true;
    }
    int dw = IsoWeekday(dct_days_);
    int64_t monday = dct_days_ - dw + 1;
    Tense t = ClauseTense(p, j + 1);
    int64_t week = dw >= 6 ? monday : (t == Tense::kFuture ? monday : monday - 7);
    h->value = WeekValue(week) + "-WE";
    return true;
  }
  if (W(j, "year") && IsP(j + 1, '-') && Glued(j + 1) && IsWord(j + 2) && Glued(j + 2) &&
      In(Lw(j + 2), {"ago", "earlier"})) {
    size_t e = j + 3;
    if (IsWord(e) && In(Lw(e), {"period", "quarter", "level", "levels", "results", "figure"})) {
      ++e;
    } else if (the) {
      return false;
    }
    h->b = the && e > j + 3 ? p : j;
    h->e = e;
    if (ref_.gran == 'Q') {
      h->value = Pad(ref_.y - 1, 4) + "-Q" + std::to_string(ref_.q);
    } else if (dct_) {
      h->value = Pad(dct_->y - 1, 4);
    } else {
      h->unresolved = true;
    }
    return true;
  }
  // "that year", "that same day", "that quarter": the reference time at that unit.
  if (!the && W(j, "that")) {
    size_t k = j + 1;
    if (W(k, "same")) ++k;
    bool plural = false;
    char u = IsWord(k) ? UnitOf(Lw(k), &plural) : 0;
    if (!u || plural || !ref_.gran) return false;
    Ref r = ref_;
    auto finer_or_equal = [](char have, char want) {
      static constexpr std::string_view kOrder = "YQMWD";
      return kOrder.find(have) >= kOrder.find(want);
    };
    if (!(u == 'Y' || u == 'Q' || u == 'M' || u == 'D') || !finer_or_equal(r.gran, u)) {
      return false;
    }
    if (r.gran == 'W' && u != 'Y') return false;
    if (u == 'Q' && r.gran != 'Q') {
      if (r.gran == 'W') return false;
      r.q = (r.m - 1) / 3 + 1;
    }
    r.gran = u;
    h->b = p;
    h->e = k + 1;
    h->value = RefValue(r);
    return true;
  }
  // "the 20th century", "the twentieth century"
  if (the) {
    int c = 0;
    size_t k = 0;
    if (IsNum(j) && IsWord(j + 1) && Glued(j + 1) && In(Lw(j + 1), {"st", "nd", "rd", "th"}) &&
        W(j + 2, "century")) {
      c = IntAt(j, 2);
      k = j + 2;
    } else if (W(j, "nineteenth") && W(j + 1, "century")) {
      c = 19;
      k = j + 1;
    } else if (W(j, "twentieth") && W(j + 1, "century")) {
      c = 20;
      k = j + 1;
    }
    if (c >= 1 && c <= 22) {
      h->b = p;
      h->e = k + 1;
      h->value = Pad(c - 1, 2);
      return true;
    }
  }
  if (the && IsWord(j)) {
    static constexpr std::array<std::string_view, 8> kDecades = {
        "twenties", "thirties",  "forties",  "fifties",
        "sixties",  "seventies", "eighties", "nineties"};
    for (size_t k = 0; k < kDecades.size(); ++k) {
      if (Lw(j) == kDecades[k]) {
        h->b = p;
        h->e = j + 1;
        h->value = "19" + std::to_string(k + 2);
        return true;
      }
    }
  }
  return false;
}

bool Finder::TryCore(size_t p, Hit* best) const {
  bool found = false;
  auto consider = [&](bool ok, Hit& h) {
    if (ok && h.e > h.b && (!found || h.e > best->e)) {
      *best = h;
      found = true;
    }
  };
  const Tok& t = T(p);
  if (t.kind == Kind::kPunct && t.punct != '\'') return false;
  {
    Hit h;
    consider(TryExplicitDate(p, &h), h);
  }
  {
    Hit h;
    consider(TryYear(p, &h), h);
  }
  if (t.kind == Kind::kWord) {
    Hit h1, h2, h3, h4, h5, h6, h7;
    consider(TryWeekday(p, &h1), h1);
    consider(TryDeictic(p, &h2), h2);
    consider(TryRelative(p, &h3), h3);
    consider(TryQuarter(p, &h4), h4);
    consider(TrySeason(p, &h5), h5);
    consider(TryReference(p, &h6), h6);
    consider(TrySet(p, &h7), h7);
    Hit h8;
    consider(TryHoliday(p, &h8), h8);
    Hit h9;
    consider(TryMisc(p, &h9), h9);
  }
  {
    Hit h;
    consider(TryAmount(p, &h), h);
  }
  if (t.kind != Kind::kPunct) {
    Hit h;
    consider(TryClock(p, &h), h);
  }
  return found;
}

// Words that can start a time expression (or the qualifier or modifier before one). Most
// words of a text are not among them, which lets Run skip them after one lookup.
bool TimeTrigger(std::string_view w) {
  static const std::unordered_set<std::string_view>* const kWords = [] {
    auto* s = new std::unordered_set<std::string_view>{
        // articles, modifiers, deictics
        "the", "a", "an", "one", "last", "past", "this", "next", "coming", "upcoming", "current",
        "present", "previous", "preceding", "prior", "following", "subsequent", "same", "latest",
        "recent", "most", "early", "late", "mid", "earlier", "later", "today", "tonight",
        "yesterday", "tomorrow", "overnight", "now", "currently", "nowadays", "right", "recently",
        "lately", "these", "noon", "midday", "midnight", "daily", "weekly", "monthly", "annually",
        "yearly", "hourly", "nightly", "every", "each", "fiscal", "several", "few", "many", "some",
        "half", "couple", "year", "that", "christmas", "new", "halloween", "victory",
        "independence", "thanksgiving", "spring", "summer", "fall", "autumn", "winter", "quarter",
        // weekdays and months, full and abbreviated
        "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "mon", "tue",
        "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun", "january", "february", "march",
        "april", "may", "june", "july", "august", "september", "october", "november", "december",
        "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
        // units (bare plurals, "year-long")
        "second", "seconds", "minute", "minutes", "hour", "hours", "day", "days", "week", "weeks",
        "fortnight", "fortnights", "month", "months", "quarters", "years", "decade", "decades",
        "century", "centuries", "hr", "hrs", "yr", "yrs",
        // number words and ordinals
        "zero", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
        "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen",
        "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety", "dozen",
        "dozens", "hundreds", "thousands", "tens", "millions", "first", "third", "fourth",
        // qualifiers
        "more", "over", "upwards", "in", "above", "at", "no", "not", "about", "around",
        "approximately", "approx", "roughly", "estimated", "close", "circa", "nearly", "almost",
        "just", "up", "as", "less", "fewer", "under", "well"};
    return s;
  }();
  return kWords->count(w) > 0;
}

void Finder::Run(size_t begin, size_t end, std::vector<Hit>& out) {
  n_ = end;
  for (size_t i = begin; i < end; ++i) {
    const Tok& t = T(i);
    if (t.kind == Kind::kPunct && t.punct != '\'') continue;
    if (t.kind == Kind::kWord && !TimeTrigger(L_.Lower(t))) continue;
    Hit best;
    bool found = false;
    // Qualifier and modifiers before the core expression.
    size_t p = i;
    std::optional<Qualifier> qual = ParseQualifier(L_, i, n_);
    if (qual) p = qual->end;
    std::vector<size_t> starts = {p};
    if (IsWord(p)) {
      std::string_view w = Lw(p);
      if (In(w, {"early", "late", "mid", "earlier", "later"})) {
        size_t k = p + 1;
        if (w == "mid" && IsP(k, '-') && Glued(k)) ++k;
        starts.push_back(k);
      } else if (w == "the" && IsWord(p + 1) &&
                 In(Lw(p + 1), {"end", "beginning", "start", "middle"}) && W(p + 2, "of")) {
        starts.push_back(p + 3);
      }
    }
    for (size_t s : starts) {
      Hit h;
      if (s < n_ && TryCore(s, &h)) {
        if (!found || h.e > best.e) {
          best = h;
          if (h.b == s) best.b = i;  // a rule may leave out a leading word ("the 1990s")
          found = true;
        }
      }
    }
    if (!found && qual) {
      // The qualifier did not lead anywhere; try the plain position.
      continue;
    }
    if (!found) continue;
    if (best.ref.gran) ref_ = best.ref;
    if (best.year_only) last_year_e_ = best.e - 1;
    if (qual) best.qualifier = std::string(qual->canonical);
    out.push_back(std::move(best));
    i = out.back().e - 1;
  }
}

std::optional<Civil> ParseAnchor(const std::optional<std::string>& anchor) {
  if (!anchor || anchor->size() < 10) return std::nullopt;
  const std::string& s = *anchor;
  for (size_t k : {0, 1, 2, 3, 5, 6, 8, 9}) {
    if (s[k] < '0' || s[k] > '9') return std::nullopt;
  }
  if (s[4] != '-' || s[7] != '-') return std::nullopt;
  Civil c;
  c.y = std::stoi(s.substr(0, 4));
  c.m = std::stoi(s.substr(5, 2));
  c.d = std::stoi(s.substr(8, 2));
  if (c.m < 1 || c.m > 12 || c.d < 1 || c.d > DaysInMonth(c.y, c.m)) return std::nullopt;
  return c;
}

void AppendHits(const Lexed& lexed, const std::vector<Hit>& hits, size_t base, bool keep_unresolved,
                std::vector<TimeExpr>& out) {
  for (const Hit& h : hits) {
    if ((h.unresolved || h.value.empty()) && !keep_unresolved) continue;
    TimeExpr te;
    te.start = base + lexed.toks[h.b].start;
    te.end = base + lexed.toks[h.e - 1].end;
    te.text = std::string(
        lexed.text.substr(lexed.toks[h.b].start, lexed.toks[h.e - 1].end - lexed.toks[h.b].start));
    te.value = h.unresolved ? std::string() : h.value;
    te.type = std::string(h.type);
    if (!h.qualifier.empty()) te.qualifier = h.qualifier;
    out.push_back(std::move(te));
  }
}

// One flag per token (plus one): inside one of `hits`.
std::vector<bool> MarkHits(const std::vector<Hit>& hits, size_t tokens) {
  std::vector<bool> in(tokens + 1, false);
  for (const Hit& h : hits) {
    for (size_t k = h.b; k < h.e; ++k) in[k] = true;
  }
  return in;
}

}  // namespace

namespace internal {

std::vector<bool> TimeTokensInLexed(const lex::Lexed& lexed) {
  TimeTextOptions options;
  options.keep_unresolved = true;
  // Any anchor finds the same expressions; their values are not used here.
  Finder finder(lexed, ParseAnchor(std::string("2000-01-01")), options);
  std::vector<Hit> hits;
  finder.Run(0, lexed.toks.size(), hits);
  return MarkHits(hits, lexed.toks.size());
}

}  // namespace internal

std::vector<TimeExpr> ExtractTimesFromText(std::string_view text,
                                           std::optional<std::string> anchor_date,
                                           const TimeTextOptions& options) {
  const lex::Lexed lexed = lex::Lex(text);
  Finder finder(lexed, ParseAnchor(anchor_date), options);
  std::vector<Hit> hits;
  finder.Run(0, lexed.toks.size(), hits);
  std::vector<TimeExpr> out;
  AppendHits(lexed, hits, 0, options.keep_unresolved, out);
  return out;
}

std::vector<TimeExpr> ExtractTimes(const Document& doc, const text::DocText& text) {
  if (text.sentences.empty()) return {};
  const lex::Lexed lexed = lex::Lex(doc.text);
  return internal::ExtractTimesInLexed(doc, text, lexed, nullptr);
}

namespace internal {

std::vector<TimeExpr> ExtractTimesInLexed(const Document& doc, const text::DocText& text,
                                          const lex::Lexed& lexed, std::vector<bool>* time_tokens) {
  std::vector<TimeExpr> out;
  if (text.sentences.empty()) return out;
  TimeTextOptions options;
  Finder finder(lexed, ParseAnchor(doc.published), options);
  // Runs of consecutive sentences of one block are searched together, in document order,
  // so that the reference time ("a year earlier") carries from one to the next.
  std::vector<Hit> hits;
  for (const text::Sentence& sent : text.sentences) {
    if (sent.end > doc.text.size() || sent.start >= sent.end) continue;
    const lex::TokenRange range = lex::TokensIn(lexed, sent.start, sent.end);
    finder.Run(range.first, range.last, hits);
  }
  if (time_tokens != nullptr) *time_tokens = MarkHits(hits, lexed.toks.size());
  AppendHits(lexed, hits, 0, false, out);
  for (TimeExpr& te : out) te.doc = doc.id;
  return out;
}

}  // namespace internal

}  // namespace sitrep::extract
