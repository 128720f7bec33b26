// Markdown writer: the situation report for people, in plain Markdown.
//
// Sections, in order: summary; timeline; events with their sources; contradictions
// (between independent sources, and facts changed by copying); copies (who copied whom,
// relation, coverage, drifted facts); key people, organisations and places; claims;
// documents (title, date, outlet, junk removed); input problems.
// Article text is quoted as it is, with Markdown's special characters escaped so that
// no article can inject links, HTML or headings into the report.
//
// Thread-safety: pure function.
#ifndef SITREP_REPORT_MARKDOWN_H_
#define SITREP_REPORT_MARKDOWN_H_

#include <string>
#include <string_view>

#include "sitrep/report.h"

namespace sitrep::report {

struct MarkdownOptions {
  std::string title = "Situation report";
  // At most this many entities, claims and events are listed in full. 0 = all.
  size_t max_items = 50;
};

std::string WriteMarkdown(const Report& report, const MarkdownOptions& options = {});

// Escapes Markdown and HTML metacharacters and flattens newlines to spaces.
std::string EscapeMarkdown(std::string_view text);

}  // namespace sitrep::report

#endif  // SITREP_REPORT_MARKDOWN_H_
