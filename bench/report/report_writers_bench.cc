// Speed of the report writers on a synthetic Report shaped like the pipeline's output for
// N documents: 3 KB articles in blocks (some junk), copy families of three with changed
// facts, places with coordinates, events, a timeline, figures and contradictions.
//
//   report_writers_bench [benchmark flags]        time WriteHtml/Csv/GeoJson/Json/Markdown
//   report_writers_bench --write-html N FILE      write the page for N documents (for
//                                                 looking at it; the browser test uses it)
#include <benchmark/benchmark.h>

#include <chrono>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iostream>
#include <random>
#include <string>

#include "report/csv.h"
#include "report/geojson.h"
#include "report/html.h"
#include "report/json.h"
#include "report/markdown.h"

namespace sitrep::report {
namespace {

void AddBlock(Document& d, BlockRole role, const std::string& text) {
  if (!d.text.empty()) d.text += "\n\n";
  Block b;
  b.role = role;
  b.start = d.text.size();
  d.text += text;
  b.end = d.text.size();
  d.blocks.push_back(b);
}

Report SyntheticReport(size_t n) {
  std::mt19937_64 rng(42);
  auto pick = [&](size_t k) { return static_cast<size_t>(rng() % k); };
  static const char* kPlaces[][2] = {
      {"Mosul", "36.34,43.13"},       {"Raqqa", "35.95,39.01"},    {"Aleppo", "36.20,37.16"},
      {"Kirkuk", "35.47,44.39"},      {"Tikrit", "34.60,43.68"},   {"Erbil", "36.19,44.01"},
      {"Ramadi", "33.43,43.30"},      {"Fallujah", "33.35,43.78"}, {"Homs", "34.73,36.71"},
      {"Deir ez-Zor", "35.34,40.14"}, {"Baghdad", "33.31,44.36"},  {"Palmyra", "34.55,38.27"}};
  static const char* kTypes[] = {"Battles", "Explosions/Remote violence",
                                 "Violence against civilians", "Strategic developments"};
  static const char* kSentences[] = {
      "Government forces advanced into the eastern districts on {day} after heavy shelling.",
      "At least {num} civilians were killed in the strikes, local officials said.",
      "A spokesman for the coalition said the operation would continue for weeks.",
      "Residents described streets littered with rubble and burned-out cars.",
      "Aid agencies said about {num} families had fled the fighting since the weekend.",
      "The militants denied that they had lost control of the old city."};
  static const char* kDays[] = {"Monday", "Tuesday", "Wednesday", "Thursday", "Friday"};
  auto sentence = [&]() {
    std::string s = kSentences[pick(6)];
    if (auto p = s.find("{day}"); p != std::string::npos) s.replace(p, 5, kDays[pick(5)]);
    if (auto p = s.find("{num}"); p != std::string::npos)
      s.replace(p, 5, std::to_string(10 + pick(5000)));
    return s;
  };
  Report r;
  r.version = "bench";
  for (size_t i = 0; i < 12 * 4; ++i) {
    Entity e;
    e.id = "e" + std::to_string(i + 1);
    e.name = kPlaces[i % 12][0] + std::string(i >= 12 ? " district " + std::to_string(i / 12) : "");
    e.type = "place";
    const std::string ll = kPlaces[i % 12][1];
    e.lat = std::stod(ll.substr(0, ll.find(','))) + 0.05 * (i / 12);
    e.lon = std::stod(ll.substr(ll.find(',') + 1)) + 0.05 * (i / 12);
    e.country = i % 12 == 2 || i % 12 == 8 || i % 12 == 9 || i % 12 == 11 ? "SY" : "IQ";
    r.entities.push_back(e);
  }
  for (size_t i = 0; i < n; ++i) {
    Document d;
    d.id = "doc" + std::to_string(i);
    d.path = "corpus/" + d.id + ".txt";
    d.format = "txt";
    d.title = "Fighting continues near " + std::string(kPlaces[pick(12)][0]);
    d.outlet = "Outlet " + std::to_string(pick(40));
    d.published = "2017-0" + std::to_string(1 + pick(9)) + "-1" + std::to_string(pick(10));
    AddBlock(d, BlockRole::kTitle, *d.title);
    for (int p = 0; p < 7; ++p) {
      std::string para;
      for (int k = 0; k < 3; ++k) para += (k ? " " : "") + sentence();
      AddBlock(d, BlockRole::kBody, para);
    }
    if (i % 3 == 0) AddBlock(d, BlockRole::kBoilerplate, "Sign up for our newsletter. [LATEST]");
    if (i % 5 == 0) AddBlock(d, BlockRole::kCaption, "Smoke over the city. Photo: Agency");
    for (size_t q = 0; q < 3; ++q) {
      Quantity qu;
      qu.doc = d.id;
      qu.value = static_cast<double>(10 + pick(5000));
      qu.text = std::to_string(static_cast<long long>(qu.value)) + " civilians";
      qu.about = q == 0 ? "civilians killed" : q == 1 ? "families displaced" : "fighters";
      r.quantities.push_back(qu);
    }
    Entity& place = r.entities[pick(r.entities.size())];
    place.mentions.push_back({d.id, place.name, 0, 0});
    r.documents.push_back(std::move(d));
  }
  for (size_t i = 0; i + 2 < n; i += 10) {  // a copy family of three every ten documents
    CopyCluster c;
    c.id = "k" + std::to_string(r.clusters.size() + 1);
    c.docs = {r.documents[i].id, r.documents[i + 1].id, r.documents[i + 2].id};
    r.clusters.push_back(c);
    for (size_t k = 1; k <= 2; ++k) {
      Reuse u;
      u.source = r.documents[i].id;
      u.copy = r.documents[i + k].id;
      u.relation = k == 1 ? "near-duplicate" : "rewrite";
      u.coverage = 0.7 + 0.1 * k;
      u.similarity = 0.8;
      u.direction_basis = "published date";
      const Document& copy = r.documents[i + k];
      const Block& b = copy.blocks[2];
      const std::string context(copy.Slice(b));
      const size_t space = context.find(' ', 10);
      Drift dr;
      dr.kind = "number";
      dr.copy_text = context.substr(space + 1, context.find(' ', space + 1) - space - 1);
      dr.source_text = "somethingelse";
      dr.copy_context = context;
      u.drift.push_back(dr);
      r.reuse.push_back(u);
    }
  }
  for (size_t i = 0; i < n / 2; ++i) {
    Event e;
    e.id = "ev" + std::to_string(i + 1);
    e.type = kTypes[pick(4)];
    e.date = "2017-0" + std::to_string(1 + pick(9)) + "-1" + std::to_string(pick(10));
    e.location = r.entities[pick(r.entities.size())].id;
    e.summary = "Clashes reported near " + r.entities[pick(12)].name;
    e.sources = {r.documents[pick(n)].id, r.documents[pick(n)].id};
    e.independent_sources = 2;
    e.fatalities = static_cast<double>(pick(40));
    r.events.push_back(e);
  }
  for (size_t i = 0; i < n / 5; ++i) {
    TimelineEntry t;
    t.date = r.events[pick(r.events.size())].date.value_or("2017");
    t.precision = "day";
    t.summary = "Clashes and shelling reported in the north";
    t.sources = {r.documents[pick(n)].id};
    t.independent_sources = 1;
    r.timeline.push_back(t);
  }
  for (size_t i = 0; i < n / 50; ++i) {
    Contradiction c;
    c.about = "civilians killed";
    c.kind = "between-sources";
    c.values = {{r.documents[pick(n)].id, "120 civilians"},
                {r.documents[pick(n)].id, "300 civilians"}};
    r.contradictions.push_back(c);
  }
  return r;
}

const Report& Cached(size_t n) {
  static std::map<size_t, Report>* reports = new std::map<size_t, Report>;
  auto it = reports->find(n);
  if (it == reports->end()) it = reports->emplace(n, SyntheticReport(n)).first;
  return it->second;
}

void BM_WriteHtml(benchmark::State& state) {
  const Report& r = Cached(state.range(0));
  HtmlOptions o;
  o.nonce = "bench";
  size_t bytes = 0;
  for (auto _ : state) {
    const std::string page = WriteHtml(r, o);
    bytes = page.size();
    benchmark::DoNotOptimize(page.data());
  }
  state.counters["page_MB"] = bytes / 1e6;
}
BENCHMARK(BM_WriteHtml)->Arg(100)->Arg(1000)->Arg(10000)->Unit(benchmark::kMillisecond);

void BM_WriteCsv(benchmark::State& state) {
  const Report& r = Cached(state.range(0));
  for (auto _ : state) benchmark::DoNotOptimize(WriteCsv(r).data());
}
BENCHMARK(BM_WriteCsv)->Arg(10000)->Unit(benchmark::kMillisecond);

void BM_WriteGeoJson(benchmark::State& state) {
  const Report& r = Cached(state.range(0));
  for (auto _ : state) benchmark::DoNotOptimize(WriteGeoJson(r).data());
}
BENCHMARK(BM_WriteGeoJson)->Arg(10000)->Unit(benchmark::kMillisecond);

void BM_WriteJson(benchmark::State& state) {
  const Report& r = Cached(state.range(0));
  for (auto _ : state) benchmark::DoNotOptimize(WriteJson(r).data());
}
BENCHMARK(BM_WriteJson)->Arg(10000)->Unit(benchmark::kMillisecond);

void BM_WriteMarkdown(benchmark::State& state) {
  const Report& r = Cached(state.range(0));
  for (auto _ : state) benchmark::DoNotOptimize(WriteMarkdown(r).data());
}
BENCHMARK(BM_WriteMarkdown)->Arg(10000)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace sitrep::report

int main(int argc, char** argv) {
  if (argc == 4 && std::strcmp(argv[1], "--write-html") == 0) {
    const sitrep::Report r = sitrep::report::SyntheticReport(std::stoul(argv[2]));
    const auto start = std::chrono::steady_clock::now();
    const std::string page = sitrep::report::WriteHtml(r, {});
    const double ms =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    std::ofstream(argv[3], std::ios::binary) << page;
    std::cerr << "wrote " << argv[3] << ": " << page.size() << " bytes in " << ms << " ms\n";
    return 0;
  }
  benchmark::Initialize(&argc, argv);
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
