#include "base/utf8.h"

#include <cstring>

namespace sitrep::base {
namespace {

// Length of the valid sequence starting at s[i], or 0 when it is invalid.
size_t ValidSequenceLength(std::string_view s, size_t i) {
  const auto b = [&](size_t k) { return static_cast<unsigned char>(s[k]); };
  const unsigned char c = b(i);
  const size_t n = s.size();
  if (c < 0x80) {
    return 1;
  }
  if (c >= 0xC2 && c <= 0xDF) {
    return (i + 1 < n && (b(i + 1) & 0xC0) == 0x80) ? 2 : 0;
  }
  if (c >= 0xE0 && c <= 0xEF) {
    if (i + 2 >= n) {
      return 0;
    }
    const unsigned char c1 = b(i + 1);
    if (c == 0xE0 && c1 < 0xA0) {
      return 0;  // overlong
    }
    if (c == 0xED && c1 >= 0xA0) {
      return 0;  // surrogate
    }
    return ((c1 & 0xC0) == 0x80 && (b(i + 2) & 0xC0) == 0x80) ? 3 : 0;
  }
  if (c >= 0xF0 && c <= 0xF4) {
    if (i + 3 >= n) {
      return 0;
    }
    const unsigned char c1 = b(i + 1);
    if (c == 0xF0 && c1 < 0x90) {
      return 0;  // overlong
    }
    if (c == 0xF4 && c1 >= 0x90) {
      return 0;  // > U+10FFFF
    }
    return ((c1 & 0xC0) == 0x80 && (b(i + 2) & 0xC0) == 0x80 && (b(i + 3) & 0xC0) == 0x80) ? 4 : 0;
  }
  return 0;
}

}  // namespace

bool IsValidUtf8(std::string_view bytes) {
  for (size_t i = 0; i < bytes.size();) {
    // ASCII runs, eight bytes at a time: most of a page's markup.
    while (i + 8 <= bytes.size()) {
      uint64_t word;
      std::memcpy(&word, bytes.data() + i, sizeof word);
      if ((word & 0x8080808080808080ULL) != 0) {
        break;
      }
      i += 8;
    }
    if (i >= bytes.size()) {
      break;
    }
    const size_t len = ValidSequenceLength(bytes, i);
    if (len == 0) {
      return false;
    }
    i += len;
  }
  return true;
}

Utf8Repair RepairUtf8(std::string_view bytes) {
  Utf8Repair out;
  out.text.reserve(bytes.size());
  size_t i = 0;
  while (i < bytes.size()) {
    const size_t len = ValidSequenceLength(bytes, i);
    if (len > 0) {
      out.text.append(bytes.substr(i, len));
      i += len;
      continue;
    }
    out.bad_offsets.push_back(i);
    out.text.append("\xEF\xBF\xBD");
    // Skip the lead byte and any continuation bytes that follow it: one replacement
    // per maximal invalid subsequence.
    ++i;
    while (i < bytes.size() && (static_cast<unsigned char>(bytes[i]) & 0xC0) == 0x80) {
      ++i;
    }
  }
  return out;
}

char32_t DecodeUtf8(std::string_view s, size_t& pos) {
  const auto b = [&](size_t k) { return static_cast<unsigned char>(s[k]); };
  const unsigned char c = b(pos);
  if (c < 0x80) {
    ++pos;
    return c;
  }
  if (c < 0xE0 && pos + 1 < s.size()) {
    char32_t cp = ((c & 0x1F) << 6) | (b(pos + 1) & 0x3F);
    pos += 2;
    return cp;
  }
  if (c < 0xF0 && pos + 2 < s.size()) {
    char32_t cp = ((c & 0x0F) << 12) | ((b(pos + 1) & 0x3F) << 6) | (b(pos + 2) & 0x3F);
    pos += 3;
    return cp;
  }
  if (pos + 3 < s.size()) {
    char32_t cp = ((c & 0x07) << 18) | ((b(pos + 1) & 0x3F) << 12) | ((b(pos + 2) & 0x3F) << 6) |
                  (b(pos + 3) & 0x3F);
    pos += 4;
    return cp;
  }
  ++pos;  // Truncated input: consume one byte so callers always make progress.
  return 0xFFFD;
}

void AppendUtf8(char32_t cp, std::string& out) {
  if (cp < 0x80) {
    out.push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

size_t CountCodePoints(std::string_view s) {
  size_t n = 0;
  for (unsigned char c : s) {
    n += (c & 0xC0) != 0x80;
  }
  return n;
}

}  // namespace sitrep::base
