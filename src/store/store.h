// Store: the embedded SQLite database behind sitrep (the only code that includes
// sqlite3.h). No server is needed; a store is one file.
//
// SaveReport() writes a whole Report — documents and their blocks, reuse pairs and
// drift, copy clusters, entities and mentions, times, quantities, claims, events,
// contradictions, timeline and diagnostics — in one transaction, replacing what the
// store held for the same document ids. The living corpus (`sitrep add`) also keeps every
// document as ingested, with its versions, and replaces the picture on each add. Analysts can then
// query it with any SQLite client (`sqlite3 sitrep.db 'select ...'`); the schema is in
// docs/store.md.
//
// Thread-safety: a Store is used by one thread at a time.
#ifndef SITREP_STORE_STORE_H_
#define SITREP_STORE_STORE_H_

#include <memory>
#include <string>
#include <unordered_set>
#include <utility>
#include <vector>

#include "sitrep/corpus.h"
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

  // --- The living corpus (sitrep add; see include/sitrep/corpus.h) ---

  // Every corpus document (only the current version of each when `current_only`), in
  // the order (arrival, version).
  Result<std::vector<CorpusEntry>> LoadCorpus(bool current_only);

  // In one transaction: inserts `added` (a version > 1 retires the id's current row),
  // records `versions`, writes `picture` as a new run and deletes every earlier run's
  // rows, so the store holds one picture, always the one of its current documents, and
  // writes `indexes` (name, bytes), replacing those of the same names. A process killed
  // at any point leaves the store as it was before or after the call.
  Status CommitCorpus(const std::vector<CorpusEntry>& added,
                      const std::vector<VersionChange>& versions, const Report& picture,
                      const std::vector<std::pair<std::string, std::string>>& indexes = {});

  // The bytes of the corpus index `name` written by CommitCorpus; empty when there is none.
  Result<std::string> LoadCorpusIndex(const std::string& name);

  // (key, content hash) of every current corpus document, read from an index alone:
  // about 0.1 s for 100,000 articles, where LoadCorpus reads every stored document.
  Result<std::vector<std::pair<std::string, std::string>>> CurrentHashes();

  // True when a corpus document has `value` as its key or its source path.
  Result<bool> CorpusHas(const std::string& value);

  // The recorded versions of one document id, oldest first ("" = every document).
  Result<std::vector<VersionChange>> Versions(const std::string& doc);

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
  // Writes `report` as a new run (no transaction of its own); sets `run_id`. When
  // `only_documents` is given, the documents and blocks of other ids are left as stored
  // (they are unchanged).
  Status InsertReport(const Report& report, long long& run_id,
                      const std::unordered_set<std::string>* only_documents = nullptr);
  sqlite3* db_;
};

}  // namespace sitrep::store

#endif  // SITREP_STORE_STORE_H_
