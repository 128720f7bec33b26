// sitrep-gen-corpus: writes a synthetic news corpus for benchmarks (see generator.h).
//   sitrep-gen-corpus --articles 10000 --out /tmp/corpus [--format jsonl|txt|html|warc|warc.gz]
// Writes the articles (one .txt or .html page per article, corpus.jsonl, or corpus.warc /
// corpus.warc.gz: a request and a response record per page, see corpus/web.h, one gzip
// member per record for warc.gz) and truth.jsonl, one line
// per derived article: {"source", "copy", "relation", "changes": [{kind, source, copy}]}.
#include <CLI/CLI.hpp>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>

#include "corpus/generator.h"
#include "corpus/web.h"

int main(int argc, char** argv) {
  sitrep::bench::CorpusOptions options;
  std::string out_dir;
  std::string format = "jsonl";
  CLI::App app{"Write a synthetic news corpus with known copies, rewrites and junk"};
  app.add_option("--articles", options.articles, "Number of articles")->capture_default_str();
  app.add_option("--copy-share", options.copy_share, "Share of verbatim copies")
      ->capture_default_str();
  app.add_option("--spun-share", options.spun_share, "Share of spun rewrites")
      ->capture_default_str();
  app.add_option("--junk-share", options.junk_share, "Share with scraper junk")
      ->capture_default_str();
  app.add_option("--seed", options.seed, "Random seed")->capture_default_str();
  app.add_option("--format", format, "Output format")
      ->check(CLI::IsMember({"jsonl", "txt", "html", "warc", "warc.gz"}))
      ->capture_default_str();
  app.add_option("--out", out_dir, "Output folder")->required();
  CLI11_PARSE(app, argc, argv);

  std::error_code ec;
  std::filesystem::create_directories(out_dir, ec);
  if (ec) {
    std::cerr << "sitrep-gen-corpus: " << out_dir << ": " << ec.message() << "\n";
    return 1;
  }
  const sitrep::bench::GeneratedCorpus corpus = sitrep::bench::GenerateCorpus(options);
  size_t bytes = 0;
  if (format == "jsonl") {
    std::ofstream out(out_dir + "/corpus.jsonl", std::ios::binary);
    for (const auto& a : corpus.articles) {
      const std::string line = nlohmann::json{
          {"id", a.id},
          {"date", a.published},
          {"outlet", "Synthetic News"},
          {"text", a.text}}.dump();
      out << line << "\n";
      bytes += a.text.size();
    }
  } else if (format == "html") {
    for (const auto& a : corpus.articles) {
      std::ofstream out(out_dir + "/" + a.id + ".html", std::ios::binary);
      out << sitrep::bench::ArticleHtml(a);
      bytes += a.text.size();
    }
  } else if (format == "warc" || format == "warc.gz") {
    const bool gz = format == "warc.gz";
    std::ofstream out(out_dir + "/corpus." + format, std::ios::binary);
    const auto put = [&](const std::string& record) {
      out << (gz ? sitrep::bench::GzipMember(record) : record);
    };
    put(sitrep::bench::WarcInfo());
    for (size_t i = 0; i < corpus.articles.size(); ++i) {
      const auto& a = corpus.articles[i];
      put(sitrep::bench::WarcRequest(a, i));  // each record its own gzip member
      put(sitrep::bench::WarcResponse(a, i));
      bytes += a.text.size();
    }
  } else {
    for (const auto& a : corpus.articles) {
      std::ofstream out(out_dir + "/" + a.id + ".txt", std::ios::binary);
      out << a.text;
      bytes += a.text.size();
    }
  }
  std::ofstream truth(out_dir + "/truth.jsonl", std::ios::binary);
  for (const auto& d : corpus.truth) {
    nlohmann::json changes = nlohmann::json::array();
    for (const auto& c : d.changes) {
      changes.push_back({{"kind", c.kind}, {"source", c.source_text}, {"copy", c.copy_text}});
    }
    truth << nlohmann::json{{"source", corpus.articles[d.source].id},
                            {"copy", corpus.articles[d.copy].id},
                            {"relation", d.relation},
                            {"changes", changes}}
                 .dump()
          << "\n";
  }
  std::cerr << "wrote " << corpus.articles.size() << " articles (" << bytes / 1024
            << " KiB of text) and " << corpus.truth.size() << " derivations to " << out_dir << "\n";
  return 0;
}
