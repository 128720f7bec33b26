// Charset decoding, sniffing and metadata normalisation helpers.
#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <vector>

#include "ingest/readers.h"

namespace sitrep::ingest::internal {
namespace {

TEST(CharsetTest, DeclaredCharsetTable) {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"<meta charset=\"UTF-8\">", "utf-8"},
      {"<META CHARSET='windows-1251'>", "windows-1251"},
      {"<meta http-equiv=\"Content-Type\" content=\"text/html; charset=ISO-8859-1\">",
       "iso-8859-1"},
      {"<meta charset = shift_jis >", "shift_jis"},
      {"<p>charset=utf-8 in text is not a declaration</p>", ""},
      {"<meta name=x content=y><p>charset=koi8-r</p>", ""},
      {"", ""},
  };
  for (const auto& [html, expected] : cases) {
    EXPECT_EQ(DeclaredCharset(html), expected) << html;
  }
}

struct DecodeCase {
  std::string name;
  std::string bytes;
  std::string declared;
  std::string text;      // expected UTF-8
  std::string encoding;  // expected encoding used
};

TEST(CharsetTest, DecodeTable) {
  const std::vector<DecodeCase> cases = {
      {"valid utf-8 kept", "caf\xC3\xA9", "koi8-r", "caf\xC3\xA9", "UTF-8"},
      {"latin1 label means windows-1252", "\x80 \xE9", "iso-8859-1", "\xE2\x82\xAC \xC3\xA9",
       "windows-1252"},
      {"koi8-r", "\xEB\xC9\xC5\xD7", "koi8-r", "\xD0\x9A\xD0\xB8\xD0\xB5\xD0\xB2", "koi8-r"},
      {"shift_jis", "\x93\xFA\x96\x7B", "shift_jis", "\xE6\x97\xA5\xE6\x9C\xAC", "shift_jis"},
      {"gb2312 label uses gb18030", "\xD6\xD0\xCE\xC4", "gb2312", "\xE4\xB8\xAD\xE6\x96\x87",
       "GB18030"},
      {"utf-16be bom", std::string("\xFE\xFF\0A\0B", 6), "", "AB", "UTF-16BE"},
      {"no label, no utf-8 at all", "\xE9t\xE9", "", "\xC3\xA9t\xC3\xA9", "windows-1252"},
      {"no label, utf-8 with a stray byte", "\xC3\xA9\xC3\xA9\xFF", "",
       "\xC3\xA9\xC3\xA9\xEF\xBF\xBD", "UTF-8"},
  };
  for (const DecodeCase& c : cases) {
    SCOPED_TRACE(c.name);
    std::vector<Diagnostic> diagnostics;
    Decoded d = DecodeBytes("f.html", c.bytes, c.declared, diagnostics);
    EXPECT_EQ(d.changed ? d.text : c.bytes, c.text);
    EXPECT_EQ(d.encoding, c.encoding);
    EXPECT_EQ(diagnostics.empty(), !d.changed);
  }
}

TEST(CharsetTest, RepairWarningListsFirstOffsets) {
  std::string bytes = "\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9";
  for (int i = 0; i < 7; ++i) bytes += "x\xFF";
  std::vector<Diagnostic> diagnostics;
  DecodeBytes("f.txt", bytes, "", diagnostics);
  ASSERT_EQ(diagnostics.size(), 1u);
  EXPECT_EQ(diagnostics[0].message,
            "invalid UTF-8 at byte 15, 17, 19, 21, 23, ... (7 sequences) replaced with U+FFFD");
}

TEST(CharsetTest, NormalizeDateTable) {
  const std::vector<std::pair<std::string, std::optional<std::string>>> cases = {
      {"2023-03-08", "2023-03-08"},         {"2023-03-08T10:00:00Z", "2023-03-08"},
      {" 2023-03-08 10:00 ", "2023-03-08"}, {"2024-02-29", "2024-02-29"},
      {"2023-02-29", std::nullopt},         {"2023-13-01", std::nullopt},
      {"2023-03-08x", std::nullopt},        {"Wed, 08 Mar 2023 10:00:00 GMT", "2023-03-08"},
      {"8 March 2023", "2023-03-08"},       {"March 8, 2023", std::nullopt},
      {"yesterday", std::nullopt},          {"", std::nullopt},
      {"1680000000", std::nullopt},
  };
  for (const auto& [in, expected] : cases) EXPECT_EQ(NormalizeDate(in), expected) << in;
}

TEST(CharsetTest, NormalizeLanguageTable) {
  const std::vector<std::pair<std::string, std::optional<std::string>>> cases = {
      {"en", "en"},        {"en-GB", "en"},           {"EN_us", "en"},    {"ukr", "ukr"},
      {"e", std::nullopt}, {"english", std::nullopt}, {"", std::nullopt}, {"12", std::nullopt},
  };
  for (const auto& [in, expected] : cases) EXPECT_EQ(NormalizeLanguage(in), expected) << in;
}

TEST(CharsetTest, SniffTable) {
  EXPECT_TRUE(LooksLikeHtml("<!DOCTYPE html><p>x"));
  EXPECT_TRUE(LooksLikeHtml("\xEF\xBB\xBF  <html lang=en>"));
  EXPECT_TRUE(LooksLikeHtml("<!-- c --><head><title>t</title></head>"));
  EXPECT_FALSE(LooksLikeHtml("Plain text that mentions a < sign."));
  EXPECT_FALSE(LooksBinary("Plain text.\n\tIndented.\r\n", 0.1));
  EXPECT_TRUE(LooksBinary(std::string("\x1F\x8B\x08\0\0", 5), 0.1));
  EXPECT_TRUE(LooksBinary(std::string("a\0b\0c\0", 6), 0.1));
  EXPECT_EQ(FileStem("a/b/c.d.txt"), "c.d");
}

// LooksBinary counts control bytes eight at a time where it can: every count must be
// exact whatever the controls' positions, next to whitespace, DEL and non-ASCII bytes.
TEST(CharsetTest, LooksBinaryCountsControlsExactlyAtEveryPosition) {
  const std::string base =
      "Ferries \xC3\xA9 wait.\n\tThe quay \xE2\x80\x94 reopened at dawn,\r\n officials said"
      " on Friday after the storm passed over the coast.";
  // Four controls stay under the threshold, five go over.
  const double threshold = 4.5 / static_cast<double>(base.size());
  for (size_t first = 0; first + 4 * 19 < base.size(); ++first) {
    std::string four = base;
    for (size_t k = 0; k < 4; ++k) four[first + 19 * k] = k % 2 ? '\x7F' : '\x01';
    std::string five = four;
    five[first + 76] = '\0';
    EXPECT_FALSE(LooksBinary(four, threshold)) << first;
    EXPECT_TRUE(LooksBinary(five, threshold)) << first;
  }
  EXPECT_FALSE(LooksBinary(base, 0.0));
  EXPECT_EQ(FileStem("noext"), "noext");
  EXPECT_EQ(FileStem(".hidden"), ".hidden");
}

}  // namespace
}  // namespace sitrep::ingest::internal
