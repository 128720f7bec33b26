// Writing a Report's rows into the picture tables, as an insert or as a difference from
// the rows stored (src/store/picture.h).
#include "store/picture.h"

#include <sqlite3.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <deque>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "base/hash.h"
#include "store/statement.h"

namespace sitrep::store {
namespace {

// One value of a row. Text points into the Report or into the unit's scratch strings.
// kParent stands for the row id of the unit's first row (a passage's reuse pair); kKey for
// the key the writer gives a group that has none of its own (a contradiction and its
// values): a number no stored group of the table has. Neither enters the unit's hash.
struct Cell {
  enum Kind : unsigned char { kNull, kInt, kReal, kText, kParent, kKey };
  Kind kind = kNull;
  long long i = 0;
  double d = 0;
  std::string_view s;
};

Cell C(long long v) { return {Cell::kInt, v, 0, {}}; }
Cell C(int v) { return C(static_cast<long long>(v)); }
Cell C(size_t v) { return C(static_cast<long long>(v)); }
Cell C(bool v) { return C(static_cast<long long>(v ? 1 : 0)); }
Cell C(double v) { return {Cell::kReal, 0, v, {}}; }
Cell C(std::string_view v) { return {Cell::kText, 0, 0, v}; }
Cell C(const std::string& v) { return C(std::string_view(v)); }
template <typename T>
Cell C(const std::optional<T>& v) {
  return v ? C(*v) : Cell{};
}
constexpr Cell kParentId{Cell::kParent, 0, 0, {}};
constexpr Cell kGroupKey{Cell::kKey, 0, 0, {}};

enum Table : unsigned char {
  kBlocks,
  kReuse,
  kPassages,
  kDrift,
  kClusters,
  kEntities,
  kMentions,
  kTimes,
  kQuantities,
  kClaims,
  kEvents,
  kEvidence,
  kWords,
  kChanges,
  kSources,
  kContradictions,
  kValues,
  kTimeline,
  kDiagnostics,
  kTableCount
};

// How a table's rows are written in update mode.
enum class Write : unsigned char {
  kDiffed,     // first row of a unit: kept when its hash is stored, else inserted
  kRewritten,  // deleted and inserted again (small, ordered by row id)
  kChild       // written with the unit's first row, deleted with it
};

struct TableSpec {
  const char* name;
  const char* insert;  // a diffed table's last parameter is the unit's rowhash
  Write write;
};

constexpr std::array<TableSpec, kTableCount> kSpecs = {{
    {"blocks", "INSERT INTO blocks(doc, idx, role, start, end, rowhash) VALUES (?, ?, ?, ?, ?, ?)",
     Write::kDiffed},
    {"reuse",
     "INSERT INTO reuse(run, source, copy, relation, coverage, similarity, direction_basis, "
     "rowhash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
     Write::kDiffed},
    {"passages", "INSERT INTO passages VALUES (?, ?, ?, ?)", Write::kChild},
    {"drift", "INSERT INTO drift VALUES (?, ?, ?, ?, ?, ?)", Write::kChild},
    {"clusters", "INSERT INTO clusters(run, cluster, doc, rowhash) VALUES (?, ?, ?, ?)",
     Write::kDiffed},
    {"entities",
     "INSERT INTO entities(run, id, name, type, lat, lon, geonames_id, country, rowhash) "
     "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
     Write::kDiffed},
    {"mentions",
     "INSERT INTO mentions(run, entity, doc, text, start, end, rowhash) "
     "VALUES (?, ?, ?, ?, ?, ?, ?)",
     Write::kDiffed},
    {"times",
     "INSERT INTO times(run, doc, text, start, end, value, type, rowhash) "
     "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
     Write::kDiffed},
    {"quantities",
     "INSERT INTO quantities(run, doc, text, start, end, value, low, high, unit, qualifier, "
     "about, rowhash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
     Write::kDiffed},
    {"claims",
     "INSERT INTO claims(run, id, doc, speaker, speaker_name, cue, channel, text, direct, "
     "start, end, rowhash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
     Write::kDiffed},
    {"events",
     "INSERT INTO events(run, id, type, subtype, date, location, summary, fatalities, "
     "independent_sources, status, claimants, actors, rowhash) "
     "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
     Write::kDiffed},
    {"event_evidence", "INSERT INTO event_evidence VALUES (?, ?, ?, ?, ?, ?, ?, ?)", Write::kChild},
    {"event_words", "INSERT INTO event_words VALUES (?, ?, ?, ?, ?, ?, ?)", Write::kChild},
    {"event_changes", "INSERT INTO event_changes VALUES (?, ?, ?, ?, ?, ?, ?, ?)", Write::kChild},
    {"event_sources", "INSERT INTO event_sources VALUES (?, ?, ?)", Write::kChild},
    {"contradictions",
     "INSERT INTO contradictions(run, idx, about, kind, rowhash) VALUES (?, ?, ?, ?, ?)",
     Write::kDiffed},
    {"contradiction_values", "INSERT INTO contradiction_values VALUES (?, ?, ?, ?)", Write::kChild},
    {"timeline",
     "INSERT INTO timeline(run, date, precision, summary, independent_sources, status, events) "
     "VALUES (?, ?, ?, ?, ?, ?, ?)",
     Write::kRewritten},
    {"diagnostics", "INSERT INTO diagnostics VALUES (?, ?, ?, ?)", Write::kRewritten},
}};

// The rows deleted with a stale group that has no foreign key to cascade: an event's
// (by run and event id) and a contradiction's values (by run and idx).
struct Children {
  Table parent;
  const char* parent_key;  // column of the parent row
  const char* child_key;   // column of the child rows
  std::array<Table, 4> tables;
  size_t count;
};
constexpr Children kChildren[] = {
    {kEvents, "id", "event", {kEvidence, kWords, kChanges, kSources}, 4},
    {kContradictions, "idx", "idx", {kValues}, 1},
};

// What is written together: one row, or a first row and the rows that belong to it.
class Unit {
 public:
  void Clear() {
    cells_.clear();
    rows_.clear();
    scratch_.clear();
  }
  Unit& Row(Table t) {
    rows_.push_back({t, cells_.size()});
    return *this;
  }
  Unit& operator<<(const Cell& c) {
    cells_.push_back(c);
    return *this;
  }
  // Keeps `s` alive until the next Clear() and returns a view of it.
  std::string_view Keep(std::string s) { return scratch_.emplace_back(std::move(s)); }

