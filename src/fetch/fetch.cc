#include "fetch/fetch.h"

#include <curl/curl.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <thread>
#include <utility>
#include <vector>

#include "base/utf8.h"
#include "fetch/robots.h"
#include "ingest/readers.h"
#include "sitrep/version.h"

namespace sitrep::fetch {
namespace {

using Clock = std::chrono::steady_clock;
constexpr size_t kMaxRobotsBytes = 512u << 10;
constexpr int kMaxRobotsRedirects = 5;

bool GlobalInit() {
  static std::once_flag once;
  static bool ok = false;
  std::call_once(once, [] { ok = curl_global_init(CURL_GLOBAL_DEFAULT) == CURLE_OK; });
  return ok;
}

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string Trim(std::string_view s) { return std::string(ingest::internal::TrimAscii(s)); }

// "text/html; charset=ISO-8859-1" -> {"text/html", "iso-8859-1"}.
std::pair<std::string, std::string> SplitContentType(std::string_view header) {
  const size_t semi = header.find(';');
  std::string type = Lower(Trim(header.substr(0, semi)));
  if (semi == std::string_view::npos) return {type, ""};
  const std::string params = Lower(header.substr(semi + 1));
  const size_t at = params.find("charset=");
  if (at == std::string::npos) return {type, ""};
  std::string charset = Trim(std::string_view(params).substr(at + 8));
  charset = charset.substr(0, charset.find_first_of(";, \t"));
  std::erase(charset, '"');
  std::erase(charset, '\'');
  return {type, charset};
}

std::string SecondsText(double s) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%g", s);
  return buf;
}

// One HTTP exchange, no redirect followed.
struct Transfer {
  size_t limit = 0;
  bool truncate = false;  // Keep the first `limit` bytes instead of failing.
  bool too_large = false;
  bool truncated = false;
  std::string body;
  long status = 0;
  std::string content_type;
  std::string redirect_url;
};

size_t WriteBody(char* data, size_t size, size_t count, void* user) {
  Transfer* t = static_cast<Transfer*>(user);
  const size_t n = size * count;
  if (t->body.size() + n > t->limit) {
    if (t->truncate) {
      t->body.append(data, t->limit - t->body.size());
      t->truncated = true;
    } else {
      t->too_large = true;
    }
    return 0;  // aborts the transfer (CURLE_WRITE_ERROR)
  }
  t->body.append(data, n);
  return n;
}

std::string GetPart(CURLU* h, CURLUPart part, unsigned flags = 0) {
  char* v = nullptr;
  if (curl_url_get(h, part, &v, flags) != CURLUE_OK || v == nullptr) return "";
  std::string out(v);
  curl_free(v);
  return out;
}

// The message of a Status without the "<url>: " it starts with (a Diagnostic has the
// URL in its path).
std::string WithoutPrefix(const std::string& message, const std::string& url) {
  if (message.rfind(url + ": ", 0) == 0) return message.substr(url.size() + 2);
  return message;
}

void AddDiag(std::vector<Diagnostic>& diagnostics, Diagnostic::Severity severity,
             const std::string& path, std::string message) {
  diagnostics.push_back({severity, path, std::move(message)});
}

// "example.org-news-a-b" from "https://example.org/news/a/b.html" (a query is kept:
// "example.org-a.php-id-3").
std::string UrlId(const std::string& url) {
  Result<UrlParts> parts = ParseUrl(url);
  std::string raw = parts.ok() ? parts->host + parts->path : url;
  // Drop a trailing extension of the last segment, as file ids do.
  const size_t slash = raw.find_last_of('/');
  const size_t dot = raw.find_last_of('.');
  const size_t query = raw.find('?');
  if (dot != std::string::npos && slash != std::string::npos && dot > slash + 1 &&
      query == std::string::npos) {
    raw.erase(dot);
  }
  std::string id;
  for (char c : raw) {
    const bool keep = std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '_';
    if (keep) {
      id += c;
    } else if (!id.empty() && id.back() != '-') {
      id += '-';
    }
  }
  while (!id.empty() && id.back() == '-') id.pop_back();
  if (id.size() > 120) id.resize(120);
  return id.empty() ? "page" : id;
}

}  // namespace

bool IsHttpUrl(std::string_view arg) {
  const std::string head = Lower(arg.substr(0, 8));
  return head.rfind("http://", 0) == 0 || head.rfind("https://", 0) == 0;
}

std::string DefaultUserAgent() { return std::string("sitrep/") + SITREP_VERSION; }

