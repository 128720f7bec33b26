// Document: one news article as read, and the blocks cleaning sorted it into.
//
// A Document owns its bytes (`text`). Everything else that refers to text - blocks,
// sentences, tokens, extractions - is a [start, end) byte range into `text`, so every
// finding can be pointed back to the exact bytes it came from.
//
// `text` is the document's text as read: for .txt files the file's bytes (with invalid
// UTF-8 sequences replaced by U+FFFD, reported as a diagnostic); for HTML the visible
// text of the page, one block per paragraph-like element, blocks separated by a blank
// line; for JSONL the `text` field (or the visible text of its `html` field).
//
// Thread-safety: plain value; no internal synchronisation.
#ifndef SITREP_DOCUMENT_H_
#define SITREP_DOCUMENT_H_

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace sitrep {

// The role cleaning gives a block. Names match contract v1 (docs/report-format.md).
enum class BlockRole { kTitle, kDek, kBody, kHeading, kCaption, kByline, kBoilerplate, kRepeat };

// "title", "dek", "body", ...
std::string_view BlockRoleName(BlockRole role);

// A paragraph-like run of text: [start, end) bytes of Document::text, trimmed of
// surrounding whitespace. Blocks are in document order and do not overlap.
struct Block {
  BlockRole role = BlockRole::kBody;
  size_t start = 0;
  size_t end = 0;
  // Where the block came from, as hints for cleaning. Empty for plain text.
  std::string tag;        // HTML element that holds the block: "p", "h1", "figcaption", "li"...
  std::string ancestors;  // Space-separated tag names, ids and classes of its ancestors,
                          // outermost first, e.g. "body div#main article.story"; for HTML.
  size_t link_bytes = 0;  // Bytes of the block's text that sit inside <a> elements.
};

struct Document {
  std::string id;      // Stable: file stem, or JSONL `id` / "<stem>:<line>".
  std::string path;    // Path as given or found when walking a folder.
  std::string text;    // Owned bytes; see the file comment.
  std::string format;  // "txt", "html" or "jsonl".

  std::optional<std::string> title;
  std::optional<std::string> published;        // YYYY-MM-DD
  std::optional<std::string> published_basis;  // "metadata" | "text" | "inferred" |
                                               // "fetched" (WARC-Date: crawled that day)
  std::optional<std::string> outlet;
  std::optional<std::string> author;
  std::optional<std::string> language;  // ISO 639-1, e.g. "en"
  std::optional<std::string> url;

  std::vector<Block> blocks;

  // Metadata candidates found by the reader, for clean/ to weigh: key/value pairs such as
  // {"html:title", ...}, {"og:title", ...}, {"og:site_name", ...},
  // {"article:published_time", ...}, {"jsonld:headline", ...}, {"jsonld:datePublished",
  // ...}, {"jsonld:author", ...}, {"jsonld:articleBody", ...}, {"time", ...},
  // {"jsonl:date", ...}, {"url", ...}. Values are raw strings, not necessarily in `text`.
  std::vector<std::pair<std::string, std::string>> meta;

  // The bytes of a block or of any [start, end) range. Requires start <= end <= size.
  std::string_view Slice(size_t start, size_t end) const {
    return std::string_view(text).substr(start, end - start);
  }
  std::string_view Slice(const Block& b) const { return Slice(b.start, b.end); }
};

// Something that went wrong with one input, reported and skipped past: the run goes on.
struct Diagnostic {
  // kInfo: a summary that is neither a skipped nor a repaired input (for example what a
  // WARC file held: "120 documents from 400 WARC records; 280 skipped (...)").
  enum class Severity { kWarning, kError, kInfo };
  Severity severity = Severity::kError;
  std::string path;     // The input file.
  std::string message;  // "byte 120: invalid UTF-8 sequence replaced", "binary file skipped".
};

// "warning", "error" or "info".
std::string_view SeverityName(Diagnostic::Severity severity);

}  // namespace sitrep

#endif  // SITREP_DOCUMENT_H_
