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
namespace clean {
struct Templates;  // src/clean/clean.h
}  // namespace clean
namespace reuse {
struct ReuseScope;     // src/reuse/reuse.h
class CandidateIndex;  // src/reuse/candidate_index.h
}  // namespace reuse
namespace reconcile {
struct PlaceCounts;  // src/reconcile/events.h
}  // namespace reconcile
namespace extract {
struct TypeVotes;          // src/extract/entity.h
struct EntityMerge;        // src/extract/entity.h
struct DocEntityMentions;  // src/extract/entity.h
}  // namespace extract

// Called as work progresses: stage name, items done, items in all. May be empty.
using ProgressFn = std::function<void(std::string_view stage, size_t done, size_t total)>;

// Runs the whole pipeline over `paths`.
Result<Report> Analyze(const std::vector<std::string>& paths, const AnalyzeOptions& options,
                       const ProgressFn& progress = {});

// Runs the pipeline over documents already in memory (for tests, JSONL streams, the
// server). Takes ownership of `docs`.
Result<Report> AnalyzeDocuments(std::vector<Document> docs, const AnalyzeOptions& options,
                                const ProgressFn& progress = {});

// What a run over one piece of a collection is told about the whole collection (a
// distributed job's bin, docs/scale.md), so that it analyses the piece's documents as one
// run over the whole does. Every member may be null.
struct CollectionFacts {
  // The outlets' template lines over the whole collection (clean::FindTemplates), used
  // instead of those the piece's documents show: the piece's documents are cleaned as the
  // whole's are.
  const clean::Templates* templates = nullptr;
  // Reuse pairs found elsewhere (the job's search over the whole corpus), replacing the
  // reuse stage: those between two of the piece's documents (reuse::KnownReuse) are the
  // run's, so that its copies link their mentions to their sources as one run over the
  // corpus does. A pair whose passages do not fit its cleaned documents is an
  // InvalidInput error.
  const std::vector<Reuse>* known_reuse = nullptr;
  // Or: the candidate pairs to align and the collection's word weights
  // (reuse::ReuseScope), replacing the reuse stage's own candidate search and weights.
  const reuse::ReuseScope* reuse_scope = nullptr;
  // The documents of the whole collection that mention each place (summed
  // reconcile::PlacesByDocument), which documents' main places and event places are
  // weighed by, instead of the piece's own counts.
  const reconcile::PlaceCounts* places = nullptr;
  // The entity-type votes of the whole collection (summed extract::TypeVotes), which type
  // the piece's names instead of the piece's own votes.
  const extract::TypeVotes* type_votes = nullptr;
  // The entities of the whole collection (extract::MergeCollectionEntities over the
  // mentions of all its documents), which the piece's mentions take instead of a merge of
  // the piece's own: a short form joins the full name only another piece names, and each
  // entity is named and typed as the whole's.
  const extract::EntityMerge* entities = nullptr;
  // In and out: the reuse stage's candidate search kept from an earlier run over the first
  // of these documents (a living corpus keeps it between adds, src/corpus). It is resumed
  // when those documents are unchanged, started again otherwise, and holds the search over
  // all the documents when the run returns. The report is the same either way. Not used
  // with known_reuse or reuse_scope.
  reuse::CandidateIndex* candidate_index = nullptr;
};

// What a run over one piece hands back beside its report, for the job that assembles the
// whole. Every member may be null: what is not asked for is not computed.
struct PieceOutputs {
  // The run's event mentions as self-contained records (src/reconcile/mentions.h): a job
  // that analyses a corpus in pieces reconciles the mentions of all pieces at once
  // (reconcile::ReconcileMentions).
  reconcile::MentionSet* mentions = nullptr;
  // The entity-type votes of the piece's documents (extract::CountTypeVotes), which the
  // job adds up into the collection's (CollectionFacts::type_votes).
  extract::TypeVotes* type_votes = nullptr;
  // The entity mentions of each of the piece's documents, which the job merges over the
  // collection (extract::MergeCollectionEntities) into CollectionFacts::entities.
  std::vector<extract::DocEntityMentions>* entity_mentions = nullptr;
};

// The same over one piece of a collection: `facts`, when not null, is what the run is
// told about the whole collection; `outputs`, when not null, what it hands back beside
// the report (above).
Result<Report> AnalyzeDocuments(std::vector<Document> docs, const AnalyzeOptions& options,
                                const ProgressFn& progress, const PieceOutputs* outputs,
                                const CollectionFacts* facts = nullptr);

// The options each stage runs with: every stage whose own `threads` is 0 takes
// options.threads, so `threads = 1` runs the whole pipeline on the calling thread.
// Analyze and AnalyzeDocuments use it.
AnalyzeOptions StageOptions(const AnalyzeOptions& options);

// The version string, e.g. "0.1.0".
std::string Version();

}  // namespace sitrep

#endif  // SITREP_ENGINE_H_
