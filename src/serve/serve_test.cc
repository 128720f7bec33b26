// The API of `sitrep serve` over HTTP: a store built from examples/ plus hostile articles,
// served on an ephemeral port on 127.0.0.1; every route, filters, paging bounds, errors.
#include <httplib.h>
#include <sqlite3.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <memory>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <thread>

#include "gtest/gtest.h"
#include "ingest/ingest.h"
#include "serve/server.h"
#include "sitrep/corpus.h"

namespace sitrep::serve {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

// Hostile articles: markup, script and quotes in titles, text and ids.
constexpr const char* kHostile =
    R"({"id": "evil<script>", "title": "<script>alert(1)</script> \"Mosque\" headline", )"
    R"("outlet": "Evil</style> Wire", "published": "2017-06-22", "text": "<img src=x )"
    R"(onerror=alert(1)> Militants blew up the mosque in Mosul on Wednesday, killing 12 )"
    R"(civilians, officials said. </script><script>window.pwned=1</script>"})"
    "\n"
    R"j({"id": "formula", "title": "=HYPERLINK(\"http://evil.example\")", "text": "A )j"
    R"j(spreadsheet formula in a title, spreadsheetformulatitle."})j"
    "\n";

// A server on 127.0.0.1:ephemeral running in a thread until destroyed.
class Running {
 public:
  explicit Running(ServeOptions o) {
    o.host = "127.0.0.1";
    o.port = 0;
    Result<std::unique_ptr<Server>> s = Server::Open(o);
    EXPECT_TRUE(s.ok()) << s.status().message();
    if (!s.ok()) return;
    server_ = std::move(s).value();
    Result<int> port = server_->Bind();
    EXPECT_TRUE(port.ok()) << port.status().message();
    port_ = port.ok() ? *port : 0;
    thread_ = std::thread([this] {
      server_->Run();
      stopped_ = true;
    });
  }
  ~Running() {
    if (!server_) return;
    // Stop until Run returned (a stop before it listens is lost).
    while (!stopped_) {
      server_->Stop();
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    thread_.join();
  }
  httplib::Client Client() const {
    httplib::Client c("127.0.0.1", port_);
    c.set_read_timeout(30, 0);
    return c;
  }
  int port() const { return port_; }

 private:
  std::unique_ptr<Server> server_;
  int port_ = 0;
  std::atomic<bool> stopped_{false};
  std::thread thread_;
};

class ServeTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new fs::path(fs::temp_directory_path() /
                        ("sitrep_serve_test_" + std::to_string(::getpid())));
    fs::remove_all(*dir_);
    fs::create_directories(*dir_);
    db_ = new std::string((*dir_ / "corpus.db").string());
    {
      Result<std::unique_ptr<Corpus>> corpus = Corpus::Open(*db_);
      ASSERT_TRUE(corpus.ok()) << corpus.status().message();
      AnalyzeOptions options;
      ingest::IngestResult hostile;
      ingest::ReadBytes("hostile.jsonl", kHostile, "jsonl", options.ingest, hostile);
      ASSERT_EQ(hostile.documents.size(), 2u);
      Result<AddSummary> added = (*corpus)->Add({std::string(SITREP_SOURCE_DIR) + "/examples"},
                                                std::move(hostile.documents), options);
      ASSERT_TRUE(added.ok()) << added.status().message();
      ASSERT_GE(added->documents, 9u);
    }
    fs::copy_file(*db_, *dir_ / "writable.db");
    ServeOptions o;
    o.db = *db_;
    server_ = new Running(o);
  }
  static void TearDownTestSuite() {
    delete server_;
    fs::remove_all(*dir_);
    delete dir_;
    delete db_;
  }

  // GET path; the status and the parsed JSON body (null when not JSON).
  static std::pair<int, json> Get(const std::string& path) {
    httplib::Client c = server_->Client();
    httplib::Result r = c.Get(path.c_str());
    if (!r) return {0, json()};
    return {r->status, json::parse(r->body, nullptr, false)};
  }
  static json Ok(const std::string& path) {
    auto [status, body] = Get(path);
    EXPECT_EQ(status, 200) << path << ": " << body.dump();
    return body;
  }
  static void ExpectError(const std::string& path, int status, const std::string& says = "") {
    auto [got, body] = Get(path);
    EXPECT_EQ(got, status) << path;
    ASSERT_TRUE(body.is_object() && body.contains("error")) << path << ": " << body.dump();
    if (!says.empty()) {
      EXPECT_NE(body["error"].get<std::string>().find(says), std::string::npos)
          << path << ": " << body["error"];
    }
  }

  static fs::path* dir_;
  static std::string* db_;
  static Running* server_;
};

