// Test helpers for the store (tests only): the content of a store's picture as sorted text
// rows, without row ids, so that two stores can be compared whatever order and row ids
// their rows were written with.
#ifndef SITREP_STORE_TESTING_H_
#define SITREP_STORE_TESTING_H_

#include <sqlite3.h>

#include <algorithm>
#include <map>
#include <string>
#include <vector>

namespace sitrep::store::testing {

// table name -> its rows, each as "v1|v2|..." (NULL as \N), sorted. Passages and drift
// name their reuse pair by (source, copy) instead of its row id, contradiction values
// their contradiction by (about, kind) instead of its idx.
inline std::map<std::string, std::vector<std::string>> DumpPicture(const std::string& path) {
  static const std::pair<const char*, const char*> kQueries[] = {
      {"documents", "SELECT * FROM documents"},
      {"blocks", "SELECT * FROM blocks"},
      {"reuse",
       "SELECT run, source, copy, relation, coverage, similarity, direction_basis FROM reuse"},
      {"passages",
       "SELECT r.source, r.copy, p.source_text, p.copy_text, p.similarity FROM passages p "
       "JOIN reuse r ON r.id = p.reuse"},
      {"drift",
       "SELECT r.source, r.copy, d.kind, d.source_text, d.copy_text, d.source_context, "
       "d.copy_context FROM drift d JOIN reuse r ON r.id = d.reuse"},
      {"clusters", "SELECT * FROM clusters"},
      {"entities", "SELECT * FROM entities"},
      {"mentions", "SELECT * FROM mentions"},
      {"times", "SELECT * FROM times"},
      {"quantities", "SELECT * FROM quantities"},
      {"claims", "SELECT * FROM claims"},
      {"events", "SELECT * FROM events"},
      {"event_evidence", "SELECT * FROM event_evidence"},
      {"event_words", "SELECT * FROM event_words"},
      {"event_changes", "SELECT * FROM event_changes"},
      {"event_sources", "SELECT * FROM event_sources"},
      // idx only joins a contradiction with its values (src/store/picture.h).
      {"contradictions", "SELECT run, about, kind FROM contradictions"},
      {"contradiction_values",
       "SELECT v.run, c.about, c.kind, v.doc, v.text FROM contradiction_values v JOIN "
       "contradictions c ON c.run = v.run AND c.idx = v.idx"},
      {"timeline", "SELECT * FROM timeline"},
  };
  std::map<std::string, std::vector<std::string>> out;
  sqlite3* db = nullptr;
  if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
    sqlite3_close(db);
    out["error"].push_back("cannot open " + path);
    return out;
  }
  for (const auto& [table, sql] : kQueries) {
    sqlite3_stmt* stmt = nullptr;
    if (sqlite3_prepare_v2(db, sql, -1, &stmt, nullptr) != SQLITE_OK) {
      out["error"].push_back(std::string(table) + ": " + sqlite3_errmsg(db));
      continue;
    }
    std::vector<std::string>& rows = out[table];
    while (sqlite3_step(stmt) == SQLITE_ROW) {
      std::string row;
      for (int c = 0; c < sqlite3_column_count(stmt); ++c) {
        if (c) row += '|';
        const unsigned char* text = sqlite3_column_text(stmt, c);
        row += text ? reinterpret_cast<const char*>(text) : "\\N";
      }
      rows.push_back(std::move(row));
    }
    sqlite3_finalize(stmt);
    std::sort(rows.begin(), rows.end());
  }
  sqlite3_close(db);
  return out;
}

// Runs `sql` on the store at `path` (to set up a test's store); false on an error.
inline bool Exec(const std::string& path, const std::string& sql) {
  sqlite3* db = nullptr;
  bool ok = sqlite3_open(path.c_str(), &db) == SQLITE_OK &&
            sqlite3_exec(db, sql.c_str(), nullptr, nullptr, nullptr) == SQLITE_OK;
  sqlite3_close(db);
  return ok;
}

}  // namespace sitrep::store::testing

#endif  // SITREP_STORE_TESTING_H_
