// ComputeFeatures checked against a plain reference: the implementation as it was before
// the speed work (every code point decoded, each word built in a std::string, sets from
// the standard library, one search per phrase and pattern), on the cleaning fixtures and
// on random text mixing ASCII, Latin-1, Cyrillic, CJK, punctuation, stopwords, junk
// phrases and invalid bytes. The fast path must give the same features, field by field.
#include <gtest/gtest.h>
#include <unicode/uchar.h>

#include <filesystem>
#include <fstream>
#include <random>
#include <set>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "base/hash.h"
#include "clean/features.h"

namespace sitrep::clean {
namespace {

char32_t RefDecode(std::string_view s, size_t& i) {
  unsigned char c = s[i];
  if (c < 0x80) {
    ++i;
    return c;
  }
  int n = c >= 0xF0 ? 3 : c >= 0xE0 ? 2 : c >= 0xC0 ? 1 : 0;
  if (n == 0 || i + n >= s.size()) {
    ++i;
    return c;
  }
  char32_t cp = c & (0x3F >> n);
  for (int k = 1; k <= n; ++k) {
    unsigned char cc = s[i + k];
    if ((cc & 0xC0) != 0x80) {
      ++i;
      return c;
    }
    cp = (cp << 6) | (cc & 0x3F);
  }
  i += n + 1;
  return cp;
}

bool RefSpace(char32_t c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v' || c == 0xA0 ||
         (c >= 0x2000 && c <= 0x200B) || c == 0x3000 || c == 0x202F;
}
bool RefLetter(char32_t c) { return c < 0x80 ? std::isalpha(static_cast<int>(c)) : u_isalpha(c); }
bool RefCjk(char32_t c) {
  return (c >= 0x3040 && c <= 0x30FF) || (c >= 0x3400 && c <= 0x9FFF) ||
         (c >= 0xAC00 && c <= 0xD7AF) || (c >= 0xF900 && c <= 0xFAFF);
}
bool RefEnd(char32_t c) {
  return c == '.' || c == '!' || c == '?' || c == 0x2026 || c == 0x3002 || c == 0xFF01 ||
         c == 0xFF1F || c == 0x061F || c == 0x0964;
}
bool RefClosing(char32_t c) {
  return c == '"' || c == '\'' || c == ')' || c == 0x201D || c == 0x2019 || c == 0xBB ||
         c == 0x300D || c == 0x300F || c == ']' || c == 0x203A;
}
bool Has(std::string_view hay, std::string_view needle) {
  return hay.find(needle) != std::string_view::npos;
}
std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}
bool PhraseChar(unsigned char c) { return std::isalnum(c) || c >= 0x80 || c == '\'' || c == '-'; }

// Distinct phrases found at word starts, the word there being the phrase's first word.
size_t RefJunk(std::string_view lower, bool& at_start) {
  std::set<std::string_view> distinct(JunkPhraseList().begin(), JunkPhraseList().end());
  size_t count = 0;
  for (std::string_view p : distinct) {
    size_t first_end = 0;
    while (first_end < p.size() && PhraseChar(p[first_end])) ++first_end;
    for (size_t b = 0; b < lower.size(); ++b) {
      if (!PhraseChar(lower[b]) || (b > 0 && PhraseChar(lower[b - 1]))) continue;
      size_t e = b;
      while (e < lower.size() && PhraseChar(lower[e])) ++e;
      if (lower.substr(b, e - b) != p.substr(0, first_end)) continue;
      if (lower.compare(b, p.size(), p) != 0) continue;
      if (b + p.size() < lower.size() &&
          std::isalnum(static_cast<unsigned char>(lower[b + p.size()])))
        continue;
      ++count;
      if (b < 3) at_start = true;
      break;
    }
  }
  return count;
}

bool RefCredit(std::string_view s, std::string_view lower) {
  if (!s.empty() && s.back() == ')') {
    size_t open = s.rfind('(');
    if (open != std::string_view::npos && open > 0) {
      std::string_view inner = s.substr(open + 1, s.size() - open - 2);
      std::string li = Lower(inner);
      int words = 1;
      for (char c : inner) words += c == ' ';
      size_t k = open;
      while (k > 0 && s[k - 1] == ' ') --k;
      char before = k > 0 ? s[k - 1] : '.';
      bool after_sentence = before == '.' || before == '!' || before == '?';
      bool credit_like = inner.size() >= 2 && inner.size() <= 40 && words <= 4 &&
                         (std::isupper(static_cast<unsigned char>(inner[0])) || Has(inner, ".") ||
                          Has(inner, "photo") || Has(inner, "Photo"));
      bool photo_word = Has(inner, "/") || Has(li, "photo") || Has(li, "image") ||
                        Has(li, "credit") || Has(li, "getty") || Has(li, "reuters") ||
                        Has(li, "afp");
      bool has_upper = false;
      for (char c : inner) has_upper |= std::isupper(static_cast<unsigned char>(c)) != 0;
      if (credit_like && (!after_sentence || photo_word) && has_upper) return true;
    }
  }
  std::string_view end = lower.substr(lower.size() > 60 ? lower.size() - 60 : 0);
  for (std::string_view p :
       {"photo: ", "photograph: ", "image: ", "credit: ", "picture: ", "getty images", "/ reuters",
        "/ afp", "/ ap", "| reuters", "| afp", "/ getty", "via reuters", "via getty", "foto: "}) {
    if (Has(end, p)) return true;
  }
  return false;
}

bool RefBio(std::string_view lower) {
  for (std::string_view p : {"follow him", "follow her", "follow them", "follow me"}) {
    if (Has(lower, p)) return true;
  }
  for (std::string_view verb : {" is a ", " is an ", " is the ", " has been a ", " was a "}) {
    size_t p = lower.find(verb);
    if (p == std::string_view::npos || p > 60) continue;
    std::string_view rest = lower.substr(p, 80);
    for (std::string_view r :
         {" editor", "reporter", "correspondent", "journalist", "columnist", "contributor",
          "writer", " author", "producer", "freelance", "staff writer", "bureau chief"}) {
      if (Has(rest, r)) return true;
    }
  }
  return false;
}

TextFeatures Reference(std::string_view raw) {
  static const std::set<std::string, std::less<>> stop(StopwordList().begin(),
                                                       StopwordList().end());
  TextFeatures f;
  std::string_view s = TrimSpace(raw);
  f.bytes = s.size();
  if (s.empty()) return f;
  std::string word;
  bool alnum = false, first_upper = false;
  int letters = 0, uppers = 0;
  size_t cjk = 0;
  bool first_letter = false;
  char32_t last = 0, before_last = 0;
  auto end_word = [&]() {
    if (alnum) {
      ++f.words;
      size_t b = 0, e = word.size();
      auto punct = [](char c) { return static_cast<unsigned char>(c) < 0x80 && !std::isalnum(c); };
      while (b < e && punct(word[b])) ++b;
      while (e > b && punct(word[e - 1])) --e;
      if (e > b && e - b <= 12 && stop.count(word.substr(b, e - b))) ++f.stopwords;
      if (first_upper) ++f.capitalized;
      if (letters >= 2 && uppers == letters) ++f.upper_words;
    }
    word.clear();
    alnum = first_upper = false;
    letters = uppers = 0;
  };
  size_t i = 0;
  while (i < s.size()) {
    size_t at = i;
    char32_t c = RefDecode(s, i);
    ++f.chars;
    if (RefSpace(c)) {
      end_word();
      if (c == '\n') ++f.lines;
      if (RefEnd(last) || (RefClosing(last) && RefEnd(before_last))) ++f.sentence_ends;
      before_last = last;
      last = c;
      continue;
    }
    if (c == ',' || c == 0x3001 || c == 0xFF0C || c == 0x060C) ++f.commas;
    bool letter = RefLetter(c);
    if (letter) {
      ++f.letters;
      bool upper = u_isupper(c);
      if (!first_letter) {
        first_letter = true;
        f.starts_lower = u_islower(c);
      }
      if (!alnum) first_upper = upper;
      ++letters;
      uppers += upper;
      if (RefCjk(c)) {
        ++cjk;
        end_word();
        before_last = last;
        last = c;
        continue;
      }
    }
    if (letter || (c >= '0' && c <= '9')) alnum = true;
    if (c < 0x80) {
      word.push_back(static_cast<char>(std::tolower(static_cast<int>(c))));
    } else if (letter && u_isupper(c) && u_tolower(c) < 0x800) {
      char32_t lc = u_tolower(c);
      word.push_back(static_cast<char>(0xC0 | (lc >> 6)));
      word.push_back(static_cast<char>(0x80 | (lc & 0x3F)));
    } else {
      word.append(s.substr(at, i - at));
    }
    before_last = last;
    last = c;
  }
  end_word();
  f.words += cjk / 2;
  std::string key;  // ASCII letters lower-cased, digits, every non-ASCII byte
  for (unsigned char c : s) {
    if (std::isalnum(c) || c >= 0x80) key.push_back(static_cast<char>(std::tolower(c)));
  }
  f.key = base::Hash64(key);
  if (RefEnd(last) || (RefClosing(last) && RefEnd(before_last))) {
    ++f.sentence_ends;
    f.ends_sentence = true;
  }
  f.ends_colon = last == ':' || last == 0xFF1A;
  for (size_t k = 0; k + 1 < s.size(); ++k) {
    if (s[k] == '@' && (k == 0 || s[k - 1] == ' ') &&
        std::isalpha(static_cast<unsigned char>(s[k + 1]))) {
      f.has_handle = true;
    }
  }
  if (s.size() <= 1500) {
    std::string lower = Lower(s);
    f.caption_marker = Has(lower, "[/caption]") || Has(lower, "[caption");
    f.has_handle |= Has(lower, "twitter");
    f.trailing_credit = RefCredit(s, lower);
    f.bio_shape = RefBio(lower);
    f.junk_phrases = RefJunk(FoldCase(s), f.starts_junk);
    bool no_space = lower.find(' ') == std::string::npos;
    f.url_only = (lower.starts_with("http://") || lower.starts_with("https://") ||
                  lower.starts_with("www.")) &&
                 no_space;
    f.url_only |= no_space && Has(lower, "@") && Has(lower, ".") && lower.size() < 80;
  } else {
    f.caption_marker = Has(s, "[/caption]");
  }
  return f;
}

void ExpectSame(std::string_view text) {
  const TextFeatures a = ComputeFeatures(text), b = Reference(text);
#define SAME(field) EXPECT_EQ(a.field, b.field) << #field << " of \"" << text << "\""
  SAME(bytes);
  SAME(chars);
  SAME(words);
  SAME(letters);
  SAME(stopwords);
  SAME(capitalized);
  SAME(upper_words);
  SAME(commas);
  SAME(sentence_ends);
  SAME(lines);
  SAME(junk_phrases);
  SAME(starts_junk);
  SAME(url_only);
  SAME(ends_sentence);
  SAME(ends_colon);
  SAME(caption_marker);
  SAME(trailing_credit);
  SAME(starts_lower);
  SAME(has_handle);
  SAME(bio_shape);
  SAME(key);
#undef SAME
}

TEST(FeaturesReferenceTest, FixtureParagraphs) {
  const std::filesystem::path dir = std::filesystem::path(SITREP_TEST_DATA) / "clean";
  size_t paragraphs = 0;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    if (entry.path().extension() != ".txt") continue;
    std::ifstream in(entry.path(), std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    const std::string text = ss.str();
    for (size_t pos = 0; pos < text.size();) {
      size_t e = text.find("\n\n", pos);
      if (e == std::string::npos) e = text.size();
      ExpectSame(std::string_view(text).substr(pos, e - pos));
      ++paragraphs;
      pos = e + 2;
    }
  }
  EXPECT_GT(paragraphs, 20u);
}

TEST(FeaturesReferenceTest, RandomText) {
  std::vector<std::string> pieces = {"The",
                                     "the",
                                     "Mayor",
                                     "SAID",
                                     "Was",
                                     "of",
                                     "Über",
                                     "über",
                                     "École",
                                     "ÀÉ",
                                     "Отзывы",
                                     "МЭР",
                                     "что",
                                     "і",
                                     "市长",
                                     "表示",
                                     "안녕",
                                     "3D",
                                     "2,000",
                                     "e-mail",
                                     "don't",
                                     "Don’t",
                                     "miss…",
                                     "Sign",
                                     "up",
                                     "sign-up",
                                     "newsletter",
                                     "Subscribe",
                                     "subscribers",
                                     "read",
                                     "more",
                                     "(AP)",
                                     "(Photo: Jo Roe)",
                                     "Photo:",
                                     "/ Reuters",
                                     "via",
                                     "Getty",
                                     "Images",
                                     "[/caption]",
                                     "[caption",
                                     "[[title]]",
                                     "{{x}}",
                                     "[LATEST]",
                                     "JUST IN:",
                                     "@handle",
                                     "Twitter",
                                     "follow",
                                     "him",
                                     "is",
                                     "a",
                                     "staff",
                                     "reporter",
                                     "http://x.test/a",
                                     "desk@x.test",
                                     ".",
                                     ",",
                                     "!",
                                     "?",
                                     "“",
                                     "”",
                                     "»",
                                     "—",
                                     "…",
                                     "。",
                                     "：",
                                     "\xC3",
                                     "\xFF",
                                     "\xE2\x80",
                                     "\xF0\x9F\x98\x80",
                                     "ẞ",
                                     "Ǆ",
                                     "---------------------------------------------------the",
                                     "((((((((((((((((((((((((((((((((((((((((((((((((((The))))",
                                     "Ωmega",
                                     "ΣΑΣ"};
  const std::vector<std::string> seps = {" ", " ", " ", "\n", "\u00A0", "\u3000", "", "\t"};
  std::mt19937 rng(7);
  for (int n = 0; n < 3000; ++n) {
    std::string text;
    const int len = static_cast<int>(rng() % 40);
    for (int k = 0; k < len; ++k) {
      text += pieces[rng() % pieces.size()];
      text += seps[rng() % seps.size()];
    }
    ExpectSame(text);
    if (HasFailure()) return;
  }
}

}  // namespace
}  // namespace sitrep::clean
