#include <gtest/gtest.h>

#include <string>
#include <string_view>

#include "text/text.h"

namespace sitrep::text {
namespace {

struct NormalizeCase {
  std::string_view name;
  std::string_view input;
  std::string_view expected;
};

const NormalizeCase kCases[] = {
    {"ascii_unchanged", "Plain ASCII text, 73,000 troops.", "Plain ASCII text, 73,000 troops."},
    {"curly_single", "Kyiv\u2019s \u2018fortress\u2019", "Kyiv's 'fortress'"},
    {"curly_double", "\u201cworse than Stalingrad\u201d", "\"worse than Stalingrad\""},
    {"low_quotes", "\u201eJa\u201c \u201asie\u2018", "\"Ja\" 'sie'"},
    {"guillemets", "\u00abnon\u00bb", "\"non\""},
    {"en_dash", "Kramatorsk \u2013 Sloviansk", "Kramatorsk - Sloviansk"},
    {"em_dash", "troops\u2014some trained", "troops-some trained"},
    {"minus_sign", "\u22125 degrees", "-5 degrees"},
    {"nbsp", "5\u00a0km", "5 km"},
    {"thin_space", "73\u2009000", "73 000"},
    {"narrow_nbsp", "10\u202fam", "10 am"},
    {"ideographic_space", "a\u3000b", "a b"},
    {"tab", "a\tb", "a b"},
    {"newline_kept", "a\n\nb", "a\n\nb"},
    {"ellipsis", "wait\u2026", "wait..."},
    {"ligature", "\ufb01re", "fire"},
    {"fullwidth", "\uff21\uff22\uff23\uff11", "ABC1"},
    {"compose_accent", "Cafe\u0301", "Caf\u00e9"},
    {"superscript", "km\u00b2", "km2"},
    {"zero_width_removed", "Bakh\u200bmut", "Bakhmut"},
    {"soft_hyphen_removed", "counter\u00adoffensive", "counteroffensive"},
    {"bom_removed", "\ufeffText", "Text"},
    {"cyrillic_kept", "\u0411\u0430\u0445\u043c\u0443\u0442",
     "\u0411\u0430\u0445\u043c\u0443\u0442"},
    {"prime", "5\u2032", "5'"},
    {"empty", "", ""},
};

class NormalizeTest : public ::testing::TestWithParam<NormalizeCase> {};

TEST_P(NormalizeTest, Text) {
  const NormalizeCase& c = GetParam();
  const Normalized n = Normalize(c.input);
  EXPECT_EQ(n.text, c.expected) << c.name;
  ASSERT_EQ(n.to_original.size(), n.text.size() + 1) << c.name;
  EXPECT_EQ(n.to_original.back(), c.input.size());
  for (size_t i = 1; i < n.to_original.size(); ++i) {
    EXPECT_LE(n.to_original[i - 1], n.to_original[i]) << c.name << " at " << i;
  }
}

INSTANTIATE_TEST_SUITE_P(Table, NormalizeTest, ::testing::ValuesIn(kCases),
                         [](const auto& info) { return std::string(info.param.name); });

TEST(NormalizeTest, MapPointsBackToOriginal) {
  const std::string input = "\u201cKyiv\u2019s\u201d \ufb01re";
  const Normalized n = Normalize(input);
  ASSERT_EQ(n.text, "\"Kyiv's\" fire");
  // Byte 1 of the output ('K') comes from byte 3 of the input (after the 3-byte quote).
  EXPECT_EQ(n.to_original[1], 3u);
  EXPECT_EQ(input.substr(n.to_original[1], 4), "Kyiv");
  // The apostrophe maps to the start of U+2019.
  EXPECT_EQ(n.to_original[5], 7u);
  // "fi" both map to the ligature's first byte; "re" follow it.
  const size_t f = n.text.find("fire");
  EXPECT_EQ(n.to_original[f], n.to_original[f + 1]);
  EXPECT_EQ(input.substr(n.to_original[f + 2], 2), "re");
}

TEST(NormalizeTest, AsciiIsIdentityMap) {
  const std::string input = "No. 3 St. Petersburg, 0.6 percent.";
  const Normalized n = Normalize(input);
  EXPECT_EQ(n.text, input);
  for (size_t i = 0; i <= input.size(); ++i) EXPECT_EQ(n.to_original[i], i);
}

TEST(NormalizeTest, RandomInputKeepsInvariantsAndIsIdempotent) {
  const std::string alphabet[] = {"a",      "Z",      " ",      "\n",     "\t",     "e\u0301",
                                  "\u0301", "\u2019", "\u201c", "\u2013", "\u00a0", "\ufb01",
                                  "\u200b", "\uff21", "\u0439", "7",      ".",      "\u2026"};
  uint32_t seed = 99;
  for (int round = 0; round < 300; ++round) {
    std::string input;
    for (int k = 0; k < 30; ++k) {
      seed = seed * 1103515245u + 12345u;
      input += alphabet[(seed >> 16) % std::size(alphabet)];
    }
    const Normalized n = Normalize(input);
    ASSERT_EQ(n.to_original.size(), n.text.size() + 1) << input;
    for (size_t i = 0; i < n.text.size(); ++i) {
      ASSERT_LT(n.to_original[i], input.size()) << input;
      if (i > 0) {
        ASSERT_LE(n.to_original[i - 1], n.to_original[i]) << input;
      }
    }
    EXPECT_EQ(Normalize(n.text).text, n.text) << input;
    EXPECT_EQ(n.text.find("\u2019"), std::string::npos) << input;
    EXPECT_EQ(n.text.find("\u00a0"), std::string::npos) << input;
  }
}

}  // namespace
}  // namespace sitrep::text
