#include "extract/time.h"

#include <gtest/gtest.h>

#include <optional>
#include <random>
#include <string>
#include <vector>

#include "extract/quantity.h"

namespace sitrep::extract {
namespace {

// Anchor used by most cases: Friday 28 October 2022, ISO week 43.
constexpr const char* kFriday = "2022-10-28";

// "[text]=value/type" for each expression, with "/qualifier" when there is one.
std::string Render(const std::vector<TimeExpr>& times) {
  std::string out;
  for (const TimeExpr& t : times) {
    if (!out.empty()) out += "; ";
    out += "[" + t.text + "]=" + t.value + "/" + t.type;
    if (t.qualifier) out += "/" + *t.qualifier;
  }
  return out;
}

struct Case {
  const char* text;
  const char* anchor;  // nullptr: no publication date
  const char* expected;
};

class TimeTableTest : public ::testing::TestWithParam<Case> {};

TEST_P(TimeTableTest, Extracts) {
  const Case& c = GetParam();
  std::optional<std::string> anchor;
  if (c.anchor) anchor = c.anchor;
  std::vector<TimeExpr> times = ExtractTimesFromText(c.text, anchor);
  EXPECT_EQ(Render(times), c.expected) << c.text;
  for (const TimeExpr& t : times) {
    EXPECT_EQ(std::string(c.text).substr(t.start, t.end - t.start), t.text);
    EXPECT_FALSE(t.value.empty());
  }
}

const Case kCases[] = {
    // Weekdays: the latest one on or before publication unless the clause is future.
    {"The convoy was hit on Thursday.", kFriday, "[Thursday]=2022-10-27/date"},
    {"The mayor spoke on Friday.", kFriday, "[Friday]=2022-10-28/date"},
    {"The bridge collapsed on Saturday.", kFriday, "[Saturday]=2022-10-22/date"},
    {"Ministers will meet on Monday to discuss aid.", kFriday, "[Monday]=2022-10-31/date"},
    {"The talks are scheduled for Tuesday.", kFriday, "[Tuesday]=2022-11-01/date"},
    {"Two villages were shelled between Wednesday and Thursday.", kFriday,
     "[Wednesday]=2022-10-26/date; [Thursday]=2022-10-27/date"},
    {"Residents fled last Friday.", kFriday, "[last Friday]=2022-10-21/date"},
    {"The vote happens next Tuesday.", kFriday, "[next Tuesday]=2022-11-01/date"},
    {"This Wednesday the port reopened.", kFriday, "[This Wednesday]=2022-10-26/date"},
    {"Sirens sounded Thursday night across the city.", kFriday,
     "[Thursday night]=2022-10-27TNI/time"},
    {"The Russians were three miles away by early Thursday.", kFriday,
     "[early Thursday]=2022-10-27/date"},
    // Days around the anchor.
    {"Drones struck the depot last night.", kFriday, "[last night]=2022-10-27TNI/time"},
    {"The governor said yesterday that power was back.", kFriday, "[yesterday]=2022-10-27/date"},
    {"Officials confirmed the figure today.", kFriday, "[today]=2022-10-28/date"},
    {"A second round starts tomorrow.", kFriday, "[tomorrow]=2022-10-29/date"},
    {"Shelling resumed this morning.", kFriday, "[this morning]=2022-10-28TMO/time"},
    {"The shop reopened yesterday afternoon.", kFriday, "[yesterday afternoon]=2022-10-27TAF/time"},
    // Weeks, months, years relative to the anchor.
    {"He annexed four regions last month.", kFriday, "[last month]=2022-09/date"},
    {"The president spoke to the nation this week.", kFriday, "[this week]=2022-W43/date"},
    {"Reinforcements arrived last week.", kFriday, "[last week]=2022-W42/date"},
    {"A summit is planned for next month.", kFriday, "[next month]=2022-11/date"},
    {"Exports fell last year and recovered this year.", kFriday,
     "[last year]=2021/date; [this year]=2022/date"},
    {"Fighting intensified over the past week.", kFriday, "[the past week]=P1W/duration"},
    {"Much of the fighting in the last month was in the south.", kFriday,
     "[the last month]=P1M/duration"},
    {"Prices doubled over the past two months.", kFriday, "[the past two months]=P2M/duration"},
    {"The offensive began later this month.", kFriday, "[later this month]=2022-10/date"},
    {"The factory closed at the end of last year.", kFriday, "[the end of last year]=2021/date"},
    // Months and month-days without a year.
    {"Troops withdrew from the town in July.", kFriday, "[July]=2022-07/date"},
    {"The areas were captured after the February 24 invasion.", kFriday,
     "[February 24]=2022-02-24/date"},
    {"Elections will be held in December.", kFriday, "[December]=2022-12/date"},
    {"The dam was damaged in December.", kFriday, "[December]=2021-12/date"},
    {"The report was published on Sept. 30.", kFriday, "[Sept. 30]=2022-09-30/date"},
    {"The new rules apply from mid-November.", kFriday, "[mid-November]=2022-11/date"},
    {"Grain exports resumed in June last year.", kFriday, "[June last year]=2021-06/date"},
    {"The ferry sank on Wednesday, March 9, killing two.", kFriday,
     "[Wednesday, March 9]=2022-03-09/date"},
    {"The hearing is on Thursday, March 9.", kFriday, "[Thursday, March 9]=2023-03-09/date"},
    // Explicit dates.
    {"The truce held on the night of March 5-6.", kFriday, "[March 5-6]=2022-03-05/date"},
    {"Military situation on March 8, 2023.", kFriday, "[March 8, 2023]=2023-03-08/date"},
    {"Posted 2022-10-28 by the desk.", kFriday, "[2022-10-28]=2022-10-28/date"},
    {"The treaty was signed on 8 March 2023 in Geneva.", kFriday, "[8 March 2023]=2023-03-08/date"},
    {"Filed 10/28/2022.", kFriday, "[10/28/2022]=2022-10-28/date"},
    {"The siege lasted until August 1988.", kFriday, "[August 1988]=1988-08/date"},
    // Years and decades.
    {"Separatists have held the area since 2014.", kFriday, "[2014]=2014/date"},
    {"The plant was built between 2014 and 2016.", kFriday, "[2014]=2014/date; [2016]=2016/date"},
    {"Living standards fell in the 1990s.", kFriday, "[1990s]=199/date"},
    {"The base was expanded in the summer of 2014.", kFriday, "[the summer of 2014]=2014-SU/date"},
    {"Fiscal 1989 results were weak.", kFriday, "[Fiscal 1989]=1989/date"},
    // Points in time counted back.
    {"He unleashed the invasion a year ago.", kFriday, "[a year ago]=2021/date"},
    {"The ceasefire collapsed two days ago.", kFriday, "[two days ago]=2022-10-26/date"},
    {"The plan was drafted three weeks ago.", kFriday, "[three weeks ago]=2022-W40/date"},
    {"Talks stalled six months ago.", kFriday, "[six months ago]=2022-04/date"},
    // Durations, with qualifiers.
    {"The city has been under attack for more than five months.", kFriday,
     "[more than five months]=P5M/duration/more than"},
    {"The town was without water for over a month.", kFriday,
     "[over a month]=P1M/duration/more than"},
    {"Andrii spent 35 days in training.", kFriday, "[35 days]=P35D/duration"},
    {"Half his unit died in just 72 hours.", kFriday, "[72 hours]=PT72H/duration"},
    {"The 41-second clip was shared widely.", kFriday, "[41-second]=PT41S/duration"},
    {"They lost tanks in a three-week battle.", kFriday, "[three-week]=P3W/duration"},
    {"The year-long war has emptied the region.", kFriday, "[year-long]=P1Y/duration"},
    {"They have been shelling the city for months.", kFriday, "[months]=PXM/duration"},
    {"Aid will take several weeks to arrive.", kFriday, "[several weeks]=PXW/duration"},
    {"He waited a year and a half for news.", kFriday, "[a year and a half]=P1.5Y/duration"},
    {"Crews worked for about three days.", kFriday, "[about three days]=P3D/duration/about"},
    {"He was at the front for less than a week.", kFriday, "[less than a week]=P1W/duration/up to"},
    {"A 24-hour ceasefire was agreed.", kFriday, "[24-hour]=PT24H/duration"},
    // Clock times.
    {"The blast came at 6:30 p.m. on Thursday.", kFriday,
     "[6:30 p.m. on Thursday]=2022-10-27T18:30/time"},
    {"Curfew starts at 10 p.m. tonight.", kFriday,
     "[10 p.m.]=2022-10-28T22:00/time; "
     "[tonight]=2022-10-28TNI/time"},
    // Sets.
    {"The hospital receives new casualties every day.", kFriday, "[every day]=P1D/set"},
    {"He gave a nightly address.", kFriday, "[nightly]=XXXX-XX-XXTNI/set"},
    {"Markets open every Monday.", kFriday, "[every Monday]=XXXX-WXX-1/set"},
    // Quarters, seasons, holidays.
    {"Profit rose in the third quarter.", kFriday, "[the third quarter]=2022-Q3/date"},
    {"Output will recover this summer.", "2023-03-01", "[this summer]=2023-SU/date"},
    {"Soldiers hope to be home by Christmas.", kFriday, "[Christmas]=2022-12-25/date"},
    // Reference time: "a year earlier" leans on the last date mentioned.
    {"Sales rose in the third quarter. A year earlier they had fallen.", kFriday,
     "[the third quarter]=2022-Q3/date; [A year earlier]=2021-Q3/date"},
    {"The blast came on March 3, 2022. The previous day had been calm.", kFriday,
     "[March 3, 2022]=2022-03-03/date; [The previous day]=2022-03-02/date"},
    {"The siege began on March 3, 2022. Later that year the city fell.", kFriday,
     "[March 3, 2022]=2022-03-03/date; [Later that year]=2022/date"},
    {"Troops left in July. By that same day the bridge was gone.", kFriday, "[July]=2022-07/date"},
    {"The church was built in the 20th century.", kFriday, "[the 20th century]=19/date"},
    // Known failure modes of date parsers.
    {"The Sun joined troops in the trenches.", kFriday, ""},
    {"NATO says Bakhmut may fall in the coming days.", kFriday, ""},
    {"Bakhmut May Fall to Russia, NATO Chief Says", kFriday, ""},
    {"Prime Minister Theresa May said little.", kFriday, ""},
    {"About 55 people were evacuated.", kFriday, ""},
    {"Nearly 90% of residents have left.", kFriday, ""},
    {"Some 2000 people fled the town.", kFriday, ""},
    {"Since 2014 the region has been contested, and the war widened on February 24.", kFriday,
     "[2014]=2014/date; [February 24]=2022-02-24/date"},
    {"A 37-year-old man was wounded.", kFriday, ""},
    {"Ivan, 37, was evacuated after 3 rounds.", kFriday, ""},
    {"Day after day the shelling went on.", kFriday, ""},
    {"The Ka-50 helicopter flew low.", kFriday, ""},
    {"Ministers of Poland and Jan Novak met.", kFriday, ""},
    {"More than a quarter of the city is dark.", kFriday, ""},
    // Without a publication date: underspecified values, or nothing.
    {"The convoy was hit on Thursday.", nullptr, "[Thursday]=XXXX-WXX-4/date"},
    {"The February 24 invasion changed everything.", nullptr, "[February 24]=XXXX-02-24/date"},
    {"Troops withdrew in July.", nullptr, "[July]=XXXX-07/date"},
    {"Drones struck yesterday and last month.", nullptr, ""},
    {"Military situation on March 8, 2023.", nullptr, "[March 8, 2023]=2023-03-08/date"},
    {"It lasted five months.", nullptr, "[five months]=P5M/duration"},
    {"It happened a year ago.", nullptr, ""},
    // A malformed anchor counts as none.
    {"The convoy was hit on Thursday.", "last week", "[Thursday]=XXXX-WXX-4/date"},
};

INSTANTIATE_TEST_SUITE_P(Table, TimeTableTest, ::testing::ValuesIn(kCases));

TEST(TimeTest, ReferencesOnlyWhenAsked) {
  const char* text = "Fighting is now fierce, as it was recently.";
  EXPECT_EQ(Render(ExtractTimesFromText(text, kFriday)), "");
  TimeTextOptions opts;
  opts.references = true;
  EXPECT_EQ(Render(ExtractTimesFromText(text, kFriday, opts)),
            "[now]=PRESENT_REF/date; [recently]=PAST_REF/date");
}

TEST(TimeTest, AnchorMayBeATimestamp) {
  EXPECT_EQ(Render(ExtractTimesFromText("It rained yesterday.", "2022-10-28T09:15:00Z")),
            "[yesterday]=2022-10-27/date");
}

TEST(TimeTest, EmptyAndOddInput) {
  EXPECT_TRUE(ExtractTimesFromText("", kFriday).empty());
  EXPECT_TRUE(ExtractTimesFromText("...  ,;  \xE2\x80\x94 ", kFriday).empty());
  // Invalid UTF-8 and a lone trailing digit do not crash.
  EXPECT_TRUE(ExtractTimesFromText("\xFF\xFE 1", kFriday).empty());
  EXPECT_EQ(Render(ExtractTimesFromText("on Thursday", kFriday)), "[Thursday]=2022-10-27/date");
}

TEST(TimeTest, CurlyPunctuationAndNonAscii) {
  // Curly quotes and an en dash between dates; a non-ASCII word before.
  std::string text = "Kyiv’s mayor said “on Thursday” that Kramatorsk – since 2014 – held.";
  EXPECT_EQ(Render(ExtractTimesFromText(text, kFriday)),
            "[Thursday]=2022-10-27/date; [2014]=2014/date");
}

TEST(TimeTest, DocumentLevelUsesSentencesAndPublishedDate) {
  Document doc;
  doc.id = "d1";
  doc.text =
      "Strike on depot\n\nBoilerplate: subscribe on Monday.\n\nThe depot burned on "
      "Thursday. Talks resume next week.";
  doc.published = "2022-10-28";
  size_t body = doc.text.find("The depot");
  size_t second = doc.text.find("Talks");
  text::DocText dt;
  dt.sentences.push_back({0, 15, 0, 0, 0});                    // title
  dt.sentences.push_back({body, second - 1, 2, 0, 0});         // body, sentence 1
  dt.sentences.push_back({second, doc.text.size(), 2, 0, 0});  // body, sentence 2
  std::vector<TimeExpr> times = ExtractTimes(doc, dt);
  ASSERT_EQ(times.size(), 2u);  // the boilerplate block is not analysed
  EXPECT_EQ(times[0].doc, "d1");
  EXPECT_EQ(times[0].value, "2022-10-27");
  EXPECT_EQ(doc.text.substr(times[0].start, times[0].end - times[0].start), "Thursday");
  EXPECT_EQ(times[1].value, "2022-W44");
  EXPECT_EQ(times[1].text, "next week");
}

TEST(TimeTest, DocumentWithoutPublishedDateLeavesRelativeOut) {
  Document doc;
  doc.id = "d2";
  doc.text = "The depot burned yesterday. The war began on February 24, 2022.";
  text::DocText dt;
  dt.sentences.push_back({0, doc.text.size(), 0, 0, 0});
  std::vector<TimeExpr> times = ExtractTimes(doc, dt);
  ASSERT_EQ(times.size(), 1u);
  EXPECT_EQ(times[0].value, "2022-02-24");
}

TEST(TimeTest, NoSentencesNoTimes) {
  Document doc;
  doc.text = "on Thursday";
  doc.published = kFriday;
  EXPECT_TRUE(ExtractTimes(doc, text::DocText{}).empty());
}

}  // namespace
}  // namespace sitrep::extract

