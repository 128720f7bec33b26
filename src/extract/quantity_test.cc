#include "extract/quantity.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <random>
#include <string>
#include <vector>

#include "extract/time.h"

namespace sitrep::extract {
namespace {

std::string Num(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.10g", v);
  return buf;
}

// "[text]=value" then " low-high", " unit", " q=qualifier(as written)", " about=...",
// " rate=...", " conv=value unit" when present.
std::string Render(const std::vector<Quantity>& qs) {
  std::string out;
  for (const Quantity& q : qs) {
    if (!out.empty()) out += "; ";
    out += "[" + q.text + "]=" + Num(q.value);
    if (q.low) out += " " + Num(*q.low) + "-" + Num(*q.high);
    if (q.unit) out += " " + *q.unit;
    if (q.qualifier) out += " q=" + *q.qualifier + "(" + q.qualifier_text.value_or("") + ")";
    if (q.about) out += " about=" + *q.about;
    if (q.rate) out += " rate=" + *q.rate;
    if (q.converted_value) out += " conv=" + Num(*q.converted_value) + " " + *q.converted_unit;
  }
  return out;
}

struct Case {
  const char* text;
  const char* expected;
};

class QuantityTableTest : public ::testing::TestWithParam<Case> {};

TEST_P(QuantityTableTest, Extracts) {
  const Case& c = GetParam();
  std::vector<Quantity> qs = ExtractQuantitiesFromText(c.text);
  EXPECT_EQ(Render(qs), c.expected) << c.text;
  for (const Quantity& q : qs) {
    EXPECT_EQ(std::string(c.text).substr(q.start, q.end - q.start), q.text);
    EXPECT_GE(q.value, 0);
  }
}

const Case kCases[] = {
    // Digits and words.
    {"The town had 73,000 people before the war.", "[73,000 people]=73000 about=people"},
    {"Rebels seized three villages.", "[three villages]=3 about=villages seized"},
    {"A dozen drones were shot down.", "[A dozen drones]=12 about=drones shot"},
    {"The army fired 1,000 shells.", "[1,000 shells]=1000 about=shells fired"},
    {"The toll rose to 1.5 million.", "[1.5 million]=1500000"},
    {"Twenty-six ambulances arrived.", "[Twenty-six ambulances]=26 about=ambulances"},
    {"Two hundred thousand refugees crossed the border.",
     "[Two hundred thousand refugees]=200000 about=refugees"},
    {"The river rose 0.6 metres.", "[0.6 metres]=0.6 m"},
    // Qualifiers.
    {"At least three people were killed in the shelling.",
     "[At least three people]=3 q=at least(at least) about=people killed"},
    {"The city had a population of about 73,000 people.",
     "[about 73,000 people]=73000 q=about(about) about=people"},
    {"Approximately 90% have left.", "[Approximately 90%]=90 % q=about(approximately)"},
    {"Some 5,000 civilians remain.", "[Some 5,000 civilians]=5000 q=about(some) about=civilians"},
    {"More than 50 comrades were killed.",
     "[More than 50 comrades]=50 q=more than(more than) about=comrades killed"},
    {"Over 200 homes were destroyed.",
     "[Over 200 homes]=200 q=more than(over) about=homes destroyed"},
    {"They lost up to 130 tanks.", "[up to 130 tanks]=130 q=up to(up to) about=tanks lost"},
    {"Almost 40 schools were damaged.",
     "[Almost 40 schools]=40 q=up to(almost) about=schools damaged"},
    {"Nearly 2,000 soldiers deserted.",
     "[Nearly 2,000 soldiers]=2000 q=up to(nearly) about=soldiers"},
    {"The troops were less than three miles away.",
     "[less than three miles]=3 mi q=up to(less than)"},
    {"Russia has lost around 200,000 dead and injured.",
     "[around 200,000]=200000 q=about(around) about=dead and injured"},
    // Ranges.
    {"The hospital treats 100 to 200 casualties per day.",
     "[100 to 200 casualties per day]=100 100-200 about=casualties rate=per day"},
    {"The death rate is 30-40 times higher than in the capital.", "[30-40 times]=30 30-40 x"},
    {"Between 300 and 400 troops were captured.",
     "[Between 300 and 400 troops]=300 300-400 about=troops captured"},
    {"Losses reached 1.5 to 2 million.", "[1.5 to 2 million]=1500000 1500000-2000000"},
    // Units and conversions.
    {"The town lies 90 km (55 miles) south of the city.", "[90 km (55 miles)]=90 km conv=55 mi"},
    {"They gain 1 km (0.6 miles) per week.",
     "[1 km (0.6 miles) per week]=1 km rate=per week conv=0.6 mi"},
    {"They are gaining one kilometre (0.6 miles) a week.",
     "[one kilometre (0.6 miles) a week]=1 km rate=per week conv=0.6 mi"},
    {"The Russians were 40 metres away.", "[40 metres]=40 m"},
    {"The convoy carried 500 tonnes of grain.", "[500 tonnes]=500 t"},
    {"Inflation hit 12 percent.", "[12 percent]=12 %"},
    {"About 75 percent of casualties come from minorities.",
     "[About 75 percent of casualties]=75 % q=about(about) about=casualties"},
    {"The aid package is worth $1.5 billion.", "[$1.5 billion]=1500000000 USD"},
    {"Damage was put at £40m.", "[£40m]=40000000 GBP"},
    // Rates after the counted noun.
    {"Officials said the Russians were losing 1,000 soldiers a day.",
     "[1,000 soldiers a day]=1000 about=soldiers rate=per day"},
    // What is counted, from the verb.
    {"The strike killed at least 12 civilians.",
     "[at least 12 civilians]=12 q=at least(at least) about=civilians killed"},
    {"Four more people were killed in Donetsk.", "[Four more people]=4 about=people killed"},
    {"Some 5,000 civilians, including 37 children, are still there.",
     "[Some 5,000 civilians]=5000 q=about(some) about=civilians; [37 children]=37 about=children"},
    {"Dozens of bodies were found.", "[Dozens of bodies]=24 q=at least(dozens) about=bodies found"},
    {"Two survivors start digging.", "[Two survivors]=2 about=survivors"},
    {"One soldier was killed.", "[One soldier]=1 about=soldier killed"},
    {"The blast wounded 47 others.", "[47 others]=47 about=others wounded"},
    {"They massed 200 armoured vehicles.", "[200 armoured vehicles]=200 about=armoured vehicles"},
    {"Only 21 remained from the unit of 52.", "[21]=21; [52]=52"},
    // Ages.
    {"Ivan, 37, who suffered shrapnel wounds, said it was hell.", "[37]=37 about=age"},
    {"A 42-year-old medic was hurt.", "[42-year-old]=42 about=age"},
    // Not quantities: dates, times, durations, ordinals, ids, compound modifiers.
    {"The war began on February 24, 2022.", ""},
    {"Separatists have held the area since 2014.", ""},
    {"He spent 35 days in training.", ""},
    {"The blast came at 6:30 p.m.", ""},
    {"It was their third attempt and the 21st day.", ""},
    {"A Ka-50 helicopter and a T-72 tank were seen.", ""},
    {"His six-man squad held the line.", ""},
    {"Men in their late 30s and 40s volunteered.", ""},
    {"World War II veterans laid wreaths.", ""},
    {"One of them stayed behind.", ""},
    {"Troops reached the zero line.", ""},
    {"UN Resolution 2231 was cited.", ""},
    {"The bill passed 52-48 and the match ended 3-1.", ""},
    {"Call 0800 123 456 for help.", ""},
    {"", ""},
};

INSTANTIATE_TEST_SUITE_P(Table, QuantityTableTest, ::testing::ValuesIn(kCases));

TEST(QuantityTest, DocumentLevelOffsetsAndId) {
  Document doc;
  doc.id = "d7";
  doc.text = "Shelling in the east\n\nAt least three people were killed on Thursday.";
  size_t body = doc.text.find("At least");
  text::DocText dt;
  dt.sentences.push_back({body, doc.text.size(), 1, 0, 0});
  std::vector<Quantity> qs = ExtractQuantities(doc, dt);
  ASSERT_EQ(qs.size(), 1u);
  EXPECT_EQ(qs[0].doc, "d7");
  EXPECT_EQ(qs[0].start, body);
  EXPECT_EQ(doc.text.substr(qs[0].start, qs[0].end - qs[0].start), "At least three people");
  EXPECT_EQ(qs[0].about.value_or(""), "people killed");
}

// The pipeline's one-pass extraction finds what the two separate extractors find, with
// and without a publication date, over every text of the table (one sentence each, as
// blocks of one document).
TEST(QuantityTest, OnePassMatchesSeparateExtractors) {
  for (const char* published : {"2022-10-28", ""}) {
    Document doc;
    doc.id = "d9";
    if (*published) doc.published = published;
    text::DocText dt;
    for (const Case& c : kCases) {
      const size_t start = doc.text.size();
      doc.text += c.text;
      dt.sentences.push_back({start, doc.text.size(), 1, 0, 0});
      doc.text += "\n\n";
    }
    const TimesAndQuantities both = ExtractTimesAndQuantities(doc, dt);
    const std::vector<Quantity> quantities = ExtractQuantities(doc, dt);
    EXPECT_EQ(Render(both.quantities), Render(quantities)) << published;
    EXPECT_FALSE(quantities.empty());
    const std::vector<TimeExpr> times = ExtractTimes(doc, dt);
    ASSERT_EQ(both.times.size(), times.size()) << published;
    for (size_t i = 0; i < times.size(); ++i) {
      EXPECT_EQ(both.times[i].start, times[i].start);
      EXPECT_EQ(both.times[i].value, times[i].value);
      EXPECT_EQ(both.times[i].doc, "d9");
    }
  }
}

TEST(QuantityTest, OnlyAnalysedSentences) {
  Document doc;
  doc.id = "d8";
  doc.text = "Subscribe for 5 dollars.\n\nOfficials counted 40 craters.";
  size_t body = doc.text.find("Officials");
  text::DocText dt;
  dt.sentences.push_back({body, doc.text.size(), 1, 0, 0});
  std::vector<Quantity> qs = ExtractQuantities(doc, dt);
  ASSERT_EQ(qs.size(), 1u);
  EXPECT_EQ(qs[0].value, 40);
  EXPECT_EQ(qs[0].about.value_or(""), "craters");
}

}  // namespace
}  // namespace sitrep::extract

