#include "base/bytes.h"

#include <gtest/gtest.h>

#include <string>

namespace sitrep::base {
namespace {

TEST(BytesTest, ValuesRoundTripLittleEndian) {
  ByteWriter w;
  w.U64(0x0102030405060708ull);
  w.U32(0xA0B0C0D0u);
  w.String(std::string("a\0b", 3));
  w.Bytes("xy");
  const std::string bytes = w.Take();
  EXPECT_EQ(bytes.substr(0, 2), std::string("\x08\x07", 2));  // least significant first
  ByteReader r(bytes);
  uint64_t a = 0;
  uint32_t b = 0;
  std::string s;
  std::string_view raw;
  ASSERT_TRUE(r.U64(a) && r.U32(b) && r.String(s) && r.Bytes(2, raw));
  EXPECT_EQ(a, 0x0102030405060708ull);
  EXPECT_EQ(b, 0xA0B0C0D0u);
  EXPECT_EQ(s, std::string("a\0b", 3));
  EXPECT_EQ(raw, "xy");
  EXPECT_TRUE(r.done());
}

TEST(BytesTest, AReadPastTheEndFailsAndEveryLaterReadToo) {
  ByteWriter w;
  w.U32(7);
  const std::string bytes = w.Take();
  ByteReader r(bytes);
  uint64_t big = 0;
  EXPECT_FALSE(r.U64(big));  // 4 bytes, not 8
  uint32_t small = 0;
  EXPECT_FALSE(r.U32(small)) << "a failed reader stays failed";
  EXPECT_FALSE(r.ok());
  EXPECT_FALSE(r.done());
}

TEST(BytesTest, LengthsAndCountsAreCheckedAgainstWhatIsLeft) {
  ByteWriter w;
  w.U64(1000);  // a string length with only 3 bytes after it
  w.Bytes("abc");
  const std::string bytes = w.Take();
  {
    ByteReader r(bytes);
    std::string_view v;
    EXPECT_FALSE(r.View(v));
  }
  {
    ByteReader r(bytes);
    std::string s;
    EXPECT_FALSE(r.String(s, 10));
  }
  ByteReader r(bytes);
  EXPECT_TRUE(r.CanHold(2, 4));
  EXPECT_FALSE(r.CanHold(1000, 1));
  EXPECT_FALSE(r.ok());
}

}  // namespace
}  // namespace sitrep::base
