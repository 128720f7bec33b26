#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "ingest/ingest.h"
#include "ingest/readers.h"

namespace sitrep::ingest {
namespace {

IngestResult ReadJsonlBytes(std::string_view bytes, const IngestOptions& options = {}) {
  IngestResult out;
  ReadBytes("feeds/wire.jsonl", bytes, "jsonl", options, out);
  return out;
}

std::vector<std::string> Texts(const Document& doc) {
  std::vector<std::string> out;
  for (const Block& b : doc.blocks) out.emplace_back(doc.Slice(b));
  return out;
}

TEST(JsonlReaderTest, RecordFieldsGoToTheDocument) {
  IngestResult r = ReadJsonlBytes(
      R"({"id": "wire-7", "url": "https://w.example/7", "title": "Gates opened",)"
      R"( "date": "2024-04-02T07:15:00+02:00", "author": ["Mira O", {"name": "Tomas L"}],)"
      R"( "outlet": "Wire", "language": "en-US", "text": "Gates opened\n\nEngineers opened two gates.\n\nWater rose."})");
  ASSERT_EQ(r.documents.size(), 1u);
  EXPECT_TRUE(r.diagnostics.empty());
  const Document& doc = r.documents[0];
  EXPECT_EQ(doc.id, "wire-7");
  EXPECT_EQ(doc.format, "jsonl");
  EXPECT_EQ(doc.path, "feeds/wire.jsonl");
  EXPECT_EQ(doc.url, "https://w.example/7");
  EXPECT_EQ(doc.title, "Gates opened");
  EXPECT_EQ(doc.published, "2024-04-02");
  EXPECT_EQ(doc.published_basis, "metadata");
  EXPECT_EQ(doc.author, "Mira O, Tomas L");
  EXPECT_EQ(doc.outlet, "Wire");
  EXPECT_EQ(doc.language, "en");
  EXPECT_EQ(Texts(doc), (std::vector<std::string>{"Gates opened", "Engineers opened two gates.",
                                                  "Water rose."}));
  EXPECT_EQ(doc.blocks[0].role, BlockRole::kTitle);
  EXPECT_EQ(doc.blocks[1].role, BlockRole::kBody);
  const std::vector<std::pair<std::string, std::string>> expected_meta = {
      {"jsonl:title", "Gates opened"},     {"jsonl:url", "https://w.example/7"},
      {"url", "https://w.example/7"},      {"jsonl:date", "2024-04-02T07:15:00+02:00"},
      {"jsonl:author", "Mira O, Tomas L"}, {"jsonl:outlet", "Wire"}};
  EXPECT_EQ(doc.meta, expected_meta);
}

TEST(JsonlReaderTest, IdsAndDates) {
  IngestResult r = ReadJsonlBytes(
      "{\"id\": 42, \"text\": \"a\"}\n"
      "{\"text\": \"b\", \"published\": \"Wed, 08 Mar 2023 10:00:00 GMT\"}\n"
      "\n"
      "{\"id\": \"\", \"text\": \"c\", \"date\": \"last Tuesday\"}\n");
  ASSERT_EQ(r.documents.size(), 3u);
  EXPECT_EQ(r.documents[0].id, "42");
  EXPECT_EQ(r.documents[1].id, "wire:2");
  EXPECT_EQ(r.documents[1].published, "2023-03-08");
  EXPECT_EQ(r.documents[2].id, "wire:4");
  EXPECT_FALSE(r.documents[2].published.has_value());
  EXPECT_EQ(r.documents[2].meta[0],
            (std::pair<std::string, std::string>{"jsonl:date", "last Tuesday"}));
}

struct BadLineCase {
  std::string name;
  std::string line;
  std::string message;
};

TEST(JsonlReaderTest, BadLinesAreReportedAndTheRestKept) {
  const std::vector<BadLineCase> cases = {
      {"invalid json", "{\"text\": \"unterminated", "line 2: invalid JSON; line skipped"},
      {"trailing garbage", "{\"text\": \"x\"} junk", "line 2: invalid JSON; line skipped"},
      {"array", "[1, 2]", "line 2: not a JSON object; line skipped"},
      {"string", "\"just a string\"", "line 2: not a JSON object; line skipped"},
      {"no text", "{\"title\": \"t\"}", "line 2: no \"text\" or \"html\" field; line skipped"},
      {"text not a string", "{\"text\": 5}", "line 2: no \"text\" or \"html\" field; line skipped"},
      {"blank text", "{\"text\": \"  \\n \"}",
       "line 2: no \"text\" or \"html\" field; line skipped"},
      {"html without text", "{\"html\": \"<img src=x>\"}", "line 2: empty text; line skipped"},
  };
  for (const BadLineCase& c : cases) {
    SCOPED_TRACE(c.name);
    IngestResult r =
        ReadJsonlBytes("{\"text\": \"first\"}\n" + c.line + "\n{\"text\": \"third\"}\n");
    ASSERT_EQ(r.documents.size(), 2u);
    EXPECT_EQ(r.documents[0].text, "first");
    EXPECT_EQ(r.documents[1].text, "third");
    EXPECT_EQ(r.documents[1].id, "wire:3");
    ASSERT_EQ(r.diagnostics.size(), 1u);
    EXPECT_EQ(r.diagnostics[0].severity, Diagnostic::Severity::kError);
    EXPECT_EQ(r.diagnostics[0].path, "feeds/wire.jsonl");
    EXPECT_EQ(r.diagnostics[0].message, c.message);
  }
}

TEST(JsonlReaderTest, HtmlFieldIsParsedAndRecordFieldsWin) {
  IngestResult r = ReadJsonlBytes(
      R"({"html": "<html><head><meta property='article:published_time' content='2020-01-01'>)"
      R"(</head><body><p>One</p><p>Two <a href=x>link</a></p></body></html>", "date": "2024-05-06"})");
  ASSERT_EQ(r.documents.size(), 1u);
  const Document& doc = r.documents[0];
  EXPECT_EQ(Texts(doc), (std::vector<std::string>{"One", "Two link"}));
  EXPECT_EQ(doc.blocks[1].tag, "p");
  EXPECT_EQ(doc.blocks[1].link_bytes, 4u);
  EXPECT_EQ(doc.published, "2024-05-06");
  EXPECT_EQ(doc.format, "jsonl");
}

