#include "clean/features.h"

#include <unicode/uchar.h>

#include <algorithm>
#include <array>
#include <bitset>
#include <cassert>
#include <cstdint>
#include <cstring>
#include <iterator>
#include <string>
#include <string_view>
#include <vector>

#include "base/hash.h"

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
  if (c < 0x80) {
    return (c | 0x20) >= 'a' && (c | 0x20) <= 'z';
  }
  return u_isalpha(c);
}

bool IsCjk(char32_t c) {
  return (c >= 0x3040 && c <= 0x30FF) || (c >= 0x3400 && c <= 0x9FFF) ||
         (c >= 0xAC00 && c <= 0xD7AF) || (c >= 0xF900 && c <= 0xFAFF);
}

[[gnu::always_inline]] inline bool IsSentenceEnd(char32_t c) {
  return c == '.' || c == '!' || c == '?' || c == 0x2026 || c == 0x3002 || c == 0xFF01 ||
         c == 0xFF1F || c == 0x061F || c == 0x0964;
}

[[gnu::always_inline]] inline bool IsClosing(char32_t c) {
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

uint64_t Load64(const char* p) {
  uint64_t v;
  std::memcpy(&v, p, 8);
  return v;
}

uint32_t Load32(const char* p) {
  uint32_t v;
  std::memcpy(&v, p, 4);
  return v;
}

// A fixed set of short words for the per-word lookups of ComputeFeatures: open
// addressing over a power-of-two table of indexes. Several times faster than
// std::unordered_set<std::string_view> there: most words are rejected by their first
// byte and length alone; the others are read in a few fixed-size loads, hashed with two
// multiplies and compared as integers.
class WordTable {
 public:
  // Duplicates are kept once; Find returns the index of the first occurrence's entry.
  template <typename Range>
  explicit WordTable(const Range& words) {
    for (std::string_view w : words) {
      if (Find(w) < 0) {
        Insert(w);
      }
    }
  }
  // Index of `w` in insertion order, -1 when absent.
  [[gnu::always_inline]] int Find(std::string_view w) const {
    if (w.empty() || w.size() > kMaxLength ||
        !(first_[static_cast<unsigned char>(w[0])] & (1ull << w.size()))) {
      return -1;
    }
    const Key key = MakeKey(w);
    for (size_t k = key.Hash() & mask_;; k = (k + 1) & mask_) {
      const int32_t e = slots_[k];
      if (e == 0) {
        return -1;
      }
      if (keys_[e - 1] == key) {
        return e - 1;
      }
    }
  }
  size_t size() const { return keys_.size(); }

 private:
  static constexpr size_t kMaxLength = 32;  // longer words are never in a table
  // A word of 1..32 bytes as up to four overlapping loads and its length: for a given
  // length the loads cover every byte, so equal keys mean equal words.
  struct Key {
    uint64_t part[4] = {0, 0, 0, 0};
    uint64_t size = 0;
    bool operator==(const Key& o) const {
      return size == o.size && part[0] == o.part[0] && part[1] == o.part[1] &&
             part[2] == o.part[2] && part[3] == o.part[3];
    }
    uint64_t Hash() const {
      uint64_t h = (part[0] ^ size) * 0x9E3779B97F4A7C15ull;
      h ^= (part[1] + (part[2] ^ part[3])) * 0xC4CEB9FE1A85EC53ull;
      return h ^ (h >> 31);
    }
  };
  static Key MakeKey(std::string_view w) {
    Key k;
    const char* p = w.data();
    const size_t n = w.size();
    k.size = n;
    if (n >= 16) {
      k.part[0] = Load64(p);
      k.part[1] = Load64(p + 8);
      k.part[2] = Load64(p + n - 16);
      k.part[3] = Load64(p + n - 8);
    } else if (n >= 8) {
      k.part[0] = Load64(p);
      k.part[1] = Load64(p + n - 8);
    } else if (n >= 4) {
      k.part[0] = Load32(p);
      k.part[1] = Load32(p + n - 4);
    } else {
      k.part[0] = uint64_t{static_cast<unsigned char>(p[0])} |
                  uint64_t{static_cast<unsigned char>(p[n / 2])} << 8 |
                  uint64_t{static_cast<unsigned char>(p[n - 1])} << 16;
    }
    return k;
  }
  void Insert(std::string_view w) {
    assert(!w.empty() && w.size() <= kMaxLength && "a listed word is 1..32 bytes");
    first_[static_cast<unsigned char>(w[0])] |= 1ull << w.size();
    keys_.push_back(MakeKey(w));
    if (keys_.size() * 4 > slots_.size()) {
      slots_.assign(std::max<size_t>(64, slots_.size() * 2), 0);
      mask_ = slots_.size() - 1;
      for (size_t i = 0; i < keys_.size(); ++i) {
        Place(keys_[i].Hash(), static_cast<int32_t>(i + 1));
      }
    } else {
      Place(keys_.back().Hash(), static_cast<int32_t>(keys_.size()));
    }
  }
  void Place(uint64_t hash, int32_t e) {
    size_t k = hash & mask_;
    while (slots_[k] != 0) {
      k = (k + 1) & mask_;
    }
    slots_[k] = e;
  }
  std::vector<Key> keys_;
  std::vector<int32_t> slots_;
  size_t mask_ = 0;
  // Per first byte, a bit per length present: most words are rejected without hashing.
  std::array<uint64_t, 256> first_{};
};

const WordTable& StopwordTable() {
  static const auto* table = new WordTable(kStopwords);
  return *table;
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

constexpr bool AsciiAlnum(char c) {
  return (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z');
}

constexpr bool PhraseWordChar(unsigned char c) {
  return AsciiAlnum(static_cast<char>(c)) || c >= 0x80 || c == '\'' || c == '-';
}

constexpr std::array<bool, 256> kPhraseWordChar = [] {
  std::array<bool, 256> t{};
  for (int c = 0; c < 256; ++c) {
    t[c] = PhraseWordChar(static_cast<unsigned char>(c));
  }
  return t;
}();

// Junk phrases indexed by their first word, so a block is scanned once, word by word,
// instead of once per phrase.
struct PhraseIndex {
  std::vector<std::string_view> phrases;             // distinct phrases
  std::vector<std::vector<uint16_t>> by_first_word;  // per first word: phrases
  WordTable first_words;
  // The phrase's first word: its leading run of phrase-word characters.
  static std::string_view FirstWord(std::string_view p) {
    size_t e = 0;
    while (e < p.size() && PhraseWordChar(p[e])) {
      ++e;
    }
    return p.substr(0, e);
  }
  static std::vector<std::string_view> FirstWords() {
    std::vector<std::string_view> out;
    for (std::string_view p : kJunkPhrases) {
      out.push_back(FirstWord(p));
    }
    return out;
  }
  PhraseIndex() : first_words(FirstWords()) {
    by_first_word.resize(first_words.size());
    for (std::string_view p : kJunkPhrases) {
      if (std::find(phrases.begin(), phrases.end(), p) != phrases.end()) {
        continue;
      }
      by_first_word[first_words.Find(FirstWord(p))].push_back(
          static_cast<uint16_t>(phrases.size()));
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
  std::bitset<std::size(kJunkPhrases)> seen;
  size_t count = 0;
  size_t i = 0;
  const auto word_char = [&](size_t k) { return kPhraseWordChar[static_cast<uint8_t>(lower[k])]; };
  while (i < lower.size()) {
    while (i < lower.size() && !word_char(i)) {
      ++i;
    }
    if (i == lower.size()) {
      break;
    }
    size_t b = i;
    while (i < lower.size() && word_char(i)) {
      ++i;
    }
    const int first = index.first_words.Find(lower.substr(b, i - b));
    if (first < 0) {
      continue;
    }
    for (uint16_t k : index.by_first_word[first]) {
      std::string_view p = index.phrases[k];
      if (seen[k] || lower.compare(b, p.size(), p) != 0) {
        continue;
      }
      size_t e = b + p.size();
      if (e < lower.size() && AsciiAlnum(lower[e])) {
        continue;
      }
      seen[k] = true;
      ++count;
      if (b < 3) {
        at_start = true;
      }
    }
  }
  return count;
}

bool IsAsciiUpper(char c) { return c >= 'A' && c <= 'Z'; }

// "[LATEST]", "[VIDEO]", "[PICS]" at the end.
bool TrailingTag(std::string_view s) {
  if (s.empty() || s.back() != ']') {
    return false;
  }
  size_t open = s.rfind('[');
  if (open == std::string_view::npos) {
    return false;
  }
  std::string_view tag = s.substr(open + 1, s.size() - open - 2);
  if (tag.size() < 2 || tag.size() > 20) {
    return false;
  }
  for (char c : tag) {
    if (!IsAsciiUpper(c) && c != ' ' && c != '-') {
      return false;
    }
  }
  return true;
}

// "JUST IN:", "WATCH:", "READ MORE:" at the start.
bool LabelPrefix(std::string_view s) {
  size_t colon = s.find(':');
  if (colon == std::string_view::npos || colon < 2 || colon > 24) {
    return false;
  }
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
  if (colon == std::string_view::npos || colon == 0 || colon > 40) {
    return false;
  }
  std::string_view head = s.substr(0, colon);
  int words = 1;
  for (char c : head) {
    words += c == ' ';
  }
  if (words > 3) {
    return false;
  }
  return IsAsciiUpper(head[0]) || static_cast<unsigned char>(head[0]) >= 0x80;
}

// Ends with a credit: "(AP)", "(Example.org)", "(Photo: Jane Doe)", "Photo: X", "/ Reuters".
bool TrailingCredit(std::string_view s, std::string_view lower) {
  if (!s.empty() && s.back() == ')') {
    size_t open = s.rfind('(');
    if (open != std::string_view::npos && open > 0) {
      std::string_view inner = s.substr(open + 1, s.size() - open - 2);
      int words = 1;
      for (char c : inner) {
        words += c == ' ';
      }
      // What precedes the bracket must not end a sentence: "...near the city (AP)".
      size_t k = open;
      while (k > 0 && s[k - 1] == ' ') {
        --k;
      }
      char before = k > 0 ? s[k - 1] : '.';
      bool after_sentence = before == '.' || before == '!' || before == '?';
      bool credit_like = inner.size() >= 2 && inner.size() <= 40 && words <= 4 &&
                         (IsAsciiUpper(inner[0]) || Contains(inner, ".") ||
                          Contains(inner, "photo") || Contains(inner, "Photo"));
      const std::string_view inner_lower = lower.substr(open + 1, inner.size());
      bool photo_word = Contains(inner, "/") || Contains(inner_lower, "photo") ||
                        Contains(inner_lower, "image") || Contains(inner_lower, "credit") ||
                        Contains(inner_lower, "getty") || Contains(inner_lower, "reuters") ||
                        Contains(inner_lower, "afp");
      if (credit_like && (!after_sentence || photo_word)) {
        // Plain parenthetical words such as "(missiles)" are lower-case; an all-lower inner
        // part is no credit.
        bool has_upper = false;
        for (char c : inner) {
          has_upper |= IsAsciiUpper(c);
        }
        if (has_upper) {
          return true;
        }
      }
    }
  }
  size_t tail = lower.size() > 60 ? lower.size() - 60 : 0;
  std::string_view end = lower.substr(tail);
  // Each credit form holds a ':', '/', '|' or "getty"/"via "; most tails hold none.
  // (A loop: string_view::find_first_of calls memchr once per byte of the tail.)
  if (std::any_of(end.begin(), end.end(),
                  [](char c) { return c == ':' || c == '/' || c == '|'; })) {
    for (std::string_view p :
         {"photo: ", "photograph: ", "image: ", "credit: ", "picture: ", "/ reuters", "/ afp",
          "/ ap", "| reuters", "| afp", "/ getty", "foto: "}) {
      if (Contains(end, p)) {
        return true;
      }
    }
  }
  for (std::string_view p : {"getty images", "via reuters", "via getty"}) {
    if (Contains(end, p)) {
      return true;
    }
  }
  return false;
}

bool BioShape(std::string_view lower) {
  for (size_t p = lower.find("follow "); p != std::string_view::npos;
       p = lower.find("follow ", p + 1)) {
    std::string_view next = lower.substr(p + 7);
    if (next.starts_with("him") || next.starts_with("her") || next.starts_with("them") ||
        next.starts_with("me")) {
      return true;
    }
  }
  static constexpr std::string_view kRoles[] = {
      " editor", "reporter", "correspondent", "journalist", "columnist",    "contributor",
      "writer",  " author",  "producer",      "freelance",  "staff writer", "bureau chief"};
  // The first occurrence of each verb, when it starts within the first 60 bytes, with a
  // role word in the 80 bytes from there. One scan of those bytes' spaces.
  static constexpr std::string_view kVerbs[] = {" is a ", " is an ", " is the ", " has been a ",
                                                " was a "};
  bool seen[std::size(kVerbs)] = {};
  for (size_t p = 0; p <= 60 && p + 1 < lower.size(); ++p) {
    if (lower[p] != ' ' || (lower[p + 1] != 'i' && lower[p + 1] != 'h' && lower[p + 1] != 'w')) {
      continue;
    }
    const std::string_view at = lower.substr(p);
    for (size_t v = 0; v < std::size(kVerbs); ++v) {
      if (seen[v] || !at.starts_with(kVerbs[v])) {
        continue;
      }
      seen[v] = true;
      const std::string_view rest = lower.substr(p, 80);
      for (std::string_view r : kRoles) {
        if (Contains(rest, r)) {
          return true;
        }
      }
    }
  }
  return false;
}

}  // namespace

namespace {

// FoldCase into `out` (reusing its capacity).
void FoldCaseInto(std::string_view s, std::string& out) {
  out.assign(s);
  for (size_t i = 0; i < out.size(); ++i) {
    // Eight ASCII bytes at a time: add 0x20 to each byte in 'A'..'Z'.
    while (i + 8 <= out.size()) {
      uint64_t v;
      std::memcpy(&v, out.data() + i, 8);
      if (v & 0x8080808080808080ull) {
        break;
      }
      const uint64_t ge_a = v + 0x3F3F3F3F3F3F3F3Full;  // high bit: byte >= 'A'
      const uint64_t gt_z = v + 0x2525252525252525ull;  // high bit: byte > 'Z'
      v |= ((ge_a & ~gt_z) & 0x8080808080808080ull) >> 2;
      std::memcpy(out.data() + i, &v, 8);
      i += 8;
    }
    if (i >= out.size()) {
      break;
    }
    unsigned char c = out[i];
    if (c < 0x80) {
      if (c >= 'A' && c <= 'Z') {
        out[i] = static_cast<char>(c + 32);
      }
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
      } else if (c >= 0xC0 && d >= 0x80) {
        ++i;  // the continuation byte of another two-byte letter (never an ASCII letter)
      }
    }
  }
}

}  // namespace

std::string FoldCase(std::string_view s) {
  std::string out;
  FoldCaseInto(s, out);
  return out;
}

std::string AsciiLower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') {
      c = static_cast<char>(c + 32);
    }
  }
  return out;
}

