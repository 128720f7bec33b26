#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "ingest/ingest.h"
#include "ingest/readers.h"

namespace sitrep::ingest {
namespace {

std::vector<std::string> Texts(const Document& doc) {
  std::vector<std::string> out;
  for (const Block& b : doc.blocks) out.emplace_back(doc.Slice(b));
  return out;
}

std::string Roles(const Document& doc) {
  std::string out;
  for (const Block& b : doc.blocks) out += b.role == BlockRole::kTitle ? 'T' : 'B';
  return out;
}

IngestResult ReadTxt(std::string_view bytes) {
  IngestResult out;
  ReadBytes("in/story.txt", bytes, "txt", IngestOptions{}, out);
  return out;
}

struct SplitCase {
  std::string name;
  std::string input;
  std::vector<std::string> blocks;
  std::string roles;  // one letter per block: T title, B body
};

TEST(TextReaderTest, ParagraphsAndHeadlines) {
  const std::vector<SplitCase> cases = {
      {"headline then paragraphs",
       "Dam gates opened as river rises\n\nEngineers opened the gates.\n\nMore water came.\n",
       {"Dam gates opened as river rises", "Engineers opened the gates.", "More water came."},
       "TBB"},
      {"first line is a sentence",
       "Engineers opened the gates today.\n\nMore water came.\n",
       {"Engineers opened the gates today.", "More water came."},
       "BB"},
      {"junk first line with markup",
       " date 2024-01-02 [[title]] [[text]] Sign up\n\nThe body starts here.\n",
       {"date 2024-01-02 [[title]] [[text]] Sign up", "The body starts here."},
       "BB"},
      {"lower-case first line",
       "breaking news from the valley\n\nBody.\n",
       {"breaking news from the valley", "Body."},
       "BB"},
      {"byline is not a headline",
       "By Mira Okonkwo\n\nBody text here.\n",
       {"By Mira Okonkwo", "Body text here."},
       "BB"},
      {"headline glued to first paragraph",
       "Gates opened at the dam\nEngineers opened the gates.\nA second line.\n\nLast.",
       {"Gates opened at the dam", "Engineers opened the gates.\nA second line.", "Last."},
       "TBB"},
      {"single headline-like line is body",
       "Gates opened at the dam\n",
       {"Gates opened at the dam"},
       "B"},
      {"headline ending in a quote",
       "Director says \xE2\x80\x98we had no choice\xE2\x80\x99\n\nBody.",
       {"Director says \xE2\x80\x98we had no choice\xE2\x80\x99", "Body."},
       "TB"},
      {"headline ending with a period inside quotes",
       "He said \"it is over.\"\n\nBody.",
       {"He said \"it is over.\"", "Body."},
       "BB"},
      {"url first line",
       "https://example.com/a/b\n\nBody.",
       {"https://example.com/a/b", "Body."},
       "BB"},
      {"blank lines with spaces and tabs between paragraphs",
       "One.\n  \t\n\n Two. \n",
       {"One.", "Two."},
       "BB"},
      {"crlf line ends",
       "Gates opened at the dam\r\n\r\nFirst para.\r\nStill first.\r\n\r\nTwo.\r\n",
       {"Gates opened at the dam", "First para.\r\nStill first.", "Two."},
       "TBB"},
      {"non-latin headline",
       "\xD0\x9F\xD0\xB0\xD0\xB2\xD0\xBE\xD0\xB4\xD0\xBE\xD0\xBA "
       "\xD0\xBD\xD0\xB0 \xD1\x80\xD0\xB5\xD1\x86\xD1\x96\n\nBody.",
       {"\xD0\x9F\xD0\xB0\xD0\xB2\xD0\xBE\xD0\xB4\xD0\xBE\xD0\xBA \xD0\xBD\xD0\xB0 "
        "\xD1\x80\xD0\xB5\xD1\x86\xD1\x96",
        "Body."},
       "TB"},
      {"numbers only first line", "12 345 678 90\n\nBody.", {"12 345 678 90", "Body."}, "BB"},
  };
  for (const SplitCase& c : cases) {
    SCOPED_TRACE(c.name);
    IngestResult r = ReadTxt(c.input);
    ASSERT_EQ(r.documents.size(), 1u);
    const Document& doc = r.documents[0];
    EXPECT_EQ(doc.text, c.input);  // bytes exactly as read
    EXPECT_EQ(Texts(doc), c.blocks);
    EXPECT_EQ(Roles(doc), c.roles);
    if (c.roles[0] == 'T') {
      ASSERT_TRUE(doc.title.has_value());
      EXPECT_EQ(*doc.title, c.blocks[0]);
    } else {
      EXPECT_FALSE(doc.title.has_value());
    }
    for (const Block& b : doc.blocks) {
      EXPECT_LE(b.start, b.end);
      EXPECT_LE(b.end, doc.text.size());
    }
  }
}

TEST(TextReaderTest, DocumentFields) {
  IngestResult r = ReadTxt("Title line here\n\nBody.\n");
  ASSERT_EQ(r.documents.size(), 1u);
  EXPECT_EQ(r.documents[0].id, "story");
  EXPECT_EQ(r.documents[0].path, "in/story.txt");
  EXPECT_EQ(r.documents[0].format, "txt");
  EXPECT_TRUE(r.diagnostics.empty());
}

TEST(TextReaderTest, OffsetsPointAtFileBytes) {
  const std::string input =
      "A headline for the test\n\n  First paragraph, indented.\n\nSecond one.";
  IngestResult r = ReadTxt(input);
  ASSERT_EQ(r.documents.size(), 1u);
  const Document& doc = r.documents[0];
  ASSERT_EQ(doc.blocks.size(), 3u);
  EXPECT_EQ(doc.blocks[0].start, 0u);
  EXPECT_EQ(doc.blocks[0].end, 23u);
  EXPECT_EQ(doc.blocks[1].start, input.find("First"));
  EXPECT_EQ(doc.blocks[1].end, input.find("indented.") + 9);
  EXPECT_EQ(doc.blocks[2].start, input.find("Second"));
  EXPECT_EQ(doc.blocks[2].end, input.size());
}

TEST(TextReaderTest, ByteOrderMarkKeptButBlocksStartAfterIt) {
  const std::string input = "\xEF\xBB\xBFGates opened at the dam\n\nBody.";
  IngestResult r = ReadTxt(input);
  ASSERT_EQ(r.documents.size(), 1u);
  EXPECT_EQ(r.documents[0].text, input);
  EXPECT_EQ(r.documents[0].blocks[0].start, 3u);
  EXPECT_EQ(Roles(r.documents[0]), "TB");
}

TEST(TextReaderTest, InvalidUtf8RepairedWithOffsetReported) {
  const std::string input = "Caf\xC3\xA9 owner speaks\n\nIt cost 5\xFF euros and \xC3 more.";
  IngestResult r = ReadTxt(input);
  ASSERT_EQ(r.documents.size(), 1u);
  const Document& doc = r.documents[0];
  EXPECT_NE(doc.text, input);
  EXPECT_NE(doc.text.find("5\xEF\xBF\xBD euros"), std::string::npos);
  ASSERT_EQ(r.diagnostics.size(), 1u);
  const Diagnostic& d = r.diagnostics[0];
  EXPECT_EQ(d.severity, Diagnostic::Severity::kWarning);
  EXPECT_EQ(d.path, "in/story.txt");
  EXPECT_NE(d.message.find(std::to_string(input.find('\xFF'))), std::string::npos) << d.message;
  EXPECT_NE(d.message.find(std::to_string(input.find("\xC3 more"))), std::string::npos)
      << d.message;
  EXPECT_EQ(doc.Slice(doc.blocks[1]), "It cost 5\xEF\xBF\xBD euros and \xEF\xBF\xBD more.");
}

TEST(TextReaderTest, Windows1252WithoutAnyUtf8IsDecoded) {
  IngestResult r = ReadTxt("Caf\xE9 reopens\n\nThe caf\xE9 costs \x80 5.\n");
  ASSERT_EQ(r.documents.size(), 1u);
  EXPECT_EQ(r.documents[0].text, "Caf\xC3\xA9 reopens\n\nThe caf\xC3\xA9 costs \xE2\x82\xAC 5.\n");
  ASSERT_EQ(r.diagnostics.size(), 1u);
  EXPECT_NE(r.diagnostics[0].message.find("windows-1252"), std::string::npos);
  EXPECT_NE(r.diagnostics[0].message.find("3"), std::string::npos);
}

TEST(TextReaderTest, NulBytesKeptAndReported) {
  const std::string input("Body with a\0nul byte.\n\nSecond.", 30);
  IngestResult r = ReadTxt(input);
  ASSERT_EQ(r.documents.size(), 1u);
  EXPECT_EQ(r.documents[0].text, input);  // nothing truncated
  EXPECT_EQ(r.documents[0].Slice(r.documents[0].blocks[1]), "Second.");
  ASSERT_EQ(r.diagnostics.size(), 1u);
  EXPECT_NE(r.diagnostics[0].message.find("NUL"), std::string::npos);
  EXPECT_NE(r.diagnostics[0].message.find("11"), std::string::npos);
}

struct BadCase {
  std::string name;
  std::string input;
  std::string message;
};

TEST(TextReaderTest, BadInputGivesErrorAndNoDocument) {
  std::string binary(4096, '\0');
  for (size_t i = 0; i < binary.size(); i += 3) binary[i] = 'x';
  const std::vector<BadCase> cases = {
      {"empty", "", "empty file"},
      {"whitespace only", " \n\t\r\n  \n", "empty file"},
      {"bom only", "\xEF\xBB\xBF\n", "empty file"},
      {"mostly nul", binary, "binary file skipped"},
      {"png signature", std::string("\x89PNG\r\n\x1A\n rest", 13), "binary file skipped"},
      {"pdf signature", "%PDF-1.7\nsome text", "binary file skipped"},
  };
  for (const BadCase& c : cases) {
    SCOPED_TRACE(c.name);
    IngestResult r = ReadTxt(c.input);
    EXPECT_TRUE(r.documents.empty());
    ASSERT_EQ(r.diagnostics.size(), 1u);
    EXPECT_EQ(r.diagnostics[0].severity, Diagnostic::Severity::kError);
    EXPECT_EQ(r.diagnostics[0].path, "in/story.txt");
    EXPECT_EQ(r.diagnostics[0].message, c.message);
  }
}

TEST(TextReaderTest, BinaryThresholdIsAnOption) {
  std::string input = "Some text with a few control bytes \x01\x02\x03 in it.\n";
  IngestOptions strict;
  strict.binary_threshold = 0.01;
  IngestResult a;
  ReadBytes("x.txt", input, "txt", strict, a);
  EXPECT_TRUE(a.documents.empty());
  IngestResult b;
  ReadBytes("x.txt", input, "txt", IngestOptions{}, b);
  EXPECT_EQ(b.documents.size(), 1u);
}

TEST(TextReaderTest, Utf16WithByteOrderMarkIsDecoded) {
  const std::string input("\xFF\xFEH\0i\0 \0t\0h\0e\0r\0e\0", 18);
  IngestResult r = ReadTxt(input);
  ASSERT_EQ(r.documents.size(), 1u);
  EXPECT_EQ(r.documents[0].text, "Hi there");
}

TEST(TextReaderTest, TooLargeIsSkipped) {
  IngestOptions options;
  options.max_file_bytes = 10;
  IngestResult r;
  ReadBytes("big.txt", "More than ten bytes of text.", "txt", options, r);
  EXPECT_TRUE(r.documents.empty());
  ASSERT_EQ(r.diagnostics.size(), 1u);
  EXPECT_NE(r.diagnostics[0].message.find("too large"), std::string::npos);
}

TEST(TextReaderTest, HeadlineHeuristicTable) {
  const std::vector<std::pair<std::string, bool>> cases = {
      {"NATO chief says city may fall \xE2\x80\x98in coming days\xE2\x80\x99", true},
      {"Inside the battle where thousands die but defenders hold", true},
      {"Why the river keeps rising?", true},
      {"The river rose overnight, officials said.", false},
      {"Continued from page one:", false},
      {"Home | World | Sport", true},
      {"<b>Bold headline</b>", false},
      {"a", false},
      {"Word", false},
      {std::string(400, 'A') + " B", false},
      {"2024-04-02 10:00", false},
  };
  for (const auto& [line, expected] : cases) {
    EXPECT_EQ(internal::LooksLikeHeadline(line), expected) << line;
  }
}

}  // namespace
}  // namespace sitrep::ingest
