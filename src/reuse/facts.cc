#include "reuse/facts.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <string>
#include <unordered_map>
#include <unordered_set>

#include "reuse/doc_features.h"

namespace sitrep::reuse {
namespace {

using text::Token;
using text::TokenKind;

template <typename T>
const T* Find(const std::unordered_map<std::string_view, T>& m, std::string_view k) {
  auto it = m.find(k);
  return it == m.end() ? nullptr : &it->second;
}

const std::unordered_map<std::string_view, int>& Months() {
  static const auto* m = new std::unordered_map<std::string_view, int>{
      {"january", 1},   {"february", 2},  {"march", 3},  {"april", 4},     {"may", 5},
      {"june", 6},      {"july", 7},      {"august", 8}, {"september", 9}, {"october", 10},
      {"november", 11}, {"december", 12}, {"jan", 1},    {"feb", 2},       {"mar", 3},
      {"apr", 4},       {"jun", 6},       {"jul", 7},    {"aug", 8},       {"sep", 9},
      {"sept", 9},      {"oct", 10},      {"nov", 11},   {"dec", 12}};
  return *m;
}

const std::unordered_map<std::string_view, int>& Weekdays() {
  static const auto* m = new std::unordered_map<std::string_view, int>{
      {"monday", 1}, {"tuesday", 2},  {"wednesday", 3}, {"thursday", 4},
      {"friday", 5}, {"saturday", 6}, {"sunday", 7}};
  return *m;
}

const std::unordered_map<std::string_view, std::string_view>& RelativeMods() {
  static const auto* m = new std::unordered_map<std::string_view, std::string_view>{
      {"last", "last"}, {"past", "last"},   {"previous", "last"}, {"this", "this"},
      {"next", "next"}, {"coming", "next"}, {"following", "next"}};
  return *m;
}

const std::unordered_set<std::string_view>& RelativeUnits() {
  static const auto* s = new std::unordered_set<std::string_view>{
      "day",     "week",    "weekend",   "month",    "year",   "night",    "morning", "afternoon",
      "evening", "summer",  "winter",    "spring",   "autumn", "fall",     "decade",  "century",
      "monday",  "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"};
  return *s;
}

const std::unordered_set<std::string_view>& RelativeWords() {
  static const auto* s = new std::unordered_set<std::string_view>{"yesterday", "today", "tomorrow",
                                                                  "tonight", "overnight"};
  return *s;
}

const std::unordered_map<std::string_view, double>& NumberWords() {
  static const auto* m = new std::unordered_map<std::string_view, double>{
      {"zero", 0},     {"one", 1},      {"two", 2},        {"three", 3},     {"four", 4},
      {"five", 5},     {"six", 6},      {"seven", 7},      {"eight", 8},     {"nine", 9},
      {"ten", 10},     {"eleven", 11},  {"twelve", 12},    {"thirteen", 13}, {"fourteen", 14},
      {"fifteen", 15}, {"sixteen", 16}, {"seventeen", 17}, {"eighteen", 18}, {"nineteen", 19},
      {"twenty", 20},  {"thirty", 30},  {"forty", 40},     {"fifty", 50},    {"sixty", 60},
      {"seventy", 70}, {"eighty", 80},  {"ninety", 90},    {"dozen", 12}};
  return *m;
}

const std::unordered_map<std::string_view, double>& Scales() {
  static const auto* m = new std::unordered_map<std::string_view, double>{
      {"hundred", 1e2},   {"thousand", 1e3}, {"million", 1e6}, {"billion", 1e9},
      {"trillion", 1e12}, {"mln", 1e6},      {"bn", 1e9}};
  return *m;
}

const std::unordered_map<std::string_view, std::string_view>& Units() {
  static const auto* m = new std::unordered_map<std::string_view, std::string_view>{
      {"%", "%"},          {"percent", "%"},     {"km", "km"},          {"kms", "km"},
      {"kilometre", "km"}, {"kilometres", "km"}, {"kilometer", "km"},   {"kilometers", "km"},
      {"m", "m"},          {"metre", "m"},       {"metres", "m"},       {"meter", "m"},
      {"meters", "m"},     {"mile", "mi"},       {"miles", "mi"},       {"mi", "mi"},
      {"kg", "kg"},        {"kilogram", "kg"},   {"kilograms", "kg"},   {"ton", "t"},
      {"tons", "t"},       {"tonne", "t"},       {"tonnes", "t"},       {"day", "day"},
      {"days", "day"},     {"week", "week"},     {"weeks", "week"},     {"month", "month"},
      {"months", "month"}, {"year", "year"},     {"years", "year"},     {"hour", "hour"},
      {"hours", "hour"},   {"minute", "minute"}, {"minutes", "minute"}, {"dollars", "usd"},
      {"dollar", "usd"},   {"euros", "eur"},     {"euro", "eur"},       {"pounds", "gbp"},
      {"roubles", "rub"},  {"rubles", "rub"},    {"hryvnias", "uah"},   {"hryvnia", "uah"}};
  return *m;
}

const std::unordered_map<std::string_view, std::string_view>& Currencies() {
  static const auto* m = new std::unordered_map<std::string_view, std::string_view>{
      {"$", "usd"}, {"€", "eur"}, {"£", "gbp"}, {"us$", "usd"}};
  return *m;
}

// Qualifiers in reverse word order (last word first) and their class.
struct Qualifier {
  std::vector<std::string_view> reversed;
  char cls;
};
const std::vector<Qualifier>& Qualifiers() {
  static const auto* q = new std::vector<Qualifier>{{{"than", "more"}, '>'},
                                                    {{"over"}, '>'},
                                                    {{"above"}, '>'},
                                                    {{"of", "excess", "in"}, '>'},
                                                    {{"least", "at"}, '>'},
                                                    {{"than", "fewer", "no"}, '>'},
                                                    {{"than", "less", "no"}, '>'},
                                                    {{"than", "less"}, '<'},
                                                    {{"than", "fewer"}, '<'},
                                                    {{"under"}, '<'},
                                                    {{"below"}, '<'},
                                                    {{"to", "up"}, '<'},
                                                    {{"most", "at"}, '<'},
                                                    {{"as", "many", "as"}, '<'},
                                                    {{"than", "more", "no"}, '<'},
                                                    {{"about"}, '~'},
                                                    {{"around"}, '~'},
                                                    {{"approximately"}, '~'},
                                                    {{"roughly"}, '~'},
                                                    {{"some"}, '~'},
                                                    {{"nearly"}, '~'},
                                                    {{"almost"}, '~'},
                                                    {{"estimated", "an"}, '~'},
                                                    {{"estimated"}, '~'},
                                                    {{"to", "close"}, '~'},
                                                    {{"approx"}, '~'}};
  return *q;
}

const std::unordered_set<std::string_view>& Titles() {
  static const auto* s = new std::unordered_set<std::string_view>{
      "mr",          "mrs",          "ms",      "dr",      "president",  "gov",        "governor",
      "minister",    "prime",        "general", "gen",     "sen",        "senator",    "secretary",
      "chief",       "commander",    "colonel", "col",     "lt",         "sgt",        "captain",
      "capt",        "king",         "queen",   "prince",  "pope",       "mayor",      "spokesman",
      "spokeswoman", "spokesperson", "deputy",  "rep",     "ambassador", "chancellor", "premier",
      "lieutenant",  "sergeant",     "major",   "admiral", "marshal",    "judge",      "justice",
      "sir",         "lord",         "lady",    "st",      "saint",      "vice"};
  return *s;
}

const std::unordered_set<std::string_view>& OrgWords() {
  static const auto* s = new std::unordered_set<std::string_view>{
      "group", "institute", "ministry", "army", "forces", "force", "party", "council", "committee",
      "agency", "press", "company", "union", "organisation", "organization", "university", "bank",
      "service", "services", "corporation", "corp", "inc", "ltd", "news", "times", "post", "guard",
      "command", "office", "department", "government", "parliament", "assembly", "commission",
      "fund", "foundation", "association", "federation", "network", "court", "navy", "police",
      "brigade", "battalion", "regiment", "staff", "kremlin", "pentagon", "nato", "cabinet",
      "congress", "senate", "centre", "center",
      // News agencies, named alone.
      "reuters", "afp", "bloomberg", "interfax", "tass", "ria", "ukrinform", "xinhua", "dpa", "ap",
      "upi", "anadolu"};
  return *s;
}

const std::unordered_set<std::string_view>& PlaceWords() {
  static const auto* s = new std::unordered_set<std::string_view>{
      "region", "province", "oblast",    "city",   "district", "village", "river",
      "sea",    "island",   "mountains", "street", "square",   "airport", "bridge",
      "county", "republic", "town",      "valley", "lake",     "bay",     "peninsula",
      "gulf",   "ocean",    "coast",     "port",   "plant",    "raion",   "krai"};
  return *s;
}

const std::unordered_set<std::string_view>& Locatives() {
  static const auto* s = new std::unordered_set<std::string_view>{
      "in",     "at",     "near",   "from", "to",      "toward",  "towards", "into", "outside",
      "across", "around", "inside", "via",  "through", "between", "within",  "of"};
  return *s;
}

const std::unordered_set<std::string_view>& SpeechVerbs() {
  static const auto* s = new std::unordered_set<std::string_view>{
      "said",   "says",      "told",    "stated",   "added", "wrote",  "explained", "claimed",
      "warned", "announced", "tweeted", "insisted", "noted", "argued", "stressed"};
  return *s;
}

// Hedge words in meaning groups; a family is the part before the second ':'.
const std::unordered_map<std::string_view, std::string_view>& Hedges() {
  static const auto* m = new std::unordered_map<std::string_view, std::string_view>{
      {"may", "hedge:epistemic:possible"},
      {"might", "hedge:epistemic:possible"},
      {"could", "hedge:epistemic:possible"},
      {"possibly", "hedge:epistemic:possible"},
      {"perhaps", "hedge:epistemic:possible"},
      {"maybe", "hedge:epistemic:possible"},
      {"likely", "hedge:epistemic:likely"},
      {"probably", "hedge:epistemic:likely"},
      {"unlikely", "hedge:epistemic:unlikely"},
      {"reportedly", "hedge:epistemic:hearsay"},
      {"allegedly", "hedge:epistemic:hearsay"},
      {"purportedly", "hedge:epistemic:hearsay"},
      {"supposedly", "hedge:epistemic:hearsay"},
      {"apparently", "hedge:epistemic:hearsay"},
      {"seemingly", "hedge:epistemic:hearsay"},
      {"unconfirmed", "hedge:epistemic:hearsay"},
      {"unverified", "hedge:epistemic:hearsay"},
      {"definitely", "hedge:epistemic:certain"},
      {"certainly", "hedge:epistemic:certain"},
      {"undoubtedly", "hedge:epistemic:certain"},
      {"surely", "hedge:epistemic:certain"},
      {"slowly", "hedge:pace:slow"},
      {"gradually", "hedge:pace:slow"},
      {"sluggishly", "hedge:pace:slow"},
      {"steadily", "hedge:pace:steady"},
      {"rapidly", "hedge:pace:fast"},
      {"quickly", "hedge:pace:fast"},
      {"swiftly", "hedge:pace:fast"},
      {"speedily", "hedge:pace:fast"},
      {"slightly", "hedge:degree:small"},
      {"marginally", "hedge:degree:small"},
      {"barely", "hedge:degree:small"},
      {"hardly", "hedge:degree:small"},
      {"partly", "hedge:degree:part"},
      {"partially", "hedge:degree:part"},
      {"significantly", "hedge:degree:large"},
      {"sharply", "hedge:degree:large"},
      {"dramatically", "hedge:degree:large"},
      {"substantially", "hedge:degree:large"},
      {"greatly", "hedge:degree:large"},
      {"largely", "hedge:degree:most"},
      {"mostly", "hedge:degree:most"},
      {"fully", "hedge:degree:full"},
      {"completely", "hedge:degree:full"},
      {"entirely", "hedge:degree:full"},
      {"totally", "hedge:degree:full"}};
  return *m;
}

const std::unordered_set<std::string_view>& Negators() {
  static const auto* s = new std::unordered_set<std::string_view>{
      "not",     "n't",     "never", "no",     "none",    "nobody",
      "nothing", "neither", "nor",   "cannot", "without", "nowhere"};
  return *s;
}

// Verbs that assert or deny: swapping one for the other flips the claim.
const std::unordered_map<std::string_view, std::string_view>& PolarVerbs() {
  static const auto* m = new std::unordered_map<std::string_view, std::string_view>{
      {"deny", "pol:deny"},          {"denies", "pol:deny"},          {"denied", "pol:deny"},
      {"denying", "pol:deny"},       {"refuted", "pol:deny"},         {"dismissed", "pol:deny"},
      {"confirm", "pol:confirm"},    {"confirms", "pol:confirm"},     {"confirmed", "pol:confirm"},
      {"confirming", "pol:confirm"}, {"acknowledged", "pol:confirm"}, {"admitted", "pol:confirm"}};
  return *m;
}

// Polar connectives, as word sequences.
struct Connective {
  std::vector<std::string_view> words;
  std::string_view group;
};
const std::vector<Connective>& Connectives() {
  static const auto* c = new std::vector<Connective>{{{"in", "order", "to"}, "conn:cause"},
                                                     {{"so", "that"}, "conn:cause"},
                                                     {{"so", "as", "to"}, "conn:cause"},
                                                     {{"because"}, "conn:cause"},
                                                     {{"due", "to"}, "conn:cause"},
                                                     {{"as", "a", "result"}, "conn:cause"},
                                                     {{"therefore"}, "conn:cause"},
                                                     {{"thus"}, "conn:cause"},
                                                     {{"hence"}, "conn:cause"},
                                                     {{"owing", "to"}, "conn:cause"},
                                                     {{"thanks", "to"}, "conn:cause"},
                                                     {{"despite"}, "conn:concession"},
                                                     {{"in", "spite", "of"}, "conn:concession"},
                                                     {{"although"}, "conn:concession"},
                                                     {{"even", "though"}, "conn:concession"},
                                                     {{"nevertheless"}, "conn:concession"},
                                                     {{"nonetheless"}, "conn:concession"},
                                                     {{"regardless", "of"}, "conn:concession"},
                                                     {{"notwithstanding"}, "conn:concession"}};
  return *c;
}

bool IsDigits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s)
    if (c < '0' || c > '9') return false;
  return true;
}

