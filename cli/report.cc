// `sitrep report PATH... -o report.html [--format html|md|json|csv|geojson]`
//
// Runs the whole pipeline and writes the report a person reads: one self-contained HTML
// page by default, or the same findings as Markdown, JSON (contract v1), CSV (events in
// ACLED-like columns) or GeoJSON (places and events). Without --format the format
// follows the output file's extension, and is HTML when that says nothing.

#include <cctype>
#include <iostream>
#include <map>
#include <memory>

#include "cli/commands.h"
#include "cli/progress.h"
#include "report/csv.h"
#include "report/geojson.h"
#include "report/html.h"
#include "report/json.h"
#include "report/markdown.h"
#include "sitrep/engine.h"

namespace sitrep::cli {
namespace {

// The format named by an output file's extension, or "" when it names none.
std::string FormatFromPath(const std::string& path) {
  static const std::map<std::string, std::string> kByExtension = {
      {".html", "html"}, {".htm", "html"}, {".md", "md"},           {".markdown", "md"},
      {".json", "json"}, {".csv", "csv"},  {".geojson", "geojson"},
  };
  const size_t dot = path.rfind('.');
  if (dot == std::string::npos || path.find('/', dot) != std::string::npos) return "";
  std::string ext = path.substr(dot);
  for (char& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  auto it = kByExtension.find(ext);
  return it == kByExtension.end() ? "" : it->second;
}

}  // namespace

Command AddReportCommand(CLI::App& root) {
  struct Flags {
    std::vector<std::string> paths;
    std::string format;
    std::string output;
    AnalyzeOptions options;
    report::HtmlOptions html;
  };
  auto flags = std::make_shared<Flags>();
  CLI::App* app = root.add_subcommand(
      "report",
      "Read news files and folders and write the situation report: one self-contained HTML "
      "page (summary, timeline, map, figures and disagreements, copy graph, documents), or "
      "Markdown, JSON, CSV or GeoJSON");
  app->add_option("paths", flags->paths,
                  "Files (.txt .html .htm .jsonl .warc .warc.gz) and folders (read recursively)")
      ->required();
  app->add_option("-o,--output", flags->output, "Write the report to FILE instead of stdout");
  app->add_option("--format", flags->format,
                  "html | md | json | csv (events, ACLED-like columns) | geojson (places and "
                  "events); default: from the output file's extension, else html")
      ->check(CLI::IsMember({"html", "md", "json", "csv", "geojson"}));
  app->add_option("--title", flags->html.title, "Title of the HTML and Markdown report")
      ->capture_default_str();
  app->add_option("--map-data", flags->html.map_data_path,
                  "TopoJSON countries file for the map (default: the installed world-atlas)");
  app->add_option("--max-items", flags->html.max_items,
                  "At most this many rows per list in the HTML page (0 = all)")
      ->capture_default_str();
  app->add_option("--max-documents", flags->html.max_documents,
                  "At most this many full document views in the HTML page (0 = all)")
      ->capture_default_str();
  app->add_option("--threads", flags->options.threads, "Worker threads (0 = all cores)")
      ->capture_default_str();
  app->add_option("--gazetteer", flags->options.extract.gazetteer_path,
                  "Gazetteer data file (default: the one installed with sitrep)");
  return {app, [flags]() {
            std::string format = flags->format;
            if (format.empty()) format = FormatFromPath(flags->output);
            if (format.empty()) format = "html";
            Result<Report> result = [&] {
              ProgressLine progress;  // cleared when the pipeline is done
              return Analyze(
                  flags->paths, flags->options,
                  [&progress](std::string_view s, size_t d, size_t t) { progress(s, d, t); });
            }();
            if (!result.ok()) {
              PrintError(result.status().message());
              return kExitUsage;
            }
            const Report& r = *result;
            std::string content;
            if (format == "html") {
              content = report::WriteHtml(r, flags->html);
            } else if (format == "md") {
              report::MarkdownOptions md;
              md.title = flags->html.title;
              content = report::WriteMarkdown(r, md);
            } else if (format == "json") {
              content = report::WriteJson(r);
            } else if (format == "csv") {
              content = report::WriteCsv(r);
            } else {
              content = report::WriteGeoJson(r);
            }
            bool failed = false;
            for (const Diagnostic& d : r.diagnostics) {
              const bool error = d.severity == Diagnostic::Severity::kError;
              failed |= error;
              std::cerr << SeverityName(d.severity) << ": " << d.path << ": " << d.message << "\n";
            }
            Status written = WriteOutput(flags->output, content);
            if (!written.ok()) {
              PrintError(written.message());
              return kExitSomeInputsFailed;
            }
            if (!flags->output.empty() && flags->output != "-") {
              std::cerr << "sitrep: wrote " << flags->output << " (" << format << ", "
                        << r.documents.size() << " documents, " << r.events.size() << " events)\n";
            }
            return failed ? kExitSomeInputsFailed : kExitOk;
          }};
}

}  // namespace sitrep::cli
