#include "extract/lexer.h"

#include <algorithm>

namespace sitrep::extract::lex {
namespace {

inline bool IsDigit(unsigned char c) { return c >= '0' && c <= '9'; }
inline bool IsAsciiAlpha(unsigned char c) { return (c | 0x20) >= 'a' && (c | 0x20) <= 'z'; }
inline bool IsSpace(unsigned char c) {
  return c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f' || c == '\v';
}

// Length of the UTF-8 sequence starting with lead byte c (1 for invalid leads).
inline size_t SeqLen(unsigned char c) {
  if (c < 0xC0) return 1;
  if (c < 0xE0) return 2;
  if (c < 0xF0) return 3;
  return 4;
}

enum class Cls { kSpace, kLetter, kDigit, kPunct };

// Classifies the code point at s[i] (length len) and gives the punctuation stand-in.
Cls Classify(std::string_view s, size_t i, size_t len, char* punct) {
  unsigned char c = s[i];
  if (len == 1) {
    if (IsSpace(c)) return Cls::kSpace;
    if (IsDigit(c)) return Cls::kDigit;
    if (IsAsciiAlpha(c) || c >= 0x80) return Cls::kLetter;
    *punct = static_cast<char>(c);
    return Cls::kPunct;
  }
  unsigned char c1 = i + 1 < s.size() ? s[i + 1] : 0;
  if (len == 2 && c == 0xC2) {
    if (c1 == 0xA0) return Cls::kSpace;  // no-break space
    if (c1 < 0xC0) {                     // Latin-1 punctuation and signs
      *punct = c1 == 0xAB || c1 == 0xBB ? '"' : c1 == 0xB0 ? 'o' : '#';
      return Cls::kPunct;
    }
  }
  if (len == 3 && c == 0xE2 && (c1 == 0x80 || c1 == 0x81)) {  // U+2000..U+207F
    unsigned char c2 = i + 2 < s.size() ? s[i + 2] : 0;
    if (c1 == 0x80 && c2 <= 0x8F) return Cls::kSpace;  // spaces, zero-width marks
    if (c1 == 0x80 && c2 >= 0x90 && c2 <= 0x95) {
      *punct = '-';
    } else if (c1 == 0x80 && (c2 == 0x98 || c2 == 0x99 || c2 == 0x9B || c2 == 0xB2)) {
      *punct = '\'';
    } else if (c1 == 0x80 && (c2 == 0x9C || c2 == 0x9D || c2 == 0x9F || c2 == 0xB3)) {
      *punct = '"';
    } else if (c1 == 0x80 && c2 == 0xAF) {
      return Cls::kSpace;
    } else if (c1 == 0x80 && c2 == 0xA6) {
      *punct = '.';
    } else {
      *punct = '#';
    }
    return Cls::kPunct;
  }
  if (len == 3 && c == 0xE2 && c1 == 0x82) {  // currency signs U+20A0..
    *punct = '$';
    return Cls::kPunct;
  }
  if (len == 3 && c == 0xEF && c1 == 0xBB) return Cls::kSpace;  // BOM
  return Cls::kLetter;
}

}  // namespace

Lexed Lex(std::string_view text) {
  Lexed out;
  out.text = text;
  out.lower.assign(text.data(), text.size());
  for (char& ch : out.lower) {
    if (ch >= 'A' && ch <= 'Z') ch = static_cast<char>(ch + 32);
  }
  out.toks.reserve(text.size() / 5 + 4);
  const size_t n = text.size();
  size_t i = 0;
  bool space = true;
  bool sent_start = true;
  while (i < n) {
    unsigned char c = text[i];
    size_t len = SeqLen(c);
    if (i + len > n) len = n - i;
    char punct = 0;
    Cls cls = Classify(text, i, len, &punct);
    if (cls == Cls::kSpace) {
      space = true;
      i += len;
      continue;
    }
    Tok t;
    t.start = static_cast<uint32_t>(i);
    t.space_before = space;
    t.upper = c >= 'A' && c <= 'Z';
    t.sentence_start = sent_start;
    if (cls == Cls::kDigit) {
      t.kind = Kind::kNumber;
      size_t j = i + 1;
      while (j < n) {
        unsigned char d = text[j];
        if (IsDigit(d)) {
          ++j;
        } else if (d == ',' && j + 3 < n && IsDigit(text[j + 1]) && IsDigit(text[j + 2]) &&
                   IsDigit(text[j + 3]) && (j + 4 >= n || !IsDigit(text[j + 4]))) {
          j += 4;
        } else if (d == '.' && j + 1 < n && IsDigit(text[j + 1])) {
          j += 2;
        } else if (d == ':' && j + 2 < n && IsDigit(text[j + 1]) && IsDigit(text[j + 2]) &&
                   (j + 3 >= n || !IsDigit(text[j + 3]))) {
          j += 3;
        } else {
          break;
        }
      }
      t.end = static_cast<uint32_t>(j);
      i = j;
    } else if (cls == Cls::kLetter) {
      t.kind = Kind::kWord;
      size_t j = i + len;
      while (j < n) {
        unsigned char d = text[j];
        size_t l = SeqLen(d);
        if (j + l > n) l = n - j;
        char p = 0;
        if (Classify(text, j, l, &p) != Cls::kLetter) break;
        j += l;
      }
      t.end = static_cast<uint32_t>(j);
      i = j;
    } else {
      t.kind = Kind::kPunct;
      t.punct = punct;
      t.end = static_cast<uint32_t>(i + len);
      i += len;
    }
    space = false;
    // A sentence may start after . ! ? followed by space; "." after a one-letter word or a
    // known abbreviation is not trusted, but the flag is only a hint for capitalisation.
    sent_start = false;
    if (t.kind == Kind::kPunct && (t.punct == '.' || t.punct == '!' || t.punct == '?')) {
      sent_start = true;
    }
    if (t.kind == Kind::kPunct && t.punct == '"' && !out.toks.empty() &&
        out.toks.back().sentence_start) {
      sent_start = true;  // opening quote at a sentence start
    }
    out.toks.push_back(t);
    // A blank line (paragraph break) also starts a sentence.
    if (i < n && text[i] == '\n') sent_start = true;
  }
  return out;
}

TokenRange TokensIn(const Lexed& lexed, size_t start, size_t end) {
  const auto& toks = lexed.toks;
  auto first = std::lower_bound(toks.begin(), toks.end(), start,
                                [](const Tok& t, size_t pos) { return t.start < pos; });
  auto last = first;
  while (last != toks.end() && last->end <= end) {
    ++last;
  }
  return {static_cast<size_t>(first - toks.begin()), static_cast<size_t>(last - toks.begin())};
}

}  // namespace sitrep::extract::lex