fs::path* ServeTest::dir_ = nullptr;
std::string* ServeTest::db_ = nullptr;
Running* ServeTest::server_ = nullptr;

std::string Encode(const std::string& s) {
  std::string out;
  const char* hex = "0123456789ABCDEF";
  for (unsigned char ch : s) {
    if (std::isalnum(ch) || ch == '-' || ch == '_' || ch == '.') {
      out += static_cast<char>(ch);
    } else {
      out += '%';
      out += hex[ch >> 4];
      out += hex[ch & 15];
    }
  }
  return out;
}

TEST_F(ServeTest, StatusAndSecurityHeaders) {
  httplib::Client c = server_->Client();
  httplib::Result r = c.Get("/api/status");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200);
  EXPECT_NE(r->get_header_value("Content-Security-Policy").find("default-src 'self'"),
            std::string::npos);
  EXPECT_EQ(r->get_header_value("X-Content-Type-Options"), "nosniff");
  EXPECT_EQ(r->get_header_value("Content-Type").rfind("application/json", 0), 0u);
  json s = json::parse(r->body);
  EXPECT_GE(s["documents"].get<int>(), 9);
  EXPECT_GT(s["events"].get<int>(), 0);
  EXPECT_TRUE(s["read_only"].get<bool>());
  EXPECT_EQ(s["search"], "fts5");
}

TEST_F(ServeTest, ServesTheUiAndRefusesPathTricks) {
  httplib::Client c = server_->Client();
  httplib::Result index = c.Get("/");
  ASSERT_TRUE(index);
  EXPECT_EQ(index->status, 200);
  EXPECT_NE(index->body.find("/assets/app.js"), std::string::npos);
  EXPECT_EQ(index->get_header_value("Content-Type"), "text/html; charset=utf-8");
  EXPECT_NE(index->get_header_value("Content-Security-Policy").find("default-src 'self'"),
            std::string::npos);
  httplib::Result js = c.Get("/assets/app.js");
  ASSERT_TRUE(js);
  EXPECT_EQ(js->status, 200);
  EXPECT_EQ(js->get_header_value("Content-Type"), "text/javascript; charset=utf-8");
  ExpectError("/assets/nothing.js", 404);
  ExpectError("/assets/../../../etc/passwd", 400);
  ExpectError("/assets/%2e%2e/%2e%2e/etc/passwd", 400);
  ExpectError("/assets/..%2f..%2fetc%2fpasswd", 400);
  ExpectError("/etc/passwd", 404);
  // DNS rebinding: a Host other than loopback is refused.
  httplib::Result rebound = c.Get("/api/status", {{"Host", "evil.example:8080"}});
  ASSERT_TRUE(rebound);
  EXPECT_EQ(rebound->status, 403);
  httplib::Result local = c.Get("/api/status", {{"Host", "localhost:8080"}});
  ASSERT_TRUE(local);
  EXPECT_EQ(local->status, 200);
  ExpectError("/api/nothing", 404, "no such route");
}

TEST_F(ServeTest, EventsPagingAndBounds) {
  json all = Ok("/api/events?limit=500");
  const int total = all["total"].get<int>();
  ASSERT_GT(total, 1);
  ASSERT_EQ(static_cast<int>(all["items"].size()), std::min(total, 500));
  json first = Ok("/api/events?limit=1");
  ASSERT_EQ(first["items"].size(), 1u);
  json second = Ok("/api/events?limit=1&offset=1");
  ASSERT_EQ(second["items"].size(), 1u);
  EXPECT_EQ(first["items"][0]["id"], all["items"][0]["id"]);
  EXPECT_EQ(second["items"][0]["id"], all["items"][1]["id"]);
  EXPECT_TRUE(Ok("/api/events?offset=100000")["items"].empty());
  EXPECT_EQ(Ok("/api/events?limit=100000")["limit"], 500);  // capped
  ExpectError("/api/events?limit=0", 400, "limit");
  ExpectError("/api/events?limit=abc", 400, "limit");
  ExpectError("/api/events?offset=-1", 400, "offset");
  ExpectError("/api/events?limit=99999999999999999999", 400, "limit");
  ExpectError("/api/events?bogus=1", 400, "unknown parameter 'bogus'");
  ExpectError("/api/events?from=yesterday", 400, "from");
  ExpectError("/api/events?min_sources=x", 400, "min_sources");
  ExpectError("/api/events?q=" + std::string(600, 'a'), 400, "longer than");
}

