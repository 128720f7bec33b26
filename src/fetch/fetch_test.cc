// The Fetcher and FetchDocuments against an HTTP server the test runs on 127.0.0.1 (an
// ephemeral port; no other address is ever contacted): pages, charsets, redirects and
// loops, timeouts, size limits, robots.txt, politeness, feeds by URL, bad URLs.
#include "fetch/fetch.h"

#include <gtest/gtest.h>
#include <httplib.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "base/utf8.h"

namespace sitrep::fetch {
namespace {

using Clock = std::chrono::steady_clock;

std::string Paragraphs(const std::string& topic) {
  std::string s;
  for (int i = 0; i < 6; ++i) {
    s += "<p>The " + topic + " report number " + std::to_string(i) +
         " describes the flooding along the river and the response of the council.</p>";
  }
  return s;
}

std::string Page(const std::string& title, const std::string& topic) {
  return "<!DOCTYPE html><html><head><title>" + title + "</title></head><body><h1>" + title +
         "</h1>" + Paragraphs(topic) + "</body></html>";
}

// An HTTP server on 127.0.0.1 for one test, logging what it was asked.
class TestServer {
 public:
  struct Hit {
    std::string path;
    std::string user_agent;
    Clock::time_point at;
  };

  TestServer() {
    // Logged when the request arrives, before any response is sent (no race with the
    // client's reading of the log).
    svr_.set_pre_routing_handler([this](const httplib::Request& req, httplib::Response&) {
      std::lock_guard<std::mutex> lock(mu_);
      hits_.push_back({req.path, req.get_header_value("User-Agent"), Clock::now()});
      return httplib::Server::HandlerResponse::Unhandled;
    });
  }
  ~TestServer() { Stop(); }

  httplib::Server& server() { return svr_; }

