// sitrep: turns a pile of news reports into a source-checked situation report.
// This file only registers the subcommands and maps the chosen one to an exit code.
#include <CLI/CLI.hpp>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <vector>

#include "cli/commands.h"
#include "sitrep/engine.h"

namespace sitrep::cli {

Status WriteOutput(const std::string& path, const std::string& content) {
  if (path.empty() || path == "-") {
    std::cout << content;
    std::cout.flush();
    return std::cout ? Status::Ok() : Status::IOError("stdout: write failed");
  }
  std::ofstream out(path, std::ios::binary);
  if (!out) return Status::IOError(path + ": cannot open for writing");
  out << content;
  out.close();
  if (!out) return Status::IOError(path + ": write failed");
  return Status::Ok();
}

void PrintError(const std::string& message) { std::cerr << "sitrep: " << message << "\n"; }

}  // namespace sitrep::cli

int main(int argc, char** argv) {
  using namespace sitrep::cli;  // NOLINT: local to main
  CLI::App app{"sitrep: turn a pile of news reports into a source-checked situation report",
               "sitrep"};
  app.set_version_flag("--version", "sitrep " + sitrep::Version());
  app.require_subcommand(1);
  std::vector<Command> commands;
  commands.push_back(AddAnalyzeCommand(app));
  commands.push_back(AddAddCommand(app));
#ifdef SITREP_HAVE_CLEAN_CMD
  commands.push_back(AddCleanCommand(app));
#endif
#ifdef SITREP_HAVE_COMPARE_CMD
  commands.push_back(AddCompareCommand(app));
#endif
#ifdef SITREP_HAVE_REPORT_CMD
  commands.push_back(AddReportCommand(app));
#endif
#ifdef SITREP_HAVE_WATCH_CMD
  commands.push_back(AddWatchCommand(app));
#endif
#ifdef SITREP_HAVE_SERVE_CMD
  commands.push_back(AddServeCommand(app));
#endif
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = app.exit(e);
    return code == 0 ? kExitOk : kExitUsage;
  }
  for (const Command& c : commands) {
    if (c.app->parsed()) return c.run();
  }
  return kExitUsage;
}
