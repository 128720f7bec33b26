// Options: one plain struct per pipeline stage, each field with its effect, unit and
// default. The CLI takes its defaults from these structs, so every default is written
// once, here.
//
// Thread-safety: plain values.
#ifndef SITREP_OPTIONS_H_
#define SITREP_OPTIONS_H_

#include <cstddef>
#include <string>

namespace sitrep {

struct IngestOptions {
  // Files larger than this are reported and skipped. Bytes. Default 64 MiB.
  size_t max_file_bytes = 64u << 20;
  // Share of NUL/control bytes in the first 8 KiB above which a file is called binary.
  double binary_threshold = 0.10;
  // Follow symbolic links when walking folders. Default false (no loops).
  bool follow_symlinks = false;
  // HTML elements nested deeper than this are flattened (their tags dropped, their text
  // kept) before parsing, which keeps parsing time linear on hostile pages. Default 400.
  int html_max_depth = 400;
};

struct CleanOptions {
  // A line that recurs in at least this many documents of one outlet is boilerplate.
  int repeated_line_min_docs = 3;
  // Detect the language of each document (CLD2). Default true.
  bool detect_language = true;
};

struct TextOptions {
  // Snowball stemmer language for tokens. Default "english".
  std::string stemmer_language = "english";
  // Folder with WordNet 3.0 data files (data.noun, ...). Empty: no synonym folding.
  std::string wordnet_dir = "/usr/share/wordnet";
};

struct ReuseOptions {
  // Minimum share of the copy's body aligned to the source for a pair to be reported.
  double min_coverage = 0.2;
  // Minimum similarity of two sentences to align them. 0..1.
  double min_sentence_similarity = 0.45;
};

struct ExtractOptions {
  // Gazetteer file built by scripts/install-deps.sh; empty: places get no coordinates.
  std::string gazetteer_path;
};

struct ReconcileOptions {
  // Two figures about the same thing differ when their relative difference exceeds this.
  double contradiction_tolerance = 0.05;
};

struct AnalyzeOptions {
  IngestOptions ingest;
  CleanOptions clean;
  TextOptions text;
  ReuseOptions reuse;
  ExtractOptions extract;
  ReconcileOptions reconcile;
  // Worker threads for per-document stages; 0 = hardware concurrency.
  int threads = 0;
};

}  // namespace sitrep

#endif  // SITREP_OPTIONS_H_