std::string_view TrimSpace(std::string_view s) {
  size_t b = 0;
  while (b < s.size()) {
    size_t i = b;
    if (!IsSpace(Decode(s, i))) {
      break;
    }
    b = i;
  }
  size_t e = s.size();
  while (e > b) {
    // Step back one code point.
    size_t k = e - 1;
    while (k > b && (static_cast<unsigned char>(s[k]) & 0xC0) == 0x80) {
      --k;
    }
    size_t i = k;
    if (!IsSpace(Decode(s, i))) {
      break;
    }
    e = k;
  }
  return s.substr(b, e - b);
}

std::span<const std::string_view> StopwordList() { return kStopwords; }
std::span<const std::string_view> JunkPhraseList() { return kJunkPhrases; }

bool IsStopword(std::string_view lower_word) { return StopwordTable().Find(lower_word) >= 0; }

namespace {

// ASCII character classes of the main loop.
enum : uint8_t {
  kSpace = 1,
  kUpper = 2,
  kLower = 4,
  kDigit = 8,
};

constexpr std::array<uint8_t, 128> MakeAsciiClasses() {
  std::array<uint8_t, 128> t{};
  for (char c : {' ', '\t', '\n', '\r', '\f', '\v'}) {
    t[static_cast<uint8_t>(c)] = kSpace;
  }
  for (int c = 'A'; c <= 'Z'; ++c) {
    t[c] = kUpper;
  }
  for (int c = 'a'; c <= 'z'; ++c) {
    t[c] = kLower;
  }
  for (int c = '0'; c <= '9'; ++c) {
    t[c] = kDigit;
  }
  return t;
}
constexpr std::array<uint8_t, 128> kAscii = MakeAsciiClasses();

// Copies n <= 16 bytes from `from` to `to`, both with 16 bytes readable and writable
// from there: one fixed-size copy instead of a memcpy call.
inline void CopyShort(char* to, const char* from) { std::memcpy(to, from, 16); }

// The block's repetition-key bytes: room for the whole block and 16 bytes of slack, so
// that short runs are copied with CopyShort.
class KeyBytes {
 public:
  void Reset(size_t block_bytes) {
    if (buf_.size() < block_bytes + 16) buf_.resize(block_bytes + 16);
    size_ = 0;
  }
  void Push(char c) { buf_[size_++] = c; }
  // `can_read16`: 16 bytes may be read from `b.data()`.
  void Append(std::string_view b, bool can_read16) {
    if (b.size() <= 16 && can_read16) {
      CopyShort(buf_.data() + size_, b.data());
    } else {
      std::memcpy(buf_.data() + size_, b.data(), b.size());
    }
    size_ += b.size();
  }
  std::string_view view() const { return {buf_.data(), size_}; }

