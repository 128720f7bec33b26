// Metadata parsing: dates, URLs, site-name suffixes, bylines, language.
// clang-format off
#include <cstdio>  // before cld2, whose header uses FILE without including it
#include <cld2/public/compact_lang_det.h>
// clang-format on

#include <algorithm>
#include <cctype>
#include <string>
#include <string_view>
#include <vector>

#include "clean/clean.h"
#include "clean/features.h"

namespace sitrep::clean {
namespace {

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

struct MonthName {
  std::string_view name;
  int month;
};

// Month names and abbreviations in the languages news most often comes in (lower-case).
constexpr MonthName kMonths[] = {{"january", 1},
                                 {"jan", 1},
                                 {"february", 2},
                                 {"feb", 2},
                                 {"march", 3},
                                 {"mar", 3},
                                 {"april", 4},
                                 {"apr", 4},
                                 {"may", 5},
                                 {"june", 6},
                                 {"jun", 6},
                                 {"july", 7},
                                 {"jul", 7},
                                 {"august", 8},
                                 {"aug", 8},
                                 {"september", 9},
                                 {"sept", 9},
                                 {"sep", 9},
                                 {"october", 10},
                                 {"oct", 10},
                                 {"november", 11},
                                 {"nov", 11},
                                 {"december", 12},
                                 {"dec", 12},
                                 // German
                                 {"januar", 1},
                                 {"jänner", 1},
                                 {"februar", 2},
                                 {"märz", 3},
                                 {"mai", 5},
                                 {"juni", 6},
                                 {"juli", 7},
                                 {"oktober", 10},
                                 {"okt", 10},
                                 {"dezember", 12},
                                 {"dez", 12},
                                 // French
                                 {"janvier", 1},
                                 {"février", 2},
                                 {"fevrier", 2},
                                 {"mars", 3},
                                 {"avril", 4},
                                 {"juin", 6},
                                 {"juillet", 7},
                                 {"août", 8},
                                 {"aout", 8},
                                 {"septembre", 9},
                                 {"octobre", 10},
                                 {"novembre", 11},
                                 {"décembre", 12},
                                 {"decembre", 12},
                                 // Spanish / Portuguese / Italian
                                 {"enero", 1},
                                 {"febrero", 2},
                                 {"marzo", 3},
                                 {"abril", 4},
                                 {"mayo", 5},
                                 {"junio", 6},
                                 {"julio", 7},
                                 {"agosto", 8},
                                 {"septiembre", 9},
                                 {"setiembre", 9},
                                 {"octubre", 10},
                                 {"noviembre", 11},
                                 {"diciembre", 12},
                                 {"janeiro", 1},
                                 {"fevereiro", 2},
                                 {"março", 3},
                                 {"maio", 5},
                                 {"junho", 6},
                                 {"julho", 7},
                                 {"setembro", 9},
                                 {"outubro", 10},
                                 {"novembro", 11},
                                 {"dezembro", 12},
                                 {"gennaio", 1},
                                 {"febbraio", 2},
                                 {"aprile", 4},
                                 {"maggio", 5},
                                 {"giugno", 6},
                                 {"luglio", 7},
                                 {"settembre", 9},
                                 {"ottobre", 10},
                                 {"dicembre", 12},
                                 // Dutch
                                 {"januari", 1},
                                 {"februari", 2},
                                 {"maart", 3},
                                 {"mei", 5},
                                 {"augustus", 8}};

int MonthOf(std::string_view lower_word) {
  for (const MonthName& m : kMonths) {
    if (m.name == lower_word) {
      return m.month;
    }
  }
  return 0;
}

bool ValidDate(int y, int m, int d) {
  static constexpr int kDays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return y >= 1990 && y <= 2100 && m >= 1 && m <= 12 && d >= 1 && d <= kDays[m - 1];
}

std::string FormatDate(int y, int m, int d) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, d);
  return buf;
}

struct Tok {
  std::string text;  // lower-case
  bool number = false;
  size_t start = 0;
  size_t end = 0;
};

std::vector<Tok> Tokens(std::string_view s) {
  std::vector<Tok> out;
  size_t i = 0;
  while (i < s.size()) {
    unsigned char c = s[i];
    bool alpha = std::isalpha(c) || c >= 0x80;
    if (!alpha && !IsDigit(c)) {
      ++i;
      continue;
    }
    size_t b = i;
    bool number = IsDigit(c);
    while (i < s.size()) {
      unsigned char d = s[i];
      bool ok = number ? IsDigit(d) : (std::isalpha(d) || d >= 0x80);
      if (!ok) {
        break;
      }
      ++i;
    }
    Tok t;
    t.text = AsciiLower(s.substr(b, i - b));
    t.number = number;
    t.start = b;
    t.end = i;
    // Day ordinals "28th" stay a number.
    if (number) {
      std::string_view rest = s.substr(i, 2);
      if (rest == "st" || rest == "nd" || rest == "rd" || rest == "th") {
        i += 2;
      }
    }
    out.push_back(std::move(t));
  }
  return out;
}

