// Speed of cleaning plain-text documents (the text path: features, roles, repeats,
// metadata, language), on the project's own fixtures in tests/data/clean. HTML speed,
// parse included, is measured by eval_cleaning on the benchmark pages.
#include <benchmark/benchmark.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "clean/clean.h"

namespace {

std::vector<sitrep::Document> Corpus() {
  std::vector<sitrep::Document> docs;
  const std::filesystem::path dir = std::filesystem::path(SITREP_SOURCE_DIR) / "tests/data/clean";
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    if (entry.path().extension() != ".txt") continue;
    std::ifstream in(entry.path(), std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    sitrep::Document d;
    d.id = entry.path().stem().string();
    d.text = ss.str();
    size_t pos = 0;
    while (pos < d.text.size()) {
      size_t e = d.text.find("\n\n", pos);
      if (e == std::string::npos) e = d.text.size();
      if (e > pos) d.blocks.push_back(sitrep::Block{sitrep::BlockRole::kBody, pos, e, "", "", 0});
      pos = e + 2;
    }
    docs.push_back(std::move(d));
  }
  return docs;
}

void BM_CleanText(benchmark::State& state) {
  const std::vector<sitrep::Document> corpus = Corpus();
  sitrep::CleanOptions options;
  options.detect_language = state.range(0) != 0;
  size_t bytes = 0;
  for (auto _ : state) {
    for (const sitrep::Document& d : corpus) {
      sitrep::Document copy = d;
      sitrep::clean::CleanDocument(copy, options);
      benchmark::DoNotOptimize(copy.blocks.data());
      bytes += d.text.size();
    }
  }
  state.SetBytesProcessed(static_cast<int64_t>(bytes));
}
BENCHMARK(BM_CleanText)->Arg(1)->Arg(0)->ArgNames({"language"});

}  // namespace

BENCHMARK_MAIN();
