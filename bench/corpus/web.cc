#include "corpus/web.h"

#include <zlib.h>

#include <cstdio>
#include <string>
#include <string_view>

namespace sitrep::bench {
namespace {

std::string Escape(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    switch (c) {
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '&':
        out += "&amp;";
        break;
      case '"':
        out += "&quot;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

}  // namespace

std::string ArticleUrl(const GeneratedArticle& article) {
  std::string date = article.published;  // YYYY-MM-DD
  for (char& c : date) {
    if (c == '-') c = '/';
  }
  return "https://synthetic-news.example/" + date + "/" + article.id + ".html";
}

std::string ArticleHtml(const GeneratedArticle& a) {
  // Headline: the first line; paragraphs: the blank-line separated rest.
  std::string_view text = a.text;
  const size_t nl = text.find('\n');
  const std::string_view headline = text.substr(0, nl);
  std::string_view rest = nl == std::string_view::npos ? std::string_view() : text.substr(nl + 1);
  std::string html =
      "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n<title>" +
      Escape(headline) + " | Synthetic News</title>\n" +
      "<meta property=\"og:site_name\" content=\"Synthetic News\">\n" +
      "<meta property=\"article:published_time\" content=\"" + a.published + "T09:00:00Z\">\n" +
      "<link rel=\"canonical\" href=\"" + ArticleUrl(a) + "\">\n" +
      "<link rel=\"stylesheet\" href=\"/static/site.css\">\n" +
      "<script>window.dataLayer=window.dataLayer||[];function gtag(){dataLayer.push(arguments);}"
      "</script>\n</head>\n<body>\n<header class=\"site-header\"><nav><ul>"
      "<li><a href=\"/\">Home</a></li><li><a href=\"/world\">World</a></li>"
      "<li><a href=\"/politics\">Politics</a></li><li><a href=\"/opinion\">Opinion</a></li>"
      "</ul></nav></header>\n<main><article class=\"story\">\n<h1>" +
      Escape(headline) + "</h1>\n<div class=\"body\">\n";
  while (!rest.empty()) {
    const size_t blank = rest.find("\n\n");
    std::string_view para = rest.substr(0, blank);
    rest = blank == std::string_view::npos ? std::string_view() : rest.substr(blank + 2);
    while (!para.empty() && (para.front() == '\n' || para.front() == ' ')) para.remove_prefix(1);
    while (!para.empty() && (para.back() == '\n' || para.back() == ' ')) para.remove_suffix(1);
    if (!para.empty()) html += "<p>" + Escape(para) + "</p>\n";
  }
  html +=
      "</div>\n</article></main>\n<footer><p>&copy; Synthetic News. All rights reserved.</p>"
      "<p><a href=\"/privacy\">Privacy</a> <a href=\"/terms\">Terms</a></p></footer>\n"
      "</body></html>\n";
  return html;
}

std::string WarcRecord(std::string_view type, std::string_view uri, std::string_view date,
                       std::string_view content_type, std::string_view block, size_t number) {
  char id[64];
  std::snprintf(id, sizeof id, "<urn:uuid:5f1c0000-0000-4000-8000-%012zu>", number);
  std::string r = "WARC/1.1\r\nWARC-Type: " + std::string(type) + "\r\nWARC-Record-ID: " + id +
                  "\r\nWARC-Date: " + std::string(date) + "\r\n";
  if (!uri.empty()) r += "WARC-Target-URI: " + std::string(uri) + "\r\n";
  r += "Content-Type: " + std::string(content_type) + "\r\n";
  r += "Content-Length: " + std::to_string(block.size()) + "\r\n\r\n";
  r += block;
  r += "\r\n\r\n";
  return r;
}

std::string WarcInfo() {
  return WarcRecord("warcinfo", "", "2023-03-10T00:00:00Z", "application/warc-fields",
                    "software: sitrep-gen-corpus\r\nformat: WARC File Format 1.1\r\n", 0);
}

std::string WarcRequest(const GeneratedArticle& a, size_t number) {
  const std::string url = ArticleUrl(a);
  const std::string path = url.substr(url.find('/', 8));
  const std::string request = "GET " + path +
                              " HTTP/1.1\r\nHost: synthetic-news.example\r\n"
                              "User-Agent: sitrep-gen-corpus\r\nAccept: text/html\r\n\r\n";
  return WarcRecord("request", url, a.published + "T12:00:00Z", "application/http; msgtype=request",
                    request, 2 * number + 1);
}

std::string WarcResponse(const GeneratedArticle& a, size_t number) {
  const std::string body = ArticleHtml(a);
  const std::string response =
      "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: " +
      std::to_string(body.size()) + "\r\nServer: synthetic\r\n\r\n" + body;
  return WarcRecord("response", ArticleUrl(a), a.published + "T12:00:00Z",
                    "application/http; msgtype=response", response, 2 * number + 2);
}

std::string GzipMember(std::string_view data) {
  z_stream zs{};
  if (deflateInit2(&zs, Z_DEFAULT_COMPRESSION, Z_DEFLATED, 16 + MAX_WBITS, 8, Z_DEFAULT_STRATEGY) !=
      Z_OK) {
    return "";
  }
  std::string out(deflateBound(&zs, static_cast<uLong>(data.size())) + 32, '\0');
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  zs.avail_in = static_cast<uInt>(data.size());
  zs.next_out = reinterpret_cast<Bytef*>(out.data());
  zs.avail_out = static_cast<uInt>(out.size());
  deflate(&zs, Z_FINISH);
  out.resize(zs.total_out);
  deflateEnd(&zs);
  return out;
}

}  // namespace sitrep::bench