TEST_F(ServeTest, EventFilters) {
  json all = Ok("/api/events?limit=500");
  // Independent sources >= 2: every row obeys, and fewer rows than all.
  json two = Ok("/api/events?limit=500&min_sources=2");
  for (const json& e : two["items"]) EXPECT_GE(e["independent_sources"].get<int>(), 2);
  EXPECT_LE(two["total"].get<int>(), all["total"].get<int>());
  const json& e0 = all["items"][0];
  json typed = Ok("/api/events?limit=500&type=" + Encode(e0["type"].get<std::string>()));
  ASSERT_GT(typed["total"].get<int>(), 0);
  for (const json& e : typed["items"]) EXPECT_EQ(e["type"], e0["type"]);
  // Dates: a range far in the future holds nothing; one around a dated event holds it.
  EXPECT_EQ(Ok("/api/events?from=2999")["total"], 0);
  for (const json& e : all["items"]) {
    if (!e["date"].is_string() || e["date"].get<std::string>().size() < 10) continue;
    const std::string day = e["date"].get<std::string>().substr(0, 10);
    json on = Ok("/api/events?limit=500&from=" + day + "&to=" + day);
    bool found = false;
    for (const json& x : on["items"]) found = found || x["id"] == e["id"];
    EXPECT_TRUE(found) << day;
    break;
  }
  // Place, by id and by name.
  for (const json& e : all["items"]) {
    if (!e["location"].is_string() || !e["location_name"].is_string()) continue;
    json by_id = Ok("/api/events?limit=500&place=" + Encode(e["location"].get<std::string>()));
    json by_name =
        Ok("/api/events?limit=500&place=" + Encode(e["location_name"].get<std::string>()));
    ASSERT_GT(by_id["total"].get<int>(), 0);
    EXPECT_EQ(by_id["total"], by_name["total"]);
    for (const json& x : by_id["items"]) EXPECT_EQ(x["location"], e["location"]);
    break;
  }
  // Outlet: the events of the hostile outlet's article.
  json evil = Ok("/api/events?limit=500&outlet=" + Encode("Evil</style> Wire"));
  EXPECT_GT(evil["total"].get<int>(), 0);
  EXPECT_EQ(Ok("/api/events?outlet=nobody")["total"], 0);
  // Words: in the summary or the documents.
  json words = Ok("/api/events?limit=500&q=mosque");
  ASSERT_GT(words["total"].get<int>(), 1);
  EXPECT_EQ(words["total"].get<size_t>(), words["items"].size());
  json second_word = Ok("/api/events?limit=1&offset=1&q=mosque");
  EXPECT_EQ(second_word["total"], words["total"]);
  ASSERT_EQ(second_word["items"].size(), 1u);
  EXPECT_EQ(second_word["items"][0], words["items"][1]);
  EXPECT_EQ(Ok("/api/events?q=zzqqxxnothing")["total"], 0);
}

TEST_F(ServeTest, EventWithEvidence) {
  json all = Ok("/api/events?limit=500");
  const std::string id = all["items"][0]["id"];
  json e = Ok("/api/events/" + Encode(id));
  EXPECT_EQ(e["id"], id);
  ASSERT_FALSE(e["evidence"].empty());
  for (const json& ev : e["evidence"]) {
    EXPECT_TRUE(ev["doc"].is_string());
    EXPECT_TRUE(ev["text"].is_string());
    EXPECT_TRUE(ev["words"].is_array());
  }
  EXPECT_FALSE(e["sources"].empty());
  EXPECT_TRUE(e["changed_in_copy"].is_array());
  EXPECT_TRUE(e["actors"].is_array());
  ExpectError("/api/events/no-such-event", 404, "no such event");
  ExpectError("/api/events/" + std::string(600, 'x'), 400);
  ExpectError("/api/events/" + Encode(id) + "?x=1", 400, "unknown parameter");
}

