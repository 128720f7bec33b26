// Progress of a pipeline run on stderr, for the analyze and report subcommands.
//
// A ProgressLine is the engine's ProgressFn: it shows "stage: done/total" on one
// rewritten line when stderr is a terminal and the run has taken over a second, and
// clears it when destroyed. With timings on it also records how long each stage took
// (a stage ends at its last tick, done == total) and PrintTimings() writes them, one
// "timing: <stage> <seconds> s" line each, plus the total - on any stderr, so that
// benchmarks can read them from a log.
#ifndef SITREP_CLI_PROGRESS_H_
#define SITREP_CLI_PROGRESS_H_

#include <chrono>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace sitrep::cli {

class ProgressLine {
 public:
  explicit ProgressLine(bool timings = false);
  ~ProgressLine();
  ProgressLine(const ProgressLine&) = delete;
  ProgressLine& operator=(const ProgressLine&) = delete;

  void operator()(std::string_view stage, size_t done, size_t total);

  // Writes the recorded stage times (when timings are on) and clears the progress line.
  // `extra` names a last step timed by the caller since the last stage ended ("write").
  void PrintTimings(std::string_view extra = {});

 private:
  using Clock = std::chrono::steady_clock;
  void Clear();

  bool enabled_;
  bool timings_;
  bool shown_ = false;
  Clock::time_point start_;
  Clock::time_point last_shown_{};
  Clock::time_point stage_start_;
  std::vector<std::pair<std::string, double>> stages_;
};

}  // namespace sitrep::cli

#endif  // SITREP_CLI_PROGRESS_H_
