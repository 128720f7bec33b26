#include "store/store.h"

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <filesystem>
#include <map>

#include "store/testing.h"

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

// The report's documents as new corpus entries (keyed by id).
std::vector<CorpusEntry> Entries(const Report& r) {
  std::vector<CorpusEntry> added;
  for (const Document& d : r.documents) {
    CorpusEntry e;
    e.doc = d;
    e.key = d.id;
    e.hash = "h-" + d.id;
    e.added = "2026-12-06 00:00:00";
    e.source_path = d.path;
    added.push_back(e);
  }
  return added;
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
  const std::vector<CorpusEntry> added = Entries(first);
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

// The corpus's documents come back in the order they arrived, and its indexes (binary
// bytes) as they were written; a corpus written before arrival was kept orders its
// articles as it did then (source path, position in the file).
TEST(StoreTest, CorpusKeepsArrivalOrderAndIndexes) {
  const std::string path =
      (std::filesystem::temp_directory_path() / "sitrep_store_arrival_test.db").string();
  std::filesystem::remove(path);
  Report report = MakeReport("Shelling");
  std::vector<CorpusEntry> added = Entries(report);
  added[0].arrival = 2;  // "a", from z.txt, arrived second
  added[0].source_path = "z.txt";
  added[1].arrival = 1;  // "b", from m.txt, first
  added[1].source_path = "m.txt";
  const std::string bytes("index\0bytes\xff", 12);
  auto ids = [](const std::vector<CorpusEntry>& entries) {
    std::vector<std::string> out;
    for (const CorpusEntry& e : entries) out.push_back(e.doc.id + "@" + std::to_string(e.arrival));
    return out;
  };
  {
    auto store = Store::Open(path);
    ASSERT_TRUE(store.ok());
    ASSERT_TRUE((*store)->CommitCorpus(added, {}, report, {{"candidates", bytes}}).ok());
    Result<std::vector<CorpusEntry>> loaded = (*store)->LoadCorpus(true);
    ASSERT_TRUE(loaded.ok());
    EXPECT_EQ(ids(*loaded), (std::vector<std::string>{"b@1", "a@2"}));
    EXPECT_EQ(*(*store)->LoadCorpusIndex("candidates"), bytes);
    EXPECT_EQ(*(*store)->LoadCorpusIndex("other"), "");
    // A later commit replaces the index of that name.
    ASSERT_TRUE((*store)->CommitCorpus({}, {}, report, {{"candidates", "newer"}}).ok());
    EXPECT_EQ(*(*store)->LoadCorpusIndex("candidates"), "newer");
  }
  // As an older sitrep left it: no arrival column.
  ASSERT_TRUE(testing::Exec(path, "ALTER TABLE corpus_documents DROP COLUMN arrival"));
  ASSERT_TRUE(
      testing::Exec(path, "UPDATE corpus_documents SET source_path = 'a.txt' WHERE id = 'a'"));
  auto store = Store::Open(path);
  ASSERT_TRUE(store.ok()) << store.status().ToString();
  Result<std::vector<CorpusEntry>> loaded = (*store)->LoadCorpus(true);
  ASSERT_TRUE(loaded.ok());
  EXPECT_EQ(ids(*loaded), (std::vector<std::string>{"a@1", "b@2"}));
  store->reset();
  std::filesystem::remove(path);
}

// Logs every row inserted into or deleted from `tables` (triggers into a table `changes`),
// and reads the log back as "table +inserted -deleted", emptying it.
void LogChanges(const std::string& path, const std::vector<std::string>& tables) {
  std::string sql = "CREATE TABLE changes (tbl TEXT, op TEXT);";
  for (const std::string& t : tables) {
    for (const char* op : {"INSERT", "DELETE"}) {
      sql += std::string("CREATE TRIGGER log_") + op + "_" + t + " AFTER " + op + " ON " + t +
             " BEGIN INSERT INTO changes VALUES ('" + t + "', '" + op + "'); END;";
    }
  }
  ASSERT_TRUE(testing::Exec(path, sql));
}

std::map<std::string, std::string> TakeChanges(const std::string& path) {
  std::map<std::string, std::string> out;
  sqlite3* db = nullptr;
  EXPECT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  sqlite3_stmt* stmt = nullptr;
  EXPECT_EQ(sqlite3_prepare_v2(db,
                               "SELECT tbl, sum(op = 'INSERT'), sum(op = 'DELETE') FROM changes "
                               "GROUP BY tbl",
                               -1, &stmt, nullptr),
            SQLITE_OK);
  while (sqlite3_step(stmt) == SQLITE_ROW) {
    out[reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0))] =
        "+" + std::to_string(sqlite3_column_int(stmt, 1)) + " -" +
        std::to_string(sqlite3_column_int(stmt, 2));
  }
  sqlite3_finalize(stmt);
  sqlite3_exec(db, "DELETE FROM changes", nullptr, nullptr, nullptr);
  sqlite3_close(db);
  return out;
}

