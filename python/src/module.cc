// sitrep._sitrep: the C++ engine for Python (pybind11). The Python package (sitrep/)
// wraps these calls; see python/README.md.
//
// Every function takes and returns plain values: paths, JSONL records and documents as
// read (dicts, see DocumentToDict) in, the JSON report (contract v1.1,
// docs/report-format.md) out as a string, which sitrep/__init__.py turns into Python
// objects with json.loads. Python objects are converted while the GIL is held; the GIL is
// released while the engine runs.
//
// A document "as read" is the Document an ingest reader made, before cleaning: its dict
// holds every field (text, blocks with their HTML hints, reader metadata), so that
// analysing it later gives what analysing the file it came from gives. Strings cross with
// the "surrogateescape" error handler: bytes that are not UTF-8 (a WARC header can hold
// some) survive the round trip unchanged.
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <algorithm>
#include <array>
#include <memory>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <string>
#include <tuple>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

#include "clean/clean.h"
#include "extract/entity.h"
#include "extract/place.h"
#include "extract/quantity.h"
#include "extract/who.h"
#include "ingest/ingest.h"
#include "reconcile/events.h"
#include "reconcile/mentions.h"
#include "report/json.h"
#include "reuse/doc_features.h"
#include "reuse/minhash.h"
#include "reuse/reuse.h"
#include "reuse/rewrite_index.h"
#include "sitrep/engine.h"
#include "sitrep/options.h"
#include "text/text.h"

namespace py = pybind11;

