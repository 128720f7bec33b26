// Ingest: turns paths into Documents. Reads .txt, .html/.htm and .jsonl files, walking
// folders recursively in a stable (sorted) order.
//
// Nothing here stops a run: an unreadable path, a binary file, an empty file, a bad JSONL
// line or invalid UTF-8 becomes a Diagnostic naming the file (and line or byte offset)
// and the problem; every other input is still read.
//
// Blocks: readers split the text into paragraph-like blocks (role kBody, or kTitle for a
// headline line); clean/ gives them their final roles. HTML blocks carry DOM hints
// (Block::tag, ancestors, link_bytes) for cleaning.
//
// Thread-safety: pure functions; safe to call concurrently on different inputs.
#ifndef SITREP_INGEST_INGEST_H_
#define SITREP_INGEST_INGEST_H_

#include <string>
#include <string_view>
#include <vector>

#include "sitrep/document.h"
#include "sitrep/options.h"
#include "sitrep/status.h"

namespace sitrep::ingest {

struct IngestResult {
  std::vector<Document> documents;
  std::vector<Diagnostic> diagnostics;  // warnings (repaired input) and skipped inputs
};

// Reads every file named or found under a folder in `paths`. Files with other
// extensions found while walking a folder are ignored; named explicitly they are read as
// text if they look like text. Document ids are unique: a clash gets a "~2" suffix.
IngestResult ReadPaths(const std::vector<std::string>& paths, const IngestOptions& options);

// Parses bytes already in memory as the given format ("txt", "html", "jsonl"); `path`
// names the input in documents and diagnostics. Appends to `out`.
void ReadBytes(std::string_view path, std::string_view bytes, std::string_view format,
               const IngestOptions& options, IngestResult& out);

}  // namespace sitrep::ingest

#endif  // SITREP_INGEST_INGEST_H_
