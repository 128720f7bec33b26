// End-to-end tests of the sitrep binary: exit codes, help, bad input, report contract.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>
#ifdef SITREP_HAVE_HTTPLIB
#include <httplib.h>

#include <atomic>
#endif

namespace {

namespace fs = std::filesystem;

struct CliRun {
  int status = -1;
  std::string out;
};

// Runs the sitrep binary with `args` (shell words), capturing stdout; stderr goes to
// `err_file` when given; `prefix` runs it under another command (e.g. timeout).
CliRun Sitrep(const std::string& args, const std::string& err_file = "/dev/null",
              const std::string& prefix = "") {
  const std::string cmd = prefix + std::string(SITREP_BINARY) + " " + args + " 2>" + err_file;
  CliRun r;
  FILE* p = popen(cmd.c_str(), "r");
  if (p == nullptr) return r;
  char buf[4096];
  size_t n;
  while ((n = fread(buf, 1, sizeof buf, p)) > 0) r.out.append(buf, n);
  const int raw = pclose(p);
  r.status = WIFEXITED(raw) ? WEXITSTATUS(raw) : -1;
  return r;
}

std::string ReadAll(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

class CliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("sitrep_cli_test_" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) +
            "_" + ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  void Write(const std::string& name, const std::string& bytes) {
    std::ofstream(dir_ / name, std::ios::binary) << bytes;
  }
  fs::path dir_;
};

TEST_F(CliTest, VersionAndHelp) {
  CliRun v = Sitrep("--version");
  EXPECT_EQ(v.status, 0);
  EXPECT_NE(v.out.find("sitrep "), std::string::npos);
  CliRun h = Sitrep("--help");
  EXPECT_EQ(h.status, 0);
  EXPECT_NE(h.out.find("analyze"), std::string::npos);
  CliRun ah = Sitrep("analyze --help");
  EXPECT_EQ(ah.status, 0);
  EXPECT_NE(ah.out.find("--format"), std::string::npos);
}

TEST_F(CliTest, UsageErrorsExitTwo) {
  EXPECT_EQ(Sitrep("").status, 2);  // no subcommand
  EXPECT_EQ(Sitrep("no-such-command").status, 2);
  EXPECT_EQ(Sitrep("analyze").status, 2);                 // no path
  EXPECT_EQ(Sitrep("analyze x --format pdf").status, 2);  // bad format
}

TEST_F(CliTest, GoodInputExitsZeroWithEveryTopLevelKey) {
  Write("a.txt",
        "A headline about the river crossing\n\nTroops crossed the river on Monday, "
        "officials said.\n\nThree people were killed.\n");
  CliRun r = Sitrep("analyze " + dir_.string() + " --format json");
  ASSERT_EQ(r.status, 0);
  const auto j = nlohmann::json::parse(r.out);
  for (const char* key : {"documents", "reuse", "entities", "times", "quantities", "claims",
                          "events", "contradictions", "timeline"}) {
    EXPECT_TRUE(j.contains(key) && j[key].is_array()) << key;
  }
  ASSERT_EQ(j["documents"].size(), 1u);
  EXPECT_EQ(j["documents"][0]["id"], "a");
}

TEST_F(CliTest, OneBrokenFileDoesNotStopTheRun) {
  Write("good.txt", "Headline\n\nA paragraph of ordinary text that says something.\n");
  Write("binary.txt", std::string("\x7F"
                                  "ELF\0\0\0\0\0\0\0\0\x01\x02\x03",
                                  16) +
                          std::string(200, '\0'));
  Write("empty.txt", "");
  const std::string err = (dir_ / "stderr.txt").string();
  CliRun r = Sitrep("analyze " + dir_.string() + " " + (dir_ / "missing.txt").string() +
                        " --format json -o " + (dir_ / "out.json").string(),
                    err);
  EXPECT_EQ(r.status, 1);
  const auto j = nlohmann::json::parse(ReadAll(dir_ / "out.json"));
  ASSERT_EQ(j["documents"].size(), 1u);
  EXPECT_EQ(j["documents"][0]["id"], "good");
  const std::string messages = ReadAll(err);
  EXPECT_NE(messages.find("binary.txt"), std::string::npos) << messages;
  EXPECT_NE(messages.find("empty.txt"), std::string::npos) << messages;
  EXPECT_NE(messages.find("missing.txt"), std::string::npos) << messages;
  EXPECT_GE(j["diagnostics"].size(), 3u);
}

TEST_F(CliTest, CleanPrintsTheArticleAsTextOrBlocksWithRolesAsJson) {
  Write("ferry.txt",
        "Ferry service resumes after the storm\n\n"
        "The ferry service resumed on Monday after two days of gales, the operator said.\n\n"
        "Sign up to our newsletter for the latest news\n\n"
        "Crews worked through the weekend to repair the damaged quay, officials said.\n");
  const std::string file = (dir_ / "ferry.txt").string();
  CliRun json = Sitrep("clean " + file + " --format json");
  ASSERT_EQ(json.status, 0);
  const auto j = nlohmann::json::parse(json.out);
  ASSERT_TRUE(j.is_array());
  ASSERT_EQ(j.size(), 1u);
  const auto& d = j[0];
  EXPECT_EQ(d["id"], "ferry");
  EXPECT_EQ(d["title"], "Ferry service resumes after the storm");
  EXPECT_EQ(d["language"], "en");
  EXPECT_TRUE(d["published"].is_null());
  const std::string article = d["article"];
  EXPECT_NE(article.find("resumed on Monday"), std::string::npos);
  EXPECT_EQ(article.find("newsletter"), std::string::npos);
  ASSERT_EQ(d["blocks"].size(), 4u);
  EXPECT_EQ(d["blocks"][0]["role"], "title");
  EXPECT_EQ(d["blocks"][1]["role"], "body");
  EXPECT_EQ(d["blocks"][2]["role"], "boilerplate");
  EXPECT_EQ(d["blocks"][2]["text"], "Sign up to our newsletter for the latest news");
  // Offsets point into the file.
  const std::string bytes = ReadAll(dir_ / "ferry.txt");
  for (const auto& b : d["blocks"]) {
    const size_t start = b["start"], end = b["end"];
    EXPECT_EQ(bytes.substr(start, end - start), b["text"].get<std::string>());
  }

  CliRun text = Sitrep("clean " + file);
  ASSERT_EQ(text.status, 0);
  EXPECT_EQ(text.out.rfind("# Ferry service resumes after the storm\n", 0), 0u) << text.out;
  EXPECT_NE(text.out.find("repair the damaged quay"), std::string::npos);
  EXPECT_EQ(text.out.find("newsletter"), std::string::npos);
}

// `compare A B`: who copied whom and what changed, as JSON and as a page whose article
// text is escaped.
TEST_F(CliTest, CompareReportsTheCopyItsChangedFigureAndEscapesThePage) {
  const std::string story =
      "Shelling hit the river port of Kherson on Tuesday, regional officials said.\n\n"
      "At least 12 people were killed and dozens wounded when rockets struck the market "
      "near the ferry terminal in the early morning.\n\n"
      "Rescue teams searched the rubble through the night while residents queued for water "
      "at the few working pumps in the old town.\n\n"
      "The governor said the city had come under fire more than forty times in one day.\n\n"
      "Readers wrote in: <script>alert(1)</script> was found in the comments.\n";
  std::string copy = story;
  copy.replace(copy.find("At least 12"), 11, "At least 21");
  Write("a.txt", "Port shelled\n\n" + story);
  Write("b.txt", "Port shelled\n\n" + copy);
  const std::string a = (dir_ / "a.txt").string(), b = (dir_ / "b.txt").string();
  CliRun json = Sitrep("compare " + a + " " + b + " --format json");
  ASSERT_EQ(json.status, 0) << json.out;
  const auto j = nlohmann::json::parse(json.out);
  EXPECT_EQ(j["source"], "a");
  EXPECT_EQ(j["copy"], "b");
  EXPECT_EQ(j["relation"], "near-duplicate");
  ASSERT_EQ(j["drift"].size(), 1u) << json.out;
  EXPECT_EQ(j["drift"][0]["kind"], "number");
  EXPECT_EQ(j["drift"][0]["source_text"], "At least 12");
  EXPECT_EQ(j["drift"][0]["copy_text"], "At least 21");

  CliRun html = Sitrep("compare " + a + " " + b + " --format html");
  ASSERT_EQ(html.status, 0);
  EXPECT_NE(html.out.find("&lt;script&gt;alert(1)&lt;/script&gt;"), std::string::npos);
  EXPECT_EQ(html.out.find("<script>alert"), std::string::npos);

  EXPECT_EQ(Sitrep("compare " + a).status, 2);  // one document is a usage error
}

TEST_F(CliTest, MarkdownReportForPeople) {
  Write("a.txt", "Headline\n\nA paragraph of ordinary text.\n");
  CliRun r = Sitrep("analyze " + dir_.string() + " --format md");
  ASSERT_EQ(r.status, 0);
  EXPECT_EQ(r.out.rfind("# ", 0), 0u);
  EXPECT_NE(r.out.find("## Documents"), std::string::npos);
}

TEST_F(CliTest, ExampleCorpusPassesTheContractChecker) {
  const fs::path checker = fs::path(SITREP_SOURCE_DIR) / "../shared/tools/check_report.py";
  if (!fs::exists(checker)) GTEST_SKIP() << "no " << checker << " (../shared absent)";
  const fs::path out = dir_ / "report.json";
  CliRun r = Sitrep("analyze " + std::string(SITREP_SOURCE_DIR) + "/examples --format json -o " +
                    out.string());
  ASSERT_EQ(r.status, 0);
  const int raw = std::system(("python3 " + checker.string() + " " + out.string() + " >" +
                               (dir_ / "check.txt").string() + " 2>&1")
                                  .c_str());
  EXPECT_EQ(WEXITSTATUS(raw), 0) << ReadAll(dir_ / "check.txt");
}

}  // namespace