TEST_F(ServeTest, Timeline) {
  json all = Ok("/api/timeline?limit=500");
  ASSERT_GT(all["total"].get<int>(), 0);
  for (const json& t : all["items"]) {
    EXPECT_TRUE(t["events"].is_array());
    EXPECT_FALSE(t["events"].empty());
  }
  json two = Ok("/api/timeline?limit=500&min_sources=2");
  EXPECT_LE(two["total"].get<int>(), all["total"].get<int>());
  // Each entry kept has an event that passes the filter; each entry dropped has none.
  std::set<std::string> strong;
  const json events = Ok("/api/events?limit=500&min_sources=2");
  for (const json& e : events["items"]) strong.insert(e["id"].get<std::string>());
  int expected = 0;
  for (const json& t : all["items"]) {
    bool any = false;
    for (const json& id : t["events"]) any = any || strong.count(id.get<std::string>());
    expected += any;
  }
  EXPECT_EQ(two["total"].get<int>(), expected);
  EXPECT_GT(expected, 0);
  for (const json& t : two["items"]) {
    bool any = false;
    for (const json& id : t["events"]) any = any || strong.count(id.get<std::string>());
    EXPECT_TRUE(any) << t.dump();
  }
  EXPECT_EQ(Ok("/api/timeline?from=2999")["total"], 0);
  EXPECT_EQ(Ok("/api/timeline?limit=1")["items"].size(), 1u);
  // Place, type and outlet too: an entry stays when one of its events passes.
  const json listed = Ok("/api/events?limit=500");
  ASSERT_FALSE(listed["items"].empty());
  const json& first = listed["items"][0];
  for (const std::string filter : {"type", "place", "outlet"}) {
    std::string value;
    if (filter == "type") value = first["type"].get<std::string>();
    if (filter == "place" && first["location_name"].is_string())
      value = first["location_name"].get<std::string>();
    if (filter == "outlet") {
      const json e = Ok("/api/events/" + Encode(first["id"].get<std::string>()));
      for (const json& d : e["sources"])
        if (value.empty() && d["outlet"].is_string()) value = d["outlet"].get<std::string>();
    }
    if (value.empty()) continue;
    std::set<std::string> passing;
    const json narrowed = Ok("/api/events?limit=500&" + filter + "=" + Encode(value));
    for (const json& e : narrowed["items"]) passing.insert(e["id"].get<std::string>());
    ASSERT_FALSE(passing.empty()) << filter << "=" << value;
    int want = 0;
    for (const json& t : all["items"]) {
      bool any = false;
      for (const json& id : t["events"]) any = any || passing.count(id.get<std::string>());
      want += any;
    }
    const json got = Ok("/api/timeline?limit=500&" + filter + "=" + Encode(value));
    EXPECT_EQ(got["total"].get<int>(), want) << filter << "=" << value;
    EXPECT_GT(want, 0) << filter;
    if (filter == "type") {  // the examples' events are of several types
      EXPECT_LT(want, all["total"].get<int>()) << filter << "=" << value << " narrows nothing";
    }
  }
  EXPECT_EQ(Ok("/api/timeline?place=no-such-place")["total"], 0);
}

