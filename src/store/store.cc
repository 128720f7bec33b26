#include "store/store.h"

#include <sqlite3.h>

#include <nlohmann/json.hpp>
#include <optional>
#include <string_view>
#include <utility>

#include "store/picture.h"
#include "store/statement.h"

namespace sitrep::store {
namespace {

constexpr const char* kSchema = R"sql(
PRAGMA foreign_keys = ON;
CREATE TABLE IF NOT EXISTS runs (id INTEGER PRIMARY KEY, created TEXT NOT NULL, version TEXT);
CREATE TABLE IF NOT EXISTS documents (
  id TEXT PRIMARY KEY, run INTEGER, path TEXT, format TEXT, url TEXT, title TEXT,
  published TEXT, published_basis TEXT, outlet TEXT, author TEXT, language TEXT, text BLOB);
CREATE TABLE IF NOT EXISTS blocks (
  doc TEXT REFERENCES documents(id) ON DELETE CASCADE, idx INTEGER, role TEXT,
  start INTEGER, end INTEGER);
CREATE TABLE IF NOT EXISTS reuse (
  id INTEGER PRIMARY KEY, run INTEGER, source TEXT, copy TEXT, relation TEXT,
  coverage REAL, similarity REAL, direction_basis TEXT);
CREATE TABLE IF NOT EXISTS passages (
  reuse INTEGER REFERENCES reuse(id) ON DELETE CASCADE, source_text TEXT, copy_text TEXT,
  similarity REAL);
CREATE TABLE IF NOT EXISTS drift (
  reuse INTEGER REFERENCES reuse(id) ON DELETE CASCADE, kind TEXT, source_text TEXT,
  copy_text TEXT, source_context TEXT, copy_context TEXT);
CREATE TABLE IF NOT EXISTS clusters (run INTEGER, cluster TEXT, doc TEXT);
CREATE TABLE IF NOT EXISTS entities (
  run INTEGER, id TEXT, name TEXT, type TEXT, lat REAL, lon REAL, geonames_id INTEGER,
  country TEXT, PRIMARY KEY (run, id));
CREATE TABLE IF NOT EXISTS mentions (
  run INTEGER, entity TEXT, doc TEXT, text TEXT, start INTEGER, end INTEGER);
CREATE TABLE IF NOT EXISTS times (
  run INTEGER, doc TEXT, text TEXT, start INTEGER, end INTEGER, value TEXT, type TEXT);
CREATE TABLE IF NOT EXISTS quantities (
  run INTEGER, doc TEXT, text TEXT, start INTEGER, end INTEGER, value REAL, low REAL,
  high REAL, unit TEXT, qualifier TEXT, about TEXT);
CREATE TABLE IF NOT EXISTS claims (
  run INTEGER, id TEXT, doc TEXT, speaker TEXT, speaker_name TEXT, cue TEXT, channel TEXT,
  text TEXT, direct INTEGER, start INTEGER, end INTEGER);
CREATE TABLE IF NOT EXISTS events (
  run INTEGER, id TEXT, type TEXT, subtype TEXT, date TEXT, location TEXT, summary TEXT,
  fatalities REAL, independent_sources INTEGER, PRIMARY KEY (run, id));
CREATE TABLE IF NOT EXISTS event_evidence (
  run INTEGER, event TEXT, idx INTEGER, doc TEXT, start INTEGER, end INTEGER, text TEXT,
  copy_of TEXT);
CREATE TABLE IF NOT EXISTS event_words (
  run INTEGER, event TEXT, evidence INTEGER, role TEXT, text TEXT, start INTEGER, end INTEGER);
CREATE TABLE IF NOT EXISTS event_changes (
  run INTEGER, event TEXT, kind TEXT, source_text TEXT, copy_text TEXT, source_doc TEXT,
  doc TEXT, copy_context TEXT);
CREATE TABLE IF NOT EXISTS event_sources (run INTEGER, event TEXT, doc TEXT);
CREATE TABLE IF NOT EXISTS contradictions (run INTEGER, idx INTEGER, about TEXT, kind TEXT);
CREATE TABLE IF NOT EXISTS contradiction_values (run INTEGER, idx INTEGER, doc TEXT, text TEXT);
CREATE TABLE IF NOT EXISTS timeline (
  run INTEGER, date TEXT, precision TEXT, summary TEXT, independent_sources INTEGER);
CREATE TABLE IF NOT EXISTS diagnostics (run INTEGER, severity TEXT, path TEXT, message TEXT);
CREATE TABLE IF NOT EXISTS corpus_documents (
  id TEXT NOT NULL, version INTEGER NOT NULL, key TEXT NOT NULL, hash TEXT NOT NULL,
  current INTEGER NOT NULL, added TEXT NOT NULL, source_path TEXT, ordinal INTEGER,
  doc TEXT NOT NULL, arrival INTEGER, PRIMARY KEY (id, version));
CREATE TABLE IF NOT EXISTS corpus_indexes (name TEXT PRIMARY KEY, bytes BLOB NOT NULL);
CREATE INDEX IF NOT EXISTS corpus_documents_key ON corpus_documents(key, current);
CREATE INDEX IF NOT EXISTS corpus_documents_hash ON corpus_documents(hash);
CREATE INDEX IF NOT EXISTS corpus_documents_current ON corpus_documents(current, key, hash);
CREATE INDEX IF NOT EXISTS corpus_documents_source ON corpus_documents(source_path);
CREATE TABLE IF NOT EXISTS corpus_versions (
  doc TEXT, from_version INTEGER, to_version INTEGER, added TEXT, relation TEXT,
  similarity REAL, title_before TEXT, title_after TEXT);
CREATE TABLE IF NOT EXISTS version_changes (
  doc TEXT, from_version INTEGER, to_version INTEGER, kind TEXT, before_text TEXT,
  after_text TEXT, before_context TEXT, after_context TEXT);
CREATE INDEX IF NOT EXISTS blocks_doc ON blocks(doc);
CREATE INDEX IF NOT EXISTS passages_reuse ON passages(reuse);
CREATE INDEX IF NOT EXISTS drift_reuse ON drift(reuse);
CREATE INDEX IF NOT EXISTS mentions_entity ON mentions(run, entity);
CREATE INDEX IF NOT EXISTS mentions_doc ON mentions(doc);
CREATE INDEX IF NOT EXISTS times_doc ON times(doc);
CREATE INDEX IF NOT EXISTS quantities_doc ON quantities(doc);
CREATE INDEX IF NOT EXISTS claims_doc ON claims(doc);
CREATE INDEX IF NOT EXISTS reuse_source ON reuse(source);
CREATE INDEX IF NOT EXISTS reuse_copy ON reuse(copy);
CREATE INDEX IF NOT EXISTS clusters_doc ON clusters(doc);
CREATE INDEX IF NOT EXISTS event_sources_event ON event_sources(run, event);
CREATE INDEX IF NOT EXISTS event_sources_doc ON event_sources(doc);
CREATE INDEX IF NOT EXISTS event_evidence_event ON event_evidence(run, event);
CREATE INDEX IF NOT EXISTS event_words_event ON event_words(run, event);
CREATE INDEX IF NOT EXISTS event_changes_event ON event_changes(run, event);
CREATE INDEX IF NOT EXISTS contradiction_values_idx ON contradiction_values(run, idx);
CREATE INDEX IF NOT EXISTS events_order ON events(run, date IS NULL, date, id);
CREATE INDEX IF NOT EXISTS documents_order ON documents(published IS NULL, published, id);
)sql";

// Full-text search over the documents (sitrep serve's /api/search): an FTS5 index with
// the documents table as its content (no second copy of the text), kept in step by
// triggers. An update that leaves title and text as they were (CommitCorpus rewrites
// every document's metadata on each add) does not touch the index. The index refers to
// documents by rowid, which sitrep never changes (it does not VACUUM); after a manual
// VACUUM, `INSERT INTO documents_fts(documents_fts) VALUES ('rebuild')` re-indexes.
constexpr const char* kFullText = R"sql(
CREATE VIRTUAL TABLE documents_fts USING fts5(
  title, text, content='documents', content_rowid='rowid',
  tokenize='porter unicode61 remove_diacritics 2');
CREATE TRIGGER documents_fts_insert AFTER INSERT ON documents BEGIN
  INSERT INTO documents_fts(rowid, title, text) VALUES (new.rowid, new.title, new.text);
END;
CREATE TRIGGER documents_fts_delete AFTER DELETE ON documents BEGIN
  INSERT INTO documents_fts(documents_fts, rowid, title, text)
    VALUES ('delete', old.rowid, old.title, old.text);
END;
CREATE TRIGGER documents_fts_update AFTER UPDATE OF title, text ON documents
  WHEN old.title IS NOT new.title OR old.text IS NOT new.text BEGIN
  INSERT INTO documents_fts(documents_fts, rowid, title, text)
    VALUES ('delete', old.rowid, old.title, old.text);
  INSERT INTO documents_fts(rowid, title, text) VALUES (new.rowid, new.title, new.text);
END;
INSERT INTO documents_fts(documents_fts) VALUES ('rebuild');
)sql";

}  // namespace

