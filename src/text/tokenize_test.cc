#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <vector>

#include "text/text.h"

namespace sitrep::text {
namespace {

struct TokenCase {
  std::string_view name;
  std::string_view input;
  // Each expected token as "<kind><lower>", kind w (word), n (number), p (punct).
  std::vector<std::string_view> expected;
};

std::string Describe(const Token& t) {
  const char kind = t.kind == TokenKind::kWord ? 'w' : t.kind == TokenKind::kNumber ? 'n' : 'p';
  return std::string(1, kind) + t.lower;
}

const TokenCase kCases[] = {
    {"words", "Troops advanced", {"wtroops", "wadvanced"}},
    {"possessive", "Kyiv's forces", {"wkyiv", "w's", "wforces"}},
    {"curly_possessive", "Kyiv\u2019s forces", {"wkyiv", "w's", "wforces"}},
    {"plural_possessive", "the soldiers' rifles", {"wthe", "wsoldiers", "p'", "wrifles"}},
    {"contraction", "don\u2019t stop", {"wdon't", "wstop"}},
    {"its_contraction", "it's late", {"wit", "w's", "wlate"}},
    {"hyphen_compound", "a counter-offensive began", {"wa", "wcounter-offensive", "wbegan"}},
    {"multi_hyphen", "self-proclaimed and pro-Moscow", {"wself-proclaimed", "wand", "wpro-moscow"}},
    {"letter_digit_model", "F-16 jets and M777 guns", {"wf-16", "wjets", "wand", "wm777", "wguns"}},
    {"thousands", "73,000 troops", {"n73,000", "wtroops"}},
    {"decimal", "0.6 percent", {"n0.6", "wpercent"}},
    {"range", "30-40 killed", {"n30", "p-", "n40", "wkilled"}},
    {"number_unit", "1.5m people", {"n1.5", "wm", "wpeople"}},
    {"number_hyphen_word", "41-second clip", {"n41", "p-", "wsecond", "wclip"}},
    {"trailing_period_number", "in 2014.", {"win", "n2014", "p."}},
    {"trailing_comma_number", "5,000, including", {"n5,000", "p,", "wincluding"}},
    {"date_iso", "2022-10-28", {"n2022", "p-", "n10", "p-", "n28"}},
    {"acronym_us", "U.S. aid", {"wu.s.", "waid"}},
    {"acronym_am", "6 a.m. today", {"n6", "wa.m.", "wtoday"}},
    {"title_abbrev", "Mr. Smith", {"wmr", "p.", "wsmith"}},
    {"ellipsis_run", "wait... now", {"wwait", "p...", "wnow"}},
    {"curly_quotes", "\u201cno\u201d", {"p\"", "wno", "p\""}},
    {"en_dash", "Kyiv \u2013 Lviv", {"wkyiv", "p-", "wlviv"}},
    {"percent_dollar", "$5 and 7%", {"p$", "n5", "wand", "n7", "p%"}},
    {"cyrillic",
     "\u041a\u0438\u0457\u0432 \u041b\u044c\u0432\u0456\u0432",
     {"w\u043a\u0438\u0457\u0432", "w\u043b\u044c\u0432\u0456\u0432"}},
    {"accented", "Zelensk\u00ff Caf\u00e9", {"wzelensk\u00ff", "wcaf\u00e9"}},
    {"combining_mark", "Cafe\u0301 open", {"wcafe\u0301", "wopen"}},
    {"nbsp_separates", "two\u00a0words", {"wtwo", "wwords"}},
    {"brackets", "[LATEST]", {"p[", "wlatest", "p]"}},
    {"hashtag_at", "#Kyiv @user", {"p#", "wkyiv", "p@", "wuser"}},
    {"empty", "", {}},
};

class TokenizeTest : public ::testing::TestWithParam<TokenCase> {};

TEST_P(TokenizeTest, Tokens) {
  const TokenCase& c = GetParam();
  std::vector<std::string> got;
  for (const Token& t : Tokenize(c.input)) {
    EXPECT_LE(t.start, t.end);
    EXPECT_LE(t.end, c.input.size());
    got.push_back(Describe(t));
  }
  std::vector<std::string> want(c.expected.begin(), c.expected.end());
  EXPECT_EQ(got, want) << c.name;
}

INSTANTIATE_TEST_SUITE_P(Table, TokenizeTest, ::testing::ValuesIn(kCases),
                         [](const auto& info) { return std::string(info.param.name); });

TEST(TokenizeTest, OffsetsAndBase) {
  const std::string text = "Kyiv\u2019s 73,000 men";
  const std::vector<Token> tokens = Tokenize(text, 100);
  ASSERT_EQ(tokens.size(), 4u);
  EXPECT_EQ(tokens[0].start, 100u);
  EXPECT_EQ(tokens[0].end, 104u);
  EXPECT_EQ(tokens[1].start, 104u);
  EXPECT_EQ(tokens[1].end, 108u);  // ’ is three bytes
  EXPECT_EQ(text.substr(tokens[2].start - 100, tokens[2].end - tokens[2].start), "73,000");
  EXPECT_EQ(tokens[3].end, 100 + text.size());
}

TEST(TokenizeTest, Capitalized) {
  const std::vector<Token> tokens = Tokenize("Bakhmut fell to wagner \u00c9lite 5");
  ASSERT_EQ(tokens.size(), 6u);
  EXPECT_TRUE(tokens[0].capitalized);
  EXPECT_FALSE(tokens[1].capitalized);
  EXPECT_FALSE(tokens[3].capitalized);
  EXPECT_TRUE(tokens[4].capitalized);
  EXPECT_EQ(tokens[4].lower, "\u00e9lite");
  EXPECT_FALSE(tokens[5].capitalized);
}

TEST(TokenizeTest, CaseFoldingBeyondAscii) {
  const std::vector<Token> tokens = Tokenize("\u0391\u0398\u0397\u039d\u0391 STRA\u1E9EE");
  ASSERT_EQ(tokens.size(), 2u);
  EXPECT_EQ(tokens[0].lower, "\u03b1\u03b8\u03b7\u03bd\u03b1");
}

TEST(TokenizeTest, NoWhitespaceTokensOnRandomInput) {
  // Tokens never overlap, never contain white space, and cover every non-space byte.
  const std::string alphabet[] = {"a", "B",  "7",      ".",      ",",      "'", "\u2019", "-",
                                  " ", "\n", "\u00a0", "\u00e9", "\u201c", "s", "U.S.",   "0.5"};
  uint32_t seed = 12345;
  for (int round = 0; round < 300; ++round) {
    std::string text;
    for (int k = 0; k < 40; ++k) {
      seed = seed * 1103515245u + 12345u;
      text += alphabet[(seed >> 16) % std::size(alphabet)];
    }
    const std::vector<Token> tokens = Tokenize(text);
    size_t covered = 0;
    size_t last_end = 0;
    for (const Token& t : tokens) {
      ASSERT_GE(t.start, last_end) << text;
      ASSERT_LT(t.start, t.end) << text;
      last_end = t.end;
      covered += t.end - t.start;
      const std::string_view piece = std::string_view(text).substr(t.start, t.end - t.start);
      EXPECT_EQ(piece.find(' '), std::string_view::npos) << text;
      EXPECT_EQ(piece.find("\u00a0"), std::string_view::npos) << text;
    }
    size_t spaces = 0;
    for (size_t p = 0; p < text.size(); ++p) {
      if (text[p] == ' ' || text[p] == '\n') ++spaces;
      if (text.compare(p, 2, "\u00a0") == 0) spaces += 2;
    }
    EXPECT_EQ(covered + spaces, text.size()) << text;
  }
}

}  // namespace
}  // namespace sitrep::text