Result<UrlParts> ParseUrl(const std::string& url) {
  CURLU* h = curl_url();
  if (h == nullptr) return Status::Internal(url + ": out of memory");
  const CURLUcode rc = curl_url_set(h, CURLUPART_URL, url.c_str(), CURLU_NON_SUPPORT_SCHEME);
  if (rc != CURLUE_OK) {
    curl_url_cleanup(h);
    return Status::InvalidInput(url + ": not an absolute http(s) URL (" + curl_url_strerror(rc) +
                                ")");
  }
  UrlParts p;
  p.scheme = Lower(GetPart(h, CURLUPART_SCHEME));
  if (p.scheme != "http" && p.scheme != "https") {
    curl_url_cleanup(h);
    return Status::InvalidInput(url + ": unsupported scheme '" + p.scheme +
                                "' (only http and https are fetched)");
  }
  p.host = Lower(GetPart(h, CURLUPART_HOST));
  const std::string port = GetPart(h, CURLUPART_PORT, CURLU_DEFAULT_PORT);
  p.port = std::atoi(port.c_str());
  p.path = GetPart(h, CURLUPART_PATH);
  if (p.path.empty()) p.path = "/";
  const std::string query = GetPart(h, CURLUPART_QUERY);
  if (!query.empty()) p.path += "?" + query;
  curl_url_cleanup(h);
  if (p.host.empty()) return Status::InvalidInput(url + ": no host");
  p.origin = p.scheme + "://" + p.host + ":" + std::to_string(p.port);
  return p;
}

std::optional<std::string> ResolveUrl(const std::string& base, const std::string& reference) {
  CURLU* h = curl_url();
  if (h == nullptr) return std::nullopt;
  std::optional<std::string> out;
  if (curl_url_set(h, CURLUPART_URL, base.c_str(), CURLU_NON_SUPPORT_SCHEME) == CURLUE_OK &&
      curl_url_set(h, CURLUPART_URL, reference.c_str(), CURLU_NON_SUPPORT_SCHEME) == CURLUE_OK) {
    std::string url = GetPart(h, CURLUPART_URL);
    if (!url.empty()) out = std::move(url);
  }
  curl_url_cleanup(h);
  return out;
}

struct Fetcher::Impl {
  struct SiteRobots {
    RobotsRules rules;
    std::string note;  // why everything is disallowed, when it is
  };

  FetchOptions options;
  std::string agent;
  std::string token;
  CURL* curl = nullptr;
  std::map<std::string, SiteRobots> robots;               // by origin
  std::map<std::string, Clock::time_point> last_by_host;  // end of the last request

  explicit Impl(FetchOptions o) : options(std::move(o)) {
    agent = options.user_agent.empty() ? DefaultUserAgent() : options.user_agent;
    token = ProductToken(agent);
    if (GlobalInit()) curl = curl_easy_init();
  }
  ~Impl() {
    if (curl != nullptr) curl_easy_cleanup(curl);
  }

  double DelayFor(const UrlParts& u) const {
    double delay = std::max(0.0, options.host_delay_seconds);
    if (auto it = robots.find(u.origin); it != robots.end() && it->second.rules.crawl_delay()) {
      delay = std::max(delay, std::min(*it->second.rules.crawl_delay(),
                                       std::max(0.0, options.max_crawl_delay_seconds)));
    }
    return delay;
  }

  void Wait(const UrlParts& u) {
    auto it = last_by_host.find(u.host);
    if (it == last_by_host.end()) return;
    const auto next = it->second + std::chrono::duration_cast<Clock::duration>(
                                       std::chrono::duration<double>(DelayFor(u)));
    std::this_thread::sleep_until(next);
  }