int ToInt(std::string_view s) {
  int v = 0;
  for (char c : s) {
    v = v * 10 + (c - '0');
  }
  return v;
}

bool Filler(const std::string& w) {
  return w == "de" || w == "of" || w == "the" || w == "del" || w == "di" || w == "le";
}

}  // namespace

std::optional<std::string> ParseDate(std::string_view s) {
  // Numeric forms first: YYYY-MM-DD, YYYY/MM/DD, YYYY.MM.DD, DD.MM.YYYY, MM/DD/YYYY.
  bool has_year = false;  // a run of four digits that ValidDate accepts as a year
  for (size_t i = 0; i < s.size(); ++i) {
    if (!IsDigit(s[i]) || (i > 0 && IsDigit(s[i - 1]))) {
      continue;
    }
    size_t j = i;
    while (j < s.size() && IsDigit(s[j])) {
      ++j;
    }
    size_t len = j - i;
    if (len == 4) {
      has_year |= ValidDate(ToInt(s.substr(i, 4)), 1, 1);
    }
    if (len == 4 && j + 1 < s.size() && (s[j] == '-' || s[j] == '/' || s[j] == '.')) {
      char sep = s[j];
      size_t k = j + 1, m0 = k;
      while (k < s.size() && IsDigit(s[k])) {
        ++k;
      }
      if (k - m0 >= 1 && k - m0 <= 2 && k + 1 < s.size() && s[k] == sep) {
        size_t d0 = k + 1, e = d0;
        while (e < s.size() && IsDigit(s[e])) {
          ++e;
        }
        if (e - d0 >= 1 && e - d0 <= 2) {
          int y = ToInt(s.substr(i, 4)), m = ToInt(s.substr(m0, k - m0)),
              d = ToInt(s.substr(d0, e - d0));
          if (ValidDate(y, m, d)) {
            return FormatDate(y, m, d);
          }
        }
      }
    }
    if (len >= 1 && len <= 2 && j + 1 < s.size() && (s[j] == '.' || s[j] == '/')) {
      char sep = s[j];
      size_t k = j + 1, m0 = k;
      while (k < s.size() && IsDigit(s[k])) {
        ++k;
      }
      if (k - m0 >= 1 && k - m0 <= 2 && k < s.size() && s[k] == sep) {
        size_t y0 = k + 1, e = y0;
        while (e < s.size() && IsDigit(s[e])) {
          ++e;
        }
        if (e - y0 == 4) {
          int a = ToInt(s.substr(i, len)), b = ToInt(s.substr(m0, k - m0)),
              y = ToInt(s.substr(y0, 4));
          // "." is day-first (European); "/" is month-first unless the first part > 12.
          int d = a, m = b;
          if (sep == '/' && a <= 12 && b > 12) {
            d = b, m = a;
          }
          if (sep == '/' && a <= 12 && b <= 12) {
            d = b, m = a;
          }
          if (ValidDate(y, m, d)) {
            return FormatDate(y, m, d);
          }
        }
      }
    }
    i = j;
  }
  // Month-name forms: "October 28, 2022", "28 October 2022", "28. Oktober 2022",
  // "28 de octubre de 2022", "Fri, 28 Oct 2022". Each needs a four-digit year.
  if (!has_year) {
    return std::nullopt;
  }
  std::vector<Tok> toks = Tokens(s);
  std::vector<const Tok*> t;
  for (const Tok& k : toks) {
    if (!Filler(k.text)) {
      t.push_back(&k);
    }
  }
  for (size_t i = 0; i + 2 < t.size(); ++i) {
    const Tok& a = *t[i];
    const Tok& b = *t[i + 1];
    const Tok& c = *t[i + 2];
    if (!a.number && b.number && c.number && c.text.size() == 4 && b.text.size() <= 2) {
      int m = MonthOf(a.text);
      if (m && ValidDate(ToInt(c.text), m, ToInt(b.text))) {
        return FormatDate(ToInt(c.text), m, ToInt(b.text));
      }
    }
    if (a.number && !b.number && c.number && c.text.size() == 4 && a.text.size() <= 2) {
      int m = MonthOf(b.text);
      if (m && ValidDate(ToInt(c.text), m, ToInt(a.text))) {
        return FormatDate(ToInt(c.text), m, ToInt(a.text));
      }
    }
  }
  return std::nullopt;
}

