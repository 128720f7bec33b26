// The living corpus (include/sitrep/corpus.h): keys, hashes and versions of incoming
// documents, and the picture recomputed over the current documents.
#include "sitrep/corpus.h"

#include <xxhash.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <map>
#include <set>
#include <unordered_map>
#include <utility>

#include "base/parallel.h"
#include "clean/clean.h"
#include "ingest/ingest.h"
#include "reuse/candidate_index.h"
#include "reuse/reuse.h"
#include "store/store.h"
#include "text/text.h"

namespace sitrep {
namespace {

std::string NowUtc() {
  const std::time_t now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm tm{};
  gmtime_r(&now, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%d %H:%M:%S", &tm);
  return buf;
}

// The absolute form of a local path; URLs and in-memory names are kept as they are.
std::string SourceOf(const Document& doc, const std::string& path) {
  if (doc.url && path.empty()) return *doc.url;
  if (path.find("://") != std::string::npos) return path;
  std::error_code ec;
  std::filesystem::path abs = std::filesystem::absolute(path, ec);
  if (ec) return path;
  return abs.lexically_normal().string();
}

std::string KeyOf(const Document& doc, const std::string& source) {
  if (doc.url && !doc.url->empty()) return *doc.url;
  return source + "#" + doc.id;
}

std::string HashOf(const std::string& key, const Document& doc) {
  XXH3_state_t* state = XXH3_createState();
  XXH3_128bits_reset(state);
  const char zero = '\0';
  XXH3_128bits_update(state, key.data(), key.size());
  XXH3_128bits_update(state, &zero, 1);
  const std::string& title = doc.title ? *doc.title : std::string();
  XXH3_128bits_update(state, title.data(), title.size());
  XXH3_128bits_update(state, &zero, 1);
  XXH3_128bits_update(state, doc.text.data(), doc.text.size());
  const XXH128_hash_t h = XXH3_128bits_digest(state);
  XXH3_freeState(state);
  char buf[33];
  std::snprintf(buf, sizeof buf, "%016llx%016llx", static_cast<unsigned long long>(h.high64),
                static_cast<unsigned long long>(h.low64));
  return buf;
}

// What changed from `before` to `after` (two versions of one article): the pair compared
// as source and copy, after cleaning, as `sitrep compare` does.
VersionChange CompareVersions(const CorpusEntry& before, const CorpusEntry& after,
                              const AnalyzeOptions& options, const text::TextAnalyzer& analyzer) {
  std::vector<Document> docs = {before.doc, after.doc};
  CleanOptions clean = options.clean;
  clean.threads = 1;
  clean::CleanDocuments(docs, clean);
  const text::DocText ta = analyzer.Analyze(docs[0]);
  const text::DocText tb = analyzer.Analyze(docs[1]);
  Reuse pair = reuse::ComparePair(docs[0], ta, docs[1], tb, analyzer, options.reuse);
  VersionChange v;
  v.doc = after.doc.id;
  v.from_version = before.version;
  v.to_version = after.version;
  v.added = after.added;
  v.relation = pair.relation;
  v.similarity = pair.similarity;
  v.title_before = docs[0].title.value_or("");
  v.title_after = docs[1].title.value_or("");
  // ComparePair may orient the pair by dates; versions are ordered by arrival.
  const bool swapped =
      pair.source == docs[1].id && pair.copy == docs[0].id && docs[0].id != docs[1].id;
  for (Drift& d : pair.drift) {
    if (swapped) {
      std::swap(d.source_text, d.copy_text);
      std::swap(d.source_context, d.copy_context);
    }
    v.changes.push_back(std::move(d));
  }
  return v;
}

}  // namespace

struct Corpus::Impl {
  std::unique_ptr<store::Store> store;
  std::string path;

  // One incoming document with where it came from.
  struct Incoming {
    Document doc;
    std::string source;  // absolute path or URL
    long long ordinal = 0;
    std::string key, hash;  // KeyOf and HashOf, set once when the add starts
  };

