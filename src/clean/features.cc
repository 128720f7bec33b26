#include "clean/features.h"

#include <unicode/uchar.h>

#include <algorithm>
#include <cstdint>
#include <iterator>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace sitrep::clean {
namespace {

// Tolerant UTF-8 decoding: an invalid byte decodes as itself (Latin-1) and advances one.
char32_t Decode(std::string_view s, size_t& i) {
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

bool IsSpace(char32_t c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v' || c == 0xA0 ||
         (c >= 0x2000 && c <= 0x200B) || c == 0x3000 || c == 0x202F;
}

bool IsLetter(char32_t c) {
  if (c < 0x80) return (c | 0x20) >= 'a' && (c | 0x20) <= 'z';
  return u_isalpha(c);
}

bool IsCjk(char32_t c) {
  return (c >= 0x3040 && c <= 0x30FF) || (c >= 0x3400 && c <= 0x9FFF) ||
         (c >= 0xAC00 && c <= 0xD7AF) || (c >= 0xF900 && c <= 0xFAFF);
}

bool IsSentenceEnd(char32_t c) {
  return c == '.' || c == '!' || c == '?' || c == 0x2026 || c == 0x3002 || c == 0xFF01 ||
         c == 0xFF1F || c == 0x061F || c == 0x0964;
}

bool IsClosing(char32_t c) {
  return c == '"' || c == '\'' || c == ')' || c == 0x201D || c == 0x2019 || c == 0xBB ||
         c == 0x300D || c == 0x300F || c == ']' || c == 0x203A;
}

constexpr std::string_view kStopwords[] = {
    // English
    "a", "about", "after", "all", "also", "an", "and", "any", "are", "as", "at", "be", "been",
    "before", "but", "by", "can", "could", "did", "do", "does", "for", "from", "had", "has", "have",
    "he", "her", "his", "how", "i", "if", "in", "into", "is", "it", "its", "more", "most", "no",
    "not", "of", "on", "one", "or", "other", "our", "out", "over", "said", "she", "so", "some",
    "than", "that", "the", "their", "them", "then", "there", "these", "they", "this", "those", "to",
    "up", "was", "we", "were", "what", "when", "where", "which", "while", "who", "will", "with",
    "would", "you", "your", "says", "just", "been", "because", "being", "between", "both", "during",
    "only", "such", "through", "under", "very", "may", "us", "him", "my", "me", "should", "against",
    "until", "since",
    // German
    "der", "die", "das", "und", "ist", "nicht", "ein", "eine", "einen", "dem", "den", "des", "mit",
    "sich", "auf", "für", "von", "zu", "im", "auch", "es", "sie", "er", "wir", "ich", "dass", "wie",
    "aber", "bei", "nach", "aus", "noch", "wird", "werden", "hat", "haben", "sind", "war", "wurde",
    "oder", "um", "am", "vor", "zum", "zur", "über", "nur", "kann",
    // French
    "le", "la", "les", "des", "du", "de", "et", "est", "un", "une", "pour", "dans", "que", "qui",
    "sur", "pas", "par", "au", "aux", "avec", "ce", "cette", "il", "elle", "ils", "sont", "ont",
    "été", "mais", "ou", "se", "sa", "son", "ses", "leur", "plus", "comme", "nous", "vous", "être",
    "a",
    // Spanish / Portuguese / Italian
    "el", "los", "las", "en", "y", "que", "por", "con", "para", "una", "uno", "es", "su", "sus",
    "al", "lo", "como", "más", "pero", "del", "fue", "ha", "han", "este", "esta", "entre", "sobre",
    "también", "o", "os", "as", "um", "uma", "não", "com", "mais", "foi", "ao", "na", "no", "nos",
    "nas", "da", "do", "dos", "das", "em", "é", "il", "di", "che", "non", "della", "delle", "dei",
    "gli", "nel", "alla", "sono", "anche", "è", "per", "si", "ha", "ma", "come", "più", "questo",
    "questa",
    // Dutch / Swedish
    "het", "een", "van", "en", "niet", "zijn", "op", "voor", "met", "ook", "dat", "maar", "werd",
    "och", "att", "det", "som", "för", "på", "av", "är", "inte", "till", "med",
    // Russian / Ukrainian / Polish
    "и", "в", "не", "на", "что", "с", "по", "как", "это", "к", "из", "за", "он", "она", "они", "но",
    "а", "от", "о", "для", "так", "же", "то", "все", "его", "был", "была", "были", "бы", "у", "до",
    "при", "также", "і", "та", "що", "це", "як", "й", "з", "від", "про", "який", "яка", "які",
    "для", "але", "його", "її", "вже", "w", "i", "się", "z", "nie", "na", "do", "to", "że", "jest",
    "od", "o", "jak", "po", "za", "ale", "przez", "oraz", "jego", "ich", "tak", "był", "była", "są",
    "jako", "dla",
    // Turkish / Indonesian (common function words)
    "ve", "bir", "bu", "da", "de", "ile", "için", "olarak", "yang", "dan", "di", "ini", "itu",
    "dengan", "untuk", "dari", "ke", "tidak", "akan", "pada", "adalah"};

const std::unordered_set<std::string_view>& StopwordSet() {
  static const auto* set =
      new std::unordered_set<std::string_view>(std::begin(kStopwords), std::end(kStopwords));
  return *set;
}

// Phrases of navigation, consent, newsletter and promotion text, lower-case.
constexpr std::string_view kJunkPhrases[] = {"sign up",
                                             "sign-up",
                                             "signup",
                                             "subscribe",
                                             "subscription",
                                             "reporting by",
                                             "editing by",
                                             "additional reporting",
                                             "reading time",
                                             "min read",
                                             "minute read",
                                             "tempo de leitura",
                                             "lesezeit",
                                             "temps de lecture",
                                             "tiempo de lectura",
                                             "sharing is caring",
                                             "contributed reporting",
                                             "contributed to this report",
                                             "filed under",
                                             "kommentare",
                                             "commentaires",
                                             "comentarios",
                                             "comentários",
                                             "commenti",
                                             "комментарии",
                                             "отзывы",
                                             "коментарі",
                                             "cookies",
                                             "newsletter",
                                             "unsubscribe",
                                             "cookie",
                                             "privacy policy",
                                             "privacy notice",
                                             "terms of service",
                                             "terms of use",
                                             "terms and conditions",
                                             "all rights reserved",
                                             "copyright ©",
                                             "read full article",
                                             "read more",
                                             "read the full",
                                             "click here",
                                             "share this",
                                             "share on",
                                             "follow us",
                                             "advertisement",
                                             "don't miss",
                                             "don’t miss",
                                             "most read",
                                             "most popular",
                                             "recommended for you",
                                             "you may also like",
                                             "related articles",
                                             "related stories",
                                             "related content",
                                             "email address",
                                             "an error occurred",
                                             "please try again",
                                             "log in",
                                             "sign in",
                                             "download our app",
                                             "more info",
                                             "adverts",
                                             "you've consented",
                                             "you’ve consented",
                                             "enable javascript",
                                             "your browser",
                                             "skip to content",
                                             "leave a comment",
                                             "comments",
                                             "watch now",
                                             "watch live",
                                             "trending now",
                                             "sponsored",
                                             "partner content",
                                             "accept all",
                                             "manage preferences",
                                             "our partners",
                                             "get the latest",
                                             "delivered to your inbox",
                                             "straight to your inbox",
                                             "breaking news alerts",
                                             "abonnieren",
                                             "anmelden",
                                             "datenschutz",
                                             "weiterlesen",
                                             "mehr zum thema",
                                             "newsletter",
                                             "abonnez",
                                             "inscrivez",
                                             "lire aussi",
                                             "lire la suite",
                                             "suscríbete",
                                             "lee también",
                                             "leer más",
                                             "te puede interesar",
                                             "leggi anche",
                                             "iscriviti",
                                             "leia também",
                                             "leia mais",
                                             "inscreva-se",
                                             "читайте также",
                                             "подписывайтесь",
                                             "подпишитесь",
                                             "читайте також",
                                             "підписуйтесь",
                                             "czytaj także",
                                             "czytaj też",
                                             "zobacz też",
                                             "przeczytaj"};

bool Contains(std::string_view hay, std::string_view needle) {
  return hay.find(needle) != std::string_view::npos;
}

bool AsciiAlnum(char c) {
  return (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z');
}

bool PhraseWordChar(unsigned char c) {
  return AsciiAlnum(static_cast<char>(c)) || c >= 0x80 || c == '\'' || c == '-';
}

// Junk phrases indexed by their first word, so a block is scanned once, word by word,
// instead of once per phrase.
struct PhraseIndex {
  std::unordered_map<std::string_view, std::vector<uint16_t>> by_first_word;
  std::vector<std::string_view> phrases;
  PhraseIndex() {
    for (std::string_view p : kJunkPhrases) {
      if (std::find(phrases.begin(), phrases.end(), p) != phrases.end()) continue;
      size_t e = 0;
      while (e < p.size() && PhraseWordChar(p[e])) ++e;
      by_first_word[p.substr(0, e)].push_back(static_cast<uint16_t>(phrases.size()));
      phrases.push_back(p);
    }
  }
};

const PhraseIndex& Phrases() {
  static const PhraseIndex* index = new PhraseIndex();
  return *index;
}

// Counts the distinct junk phrases found as whole words in `lower`; sets `at_start` when
// one begins within the first few bytes.
size_t CountJunkPhrases(std::string_view lower, bool& at_start) {
  const PhraseIndex& index = Phrases();
  std::vector<bool> seen(index.phrases.size(), false);
  size_t count = 0;
  size_t i = 0;
  while (i < lower.size()) {
    if (!PhraseWordChar(lower[i])) {
      ++i;
      continue;
    }
    size_t b = i;
    while (i < lower.size() && PhraseWordChar(lower[i])) ++i;
    auto it = index.by_first_word.find(lower.substr(b, i - b));
    if (it == index.by_first_word.end()) continue;
    for (uint16_t k : it->second) {
      std::string_view p = index.phrases[k];
      if (seen[k] || lower.compare(b, p.size(), p) != 0) continue;
      size_t e = b + p.size();
      if (e < lower.size() && AsciiAlnum(lower[e])) continue;
      seen[k] = true;
      ++count;
      if (b < 3) at_start = true;
    }
  }
  return count;
}

bool IsAsciiUpper(char c) { return c >= 'A' && c <= 'Z'; }

// "[LATEST]", "[VIDEO]", "[PICS]" at the end.
bool TrailingTag(std::string_view s) {
  if (s.empty() || s.back() != ']') return false;
  size_t open = s.rfind('[');
  if (open == std::string_view::npos) return false;
  std::string_view tag = s.substr(open + 1, s.size() - open - 2);
  if (tag.size() < 2 || tag.size() > 20) return false;
  for (char c : tag) {
    if (!IsAsciiUpper(c) && c != ' ' && c != '-') return false;
  }
  return true;
}

// "JUST IN:", "WATCH:", "READ MORE:" at the start.
bool LabelPrefix(std::string_view s) {
  size_t colon = s.find(':');
  if (colon == std::string_view::npos || colon < 2 || colon > 24) return false;
  int letters = 0;
  for (size_t i = 0; i < colon; ++i) {
    char c = s[i];
    if (IsAsciiUpper(c)) {
      ++letters;
    } else if (c != ' ' && c != '-' && c != '\'') {
      return false;
    }
  }
  return letters >= 2;
}

// "Ukraine: Troops strike..." - a capitalised head of one to three words and a colon.
bool TitleColon(std::string_view s) {
  size_t colon = s.find(": ");
  if (colon == std::string_view::npos || colon == 0 || colon > 40) return false;
  std::string_view head = s.substr(0, colon);
  int words = 1;
  for (char c : head) words += c == ' ';
  if (words > 3) return false;
  return IsAsciiUpper(head[0]) || static_cast<unsigned char>(head[0]) >= 0x80;
}

// Ends with a credit: "(AP)", "(Example.org)", "(Photo: Jane Doe)", "Photo: X", "/ Reuters".
bool TrailingCredit(std::string_view s, std::string_view lower) {
  if (!s.empty() && s.back() == ')') {
    size_t open = s.rfind('(');
    if (open != std::string_view::npos && open > 0) {
      std::string_view inner = s.substr(open + 1, s.size() - open - 2);
      int words = 1;
      for (char c : inner) words += c == ' ';
      // What precedes the bracket must not end a sentence: "...near the city (AP)".
      size_t k = open;
      while (k > 0 && s[k - 1] == ' ') --k;
      char before = k > 0 ? s[k - 1] : '.';
      bool after_sentence = before == '.' || before == '!' || before == '?';
      bool credit_like = inner.size() >= 2 && inner.size() <= 40 && words <= 4 &&
                         (IsAsciiUpper(inner[0]) || Contains(inner, ".") ||
                          Contains(inner, "photo") || Contains(inner, "Photo"));
      bool photo_word =
          Contains(inner, "/") || Contains(AsciiLower(inner), "photo") ||
          Contains(AsciiLower(inner), "image") || Contains(AsciiLower(inner), "credit") ||
          Contains(AsciiLower(inner), "getty") || Contains(AsciiLower(inner), "reuters") ||
          Contains(AsciiLower(inner), "afp");
      if (credit_like && (!after_sentence || photo_word)) {
        // Plain parenthetical words such as "(missiles)" are lower-case; an all-lower inner
        // part is no credit.
        bool has_upper = false;
        for (char c : inner) has_upper |= IsAsciiUpper(c);
        if (has_upper) return true;
      }
    }
  }
  size_t tail = lower.size() > 60 ? lower.size() - 60 : 0;
  std::string_view end = lower.substr(tail);
  for (std::string_view p :
       {"photo: ", "photograph: ", "image: ", "credit: ", "picture: ", "getty images", "/ reuters",
        "/ afp", "/ ap", "| reuters", "| afp", "/ getty", "via reuters", "via getty", "foto: "}) {
    if (Contains(end, p)) return true;
  }
  return false;
}

bool BioShape(std::string_view lower) {
  if (Contains(lower, "follow him") || Contains(lower, "follow her") ||
      Contains(lower, "follow them") || Contains(lower, "follow me")) {
    return true;
  }
  static constexpr std::string_view kRoles[] = {
      " editor", "reporter", "correspondent", "journalist", "columnist",    "contributor",
      "writer",  " author",  "producer",      "freelance",  "staff writer", "bureau chief"};
  for (std::string_view verb : {" is a ", " is an ", " is the ", " has been a ", " was a "}) {
    size_t p = lower.find(verb);
    if (p == std::string_view::npos || p > 60) continue;
    std::string_view rest = lower.substr(p, 80);
    for (std::string_view r : kRoles) {
      if (Contains(rest, r)) return true;
    }
  }
  return false;
}

}  // namespace

std::string FoldCase(std::string_view s) {
  std::string out(s);
  for (size_t i = 0; i < out.size(); ++i) {
    unsigned char c = out[i];
    if (c >= 'A' && c <= 'Z') {
      out[i] = static_cast<char>(c + 32);
    } else if (i + 1 < out.size()) {
      unsigned char d = out[i + 1];
      if (c == 0xC3 && d >= 0x80 && d <= 0x9E && d != 0x97) {  // À..Þ (not ×)
        out[i + 1] = static_cast<char>(d + 0x20);
        ++i;
      } else if (c == 0xD0 && d >= 0x90 && d <= 0x9F) {  // А..П
        out[i + 1] = static_cast<char>(d + 0x20);
        ++i;
      } else if (c == 0xD0 && d >= 0xA0 && d <= 0xAF) {  // Р..Я
        out[i] = static_cast<char>(0xD1);
        out[i + 1] = static_cast<char>(d - 0x20);
        ++i;
      } else if (c == 0xD0 && d >= 0x80 && d <= 0x8F) {  // Ѐ..Џ (Ukrainian Є, І, Ї)
        out[i] = static_cast<char>(0xD1);
        out[i + 1] = static_cast<char>(d + 0x10);
        ++i;
      } else if (c >= 0xC0) {
        ++i;
      }
    }
  }
  return out;
}

std::string AsciiLower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
  }
  return out;
}

