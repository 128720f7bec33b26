// The folder watcher: files written in a temporary folder by the test are reported once
// each, only when complete (closed, or moved in), including in new subfolders; existing
// files, filters, the rescan-only mode and Stop().
#include "fetch/watch.h"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

namespace sitrep::fetch {
namespace {

namespace fs = std::filesystem;
using Paths = std::vector<std::string>;

class WatchTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("sitrep_watch_test_" + std::to_string(::getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  std::string P(const std::string& name) const { return (dir_ / name).string(); }
  void Write(const std::string& name, const std::string& bytes) const {
    std::ofstream(dir_ / name, std::ios::binary) << bytes;
  }
  std::unique_ptr<Watcher> Open(WatchOptions options = {}) {
    Result<std::unique_ptr<Watcher>> w = Watcher::Open(dir_.string(), std::move(options));
    EXPECT_TRUE(w.ok()) << w.status().ToString();
    return w.ok() ? std::move(w).value() : nullptr;
  }
  // Everything reported within `ms`, in order.
  static Paths Collect(Watcher& w, int ms) {
    Paths all;
    const auto end = std::chrono::steady_clock::now() + std::chrono::milliseconds(ms);
    while (std::chrono::steady_clock::now() < end) {
      const int left = static_cast<int>(std::chrono::duration_cast<std::chrono::milliseconds>(
                                            end - std::chrono::steady_clock::now())
                                            .count());
      Result<Paths> got = w.Poll(std::max(left, 0));
      EXPECT_TRUE(got.ok());
      if (got.ok()) all.insert(all.end(), got->begin(), got->end());
    }
    return all;
  }

  fs::path dir_;
};

TEST_F(WatchTest, PartialWriteIsReportedOnlyAfterClose) {
  std::unique_ptr<Watcher> w = Open();
  ASSERT_NE(w, nullptr);
  const int fd = ::open(P("a.txt").c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  ASSERT_GE(fd, 0);
  ASSERT_EQ(::write(fd, "half ", 5), 5);
  EXPECT_EQ(Collect(*w, 400), Paths{});  // still open for writing
  ASSERT_EQ(::write(fd, "and the rest\n", 13), 13);
  ::close(fd);
  EXPECT_EQ(Collect(*w, 400), Paths{P("a.txt")});
  EXPECT_EQ(Collect(*w, 300), Paths{});  // exactly once
}

TEST_F(WatchTest, EachNewFileOnceAndChangedFilesAgain) {
  WatchOptions options;
  options.settle_seconds = 0.2;  // files that land in a new folder before its watch settle
  std::unique_ptr<Watcher> w = Open(options);
  ASSERT_NE(w, nullptr);
  Write("b.html", "<p>b</p>");
  Write("c.jsonl", "{}\n");
  Write("ignored.pdf", "%PDF");                     // extension not read
  Write(".hidden.txt", "x");                        // hidden
  Write("download.txt.part", "x");                  // temporary
  fs::create_directories(dir_ / "sub" / "deeper");  // a folder made after the start
  Write("sub/deeper/d.txt", "d");
  // Written under a temporary name, then moved in: reported under its final name, once.
  Write(".incoming.tmp", "e");
  fs::rename(dir_ / ".incoming.tmp", dir_ / "e.txt");
  Paths got = Collect(*w, 800);
  std::sort(got.begin(), got.end());
  EXPECT_EQ(got, (Paths{P("b.html"), P("c.jsonl"), P("e.txt"), P("sub/deeper/d.txt")}));
  // A rewrite is a change: reported again; a file untouched is not.
  std::this_thread::sleep_for(std::chrono::milliseconds(20));
  Write("b.html", "<p>b, updated</p>");
  EXPECT_EQ(Collect(*w, 400), Paths{P("b.html")});
}

TEST_F(WatchTest, ExistingFilesOnlyWhenAsked) {
  Write("old.txt", "old");
  {
    std::unique_ptr<Watcher> w = Open();
    ASSERT_NE(w, nullptr);
    EXPECT_EQ(Collect(*w, 300), Paths{});
  }
  WatchOptions options;
  options.report_existing = true;
  options.settle_seconds = 0.1;
  std::unique_ptr<Watcher> w = Open(options);
  ASSERT_NE(w, nullptr);
  EXPECT_EQ(Collect(*w, 500), Paths{P("old.txt")});
}

TEST_F(WatchTest, RescanOnlyWaitsForTheSizeToSettle) {
  WatchOptions options;
  options.use_inotify = false;
  options.rescan_seconds = 0.05;
  options.settle_seconds = 1.0;  // well above the writer's pauses, even on a loaded machine
  std::unique_ptr<Watcher> w = Open(options);
  ASSERT_NE(w, nullptr);
  // A slow writer: grows every 100 ms for 600 ms; never reported while it grows.
  const int fd = ::open(P("slow.txt").c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  ASSERT_GE(fd, 0);
  Paths during;
  for (int i = 0; i < 6; ++i) {
    ASSERT_EQ(::write(fd, "chunk\n", 6), 6);
    const Paths got = Collect(*w, 100);
    during.insert(during.end(), got.begin(), got.end());
  }
  ::close(fd);
  EXPECT_EQ(during, Paths{});
  EXPECT_EQ(Collect(*w, 2000), Paths{P("slow.txt")});
  EXPECT_EQ(Collect(*w, 300), Paths{});
}

TEST_F(WatchTest, StopEndsRun) {
  std::unique_ptr<Watcher> w = Open();
  ASSERT_NE(w, nullptr);
  Paths seen;
  std::thread runner([&] {
    const Status s = w->Run([&](const Paths& files) {
      seen.insert(seen.end(), files.begin(), files.end());
      w->Stop();
    });
    EXPECT_TRUE(s.ok());
  });
  std::this_thread::sleep_for(std::chrono::milliseconds(100));
  Write("f.txt", "f");
  runner.join();  // returns because the callback stopped it
  EXPECT_EQ(seen, Paths{P("f.txt")});
}

TEST(WatchOpenTest, NotAFolder) {
  Result<std::unique_ptr<Watcher>> w = Watcher::Open("/nonexistent/sitrep/folder", {});
  ASSERT_FALSE(w.ok());
  EXPECT_EQ(w.status().message(), "/nonexistent/sitrep/folder: not a folder");
}

}  // namespace
}  // namespace sitrep::fetch