Result<std::unique_ptr<Store>> Store::Open(const std::string& path) {
  sqlite3* db = nullptr;
  const int rc =
      sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr);
  if (rc != SQLITE_OK) {
    std::string message = path + ": " + (db ? sqlite3_errmsg(db) : sqlite3_errstr(rc));
    sqlite3_close(db);
    return Status::IOError(std::move(message));
  }
  std::unique_ptr<Store> store(new Store(db));
  // Readers (sitrep serve, sqlite3) keep reading while a writer adds: write-ahead log.
  // A busy store is waited for rather than failed at once.
  sqlite3_busy_timeout(db, 10000);
  Status s = path == ":memory:" ? Status::Ok() : store->Exec("PRAGMA journal_mode = WAL");
  // A picture writes millions of rows into a dozen indexes: a page cache of 256 MB
  // (instead of SQLite's 2 MB) keeps their pages in memory between rows.
  if (s.ok()) s = store->Exec("PRAGMA cache_size = -262144");
  if (s.ok()) s = store->Exec(kSchema);
  if (s.ok()) s = store->Migrate();
  if (!s.ok()) return Status::Corrupt(path + ": " + s.message());
  return store;
}

Store::~Store() { sqlite3_close(db_); }

bool Store::HasColumn(const std::string& table, const std::string& column) {
  Statement info(db_, ("PRAGMA table_info(" + table + ")").c_str());
  while (sqlite3_step(info.raw()) == SQLITE_ROW) {
    const unsigned char* name = sqlite3_column_text(info.raw(), 1);
    if (name && column == reinterpret_cast<const char*>(name)) return true;
  }
  return false;
}

