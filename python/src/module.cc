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

#include "ingest/ingest.h"
#include "report/json.h"
#include "sitrep/engine.h"
#include "sitrep/options.h"

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
  m.def("version", &sitrep::Version, "The engine's version, e.g. \"0.1.0\".");
  m.attr("CONTRACT") = sitrep::report::kContractVersion;
}
