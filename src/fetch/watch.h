// Watch: reports files that arrive in, or change in, a folder (recursively), once each
// is complete, for `sitrep watch DIR` to add them to a corpus.
//
// How a file is known to be complete:
//   - inotify (Linux): a file is reported when it is closed after being written
//     (IN_CLOSE_WRITE) or moved into the folder (IN_MOVED_TO); a file still open for
//     writing is never reported, however long it pauses.
//   - periodic rescans (every rescan_seconds, and at once when the kernel's event queue
//     overflowed): catch what the events missed (network file systems, overflow,
//     folders created and filled before their watch was added). A file found this way is
//     reported once its size and modification time have not changed for settle_seconds;
//     files inotify saw opened for writing and not yet closed are left to their close
//     event.
// Each completed write of a file is reported once: a file is reported again only when
// its size or modification time differ from when it was last reported. Hidden files
// and folders (name starting with '.'), editor and download temporaries (names ending
// in '~', ".part", ".partial", ".tmp", ".crdownload", ".swp") and files whose extension
// is not in `extensions` are never reported.
//
// Thread-safety: Poll and Run from one thread at a time; Stop from any thread or a
// signal handler.
#ifndef SITREP_FETCH_WATCH_H_
#define SITREP_FETCH_WATCH_H_

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "sitrep/status.h"

namespace sitrep::fetch {

struct WatchOptions {
  // Whole-folder rescans this often, for changes inotify missed. Seconds. Default 30.
  double rescan_seconds = 30;
  // A file found by a rescan (not by a close or move event) is reported when its size and
  // modification time stayed the same this long. Seconds. Default 2.
  double settle_seconds = 2;
  // Report the files already in the folder when watching starts (after settle_seconds).
  // Default false: only what arrives or changes afterwards.
  bool report_existing = false;
  // Use inotify; false relies on rescans alone (for file systems without inotify).
  bool use_inotify = true;
  // Extensions reported, lower-case with the dot; empty reports every file. Default: the
  // ones ingest reads when walking a folder, plus .xml (feeds).
  std::vector<std::string> extensions = {".txt", ".html", ".htm", ".jsonl",
                                         ".rss", ".atom", ".xml"};
};

class Watcher {
 public:
  // Starts watching `dir` and everything under it. Errors: `dir` is not a readable
  // folder, or inotify cannot be set up (when options.use_inotify).
  static Result<std::unique_ptr<Watcher>> Open(const std::string& dir, WatchOptions options);
  ~Watcher();
  Watcher(const Watcher&) = delete;
  Watcher& operator=(const Watcher&) = delete;

  // Waits up to `timeout_ms` for files to become complete and returns them (paths as
  // "<dir>/<relative path>", sorted); empty on timeout or after Stop(). Returns as soon
  // as at least one file is ready.
  Result<std::vector<std::string>> Poll(int timeout_ms);

  // Polls until Stop(), calling `on_files` with each non-empty batch. Returns OK after
  // Stop(), or the first error.
  Status Run(const std::function<void(const std::vector<std::string>&)>& on_files);

  // Makes Run return and a waiting Poll wake up. Async-signal-safe.
  void Stop();

 private:
  struct Impl;
  explicit Watcher(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace sitrep::fetch

#endif  // SITREP_FETCH_WATCH_H_