// Contract 1.1 added columns; a store written by an older sitrep gains them.
Status Store::Migrate() {
  if (!HasColumn("runs", "revision")) {
    // How many times a living corpus rewrote its picture under its one run id: readers
    // (sitrep serve's answer cache) tell pictures apart by run and revision.
    SITREP_RETURN_IF_ERROR(Exec("ALTER TABLE runs ADD COLUMN revision INTEGER"));
  }
  const std::pair<const char*, const char*> added[] = {{"events", "status"},
                                                       {"events", "claimants"},
                                                       {"timeline", "status"},
                                                       {"timeline", "events"},
                                                       {"events", "actors"}};
  for (const auto& [table, column] : added) {
    if (HasColumn(table, column)) continue;
    SITREP_RETURN_IF_ERROR(
        Exec(std::string("ALTER TABLE ") + table + " ADD COLUMN " + column + " TEXT"));
  }
  // The hash of each picture row's content, by which an add keeps the rows it does not
  // change (src/store/picture.h). Rows written before it have none and are rewritten.
  for (const char* table : kHashedTables) {
    if (HasColumn(table, "rowhash")) continue;
    SITREP_RETURN_IF_ERROR(
        Exec(std::string("ALTER TABLE ") + table + " ADD COLUMN rowhash INTEGER"));
  }
  // The place of each article in the picture: the order articles arrived in. A corpus
  // written by an older sitrep ordered them by source path and position in the file, and
  // keeps that order.
  if (!HasColumn("corpus_documents", "arrival")) {
    SITREP_RETURN_IF_ERROR(Exec(R"sql(
      ALTER TABLE corpus_documents ADD COLUMN arrival INTEGER;
      UPDATE corpus_documents SET arrival = (
        SELECT place FROM (
          SELECT id, ROW_NUMBER() OVER (ORDER BY min(source_path), min(ordinal)) AS place
          FROM corpus_documents GROUP BY id) AS places
        WHERE places.id = corpus_documents.id);)sql"));
  }
  // The full-text index, built over the documents already stored when an older sitrep
  // wrote them. A SQLite without FTS5 keeps working: search falls back to LIKE.
  Statement fts(db_, "SELECT 1 FROM sqlite_master WHERE name = 'documents_fts'");
  if (fts.ok() && sqlite3_step(fts.raw()) != SQLITE_ROW) {
    fts.Reset();
    SITREP_RETURN_IF_ERROR(Exec("SAVEPOINT fts"));
    if (Exec(kFullText).ok()) {
      SITREP_RETURN_IF_ERROR(Exec("RELEASE fts"));
    } else {
      SITREP_RETURN_IF_ERROR(Exec("ROLLBACK TO fts; RELEASE fts"));
    }
  }
  return Status::Ok();
}

Status Store::Exec(const std::string& sql) {
  char* error = nullptr;
  if (sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &error) != SQLITE_OK) {
    std::string message = error ? error : "unknown SQLite error";
    sqlite3_free(error);
    return Status::IOError(message);
  }
  return Status::Ok();
}

