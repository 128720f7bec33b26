#include "serve/server.h"

#include <httplib.h>

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <filesystem>
#include <fstream>
#include <map>
#include <mutex>
#include <sstream>
#include <thread>
#include <utility>
#include <vector>

#include "ingest/ingest.h"
#include "report/html.h"
#include "serve/assets.h"
#include "sitrep/corpus.h"
#include "store/reader.h"

namespace sitrep::serve {
namespace {

constexpr const char* kCsp =
    "default-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

// Read-only connections, one per request in progress, reused.
class ReaderPool {
 public:
  explicit ReaderPool(std::string path) : path_(std::move(path)) {}

  Result<std::unique_ptr<store::Reader>> Take() {
    {
      std::lock_guard<std::mutex> lock(mu_);
      if (!free_.empty()) {
        std::unique_ptr<store::Reader> r = std::move(free_.back());
        free_.pop_back();
        return r;
      }
    }
    return store::Reader::Open(path_);
  }
  void Give(std::unique_ptr<store::Reader> r) {
    std::lock_guard<std::mutex> lock(mu_);
    free_.push_back(std::move(r));
  }

 private:
  std::string path_;
  std::mutex mu_;
  std::vector<std::unique_ptr<store::Reader>> free_;
};

// At most `slots` holders at once, admitted in arrival order (a semaphore is not fair, and
// under load an unlucky request waited seconds while later ones went ahead).
class FairGate {
 public:
  explicit FairGate(unsigned slots) : slots_(slots) {}
  void Enter() {
    std::unique_lock<std::mutex> lock(mu_);
    const unsigned long long ticket = next_++;
    cv_.wait(lock, [&] { return ticket < left_ + slots_; });
  }
  void Leave() {
    {
      std::lock_guard<std::mutex> lock(mu_);
      ++left_;
    }
    cv_.notify_all();
  }

 private:
  const unsigned long long slots_;
  std::mutex mu_;
  std::condition_variable cv_;
  unsigned long long next_ = 0, left_ = 0;
};

std::string ReadFileBytes(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// True when a path segment is "." or ".." (also percent-decoded: cpp-httplib decodes).
bool HasDotSegment(const std::string& path) {
  size_t start = 0;
  while (start <= path.size()) {
    size_t end = path.find('/', start);
    if (end == std::string::npos) end = path.size();
    const std::string_view seg(path.data() + start, end - start);
    if (seg == "." || seg == "..") return true;
    start = end + 1;
  }
  return path.find('\\') != std::string::npos;
}

// True when a Host header names the loopback interface (any port), or is absent
// (HTTP/1.0).
bool LoopbackHost(std::string_view host) {
  if (host.empty()) return true;
  if (host.front() == '[') {
    const size_t close = host.find(']');
    return close != std::string_view::npos && host.substr(0, close + 1) == "[::1]";
  }
  host = host.substr(0, host.find(':'));
  return host == "127.0.0.1" || host == "localhost";
}

bool IsLoopbackAddress(const std::string& host) {
  return host == "127.0.0.1" || host == "localhost" || host == "::1";
}

}  // namespace

struct Server::Impl {
  ServeOptions options;
  std::unique_ptr<Api> api;
  std::unique_ptr<ReaderPool> readers;
  std::unique_ptr<Corpus> corpus;  // only with a write token
  std::mutex corpus_mu;
  std::map<std::string, std::string, std::less<>> files;  // run-time files (outlines)
  std::map<std::string_view, std::string_view, std::less<>> assets;
  std::string outlines;
  // Requests in the store at once: about one per core. More only time-share the cores (and
  // each one's deadline); the rest wait their turn before their deadline starts.
  FairGate busy{std::clamp(std::thread::hardware_concurrency(), 2u, 64u)};
  httplib::Server http;
  int port = 0;
  bool loopback = true;  // listening on loopback only: the Host header must say so too

