// Store: the embedded SQLite database behind sitrep (the only code that includes
// sqlite3.h). No server is needed; a store is one file.
//
// SaveReport() writes a whole Report — documents and their blocks, reuse pairs and
// drift, copy clusters, entities and mentions, times, quantities, claims, events,
// contradictions, timeline and diagnostics — in one transaction, replacing what the
// store held for the same document ids. Analysts can then query it with any SQLite
// client (`sqlite3 sitrep.db 'select ...'`); the schema is in docs/store.md.
//
// Thread-safety: a Store is used by one thread at a time.
#ifndef SITREP_STORE_STORE_H_
#define SITREP_STORE_STORE_H_

#include <memory>
#include <string>
#include <vector>

#include "sitrep/report.h"
#include "sitrep/status.h"

struct sqlite3;

namespace sitrep::store {

class Store {
 public:
  // Opens (creating when absent) the store at `path`; ":memory:" for a temporary one.
  // Errors name the path: "out/sitrep.db: unable to open database file".
  static Result<std::unique_ptr<Store>> Open(const std::string& path);
  ~Store();
  Store(const Store&) = delete;
  Store& operator=(const Store&) = delete;

  // Writes `report` in one transaction. Documents already stored under the same id are
  // replaced, together with everything that referred to them.
  Status SaveReport(const Report& report);

  // Ids of the stored documents, sorted.
  Result<std::vector<std::string>> DocumentIds();

  // Runs a read-only query whose first column is an integer and returns it (for tests
  // and quick counts, e.g. "select count(*) from events").
  Result<long long> QueryInt(const std::string& sql);

 private:
  explicit Store(sqlite3* db) : db_(db) {}
  Status Exec(const std::string& sql);
  // Adds the columns later contracts added to tables an older sitrep created.
  Status Migrate();
  bool HasColumn(const std::string& table, const std::string& column);
  sqlite3* db_;
};

}  // namespace sitrep::store

#endif  // SITREP_STORE_STORE_H_
