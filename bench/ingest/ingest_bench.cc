// Speed of the HTML and WARC readers on the same pages (no cleaning): 2000 generated
// articles (bench/corpus) as news pages (corpus/web.h, about 3.5 KB each).
//   BM_HtmlPages  ingest::ReadBytes(page, "html") on each page, as for a folder of .html
//   BM_Warc       the pages as a WARC/1.1 file (warcinfo, then a request and a response
//                 record per page), read by ReadBytes(..., "warc")
//   BM_WarcGz     the same records, one gzip member each (.warc.gz)
// Bytes per second are input bytes: page bytes for HTML, file bytes for WARC (with the
// request records and HTTP headers), so pages/s (items) is the figure to compare. One
// thread: these are per-core speeds (analyze reads files on all cores, one file each).
#include <benchmark/benchmark.h>

#include <string>
#include <vector>

#include "corpus/generator.h"
#include "corpus/web.h"
#include "ingest/ingest.h"

namespace {

using sitrep::bench::GeneratedArticle;

const std::vector<GeneratedArticle>& Articles() {
  static const std::vector<GeneratedArticle> articles = [] {
    sitrep::bench::CorpusOptions options;
    options.articles = 2000;
    return sitrep::bench::GenerateCorpus(options).articles;
  }();
  return articles;
}

const std::vector<std::string>& Pages() {
  static const std::vector<std::string> pages = [] {
    std::vector<std::string> out;
    for (const GeneratedArticle& a : Articles()) out.push_back(sitrep::bench::ArticleHtml(a));
    return out;
  }();
  return pages;
}

const std::string& Warc(bool gz) {
  static const std::string plain = [] {
    std::string w = sitrep::bench::WarcInfo();
    for (size_t i = 0; i < Articles().size(); ++i) {
      w += sitrep::bench::WarcRequest(Articles()[i], i);
      w += sitrep::bench::WarcResponse(Articles()[i], i);
    }
    return w;
  }();
  static const std::string gzip = [] {
    std::string w = sitrep::bench::GzipMember(sitrep::bench::WarcInfo());
    for (size_t i = 0; i < Articles().size(); ++i) {
      w += sitrep::bench::GzipMember(sitrep::bench::WarcRequest(Articles()[i], i));
      w += sitrep::bench::GzipMember(sitrep::bench::WarcResponse(Articles()[i], i));
    }
    return w;
  }();
  return gz ? gzip : plain;
}

void BM_HtmlPages(benchmark::State& state) {
  const std::vector<std::string>& pages = Pages();
  size_t bytes = 0;
  for (const std::string& p : pages) bytes += p.size();
  const sitrep::IngestOptions options;
  for (auto _ : state) {
    sitrep::ingest::IngestResult out;
    for (size_t i = 0; i < pages.size(); ++i) {
      sitrep::ingest::ReadBytes("page.html", pages[i], "html", options, out);
    }
    if (out.documents.size() != pages.size()) state.SkipWithError("pages lost");
    benchmark::DoNotOptimize(out);
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * bytes));
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * pages.size()));
}

void WarcBench(benchmark::State& state, bool gz) {
  const std::string& warc = Warc(gz);
  const sitrep::IngestOptions options;
  for (auto _ : state) {
    sitrep::ingest::IngestResult out;
    sitrep::ingest::ReadBytes(gz ? "corpus.warc.gz" : "corpus.warc", warc, "warc", options, out);
    if (out.documents.size() != Pages().size()) state.SkipWithError("records lost");
    benchmark::DoNotOptimize(out);
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * warc.size()));
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * Pages().size()));
  state.counters["file_MB"] = static_cast<double>(warc.size()) / 1e6;
}

void BM_Warc(benchmark::State& state) { WarcBench(state, false); }
void BM_WarcGz(benchmark::State& state) { WarcBench(state, true); }

BENCHMARK(BM_HtmlPages)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Warc)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_WarcGz)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