std::optional<std::string> DateFromUrl(std::string_view url) {
  size_t scheme = url.find("://");
  size_t path = url.find('/', scheme == std::string_view::npos ? 0 : scheme + 3);
  if (path == std::string_view::npos) {
    return std::nullopt;
  }
  std::string_view p = url.substr(path);
  for (size_t i = 0; i + 5 <= p.size(); ++i) {
    if (p[i] != '/' && p[i] != '-' && p[i] != '_') {
      continue;
    }
    size_t j = i + 1;
    size_t k = j;
    while (k < p.size() && IsDigit(p[k])) {
      ++k;
    }
    size_t len = k - j;
    if (len == 8 && (k == p.size() || !IsDigit(p[k]))) {
      int y = ToInt(p.substr(j, 4)), m = ToInt(p.substr(j + 4, 2)), d = ToInt(p.substr(j + 6, 2));
      if (ValidDate(y, m, d)) {
        return FormatDate(y, m, d);
      }
    }
    if (len == 4 && k < p.size() && (p[k] == '/' || p[k] == '-' || p[k] == '_')) {
      char sep = p[k];
      size_t m0 = k + 1, m1 = m0;
      while (m1 < p.size() && IsDigit(p[m1])) {
        ++m1;
      }
      if (m1 - m0 >= 1 && m1 - m0 <= 2 && m1 < p.size() && p[m1] == sep) {
        size_t d0 = m1 + 1, d1 = d0;
        while (d1 < p.size() && IsDigit(p[d1])) {
          ++d1;
        }
        if (d1 - d0 >= 1 && d1 - d0 <= 2) {
          int y = ToInt(p.substr(j, 4)), m = ToInt(p.substr(m0, m1 - m0)),
              d = ToInt(p.substr(d0, d1 - d0));
          if (ValidDate(y, m, d)) {
            return FormatDate(y, m, d);
          }
        }
      }
    }
  }
  return std::nullopt;
}

std::optional<std::string> HostFromUrl(std::string_view url) {
  size_t scheme = url.find("://");
  if (scheme == std::string_view::npos) {
    if (url.substr(0, 2) != "//") {
      return std::nullopt;
    }
    scheme = 0;
  }
  size_t b = scheme + (url.substr(scheme, 3) == "://" ? 3 : 2);
  size_t e = b;
  while (e < url.size() && url[e] != '/' && url[e] != ':' && url[e] != '?' && url[e] != '#') {
    ++e;
  }
  std::string host = AsciiLower(url.substr(b, e - b));
  size_t at = host.rfind('@');
  if (at != std::string::npos) {
    host = host.substr(at + 1);
  }
  if (host.rfind("www.", 0) == 0) {
    host = host.substr(4);
  }
  if (host.empty() || host.find('.') == std::string::npos) {
    return std::nullopt;
  }
  return host;
}

namespace {

// Letters and digits only, lower-case ASCII: "The Example Times" ~ "example-times".
std::string Squash(std::string_view s) {
  std::string out;
  for (char c : s) {
    unsigned char u = c;
    if (std::isalnum(u)) {
      out.push_back(static_cast<char>(std::tolower(u)));
    } else if (u >= 0x80) {
      out.push_back(c);
    }
  }
  if (out.rfind("the", 0) == 0 && out.size() > 6) {
    out = out.substr(3);
  }
  return out;
}

bool SameSite(std::string_view part, std::string_view site) {
  std::string a = Squash(part), b = Squash(site);
  if (a.empty() || b.empty()) {
    return false;
  }
  if (a == b) {
    return true;
  }
  // "Example News" vs host "examplenews.com": one holds the other.
  if (b.size() >= 4 && a.find(b) != std::string::npos && a.size() <= b.size() + 8) {
    return true;
  }
  if (a.size() >= 4 && b.find(a) != std::string::npos) {
    return true;
  }
  return false;
}

int WordCount(std::string_view s) {
  int n = 0;
  bool in = false;
  for (char c : s) {
    bool sp = c == ' ';
    if (!sp && !in) {
      ++n;
    }
    in = !sp;
  }
  return n;
}

}  // namespace

std::string StripSiteName(std::string_view title, std::string_view site) {
  std::string_view t = TrimSpace(title);
  static constexpr std::string_view kSeps[] = {
      " | ", " - ", " \u2013 ", " \u2014 ", " :: ", " \u00B7 ", " \u00BB ", " \u00AB ", " / "};
  for (int pass = 0; pass < 2; ++pass) {
    bool changed = false;
    for (std::string_view sep : kSeps) {
      size_t last = t.rfind(sep);
      if (last != std::string_view::npos && last > 0) {
        std::string_view head = TrimSpace(t.substr(0, last));
        std::string_view tail = TrimSpace(t.substr(last + sep.size()));
        bool strong_sep = sep == " | " || sep == " :: " || sep == " \u00B7 " || sep == " \u00BB " ||
                          sep == " \u00AB ";
        if (!head.empty() && (SameSite(tail, site) ||
                              (strong_sep && WordCount(tail) <= 4 && WordCount(head) >= 3))) {
          t = head;
          changed = true;
          break;
        }
      }
      size_t first = t.find(sep);
      if (first != std::string_view::npos && first > 0) {
        std::string_view head = TrimSpace(t.substr(0, first));
        std::string_view tail = TrimSpace(t.substr(first + sep.size()));
        if (!tail.empty() && SameSite(head, site)) {
          t = tail;
          changed = true;
          break;
        }
      }
    }
    if (!changed) {
      break;
    }
  }
  // "Site: Headline".
  size_t colon = t.find(": ");
  if (colon != std::string_view::npos && !site.empty() && SameSite(t.substr(0, colon), site) &&
      colon + 2 < t.size()) {
    t = TrimSpace(t.substr(colon + 2));
  }
  return std::string(t.empty() ? TrimSpace(title) : t);
}

