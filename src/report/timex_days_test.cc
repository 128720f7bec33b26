#include "report/timex_days.h"

#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

namespace sitrep::report {
namespace {

TEST(TimexDaysTest, CivilRoundTripsAgainstKnownDays) {
  EXPECT_EQ(DaysFromCivil(1970, 1, 1), 0);
  EXPECT_EQ(DaysFromCivil(2000, 3, 1), 11017);
  EXPECT_EQ(DaysFromCivil(1969, 12, 31), -1);
  std::mt19937 rng(7);
  std::uniform_int_distribution<int64_t> days(-800000, 800000);
  for (int i = 0; i < 2000; ++i) {
    const int64_t d = days(rng);
    const Civil c = CivilFromDays(d);
    EXPECT_EQ(DaysFromCivil(c.year, c.month, c.day), d);
  }
}

TEST(TimexDaysTest, Table) {
  struct Case {
    std::string value;
    bool ok;
    int y0, m0, d0;  // first day
    int64_t length;  // days covered
  };
  const std::vector<Case> cases = {
      {"2017-06-21", true, 2017, 6, 21, 1},
      {"2017-06-21T14:30", true, 2017, 6, 21, 1},
      {"2016-02-29", true, 2016, 2, 29, 1},
      {"2017-06", true, 2017, 6, 1, 30},
      {"2016-02", true, 2016, 2, 1, 29},
      {"2017-12", true, 2017, 12, 1, 31},
      {"2017", true, 2017, 1, 1, 365},
      {"2016", true, 2016, 1, 1, 366},
      {"2017-W25", true, 2017, 6, 19, 7},  // Monday 19 June 2017
      {"2017-W01", true, 2017, 1, 2, 7},
      {"2015-W53", true, 2015, 12, 28, 7},
      {"2020-W01", true, 2019, 12, 30, 7},  // week 1 may start in the year before
      {"2017-Q1", true, 2017, 1, 1, 90},
      {"2017-Q4", true, 2017, 10, 1, 92},
      {"2017-H2", true, 2017, 7, 1, 184},
      {"2017-SU", true, 2017, 6, 1, 92},
      {"2017-WI", true, 2017, 12, 1, 90},
      {"201", true, 2010, 1, 1, 3652},
      {"2017-02-29", false, 0, 0, 0, 0},
      {"2017-13", false, 0, 0, 0, 0},
      {"2017-00-10", false, 0, 0, 0, 0},
      {"2017-W54", false, 0, 0, 0, 0},
      {"P5M", false, 0, 0, 0, 0},
      {"PRESENT_REF", false, 0, 0, 0, 0},
      {"XXXX-06-22", false, 0, 0, 0, 0},
      {"2017-06-21junk", false, 0, 0, 0, 0},
      {"", false, 0, 0, 0, 0},
      {"20", false, 0, 0, 0, 0},
  };
  for (const Case& c : cases) {
    const DayRange r = ParseTimexDays(c.value);
    EXPECT_EQ(r.ok, c.ok) << c.value;
    if (!c.ok || !r.ok) continue;
    EXPECT_EQ(r.start, DaysFromCivil(c.y0, c.m0, c.d0)) << c.value;
    EXPECT_EQ(r.end - r.start, c.length) << c.value;
  }
}

}  // namespace
}  // namespace sitrep::report