bool IsWord(const Token& t) { return t.kind == TokenKind::kWord; }

bool IsAllCaps(std::string_view raw) {
  int letters = 0;
  for (char c : raw) {
    if (c >= 'a' && c <= 'z') return false;
    if (c >= 'A' && c <= 'Z') ++letters;
  }
  return letters >= 2;
}

bool IsQuoteMark(std::string_view raw) {
  return raw == "\"" || raw == "\xE2\x80\x9C" || raw == "\xE2\x80\x9D" || raw == "\xE2\x80\x9E" ||
         raw == "\xC2\xAB" || raw == "\xC2\xBB";
}
// +1 opening, -1 closing, 0 ambiguous (straight quote).
int QuoteDirection(std::string_view raw) {
  if (raw == "\xE2\x80\x9C" || raw == "\xE2\x80\x9E" || raw == "\xC2\xAB") return 1;
  if (raw == "\xE2\x80\x9D" || raw == "\xC2\xBB") return -1;
  return 0;
}

// Parses a number token ("73,000", "0.6", "24th"). nullopt-like: returns false.
bool ParseNumber(std::string_view lower, double& value) {
  std::string digits;
  size_t i = 0;
  for (; i < lower.size(); ++i) {
    const char c = lower[i];
    if ((c >= '0' && c <= '9') || c == '.') {
      digits.push_back(c);
    } else if (c == ',') {
      continue;
    } else {
      break;
    }
  }
  if (digits.empty() || digits == ".") return false;
  const std::string_view rest = lower.substr(i);
  if (!rest.empty() && rest != "st" && rest != "nd" && rest != "rd" && rest != "th" && rest != "s")
    return false;
  value = std::strtod(digits.c_str(), nullptr);
  return true;
}

