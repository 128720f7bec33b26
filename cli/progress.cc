#include "cli/progress.h"

#include <unistd.h>

#include <cstdio>
#include <iostream>

namespace sitrep::cli {

ProgressLine::ProgressLine(bool timings)
    : enabled_(isatty(STDERR_FILENO) == 1),
      timings_(timings),
      start_(Clock::now()),
      stage_start_(start_) {}

ProgressLine::~ProgressLine() { Clear(); }

void ProgressLine::Clear() {
  if (shown_) std::cerr << "\r\033[K" << std::flush;
  shown_ = false;
}

void ProgressLine::operator()(std::string_view stage, size_t done, size_t total) {
  const auto now = Clock::now();
  if (timings_ && done >= total && (stages_.empty() || stages_.back().first != stage)) {
    stages_.emplace_back(std::string(stage),
                         std::chrono::duration<double>(now - stage_start_).count());
    stage_start_ = now;
  }
  if (!enabled_) return;
  if (now - start_ < std::chrono::seconds(1) ||
      now - last_shown_ < std::chrono::milliseconds(200)) {
    return;
  }
  last_shown_ = now;
  shown_ = true;
  std::cerr << "\r\033[K" << stage << ": " << done << "/" << total << std::flush;
}

void ProgressLine::PrintTimings(std::string_view extra) {
  Clear();
  if (!timings_) return;
  const auto now = Clock::now();
  auto line = [](std::string_view name, double seconds) {
    char buf[96];
    std::snprintf(buf, sizeof buf, "timing: %-10.*s %8.3f s\n", static_cast<int>(name.size()),
                  name.data(), seconds);
    std::cerr << buf;
  };
  for (const auto& [name, seconds] : stages_) line(name, seconds);
  if (!extra.empty()) line(extra, std::chrono::duration<double>(now - stage_start_).count());
  line("total", std::chrono::duration<double>(now - start_).count());
}

}  // namespace sitrep::cli
