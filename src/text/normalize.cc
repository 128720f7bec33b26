#include <unicode/normalizer2.h>
#include <unicode/unistr.h>

#include "text/chars.h"
#include "text/text.h"

namespace sitrep::text {
namespace {

using internal::Append;
using internal::Decode;
using internal::FoldPunct;

void Emit(char32_t c, size_t origin, Normalized& out) {
  c = FoldPunct(c);
  if (c == 0) return;
  const size_t before = out.text.size();
  Append(c, out.text);
  out.to_original.insert(out.to_original.end(), out.text.size() - before, origin);
}

}  // namespace

Normalized Normalize(std::string_view input) {
  Normalized out;
  out.text.reserve(input.size());
  out.to_original.reserve(input.size() + 1);
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfkc = icu::Normalizer2::getNFKCInstance(status);
  const size_t n = input.size();
  size_t i = 0;
  while (i < n) {
    // A run of ASCII is already NFKC, except that its last character may compose with a
    // following combining mark: copy the run but its last byte when non-ASCII follows.
    size_t run = i;
    while (run < n && static_cast<unsigned char>(input[run]) < 0x80) ++run;
    if (run < n && run > i) --run;
    if (run > i) {
      const size_t at = out.text.size();
      out.text.append(input.data() + i, run - i);
      for (size_t k = at; k < out.text.size(); ++k) {
        if (out.text[k] == '\t') out.text[k] = ' ';
      }
      for (size_t k = i; k < run; ++k) out.to_original.push_back(k);
      i = run;
      continue;
    }
    // A normalization chunk: one code point and the ones that may combine with it.
    // Invisible characters that folding drops (zero-width space, soft hyphen) are left
    // out before normalizing, so that they cannot keep a mark from its base.
    size_t len = 0;
    const char32_t first = Decode(input, i, len);
    size_t j = i + len;
    bool dropped = FoldPunct(first) == 0;
    while (j < n) {
      size_t l2 = 0;
      const char32_t d = Decode(input, j, l2);
      if (d < 0x80 || nfkc == nullptr) break;
      if (FoldPunct(d) == 0) {
        dropped = true;
      } else if (nfkc->hasBoundaryBefore(static_cast<UChar32>(d))) {
        break;
      }
      j += l2;
    }
    if (nfkc == nullptr || (j == i + len && nfkc->isInert(static_cast<UChar32>(first)))) {
      Emit(first, i, out);
      i = j;
      continue;
    }
    icu::UnicodeString u;
    if (!dropped) {
      u = icu::UnicodeString::fromUTF8(
          icu::StringPiece(input.data() + i, static_cast<int32_t>(j - i)));
    } else {
      for (size_t k = i; k < j;) {
        size_t l = 0;
        const char32_t d = Decode(input, k, l);
        k += l;
        if (FoldPunct(d) != 0) u.append(static_cast<UChar32>(d));
      }
      if (u.isEmpty()) {
        i = j;
        continue;
      }
    }
    size_t origin = i;
    if (!out.text.empty() && !nfkc->hasBoundaryBefore(u.char32At(0))) {
      // A mark whose base was emitted separately (a dropped character stood between
      // them): normalize it together with the last emitted code point.
      size_t last = 0;
      const char32_t prev = internal::DecodeBefore(out.text, out.text.size(), last);
      origin = out.to_original[last];
      out.text.resize(last);
      out.to_original.resize(last);
      icu::UnicodeString joined;
      joined.append(static_cast<UChar32>(prev));
      joined.append(u);
      u = joined;
    }
    UErrorCode st = U_ZERO_ERROR;
    icu::UnicodeString norm = nfkc->normalize(u, st);
    if (U_FAILURE(st)) norm = u;
    for (int32_t k = 0; k < norm.length();) {
      const UChar32 c = norm.char32At(k);
      Emit(static_cast<char32_t>(c), origin, out);
      k += U16_LENGTH(c);
    }
    i = j;
  }
  out.to_original.push_back(n);
  return out;
}

}  // namespace sitrep::text
