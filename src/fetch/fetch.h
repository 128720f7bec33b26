// Fetch: brings documents in over HTTP(S). A polite single-threaded crawler (Fetcher) on
// libcurl, and FetchDocuments, which turns URLs of pages and feeds into Documents.
//
// What the Fetcher guarantees for every request, the first and each redirect hop:
//   - only http:// and https:// URLs (anything else, file:// included, is an error before
//     any I/O; curl is also restricted to these two protocols);
//   - robots.txt honoured (FetchOptions::obey_robots): fetched once per scheme://host:port,
//     cached; 2xx parsed (first 512 KiB), 4xx = everything allowed, 5xx or unreachable =
//     everything disallowed (RFC 9309);
//   - at least FetchOptions::host_delay_seconds (or the site's Crawl-delay) between the
//     end of one request to a host and the start of the next;
//   - a body over FetchOptions::max_bytes aborts the transfer; a request over
//     timeout_seconds is abandoned; at most max_redirects redirects, and a redirect loop
//     is reported as one.
// Errors are values: Status messages start with the URL and name the problem ("<url>:
// HTTP 404", "<url>: timed out after 30 s", "<url>: larger than 1048576 bytes; aborted",
// "<url>: disallowed by robots.txt", "<url>: redirect loop (via <url2>)").
//
// Thread-safety: a Fetcher is not thread-safe (one per thread); FetchDocuments uses one
// Fetcher and fetches one URL at a time (politeness before speed).
#ifndef SITREP_FETCH_FETCH_H_
#define SITREP_FETCH_FETCH_H_

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "ingest/feed.h"
#include "ingest/ingest.h"
#include "sitrep/document.h"
#include "sitrep/options.h"
#include "sitrep/status.h"

namespace sitrep::fetch {

struct Response {
  std::string url;           // As requested.
  std::string final_url;     // After redirects.
  long status = 0;           // HTTP status of the final response (2xx).
  std::string content_type;  // Media type, lower-case, without parameters; may be empty.
  std::string charset;       // The Content-Type charset parameter, lower-case; may be empty.
  std::string body;
};

// The parts of an absolute http(s) URL.
struct UrlParts {
  std::string scheme;  // "http" or "https"
  std::string host;    // lower-case
  int port = 0;        // explicit or the scheme's default
  std::string path;    // path and query, "/" at least ("/a/b?x=1")
  std::string origin;  // "scheme://host:port"
};

// Splits `url`; InvalidInput ("<url>: not an http(s) URL" / "unsupported scheme") when
// it is not an absolute http or https URL.
Result<UrlParts> ParseUrl(const std::string& url);

// `reference` resolved against `base` (both URLs); nullopt when it cannot be.
std::optional<std::string> ResolveUrl(const std::string& base, const std::string& reference);

// "sitrep/<version>".
std::string DefaultUserAgent();

class Fetcher {
 public:
  explicit Fetcher(FetchOptions options = {});
  ~Fetcher();
  Fetcher(const Fetcher&) = delete;
  Fetcher& operator=(const Fetcher&) = delete;

  // GETs `url`, following redirects, under the guarantees in the file comment. A 2xx
  // response is a value; anything else an error naming the URL.
  Result<Response> Get(const std::string& url);

  // Whether robots.txt lets us fetch `url` (fetches and caches robots.txt on first use
  // for its site). Errors only for URLs ParseUrl refuses. Always true when
  // options.obey_robots is false.
  Result<bool> Allowed(const std::string& url);

  const FetchOptions& options() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// Decides whether a feed item is fetched: false skips it (e.g. its guid or link is
// already in the corpus). Items reach the filter with `link` made absolute.
using ItemFilter = std::function<bool(const ingest::FeedItem&)>;

// Fetches a feed and parses it; item links are made absolute against the feed's URL.
Result<ingest::Feed> FetchFeed(Fetcher& fetcher, const std::string& url);

// Documents from one fetched response, appended to `out`: a feed (recognised by content)
// becomes one document per item, each item's link fetched through `fetcher` and read
// as HTML (items the filter refuses are skipped; when an item's page cannot be fetched
// but the feed carries substantial content for it, that content is used, with a
// warning); an HTML page one document (charset from the Content-Type header, else the
// page's <meta>); text/plain one document. Documents get path = the URL as given,
// url = the page's URL after redirects (unless the page names a canonical one), an id
// from the host and path ("example.org-news-a"), and, from the feed item when the page
// lacks them, title, published date, author and the feed's title as outlet. Problems go
// to out.diagnostics under the URL.
void ReadResponse(Fetcher& fetcher, const Response& response, const IngestOptions& ingest,
                  const ItemFilter& keep_item, ingest::IngestResult& out);

// The public entry for `sitrep add URL...`: fetches every URL in order with one Fetcher
// (so robots.txt and politeness hold across them) and reads each (ReadResponse). One bad
// URL never stops the rest: each problem is a Diagnostic whose path is the URL. Ids are
// made unique (MakeIdsUnique). Fails as a whole only when libcurl cannot be initialised.
Result<std::vector<Document>> FetchDocuments(const std::vector<std::string>& urls,
                                             const FetchOptions& options,
                                             const IngestOptions& ingest,
                                             std::vector<Diagnostic>& diagnostics,
                                             const ItemFilter& keep_item = {});

// True when `arg` is an http:// or https:// URL (case-insensitive scheme); for the CLI to
// tell URLs from paths.
bool IsHttpUrl(std::string_view arg);

}  // namespace sitrep::fetch

#endif  // SITREP_FETCH_FETCH_H_
