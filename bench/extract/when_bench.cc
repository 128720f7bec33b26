// Throughput of the time and quantity extractors on generated news-like text (our own
// sentences, shuffled into paragraphs). Reports bytes/second per thread.
//
//   extract_when_bench [--benchmark_filter=...]
#include <benchmark/benchmark.h>

#include <random>
#include <string>
#include <vector>

#include "extract/quantity.h"
#include "extract/time.h"

namespace {

const char* const kSentences[] = {
    "At least three people were killed in shelling between Wednesday and Thursday, the "
    "regional governor said on Friday.",
    "The city had a population of about 73,000 before the war, but approximately 90% of "
    "residents have left since February 24.",
    "Russian forces were less than three miles away by early Thursday, according to the "
    "think tank.",
    "He said they were gaining 1 km (0.6 miles) a week towards the town.",
    "The hospital was treating 100 to 200 casualties per day from the front line last month.",
    "Officials said the army was losing 1,000 soldiers a day and up to 130 tanks in a "
    "three-week battle.",
    "Separatists have controlled part of the province since 2014, and the annexation came "
    "last month.",
    "The president spoke in a nightly address this week, hours after meeting troops.",
    "Talks will resume next Tuesday in Geneva, the ministry said in a statement.",
    "Exports fell 12 percent in the third quarter compared with a year earlier.",
    "The convoy of 40 trucks carried 500 tonnes of grain across the border on March 8, 2023.",
    "Residents have been without water or electricity for more than five months.",
    "Ivan, 37, who was wounded last night, said the unit of 52 had only 21 men left.",
    "The Sun reported that the town may fall in the coming days, a claim the mayor denied.",
    "Engineers laid a pontoon bridge under fire, witnesses told reporters in the capital.",
    "Prices for bread and fuel have doubled in many districts, the aid agency reported.",
};

std::string MakeCorpus(size_t bytes) {
  std::mt19937 rng(42);
  std::uniform_int_distribution<size_t> pick(0, std::size(kSentences) - 1);
  std::string text;
  while (text.size() < bytes) {
    for (int s = 0; s < 5; ++s) {
      text += kSentences[pick(rng)];
      text += ' ';
    }
    text += "\n\n";
  }
  return text;
}

const std::string& Corpus() {
  static const std::string* corpus = new std::string(MakeCorpus(1 << 20));
  return *corpus;
}

void BM_Times(benchmark::State& state) {
  const std::string& text = Corpus();
  for (auto _ : state) {
    benchmark::DoNotOptimize(sitrep::extract::ExtractTimesFromText(text, "2022-10-28"));
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * text.size()));
}
BENCHMARK(BM_Times)->Unit(benchmark::kMillisecond);

void BM_Quantities(benchmark::State& state) {
  const std::string& text = Corpus();
  for (auto _ : state) {
    benchmark::DoNotOptimize(sitrep::extract::ExtractQuantitiesFromText(text));
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * text.size()));
}
BENCHMARK(BM_Quantities)->Unit(benchmark::kMillisecond);

void BM_TimesAndQuantities(benchmark::State& state) {
  const std::string& text = Corpus();
  for (auto _ : state) {
    benchmark::DoNotOptimize(sitrep::extract::ExtractTimesFromText(text, "2022-10-28"));
    benchmark::DoNotOptimize(sitrep::extract::ExtractQuantitiesFromText(text));
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * text.size()));
}
BENCHMARK(BM_TimesAndQuantities)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