namespace {

TEST_F(CliTest, StoreKeepsTheReportInSqlite) {
  Write("a.txt", "Headline\n\nA paragraph of ordinary text.\n");
  const fs::path db = dir_ / "sitrep.db";
  CliRun r = Sitrep("analyze " + (dir_ / "a.txt").string() + " --store " + db.string() + " -o " +
                    (dir_ / "r.json").string());
  ASSERT_EQ(r.status, 0);
  ASSERT_TRUE(fs::exists(db));
  EXPECT_GT(fs::file_size(db), 0u);
  CliRun bad = Sitrep("analyze " + (dir_ / "a.txt").string() +
                      " --store /nonexistent-dir/x.db -o " + (dir_ / "r2.json").string());
  EXPECT_EQ(bad.status, 1);
}

TEST_F(CliTest, TimingsListEveryStage) {
  Write("a.txt",
        "Shelling hit the town\n\nShelling hit the town of Izium on Monday, officials said.");
  const std::string err = (dir_ / "err.txt").string();
  CliRun r = Sitrep(
      "analyze " + (dir_ / "a.txt").string() + " --timings -o " + (dir_ / "r.json").string(), err);
  EXPECT_EQ(r.status, 0);
  const std::string log = ReadAll(err);
  for (const char* stage : {"read", "clean", "text", "reuse", "extract", "gazetteer", "who",
                            "reconcile", "write", "total"}) {
    EXPECT_NE(log.find(std::string("timing: ") + stage), std::string::npos) << stage << "\n" << log;
  }
  // Without the flag, nothing of the kind.
  CliRun quiet =
      Sitrep("analyze " + (dir_ / "a.txt").string() + " -o " + (dir_ / "r.json").string(), err);
  EXPECT_EQ(quiet.status, 0);
  EXPECT_EQ(ReadAll(err).find("timing:"), std::string::npos);
}

}  // namespace

