// WARC input: records written at run time by a tiny WARC writer (plain and one gzip
// member per record), read back through ReadBytes, ReadFile and ReadPaths.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <unistd.h>
#include <zlib.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "clean/clean.h"
#include "ingest/ingest.h"
#include "ingest/readers.h"

namespace sitrep::ingest {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;

// ---- A tiny WARC writer ----

std::string Gzip(std::string_view data, int level = 6) {
  z_stream zs{};
  EXPECT_EQ(deflateInit2(&zs, level, Z_DEFLATED, 16 + MAX_WBITS, 8, Z_DEFAULT_STRATEGY), Z_OK);
  std::string out(deflateBound(&zs, static_cast<uLong>(data.size())) + 32, '\0');
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  zs.avail_in = static_cast<uInt>(data.size());
  zs.next_out = reinterpret_cast<Bytef*>(out.data());
  zs.avail_out = static_cast<uInt>(out.size());
  EXPECT_EQ(deflate(&zs, Z_FINISH), Z_STREAM_END);
  out.resize(zs.total_out);
  deflateEnd(&zs);
  return out;
}

struct Rec {
  std::string type;
  std::string uri;
  std::string date;
  std::string content_type;
  std::string block;
};

std::string Record(const Rec& r, int n) {
  std::string h = "WARC/1.1\r\nWARC-Type: " + r.type + "\r\n";
  h += "WARC-Record-ID: <urn:uuid:00000000-0000-0000-0000-" + std::to_string(100000000000 + n) +
       ">\r\n";
  if (!r.uri.empty()) h += "WARC-Target-URI: " + r.uri + "\r\n";
  h += "WARC-Date: " + (r.date.empty() ? std::string("2023-03-09T08:15:30.123Z") : r.date) + "\r\n";
  if (!r.content_type.empty()) h += "Content-Type: " + r.content_type + "\r\n";
  h += "Content-Length: " + std::to_string(r.block.size()) + "\r\n\r\n";
  return h + r.block + "\r\n\r\n";
}

std::string Http(int status, std::string_view content_type, std::string_view body,
                 std::string_view extra_headers = "") {
  std::string h = "HTTP/1.1 " + std::to_string(status) + " X\r\n";
  if (!content_type.empty()) h += "Content-Type: " + std::string(content_type) + "\r\n";
  h += std::string(extra_headers);
  return h + "\r\n" + std::string(body);
}

std::string Response(std::string uri, std::string http, std::string date = "") {
  return Record({"response", std::move(uri), std::move(date), "application/http; msgtype=response",
                 std::move(http)},
                0);
}

std::string Page(std::string_view title, std::string_view body) {
  return "<!doctype html><html><head><title>" + std::string(title) + "</title></head><body><h1>" +
         std::string(title) + "</h1><p>" + std::string(body) + "</p></body></html>";
}

// Several records of every kind, in order. The last one is cut short when `truncate`.
std::vector<std::string> MixedRecords() {
  std::vector<std::string> r;
  r.push_back(Record({"warcinfo", "", "", "application/warc-fields", "software: test\r\n"}, 1));
  r.push_back(Record({"request", "http://news.example/a", "", "application/http; msgtype=request",
                      "GET /a HTTP/1.1\r\nHost: news.example\r\n\r\n"},
                     2));
  r.push_back(Response("http://news.example/a",
                       Http(200, "text/html; charset=utf-8",
                            Page("Shelling in Kherson", "Ten people were hurt on Monday."))));
  // windows-1251 declared only in the HTTP header: "Обстрел Херсона" / "Пострадали люди."
  r.push_back(Response("http://news.example/ru/b",
                       Http(200, "text/html; charset=windows-1251",
                            Page("\xCE\xE1\xF1\xF2\xF0\xE5\xEB \xD5\xE5\xF0\xF1\xEE\xED\xE0",
                                 "\xCF\xEE\xF1\xF2\xF0\xE0\xE4\xE0\xEB\xE8 \xEB\xFE\xE4\xE8."))));
  r.push_back(Response("http://news.example/logo.png",
                       Http(200, "image/png", std::string("\x89PNG\r\n\x1A\n\0\0\0", 11))));
  r.push_back(Response("http://news.example/missing",
                       Http(404, "text/html", Page("Not found", "No such page here."))));
  r.push_back(Record(
      {"metadata", "http://news.example/a", "", "application/warc-fields", "outlinks: x\r\n"}, 7));
  r.push_back(Record({"revisit", "http://news.example/a", "", "application/http", ""}, 8));
  r.push_back(Response("http://news.example/",  // a home page: URI ends in '/'
                       Http(200, "text/html", Page("Front page", "Latest news from the region."))));
  r.push_back(Response("http://news.example/c",
                       Http(200, "text/html", Page("Cut story", "This record is cut short."))));
  return r;
}

std::string Join(const std::vector<std::string>& parts) {
  std::string out;
  for (const std::string& p : parts) out += p;
  return out;
}

IngestResult Read(std::string_view path, std::string_view bytes) {
  IngestResult out;
  ReadBytes(path, bytes, "warc", IngestOptions{}, out);
  return out;
}

const Diagnostic* Find(const IngestResult& r, Diagnostic::Severity s, std::string_view text) {
  for (const Diagnostic& d : r.diagnostics) {
    if (d.severity == s && d.message.find(text) != std::string::npos) return &d;
  }
  return nullptr;
}

std::string Meta(const Document& d, std::string_view key) {
  for (const auto& [k, v] : d.meta) {
    if (k == key) return v;
  }
  return "";
}

std::string AllDiagnostics(const IngestResult& r) {
  std::string s;
  for (const Diagnostic& d : r.diagnostics) {
    s += std::string(SeverityName(d.severity)) + " " + d.path + ": " + d.message + "\n";
  }
  return s;
}

// ---- Tests ----

TEST(WarcReader, ReadsHtmlResponsesAndCountsTheRest) {
  std::vector<std::string> records = MixedRecords();
  const size_t cut_at = Join(records).size() - records.back().size();
  records.back().resize(records.back().size() - 40);  // truncated last record
  const std::string warc = Join(records);
  const IngestResult r = Read("crawl.warc", warc);
  SCOPED_TRACE(AllDiagnostics(r));

  ASSERT_EQ(r.documents.size(), 3u);
  const Document& a = r.documents[0];
  EXPECT_EQ(a.id, "crawl:3");  // record numbers count every record from 1
  EXPECT_EQ(a.path, "crawl.warc");
  EXPECT_EQ(a.format, "html");
  EXPECT_EQ(a.url, "http://news.example/a");
  EXPECT_THAT(a.text, HasSubstr("Ten people were hurt on Monday."));
  EXPECT_EQ(Meta(a, "warc:date"), "2023-03-09T08:15:30.123Z");
  EXPECT_EQ(Meta(a, "warc:target-uri"), "http://news.example/a");
  EXPECT_THAT(Meta(a, "warc:record-id"), HasSubstr("urn:uuid:"));

  const Document& b = r.documents[1];
  EXPECT_EQ(b.url, "http://news.example/ru/b");
  EXPECT_THAT(b.text, HasSubstr("Обстрел Херсона"));
  EXPECT_THAT(b.text, HasSubstr("Пострадали люди."));

  EXPECT_EQ(r.documents[2].url, "http://news.example/");  // home pages are kept

  // One summary per file, with each kind of skipped record counted.
  const Diagnostic* summary = Find(r, Diagnostic::Severity::kInfo, "documents from");
  ASSERT_NE(summary, nullptr);
  EXPECT_EQ(summary->path, "crawl.warc");
  EXPECT_THAT(summary->message, HasSubstr("3 documents from 10 WARC records; 6 skipped"));
  for (const char* kind : {"1 warcinfo", "1 request", "1 metadata", "1 revisit", "1 non-HTML",
                           "1 HTTP 4xx/5xx", "1 unreadable"}) {
    EXPECT_THAT(summary->message, HasSubstr(kind));
  }
  // The truncated record, by number and byte offset.
  const Diagnostic* cut = Find(r, Diagnostic::Severity::kError, "truncated");
  ASSERT_NE(cut, nullptr);
  EXPECT_THAT(cut->message, HasSubstr("record 10 (byte " + std::to_string(cut_at) + ")"));
  // No warning for a page decoded as its HTTP header declared.
  EXPECT_EQ(Find(r, Diagnostic::Severity::kWarning, "windows-1251"), nullptr);
}

TEST(WarcReader, GzipMembersWithACorruptMemberInTheMiddle) {
  std::vector<std::string> records = MixedRecords();
  std::vector<std::string> members;
  for (const std::string& rec : records) members.push_back(Gzip(rec));
  // Corrupt the deflate data of the member holding the UTF-8 page (record 3).
  std::string& bad = members[2];
  for (size_t i = 20; i < 40 && i < bad.size(); ++i) bad[i] = static_cast<char>(bad[i] ^ 0x5A);
  size_t bad_offset = 0;
  for (size_t i = 0; i < 2; ++i) bad_offset += members[i].size();
  // And a bad record after it (in place of the 404): reported at its own member's offset.
  size_t late_offset = 0;
  for (size_t i = 0; i < 5; ++i) late_offset += members[i].size();
  members[5] = Gzip("WARC/1.0\r\nWARC-Type: metadata\r\nContent-Length: x\r\n\r\nab\r\n\r\n");
  const IngestResult r = Read("crawl.warc.gz", Join(members));
  SCOPED_TRACE(AllDiagnostics(r));

  // Everything after the bad member is still read.
  ASSERT_EQ(r.documents.size(), 3u);
  EXPECT_EQ(r.documents[0].url, "http://news.example/ru/b");
  EXPECT_EQ(r.documents[1].url, "http://news.example/");
  EXPECT_EQ(r.documents[2].url, "http://news.example/c");
  EXPECT_THAT(r.documents[0].text, HasSubstr("Обстрел Херсона"));
  const Diagnostic* corrupt = Find(r, Diagnostic::Severity::kError, "corrupt gzip member");
  ASSERT_NE(corrupt, nullptr);
  EXPECT_EQ(corrupt->path, "crawl.warc.gz");
  EXPECT_THAT(corrupt->message, HasSubstr("at byte " + std::to_string(bad_offset)));
  EXPECT_THAT(corrupt->message,
              HasSubstr("next member at byte " + std::to_string(bad_offset + members[2].size())));
  const Diagnostic* late = Find(r, Diagnostic::Severity::kError, "no valid Content-Length");
  ASSERT_NE(late, nullptr);
  EXPECT_THAT(late->message,
              HasSubstr("(gzip member at byte " + std::to_string(late_offset) + ")"));
  // Records before the bad member are all counted; record 3 is lost with its member.
  const Diagnostic* summary =
      Find(r, Diagnostic::Severity::kInfo, "3 documents from 9 WARC records");
  ASSERT_NE(summary, nullptr);
  EXPECT_THAT(summary->message, HasSubstr("5 skipped"));
  EXPECT_THAT(summary->message, HasSubstr("1 unreadable"));
  EXPECT_THAT(summary->message, HasSubstr("1 corrupt gzip member lost"));
}

TEST(WarcReader, HeaderCutByACorruptMemberThenMoreRecords) {
  // A stored (level 0) member with a bad CRC: its bytes, half a record header, come out
  // before zlib finds the damage at the member's end.
  std::vector<std::string> records = MixedRecords();
  std::string cut = Gzip(records[2].substr(0, 60), 0);
  cut[cut.size() - 8] = static_cast<char>(cut[cut.size() - 8] ^ 0xFF);
  const std::string first = Gzip(records[0]) + cut;
  const std::string bad =
      Gzip("WARC/1.0\r\nWARC-Type: metadata\r\nContent-Length: x\r\n\r\nab\r\n\r\n");
  const IngestResult r = Read("crawl.warc.gz", first + bad + Gzip(records[3]));
  SCOPED_TRACE(AllDiagnostics(r));
  ASSERT_EQ(r.documents.size(), 1u);
  EXPECT_EQ(r.documents[0].url, "http://news.example/ru/b");
  const Diagnostic* header = Find(r, Diagnostic::Severity::kError, "truncated inside its header");
  ASSERT_NE(header, nullptr);
  EXPECT_THAT(header->message, HasSubstr("record 2 (gzip member at byte " +
                                         std::to_string(Gzip(records[0]).size()) + ")"));
  EXPECT_THAT(header->message, HasSubstr("incorrect data check"));
  const Diagnostic* late = Find(r, Diagnostic::Severity::kError, "no valid Content-Length");
  ASSERT_NE(late, nullptr);
  EXPECT_THAT(late->message,
              HasSubstr("record 3 (gzip member at byte " + std::to_string(first.size()) + ")"));
}

TEST(WarcReader, TruncatedGzipMemberAtTheEnd) {
  std::vector<std::string> members;
  for (const std::string& rec : MixedRecords()) members.push_back(Gzip(rec));
  size_t last_offset = 0;
  for (size_t i = 0; i + 1 < members.size(); ++i) last_offset += members[i].size();
  members.back().resize(members.back().size() / 2);
  const IngestResult r = Read("crawl.warc.gz", Join(members));
  SCOPED_TRACE(AllDiagnostics(r));
  ASSERT_EQ(r.documents.size(), 3u);  // a, b and the home page; c is lost
  const Diagnostic* cut = Find(r, Diagnostic::Severity::kError, "truncated");
  ASSERT_NE(cut, nullptr);
  EXPECT_THAT(cut->message, HasSubstr("gzip member at byte " + std::to_string(last_offset)));
}

TEST(WarcReader, OneGzipMemberForTheWholeFile) {
  const IngestResult r = Read("all.warc.gz", Gzip(Join(MixedRecords())));
  SCOPED_TRACE(AllDiagnostics(r));
  EXPECT_EQ(r.documents.size(), 4u);
  EXPECT_EQ(Find(r, Diagnostic::Severity::kError, ""), nullptr);
}

TEST(WarcReader, SkipsGarbageBetweenRecordsAndRecordsWithoutLength) {
  std::vector<std::string> records = MixedRecords();
  records.pop_back();
  std::string warc = records[0] + "this is not a record\r\nnor this\r\n" + records[2];
  warc += "WARC/1.0\r\nWARC-Type: response\r\nContent-Length: many\r\n\r\nbody\r\n\r\n";
  warc += records[3];
  const IngestResult r = Read("odd.warc", warc);
  SCOPED_TRACE(AllDiagnostics(r));
  ASSERT_EQ(r.documents.size(), 2u);
  EXPECT_EQ(r.documents[0].url, "http://news.example/a");
  EXPECT_EQ(r.documents[1].url, "http://news.example/ru/b");
  EXPECT_NE(Find(r, Diagnostic::Severity::kError, "not a WARC record skipped"), nullptr);
  EXPECT_NE(Find(r, Diagnostic::Severity::kError, "no valid Content-Length"), nullptr);
}

TEST(WarcReader, ChunkedGzipResourceAndHttpHeaderVariants) {
  const std::string page = Page("Strike on the depot", "The depot burned through the night.");
  std::string chunked;
  for (size_t i = 0; i < page.size(); i += 50) {
    const std::string part = page.substr(i, 50);
    std::ostringstream hex;
    hex << std::hex << part.size();
    chunked += hex.str() + "\r\n" + part + "\r\n";
  }
  chunked += "0\r\n\r\n";
  std::string warc;
  warc += Response("http://x.example/chunked",
                   Http(200, "text/html", chunked, "Transfer-Encoding: chunked\r\n"));
  warc += Response("http://x.example/gzip",
                   Http(200, "text/html", Gzip(page), "Content-Encoding: gzip\r\n"));
  // Stored decoded although the header still says gzip and chunked.
  warc += Response(
      "http://x.example/decoded",
      Http(200, "text/html", page, "Content-Encoding: gzip\r\nTransfer-Encoding: chunked\r\n"));
  warc += Response("http://x.example/br",
                   Http(200, "text/html", "\x1b\x02\x03", "Content-Encoding: br\r\n"));
  warc += Response("http://x.example/moved", Http(301, "text/html", ""));
  warc += Record({"resource", "file:///pages/local.html", "", "text/html", page}, 6);
  warc += Record({"resource", "file:///pages/notes.txt", "", "text/plain", "notes"}, 7);
  const IngestResult r = Read("v.warc", warc);
  SCOPED_TRACE(AllDiagnostics(r));
  ASSERT_EQ(r.documents.size(), 4u);
  EXPECT_EQ(r.documents[3].url, "file:///pages/local.html");
  EXPECT_THAT(r.documents[3].text, HasSubstr("The depot burned through the night."));
  for (const Document& d : r.documents) {
    EXPECT_EQ(d.text, r.documents[3].text) << *d.url;  // no chunk lines, no gzip bytes
  }
  const Diagnostic* summary = Find(r, Diagnostic::Severity::kInfo, "documents from");
  ASSERT_NE(summary, nullptr);
  EXPECT_THAT(summary->message, HasSubstr("1 content-encoding br"));
  EXPECT_THAT(summary->message, HasSubstr("1 HTTP 3xx"));
  EXPECT_THAT(summary->message, HasSubstr("1 non-HTML"));
}

TEST(WarcReader, FetchDateIsTheLastFallbackForPublished) {
  std::string dated = Http(
      200, "text/html",
      "<html><head><meta property=\"article:published_time\" content=\"2023-03-01T10:00:00Z\">"
      "</head><body><h1>Dated story</h1><p>The bridge was hit again on Tuesday.</p></body></html>");
  std::string undated =
      Http(200, "text/html", Page("Undated story", "The bridge was hit again on Tuesday."));
  const IngestResult r =
      Read("d.warc", Response("http://x.example/1", dated, "2023-03-09T08:15:30Z") +
                         Response("http://x.example/2", undated, "2023-03-09T08:15:30Z"));
  ASSERT_EQ(r.documents.size(), 2u);
  std::vector<Document> docs = r.documents;
  clean::CleanDocuments(docs, CleanOptions{});
  EXPECT_EQ(docs[0].published, "2023-03-01");
  EXPECT_EQ(docs[0].published_basis, "metadata");
  EXPECT_EQ(docs[1].published, "2023-03-09");
  EXPECT_EQ(docs[1].published_basis, "fetched");
}

TEST(WarcReader, NotAWarcAndEmpty) {
  IngestResult r = Read("x.warc", "<html><body><p>hello</p></body></html>");
  EXPECT_TRUE(r.documents.empty());
  EXPECT_NE(Find(r, Diagnostic::Severity::kError, "not a WARC file"), nullptr);
  r = Read("x.warc", "");
  EXPECT_NE(Find(r, Diagnostic::Severity::kError, "empty file"), nullptr);
  r = Read("x.warc.gz", Gzip(""));
  EXPECT_NE(Find(r, Diagnostic::Severity::kError, "empty file"), nullptr);
}

TEST(WarcReader, ReportsOnlyTheFirstRecordProblemsOneByOne) {
  std::string warc;
  for (int i = 0; i < 80; ++i) {
    warc += "WARC/1.0\r\nWARC-Type: response\r\nContent-Length: x\r\n\r\nbody\r\n\r\n";
  }
  const IngestResult r = Read("bad.warc", warc);
  size_t listed = 0;
  for (const Diagnostic& d : r.diagnostics)
    listed += d.message.find("Content-Length") != std::string::npos;
  EXPECT_EQ(listed, internal::JsonlReader::kMaxReportedLines);
  EXPECT_NE(Find(r, Diagnostic::Severity::kInfo, "30 more errors"), nullptr);
  EXPECT_NE(Find(r, Diagnostic::Severity::kError, "30 more unreadable records"), nullptr);
}

class WarcFiles : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("sitrep_warc_test_" + std::to_string(::getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  std::string Write(const std::string& name, std::string_view bytes) {
    const fs::path p = dir_ / name;
    std::ofstream(p, std::ios::binary)
        .write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    return p.string();
  }
  fs::path dir_;
};

TEST_F(WarcFiles, ReadFileStreamsAndFoldersListWarcFiles) {
  std::string gz;
  for (const std::string& rec : MixedRecords()) gz += Gzip(rec);
  Write("a.warc.gz", gz);
  Write("b.WARC", Join(MixedRecords()));
  Write("c.dat", Join(MixedRecords()));  // sniffed when named explicitly
  Write("d.gz", Gzip("not a warc"));     // not walked
  IngestResult r = ReadPaths({dir_.string()}, IngestOptions{});
  SCOPED_TRACE(AllDiagnostics(r));
  ASSERT_EQ(r.documents.size(), 8u);
  EXPECT_EQ(r.documents[0].id, "a:3");
  EXPECT_EQ(r.documents[4].id, "b:3");
  r = ReadPaths({(dir_ / "c.dat").string()}, IngestOptions{});
  EXPECT_EQ(r.documents.size(), 4u);
  // The size limit applies per record, not per file.
  const std::string big =
      Write("big.warc", Response("http://x.example/big",
                                 Http(200, "text/html", Page("Big", std::string(3000, 'w')))) +
                            Response("http://x.example/small",
                                     Http(200, "text/html", Page("Small", "A short page."))));
  IngestOptions small;
  small.max_file_bytes = 1000;
  r = ReadPaths({big}, small);
  ASSERT_EQ(r.documents.size(), 1u);
  EXPECT_EQ(r.documents[0].url, "http://x.example/small");
  EXPECT_NE(Find(r, Diagnostic::Severity::kWarning, "record 1 (byte 0)"), nullptr);
  EXPECT_NE(Find(r, Diagnostic::Severity::kInfo, "1 too large"), nullptr);
}

// A WARC built at run time from the example corpus: the HTML example reads the same as
// the file itself; text examples are text/plain responses, counted as non-HTML.
TEST_F(WarcFiles, ExamplesCorpusAsWarc) {
  const fs::path examples = fs::path(SITREP_SOURCE_DIR) / "examples";
  std::vector<fs::path> files;
  for (const auto& e : fs::directory_iterator(examples)) {
    const std::string ext = e.path().extension().string();
    if (ext == ".html" || ext == ".txt") files.push_back(e.path());
  }
  std::sort(files.begin(), files.end());
  ASSERT_FALSE(files.empty());
  std::string gz;
  size_t html_files = 0;
  std::vector<std::string> expected_texts;
  for (const fs::path& f : files) {
    std::ifstream in(f, std::ios::binary);
    const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    const bool html = f.extension() == ".html";
    if (html) {
      ++html_files;
      IngestResult direct;
      ReadFile(f.string(), IngestOptions{}, direct);
      ASSERT_EQ(direct.documents.size(), 1u);
      expected_texts.push_back(direct.documents[0].text);
    }
    gz += Gzip(Response("https://examples.test/" + f.filename().string(),
                        Http(200, html ? "text/html; charset=utf-8" : "text/plain", bytes)));
  }
  const std::string path = Write("examples.warc.gz", gz);
  const IngestResult r = ReadPaths({path}, IngestOptions{});
  SCOPED_TRACE(AllDiagnostics(r));
  ASSERT_EQ(r.documents.size(), html_files);
  for (size_t i = 0; i < html_files; ++i) EXPECT_EQ(r.documents[i].text, expected_texts[i]);
  EXPECT_NE(
      Find(r, Diagnostic::Severity::kInfo, std::to_string(files.size() - html_files) + " non-HTML"),
      nullptr);
}

}  // namespace
}  // namespace sitrep::ingest