  size_t rows() const { return rows_.size(); }
  Table table(size_t k) const { return rows_[k].table; }
  const Cell* begin(size_t k) const { return cells_.data() + rows_[k].first; }
  const Cell* end(size_t k) const {
    return cells_.data() + (k + 1 < rows_.size() ? rows_[k + 1].first : cells_.size());
  }

  // XXH3 of every row's table and cells, written out unambiguously (kind, then the value;
  // text with its length): equal units have equal hashes, and two different units share
  // one with a chance of about 2^-64, never because their cells only differ a little.
  uint64_t Hash() const {
    std::string& bytes = hash_bytes_;
    bytes.clear();
    auto put = [&bytes](const void* p, size_t n) { bytes.append(static_cast<const char*>(p), n); };
    for (size_t k = 0; k < rows_.size(); ++k) {
      bytes.push_back(static_cast<char>(0x80 | rows_[k].table));
      for (const Cell* c = begin(k); c != end(k); ++c) {
        bytes.push_back(static_cast<char>(c->kind));
        switch (c->kind) {
          case Cell::kInt:
            put(&c->i, sizeof c->i);
            break;
          case Cell::kReal:
            put(&c->d, sizeof c->d);
            break;
          case Cell::kText: {
            const uint64_t n = c->s.size();
            put(&n, sizeof n);
            put(c->s.data(), c->s.size());
            break;
          }
          default:  // kNull; kParent and kKey are given when written, not content
            break;
        }
      }
    }
    return base::Hash64(bytes);
  }

