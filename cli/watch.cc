// `sitrep watch DIR [--db corpus.db] [--existing] [--rescan S] [--settle S]`
//
// Watches DIR (recursively) and prints each file that arrives or changes, once it is
// complete (see src/fetch/watch.h), one path per line on stdout, until SIGINT/SIGTERM.
// With --db, each batch of files is added to that corpus (Corpus::AddPaths, as
// `sitrep add` does) and a summary line goes to stderr.

#include "fetch/watch.h"

#include <csignal>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "cli/commands.h"
#include "sitrep/corpus.h"

namespace sitrep::cli {
namespace {

fetch::Watcher* g_watcher = nullptr;  // for the signal handler only

extern "C" void StopWatching(int /*signal*/) {
  if (g_watcher != nullptr) g_watcher->Stop();  // async-signal-safe
}

}  // namespace

Command AddWatchCommand(CLI::App& root) {
  struct Flags {
    std::string dir;
    std::string db;
    fetch::WatchOptions options;
    AnalyzeOptions analyze;
  };
  auto flags = std::make_shared<Flags>();
  CLI::App* app = root.add_subcommand(
      "watch",
      "Watch a folder and print each new or changed file once it is complete; with --db, "
      "add each to that living corpus as it arrives");
  app->add_option("dir", flags->dir, "Folder to watch (recursively)")->required();
  app->add_option("--db", flags->db, "Corpus to add the files to (created when absent)");
  app->add_flag("--existing", flags->options.report_existing,
                "Also report (and add) the files already in the folder");
  app->add_option("--rescan", flags->options.rescan_seconds,
                  "Rescan the whole folder this often, for missed events (seconds)")
      ->capture_default_str()
      ->check(CLI::PositiveNumber);
  app->add_option("--settle", flags->options.settle_seconds,
                  "A file found by a rescan is complete when unchanged this long (seconds)")
      ->capture_default_str()
      ->check(CLI::NonNegativeNumber);
  app->add_option("--threads", flags->analyze.threads, "Worker threads (0 = all cores)")
      ->capture_default_str();
  app->add_option("--gazetteer", flags->analyze.extract.gazetteer_path,
                  "Gazetteer data file (default: the one installed with sitrep)");
  auto run = [flags]() -> int {
    std::unique_ptr<Corpus> corpus;
    if (!flags->db.empty()) {
      Result<std::unique_ptr<Corpus>> opened = Corpus::Open(flags->db);
      if (!opened.ok()) {
        PrintError(opened.status().message());
        return kExitUsage;
      }
      corpus = std::move(opened).value();
    }
    Result<std::unique_ptr<fetch::Watcher>> watcher =
        fetch::Watcher::Open(flags->dir, flags->options);
    if (!watcher.ok()) {
      PrintError(watcher.status().message());
      return kExitSomeInputsFailed;
    }
    g_watcher = watcher->get();
    std::signal(SIGINT, StopWatching);
    std::signal(SIGTERM, StopWatching);
    bool failed = false;
    const Status s = (*watcher)->Run([&](const std::vector<std::string>& paths) {
      for (const std::string& p : paths) std::cout << p << "\n";
      std::cout.flush();
      if (corpus == nullptr) return;
      // One failed add (a file that cannot be read, a busy disk) does not end the watch.
      Result<AddSummary> summary = corpus->AddPaths(paths, flags->analyze);
      if (!summary.ok()) {
        PrintError(flags->db + ": " + summary.status().message());
        failed = true;
        return;
      }
      Report diagnostics_only;
      diagnostics_only.diagnostics = summary->diagnostics;
      failed |= ReportDiagnostics(diagnostics_only) != kExitOk;
      std::cerr << "sitrep: " << flags->db << ": " << summary->read << " read, " << summary->added
                << " added, " << summary->new_versions << " new version"
                << (summary->new_versions == 1 ? "" : "s") << ", " << summary->unchanged
                << " unchanged; " << summary->documents << " documents in the corpus\n";
    });
    // The handlers stay: a second signal while the watch is winding down (`timeout` sends
    // SIGTERM to the child and then to its whole process group) must not kill it with
    // 143 after it stopped cleanly. With g_watcher null the handler does nothing.
    g_watcher = nullptr;
    if (!s.ok()) {
      PrintError(s.message());
      return kExitSomeInputsFailed;
    }
    return failed ? kExitSomeInputsFailed : kExitOk;
  };
  return {app, run};
}

}  // namespace sitrep::cli
