// Server: `sitrep serve` on a socket. cpp-httplib (Debian's libcpp-httplib) listens on
// ServeOptions::host:port (loopback by default), answers /api/... through Api (api.h), and
// serves the web UI (src/serve/ui, embedded in the binary at build time) at / and
// /assets/NAME, with the country outlines (world-atlas) when found (see assets.h).
//
// Every answer carries Content-Security-Policy "default-src 'self'", X-Content-Type-Options
// nosniff, X-Frame-Options DENY and Referrer-Policy no-referrer. Bounds: request bodies
// over max_body_bytes are refused with 413, URIs over 8 KiB with 414 (cpp-httplib), query
// strings over max_query_bytes and paths with "." or ".." segments with 400, and each
// request's store queries stop after request_timeout_ms (503). Errors are JSON. On a
// loopback address, a Host header naming anything but loopback is refused (403: DNS
// rebinding).
//
// The store is read through one read-only connection per worker thread (a pool), so
// answers keep coming while `sitrep add` writes. With a write token, POST /api/add adds
// JSON Lines documents through a Corpus opened for writing (one add at a time).
//
// Thread-safety: Stop() may be called from any thread (not from a signal handler: set a
// flag there and call Stop() from a thread); everything else from one thread.
#ifndef SITREP_SERVE_SERVER_H_
#define SITREP_SERVE_SERVER_H_

#include <memory>
#include <string>

#include "serve/api.h"
#include "sitrep/status.h"

namespace sitrep::serve {

class Server {
 public:
  // Checks that options.db is a readable store and loads the outlines; does not listen.
  static Result<std::unique_ptr<Server>> Open(ServeOptions options);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Binds host:port (port 0: an ephemeral one) and returns the bound port. Errors name
  // the address ("127.0.0.1:8080: cannot listen (in use?)").
  Result<int> Bind();

  // Answers requests until Stop(). Call after Bind().
  Status Run();

  // Makes Run() return once the requests in progress are answered.
  void Stop();

  // Where the map outlines come from: "embedded", a path, or "" (none: the UI draws the
  // places without them).
  const std::string& outlines_source() const;

 private:
  struct Impl;
  explicit Server(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace sitrep::serve

#endif  // SITREP_SERVE_SERVER_H_