TEST_F(CliTest, AnalyzeReadsAFeedFileRecognisedByContent) {
  std::string body;
  for (int i = 0; i < 5; ++i) {
    body +=
        "<p>Troops crossed the river near the old bridge on Monday, officials said, and "
        "three people were killed in the shelling that followed.</p>";
  }
  std::string items;
  for (int n = 1; n <= 2; ++n) {
    items += "<item><title>River crossing " + std::to_string(n) + "</title><link>https://w." +
             "example/" + std::to_string(n) + "</link><pubDate>Mon, 06 Mar 2023 09:00:00 GMT" +
             "</pubDate><description><![CDATA[" + body + "]]></description></item>";
  }
  Write("wire.xml", "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>The Wire</title>" +
                        items + "</channel></rss>");
  CliRun r = Sitrep("analyze " + (dir_ / "wire.xml").string() + " --format json");
  ASSERT_EQ(r.status, 0);
  const auto j = nlohmann::json::parse(r.out);
  ASSERT_EQ(j["documents"].size(), 2u);
  EXPECT_EQ(j["documents"][0]["id"], "wire:1");
  EXPECT_EQ(j["documents"][1]["url"], "https://w.example/2");
  EXPECT_EQ(j["documents"][0]["outlet"], "The Wire");
  EXPECT_EQ(j["documents"][0]["published"], "2023-03-06");
}