TEST_F(ServeTest, SearchMarksHitsAndEscapesText) {
  json found = Ok("/api/search?q=mosque");
  ASSERT_GT(found["total"].get<int>(), 1);
  bool marked = false;
  for (const json& d : found["items"]) {
    marked = marked || d["snippet"].get<std::string>().find("<mark>") != std::string::npos;
  }
  EXPECT_TRUE(marked);
  // The hostile article: its markup arrives escaped in the snippet.
  json evil = Ok("/api/search?q=pwned");
  ASSERT_EQ(evil["total"], 1);
  const std::string snippet = evil["items"][0]["snippet"];
  EXPECT_EQ(snippet.find("<script"), std::string::npos) << snippet;
  EXPECT_EQ(snippet.find("<img"), std::string::npos) << snippet;
  EXPECT_NE(snippet.find("&lt;"), std::string::npos) << snippet;
  // FTS5 syntax in the words is only words.
  EXPECT_EQ(Ok("/api/search?q=" + Encode("mosque\" OR (NEAR* ^")).is_object(), true);
  EXPECT_GT(Ok("/api/search?q=" + Encode("\"mosque\""))["total"].get<int>(), 0);
  // Filters and paging.
  EXPECT_EQ(Ok("/api/search?q=mosque&from=2999")["total"], 0);
  EXPECT_EQ(Ok("/api/search?q=mosque&limit=1")["items"].size(), 1u);
  EXPECT_EQ(Ok("/api/search?q=mosque&outlet=" + Encode("Evil</style> Wire"))["total"], 1);
  ExpectError("/api/search?q=mosque&bogus=x", 400, "bogus");
  // Event filters on documents: the documents that tell an event passing them.
  json events = Ok("/api/events?limit=500&min_sources=2");
  std::set<std::string> tellers;
  for (const json& e : events["items"]) {
    for (const json& d : e["documents"]) tellers.insert(d.get<std::string>());
  }
  json strong = Ok("/api/documents?limit=500&min_sources=2");
  EXPECT_EQ(strong["total"].get<size_t>(), tellers.size());
  for (const json& d : strong["items"]) EXPECT_TRUE(tellers.count(d["id"].get<std::string>()));
  json strong_words = Ok("/api/search?limit=500&q=mosque&min_sources=2");
  ASSERT_GT(strong_words["total"].get<int>(), 0);
  for (const json& d : strong_words["items"]) {
    EXPECT_TRUE(tellers.count(d["id"].get<std::string>()));
  }
  const std::string type = events["items"][0]["type"];
  EXPECT_GT(Ok("/api/search?q=mosul&type=" + Encode(type))["total"].get<int>(), 0);
  EXPECT_EQ(Ok("/api/search?q=mosul&type=nothing")["total"], 0);
  EXPECT_EQ(Ok("/api/documents?place=nowhere")["total"], 0);
}

TEST_F(ServeTest, DocumentsAndOneDocument) {
  json list = Ok("/api/documents?limit=500");
  ASSERT_GE(list["total"].get<int>(), 9);
  EXPECT_EQ(Ok("/api/documents?limit=2")["items"].size(), 2u);
  // The hostile document comes back exactly as stored, JSON-encoded.
  json evil = Ok("/api/documents/" + Encode("evil<script>"));
  EXPECT_EQ(evil["title"], "<script>alert(1)</script> \"Mosque\" headline");
  EXPECT_NE(evil["text"].get<std::string>().find("</script><script>window.pwned=1</script>"),
            std::string::npos);
  // A document with everything.
  bool rich = false;
  for (const json& d : list["items"]) {
    json doc = Ok("/api/documents/" + Encode(d["id"].get<std::string>()));
    for (const char* k :
         {"blocks", "mentions", "times", "quantities", "claims", "events", "reuse", "versions"}) {
      ASSERT_TRUE(doc[k].is_array()) << k;
    }
    ASSERT_FALSE(doc["blocks"].empty());
    for (const json& b : doc["blocks"]) {
      EXPECT_LE(b["end"].get<size_t>(), doc["text"].get<std::string>().size());
    }
    rich = rich || (!doc["mentions"].empty() && !doc["times"].empty() && !doc["events"].empty() &&
                    !doc["reuse"].empty());
  }
  EXPECT_TRUE(rich);
  ExpectError("/api/documents/nope", 404, "no such document");
}

TEST_F(ServeTest, Entities) {
  json list = Ok("/api/entities?limit=500&sort=mentions");
  ASSERT_GT(list["total"].get<int>(), 0);
  for (size_t i = 1; i < list["items"].size(); ++i) {
    EXPECT_GE(list["items"][i - 1]["mentions"].get<int>(), list["items"][i]["mentions"].get<int>());
  }
  json places = Ok("/api/entities?type=place&limit=500");
  for (const json& e : places["items"]) EXPECT_EQ(e["type"], "place");
  ExpectError("/api/entities?sort=evil", 400, "sort");
  const std::string id = list["items"][0]["id"];
  json e = Ok("/api/entities/" + Encode(id));
  EXPECT_EQ(e["id"], id);
  EXPECT_EQ(e["mentions"].size(), list["items"][0]["mentions"].get<size_t>());
  ExpectError("/api/entities/nope", 404, "no such entity");
}

