#include "report/json_emitter.h"

#include <cmath>

namespace sitrep::report {
namespace {

// Length of the well-formed UTF-8 sequence starting at s[i] (s[i] >= 0x80), or 0 when
// it is ill-formed; then `bad` is how many bytes to replace by one U+FFFD: the maximal
// ill-formed prefix, as nlohmann's replace handler does (the byte that broke the
// sequence is read again as a new start).
size_t Utf8SequenceLength(std::string_view s, size_t i, size_t& bad) {
  const auto byte = [&s](size_t j) { return static_cast<unsigned char>(s[j]); };
  const unsigned char c = byte(i);
  size_t len = 0;
  unsigned char lo = 0x80, hi = 0xBF;  // range of the second byte
  if (c >= 0xC2 && c <= 0xDF) {
    len = 2;
  } else if (c >= 0xE0 && c <= 0xEF) {
    len = 3;
    if (c == 0xE0) lo = 0xA0;  // no overlongs
    if (c == 0xED) hi = 0x9F;  // no surrogates
  } else if (c >= 0xF0 && c <= 0xF4) {
    len = 4;
    if (c == 0xF0) lo = 0x90;  // no overlongs
    if (c == 0xF4) hi = 0x8F;  // <= U+10FFFF
  } else {
    bad = 1;
    return 0;
  }
  for (size_t j = 1; j < len; ++j) {
    if (i + j >= s.size() || byte(i + j) < lo || byte(i + j) > hi) {
      bad = j;
      return 0;
    }
    lo = 0x80;
    hi = 0xBF;
  }
  return len;
}

}  // namespace

// nlohmann's format (printf "%g"-like, always looking like a float: "3.0", "73000.0",
// "0.001", "1e-07", "1.5e+300") over the shortest round-trip digits.
void JsonEmitter::AppendDouble(double v) {
  if (!std::isfinite(v)) {
    out_ += "null";
    return;
  }
  if (std::signbit(v)) {
    out_ += '-';
    v = -v;
  }
  if (v == 0) {
    out_ += "0.0";
    return;
  }
  // "d[.ddd]e[+-]x...": the digits, then the decimal exponent of the first one.
  char buf[32];
  const char* end = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::scientific).ptr;
  char digits[24];
  size_t k = 0;
  const char* p = buf;
  for (; p != end && *p != 'e'; ++p) {
    if (*p != '.') digits[k++] = *p;
  }
  int exponent = 0;
  std::from_chars(p + (*(p + 1) == '+' ? 2 : 1), end, exponent);

  // nlohmann's bounds for fixed-point notation: 1e-4 <= v < 1e15.
  constexpr int kMinExp = -4;
  constexpr int kMaxExp = 15;
  const int n = exponent + 1;  // position of the decimal point in `digits`
  const int len = static_cast<int>(k);
  if (len <= n && n <= kMaxExp) {
    out_.append(digits, k);
    out_.append(static_cast<size_t>(n - len), '0');
    out_ += ".0";
  } else if (0 < n && n <= kMaxExp) {
    const auto point = static_cast<size_t>(n);
    out_.append(digits, point);
    out_ += '.';
    out_.append(digits + point, k - point);
  } else if (kMinExp < n && n <= 0) {
    out_ += "0.";
    out_.append(static_cast<size_t>(-n), '0');
    out_.append(digits, k);
  } else {
    out_ += digits[0];
    if (k > 1) {
      out_ += '.';
      out_.append(digits + 1, k - 1);
    }
    out_ += 'e';
    int e = n - 1;
    if (e < 0) {
      out_ += '-';
      e = -e;
    } else {
      out_ += '+';
    }
    if (e < 10) out_ += '0';
    char ebuf[8];
    out_.append(ebuf, std::to_chars(ebuf, ebuf + sizeof ebuf, e).ptr);
  }
}

void JsonEmitter::AppendString(std::string_view s) {
  out_ += '"';
  size_t done = 0;  // s[0, done) has been written
  size_t i = 0;
  while (i < s.size()) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c >= 0x20 && c != '"' && c != '\\' && c < 0x80) {
      ++i;
      continue;
    }
    if (c >= 0x80) {
      size_t bad = 0;
      const size_t len = Utf8SequenceLength(s, i, bad);
      if (len > 0) {
        i += len;
        continue;
      }
      out_.append(s.data() + done, i - done);
      out_ += "\xEF\xBF\xBD";
      i += bad;
      done = i;
      continue;
    }
    out_.append(s.data() + done, i - done);
    switch (c) {
      case '"':
        out_ += "\\\"";
        break;
      case '\\':
        out_ += "\\\\";
        break;
      case '\b':
        out_ += "\\b";
        break;
      case '\t':
        out_ += "\\t";
        break;
      case '\n':
        out_ += "\\n";
        break;
      case '\f':
        out_ += "\\f";
        break;
      case '\r':
        out_ += "\\r";
        break;
      default: {
        static constexpr char kHex[] = "0123456789abcdef";
        const char escape[] = {'\\', 'u', '0', '0', kHex[c >> 4], kHex[c & 0xF]};
        out_.append(escape, sizeof escape);
      }
    }
    ++i;
    done = i;
  }
  out_.append(s.data() + done, s.size() - done);
  out_ += '"';
}

}  // namespace sitrep::report
