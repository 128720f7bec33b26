#include "reuse/drift.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <set>
#include <string>

#include "reuse/reuse.h"
#include "reuse/testing.h"

namespace sitrep::reuse {
namespace {

using ::testing::UnorderedElementsAreArray;

struct Case {
  const char* source;
  const char* copy;
  std::set<std::string> kinds;  // distinct drift kinds expected; empty: must not flag
};

std::set<std::string> KindsOf(const Case& c, Reuse* out = nullptr) {
  const auto& an = testing::SharedAnalyzer();
  Document a = testing::MakeDocument("a", c.source);
  Document b = testing::MakeDocument("b", c.copy);
  const text::DocText ta = an.Analyze(a), tb = an.Analyze(b);
  Reuse r = ComparePair(a, ta, b, tb, an, ReuseOptions{});
  EXPECT_FALSE(r.passages.empty()) << "not aligned: " << c.source << " | " << c.copy;
  std::set<std::string> kinds;
  for (const Drift& d : r.drift) kinds.insert(d.kind);
  if (out) *out = std::move(r);
  return kinds;
}

std::string Describe(const Reuse& r) {
  std::string s;
  for (const Drift& d : r.drift)
    s += d.kind + ": [" + d.source_text + "] -> [" + d.copy_text + "]\n";
  return s;
}

const Case kMustFlag[] = {
    {"Rescuers pulled 14 survivors from the rubble of the school on Monday.",
     "Rescuers pulled 41 survivors from the rubble of the school on Monday.",
     {"number"}},
    {"Rescuers pulled survivors from the rubble of the school on Monday.",
     "Rescuers pulled survivors from the rubble of the school on Thursday.",
     {"date"}},
    {"The factory was shelled in March, the plant manager said.",
     "The factory was shelled in May, the plant manager said.",
     {"date"}},
    {"The ceasefire along the northern border began in 2021.",
     "The ceasefire along the northern border began in 2022.",
     {"date"}},
    {"The convoy reached the besieged port city last month.",
     "The convoy reached the besieged port city last week.",
     {"time"}},
    {"The column advanced three kilometres along the highway.",
     "The column advanced three miles along the highway.",
     {"quantity"}},
    {"More than 50 people were wounded in the attack on the market.",
     "Fewer than 50 people were wounded in the attack on the market.",
     {"number"}},
    {"Heavy fighting continued near Kherson throughout the night.",
     "Heavy fighting continued near Mariupol throughout the night.",
     {"place"}},
    {"The deal was announced by Defence Minister Oleksii Reznikov in the capital.",
     "The deal was announced by Defence Minister Dmytro Kuleba in the capital.",
     {"person"}},
    {"Inspectors from the World Health Organization visited the damaged hospital in the city on "
     "Monday.",
     "Inspectors from the International Atomic Energy Agency visited the damaged hospital in the "
     "city on Monday.",
     {"organization"}},
    {"\"We will hold the city whatever it costs,\" the commander said.",
     "\"We will leave the city whatever it costs,\" the commander said.",
     {"quote"}},
    {"The army did not confirm the strike on the fuel depot.",
     "The army confirmed the strike on the fuel depot.",
     {"negation"}},
    {"The ministry denied that the convoy had been hit near the border.",
     "The ministry confirmed that the convoy had been hit near the border.",
     {"negation"}},
    {"Troops were reportedly withdrawn from the eastern bank of the river.",
     "Troops were withdrawn from the eastern bank of the river.",
     {"hedge"}},
    {"Prices for bread and fuel rose gradually in the occupied towns.",
     "Prices for bread and fuel rose rapidly in the occupied towns.",
     {"hedge"}},
    {"The peace talks in the capital were delayed because of the storm.",
     "The peace talks in the capital were delayed despite the storm.",
     {"negation"}},
    {"The railway bridge over the river collapsed on June 3.",
     "The railway bridge over the river collapsed on June 3, 2020.",
     {"date"}},
    {"Officials said 300 homes and 12 schools were damaged by the flood.",
     "Officials said 300 homes were damaged by the flood.",
     {"omission"}},
    {"The evacuation of the village will continue, the regional governor said.",
     "The evacuation of the village will continue, the regional governor told Reuters.",
     {"added"}},
    {"Shelling hit the market in the morning, the regional governor said.",
     "Shelling hit the market in the morning, killing 14 people, the regional governor said.",
     {"added"}},
};

class MustFlagTest : public ::testing::TestWithParam<Case> {};

TEST_P(MustFlagTest, FlagsExactlyTheChange) {
  Reuse r;
  const std::set<std::string> kinds = KindsOf(GetParam(), &r);
  EXPECT_THAT(kinds, UnorderedElementsAreArray(GetParam().kinds)) << Describe(r);
}

INSTANTIATE_TEST_SUITE_P(Drift, MustFlagTest, ::testing::ValuesIn(kMustFlag));

const Case kMustNotFlag[] = {
    {"They are gaining one kilometre a week toward the town, he added.",
     "He said they are gaining 1 km a week toward the town.",
     {}},
    {"Artillery has pounded the town for more than five months.",
     "The town has been pounded by artillery for over five months.",
     {}},
    {"President Volodymyr Zelensky said the city would hold against the assault.",
     "President Volodymyr Zelenskyy said the city would hold against the assault.",
     {}},
    {"Drones struck an energy facility near Kiev early on Sunday.",
     "Drones struck an energy facility near Kyiv early on Sunday.",
     {}},
    {"Russian forces seized the village of Pisky on Tuesday after weeks of fighting.",
     "The village of Pisky was captured by Russian troops on Tuesday after weeks of fighting.",
     {}},
    {"At least three people were killed in the shelling, local officials said.",
     "Local officials said the shelling killed at least three people.",
     {}},
    {"It is unclear whether the missile strike hit the ammunition depot.",
     "It is not clear whether the missile strike hit the ammunition depot.",
     {}},
    {"The town had a population of about 73,000 people before the fighting.",
     "Before the fighting the town had a population of approximately 73,000 people.",
     {}},
    {"Twenty-five soldiers were captured near the bridge on Friday.",
     "25 soldiers were captured near the bridge on Friday.",
     {}},
    {"The government pledged 1.5 million dollars for the reconstruction of schools.",
     "The government pledged $1,500,000 for the reconstruction of schools.",
     {}},
    {"The talks in Geneva resumed on Oct. 5 after a short pause.",
     "The talks in Geneva resumed on October 5 after a short pause.",
     {}},
    {"About 50% of the power grid was damaged in the strikes.",
     "About 50 percent of the power grid was damaged in the strikes.",
     {}},
    {"The damaged dam may fail if the heavy rain continues this week.",
     "The damaged dam might fail if the heavy rain continues this week.",
     {}},
    {"The convoy left the besieged city the previous week under fire.",
     "The convoy left the besieged city last week under fire.",
     {}},
    {"Mr Putin met the foreign minister in Moscow to discuss the grain deal.",
     "Vladimir Putin met the foreign minister in Moscow to discuss the grain deal.",
     {}},
    {"\"We are ready to talk, but not to surrender,\" the spokesman said.",
     "The spokesman said: \"We are ready to talk, but not to surrender.\"",
     {}},
    {"The mayor said the water supply was restored in the northern districts.",
     "The mayor stated that water supplies had been restored in northern districts.",
     {}},
};

class MustNotFlagTest : public ::testing::TestWithParam<Case> {};

TEST_P(MustNotFlagTest, RewordingIsNotDrift) {
  Reuse r;
  const std::set<std::string> kinds = KindsOf(GetParam(), &r);
  EXPECT_TRUE(kinds.empty()) << Describe(r);
}

INSTANTIATE_TEST_SUITE_P(Drift, MustNotFlagTest, ::testing::ValuesIn(kMustNotFlag));

TEST(DriftTest, PhrasesAndContexts) {
  Reuse r;
  KindsOf({"The railway bridge over the river collapsed on June 3.",
           "The railway bridge over the river collapsed on June 3, 2020.",
           {"date"}},
          &r);
  ASSERT_EQ(r.drift.size(), 1u);
  EXPECT_EQ(r.drift[0].source_text, "June 3");
  EXPECT_EQ(r.drift[0].copy_text, "June 3, 2020");
  EXPECT_EQ(r.drift[0].source_context, "The railway bridge over the river collapsed on June 3.");
  EXPECT_EQ(r.drift[0].passage, 0);
}

}  // namespace
}  // namespace sitrep::reuse