 private:
  struct RowStart {
    Table table;
    size_t first;
  };
  std::vector<Cell> cells_;
  std::vector<RowStart> rows_;
  std::deque<std::string> scratch_;
  mutable std::string hash_bytes_;  // reused by Hash()
};

std::string JoinIds(const std::vector<std::string>& ids) {
  std::string out;
  for (const std::string& id : ids) out += (out.empty() ? "" : ",") + id;
  return out;
}

// Calls `sink(unit)` for every unit of `r`'s picture, always in the same order.
template <typename Sink>
void EmitPicture(const Report& r, long long run, Sink&& sink) {
  Unit u;
  auto emit = [&] {
    sink(static_cast<const Unit&>(u));
    u.Clear();
  };
  for (const Document& d : r.documents) {
    for (size_t i = 0; i < d.blocks.size(); ++i) {
      const Block& b = d.blocks[i];
      u.Row(kBlocks) << C(d.id) << C(i) << C(BlockRoleName(b.role)) << C(b.start) << C(b.end);
      emit();
    }
  }
  for (const Reuse& p : r.reuse) {
    u.Row(kReuse) << C(run) << C(p.source) << C(p.copy) << C(p.relation) << C(p.coverage)
                  << C(p.similarity) << C(p.direction_basis);
    for (const Passage& x : p.passages) {
      u.Row(kPassages) << kParentId << C(x.source_text) << C(x.copy_text) << C(x.similarity);
    }
    for (const Drift& x : p.drift) {
      u.Row(kDrift) << kParentId << C(x.kind) << C(x.source_text) << C(x.copy_text)
                    << C(x.source_context) << C(x.copy_context);
    }
    emit();
  }
  for (const CopyCluster& c : r.clusters) {
    for (const std::string& d : c.docs) {
      u.Row(kClusters) << C(run) << C(c.id) << C(d);
      emit();
    }
  }
  for (const Entity& e : r.entities) {
    u.Row(kEntities) << C(run) << C(e.id) << C(e.name) << C(e.type) << C(e.lat) << C(e.lon)
                     << C(e.geonames_id) << C(e.country);
    emit();
    for (const Mention& m : e.mentions) {
      u.Row(kMentions) << C(run) << C(e.id) << C(m.doc) << C(m.text) << C(m.start) << C(m.end);
      emit();
    }
  }
  for (const TimeExpr& t : r.times) {
    u.Row(kTimes) << C(run) << C(t.doc) << C(t.text) << C(t.start) << C(t.end) << C(t.value)
                  << C(t.type);
    emit();
  }
  for (const Quantity& q : r.quantities) {
    u.Row(kQuantities) << C(run) << C(q.doc) << C(q.text) << C(q.start) << C(q.end) << C(q.value)
                       << C(q.low) << C(q.high) << C(q.unit) << C(q.qualifier) << C(q.about);
    emit();
  }
  for (const Claim& c : r.claims) {
    u.Row(kClaims) << C(run) << C(c.id) << C(c.doc) << C(c.speaker) << C(c.speaker_name) << C(c.cue)
                   << C(c.channel) << C(c.text) << C(c.direct) << C(c.start) << C(c.end);
    emit();
  }
  for (const Event& e : r.events) {
    u.Row(kEvents) << C(run) << C(e.id) << C(e.type) << C(e.subtype) << C(e.date) << C(e.location)
                   << C(e.summary) << C(e.fatalities) << C(e.independent_sources) << C(e.status)
                   << C(u.Keep(JoinIds(e.claimants))) << C(u.Keep(JoinIds(e.actors)));
    for (size_t k = 0; k < e.evidence.size(); ++k) {
      const Evidence& ev = e.evidence[k];
      u.Row(kEvidence) << C(run) << C(e.id) << C(k) << C(ev.doc) << C(ev.start) << C(ev.end)
                       << C(ev.text) << C(ev.copy_of);
      for (const EvidenceWord& w : ev.words) {
        u.Row(kWords) << C(run) << C(e.id) << C(k) << C(w.role) << C(w.text) << C(w.start)
                      << C(w.end);
      }
    }
    for (const CopyChange& c : e.changed_in_copy) {
      for (const std::string& d : c.docs) {
        u.Row(kChanges) << C(run) << C(e.id) << C(c.kind) << C(c.source_text) << C(c.copy_text)
                        << C(c.source_doc) << C(d) << C(c.copy_context);
      }
    }
    for (const std::string& d : e.sources) u.Row(kSources) << C(run) << C(e.id) << C(d);
    emit();
  }
  for (size_t i = 0; i < r.contradictions.size(); ++i) {
    const Contradiction& c = r.contradictions[i];
    // idx joins a contradiction with its values: the report's position when every row
    // is inserted, a number not yet used when a corpus add inserts it.
    u.Row(kContradictions) << C(run) << kGroupKey << C(c.about) << C(c.kind);
    for (const TextRef& v : c.values) {
      u.Row(kValues) << C(run) << kGroupKey << C(v.doc) << C(v.text);
    }
    emit();
  }
  for (const TimelineEntry& t : r.timeline) {
    u.Row(kTimeline) << C(run) << C(t.date) << C(t.precision) << C(t.summary)
                     << C(t.independent_sources) << C(t.status) << C(u.Keep(JoinIds(t.events)));
    emit();
  }
  for (const Diagnostic& d : r.diagnostics) {
    u.Row(kDiagnostics) << C(run) << C(SeverityName(d.severity)) << C(d.path) << C(d.message);
    emit();
  }
}

void BindCell(sqlite3_stmt* stmt, int col, const Cell& c, long long parent, long long key) {
  switch (c.kind) {
    case Cell::kNull:
      sqlite3_bind_null(stmt, col);
      break;
    case Cell::kInt:
      sqlite3_bind_int64(stmt, col, c.i);
      break;
    case Cell::kReal:
      sqlite3_bind_double(stmt, col, c.d);
      break;
    case Cell::kText:
      sqlite3_bind_text(stmt, col, c.s.data(), static_cast<int>(c.s.size()), SQLITE_STATIC);
      break;
    case Cell::kParent:
      sqlite3_bind_int64(stmt, col, parent);
      break;
    case Cell::kKey:
      sqlite3_bind_int64(stmt, col, key);
      break;
  }
}

class PictureWriter {
 public:
  PictureWriter(sqlite3* db, long long run, PictureWrite mode)
      : db_(db), run_(run), update_(mode == PictureWrite::kUpdate) {}

