#include "text/chars.h"
#include "text/text.h"

namespace sitrep::text {
namespace {

using internal::Decode;
using internal::IsApostrophe;
using internal::IsDigit;
using internal::IsLetter;
using internal::IsMark;
using internal::IsSpace;
using internal::IsUpper;
using internal::IsWordHyphen;

// Cursor over the code points of a string_view.
struct Cursor {
  std::string_view s;
  // Code point at p (0 at or past the end) and its length.
  char32_t At(size_t p, size_t& len) const {
    if (p >= s.size()) {
      len = 0;
      return 0;
    }
    const unsigned char b = static_cast<unsigned char>(s[p]);
    if (b < 0x80) {
      len = 1;
      return b;
    }
    return Decode(s, p, len);
  }
  char32_t At(size_t p) const {
    size_t len = 0;
    return At(p, len);
  }
};

bool IsWordChar(char32_t c) { return IsLetter(c) || IsMark(c) || IsDigit(c); }

// End of a dotted acronym ("U.S.", "a.m.") starting at p, or p when there is none: single
// letters each followed by a period, at least two of them.
size_t AcronymEnd(const Cursor& cur, size_t p) {
  size_t q = p;
  int letters = 0;
  while (true) {
    size_t l1 = 0;
    const char32_t c = cur.At(q, l1);
    if (!IsLetter(c) || cur.At(q + l1) != '.') break;
    q += l1 + 1;
    ++letters;
  }
  return letters >= 2 ? q : p;
}

void Push(std::string_view text, size_t start, size_t end, size_t base, TokenKind kind,
          std::vector<Token>& out) {
  Token t;
  t.start = base + start;
  t.end = base + end;
  t.kind = kind;
  const std::string_view piece = text.substr(start, end - start);
  internal::FoldLower(piece, t.lower);
  if (kind == TokenKind::kWord) {
    size_t len = 0;
    const char32_t c = Decode(piece, 0, len);
    t.capitalized = IsUpper(c);
  }
  out.push_back(std::move(t));
}

}  // namespace

std::vector<Token> Tokenize(std::string_view text, size_t base) {
  std::vector<Token> out;
  out.reserve(text.size() / 5 + 4);
  internal::TokenizeInto(text, base, out);
  return out;
}

void internal::TokenizeInto(std::string_view text, size_t base, std::vector<Token>& out) {
  const Cursor cur{text};
  const size_t n = text.size();
  size_t i = 0;
  while (i < n) {
    size_t len = 0;
    const char32_t c = cur.At(i, len);
    if (IsSpace(c)) {
      i += len;
      continue;
    }
    if (IsDigit(c)) {
      size_t j = i + len;
      while (true) {
        size_t l = 0;
        const char32_t d = cur.At(j, l);
        if (IsDigit(d)) {
          j += l;
        } else if ((d == ',' || d == '.') && IsDigit(cur.At(j + 1))) {
          j += 1;
        } else {
          break;
        }
      }
      Push(text, i, j, base, TokenKind::kNumber, out);
      i = j;
      continue;
    }
    if (IsLetter(c)) {
      const size_t acro = AcronymEnd(cur, i);
      if (acro > i) {
        Push(text, i, acro, base, TokenKind::kWord, out);
        i = acro;
        continue;
      }
      size_t j = i + len;
      while (true) {
        size_t l = 0;
        const char32_t d = cur.At(j, l);
        if (IsWordChar(d)) {
          j += l;
          continue;
        }
        size_t l2 = 0;
        const char32_t e = cur.At(j + l, l2);
        if (IsApostrophe(d) && IsLetter(e)) {
          // Possessive or contracted 's ends the word: "Kyiv's" -> "Kyiv" "'s".
          if ((e == 's' || e == 'S') && !IsWordChar(cur.At(j + l + l2))) break;
          j += l + l2;
          continue;
        }
        if (IsWordHyphen(d) && (IsLetter(e) || IsDigit(e))) {
          j += l + l2;
          continue;
        }
        break;
      }
      Push(text, i, j, base, TokenKind::kWord, out);
      i = j;
      continue;
    }
    if (IsApostrophe(c)) {
      // A detached possessive: "'s" after a word.
      size_t l2 = 0;
      const char32_t e = cur.At(i + len, l2);
      if ((e == 's' || e == 'S') && !IsWordChar(cur.At(i + len + l2)) && !out.empty() &&
          out.back().end == base + i && out.back().kind == TokenKind::kWord) {
        Push(text, i, i + len + l2, base, TokenKind::kWord, out);
        i += len + l2;
        continue;
      }
    }
    if (IsMark(c)) {  // a stray mark: attach it to nothing, skip
      i += len;
      continue;
    }
    size_t j = i + len;
    if (c == '.') {
      while (j < n && text[j] == '.') ++j;
    } else if (c == '-') {
      while (j < n && text[j] == '-') ++j;
    }
    Push(text, i, j, base, TokenKind::kPunct, out);
    i = j;
  }
}

}  // namespace sitrep::text
