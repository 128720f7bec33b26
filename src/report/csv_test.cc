#include "report/csv.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "report/writers_test_fixture.h"

namespace sitrep::report {
namespace {

// A strict RFC 4180 reader for checking the writer: rows of fields; CRLF line ends.
std::vector<std::vector<std::string>> ParseCsv(const std::string& text) {
  std::vector<std::vector<std::string>> rows;
  std::vector<std::string> row;
  std::string field;
  bool quoted = false, was_quoted = false;
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (quoted) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
        field += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        field += c;
      }
    } else if (c == '"') {
      EXPECT_TRUE(field.empty() && !was_quoted) << "quote inside an unquoted field";
      quoted = was_quoted = true;
    } else if (c == ',') {
      row.push_back(field);
      field.clear();
      was_quoted = false;
    } else if (c == '\r') {
      EXPECT_TRUE(i + 1 < text.size() && text[i + 1] == '\n') << "bare CR";
      row.push_back(field);
      rows.push_back(row);
      row.clear();
      field.clear();
      was_quoted = false;
      ++i;
    } else {
      EXPECT_NE(c, '\n') << "bare LF outside quotes";
      field += c;
    }
  }
  EXPECT_FALSE(quoted) << "unterminated quote";
  EXPECT_TRUE(row.empty() && field.empty()) << "last line not terminated";
  return rows;
}

TEST(CsvFieldTest, QuotesOnlyWhenNeeded) {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"plain", "plain"},
      {"", ""},
      {"a,b", "\"a,b\""},
      {"say \"hi\"", "\"say \"\"hi\"\"\""},
      {"two\nlines", "\"two\nlines\""},
      {"cr\rhere", "\"cr\rhere\""},
      {" spaced ", " spaced "},
      {"caf\xC3\xA9", "caf\xC3\xA9"},
      {"\"", "\"\"\"\""},
  };
  for (const auto& [in, want] : cases) EXPECT_EQ(CsvField(in), want) << in;
}

TEST(CsvTest, HeaderHasAcledLikeColumns) {
  const auto rows = ParseCsv(WriteCsv(Report{}));
  ASSERT_EQ(rows.size(), 1u);
  const std::vector<std::string> want = {
      "event_date", "event_type", "sub_event_type",      "actor1",     "actor2",
      "location",   "latitude",   "longitude",           "fatalities", "sources",
      "notes",      "event_id",   "independent_sources", "country",    "date_precision"};
  EXPECT_EQ(rows[0], want);
}

TEST(CsvTest, OneRowPerEventWithItsFields) {
  const auto rows = ParseCsv(WriteCsv(testing::SampleReport()));
  ASSERT_EQ(rows.size(), 4u);
  for (const auto& row : rows) EXPECT_EQ(row.size(), 15u);
  const std::vector<std::string> first = {"2017-06-21",
                                          "Explosions/Remote violence",
                                          "Remote explosive",
                                          "Islamic State",
                                          "Iraqi army",
                                          "Mosul",
                                          "36.34",
                                          "43.13",
                                          "3",
                                          "wire; copy",
                                          "Mosque blown up",
                                          "ev1",
                                          "1",
                                          "IQ",
                                          "day"};
  EXPECT_EQ(rows[1], first);
  EXPECT_EQ(rows[2][0], "2017-06");
  EXPECT_EQ(rows[2][14], "month");
  EXPECT_EQ(rows[2][8], "");  // no fatalities given
  EXPECT_EQ(rows[3][5], "");  // no location
  EXPECT_EQ(rows[3][6], "");
  EXPECT_EQ(rows[3][14], "");  // undated
}

TEST(CsvTest, UntrustedTextRoundTrips) {
  Report r = testing::SampleReport();
  const std::vector<std::string> summaries = {"commas, \"quotes\" and\nnew lines",
                                              "tab\there",
                                              "ünïcödé — ok",
                                              "trailing comma,",
                                              "\"\"",
                                              "line\r\nbreak"};
  r.events.clear();
  for (size_t i = 0; i < summaries.size(); ++i) {
    Event e;
    e.id = "ev" + std::to_string(i);
    e.type = "Battles";
    e.summary = summaries[i];
    r.events.push_back(e);
  }
  const auto rows = ParseCsv(WriteCsv(r));
  ASSERT_EQ(rows.size(), summaries.size() + 1);
  for (size_t i = 0; i < summaries.size(); ++i) EXPECT_EQ(rows[i + 1][10], summaries[i]);
}

TEST(CsvTest, FormulaLikeTextIsDefused) {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"=HYPERLINK(\"http://x\")", "'=HYPERLINK(\"http://x\")"},
      {"+1 killed", "'+1 killed"},
      {"-2 wounded", "'-2 wounded"},
      {"@SUM(A1)", "'@SUM(A1)"},
      {"safe = text", "safe = text"},
  };
  for (const auto& [in, want] : cases) {
    Report r;
    Event e;
    e.id = "ev1";
    e.summary = in;
    r.events.push_back(e);
    const auto rows = ParseCsv(WriteCsv(r));
    ASSERT_EQ(rows.size(), 2u);
    EXPECT_EQ(rows[1][10], want) << in;
  }
}

TEST(CsvTest, NegativeCoordinatesStayNumbers) {
  Report r;
  Entity place;
  place.id = "e1";
  place.name = "Somewhere west";
  place.lat = -12.5;
  place.lon = -77.0428;
  r.entities.push_back(place);
  Event e;
  e.id = "ev1";
  e.location = "e1";
  e.fatalities = 2.5;
  r.events.push_back(e);
  const auto rows = ParseCsv(WriteCsv(r));
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[1][6], "-12.5");
  EXPECT_EQ(rows[1][7], "-77.0428");
  EXPECT_EQ(rows[1][8], "2.5");
}

TEST(CsvTest, DatePrecisionTable) {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"2017-06-21", "day"},
      {"2017-06-21T10:00", "day"},
      {"2017-W25", "week"},
      {"2017-02", "month"},
      {"2017-Q3", "quarter"},
      {"2017-SU", "season"},
      {"2017-H2", "half"},
      {"2017", "year"},
      {"201", "decade"},
      {"P5M", ""},
      {"", ""},
  };
  for (const auto& [date, want] : cases) {
    Report r;
    Event e;
    e.id = "ev1";
    if (!date.empty()) e.date = date;
    r.events.push_back(e);
    const auto rows = ParseCsv(WriteCsv(r));
    ASSERT_EQ(rows.size(), 2u);
    EXPECT_EQ(rows[1][14], want) << date;
  }
}

}  // namespace
}  // namespace sitrep::report
