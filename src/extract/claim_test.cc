#include "extract/claim.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "extract/who.h"
#include "extract/who_test_util.h"

namespace sitrep::extract {
namespace {

using testing::Analyzer;
using testing::MakeDoc;
using testing::TestGazetteer;

struct Expected {
  std::string speaker;  // canonical name of the speaker entity, or the phrase; "" = none
  std::string cue;
  std::string channel;  // "" = none
  std::string text;
  bool direct;
};

struct ClaimCase {
  std::string name;
  std::string doc;
  std::vector<Expected> claims;
};

class ClaimTest : public ::testing::TestWithParam<ClaimCase> {};

TEST_P(ClaimTest, FindsClaims) {
  const ClaimCase& c = GetParam();
  std::vector<Document> docs = {MakeDoc("d1", c.doc)};
  std::vector<text::DocText> texts = {Analyzer().Analyze(docs[0])};
  WhoResult r = ExtractWho(docs, texts, &TestGazetteer(), ExtractOptions());
  ASSERT_EQ(r.claims.size(), c.claims.size()) << c.doc;
  for (size_t i = 0; i < c.claims.size(); ++i) {
    const Claim& got = r.claims[i];
    const Expected& want = c.claims[i];
    std::string speaker;
    if (got.speaker) {
      for (const Entity& e : r.entities) {
        if (e.id == *got.speaker) speaker = e.name;
      }
    } else if (got.speaker_name) {
      speaker = *got.speaker_name;
    }
    EXPECT_EQ(speaker, want.speaker) << "claim " << i;
    EXPECT_EQ(got.cue, want.cue) << "claim " << i;
    EXPECT_EQ(got.channel.value_or(""), want.channel) << "claim " << i;
    EXPECT_EQ(got.text, want.text) << "claim " << i;
    EXPECT_EQ(got.direct, want.direct) << "claim " << i;
    // The span is the text.
    EXPECT_EQ(docs[0].text.substr(got.start, got.end - got.start), got.text);
    EXPECT_EQ(got.doc, "d1");
    EXPECT_EQ(got.id, "c" + std::to_string(i + 1) + "@d1");
  }
}

INSTANTIATE_TEST_SUITE_P(
    Claims, ClaimTest,
    ::testing::Values(
        ClaimCase{"quote_then_speaker",
                  "“We will not give up a single street,” Pavlo Kyrylenko said.",
                  {{"Pavlo Kyrylenko", "said", "", "We will not give up a single street,", true}}},
        ClaimCase{
            "quote_then_said_speaker",
            "\"The bridge was hit twice overnight,\" said Oleksandr Prokudin.",
            {{"Oleksandr Prokudin", "said", "", "The bridge was hit twice overnight,", true}}},
        ClaimCase{"speaker_colon_quote",
                  "Jens Stoltenberg told reporters in Stockholm: “Nobody can predict how long "
                  "this war will last.”",
                  {{"Jens Stoltenberg", "told", "told reporters in Stockholm",
                    "Nobody can predict how long this war will last.", true}}},
        ClaimCase{"indirect_that",
                  "Jens Stoltenberg said that the alliance would send more air defence "
                  "systems.",
                  {{"Jens Stoltenberg", "said", "",
                    "the alliance would send more air defence systems", false}}},
        ClaimCase{"according_to_first",
                  "According to the Institute for the Study of War, Russian units made small "
                  "gains near Soledar.",
                  {{"Institute for the Study of War", "according to", "",
                    "Russian units made small gains near Soledar", false}}},
        ClaimCase{"according_to_last",
                  "Three civilians were wounded in the shelling, according to local "
                  "officials.",
                  {{"local officials", "according to", "",
                    "Three civilians were wounded in the shelling", false}}},
        ClaimCase{"clause_first",
                  "The town has no electricity and no running water, Mayor Oleksandr "
                  "Honcharenko said.",
                  {{"Oleksandr Honcharenko", "said", "",
                    "The town has no electricity and no running water", false}}},
        ClaimCase{
            "pronoun_resolves_to_last_speaker",
            "Volodymyr Zelensky said that the front line was holding.\n\nHe added that "
            "reinforcements had arrived in Bakhmut.",
            {{"Volodymyr Zelensky", "said", "", "the front line was holding", false},
             {"Volodymyr Zelensky", "added", "", "reinforcements had arrived in Bakhmut", false}}},
        ClaimCase{"channel_telegram",
                  "Yevgeny Prigozhin claimed on Telegram that his fighters had encircled the "
                  "town.",
                  {{"Yevgeny Prigozhin", "claimed", "on Telegram",
                    "his fighters had encircled the town", false}}},
        ClaimCase{"channel_nightly_address",
                  "Volodymyr Zelensky said in a nightly address that the situation in the east "
                  "was very difficult.",
                  {{"Volodymyr Zelensky", "said", "in a nightly address",
                    "the situation in the east was very difficult", false}}},
        ClaimCase{"channel_interview",
                  "Dmitry Peskov told CNN in an interview with CNN that talks were not "
                  "planned.",
                  {{"Dmitry Peskov", "told", "told CNN", "talks were not planned", false}}},
        ClaimCase{"channel_from_subject",
                  "The intelligence update said Russian reserves were running low.",
                  {{"The intelligence update", "said", "intelligence update",
                    "Russian reserves were running low", false}}},
        ClaimCase{"multi_paragraph_quote",
                  "A medic named Olena Shevchuk described the night.\n\n“The shelling started "
                  "at two in the morning and did not stop.\n\n“By dawn we had treated forty "
                  "people,” Olena Shevchuk said.",
                  {{"Olena Shevchuk", "said", "",
                    "The shelling started at two in the morning and did not stop.\n\n“By dawn "
                    "we had treated forty people,",
                    true}}},
        ClaimCase{"scare_quotes_are_not_claims",
                  "Officials called the attack a “provocation” and moved on.",
                  {}},
        ClaimCase{"no_speech_no_claim",
                  "Russian forces shelled Kramatorsk on Tuesday and Wednesday.",
                  {}},
        ClaimCase{"object_verb_needs_that",
                  "Vladimir Putin acknowledged the independence of the two regions in 2022.",
                  {}},
        // Regression: a capitalised head ("near Bakhmut") once matched an organization
        // with that word in its name.
        ClaimCase{"definite_phrase_with_place_head",
                  "The Kharkiv Regional Military Administration opened shelters in the city. "
                  "The hospital near Kharkiv said that it was treating dozens of wounded every "
                  "day.",
                  {{"The hospital near Kharkiv", "said", "",
                    "it was treating dozens of wounded every day", false}}},
        ClaimCase{
            "fragment_inside_reported_clause",
            "Jens Stoltenberg said the fall of the town would not “change the course of "
            "the war” at all.",
            {{"Jens Stoltenberg", "said", "",
              "the fall of the town would not “change the course of the war” at all", false}}},
        ClaimCase{
            "apposition_speaker",
            "Samuel Ramani, an associate fellow at the Royal United Services Institute, "
            "said the attackers were gaining little ground.",
            {{"Samuel Ramani", "said", "", "the attackers were gaining little ground", false}}}),
    [](const ::testing::TestParamInfo<ClaimCase>& info) { return info.param.name; });

TEST(ClaimTest, EmptyDocument) {
  Document d = MakeDoc("d1", "");
  text::DocText t = Analyzer().Analyze(d);
  EXPECT_TRUE(FindClaims(d, t, {}).empty());
}

TEST(ClaimTest, UnterminatedQuoteEndsWithParagraph) {
  Document d = MakeDoc("d1",
                       "He said: “We are staying here no matter what happens\n\nNext "
                       "paragraph without quotes.");
  text::DocText t = Analyzer().Analyze(d);
  auto claims = FindClaims(d, t, {});
  ASSERT_EQ(claims.size(), 1u);
  EXPECT_EQ(claims[0].text, "We are staying here no matter what happens");
  EXPECT_TRUE(claims[0].direct);
}

}  // namespace
}  // namespace sitrep::extract