  void Start() {
    port_ = svr_.bind_to_any_port("127.0.0.1");
    ASSERT_GT(port_, 0);
    thread_ = std::thread([this] { svr_.listen_after_bind(); });
    for (int i = 0; i < 200 && !svr_.is_running(); ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
  }
  void Stop() {
    if (thread_.joinable()) {
      svr_.stop();
      thread_.join();
    }
  }
  std::string Url(const std::string& path) const {
    return "http://127.0.0.1:" + std::to_string(port_) + path;
  }
  int port() const { return port_; }
  std::vector<Hit> hits() {
    std::lock_guard<std::mutex> lock(mu_);
    return hits_;
  }
  size_t Count(const std::string& path) {
    size_t n = 0;
    for (const Hit& h : hits()) n += h.path == path;
    return n;
  }

 private:
  httplib::Server svr_;
  std::thread thread_;
  int port_ = 0;
  std::mutex mu_;
  std::vector<Hit> hits_;
};

void Html(httplib::Server& s, const std::string& path, std::string body,
          std::string type = "text/html; charset=utf-8") {
  s.Get(path, [body, type](const httplib::Request&, httplib::Response& res) {
    res.set_content(body, type.c_str());
  });
}

void Redirect(httplib::Server& s, const std::string& path, std::string to) {
  s.Get(path, [to](const httplib::Request&, httplib::Response& res) { res.set_redirect(to); });
}

std::string RssFeed(const std::string& items) {
  return "<?xml version=\"1.0\" encoding=\"UTF-8\"?><rss version=\"2.0\" "
         "xmlns:content=\"http://purl.org/rss/1.0/modules/content/\"><channel>"
         "<title>Test Wire</title><link>http://127.0.0.1/</link><language>en</language>" +
         items + "</channel></rss>";
}

std::string Item(const std::string& title, const std::string& link, const std::string& date,
                 const std::string& content) {
  return "<item><title>" + title + "</title><link>" + link + "</link><guid>" + title +
         "-guid</guid><pubDate>" + date + "</pubDate><description><![CDATA[" + content +
         "]]></description></item>";
}

class FetchTest : public ::testing::Test {
 protected:
  void SetUp() override {
    httplib::Server& s = server_.server();
    Html(s, "/robots.txt",
         "User-agent: *\nDisallow: /private\n\nUser-agent: otherbot\nDisallow: /\n", "text/plain");
    Html(s, "/news/page.html", Page("Flood warning", "first"));
    Html(s, "/news/second.html", Page("Second story", "second"));
    Html(s, "/private/secret.html", Page("Secret", "secret"));
    // windows-1252 / ISO-8859-1 bytes, charset only in the header.
    Html(s, "/latin1",
         "<html><body><p>Caf\xE9 na\xEFve r\xE9sum\xE9 \x93quoted\x94</p></body></html>",
         "text/html; charset=ISO-8859-1");
    // windows-1251 Cyrillic ("Привет мир"), charset only in the header.
    Html(s, "/cyrillic", "<html><body><p>\xCF\xF0\xE8\xE2\xE5\xF2 \xEC\xE8\xF0</p></body></html>",
         "text/html; charset=\"windows-1251\"");
    Html(s, "/plain.txt", "Flood update\n\nThe river rose by two metres overnight.\n",
         "text/plain; charset=utf-8");
    Html(s, "/doc.pdf", "%PDF-1.4 binary", "application/pdf");
    Redirect(s, "/old", "/news/page.html");
    Redirect(s, "/loop-a", "/loop-b");
    Redirect(s, "/loop-b", "/loop-a");
    for (int i = 1; i <= 8; ++i) {
      Redirect(s, "/chain" + std::to_string(i), "/chain" + std::to_string(i + 1));
    }
    Html(s, "/chain9", Page("End of chain", "chain"));
    Redirect(s, "/to-private", "/private/secret.html");
    Redirect(s, "/to-file", "file:///etc/passwd");
    s.Get("/missing", [](const httplib::Request&, httplib::Response& res) {
      res.status = 404;
      res.set_content("no", "text/plain");
    });
    s.Get("/slow", [](const httplib::Request&, httplib::Response& res) {
      std::this_thread::sleep_for(std::chrono::milliseconds(1500));
      res.set_content(Page("Slow", "slow"), "text/html");
    });
    Html(s, "/big", "<html><body><p>" + std::string(300000, 'x') + "</p></body></html>");
    s.Get("/big-chunked", [](const httplib::Request&, httplib::Response& res) {
      res.set_chunked_content_provider("text/html", [](size_t offset, httplib::DataSink& sink) {
        if (offset > 2000000) {
          sink.done();
          return true;
        }
        const std::string chunk(16384, 'y');
        return sink.write(chunk.data(), chunk.size());
      });
    });
    const std::string long_content =
        "<p>" + std::string(50, 'a') + " " + Paragraphs("feed") + "</p>";
    Html(s, "/feed.rss",
         RssFeed(
             Item("One", "/news/page.html", "Wed, 08 Mar 2023 10:00:00 GMT", "teaser") +
             Item("Two", "second.html", "Thu, 09 Mar 2023 10:00:00 GMT", "teaser") +
             Item("Hidden", "/private/item.html", "Fri, 10 Mar 2023 10:00:00 GMT", long_content) +
             Item("Gone", "/missing", "Sat, 11 Mar 2023 10:00:00 GMT", "teaser")),
         "application/rss+xml");
    Html(s, "/atom",
         "<?xml version=\"1.0\"?><feed xmlns=\"http://www.w3.org/2005/Atom\"><title>Atom "
         "Wire</title><entry><title>A</title><link href=\"/news/second.html\"/><id>urn:a</id>"
         "<updated>2023-04-01T00:00:00Z</updated></entry></feed>",
         "application/atom+xml");
    Html(s, "/malformed.xml", "<?xml version=\"1.0\"?><rss><channel><item></channel></rss>",
         "application/xml");
    server_.Start();
    options_.host_delay_seconds = 0;
    options_.timeout_seconds = 5;
  }

