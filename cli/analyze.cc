// `sitrep analyze PATH... [--format json|md] [-o FILE]`
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <iostream>
#include <memory>

#include "cli/commands.h"
#include "report/json.h"
#include "report/markdown.h"
#include "sitrep/engine.h"
#include "store/store.h"

namespace sitrep::cli {

// Shows progress on stderr when it is a terminal and the run has taken over a second.
class ProgressLine {
 public:
  ProgressLine() : enabled_(isatty(STDERR_FILENO) == 1), start_(Clock::now()) {}
  ~ProgressLine() {
    if (shown_) std::cerr << "\r\033[K" << std::flush;
  }
  void operator()(std::string_view stage, size_t done, size_t total) {
    if (!enabled_) return;
    const auto now = Clock::now();
    if (now - start_ < std::chrono::seconds(1) || now - last_ < std::chrono::milliseconds(200)) {
      return;
    }
    last_ = now;
    shown_ = true;
    std::cerr << "\r\033[K" << stage << ": " << done << "/" << total << std::flush;
  }

 private:
  using Clock = std::chrono::steady_clock;
  bool enabled_;
  bool shown_ = false;
  Clock::time_point start_;
  Clock::time_point last_{};
};

// Prints diagnostics on stderr; returns the exit code for the run.
int ReportDiagnostics(const Report& report) {
  bool failed = false;
  for (const Diagnostic& d : report.diagnostics) {
    const bool error = d.severity == Diagnostic::Severity::kError;
    failed |= error;
    std::cerr << (error ? "error: " : "warning: ") << d.path << ": " << d.message << "\n";
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
  };
  auto flags = std::make_shared<Flags>();
  CLI::App* app = root.add_subcommand(
      "analyze",
      "Read news files and folders and write a report (JSON for machines, Markdown for people)");
  app->add_option("paths", flags->paths,
                  "Files (.txt .html .htm .jsonl) and folders (read recursively)")
      ->required();
  app->add_option("--format", flags->format, "Report format")
      ->check(CLI::IsMember({"json", "md"}))
      ->capture_default_str();
  app->add_option("-o,--output", flags->output, "Write the report to FILE instead of stdout");
  app->add_option("--threads", flags->options.threads, "Worker threads (0 = all cores)")
      ->capture_default_str();
  app->add_option("--store", flags->store,
                  "Also save the report into this SQLite file (created when absent)");
  app->add_option("--gazetteer", flags->options.extract.gazetteer_path,
                  "Gazetteer data file (default: the one installed with sitrep)");
  return {app, [flags]() {
            ProgressLine progress;
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
