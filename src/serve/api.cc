#include "serve/api.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <deque>
#include <map>
#include <mutex>
#include <optional>
#include <set>
#include <string_view>
#include <unordered_set>

#include "report/csv.h"
#include "report/geojson.h"
#include "report/html.h"
#include "sitrep/engine.h"
#include "sitrep/report.h"

namespace sitrep::serve {
namespace {

using nlohmann::json;
using store::SqlValue;
using Clock = store::Reader::Clock;

// An answer other than 200, raised inside a handler and turned into ErrorResponse by
// Api::Handle (it never leaves this file).
struct HttpError {
  int status;
  std::string message;
};

std::string Dump(const json& j) {
  // Text from the store is valid UTF-8 (ingest repairs it); never fail on it anyway.
  return j.dump(-1, ' ', false, json::error_handler_t::replace);
}

// Splits a column of ids joined by `sep` (store: commas; group_concat here: char(31)).
json SplitIds(const json& column, char sep) {
  json out = json::array();
  if (!column.is_string()) return out;
  const std::string& s = column.get_ref<const std::string&>();
  size_t start = 0;
  while (start <= s.size() && !s.empty()) {
    size_t end = s.find(sep, start);
    if (end == std::string::npos) end = s.size();
    if (end > start) out.push_back(s.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

// The contract's names for relations and drift kinds (report/json.cc writes the same).
std::string ContractRelation(const std::string& r) { return r == "excerpt" ? "partial" : r; }
std::string ContractDriftKind(const std::string& k) { return k == "added" ? "other" : k; }

using report::EscapeHtml;  // the report's escaping: also C0 controls become U+FFFD

// Words of a search: runs of letters and digits (any non-ASCII byte counts as a letter),
// at most 16 of them.
std::vector<std::string> SearchWords(std::string_view q) {
  std::vector<std::string> words;
  std::string word;
  for (char c : q) {
    const auto u = static_cast<unsigned char>(c);
    if (u >= 0x80 || std::isalnum(u)) {
      word += c;
    } else if (!word.empty()) {
      words.push_back(std::move(word));
      word.clear();
    }
  }
  if (!word.empty()) words.push_back(std::move(word));
  if (words.size() > 16) words.resize(16);
  return words;
}

// The FTS5 query for `words`: each a quoted string (no operator can be injected), all
// required.
std::string FtsQuery(const std::vector<std::string>& words) {
  std::string q;
  for (const std::string& w : words) q += (q.empty() ? "\"" : " \"") + w + "\"";
  return q;
}

std::string LikePattern(const std::string& word) {
  std::string p = "%";
  for (char c : word) {
    if (c == '%' || c == '_' || c == '\\') p += '\\';
    p += c;
  }
  return p + "%";
}

bool ValidDate(std::string_view d) {
  static const size_t kLengths[] = {4, 7, 10};
  if (std::find(std::begin(kLengths), std::end(kLengths), d.size()) == std::end(kLengths)) {
    return false;
  }
  for (size_t i = 0; i < d.size(); ++i) {
    const bool dash = i == 4 || i == 7;
    if (dash ? d[i] != '-' : !std::isdigit(static_cast<unsigned char>(d[i]))) return false;
  }
  return true;
}

// One request in progress: its parameters, its reader and deadline.
class Context {
 public:
  Context(store::Reader& reader, const ServeOptions& options, const ApiRequest& request)
      : reader_(reader),
        options_(options),
        deadline_(Clock::now() + std::chrono::milliseconds(options.request_timeout_ms)) {
    for (const auto& [k, v] : request.params) params_[k] = v;
  }

  // Rejects parameters other than `allowed` (and limit/offset when `paged`).
  void Allow(std::initializer_list<const char*> allowed, bool paged) const {
    for (const auto& [name, value] : params_) {
      bool ok = paged && (name == "limit" || name == "offset");
      for (const char* a : allowed) ok = ok || name == a;
      if (!ok) throw HttpError{400, "unknown parameter '" + name + "'"};
    }
  }

  // A parameter's value; empty when absent or blank.
  std::string Param(const std::string& name) const {
    auto it = params_.find(name);
    if (it == params_.end()) return {};
    if (it->second.size() > options_.max_param_bytes) {
      throw HttpError{400, "parameter '" + name + "' is longer than " +
                               std::to_string(options_.max_param_bytes) + " bytes"};
    }
    return it->second;
  }

  std::optional<long long> IntParam(const std::string& name, long long lo, long long hi) const {
    const std::string v = Param(name);
    if (v.empty()) return std::nullopt;
    long long n = 0;
    const auto [end, ec] = std::from_chars(v.data(), v.data() + v.size(), n);
    if (ec != std::errc() || end != v.data() + v.size() || n < lo || n > hi) {
      throw HttpError{400, "parameter '" + name + "' must be an integer from " +
                               std::to_string(lo) + " to " + std::to_string(hi)};
    }
    return n;
  }

  std::string DateParam(const std::string& name) const {
    const std::string v = Param(name);
    if (!v.empty() && !ValidDate(v)) {
      throw HttpError{400, "parameter '" + name + "' must be a date YYYY, YYYY-MM or YYYY-MM-DD"};
    }
    return v;
  }

  // limit (1..; above max_limit it is capped) and offset (0..).
  std::pair<long long, long long> Page(size_t default_limit, size_t max_limit) const {
    long long limit = IntParam("limit", 1, 1000000000).value_or(default_limit);
    limit = std::min<long long>(limit, static_cast<long long>(max_limit));
    const long long offset = IntParam("offset", 0, 1000000000).value_or(0);
    return {limit, offset};
  }

  json Query(const std::string& sql, const std::vector<SqlValue>& params,
             size_t max_rows = SIZE_MAX) const {
    Result<json> rows = reader_.Query(sql, params, deadline_, max_rows);
    if (!rows.ok()) {
      if (reader_.TimedOut()) {
        throw HttpError{503, "the request took longer than " +
                                 std::to_string(options_.request_timeout_ms) +
                                 " ms and was stopped; narrow it (filters, limit)"};
      }
      throw HttpError{500, rows.status().message()};
    }
    return std::move(rows).value();
  }

  long long Count(const std::string& sql, const std::vector<SqlValue>& params) const {
    json rows = Query(sql, params, 1);
    if (rows.empty()) return 0;
    const json& v = rows[0].begin().value();
    return v.is_number() ? v.get<long long>() : 0;
  }

  // The latest run (the picture); 0 when the store holds none.
  long long Run() {
    if (!run_) run_ = Count("SELECT coalesce(max(id), 0) FROM runs", {});
    return *run_;
  }

  // Which picture the store holds: the latest run and its revision. A living corpus
  // keeps its run id from add to add and counts its revisions (docs/store.md). The same
  // row gives Run(), which then needs no query of its own.
  std::string Picture() {
    json rows = Query("SELECT * FROM runs ORDER BY id DESC LIMIT 1", {}, 1);
    if (rows.empty()) {
      run_ = 0;
      return "0";
    }
    const json& row = rows[0];
    run_ = row["id"].get<long long>();
    std::string key = row["id"].dump();
    if (auto it = row.find("revision"); it != row.end()) key += ":" + it->dump();
    return key;
  }

  bool HasFts() {
    if (!fts_) fts_ = reader_.HasTable("documents_fts");
    return *fts_;
  }

  bool HasTable(const std::string& name) { return reader_.HasTable(name); }

  const ServeOptions& options() const { return options_; }

 private:
  store::Reader& reader_;
  const ServeOptions& options_;
  Clock::time_point deadline_;
  std::map<std::string, std::string> params_;
  std::optional<long long> run_;
  std::optional<bool> fts_;
};

// A WHERE clause built piece by piece with its parameters.
struct Where {
  std::string sql;
  std::vector<SqlValue> params;
  void Add(const std::string& clause, std::vector<SqlValue> values = {}) {
    sql += (sql.empty() ? " WHERE " : " AND ") + clause;
    for (SqlValue& v : values) params.push_back(std::move(v));
  }
};

// from/to on a date column: as the UI and the report compare TIMEX values, by prefix (an
// event of "2024-03" is inside from=2024-03-05; undated rows are out when either is set).
void AddDateRange(Context& c, Where& w, const std::string& column) {
  const std::string from = c.DateParam("from"), to = c.DateParam("to");
  const std::string d = "substr(" + column + ", 1, 10)";
  if (!from.empty()) {
    w.Add(column + " IS NOT NULL AND substr(" + d + ", 1, length(?)) >= substr(?, 1, length(" + d +
              "))",
          {from, from});
  }
  if (!to.empty())
    w.Add(column + " IS NOT NULL AND substr(" + d + ", 1, length(?)) <= ?", {to, to});
}

// The documents matching the words of `q`: an SQL condition on documents `d`.
void AddTextMatch(Context& c, Where& w, const std::string& q) {
  const std::vector<std::string> words = SearchWords(q);
  if (words.empty()) return;
  if (c.HasFts()) {
    w.Add("d.rowid IN (SELECT rowid FROM documents_fts WHERE documents_fts MATCH ?)",
          {FtsQuery(words)});
    return;
  }
  for (const std::string& word : words) {
    w.Add("(d.title LIKE ? ESCAPE '\\' OR d.text LIKE ? ESCAPE '\\')",
          {LikePattern(word), LikePattern(word)});
  }
}

// ---- Events -------------------------------------------------------------------------------

constexpr const char* kEventColumns =
    "SELECT e.*, l.name AS location_name, l.lat AS lat, l.lon AS lon, "
    "(SELECT group_concat(s.doc, char(31)) FROM event_sources s WHERE s.run = e.run AND "
    "s.event = e.id) AS documents "
    "FROM events e LEFT JOIN entities l ON l.run = e.run AND l.id = e.location";

// The events filters (from, to, place, type, outlet, min_sources, status, doc, q).
Where EventFilter(Context& c) {
  Where w;
  w.Add("e.run = ?", {c.Run()});
  if (std::string v = c.Param("type"); !v.empty()) w.Add("e.type = ?", {v});
  if (std::string v = c.Param("status"); !v.empty()) w.Add("e.status = ?", {v});
  if (auto n = c.IntParam("min_sources", 0, 1000000)) {
    w.Add("e.independent_sources >= ?", {*n});
  }
  AddDateRange(c, w, "e.date");
  if (std::string v = c.Param("place"); !v.empty()) {
    w.Add("(e.location = ? OR lower(l.name) = lower(?))", {v, v});
  }
  if (std::string v = c.Param("outlet"); !v.empty()) {
    w.Add(
        "EXISTS (SELECT 1 FROM event_sources s JOIN documents d ON d.id = s.doc WHERE "
        "s.run = e.run AND s.event = e.id AND d.outlet = ?)",
        {v});
  }
  if (std::string v = c.Param("doc"); !v.empty()) {
    w.Add(
        "EXISTS (SELECT 1 FROM event_sources s WHERE s.run = e.run AND s.event = e.id AND "
        "s.doc = ?)",
        {v});
  }
  if (std::string q = c.Param("q"); !SearchWords(q).empty()) {
    // Every word in the summary, or the words in one of the event's documents.
    Where summary;
    for (const std::string& word : SearchWords(q)) {
      summary.Add("e.summary LIKE ? ESCAPE '\\'", {LikePattern(word)});
    }
    // The matching documents' events, found from the documents (through the index on
    // event_sources.doc; CROSS JOIN keeps SQLite from scanning event_sources by run).
    std::string docs;
    std::vector<SqlValue> params = summary.params;
    if (c.HasFts()) {
      docs =
          "SELECT s.event FROM documents_fts CROSS JOIN documents d ON d.rowid = "
          "documents_fts.rowid CROSS JOIN event_sources s ON s.doc = d.id WHERE documents_fts "
          "MATCH ? AND s.run = ?";
      params.push_back(FtsQuery(SearchWords(q)));
      params.push_back(c.Run());
    } else {
      Where text;
      AddTextMatch(c, text, q);
      docs =
          "SELECT s.event FROM event_sources s JOIN documents d ON d.id = s.doc WHERE s.run = ? "
          "AND " +
          text.sql.substr(7);
      params.push_back(c.Run());
      params.insert(params.end(), text.params.begin(), text.params.end());
    }
    const std::string clause = "((" + summary.sql.substr(7) + ") OR e.id IN (" + docs + "))";
    w.Add(clause, std::move(params));
  }
  return w;
}

json EventRow(json row) {
  json out = {{"id", row["id"]},
              {"type", row["type"]},
              {"subtype", row["subtype"]},
              {"date", row["date"]},
              {"location", row["location"]},
              {"location_name", row["location_name"]},
              {"lat", row["lat"]},
              {"lon", row["lon"]},
              {"summary", row["summary"]},
              {"fatalities", row["fatalities"]},
              {"independent_sources", row["independent_sources"]},
              {"status", row.value("status", json())},
              {"claimants", SplitIds(row.value("claimants", json()), ',')},
              {"documents", SplitIds(row["documents"], '\x1f')}};
  return out;
}

// The FROM of a filtered event query: the place's entity joined only when `place` needs it.
std::string EventFrom(Context& c) {
  return c.Param("place").empty()
             ? "FROM events e"
             : "FROM events e LEFT JOIN entities l ON l.run = e.run AND l.id = e.location";
}

constexpr const char* kEventOrder = " ORDER BY e.date IS NULL, e.date, e.id";

json ListEvents(Context& c) {
  c.Allow({"from", "to", "place", "type", "outlet", "min_sources", "status", "doc", "q"}, true);
  const auto [limit, offset] = c.Page(c.options().default_limit, c.options().max_limit);
  Where w = EventFilter(c);
  json items = json::array();
  long long total = 0;
  if (!SearchWords(c.Param("q")).empty()) {
    // Words are the costly filter: matched once, for the count and the page together.
    json page = json::array();
    for (const json& row : c.Query("SELECT e.id " + EventFrom(c) + w.sql + kEventOrder, w.params)) {
      ++total;
      if (total > offset && static_cast<long long>(page.size()) < limit) page.push_back(row["id"]);
    }
    for (json& row :
         c.Query(std::string(kEventColumns) +
                     " WHERE e.run = ? AND e.id IN (SELECT value FROM json_each(?))" + kEventOrder,
                 {c.Run(), Dump(page)})) {
      items.push_back(EventRow(std::move(row)));
    }
  } else {
    total = c.Count("SELECT count(*) " + EventFrom(c) + w.sql, w.params);
    std::vector<SqlValue> params = w.params;
    params.push_back(limit);
    params.push_back(offset);
    for (json& row : c.Query(kEventColumns + w.sql + kEventOrder + " LIMIT ? OFFSET ?", params)) {
      items.push_back(EventRow(std::move(row)));
    }
  }
  return {{"total", total}, {"offset", offset}, {"limit", limit}, {"items", std::move(items)}};
}

json DocRow(const json& row) {
  return {{"id", row["id"]},
          {"title", row["title"]},
          {"outlet", row["outlet"]},
          {"published", row["published"]},
          {"url", row["url"]}};
}

json GetEvent(Context& c, const std::string& id) {
  c.Allow({}, false);
  const long long run = c.Run();
  json rows = c.Query(std::string(kEventColumns) + " WHERE e.run = ? AND e.id = ?", {run, id}, 1);
  if (rows.empty()) throw HttpError{404, "no such event: " + id};
  json raw = rows[0];
  json e = EventRow(raw);
  json evidence = json::array();
  for (json& ev : c.Query("SELECT idx, doc, text, start, end, copy_of FROM event_evidence "
                          "WHERE run = ? AND event = ? ORDER BY idx",
                          {run, id})) {
    ev["words"] = json::array();
    evidence.push_back(std::move(ev));
  }
  for (json& w : c.Query("SELECT evidence, role, text, start, end FROM event_words WHERE run = "
                         "? AND event = ? ORDER BY rowid",
                         {run, id})) {
    const long long k = w["evidence"].get<long long>();
    for (json& ev : evidence) {
      if (ev["idx"].get<long long>() != k) continue;
      w.erase("evidence");
      ev["words"].push_back(std::move(w));
      break;
    }
  }
  for (json& ev : evidence) ev.erase("idx");
  e["evidence"] = std::move(evidence);
  json changes = json::array();
  for (json& ch : c.Query(
           "SELECT kind, source_text, copy_text, source_doc, copy_context, "
           "group_concat(doc, char(31)) AS docs FROM event_changes WHERE run = ? AND event = ? "
           "GROUP BY kind, source_text, copy_text, source_doc, copy_context ORDER BY min(rowid)",
           {run, id})) {
    ch["docs"] = SplitIds(ch["docs"], '\x1f');
    changes.push_back(std::move(ch));
  }
  e["changed_in_copy"] = std::move(changes);
  json actors = json::array();
  for (const json& a : SplitIds(raw.value("actors", json()), ',')) {
    json named = c.Query("SELECT id, name, type FROM entities WHERE run = ? AND id = ?",
                         {run, a.get<std::string>()}, 1);
    if (!named.empty()) actors.push_back(named[0]);
  }
  e["actors"] = std::move(actors);
  json sources = json::array();
  for (const json& d : c.Query("SELECT d.id, d.title, d.outlet, d.published, d.url FROM "
                               "event_sources s JOIN documents d ON d.id = s.doc WHERE s.run "
                               "= ? AND s.event = ? ORDER BY s.rowid",
                               {run, id})) {
    sources.push_back(DocRow(d));
  }
  e["sources"] = std::move(sources);
  return e;
}

json Timeline(Context& c) {
  c.Allow({"from", "to", "place", "type", "outlet", "min_sources", "status", "q"}, true);
  const auto [limit, offset] = c.Page(c.options().default_limit, c.options().max_limit);
  const long long run = c.Run();
  bool filtered = !SearchWords(c.Param("q")).empty();
  for (const char* name : {"from", "to", "place", "type", "outlet", "min_sources", "status"})
    filtered = filtered || !c.Param(name).empty();
  // Unfiltered: paged by SQL. Filtered: the entries' event lists are read (only those),
  // and the page fetched by rowid.
  long long total = 0;
  json rows;
  if (!filtered) {
    total = c.Count("SELECT count(*) FROM timeline WHERE run = ?", {run});
    rows = c.Query("SELECT * FROM timeline WHERE run = ? ORDER BY rowid LIMIT ? OFFSET ?",
                   {run, limit, offset});
  } else {
    // The entries with an event that passes: the entry's comma-joined event ids made a
    // JSON array (ids hold no comma) and looked up in the filtered events.
    Where w = EventFilter(c);
    std::vector<SqlValue> params = {run};
    params.insert(params.end(), w.params.begin(), w.params.end());
    json page = json::array();
    for (const json& t :
         c.Query("SELECT t.rowid AS r FROM timeline t WHERE t.run = ? AND EXISTS (SELECT 1 FROM "
                 "json_each('[\"' || replace(replace(replace(t.events, '\\', '\\\\'), '\"', "
                 "'\\\"'), ',', '\",\"') || '\"]') j WHERE j.value IN (SELECT e.id " +
                     EventFrom(c) + w.sql + ")) ORDER BY t.rowid",
                 params)) {
      ++total;
      if (total > offset && static_cast<long long>(page.size()) < limit) page.push_back(t["r"]);
    }
    rows = c.Query(
        "SELECT * FROM timeline WHERE rowid IN (SELECT value FROM json_each(?)) ORDER BY rowid",
        {Dump(page)});
  }
  json items = json::array();
  for (json& t : rows) {
    json events = SplitIds(t.value("events", json()), ',');
    items.push_back({{"date", t["date"]},
                     {"precision", t["precision"]},
                     {"summary", t["summary"]},
                     {"independent_sources", t["independent_sources"]},
                     {"status", t.value("status", json())},
                     {"event", events.empty() ? json() : events[0]},
                     {"events", events}});
  }
  return {{"total", total}, {"offset", offset}, {"limit", limit}, {"items", std::move(items)}};
}

// ---- Documents and search -------------------------------------------------------------------

// The event filters a document list takes (place, type, status, min_sources): the
// documents that tell an event passing them.
void AddEventFilter(Context& c, Where& w) {
  Where e;
  const std::string place = c.Param("place");
  if (std::string v = c.Param("type"); !v.empty()) e.Add("e.type = ?", {v});
  if (std::string v = c.Param("status"); !v.empty()) e.Add("e.status = ?", {v});
  if (auto n = c.IntParam("min_sources", 0, 1000000)) e.Add("e.independent_sources >= ?", {*n});
  if (!place.empty()) e.Add("(e.location = ? OR lower(l.name) = lower(?))", {place, place});
  if (e.sql.empty()) return;
  std::vector<SqlValue> params = {c.Run()};
  params.insert(params.end(), e.params.begin(), e.params.end());
  w.Add(
      "d.id IN (SELECT s.doc FROM events e JOIN event_sources s ON s.run = e.run AND s.event "
      "= e.id LEFT JOIN entities l ON l.run = e.run AND l.id = e.location WHERE e.run = ? "
      "AND " +
          e.sql.substr(7) + ")",
      std::move(params));
}

Where DocumentFilter(Context& c) {
  Where w;
  if (std::string v = c.Param("outlet"); !v.empty()) w.Add("d.outlet = ?", {v});
  AddDateRange(c, w, "d.published");
  AddEventFilter(c, w);
  AddTextMatch(c, w, c.Param("q"));
  return w;
}

// A document's opening, escaped, for a list without search words.
std::string Opening(const std::string& text) {
  size_t n = std::min<size_t>(text.size(), 200);
  while (n < text.size() && n > 0 && (static_cast<unsigned char>(text[n]) & 0xC0) == 0x80) --n;
  return EscapeHtml(text.substr(0, n)) + (n < text.size() ? "…" : "");
}

// Snippet markers (control bytes 1 and 2 around hits): the text HTML-escaped, then the
// markers made <mark> and </mark>.
std::string MarkSnippet(const std::string& raw) {
  std::string out;
  size_t from = 0;
  for (size_t i = 0; i <= raw.size(); ++i) {
    if (i < raw.size() && raw[i] != '\x01' && raw[i] != '\x02') continue;
    out += EscapeHtml(std::string_view(raw).substr(from, i - from));
    if (i < raw.size()) out += raw[i] == '\x01' ? "<mark>" : "</mark>";
    from = i + 1;
  }
  return out;
}

// About 200 bytes around the first hit of a search word (ASCII case-insensitive), escaped,
// each word's occurrences in <mark>; the opening when none occurs as typed (FTS5 stems:
// "strike" finds "striking").
std::string LikeSnippet(const std::string& text, const std::vector<std::string>& words) {
  auto lowered = [](std::string x) {
    for (char& ch : x) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    return x;
  };
  const std::string lower = lowered(text);
  std::vector<std::string> needles;
  size_t at = std::string::npos;
  for (const std::string& w : words) {
    needles.push_back(lowered(w));
    at = std::min(at, lower.find(needles.back()));
  }
  if (at == std::string::npos) return Opening(text);
  size_t start = at > 60 ? at - 60 : 0;
  while (start > 0 && (static_cast<unsigned char>(text[start]) & 0xC0) == 0x80) --start;
  size_t end = std::min(text.size(), at + 140);
  while (end < text.size() && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) ++end;
  std::string marked;
  for (size_t i = start; i < end;) {
    size_t len = 0;
    for (const std::string& n : needles) {
      if (i + n.size() <= end && lower.compare(i, n.size(), n) == 0) len = std::max(len, n.size());
    }
    if (len) {
      marked += "\x01" + text.substr(i, len) + "\x02";
      i += len;
    } else {
      // The markers are ours alone: the text's own control bytes 1 and 2 are dropped.
      if (text[i] != '\x01' && text[i] != '\x02') marked += text[i];
      ++i;
    }
  }
  return (start ? "…" : "") + MarkSnippet(marked) + (end < text.size() ? "…" : "");
}

json ListDocuments(Context& c, bool search) {
  c.Allow({"q", "from", "to", "outlet", "place", "type", "status", "min_sources"}, true);
  const auto [limit, offset] = c.Page(c.options().default_limit, c.options().max_limit);
  const std::string q = c.Param("q");
  const std::vector<std::string> words = SearchWords(q);
  const bool ranked = !words.empty() && c.HasFts();
  Where w = ranked ? Where() : DocumentFilter(c);
  std::string from = "FROM documents d";
  if (ranked) {
    // Through the index (not a rowid filter on documents): counted and ranked there.
    w.Add("documents_fts MATCH ?", {FtsQuery(words)});
    if (std::string v = c.Param("outlet"); !v.empty()) w.Add("d.outlet = ?", {v});
    AddDateRange(c, w, "d.published");
    AddEventFilter(c, w);
    const bool filtered = w.params.size() > 1;
    from = filtered ? "FROM documents_fts JOIN documents d ON d.rowid = documents_fts.rowid"
                    : "FROM documents_fts";
  }
  const long long total = c.Count("SELECT count(*) " + from + w.sql, w.params);
  std::vector<SqlValue> params = w.params;
  params.push_back(limit);
  params.push_back(offset);
  const std::string columns =
      std::string("d.rowid AS r, d.id, d.title, d.outlet, d.published, d.url") +
      (search ? ", d.text" : "");
  json rows;
  if (ranked) {
    // Best match first (bm25): the page's rowids from the index, then their documents
    // (snippet() in the ranked query would be computed for every match, not only the page).
    json order = json::array();
    for (const json& r : c.Query("SELECT documents_fts.rowid AS r " + from + w.sql +
                                     " ORDER BY documents_fts.rank LIMIT ? OFFSET ?",
                                 params)) {
      order.push_back(r["r"]);
    }
    std::map<long long, json> by_rowid;
    for (json& row : c.Query("SELECT " + columns +
                                 " FROM documents d WHERE d.rowid IN (SELECT value FROM "
                                 "json_each(?))",
                             {Dump(order)})) {
      const long long r = row["r"].get<long long>();
      by_rowid.emplace(r, std::move(row));
    }
    rows = json::array();
    for (const json& r : order) {
      auto it = by_rowid.find(r.get<long long>());
      if (it != by_rowid.end()) rows.push_back(std::move(it->second));
    }
  } else {
    rows = c.Query("SELECT " + columns + " FROM documents d" + w.sql +
                       " ORDER BY d.published IS NULL, d.published, d.id LIMIT ? OFFSET ?",
                   params);
  }
  json items = json::array();
  for (const json& row : rows) {
    json item = DocRow(row);
    if (search) {
      const std::string text = row["text"].is_string() ? row["text"].get<std::string>() : "";
      item["snippet"] = words.empty() ? Opening(text) : LikeSnippet(text, words);
    }
    items.push_back(std::move(item));
  }
  return {{"total", total},
          {"offset", offset},
          {"limit", limit},
          {"search", c.HasFts() ? "fts5" : "like"},
          {"items", std::move(items)}};
}

json GetDocument(Context& c, const std::string& id) {
  c.Allow({}, false);
  const long long run = c.Run();
  json rows = c.Query(
      "SELECT id, path, format, url, title, published, published_basis, outlet, author, "
      "language, text FROM documents WHERE id = ?",
      {id}, 1);
  if (rows.empty()) throw HttpError{404, "no such document: " + id};
  json d = rows[0];
  d["blocks"] =
      c.Query("SELECT idx, role, start, end FROM blocks WHERE doc = ? ORDER BY idx", {id});
  d["mentions"] = c.Query(
      "SELECT m.entity, e.name, e.type, m.text, m.start, m.end FROM mentions m JOIN entities e "
      "ON e.run = m.run AND e.id = m.entity WHERE m.doc = ? AND m.run = ? ORDER BY m.start",
      {id, run});
  d["times"] = c.Query(
      "SELECT doc, text, start, end, value, type FROM times WHERE doc = ? AND run = ? ORDER BY "
      "start",
      {id, run});
  d["quantities"] = c.Query(
      "SELECT doc, text, start, end, value, low, high, unit, qualifier, about FROM quantities "
      "WHERE doc = ? AND run = ? ORDER BY start",
      {id, run});
  json claims = c.Query(
      "SELECT id, doc, speaker, speaker_name, cue, channel, text, direct, start, end FROM claims "
      "WHERE doc = ? AND run = ? ORDER BY start",
      {id, run});
  for (json& cl : claims) cl["direct"] = cl["direct"].is_number() && cl["direct"] != 0;
  d["claims"] = std::move(claims);
  // Sorted here: an ORDER BY would lead SQLite to the (run, event) index and a full scan.
  std::set<std::string> event_ids;
  for (const json& e :
       c.Query("SELECT event FROM event_sources WHERE doc = ? AND run = ?", {id, run})) {
    event_ids.insert(e["event"].get<std::string>());
  }
  d["events"] = event_ids;
  json reuse = c.Query(
      "SELECT source, copy, relation, coverage, similarity FROM reuse WHERE run = ? AND "
      "(source = ? OR copy = ?) ORDER BY id",
      {run, id, id});
  for (json& r : reuse) {
    r["relation_detail"] = r["relation"];
    r["relation"] = ContractRelation(r["relation"].is_string() ? r["relation"].get<std::string>()
                                                               : std::string());
  }
  d["reuse"] = std::move(reuse);
  json versions = json::array();
  if (c.HasTable("corpus_versions")) {
    versions = c.Query(
        "SELECT from_version, to_version, added, relation, similarity, title_before, "
        "title_after FROM corpus_versions WHERE doc = ? ORDER BY to_version",
        {id});
    for (json& v : versions) {
      v["changes"] = c.Query(
          "SELECT kind, before_text, after_text, before_context, after_context FROM "
          "version_changes WHERE doc = ? AND to_version = ? ORDER BY rowid",
          {id, v["to_version"].get<long long>()});
    }
  }
  d["versions"] = std::move(versions);
  return d;
}

// ---- Entities --------------------------------------------------------------------------------

json ListEntities(Context& c) {
  c.Allow({"type", "q", "doc", "sort"}, true);
  const auto [limit, offset] = c.Page(c.options().default_limit, c.options().max_limit);
  const std::string sort = c.Param("sort");
  if (!sort.empty() && sort != "mentions" && sort != "name") {
    throw HttpError{400, "parameter 'sort' must be 'mentions' or 'name'"};
  }
  Where w;
  w.Add("e.run = ?", {c.Run()});
  if (std::string v = c.Param("type"); !v.empty()) w.Add("e.type = ?", {v});
  for (const std::string& word : SearchWords(c.Param("q"))) {
    w.Add("e.name LIKE ? ESCAPE '\\'", {LikePattern(word)});
  }
  if (std::string v = c.Param("doc"); !v.empty()) {
    w.Add(
        "EXISTS (SELECT 1 FROM mentions x WHERE x.run = e.run AND x.entity = e.id AND x.doc "
        "= ?)",
        {v});
  }
  const long long total = c.Count("SELECT count(*) FROM entities e" + w.sql, w.params);
  std::vector<SqlValue> params = w.params;
  params.push_back(limit);
  params.push_back(offset);
  const std::string order =
      sort == "name" ? " ORDER BY e.name, e.id" : " ORDER BY mentions DESC, e.name, e.id";
  json items = c.Query(
      "SELECT e.id, e.name, e.type, e.lat, e.lon, e.country, "
      "(SELECT count(*) FROM mentions m WHERE m.run = e.run AND m.entity = e.id) AS mentions, "
      "(SELECT count(DISTINCT m.doc) FROM mentions m WHERE m.run = e.run AND m.entity = e.id) "
      "AS documents FROM entities e" +
          w.sql + order + " LIMIT ? OFFSET ?",
      params);
  return {{"total", total}, {"offset", offset}, {"limit", limit}, {"items", std::move(items)}};
}

json GetEntity(Context& c, const std::string& id) {
  c.Allow({}, false);
  const long long run = c.Run();
  json rows = c.Query(
      "SELECT id, name, type, lat, lon, geonames_id, country FROM entities WHERE run = ? AND id "
      "= ?",
      {run, id}, 1);
  if (rows.empty()) throw HttpError{404, "no such entity: " + id};
  json e = rows[0];
  e["mentions_total"] =
      c.Count("SELECT count(*) FROM mentions WHERE run = ? AND entity = ?", {run, id});
  e["mentions"] = c.Query(
      "SELECT doc, text, start, end FROM mentions WHERE run = ? AND entity = ? ORDER BY doc, "
      "start LIMIT ?",
      {run, id, static_cast<long long>(c.options().max_mentions)});
  return e;
}

// ---- Copies and compare ---------------------------------------------------------------------

json Copies(Context& c) {
  c.Allow({"doc", "relation"}, true);
  const auto [limit, offset] = c.Page(c.options().max_copy_edges, c.options().max_copy_edges);
  const long long run = c.Run();
  Where w;
  w.Add("r.run = ?", {run});
  if (std::string v = c.Param("relation"); !v.empty()) {
    w.Add("(r.relation = ? OR (? = 'partial' AND r.relation = 'excerpt'))", {v, v});
  }
  if (std::string doc = c.Param("doc"); !doc.empty()) {
    // The document's copy family (its cluster), or its own pairs when it has none.
    w.Add(
        "(r.source = ? OR r.copy = ? OR r.source IN (SELECT k.doc FROM clusters k WHERE k.run "
        "= ? AND k.cluster = (SELECT cluster FROM clusters WHERE run = ? AND doc = ?)))",
        {doc, doc, run, run, doc});
  }
  const long long total = c.Count("SELECT count(*) FROM reuse r" + w.sql, w.params);
  std::vector<SqlValue> params = w.params;
  params.push_back(limit);
  params.push_back(offset);
  json edges =
      c.Query("SELECT r.source, r.copy, r.relation, r.coverage, r.similarity FROM reuse r" + w.sql +
                  " ORDER BY r.id LIMIT ? OFFSET ?",
              params);
  std::set<std::string> ids;
  for (json& e : edges) {
    ids.insert(e["source"].get<std::string>());
    ids.insert(e["copy"].get<std::string>());
    e["relation_detail"] = e["relation"];
    e["relation"] = ContractRelation(e["relation"].get<std::string>());
  }
  json nodes = c.Query(
      "SELECT d.id, d.title, d.outlet, d.published, k.cluster FROM documents d LEFT JOIN "
      "clusters k ON k.run = ? AND k.doc = d.id WHERE d.id IN (SELECT value FROM json_each(?)) "
      "ORDER BY d.id",
      {run, Dump(json(ids))});
  return {{"total", total},
          {"offset", offset},
          {"limit", limit},
          {"nodes", std::move(nodes)},
          {"edges", std::move(edges)}};
}

json Compare(Context& c) {
  c.Allow({"a", "b"}, false);
  const std::string a = c.Param("a"), b = c.Param("b");
  if (a.empty() || b.empty())
    throw HttpError{400, "parameters 'a' and 'b' (document ids) are required"};
  const long long run = c.Run();
  json pairs = c.Query(
      "SELECT id, source, copy, relation, coverage, similarity, direction_basis FROM reuse "
      "WHERE run = ? AND ((source = ? AND copy = ?) OR (source = ? AND copy = ?)) LIMIT 1",
      {run, a, b, b, a}, 1);
  auto side = [&](const std::string& id) {
    json d =
        c.Query("SELECT id, title, outlet, published, text FROM documents WHERE id = ?", {id}, 1);
    if (d.empty()) throw HttpError{404, "no such document: " + id};
    return d[0];
  };
  json left = side(a), right = side(b);
  if (pairs.empty()) throw HttpError{404, "no reuse pair for these documents"};
  json p = pairs[0];
  const long long reuse = p["id"].get<long long>();
  json drift = c.Query(
      "SELECT kind, source_text, copy_text, source_context, copy_context FROM drift WHERE reuse "
      "= ? ORDER BY rowid",
      {reuse});
  for (json& d : drift) {
    d["kind_detail"] = d["kind"];
    d["kind"] = ContractDriftKind(d["kind"].get<std::string>());
  }
  return {{"a", std::move(left)},
          {"b", std::move(right)},
          {"source", p["source"]},
          {"copy", p["copy"]},
          {"relation", ContractRelation(p["relation"].get<std::string>())},
          {"relation_detail", p["relation"]},
          {"coverage", p["coverage"]},
          {"similarity", p["similarity"]},
          {"direction_basis", p["direction_basis"]},
          {"flipped", p["source"] != a},
          {"passages", c.Query("SELECT source_text, copy_text, similarity FROM passages WHERE "
                               "reuse = ? ORDER BY rowid",
                               {reuse})},
          {"drift", std::move(drift)}};
}

// ---- Status and exports --------------------------------------------------------------------

json GetStatus(Context& c, bool writable) {
  c.Allow({}, false);
  const long long run = c.Run();
  json last = c.Query("SELECT id, created, version FROM runs WHERE id = ?", {run}, 1);
  return {{"version", Version()},
          {"documents", c.Count("SELECT count(*) FROM documents", {})},
          {"events", c.Count("SELECT count(*) FROM events WHERE run = ?", {run})},
          {"entities", c.Count("SELECT count(*) FROM entities WHERE run = ?", {run})},
          {"runs", c.Count("SELECT count(*) FROM runs", {})},
          {"last_run", last.empty() ? json() : last[0]},
          {"search", c.HasFts() ? "fts5" : "like"},
          {"read_only", !writable}};
}

std::optional<std::string> OptString(const json& v) {
  if (v.is_string()) return v.get<std::string>();
  return std::nullopt;
}
std::optional<double> OptNumber(const json& v) {
  if (v.is_number()) return v.get<double>();
  return std::nullopt;
}

// The filtered events as a Report (with the places and actors they name), for the report's
// CSV and GeoJSON writers, so an export has the columns of `sitrep report --format csv`.
Report EventsReport(Context& c, size_t& total_out) {
  const long long run = c.Run();
  Where w = EventFilter(c);
  total_out = static_cast<size_t>(c.Count("SELECT count(*) " + EventFrom(c) + w.sql, w.params));
  Report r;
  std::set<std::string> entity_ids;
  for (const json& row :
       c.Query(kEventColumns + w.sql + kEventOrder, w.params, c.options().max_export_rows)) {
    Event e;
    e.id = row["id"].get<std::string>();
    e.type = row["type"].is_string() ? row["type"].get<std::string>() : "";
    e.subtype = OptString(row["subtype"]);
    e.date = OptString(row["date"]);
    e.location = OptString(row["location"]);
    e.summary = row["summary"].is_string() ? row["summary"].get<std::string>() : "";
    e.fatalities = OptNumber(row["fatalities"]);
    e.independent_sources =
        row["independent_sources"].is_number() ? row["independent_sources"].get<int>() : 0;
    if (row.value("status", json()).is_string()) e.status = row["status"].get<std::string>();
    for (const json& a : SplitIds(row.value("actors", json()), ',')) e.actors.push_back(a);
    for (const json& a : SplitIds(row.value("claimants", json()), ',')) e.claimants.push_back(a);
    for (const json& d : SplitIds(row["documents"], '\x1f')) e.sources.push_back(d);
    if (e.location) entity_ids.insert(*e.location);
    for (const std::string& a : e.actors) entity_ids.insert(a);
    r.events.push_back(std::move(e));
  }
  for (const json& row :
       c.Query("SELECT id, name, type, lat, lon, geonames_id, country FROM entities WHERE run = ? "
               "AND id IN (SELECT value FROM json_each(?))",
               {run, Dump(json(entity_ids))})) {
    Entity e;
    e.id = row["id"].get<std::string>();
    e.name = row["name"].is_string() ? row["name"].get<std::string>() : "";
    e.type = row["type"].is_string() ? row["type"].get<std::string>() : "";
    e.lat = OptNumber(row["lat"]);
    e.lon = OptNumber(row["lon"]);
    if (row["geonames_id"].is_number()) e.geonames_id = row["geonames_id"].get<long long>();
    e.country = OptString(row["country"]);
    r.entities.push_back(std::move(e));
  }
  return r;
}

ApiResponse Export(Context& c, bool geojson) {
  c.Allow({"view", "from", "to", "place", "type", "outlet", "min_sources", "status", "doc", "q"},
          false);
  const std::string view = c.Param("view");
  ApiResponse out;
  if (view == "documents" && !geojson) {
    Where w = DocumentFilter(c);
    std::string csv = "id,title,outlet,published,url\r\n";
    for (const json& row : c.Query("SELECT d.id, d.title, d.outlet, d.published, d.url FROM "
                                   "documents d" +
                                       w.sql + " ORDER BY d.published IS NULL, d.published, d.id",
                                   w.params, c.options().max_export_rows)) {
      bool first = true;
      for (const char* k : {"id", "title", "outlet", "published", "url"}) {
        csv += first ? "" : ",";
        first = false;
        if (!row[k].is_string()) continue;
        // A title a spreadsheet would run as a formula gets a leading apostrophe (as in
        // the report's CSV).
        const std::string& v = row[k].get_ref<const std::string&>();
        const bool formula =
            !v.empty() && std::string_view("=+-@\t\r").find(v[0]) != std::string_view::npos;
        csv += report::CsvField(formula ? "'" + v : v);
      }
      csv += "\r\n";
    }
    out.content_type = "text/csv; charset=utf-8";
    out.filename = "sitrep-documents.csv";
    out.body = std::move(csv);
    return out;
  }
  if (!view.empty() && view != "events") {
    throw HttpError{400, geojson ? "parameter 'view' must be 'events' for GeoJSON"
                                 : "parameter 'view' must be 'events' or 'documents'"};
  }
  size_t total = 0;
  const Report r = EventsReport(c, total);
  if (geojson) {
    out.content_type = "application/geo+json; charset=utf-8";
    out.filename = "sitrep-events.geojson";
    out.body = report::WriteGeoJson(r);
  } else {
    out.content_type = "text/csv; charset=utf-8";
    out.filename = "sitrep-events.csv";
    out.body = report::WriteCsv(r);
  }
  return out;
}

// "/api/events/ID" -> ID when `path` starts with `prefix`; nullopt otherwise.
std::optional<std::string> Tail(const std::string& path, std::string_view prefix) {
  if (path.size() <= prefix.size() || path.compare(0, prefix.size(), prefix) != 0) {
    return std::nullopt;
  }
  return path.substr(prefix.size());
}

ApiResponse JsonResponse(const json& j) {
  ApiResponse r;
  r.body = Dump(j);
  return r;
}

// Answers a GET of `path` (routes and ids; see docs/api.md).
ApiResponse Route(Context& c, const std::string& path, bool writable) {
  if (path == "/api/status") return JsonResponse(GetStatus(c, writable));
  if (path == "/api/events") return JsonResponse(ListEvents(c));
  if (path == "/api/timeline") return JsonResponse(Timeline(c));
  if (path == "/api/search") return JsonResponse(ListDocuments(c, true));
  if (path == "/api/documents") return JsonResponse(ListDocuments(c, false));
  if (path == "/api/entities") return JsonResponse(ListEntities(c));
  if (path == "/api/copies") return JsonResponse(Copies(c));
  if (path == "/api/compare") return JsonResponse(Compare(c));
  if (path == "/api/export.csv") return Export(c, false);
  if (path == "/api/export.geojson") return Export(c, true);
  const std::pair<std::string_view, json (*)(Context&, const std::string&)> items[] = {
      {"/api/events/", GetEvent}, {"/api/documents/", GetDocument}, {"/api/entities/", GetEntity}};
  for (const auto& [prefix, get] : items) {
    if (std::optional<std::string> id = Tail(path, prefix)) {
      if (id->size() > c.options().max_param_bytes) throw HttpError{400, "the id is too long"};
      return JsonResponse(get(c, *id));
    }
  }
  throw HttpError{404, "no such route: " + path + " (see docs/api.md)"};
}

}  // namespace

ApiResponse ErrorResponse(int status, const std::string& message) {
  ApiResponse r;
  r.status = status;
  r.body = Dump(json{{"error", message}});
  return r;
}

// GET answers by request, for one picture (run id and revision); dropped oldest first past the
// budget, and all at once when the picture changes.
struct Api::Cache {
  std::mutex mu;
  std::string picture;
  size_t bytes = 0;
  std::map<std::string, ApiResponse> answers;
  std::deque<std::string> order;

  std::optional<ApiResponse> Find(const std::string& key, const std::string& now) {
    std::lock_guard<std::mutex> lock(mu);
    if (now != picture) return std::nullopt;
    auto it = answers.find(key);
    if (it == answers.end()) return std::nullopt;
    return it->second;
  }
  void Put(const std::string& key, const std::string& now, const ApiResponse& r, size_t budget) {
    if (r.body.size() > budget / 8) return;
    std::lock_guard<std::mutex> lock(mu);
    if (now != picture) {
      answers.clear();
      order.clear();
      bytes = 0;
      picture = now;
    }
    if (!answers.emplace(key, r).second) return;
    order.push_back(key);
    bytes += r.body.size() + key.size();
    while (bytes > budget && !order.empty()) {
      auto it = answers.find(order.front());
      bytes -= it->second.body.size() + it->first.size();
      answers.erase(it);
      order.pop_front();
    }
  }
};

Api::Api(ServeOptions options, AddFn add) : options_(std::move(options)), add_(std::move(add)) {
  if (options_.cache_bytes > 0) cache_ = std::make_unique<Cache>();
}

Api::~Api() = default;

ApiResponse Api::Handle(store::Reader& reader, const ApiRequest& request) const {
  const std::string& path = request.path;
  try {
    if (path == "/api/add") {
      if (request.method != "POST") throw HttpError{405, "/api/add takes POST"};
      if (!add_) throw HttpError{403, "this server is read-only (start it with --write-token)"};
      const std::string expected = "Bearer " + options_.write_token;
      // Compared in full, whatever the first difference, so timing says nothing.
      unsigned diff = request.authorization.size() != expected.size();
      for (size_t i = 0; i < expected.size(); ++i) {
        diff |= static_cast<unsigned char>(
                    i < request.authorization.size() ? request.authorization[i] : 0) ^
                static_cast<unsigned char>(expected[i]);
      }
      if (diff) throw HttpError{401, "a write needs 'Authorization: Bearer TOKEN'"};
      if (request.body.size() > options_.max_body_bytes) {
        throw HttpError{
            413, "the body is larger than " + std::to_string(options_.max_body_bytes) + " bytes"};
      }
      Result<std::string> summary = add_(request.body);
      if (!summary.ok()) {
        throw HttpError{summary.status().code() == StatusCode::kInvalidInput ? 400 : 500,
                        summary.status().message()};
      }
      ApiResponse r;
      r.body = std::move(summary).value();
      return r;
    }
    if (request.method != "GET" && request.method != "HEAD") {
      throw HttpError{405, path + " takes GET"};
    }
    if (!request.body.empty()) throw HttpError{400, "a GET request has no body"};
    Context c(reader, options_, request);
    if (request.params.size() > 32) throw HttpError{400, "too many parameters"};
    std::string key;
    std::string picture;
    if (cache_) {
      // The request as a key: parameters in their order (another order is another key).
      key = path;
      for (const auto& [k, v] : request.params) key += "\x1f" + k + "\x1e" + v;
      picture = c.Picture();
      if (std::optional<ApiResponse> hit = cache_->Find(key, picture)) return *std::move(hit);
    }
    ApiResponse answer = Route(c, path, static_cast<bool>(add_));
    if (cache_ && answer.status == 200) cache_->Put(key, picture, answer, options_.cache_bytes);
    return answer;
  } catch (const HttpError& e) {
    return ErrorResponse(e.status, e.message);
  } catch (const std::exception& e) {
    return ErrorResponse(500, std::string("internal error: ") + e.what());
  }
}

}  // namespace sitrep::serve
