// `sitrep watch DIR [--db corpus.db] [--existing] [--rescan S] [--settle S]`
//
// Watches DIR (recursively) and prints each file that arrives or changes, once it is
// complete (see src/fetch/watch.h), one path per line on stdout, until SIGINT/SIGTERM.
// Adding the files to the corpus given by --db is wired by `sitrep add`'s corpus code;
// until then the paths are printed only (and a note says so on stderr).

#include "fetch/watch.h"

#include <csignal>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "cli/commands.h"

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
  };
  auto flags = std::make_shared<Flags>();
  CLI::App* app = root.add_subcommand(
      "watch", "Watch a folder and print each new or changed file once it is complete");
  app->add_option("dir", flags->dir, "Folder to watch (recursively)")->required();
  app->add_option("--db", flags->db, "Corpus to add the files to (SQLite file)");
  app->add_flag("--existing", flags->options.report_existing,
                "Also report the files already in the folder");
  app->add_option("--rescan", flags->options.rescan_seconds,
                  "Rescan the whole folder this often, for missed events (seconds)")
      ->capture_default_str()
      ->check(CLI::PositiveNumber);
  app->add_option("--settle", flags->options.settle_seconds,
                  "A file found by a rescan is complete when unchanged this long (seconds)")
      ->capture_default_str()
      ->check(CLI::NonNegativeNumber);
  auto run = [flags]() -> int {
    Result<std::unique_ptr<fetch::Watcher>> watcher =
        fetch::Watcher::Open(flags->dir, flags->options);
    if (!watcher.ok()) {
      PrintError(watcher.status().message());
      return kExitSomeInputsFailed;
    }
    if (!flags->db.empty()) {
      std::cerr << "sitrep watch: this build cannot add to a corpus yet; printing the paths "
                   "that would be added to "
                << flags->db << "\n";
    }
    g_watcher = watcher->get();
    std::signal(SIGINT, StopWatching);
    std::signal(SIGTERM, StopWatching);
    const Status s = (*watcher)->Run([](const std::vector<std::string>& paths) {
      for (const std::string& p : paths) std::cout << p << "\n";
      std::cout.flush();
    });
    std::signal(SIGINT, SIG_DFL);
    std::signal(SIGTERM, SIG_DFL);
    g_watcher = nullptr;
    if (!s.ok()) {
      PrintError(s.message());
      return kExitSomeInputsFailed;
    }
    return kExitOk;
  };
  return {app, run};
}

}  // namespace sitrep::cli
