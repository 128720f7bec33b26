// HTML writer: the situation report a person opens, as ONE self-contained file.
//
// Sections, in order: summary; timeline (server-side SVG chart plus an ordered list);
// map of the places with events (country outlines decoded from the world-atlas TopoJSON
// installed by scripts/install-deps.sh, projected into inline SVG); events; key figures
// and disagreements (contradictions between independent sources, facts changed in
// copying, figures grouped by what they count); the copy graph (SVG per copy family and
// a table of reuse pairs); documents (index, and per-document views with junk blocks
// struck out in <del> and drifted or disputed facts in <mark>); input problems.
//
// Invariants:
//  - Everything is drawn server-side, so the page reads without JavaScript; a small
//    inline script adds interactivity (highlighting, filtering, toggling junk).
//  - No network: CSS and JS are inline (embedded at build time from src/report/assets),
//    and a Content-Security-Policy with a per-page nonce forbids any other script, style,
//    frame or fetch.
//  - All report text (article text, ids, titles, entity names) is untrusted and passes
//    through EscapeHtml everywhere, in element content and attribute values alike.
//  - Missing map data is not an error: the page says so and draws the places on a
//    plain grid.
//
// Thread-safety: WriteHtml may be called concurrently; map data files are cached
// process-wide behind a mutex.
#ifndef SITREP_REPORT_HTML_H_
#define SITREP_REPORT_HTML_H_

#include <cstddef>
#include <string>
#include <string_view>

#include "sitrep/report.h"

namespace sitrep::report {

struct HtmlOptions {
  // Page title and top heading.
  std::string title = "Situation report";
  // TopoJSON file with a "countries" object (world-atlas). Empty: FindMapData().
  std::string map_data_path;
  // At most this many rows in the timeline list, events, figures and reuse tables;
  // 0 = all. The JSON report always has everything.
  size_t max_items = 500;
  // At most this many documents get a full per-document view (those involved in copying
  // or disagreements first); every document still appears in the index. 0 = all.
  size_t max_documents = 200;
  // CSP nonce for the inline style and script; empty: a fresh random one per page.
  // (Tests set it to get byte-identical output.)
  std::string nonce;
};

// Writes the report page. Never fails: missing parts are said on the page.
std::string WriteHtml(const Report& report, const HtmlOptions& options = {});

// Escapes &, <, >, " and ' as character references and replaces NUL and other C0
// control characters (except tab, newline, carriage return) with U+FFFD, so the result is
// safe in element content and in quoted attribute values, in HTML and in inline SVG.
std::string EscapeHtml(std::string_view text);

// The installed world-atlas countries file, looked for in order under $SITREP_DATA_DIR,
// next to the executable (../data, ../share/sitrep/data, data) and in the source tree
// the binary was built from. Empty when none exists.
std::string FindMapData();

}  // namespace sitrep::report

#endif  // SITREP_REPORT_HTML_H_
