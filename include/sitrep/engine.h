// Engine: the whole pipeline behind one call.
//
//   ingest -> clean -> text -> reuse -> extract -> reconcile  => Report
//
// Analyze() reads every path (files, and folders recursively), runs each stage and
// returns the Report. Inputs that cannot be read are reported in
// Report::diagnostics and skipped; one bad file never stops the run. The only errors
// returned are ones that make any report impossible (for example, no path given).
//
// Thread-safety: Analyze() is reentrant; it uses options.threads worker threads.
#ifndef SITREP_ENGINE_H_
#define SITREP_ENGINE_H_

#include <functional>
#include <string>
#include <vector>

#include "sitrep/document.h"
#include "sitrep/options.h"
#include "sitrep/report.h"
#include "sitrep/status.h"

namespace sitrep {

namespace reconcile {
struct MentionSet;  // src/reconcile/mentions.h
}  // namespace reconcile

// Called as work progresses: stage name, items done, items in all. May be empty.
using ProgressFn = std::function<void(std::string_view stage, size_t done, size_t total)>;

// Runs the whole pipeline over `paths`.
Result<Report> Analyze(const std::vector<std::string>& paths, const AnalyzeOptions& options,
                       const ProgressFn& progress = {});

// Runs the pipeline over documents already in memory (for tests, JSONL streams, the
// server). Takes ownership of `docs`.
Result<Report> AnalyzeDocuments(std::vector<Document> docs, const AnalyzeOptions& options,
                                const ProgressFn& progress = {});

// The same, also handing back the run's event mentions as self-contained records
// (`mentions`, when not null; src/reconcile/mentions.h): a job that analyses a corpus in
// pieces reconciles the mentions of all pieces at once (reconcile::ReconcileMentions).
// `known_reuse`, when not null, replaces the reuse stage: the pairs were found elsewhere
// (the job's search over the whole corpus, whose collection statistics a piece does not
// have), and the run takes those between two of `docs` (reuse::KnownReuse), so that the
// piece's copies link their mentions to their sources as one run over the corpus does.
// A pair whose passages do not fit its cleaned documents is an InvalidInput error.
Result<Report> AnalyzeDocuments(std::vector<Document> docs, const AnalyzeOptions& options,
                                const ProgressFn& progress, reconcile::MentionSet* mentions,
                                const std::vector<Reuse>* known_reuse = nullptr);

// The options each stage runs with: every stage whose own `threads` is 0 takes
// options.threads, so `threads = 1` runs the whole pipeline on the calling thread.
// Analyze and AnalyzeDocuments use it.
AnalyzeOptions StageOptions(const AnalyzeOptions& options);

// The version string, e.g. "0.1.0".
std::string Version();

}  // namespace sitrep

#endif  // SITREP_ENGINE_H_