 private:
  std::string buf_;
  size_t size_ = 0;
};

// The current word of ComputeFeatures, lower-cased. Words are kept in a fixed buffer; the
// rare longer word is rebuilt from its bytes in the text when it ends.
class WordBuffer {
 public:
  static constexpr size_t kCapacity = 48;
  void Clear() {
    size_ = 0;
    overflow_ = false;
  }
  void Push(char c) {
    if (size_ < kCapacity) {
      buf_[size_++] = c;
    } else {
      overflow_ = true;
    }
  }
  void Append(std::string_view b, bool can_read16 = false) {
    if (size_ + b.size() <= kCapacity) {
      if (b.size() <= 16 && can_read16) {
        CopyShort(buf_ + size_, b.data());
      } else {
        std::memcpy(buf_ + size_, b.data(), b.size());
      }
      size_ += b.size();
    } else {
      for (char c : b) {
        Push(c);
      }
    }
  }
  bool overflow() const { return overflow_; }
  std::string_view view() const { return {buf_, size_}; }

 private:
  char buf_[kCapacity + 16];  // 16 bytes of slack for CopyShort
  size_t size_ = 0;
  bool overflow_ = false;
};

bool AsciiPunct(char c) { return static_cast<unsigned char>(c) < 0x80 && !AsciiAlnum(c); }

// Appends code point `c`, read from `bytes` of the text, lower-cased as a word's letters are.
template <typename Out>
void AppendLower(char32_t c, bool letter, std::string_view bytes, Out& word) {
  if (letter && u_isupper(c)) {
    char32_t lc = u_tolower(c);
    // Re-encode lower-case (2-byte range covers Latin, Greek, Cyrillic).
    if (lc < 0x800) {
      word.push_back(static_cast<char>(0xC0 | (lc >> 6)));
      word.push_back(static_cast<char>(0x80 | (lc & 0x3F)));
      return;
    }
  }
  word.append(bytes);
}

// The lower-cased word of `bytes` (a word's run of non-space code points), built as the
// main loop builds it: for words longer than WordBuffer holds.
std::string LowerWord(std::string_view bytes) {
  std::string word;
  size_t i = 0;
  while (i < bytes.size()) {
    size_t at = i;
    char32_t c = Decode(bytes, i);
    if (c < 0x80) {
      word.push_back(static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c));
    } else {
      AppendLower(c, IsLetter(c), bytes.substr(at, i - at), word);
    }
  }
  return word;
}