struct Ctx {
  const Document& doc;
  const text::DocText& text;
  const text::TextAnalyzer& analyzer;
  std::string_view Raw(const Token& t) const { return doc.Slice(t.start, t.end); }
};

}  // namespace

std::string NameKey(std::string_view word) {
  std::string lower;
  for (char c : word) lower.push_back(static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c));
  auto vowel = [](char c) {
    return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u' || c == 'y' || c == 'j';
  };
  std::string out;
  for (size_t i = 0; i < lower.size(); ++i) {
    char c = lower[i];
    if (i == 0) {
      out.push_back(vowel(c) ? 'a' : (c == 'c' || c == 'q' ? 'k' : c == 'w' ? 'v' : c));
      continue;
    }
    if (vowel(c)) continue;
    if (c == 'h') {
      const char p = lower[i - 1];
      if (p == 'k' || p == 's' || p == 'c' || p == 'z' || p == 't' || p == 'p') {
        if (p == 'p') out.back() = 'f';
        continue;
      }
      c = 'g';
    }
    if (c == 'x') {  // "Olexiy" / "Oleksiy"
      if (out.empty() || out.back() != 'k') out.push_back('k');
      c = 's';
    }
    if (c == 'c' || c == 'q') c = 'k';
    if (c == 'w') c = 'v';
    if (c == '\'' || c == '-' || c == '.') continue;
    if (!out.empty() && out.back() == c) continue;
    out.push_back(c);
  }
  return out;
}