namespace sitrep::extract {
namespace {

// Random token soup: no crash, and every result is an in-bounds, ordered, non-overlapping
// span whose text is the exact substring.
TEST(TimeTest, RandomInputKeepsInvariants) {
  const char* const kPieces[] = {"on",
                                 "Thursday",
                                 "last",
                                 "week",
                                 "May",
                                 "may",
                                 "2014",
                                 "1990s",
                                 "'",
                                 "-",
                                 "/",
                                 ":",
                                 "10:35",
                                 "a.m.",
                                 "p.m",
                                 "the",
                                 "third",
                                 "quarter",
                                 "a",
                                 "year",
                                 "ago",
                                 "earlier",
                                 "more",
                                 "than",
                                 "five",
                                 "months",
                                 "Feb.",
                                 "24",
                                 ",",
                                 ".",
                                 "2022-10-28",
                                 "12/31/1999",
                                 "fiscal",
                                 "1989",
                                 "every",
                                 "day",
                                 "tonight",
                                 "\xE2\x80\x93",
                                 "\xE2\x80\x99",
                                 "\xC2\xA3",
                                 "$",
                                 "%",
                                 "40m",
                                 "30-40",
                                 "Sun",
                                 "mid",
                                 "early",
                                 "next",
                                 "summer",
                                 "of",
                                 "noon",
                                 "Christmas",
                                 "year-long",
                                 "-old",
                                 "half",
                                 "an",
                                 "hour",
                                 "\xFF",
                                 "\n\n"};
  std::mt19937 rng(7);
  std::uniform_int_distribution<size_t> pick(0, std::size(kPieces) - 1);
  std::uniform_int_distribution<int> len(0, 40);
  for (int round = 0; round < 2000; ++round) {
    std::string text;
    int n = len(rng);
    for (int k = 0; k < n; ++k) {
      text += kPieces[pick(rng)];
      if (rng() % 3) text += ' ';
    }
    std::optional<std::string> anchor;
    if (round % 2) anchor = "2022-10-28";
    TimeTextOptions opts;
    opts.references = round % 3 == 0;
    size_t last_end = 0;
    for (const TimeExpr& t : ExtractTimesFromText(text, anchor, opts)) {
      ASSERT_LE(t.start, t.end);
      ASSERT_LE(t.end, text.size());
      ASSERT_GE(t.start, last_end) << text;
      ASSERT_EQ(text.substr(t.start, t.end - t.start), t.text);
      ASSERT_FALSE(t.value.empty()) << text;
      last_end = t.end;
    }
  }
}

}  // namespace
}  // namespace sitrep::extract