TEST_F(ServeTest, CopiesAndCompare) {
  json g = Ok("/api/copies");
  ASSERT_GT(g["edges"].size(), 0u);
  std::set<std::string> nodes;
  for (const json& n : g["nodes"]) nodes.insert(n["id"].get<std::string>());
  for (const json& e : g["edges"]) {
    EXPECT_TRUE(nodes.count(e["source"].get<std::string>()));
    EXPECT_TRUE(nodes.count(e["copy"].get<std::string>()));
  }
  const std::string a = g["edges"][0]["source"], b = g["edges"][0]["copy"];
  json one = Ok("/api/copies?doc=" + Encode(a));
  EXPECT_GT(one["edges"].size(), 0u);
  EXPECT_EQ(Ok("/api/copies?relation=nothing")["edges"].size(), 0u);
  json cmp = Ok("/api/compare?a=" + Encode(a) + "&b=" + Encode(b));
  EXPECT_EQ(cmp["source"], a);
  EXPECT_FALSE(cmp["flipped"].get<bool>());
  EXPECT_FALSE(cmp["passages"].empty());
  EXPECT_TRUE(cmp["drift"].is_array());
  EXPECT_TRUE(cmp["a"]["text"].is_string());
  json flipped = Ok("/api/compare?a=" + Encode(b) + "&b=" + Encode(a));
  EXPECT_TRUE(flipped["flipped"].get<bool>());
  ExpectError("/api/compare?a=" + Encode(a), 400, "required");
  ExpectError("/api/compare?a=" + Encode(a) + "&b=nope", 404, "no such document");
  ExpectError("/api/compare?a=" + Encode(a) + "&b=" + Encode("evil<script>"), 404, "no reuse pair");
  ExpectError("/api/compare?a=1&b=2&limit=3", 400, "unknown parameter 'limit'");
}

TEST_F(ServeTest, Exports) {
  httplib::Client c = server_->Client();
  httplib::Result csv = c.Get("/api/export.csv?view=events&min_sources=1");
  ASSERT_TRUE(csv);
  EXPECT_EQ(csv->status, 200);
  EXPECT_EQ(csv->get_header_value("Content-Type"), "text/csv; charset=utf-8");
  EXPECT_NE(csv->get_header_value("Content-Disposition").find("attachment"), std::string::npos);
  EXPECT_EQ(csv->body.rfind("event_date,", 0), 0u);
  httplib::Result docs = c.Get("/api/export.csv?view=documents&q=mosque");
  ASSERT_TRUE(docs);
  EXPECT_EQ(docs->body.rfind("id,title,outlet,published,url\r\n", 0), 0u);
  // A title that is markup stays one quoted CSV field.
  httplib::Result evil = c.Get("/api/export.csv?view=documents&q=pwned");
  ASSERT_TRUE(evil);
  EXPECT_NE(evil->body.find("\"<script>alert(1)</script> \"\"Mosque\"\" headline\""),
            std::string::npos)
      << evil->body;
  httplib::Result formula = c.Get("/api/export.csv?view=documents&q=spreadsheetformulatitle");
  ASSERT_TRUE(formula);
  EXPECT_NE(formula->body.find("\"'=HYPERLINK(\"\"http://evil.example\"\")\""), std::string::npos)
      << formula->body;
  httplib::Result geo = c.Get("/api/export.geojson?from=2000");
  ASSERT_TRUE(geo);
  EXPECT_EQ(geo->status, 200);
  json fc = json::parse(geo->body);
  EXPECT_EQ(fc["type"], "FeatureCollection");
  EXPECT_GT(fc["features"].size(), 0u);
  ExpectError("/api/export.csv?view=secrets", 400, "view");
  ExpectError("/api/export.geojson?view=documents", 400, "view");
}