  Result<AddSummary> Add(std::vector<Incoming> incoming, std::vector<Diagnostic> diagnostics,
                         const AnalyzeOptions& options, const ProgressFn& progress);
};

Corpus::Corpus(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Corpus::~Corpus() = default;

Result<std::unique_ptr<Corpus>> Corpus::Open(const std::string& path) {
  Result<std::unique_ptr<store::Store>> store = store::Store::Open(path);
  if (!store.ok()) return store.status();
  auto impl = std::make_unique<Impl>();
  impl->store = std::move(*store);
  impl->path = path;
  return std::unique_ptr<Corpus>(new Corpus(std::move(impl)));
}

Result<std::vector<CorpusEntry>> Corpus::Documents() { return impl_->store->LoadCorpus(true); }

Result<std::vector<VersionChange>> Corpus::Versions(const std::string& doc) {
  return impl_->store->Versions(doc);
}

Result<bool> Corpus::Knows(const std::string& key_or_source) {
  return impl_->store->CorpusHas(key_or_source);
}

Result<AddSummary> Corpus::AddPaths(const std::vector<std::string>& paths,
                                    const AnalyzeOptions& options, const ProgressFn& progress) {
  if (paths.empty()) return Status::InvalidInput("no input path given");
  return Add(paths, {}, options, progress);
}

Result<AddSummary> Corpus::AddDocuments(std::vector<Document> docs, const AnalyzeOptions& options,
                                        const ProgressFn& progress) {
  return Add({}, std::move(docs), options, progress);
}

Result<AddSummary> Corpus::Add(const std::vector<std::string>& paths, std::vector<Document> docs,
                               const AnalyzeOptions& options, const ProgressFn& progress) {
  std::vector<Diagnostic> diagnostics;
  const std::vector<std::string> files = ingest::ListInputs(paths, options.ingest, diagnostics);
  std::vector<ingest::IngestResult> parts(files.size());
  base::ParallelFor(
      files.size(), options.threads,
      [&](size_t i) { ingest::ReadFile(files[i], options.ingest, parts[i]); },
      [&](size_t done) {
        if (progress) progress("read", done, files.size());
      });
  std::vector<Impl::Incoming> incoming;
  for (size_t f = 0; f < parts.size(); ++f) {
    long long ordinal = 0;
    for (Document& d : parts[f].documents) {
      Impl::Incoming in;
      in.source = SourceOf(d, files[f]);
      in.ordinal = ordinal++;
      in.doc = std::move(d);
      incoming.push_back(std::move(in));
    }
    for (Diagnostic& d : parts[f].diagnostics) diagnostics.push_back(std::move(d));
  }
  std::map<std::string, long long> ordinals;
  for (Document& d : docs) {
    Impl::Incoming in;
    in.source = SourceOf(d, d.path);
    in.ordinal = ordinals[in.source]++;
    in.doc = std::move(d);
    incoming.push_back(std::move(in));
  }
  return impl_->Add(std::move(incoming), std::move(diagnostics), options, progress);
}

Result<AddSummary> Corpus::Impl::Add(std::vector<Incoming> incoming,
                                     std::vector<Diagnostic> diagnostics,
                                     const AnalyzeOptions& options, const ProgressFn& progress) {
  AddSummary summary;
  summary.read = incoming.size();
  summary.diagnostics = std::move(diagnostics);
  for (Incoming& in : incoming) {
    in.key = KeyOf(in.doc, in.source);
    in.hash = HashOf(in.key, in.doc);
  }

  // Most polls of a feed or a folder bring nothing new: that is told from the stored
  // keys and hashes alone, without reading every stored document.
  {
    Result<std::vector<std::pair<std::string, std::string>>> keys = store->CurrentHashes();
    if (!keys.ok()) return keys.status();
    std::unordered_map<std::string, std::string> hash_of;
    for (auto& [key, hash] : *keys) hash_of.emplace(std::move(key), std::move(hash));
    const bool nothing_new = std::all_of(incoming.begin(), incoming.end(), [&](const Incoming& in) {
      auto it = hash_of.find(in.key);
      return it != hash_of.end() && it->second == in.hash;
    });
    if (nothing_new) {
      summary.unchanged = incoming.size();
      summary.documents = keys->size();
      return summary;
    }
  }

  Result<std::vector<CorpusEntry>> loaded = store->LoadCorpus(/*current_only=*/true);
  if (!loaded.ok()) return loaded.status();
  std::vector<CorpusEntry> current = std::move(*loaded);
  std::unordered_map<std::string, size_t> by_key;
  std::set<std::string> ids;
  long long arrival = 0;
  for (size_t i = 0; i < current.size(); ++i) {
    by_key[current[i].key] = i;
    ids.insert(current[i].doc.id);
    arrival = std::max(arrival, current[i].arrival);
  }

  const std::string now = NowUtc();
  std::vector<CorpusEntry> added;
  std::vector<std::pair<CorpusEntry, size_t>> versioned;  // (older version, index in added)
  for (Incoming& in : incoming) {
    CorpusEntry e;
    e.key = in.key;
    e.hash = in.hash;
    e.added = now;
    e.source_path = in.source;
    e.ordinal = in.ordinal;
    auto it = by_key.find(e.key);
    if (it != by_key.end()) {
      CorpusEntry& old = current[it->second];
      if (old.hash == e.hash) {
        ++summary.unchanged;
        continue;
      }
      // A new version keeps the article's id and its place in the picture.
      in.doc.id = old.doc.id;
      e.version = old.version + 1;
      e.source_path = old.source_path;
      e.ordinal = old.ordinal;
      e.arrival = old.arrival;
      e.doc = std::move(in.doc);
      versioned.emplace_back(old, added.size());
      old = e;  // the newer version is now the current one
      added.push_back(std::move(e));
      ++summary.new_versions;
      continue;
    }
    // A new article: its id must not clash with any id in the corpus ("a", "a~2"...).
    std::string id = in.doc.id.empty() ? std::string("doc") : in.doc.id;
    if (ids.count(id)) {
      int n = 2;
      while (ids.count(id + "~" + std::to_string(n))) ++n;
      id += "~" + std::to_string(n);
    }
    ids.insert(id);
    in.doc.id = id;
    e.arrival = ++arrival;
    e.doc = std::move(in.doc);
    by_key[e.key] = current.size();
    current.push_back(e);
    added.push_back(std::move(e));
    ++summary.added;
  }
  summary.documents = current.size();
  if (added.empty()) return summary;

  // Stealth edits: what changed between each article's versions.
  if (!versioned.empty()) {
    Result<std::unique_ptr<text::TextAnalyzer>> analyzer = text::TextAnalyzer::Create(options.text);
    if (!analyzer.ok()) return analyzer.status();
    std::vector<VersionChange> changes(versioned.size());
    base::ParallelFor(versioned.size(), options.threads, [&](size_t i) {
      changes[i] =
          CompareVersions(versioned[i].first, added[versioned[i].second], options, **analyzer);
    });
    summary.versions = std::move(changes);
  }

  // The picture: the report of every current document, in the order they arrived (the
  // stored ones come in that order, the new ones were appended). The candidate search
  // kept from the last add is resumed over them.
  std::vector<Document> docs;
  docs.reserve(current.size());
  for (const CorpusEntry& e : current) docs.push_back(e.doc);
  constexpr const char* kCandidateIndex = "reuse_candidates";
  reuse::CandidateIndex candidates(options.reuse);
  {
    Result<std::string> bytes = store->LoadCorpusIndex(kCandidateIndex);
    if (!bytes.ok()) return bytes.status();
    if (!bytes->empty()) {
      Result<reuse::CandidateIndex> kept =
          reuse::CandidateIndex::Decode(*bytes, path + ": " + kCandidateIndex);
      if (kept.ok()) {
        candidates = std::move(*kept);
      } else {  // searched again, and written anew
        summary.diagnostics.push_back(
            {Diagnostic::Severity::kWarning, path,
             kept.status().message() + "; the reuse candidates are searched again"});
      }
    }
  }
  CollectionFacts facts;
  facts.candidate_index = &candidates;
  Result<Report> picture = AnalyzeDocuments(std::move(docs), options, progress, nullptr, &facts);
  if (!picture.ok()) return picture.status();
  summary.candidates_queried = candidates.queried();

  Status committed = store->CommitCorpus(added, summary.versions, *picture,
                                         {{kCandidateIndex, candidates.Encode()}});
  if (!committed.ok()) return committed;
  if (progress) progress("store", 1, 1);
  summary.picture = std::move(*picture);
  summary.picture_updated = true;
  return summary;
}

}  // namespace sitrep
