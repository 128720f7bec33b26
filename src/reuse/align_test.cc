#include "reuse/align.h"

#include <gtest/gtest.h>

#include <string>
#include <utility>
#include <vector>

#include "reuse/doc_features.h"
#include "reuse/minhash.h"
#include "reuse/testing.h"

namespace sitrep::reuse {
namespace {

struct Analysed {
  Document doc;
  text::DocText text;
  DocFeatures features;
};

Analysed Analyse(std::string id, std::string body) {
  Analysed a;
  a.doc = testing::MakeDocument(std::move(id), std::move(body));
  a.text = testing::SharedAnalyzer().Analyze(a.doc);
  a.features = ComputeFeatures(a.doc, a.text, 4);
  return a;
}

// Pairs (source sentence, copy sentence) of an alignment, every member of every group.
std::vector<std::pair<uint32_t, uint32_t>> Links(const Alignment& al) {
  std::vector<std::pair<uint32_t, uint32_t>> out;
  for (const AlignedGroup& g : al.groups)
    for (uint32_t s : g.source)
      for (uint32_t c : g.copy) out.push_back({s, c});
  std::sort(out.begin(), out.end());
  return out;
}

using Links_t = std::vector<std::pair<uint32_t, uint32_t>>;

struct AlignCase {
  const char* name;
  const char* source;
  const char* copy;
  Links_t links;  // expected (source sentence, copy sentence) links
};

const AlignCase kCases[] = {
    {"synonyms",
     "Russian troops seized the bridge over the river. The army shelled the power station near "
     "the dam.",
     "Russian soldiers captured the bridge across the river. The military shelled the power "
     "station close to the dam.",
     {{0, 0}, {1, 1}}},
    {"reordered",
     "The mayor ordered the evacuation of the hospital. Water supplies failed in the east. Rescue "
     "teams searched the collapsed school.",
     "Rescue teams searched the collapsed school. The mayor ordered the hospital to be evacuated. "
     "In the east, water supplies failed.",
     {{0, 1}, {1, 2}, {2, 0}}},
    {"split",
     "Drones hit the oil depot in the port overnight and the fire spread to three warehouses near "
     "the docks.",
     "Drones hit the oil depot in the port overnight. The fire spread to three warehouses near the "
     "docks.",
     {{0, 0}, {0, 1}}},
    {"merged",
     "The governor visited the damaged hospital on Friday. He promised new generators for the "
     "surgery wing.",
     "On Friday the governor visited the damaged hospital and promised new generators for the "
     "surgery wing.",
     {{0, 0}, {1, 0}}},
    {"inserted and dropped",
     "Shelling damaged the railway station in the city centre. Officials counted twelve wrecked "
     "carriages. The ticket hall roof collapsed in the afternoon.",
     "Shelling damaged the railway station in the city centre. Volunteers brought tea and blankets "
     "to stranded passengers. The roof of the ticket hall collapsed in the afternoon.",
     {{0, 0}, {2, 2}}},
    {"repeated paragraph",
     "Farmers in the south lost most of the wheat harvest to the floods.\n\nPrices at the local "
     "market doubled within a week.",
     "Farmers in the south lost most of their wheat harvest to floods.\n\nPrices at the local "
     "market doubled within a week.\n\nFarmers in the south lost most of their wheat harvest to "
     "floods.",
     {{0, 0}, {0, 2}, {1, 1}}},
    {"unrelated",
     "The central bank raised interest rates to curb inflation.",
     "Storms flooded coastal villages and cut power to thousands of homes.",
     {}},
};

class AlignTest : public ::testing::TestWithParam<AlignCase> {};

TEST_P(AlignTest, Links) {
  const AlignCase& c = GetParam();
  const Analysed s = Analyse("s", c.source), p = Analyse("c", c.copy);
  const Alignment al = AlignSentences(s.features, p.features, AlignOptions{});
  EXPECT_EQ(Links(al), c.links) << c.name;
  for (const AlignedGroup& g : al.groups) {
    EXPECT_GT(g.similarity, 0) << c.name;
    EXPECT_LE(g.similarity, 1.0) << c.name;
  }
}

INSTANTIATE_TEST_SUITE_P(Align, AlignTest, ::testing::ValuesIn(kCases));

TEST(AlignFixtureTest, SpunRewriteOfWireStory) {
  const std::string dir = std::string(SITREP_TEST_DATA) + "/reuse/";
  const Analysed wire = Analyse("wire", testing::ReadFile(dir + "wire.txt"));
  const Analysed spun = Analyse("spun", testing::ReadFile(dir + "spun.txt"));
  ASSERT_GT(wire.text.sentences.size(), 10u);
  const Alignment al = AlignSentences(wire.features, spun.features, AlignOptions{});

  // Word 5-gram shingles barely overlap, yet most of the copy aligns.
  std::vector<std::string_view> ww, sw;
  for (const auto& t : wire.text.tokens)
    if (t.kind != text::TokenKind::kPunct) ww.push_back(t.lower);
  for (const auto& t : spun.text.tokens)
    if (t.kind != text::TokenKind::kPunct) sw.push_back(t.lower);
  EXPECT_LT(ExactJaccard(ShingleHashes(ww, 5), ShingleHashes(sw, 5)), 0.3);
  EXPECT_GT(al.copy_coverage, 0.6);
  EXPECT_GT(al.source_coverage, 0.6);

  auto sentence_of = [](const Analysed& a, std::string_view needle) -> int {
    for (size_t i = 0; i < a.text.sentences.size(); ++i) {
      const auto& s = a.text.sentences[i];
      if (a.doc.Slice(s.start, s.end).find(needle) != std::string_view::npos)
        return static_cast<int>(i);
    }
    return -1;
  };
  const Links_t links = Links(al);
  auto linked = [&](std::string_view w, std::string_view s) {
    const int a = sentence_of(wire, w), b = sentence_of(spun, s);
    EXPECT_GE(a, 0) << w;
    EXPECT_GE(b, 0) << s;
    return std::find(links.begin(), links.end(),
                     std::make_pair(static_cast<uint32_t>(a), static_cast<uint32_t>(b))) !=
           links.end();
  };
  // Split: one wire sentence, two spun sentences.
  EXPECT_TRUE(linked("Rising water slowly", "Rising water steadily"));
  EXPECT_TRUE(linked("Rising water slowly", "Hundreds of families were forced"));
  // Transliterated names and a changed figure still align.
  EXPECT_TRUE(linked("Emergency crews evacuated", "rescue teams evacuated"));
  // The repeated paragraph aligns twice to the same wire sentence.
  int repeats = 0;
  const int dam = sentence_of(wire, "The dam was damaged");
  for (const auto& [s, c] : links) repeats += static_cast<int>(s) == dam;
  EXPECT_EQ(repeats, 2);
  // Dropped and inserted paragraphs stay unaligned.
  const int dropped = sentence_of(wire, "refugee agency");
  const int inserted = sentence_of(spun, "Local volunteers");
  for (const auto& [s, c] : links) {
    EXPECT_NE(static_cast<int>(s), dropped);
    EXPECT_NE(static_cast<int>(c), inserted);
  }
}

// A copy that runs a list of short source lines into one long sentence: one line anchors
// the long sentence (containment), then the lines next to it join the same group.
TEST(AlignTest, LinesJoinedIntoOneSentence) {
  const Analysed s = Analyse(
      "s",
      "Weather service bulletin for the valley.\n\nGo to a basement shelter near your house\n\n"
      "Avoid buildings with wide span roofs\n\nCrouch under sturdy tables covering your head\n\n"
      "Keep away from glass windows and doors\n\nGardeners report early roses this year.");
  const Analysed c = Analyse(
      "c",
      "Go to a basement shelter near your house, avoid buildings with wide span roofs, crouch "
      "under sturdy tables covering your head and keep away from glass windows and doors.");
  ASSERT_EQ(s.text.sentences.size(), 6u);
  ASSERT_EQ(c.text.sentences.size(), 1u);
  const Alignment al = AlignSentences(s.features, c.features, AlignOptions{});
  EXPECT_EQ(Links(al), (Links_t{{1, 0}, {2, 0}, {3, 0}, {4, 0}}));
}

// Short fragments (odd punctuation, line breaks) join the next sentence into units, so a
// copy with other sentence ends still aligns; groups list the sentences, not the units.
TEST(AlignTest, UnitsOfShortSentences) {
  const Analysed s = Analyse("s",
                             "Storm. Warning for the northern coast tonight. Sandbags. Volunteers "
                             "hand them out at the fire station.");
  const Analysed c = Analyse("c",
                             "Storm warning for the northern coast tonight. Sandbags: volunteers "
                             "hand them out at the fire station.");
  ASSERT_EQ(s.text.sentences.size(), 4u);
  ASSERT_EQ(c.text.sentences.size(), 2u);
  AlignOptions on;
  on.min_unit_weight = 4;
  EXPECT_EQ(Links(AlignSentences(s.features, c.features, AlignOptions{})),
            (Links_t{{1, 0}, {3, 1}}));
  const Alignment al = AlignSentences(s.features, c.features, on);
  EXPECT_EQ(Links(al), (Links_t{{0, 0}, {1, 0}, {2, 1}, {3, 1}}));
  EXPECT_DOUBLE_EQ(al.source_coverage, 1.0);
}

// With sentence-frequency weighting, words that run through both documents (the topic)
// count less: sentences sharing only them and little else stop aligning, while a copied
// sentence still does.
TEST(AlignTest, SentenceFrequencyWeighting) {
  const std::string topic =
      "The trombone festival opened in Aarhus. Trombone players from the festival met the "
      "festival jury. The trombone festival sold tickets for the Aarhus concerts. Festival "
      "trombone workshops filled quickly. ";
  const Analysed s = Analyse("s", topic + "Critics praised the trombone festival brass choir.");
  const Analysed c =
      Analyse("c",
              "Trombone festival news from Aarhus. The festival trombone jury met. Festival "
              "guests bought trombone records. Trombone festival volunteers cleaned the hall. "
              "The trombone festival opened in Aarhus.");
  AlignOptions plain;
  AlignOptions isf;
  isf.sentence_frequency_weighting = true;
  const Alignment a = AlignSentences(s.features, c.features, plain);
  const Alignment b = AlignSentences(s.features, c.features, isf);
  EXPECT_LT(b.groups.size(), a.groups.size());
  const Links_t links = Links(b);
  EXPECT_NE(std::find(links.begin(), links.end(), std::make_pair(0u, 4u)), links.end());
}

TEST(MergeGroupsTest, JoinsRunsAndKeepsJumpsApart) {
  Alignment al;
  al.groups = {{{0}, {0}, 1}, {{1}, {1}, 1}, {{3}, {2}, 1}, {{10}, {3}, 1}, {{11}, {9}, 1}};
  const auto spans = MergeGroups(al, 1);
  ASSERT_EQ(spans.size(), 3u);
  EXPECT_EQ(spans[0].source_first, 0u);
  EXPECT_EQ(spans[0].source_last, 3u);
  EXPECT_EQ(spans[0].copy_last, 2u);
  EXPECT_EQ(spans[1].source_first, 10u);
  EXPECT_EQ(spans[2].copy_first, 9u);
}

}  // namespace
}  // namespace sitrep::reuse