TEST_F(ServeTest, ReadOnlyMethodsAndBodies) {
  httplib::Client c = server_->Client();
  httplib::Result post = c.Post("/api/events", "{}", "application/json");
  ASSERT_TRUE(post);
  EXPECT_EQ(post->status, 405);
  httplib::Result add = c.Post("/api/add", "{\"text\": \"x\"}", "application/x-ndjson");
  ASSERT_TRUE(add);
  EXPECT_EQ(add->status, 403);
  EXPECT_NE(add->body.find("read-only"), std::string::npos);
  httplib::Result huge = c.Post("/api/add", std::string(5u << 20, 'x'), "text/plain");
  ASSERT_TRUE(huge);
  EXPECT_EQ(huge->status, 413);
  EXPECT_TRUE(json::parse(huge->body, nullptr, false).contains("error")) << huge->body;
  httplib::Result del = c.Delete("/api/documents/x");
  ASSERT_TRUE(del);
  EXPECT_EQ(del->status, 405);
  // A query string past the bound; a URI past cpp-httplib's 8 KiB.
  std::string many = "/api/events?";
  for (int i = 0; i < 40; ++i) many += "q" + std::to_string(i) + "=1&";
  ExpectError(many, 400);
  std::string longer =
      "/api/events?q=" + std::string(3000, 'a') + "&status=" + std::string(3000, 'b');
  ExpectError(longer, 400);
  httplib::Result too_long = c.Get(("/api/events?q=" + std::string(10000, 'a')).c_str());
  ASSERT_TRUE(too_long);
  EXPECT_EQ(too_long->status, 414);
}

TEST_F(ServeTest, RequestsRunningOutOfTimeAre503) {
  ServeOptions o;
  o.db = *db_;
  o.request_timeout_ms = 0;
  Running slow(o);
  httplib::Client c = slow.Client();
  httplib::Result r = c.Get("/api/entities?limit=500");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 503);
  EXPECT_NE(r->body.find("longer than"), std::string::npos);
}

TEST_F(ServeTest, WritesNeedTheToken) {
  ServeOptions o;
  o.db = (*dir_ / "writable.db").string();
  o.write_token = "s3cret";
  Running writable(o);
  httplib::Client c = writable.Client();
  c.set_read_timeout(120, 0);
  const std::string doc =
      R"({"url": "https://example.org/new", "title": "A new report", "outlet": "Example", )"
      R"("published": "2017-06-23", "text": "Shelling hit the port of Hodeidah on Friday, )"
      R"(killing three fishermen, the coast guard said."})"
      "\n";
  httplib::Result none = c.Post("/api/add", doc, "application/x-ndjson");
  ASSERT_TRUE(none);
  EXPECT_EQ(none->status, 401);
  httplib::Result wrong =
      c.Post("/api/add", {{"Authorization", "Bearer s3cres"}}, doc, "application/x-ndjson");
  ASSERT_TRUE(wrong);
  EXPECT_EQ(wrong->status, 401);
  const int before = json::parse(c.Get("/api/status")->body)["documents"];
  EXPECT_EQ(json::parse(c.Get("/api/search?q=fishermen")->body)["total"], 0);
  EXPECT_FALSE(json::parse(c.Get("/api/status")->body)["read_only"].get<bool>());
  httplib::Result bad = c.Post("/api/add", {{"Authorization", "Bearer s3cret"}}, "not json\n",
                               "application/x-ndjson");
  ASSERT_TRUE(bad);
  EXPECT_EQ(bad->status, 400) << bad->body;
  httplib::Result ok =
      c.Post("/api/add", {{"Authorization", "Bearer s3cret"}}, doc, "application/x-ndjson");
  ASSERT_TRUE(ok);
  ASSERT_EQ(ok->status, 200) << ok->body;
  EXPECT_EQ(json::parse(ok->body)["added"], 1);
  // The kept reuse candidate search queried the new article, not the whole corpus again.
  EXPECT_GE(json::parse(ok->body)["candidates_queried"].get<int>(), 1);
  EXPECT_LE(json::parse(ok->body)["candidates_queried"].get<int>(),
            json::parse(ok->body)["documents"].get<int>());
  EXPECT_EQ(json::parse(c.Get("/api/status")->body)["documents"], before + 1);
  EXPECT_EQ(json::parse(c.Get("/api/search?q=fishermen")->body)["total"], 1);

  // Readers keep answering while an add is in progress, with the picture before or after.
  std::string more;
  for (int i = 0; i < 6; ++i) {
    more += R"({"url": "https://example.org/more/)" + std::to_string(i) +
            R"(", "title": "Report )" + std::to_string(i) +
            R"(", "text": "Artillery struck the village of Kafr Nabl on Saturday, killing )" +
            std::to_string(i + 2) + R"( people, local medics said."})" + "\n";
  }
  std::atomic<bool> adding{true};
  std::thread add([&] {
    httplib::Client w = writable.Client();
    w.set_read_timeout(120, 0);
    httplib::Result r =
        w.Post("/api/add", {{"Authorization", "Bearer s3cret"}}, more, "application/x-ndjson");
    EXPECT_TRUE(r && r->status == 200);
    adding = false;
  });
  int answered = 0;
  while (adding) {
    httplib::Result st = c.Get("/api/status");
    ASSERT_TRUE(st);
    EXPECT_EQ(st->status, 200);
    const int n = json::parse(st->body)["documents"];
    EXPECT_TRUE(n == before + 1 || n == before + 7) << n;
    ++answered;
  }
  add.join();
  EXPECT_GT(answered, 0);
  EXPECT_EQ(json::parse(c.Get("/api/status")->body)["documents"], before + 7);
}

