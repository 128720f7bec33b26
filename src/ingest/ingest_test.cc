// Files and folders: walking order, id uniqueness, unreadable and odd paths.
#include "ingest/ingest.h"

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

namespace sitrep::ingest {
namespace {

namespace fs = std::filesystem;

const std::string kWalk = std::string(SITREP_TEST_DATA) + "/ingest/walk";

class TempDir {
 public:
  TempDir() {
    path_ = fs::temp_directory_path() /
            ("sitrep_ingest_test_" + std::to_string(::getpid()) + "_" + std::to_string(counter_++));
    fs::remove_all(path_);
    fs::create_directories(path_);
  }
  ~TempDir() {
    std::error_code ec;
    fs::permissions(path_, fs::perms::owner_all, fs::perm_options::add, ec);
    fs::remove_all(path_, ec);
  }
  std::string Write(const std::string& name, std::string_view bytes) const {
    const fs::path p = path_ / name;
    fs::create_directories(p.parent_path());
    std::ofstream(p, std::ios::binary)
        .write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    return p.string();
  }
  std::string path() const { return path_.string(); }

 private:
  static inline int counter_ = 0;
  fs::path path_;
};

std::vector<std::string> Ids(const IngestResult& r) {
  std::vector<std::string> out;
  for (const Document& d : r.documents) out.push_back(d.id);
  return out;
}

TEST(IngestTest, FolderWalkOrderAndFilter) {
  std::vector<Diagnostic> diagnostics;
  const std::vector<std::string> files = ListInputs({kWalk}, IngestOptions{}, diagnostics);
  EXPECT_TRUE(diagnostics.empty());
  const std::vector<std::string> expected = {kWalk + "/a.txt", kWalk + "/c.jsonl",
                                             kWalk + "/sub/a.txt", kWalk + "/sub/b.HTML"};
  EXPECT_EQ(files, expected);
}

TEST(IngestTest, ReadPathsMakesIdsUnique) {
  IngestResult r = ReadPaths({kWalk}, IngestOptions{});
  EXPECT_TRUE(r.diagnostics.empty());
  EXPECT_EQ(Ids(r), (std::vector<std::string>{"a", "rec-1", "c:2", "a~2", "b"}));
  ASSERT_EQ(r.documents.size(), 5u);
  EXPECT_EQ(r.documents[3].path, kWalk + "/sub/a.txt");
  EXPECT_EQ(r.documents[4].format, "html");
}

TEST(IngestTest, MakeIdsUniqueTable) {
  struct Case {
    std::vector<std::string> in;
    std::vector<std::string> out;
  };
  const std::vector<Case> cases = {
      {{"a", "b"}, {"a", "b"}},
      {{"a", "a", "a"}, {"a", "a~2", "a~3"}},
      {{"a", "a", "a~2"}, {"a", "a~3", "a~2"}},  // never steal an id another document has
      {{"x", "y", "x", "y", "x"}, {"x", "y", "x~2", "y~2", "x~3"}},
  };
  for (const Case& c : cases) {
    std::vector<Document> docs(c.in.size());
    for (size_t i = 0; i < docs.size(); ++i) docs[i].id = c.in[i];
    MakeIdsUnique(docs);
    std::vector<std::string> ids;
    for (const Document& d : docs) ids.push_back(d.id);
    EXPECT_EQ(ids, c.out);
  }
}

TEST(IngestTest, ManyClashesStayFast) {
  std::vector<Document> docs(20000);
  for (Document& d : docs) d.id = "same";
  MakeIdsUnique(docs);
  EXPECT_EQ(docs.back().id, "same~20000");
}

TEST(IngestTest, NamedPathsKeepTheirOrderAndAreListedOnce) {
  TempDir dir;
  const std::string z = dir.Write("z.txt", "Zed body.");
  const std::string a = dir.Write("a.txt", "A body.");
  const std::string odd = dir.Write("notes.md", "Markdown notes read as text.");
  std::vector<Diagnostic> diagnostics;
  const std::vector<std::string> files =
      ListInputs({z, a, dir.path(), z, odd}, IngestOptions{}, diagnostics);
  EXPECT_EQ(files, (std::vector<std::string>{z, a, odd}));
  EXPECT_TRUE(diagnostics.empty());
}

TEST(IngestTest, MissingPathIsADiagnosticAndTheRunGoesOn) {
  TempDir dir;
  const std::string good = dir.Write("good.txt", "Good body text.");
  const std::string missing = dir.path() + "/nope.txt";
  IngestResult r = ReadPaths({missing, good}, IngestOptions{});
  ASSERT_EQ(r.documents.size(), 1u);
  EXPECT_EQ(r.documents[0].id, "good");
  ASSERT_EQ(r.diagnostics.size(), 1u);
  EXPECT_EQ(r.diagnostics[0].severity, Diagnostic::Severity::kError);
  EXPECT_EQ(r.diagnostics[0].path, missing);
  EXPECT_EQ(r.diagnostics[0].message, "not found");
}

TEST(IngestTest, ReadFileOnMissingAndFolderPaths) {
  TempDir dir;
  IngestResult r;
  ReadFile(dir.path() + "/gone.html", IngestOptions{}, r);
  ReadFile(dir.path(), IngestOptions{}, r);
  EXPECT_TRUE(r.documents.empty());
  ASSERT_EQ(r.diagnostics.size(), 2u);
  EXPECT_EQ(r.diagnostics[0].message, "not found");
  EXPECT_EQ(r.diagnostics[1].path, dir.path());
  EXPECT_EQ(r.diagnostics[1].message, "is a folder, not a file");
}

TEST(IngestTest, UnreadableFile) {
  if (::geteuid() == 0) GTEST_SKIP() << "root reads files whatever their permissions";
  TempDir dir;
  const std::string locked = dir.Write("locked.txt", "Secret body.");
  ::chmod(locked.c_str(), 0);
  IngestResult r = ReadPaths({locked}, IngestOptions{});
  EXPECT_TRUE(r.documents.empty());
  ASSERT_EQ(r.diagnostics.size(), 1u);
  EXPECT_EQ(r.diagnostics[0].path, locked);
  EXPECT_NE(r.diagnostics[0].message.find("cannot open"), std::string::npos);
}

TEST(IngestTest, UnopenablePath) {
  // A file used as a folder cannot be opened, as root too.
  TempDir dir;
  const std::string file = dir.Write("plain.txt", "Body.");
  IngestResult r;
  ReadFile(file + "/inside.txt", IngestOptions{}, r);
  EXPECT_TRUE(r.documents.empty());
  ASSERT_EQ(r.diagnostics.size(), 1u);
  EXPECT_EQ(r.diagnostics[0].severity, Diagnostic::Severity::kError);
  EXPECT_EQ(r.diagnostics[0].path, file + "/inside.txt");
  EXPECT_EQ(r.diagnostics[0].message, "cannot open: Not a directory");
}

TEST(IngestTest, DeviceFilesDoNotHang) {
  IngestResult r;
  ReadFile("/dev/zero", IngestOptions{}, r);
  EXPECT_TRUE(r.documents.empty());
  ASSERT_EQ(r.diagnostics.size(), 1u);
}

TEST(IngestTest, BadFilesInAFolderAreSkippedWithReasons) {
  TempDir dir;
  dir.Write("1_good.txt", "Good headline here\n\nGood body.");
  dir.Write("2_empty.txt", "");
  dir.Write("3_binary.txt", std::string("\x7F"
                                        "ELF\x02\x01\x01\0\0\0\0",
                                        12));
  dir.Write("4_blank.html", "  \n ");
  dir.Write("5_lines.jsonl", "{\"text\": \"ok\"}\nnot json\n");
  dir.Write("6_big.txt", std::string(2000, 'x'));
  IngestOptions options;
  options.max_file_bytes = 1000;
  IngestResult r = ReadPaths({dir.path()}, options);
  EXPECT_EQ(Ids(r), (std::vector<std::string>{"1_good", "5_lines:1"}));
  ASSERT_EQ(r.diagnostics.size(), 5u);
  const std::vector<std::string> messages = {"empty file", "binary file skipped", "empty file",
                                             "line 2: invalid JSON; line skipped",
                                             "file too large (2000 bytes; limit 1000); skipped"};
  for (size_t i = 0; i < messages.size(); ++i) {
    EXPECT_EQ(r.diagnostics[i].message, messages[i]);
    EXPECT_NE(r.diagnostics[i].path.find(dir.path()), std::string::npos);
  }
}

TEST(IngestTest, JsonlFileIsStreamedWithPerRecordLimit) {
  TempDir dir;
  std::string big = "{\"text\": \"" + std::string(3 << 20, 'y') + "\"}\n";
  const std::string path =
      dir.Write("feed.jsonl", "{\"text\": \"one\"}\n" + big + "{\"text\": \"three\"}");
  IngestOptions options;
  options.max_file_bytes = 1 << 20;
  IngestResult r;
  ReadFile(path, options, r);
  EXPECT_EQ(Ids(r), (std::vector<std::string>{"feed:1", "feed:3"}));
  ASSERT_EQ(r.diagnostics.size(), 1u);
  EXPECT_EQ(r.diagnostics[0].message, "line 2: record exceeds the limit of 1048576 bytes; skipped");
}

TEST(IngestTest, UnknownExtensionIsSniffed) {
  TempDir dir;
  const std::string page = dir.Write("saved_page", "<!doctype html><title>t</title><p>Para.</p>");
  const std::string text = dir.Write("notes.md", "Plain notes here.");
  IngestResult r = ReadPaths({page, text}, IngestOptions{});
  ASSERT_EQ(r.documents.size(), 2u);
  EXPECT_EQ(r.documents[0].format, "html");
  EXPECT_EQ(r.documents[0].text, "Para.");
  EXPECT_EQ(r.documents[1].format, "txt");
}

TEST(IngestTest, SymlinksFollowedOnlyWhenAsked) {
  TempDir dir;
  dir.Write("real/x.txt", "X body.");
  fs::create_directory_symlink(fs::path(dir.path()) / "real", fs::path(dir.path()) / "link");
  fs::create_directory_symlink(fs::path(dir.path()), fs::path(dir.path()) / "real" / "loop");
  std::vector<Diagnostic> diagnostics;
  EXPECT_EQ(ListInputs({dir.path()}, IngestOptions{}, diagnostics).size(), 1u);
  IngestOptions follow;
  follow.follow_symlinks = true;
  // The real folder and the link name the same file: listed once, and the loop ends.
  EXPECT_EQ(ListInputs({dir.path()}, follow, diagnostics).size(), 1u);
  EXPECT_TRUE(diagnostics.empty());
}

}  // namespace
}  // namespace sitrep::ingest
