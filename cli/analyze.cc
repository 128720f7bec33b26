// `sitrep analyze PATH... [--format json|md] [-o FILE]`

#include <cstdio>
#include <iostream>
#include <memory>

#include "cli/commands.h"
#include "cli/progress.h"
#include "report/json.h"
#include "report/markdown.h"
#include "sitrep/engine.h"
#include "store/store.h"

namespace sitrep::cli {

// Prints diagnostics on stderr; returns the exit code for the run.
int ReportDiagnostics(const Report& report) {
  bool failed = false;
  for (const Diagnostic& d : report.diagnostics) {
    const bool error = d.severity == Diagnostic::Severity::kError;
    failed |= error;
    std::cerr << SeverityName(d.severity) << ": " << d.path << ": " << d.message << "\n";
  }
  return failed ? kExitSomeInputsFailed : kExitOk;
}

Status SaveToStore(const std::string& path, const Report& report) {
  Result<std::unique_ptr<store::Store>> store = store::Store::Open(path);
  if (!store.ok()) return store.status();
  return (*store)->SaveReport(report);
}

Command AddAnalyzeCommand(CLI::App& root) {
  struct Flags {
    std::vector<std::string> paths;
    std::string format = "json";
    std::string output;
    std::string store;
    AnalyzeOptions options;
    bool timings = false;
  };
  auto flags = std::make_shared<Flags>();
  CLI::App* app = root.add_subcommand(
      "analyze",
      "Read news files and folders and write a report (JSON for machines, Markdown for people)");
  app->add_option("paths", flags->paths,
                  "Files (.txt .html .htm .jsonl .warc .warc.gz) and folders (read recursively)")
      ->required();
  app->add_option("--format", flags->format, "Report format")
      ->check(CLI::IsMember({"json", "md"}))
      ->capture_default_str();
  app->add_option("-o,--output", flags->output, "Write the report to FILE instead of stdout");
  app->add_option("--threads", flags->options.threads, "Worker threads (0 = all cores)")
      ->capture_default_str();
  app->add_option("--store", flags->store,
                  "Also save the report into this SQLite file (created when absent)");
  app->add_flag("--timings", flags->timings,
                "Print how long each pipeline stage took on stderr (\"timing: STAGE SECONDS s\")");
  app->add_option("--gazetteer", flags->options.extract.gazetteer_path,
                  "Gazetteer data file (default: the one installed with sitrep)");
  return {app, [flags]() {
            ProgressLine progress(flags->timings);
            Result<Report> report =
                Analyze(flags->paths, flags->options,
                        [&progress](std::string_view s, size_t d, size_t t) { progress(s, d, t); });
            if (!report.ok()) {
              PrintError(report.status().message());
              return kExitUsage;
            }
            const std::string content =
                flags->format == "md" ? report::WriteMarkdown(*report) : report::WriteJson(*report);
            const int code = ReportDiagnostics(*report);
            if (!flags->store.empty()) {
              Status saved = SaveToStore(flags->store, *report);
              if (!saved.ok()) {
                PrintError(saved.message());
                return kExitSomeInputsFailed;
              }
            }
            Status written = WriteOutput(flags->output, content);
            progress.PrintTimings("write");
            if (!written.ok()) {
              PrintError(written.message());
              return kExitSomeInputsFailed;
            }
            if (!flags->output.empty() && flags->output != "-") {
              std::cerr << "sitrep: wrote " << flags->output << " (" << report->documents.size()
                        << " documents)\n";
            }
            return code;
          }};
}

}  // namespace sitrep::cli
