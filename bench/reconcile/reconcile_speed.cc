// reconcile_speed [--articles N] [--rounds R] [--dump] [PATH...]
// Builds a report with the stages before reconcile (ingest, clean, text, reuse, extract)
// over PATH... or, when none is given, over N (default 10000) generated articles
// (bench/corpus), then times reconcile::Reconcile alone R times (default 3) and prints
// the best time and what it found as a Markdown table row. --dump prints the events,
// contradictions and timeline as well (for looking at real articles).
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <string>
#include <vector>

#include "base/parallel.h"
#include "clean/clean.h"
#include "corpus/generator.h"
#include "extract/quantity.h"
#include "extract/time.h"
#include "extract/who.h"
#include "ingest/ingest.h"
#include "reconcile/reconcile.h"
#include "reuse/reuse.h"
#include "text/text.h"

namespace {

using Clock = std::chrono::steady_clock;

double Since(Clock::time_point t) {
  return std::chrono::duration<double>(Clock::now() - t).count();
}

std::string Name(const sitrep::Report& r, const std::optional<std::string>& id) {
  if (!id) return "-";
  for (const auto& e : r.entities) {
    if (e.id == *id) return e.name;
  }
  return *id;
}

void Dump(const sitrep::Report& r) {
  for (const auto& q : r.quantities) {
    std::printf("QTY [%s] %s | about=%s | qual=%s/%s\n", q.doc.c_str(), q.text.c_str(),
                q.about.value_or("-").c_str(), q.qualifier.value_or("-").c_str(),
                q.qualifier_text.value_or("-").c_str());
  }
  for (const auto& u : r.reuse) {
    std::printf("REUSE %s -> %s %s drift=%zu\n", u.source.c_str(), u.copy.c_str(),
                u.relation.c_str(), u.drift.size());
  }
  for (const auto& e : r.events) {
    std::string srcs;
    for (const auto& s : e.sources) srcs += s + " ";
    std::printf("%s %s / %s | %s (%s) | %s | fat=%s | src=%s ind=%d\n    %s\n", e.id.c_str(),
                e.type.c_str(), e.subtype.value_or("").c_str(), e.date.value_or("-").c_str(),
                e.date_basis.value_or("").c_str(), Name(r, e.location).c_str(),
                e.fatalities ? std::to_string(*e.fatalities).c_str() : "-", srcs.c_str(),
                e.independent_sources, e.summary.c_str());
  }
  for (const auto& c : r.contradictions) {
    std::printf("CONTRADICTION %s: %s\n", c.kind.c_str(), c.about.c_str());
    for (const auto& v : c.values) std::printf("    [%s] %s\n", v.doc.c_str(), v.text.c_str());
  }
  for (const auto& t : r.timeline) {
    std::printf("TIMELINE %s (%s) ind=%d %s\n", t.date.c_str(), t.precision.value_or("").c_str(),
                t.independent_sources, t.summary.c_str());
  }
}

}  // namespace

int main(int argc, char** argv) {
  sitrep::bench::CorpusOptions copts;
  copts.articles = 10000;
  int rounds = 3;
  bool dump = false;
  std::vector<std::string> paths;
  for (int i = 1; i < argc; ++i) {
    if (!std::strcmp(argv[i], "--articles") && i + 1 < argc) {
      copts.articles = std::strtoul(argv[++i], nullptr, 10);
    } else if (!std::strcmp(argv[i], "--rounds") && i + 1 < argc) {
      rounds = std::atoi(argv[++i]);
    } else if (!std::strcmp(argv[i], "--dump")) {
      dump = true;
    } else {
      paths.push_back(argv[i]);
    }
  }
  sitrep::AnalyzeOptions options;
  const auto t0 = Clock::now();
  sitrep::ingest::IngestResult in;
  if (paths.empty()) {
    const sitrep::bench::GeneratedCorpus corpus = sitrep::bench::GenerateCorpus(copts);
    for (const auto& a : corpus.articles) {
      sitrep::ingest::ReadBytes(a.id + ".txt", a.text, "txt", options.ingest, in);
    }
  } else {
    in = sitrep::ingest::ReadPaths(paths, options.ingest);
  }
  sitrep::Report report;
  std::vector<sitrep::Document>& docs = report.documents;
  docs = std::move(in.documents);
  sitrep::clean::CleanDocuments(docs, options.clean);
  auto analyzer = sitrep::text::TextAnalyzer::Create(options.text);
  if (!analyzer.ok()) {
    std::fprintf(stderr, "%s\n", analyzer.status().ToString().c_str());
    return 1;
  }
  const int threads = sitrep::base::ResolveThreads(0);
  std::vector<sitrep::text::DocText> texts(docs.size());
  sitrep::base::ParallelFor(docs.size(), threads,
                            [&](size_t i) { texts[i] = (*analyzer)->Analyze(docs[i]); });
  sitrep::reuse::ReuseResult reuse =
      sitrep::reuse::FindReuse(docs, texts, **analyzer, options.reuse);
  report.reuse = std::move(reuse.pairs);
  report.clusters = std::move(reuse.clusters);
  std::vector<std::vector<sitrep::TimeExpr>> times(docs.size());
  std::vector<std::vector<sitrep::Quantity>> quantities(docs.size());
  sitrep::base::ParallelFor(docs.size(), threads, [&](size_t i) {
    times[i] = sitrep::extract::ExtractTimes(docs[i], texts[i]);
    quantities[i] = sitrep::extract::ExtractQuantities(docs[i], texts[i]);
  });
  for (auto& t : times) report.times.insert(report.times.end(), t.begin(), t.end());
  for (auto& q : quantities) report.quantities.insert(report.quantities.end(), q.begin(), q.end());
  auto gazetteer = sitrep::extract::LoadGazetteer(sitrep::extract::DefaultGazetteerPath());
  sitrep::extract::WhoResult who = sitrep::extract::ExtractWho(
      docs, texts, gazetteer.ok() ? gazetteer->get() : nullptr, options.extract);
  report.entities = std::move(who.entities);
  report.claims = std::move(who.claims);
  const double before = Since(t0);

  double best = 1e9;
  for (int r = 0; r < std::max(1, rounds); ++r) {
    const auto t = Clock::now();
    sitrep::reconcile::Reconcile(report, texts, options.reconcile);
    best = std::min(best, Since(t));
  }
  if (dump) Dump(report);
  size_t between = 0, drift = 0, multi = 0;
  for (const auto& c : report.contradictions) (c.kind == "copy-drift" ? drift : between)++;
  for (const auto& e : report.events) multi += e.independent_sources > 1;
  std::printf(
      "| %zu documents | stages before reconcile %.2f s | reconcile %.3f s (best of %d) | %zu "
      "events, %zu with >1 independent source | %zu between-sources, %zu copy-drift | %zu "
      "timeline entries |\n",
      docs.size(), before, best, rounds, report.events.size(), multi, between, drift,
      report.timeline.size());
  return 0;
}
