#include "extract/entity_tagger.h"

#include <gtest/gtest.h>

#include <cstring>
#include <string>
#include <vector>

#include "extract/embedded_data.h"

namespace sitrep::extract {
namespace {

std::vector<std::string_view> Split(const std::string& s, std::vector<std::string>& store) {
  store.clear();
  size_t p = 0;
  while (p < s.size()) {
    size_t sp = s.find(' ', p);
    if (sp == std::string::npos) sp = s.size();
    if (sp > p) store.push_back(s.substr(p, sp - p));
    p = sp + 1;
  }
  return std::vector<std::string_view>(store.begin(), store.end());
}

// Chunks as "TYPE:word word" strings, for readable expectations.
std::vector<std::string> Chunks(const std::vector<std::string_view>& words,
                                const std::vector<uint8_t>& labels) {
  std::vector<std::string> out;
  for (size_t i = 0; i < labels.size();) {
    if (labels[i] == kNerO) {
      ++i;
      continue;
    }
    std::string c = std::string(NerTypeName(labels[i])) + ":" + std::string(words[i]);
    size_t j = i + 1;
    while (j < labels.size() && labels[j] != kNerO && !NerIsBegin(labels[j])) {
      c += " " + std::string(words[j]);
      ++j;
    }
    out.push_back(c);
    i = j;
  }
  return out;
}

TEST(ParseConllTest, ConvertsIob1ToBio) {
  auto s = ParseConll(
      "-DOCSTART- -X- O O\n\nPeter NNP I-NP I-PER\nBlackburn NNP I-NP I-PER\n"
      "met VBD I-VP O\nParis NNP I-NP I-LOC\nLondon NNP I-NP B-LOC\n\n"
      "EU NNP I-NP I-ORG\n");
  ASSERT_EQ(s.size(), 2u);
  EXPECT_TRUE(s[0].doc_start);
  EXPECT_FALSE(s[1].doc_start);
  EXPECT_EQ(s[0].labels, (std::vector<uint8_t>{kNerBPer, kNerIPer, kNerO, kNerBLoc, kNerBLoc}));
  EXPECT_EQ(s[1].labels, (std::vector<uint8_t>{kNerBOrg}));
}

TEST(ScoreChunksTest, ExactSpanAndType) {
  ChunkScore score;
  std::vector<uint8_t> gold = {kNerBPer, kNerIPer, kNerO, kNerBLoc, kNerBOrg};
  std::vector<uint8_t> pred = {kNerBPer, kNerIPer, kNerO, kNerBOrg, kNerBOrg};
  ScoreChunks(gold, pred, score);
  EXPECT_EQ(score.gold, 3u);
  EXPECT_EQ(score.predicted, 3u);
  EXPECT_EQ(score.correct, 2u);
}

TEST(EntityTaggerTest, ModelRoundTripsThroughBytes) {
  const EntityTagger& t = EntityTagger::Default();
  ASSERT_GT(t.feature_count(), 1000u);
  auto again = EntityTagger::FromBytes(t.Serialize());
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again.value()->feature_count(), t.feature_count());
  // Serialize rebuilds the file from the lookup table: byte for byte the embedded model.
  EXPECT_TRUE(t.Serialize() == embedded::EntityTaggerModel());
  EXPECT_FALSE(EntityTagger::FromBytes("garbage").ok());
}

// The lookup table holds each bucket once, inside the hashed space: a model that breaks
// either is refused rather than silently scoring with the wrong weights.
TEST(EntityTaggerTest, RefusesModelsWithBadBuckets) {
  const std::string good = EntityTagger::Default().Serialize();
  ASSERT_GT(good.size(), 32u);
  uint32_t bits = 0, first = 0, second = 0;
  std::memcpy(&bits, good.data() + 8, 4);
  std::memcpy(&first, good.data() + 20, 4);
  std::memcpy(&second, good.data() + 24, 4);
  ASSERT_NE(first, second);
  std::string duplicate = good;
  std::memcpy(duplicate.data() + 24, &first, 4);
  EXPECT_EQ(EntityTagger::FromBytes(duplicate).status().message(),
            "entity tagger model: duplicate bucket");
  std::string out_of_range = good;
  const uint32_t big = 1u << bits;
  std::memcpy(out_of_range.data() + 20, &big, 4);
  EXPECT_EQ(EntityTagger::FromBytes(out_of_range).status().message(),
            "entity tagger model: bucket out of range");
}

TEST(EntityTaggerTest, LearnsFromTinyCorpus) {
  std::vector<TaggedSentence> data;
  for (int i = 0; i < 20; ++i) {
    data.push_back({{"Anna", "Berg", "visited", "Oslo", "."},
                    {kNerBPer, kNerIPer, kNerO, kNerBLoc, kNerO},
                    true});
  }
  TaggerTrainOptions options;
  options.epochs = 3;
  options.bucket_bits = 14;
  options.prune = 0;
  auto t = TrainEntityTagger(data, options);
  std::vector<std::string> store;
  auto words = Split("Anna Berg visited Oslo .", store);
  EXPECT_EQ(t->Tag(words, nullptr),
            (std::vector<uint8_t>{kNerBPer, kNerIPer, kNerO, kNerBLoc, kNerO}));
}

struct TagCase {
  std::string sentence;
  std::vector<std::string> chunks;
};

class DefaultTaggerTest : public ::testing::TestWithParam<TagCase> {};

TEST_P(DefaultTaggerTest, FindsEntities) {
  std::vector<std::string> store;
  auto words = Split(GetParam().sentence, store);
  auto labels = EntityTagger::Default().Tag(words, nullptr);
  EXPECT_EQ(Chunks(words, labels), GetParam().chunks) << GetParam().sentence;
}

INSTANTIATE_TEST_SUITE_P(
    News, DefaultTaggerTest,
    ::testing::Values(TagCase{"Joe Biden met Olaf Scholz in Berlin on Friday .",
                              {"PER:Joe Biden", "PER:Olaf Scholz", "LOC:Berlin"}},
                      TagCase{"The Ministry of Defence said the shelling of Kharkiv continued .",
                              {"ORG:Ministry of Defence", "LOC:Kharkiv"}},
                      TagCase{"Microsoft shares fell 3 percent in New York trading .",
                              {"ORG:Microsoft", "LOC:New York"}},
                      TagCase{"Angela Merkel told reporters in Stockholm that talks would resume .",
                              {"PER:Angela Merkel", "LOC:Stockholm"}},
                      TagCase{"The United Nations warned that food prices in Africa were rising .",
                              {"ORG:United Nations", "LOC:Africa"}}));

}  // namespace
}  // namespace sitrep::extract
