// Internal pieces of the ingest stage shared by the readers and their tests: byte
// sniffing, charset decoding, paragraph splitting, the HTML, JSON-LD and JSONL readers,
// and metadata normalisation. Not part of the stage API (see ingest.h).
//
// Thread-safety: pure functions.
#ifndef SITREP_INGEST_READERS_H_
#define SITREP_INGEST_READERS_H_

#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "ingest/ingest.h"
#include "sitrep/document.h"
#include "sitrep/options.h"

namespace sitrep::ingest::internal {

using Meta = std::vector<std::pair<std::string, std::string>>;

// ---- sniff.cc / ingest.cc ----

// True when the first 8 KiB of `bytes` hold more than `threshold` (a share) NUL or other
// control bytes, or start with the signature of a common binary format (PDF, PNG, zip...).
bool LooksBinary(std::string_view bytes, double threshold);

// True when the start of `bytes` looks like an HTML page (doctype, <html>, <head>, <body>).
bool LooksLikeHtml(std::string_view bytes);

// ---- charset.cc ----

struct Decoded {
  std::string text;      // Valid UTF-8 when `changed`; empty otherwise.
  bool changed = false;  // The input was not valid UTF-8 as it stood.
  std::string encoding;  // "UTF-8", "windows-1252", "UTF-16LE", ...
};

// Decodes `bytes` to UTF-8. Valid UTF-8 is kept as is whatever `declared` says. Otherwise
// the bytes are converted from `declared` (an HTML charset label; empty when none) when
// that names a known non-UTF-8 encoding; UTF-8 with a few bad sequences is repaired
// (U+FFFD); bytes with no valid multi-byte UTF-8 at all are decoded as windows-1252.
// UTF-16 with a byte order mark is converted. Warnings go to `diagnostics` under `path`.
Decoded DecodeBytes(std::string_view path, std::string_view bytes, std::string_view declared,
                    std::vector<Diagnostic>& diagnostics);

// The charset label declared by a <meta charset> or <meta http-equiv> in the first few KiB
// of an HTML page, lower-cased; empty when none.
std::string DeclaredCharset(std::string_view html);

// Converts `bytes` from the encoding ICU knows as `encoding` to UTF-8. Returns nullopt
// when ICU does not know the encoding.
std::optional<std::string> ConvertToUtf8(std::string_view bytes, const char* encoding);

// ---- text_reader.cc ----

// Fills doc.blocks from doc.text[begin, end): one kBody block per paragraph (runs of
// non-blank lines), trimmed. When the first line is headline-like (or equals
// `known_title`), it becomes a kTitle block and, if unset, Document::title.
void SplitTextBlocks(Document& doc, size_t begin, std::string_view known_title);

// True when `line` reads like a headline: short, not a sentence (no final period), not
// markup or other junk, does not start with a lower-case letter.
bool LooksLikeHeadline(std::string_view line);

// Reads a plain-text article (.txt). Appends a document, or an error when it is empty.
void ReadText(std::string_view path, std::string_view bytes, IngestResult& out);

// ---- html_reader.cc ----

// Parses an HTML page given as valid UTF-8 into doc.text, doc.blocks and doc.meta, and
// sets doc.url / doc.language / doc.published from the metadata. Appends warnings.
void ParseHtml(std::string_view path, std::string_view utf8, const IngestOptions& options,
               Document& doc, std::vector<Diagnostic>& diagnostics);

// Reads an HTML file (any encoding). Appends a document, or an error when there is no
// visible text. `transport_charset` (the charset of an HTTP Content-Type header; empty
// when none) outranks the page's <meta charset>; valid UTF-8 stays UTF-8 whatever either
// says.
void ReadHtml(std::string_view path, std::string_view bytes, const IngestOptions& options,
              IngestResult& out, std::string_view transport_charset = {});

struct PreparedHtml {
  std::string html;           // What the HTML5 parser gets.
  size_t flattened = 0;       // Tags dropped because they nested too deep.
  size_t stripped = 0;        // Bytes dropped: script/style bodies, skipped elements, attributes.
  size_t stray_end_tags = 0;  // End tags dropped because they closed nothing.
  size_t unclosed_raw_text = 0;  // Raw-text elements (<title>...) closed where markup starts.
};

// Readies a page for the HTML5 parser with a cheap tag scanner (not a parser): drops the
// bodies of <script> (except JSON-LD) and <style>, which are never shown, elements the
// walker skips whole (<svg>, <noscript>, <select>, <video>...), the attributes the walker
// never reads (data-*, srcset, onclick, an <a>'s href...), and the tags
// of elements nested deeper than `max_depth` (and of formatting elements beyond a small
// cap), keeping their text, and end tags that close nothing. A raw-text element other
// than <script> whose end tag is missing, or whose text runs into <body>, </head> (or, in
// a <title>, into any tag), is closed where that markup starts: a strict HTML5 parse
// would read the rest of the page as its text. This bounds the parser's
// work, which grows with depth.
PreparedHtml PrepareHtml(std::string_view html, int max_depth);

// ---- jsonld.cc ----

// Adds "jsonld:*" candidates from one <script type="application/ld+json"> body: @type,
// headline, description, datePublished, dateModified, author (one per name), publisher,
// url, inLanguage, articleBody, taken from the first Article-like object (in @graph,
// arrays, or nested values), else from the first object with a headline. Bad JSON adds
// nothing.
void ExtractJsonLd(std::string_view json, Meta& meta);

// ---- jsonl_reader.cc ----

// Reads one JSONL line (1-based `line_number`) into a document, or a diagnostic
// "line N: problem". `stem` makes the default id "<stem>:<line>".
void ReadJsonlLine(std::string_view path, std::string_view stem, size_t line_number,
                   std::string_view line, const IngestOptions& options, IngestResult& out);

// Feeds a JSONL input line by line (from memory or a stream): numbers the lines,
// reads each record, lists the first kMaxReportedLines bad lines one by one and counts
// the rest, and reports an input with no record at all as "empty file".
class JsonlReader {
 public:
  static constexpr size_t kMaxReportedLines = 50;
  // `out` must outlive the reader.
  JsonlReader(std::string_view path, const IngestOptions& options, IngestResult& out);
  void Line(std::string_view line);  // One line, without its '\n'.
  void Oversized();                  // A line longer than options.max_file_bytes.
  void Finish();

