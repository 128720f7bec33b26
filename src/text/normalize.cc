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
    const unsigned char b = static_cast<unsigned char>(input[i]);
    // ASCII followed by ASCII (or the end) is already NFKC and nothing can compose with it.
    if (b < 0x80 && (i + 1 == n || static_cast<unsigned char>(input[i + 1]) < 0x80)) {
      out.text.push_back(b == '\t' ? ' ' : static_cast<char>(b));
      out.to_original.push_back(i);
      ++i;
      continue;
    }
    // A normalization chunk: one code point and the ones that may combine with it.
    size_t len = 0;
    const char32_t first = Decode(input, i, len);
    size_t j = i + len;
    while (j < n) {
      size_t l2 = 0;
      const char32_t d = Decode(input, j, l2);
      if (d < 0x80 || nfkc == nullptr || nfkc->hasBoundaryBefore(static_cast<UChar32>(d))) break;
      j += l2;
    }
    if (nfkc == nullptr || (j == i + len && nfkc->isInert(static_cast<UChar32>(first)))) {
      Emit(first, i, out);
      i = j;
      continue;
    }
    icu::UnicodeString u = icu::UnicodeString::fromUTF8(
        icu::StringPiece(input.data() + i, static_cast<int32_t>(j - i)));
    UErrorCode st = U_ZERO_ERROR;
    icu::UnicodeString norm = nfkc->normalize(u, st);
    if (U_FAILURE(st)) norm = u;
    for (int32_t k = 0; k < norm.length();) {
      const UChar32 c = norm.char32At(k);
      Emit(static_cast<char32_t>(c), i, out);
      k += U16_LENGTH(c);
    }
    i = j;
  }
  out.to_original.push_back(n);
  return out;
}

}  // namespace sitrep::text
