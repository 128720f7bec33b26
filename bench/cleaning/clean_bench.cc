// Speed of the plain-text path. Two inputs:
//   - the project's own fixtures in tests/data/clean (small, junk-heavy articles);
//   - generated news articles (bench/corpus, about 1.5 KB each, a third with scraper junk).
// BM_CleanText times clean::CleanDocument alone on pre-split blocks; BM_TextEndToEnd times
// what `sitrep clean FILE.txt` and analyze's read + clean stages do per file: the text
// reader (UTF-8 check, paragraph split, headline) and then cleaning (features, roles,
// repeats, metadata, CLD2 language). BM_CleanDocumentsOneOutlet adds the cross-document
// rule. Bytes are input bytes. HTML speed, parse included,
// is measured by eval_cleaning on the benchmark pages.
#include <benchmark/benchmark.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "clean/clean.h"
#include "corpus/generator.h"
#include "ingest/ingest.h"

namespace {

struct Input {
  std::string path;
  std::string bytes;
};

std::vector<Input> FixtureFiles() {
  std::vector<Input> files;
  const std::filesystem::path dir = std::filesystem::path(SITREP_SOURCE_DIR) / "tests/data/clean";
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    if (entry.path().extension() != ".txt") continue;
    std::ifstream in(entry.path(), std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    files.push_back({entry.path().filename().string(), ss.str()});
  }
  return files;
}

std::vector<Input> GeneratedFiles() {
  sitrep::bench::CorpusOptions options;
  options.articles = 2000;
  std::vector<Input> files;
  for (auto& a : sitrep::bench::GenerateCorpus(options).articles) {
    files.push_back({a.id + ".txt", std::move(a.text)});
  }
  return files;
}

const std::vector<Input>& Files(int64_t which) {
  static const std::vector<Input> fixtures = FixtureFiles();
  static const std::vector<Input> generated = GeneratedFiles();
  return which == 0 ? fixtures : generated;
}

std::vector<sitrep::Document> Read(const std::vector<Input>& files) {
  sitrep::ingest::IngestResult read;
  for (const Input& f : files) {
    sitrep::ingest::ReadBytes(f.path, f.bytes, "txt", sitrep::IngestOptions{}, read);
  }
  return std::move(read.documents);
}

// Args: corpus (0 fixtures, 1 generated), language (0 none, 1 CLD2 on every document,
// 2 function-word guess first, CLD2 where it abstains: the default).
void BM_CleanText(benchmark::State& state) {
  const std::vector<Input>& files = Files(state.range(0));
  const std::vector<sitrep::Document> docs = Read(files);
  sitrep::CleanOptions options;
  options.detect_language = state.range(1) != 0;
  options.guess_language_from_function_words = state.range(1) == 2;
  size_t bytes = 0;
  for (auto _ : state) {
    for (const sitrep::Document& d : docs) {
      sitrep::Document copy = d;
      sitrep::clean::CleanDocument(copy, options);
      benchmark::DoNotOptimize(copy.blocks.data());
      bytes += d.text.size();
    }
  }
  state.SetBytesProcessed(static_cast<int64_t>(bytes));
}
BENCHMARK(BM_CleanText)->ArgsProduct({{0, 1}, {2, 1, 0}})->ArgNames({"generated", "language"});

// Read + clean, one file at a time, as `sitrep clean` does.
void BM_TextEndToEnd(benchmark::State& state) {
  const std::vector<Input>& files = Files(state.range(0));
  sitrep::CleanOptions options;
  options.detect_language = state.range(1) != 0;
  options.guess_language_from_function_words = state.range(1) == 2;
  size_t bytes = 0;
  for (auto _ : state) {
    for (const Input& f : files) {
      sitrep::ingest::IngestResult read;
      sitrep::ingest::ReadBytes(f.path, f.bytes, "txt", sitrep::IngestOptions{}, read);
      for (sitrep::Document& d : read.documents) sitrep::clean::CleanDocument(d, options);
      benchmark::DoNotOptimize(read.documents.data());
      bytes += f.bytes.size();
    }
  }
  state.SetBytesProcessed(static_cast<int64_t>(bytes));
}
BENCHMARK(BM_TextEndToEnd)->ArgsProduct({{0, 1}, {2, 1, 0}})->ArgNames({"generated", "language"});

// The whole cleaning stage of `sitrep analyze` on one thread: every document, then the
// cross-document rule for lines recurring in one outlet's documents (all the generated
// articles are given one outlet, so the rule sees 2,000 documents at once).
void BM_CleanDocumentsOneOutlet(benchmark::State& state) {
  std::vector<sitrep::Document> docs = Read(Files(1));
  size_t bytes = 0;
  for (sitrep::Document& d : docs) {
    d.outlet = "Example Outlet";
    bytes += d.text.size();
  }
  sitrep::CleanOptions options;
  options.threads = 1;
  for (auto _ : state) {
    std::vector<sitrep::Document> copy = docs;
    sitrep::clean::CleanDocuments(copy, options);
    benchmark::DoNotOptimize(copy.data());
  }
  state.SetBytesProcessed(static_cast<int64_t>(bytes * state.iterations()));
}
BENCHMARK(BM_CleanDocumentsOneOutlet)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