std::optional<std::string> BylineName(std::string_view line) {
  std::string_view s = TrimSpace(line);
  if (s.size() > 160 || s.empty()) {
    return std::nullopt;
  }
  std::string lower = AsciiLower(s);
  static constexpr std::string_view kPrefixes[] = {
      "written by ", "words by ", "reporting by ", "story by ", "by: ",
      "by ",         "author: ",  "authors: ",     "author : ", "autor: ",
      "autora: ",    "auteur : ", "auteur: ",      "von ",      "par ",
      "por ",        "di ",       "door ",         "av ",       "\u0430\u0432\u0442\u043e\u0440: "};
  size_t skip = std::string::npos;
  for (std::string_view p : kPrefixes) {
    if (lower.rfind(p, 0) == 0) {
      skip = p.size();
      break;
    }
  }
  if (skip == std::string::npos) {
    return std::nullopt;
  }
  std::string_view name = TrimSpace(s.substr(skip));
  // Cut at what follows the name: separators, dates, roles after a comma.
  static constexpr std::string_view kCuts[] = {
      " | ",        " - ",     " \u2013 ", " \u2014 ", "\u2022",   "\n", " updated",
      " published", " posted", " on ",     ", ",       " \u00B7 ", "(",  " for "};
  std::string lower_name = AsciiLower(name);
  for (std::string_view c : kCuts) {
    size_t p = lower_name.find(c);
    if (p != std::string::npos && p > 0) {
      name = TrimSpace(name.substr(0, p));
      lower_name = AsciiLower(name);
    }
  }
  if (name.empty() || name.size() > 80) {
    return std::nullopt;
  }
  // Every word capitalised, except joiners.
  int words = 0;
  size_t i = 0;
  while (i < name.size()) {
    while (i < name.size() && name[i] == ' ') {
      ++i;
    }
    size_t b = i;
    while (i < name.size() && name[i] != ' ') {
      ++i;
    }
    if (b == i) {
      break;
    }
    std::string_view w = name.substr(b, i - b);
    ++words;
    std::string lw = AsciiLower(w);
    if (lw == "and" || lw == "&" || lw == "und" || lw == "et" || lw == "y" || lw == "e" ||
        lw == "de" || lw == "van" || lw == "von" || lw == "da" || lw == "al" || lw == "bin" ||
        lw == "der" || lw == "la" || lw == "le" || lw == "del") {
      continue;
    }
    unsigned char c0 = w[0];
    bool upper = (c0 >= 'A' && c0 <= 'Z') || c0 >= 0x80;
    if (!upper) {
      return std::nullopt;
    }
    if (w.back() == '.' && w.size() > 3) {
      return std::nullopt;  // a sentence, not a name
    }
  }
  if (words == 0 || words > 8) {
    return std::nullopt;
  }
  return std::string(name);
}

std::optional<std::string> DetectLanguage(std::string_view text) {
  if (text.empty()) {
    return std::nullopt;
  }
  // CLD2 needs valid UTF-8; it reads at most the first few tens of KB usefully.
  size_t n = std::min<size_t>(text.size(), 64 * 1024);
  while (n > 0 && n < text.size() && (static_cast<unsigned char>(text[n]) & 0xC0) == 0x80) {
    --n;
  }
  bool reliable = false;
  CLD2::Language lang = CLD2::DetectLanguage(text.data(), static_cast<int>(n), true, &reliable);
  if (lang == CLD2::UNKNOWN_LANGUAGE || !reliable) {
    return std::nullopt;
  }
  std::string code = CLD2::LanguageCode(lang);
  size_t dash = code.find('-');
  if (dash != std::string::npos) {
    code = code.substr(0, dash);
  }
  if (code == "iw") {
    code = "he";
  }
  if (code == "in") {
    code = "id";
  }
  if (code == "jw") {
    code = "jv";
  }
  if (code.size() != 2) {
    return std::nullopt;
  }
  return code;
}

}  // namespace sitrep::clean
