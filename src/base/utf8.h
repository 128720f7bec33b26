// UTF-8 helpers: validation and repair of untrusted bytes, and code-point iteration.
//
// Repair replaces each maximal invalid subsequence with U+FFFD (EF BF BD) as the
// Unicode standard recommends, and records where each replacement happened, so the
// reader can report "byte N: invalid UTF-8" naming the original offset.
//
// Thread-safety: pure functions.
#ifndef SITREP_BASE_UTF8_H_
#define SITREP_BASE_UTF8_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace sitrep::base {

// True when `bytes` is well-formed UTF-8 (no overlongs, no surrogates, <= U+10FFFF).
bool IsValidUtf8(std::string_view bytes);

struct Utf8Repair {
  std::string text;                  // Valid UTF-8.
  std::vector<size_t> bad_offsets;   // Byte offsets in the input of each invalid sequence.
};

// Copies `bytes`, replacing invalid sequences with U+FFFD.
Utf8Repair RepairUtf8(std::string_view bytes);

// Decodes the code point at `pos` and advances `pos` past it. Requires valid UTF-8 and
// pos < s.size().
char32_t DecodeUtf8(std::string_view s, size_t& pos);

// Appends the UTF-8 encoding of `cp` to `out`.
void AppendUtf8(char32_t cp, std::string& out);

// Number of code points in valid UTF-8 `s`.
size_t CountCodePoints(std::string_view s);

}  // namespace sitrep::base

#endif  // SITREP_BASE_UTF8_H_
