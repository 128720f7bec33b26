#include "fetch/watch.h"

#include <fcntl.h>
#include <poll.h>
#include <sys/inotify.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cctype>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <map>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

namespace sitrep::fetch {
namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

constexpr uint32_t kDirMask = IN_CREATE | IN_MODIFY | IN_CLOSE_WRITE | IN_MOVED_TO | IN_MOVED_FROM |
                              IN_DELETE | IN_DELETE_SELF | IN_ONLYDIR;

struct Stamp {
  int64_t size = -1;
  int64_t mtime_ns = 0;
  bool operator==(const Stamp& o) const { return size == o.size && mtime_ns == o.mtime_ns; }
  bool operator!=(const Stamp& o) const { return !(*this == o); }
};

// The stamp of a regular file; nullopt for anything else or when it is gone.
std::optional<Stamp> StampOf(const std::string& path) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0 || !S_ISREG(st.st_mode)) return std::nullopt;
  return Stamp{static_cast<int64_t>(st.st_size),
               static_cast<int64_t>(st.st_mtim.tv_sec) * 1000000000 + st.st_mtim.tv_nsec};
}

bool EndsWith(const std::string& s, std::string_view suffix) {
  return s.size() >= suffix.size() &&
         s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

std::string Lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

std::string ErrnoText(const std::string& what) { return what + ": " + std::strerror(errno); }

}  // namespace

struct Watcher::Impl {
  struct Pending {
    Stamp stamp;
    Clock::time_point since;
  };

  std::string root;
  WatchOptions options;
  int inotify_fd = -1;
  int stop_pipe[2] = {-1, -1};
  std::atomic<bool> stopped{false};
  std::unordered_map<int, std::string> dirs;  // watch descriptor -> folder
  std::map<std::string, Stamp> reported;      // stamp when last reported (or baseline)
  std::set<std::string> writing;              // open for writing (seen by inotify)
  std::map<std::string, Pending> pending;     // found by a scan, settling
  std::set<std::string> ready;
  Clock::time_point next_rescan;

  ~Impl() {
    if (inotify_fd >= 0) ::close(inotify_fd);
    for (int fd : stop_pipe) {
      if (fd >= 0) ::close(fd);
    }
  }

  bool Accepted(const std::string& path) const {
    const std::string name = fs::path(path).filename().string();
    if (name.empty() || name[0] == '.') return false;
    const std::string lower = Lower(name);
    for (std::string_view t : {"~", ".part", ".partial", ".tmp", ".crdownload", ".swp"}) {
      if (EndsWith(lower, t)) return false;
    }
    if (options.extensions.empty()) return true;
    for (const std::string& ext : options.extensions) {
      if (EndsWith(lower, Lower(ext))) return true;
    }
    return false;
  }

  static bool HiddenName(const fs::path& p) {
    const std::string n = p.filename().string();
    return !n.empty() && n[0] == '.';
  }

  void AddWatch(const std::string& dir) {
    if (inotify_fd < 0) return;
    const int wd = ::inotify_add_watch(inotify_fd, dir.c_str(), kDirMask);
    if (wd >= 0) dirs[wd] = dir;
  }

  // Walks `dir`: adds watches to its folders (when `watch`) and calls `file` for each
  // accepted regular file.
  template <typename F>
  void Walk(const std::string& dir, bool watch, F&& file) {
    if (watch) AddWatch(dir);
    std::error_code ec;
    fs::recursive_directory_iterator it(dir, fs::directory_options::skip_permission_denied, ec);
    for (; !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
      const fs::directory_entry& e = *it;
      std::error_code e_ec;
      if (HiddenName(e.path())) {
        if (e.is_directory(e_ec)) it.disable_recursion_pending();
        continue;
      }
      if (e.is_symlink(e_ec)) continue;
      if (e.is_directory(e_ec)) {
        if (watch) AddWatch(e.path().string());
        continue;
      }
      const std::string path = e.path().string();
      if (e.is_regular_file(e_ec) && Accepted(path)) file(path);
    }
  }

  // A file a scan found: settles unless already reported as it is, or open for writing.
  void Candidate(const std::string& path, Clock::time_point now) {
    if (writing.count(path) != 0) return;
    std::optional<Stamp> s = StampOf(path);
    if (!s) return;
    if (auto r = reported.find(path); r != reported.end() && r->second == *s) return;
    auto [it, inserted] = pending.try_emplace(path, Pending{*s, now});
    if (!inserted && it->second.stamp != *s) it->second = Pending{*s, now};
  }

  // A file closed after writing or moved in: complete now.
  void Complete(const std::string& path) {
    writing.erase(path);
    pending.erase(path);
    if (!Accepted(path)) return;
    std::optional<Stamp> s = StampOf(path);
    if (!s) return;
    if (auto r = reported.find(path); r != reported.end() && r->second == *s) return;
    reported[path] = *s;
    ready.insert(path);
  }

  void Rescan(Clock::time_point now) {
    // Watches are (re)added too: folders may have come while events were lost.
    Walk(root, inotify_fd >= 0, [&](const std::string& path) { Candidate(path, now); });
    next_rescan = now + std::chrono::duration_cast<Clock::duration>(
                            std::chrono::duration<double>(options.rescan_seconds));
  }

  void Settle(Clock::time_point now) {
    const auto settle = std::chrono::duration<double>(options.settle_seconds);
    for (auto it = pending.begin(); it != pending.end();) {
      std::optional<Stamp> s = StampOf(it->first);
      if (!s) {
        it = pending.erase(it);
        continue;
      }
      if (*s != it->second.stamp) {
        it->second = Pending{*s, now};
        ++it;
        continue;
      }
      if (now - it->second.since >= settle) {
        reported[it->first] = *s;
        ready.insert(it->first);
        it = pending.erase(it);
        continue;
      }
      ++it;
    }
  }

