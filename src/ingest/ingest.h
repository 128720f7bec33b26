// Ingest: turns paths into Documents. Reads .txt, .html/.htm, .jsonl, RSS/Atom feed
// (.rss/.atom, or any file whose root element is a feed) and .warc/.warc.gz files, walking
// folders recursively in a stable (sorted) order.
//
// Nothing here stops a run: an unreadable path, a binary file, an empty file, a bad JSONL
// line or invalid UTF-8 becomes a Diagnostic whose `path` names the file and whose
// `message` names the problem (with a line or byte offset where there is one); every
// other input is still read. Nothing here throws or aborts on any input bytes.
//
// What each reader produces:
//   .txt    Document::text is the file's bytes as read (so block offsets are byte offsets
//           into the file), unless the bytes were not UTF-8: invalid sequences are then
//           replaced by U+FFFD (or, when the file holds no valid multi-byte UTF-8 at all,
//           it is decoded as windows-1252) and a warning gives the first bad offsets.
//           One block per blank-line separated paragraph; a headline-like first line is
//           a kTitle block and Document::title.
//   .html   Visible text of the body, one block per paragraph-like element, blocks joined
//           by "\n\n". Blocks carry tag, ancestors and link_bytes. All roles are kBody
//           (clean/ decides). Metadata candidates go to Document::meta (keys: html:title,
//           html:h1, og:*, article:*, author, date, description, canonical, url, time,
//           lang, jsonld:*); the reader itself sets only url, language and, from an ISO
//           date in the page metadata, published.
//   .jsonl  One article per line: id, url, title, date|published, author, outlet, text,
//           html. Record fields go to the Document fields and to meta ("jsonl:*").
//   feed    One document per item whose own content is substantial (see feed.h).
//   .warc   Web archives, plain or gzip (.warc.gz), streamed record by record: each HTML
//           response (2xx) or resource record is read as an .html page (format "html",
//           id "<stem>:<record number>", url from WARC-Target-URI, meta "warc:date" etc.);
//           other records are counted in one kInfo diagnostic per file. See docs/warc.md.
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
// Equivalent to ListInputs, then ReadFile on each, then MakeIdsUnique.
IngestResult ReadPaths(const std::vector<std::string>& paths, const IngestOptions& options);

// The files ReadPaths would read, in reading order: each named path in the order given;
// a folder is walked recursively (hidden entries skipped, symlinks followed only when
// options.follow_symlinks) and contributes its .txt/.html/.htm/.jsonl/.rss/.atom/.warc/
// .warc.gz files (extension case-insensitive) sorted by path. A file named explicitly is listed
// whatever its extension. A file reached twice is listed once. Paths that do not exist or cannot be
// walked become error diagnostics appended to `diagnostics`.
std::vector<std::string> ListInputs(const std::vector<std::string>& paths,
                                    const IngestOptions& options,
                                    std::vector<Diagnostic>& diagnostics);

// Reads one file and appends its documents and diagnostics to `out`. The format follows
// the extension (.txt, .html/.htm, .jsonl, .rss/.atom, .warc/.warc.gz); any other
// extension (.xml too) is sniffed: WARC when it starts with "WARC/", a feed when its root
// element is rss/feed/rdf:RDF, HTML when it starts like an HTML page, else text. Binary,
// empty, too large or unreadable files give
// an error diagnostic and no document. JSONL files are streamed line by line (the size
// limit then applies to each line), and so are WARC files (the limit applies to each
// record's payload). Safe to call concurrently for different files.
void ReadFile(const std::string& path, const IngestOptions& options, IngestResult& out);

// Parses bytes already in memory as the given format ("txt", "html", "jsonl", "feed",
// "warc"; anything
// else is read as "txt"); `path` names the input in documents and diagnostics. Appends to
// `out`. The same checks as ReadFile apply (binary, empty, too large).
void ReadBytes(std::string_view path, std::string_view bytes, std::string_view format,
               const IngestOptions& options, IngestResult& out);

// Makes document ids unique in order: the second "a" becomes "a~2", the third "a~3"
// (skipping suffixes already taken). Deterministic for a given document order.
void MakeIdsUnique(std::vector<Document>& documents);

}  // namespace sitrep::ingest

#endif  // SITREP_INGEST_INGEST_H_