namespace {

// The options a Python caller may set, by name; anything else is a TypeError (raised by
// the Python layer, which knows the names, before this is called).
struct PyOptions {
  int threads = 0;
  std::string gazetteer;
  size_t max_file_bytes = 0;  // 0: the default
  bool follow_symlinks = false;
  bool detect_language = true;
  bool reuse_only = false;
};

sitrep::AnalyzeOptions ToAnalyzeOptions(const PyOptions& o) {
  sitrep::AnalyzeOptions options;
  options.threads = o.threads;
  options.extract.gazetteer_path = o.gazetteer;
  if (o.max_file_bytes > 0) options.ingest.max_file_bytes = o.max_file_bytes;
  options.ingest.follow_symlinks = o.follow_symlinks;
  options.clean.detect_language = o.detect_language;
  options.reuse_only = o.reuse_only;
  return options;
}

std::string ToJson(sitrep::Result<sitrep::Report> report) {
  if (!report.ok()) throw std::invalid_argument(report.status().ToString());
  sitrep::report::JsonOptions json;
  json.indent = -1;
  return sitrep::report::WriteJson(*report, json);
}

// ---- Strings and documents between Python and C++ (GIL held) ----

py::str ToPy(std::string_view s) {
  PyObject* o =
      PyUnicode_DecodeUTF8(s.data(), static_cast<Py_ssize_t>(s.size()), "surrogateescape");
  if (o == nullptr) throw py::error_already_set();
  return py::reinterpret_steal<py::str>(o);
}

std::string FromPy(py::handle h, const char* what) {
  if (!PyUnicode_Check(h.ptr())) {
    throw py::type_error(std::string(what) + " must be str, not " +
                         std::string(py::str(py::type::of(h).attr("__name__"))));
  }
  PyObject* b = PyUnicode_AsEncodedString(h.ptr(), "utf-8", "surrogateescape");
  if (b == nullptr) throw py::error_already_set();
  py::bytes bytes = py::reinterpret_steal<py::bytes>(b);
  return std::string(bytes);
}

py::object OptionalToPy(const std::optional<std::string>& v) {
  return v ? py::object(ToPy(*v)) : py::object(py::none());
}

using Role = sitrep::BlockRole;
constexpr std::array<Role, 8> kRoles = {Role::kTitle,       Role::kDek,     Role::kBody,
                                        Role::kHeading,     Role::kCaption, Role::kByline,
                                        Role::kBoilerplate, Role::kRepeat};

// The document as read: every field of sitrep::Document, blocks as
// {"role", "start", "end", "tag", "ancestors", "link_bytes"} (offsets are UTF-8 byte offsets
// into "text"), meta as [key, value] pairs, absent optional fields as None.
py::dict DocumentToDict(const sitrep::Document& d) {
  py::dict out;
  out["id"] = ToPy(d.id);
  out["path"] = ToPy(d.path);
  out["format"] = ToPy(d.format);
  out["url"] = OptionalToPy(d.url);
  out["title"] = OptionalToPy(d.title);
  out["published"] = OptionalToPy(d.published);
  out["published_basis"] = OptionalToPy(d.published_basis);
  out["outlet"] = OptionalToPy(d.outlet);
  out["author"] = OptionalToPy(d.author);
  out["language"] = OptionalToPy(d.language);
  out["text"] = ToPy(d.text);
  py::list blocks;
  for (const sitrep::Block& b : d.blocks) {
    py::dict block;
    block["role"] = ToPy(sitrep::BlockRoleName(b.role));
    block["start"] = b.start;
    block["end"] = b.end;
    block["tag"] = ToPy(b.tag);
    block["ancestors"] = ToPy(b.ancestors);
    block["link_bytes"] = b.link_bytes;
    blocks.append(std::move(block));
  }
  out["blocks"] = std::move(blocks);
  py::list meta;
  for (const auto& [k, v] : d.meta) meta.append(py::make_tuple(ToPy(k), ToPy(v)));
  out["meta"] = std::move(meta);
  return out;
}

std::optional<std::string> OptionalFromPy(const py::dict& d, const char* key) {
  if (!d.contains(key) || d[key].is_none()) return std::nullopt;
  return FromPy(d[key], key);
}

// The inverse of DocumentToDict. Raises ValueError when a block does not fit the text.
sitrep::Document DocumentFromDict(py::handle h) {
  if (!py::isinstance<py::dict>(h)) throw py::type_error("a document must be a dict");
  const py::dict d = py::reinterpret_borrow<py::dict>(h);
  for (const char* key : {"id", "text", "blocks"}) {
    if (!d.contains(key)) throw py::value_error(std::string("document without \"") + key + "\"");
  }
  sitrep::Document doc;
  doc.id = FromPy(d["id"], "id");
  doc.text = FromPy(d["text"], "text");
  if (d.contains("path")) doc.path = FromPy(d["path"], "path");
  if (d.contains("format")) doc.format = FromPy(d["format"], "format");
  doc.url = OptionalFromPy(d, "url");
  doc.title = OptionalFromPy(d, "title");
  doc.published = OptionalFromPy(d, "published");
  doc.published_basis = OptionalFromPy(d, "published_basis");
  doc.outlet = OptionalFromPy(d, "outlet");
  doc.author = OptionalFromPy(d, "author");
  doc.language = OptionalFromPy(d, "language");
  size_t last_end = 0;
  for (py::handle bh : d["blocks"]) {
    if (!py::isinstance<py::dict>(bh)) throw py::type_error(doc.id + ": a block must be a dict");
    const py::dict b = py::reinterpret_borrow<py::dict>(bh);
    sitrep::Block block;
    const std::string role = b.contains("role") ? FromPy(b["role"], "role") : "body";
    bool known = false;
    for (Role r : kRoles) {
      if (sitrep::BlockRoleName(r) == role) {
        block.role = r;
        known = true;
      }
    }
    if (!known) throw py::value_error(doc.id + ": unknown block role \"" + role + "\"");
    block.start = b["start"].cast<size_t>();
    block.end = b["end"].cast<size_t>();
    if (block.start > block.end || block.end > doc.text.size() || block.start < last_end) {
      throw py::value_error(doc.id + ": block [" + std::to_string(block.start) + ", " +
                            std::to_string(block.end) + ") does not fit the text (" +
                            std::to_string(doc.text.size()) + " bytes, blocks in order)");
    }
    last_end = block.end;
    if (b.contains("tag")) block.tag = FromPy(b["tag"], "tag");
    if (b.contains("ancestors")) block.ancestors = FromPy(b["ancestors"], "ancestors");
    if (b.contains("link_bytes")) block.link_bytes = b["link_bytes"].cast<size_t>();
    doc.blocks.push_back(std::move(block));
  }
  if (d.contains("meta")) {
    for (py::handle kv : d["meta"]) {
      if (!py::isinstance<py::sequence>(kv) || py::len(kv) != 2) {
        throw py::value_error(doc.id + ": a meta item is a [key, value] pair");
      }
      const py::sequence pair = py::reinterpret_borrow<py::sequence>(kv);
      doc.meta.emplace_back(FromPy(pair[0], "meta key"), FromPy(pair[1], "meta value"));
    }
  }
  return doc;
}

py::list DiagnosticsToPy(const std::vector<sitrep::Diagnostic>& diagnostics) {
  py::list out;
  for (const sitrep::Diagnostic& d : diagnostics) {
    py::dict item;
    item["severity"] = ToPy(sitrep::SeverityName(d.severity));
    item["path"] = ToPy(d.path);
    item["message"] = ToPy(d.message);
    out.append(std::move(item));
  }
  return out;
}

// ---- Inputs of analyze, in the caller's order ----

// One input of `analyze`: a path, a run of JSONL records, or a document as read.
struct Input {
  enum class Kind { kPath, kRecords, kDocument };
  Kind kind = Kind::kPath;
  std::string bytes;  // the path, or the records' JSONL
  sitrep::Document document;
};

// Converts [("path", str), ("records", bytes), ("document", dict), ...] (GIL held).
std::vector<Input> ToInputs(const py::list& items) {
  std::vector<Input> inputs;
  for (py::handle item : items) {
    const py::tuple t = py::reinterpret_borrow<py::tuple>(item);
    const std::string kind = t[0].cast<std::string>();
    Input in;
    if (kind == "path") {
      in.kind = Input::Kind::kPath;
      in.bytes = FromPy(t[1], "path");
    } else if (kind == "records") {
      in.kind = Input::Kind::kRecords;
      in.bytes = t[1].cast<std::string>();
    } else if (kind == "document") {
      in.kind = Input::Kind::kDocument;
      in.document = DocumentFromDict(t[1]);
    } else {
      throw py::value_error("unknown input kind " + kind);
    }
    inputs.push_back(std::move(in));
  }
  return inputs;
}

// Reads the inputs in order: each run of consecutive paths with ReadPaths, records with
// the JSONL reader (named `records_name` in ids and diagnostics), documents as they are;
// ids made unique over the whole input.
sitrep::ingest::IngestResult ReadInputs(std::vector<Input> inputs, const std::string& records_name,
                                        const sitrep::AnalyzeOptions& options) {
  sitrep::ingest::IngestResult read;
  for (size_t i = 0; i < inputs.size();) {
    Input& in = inputs[i];
    if (in.kind == Input::Kind::kPath) {
      std::vector<std::string> paths;
      for (; i < inputs.size() && inputs[i].kind == Input::Kind::kPath; ++i) {
        paths.push_back(std::move(inputs[i].bytes));
      }
      sitrep::ingest::IngestResult part = sitrep::ingest::ReadPaths(paths, options.ingest);
      for (sitrep::Document& d : part.documents) read.documents.push_back(std::move(d));
      for (sitrep::Diagnostic& d : part.diagnostics) read.diagnostics.push_back(std::move(d));
      continue;
    }
    if (in.kind == Input::Kind::kRecords) {
      sitrep::ingest::ReadBytes(records_name, in.bytes, "jsonl", options.ingest, read);
    } else {
      read.documents.push_back(std::move(in.document));
    }
    ++i;
  }
  sitrep::ingest::MakeIdsUnique(read.documents);
  return read;
}

// Reads the inputs in order and runs the pipeline on all of them. Paths alone go through
// sitrep::Analyze (files read in parallel, exactly as `sitrep analyze`); otherwise each
// run of consecutive paths is read with ReadPaths, records with the JSONL reader (named
// `records_name` in ids and diagnostics), documents are taken as they are, and ids are
// made unique over the whole input.
// `outputs` and `facts`, when not null: what a run over a piece of a collection hands back
// and is told (sitrep::PieceOutputs, sitrep::CollectionFacts).
std::string Analyze(std::vector<Input> inputs, const std::string& records_name,
                    const PyOptions& py_options, const sitrep::PieceOutputs* outputs = nullptr,
                    const sitrep::CollectionFacts* facts = nullptr) {
  const sitrep::AnalyzeOptions options = ToAnalyzeOptions(py_options);
  if (inputs.empty()) throw std::invalid_argument("no input: give paths or records");
  bool only_paths = true;
  for (const Input& in : inputs) only_paths = only_paths && in.kind == Input::Kind::kPath;
  if (only_paths && !outputs && !facts) {
    std::vector<std::string> paths;
    for (Input& in : inputs) paths.push_back(std::move(in.bytes));
    return ToJson(sitrep::Analyze(paths, options));
  }
  sitrep::ingest::IngestResult read = ReadInputs(std::move(inputs), records_name, options);
  sitrep::Result<sitrep::Report> report =
      sitrep::AnalyzeDocuments(std::move(read.documents), options, {}, outputs, facts);
  if (report.ok()) {
    read.diagnostics.insert(read.diagnostics.end(), report->diagnostics.begin(),
                            report->diagnostics.end());
    report->diagnostics = std::move(read.diagnostics);
  }
  return ToJson(std::move(report));
}

// ---- What a piece is told about its collection (sitrep.dask) ----

// The outlets' template lines, built once from {outlet: [keys]} and handed to many calls.
struct PyTemplates {
  sitrep::clean::Templates templates;
};

PyTemplates TemplatesFromDict(const py::dict& d) {
  PyTemplates out;
  for (auto [outlet, keys] : d) {
    auto& lines = out.templates.by_outlet[FromPy(outlet, "outlet")];
    for (py::handle k : keys) lines.insert(k.cast<uint64_t>());
  }
  return out;
}

py::dict TemplatesToDict(const sitrep::clean::Templates& t) {
  py::dict out;
  for (const auto& [outlet, lines] : t.by_outlet) {
    std::vector<uint64_t> keys(lines.begin(), lines.end());
    std::sort(keys.begin(), keys.end());
    out[ToPy(outlet)] = keys;
  }
  return out;
}

// Candidate pairs [(id, id)], the collection's document count and {term: documents}.
sitrep::reuse::ReuseScope ScopeFromPy(const py::list& candidates, size_t documents,
                                      const py::dict& term_documents) {
  sitrep::reuse::ReuseScope scope;
  for (py::handle pair : candidates) {
    const py::tuple t = py::reinterpret_borrow<py::tuple>(pair);
    if (t.size() != 2) throw py::value_error("a candidate pair is (id, id)");
    scope.candidates.emplace_back(FromPy(t[0], "document id"), FromPy(t[1], "document id"));
  }
  scope.documents = documents;
  for (auto [term, count] : term_documents) {
    scope.term_documents.emplace(term.cast<uint64_t>(), count.cast<uint32_t>());
  }
  return scope;
}

// {"documents": n, "by_key": {place key: documents}} (GIL held).
sitrep::reconcile::PlaceCounts PlaceCountsFromDict(const py::dict& d) {
  sitrep::reconcile::PlaceCounts out;
  if (!d.contains("documents") || !d.contains("by_key")) {
    throw py::value_error("places is {\"documents\": n, \"by_key\": {key: documents}}");
  }
  out.documents = d["documents"].cast<size_t>();
  for (auto [key, n] : d["by_key"].cast<py::dict>()) {
    out.by_key.emplace(FromPy(key, "place key"), n.cast<int>());
  }
  return out;
}

// Entity-type votes: {loose name: (person, organization, other)} in tenths.
sitrep::extract::TypeVotes TypeVotesFromDict(const py::dict& d) {
  sitrep::extract::TypeVotes out;
  for (auto [name, v] : d) {
    const auto votes = v.cast<std::array<int64_t, 3>>();
    out.by_name.emplace(FromPy(name, "name"), votes);
  }
  return out;
}

py::dict TypeVotesToDict(const sitrep::extract::TypeVotes& votes) {
  py::dict out;
  for (const auto& [name, v] : votes.by_name) out[ToPy(name)] = py::make_tuple(v[0], v[1], v[2]);
  return out;
}

// ---- Per-stage functions (sitrep/stages.py) ----

// One article given to a stage function: a JSONL record, a path to a file holding one
// article, or a document as read.
struct Article {
  enum class Kind { kRecord, kPath, kDocument };
  Kind kind = Kind::kRecord;
  std::string bytes;
  sitrep::Document document;
};

// ("record", bytes) | ("path", str) | ("document", dict) (GIL held).
Article ToArticle(const py::tuple& t) {
  const std::string kind = t[0].cast<std::string>();
  Article a;
  if (kind == "record") {
    a.kind = Article::Kind::kRecord;
    a.bytes = t[1].cast<std::string>();
  } else if (kind == "path") {
    a.kind = Article::Kind::kPath;
    a.bytes = FromPy(t[1], "path");
  } else if (kind == "document") {
    a.kind = Article::Kind::kDocument;
    a.document = DocumentFromDict(t[1]);
  } else {
    throw py::value_error("unknown article kind " + kind);
  }
  return a;
}

// The article as read, not cleaned yet.
sitrep::Document ReadArticle(Article article) {
  if (article.kind == Article::Kind::kDocument) return std::move(article.document);
  sitrep::ingest::IngestResult read;
  if (article.kind == Article::Kind::kPath) {
    read = sitrep::ingest::ReadPaths({article.bytes}, sitrep::IngestOptions{});
  } else {
    sitrep::ingest::ReadBytes("records", article.bytes, "jsonl", sitrep::IngestOptions{}, read);
  }
  for (const sitrep::Diagnostic& d : read.diagnostics) {
    if (d.severity == sitrep::Diagnostic::Severity::kError) {
      throw std::invalid_argument(d.path + ": " + d.message);
    }
  }
  if (read.documents.size() != 1) {
    throw std::invalid_argument("expected one article, found " +
                                std::to_string(read.documents.size()));
  }
  return std::move(read.documents[0]);
}

// The article read and cleaned alone (CleanDocument: no cross-document boilerplate
// evidence).
sitrep::Document OneDocument(Article article) {
  sitrep::Document doc = ReadArticle(std::move(article));
  sitrep::clean::CleanDocument(doc, sitrep::CleanOptions{});
  return doc;
}

// The text analyser (WordNet loaded once per process).
const sitrep::text::TextAnalyzer& Analyzer() {
  static const sitrep::Result<std::unique_ptr<sitrep::text::TextAnalyzer>> analyzer =
      sitrep::text::TextAnalyzer::Create(sitrep::TextOptions{});
  if (!analyzer.ok()) throw std::runtime_error(analyzer.status().ToString());
  return **analyzer;
}

// The gazetteer at `path` (empty: the default), loaded on first use and kept for the
// life of the process (one per path). Null when it cannot be loaded: `diagnostic` then
// says why, as AnalyzeDocuments says it.
const sitrep::extract::Gazetteer* CachedGazetteer(const std::string& path,
                                                  std::optional<sitrep::Diagnostic>& diagnostic) {
  struct Entry {
    std::unique_ptr<sitrep::extract::Gazetteer> gazetteer;
    std::string error;
  };
  static std::mutex mu;
  static std::unordered_map<std::string, Entry> cache;
  const std::string key = path.empty() ? sitrep::extract::DefaultGazetteerPath() : path;
  std::lock_guard<std::mutex> lock(mu);
  auto it = cache.find(key);
  if (it == cache.end()) {
    Entry entry;
    sitrep::Result<std::unique_ptr<sitrep::extract::Gazetteer>> loaded =
        sitrep::extract::LoadGazetteer(key);
    if (loaded.ok()) {
      entry.gazetteer = std::move(*loaded);
    } else {
      entry.error = loaded.status().message();
    }
    it = cache.emplace(key, std::move(entry)).first;
  }
  if (!it->second.error.empty()) {
    diagnostic =
        sitrep::Diagnostic{sitrep::Diagnostic::Severity::kWarning, key,
                           "gazetteer not loaded, places get no coordinates: " + it->second.error};
  }
  return it->second.gazetteer.get();
}

// Clean and extract one article as `AnalyzeDocuments` does for a corpus of that one
// document (CleanDocuments, the text analyser, ExtractTimesAndQuantities, ExtractWho):
// a report holding the document, its times, quantities, entities (with mentions) and
// claims; no reuse, no events.
std::string CleanExtractJson(Article article, const std::string& gazetteer_path) {
  std::vector<sitrep::Document> docs;
  docs.push_back(ReadArticle(std::move(article)));
  sitrep::CleanOptions clean;
  clean.threads = 1;
  sitrep::clean::CleanDocuments(docs, clean);
  std::vector<sitrep::text::DocText> texts;
  texts.push_back(Analyzer().Analyze(docs[0]));
  sitrep::Report report;
  report.version = sitrep::Version();
  sitrep::extract::TimesAndQuantities when =
      sitrep::extract::ExtractTimesAndQuantities(docs[0], texts[0]);
  report.times = std::move(when.times);
  report.quantities = std::move(when.quantities);
  std::optional<sitrep::Diagnostic> diagnostic;
  const sitrep::extract::Gazetteer* gazetteer = CachedGazetteer(gazetteer_path, diagnostic);
  if (diagnostic) report.diagnostics.push_back(std::move(*diagnostic));
  sitrep::ExtractOptions extract;
  extract.threads = 1;
  if (!gazetteer_path.empty()) extract.gazetteer_path = gazetteer_path;
  sitrep::extract::WhoResult who = sitrep::extract::ExtractWho(docs, texts, gazetteer, extract);
  report.entities = std::move(who.entities);
  report.claims = std::move(who.claims);
  report.documents = std::move(docs);
  sitrep::report::JsonOptions json;
  json.indent = -1;
  return sitrep::report::WriteJson(report, json);
}

// The document as the report writes it: a report holding only it.
std::string CleanJson(Article article) {
  sitrep::Report report;
  report.version = sitrep::Version();
  report.documents.push_back(OneDocument(std::move(article)));
  sitrep::report::JsonOptions json;
  json.indent = -1;
  return sitrep::report::WriteJson(report, json);
}

// The candidate keys of one document, as FindReuse computes them: the MinHash signature
// of its word shingles and its LSH band keys (NearDuplicateIndex), and the keys
// RewriteIndex::Add files it under (DocFeatures::sentence_sketches and rare_tokens, sorted
// and unique; both empty for a document without sentences).
// With `templates`, the document is cleaned as in a collection with those template lines
// (clean::ApplyTemplates). Also: whether it has sentences (one without takes part in no
// pair), its body hash (exact duplicates) and its sentence terms (DocumentTerms: what it
// counts for in document frequency).
struct SignatureKeys {
  std::vector<uint32_t> signature;
  std::vector<uint32_t> band_keys;
  std::vector<uint64_t> sentence_sketches;
  std::vector<uint64_t> rare_tokens;
  bool has_sentences = false;
  uint64_t body_hash = 0;
  std::vector<uint64_t> terms;
};

SignatureKeys Signature(Article article, int bands, int rows,
                        const sitrep::clean::Templates* templates = nullptr) {
  if (bands < 1 || rows < 1) throw std::invalid_argument("bands and rows must be >= 1");
  sitrep::Document doc = ReadArticle(std::move(article));
  const std::vector<uint64_t> line_keys = sitrep::clean::CleanAlone(doc, sitrep::CleanOptions{});
  if (templates) sitrep::clean::ApplyTemplates(doc, line_keys, *templates);
  const sitrep::text::DocText text = Analyzer().Analyze(doc);
  const sitrep::ReuseOptions defaults;
  sitrep::reuse::DocFeatures features =
      sitrep::reuse::ComputeFeatures(doc, text, defaults.shingle_words);
  const sitrep::reuse::NearDuplicateIndex index({.bands = bands, .rows = rows});
  SignatureKeys out;
  out.signature = sitrep::reuse::MinHashSignature(
      features.sentences.empty() ? std::vector<uint64_t>{} : features.shingles,
      index.signature_length());
  out.band_keys = index.BandKeys(out.signature);
  out.has_sentences = !features.sentences.empty();
  out.body_hash = features.body_hash;
  out.terms = sitrep::reuse::DocumentTerms(features);
  out.sentence_sketches = std::move(features.sentence_sketches);
  out.rare_tokens = std::move(features.rare_tokens);
  return out;
}

// The reuse pair of two documents (`a` the source when undetermined), as `sitrep compare
// --format json` writes it.
std::string Compare(Article a, Article b) {
  std::vector<sitrep::Document> docs;
  docs.push_back(OneDocument(std::move(a)));
  docs.push_back(OneDocument(std::move(b)));
  const sitrep::text::DocText ta = Analyzer().Analyze(docs[0]);
  const sitrep::text::DocText tb = Analyzer().Analyze(docs[1]);
  const sitrep::Reuse pair =
      sitrep::reuse::ComparePair(docs[0], ta, docs[1], tb, Analyzer(), sitrep::ReuseOptions{});
  sitrep::report::JsonOptions json;
  json.indent = -1;
  return sitrep::report::WriteReuseJson(pair, json);
}

}  // namespace