Status Store::SaveReport(const Report& r) {
  SITREP_RETURN_IF_ERROR(Exec("BEGIN IMMEDIATE"));
  long long run_id = 0;
  Status s = InsertReport(r, run_id);
  if (!s.ok()) {
    Exec("ROLLBACK");
    return s;
  }
  return Exec("COMMIT");
}

Status Store::InsertReport(const Report& r, long long& run_id,
                           const std::unordered_set<std::string>* only_documents) {
  auto fail = [this](const std::string& what) {
    return Status::IOError(what + ": " + sqlite3_errmsg(db_));
  };

  // The living corpus holds one picture and keeps its run id from add to add, so that
  // the rows an add does not change stay as they are (src/store/picture.h).
  run_id = 0;
  if (only_documents) {
    Statement last(db_, "SELECT max(id) FROM runs");
    if (!last.ok()) return fail("runs");
    if (sqlite3_step(last.raw()) == SQLITE_ROW) run_id = sqlite3_column_int64(last.raw(), 0);
    last.Reset();
  }
  if (run_id) {
    Statement run(db_,
                  "UPDATE runs SET created = datetime('now'), version = ?, "
                  "revision = coalesce(revision, 0) + 1 WHERE id = ?");
    if (!run.ok() || run.Bind(r.version).Bind(run_id).Step() != SQLITE_DONE) return fail("runs");
  } else {
    Statement run(db_, "INSERT INTO runs(created, version) VALUES (datetime('now'), ?)");
    if (!run.ok() || run.Bind(r.version).Step() != SQLITE_DONE) return fail("runs");
    run_id = sqlite3_last_insert_rowid(db_);
  }

  Statement del(db_, "DELETE FROM documents WHERE id = ?");
  Statement doc(db_, "INSERT INTO documents VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  // An unchanged document keeps its stored text; what cleaning decides (metadata,
  // block roles) may depend on the other documents and is written where it changed. The
  // title is set only where it changed: the full-text index re-indexes a document
  // whenever an UPDATE names its title (documents_fts_update).
  Statement meta(db_,
                 "UPDATE documents SET run = ?1, published = ?2, published_basis = ?3, "
                 "outlet = ?4, author = ?5, language = ?6 WHERE id = ?7 AND (run IS NOT ?1 OR "
                 "published IS NOT ?2 OR published_basis IS NOT ?3 OR outlet IS NOT ?4 OR "
                 "author IS NOT ?5 OR language IS NOT ?6)");
  Statement retitle(db_, "UPDATE documents SET title = ? WHERE id = ? AND title IS NOT ?");
  if (!del.ok() || !doc.ok() || !meta.ok() || !retitle.ok()) return fail("documents");
  for (const Document& d : r.documents) {
    if (only_documents && !only_documents->count(d.id)) {
      if (retitle.Bind(d.title).Bind(d.id).Bind(d.title).Step() != SQLITE_DONE) {
        return fail("documents");
      }
      meta.Bind(run_id)
          .Bind(d.published)
          .Bind(d.published_basis)
          .Bind(d.outlet)
          .Bind(d.author)
          .Bind(d.language)
          .Bind(d.id);
      if (meta.Step() != SQLITE_DONE) return fail("documents");
      continue;
    }
    // The document's blocks go with it (ON DELETE CASCADE); WritePicture writes them.
    if (del.Bind(d.id).Step() != SQLITE_DONE) return fail("documents");
    doc.Bind(d.id)
        .Bind(run_id)
        .Bind(d.path)
        .Bind(d.format)
        .Bind(d.url)
        .Bind(d.title)
        .Bind(d.published)
        .Bind(d.published_basis)
        .Bind(d.outlet)
        .Bind(d.author)
        .Bind(d.language)
        .Bind(d.text);
    if (doc.Step() != SQLITE_DONE) return fail("documents");
  }

  return WritePicture(db_, r, run_id,
                      only_documents ? PictureWrite::kUpdate : PictureWrite::kInsert);
}

Result<std::vector<std::string>> Store::DocumentIds() {
  Statement q(db_, "SELECT id FROM documents ORDER BY id");
  if (!q.ok()) return Status::IOError(sqlite3_errmsg(db_));
  std::vector<std::string> ids;
  while (sqlite3_step(q.raw()) == SQLITE_ROW) {
    ids.emplace_back(reinterpret_cast<const char*>(sqlite3_column_text(q.raw(), 0)));
  }
  return ids;
}

Result<long long> Store::QueryInt(const std::string& sql) {
  Statement q(db_, sql.c_str());
  if (!q.ok()) return Status::InvalidInput(sql + ": " + sqlite3_errmsg(db_));
  if (sqlite3_step(q.raw()) != SQLITE_ROW) return Status::NotFound(sql + ": no row");
  return static_cast<long long>(sqlite3_column_int64(q.raw(), 0));
}

}  // namespace sitrep::store

