#include "store/store.h"

#include <gtest/gtest.h>

#include <filesystem>

namespace sitrep::store {
namespace {

Report MakeReport(const std::string& title) {
  Report r;
  r.version = "test";
  for (const char* id : {"a", "b"}) {
    Document d;
    d.id = id;
    d.path = std::string(id) + ".txt";
    d.text = title + "\n\nBody.";
    d.title = title;
    Block b;
    b.role = BlockRole::kTitle;
    b.end = title.size();
    d.blocks.push_back(b);
    r.documents.push_back(d);
  }
  Reuse u;
  u.source = "a";
  u.copy = "b";
  u.relation = "duplicate";
  u.drift.push_back({"number", "3", "4", "3 killed", "4 killed"});
  r.reuse.push_back(u);
  Event e;
  e.id = "ev1";
  e.type = "battle";
  e.sources = {"a", "b"};
  e.independent_sources = 1;
  r.events.push_back(e);
  Contradiction c;
  c.about = "killed";
  c.kind = "copy-drift";
  c.values = {{"a", "3"}, {"b", "4"}};
  r.contradictions.push_back(c);
  return r;
}

TEST(StoreTest, SavesEverySectionAndReplacesDocumentsById) {
  auto store = Store::Open(":memory:");
  ASSERT_TRUE(store.ok()) << store.status().ToString();
  ASSERT_TRUE((*store)->SaveReport(MakeReport("First")).ok());
  ASSERT_TRUE((*store)->SaveReport(MakeReport("Second")).ok());
  EXPECT_EQ(*(*store)->QueryInt("select count(*) from documents"), 2);
  EXPECT_EQ(*(*store)->QueryInt("select count(*) from blocks"), 2);  // old blocks cascaded away
  EXPECT_EQ(*(*store)->QueryInt("select count(*) from documents where title = 'Second'"), 2);
  EXPECT_EQ(*(*store)->QueryInt("select count(*) from runs"), 2);
  EXPECT_EQ(*(*store)->QueryInt("select count(*) from drift"), 2);
  EXPECT_EQ(*(*store)->QueryInt("select count(*) from event_sources"), 4);
  EXPECT_EQ(*(*store)->QueryInt("select count(*) from contradiction_values"), 4);
  auto ids = (*store)->DocumentIds();
  ASSERT_TRUE(ids.ok());
  EXPECT_EQ(*ids, (std::vector<std::string>{"a", "b"}));
}

TEST(StoreTest, PersistsToAFile) {
  const std::string path =
      (std::filesystem::temp_directory_path() / "sitrep_store_test.db").string();
  std::filesystem::remove(path);
  {
    auto store = Store::Open(path);
    ASSERT_TRUE(store.ok());
    ASSERT_TRUE((*store)->SaveReport(MakeReport("Kept")).ok());
  }
  auto again = Store::Open(path);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(*(*again)->QueryInt("select count(*) from documents where title = 'Kept'"), 2);
  std::filesystem::remove(path);
}

TEST(StoreTest, BadPathIsAClearError) {
  auto store = Store::Open("/nonexistent-dir/x/sitrep.db");
  ASSERT_FALSE(store.ok());
  EXPECT_EQ(store.status().code(), StatusCode::kIOError);
  EXPECT_NE(store.status().message().find("/nonexistent-dir/x/sitrep.db"), std::string::npos);
}

TEST(StoreTest, BadQueryIsInvalidInput) {
  auto store = Store::Open(":memory:");
  ASSERT_TRUE(store.ok());
  EXPECT_EQ((*store)->QueryInt("select nonsense from nowhere").status().code(),
            StatusCode::kInvalidInput);
}

}  // namespace
}  // namespace sitrep::store