// A corpus commit writes the new picture as a difference from the stored one: rows whose
// content is unchanged stay, changed and removed ones are deleted, new ones inserted,
// and the tables end up exactly as in a fresh store with the same picture.
TEST(StoreTest, CorpusCommitRewritesOnlyTheRowsThatChanged) {
  const auto dir = std::filesystem::temp_directory_path();
  const std::string path = (dir / "sitrep_store_diff_test.db").string();
  const std::string fresh = (dir / "sitrep_store_diff_fresh.db").string();
  auto remove = [&] {
    for (const std::string& p : {path, fresh}) {
      for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(p + suffix);
    }
  };
  remove();
  Report first = MakeReport("Shelling");
  for (int i = 0; i < 3; ++i) {
    Entity e;
    e.id = "e" + std::to_string(i + 1);
    e.name = "Place " + std::to_string(i);
    e.type = "place";
    e.mentions.push_back({"a", "Place", 0, 5});
    e.mentions.push_back({"b", "Place", 0, 5});
    first.entities.push_back(e);
    TimeExpr t;
    t.doc = i % 2 ? "a" : "b";
    t.text = "Thursday";
    t.start = static_cast<size_t>(i);
    t.end = t.start + 8;
    t.value = "2022-10-2" + std::to_string(i);
    first.times.push_back(t);
  }
  Event other = first.events[0];
  other.id = "ev2";
  other.type = "shelling";
  first.events.push_back(other);
  Reuse pair = first.reuse[0];
  pair.copy = "c";
  pair.drift.clear();
  pair.passages.push_back({"source words", "copy words", 0.9});
  first.reuse.push_back(pair);
  first.clusters.push_back({"k1", {"a", "b"}});

  const std::vector<CorpusEntry> added = Entries(first);
  auto store = Store::Open(path);
  ASSERT_TRUE(store.ok());
  ASSERT_TRUE((*store)->CommitCorpus(added, {}, first).ok());
  const std::vector<std::string> tables = {
      "blocks",      "reuse",         "passages",      "drift",          "clusters",
      "entities",    "mentions",      "times",         "events",         "event_evidence",
      "event_words", "event_sources", "event_changes", "contradictions", "contradiction_values",
      "timeline"};
  LogChanges(path, tables);

  // The next picture: one mention moved, one entity renamed, one event's count changed,
  // one pair's drift changed, one time gone and one new, one block's role changed.
  Report second = first;
  second.entities[1].mentions[1].start = 7;
  second.entities[2].name = "Place two";
  second.events[1].independent_sources = 2;
  second.reuse[0].drift[0].copy_text = "5";
  second.times.erase(second.times.begin());
  TimeExpr t;
  t.doc = "a";
  t.text = "last month";
  t.start = 20;
  t.end = 30;
  second.times.push_back(t);
  second.documents[1].blocks[0].role = BlockRole::kBody;
  Contradiction c = second.contradictions[0];  // a second one; the first stays
  c.about = "wounded";
  second.contradictions.push_back(c);
  ASSERT_TRUE((*store)->CommitCorpus({}, {}, second).ok());
  EXPECT_EQ(*(*store)->QueryInt("select count(*) from runs"), 1);  // one picture, one run id
  const std::map<std::string, std::string> want_changes = {
      {"blocks", "+1 -1"},
      {"reuse", "+1 -1"},  // a -> b; a -> c stays
      {"drift", "+1 -1"},
      {"mentions", "+1 -1"},
      {"entities", "+1 -1"},
      {"times", "+1 -1"},
      {"events", "+1 -1"},  // ev2 with its rows
      {"event_evidence", "+1 -1"},
      {"event_words", "+1 -1"},
      {"event_sources", "+2 -2"},
      {"event_changes", "+1 -1"},
      {"contradictions", "+1 -0"},  // the new one
      {"contradiction_values", "+2 -0"},
      {"timeline", "+1 -1"}};  // always rewritten
  EXPECT_EQ(TakeChanges(path), want_changes);

  // The same picture again changes only what is always rewritten.
  ASSERT_TRUE((*store)->CommitCorpus({}, {}, second).ok());
  const std::map<std::string, std::string> rewritten = {{"timeline", "+1 -1"}};
  EXPECT_EQ(TakeChanges(path), rewritten);
  store->reset();

  // Exactly the rows a fresh store holds for the same picture.
  {
    auto other_store = Store::Open(fresh);
    ASSERT_TRUE(other_store.ok());
    ASSERT_TRUE((*other_store)->CommitCorpus(added, {}, second).ok());
  }
  const auto got = testing::DumpPicture(path);
  const auto want = testing::DumpPicture(fresh);
  EXPECT_EQ(got.count("error"), 0u);
  for (const auto& [table, rows] : want) EXPECT_EQ(got.at(table), rows) << table;
  remove();
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
