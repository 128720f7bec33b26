#include "store/store.h"

#include <sqlite3.h>

#include <utility>

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
CREATE INDEX IF NOT EXISTS blocks_doc ON blocks(doc);
CREATE INDEX IF NOT EXISTS mentions_entity ON mentions(run, entity);
)sql";

// A prepared statement with positional binding; finalizes itself.
class Statement {
 public:
  Statement(sqlite3* db, const char* sql) {
    rc_ = sqlite3_prepare_v2(db, sql, -1, &stmt_, nullptr);
  }
  ~Statement() { sqlite3_finalize(stmt_); }
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;
  bool ok() const { return rc_ == SQLITE_OK; }

  Statement& Bind(const std::string& v) {
    sqlite3_bind_text(stmt_, ++col_, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT);
    return *this;
  }
  Statement& Bind(const char* v) { return Bind(std::string(v)); }
  Statement& Bind(std::string_view v) { return Bind(std::string(v)); }
  Statement& Bind(double v) {
    sqlite3_bind_double(stmt_, ++col_, v);
    return *this;
  }
  Statement& Bind(long long v) {
    sqlite3_bind_int64(stmt_, ++col_, v);
    return *this;
  }
  Statement& Bind(size_t v) { return Bind(static_cast<long long>(v)); }
  Statement& Bind(int v) { return Bind(static_cast<long long>(v)); }
  Statement& Bind(bool v) { return Bind(static_cast<long long>(v ? 1 : 0)); }
  template <typename T>
  Statement& Bind(const std::optional<T>& v) {
    if (v) return Bind(*v);
    sqlite3_bind_null(stmt_, ++col_);
    return *this;
  }
  // Runs the statement once and resets it for the next row.
  int Step() {
    const int rc = sqlite3_step(stmt_);
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
    col_ = 0;
    return rc;
  }
  sqlite3_stmt* raw() { return stmt_; }

