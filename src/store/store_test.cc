#include "store/store.h"

#include <gtest/gtest.h>
#include <sqlite3.h>

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
  e.status = "claimed";
  e.claimants = {"e1"};
  Evidence ev;
  ev.doc = "b";
  ev.text = "Body.";
  ev.start = title.size() + 2;
  ev.end = ev.start + 5;
  ev.copy_of = "a";
  ev.words.push_back({"type", "Body", ev.start, ev.start + 4});
  e.evidence.push_back(ev);
  e.changed_in_copy.push_back({"number", "3", "4", "a", {"b"}, "4 killed"});
  r.events.push_back(e);
  TimelineEntry t;
  t.date = "2022-10-27";
  t.status = "claimed";
  t.events = {"ev1"};
  r.timeline.push_back(t);
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
  // Contract 1.1: status, evidence with its words, and what copies changed.
  EXPECT_EQ(*(*store)->QueryInt("select count(*) from events where status = 'claimed' and "
                                "claimants = 'e1'"),
            2);
  EXPECT_EQ(*(*store)->QueryInt("select count(*) from event_evidence where copy_of = 'a'"), 2);
  EXPECT_EQ(*(*store)->QueryInt("select count(*) from event_words where role = 'type'"), 2);
  EXPECT_EQ(*(*store)->QueryInt("select count(*) from event_changes where doc = 'b'"), 2);
  EXPECT_EQ(*(*store)->QueryInt("select count(*) from timeline where status = 'claimed'"), 2);
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

TEST(StoreTest, OlderStoreGainsTheNewColumns) {
  const std::string path =
      (std::filesystem::temp_directory_path() / "sitrep_store_old_test.db").string();
  std::filesystem::remove(path);
  {
    // The events and timeline tables as a contract 1.0 sitrep created them.
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
    ASSERT_EQ(sqlite3_exec(db,
                           "CREATE TABLE events (run INTEGER, id TEXT, type TEXT, subtype TEXT, "
                           "date TEXT, location TEXT, summary TEXT, fatalities REAL, "
                           "independent_sources INTEGER, PRIMARY KEY (run, id));"
                           "CREATE TABLE timeline (run INTEGER, date TEXT, precision TEXT, "
                           "summary TEXT, independent_sources INTEGER);",
                           nullptr, nullptr, nullptr),
              SQLITE_OK);
    sqlite3_close(db);
  }
  auto store = Store::Open(path);
  ASSERT_TRUE(store.ok()) << store.status().ToString();
  ASSERT_TRUE((*store)->SaveReport(MakeReport("Old")).ok());
  EXPECT_EQ(*(*store)->QueryInt("select count(*) from events where status = 'claimed'"), 1);
  EXPECT_EQ(*(*store)->QueryInt("select count(*) from timeline where status = 'claimed'"), 1);
  store->reset();
  std::filesystem::remove(path);
}

// The full-text index follows the documents: inserted, replaced (the old text leaves the
// index), and built over the documents of a store written before it existed.
TEST(StoreTest, FullTextIndexFollowsTheDocuments) {
  const std::string path =
      (std::filesystem::temp_directory_path() / "sitrep_store_fts_test.db").string();
  std::filesystem::remove(path);
  auto match = [](Store& s, const std::string& word) {
    return *s.QueryInt("select count(*) from documents_fts where documents_fts match '" + word +
                       "'");
  };
  {
    auto store = Store::Open(path);
    ASSERT_TRUE(store.ok());
    ASSERT_TRUE((*store)->SaveReport(MakeReport("Shelling")).ok());
    EXPECT_EQ(match(**store, "shelled"), 2);                          // stemmed
    ASSERT_TRUE((*store)->SaveReport(MakeReport("Ceasefire")).ok());  // same ids, new text
    EXPECT_EQ(match(**store, "shelling"), 0);
    EXPECT_EQ(match(**store, "ceasefire"), 2);
  }
  {
    // As an older sitrep left it: no index, no triggers.
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
    ASSERT_EQ(sqlite3_exec(db,
                           "DROP TRIGGER documents_fts_insert; DROP TRIGGER documents_fts_delete; "
                           "DROP TRIGGER documents_fts_update; DROP TABLE documents_fts;",
                           nullptr, nullptr, nullptr),
              SQLITE_OK);
    sqlite3_close(db);
  }
  auto store = Store::Open(path);
  ASSERT_TRUE(store.ok());
  EXPECT_EQ(match(**store, "ceasefire"), 2);
  store->reset();
  std::filesystem::remove(path);
}

// A corpus commit leaves unchanged documents' text as stored and sets their title only
// where cleaning now gives another one: the full-text index follows a new title and
// still finds the others.
TEST(StoreTest, CorpusCommitKeepsTheFullTextIndexInStep) {
  auto store = Store::Open(":memory:");
  ASSERT_TRUE(store.ok());
  Report first = MakeReport("Shelling");
  std::vector<CorpusEntry> added;
  for (const Document& d : first.documents) {
    CorpusEntry e;
    e.doc = d;
    e.key = d.id;
    e.hash = "h-" + d.id;
    e.added = "2026-12-06 00:00:00";
    e.source_path = d.path;
    added.push_back(e);
  }
  EXPECT_EQ(*(*store)->QueryInt("PRAGMA cache_size"), -262144);  // 256 MB of page cache
  ASSERT_TRUE((*store)->CommitCorpus(added, {}, first).ok());
  auto match = [&](const std::string& word) {
    return *(*store)->QueryInt("select count(*) from documents_fts where documents_fts match '" +
                               word + "'");
  };
  EXPECT_EQ(match("shelling"), 2);
  Report second = first;  // the same documents; cleaning now titles "a" otherwise
  second.documents[0].title = "Ceasefire talks";
  ASSERT_TRUE((*store)->CommitCorpus({}, {}, second).ok());
  EXPECT_EQ(match("ceasefire"), 1);
  EXPECT_EQ(match("shelling"), 2);  // both texts still say it
  EXPECT_EQ(*(*store)->QueryInt("select count(*) from documents where title = 'Ceasefire talks'"),
            1);
  EXPECT_EQ(*(*store)->QueryInt("select count(*) from documents where run = (select max(id) "
                                "from runs)"),
            2);
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