// The map outlines: embedded at build time when data/node_modules was installed, or from
// --data at run time (which wins); a --data without them is refused.
TEST_F(ServeTest, OutlinesFromTheDataFolder) {
  ServeOptions o;
  o.db = *db_;
  o.data_dir = (*dir_ / "no-such-data").string();
  EXPECT_FALSE(Server::Open(o).ok());
  fs::create_directories(*dir_ / "data/world-atlas");
  std::ofstream(*dir_ / "data/world-atlas/countries-50m.json") << R"({"type": "Topology"})";
  std::ofstream(*dir_ / "data/world-atlas/LICENSE") << "ISC";
  o.data_dir = (*dir_ / "data").string();
  Running from_data(o);
  httplib::Client c = from_data.Client();
  httplib::Result topo = c.Get("/assets/countries-50m.json");
  ASSERT_TRUE(topo);
  EXPECT_EQ(topo->status, 200);
  EXPECT_EQ(topo->body, R"({"type": "Topology"})");
  EXPECT_EQ(topo->get_header_value("Content-Type"), "application/json; charset=utf-8");
  httplib::Result license = c.Get("/assets/world-atlas-LICENSE.txt");
  ASSERT_TRUE(license);
  EXPECT_EQ(license->body, "ISC");
}

// A store written before the full-text index (no documents_fts): search falls back to
// LIKE, with the same escaping and marking.
TEST_F(ServeTest, SearchFallsBackToLikeWithoutTheIndex) {
  const fs::path old = *dir_ / "old.db";
  fs::copy_file(*db_, old, fs::copy_options::overwrite_existing);
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(old.c_str(), &db), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(db,
                         "DROP TRIGGER documents_fts_insert; DROP TRIGGER documents_fts_delete; "
                         "DROP TRIGGER documents_fts_update; DROP TABLE documents_fts;",
                         nullptr, nullptr, nullptr),
            SQLITE_OK);
  sqlite3_close(db);
  ServeOptions o;
  o.db = old.string();
  Running like(o);
  httplib::Client c = like.Client();
  EXPECT_EQ(json::parse(c.Get("/api/status")->body)["search"], "like");
  json found = json::parse(c.Get("/api/search?q=Mosque")->body);
  ASSERT_GT(found["total"].get<int>(), 1);
  EXPECT_EQ(found["search"], "like");
  EXPECT_NE(found["items"][0]["snippet"].get<std::string>().find("<mark>"), std::string::npos);
  json evil = json::parse(c.Get("/api/search?q=pwned")->body);
  ASSERT_EQ(evil["total"], 1);
  const std::string snippet = evil["items"][0]["snippet"];
  EXPECT_EQ(snippet.find("<script"), std::string::npos) << snippet;
  EXPECT_NE(snippet.find("<mark>pwned</mark>"), std::string::npos) << snippet;
  EXPECT_GT(json::parse(c.Get("/api/events?q=mosque")->body)["total"].get<int>(), 0);
  EXPECT_EQ(json::parse(c.Get("/api/documents?q=zzqqxx")->body)["total"], 0);
}

TEST(ServeOpen, RefusesWhatIsNotAStore) {
  ServeOptions o;
  o.db = "/nonexistent/corpus.db";
  EXPECT_FALSE(Server::Open(o).ok());
  const fs::path junk = fs::temp_directory_path() / "sitrep_serve_not_a_store.db";
  { std::ofstream(junk) << "not sqlite"; }
  o.db = junk.string();
  EXPECT_FALSE(Server::Open(o).ok());
  fs::remove(junk);
}

}  // namespace
}  // namespace sitrep::serve
