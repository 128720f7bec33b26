#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <vector>

#include "text/text.h"

namespace sitrep::text {
namespace {

struct SentenceCase {
  std::string_view name;
  std::string_view input;
  std::vector<std::string_view> expected;
};

std::vector<std::string> Split(std::string_view text) {
  std::vector<std::string> out;
  for (const Span& s : SplitSentences(text)) {
    EXPECT_LE(s.start, s.end);
    EXPECT_LE(s.end, text.size());
    out.emplace_back(text.substr(s.start, s.end - s.start));
  }
  return out;
}

const SentenceCase kCases[] = {
    {"simple", "Troops advanced. The town fell.", {"Troops advanced.", "The town fell."}},
    {"question_exclaim",
     "Will it hold? Nobody knows! Stay tuned.",
     {"Will it hold?", "Nobody knows!", "Stay tuned."}},
    {"mr_without_period", "Mr Petrov arrived. He spoke.", {"Mr Petrov arrived.", "He spoke."}},
    {"mr_period", "Mr. Petrov arrived. He spoke.", {"Mr. Petrov arrived.", "He spoke."}},
    {"mrs_dr", "Mrs. Olsen met Dr. Kaur on Monday.", {"Mrs. Olsen met Dr. Kaur on Monday."}},
    {"governor",
     "Gov. Oleksiy Marchenko said the region was calm. Shelling resumed.",
     {"Gov. Oleksiy Marchenko said the region was calm.", "Shelling resumed."}},
    {"capital_titles",
     "GOV. PAVLO SPEAKS. MR. KYRYLENKO LEAVES.",
     {"GOV. PAVLO SPEAKS.", "MR. KYRYLENKO LEAVES."}},
    {"capital_word_ends",
     "THEY HELD THE LINE. TROOPS LEFT.",
     {"THEY HELD THE LINE.", "TROOPS LEFT."}},
    {"military_ranks",
     "Lt. Col. Ivan Dorosh led the unit. It withdrew.",
     {"Lt. Col. Ivan Dorosh led the unit.", "It withdrew."}},
    {"gen_sgt", "Gen. Marsh and Sgt. Bell disagreed.", {"Gen. Marsh and Sgt. Bell disagreed."}},
    {"us_before_noun", "The U.S. Congress voted.", {"The U.S. Congress voted."}},
    {"us_lowercase_next",
     "U.S. officials declined to comment.",
     {"U.S. officials declined to comment."}},
    {"us_sentence_end",
     "Aid came from the U.S. The delivery was late.",
     {"Aid came from the U.S.", "The delivery was late."}},
    {"uk_sentence_end",
     "He flew to the U.K. Then he returned.",
     {"He flew to the U.K.", "Then he returned."}},
    {"am_lowercase",
     "The blast came at 6 a.m. on Friday.",
     {"The blast came at 6 a.m. on Friday."}},
    {"am_sentence_end",
     "The blast came at 6 a.m. Rescuers arrived later.",
     {"The blast came at 6 a.m.", "Rescuers arrived later."}},
    {"am_timezone", "The call is at 9 a.m. EST tomorrow.", {"The call is at 9 a.m. EST tomorrow."}},
    {"am_city_time",
     "Sirens sounded at 10 a.m. Kyiv time on Monday.",
     {"Sirens sounded at 10 a.m. Kyiv time on Monday."}},
    {"pm_then_timeline",
     "Shelling began at 4 p.m. Kyiv timeline changes followed.",
     {"Shelling began at 4 p.m.", "Kyiv timeline changes followed."}},
    {"initials",
     "The novel by J. R. R. Tolkien sold well.",
     {"The novel by J. R. R. Tolkien sold well."}},
    {"initial_middle", "George W. Bush spoke.", {"George W. Bush spoke."}},
    {"decimal",
     "Output fell 0.6 percent. Prices rose.",
     {"Output fell 0.6 percent.", "Prices rose."}},
    {"number_abbrev", "He lives at No. 3 Garden Lane.", {"He lives at No. 3 Garden Lane."}},
    {"no_as_answer", "He said No. The talks ended.", {"He said No.", "The talks ended."}},
    {"saint", "They reached St. Petersburg by train.", {"They reached St. Petersburg by train."}},
    {"month_day", "The strike on Jan. 5 killed two.", {"The strike on Jan. 5 killed two."}},
    {"month_then_capital",
     "Talks begin in Oct. Nobody expects much.",
     {"Talks begin in Oct.", "Nobody expects much."}},
    {"quote_comma_said",
     "\"We will hold the line,\" he said. \"They will not pass.\"",
     {"\"We will hold the line,\" he said.", "\"They will not pass.\""}},
    {"curly_quote_comma",
     "\u201cWe will hold,\u201d the colonel said.",
     {"\u201cWe will hold,\u201d the colonel said."}},
    {"closing_quote_after_period",
     "She called it \u201ca disaster.\u201d Officials disagreed.",
     {"She called it \u201ca disaster.\u201d", "Officials disagreed."}},
    {"exclaim_in_quote_lowercase",
     "\u201cBakhvar stands!\u201d and \u201cHold on!\u201d became slogans.",
     {"\u201cBakhvar stands!\u201d and \u201cHold on!\u201d became slogans."}},
    {"quote_spans_sentences",
     "He said: \u201cThe lines held. We lost two men.\u201d Then he left.",
     {"He said: \u201cThe lines held.", "We lost two men.\u201d", "Then he left."}},
    {"ellipsis_lowercase", "They waited\u2026 and waited.", {"They waited\u2026 and waited."}},
    {"ellipsis_capital", "They waited... Nothing came.", {"They waited...", "Nothing came."}},
    {"ellipsis_newline",
     "Don\u2019t miss\u2026\nDrones hit depot",
     {"Don\u2019t miss\u2026", "Drones hit depot"}},
    {"paragraph",
     "Headline without period\n\nThe body starts here.",
     {"Headline without period", "The body starts here."}},
    {"paragraph_after_abbrev", "He met Mr.\n\nNext paragraph.", {"He met Mr.", "Next paragraph."}},
    {"single_newline_list",
     "Storm hits port\nFerry service cancelled\nRoads reopen",
     {"Storm hits port", "Ferry service cancelled", "Roads reopen"}},
    {"single_newline_wrapped",
     "The convoy moved along\nthe river road.",
     {"The convoy moved along\nthe river road."}},
    {"single_newline_comma",
     "Forces from the north,\nEast and south converged.",
     {"Forces from the north,\nEast and south converged."}},
    {"inc_then_name",
     "Acme Inc. Chief Executive Jane Roe resigned.",
     {"Acme Inc. Chief Executive Jane Roe resigned."}},
    {"inc_sentence_end",
     "He works for Acme Inc. The firm denied it.",
     {"He works for Acme Inc.", "The firm denied it."}},
    {"eg_ie",
     "Heavy arms, e.g. Tanks and guns, arrived.",
     {"Heavy arms, e.g. Tanks and guns, arrived."}},
    {"world_war_i",
     "It recalled World War I. The comparison stuck.",
     {"It recalled World War I.", "The comparison stuck."}},
    {"number_sentence",
     "The war began in 2014. 3,000 people fled.",
     {"The war began in 2014.", "3,000 people fled."}},
    {"glued_scrape",
     "The fire spread fast.Residents fled.",
     {"The fire spread fast.", "Residents fled."}},
    {"domain_not_glued", "See example.com for more.", {"See example.com for more."}},
    {"parenthesis_after",
     "Troops withdrew. (Reporting by A. Writer)",
     {"Troops withdrew.", "(Reporting by A. Writer)"}},
    {"paren_period_inside",
     "It fell (the town did.) Then came rain.",
     {"It fell (the town did.)", "Then came rain."}},
    {"trim_spaces",
     "   Leading space.   Trailing space.   ",
     {"Leading space.", "Trailing space."}},
    {"nbsp_space", "It ended.\u00a0Talks resumed.", {"It ended.", "Talks resumed."}},
    {"empty", "", {}},
    {"whitespace_only", " \n\n \t", {}},
    {"no_terminator", "Just a headline", {"Just a headline"}},
    {"multiple_terminators", "Really?! Yes.", {"Really?!", "Yes."}},
    {"colon_newline_quote",
     "A soldier said:\n\u201cThey keep coming.\u201d",
     {"A soldier said:", "\u201cThey keep coming.\u201d"}},
    {"non_latin",
     "\u0412\u0456\u0439\u0441\u044c\u043a\u0430 "
     "\u0432\u0456\u0434\u0441\u0442\u0443\u043f\u0438\u043b\u0438. \u041c\u0456\u0441\u0442\u043e "
     "\u0432\u0438\u0441\u0442\u043e\u044f\u043b\u043e.",
     {"\u0412\u0456\u0439\u0441\u044c\u043a\u0430 "
      "\u0432\u0456\u0434\u0441\u0442\u0443\u043f\u0438\u043b\u0438.",
      "\u041c\u0456\u0441\u0442\u043e \u0432\u0438\u0441\u0442\u043e\u044f\u043b\u043e."}},
};

class SentenceTest : public ::testing::TestWithParam<SentenceCase> {};

TEST_P(SentenceTest, Splits) {
  const SentenceCase& c = GetParam();
  const std::vector<std::string> got = Split(c.input);
  std::vector<std::string> want(c.expected.begin(), c.expected.end());
  EXPECT_EQ(got, want) << c.name;
}

INSTANTIATE_TEST_SUITE_P(Table, SentenceTest, ::testing::ValuesIn(kCases),
                         [](const auto& info) { return std::string(info.param.name); });

TEST(SentencesTest, SpansAreOrderedAndDisjoint) {
  const std::string text =
      "Mr. A went home. Dr. B stayed.\n\n\"Why?\" she asked. U.S. aid came at 9 a.m. Then "
      "nothing\u2026 Finally it ended.";
  const std::vector<Span> spans = SplitSentences(text);
  ASSERT_FALSE(spans.empty());
  for (size_t i = 0; i < spans.size(); ++i) {
    EXPECT_LT(spans[i].start, spans[i].end);
    if (i > 0) {
      EXPECT_LE(spans[i - 1].end, spans[i].start);
    }
  }
}

bool IsContinuation(std::string_view s, size_t p) {
  return p < s.size() && (static_cast<unsigned char>(s[p]) & 0xC0) == 0x80;
}

TEST(SentencesTest, RandomInputInvariants) {
  const std::string alphabet[] = {
      "a",      "Mr", "U.S.", " ",   "\n",     "\n\n", ".",      "?",  "!", "\u2026", "\u201d",
      "\u201c", "\"", "T",    "0.6", "\u00a0", ",",    "\u2019", "No", "3", "\u00e9", "\u2014"};
  uint32_t seed = 7;
  for (int round = 0; round < 500; ++round) {
    std::string text;
    for (int k = 0; k < 40; ++k) {
      seed = seed * 1103515245u + 12345u;
      text += alphabet[(seed >> 16) % std::size(alphabet)];
    }
    const std::vector<Span> spans = SplitSentences(text);
    size_t last_end = 0;
    for (const Span& s : spans) {
      ASSERT_LT(s.start, s.end) << text;
      ASSERT_LE(s.end, text.size()) << text;
      ASSERT_GE(s.start, last_end) << text;
      EXPECT_FALSE(IsContinuation(text, s.start)) << text;
      EXPECT_FALSE(IsContinuation(text, s.end)) << text;
      EXPECT_NE(text[s.start], ' ') << text;
      EXPECT_NE(text[s.end - 1], ' ') << text;
      EXPECT_NE(text[s.end - 1], '\n') << text;
      // A blank line never sits inside a sentence.
      EXPECT_EQ(std::string_view(text).substr(s.start, s.end - s.start).find("\n\n"),
                std::string_view::npos)
          << text;
      last_end = s.end;
    }
  }
}

TEST(SentencesTest, PathologicalRunsStayCheap) {
  // Each period is followed by a capital: the scanner must not rescan the run each time.
  std::string text;
  for (int i = 0; i < 100000; ++i) text += "A.";
  text += " The end.";
  const std::vector<Span> spans = SplitSentences(text);
  ASSERT_FALSE(spans.empty());
  EXPECT_EQ(spans.back().end, text.size());
  std::string dots(200000, '.');
  EXPECT_EQ(SplitSentences(dots).size(), 1u);
  EXPECT_FALSE(Tokenize(text).empty());
}

}  // namespace
}  // namespace sitrep::text