TEST_F(CliTest, WatchHelpAndBadFolder) {
  CliRun h = Sitrep("watch --help");
  EXPECT_EQ(h.status, 0);
  EXPECT_NE(h.out.find("--existing"), std::string::npos);
  EXPECT_EQ(Sitrep("watch").status, 2);  // no folder
  EXPECT_EQ(Sitrep("watch " + (dir_ / "missing").string()).status, 1);
}

TEST_F(CliTest, WatchAddsArrivingFilesToTheCorpus) {
  fs::create_directories(dir_ / "in");
  const std::string err = (dir_ / "stderr.txt").string();
  // The file arrives a moment after the watch starts; SIGTERM ends the watch.
  std::thread writer([this] {
    std::this_thread::sleep_for(std::chrono::milliseconds(1500));
    Write("in/river.txt",
          "River crossing\n\nTroops crossed the river on Monday, officials said.\n");
  });
  CliRun r = Sitrep(
      "watch " + (dir_ / "in").string() + " --db " + (dir_ / "c.db").string() + " --threads 1", err,
      "timeout -s TERM --preserve-status 12 ");
  writer.join();
  EXPECT_EQ(r.status, 0) << ReadAll(err);
  EXPECT_EQ(r.out, (dir_ / "in" / "river.txt").string() + "\n");
  EXPECT_NE(ReadAll(err).find("1 added"), std::string::npos) << ReadAll(err);
  // The corpus holds it: adding the same file again changes nothing.
  CliRun again = Sitrep("add " + (dir_ / "in").string() + " --db " + (dir_ / "c.db").string(), err);
  EXPECT_EQ(again.status, 0);
  EXPECT_NE(ReadAll(err).find("1 unchanged"), std::string::npos) << ReadAll(err);
}

