#include "reconcile/timex.h"

#include <gtest/gtest.h>

namespace sitrep::reconcile {
namespace {

TEST(DaysFromCivil, KnownDays) {
  EXPECT_EQ(DaysFromCivil(1970, 1, 1), 0);
  EXPECT_EQ(DaysFromCivil(2000, 3, 1), 11017);
  EXPECT_EQ(DaysFromCivil(2022, 10, 27), 19292);
  EXPECT_EQ(DaysFromCivil(1969, 12, 31), -1);
}

struct TimexCase {
  const char* value;
  bool ok;
  const char* first;  // YYYY-MM-DD
  const char* last;
  const char* precision;
  const char* normalized;
};

long Day(const char* ymd) {
  const std::string s(ymd);
  return DaysFromCivil(std::stoi(s.substr(0, 4)), std::stoi(s.substr(5, 2)),
                       std::stoi(s.substr(8, 2)));
}

TEST(ParseTimex, Table) {
  const TimexCase cases[] = {
      {"2022-10-27", true, "2022-10-27", "2022-10-27", "day", "2022-10-27"},
      {"2022-10-27T14:30", true, "2022-10-27", "2022-10-27", "day", "2022-10-27"},
      {"2022-10-27TMO", true, "2022-10-27", "2022-10-27", "day", "2022-10-27"},
      {"2022-10", true, "2022-10-01", "2022-10-31", "month", "2022-10"},
      {"2024-02", true, "2024-02-01", "2024-02-29", "month", "2024-02"},
      {"2023-02", true, "2023-02-01", "2023-02-28", "month", "2023-02"},
      {"2022", true, "2022-01-01", "2022-12-31", "year", "2022"},
      {"2022-W43", true, "2022-10-24", "2022-10-30", "week", "2022-W43"},
      {"2021-W01", true, "2021-01-04", "2021-01-10", "week", "2021-W01"},
      {"2020-W53", true, "2020-12-28", "2021-01-03", "week", "2020-W53"},
      {"2022-W43-WE", true, "2022-10-24", "2022-10-30", "week", "2022-W43"},
      {"2022-SU", true, "2022-01-01", "2022-12-31", "year", "2022"},
      {"2022-Q3", true, "2022-01-01", "2022-12-31", "year", "2022"},
      {"P5M", false, "", "", "", ""},
      {"PRESENT_REF", false, "", "", "", ""},
      {"XXXX-10-27", false, "", "", "", ""},
      {"201", false, "", "", "", ""},
      {"2022-13", false, "", "", "", ""},
      {"2022-02-30", false, "", "", "", ""},
      {"2022-10-7", false, "", "", "", ""},
      {"2022-W60", false, "", "", "", ""},
      {"", false, "", "", "", ""},
  };
  for (const TimexCase& c : cases) {
    SCOPED_TRACE(c.value);
    std::optional<DateSpan> s = ParseTimex(c.value);
    ASSERT_EQ(s.has_value(), c.ok);
    if (!c.ok) continue;
    EXPECT_EQ(s->first, Day(c.first));
    EXPECT_EQ(s->last, Day(c.last));
    EXPECT_EQ(PrecisionName(s->precision), c.precision);
    EXPECT_EQ(s->value, c.normalized);
  }
}

TEST(DateSpan, Overlaps) {
  const DateSpan month = *ParseTimex("2022-10");
  EXPECT_TRUE(month.Overlaps(*ParseTimex("2022-10-27")));
  EXPECT_TRUE(month.Overlaps(*ParseTimex("2022-W43")));
  EXPECT_FALSE(month.Overlaps(*ParseTimex("2022-11-01")));
  EXPECT_TRUE(ParseTimex("2022")->Overlaps(month));
}

}  // namespace
}  // namespace sitrep::reconcile