  void ReadEvents(Clock::time_point now) {
    alignas(struct inotify_event) char buf[16384];
    for (;;) {
      const ssize_t n = ::read(inotify_fd, buf, sizeof buf);
      if (n <= 0) return;  // EAGAIN: drained
      for (char* p = buf; p < buf + n;) {
        const auto* ev = reinterpret_cast<const struct inotify_event*>(p);
        p += sizeof(struct inotify_event) + ev->len;
        if (ev->mask & IN_Q_OVERFLOW) {
          writing.clear();  // events were lost: trust sizes, not open/close, for a while
          Rescan(now);
          continue;
        }
        if (ev->mask & IN_IGNORED) {
          dirs.erase(ev->wd);
          continue;
        }
        auto d = dirs.find(ev->wd);
        if (d == dirs.end() || ev->len == 0) continue;
        const std::string path = d->second + "/" + ev->name;
        if (ev->mask & IN_ISDIR) {
          if ((ev->mask & (IN_CREATE | IN_MOVED_TO)) && ev->name[0] != '.') {
            // Files may have landed before the watch: they settle like rescanned ones.
            Walk(path, true, [&](const std::string& f) { Candidate(f, now); });
          }
          continue;
        }
        if (ev->mask & (IN_DELETE | IN_MOVED_FROM)) {
          writing.erase(path);
          pending.erase(path);
          reported.erase(path);
        } else if (ev->mask & (IN_CLOSE_WRITE | IN_MOVED_TO)) {
          Complete(path);
        } else if (ev->mask & (IN_CREATE | IN_MODIFY)) {
          writing.insert(path);
          pending.erase(path);
        }
      }
    }
  }
};

Watcher::Watcher(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Watcher::~Watcher() = default;

Result<std::unique_ptr<Watcher>> Watcher::Open(const std::string& dir, WatchOptions options) {
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) return Status::InvalidInput(dir + ": not a folder");
  auto impl = std::make_unique<Impl>();
  impl->root = dir;
  while (impl->root.size() > 1 && impl->root.back() == '/') impl->root.pop_back();
  impl->options = std::move(options);
  if (::pipe2(impl->stop_pipe, O_NONBLOCK | O_CLOEXEC) != 0) {
    return Status::IOError(ErrnoText(dir + ": cannot create a pipe"));
  }
  if (impl->options.use_inotify) {
    impl->inotify_fd = ::inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
    if (impl->inotify_fd < 0) return Status::IOError(ErrnoText(dir + ": inotify unavailable"));
  }
  const Clock::time_point now = Clock::now();
  Impl& w = *impl;
  w.Walk(w.root, true, [&](const std::string& path) {
    if (w.options.report_existing) {
      w.Candidate(path, now);
    } else if (std::optional<Stamp> s = StampOf(path)) {
      w.reported[path] = *s;  // baseline: only changes from here on are reported
    }
  });
  if (w.options.use_inotify && w.dirs.empty()) {
    return Status::IOError(ErrnoText(dir + ": cannot watch"));
  }
  w.next_rescan = now + std::chrono::duration_cast<Clock::duration>(
                            std::chrono::duration<double>(w.options.rescan_seconds));
  return std::unique_ptr<Watcher>(new Watcher(std::move(impl)));
}

Result<std::vector<std::string>> Watcher::Poll(int timeout_ms) {
  Impl& w = *impl_;
  const Clock::time_point deadline = Clock::now() + std::chrono::milliseconds(timeout_ms);
  for (;;) {
    Clock::time_point now = Clock::now();
    if (now >= w.next_rescan) w.Rescan(now);
    w.Settle(now);
    if (!w.ready.empty() || w.stopped.load()) break;
    // Sleep until an event, Stop(), the deadline, the next rescan or the next settle check.
    Clock::time_point wake = std::min(deadline, w.next_rescan);
    if (!w.pending.empty()) {
      wake = std::min(wake, now + std::chrono::milliseconds(100));
    }
    if (now >= deadline) break;
    const int wait_ms = static_cast<int>(std::max<int64_t>(
        0, std::chrono::duration_cast<std::chrono::milliseconds>(wake - now).count() + 1));
    struct pollfd fds[2] = {{w.stop_pipe[0], POLLIN, 0}, {w.inotify_fd, POLLIN, 0}};
    const int nfds = w.inotify_fd >= 0 ? 2 : 1;
    const int rc = ::poll(fds, static_cast<nfds_t>(nfds), wait_ms);
    if (rc < 0 && errno != EINTR) return Status::IOError(ErrnoText(w.root + ": poll"));
    if (rc > 0 && nfds == 2 && (fds[1].revents & POLLIN)) w.ReadEvents(Clock::now());
  }
  std::vector<std::string> out(w.ready.begin(), w.ready.end());
  w.ready.clear();
  return out;
}

Status Watcher::Run(const std::function<void(const std::vector<std::string>&)>& on_files) {
  while (!impl_->stopped.load()) {
    Result<std::vector<std::string>> files = Poll(1000);
    if (!files.ok()) return files.status();
    if (!files->empty()) on_files(*files);
  }
  return Status::Ok();
}

void Watcher::Stop() {
  impl_->stopped.store(true);
  const char c = 1;
  [[maybe_unused]] const ssize_t n = ::write(impl_->stop_pipe[1], &c, 1);
}

}  // namespace sitrep::fetch
