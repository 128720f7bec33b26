#include "text/chars.h"

#include <unicode/uchar.h>

namespace sitrep::text::internal {

char32_t Decode(std::string_view s, size_t pos, size_t& len) {
  const auto b = [&](size_t k) { return static_cast<unsigned char>(s[k]); };
  const unsigned char c = b(pos);
  const size_t n = s.size();
  if (c < 0x80) {
    len = 1;
    return c;
  }
  if (c >= 0xC0 && c < 0xE0 && pos + 1 < n) {
    len = 2;
    return ((c & 0x1F) << 6) | (b(pos + 1) & 0x3F);
  }
  if (c >= 0xE0 && c < 0xF0 && pos + 2 < n) {
    len = 3;
    return ((c & 0x0F) << 12) | ((b(pos + 1) & 0x3F) << 6) | (b(pos + 2) & 0x3F);
  }
  if (c >= 0xF0 && pos + 3 < n) {
    len = 4;
    return ((c & 0x07) << 18) | ((b(pos + 1) & 0x3F) << 12) | ((b(pos + 2) & 0x3F) << 6) |
           (b(pos + 3) & 0x3F);
  }
  len = 1;
  return c;
}

char32_t DecodeBefore(std::string_view s, size_t pos, size_t& start) {
  size_t p = pos - 1;
  size_t steps = 0;
  while (p > 0 && steps < 3 && (static_cast<unsigned char>(s[p]) & 0xC0) == 0x80) {
    --p;
    ++steps;
  }
  size_t len = 0;
  char32_t c = Decode(s, p, len);
  if (p + len != pos) {  // stray continuation byte: treat it alone
    p = pos - 1;
    c = static_cast<unsigned char>(s[p]);
  }
  start = p;
  return c;
}

void Append(char32_t cp, std::string& out) {
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

bool IsSpace(char32_t c) {
  if (c < 0x80) return c == ' ' || (c >= '\t' && c <= '\r');
  if (c == 0x200B || c == 0xFEFF || c == 0x85) return true;
  return u_isUWhiteSpace(static_cast<UChar32>(c));
}

bool IsLetter(char32_t c) {
  if (c < 0x80) return (c | 0x20) >= 'a' && (c | 0x20) <= 'z';
  return u_isalpha(static_cast<UChar32>(c));
}

bool IsMark(char32_t c) {
  if (c < 0x300) return c == 0xAD;
  if (c == 0x200C || c == 0x200D) return true;
  return (U_GET_GC_MASK(static_cast<UChar32>(c)) & U_GC_M_MASK) != 0;
}

bool IsDigit(char32_t c) {
  if (c < 0x80) return c >= '0' && c <= '9';
  return u_isdigit(static_cast<UChar32>(c));
}

bool IsUpper(char32_t c) {
  if (c < 0x80) return c >= 'A' && c <= 'Z';
  return u_isupper(static_cast<UChar32>(c)) || u_istitle(static_cast<UChar32>(c));
}

bool IsLower(char32_t c) {
  if (c < 0x80) return c >= 'a' && c <= 'z';
  return u_islower(static_cast<UChar32>(c));
}

bool IsApostrophe(char32_t c) { return c == '\'' || c == 0x2019 || c == 0x201B || c == 0x2BC; }

bool IsWordHyphen(char32_t c) { return c == '-' || c == 0x2010 || c == 0x2011; }

bool IsCloser(char32_t c) {
  switch (c) {
    case '"':
    case '\'':
    case ')':
    case ']':
    case '}':
    case 0x2019:  // ’
    case 0x201D:  // ”
    case 0xBB:    // »
    case 0x203A:  // ›
      return true;
    default:
      return false;
  }
}

bool IsOpener(char32_t c) {
  switch (c) {
    case '"':
    case '\'':
    case '(':
    case '[':
    case '{':
    case 0x2018:  // ‘
    case 0x201C:  // “
    case 0x201E:  // „
    case 0xAB:    // «
    case 0x2039:  // ‹
      return true;
    default:
      return false;
  }
}

char32_t FoldPunct(char32_t c) {
  if (c < 0x80) return c == '\t' ? ' ' : c;
  switch (c) {
    case 0x2018:
    case 0x2019:
    case 0x201A:
    case 0x201B:
    case 0x2032:
    case 0x2035:
    case 0x02BC:
    case 0x00B4:
    case 0x2039:
    case 0x203A:
      return '\'';
    case 0x201C:
    case 0x201D:
    case 0x201E:
    case 0x201F:
    case 0x2033:
    case 0x2036:
    case 0x00AB:
    case 0x00BB:
      return '"';
    case 0x2010:
    case 0x2011:
    case 0x2012:
    case 0x2013:
    case 0x2014:
    case 0x2015:
    case 0x2212:
    case 0xFE58:
    case 0xFE63:
    case 0xFF0D:
    case 0x2E3A:
    case 0x2E3B:
      return '-';
    case 0x200B:
    case 0xFEFF:
    case 0x00AD:
    case 0x2060:
      return 0;
    case 0x2028:
    case 0x2029:
    case 0x85:
      return '\n';
    default:
      break;
  }
  if (u_isUWhiteSpace(static_cast<UChar32>(c))) return ' ';
  return c;
}

char32_t FoldCase(char32_t c) {
  if (c < 0x80) return (c >= 'A' && c <= 'Z') ? c + 32 : c;
  return static_cast<char32_t>(u_foldCase(static_cast<UChar32>(c), U_FOLD_CASE_DEFAULT));
}

void FoldLower(std::string_view s, std::string& out) {
  out.clear();
  out.reserve(s.size());
  for (size_t i = 0; i < s.size();) {
    const unsigned char b = static_cast<unsigned char>(s[i]);
    if (b < 0x80) {
      out.push_back(static_cast<char>((b >= 'A' && b <= 'Z') ? b + 32 : b));
      ++i;
      continue;
    }
    size_t len = 0;
    char32_t c = Decode(s, i, len);
    i += len;
    c = FoldPunct(c);
    if (c == 0) continue;
    Append(FoldCase(c), out);
  }
}

}  // namespace sitrep::text::internal