  // One request to `url` (already checked). `label` is the URL the caller asked for,
  // which error messages name.
  Status Exchange(const std::string& label, const std::string& url, const UrlParts& parts,
                  Transfer& t) {
    if (curl == nullptr) return Status::Internal(label + ": libcurl could not be initialised");
    Wait(parts);
    char error[CURL_ERROR_SIZE] = {0};
    curl_easy_reset(curl);
    curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
    curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(curl, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(curl, CURLOPT_FOLLOWLOCATION, 0L);
    curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(curl, CURLOPT_HTTPGET, 1L);
    curl_easy_setopt(curl, CURLOPT_USERAGENT, agent.c_str());
    curl_easy_setopt(curl, CURLOPT_ACCEPT_ENCODING, "");  // any curl decodes
    curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS,
                     static_cast<long>(std::llround(options.timeout_seconds * 1000)));
    curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT_MS,
                     static_cast<long>(std::llround(options.connect_timeout_seconds * 1000)));
    if (!t.truncate) {
      curl_easy_setopt(curl, CURLOPT_MAXFILESIZE_LARGE, static_cast<curl_off_t>(t.limit));
    }
    curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, WriteBody);
    curl_easy_setopt(curl, CURLOPT_WRITEDATA, &t);
    curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, error);
    const CURLcode rc = curl_easy_perform(curl);
    last_by_host[parts.host] = Clock::now();
    curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &t.status);
    char* type = nullptr;
    if (curl_easy_getinfo(curl, CURLINFO_CONTENT_TYPE, &type) == CURLE_OK && type != nullptr) {
      t.content_type = type;
    }
    char* location = nullptr;
    if (curl_easy_getinfo(curl, CURLINFO_REDIRECT_URL, &location) == CURLE_OK &&
        location != nullptr) {
      t.redirect_url = location;
    }
    curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, nullptr);
    if (rc == CURLE_OK || (rc == CURLE_WRITE_ERROR && t.truncated)) return Status::Ok();
    const std::string where = label == url ? label : label + " (at " + url + ")";
    if (rc == CURLE_FILESIZE_EXCEEDED || t.too_large) {
      return Status::IOError(where + ": larger than " + std::to_string(t.limit) +
                             " bytes; aborted");
    }
    if (rc == CURLE_OPERATION_TIMEDOUT) {
      return Status::IOError(where + ": timed out after " + SecondsText(options.timeout_seconds) +
                             " s");
    }
    const std::string detail = error[0] != '\0' ? error : curl_easy_strerror(rc);
    switch (rc) {
      case CURLE_COULDNT_RESOLVE_HOST:
        return Status::IOError(where + ": cannot resolve host (" + detail + ")");
      case CURLE_COULDNT_CONNECT:
        return Status::IOError(where + ": cannot connect (" + detail + ")");
      default:
        return Status::IOError(where + ": " + detail);
    }
  }

  const SiteRobots& RobotsFor(const UrlParts& site) {
    if (auto it = robots.find(site.origin); it != robots.end()) return it->second;
    SiteRobots entry;
    std::string url =
        site.scheme + "://" + site.host + ":" + std::to_string(site.port) + "/robots.txt";
    const std::string label = url;
    for (int hop = 0;; ++hop) {
      Result<UrlParts> parts = ParseUrl(url);
      if (!parts.ok()) {
        entry.rules = RobotsRules();  // a robots.txt redirecting off the web: none
        break;
      }
      Transfer t;
      t.limit = kMaxRobotsBytes;
      t.truncate = true;
      const Status s = Exchange(label, url, *parts, t);
      if (!s.ok()) {
        entry.rules = RobotsRules::DisallowAll();
        entry.note = "robots.txt unreachable: " + WithoutPrefix(s.message(), label);
        break;
      }
      if (t.status >= 300 && t.status < 400 && !t.redirect_url.empty() &&
          hop < kMaxRobotsRedirects) {
        url = t.redirect_url;
        continue;
      }
      if (t.status >= 200 && t.status < 300) {
        entry.rules = RobotsRules::Parse(t.body, token);
      } else if (t.status >= 500 || t.status == 429) {
        entry.rules = RobotsRules::DisallowAll();
        entry.note = "robots.txt unreachable (HTTP " + std::to_string(t.status) + ")";
      }  // 3xx without end, other 4xx: no rules, everything allowed.
      break;
    }
    return robots.emplace(site.origin, std::move(entry)).first->second;
  }

  // InvalidInput/IOError naming `label` when robots.txt forbids `parts`.
  Status CheckRobots(const std::string& label, const std::string& url, const UrlParts& parts) {
    if (!options.obey_robots) return Status::Ok();
    const SiteRobots& r = RobotsFor(parts);
    if (r.rules.Allowed(parts.path)) return Status::Ok();
    std::string msg =
        label + ": disallowed by " + parts.scheme + "://" + parts.host +
        (parts.port == (parts.scheme == "https" ? 443 : 80) ? std::string()
                                                            : ":" + std::to_string(parts.port)) +
        "/robots.txt";
    if (url != label) msg += " (redirected to " + url + ")";
    if (!r.note.empty()) msg += "; " + r.note;
    return Status::IOError(msg);
  }
};

Fetcher::Fetcher(FetchOptions options) : impl_(std::make_unique<Impl>(std::move(options))) {}
Fetcher::~Fetcher() = default;

const FetchOptions& Fetcher::options() const { return impl_->options; }

Result<bool> Fetcher::Allowed(const std::string& url) {
  Result<UrlParts> parts = ParseUrl(url);
  if (!parts.ok()) return parts.status();
  if (!impl_->options.obey_robots) return true;
  return impl_->RobotsFor(*parts).rules.Allowed(parts->path);
}

