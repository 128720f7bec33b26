#include "sitrep/corpus.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <random>

#include "report/json.h"
#include "sitrep/engine.h"
#include "store/store.h"
#include "store/testing.h"

namespace sitrep {
namespace {

namespace fs = std::filesystem;

// A fresh temporary folder per test, removed at the end.
class CorpusTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("sitrep_corpus_test_" + std::to_string(::getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  std::string Write(const std::string& name, const std::string& content) {
    const fs::path p = dir_ / name;
    fs::create_directories(p.parent_path());
    std::ofstream(p, std::ios::binary) << content;
    return p.string();
  }
  std::unique_ptr<Corpus> Open(const std::string& name = "corpus.db") {
    Result<std::unique_ptr<Corpus>> c = Corpus::Open((dir_ / name).string());
    EXPECT_TRUE(c.ok()) << c.status().message();
    return c.ok() ? std::move(*c) : nullptr;
  }

  fs::path dir_;
};

AnalyzeOptions Options() {
  AnalyzeOptions o;
  o.threads = 2;
  return o;
}

// The report without what legitimately differs between two runs over the same documents:
// diagnostics about reading (a batch only sees its own files) and the run's metadata.
nlohmann::json Comparable(const Report& r) {
  nlohmann::json j = nlohmann::json::parse(report::WriteJson(r));
  j.erase("diagnostics");
  j.erase("generated");
  j.erase("created");
  return j;
}

std::vector<std::string> ExampleFiles() {
  std::vector<std::string> files;
  for (const auto& e : fs::directory_iterator(fs::path(SITREP_SOURCE_DIR) / "examples")) {
    const std::string ext = e.path().extension().string();
    if (ext == ".txt" || ext == ".html" || ext == ".jsonl") files.push_back(e.path().string());
  }
  std::sort(files.begin(), files.end());
  return files;
}

TEST_F(CorpusTest, AddingTheSameDocumentsAgainIsANoOp) {
  auto corpus = Open();
  ASSERT_TRUE(corpus);
  Result<AddSummary> first = corpus->AddPaths({SITREP_SOURCE_DIR "/examples"}, Options());
  ASSERT_TRUE(first.ok()) << first.status().message();
  EXPECT_GT(first->added, 5u);
  EXPECT_EQ(first->added, first->read);
  EXPECT_EQ(first->unchanged, 0u);
  EXPECT_TRUE(first->picture_updated);
  EXPECT_EQ(first->picture.documents.size(), first->added);

  Result<AddSummary> again = corpus->AddPaths({SITREP_SOURCE_DIR "/examples"}, Options());
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->added, 0u);
  EXPECT_EQ(again->new_versions, 0u);
  EXPECT_EQ(again->unchanged, first->added);
  EXPECT_FALSE(again->picture_updated);
  EXPECT_EQ(again->documents, first->added);
}

// An add that brings nothing new is told from the stored keys and hashes: it reads none
// of the stored documents (here made unreadable), so polling a feed or a folder costs
// little however large the corpus.
TEST_F(CorpusTest, AnAddWithNothingNewReadsNoStoredDocument) {
  auto corpus = Open();
  ASSERT_TRUE(corpus);
  Result<AddSummary> first = corpus->AddPaths({SITREP_SOURCE_DIR "/examples"}, Options());
  ASSERT_TRUE(first.ok());
  corpus.reset();
  ASSERT_TRUE(store::testing::Exec((dir_ / "corpus.db").string(),
                                   "UPDATE corpus_documents SET doc = 'not a document'"));
  corpus = Open();
  ASSERT_TRUE(corpus);
  Result<AddSummary> again = corpus->AddPaths({SITREP_SOURCE_DIR "/examples"}, Options());
  ASSERT_TRUE(again.ok()) << again.status().message();
  EXPECT_EQ(again->unchanged, first->added);
  EXPECT_EQ(again->documents, first->added);
  EXPECT_FALSE(again->picture_updated);
  // Something new does read them, and says which one it could not read.
  Result<AddSummary> more = corpus->AddPaths({Write("new.txt", "A new report.\n")}, Options());
  ASSERT_FALSE(more.ok());
  EXPECT_NE(more.status().message().find("not readable"), std::string::npos);
}

// The central promise: several adds give the report of one analyze over everything, in
// the order it arrived.
TEST_F(CorpusTest, BatchesGiveTheReportOfOneAnalyze) {
  const std::vector<std::string> files = ExampleFiles();
  ASSERT_GE(files.size(), 6u);
  // Three batches in a shuffled order, so that arrival order differs from reading order.
  std::vector<std::string> order = files;
  std::mt19937 rng(7);
  std::shuffle(order.begin(), order.end(), rng);
  Result<Report> whole = Analyze(order, Options());
  ASSERT_TRUE(whole.ok());
  ASSERT_FALSE(whole->reuse.empty());
  ASSERT_FALSE(whole->events.empty());
  // The order matters: the folder's order gives another report (ids, directions).
  Result<Report> folder = Analyze({SITREP_SOURCE_DIR "/examples"}, Options());
  ASSERT_TRUE(folder.ok());
  EXPECT_NE(Comparable(*folder), Comparable(*whole));

  auto corpus = Open();
  ASSERT_TRUE(corpus);
  Report last;
  for (size_t start = 0; start < order.size(); start += 3) {
    std::vector<std::string> batch(
        order.begin() + static_cast<long>(start),
        order.begin() + static_cast<long>(std::min(start + 3, order.size())));
    Result<AddSummary> s = corpus->AddPaths(batch, Options());
    ASSERT_TRUE(s.ok()) << s.status().message();
    ASSERT_TRUE(s->picture_updated);
    last = std::move(s->picture);
  }
  EXPECT_EQ(Comparable(last), Comparable(*whole));
  EXPECT_EQ(last.reuse.size(), whole->reuse.size());
  EXPECT_EQ(last.events.size(), whole->events.size());

  // Each add wrote its picture as a difference from the stored one: the store now holds
  // exactly the rows of a corpus built in one add.
  corpus.reset();
  auto at_once = Open("at_once.db");
  ASSERT_TRUE(at_once);
  ASSERT_TRUE(at_once->AddPaths(order, Options()).ok());
  at_once.reset();
  const auto got = store::testing::DumpPicture((dir_ / "corpus.db").string());
  const auto want = store::testing::DumpPicture((dir_ / "at_once.db").string());
  EXPECT_EQ(got.count("error"), 0u);
  ASSERT_FALSE(want.at("mentions").empty());
  for (const auto& [table, rows] : want) EXPECT_EQ(got.at(table), rows) << table;
}

// The kept candidate search is resumed by the next add; one that cannot be read is
// searched again with a warning, and the add goes on.
TEST_F(CorpusTest, AnUnreadableKeptSearchIsSearchedAgain) {
  const std::vector<std::string> files = ExampleFiles();
  auto corpus = Open();
  ASSERT_TRUE(corpus);
  Result<AddSummary> first = corpus->AddPaths({files[0], files[1], files[2]}, Options());
  ASSERT_TRUE(first.ok());
  EXPECT_EQ(first->candidates_queried, first->documents);
  Result<AddSummary> second = corpus->AddPaths({files[3]}, Options());
  ASSERT_TRUE(second.ok());
  EXPECT_EQ(second->candidates_queried, second->added) << "only the new article was searched";

  corpus.reset();
  ASSERT_TRUE(store::testing::Exec((dir_ / "corpus.db").string(),
                                   "UPDATE corpus_indexes SET bytes = x'0102'"));
  corpus = Open();
  ASSERT_TRUE(corpus);
  Result<AddSummary> third = corpus->AddPaths({files[4]}, Options());
  ASSERT_TRUE(third.ok()) << third.status().message();
  EXPECT_TRUE(third->picture_updated);
  EXPECT_EQ(third->candidates_queried, third->documents);
  bool warned = false;
  for (const Diagnostic& d : third->diagnostics) {
    warned |= d.message.find("reuse_candidates") != std::string::npos &&
              d.message.find("searched again") != std::string::npos;
  }
  EXPECT_TRUE(warned) << "the unreadable kept search was not reported";
  // And the picture is still the one of one analyze.
  Result<Report> whole = Analyze({files[0], files[1], files[2], files[3], files[4]}, Options());
  ASSERT_TRUE(whole.ok());
  EXPECT_EQ(Comparable(third->picture), Comparable(*whole));
}

TEST_F(CorpusTest, ChangedTextUnderOneUrlIsANewVersionWithItsChanges) {
  const std::string v1 =
      R"({"id":"harbor","url":"https://news.example/harbor","title":"Shelling hits harbor",)"
      R"("date":"2023-03-02","text":"Shelling hits harbor\n\nArtillery fire struck the harbor )"
      R"(district of Kherson on Wednesday, killing 12 people, the regional governor said.\n\n)"
      R"(Rescue workers searched the rubble of two warehouses through the night."})";
  const std::string v2 =
      R"({"id":"harbor","url":"https://news.example/harbor","title":"Shelling hits harbor",)"
      R"("date":"2023-03-02","text":"Shelling hits harbor\n\nArtillery fire struck the harbor )"
      R"(district of Kherson on Wednesday, killing 21 people, the regional governor said.\n\n)"
      R"(Rescue workers searched the rubble of two warehouses through the night."})";
  auto corpus = Open();
  ASSERT_TRUE(corpus);
  Result<AddSummary> a = corpus->AddPaths({Write("a/feed.jsonl", v1 + "\n")}, Options());
  ASSERT_TRUE(a.ok());
  EXPECT_EQ(a->added, 1u);
  // The same URL arrives again, from another file, with one number changed.
  Result<AddSummary> b = corpus->AddPaths({Write("b/later.jsonl", v2 + "\n")}, Options());
  ASSERT_TRUE(b.ok()) << b.status().message();
  EXPECT_EQ(b->added, 0u);
  EXPECT_EQ(b->new_versions, 1u);
  EXPECT_EQ(b->documents, 1u);
  ASSERT_EQ(b->versions.size(), 1u);
  const VersionChange& v = b->versions[0];
  EXPECT_EQ(v.doc, "harbor");
  EXPECT_EQ(v.from_version, 1);
  EXPECT_EQ(v.to_version, 2);
  bool number = false;
  for (const Drift& d : v.changes) {
    if (d.source_text.find("12") != std::string::npos &&
        d.copy_text.find("21") != std::string::npos) {
      number = true;
    }
  }
  EXPECT_TRUE(number) << "the changed death toll is not among the version's changes";
  // The picture holds the newer text only, under the article's id.
  ASSERT_EQ(b->picture.documents.size(), 1u);
  EXPECT_EQ(b->picture.documents[0].id, "harbor");
  EXPECT_NE(b->picture.documents[0].text.find("21 people"), std::string::npos);
  // The versions are kept and can be read back.
  Result<std::vector<VersionChange>> stored = corpus->Versions("harbor");
  ASSERT_TRUE(stored.ok());
  ASSERT_EQ(stored->size(), 1u);
  EXPECT_EQ((*stored)[0].changes.size(), v.changes.size());
  // Re-adding the first version is a change back, hence a third version.
  Result<AddSummary> c = corpus->AddPaths({dir_.string() + "/a/feed.jsonl"}, Options());
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(c->new_versions, 1u);
  ASSERT_EQ(c->versions.size(), 1u);
  EXPECT_EQ(c->versions[0].to_version, 3);
}