  // Prepares the inserts; in update mode, loads the stored hashes of the diffed tables
  // and deletes the rewritten tables' rows.
  Status Open() {
    for (size_t t = 0; t < kTableCount; ++t) {
      insert_[t] = std::make_unique<Statement>(db_, kSpecs[t].insert);
      if (!insert_[t]->ok()) return Fail(kSpecs[t].name);
    }
    if (!update_) return Status::Ok();
    for (size_t t = 0; t < kTableCount; ++t) {
      const TableSpec& spec = kSpecs[t];
      if (spec.write == Write::kRewritten) {
        SITREP_RETURN_IF_ERROR(DeleteRun(static_cast<Table>(t)));
        continue;
      }
      if (spec.write != Write::kDiffed) continue;
      // NOT INDEXED: every row is read; an index on (run, ...) would only add lookups.
      // Blocks have no run: the picture's are those of the documents of the run.
      const Children* children = ChildrenOf(static_cast<Table>(t));
      std::string sql = std::string("SELECT rowid, rowhash") +
                        (children ? std::string(", ") + children->parent_key : "") + " FROM " +
                        spec.name + " NOT INDEXED" +
                        (t == kBlocks ? " WHERE doc IN (SELECT id FROM documents WHERE run = ?)"
                                      : " WHERE run = ?");
      Statement q(db_, sql.c_str());
      if (!q.ok()) return Fail(spec.name);
      q.Bind(run_);
      std::vector<Stored>& stored = stored_[t];
      int rc;
      while ((rc = sqlite3_step(q.raw())) == SQLITE_ROW) {
        const long long rowid = sqlite3_column_int64(q.raw(), 0);
        // A row an older sitrep wrote has no hash: it matches nothing and is deleted.
        const bool hashed = sqlite3_column_type(q.raw(), 1) != SQLITE_NULL;
        const auto hash = static_cast<uint64_t>(sqlite3_column_int64(q.raw(), 1));
        stored.push_back({hash, rowid, /*used=*/false, /*matchable=*/hashed});
        if (children) {
          const unsigned char* key = sqlite3_column_text(q.raw(), 2);
          keys_[t][rowid] = key ? reinterpret_cast<const char*>(key) : "";
          if (t == kContradictions) {
            next_key_ = std::max(next_key_, sqlite3_column_int64(q.raw(), 2) + 1);
          }
        }
      }
      if (rc != SQLITE_DONE) return Fail(spec.name);
      std::sort(stored.begin(), stored.end(), [](const Stored& a, const Stored& b) {
        return a.hash < b.hash || (a.hash == b.hash && a.rowid < b.rowid);
      });
    }
    return Status::Ok();
  }

  // Update mode, first pass: decides whether `u` is kept (an unused stored row has its
  // hash) or written, and keeps its hash for Write.
  void Plan(const Unit& u) {
    const Table t = u.table(0);
    bool kept = false;
    uint64_t h = 0;
    if (kSpecs[t].write == Write::kDiffed) {
      h = u.Hash();
      std::vector<Stored>& stored = stored_[t];
      auto it = std::lower_bound(stored.begin(), stored.end(), h,
                                 [](const Stored& s, uint64_t v) { return s.hash < v; });
      for (; it != stored.end() && it->hash == h; ++it) {
        if (!it->used && it->matchable) {
          it->used = true;
          kept = true;
          break;
        }
      }
    }
    kept_.push_back(kept);
    hashes_.push_back(h);
  }