// --- The living corpus ---

namespace sitrep::store {
namespace {

using nlohmann::json;

template <typename T>
void PutOptional(json& j, const char* key, const std::optional<T>& v) {
  if (v) j[key] = *v;
}
void GetOptional(const json& j, const char* key, std::optional<std::string>& v) {
  auto it = j.find(key);
  if (it != j.end() && it->is_string()) v = it->get<std::string>();
}

// A Document as ingested, as JSON: every field, so that analysing the stored document
// gives what analysing the input gave.
std::string EncodeDocument(const Document& d) {
  json j = {{"id", d.id}, {"path", d.path}, {"text", d.text}, {"format", d.format}};
  PutOptional(j, "title", d.title);
  PutOptional(j, "published", d.published);
  PutOptional(j, "published_basis", d.published_basis);
  PutOptional(j, "outlet", d.outlet);
  PutOptional(j, "author", d.author);
  PutOptional(j, "language", d.language);
  PutOptional(j, "url", d.url);
  json blocks = json::array();
  for (const Block& b : d.blocks) {
    blocks.push_back({static_cast<int>(b.role), b.start, b.end, b.tag, b.ancestors, b.link_bytes});
  }
  j["blocks"] = std::move(blocks);
  json meta = json::array();
  for (const auto& [k, v] : d.meta) meta.push_back({k, v});
  j["meta"] = std::move(meta);
  // Invalid UTF-8 cannot reach here (ingest repairs it), but never throw on it.
  return j.dump(-1, ' ', false, json::error_handler_t::replace);
}

bool DecodeDocument(std::string_view bytes, Document& d) {
  json j = json::parse(bytes, nullptr, /*allow_exceptions=*/false);
  if (!j.is_object()) return false;
  try {
    d.id = j.at("id").get<std::string>();
    d.path = j.at("path").get<std::string>();
    d.text = j.at("text").get<std::string>();
    d.format = j.at("format").get<std::string>();
    GetOptional(j, "title", d.title);
    GetOptional(j, "published", d.published);
    GetOptional(j, "published_basis", d.published_basis);
    GetOptional(j, "outlet", d.outlet);
    GetOptional(j, "author", d.author);
    GetOptional(j, "language", d.language);
    GetOptional(j, "url", d.url);
    for (const json& b : j.at("blocks")) {
      Block block;
      block.role = static_cast<BlockRole>(b.at(0).get<int>());
      block.start = b.at(1).get<size_t>();
      block.end = b.at(2).get<size_t>();
      block.tag = b.at(3).get<std::string>();
      block.ancestors = b.at(4).get<std::string>();
      block.link_bytes = b.at(5).get<size_t>();
      if (block.start > block.end || block.end > d.text.size()) return false;
      d.blocks.push_back(std::move(block));
    }
    for (const json& m : j.at("meta")) {
      d.meta.emplace_back(m.at(0).get<std::string>(), m.at(1).get<std::string>());
    }
  } catch (const json::exception&) {
    return false;
  }
  return true;
}

std::string ColumnText(sqlite3_stmt* stmt, int col) {
  const unsigned char* p = sqlite3_column_text(stmt, col);
  if (!p) return {};
  return std::string(reinterpret_cast<const char*>(p),
                     static_cast<size_t>(sqlite3_column_bytes(stmt, col)));
}

// Run-keyed tables of the picture, emptied of earlier runs by CommitCorpus.
constexpr const char* kRunTables[] = {"reuse",          "clusters",
                                      "entities",       "mentions",
                                      "times",          "quantities",
                                      "claims",         "events",
                                      "event_evidence", "event_words",
                                      "event_changes",  "event_sources",
                                      "contradictions", "contradiction_values",
                                      "timeline",       "diagnostics"};

}  // namespace

Result<std::vector<CorpusEntry>> Store::LoadCorpus(bool current_only) {
  const std::string sql =
      std::string(
          "SELECT id, version, key, hash, current, added, source_path, ordinal, doc, arrival "
          "FROM corpus_documents") +
      (current_only ? " WHERE current = 1" : "") + " ORDER BY arrival, version";
  Statement q(db_, sql.c_str());
  if (!q.ok()) return Status::IOError(std::string("corpus_documents: ") + sqlite3_errmsg(db_));
  std::vector<CorpusEntry> out;
  int rc;
  while ((rc = sqlite3_step(q.raw())) == SQLITE_ROW) {
    CorpusEntry e;
    const std::string id = ColumnText(q.raw(), 0);
    e.version = sqlite3_column_int(q.raw(), 1);
    e.key = ColumnText(q.raw(), 2);
    e.hash = ColumnText(q.raw(), 3);
    e.current = sqlite3_column_int(q.raw(), 4) != 0;
    e.added = ColumnText(q.raw(), 5);
    e.source_path = ColumnText(q.raw(), 6);
    e.ordinal = sqlite3_column_int64(q.raw(), 7);
    e.arrival = sqlite3_column_int64(q.raw(), 9);
    const std::string doc = ColumnText(q.raw(), 8);
    if (!DecodeDocument(doc, e.doc)) {
      return Status::Corrupt("corpus document " + id + " v" + std::to_string(e.version) +
                             ": stored document is not readable");
    }
    out.push_back(std::move(e));
  }
  if (rc != SQLITE_DONE) {
    return Status::IOError(std::string("corpus_documents: ") + sqlite3_errmsg(db_));
  }
  return out;
}

Status Store::CommitCorpus(const std::vector<CorpusEntry>& added,
                           const std::vector<VersionChange>& versions, const Report& picture,
                           const std::vector<std::pair<std::string, std::string>>& indexes) {
  SITREP_RETURN_IF_ERROR(Exec("BEGIN IMMEDIATE"));
  auto fail = [this](const std::string& what) {
    const std::string message = what + ": " + sqlite3_errmsg(db_);
    Exec("ROLLBACK");
    return Status::IOError(message);
  };
  // `+current`: the row is found by its id (the primary key), never through the index on
  // (current, key, hash), which would walk every current row for each document.
  Statement retire(db_, "UPDATE corpus_documents SET current = 0 WHERE id = ? AND +current = 1");
  Statement insert(db_,
                   "INSERT INTO corpus_documents (id, version, key, hash, current, added, "
                   "source_path, ordinal, doc, arrival) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  if (!retire.ok() || !insert.ok()) return fail("corpus_documents");
  for (const CorpusEntry& e : added) {
    if (retire.Bind(e.doc.id).Step() != SQLITE_DONE) return fail("corpus_documents");
    insert.Bind(e.doc.id)
        .Bind(e.version)
        .Bind(e.key)
        .Bind(e.hash)
        .Bind(e.current)
        .Bind(e.added)
        .Bind(e.source_path)
        .Bind(e.ordinal)
        .Bind(EncodeDocument(e.doc))
        .Bind(e.arrival);
    if (insert.Step() != SQLITE_DONE) return fail("corpus_documents " + e.doc.id);
  }
  Statement index(db_, "INSERT OR REPLACE INTO corpus_indexes VALUES (?, ?)");
  if (!index.ok()) return fail("corpus_indexes");
  for (const auto& [name, bytes] : indexes) {
    if (index.Bind(name).BindBlob(bytes).Step() != SQLITE_DONE) return fail("corpus_indexes");
  }
  Statement version(db_, "INSERT INTO corpus_versions VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
  Statement change(db_, "INSERT INTO version_changes VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
  if (!version.ok() || !change.ok()) return fail("corpus_versions");
  for (const VersionChange& v : versions) {
    version.Bind(v.doc)
        .Bind(v.from_version)
        .Bind(v.to_version)
        .Bind(v.added)
        .Bind(v.relation)
        .Bind(v.similarity)
        .Bind(v.title_before)
        .Bind(v.title_after);
    if (version.Step() != SQLITE_DONE) return fail("corpus_versions");
    for (const Drift& d : v.changes) {
      change.Bind(v.doc)
          .Bind(v.from_version)
          .Bind(v.to_version)
          .Bind(d.kind)
          .Bind(d.source_text)
          .Bind(d.copy_text)
          .Bind(d.source_context)
          .Bind(d.copy_context);
      if (change.Step() != SQLITE_DONE) return fail("version_changes");
    }
  }
  // Documents already stored are unchanged: only the added ones (and new versions) are
  // written again.
  std::unordered_set<std::string> changed;
  for (const CorpusEntry& e : added) changed.insert(e.doc.id);
  long long run_id = 0;
  Status s = InsertReport(picture, run_id, &changed);
  if (!s.ok()) {
    Exec("ROLLBACK");
    return s;
  }
  for (const char* table : kRunTables) {
    Statement del(db_, (std::string("DELETE FROM ") + table + " WHERE run < ?").c_str());
    if (!del.ok() || del.Bind(run_id).Step() != SQLITE_DONE) return fail(table);
  }
  return Exec("COMMIT");
}

Result<std::string> Store::LoadCorpusIndex(const std::string& name) {
  Statement q(db_, "SELECT bytes FROM corpus_indexes WHERE name = ?");
  if (!q.ok()) return Status::IOError(std::string("corpus_indexes: ") + sqlite3_errmsg(db_));
  q.Bind(name);
  std::string out;
  const int rc = sqlite3_step(q.raw());
  if (rc == SQLITE_ROW) {
    const void* bytes = sqlite3_column_blob(q.raw(), 0);
    out.assign(static_cast<const char*>(bytes),
               static_cast<size_t>(sqlite3_column_bytes(q.raw(), 0)));
  }
  q.Reset();
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return Status::IOError(std::string("corpus_indexes: ") + sqlite3_errmsg(db_));
  return out;
}

Result<std::vector<std::pair<std::string, std::string>>> Store::CurrentHashes() {
  Statement q(db_, "SELECT key, hash FROM corpus_documents WHERE current = 1");
  if (!q.ok()) return Status::IOError(std::string("corpus_documents: ") + sqlite3_errmsg(db_));
  std::vector<std::pair<std::string, std::string>> out;
  int rc;
  while ((rc = sqlite3_step(q.raw())) == SQLITE_ROW) {
    out.emplace_back(ColumnText(q.raw(), 0), ColumnText(q.raw(), 1));
  }
  if (rc != SQLITE_DONE) {
    return Status::IOError(std::string("corpus_documents: ") + sqlite3_errmsg(db_));
  }
  return out;
}

Result<bool> Store::CorpusHas(const std::string& value) {
  Statement q(db_, "SELECT 1 FROM corpus_documents WHERE key = ?1 OR source_path = ?1 LIMIT 1");
  if (!q.ok()) return Status::IOError(std::string("corpus_documents: ") + sqlite3_errmsg(db_));
  q.Bind(value);
  const int rc = sqlite3_step(q.raw());
  q.Reset();
  if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
    return Status::IOError(std::string("corpus_documents: ") + sqlite3_errmsg(db_));
  }
  return rc == SQLITE_ROW;
}

Result<std::vector<VersionChange>> Store::Versions(const std::string& doc) {
  Statement q(db_,
              "SELECT doc, from_version, to_version, added, relation, similarity, title_before, "
              "title_after FROM corpus_versions WHERE ?1 = '' OR doc = ?1 "
              "ORDER BY doc, to_version");
  Statement c(db_,
              "SELECT kind, before_text, after_text, before_context, after_context FROM "
              "version_changes WHERE doc = ? AND to_version = ? ORDER BY rowid");
  if (!q.ok() || !c.ok()) {
    return Status::IOError(std::string("corpus_versions: ") + sqlite3_errmsg(db_));
  }
  sqlite3_bind_text(q.raw(), 1, doc.data(), static_cast<int>(doc.size()), SQLITE_TRANSIENT);
  std::vector<VersionChange> out;
  while (sqlite3_step(q.raw()) == SQLITE_ROW) {
    VersionChange v;
    v.doc = ColumnText(q.raw(), 0);
    v.from_version = sqlite3_column_int(q.raw(), 1);
    v.to_version = sqlite3_column_int(q.raw(), 2);
    v.added = ColumnText(q.raw(), 3);
    v.relation = ColumnText(q.raw(), 4);
    v.similarity = sqlite3_column_double(q.raw(), 5);
    v.title_before = ColumnText(q.raw(), 6);
    v.title_after = ColumnText(q.raw(), 7);
    c.Bind(v.doc).Bind(v.to_version);
    sqlite3_stmt* raw = c.raw();
    while (sqlite3_step(raw) == SQLITE_ROW) {
      Drift d;
      d.kind = ColumnText(raw, 0);
      d.source_text = ColumnText(raw, 1);
      d.copy_text = ColumnText(raw, 2);
      d.source_context = ColumnText(raw, 3);
      d.copy_context = ColumnText(raw, 4);
      v.changes.push_back(std::move(d));
    }
    c.Reset();
    out.push_back(std::move(v));
  }
  return out;
}

}  // namespace sitrep::store
