// A rule scanner for sentence boundaries in news text.
//
// Why not ICU's BreakIterator: it splits after "Gov." and "Mr." before a name and after
// initials, needs a UTF-16 copy of the text, and is several times slower than this
// scanner; its fixes would have to be undone afterwards anyway.
//
// A boundary is placed:
//   - at a blank line (a paragraph always ends a sentence);
//   - at a single line break when the next line starts with anything but a lower-case
//     letter and the line before does not end in , ; or a hyphen (headlines and list
//     items are sentences of their own);
//   - after . ! ? … (and any closing quotes or brackets after them) followed by white space
//     and a word that does not start lower-case, unless the word before the period is an
//     abbreviation (see ShouldBreakAfterPeriod);
//   - after a period glued to a capitalised word ("fire.The"), a common defect of scraped
//     text, when at least two lower-case letters precede it.
#include <algorithm>
#include <array>
#include <string>
#include <string_view>

#include "text/chars.h"
#include "text/text.h"

namespace sitrep::text {
namespace {

using internal::Decode;
using internal::DecodeBefore;
using internal::IsCloser;
using internal::IsDigit;
using internal::IsLetter;
using internal::IsLower;
using internal::IsOpener;
using internal::IsSpace;
using internal::IsUpper;

template <size_t N>
bool InList(const std::array<std::string_view, N>& list, std::string_view w) {
  return std::find(list.begin(), list.end(), w) != list.end();
}

// Titles and ranks: always followed by a name, never end a sentence.
constexpr std::array<std::string_view, 44> kTitles = {
    "Mr",   "Mrs",  "Ms",  "Messrs", "Mme",  "Mlle", "Dr",   "Drs",   "Prof", "Gov",  "Sen",
    "Rep",  "Reps", "Gen", "Lt",     "Col",  "Maj",  "Capt", "Cpt",   "Sgt",  "Cpl",  "Pvt",
    "Adm",  "Cmdr", "Cdr", "Brig",   "Pres", "Rev",  "Hon",  "St",    "Ste",  "Mt",   "Ft",
    "Supt", "Insp", "Det", "Atty",   "Amb",  "Rt",   "Fr",   "Lieut", "Cmdt", "Gens", "Sens"};

// Abbreviations that end a sentence only before a word that usually starts one.
constexpr std::array<std::string_view, 26> kWeakAbbreviations = {
    "Inc",  "Ltd",  "Co",  "Corp", "Jr",   "Sr",   "Bros", "etc",  "al",
    "Ave",  "Blvd", "Rd",  "Dept", "Govt", "Univ", "Assn", "Est",  "Intl",
    "Natl", "Sq",   "Pty", "LLC",  "Plc",  "Cos",  "Mass", "Calif"};

// Abbreviations that never end a sentence.
constexpr std::array<std::string_view, 14> kInnerAbbreviations = {
    "e.g",  "i.e", "cf",   "vs", "viz",  "approx", "ca",
    "incl", "esp", "resp", "nr", "excl", "Vs",     "v"};

// Abbreviations that do not end a sentence before a number: "No. 3", "Jan. 5".
constexpr std::array<std::string_view, 22> kNumberAbbreviations = {
    "No",  "Nos", "Art", "Fig", "Vol", "pp",  "p",   "Ch",   "Sec", "para", "Jan",
    "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov",  "Dec"};

// Words that commonly open a sentence: after an ambiguous abbreviation ("U.S.", "Inc.",
// an initial) a boundary is placed only before one of these.
constexpr std::array<std::string_view, 72> kStarters = {
    "The",     "A",       "An",      "This",      "That",      "These",     "Those",    "It",
    "Its",     "He",      "She",     "They",      "We",        "I",         "You",      "His",
    "Her",     "Their",   "Our",     "My",        "But",       "And",       "Or",       "So",
    "Yet",     "In",      "On",      "At",        "For",       "From",      "With",     "By",
    "As",      "After",   "Before",  "When",      "While",     "If",        "Although", "Though",
    "Since",   "Because", "However", "Meanwhile", "Still",     "Also",      "Then",     "There",
    "Here",    "What",    "Who",     "Why",       "How",       "Where",     "Which",    "Some",
    "Many",    "Most",    "All",     "Both",      "Each",      "Every",     "Not",      "Officials",
    "Earlier", "Later",   "Now",     "Today",     "Yesterday", "According", "Despite",  "Under"};

bool IsTerminator(char32_t c) { return c == '.' || c == '!' || c == '?' || c == 0x2026; }

// Longest word WordBefore() looks at: keeps pathological runs ("A.A.A.A...") linear.
constexpr size_t kMaxWordBytes = 64;

// The word before byte `end` (exclusive): letters, digits, marks and inner periods.
std::string_view WordBefore(std::string_view s, size_t end) {
  size_t start = end;
  while (start > 0 && end - start < kMaxWordBytes) {
    size_t prev = 0;
    const char32_t c = DecodeBefore(s, start, prev);
    if (!(IsLetter(c) || IsDigit(c) || c == '.' || internal::IsMark(c))) break;
    start = prev;
  }
  return s.substr(start, end - start);
}

// The word starting at byte `start`: letters only.
std::string_view WordAt(std::string_view s, size_t start) {
  size_t end = start;
  while (end < s.size()) {
    size_t len = 0;
    const char32_t c = Decode(s, end, len);
    if (!IsLetter(c)) break;
    end += len;
  }
  return s.substr(start, end - start);
}

bool AllUpper(std::string_view w) {
  for (char ch : w) {
    if (ch >= 'a' && ch <= 'z') return false;
  }
  return !w.empty();
}

// Decides a boundary after a period that ends `word`, given the first character `next`
// of what follows the white space (at byte `next_pos`).
bool ShouldBreakAfterPeriod(std::string_view s, std::string_view word, char32_t next,
                            size_t next_pos) {
  if (word.empty()) return true;  // ". ." or a period after punctuation
  if (InList(kTitles, word)) return false;
  if (word.size() >= 2 && word.size() <= 6 && AllUpper(word)) {
    // Headlines in capitals: "GOV. PAVLO", "MR. PUTIN".
    std::string title(word);
    for (size_t k = 1; k < title.size(); ++k) {
      if (title[k] >= 'A' && title[k] <= 'Z') title[k] = static_cast<char>(title[k] + 32);
    }
    if (InList(kTitles, std::string_view(title))) return false;
  }
  if (InList(kInnerAbbreviations, word)) return false;
  if (IsDigit(next) && InList(kNumberAbbreviations, word)) return false;
  const std::string_view next_word = WordAt(s, next_pos);
  if (word == "a.m" || word == "p.m" || word == "A.M" || word == "P.M") {
    // "at 9 a.m. EST" and "at 9 a.m. Kyiv time" go on; "at 9 a.m. Russian forces" ends.
    if (AllUpper(next_word) && next_word.size() <= 4) return false;
    const std::string_view rest = s.substr(next_pos + next_word.size());
    return !(rest.starts_with(" time") && (rest.size() == 5 || !IsLetter(rest[5])));
  }
  size_t first_len = 0;
  const char32_t first = Decode(word, 0, first_len);
  const bool initial = first_len == word.size() && IsUpper(first);
  const bool dotted = word.find('.') != std::string_view::npos && !IsDigit(first);
  if (initial || dotted || InList(kWeakAbbreviations, word)) {
    if (IsOpener(next)) return true;
    return InList(kStarters, next_word);
  }
  return true;
}

// Position of the first non-space byte at or after p (s.size() when none).
size_t SkipSpaces(std::string_view s, size_t p, bool& blank_line, bool& newline) {
  blank_line = false;
  newline = false;
  int newlines = 0;
  while (p < s.size()) {
    size_t len = 0;
    const char32_t c = Decode(s, p, len);
    if (!IsSpace(c)) break;
    if (c == '\n' || c == 0x2028 || c == 0x2029 || c == 0x85) {
      ++newlines;
      if (c == 0x2029) ++newlines;
    }
    p += len;
  }
  newline = newlines > 0;
  blank_line = newlines > 1;
  return p;
}

}  // namespace

std::vector<Span> SplitSentences(std::string_view text) {
  std::vector<Span> out;
  const size_t n = text.size();
  bool blank = false;
  bool newline = false;
  size_t start = SkipSpaces(text, 0, blank, newline);
  auto close = [&](size_t end, size_t next_start) {
    // Trim trailing space.
    while (end > start) {
      size_t prev = 0;
      const char32_t c = DecodeBefore(text, end, prev);
      if (!IsSpace(c)) break;
      end = prev;
    }
    if (end > start) out.push_back({start, end});
    start = next_start;
  };
  size_t i = start;
  while (i < n) {
    size_t len = 0;
    const char32_t c = Decode(text, i, len);
    if (IsSpace(c)) {
      const size_t next = SkipSpaces(text, i, blank, newline);
      if (next >= n) break;
      if (blank) {
        close(i, next);
      } else if (newline && i > start) {
        // A single line break: a boundary unless the line reads on.
        size_t prev_start = 0;
        const char32_t prev = DecodeBefore(text, i, prev_start);
        size_t nl = 0;
        const char32_t first = Decode(text, next, nl);
        const bool continues = prev == ',' || prev == ';' || prev == '-' || prev == '(' ||
                               prev == '&' || prev == '/' || IsLower(first) || first == ',' ||
                               first == ';' || first == ')' || IsTerminator(prev) ||
                               InList(kTitles, WordBefore(text, i));
        if (!continues) close(i, next);
      }
      i = next;
      continue;
    }
    if (!IsTerminator(c)) {
      i += len;
      continue;
    }
    // A run of terminators, then closing quotes and brackets.
    const size_t term_start = i;
    size_t j = i + len;
    bool only_period = c == '.';
    while (j < n) {
      size_t l = 0;
      const char32_t d = Decode(text, j, l);
      if (!IsTerminator(d)) break;
      if (d != '.') only_period = false;
      j += l;
    }
    const bool ellipsis = (j - term_start >= 3 && only_period) || c == 0x2026;
    size_t k = j;
    while (k < n) {
      size_t l = 0;
      const char32_t d = Decode(text, k, l);
      if (!IsCloser(d)) break;
      k += l;
    }
    if (k >= n) break;
    size_t l = 0;
    const char32_t after = Decode(text, k, l);
    if (!IsSpace(after)) {
      // Glued sentences from scraped text: "the fire.The next day".
      if (only_period && !ellipsis && k == j && j == term_start + 1 && IsUpper(after)) {
        size_t l3 = 0;
        const char32_t after2 = k + l < n ? Decode(text, k + l, l3) : 0;
        const std::string_view w = WordBefore(text, term_start);
        if (IsLower(after2) && w.size() >= 2 && w.find('.') == std::string_view::npos) {
          bool lower_tail = true;
          for (size_t p = w.size() - 2; p < w.size(); ++p) {
            if (!(w[p] >= 'a' && w[p] <= 'z')) lower_tail = false;
          }
          if (lower_tail && !InList(kTitles, w)) close(k, k);
        }
      }
      i = k;
      continue;
    }
    const size_t next = SkipSpaces(text, k, blank, newline);
    if (next >= n) break;
    if (blank) {
      close(k, next);
      i = next;
      continue;
    }
    size_t nl = 0;
    const char32_t first = Decode(text, next, nl);
    bool brk;
    if (IsLower(first) || first == ',' || first == ';' || first == ':' || first == ')') {
      brk = false;
    } else if (c == '.' && !ellipsis && k == j) {
      brk = ShouldBreakAfterPeriod(text, WordBefore(text, term_start), first, next);
    } else if (c == '.' && !ellipsis) {
      // Period then a closing quote: the quote ends the sentence whatever came before.
      brk = true;
    } else {
      brk = true;
    }
    if (brk) close(k, next);
    i = next;
  }
  close(n, n);
  return out;
}

}  // namespace sitrep::text