  // Update mode, after Plan: deletes the stored rows no unit kept.
  Status DeleteStale() {
    for (size_t t = 0; t < kTableCount; ++t) {
      if (kSpecs[t].write != Write::kDiffed) continue;
      Statement del(db_,
                    (std::string("DELETE FROM ") + kSpecs[t].name + " WHERE rowid = ?").c_str());
      if (!del.ok()) return Fail(kSpecs[t].name);
      std::vector<std::unique_ptr<Statement>> children;
      std::vector<Table> child_tables;
      if (const Children* c = ChildrenOf(static_cast<Table>(t))) {
        for (size_t k = 0; k < c->count; ++k) {
          const Table child = c->tables[k];
          children.push_back(
              std::make_unique<Statement>(db_, (std::string("DELETE FROM ") + kSpecs[child].name +
                                                " WHERE run = ? AND " + c->child_key + " = ?")
                                                   .c_str()));
          if (!children.back()->ok()) return Fail(kSpecs[child].name);
          child_tables.push_back(child);
        }
      }
      for (const Stored& s : stored_[t]) {
        if (s.used) continue;
        for (size_t k = 0; k < children.size(); ++k) {
          // A key read as text compares equal to an INTEGER column's value (affinity).
          if (children[k]->Bind(run_).Bind(keys_[t][s.rowid]).Step() != SQLITE_DONE) {
            return Fail(kSpecs[child_tables[k]].name);
          }
        }
        // A reuse pair's passages and drift go with it (ON DELETE CASCADE).
        if (del.Bind(s.rowid).Step() != SQLITE_DONE) return Fail(kSpecs[t].name);
      }
    }
    return Status::Ok();
  }

  // Inserts `u` unless Plan kept it.
  Status Write(const Unit& u) {
    const size_t index = next_++;
    if (update_ && kept_[index]) return Status::Ok();
    const bool hashed = kSpecs[u.table(0)].write == Write::kDiffed;
    const uint64_t hash = !hashed ? 0 : update_ ? hashes_[index] : u.Hash();
    long long parent = 0;
    const long long key = next_key_;
    bool keyed = false;
    for (size_t k = 0; k < u.rows(); ++k) {
      const Table t = u.table(k);
      sqlite3_stmt* stmt = insert_[t]->raw();
      int col = 0;
      for (const Cell* c = u.begin(k); c != u.end(k); ++c) {
        BindCell(stmt, ++col, *c, parent, key);
        keyed |= c->kind == Cell::kKey;
      }
      if (k == 0 && hashed) sqlite3_bind_int64(stmt, ++col, static_cast<long long>(hash));
      const int rc = sqlite3_step(stmt);
      sqlite3_reset(stmt);
      sqlite3_clear_bindings(stmt);
      if (rc != SQLITE_DONE) return Fail(kSpecs[t].name);
      if (k == 0) parent = sqlite3_last_insert_rowid(db_);
    }
    if (keyed) ++next_key_;
    return Status::Ok();
  }

 private:
  struct Stored {
    uint64_t hash;
    long long rowid;
    bool used;       // kept by a unit
    bool matchable;  // has a hash
  };

  static const Children* ChildrenOf(Table t) {
    for (const Children& c : kChildren) {
      if (c.parent == t) return &c;
    }
    return nullptr;
  }

  Status DeleteRun(Table t) {
    Statement del(db_, (std::string("DELETE FROM ") + kSpecs[t].name + " WHERE run = ?").c_str());
    if (!del.ok() || del.Bind(run_).Step() != SQLITE_DONE) return Fail(kSpecs[t].name);
    return Status::Ok();
  }

  Status Fail(const std::string& what) {
    return Status::IOError(what + ": " + sqlite3_errmsg(db_));
  }

  sqlite3* db_;
  long long run_;
  bool update_;
  std::array<std::unique_ptr<Statement>, kTableCount> insert_;
  std::array<std::vector<Stored>, kTableCount> stored_;
  // Per table: a stored group's rowid -> its key.
  std::array<std::unordered_map<long long, std::string>, kTableCount> keys_;
  long long next_key_ = 0;        // the next kGroupKey
  std::vector<bool> kept_;        // per unit, in emission order (update mode)
  std::vector<uint64_t> hashes_;  // per unit: its hash, 0 when not diffed (update mode)
  size_t next_ = 0;
};

}  // namespace

Status WritePicture(sqlite3* db, const Report& report, long long run, PictureWrite mode) {
  PictureWriter writer(db, run, mode);
  SITREP_RETURN_IF_ERROR(writer.Open());
  if (mode == PictureWrite::kUpdate) {
    EmitPicture(report, run, [&](const Unit& u) { writer.Plan(u); });
    SITREP_RETURN_IF_ERROR(writer.DeleteStale());
  }
  Status status = Status::Ok();
  EmitPicture(report, run, [&](const Unit& u) {
    if (status.ok()) status = writer.Write(u);
  });
  return status;
}

}  // namespace sitrep::store
