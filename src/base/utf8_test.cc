#include "base/utf8.h"

#include <gtest/gtest.h>

namespace sitrep::base {
namespace {

struct RepairCase {
  std::string input;
  std::string expected;
  std::vector<size_t> bad;
};

TEST(Utf8Test, RepairTable) {
  const std::vector<RepairCase> cases = {
      {"plain ascii", "plain ascii", {}},
      {"caf\xC3\xA9", "caf\xC3\xA9", {}},
      {"a\xFF"
       "b",
       "a\xEF\xBF\xBD"
       "b",
       {1}},
      {"\xC3", "\xEF\xBF\xBD", {0}},                                       // truncated 2-byte
      {"x\xC0\xAFy", "x\xEF\xBF\xBDy", {1}},                               // overlong '/'
      {"\xED\xA0\x80!", "\xEF\xBF\xBD!", {0}},                             // surrogate
      {"\xF4\x90\x80\x80", "\xEF\xBF\xBD", {0}},                           // > U+10FFFF
      {"ok\xE2\x80\x9Cq\xE2\x80\x9D", "ok\xE2\x80\x9Cq\xE2\x80\x9D", {}},  // curly quotes
      {std::string("nul\0in", 6), std::string("nul\0in", 6), {}},
  };
  for (const auto& c : cases) {
    Utf8Repair r = RepairUtf8(c.input);
    EXPECT_EQ(r.text, c.expected) << c.input;
    EXPECT_EQ(r.bad_offsets, c.bad) << c.input;
    EXPECT_TRUE(IsValidUtf8(r.text));
    EXPECT_EQ(IsValidUtf8(c.input), c.bad.empty());
  }
}

// The validator skips ASCII eight bytes at a time: a bad byte at any position of a
// long run, and a multi-byte sequence straddling a word boundary, must still be seen.
TEST(Utf8Test, ValidationAtEveryOffsetOfLongAsciiRuns) {
  for (size_t at = 0; at < 40; ++at) {
    std::string bad(40, 'a');
    bad[at] = '\xFF';
    EXPECT_FALSE(IsValidUtf8(bad)) << at;
    std::string truncated(at, 'a');
    truncated += '\xE2';
    truncated += '\x80';
    EXPECT_FALSE(IsValidUtf8(truncated)) << at;
    std::string good(at, 'a');
    good += "\xE2\x80\x9C";
    good += std::string(17, 'b');
    EXPECT_TRUE(IsValidUtf8(good)) << at;
  }
}

TEST(Utf8Test, DecodeEncodeRoundTrip) {
  const std::u32string cps = {U'a', U'\u00E9', U'\u201C', U'\U0001F600', U'\u0416'};
  std::string s;
  for (char32_t cp : cps) AppendUtf8(cp, s);
  std::u32string back;
  for (size_t pos = 0; pos < s.size();) back.push_back(DecodeUtf8(s, pos));
  EXPECT_EQ(back, cps);
  EXPECT_EQ(CountCodePoints(s), cps.size());
}

}  // namespace
}  // namespace sitrep::base