// True when `w` (a lower-cased word) is a stopword once the ASCII punctuation around it
// is stripped ("(the", "said,").
[[gnu::always_inline]] inline bool IsTrimmedStopword(std::string_view w) {
  size_t b = 0, e = w.size();
  while (b < e && AsciiPunct(w[b])) {
    ++b;
  }
  while (e > b && AsciiPunct(w[e - 1])) {
    --e;
  }
  // No stopword is longer than 12 bytes; skip the lookup for longer words.
  return e > b && e - b <= 12 && StopwordTable().Find(w.substr(b, e - b)) >= 0;
}

struct WordPushBack {
  WordBuffer& w;
  void push_back(char c) { w.Push(c); }
  void append(std::string_view b) { w.Append(b); }
};

}  // namespace

TextFeatures ComputeFeatures(std::string_view raw) {
  TextFeatures f;
  std::string_view s = TrimSpace(raw);
  f.bytes = s.size();
  if (s.empty()) {
    return f;
  }
  WordBuffer word;  // lower-case current word
  size_t word_start = 0;
  bool word_has_alnum = false;
  bool word_first_upper = false;
  int word_letters = 0;
  int word_uppers = 0;
  size_t cjk = 0;
  bool first_letter_seen = false;
  char32_t last = 0, before_last = 0;
  const auto sentence_end_before = [&]() {
    return IsSentenceEnd(last) || (IsClosing(last) && IsSentenceEnd(before_last));
  };
  // `end` is the byte offset where the word stops (for the rare rebuild).
  const auto end_word = [&](size_t end) {
    if (word_has_alnum) {
      ++f.words;
      if (!word.overflow()) {
        f.stopwords += IsTrimmedStopword(word.view());
      } else {
        f.stopwords += IsTrimmedStopword(LowerWord(s.substr(word_start, end - word_start)));
      }
      if (word_first_upper) {
        ++f.capitalized;
      }
      if (word_letters >= 2 && word_uppers == word_letters) {
        ++f.upper_words;
      }
    }
    word.Clear();
    word_has_alnum = false;
    word_first_upper = false;
    word_letters = 0;
    word_uppers = 0;
  };
  WordPushBack out{word};
  // Letters and digits (ASCII lower-cased) and every non-ASCII byte, for `key`.
  thread_local KeyBytes key_bytes;
  key_bytes.Reset(s.size());
  size_t i = 0;
  bool in_word = false;  // a word's bytes have started at word_start
  const auto start_word = [&](size_t at) {
    if (!in_word) {
      in_word = true;
      word_start = at;
    }
  };
  // A space character `c` at byte `at` ends the word and maybe a sentence.
  const auto at_space = [&](size_t at, char32_t c) {
    end_word(at);
    in_word = false;
    if (c == '\n') {
      ++f.lines;
    }
    if (sentence_end_before()) {
      ++f.sentence_ends;
    }
    before_last = last;
    last = c;
  };
  while (i < s.size()) {
    const size_t at = i;
    const unsigned char byte = s[i];
    if (byte < 0x80) {
      // ASCII: one table lookup decides.
      ++i;
      ++f.chars;
      const uint8_t cls = kAscii[byte];
      if (cls & kSpace) {
        at_space(at, byte);
        continue;
      }
      start_word(at);
      if (byte == ',') {
        ++f.commas;
      }
      if (cls & (kUpper | kLower)) {
        ++f.letters;
        const bool upper = (cls & kUpper) != 0;
        if (!first_letter_seen) {
          first_letter_seen = true;
          f.starts_lower = !upper;
        }
        if (!word_has_alnum) {
          word_first_upper = upper;
        }
        ++word_letters;
        word_uppers += upper;
        word_has_alnum = true;
        const char lower = static_cast<char>(upper ? byte + 32 : byte);
        word.Push(lower);
        key_bytes.Push(lower);
        // The rest of a run of lower-case ASCII letters needs no other test.
        const size_t run_start = i;
        while (i < s.size() && static_cast<unsigned char>(s[i]) < 0x80 &&
               kAscii[static_cast<unsigned char>(s[i])] == kLower) {
          ++i;
        }
        const size_t run = i - run_start;
        if (run > 0) {
          const std::string_view letters = s.substr(run_start, run);
          const bool can_read16 = run_start + 16 <= s.size();
          word.Append(letters, can_read16);
          key_bytes.Append(letters, can_read16);
          f.chars += run;
          f.letters += run;
          word_letters += static_cast<int>(run);
          before_last = run >= 2 ? static_cast<unsigned char>(s[i - 2]) : byte;
          last = static_cast<unsigned char>(s[i - 1]);
          continue;
        }
      } else {
        if (cls & kDigit) {
          word_has_alnum = true;
          key_bytes.Push(static_cast<char>(byte));
        }
        word.Push(static_cast<char>(byte));
      }
      before_last = last;
      last = byte;
      continue;
    }
    char32_t c = Decode(s, i);
    ++f.chars;
    key_bytes.Append(s.substr(at, i - at), /*can_read16=*/false);
    if (IsSpace(c)) {
      at_space(at, c);
      continue;
    }
    start_word(at);
    if (c == 0x3001 || c == 0xFF0C || c == 0x060C) {
      ++f.commas;
    }
    bool letter = IsLetter(c);
    if (letter) {
      ++f.letters;
      bool upper = u_isupper(c);
      if (!first_letter_seen) {
        first_letter_seen = true;
        f.starts_lower = u_islower(c);
      }
      if (!word_has_alnum) {
        word_first_upper = upper;
      }
      ++word_letters;
      word_uppers += upper;
      if (IsCjk(c)) {
        ++cjk;
        end_word(at);
        // The next word starts after this ideograph.
        in_word = false;
        before_last = last;
        last = c;
        continue;
      }
      word_has_alnum = true;
    }
    AppendLower(c, letter, s.substr(at, i - at), out);
    before_last = last;
    last = c;
  }
  end_word(s.size());
  f.key = base::Hash64(key_bytes.view());
  f.words += cjk / 2;
  if (sentence_end_before()) {
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
  for (size_t k = s.find('@'); k != std::string_view::npos && k + 1 < s.size();
       k = s.find('@', k + 1)) {
    if ((k == 0 || s[k - 1] == ' ') && ((s[k + 1] | 0x20) >= 'a' && (s[k + 1] | 0x20) <= 'z')) {
      f.has_handle = true;
      break;
    }
  }
  if (s.size() <= 1500) {
    // One folded copy serves every phrase test: FoldCase lower-cases ASCII as AsciiLower
    // does and changes only non-ASCII bytes, which no ASCII needle can match.
    thread_local std::string folded;
    FoldCaseInto(s, folded);
    std::string_view lower = folded;
    f.caption_marker = Contains(lower, "[/caption]") || Contains(lower, "[caption");
    f.has_handle |= Contains(lower, "twitter");
    f.trailing_credit = TrailingCredit(s, lower);
    f.bio_shape = BioShape(lower);
    f.junk_phrases = CountJunkPhrases(lower, f.starts_junk);
    f.url_only = (lower.starts_with("http://") || lower.starts_with("https://") ||
                  lower.starts_with("www.")) &&
                 lower.find(' ') == std::string_view::npos;
    // A bare e-mail address.
    f.url_only |= lower.find(' ') == std::string_view::npos &&
                  lower.find('@') != std::string_view::npos &&
                  lower.find('.') != std::string_view::npos && lower.size() < 80;
  } else {
    f.caption_marker = Contains(s, "[/caption]");
  }
  return f;
}

}  // namespace sitrep::clean
