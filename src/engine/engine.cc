#include "sitrep/engine.h"

#include <memory>
#include <utility>

#include "base/parallel.h"
#include "ingest/ingest.h"
#include "sitrep/version.h"
#include "text/text.h"
#ifdef SITREP_HAVE_CLEAN
#include "clean/clean.h"
#endif
#ifdef SITREP_HAVE_REUSE
#include "reuse/reuse.h"
#endif
#ifdef SITREP_HAVE_EXTRACT_when
#include "extract/quantity.h"
#include "extract/time.h"
#endif
#ifdef SITREP_HAVE_EXTRACT_who
#include "extract/entity.h"
#include "extract/place.h"
#include "extract/who.h"
#endif
#ifdef SITREP_HAVE_RECONCILE
#include "reconcile/reconcile.h"
#endif

namespace sitrep {
namespace {

void Tick(const ProgressFn& progress, std::string_view stage, size_t done, size_t total) {
  if (progress) progress(stage, done, total);
}

}  // namespace

std::string Version() { return SITREP_VERSION; }

Result<Report> Analyze(const std::vector<std::string>& paths, const AnalyzeOptions& options,
                       const ProgressFn& progress) {
  if (paths.empty()) return Status::InvalidInput("no input path given");
  std::vector<Diagnostic> diagnostics;
  const std::vector<std::string> files = ingest::ListInputs(paths, options.ingest, diagnostics);

  // Read and parse files in parallel, then concatenate in input order so that the
  // report is the same whatever the thread count.
  std::vector<ingest::IngestResult> parts(files.size());
  base::ParallelFor(
      files.size(), options.threads,
      [&](size_t i) { ingest::ReadFile(files[i], options.ingest, parts[i]); },
      [&](size_t done) { Tick(progress, "read", done, files.size()); });
  std::vector<Document> docs;
  for (ingest::IngestResult& part : parts) {
    for (Document& d : part.documents) docs.push_back(std::move(d));
    for (Diagnostic& d : part.diagnostics) diagnostics.push_back(std::move(d));
  }
  ingest::MakeIdsUnique(docs);

  Result<Report> report = AnalyzeDocuments(std::move(docs), options, progress);
  if (!report.ok()) return report;
  diagnostics.insert(diagnostics.end(), std::make_move_iterator(report->diagnostics.begin()),
                     std::make_move_iterator(report->diagnostics.end()));
  report->diagnostics = std::move(diagnostics);
  return report;
}

AnalyzeOptions StageOptions(const AnalyzeOptions& options) {
  AnalyzeOptions out = options;
  for (int* stage :
       {&out.clean.threads, &out.reuse.threads, &out.extract.threads, &out.reconcile.threads}) {
    if (*stage == 0) *stage = options.threads;
  }
  return out;
}

Result<Report> AnalyzeDocuments(std::vector<Document> docs, const AnalyzeOptions& options,
                                const ProgressFn& progress) {
  return AnalyzeDocuments(std::move(docs), options, progress, nullptr);
}

Result<Report> AnalyzeDocuments(std::vector<Document> docs, const AnalyzeOptions& caller_options,
                                const ProgressFn& progress, const PieceOutputs* outputs,
                                const CollectionFacts* facts) {
  const CollectionFacts none;
  if (facts == nullptr) facts = &none;
  const PieceOutputs no_outputs;
  if (outputs == nullptr) outputs = &no_outputs;
  const AnalyzeOptions options = StageOptions(caller_options);
  Report report;
  report.version = Version();

#ifdef SITREP_HAVE_CLEAN
  clean::CleanDocuments(docs, options.clean, facts->templates);
#endif
  Tick(progress, "clean", docs.size(), docs.size());

  Result<std::unique_ptr<text::TextAnalyzer>> analyzer = text::TextAnalyzer::Create(options.text);
  if (!analyzer.ok()) return analyzer.status();
  std::vector<text::DocText> texts(docs.size());
  base::ParallelFor(
      docs.size(), options.threads, [&](size_t i) { texts[i] = (*analyzer)->Analyze(docs[i]); },
      [&](size_t done) { Tick(progress, "text", done, docs.size()); });

#ifdef SITREP_HAVE_REUSE
  reuse::ReuseResult reuse;
  if (facts->known_reuse) {
    Result<reuse::ReuseResult> known = reuse::KnownReuse(docs, *facts->known_reuse);
    if (!known.ok()) return known.status();
    reuse = std::move(*known);
  } else {
    reuse = reuse::FindReuse(docs, texts, **analyzer, options.reuse, facts->reuse_scope,
                             facts->candidate_index);
  }
  report.reuse = std::move(reuse.pairs);
  report.clusters = std::move(reuse.clusters);
  Tick(progress, "reuse", docs.size(), docs.size());
#else
  (void)facts;
#endif

  if (options.reuse_only) {
    report.documents = std::move(docs);
    return report;
  }

#ifdef SITREP_HAVE_EXTRACT_when
  std::vector<std::vector<TimeExpr>> times(docs.size());
  std::vector<std::vector<Quantity>> quantities(docs.size());
  base::ParallelFor(
      docs.size(), options.threads,
      [&](size_t i) {
        extract::TimesAndQuantities when = extract::ExtractTimesAndQuantities(docs[i], texts[i]);
        times[i] = std::move(when.times);
        quantities[i] = std::move(when.quantities);
      },
      [&](size_t done) { Tick(progress, "extract", done, docs.size()); });
  for (auto& t : times) {
    report.times.insert(report.times.end(), std::make_move_iterator(t.begin()),
                        std::make_move_iterator(t.end()));
  }
  for (auto& q : quantities) {
    report.quantities.insert(report.quantities.end(), std::make_move_iterator(q.begin()),
                             std::make_move_iterator(q.end()));
  }
#endif

#ifdef SITREP_HAVE_EXTRACT_who
  {
    const std::string path = options.extract.gazetteer_path.empty()
                                 ? extract::DefaultGazetteerPath()
                                 : options.extract.gazetteer_path;
    Result<std::unique_ptr<extract::Gazetteer>> gazetteer = extract::LoadGazetteer(path);
    if (!gazetteer.ok()) {
      report.diagnostics.push_back(
          {Diagnostic::Severity::kWarning, path,
           "gazetteer not loaded, places get no coordinates: " + gazetteer.status().message()});
    }
    Tick(progress, "gazetteer", 1, 1);  // a one-off load, timed apart from the extraction
    extract::WhoResult who = extract::ExtractWho(
        docs, texts, gazetteer.ok() ? gazetteer->get() : nullptr, options.extract,
        {facts->type_votes, facts->entities}, {outputs->type_votes, outputs->entity_mentions});
    report.entities = std::move(who.entities);
    report.claims = std::move(who.claims);
    Tick(progress, "who", docs.size(), docs.size());
  }
#endif

  report.documents = std::move(docs);
  if (options.extract_only) return report;
#ifdef SITREP_HAVE_RECONCILE
  reconcile::Reconcile(report, texts, options.reconcile, outputs->mentions, facts->places);
  Tick(progress, "reconcile", report.documents.size(), report.documents.size());
#endif
  return report;
}

}  // namespace sitrep
