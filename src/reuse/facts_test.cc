#include "reuse/facts.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "reuse/testing.h"

namespace sitrep::reuse {
namespace {

struct NameCase {
  const char* a;
  const char* b;
  bool same;
};

const NameCase kNames[] = {
    {"zelensky", "zelenskyy", true},
    {"zelensky", "zelenskiy", true},
    {"kiev", "kyiv", true},
    {"kharkiv", "kharkov", true},
    {"luhansk", "lugansk", true},
    {"synehubov", "sinegubov", true},
    {"russia", "russian", true},
    {"ukraine", "ukrainian", true},
    {"olexiy", "oleksiy", true},
    {"donetsk", "donbas", false},
    {"kramatorsk", "sloviansk", false},
    {"putin", "peskov", false},
    {"kherson", "kharkiv", false},
    {"izium", "kupiansk", false},
    {"moscow", "minsk", false},
    {"biden", "bidet", false},
};

class NameTest : public ::testing::TestWithParam<NameCase> {};
TEST_P(NameTest, Transliteration) {
  EXPECT_EQ(SameName(GetParam().a, GetParam().b), GetParam().same)
      << GetParam().a << " / " << GetParam().b << ": " << NameKey(GetParam().a) << " "
      << NameKey(GetParam().b);
}
INSTANTIATE_TEST_SUITE_P(Facts, NameTest, ::testing::ValuesIn(kNames));

DocFacts FactsOf(const std::string& sentence) {
  const auto& an = testing::SharedAnalyzer();
  Document d = testing::MakeDocument("d", sentence);
  return ExtractFacts(d, an.Analyze(d), an);
}

struct NumberCase {
  const char* text;
  double value;
  const char* unit;
  char qualifier;
};

const NumberCase kNumbers[] = {
    {"The town lost 73,000 residents.", 73000, "", 0},
    {"They gain one kilometre a week.", 1, "km", 0},
    {"They gain 1 km a week.", 1, "km", 0},
    {"It has lasted more than five months.", 5, "month", '>'},
    {"It has lasted over five months.", 5, "month", '>'},
    {"Roughly 60% of them left.", 60, "%", '~'},
    {"Some 60 per cent of them left.", 60, "%", '~'},
    {"The fund holds 1.5 million dollars.", 1.5e6, "usd", 0},
    {"The fund holds $2 billion now.", 2e9, "usd", 0},
    {"At least twenty-five soldiers died.", 25, "", '>'},
    {"Up to 40 tanks were seen.", 40, "", '<'},
    {"Fewer than 12 buses arrived.", 12, "", '<'},
    {"A span of 0.6 miles was closed.", 0.6, "mi", 0},
};

class NumberTest : public ::testing::TestWithParam<NumberCase> {};
TEST_P(NumberTest, ValueUnitQualifier) {
  const DocFacts f = FactsOf(GetParam().text);
  ASSERT_EQ(f.numbers.size(), 1u) << GetParam().text;
  EXPECT_DOUBLE_EQ(f.numbers[0].value, GetParam().value) << GetParam().text;
  EXPECT_EQ(f.numbers[0].unit, GetParam().unit) << GetParam().text;
  EXPECT_EQ(f.numbers[0].qualifier, GetParam().qualifier) << GetParam().text;
}
INSTANTIATE_TEST_SUITE_P(Facts, NumberTest, ::testing::ValuesIn(kNumbers));

struct DateCase {
  const char* text;
  std::vector<std::string> parts;
  bool calendar;
};

const DateCase kDates[] = {
    {"The invasion began on February 24, 2022.", {"d24", "m2", "y2022"}, true},
    {"The invasion began on 24 February 2022.", {"d24", "m2", "y2022"}, true},
    {"The troops withdrew in July.", {"m7"}, true},
    {"The troops withdrew in May.", {"m5"}, true},
    {"Separatists have held it since 2014.", {"y2014"}, true},
    {"He annexed them last month.", {"rel:last-month"}, false},
    {"He annexed them the previous week.", {"rel:last-week"}, false},
    {"It was shelled yesterday.", {"rel:yesterday"}, false},
    {"It was shelled on Thursday.", {"wd4"}, true},
    {"It was shelled three days ago.", {"rel:ago-3-day"}, false},
    {"It was shelled at 5 p.m. sharp.", {"t17"}, false},
};

class DateTest : public ::testing::TestWithParam<DateCase> {};
TEST_P(DateTest, Parts) {
  const DocFacts f = FactsOf(GetParam().text);
  ASSERT_EQ(f.dates.size(), 1u) << GetParam().text;
  EXPECT_EQ(f.dates[0].parts, GetParam().parts) << GetParam().text;
  EXPECT_EQ(f.dates[0].calendar, GetParam().calendar) << GetParam().text;
  EXPECT_TRUE(f.numbers.empty()) << GetParam().text << ": date parts are not figures";
}
INSTANTIATE_TEST_SUITE_P(Facts, DateTest, ::testing::ValuesIn(kDates));

TEST(FactsTest, ModalMayIsNotAMonth) {
  const DocFacts f = FactsOf("The dam may fail. May is usually dry.");
  EXPECT_TRUE(f.dates.empty());
}

TEST(FactsTest, DecadesAgo) {  // "decades" has no unit entry of its own
  const DocFacts f = FactsOf("The bridge was built two decades ago.");
  ASSERT_EQ(f.dates.size(), 1u);
  EXPECT_EQ(f.dates[0].parts, std::vector<std::string>{"rel:ago-2-decades"});
}

struct EntityCase {
  const char* text;
  const char* name;
  const char* cls;
};

const EntityCase kEntities[] = {
    {"The battle was described by President Volodymyr Zelensky on Friday.", "Volodymyr Zelensky",
     "person"},
    {"Shelling continued near Kramatorsk overnight.", "Kramatorsk", "place"},
    {"Fighters of the Wagner Group advanced.", "Wagner Group", "organization"},
    {"A report by the Institute for the Study of War disagreed.", "Institute for the Study of War",
     "organization"},
    {"The governor spoke to Reuters by phone.", "Reuters", "organization"},
    {"Damage in the Donetsk region was heavy.", "Donetsk", "place"},
};

class EntityTest : public ::testing::TestWithParam<EntityCase> {};
TEST_P(EntityTest, RunAndClass) {
  const auto& an = testing::SharedAnalyzer();
  Document d = testing::MakeDocument("d", GetParam().text);
  const DocFacts f = ExtractFacts(d, an.Analyze(d), an);
  ASSERT_FALSE(f.entities.empty()) << GetParam().text;
  bool found = false;
  for (const EntityFact& e : f.entities) {
    if (d.Slice(e.start, e.end).find(GetParam().name) != std::string_view::npos) {
      found = true;
      EXPECT_EQ(e.cls, GetParam().cls) << GetParam().text;
    }
  }
  EXPECT_TRUE(found) << GetParam().text;
}
INSTANTIATE_TEST_SUITE_P(Facts, EntityTest, ::testing::ValuesIn(kEntities));

TEST(FactsTest, SentenceInitialCommonWordIsNotAName) {
  const DocFacts f = FactsOf("Troops shelled the town. Residents fled.");
  EXPECT_TRUE(f.entities.empty());
}

TEST(FactsTest, QuotesAcrossSentences) {
  const auto& an = testing::SharedAnalyzer();
  Document d = testing::MakeDocument(
      "d", "He said: \xE2\x80\x9CWe are losing. We need help now.\xE2\x80\x9D Then he left.");
  const text::DocText t = an.Analyze(d);
  const DocFacts f = ExtractFacts(d, t, an);
  ASSERT_EQ(f.quotes.size(), 1u);
  EXPECT_EQ(
      d.Slice(t.tokens[f.quotes[0].first_token].start, t.tokens[f.quotes[0].last_token - 1].end),
      "We are losing. We need help now.");
  EXPECT_LT(f.quotes[0].sentence, f.quotes[0].last_sentence);
}

TEST(FactsTest, DatelineCreditIsNotAnEntity) {
  const DocFacts f = FactsOf("KYIV, Ukraine (AP) \xE2\x80\x94 Shelling hit Kharkiv.");
  for (const EntityFact& e : f.entities) EXPECT_NE(e.lower, std::vector<std::string>{"ap"});
}

}  // namespace
}  // namespace sitrep::reuse