PYBIND11_MODULE(_sitrep, m) {
  m.doc() = "The sitrep engine (C++). Use the `sitrep` package, not this module.";
  py::class_<PyOptions>(m, "Options")
      .def(py::init<>())
      .def_readwrite("threads", &PyOptions::threads)
      .def_readwrite("gazetteer", &PyOptions::gazetteer)
      .def_readwrite("max_file_bytes", &PyOptions::max_file_bytes)
      .def_readwrite("follow_symlinks", &PyOptions::follow_symlinks)
      .def_readwrite("detect_language", &PyOptions::detect_language)
      .def_readwrite("reuse_only", &PyOptions::reuse_only);
  m.def(
      "analyze",
      [](const py::list& items, const std::string& records_name, const PyOptions& options) {
        std::vector<Input> inputs = ToInputs(items);
        std::string json;
        {
          py::gil_scoped_release release;
          json = Analyze(std::move(inputs), records_name, options);
        }
        return py::bytes(json);
      },
      py::arg("inputs"), py::arg("records_name"), py::arg("options"),
      "Runs the pipeline on [(kind, value)] inputs in order (kind: path, records, document); "
      "returns the JSON report as UTF-8 bytes.");
  m.def(
      "analyze_mentions",
      [](const py::list& items, const std::string& records_name, const PyOptions& options,
         const std::optional<py::bytes>& reuse_json, const PyTemplates* templates,
         const std::optional<py::dict>& places, const std::vector<std::string>& context,
         const std::optional<py::dict>& type_votes, const std::optional<py::bytes>& entities) {
        const std::unordered_set<std::string> context_ids(context.begin(), context.end());
        std::optional<std::string> raw_entities;
        if (entities) raw_entities = std::string(*entities);
        std::vector<Input> inputs = ToInputs(items);
        std::string json, counts;
        std::vector<std::pair<std::string, std::string>> groups;
        std::optional<std::string> raw_reuse;
        if (reuse_json) raw_reuse = std::string(*reuse_json);
        std::optional<sitrep::reconcile::PlaceCounts> counts_of_places;
        if (places) counts_of_places = PlaceCountsFromDict(*places);
        std::optional<sitrep::extract::TypeVotes> votes;
        if (type_votes) votes = TypeVotesFromDict(*type_votes);
        {
          py::gil_scoped_release release;
          std::optional<std::vector<sitrep::Reuse>> known;
          if (raw_reuse) {
            sitrep::Result<std::vector<sitrep::Reuse>> pairs =
                sitrep::report::ReadReuseJson(*raw_reuse);
            if (!pairs.ok()) throw std::invalid_argument(pairs.status().ToString());
            known = std::move(*pairs);
          }
          std::optional<sitrep::extract::EntityMerge> merge;
          if (raw_entities) {
            sitrep::Result<sitrep::extract::EntityMerge> decoded =
                sitrep::extract::DecodeEntityMerge(*raw_entities);
            if (!decoded.ok()) throw std::invalid_argument(decoded.status().ToString());
            merge = std::move(*decoded);
          }
          sitrep::reconcile::MentionSet mentions;
          const sitrep::CollectionFacts facts{
              .templates = templates ? &templates->templates : nullptr,
              .known_reuse = known ? &*known : nullptr,
              .places = counts_of_places ? &*counts_of_places : nullptr,
              .type_votes = votes ? &*votes : nullptr,
              .entities = merge ? &*merge : nullptr};
          const sitrep::PieceOutputs outputs{.mentions = &mentions};
          json = Analyze(std::move(inputs), records_name, options, &outputs, &facts);
          // Context documents were analysed for the others' sake (a copy's source, so that
          // the copy links its mentions to the source's): their mentions are another run's.
          std::erase_if(mentions.mentions, [&](const sitrep::reconcile::MentionRecord& r) {
            return context_ids.count(r.doc) > 0;
          });
          counts = sitrep::reconcile::EncodeWordCounts(sitrep::reconcile::CountWords(mentions));
          for (const auto& [group, set] : sitrep::reconcile::SplitByGroup(mentions)) {
            groups.emplace_back(group, sitrep::reconcile::EncodeMentions(set));
          }
        }
        py::dict by_group;
        for (const auto& [group, bytes] : groups) by_group[ToPy(group)] = py::bytes(bytes);
        return py::make_tuple(py::bytes(json), std::move(by_group), py::bytes(counts));
      },
      py::arg("inputs"), py::arg("records_name"), py::arg("options"),
      py::arg("reuse_json") = py::none(), py::arg("templates") = nullptr,
      py::arg("places") = py::none(), py::arg("context") = std::vector<std::string>{},
      py::arg("type_votes") = py::none(), py::arg("entities") = py::none(),
      "As analyze, plus the event mentions as records: (JSON report, {merge group: mention "
      "records}, word counts), all bytes. reuse_json (bytes, a JSON array of reuse pairs as "
      "the report writes them): pairs found elsewhere, used instead of the reuse stage's. "
      "templates: the collection's template lines, used instead of the inputs' own. places: "
      "{\"documents\": n, \"by_key\": {place key: documents}} over the collection. context: "
      "ids of documents analysed for the others' sake, whose mentions are left out. type_votes: "
      "{name: (person, organization, other)} over the collection (extract::TypeVotes). "
      "entities: the collection's entity merge (bytes, merge_entities), which gives the "
      "inputs their entities.");
  m.def(
      "analyze_pairs",
      [](const py::list& items, const std::string& records_name, const PyOptions& py_options,
         const py::list& candidates, size_t documents, const py::dict& term_documents,
         const PyTemplates* templates, bool places) {
        std::vector<Input> inputs = ToInputs(items);
        const sitrep::reuse::ReuseScope scope = ScopeFromPy(candidates, documents, term_documents);
        std::string json;
        std::vector<std::pair<std::string, std::vector<std::string>>> by_doc;
        sitrep::extract::TypeVotes votes;
        std::string entity_mentions;
        {
          py::gil_scoped_release release;
          sitrep::AnalyzeOptions options = ToAnalyzeOptions(py_options);
          options.reuse_only = !places;
          options.extract_only = places;
          sitrep::ingest::IngestResult read = ReadInputs(std::move(inputs), records_name, options);
          const sitrep::CollectionFacts facts{
              .templates = templates ? &templates->templates : nullptr, .reuse_scope = &scope};
          std::vector<sitrep::extract::DocEntityMentions> mentions;
          const sitrep::PieceOutputs outputs{.type_votes = places ? &votes : nullptr,
                                             .entity_mentions = places ? &mentions : nullptr};
          sitrep::Result<sitrep::Report> report =
              sitrep::AnalyzeDocuments(std::move(read.documents), options, {}, &outputs, &facts);
          if (report.ok()) {
            if (places) {
              const auto keys = sitrep::reconcile::PlacesByDocument(*report);
              for (size_t i = 0; i < keys.size(); ++i) {
                by_doc.emplace_back(report->documents[i].id, keys[i]);
              }
              // The pairs are what the caller wants; the extractions only counted places.
              report->entities.clear();
              report->times.clear();
              report->quantities.clear();
              report->claims.clear();
            }
            read.diagnostics.insert(read.diagnostics.end(), report->diagnostics.begin(),
                                    report->diagnostics.end());
            report->diagnostics = std::move(read.diagnostics);
          }
          json = ToJson(std::move(report));
          if (places) entity_mentions = sitrep::extract::EncodeEntityMentions(mentions);
        }
        py::dict place_keys;
        for (const auto& [id, keys] : by_doc) place_keys[ToPy(id)] = keys;
        return py::make_tuple(py::bytes(json), std::move(place_keys), TypeVotesToDict(votes),
                              py::bytes(entity_mentions));
      },
      py::arg("inputs"), py::arg("records_name"), py::arg("options"), py::arg("candidates"),
      py::arg("documents"), py::arg("term_documents"), py::arg("templates") = nullptr,
      py::arg("places") = false,
      "The reuse stage over the inputs with the collection's candidate pairs [(id, id)], "
      "document count, {term: documents} and template lines (reuse::ReuseScope): (the JSON "
      "report of documents, reuse and clusters as bytes, {doc id: [place keys]}, {name: "
      "(person, organization, other)}); with places, the documents are also extracted and "
      "each one's place entities (reconcile::PlacesByDocument) and the entity-type votes of "
      "all (extract::TypeVotes) given, and their entity mentions (bytes, for merge_entities), "
      "else both dicts and the bytes are empty.");
  m.def(
      "merge_entities",
      [](const std::vector<py::bytes>& parts, const std::vector<std::string>& order,
         const PyOptions& py_options) {
        std::vector<std::string> raw;
        raw.reserve(parts.size());
        for (const py::bytes& b : parts) raw.emplace_back(b);
        std::string out;
        {
          py::gil_scoped_release release;
          std::unordered_map<std::string, sitrep::extract::DocEntityMentions> by_id;
          for (const std::string& bytes : raw) {
            sitrep::Result<std::vector<sitrep::extract::DocEntityMentions>> decoded =
                sitrep::extract::DecodeEntityMentions(bytes);
            if (!decoded.ok()) throw std::invalid_argument(decoded.status().ToString());
            for (sitrep::extract::DocEntityMentions& d : *decoded) {
              std::string id = d.doc;
              by_id.insert_or_assign(std::move(id), std::move(d));
            }
          }
          std::vector<sitrep::extract::DocEntityMentions> docs;
          docs.reserve(order.size());
          for (const std::string& id : order) {
            auto it = by_id.find(id);
            if (it == by_id.end()) continue;
            docs.push_back(std::move(it->second));
            by_id.erase(it);
          }
          if (!by_id.empty()) {
            throw std::invalid_argument("merge_entities: document " + by_id.begin()->first +
                                        " is not in the order given");
          }
          std::optional<sitrep::Diagnostic> diagnostic;
          const sitrep::extract::Gazetteer* gazetteer =
              CachedGazetteer(py_options.gazetteer, diagnostic);
          out = sitrep::extract::EncodeEntityMerge(
              sitrep::extract::MergeCollectionEntities(docs, gazetteer));
        }
        return py::bytes(out);
      },
      py::arg("parts"), py::arg("order"), py::arg("options"),
      "The entities of a collection (extract::MergeCollectionEntities, as bytes) from its "
      "documents' entity mentions (bytes from analyze_pairs), merged in `order` (document "
      "ids, the collection's order: an id no part holds is skipped, a part's document "
      "`order` lacks is an error).");
  m.def(
      "mention_records_json",
      [](const py::bytes& records) {
        sitrep::Result<std::string> out =
            sitrep::reconcile::MentionsAsJson(std::string_view(records));
        if (!out.ok()) throw std::invalid_argument(out.status().ToString());
        return *out;
      },
      py::arg("records"),
      "Mention records (bytes) as JSON: [version, entities, mentions], fields by position "
      "(src/reconcile/mentions.h).");
  m.def(
      "sum_word_counts",
      [](const std::vector<py::bytes>& parts) {
        sitrep::reconcile::WordCounts sum;
        for (const py::bytes& b : parts) {
          sitrep::Result<sitrep::reconcile::WordCounts> c =
              sitrep::reconcile::DecodeWordCounts(std::string_view(b));
          if (!c.ok()) throw std::invalid_argument(c.status().ToString());
          sum.Add(*c);
        }
        return py::bytes(sitrep::reconcile::EncodeWordCounts(sum));
      },
      py::arg("parts"), "The sum of word counts (bytes), as bytes.");
  m.def(
      "sum_type_votes",
      [](const std::vector<py::dict>& parts) {
        sitrep::extract::TypeVotes sum;
        for (const py::dict& d : parts) sum.Add(TypeVotesFromDict(d));
        return TypeVotesToDict(sum);
      },
      py::arg("parts"),
      "The sum of entity-type votes ({name: (person, organization, other)}, "
      "extract::TypeVotes::Add).");
  m.def(
      "reconcile_mentions",
      [](const std::vector<py::bytes>& sets, const py::bytes& counts,
         const std::unordered_map<std::string, std::pair<uint64_t, std::string>>& documents) {
        std::vector<std::string> raw;
        for (const py::bytes& b : sets) raw.emplace_back(b);
        const std::string raw_counts(counts);
        std::string json;
        {
          py::gil_scoped_release release;
          std::vector<sitrep::reconcile::MentionSet> decoded;
          for (const std::string& b : raw) {
            sitrep::Result<sitrep::reconcile::MentionSet> set =
                sitrep::reconcile::DecodeMentions(b);
            if (!set.ok()) throw std::invalid_argument(set.status().ToString());
            decoded.push_back(std::move(*set));
          }
          sitrep::Result<sitrep::reconcile::WordCounts> words =
              sitrep::reconcile::DecodeWordCounts(raw_counts);
          if (!words.ok()) throw std::invalid_argument(words.status().ToString());
          std::unordered_map<std::string, sitrep::reconcile::RecordDocument> docs;
          for (const auto& [id, at] : documents) docs[id] = {at.first, at.second};
          sitrep::Report report = sitrep::reconcile::ReconcileMentions(decoded, *words, docs,
                                                                       sitrep::ReconcileOptions{});
          report.version = sitrep::Version();
          json = ToJson(std::move(report));
        }
        return py::bytes(json);
      },
      py::arg("sets"), py::arg("word_counts"), py::arg("documents"),
      "Events of mention records of one merge group (reconcile::ReconcileMentions); "
      "documents: {id: (input rank, copy cluster)}. Returns a JSON report holding the "
      "events, their timeline entries and the entities they name.");
  m.def(
      "read",
      [](const std::vector<std::string>& paths, const PyOptions& py_options) {
        const sitrep::AnalyzeOptions options = ToAnalyzeOptions(py_options);
        sitrep::ingest::IngestResult read;
        {
          py::gil_scoped_release release;
          read = sitrep::ingest::ReadPaths(paths, options.ingest);
        }
        py::list documents;
        for (const sitrep::Document& d : read.documents) documents.append(DocumentToDict(d));
        py::dict out;
        out["documents"] = std::move(documents);
        out["diagnostics"] = DiagnosticsToPy(read.diagnostics);
        return out;
      },
      py::arg("paths"), py::arg("options"),
      "Reads files and folders as `analyze` does: the documents as read (dicts) and the "
      "diagnostics.");
  m.def(
      "clean",
      [](const py::tuple& article) {
        Article a = ToArticle(article);
        std::string out;
        {
          py::gil_scoped_release release;
          out = CleanJson(std::move(a));
        }
        return py::bytes(out);
      },
      py::arg("article"), "One document read and cleaned; a report's JSON.");
  m.def(
      "clean_extract",
      [](const py::tuple& article, const std::string& gazetteer) {
        Article a = ToArticle(article);
        std::string out;
        {
          py::gil_scoped_release release;
          out = CleanExtractJson(std::move(a), gazetteer);
        }
        return py::bytes(out);
      },
      py::arg("article"), py::arg("gazetteer"),
      "One document read, cleaned and extracted; a report's JSON (no reuse, no events).");
  m.def(
      "signature",
      [](const py::tuple& article, int bands, int rows, const PyTemplates* templates) {
        Article a = ToArticle(article);
        SignatureKeys keys;
        {
          py::gil_scoped_release release;
          keys = Signature(std::move(a), bands, rows, templates ? &templates->templates : nullptr);
        }
        return py::make_tuple(keys.signature, keys.band_keys, keys.sentence_sketches,
                              keys.rare_tokens, keys.has_sentences, keys.body_hash, keys.terms);
      },
      py::arg("article"), py::arg("bands"), py::arg("rows"), py::arg("templates") = nullptr,
      "MinHash signature, LSH band keys, sentence sketches, rare tokens, has sentences, body "
      "hash and sentence terms of one document (the reuse stage's candidate keys), cleaned "
      "alone or with the collection's template lines.");
  py::class_<PyTemplates>(m, "Templates")
      .def(py::init(&TemplatesFromDict), py::arg("by_outlet"),
           "Template lines {outlet: [line keys]}, converted once for many calls.");
  m.def(
      "clean_keys",
      [](const py::tuple& article) {
        Article a = ToArticle(article);
        sitrep::Document doc;
        std::vector<uint64_t> keys;
        {
          py::gil_scoped_release release;
          doc = ReadArticle(std::move(a));
          keys = sitrep::clean::CleanAlone(doc, sitrep::CleanOptions{});
        }
        return py::make_tuple(ToPy(doc.outlet.value_or("")), keys);
      },
      py::arg("article"),
      "(outlet, block repetition keys) of one document cleaned alone (clean::CleanAlone).");
  m.def(
      "find_templates",
      [](const std::vector<std::string>& outlets, const std::vector<std::vector<uint64_t>>& keys) {
        if (outlets.size() != keys.size()) {
          throw py::value_error("outlets and keys must be as long as each other");
        }
        sitrep::clean::Templates t;
        {
          py::gil_scoped_release release;
          t = sitrep::clean::FindTemplates(outlets, keys, sitrep::CleanOptions{});
        }
        return TemplatesToDict(t);
      },
      py::arg("outlets"), py::arg("keys"),
      "{outlet: [template line keys]} over documents given by outlet and block keys "
      "(clean::FindTemplates, default options).");
  m.def(
      "candidate_pairs",
      [](const py::list& items, const std::string& records_name, const PyOptions& py_options,
         const PyTemplates* templates) {
        std::vector<Input> inputs = ToInputs(items);
        std::vector<std::pair<std::string, std::string>> out;
        {
          py::gil_scoped_release release;
          sitrep::AnalyzeOptions options = sitrep::StageOptions(ToAnalyzeOptions(py_options));
          options.reuse_only = true;
          // Cleaned and analysed as the pipeline does, then the reuse stage's search.
          sitrep::ingest::IngestResult read = ReadInputs(std::move(inputs), records_name, options);
          std::vector<sitrep::Document>& docs = read.documents;
          sitrep::clean::CleanDocuments(docs, options.clean,
                                        templates ? &templates->templates : nullptr);
          std::vector<sitrep::text::DocText> texts(docs.size());
          for (size_t i = 0; i < docs.size(); ++i) texts[i] = Analyzer().Analyze(docs[i]);
          for (const auto& [i, j] : sitrep::reuse::CandidatePairs(docs, texts, options.reuse)) {
            out.emplace_back(docs[i].id, docs[j].id);
          }
        }
        py::list pairs;
        for (const auto& [a, b] : out) pairs.append(py::make_tuple(ToPy(a), ToPy(b)));
        return pairs;
      },
      py::arg("inputs"), py::arg("records_name"), py::arg("options"),
      py::arg("templates") = nullptr,
      "The reuse stage's candidate pairs [(earlier id, later id)] over the inputs "
      "(reuse::CandidatePairs), cleaned with their own or the given template lines.");
  m.def(
      "compare",
      [](const py::tuple& a, const py::tuple& b) {
        Article aa = ToArticle(a), ab = ToArticle(b);
        std::string out;
        {
          py::gil_scoped_release release;
          out = Compare(std::move(aa), std::move(ab));
        }
        return py::bytes(out);
      },
      py::arg("a"), py::arg("b"), "The reuse pair of two documents as JSON.");
  m.def(
      "reuse_candidate_options",
      [] {
        // FindReuse's RewriteIndex: max_postings and max_candidates from ReuseOptions, the
        // thresholds from RewriteIndexOptions (FindReuse keeps their defaults).
        const sitrep::ReuseOptions reuse;
        const sitrep::reuse::RewriteIndexOptions rewrite;
        py::dict out;
        out["max_postings"] = reuse.max_postings;
        out["max_candidates"] = reuse.max_candidates;
        out["min_shared_sketches"] = rewrite.min_shared_sketches;
        out["min_rare_weight"] = rewrite.min_rare_weight;
        out["lsh_bands"] = reuse.lsh_bands;
        out["lsh_rows"] = reuse.lsh_rows;
        return out;
      },
      "The reuse stage's default candidate settings (ReuseOptions, RewriteIndexOptions).");
  m.def(
      "rewrite_candidates",
      [](const std::vector<std::vector<uint64_t>>& sketches,
         const std::vector<std::vector<uint64_t>>& rare, const std::vector<bool>& has_sentences,
         size_t max_postings, int min_shared_sketches, double min_rare_weight,
         size_t max_candidates) {
        if (rare.size() != sketches.size() || has_sentences.size() != sketches.size()) {
          throw std::invalid_argument(
              "rewrite_candidates: sketches, rare and has_sentences "
              "differ in length");
        }
        std::vector<std::tuple<double, uint32_t, uint32_t>> out;
        {
          py::gil_scoped_release release;
          sitrep::reuse::RewriteIndex index({.max_postings = max_postings,
                                             .min_shared_sketches = min_shared_sketches,
                                             .min_rare_weight = min_rare_weight,
                                             .max_candidates = max_candidates});
          sitrep::reuse::DocFeatures f;
          for (size_t j = 0; j < sketches.size(); ++j) {
            f.sentence_sketches = sketches[j];
            f.rare_tokens = rare[j];
            // As FindReuse's candidate search: a document without sentences is added,
            // not queried.
            if (has_sentences[j]) {
              for (const auto& c : index.Query(f)) {
                out.emplace_back(c.sketch_weight + c.rare_weight, c.id, static_cast<uint32_t>(j));
              }
            }
            index.Add(f);
          }
        }
        return out;
      },
      py::arg("sketches"), py::arg("rare_tokens"), py::arg("has_sentences"),
      py::arg("max_postings"), py::arg("min_shared_sketches"), py::arg("min_rare_weight"),
      py::arg("max_candidates"),
      "The rewrite candidates of documents given in input order by their rewrite keys "
      "(signature's sentence_sketches and rare_tokens): reuse::RewriteIndex queried with "
      "each document, then added, as FindReuse searches; [(score, earlier position, "
      "position)], score the summed sketch and rare-token weights.");
  m.def("version", &sitrep::Version, "The engine's version, e.g. \"0.1.0\".");
  m.attr("CONTRACT") = sitrep::report::kContractVersion;
}