 private:
  sqlite3_stmt* stmt_ = nullptr;
  int rc_ = SQLITE_ERROR;
  int col_ = 0;
};

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
  Status s = store->Exec(kSchema);
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
  const std::pair<const char*, const char*> added[] = {
      {"events", "status"}, {"events", "claimants"}, {"timeline", "status"}};
  for (const auto& [table, column] : added) {
    if (HasColumn(table, column)) continue;
    SITREP_RETURN_IF_ERROR(
        Exec(std::string("ALTER TABLE ") + table + " ADD COLUMN " + column + " TEXT"));
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
  auto fail = [this](const std::string& what) {
    const std::string message = what + ": " + sqlite3_errmsg(db_);
    Exec("ROLLBACK");
    return Status::IOError(message);
  };

  Statement run(db_, "INSERT INTO runs(created, version) VALUES (datetime('now'), ?)");
  if (!run.ok() || run.Bind(r.version).Step() != SQLITE_DONE) return fail("runs");
  const long long run_id = sqlite3_last_insert_rowid(db_);

  Statement del(db_, "DELETE FROM documents WHERE id = ?");
  Statement doc(db_, "INSERT INTO documents VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  Statement block(db_, "INSERT INTO blocks VALUES (?, ?, ?, ?, ?)");
  if (!del.ok() || !doc.ok() || !block.ok()) return fail("documents");
  for (const Document& d : r.documents) {
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
    for (size_t i = 0; i < d.blocks.size(); ++i) {
      const Block& b = d.blocks[i];
      block.Bind(d.id).Bind(i).Bind(BlockRoleName(b.role)).Bind(b.start).Bind(b.end);
      if (block.Step() != SQLITE_DONE) return fail("blocks");
    }
  }

  Statement reuse(db_,
                  "INSERT INTO reuse(run, source, copy, relation, coverage, similarity, "
                  "direction_basis) VALUES (?, ?, ?, ?, ?, ?, ?)");
  Statement passage(db_, "INSERT INTO passages VALUES (?, ?, ?, ?)");
  Statement drift(db_, "INSERT INTO drift VALUES (?, ?, ?, ?, ?, ?)");
  if (!reuse.ok() || !passage.ok() || !drift.ok()) return fail("reuse");
  for (const Reuse& u : r.reuse) {
    reuse.Bind(run_id)
        .Bind(u.source)
        .Bind(u.copy)
        .Bind(u.relation)
        .Bind(u.coverage)
        .Bind(u.similarity)
        .Bind(u.direction_basis);
    if (reuse.Step() != SQLITE_DONE) return fail("reuse");
    const long long id = sqlite3_last_insert_rowid(db_);
    for (const Passage& p : u.passages) {
      if (passage.Bind(id).Bind(p.source_text).Bind(p.copy_text).Bind(p.similarity).Step() !=
          SQLITE_DONE) {
        return fail("passages");
      }
    }
    for (const Drift& d : u.drift) {
      drift.Bind(id)
          .Bind(d.kind)
          .Bind(d.source_text)
          .Bind(d.copy_text)
          .Bind(d.source_context)
          .Bind(d.copy_context);
      if (drift.Step() != SQLITE_DONE) return fail("drift");
    }
  }

  Statement cluster(db_, "INSERT INTO clusters VALUES (?, ?, ?)");
  for (const CopyCluster& c : r.clusters) {
    for (const std::string& d : c.docs) {
      if (cluster.Bind(run_id).Bind(c.id).Bind(d).Step() != SQLITE_DONE) return fail("clusters");
    }
  }

  Statement entity(db_, "INSERT INTO entities VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
  Statement mention(db_, "INSERT INTO mentions VALUES (?, ?, ?, ?, ?, ?)");
  for (const Entity& e : r.entities) {
    entity.Bind(run_id)
        .Bind(e.id)
        .Bind(e.name)
        .Bind(e.type)
        .Bind(e.lat)
        .Bind(e.lon)
        .Bind(e.geonames_id)
        .Bind(e.country);
    if (entity.Step() != SQLITE_DONE) return fail("entities");
    for (const Mention& m : e.mentions) {
      mention.Bind(run_id).Bind(e.id).Bind(m.doc).Bind(m.text).Bind(m.start).Bind(m.end);
      if (mention.Step() != SQLITE_DONE) return fail("mentions");
    }
  }

  Statement time(db_, "INSERT INTO times VALUES (?, ?, ?, ?, ?, ?, ?)");
  for (const TimeExpr& t : r.times) {
    time.Bind(run_id).Bind(t.doc).Bind(t.text).Bind(t.start).Bind(t.end).Bind(t.value).Bind(t.type);
    if (time.Step() != SQLITE_DONE) return fail("times");
  }
  Statement quantity(db_, "INSERT INTO quantities VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  for (const Quantity& q : r.quantities) {
    quantity.Bind(run_id)
        .Bind(q.doc)
        .Bind(q.text)
        .Bind(q.start)
        .Bind(q.end)
        .Bind(q.value)
        .Bind(q.low)
        .Bind(q.high)
        .Bind(q.unit)
        .Bind(q.qualifier)
        .Bind(q.about);
    if (quantity.Step() != SQLITE_DONE) return fail("quantities");
  }
  Statement claim(db_, "INSERT INTO claims VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  for (const Claim& c : r.claims) {
    claim.Bind(run_id)
        .Bind(c.id)
        .Bind(c.doc)
        .Bind(c.speaker)
        .Bind(c.speaker_name)
        .Bind(c.cue)
        .Bind(c.channel)
        .Bind(c.text)
        .Bind(c.direct)
        .Bind(c.start)
        .Bind(c.end);
    if (claim.Step() != SQLITE_DONE) return fail("claims");
  }
  Statement event(db_,
                  "INSERT INTO events (run, id, type, subtype, date, location, summary, "
                  "fatalities, independent_sources, status, claimants) "
                  "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  Statement source(db_, "INSERT INTO event_sources VALUES (?, ?, ?)");
  Statement evidence(db_, "INSERT INTO event_evidence VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
  Statement word(db_, "INSERT INTO event_words VALUES (?, ?, ?, ?, ?, ?, ?)");
  Statement change(db_, "INSERT INTO event_changes VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
  for (const Event& e : r.events) {
    std::string claimants;
    for (const std::string& c : e.claimants) claimants += (claimants.empty() ? "" : ",") + c;
    event.Bind(run_id)
        .Bind(e.id)
        .Bind(e.type)
        .Bind(e.subtype)
        .Bind(e.date)
        .Bind(e.location)
        .Bind(e.summary)
        .Bind(e.fatalities)
        .Bind(e.independent_sources)
        .Bind(e.status)
        .Bind(claimants);
    if (event.Step() != SQLITE_DONE) return fail("events");
    for (size_t k = 0; k < e.evidence.size(); ++k) {
      const Evidence& ev = e.evidence[k];
      if (evidence.Bind(run_id)
              .Bind(e.id)
              .Bind(k)
              .Bind(ev.doc)
              .Bind(ev.start)
              .Bind(ev.end)
              .Bind(ev.text)
              .Bind(ev.copy_of)
              .Step() != SQLITE_DONE) {
        return fail("event_evidence");
      }
      for (const EvidenceWord& w : ev.words) {
        if (word.Bind(run_id)
                .Bind(e.id)
                .Bind(k)
                .Bind(w.role)
                .Bind(w.text)
                .Bind(w.start)
                .Bind(w.end)
                .Step() != SQLITE_DONE) {
          return fail("event_words");
        }
      }
    }
    for (const CopyChange& c : e.changed_in_copy) {
      for (const std::string& d : c.docs) {
        if (change.Bind(run_id)
                .Bind(e.id)
                .Bind(c.kind)
                .Bind(c.source_text)
                .Bind(c.copy_text)
                .Bind(c.source_doc)
                .Bind(d)
                .Bind(c.copy_context)
                .Step() != SQLITE_DONE) {
          return fail("event_changes");
        }
      }
    }
    for (const std::string& d : e.sources) {
      if (source.Bind(run_id).Bind(e.id).Bind(d).Step() != SQLITE_DONE)
        return fail("event_sources");
    }
  }
  Statement contradiction(db_, "INSERT INTO contradictions VALUES (?, ?, ?, ?)");
  Statement value(db_, "INSERT INTO contradiction_values VALUES (?, ?, ?, ?)");
  for (size_t i = 0; i < r.contradictions.size(); ++i) {
    const Contradiction& c = r.contradictions[i];
    if (contradiction.Bind(run_id).Bind(i).Bind(c.about).Bind(c.kind).Step() != SQLITE_DONE) {
      return fail("contradictions");
    }
    for (const TextRef& v : c.values) {
      if (value.Bind(run_id).Bind(i).Bind(v.doc).Bind(v.text).Step() != SQLITE_DONE) {
        return fail("contradiction_values");
      }
    }
  }
  Statement entry(db_,
                  "INSERT INTO timeline (run, date, precision, summary, independent_sources, "
                  "status) VALUES (?, ?, ?, ?, ?, ?)");
  for (const TimelineEntry& t : r.timeline) {
    entry.Bind(run_id)
        .Bind(t.date)
        .Bind(t.precision)
        .Bind(t.summary)
        .Bind(t.independent_sources)
        .Bind(t.status);
    if (entry.Step() != SQLITE_DONE) return fail("timeline");
  }
  Statement diagnostic(db_, "INSERT INTO diagnostics VALUES (?, ?, ?, ?)");
  for (const Diagnostic& d : r.diagnostics) {
    diagnostic.Bind(run_id)
        .Bind(std::string(SeverityName(d.severity)))
        .Bind(d.path)
        .Bind(d.message);
    if (diagnostic.Step() != SQLITE_DONE) return fail("diagnostics");
  }
  return Exec("COMMIT");
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