namespace sitrep::extract {
namespace {

TEST(QuantityTest, RandomInputKeepsInvariants) {
  const char* const kPieces[] = {
      "at",      "least",        "three",   "people", "were",      "killed", "1,000",
      "0.6",     "1.5",          "million", "km",     "(",         ")",      "miles",
      "a",       "day",          "per",     "week",   "-",         "30",     "40",
      "to",      "between",      "and",     "$",      "\xC2\xA3",  "40m",    "%",
      "percent", "of",           "dozens",  "tens",   "thousands", "Ivan",   ",",
      "37",      "year",         "old",     "Ka",     "No.",       "5",      "one",
      "zero",    "\xE2\x80\x93", "\xFF",    "2014",   "since",     "\n\n",   "."};
  std::mt19937 rng(11);
  std::uniform_int_distribution<size_t> pick(0, std::size(kPieces) - 1);
  std::uniform_int_distribution<int> len(0, 40);
  for (int round = 0; round < 2000; ++round) {
    std::string text;
    int n = len(rng);
    for (int k = 0; k < n; ++k) {
      text += kPieces[pick(rng)];
      if (rng() % 3) text += ' ';
    }
    size_t last_end = 0;
    for (const Quantity& q : ExtractQuantitiesFromText(text)) {
      ASSERT_LE(q.start, q.end);
      ASSERT_LE(q.end, text.size());
      ASSERT_GE(q.start, last_end) << text;
      ASSERT_EQ(text.substr(q.start, q.end - q.start), q.text);
      ASSERT_GE(q.value, 0);
      if (q.low) {
        ASSERT_TRUE(q.high.has_value());
        ASSERT_LT(*q.low, *q.high) << text;
      }
      last_end = q.end;
    }
  }
}

}  // namespace
}  // namespace sitrep::extract