Result<Response> Fetcher::Get(const std::string& url) {
  std::string current = url;
  std::set<std::string> seen = {url};
  for (int hop = 0;; ++hop) {
    Result<UrlParts> parts = ParseUrl(current);
    if (!parts.ok()) {
      if (current == url) return parts.status();
      return Status::InvalidInput(url + ": redirected to " + parts.status().message());
    }
    SITREP_RETURN_IF_ERROR(impl_->CheckRobots(url, current, *parts));
    Transfer t;
    t.limit = impl_->options.max_bytes;
    SITREP_RETURN_IF_ERROR(impl_->Exchange(url, current, *parts, t));
    if (t.status >= 300 && t.status < 400 && !t.redirect_url.empty()) {
      if (hop >= impl_->options.max_redirects) {
        return Status::IOError(url + ": too many redirects (more than " +
                               std::to_string(impl_->options.max_redirects) + ")");
      }
      if (!seen.insert(t.redirect_url).second) {
        return Status::IOError(url + ": redirect loop (via " + t.redirect_url + ")");
      }
      current = t.redirect_url;
      continue;
    }
    if (t.status < 200 || t.status >= 300) {
      std::string msg = url + ": HTTP " + std::to_string(t.status);
      if (current != url) msg += " (at " + current + ")";
      return Status::IOError(msg);
    }
    Response r;
    r.url = url;
    r.final_url = current;
    r.status = t.status;
    std::tie(r.content_type, r.charset) = SplitContentType(t.content_type);
    r.body = std::move(t.body);
    return r;
  }
}

Result<ingest::Feed> FetchFeed(Fetcher& fetcher, const std::string& url) {
  Result<Response> r = fetcher.Get(url);
  if (!r.ok()) return r.status();
  Result<ingest::Feed> feed = ingest::ParseFeed(r->body, url);
  if (!feed.ok()) return feed.status();
  for (ingest::FeedItem& item : feed->items) {
    if (item.link.empty()) continue;
    if (std::optional<std::string> abs = ResolveUrl(r->final_url, item.link)) item.link = *abs;
  }
  return feed;
}

