// Corpus: the living corpus behind `sitrep add`. News arrives every hour; a corpus is one
// SQLite file (WAL mode) that keeps every document ever added, as ingested, and the
// current picture: the report of all its current documents (reuse pairs, clusters,
// entities, events, independent-source counts, contradictions, timeline) in the store's
// report tables (docs/store.md), which `sitrep serve` and any SQLite client read.
//
// What "the same document" means:
//   key      the document's URL, else the absolute path of its file (plus its position
//            in a JSONL file). Two inputs with one key are versions of one article.
//   hash     XXH3-128 of key, title and text. Adding an input whose hash the corpus
//            already holds is a no-op.
//   version  the same key with a different hash is a new version of that article: it
//            keeps the article's id and replaces it in the picture; the older version
//            stays in the corpus, and what changed between the two (drift, as between a
//            source and its copy: numbers, dates, places, names, negations, quotes) is
//            recorded as a VersionChange: stealth edits.
//
// The picture after any sequence of adds equals the report of one `analyze` over the
// corpus's current documents in the order they arrived (`sitrep analyze BATCH1 BATCH2...`;
// a new version keeps its article's place): adding in several batches gives the same
// reuse pairs, events and counts as one run. New articles come after every article
// already there, so the reuse stage's candidate search, kept in the corpus between adds
// (src/reuse/candidate_index.h), queries only the new ones and those their arrival
// changes. Each add is one transaction: a process killed at
// any moment leaves every document fully in or fully out and the picture consistent with
// the documents, and readers keep reading the previous picture until the add commits.
//
// Thread-safety: a Corpus is used by one thread at a time; several processes may read
// the file while one adds.
#ifndef SITREP_CORPUS_H_
#define SITREP_CORPUS_H_

#include <memory>
#include <string>
#include <vector>

#include "sitrep/document.h"
#include "sitrep/engine.h"
#include "sitrep/options.h"
#include "sitrep/report.h"
#include "sitrep/status.h"

namespace sitrep {

// What changed between two versions of one article.
struct VersionChange {
  std::string doc;  // document id
  int from_version = 0;
  int to_version = 0;
  std::string added;      // when the newer version was added (UTC, "YYYY-MM-DD HH:MM:SS")
  std::string relation;   // how the versions relate: duplicate | near-duplicate | rewrite |
                          // partial | none (the whole text was replaced)
  double similarity = 0;  // as in a reuse pair
  std::string title_before, title_after;  // equal when the headline was kept
  std::vector<Drift> changes;             // source = older version, copy = newer version
};

// One document of the corpus as stored (before cleaning).
struct CorpusEntry {
  Document doc;
  std::string key;
  std::string hash;
  int version = 1;
  bool current = true;
  std::string added;        // UTC "YYYY-MM-DD HH:MM:SS"
  std::string source_path;  // absolute path of the input file, or the URL
  long long ordinal = 0;    // position among the documents of its input file
  long long arrival = 0;    // place in the picture: 1, 2... in the order articles arrived
};

struct AddSummary {
  size_t read = 0;                      // documents read from the inputs
  size_t added = 0;                     // new articles
  size_t new_versions = 0;              // new versions of articles already in the corpus
  size_t unchanged = 0;                 // already in the corpus with the same content: nothing done
  size_t documents = 0;                 // current articles in the corpus after the add
  std::vector<VersionChange> versions;  // the new versions' changes
  std::vector<Diagnostic> diagnostics;  // inputs that could not be read, and warnings
  Report picture;  // the corpus's report after the add (empty when nothing changed)
  bool picture_updated = false;
  // Documents the reuse stage's candidate search queried: the new ones, and the few whose
  // answer changed (src/reuse/candidate_index.h); every document when the search started
  // over (the first add, or other reuse options).
  size_t candidates_queried = 0;
};

class Corpus {
 public:
  // Opens (creating when absent) the corpus at `path`. Errors name the path.
  static Result<std::unique_ptr<Corpus>> Open(const std::string& path);
  ~Corpus();
  Corpus(const Corpus&) = delete;
  Corpus& operator=(const Corpus&) = delete;

  // Reads `paths` as `analyze` does (files, folders recursively) and adds their
  // documents. Unreadable inputs become diagnostics; the rest is added.
  Result<AddSummary> AddPaths(const std::vector<std::string>& paths, const AnalyzeOptions& options,
                              const ProgressFn& progress = {});

  // Adds documents already in memory (from a feed, a fetch, the server). A document
  // without url is keyed by its path (made absolute) and its position in `docs` among
  // the documents of that path.
  Result<AddSummary> AddDocuments(std::vector<Document> docs, const AnalyzeOptions& options,
                                  const ProgressFn& progress = {});

  // Both at once, in one transaction: the files and folders in `paths` and documents
  // already in memory (fetched pages, feed items).
  Result<AddSummary> Add(const std::vector<std::string>& paths, std::vector<Document> docs,
                         const AnalyzeOptions& options, const ProgressFn& progress = {});

  // True when some document in the corpus has `key_or_source` as its key (URL) or came
  // from it (the URL or path it was read from): a feed item whose link is known need not
  // be fetched again.
  Result<bool> Knows(const std::string& key_or_source);

  // The current documents, in picture order.
  Result<std::vector<CorpusEntry>> Documents();

  // Recorded versions of `doc` ("" = all), oldest first.
  Result<std::vector<VersionChange>> Versions(const std::string& doc = "");

 private:
  struct Impl;
  explicit Corpus(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace sitrep

#endif  // SITREP_CORPUS_H_
