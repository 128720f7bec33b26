// Subcommands of the sitrep CLI. Each lives in its own file (analyze.cc, add.cc, clean.cc,
// compare.cc, report.cc), turns its flags into an Options struct, calls one library
// function and returns the process exit code:
//   0 success, 1 some inputs failed (the rest still reported), 2 usage error.
// main.cc only registers the subcommands and runs the one that was chosen.
#ifndef SITREP_CLI_COMMANDS_H_
#define SITREP_CLI_COMMANDS_H_

#include <CLI/CLI.hpp>
#include <functional>
#include <string>

#include "sitrep/report.h"
#include "sitrep/status.h"

namespace sitrep::cli {

inline constexpr int kExitOk = 0;
inline constexpr int kExitSomeInputsFailed = 1;
inline constexpr int kExitUsage = 2;

// A registered subcommand: its CLI11 node and what to run when it was chosen.
struct Command {
  CLI::App* app = nullptr;
  std::function<int()> run;
};

Command AddAnalyzeCommand(CLI::App& root);
Command AddAddCommand(CLI::App& root);
Command AddCleanCommand(CLI::App& root);
Command AddCompareCommand(CLI::App& root);
Command AddReportCommand(CLI::App& root);
Command AddWatchCommand(CLI::App& root);
Command AddServeCommand(CLI::App& root);

// Writes `content` to `path`, or to stdout when path is empty or "-".
Status WriteOutput(const std::string& path, const std::string& content);

// Saves `report` into the SQLite store at `path` (created when absent).
Status SaveToStore(const std::string& path, const Report& report);

// Prints the report's diagnostics on stderr; returns the exit code they call for.
int ReportDiagnostics(const Report& report);

// Prints "sitrep: <message>" on stderr.
void PrintError(const std::string& message);

}  // namespace sitrep::cli

#endif  // SITREP_CLI_COMMANDS_H_