bool IsGenericNameWord(std::string_view lower) {
  return OrgWords().count(lower) > 0 || PlaceWords().count(lower) > 0;
}

bool SameName(std::string_view a, std::string_view b) {
  if (a == b) return true;
  size_t common = 0;
  while (common < a.size() && common < b.size() && a[common] == b[common]) ++common;
  const size_t shorter = std::min(a.size(), b.size());
  if (common >= 5 && common * 10 >= shorter * 7) return true;
  const std::string ka = NameKey(a), kb = NameKey(b);
  return ka.size() >= 2 && ka == kb;
}

DocFacts ExtractFacts(const Document& doc, const text::DocText& text,
                      const text::TextAnalyzer& analyzer) {
  DocFacts facts;
  const Ctx ctx{doc, text, analyzer};
  const auto& toks = text.tokens;

  // Words seen capitalized inside sentences and never in lower case: proper nouns, so a
  // sentence-initial "Bakhmut" counts as a name and a sentence-initial "Troops" does not.
  std::unordered_set<std::string> cap_inside, seen_lower;
  for (const text::Sentence& s : text.sentences) {
    for (size_t i = s.first_token; i < s.last_token; ++i) {
      if (!IsWord(toks[i])) continue;
      const bool initial = i == s.first_token || toks[i - 1].kind == TokenKind::kPunct;
      if (toks[i].capitalized && !initial) cap_inside.insert(toks[i].lower);
      if (!toks[i].capitalized) seen_lower.insert(toks[i].lower);
    }
  }
  for (const Token& t : toks)
    if (IsWord(t) && t.capitalized) facts.capitalized_words.push_back(t.lower);
  std::sort(facts.capitalized_words.begin(), facts.capitalized_words.end());
  facts.capitalized_words.erase(
      std::unique(facts.capitalized_words.begin(), facts.capitalized_words.end()),
      facts.capitalized_words.end());
  auto proper = [&](const Token& t) {
    return cap_inside.count(t.lower) > 0 && seen_lower.count(t.lower) == 0;
  };

  for (uint32_t si = 0; si < text.sentences.size(); ++si) {
    const text::Sentence& s = text.sentences[si];
    const size_t b = s.first_token, e = std::min(s.last_token, toks.size());
    std::vector<bool> used(e - b, false);  // tokens consumed by dates
    auto lw = [&](size_t i) -> std::string_view {
      return i >= b && i < e ? std::string_view(toks[i].lower) : std::string_view();
    };

    // --- Dates and times.
    for (size_t i = b; i < e; ++i) {
      if (used[i - b]) continue;
      DateFact d;
      d.sentence = si;
      size_t last = i;  // inclusive
      bool day_before = false;
      const Token& t = toks[i];
      const int* month = Find(Months(), t.lower);
      const bool month_ok =
          month && t.capitalized && (t.lower.size() > 3 || t.lower == "may" || lw(i + 1) == ".");
      const bool month_abbrev_ok = month && t.capitalized && t.lower.size() <= 4;
      double v = 0;
      if (month_ok || month_abbrev_ok) {
        static const std::unordered_set<std::string_view> kBeforeMonth = {
            "in",   "since", "until", "till",    "by",      "early", "late", "mid", "last",
            "next", "of",    "from",  "through", "between", "and",   "this", "-"};
        if (t.lower == "may" && !(IsDigits(lw(i + 1)) || IsDigits(lw(i - 1)) ||
                                  (i > b && kBeforeMonth.count(toks[i - 1].lower)))) {
          // "May" alone is usually the modal; a month only with a day or a preposition.
        } else {
          d.calendar = true;
          d.parts.push_back("m" + std::to_string(*month));
          size_t j = i + 1;
          if (lw(j) == ".") ++j;
          if (j < e && toks[j].kind == TokenKind::kNumber && ParseNumber(toks[j].lower, v) &&
              v >= 1 && v <= 31 && toks[j].lower.size() <= 4) {
            d.parts.push_back("d" + std::to_string(static_cast<int>(v)));
            last = j;
            ++j;
          } else if (i > b && ParseNumber(toks[i - 1].lower, v) && v >= 1 && v <= 31 &&
                     !used[i - 1 - b] && toks[i - 1].lower.size() <= 4) {
            d.parts.push_back("d" + std::to_string(static_cast<int>(v)));
            d.start = toks[i - 1].start;
            day_before = true;
            used[i - 1 - b] = true;
          }
          size_t k = j;
          if (lw(k) == ",") ++k;
          if (k < e && IsDigits(toks[k].lower) && toks[k].lower.size() == 4) {
            d.parts.push_back("y" + toks[k].lower);
            last = k;
          }
          if (!day_before) d.start = t.start;
        }
      } else if (const int* wd = Find(Weekdays(), t.lower); wd && t.capitalized) {
        d.calendar = true;
        d.parts.push_back("wd" + std::to_string(*wd));
        d.start = t.start;
      } else if (IsDigits(t.lower) && t.lower.size() == 4 &&
                 (v = std::atof(t.lower.c_str())) >= 1900 && v <= 2100 &&
                 Find(Units(), lw(i + 1)) == nullptr) {
        d.calendar = true;
        d.parts.push_back("y" + t.lower);
        d.start = t.start;
      } else if (RelativeWords().count(t.lower)) {
        d.parts.push_back("rel:" + t.lower);
        d.start = t.start;
      } else if (const std::string_view* mod = Find(RelativeMods(), t.lower);
                 mod && RelativeUnits().count(lw(i + 1))) {
        std::string unit(lw(i + 1));
        d.parts.push_back("rel:" + std::string(*mod) + "-" + unit);
        d.start = t.start;
        last = i + 1;
      } else if (lw(i + 2) == "ago" && (Find(Units(), lw(i + 1)) || lw(i + 1) == "decades")) {
        double n = 0;
        if (ParseNumber(t.lower, n) || (n = t.lower == "a" ? 1 : 0) > 0 ||
            (NumberWords().count(t.lower) && (n = NumberWords().at(t.lower)) > 0)) {
          // "decades ago" has no unit entry: the word itself names the unit.
          const std::string_view* unit = Find(Units(), lw(i + 1));
          d.parts.push_back("rel:ago-" + std::to_string(static_cast<long long>(n)) + "-" +
                            std::string(unit ? *unit : lw(i + 1)));
          d.start = t.start;
          last = i + 2;
        }
      } else if (t.kind == TokenKind::kNumber && ParseNumber(t.lower, v) && v >= 1 && v <= 12 &&
                 (lw(i + 1) == "a.m." || lw(i + 1) == "p.m." || lw(i + 1) == "am" ||
                  lw(i + 1) == "pm" || lw(i + 1) == "o'clock")) {
        const bool pm = lw(i + 1) == "p.m." || lw(i + 1) == "pm";
        d.parts.push_back("t" + std::to_string(static_cast<int>(v) % 12 + (pm ? 12 : 0)));
        d.start = t.start;
        last = i + 1;
      }
      if (d.parts.empty()) continue;
      for (size_t k = i; k <= last; ++k) used[k - b] = true;
      d.end = toks[last].end;
      std::sort(d.parts.begin(), d.parts.end());
      facts.dates.push_back(std::move(d));
      i = last;
    }

    // --- Numbers and quantities.
    for (size_t i = b; i < e; ++i) {
      if (used[i - b]) continue;
      const Token& t = toks[i];
      double value = 0;
      size_t last = i;
      bool ok = false;
      if (t.kind == TokenKind::kNumber || (IsWord(t) && t.lower[0] >= '0' && t.lower[0] <= '9')) {
        ok = ParseNumber(t.lower, value);
      } else if (const size_t dash = t.lower.find('-');
                 dash != std::string::npos && Find(NumberWords(), t.lower.substr(0, dash)) &&
                 Find(NumberWords(), t.lower.substr(dash + 1))) {
        value = *Find(NumberWords(), t.lower.substr(0, dash)) +
                *Find(NumberWords(), t.lower.substr(dash + 1));  // "twenty-five"
        ok = true;
      } else if (const double* w = Find(NumberWords(), t.lower)) {
        if (!(t.lower == "one" &&
              (lw(i + 1) == "of" || lw(i - 1) == "no" || lw(i - 1) == "every" ||
               lw(i - 1) == "any" || lw(i - 1) == "the" || lw(i - 1) == "this"))) {
          value = *w;
          ok = true;
          // "twenty-five", "twenty five"
          size_t j = i + 1;
          if (lw(j) == "-") ++j;
          if (value >= 20 && value < 100 && j < e) {
            if (const double* u = Find(NumberWords(), toks[j].lower); u && *u < 10) {
              value += *u;
              last = j;
            }
          }
        }
      }
      if (!ok) continue;
      while (last + 1 < e) {
        const double* sc = Find(Scales(), toks[last + 1].lower);
        if (!sc) break;
        value *= *sc;
        ++last;
      }
      NumberFact n;
      n.sentence = si;
      n.value = value;
      n.start = t.start;
      size_t first = i;
      if (i > b) {
        if (const std::string_view* cur = Find(Currencies(), toks[i - 1].lower)) {
          n.unit = std::string(*cur);
          first = i - 1;
        }
      }
      // Unit after the number.
      if (n.unit.empty() && last + 1 < e) {
        std::string_view next = toks[last + 1].lower;
        if (next == "per" && lw(last + 2) == "cent") {
          n.unit = "%";
          last += 2;
        } else if (const std::string_view* u = Find(Units(), next)) {
          n.unit = std::string(*u);
          ++last;
        } else if (next == "-" && Find(Units(), lw(last + 2))) {
          n.unit = std::string(*Find(Units(), lw(last + 2)));
          last += 2;
        }
      }
      // Qualifier before.
      for (const Qualifier& q : Qualifiers()) {
        bool match = first >= b + q.reversed.size();
        for (size_t k = 0; match && k < q.reversed.size(); ++k)
          match = toks[first - 1 - k].lower == q.reversed[k];
        if (match) {
          n.qualifier = q.cls;
          first -= q.reversed.size();
          break;
        }
      }
      n.start = toks[first].start;
      n.end = toks[last].end;
      // Content words around, two on each side.
      int got = 0;
      for (size_t k = first; k > b && got < 2;) {
        --k;
        const Token& c = toks[k];
        if (IsWord(c) && !IsStopword(c.lower) && !Find(NumberWords(), c.lower)) {
          n.context.push_back(c.canon.empty() ? c.lower : c.canon);
          ++got;
        }
      }
      got = 0;
      for (size_t k = last + 1; k < e && got < 2; ++k) {
        const Token& c = toks[k];
        if (IsWord(c) && !IsStopword(c.lower) && !Find(NumberWords(), c.lower) &&
            !Find(Units(), c.lower)) {
          n.context.push_back(c.canon.empty() ? c.lower : c.canon);
          ++got;
        }
      }
      facts.numbers.push_back(std::move(n));
      i = last;
    }

    // --- Entities: runs of capitalized words.
    for (size_t i = b; i < e; ++i) {
      const Token& t = toks[i];
      auto is_name_word = [&](size_t k) {
        const Token& w = toks[k];
        if (!IsWord(w) || !w.capitalized || used[k - b]) return false;
        if (Find(Months(), w.lower) || Find(Weekdays(), w.lower)) return false;
        const bool initial = k == s.first_token || toks[k - 1].kind == TokenKind::kPunct;
        if (initial && !proper(w) && !IsAllCaps(ctx.Raw(w))) return false;
        if (w.lower == "i") return false;
        return true;
      };
      if (!is_name_word(i) && !(Titles().count(t.lower) && t.capitalized)) continue;
      EntityFact en;
      en.sentence = si;
      en.start = t.start;
      bool titled = false;
      size_t k = i, last = i;
      while (k < e) {
        const Token& w = toks[k];
        if (Titles().count(w.lower) && w.capitalized) {
          titled = true;
          last = k;
          ++k;
          if (lw(k) == ".") ++k;
          continue;
        }
        if (is_name_word(k)) {
          en.lower.push_back(w.lower);
          last = k;
          ++k;
          continue;
        }
        // Connectors inside names: "Institute for the Study of War", "Pro-Moscow".
        if ((w.lower == "of" || w.lower == "for" || w.lower == "the" || w.lower == "-") &&
            !en.lower.empty()) {
          size_t n2 = k + 1;
          if (lw(n2) == "the") ++n2;
          if (n2 < e && is_name_word(n2) && !Titles().count(toks[n2].lower)) {
            k = n2;
            continue;
          }
        }
        break;
      }
      if (en.lower.empty()) {
        i = last;
        continue;
      }
      // A credit in a dateline, "(AP)": a byline, not a fact of the story.
      if (en.lower.size() == 1 && i > b && toks[i - 1].lower == "(" && lw(last + 1) == ")") {
        i = last;
        continue;
      }
      en.end = toks[last].end;
      for (const std::string& w : en.lower) en.keys.push_back(NameKey(w));
      bool org = false, place = false;
      for (const std::string& w : en.lower) {
        org = org || OrgWords().count(w);
        place = place || PlaceWords().count(w);
      }
      if (en.lower.size() == 1 && IsAllCaps(ctx.Raw(toks[last]))) org = true;
      const std::string_view prev = i > b ? std::string_view(toks[i - 1].lower) : "";
      const std::string_view next = lw(last + 1) == "," ? lw(last + 2) : lw(last + 1);
      if (org) {
        en.cls = "organization";
      } else if (place || PlaceWords().count(next)) {
        en.cls = "place";
      } else if (titled || SpeechVerbs().count(next)) {
        en.cls = "person";
      } else if (Locatives().count(prev) && prev != "of") {
        en.cls = "place";
      } else {
        en.cls = "other";
      }
      facts.entities.push_back(std::move(en));
      i = last;
    }

    // --- Markers: hedges, negators, connectives, negative prefixes.
    for (size_t i = b; i < e; ++i) {
      const Token& t = toks[i];
      if (!IsWord(t) || used[i - b]) continue;
      if (const std::string_view* g = Find(Hedges(), t.lower)) {
        facts.markers.push_back({si, t.start, t.end, std::string(*g), t.lower});
        continue;
      }
      if (Negators().count(t.lower) || (t.lower.size() > 3 && t.lower.ends_with("n't"))) {
        // The word negated: the next content word within three tokens.
        std::string target;
        size_t end = t.end;
        for (size_t k = i + 1; k < e && k <= i + 3; ++k) {
          if (IsWord(toks[k]) && !IsStopword(toks[k].lower)) {
            target = toks[k].stem.empty() ? toks[k].lower : toks[k].stem;
            end = toks[k].end;
            break;
          }
        }
        facts.markers.push_back({si, t.start, end, "neg", target});
        continue;
      }
      if (const std::string_view* pol = Find(PolarVerbs(), t.lower)) {
        facts.markers.push_back({si, t.start, t.end, std::string(*pol), t.lower});
        continue;
      }
      for (const Connective& c : Connectives()) {
        bool match = i + c.words.size() <= e;
        for (size_t k = 0; match && k < c.words.size(); ++k)
          match = toks[i + k].lower == c.words[k];
        if (match) {
          facts.markers.push_back(
              {si, t.start, toks[i + c.words.size() - 1].end, std::string(c.group), t.lower});
          break;
        }
      }
      for (std::string_view p : {"un", "in", "im", "il", "ir", "dis", "non"}) {
        if (t.lower.size() >= p.size() + 4 && std::string_view(t.lower).starts_with(p)) {
          std::string_view rest = std::string_view(t.lower).substr(p.size());
          if (!rest.empty() && rest[0] == '-') rest.remove_prefix(1);
          facts.markers.push_back({si, t.start, t.end, "negprefix", analyzer.Stem(rest)});
        }
      }
    }
  }

  // A name of unknown kind that shares a word with a name whose kind is known elsewhere
  // in the document ("Zelensky" after "President Volodymyr Zelensky") takes that kind.
  {
    std::unordered_map<std::string, std::string> kind_of_word;
    for (const EntityFact& en : facts.entities)
      if (en.cls != "other")
        for (const std::string& w : en.lower)
          if (!IsGenericNameWord(w)) kind_of_word.emplace(w, en.cls);
    for (EntityFact& en : facts.entities) {
      if (en.cls != "other") continue;
      for (const std::string& w : en.lower) {
        auto it = kind_of_word.find(w);
        if (it != kind_of_word.end()) {
          en.cls = it->second;
          break;
        }
      }
    }
  }

  // Quotes can run over sentence ends, so scan the whole token stream.
  {
    bool open = false;
    size_t open_tok = 0;
    uint32_t open_sent = 0;
    uint32_t si = 0;
    for (size_t i = 0; i < toks.size(); ++i) {
      while (si + 1 < text.sentences.size() && text.sentences[si].last_token <= i) ++si;
      const Token& t = toks[i];
      if (t.kind != TokenKind::kPunct || !IsQuoteMark(ctx.Raw(t))) continue;
      const int dir = QuoteDirection(ctx.Raw(t));
      if (!open && dir >= 0) {
        open = true;
        open_tok = i + 1;
        open_sent = si;
      } else if (open && dir <= 0) {
        // Longer spans are unbalanced marks, not quotes.
        if (i > open_tok && i - open_tok <= 150)
          facts.quotes.push_back({open_sent, si, open_tok, i});
        open = false;
      } else if (open && dir > 0) {  // a new opening mark: the last quote never closed
        open_tok = i + 1;
        open_sent = si;
      }
    }
  }
  return facts;
}

}  // namespace sitrep::reuse
