// Generated articles as web pages and WARC records, for the HTML and WARC ingest
// benchmarks (bench/ingest) and `sitrep-gen-corpus --format html|warc|warc.gz`.
//
// ArticleHtml wraps an article's text in a news-page template (head metadata, navigation,
// the article's headline and paragraphs, a footer). The Warc* functions write WARC/1.1
// records as a crawler does: a request and a response per page (HTTP/1.1 200, text/html;
// charset=utf-8), after one warcinfo record.
//
// Thread-safety: pure functions.
#ifndef SITREP_BENCH_CORPUS_WEB_H_
#define SITREP_BENCH_CORPUS_WEB_H_

#include <string>
#include <string_view>

#include "corpus/generator.h"

namespace sitrep::bench {

// The article as an HTML page (UTF-8).
std::string ArticleHtml(const GeneratedArticle& article);

// "https://synthetic-news.example/YYYY/MM/DD/<id>.html"
std::string ArticleUrl(const GeneratedArticle& article);

// One WARC record of `type` ("warcinfo", "request", "response") with the given block.
// `number` makes the record id unique.
std::string WarcRecord(std::string_view type, std::string_view uri, std::string_view date,
                       std::string_view content_type, std::string_view block, size_t number);

// The warcinfo record; the request and the response record for the article (the
// `number`th page of the file).
std::string WarcInfo();
std::string WarcRequest(const GeneratedArticle& article, size_t number);
std::string WarcResponse(const GeneratedArticle& article, size_t number);

// `data` as one gzip member.
std::string GzipMember(std::string_view data);

}  // namespace sitrep::bench

#endif  // SITREP_BENCH_CORPUS_WEB_H_