 private:
  std::string path_;
  std::string stem_;
  const IngestOptions& options_;
  IngestResult& out_;
  size_t line_number_ = 0;
  size_t records_ = 0;
  size_t reported_lines_ = 0;
  size_t unreported_lines_ = 0;
};

// Reads a whole .jsonl buffer line by line.
void ReadJsonl(std::string_view path, std::string_view bytes, const IngestOptions& options,
               IngestResult& out);

// ---- warc_reader.cc ----

// Pulls up to `n` raw bytes into `buf`: returns how many (> 0), 0 at the end of input, or
// -errno on a read error.
using WarcReadFn = std::function<long(char* buf, size_t n)>;

// Reads a WARC file, plain or gzip (one member per record, or any other split into
// members), pulled through `read` a chunk at a time: one record in memory at a time.
// Response records with a 2xx HTTP status and an HTML payload, and resource records
// with an HTML Content-Type, become documents (see ingest.h); every other record is
// counted by kind in one kInfo summary diagnostic per file. Truncated and corrupt records
// (and corrupt gzip members) are error diagnostics naming the record number and its
// byte offset (of its gzip member for .warc.gz); reading goes on at the next record.
void ReadWarc(std::string_view path, const WarcReadFn& read, const IngestOptions& options,
              IngestResult& out);

// ReadWarc over bytes already in memory.
void ReadWarcBytes(std::string_view path, std::string_view bytes, const IngestOptions& options,
                   IngestResult& out);

// ---- metadata.cc ----

// "YYYY-MM-DD" from an ISO 8601 date or date-time ("2023-03-08", "2023-03-08T10:00Z") or
// an RFC 2822 date ("Wed, 08 Mar 2023 10:00:00 GMT"); nullopt otherwise or when invalid.
std::optional<std::string> NormalizeDate(std::string_view value);

// ISO 639 code from a language tag ("en-GB" -> "en", "EN" -> "en"); nullopt when it
// does not look like one.
std::optional<std::string> NormalizeLanguage(std::string_view tag);

// The file name without folders and the last extension ("a/b/c.txt" -> "c").
std::string FileStem(std::string_view path);

// `s` without leading and trailing ASCII whitespace.
std::string_view TrimAscii(std::string_view s);

// Adds a diagnostic.
void AddDiagnostic(std::vector<Diagnostic>& diagnostics, Diagnostic::Severity severity,
                   std::string_view path, std::string message);

}  // namespace sitrep::ingest::internal

#endif  // SITREP_INGEST_READERS_H_