namespace {

// An HTML or plain-text response read into `out` (appends at most one document).
void ReadPage(const Response& r, const IngestOptions& ingest, ingest::IngestResult& out) {
  using ingest::internal::LooksBinary;
  using ingest::internal::LooksLikeHtml;
  const std::string& path = r.url;
  if (ingest::internal::TrimAscii(r.body).empty()) {
    AddDiag(out.diagnostics, Diagnostic::Severity::kError, path, "empty response");
    return;
  }
  if (r.body.size() > ingest.max_file_bytes) {
    AddDiag(out.diagnostics, Diagnostic::Severity::kError, path,
            "response too large (" + std::to_string(r.body.size()) + " bytes; limit " +
                std::to_string(ingest.max_file_bytes) + "); skipped");
    return;
  }
  const std::string& type = r.content_type;
  const bool html_type = type == "text/html" || type == "application/xhtml+xml";
  const bool text_type = type == "text/plain";
  if (!html_type && !text_type && !(type.empty() || type == "application/octet-stream")) {
    AddDiag(out.diagnostics, Diagnostic::Severity::kError, path,
            "unsupported content type '" + type + "'; skipped");
    return;
  }
  if (LooksBinary(r.body, ingest.binary_threshold)) {
    AddDiag(out.diagnostics, Diagnostic::Severity::kError, path, "binary response skipped");
    return;
  }
  if (html_type || (!text_type && LooksLikeHtml(r.body))) {
    ingest::internal::ReadHtml(path, r.body, ingest, out, r.charset);
    return;
  }
  // Plain text: the declared charset when the bytes are not UTF-8 already.
  if (!r.charset.empty() && !base::IsValidUtf8(r.body)) {
    if (std::optional<std::string> utf8 =
            ingest::internal::ConvertToUtf8(r.body, r.charset.c_str())) {
      ingest::internal::ReadText(path, *utf8, out);
      return;
    }
  }
  ingest::internal::ReadText(path, r.body, out);
}

// Gives a fetched page's document its URL, id and, where the page said nothing, what
// the feed knew about it.
void FinishDocument(Document& doc, const Response& r, const ingest::Feed* feed,
                    const ingest::FeedItem* item) {
  doc.path = r.url;
  doc.id = UrlId(r.final_url);
  if (!doc.url) doc.url = r.final_url;
  doc.meta.emplace_back("fetch:url", r.final_url);
  if (item == nullptr) return;
  if (!doc.title && !item->title.empty()) doc.meta.emplace_back("feed:title", item->title);
  if (!doc.published && !item->published.empty()) {
    doc.published = item->published;
    doc.published_basis = "metadata";
  }
  if (!item->published_raw.empty()) doc.meta.emplace_back("feed:date", item->published_raw);
  if (!doc.author && !item->author.empty()) doc.author = item->author;
  if (!item->guid.empty()) doc.meta.emplace_back("feed:guid", item->guid);
  if (feed != nullptr && !feed->title.empty()) doc.meta.emplace_back("feed:outlet", feed->title);
  if (!doc.language && feed != nullptr && !feed->language.empty()) doc.language = feed->language;
}

void ReadFeedResponse(Fetcher& fetcher, const Response& r, const IngestOptions& ingest,
                      const ItemFilter& keep_item, ingest::IngestResult& out) {
  Result<ingest::Feed> parsed = ingest::ParseFeed(r.body, r.url);
  if (!parsed.ok()) {
    AddDiag(out.diagnostics, Diagnostic::Severity::kError, r.url,
            WithoutPrefix(parsed.status().message(), r.url));
    return;
  }
  ingest::Feed& feed = *parsed;
  if (feed.items.empty()) {
    AddDiag(out.diagnostics, Diagnostic::Severity::kWarning, r.url, "feed has no items");
    return;
  }
  for (size_t i = 0; i < feed.items.size(); ++i) {
    ingest::FeedItem& item = feed.items[i];
    if (!item.link.empty()) {
      if (std::optional<std::string> abs = ResolveUrl(r.final_url, item.link)) item.link = *abs;
    }
    if (keep_item && !keep_item(item)) continue;
    const std::string where = "item " + std::to_string(i + 1);
    Status failure;
    if (IsHttpUrl(item.link)) {
      Result<Response> page = fetcher.Get(item.link);
      if (page.ok()) {
        const size_t first = out.documents.size();
        ReadPage(*page, ingest, out);
        for (size_t d = first; d < out.documents.size(); ++d) {
          FinishDocument(out.documents[d], *page, &feed, &item);
        }
        continue;
      }
      failure = page.status();
    } else {
      failure = Status::InvalidInput(where + " has no http(s) link");
    }
    // The page could not be had: the feed's own content, when it is substantial.
    Document doc;
    std::vector<Diagnostic> item_diagnostics;
    const bool have = ingest::ItemDocument(feed, item, i, r.url, ingest, doc, item_diagnostics);
    const std::string problem = WithoutPrefix(failure.message(), item.link);
    if (have) {
      doc.id = item.link.empty() ? doc.id : UrlId(item.link);
      AddDiag(out.diagnostics, Diagnostic::Severity::kWarning,
              item.link.empty() ? r.url : item.link,
              problem + "; read the feed's content for the item instead");
      out.documents.push_back(std::move(doc));
    } else {
      AddDiag(out.diagnostics, Diagnostic::Severity::kError, item.link.empty() ? r.url : item.link,
              problem);
    }
  }
}

}  // namespace

void ReadResponse(Fetcher& fetcher, const Response& response, const IngestOptions& ingest,
                  const ItemFilter& keep_item, ingest::IngestResult& out) {
  if (ingest::LooksLikeFeed(response.body)) {
    ReadFeedResponse(fetcher, response, ingest, keep_item, out);
    return;
  }
  const size_t first = out.documents.size();
  ReadPage(response, ingest, out);
  for (size_t d = first; d < out.documents.size(); ++d) {
    FinishDocument(out.documents[d], response, nullptr, nullptr);
  }
}

Result<std::vector<Document>> FetchDocuments(const std::vector<std::string>& urls,
                                             const FetchOptions& options,
                                             const IngestOptions& ingest,
                                             std::vector<Diagnostic>& diagnostics,
                                             const ItemFilter& keep_item) {
  if (!GlobalInit()) return Status::Internal("libcurl could not be initialised");
  Fetcher fetcher(options);
  ingest::IngestResult out;
  for (const std::string& url : urls) {
    Result<Response> r = fetcher.Get(url);
    if (!r.ok()) {
      AddDiag(out.diagnostics, Diagnostic::Severity::kError, url,
              WithoutPrefix(r.status().message(), url));
      continue;
    }
    ReadResponse(fetcher, *r, ingest, keep_item, out);
  }
  ingest::MakeIdsUnique(out.documents);
  for (Diagnostic& d : out.diagnostics) diagnostics.push_back(std::move(d));
  return std::move(out.documents);
}

}  // namespace sitrep::fetch