  TestServer server_;
  FetchOptions options_;
};

TEST_F(FetchTest, GetsAPageWithOurUserAgent) {
  Fetcher f(options_);
  Result<Response> r = f.Get(server_.Url("/news/page.html"));
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->status, 200);
  EXPECT_EQ(r->content_type, "text/html");
  EXPECT_EQ(r->charset, "utf-8");
  EXPECT_EQ(r->final_url, server_.Url("/news/page.html"));
  EXPECT_NE(r->body.find("Flood warning"), std::string::npos);
  const std::vector<TestServer::Hit> hits = server_.hits();
  ASSERT_EQ(hits.size(), 2u);  // robots.txt, then the page
  EXPECT_EQ(hits[0].path, "/robots.txt");
  for (const auto& h : hits) EXPECT_EQ(h.user_agent, DefaultUserAgent());
  EXPECT_EQ(DefaultUserAgent().rfind("sitrep/", 0), 0u);
}

TEST_F(FetchTest, ErrorsNameTheUrlAndTheProblem) {
  options_.timeout_seconds = 0.5;
  options_.max_bytes = 100000;
  options_.max_redirects = 5;
  Fetcher f(options_);
  struct Case {
    std::string path;
    std::string expected;  // substring of the message after "<url>: "
  };
  const std::vector<Case> cases = {
      {"/missing", "HTTP 404"},
      {"/slow", "timed out after 0.5 s"},
      {"/big", "larger than 100000 bytes; aborted"},
      {"/big-chunked", "larger than 100000 bytes; aborted"},
      {"/private/secret.html",
       "disallowed by http://127.0.0.1:" + std::to_string(server_.port()) + "/robots.txt"},
      {"/to-private", "disallowed by"},
      {"/loop-a", "redirect loop"},
      {"/chain1", "too many redirects (more than 5)"},
      {"/to-file", "unsupported scheme 'file'"},
  };
  for (const Case& c : cases) {
    const std::string url = server_.Url(c.path);
    Result<Response> r = f.Get(url);
    ASSERT_FALSE(r.ok()) << c.path;
    const std::string& m = r.status().message();
    EXPECT_EQ(m.rfind(url + ": ", 0), 0u) << m;
    EXPECT_NE(m.find(c.expected), std::string::npos) << m;
  }
  EXPECT_EQ(server_.Count("/private/secret.html"), 0u);  // never requested
  EXPECT_EQ(server_.Count("/robots.txt"), 1u);           // fetched once, cached
}

TEST_F(FetchTest, FollowsRedirectsWithinTheLimit) {
  options_.max_redirects = 8;
  Fetcher f(options_);
  Result<Response> r = f.Get(server_.Url("/chain1"));
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->final_url, server_.Url("/chain9"));
  Result<Response> old = f.Get(server_.Url("/old"));
  ASSERT_TRUE(old.ok()) << old.status().ToString();
  EXPECT_EQ(old->url, server_.Url("/old"));
  EXPECT_EQ(old->final_url, server_.Url("/news/page.html"));
}

TEST_F(FetchTest, OnlyHttpAndHttps) {
  Fetcher f(options_);
  for (const std::string url : {"file:///etc/passwd", "ftp://127.0.0.1/x", "/etc/passwd",
                                "127.0.0.1/x", "gopher://127.0.0.1/"}) {
    Result<Response> r = f.Get(url);
    ASSERT_FALSE(r.ok()) << url;
    EXPECT_EQ(r.status().code(), StatusCode::kInvalidInput) << url;
    EXPECT_EQ(r.status().message().rfind(url + ": ", 0), 0u) << r.status().message();
  }
  EXPECT_TRUE(server_.hits().empty());
  EXPECT_TRUE(IsHttpUrl("HTTPS://x.example/"));
  EXPECT_FALSE(IsHttpUrl("file:///x"));
}

TEST_F(FetchTest, PolitenessDelayBetweenRequestsToOneHost) {
  options_.host_delay_seconds = 0.3;
  Fetcher f(options_);
  for (const char* p : {"/news/page.html", "/news/second.html", "/news/page.html"}) {
    ASSERT_TRUE(f.Get(server_.Url(p)).ok());
  }
  const std::vector<TestServer::Hit> hits = server_.hits();
  ASSERT_EQ(hits.size(), 4u);  // robots.txt + 3 pages
  for (size_t i = 1; i < hits.size(); ++i) {
    const double gap = std::chrono::duration<double>(hits[i].at - hits[i - 1].at).count();
    EXPECT_GE(gap, 0.28) << "between " << hits[i - 1].path << " and " << hits[i].path;
  }
}

TEST_F(FetchTest, RobotsCanBeTurnedOffAndCrawlDelayIsCapped) {
  options_.obey_robots = false;
  Fetcher f(options_);
  EXPECT_TRUE(f.Get(server_.Url("/private/secret.html")).ok());
  EXPECT_EQ(server_.Count("/robots.txt"), 0u);
  Result<bool> allowed = f.Allowed(server_.Url("/private/secret.html"));
  ASSERT_TRUE(allowed.ok());
  EXPECT_TRUE(*allowed);
}

TEST_F(FetchTest, CharsetFromTheContentTypeHeader) {
  std::vector<Diagnostic> diagnostics;
  Result<std::vector<Document>> docs =
      FetchDocuments({server_.Url("/latin1"), server_.Url("/cyrillic"), server_.Url("/plain.txt")},
                     options_, IngestOptions{}, diagnostics);
  ASSERT_TRUE(docs.ok());
  ASSERT_EQ(docs->size(), 3u);
  EXPECT_EQ((*docs)[0].text,
            "Caf\xC3\xA9 na\xC3\xAFve r\xC3\xA9sum\xC3\xA9 \xE2\x80\x9Cquoted\xE2\x80\x9D");
  EXPECT_EQ((*docs)[1].text,
            "\xD0\x9F\xD1\x80\xD0\xB8\xD0\xB2\xD0\xB5\xD1\x82 \xD0\xBC\xD0\xB8\xD1\x80");
  EXPECT_EQ((*docs)[2].format, "txt");
  for (const Document& d : *docs) EXPECT_TRUE(base::IsValidUtf8(d.text));
}

TEST_F(FetchTest, FetchDocumentsGoesOnPastBadUrls) {
  std::vector<Diagnostic> diagnostics;
  const std::vector<std::string> urls = {server_.Url("/missing"), server_.Url("/old"),
                                         "file:///etc/passwd", server_.Url("/doc.pdf"),
                                         server_.Url("/news/second.html")};
  Result<std::vector<Document>> docs = FetchDocuments(urls, options_, IngestOptions{}, diagnostics);
  ASSERT_TRUE(docs.ok());
  ASSERT_EQ(docs->size(), 2u);
  const Document& a = (*docs)[0];
  EXPECT_EQ(a.path, server_.Url("/old"));
  EXPECT_EQ(a.url.value_or(""), server_.Url("/news/page.html"));
  EXPECT_EQ(a.id, "127.0.0.1-news-page");
  EXPECT_EQ(a.format, "html");
  EXPECT_NE(a.text.find("first report number 0"), std::string::npos);
  ASSERT_EQ(diagnostics.size(), 3u);
  EXPECT_EQ(diagnostics[0].path, urls[0]);
  EXPECT_EQ(diagnostics[0].message, "HTTP 404");
  EXPECT_EQ(diagnostics[1].path, urls[2]);
  EXPECT_EQ(diagnostics[2].path, urls[3]);
  EXPECT_NE(diagnostics[2].message.find("unsupported content type 'application/pdf'"),
            std::string::npos);
}

TEST_F(FetchTest, FeedUrlFetchesEachItemPage) {
  std::vector<Diagnostic> diagnostics;
  std::vector<std::string> offered;
  const ItemFilter skip_two = [&](const ingest::FeedItem& item) {
    offered.push_back(item.link);
    return item.guid != "Two-guid";
  };
  Result<std::vector<Document>> docs =
      FetchDocuments({server_.Url("/feed.rss")}, options_, IngestOptions{}, diagnostics, skip_two);
  ASSERT_TRUE(docs.ok());
  // The filter saw absolute links, relative ones resolved against the feed URL.
  EXPECT_EQ(offered,
            (std::vector<std::string>{server_.Url("/news/page.html"), server_.Url("/second.html"),
                                      server_.Url("/private/item.html"), server_.Url("/missing")}));
  ASSERT_EQ(docs->size(), 2u);
  const Document& one = (*docs)[0];
  EXPECT_EQ(one.url.value_or(""), server_.Url("/news/page.html"));
  EXPECT_EQ(one.path, server_.Url("/news/page.html"));
  EXPECT_EQ(one.published.value_or(""), "2023-03-08");  // from the feed: the page has none
  // The disallowed item: its substantial feed content, with a warning.
  const Document& hidden = (*docs)[1];
  EXPECT_EQ(hidden.url.value_or(""), server_.Url("/private/item.html"));
  EXPECT_EQ(hidden.outlet.value_or(""), "Test Wire");
  EXPECT_NE(hidden.text.find("feed report number 5"), std::string::npos);
  EXPECT_EQ(server_.Count("/private/item.html"), 0u);
  EXPECT_EQ(server_.Count("/second.html"), 0u);  // filtered out, never fetched
  ASSERT_EQ(diagnostics.size(), 2u);
  EXPECT_EQ(diagnostics[0].severity, Diagnostic::Severity::kWarning);
  EXPECT_NE(diagnostics[0].message.find("disallowed by"), std::string::npos);
  EXPECT_EQ(diagnostics[1].path, server_.Url("/missing"));
  EXPECT_EQ(diagnostics[1].message, "HTTP 404");
}

TEST_F(FetchTest, FetchFeedListsItemsForDeduplication) {
  Fetcher f(options_);
  Result<ingest::Feed> feed = FetchFeed(f, server_.Url("/atom"));
  ASSERT_TRUE(feed.ok()) << feed.status().ToString();
  EXPECT_EQ(feed->title, "Atom Wire");
  ASSERT_EQ(feed->items.size(), 1u);
  EXPECT_EQ(feed->items[0].guid, "urn:a");
  EXPECT_EQ(feed->items[0].link, server_.Url("/news/second.html"));
  EXPECT_EQ(feed->items[0].published, "2023-04-01");
  Result<ingest::Feed> bad = FetchFeed(f, server_.Url("/malformed.xml"));
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().message().find("not well-formed XML"), std::string::npos);
  std::vector<Diagnostic> diagnostics;
  Result<std::vector<Document>> docs =
      FetchDocuments({server_.Url("/malformed.xml")}, options_, IngestOptions{}, diagnostics);
  ASSERT_TRUE(docs.ok());
  EXPECT_TRUE(docs->empty());
  ASSERT_EQ(diagnostics.size(), 1u);
  EXPECT_EQ(diagnostics[0].path, server_.Url("/malformed.xml"));
}

