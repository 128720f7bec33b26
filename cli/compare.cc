// `sitrep compare A B [--format text|json|html] [-o FILE]`: aligns two articles and shows
// the shared passages side by side with the facts that changed highlighted.
#include <unistd.h>

#include <algorithm>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "clean/clean.h"
#include "cli/commands.h"
#include "ingest/ingest.h"
#include "report/html.h"
#include "report/json.h"
#include "reuse/reuse.h"
#include "sitrep/options.h"
#include "text/text.h"

namespace sitrep::cli {
namespace {

// Byte ranges of a passage text to highlight: the drifted phrases of one side.
using Marks = std::vector<std::pair<size_t, size_t>>;

Marks FindMarks(const std::string& text, const std::vector<const Drift*>& drift, bool source) {
  Marks marks;
  for (const Drift* d : drift) {
    const std::string& phrase = source ? d->source_text : d->copy_text;
    if (phrase.empty()) continue;
    const size_t at = text.find(phrase);
    if (at != std::string::npos) marks.push_back({at, at + phrase.size()});
  }
  std::sort(marks.begin(), marks.end());
  return marks;
}

size_t CodePoints(std::string_view s) {
  size_t n = 0;
  for (char c : s) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return n;
}

// Greedy word wrap into lines of at most `width` code points: [start, end) byte ranges.
std::vector<std::pair<size_t, size_t>> Wrap(const std::string& text, size_t width) {
  std::vector<std::pair<size_t, size_t>> lines;
  size_t start = 0;
  while (start < text.size()) {
    while (start < text.size() && text[start] == ' ') ++start;
    if (start >= text.size()) break;
    size_t end = start, last_space = std::string::npos, cps = 0;
    while (end < text.size() && text[end] != '\n') {
      if ((static_cast<unsigned char>(text[end]) & 0xC0) != 0x80) {
        if (cps == width) break;
        ++cps;
      }
      if (text[end] == ' ') last_space = end;
      ++end;
    }
    if (end < text.size() && text[end] != '\n' && last_space != std::string::npos &&
        last_space > start)
      end = last_space;
    lines.push_back({start, end});
    start = end < text.size() && text[end] == '\n' ? end + 1 : end;
  }
  return lines;
}

// One wrapped line with highlights, padded to `width` code points. Without colour the
// highlighted phrases are put in [brackets].
std::string Render(const std::string& text, std::pair<size_t, size_t> line, const Marks& marks,
                   size_t width, bool color, const char* on) {
  auto marked = [&](size_t i) {
    for (const auto& [a, b] : marks)
      if (i >= a && i < b) return true;
    return false;
  };
  std::string out;
  size_t brackets = 0;
  for (size_t i = line.first; i < line.second; ++i) {
    const bool in = marked(i);
    if (in && (i == line.first || !marked(i - 1))) {
      out += color ? on : "[";
      brackets += !color;
    }
    out.push_back(text[i]);
    if (in && (i + 1 == line.second || !marked(i + 1))) {
      out += color ? "\033[0m" : "]";
      brackets += !color;
    }
  }
  const size_t cps =
      brackets + CodePoints(std::string_view(text).substr(line.first, line.second - line.first));
  if (cps < width) out.append(width - cps, ' ');
  return out;
}

std::string TextView(const Reuse& r, bool color) {
  std::ostringstream out;
  const size_t width = 58;
  const char* bold = color ? "\033[1m" : "";
  const char* reset = color ? "\033[0m" : "";
  out << bold << "source " << r.source << "  ->  copy " << r.copy << reset << "\n";
  out << "relation " << r.relation << ", coverage " << static_cast<int>(r.coverage * 100 + 0.5)
      << "%, similarity " << static_cast<int>(r.similarity * 100 + 0.5)
      << "%, direction: " << r.direction_basis << ", " << r.passages.size() << " passages, "
      << r.drift.size() << " drifted facts\n\n";
  for (size_t p = 0; p < r.passages.size(); ++p) {
    const Passage& ps = r.passages[p];
    std::vector<const Drift*> drift;
    for (const Drift& d : r.drift)
      if (d.passage == static_cast<int>(p)) drift.push_back(&d);
    const auto left = Wrap(ps.source_text, width), right = Wrap(ps.copy_text, width);
    const Marks lm = FindMarks(ps.source_text, drift, true),
                rm = FindMarks(ps.copy_text, drift, false);
    out << bold << "#" << p + 1 << " similarity " << static_cast<int>(ps.similarity * 100 + 0.5)
        << "%" << reset << "\n";
    for (size_t i = 0; i < std::max(left.size(), right.size()); ++i) {
      out << (i < left.size() ? Render(ps.source_text, left[i], lm, width, color, "\033[1;31m")
                              : std::string(width, ' '))
          << " | "
          << (i < right.size() ? Render(ps.copy_text, right[i], rm, width, color, "\033[1;32m")
                               : std::string())
          << "\n";
    }
    for (const Drift* d : drift) {
      out << "  ! " << d->kind << ": \"" << d->source_text << "\" -> \"" << d->copy_text << "\"\n";
    }
    out << "\n";
  }
  return out.str();
}

// Article text in the page: the HTML report's escaping (C0 controls become U+FFFD too).
std::string Escape(std::string_view s) { return report::EscapeHtml(s); }

// Escaped text with the marked ranges inside <mark> elements.
std::string MarkedHtml(const std::string& text, const Marks& marks, const char* cls) {
  std::string out;
  size_t pos = 0;
  for (const auto& [a, b] : marks) {
    if (a < pos) continue;  // overlapping marks: keep the first
    out += Escape(std::string_view(text).substr(pos, a - pos));
    out += "<mark class=\"";
    out += cls;
    out += "\">" + Escape(std::string_view(text).substr(a, b - a)) + "</mark>";
    pos = b;
  }
  out += Escape(std::string_view(text).substr(pos));
  return out;
}

std::string Html(const Reuse& r) {
  std::ostringstream out;
  out << "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
      << "<title>sitrep compare: " << Escape(r.source) << " / " << Escape(r.copy) << "</title>\n"
      << "<style>body{font:15px/1.45 system-ui,sans-serif;margin:2em;color:#222}"
      << "table{border-collapse:collapse;width:100%}td,th{vertical-align:top;padding:.5em;"
      << "border-top:1px solid #ddd;width:50%}th{text-align:left}"
      << "mark.s{background:#fdd}mark.c{background:#dfd}.sim{color:#777;font-size:.85em}"
      << "ul.drift{margin:.2em 0 0 0;font-size:.9em;color:#933}</style></head><body>\n";
  out << "<h1>" << Escape(r.source) << " &rarr; " << Escape(r.copy) << "</h1>\n<p>Relation <b>"
      << Escape(r.relation) << "</b>, coverage " << static_cast<int>(r.coverage * 100 + 0.5)
      << "%, similarity " << static_cast<int>(r.similarity * 100 + 0.5)
      << "%, direction: " << Escape(r.direction_basis) << ", " << r.drift.size()
      << " drifted facts.</p>\n";
  out << "<table><tr><th>source: " << Escape(r.source) << "</th><th>copy: " << Escape(r.copy)
      << "</th></tr>\n";
  for (size_t p = 0; p < r.passages.size(); ++p) {
    const Passage& ps = r.passages[p];
    std::vector<const Drift*> drift;
    for (const Drift& d : r.drift)
      if (d.passage == static_cast<int>(p)) drift.push_back(&d);
    out << "<tr><td>" << MarkedHtml(ps.source_text, FindMarks(ps.source_text, drift, true), "s")
        << "</td><td>" << MarkedHtml(ps.copy_text, FindMarks(ps.copy_text, drift, false), "c")
        << "<div class=\"sim\">similarity " << static_cast<int>(ps.similarity * 100 + 0.5)
        << "%</div>";
    if (!drift.empty()) {
      out << "<ul class=\"drift\">";
      for (const Drift* d : drift)
        out << "<li>" << Escape(d->kind) << ": &ldquo;" << Escape(d->source_text)
            << "&rdquo; &rarr; &ldquo;" << Escape(d->copy_text) << "&rdquo;</li>";
      out << "</ul>";
    }
    out << "</td></tr>\n";
  }
  out << "</table>\n</body></html>\n";
  return out.str();
}

// Reads exactly one document from `path`.
Result<Document> ReadOne(const std::string& path) {
  ingest::IngestResult in = ingest::ReadPaths({path}, IngestOptions{});
  for (const Diagnostic& d : in.diagnostics)
    if (d.severity == Diagnostic::Severity::kError)
      return Status::IOError(d.path + ": " + d.message);
  if (in.documents.size() != 1)
    return Status::InvalidInput(path + ": expected one article, found " +
                                std::to_string(in.documents.size()));
  return std::move(in.documents[0]);
}

}  // namespace

Command AddCompareCommand(CLI::App& root) {
  struct Flags {
    std::string a, b;
    std::string format = "text";
    std::string output;
  };
  auto flags = std::make_shared<Flags>();
  CLI::App* app = root.add_subcommand(
      "compare", "Align two articles: shared passages side by side, changed facts highlighted");
  app->add_option("a", flags->a, "First article (taken as the source when undetermined)")
      ->required();
  app->add_option("b", flags->b, "Second article")->required();
  app->add_option("--format", flags->format, "Output format")
      ->check(CLI::IsMember({"text", "json", "html"}))
      ->capture_default_str();
  app->add_option("-o,--output", flags->output, "Write to FILE instead of stdout");
  return {app, [flags]() {
            Result<Document> a = ReadOne(flags->a);
            if (!a.ok()) {
              PrintError(a.status().message());
              return kExitSomeInputsFailed;
            }
            Result<Document> b = ReadOne(flags->b);
            if (!b.ok()) {
              PrintError(b.status().message());
              return kExitSomeInputsFailed;
            }
            std::vector<Document> docs;
            docs.push_back(std::move(*a));
            docs.push_back(std::move(*b));
            clean::CleanDocuments(docs, CleanOptions{});
            auto analyzer = text::TextAnalyzer::Create(TextOptions{});
            if (!analyzer.ok()) {
              PrintError(analyzer.status().message());
              return kExitUsage;
            }
            const text::DocText ta = (*analyzer)->Analyze(docs[0]);
            const text::DocText tb = (*analyzer)->Analyze(docs[1]);
            const Reuse r =
                reuse::ComparePair(docs[0], ta, docs[1], tb, **analyzer, ReuseOptions{});
            std::string content;
            if (flags->format == "json") {
              content = report::WriteReuseJson(r) + "\n";
            } else if (flags->format == "html") {
              content = Html(r);
            } else {
              const bool to_terminal =
                  (flags->output.empty() || flags->output == "-") && isatty(STDOUT_FILENO) == 1;
              content = TextView(r, to_terminal);
            }
            Status written = WriteOutput(flags->output, content);
            if (!written.ok()) {
              PrintError(written.message());
              return kExitSomeInputsFailed;
            }
            return kExitOk;
          }};
}

}  // namespace sitrep::cli
