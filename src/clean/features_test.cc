#include "clean/features.h"

#include <gtest/gtest.h>

#include <string>

namespace sitrep::clean {
namespace {

struct FlagCase {
  std::string text;
  bool ends_sentence;
  bool template_tokens;
  bool trailing_tag;
  bool label_prefix;
  bool title_colon;
  bool trailing_credit;
  bool bio_shape;
};

class FlagTest : public ::testing::TestWithParam<FlagCase> {};

TEST_P(FlagTest, Flags) {
  const FlagCase& c = GetParam();
  TextFeatures f = ComputeFeatures(c.text);
  EXPECT_EQ(f.ends_sentence, c.ends_sentence) << c.text;
  EXPECT_EQ(f.template_tokens, c.template_tokens) << c.text;
  EXPECT_EQ(f.trailing_tag, c.trailing_tag) << c.text;
  EXPECT_EQ(f.label_prefix, c.label_prefix) << c.text;
  EXPECT_EQ(f.title_colon, c.title_colon) << c.text;
  EXPECT_EQ(f.trailing_credit, c.trailing_credit) << c.text;
  EXPECT_EQ(f.bio_shape, c.bio_shape) << c.text;
}

INSTANTIATE_TEST_SUITE_P(
    Cases, FlagTest,
    ::testing::Values(
        //          text                                         end   tmpl  tag   label colon
        //          credit bio
        FlagCase{"The ferry left at noon.", true, false, false, false, false, false, false},
        FlagCase{"“We will stay,” she said.”", true, false, false, false, false, false, false},
        FlagCase{"He said it was “over.”", true, false, false, false, false, false, false},
        FlagCase{"Was it worth it?", true, false, false, false, false, false, false},
        FlagCase{"Ferry services suspended", false, false, false, false, false, false, false},
        FlagCase{"[[title]] [[text]] Sign up", false, true, false, false, false, false, false},
        FlagCase{"Hello {{name}}, welcome", false, true, false, false, false, false, false},
        FlagCase{"Ferries halted as gales hit [LATEST]", false, false, true, false, false, false,
                 false},
        FlagCase{"Ferries halted as gales hit[VIDEO]", false, false, true, false, false, false,
                 false},
        FlagCase{"Rates rise [in part]", false, false, false, false, false, false, false},
        FlagCase{"JUST IN: Ferries halted", false, false, false, true, true, false, false},
        FlagCase{"READ MORE: Gales hit coast", false, false, false, true, true, false, false},
        FlagCase{"Weather: Gales hit the coast", false, false, false, false, true, false, false},
        FlagCase{"The minister, who spoke at length about ports: no", false, false, false, false,
                 false, false, false},
        FlagCase{"Boats wait in the harbour near the town (AP)", false, false, false, false, false,
                 true, false},
        FlagCase{"Map of the coast on May 1 (Example.org)", false, false, false, false, false, true,
                 false},
        FlagCase{"They fired Javelins and NLAWs (missiles).", true, false, false, false, false,
                 false, false},
        FlagCase{"They carried the gear (by hand)", false, false, false, false, false, false,
                 false},
        FlagCase{"The quay at dawn. Photo: Ana Ruiz", false, false, false, false, false, true,
                 false},
        FlagCase{"Jo Baker is a staff reporter at the Example Post.", true, false, false, false,
                 false, false, true},
        FlagCase{"Follow him on social media for updates", false, false, false, false, false, false,
                 true},
        FlagCase{"The council is a major employer in the town.", true, false, false, false, false,
                 false, false}));

TEST(FeaturesTest, CountsWordsStopwordsAndCapitals) {
  TextFeatures f = ComputeFeatures("The Mayor said that the town of Eastmere was safe.");
  EXPECT_EQ(f.words, 10u);
  EXPECT_EQ(f.stopwords, 6u);  // the, said, that, the, of, was
  EXPECT_EQ(f.capitalized, 3u);
  EXPECT_EQ(f.sentence_ends, 1u);
  EXPECT_FALSE(f.starts_lower);
}

TEST(FeaturesTest, NonLatinScripts) {
  TextFeatures ru = ComputeFeatures("Мэр заявил, что город в безопасности.");
  EXPECT_EQ(ru.words, 6u);
  EXPECT_GE(ru.stopwords, 2u);  // что, в
  EXPECT_EQ(ru.capitalized, 1u);
  EXPECT_EQ(ru.commas, 1u);
  EXPECT_TRUE(ru.ends_sentence);
  TextFeatures zh = ComputeFeatures("市长表示城市是安全的。");
  EXPECT_GE(zh.words, 4u);
  EXPECT_TRUE(zh.ends_sentence);
}

TEST(FeaturesTest, JunkPhrases) {
  EXPECT_GE(ComputeFeatures("Sign up to our newsletter").junk_phrases, 2u);
  EXPECT_GE(ComputeFeatures("Don’t miss…").junk_phrases, 1u);
  EXPECT_GE(ComputeFeatures("Newsletter abonnieren").junk_phrases, 1u);
  EXPECT_EQ(ComputeFeatures("The river rose two metres overnight.").junk_phrases, 0u);
}

TEST(FeaturesTest, FoldCaseKeepsLengthAndFoldsLatinAndCyrillic) {
  EXPECT_EQ(FoldCase("ÀÉ Отзывы ЄІ Ab×"), "àé отзывы єі ab×");
  EXPECT_EQ(FoldCase("Я"), "я");
  // A lead byte without its continuation byte does not hide the ASCII letter after it.
  EXPECT_EQ(FoldCase("\xC3Twitter \xD0X"), "\xC3twitter \xD0x");
  EXPECT_GE(ComputeFeatures("Отзывы").junk_phrases, 1u);
  EXPECT_GE(ComputeFeatures("Kommentare").junk_phrases, 1u);
  // Whole words only: "subscribers" is no "subscribe".
  EXPECT_EQ(ComputeFeatures("The service gained subscribers.").junk_phrases, 0u);
  EXPECT_TRUE(ComputeFeatures("Subscribe to our briefing today.").starts_junk);
  EXPECT_TRUE(ComputeFeatures("https://example.test/a/b").url_only);
  EXPECT_TRUE(ComputeFeatures("desk@example.test").url_only);
  EXPECT_FALSE(ComputeFeatures("Write to desk@example.test today").url_only);
}

TEST(FeaturesTest, FoldCaseLowersEveryAsciiByteAtEveryOffset) {
  // The eight-byte path and the byte path must agree: every ASCII byte, at every
  // alignment, between multi-byte letters.
  std::string ascii;
  for (int c = 1; c < 128; ++c) ascii.push_back(static_cast<char>(c));
  for (size_t offset = 0; offset < 9; ++offset) {
    const std::string text = std::string(offset, 'Q') + ascii + "\u00C9" + ascii + "\u0416";
    std::string expected;
    for (char c : text) {
      expected.push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c);
    }
    expected.replace(expected.find("\u00C9"), 2, "\u00E9");
    expected.replace(expected.find("\u0416"), 2, "\u0436");
    EXPECT_EQ(FoldCase(text), expected) << offset;
  }
}

TEST(FeaturesTest, RepetitionKeyIgnoresAsciiCaseSpacingAndPunctuation) {
  const uint64_t key = ComputeFeatures("The ferry left at noon, said Ana.").key;
  EXPECT_EQ(ComputeFeatures("THE FERRY LEFT AT NOON SAID ANA").key, key);
  EXPECT_EQ(ComputeFeatures("the ferry -- left at noon; said Ana!").key, key);
  EXPECT_NE(ComputeFeatures("The ferry left at one, said Ana.").key, key);
  EXPECT_NE(ComputeFeatures("The ferry left at noon, said Ana. 2").key, key);
  // Non-ASCII characters count as they are.
  EXPECT_NE(ComputeFeatures("Café open").key, ComputeFeatures("Cafe open").key);
}

TEST(FeaturesTest, TrimAndEmpty) {
  EXPECT_EQ(TrimSpace("\u00A0 text \u2009"), "text");
  EXPECT_EQ(TrimSpace("   "), "");
  TextFeatures f = ComputeFeatures("   ");
  EXPECT_EQ(f.words, 0u);
  EXPECT_EQ(f.bytes, 0u);
}

TEST(FeaturesTest, InvalidUtf8DoesNotCrash) {
  std::string bad = "Caf\xC3 \xFF\xFE text \xE2\x80";
  TextFeatures f = ComputeFeatures(bad);
  EXPECT_GE(f.words, 2u);
}

}  // namespace
}  // namespace sitrep::clean