TEST(JsonlReaderTest, InvalidUtf8InALineIsRepaired) {
  IngestResult r = ReadJsonlBytes("{\"text\": \"caf\xE9 au lait\"}\n");
  ASSERT_EQ(r.documents.size(), 1u);
  EXPECT_EQ(r.documents[0].text, "caf\xEF\xBF\xBD au lait");
  ASSERT_EQ(r.diagnostics.size(), 1u);
  EXPECT_EQ(r.diagnostics[0].severity, Diagnostic::Severity::kWarning);
  EXPECT_EQ(r.diagnostics[0].message,
            "line 1: invalid UTF-8 at byte 13 of the line replaced with U+FFFD");
}

TEST(JsonlReaderTest, CrlfAndBom) {
  IngestResult r = ReadJsonlBytes("\xEF\xBB\xBF{\"text\": \"a\"}\r\n{\"text\": \"b\"}\r\n");
  ASSERT_EQ(r.documents.size(), 2u);
  EXPECT_TRUE(r.diagnostics.empty());
}

TEST(JsonlReaderTest, EmptyAndBinaryFiles) {
  {
    IngestResult r = ReadJsonlBytes("\n  \n");
    EXPECT_TRUE(r.documents.empty());
    ASSERT_EQ(r.diagnostics.size(), 1u);
    EXPECT_EQ(r.diagnostics[0].message, "empty file");
  }
  {
    IngestResult r = ReadJsonlBytes(std::string(1000, '\0'));
    EXPECT_TRUE(r.documents.empty());
    ASSERT_EQ(r.diagnostics.size(), 1u);
    EXPECT_EQ(r.diagnostics[0].message, "binary file skipped");
  }
}

TEST(JsonlReaderTest, ManyBadLinesAreSummarised) {
  std::string input;
  for (int i = 0; i < 500; ++i) input += "not json\n";
  input += "{\"text\": \"survivor\"}\n";
  IngestResult r = ReadJsonlBytes(input);
  ASSERT_EQ(r.documents.size(), 1u);
  EXPECT_EQ(r.documents[0].id, "wire:501");
  ASSERT_EQ(r.diagnostics.size(), internal::JsonlReader::kMaxReportedLines + 1);
  EXPECT_EQ(r.diagnostics.back().message, "450 more lines had problems (not listed one by one)");
}

TEST(JsonlReaderTest, OversizedRecordSkipped) {
  IngestOptions options;
  options.max_file_bytes = 40;
  IngestResult r = ReadJsonlBytes(
      "{\"text\": \"short\"}\n{\"text\": \"this record is much longer than forty bytes\"}\n",
      options);
  ASSERT_EQ(r.documents.size(), 1u);
  ASSERT_EQ(r.diagnostics.size(), 1u);
  EXPECT_NE(r.diagnostics[0].message.find("line 2: record of"), std::string::npos);
}

}  // namespace
}  // namespace sitrep::ingest