  void Answer(const httplib::Request& req, httplib::Response& res);
  Result<std::string> Add(const std::string& body);
};

Result<std::string> Server::Impl::Add(const std::string& body) {
  // Documents without a url are keyed by this request (see docs/api.md).
  const auto now = std::chrono::system_clock::now().time_since_epoch();
  const std::string path =
      "api-add-" +
      std::to_string(std::chrono::duration_cast<std::chrono::microseconds>(now).count()) + ".jsonl";
  AnalyzeOptions analyze;
  ingest::IngestResult read;
  ingest::ReadBytes(path, body, "jsonl", analyze.ingest, read);
  if (read.documents.empty()) {
    std::string why = read.diagnostics.empty() ? "no documents" : read.diagnostics[0].message;
    return Status::InvalidInput("the body holds no readable JSON Lines document: " + why);
  }
  std::lock_guard<std::mutex> lock(corpus_mu);
  Result<AddSummary> s = corpus->AddDocuments(std::move(read.documents), analyze);
  if (!s.ok()) return s.status();
  nlohmann::json diagnostics = nlohmann::json::array();
  for (const Diagnostic& d : read.diagnostics) diagnostics.push_back(d.path + ": " + d.message);
  for (const Diagnostic& d : s->diagnostics) diagnostics.push_back(d.path + ": " + d.message);
  return nlohmann::json{{"read", s->read},
                        {"added", s->added},
                        {"new_versions", s->new_versions},
                        {"unchanged", s->unchanged},
                        {"documents", s->documents},
                        {"candidates_queried", s->candidates_queried},
                        {"diagnostics", std::move(diagnostics)}}
      .dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

void Server::Impl::Answer(const httplib::Request& req, httplib::Response& res) {
  auto send = [&](const ApiResponse& r) {
    res.status = r.status;
    if (!r.filename.empty()) {
      res.set_header("Content-Disposition", "attachment; filename=\"" + r.filename + "\"");
    }
    res.set_content(r.body, r.content_type);
  };
  const std::string& path = req.path;
  if (loopback && !LoopbackHost(req.get_header_value("Host"))) {
    // A page elsewhere that got its name resolved to 127.0.0.1 (DNS rebinding) must not
    // read the corpus through the visitor's browser.
    send(ErrorResponse(403, "this server answers only to 127.0.0.1, localhost or [::1]"));
    return;
  }
  if (HasDotSegment(path)) {
    send(ErrorResponse(400, "the path must not hold '.' or '..' segments or backslashes"));
    return;
  }
  if (path.rfind("/api/", 0) == 0) {
    res.set_header("Cache-Control", "no-store");
    ApiRequest a;
    a.method = req.method;
    a.path = path;
    size_t query_bytes = 0;
    for (const auto& [k, v] : req.params) {
      query_bytes += k.size() + v.size() + 2;
      a.params.emplace_back(k, v);
    }
    if (query_bytes > options.max_query_bytes) {
      send(ErrorResponse(400, "the query string is longer than " +
                                  std::to_string(options.max_query_bytes) + " bytes"));
      return;
    }
    a.body = req.body;
    a.authorization = req.get_header_value("Authorization");
    // One reader per request in the store, and at most one such request per core: the
    // pool holds about as many connections as cores, each with a warm page cache.
    // An add (which waits for the writer, not the store's readers) does not take a turn.
    const bool write = path == "/api/add";
    if (!write) busy.Enter();
    Result<std::unique_ptr<store::Reader>> reader = readers->Take();
    if (!reader.ok()) {
      if (!write) busy.Leave();
      send(ErrorResponse(503, "the store cannot be read: " + reader.status().message()));
      return;
    }
    ApiResponse answer = api->Handle(**reader, a);
    readers->Give(std::move(reader).value());
    if (!write) busy.Leave();
    send(answer);
    return;
  }
  if (req.method != "GET" && req.method != "HEAD") {
    send(ErrorResponse(405, path + " takes GET"));
    return;
  }
  std::string_view name;
  if (path == "/" || path == "/index.html") {
    name = "index.html";
  } else if (path.rfind("/assets/", 0) == 0) {
    name = std::string_view(path).substr(8);
  } else if (path == "/favicon.ico") {
    name = "favicon.svg";
  } else {
    send(ErrorResponse(404, "no such page: " + path + " (the UI is at /, the API under /api/)"));
    return;
  }
  res.set_header("Cache-Control", "no-cache");
  if (auto f = files.find(name); f != files.end()) {
    res.set_content(f->second, std::string(ContentTypeFor(name)));
    return;
  }
  if (auto a = assets.find(name); a != assets.end()) {
    res.set_content(std::string(a->second), std::string(ContentTypeFor(name)));
    return;
  }
  send(ErrorResponse(404, "no such asset: " + std::string(name)));
}

Server::Server(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Server::~Server() = default;

Result<std::unique_ptr<Server>> Server::Open(ServeOptions options) {
  auto impl = std::make_unique<Impl>();
  if (options.db.empty()) return Status::InvalidInput("no store given (--db)");
  if (!std::filesystem::exists(options.db)) {
    return Status::NotFound(options.db + ": no such store (build one with `sitrep add`)");
  }
  // Fails early on a file that is not a store.
  Result<std::unique_ptr<store::Reader>> first = store::Reader::Open(options.db);
  if (!first.ok()) return first.status();
  impl->readers = std::make_unique<ReaderPool>(options.db);
  impl->readers->Give(std::move(first).value());

  for (const Asset& a : EmbeddedAssets()) impl->assets.emplace(a.name, a.data);
  // Outlines: --data first, then the embedded copy, then the installed package.
  namespace fs = std::filesystem;
  fs::path outlines;
  if (!options.data_dir.empty()) {
    const fs::path dir(options.data_dir);
    for (const fs::path& p : {dir / "node_modules/world-atlas/countries-50m.json",
                              dir / "world-atlas/countries-50m.json", dir / "countries-50m.json"}) {
      if (fs::is_regular_file(p)) {
        outlines = p;
        break;
      }
    }
    if (outlines.empty()) {
      return Status::NotFound(options.data_dir +
                              ": no world-atlas countries-50m.json under this folder");
    }
  } else if (impl->assets.count("countries-50m.json")) {
    impl->outlines = "embedded";
  } else if (std::string found = report::FindMapData(); !found.empty()) {
    outlines = found;
  }
  if (!outlines.empty()) {
    impl->files.emplace("countries-50m.json", ReadFileBytes(outlines));
    const fs::path license = outlines.parent_path() / "LICENSE";
    if (fs::is_regular_file(license)) {
      impl->files.emplace("world-atlas-LICENSE.txt", ReadFileBytes(license));
    }
    impl->outlines = outlines.string();
  }

  AddFn add;
  if (!options.write_token.empty()) {
    Result<std::unique_ptr<Corpus>> corpus = Corpus::Open(options.db);
    if (!corpus.ok()) return corpus.status();
    impl->corpus = std::move(corpus).value();
    Impl* self = impl.get();
    add = [self](const std::string& body) { return self->Add(body); };
  }
  impl->loopback = IsLoopbackAddress(options.host);
  impl->api = std::make_unique<Api>(options, std::move(add));
  impl->options = std::move(options);

  httplib::Server& http = impl->http;
  const int threads = impl->options.threads;
  http.new_task_queue = [threads] { return new httplib::ThreadPool(threads); };
  http.set_payload_max_length(impl->options.max_body_bytes);
  http.set_read_timeout(5, 0);
  http.set_write_timeout(10, 0);
  http.set_keep_alive_max_count(1000);
  // Answers go out at once (without it Nagle's algorithm and delayed ACKs add ~40 ms to
  // every keep-alive request).
  http.set_tcp_nodelay(true);
  http.set_default_headers({{"Content-Security-Policy", kCsp},
                            {"X-Content-Type-Options", "nosniff"},
                            {"X-Frame-Options", "DENY"},
                            {"Referrer-Policy", "no-referrer"},
                            {"Cross-Origin-Resource-Policy", "same-origin"}});
  Impl* self = impl.get();
  auto handler = [self](const httplib::Request& req, httplib::Response& res) {
    self->Answer(req, res);
  };
  http.Get(".*", handler);
  http.Post(".*", handler);
  http.Put(".*", handler);
  http.Delete(".*", handler);
  http.Patch(".*", handler);
  http.Options(".*", handler);
  // Errors cpp-httplib answers itself (413 body too large, 414 URI too long, 400 bad
  // request line) get a JSON body like ours.
  const httplib::Server::HandlerWithResponse on_error = [](const httplib::Request&,
                                                           httplib::Response& res) {
    if (!res.body.empty()) return httplib::Server::HandlerResponse::Unhandled;
    const char* what = res.status == 413   ? "the request body is too large"
                       : res.status == 414 ? "the request URI is too long"
                       : res.status == 404 ? "not found"
                                           : "bad request";
    res.set_content(std::string("{\"error\": \"") + what + "\"}",
                    "application/json; charset=utf-8");
    return httplib::Server::HandlerResponse::Handled;
  };
  http.set_error_handler(on_error);
  http.set_exception_handler(
      [](const httplib::Request&, httplib::Response& res, std::exception_ptr) {
        res.status = 500;
        res.set_content("{\"error\": \"internal error\"}", "application/json; charset=utf-8");
      });
  return std::unique_ptr<Server>(new Server(std::move(impl)));
}

Result<int> Server::Bind() {
  const std::string& host = impl_->options.host;
  const int want = impl_->options.port;
  const std::string where = host + ":" + std::to_string(want);
  if (want < 0 || want > 65535) return Status::InvalidInput(where + ": not a port");
  int port = want;
  if (want == 0) {
    port = impl_->http.bind_to_any_port(host);
    if (port <= 0) return Status::IOError(where + ": cannot listen");
  } else if (!impl_->http.bind_to_port(host, want)) {
    return Status::IOError(where + ": cannot listen (address in use or not local?)");
  }
  impl_->port = port;
  return port;
}

Status Server::Run() {
  if (!impl_->http.listen_after_bind()) {
    return Status::IOError(impl_->options.host + ":" + std::to_string(impl_->port) +
                           ": the server stopped with an error");
  }
  return Status::Ok();
}

void Server::Stop() { impl_->http.stop(); }

const std::string& Server::outlines_source() const { return impl_->outlines; }

}  // namespace sitrep::serve