std::string_view TrimSpace(std::string_view s) {
  size_t b = 0;
  while (b < s.size()) {
    size_t i = b;
    if (!IsSpace(Decode(s, i))) break;
    b = i;
  }
  size_t e = s.size();
  while (e > b) {
    // Step back one code point.
    size_t k = e - 1;
    while (k > b && (static_cast<unsigned char>(s[k]) & 0xC0) == 0x80) --k;
    size_t i = k;
    if (!IsSpace(Decode(s, i))) break;
    e = k;
  }
  return s.substr(b, e - b);
}

bool IsStopword(std::string_view lower_word) { return StopwordSet().count(lower_word) > 0; }

TextFeatures ComputeFeatures(std::string_view raw) {
  TextFeatures f;
  std::string_view s = TrimSpace(raw);
  f.bytes = s.size();
  if (s.empty()) return f;
  std::string word;  // lower-case current word
  bool word_has_alnum = false;
  bool word_first_upper = false;
  int word_letters = 0;
  int word_uppers = 0;
  size_t cjk = 0;
  bool first_letter_seen = false;
  char32_t last = 0, before_last = 0;
  auto end_word = [&]() {
    if (word_has_alnum) {
      ++f.words;
      // Strip surrounding punctuation for the stopword lookup.
      size_t b = 0, e = word.size();
      while (b < e && static_cast<unsigned char>(word[b]) < 0x80 &&
             !((word[b] | 0x20) >= 'a' && (word[b] | 0x20) <= 'z') &&
             !(word[b] >= '0' && word[b] <= '9')) {
        ++b;
      }
      while (e > b && static_cast<unsigned char>(word[e - 1]) < 0x80 &&
             !((word[e - 1] | 0x20) >= 'a' && (word[e - 1] | 0x20) <= 'z') &&
             !(word[e - 1] >= '0' && word[e - 1] <= '9')) {
        --e;
      }
      // No stopword is longer than 12 bytes; skip the lookup for longer words.
      if (e > b && e - b <= 12 && IsStopword(std::string_view(word).substr(b, e - b))) {
        ++f.stopwords;
      }
      if (word_first_upper) ++f.capitalized;
      if (word_letters >= 2 && word_uppers == word_letters) ++f.upper_words;
    }
    word.clear();
    word_has_alnum = false;
    word_first_upper = false;
    word_letters = 0;
    word_uppers = 0;
  };
  size_t i = 0;
  while (i < s.size()) {
    size_t at = i;
    char32_t c = Decode(s, i);
    ++f.chars;
    if (IsSpace(c)) {
      end_word();
      if (c == '\n') ++f.lines;
      if (IsSentenceEnd(last) || (IsClosing(last) && IsSentenceEnd(before_last))) {
        ++f.sentence_ends;
      }
      before_last = last;
      last = c;
      continue;
    }
    if (c == ',' || c == 0x3001 || c == 0xFF0C || c == 0x060C) ++f.commas;
    bool letter = IsLetter(c);
    if (letter) {
      ++f.letters;
      bool upper = c < 0x80 ? IsAsciiUpper(static_cast<char>(c)) : u_isupper(c);
      if (!first_letter_seen) {
        first_letter_seen = true;
        f.starts_lower = c < 0x80 ? (c >= 'a' && c <= 'z') : u_islower(c);
      }
      if (!word_has_alnum) word_first_upper = upper;
      ++word_letters;
      word_uppers += upper;
      if (IsCjk(c)) {
        ++cjk;
        end_word();
        before_last = last;
        last = c;
        continue;
      }
    }
    if (letter || (c >= '0' && c <= '9')) word_has_alnum = true;
    if (c < 0x80) {
      word.push_back(static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c));
    } else if (letter && u_isupper(c)) {
      char32_t lc = u_tolower(c);
      // Re-encode lower-case (2-byte range covers Latin, Greek, Cyrillic).
      if (lc < 0x800) {
        word.push_back(static_cast<char>(0xC0 | (lc >> 6)));
        word.push_back(static_cast<char>(0x80 | (lc & 0x3F)));
      } else {
        word.append(s.substr(at, i - at));
      }
    } else {
      word.append(s.substr(at, i - at));
    }
    before_last = last;
    last = c;
  }
  end_word();
  f.words += cjk / 2;
  if (IsSentenceEnd(last) || (IsClosing(last) && IsSentenceEnd(before_last))) {
    ++f.sentence_ends;
    f.ends_sentence = true;
  }
  f.ends_colon = last == ':' || last == 0xFF1A;

  char first = s[0];
  f.starts_bullet = first == '*' || first == '-' || s.substr(0, 3) == "\u2022" ||
                    s.substr(0, 3) == "\u2013" || s.substr(0, 2) == "\u00B7";
  f.template_tokens =
      (Contains(s, "[[") && Contains(s, "]]")) || (Contains(s, "{{") && Contains(s, "}}"));
  f.trailing_tag = TrailingTag(s);
  f.label_prefix = LabelPrefix(s);
  f.title_colon = TitleColon(s);
  f.has_handle = false;
  for (size_t k = 0; k + 1 < s.size(); ++k) {
    if (s[k] == '@' && (k == 0 || s[k - 1] == ' ') &&
        ((s[k + 1] | 0x20) >= 'a' && (s[k + 1] | 0x20) <= 'z')) {
      f.has_handle = true;
      break;
    }
  }
  if (s.size() <= 1500) {
    std::string lower = AsciiLower(s);
    f.caption_marker = Contains(lower, "[/caption]") || Contains(lower, "[caption");
    f.has_handle |= Contains(lower, "twitter");
    f.trailing_credit = TrailingCredit(s, lower);
    f.bio_shape = BioShape(lower);
    f.junk_phrases = CountJunkPhrases(FoldCase(s), f.starts_junk);
    std::string_view t = lower;
    f.url_only =
        (t.rfind("http://", 0) == 0 || t.rfind("https://", 0) == 0 || t.rfind("www.", 0) == 0) &&
        t.find(' ') == std::string_view::npos;
    // A bare e-mail address.
    f.url_only |= t.find(' ') == std::string_view::npos && t.find('@') != std::string_view::npos &&
                  t.find('.') != std::string_view::npos && t.size() < 80;
  } else {
    f.caption_marker = Contains(s, "[/caption]");
  }
  return f;
}

}  // namespace sitrep::clean