namespace sitrep::extract {
namespace {

// End to end with the real text stage: blocks -> sentences -> times and quantities.
TEST(TimeTest, WithTextAnalyzer) {
  TextOptions topts;
  topts.wordnet_dir = "";  // synonyms are not needed here
  auto analyzer = text::TextAnalyzer::Create(topts);
  ASSERT_TRUE(analyzer.ok()) << analyzer.status().ToString();
  Document doc;
  doc.id = "wire";
  doc.text =
      "Depot hit overnight\n\nAt least three people were killed on Thursday, the "
      "governor said. Gov. Pavlo Kyrylenko said 1,000 homes lost power last night.";
  doc.published = "2022-10-28";
  size_t body = doc.text.find("At least");
  doc.blocks.push_back({BlockRole::kTitle, 0, 19, "", "", 0});
  doc.blocks.push_back({BlockRole::kBody, body, doc.text.size(), "", "", 0});
  text::DocText dt = (*analyzer)->Analyze(doc);
  std::vector<TimeExpr> times = ExtractTimes(doc, dt);
  ASSERT_EQ(times.size(), 2u);
  EXPECT_EQ(times[0].text, "Thursday");
  EXPECT_EQ(times[0].value, "2022-10-27");
  EXPECT_EQ(times[1].value, "2022-10-27TNI");
  std::vector<Quantity> qs = ExtractQuantities(doc, dt);
  ASSERT_EQ(qs.size(), 2u);
  EXPECT_EQ(qs[0].about.value_or(""), "people killed");
  EXPECT_EQ(qs[1].value, 1000);
  EXPECT_EQ(doc.text.substr(qs[1].start, qs[1].end - qs[1].start), "1,000 homes");
}

}  // namespace
}  // namespace sitrep::extract
