#include "reuse/passages.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "reuse/testing.h"

namespace sitrep::reuse {
namespace {

struct Side {
  Document doc;
  text::DocText text;
  DocFeatures features;
  explicit Side(std::string body) : doc(testing::MakeDocument("d", std::move(body))) {
    text = testing::SharedAnalyzer().Analyze(doc);
    features = ComputeFeatures(doc, text, 4);
  }
  PassageSide side() const { return {&text, &features}; }
  std::string_view Slice(size_t a, size_t b) const { return doc.Slice(a, b); }
};

const char kShared[] =
    "Engineers struggled to patch a breach in the Velka dam upstream of the town. Emergency "
    "crews evacuated at least twelve people by boat overnight, the regional governor said. "
    "The dam was damaged in March when heavy shelling struck its northern gate.";

TEST(BuildPassagesTest, ConsecutiveGroupsAreOnePassageCutToTheSharedText) {
  // The copy takes the three sentences in the middle of a paragraph of its own: one
  // passage, whose ends are where the identical text starts and stops (mid-sentence on
  // the copy side, where the copy runs its own words into the first shared sentence).
  const Side src(std::string("Rising water cut off the river town on Tuesday. ") + kShared +
                 " Officials expect the water to peak on June 3.");
  const Side cp(std::string("Our reporter visited the valley this week. ") + kShared +
                " The school will stay closed until the autumn, teachers said.");
  AlignOptions ao;
  ao.min_similarity = 0.33;
  const Alignment al = AlignSentences(src.features, cp.features, ao);
  ASSERT_EQ(al.groups.size(), 3u);
  const auto built = BuildPassages(src.side(), cp.side(), al, PassageOptions{});
  ASSERT_EQ(built.size(), 1u);
  EXPECT_EQ(src.Slice(built[0].source_start, built[0].source_end), kShared);
  EXPECT_EQ(cp.Slice(built[0].copy_start, built[0].copy_end), kShared);
  EXPECT_EQ(built[0].span.copy_first, 1u);
  EXPECT_EQ(built[0].span.copy_last, 3u);
}

TEST(BuildPassagesTest, ShortPassagesAreLeftOutUnlessTheyAreMostOfADocument) {
  const std::string line = "The dam was damaged in March when shelling struck its gate.";
  const Side src(line +
                 " Farmers sold apples and pears at the market on Sunday morning. "
                 "The choir rehearsed old songs for the winter concert in the hall. "
                 "A new bakery opened near the railway station last spring.");
  const Side cp(line +
                " Teachers asked for new heating in three classrooms this year. "
                "The football club thanked supporters for repairing the stand. "
                "Bus timetables will change on the first day of next month.");
  const Alignment al = AlignSentences(src.features, cp.features, AlignOptions{});
  ASSERT_EQ(al.groups.size(), 1u);
  EXPECT_TRUE(BuildPassages(src.side(), cp.side(), al, PassageOptions{}).empty());
  PassageOptions keep;
  keep.min_chars = 0;
  keep.min_side_chars = 0;
  EXPECT_EQ(BuildPassages(src.side(), cp.side(), al, keep).size(), 1u);
  // The same sentence alone is the whole of two short documents.
  const Side a(line), b(line);
  const Alignment whole = AlignSentences(a.features, b.features, AlignOptions{});
  EXPECT_EQ(BuildPassages(a.side(), b.side(), whole, PassageOptions{}).size(), 1u);
}

// Two sentences taken word for word are an excerpt however short (the shorter side
// here is under min_chars); two short near-identical lines of a few words are not.
TEST(BuildPassagesTest, ShortVerbatimExcerptsAreKept) {
  const std::string two =
      "Shelling struck the northern gate of the dam in March and halted repairs. Crews took "
      "twelve people out of the town by boat overnight, the governor said.";
  const std::string tiny = "The dam was shelled. Repairs stopped.";
  for (const std::string& shared : {two, tiny}) {
    const Side src("Farmers sold apples and pears at the market on Sunday morning. " + shared +
                   " The choir rehearsed old songs for the winter concert in the hall. "
                   "A new bakery opened near the railway station last spring.");
    const Side cp("Teachers asked for new heating in three classrooms this year. " + shared +
                  " Our football club thanked supporters for repairing the stand. "
                  "Bus timetables will change on the first day of next month.");
    const Alignment al = AlignSentences(src.features, cp.features, AlignOptions{});
    ASSERT_EQ(al.groups.size(), 2u) << shared;
    const auto built = BuildPassages(src.side(), cp.side(), al, PassageOptions{});
    if (shared == tiny) {
      EXPECT_TRUE(built.empty());
      continue;
    }
    ASSERT_EQ(built.size(), 1u);
    EXPECT_EQ(cp.Slice(built[0].copy_start, built[0].copy_end), shared);
  }
}

// A verbatim copy runs on past its last analysed sentence, into a line cleaning left out
// of the analysed blocks (a source line) that both documents hold word for word: the
// passage takes it in, up to where the texts differ, at a whole word. It does not run on
// into a footer after the article's last analysed block, which two pages of one site share.
TEST(BuildPassagesTest, VerbatimPassagesGrowOverIdenticalTextLeftOutOfTheBlocks) {
  const std::string line = "SOURCE Velka Regional Water Authority";
  const std::string footer = "Copyright Harbor Media Group. All rights reserved.";
  // before, the shared text, then the left-out line and a paragraph of its own (or, with
  // `at_end`, only the shared text and the site's footer, left out too).
  auto make = [&](const std::string& before, const std::string& own, const std::string& closing,
                  bool at_end) {
    Document d = testing::MakeDocument("d", before + "\n\n" + kShared + "\n\n" +
                                                (at_end ? footer : line + own + "\n\n" + closing));
    d.blocks.erase(d.blocks.begin() + 2);  // the line (or the footer): not analysed
    return d;
  };
  for (bool at_end : {false, true}) {
    const Document sd = make("Rising water cut off the river town on Tuesday.", "wide",
                             "The river is expected to crest on Friday.", at_end);
    const Document cd = make("Our reporter visited the valley this week.", "s",
                             "Readers can send photographs of the flood to our desk.", at_end);
    const auto& an = testing::SharedAnalyzer();
    const text::DocText st = an.Analyze(sd), ct = an.Analyze(cd);
    const DocFeatures sf = ComputeFeatures(sd, st, 4), cf = ComputeFeatures(cd, ct, 4);
    AlignOptions ao;
    ao.min_similarity = 0.33;
    const Alignment al = AlignSentences(sf, cf, ao);
    for (bool with_documents : {false, true}) {
      PassageSide src{&st, &sf}, cp{&ct, &cf};
      if (with_documents) src.document = sd.text, cp.document = cd.text;
      const auto built = BuildPassages(src, cp, al, PassageOptions{});
      ASSERT_EQ(built.size(), 1u);
      const std::string expected = with_documents && !at_end
                                       ? std::string(kShared) + "\n\nSOURCE Velka Regional Water"
                                       : std::string(kShared);
      EXPECT_EQ(cd.Slice(built[0].copy_start, built[0].copy_end), expected) << at_end;
      EXPECT_EQ(sd.Slice(built[0].source_start, built[0].source_end), expected) << at_end;
    }
  }
}

TEST(QuotedShareTest, StraightCurlyAndOpenQuotes) {
  const Side d(
      "\"We will rebuild the bridge,\" the mayor said. He left.\n\n"
      "\xE2\x80\x9C"
      "All of it is gone"
      "\xE2\x80\x9D"
      ", she said.\n\n"
      "\"An open quotation runs to the end of its paragraph.\n\n"
      "Then it is closed.");
  const std::vector<float> q = QuotedShare(d.text);
  ASSERT_EQ(q.size(), 5u);
  EXPECT_NEAR(q[0], 5.0 / 8.0, 1e-6);
  EXPECT_EQ(q[1], 0);
  EXPECT_NEAR(q[2], 5.0 / 7.0, 1e-6);
  EXPECT_EQ(q[3], 1);
  EXPECT_EQ(q[4], 0);
}

TEST(FindRunsTest, ConsecutiveSentencesOutsideQuotes) {
  const std::string own =
      "Engineers struggled to patch a breach in the Velka dam upstream of the town. Emergency "
      "crews evacuated at least twelve people by boat overnight from the flooded streets.";
  const std::string quoted =
      "\"We are doing everything we can to pump the water out of the basements,\" he said. "
      "\"Nobody will be left behind on a roof tonight in the old quarter of town.\"";
  {
    const Side src(own + " Officials expect the water to peak on June 3.");
    const Side cp("Elsewhere the harvest went well. " + own);
    const Alignment al = AlignSentences(src.features, cp.features, AlignOptions{});
    const std::vector<AlignedRun> runs = FindRuns(cp.text, QuotedShare(cp.text), al, 0.85);
    ASSERT_EQ(runs.size(), 1u);
    EXPECT_EQ(runs[0].sentences, 2u);
    EXPECT_EQ(runs[0].words, 28u);  // 14 + 14
    EXPECT_GE(runs[0].similarity, 0.85);
  }
  {
    // The same two sentences in another order are two runs of one sentence.
    const Side src(own);
    const Side cp(
        "Emergency crews evacuated at least twelve people by boat overnight from the "
        "flooded streets. Engineers struggled to patch a breach in the Velka dam "
        "upstream of the town.");
    const Alignment al = AlignSentences(src.features, cp.features, AlignOptions{});
    const std::vector<AlignedRun> runs = FindRuns(cp.text, QuotedShare(cp.text), al, 0.85);
    ASSERT_EQ(runs.size(), 2u);
    EXPECT_EQ(runs[0].sentences, 1u);
    EXPECT_EQ(runs[1].sentences, 1u);
  }
  {
    const Side src(quoted + " Officials expect the water to peak on June 3.");
    const Side cp("Elsewhere the harvest went well. " + quoted);
    const Alignment al = AlignSentences(src.features, cp.features, AlignOptions{});
    ASSERT_FALSE(al.groups.empty());
    EXPECT_TRUE(FindRuns(cp.text, QuotedShare(cp.text), al, 0.85).empty());
  }
}

BuiltPassage Span(uint32_t sf, uint32_t sl, uint32_t cf, uint32_t cl) {
  // Sentences of 100 bytes each, on both sides.
  return {sf * 100, (sl + 1) * 100, cf * 100, (cl + 1) * 100, {sf, sl, cf, cl}};
}

TEST(MergeNeighboursTest, PassagesFollowingEachOtherInBothDocumentsAreOne) {
  // Source 0-3 / copy 0-3 and source 5-6 / copy 5-7 are one sentence apart on each side:
  // one passage. Copy 11-12, taken from far on in the source (another excerpt), stays
  // apart. Groups follow their passages; a group without one stays without.
  std::vector<BuiltPassage> built = {Span(0, 3, 0, 3), Span(5, 6, 5, 7), Span(30, 31, 11, 12)};
  std::vector<int> passage_of = {0, 1, -1, 2, 1};
  MergeNeighbours(built, passage_of, 1);
  ASSERT_EQ(built.size(), 2u);
  EXPECT_EQ(built[0].span.source_last, 6u);
  EXPECT_EQ(built[0].span.copy_last, 7u);
  EXPECT_EQ(built[0].copy_start, 0u);
  EXPECT_EQ(built[0].copy_end, 800u);
  EXPECT_EQ(built[0].source_end, 700u);
  EXPECT_EQ(built[1].span.source_first, 30u);
  EXPECT_EQ(passage_of, (std::vector<int>{0, 0, -1, 1, 0}));
}

TEST(MergeNeighboursTest, AdjacentInTheCopyButFarApartInTheSourceStayApart) {
  // Two excerpts pasted one after the other, taken from two places of the source.
  std::vector<BuiltPassage> built = {Span(10, 12, 0, 2), Span(0, 2, 3, 5)};
  std::vector<int> passage_of = {0, 1};
  MergeNeighbours(built, passage_of, 1);
  EXPECT_EQ(built.size(), 2u);
  EXPECT_EQ(passage_of, (std::vector<int>{0, 1}));
}

TEST(MergeNeighboursTest, OverlapInTheCopyAndNextSentenceInTheSourceIsOnePassage) {
  // The copy's sentences 4-6 matched twice, to source sentences 8 and 9 (a sentence the
  // copy split), and a chain of merges: the third joins the merged first two.
  std::vector<BuiltPassage> built = {Span(8, 8, 4, 5), Span(9, 9, 5, 6), Span(10, 11, 7, 8)};
  std::vector<int> passage_of = {2, 1, 0};
  MergeNeighbours(built, passage_of, 0);
  ASSERT_EQ(built.size(), 1u);
  EXPECT_EQ(built[0].span.source_first, 8u);
  EXPECT_EQ(built[0].span.source_last, 11u);
  EXPECT_EQ(built[0].span.copy_last, 8u);
  EXPECT_EQ(passage_of, (std::vector<int>{0, 0, 0}));
}

}  // namespace
}  // namespace sitrep::reuse