TEST_F(CorpusTest, NewArticlesNeverTakeAnIdAlreadyInTheCorpus) {
  auto corpus = Open();
  ASSERT_TRUE(corpus);
  const std::string a = Write("one/report.txt", "Convoy hit\n\nA convoy was hit near Izium.\n");
  const std::string b =
      Write("two/report.txt", "Bridge shelled\n\nA bridge was shelled in Kupiansk.\n");
  ASSERT_TRUE(corpus->AddPaths({a}, Options()).ok());
  Result<AddSummary> s = corpus->AddPaths({b}, Options());
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(s->added, 1u);
  std::vector<std::string> ids;
  for (const Document& d : s->picture.documents) ids.push_back(d.id);
  EXPECT_EQ(ids, (std::vector<std::string>{"report", "report~2"}));
}

TEST_F(CorpusTest, ABrokenFileIsReportedAndTheRestIsAdded) {
  auto corpus = Open();
  ASSERT_TRUE(corpus);
  const std::string good =
      Write("in/good.txt", "Strike on depot\n\nA fuel depot burned in Donetsk.\n");
  Write("in/bad.jsonl", "{\"id\": \"x\", \"text\": \n{not json}\n");
  Result<AddSummary> s = corpus->AddPaths({dir_.string() + "/in"}, Options());
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(s->added, 1u);
  bool named = false;
  for (const Diagnostic& d : s->diagnostics) named |= d.path.find("bad.jsonl") != std::string::npos;
  EXPECT_TRUE(named);
}

TEST_F(CorpusTest, TheStoredPictureIsReplacedNotAccumulated) {
  auto corpus = Open();
  ASSERT_TRUE(corpus);
  const std::vector<std::string> files = ExampleFiles();
  ASSERT_TRUE(corpus->AddPaths({files[0], files[1]}, Options()).ok());
  ASSERT_TRUE(corpus->AddPaths({files[2]}, Options()).ok());
  corpus.reset();
  Result<std::unique_ptr<store::Store>> store = store::Store::Open((dir_ / "corpus.db").string());
  ASSERT_TRUE(store.ok());
  EXPECT_EQ(*(*store)->QueryInt("select count(distinct run) from reuse"), 1);
  EXPECT_EQ(*(*store)->QueryInt("select count(*) from documents"), 3);
  EXPECT_EQ(*(*store)->QueryInt("select count(*) from corpus_documents where current = 1"), 3);
  EXPECT_EQ(*(*store)->QueryInt("select count(distinct run) from events"), 1);
  EXPECT_EQ(*(*store)->QueryInt("select max(run) from events"),
            *(*store)->QueryInt("select max(id) from runs"));
}

}  // namespace
}  // namespace sitrep
