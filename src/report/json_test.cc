#include "report/json.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

namespace sitrep::report {
namespace {

Block MakeBlock(BlockRole role, size_t start, size_t end) {
  Block b;
  b.role = role;
  b.start = start;
  b.end = end;
  return b;
}

Report SmallReport() {
  Report r;
  r.version = "0.1.0";
  Document d;
  d.id = "wire";
  d.path = "examples/wire.txt";
  d.text = "Headline\n\nBody one.\n\nSign up now";
  d.title = "Headline";
  d.published = "2017-07-10";
  d.published_basis = "metadata";
  d.blocks = {MakeBlock(BlockRole::kTitle, 0, 8), MakeBlock(BlockRole::kBody, 10, 19),
              MakeBlock(BlockRole::kBoilerplate, 21, 32)};
  r.documents.push_back(d);
  Entity e;
  e.id = "e1";
  e.name = "Mosul";
  e.type = "place";
  e.lat = 36.34;
  e.lon = 43.13;
  e.mentions.push_back({"wire", "Body", 10, 14});
  r.entities.push_back(e);
  Quantity q;
  q.doc = "wire";
  q.text = "one";
  q.start = 15;
  q.end = 18;
  q.value = 1;
  r.quantities.push_back(q);
  r.diagnostics.push_back({Diagnostic::Severity::kError, "bad.bin", "binary file skipped"});
  return r;
}

TEST(JsonTest, EveryTopLevelKeyPresentEvenWhenEmpty) {
  const auto j = nlohmann::json::parse(WriteJson(Report{}));
  for (const char* key : {"documents", "reuse", "entities", "times", "quantities", "claims",
                          "events", "contradictions", "timeline"}) {
    ASSERT_TRUE(j.contains(key)) << key;
    EXPECT_TRUE(j[key].is_array()) << key;
    EXPECT_TRUE(j[key].empty()) << key;
  }
  EXPECT_TRUE(j.contains("sitrep"));
}

TEST(JsonTest, BlocksCarryRoleTextAndOffsets) {
  const Report r = SmallReport();
  const auto j = nlohmann::json::parse(WriteJson(r));
  const auto& blocks = j["documents"][0]["blocks"];
  ASSERT_EQ(blocks.size(), 3u);
  EXPECT_EQ(blocks[0]["role"], "title");
  EXPECT_EQ(blocks[2]["role"], "boilerplate");
  for (const auto& b : blocks) {
    const std::string text = b["text"];
    EXPECT_EQ(
        r.documents[0].text.substr(b["start"], b["end"].get<size_t>() - b["start"].get<size_t>()),
        text);
  }
  EXPECT_EQ(j["documents"][0]["published_basis"], "metadata");
  EXPECT_TRUE(j["documents"][0]["author"].is_null());
}

TEST(JsonTest, OptionalNumbersAreNullOrValues) {
  const auto j = nlohmann::json::parse(WriteJson(SmallReport()));
  EXPECT_DOUBLE_EQ(j["entities"][0]["lat"].get<double>(), 36.34);
  EXPECT_TRUE(j["entities"][0]["geonames_id"].is_null());
  EXPECT_TRUE(j["quantities"][0]["low"].is_null());
  EXPECT_TRUE(j["quantities"][0]["qualifier"].is_null());
  EXPECT_EQ(j["diagnostics"][0]["message"], "binary file skipped");
}

TEST(JsonTest, InvalidUtf8NeverThrows) {
  Report r;
  Document d;
  d.id = "x";
  d.text = "bad \xFF byte";
  d.blocks = {MakeBlock(BlockRole::kBody, 0, d.text.size())};
  r.documents.push_back(d);
  std::string out;
  EXPECT_NO_THROW(out = WriteJson(r));
  EXPECT_TRUE(nlohmann::json::accept(out));
}

TEST(JsonTest, CompactModeIsOneLine) {
  const std::string out = WriteJson(SmallReport(), {.indent = -1});
  EXPECT_EQ(out.find('\n'), out.size() - 1);
}

}  // namespace
}  // namespace sitrep::report