TEST(FetchRobotsStatusTest, UnreachableRobotsDisallowsAndMissingAllows) {
  TestServer down;
  down.server().Get("/robots.txt",
                    [](const httplib::Request&, httplib::Response& res) { res.status = 503; });
  Html(down.server(), "/a.html", Page("A", "a"));
  down.Start();
  TestServer none;  // no robots.txt: 404
  Html(none.server(), "/a.html", Page("A", "a"));
  none.Start();
  FetchOptions options;
  options.host_delay_seconds = 0;
  Fetcher f(options);
  Result<Response> blocked = f.Get(down.Url("/a.html"));
  ASSERT_FALSE(blocked.ok());
  EXPECT_NE(blocked.status().message().find("robots.txt unreachable (HTTP 503)"), std::string::npos)
      << blocked.status().message();
  EXPECT_EQ(down.Count("/a.html"), 0u);
  EXPECT_TRUE(f.Get(none.Url("/a.html")).ok());
}

TEST(FetchRobotsStatusTest, CrawlDelayIsHonouredUpToTheCap) {
  TestServer site;
  Html(site.server(), "/robots.txt", "User-agent: *\nCrawl-delay: 0.4\n", "text/plain");
  Html(site.server(), "/a.html", Page("A", "a"));
  site.Start();
  const auto gaps = [&](double cap) {
    FetchOptions options;
    options.host_delay_seconds = 0;
    options.max_crawl_delay_seconds = cap;
    Fetcher f(options);
    const size_t before = site.hits().size();
    for (int i = 0; i < 3; ++i) EXPECT_TRUE(f.Get(site.Url("/a.html")).ok());
    const std::vector<TestServer::Hit> hits = site.hits();
    double least = 1e9;
    for (size_t i = before + 2; i < hits.size(); ++i) {  // between page requests
      least = std::min(least, std::chrono::duration<double>(hits[i].at - hits[i - 1].at).count());
    }
    return least;
  };
  EXPECT_GE(gaps(30), 0.38);
  EXPECT_LT(gaps(0.05), 0.3);
}

TEST(FetchUrlTest, ParseAndResolve) {
  Result<UrlParts> p = ParseUrl("HTTP://Example.ORG/a/b?x=1#frag");
  ASSERT_TRUE(p.ok());
  EXPECT_EQ(p->scheme, "http");
  EXPECT_EQ(p->host, "example.org");
  EXPECT_EQ(p->port, 80);
  EXPECT_EQ(p->path, "/a/b?x=1");
  EXPECT_EQ(p->origin, "http://example.org:80");
  EXPECT_EQ(ParseUrl("https://example.org").value().path, "/");
  EXPECT_EQ(ParseUrl("https://example.org:8443/").value().port, 8443);
  EXPECT_EQ(ResolveUrl("http://h.example/feeds/a.rss", "../news/1.html").value_or(""),
            "http://h.example/news/1.html");
  EXPECT_EQ(ResolveUrl("http://h.example/feeds/a.rss", "https://o.example/x").value_or(""),
            "https://o.example/x");
}

}  // namespace
}  // namespace sitrep::fetch
