// sitrep._sitrep: the C++ engine for Python (pybind11). The Python package (sitrep/)
// wraps these calls; see python/README.md.
//
// Every function takes and returns plain values: paths and JSONL records in, the JSON
// report (contract v1.1, docs/report-format.md) out as a string, which sitrep/__init__.py
// turns into Python objects with json.loads. The GIL is released while the engine runs.
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "clean/clean.h"
#include "ingest/ingest.h"
#include "report/json.h"
#include "reuse/doc_features.h"
#include "reuse/minhash.h"
#include "reuse/reuse.h"
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
};

sitrep::AnalyzeOptions ToAnalyzeOptions(const PyOptions& o) {
  sitrep::AnalyzeOptions options;
  options.threads = o.threads;
  options.extract.gazetteer_path = o.gazetteer;
  if (o.max_file_bytes > 0) options.ingest.max_file_bytes = o.max_file_bytes;
  options.ingest.follow_symlinks = o.follow_symlinks;
  options.clean.detect_language = o.detect_language;
  return options;
}

std::string ToJson(sitrep::Result<sitrep::Report> report) {
  if (!report.ok()) throw std::invalid_argument(report.status().ToString());
  sitrep::report::JsonOptions json;
  json.indent = -1;
  return sitrep::report::WriteJson(*report, json);
}

// Reads `paths` (files and folders) and `jsonl` (records, one JSON object a line, named
// `records_name` in ids and diagnostics), then runs the pipeline on all of them.
std::string Analyze(const std::vector<std::string>& paths, const std::string& records_name,
                    const std::string& jsonl, const PyOptions& py_options) {
  const sitrep::AnalyzeOptions options = ToAnalyzeOptions(py_options);
  if (jsonl.empty()) {
    if (paths.empty()) throw std::invalid_argument("no input: give paths or records");
    return ToJson(sitrep::Analyze(paths, options));
  }
  sitrep::ingest::IngestResult read;
  if (!paths.empty()) read = sitrep::ingest::ReadPaths(paths, options.ingest);
  sitrep::ingest::ReadBytes(records_name, jsonl, "jsonl", options.ingest, read);
  sitrep::ingest::MakeIdsUnique(read.documents);
  sitrep::Result<sitrep::Report> report =
      sitrep::AnalyzeDocuments(std::move(read.documents), options);
  if (report.ok()) {
    read.diagnostics.insert(read.diagnostics.end(), report->diagnostics.begin(),
                            report->diagnostics.end());
    report->diagnostics = std::move(read.diagnostics);
  }
  return ToJson(std::move(report));
}

// ---- Per-stage functions (sitrep/stages.py) ----

// One document from a JSONL record (`is_path` false) or a file holding one article,
// read and cleaned alone (CleanDocument: no cross-document boilerplate evidence).
sitrep::Document OneDocument(const std::string& input, bool is_path) {
  sitrep::ingest::IngestResult read;
  if (is_path) {
    read = sitrep::ingest::ReadPaths({input}, sitrep::IngestOptions{});
  } else {
    sitrep::ingest::ReadBytes("record", input, "jsonl", sitrep::IngestOptions{}, read);
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
  sitrep::clean::CleanDocument(read.documents[0], sitrep::CleanOptions{});
  return std::move(read.documents[0]);
}

// The text analyser (WordNet loaded once per process).
const sitrep::text::TextAnalyzer& Analyzer() {
  static const sitrep::Result<std::unique_ptr<sitrep::text::TextAnalyzer>> analyzer =
      sitrep::text::TextAnalyzer::Create(sitrep::TextOptions{});
  if (!analyzer.ok()) throw std::runtime_error(analyzer.status().ToString());
  return **analyzer;
}

// The document as the report writes it: a report holding only it.
std::string CleanJson(const std::string& input, bool is_path) {
  sitrep::Report report;
  report.version = sitrep::Version();
  report.documents.push_back(OneDocument(input, is_path));
  sitrep::report::JsonOptions json;
  json.indent = -1;
  return sitrep::report::WriteJson(report, json);
}

// MinHash signature of the document's word shingles (as FindReuse computes it) and its
// LSH band keys.
std::pair<std::vector<uint32_t>, std::vector<uint32_t>> Signature(const std::string& input,
                                                                  bool is_path, int bands,
                                                                  int rows) {
  if (bands < 1 || rows < 1) throw std::invalid_argument("bands and rows must be >= 1");
  const sitrep::Document doc = OneDocument(input, is_path);
  const sitrep::text::DocText text = Analyzer().Analyze(doc);
  const sitrep::ReuseOptions defaults;
  const sitrep::reuse::DocFeatures features =
      sitrep::reuse::ComputeFeatures(doc, text, defaults.shingle_words);
  const sitrep::reuse::NearDuplicateIndex index({.bands = bands, .rows = rows});
  std::vector<uint32_t> sig = sitrep::reuse::MinHashSignature(
      features.sentences.empty() ? std::vector<uint64_t>{} : features.shingles,
      index.signature_length());
  std::vector<uint32_t> keys = index.BandKeys(sig);
  return {std::move(sig), std::move(keys)};
}

// The reuse pair of two documents (`a` the source when undetermined), as `sitrep compare
// --format json` writes it.
std::string Compare(const std::string& a, bool a_is_path, const std::string& b, bool b_is_path) {
  std::vector<sitrep::Document> docs;
  docs.push_back(OneDocument(a, a_is_path));
  docs.push_back(OneDocument(b, b_is_path));
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
      .def_readwrite("detect_language", &PyOptions::detect_language);
  m.def(
      "analyze",
      [](const std::vector<std::string>& paths, const std::string& records_name,
         const py::bytes& jsonl, const PyOptions& options) {
        std::string records = jsonl;  // copied while the GIL is held
        std::string json;
        {
          py::gil_scoped_release release;
          json = Analyze(paths, records_name, records, options);
        }
        return py::bytes(json);
      },
      py::arg("paths"), py::arg("records_name"), py::arg("jsonl"), py::arg("options"),
      "Runs the pipeline; returns the JSON report as UTF-8 bytes.");
  m.def(
      "clean",
      [](const py::bytes& input, bool is_path) {
        const std::string in = input;
        std::string out;
        {
          py::gil_scoped_release release;
          out = CleanJson(in, is_path);
        }
        return py::bytes(out);
      },
      py::arg("input"), py::arg("is_path"), "One document read and cleaned; a report's JSON.");
  m.def(
      "signature",
      [](const py::bytes& input, bool is_path, int bands, int rows) {
        const std::string in = input;
        py::gil_scoped_release release;
        return Signature(in, is_path, bands, rows);
      },
      py::arg("input"), py::arg("is_path"), py::arg("bands"), py::arg("rows"),
      "MinHash signature and LSH band keys of one document.");
  m.def(
      "compare",
      [](const py::bytes& a, bool a_is_path, const py::bytes& b, bool b_is_path) {
        const std::string sa = a, sb = b;
        std::string out;
        {
          py::gil_scoped_release release;
          out = Compare(sa, a_is_path, sb, b_is_path);
        }
        return py::bytes(out);
      },
      py::arg("a"), py::arg("a_is_path"), py::arg("b"), py::arg("b_is_path"),
      "The reuse pair of two documents as JSON.");
  m.def("version", &sitrep::Version, "The engine's version, e.g. \"0.1.0\".");
  m.attr("CONTRACT") = sitrep::report::kContractVersion;
}