#ifdef SITREP_HAVE_HTTPLIB
namespace {

// `sitrep add FEED_URL`: the feed's items are fetched and added; a second add of the same
// feed fetches none of them again (they are known by their links).
TEST_F(CliTest, AddFeedUrlAddsItsItemsOnce) {
  httplib::Server server;
  std::atomic<int> item_fetches{0};
  const int port = server.bind_to_any_port("127.0.0.1");
  ASSERT_GT(port, 0);
  const std::string base = "http://127.0.0.1:" + std::to_string(port);
  server.Get("/robots.txt", [](const httplib::Request&, httplib::Response& res) {
    res.set_content("User-agent: *\nAllow: /\n", "text/plain");
  });
  server.Get("/feed.xml", [base](const httplib::Request&, httplib::Response& res) {
    res.set_content(
        "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Local Wire"
        "</title><item><title>Bridge shelled</title><link>" +
            base + "/a/1</link><guid>" + base +
            "/a/1</guid></item><item><title>Depot "
            "burns</title><link>" +
            base + "/a/2</link></item></channel></rss>",
        "application/rss+xml");
  });
  server.Get(R"(/a/(\d))", [&item_fetches](const httplib::Request& req, httplib::Response& res) {
    ++item_fetches;
    const std::string n = req.matches[1];
    res.set_content("<html><head><title>Story " + n + "</title></head><body><article><h1>Story " +
                        n +
                        "</h1><p>Artillery struck a bridge near Kupiansk on Monday, regional "
                        "officials said, in story number " +
                        n +
                        ".</p><p>Residents sheltered "
                        "in basements as the shelling went on through the night.</p></article>"
                        "</body></html>",
                    "text/html; charset=utf-8");
  });
  std::thread thread([&server] { server.listen_after_bind(); });
  const std::string err = (dir_ / "stderr.txt").string();
  const std::string db = (dir_ / "c.db").string();
  CliRun first = Sitrep("add " + base + "/feed.xml --db " + db + " --host-delay 0", err);
  const std::string first_err = ReadAll(err);
  CliRun second = Sitrep("add " + base + "/feed.xml --db " + db + " --host-delay 0", err);
  const std::string second_err = ReadAll(err);
  server.stop();
  thread.join();
  EXPECT_EQ(first.status, 0) << first_err;
  EXPECT_NE(first_err.find("2 added"), std::string::npos) << first_err;
  EXPECT_EQ(second.status, 0) << second_err;
  EXPECT_NE(second_err.find("0 read"), std::string::npos) << second_err;
  EXPECT_EQ(item_fetches.load(), 2);  // each item page once, across both adds
}

// `sitrep serve --port 0` prints the address to open with the port it took, answers on it,
// and stops cleanly under `timeout` (SIGTERM to it, then to its process group: exit 0).
TEST_F(CliTest, ServePrintsItsAddressAndStopsOnSigterm) {
  const std::string db = (dir_ / "c.db").string();
  ASSERT_EQ(Sitrep("add " + std::string(SITREP_SOURCE_DIR) + "/examples --db " + db).status, 0);
  const fs::path out = dir_ / "serve.out";
  const std::string err = (dir_ / "serve.err").string();
  CliRun r;
  std::thread serve([&] {
    r = Sitrep("serve --db " + db + " --port 0 >" + out.string(), err,
               "timeout -s TERM --preserve-status 6 ");
  });
  int port = 0;
  for (int i = 0; i < 100 && port == 0; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    const std::string text = ReadAll(out);
    const size_t at = text.find("open http://127.0.0.1:");
    if (at != std::string::npos) port = std::atoi(text.c_str() + at + 22);
  }
  ASSERT_GT(port, 0) << ReadAll(out) << ReadAll(err);
  httplib::Client client("127.0.0.1", port);
  httplib::Result status = client.Get("/api/status");
  ASSERT_TRUE(status);
  EXPECT_EQ(status->status, 200);
  EXPECT_EQ(nlohmann::json::parse(status->body)["documents"], 9);
  serve.join();
  EXPECT_EQ(r.status, 0) << ReadAll(err);
  EXPECT_NE(ReadAll(err).find("stopped"), std::string::npos) << ReadAll(err);
  // Not a store: a usage error naming the file.
  EXPECT_EQ(Sitrep("serve --db " + (dir_ / "missing.db").string()).status, 2);
}

}  // namespace
#endif
