// The JSON API of `sitrep serve` (docs/api.md): the routes under /api/ answered from a
// store, read through a store::Reader. This file knows HTTP only as plain structs
// (ApiRequest in, ApiResponse out); server.h puts it on a socket.
//
// Every answer is JSON (exports: CSV or GeoJSON). Errors are {"error": "..."} with a 4xx
// status that names the problem: 400 a parameter that the route does not take or whose
// value is malformed, 401 a write without the right token, 403 a write to a read-only
// server, 404 an unknown route or id, 405 a method the route does not answer, 413 a body
// over the limit, 503 a request that ran out of time. Lists are paged (`offset`,
// `limit`, capped at ServeOptions::max_limit) and say their `total`.
//
// The picture (events, entities, timeline, reuse ...) is the store's latest run; the
// documents are every stored document.
//
// Thread-safety: Handle() may be called from several threads at once, each with its own
// Reader. The optional writer (POST /api/add) is serialized inside; the answer cache
// (ServeOptions::cache_bytes) has its own lock.
#ifndef SITREP_SERVE_API_H_
#define SITREP_SERVE_API_H_

#include <cstddef>
#include <functional>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "sitrep/status.h"
#include "store/reader.h"

namespace sitrep::serve {

// Options of `sitrep serve`; the CLI takes its defaults from here.
struct ServeOptions {
  std::string db;                  // the store (a corpus from `sitrep add`, or analyze --store)
  std::string host = "127.0.0.1";  // address to listen on; loopback unless asked
  int port = 8080;                 // 0 = an ephemeral port (Server::Bind says which)
  // Empty: read-only. Otherwise POST /api/add with "Authorization: Bearer TOKEN" adds
  // documents to the corpus.
  std::string write_token;
  // Folder with the map outlines at run time (DIR/node_modules/world-atlas/, or
  // DIR/world-atlas/, or DIR/countries-50m.json); empty = those embedded at build time,
  // else the installed world-atlas (report::FindMapData).
  std::string data_dir;
  size_t default_limit = 50;         // list items when `limit` is not given
  size_t max_limit = 500;            // largest `limit` honoured (larger ones are capped)
  size_t max_copy_edges = 5000;      // copy-graph pairs per answer (default and cap)
  size_t max_mentions = 2000;        // mentions listed with one entity
  size_t max_export_rows = 100000;   // rows of one CSV/GeoJSON export
  int request_timeout_ms = 5000;     // a request's store queries must finish within this
  size_t max_body_bytes = 4u << 20;  // largest request body (POST /api/add), bytes
  size_t max_query_bytes = 4096;     // longest query string, bytes
  size_t max_param_bytes = 512;      // longest single parameter value or path id, bytes
  int threads = 64;                  // worker threads (one per open connection)
  // Answers kept in memory while the store's picture is unchanged (its latest run):
  // repeated requests (the UI's overview, timeline, status) are then not recomputed.
  // Bytes of answer bodies; 0 = no cache.
  size_t cache_bytes = 64u << 20;
};

struct ApiRequest {
  std::string method;                                       // GET, POST, ...
  std::string path;                                         // decoded, starting with /api/
  std::vector<std::pair<std::string, std::string>> params;  // decoded query parameters
  std::string body;
  std::string authorization;  // the Authorization header
};

struct ApiResponse {
  int status = 200;
  std::string content_type = "application/json; charset=utf-8";
  std::string body;
  std::string filename;  // set: sent as an attachment with this name (exports)
};

// Adds the documents of a POST /api/add body (JSON Lines or a JSON array of
// {id?, url?, title?, text, published?, outlet?, author?}) to the corpus; returns the
// JSON summary. Supplied by the server when it was started with a write token.
using AddFn = std::function<Result<std::string>(const std::string& body)>;

class Api {
 public:
  explicit Api(ServeOptions options, AddFn add = {});
  ~Api();

  // Answers one request from `reader`'s store. Never throws.
  ApiResponse Handle(store::Reader& reader, const ApiRequest& request) const;

  const ServeOptions& options() const { return options_; }

 private:
  ServeOptions options_;
  AddFn add_;
  struct Cache;
  std::unique_ptr<Cache> cache_;  // null when options_.cache_bytes is 0
};

// {"error": message} with `status`.
ApiResponse ErrorResponse(int status, const std::string& message);

}  // namespace sitrep::serve

#endif  // SITREP_SERVE_API_H_
