#include "extract/quantity.h"

#include <algorithm>
#include <array>
#include <initializer_list>
#include <optional>
#include <string>
#include <unordered_set>

#include "extract/lexer.h"
#include "extract/number_words.h"
#include "extract/time_internal.h"

namespace sitrep::extract {
namespace {

using lex::Kind;
using lex::Lexed;
using lex::Tok;

bool In(std::string_view w, std::initializer_list<std::string_view> words) {
  for (std::string_view x : words) {
    if (w == x) {
      return true;
    }
  }
  return false;
}

struct UnitInfo {
  std::string_view unit;  // normalised name
  char dim;               // 'L' length, 'W' mass, 'C' currency, 'P' percent, 'A' area, 'X'
};

// Unit after a number: "km", "kilometres", "miles", "%", "percent", "tonnes"...
std::optional<UnitInfo> UnitWord(std::string_view w) {
  struct U {
    std::string_view word;
    UnitInfo info;
  };
  static constexpr U kUnits[] = {
      {"km", {"km", 'L'}},         {"kms", {"km", 'L'}},       {"kilometre", {"km", 'L'}},
      {"kilometres", {"km", 'L'}}, {"kilometer", {"km", 'L'}}, {"kilometers", {"km", 'L'}},
      {"mile", {"mi", 'L'}},       {"miles", {"mi", 'L'}},     {"mi", {"mi", 'L'}},
      {"metre", {"m", 'L'}},       {"metres", {"m", 'L'}},     {"meter", {"m", 'L'}},
      {"meters", {"m", 'L'}},      {"cm", {"cm", 'L'}},        {"mm", {"mm", 'L'}},
      {"feet", {"ft", 'L'}},       {"foot", {"ft", 'L'}},      {"ft", {"ft", 'L'}},
      {"yards", {"yd", 'L'}},      {"kg", {"kg", 'W'}},        {"kilogram", {"kg", 'W'}},
      {"kilograms", {"kg", 'W'}},  {"kilos", {"kg", 'W'}},     {"tonne", {"t", 'W'}},
      {"tonnes", {"t", 'W'}},      {"ton", {"t", 'W'}},        {"tons", {"t", 'W'}},
      {"lb", {"lb", 'W'}},         {"lbs", {"lb", 'W'}},       {"percent", {"%", 'P'}},
      {"pct", {"%", 'P'}},         {"dollars", {"USD", 'C'}},  {"dollar", {"USD", 'C'}},
      {"euros", {"EUR", 'C'}},     {"euro", {"EUR", 'C'}},     {"hryvnias", {"UAH", 'C'}},
      {"hryvnia", {"UAH", 'C'}},   {"roubles", {"RUB", 'C'}},  {"rubles", {"RUB", 'C'}},
      {"hectares", {"ha", 'A'}},   {"hectare", {"ha", 'A'}},   {"litres", {"l", 'X'}},
      {"liters", {"l", 'X'}},      {"barrels", {"bbl", 'X'}},  {"times", {"x", 'X'}},
      {"mph", {"mph", 'X'}},       {"kph", {"km/h", 'X'}},     {"degrees", {"deg", 'X'}},
  };
  for (const U& u : kUnits) {
    if (u.word == w) {
      return u.info;
    }
  }
  return std::nullopt;
}

// Words that end a noun phrase after a number.
bool IsStopWord(std::string_view w) {
  static constexpr std::string_view kStop[] = {
      "a",       "an",        "the",   "of",     "in",       "on",     "at",     "to",
      "from",    "by",        "for",   "with",   "and",      "or",     "but",    "were",
      "was",     "are",       "is",    "be",     "been",     "have",   "has",    "had",
      "will",    "would",     "could", "should", "may",      "might",  "can",    "who",
      "which",   "that",      "this",  "these",  "those",    "it",     "they",   "them",
      "their",   "his",       "her",   "its",    "our",      "we",     "he",     "she",
      "i",       "you",       "not",   "no",     "as",       "than",   "more",   "less",
      "into",    "over",      "under", "per",    "each",     "every",  "said",   "says",
      "say",     "according", "so",    "if",     "while",    "when",   "where",  "there",
      "here",    "some",      "many",  "all",    "both",     "also",   "still",  "just",
      "only",    "very",      "such",  "out",    "up",       "down",   "off",    "about",
      "after",   "before",    "since", "during", "between",  "across", "around", "near",
      "against", "did",       "do",    "does",   "get",      "got",    "go",     "went",
      "run",     "came",      "come",  "remain", "remained", "left",   "had",    "now",
      "then",    "including", "among", "away",   "ago",      "again",  "other",
  };
  for (std::string_view x : kStop) {
    if (w == x) {
      return true;
    }
  }
  return false;
}

// Participles and verbs that say what happened to what is counted.
bool IsOutcome(std::string_view w) {
  return In(w, {"killed",    "wounded",  "injured",     "hurt",        "dead",      "died",
                "captured",  "detained", "arrested",    "displaced",   "evacuated", "missing",
                "destroyed", "damaged",  "shot",        "abducted",    "executed",  "deported",
                "rescued",   "freed",    "released",    "lost",        "downed",    "seized",
                "fired",     "launched", "intercepted", "buried",      "stranded",  "trapped",
                "taken",     "found",    "held",        "slaughtered", "surrounded"});
}

bool IsAux(std::string_view w) {
  return In(w, {"were", "was", "are", "is", "been", "have", "has", "had", "being", "be",
                "reportedly", "all", "also", "later", "allegedly", "already", "now"});
}

class QuantityFinder {
 public:
  QuantityFinder(const Lexed& lexed, std::vector<bool> in_time)
      : L_(lexed), in_time_(std::move(in_time)), n_(lexed.toks.size()) {}

  void Run(size_t begin, size_t end, std::vector<Quantity>& out);

 private:
  const Tok& T(size_t i) const { return L_.toks[i]; }
  bool IsWord(size_t i) const { return i < n_ && T(i).kind == Kind::kWord; }
  bool IsNum(size_t i) const { return i < n_ && T(i).kind == Kind::kNumber; }
  bool IsP(size_t i, char c) const {
    return i < n_ && T(i).kind == Kind::kPunct && T(i).punct == c;
  }
  bool Glued(size_t i) const { return i < n_ && !T(i).space_before; }
  std::string_view Lw(size_t i) const { return i < n_ ? L_.Lower(T(i)) : std::string_view(); }
  bool W(size_t i, std::string_view w) const { return IsWord(i) && Lw(i) == w; }

  // Currency sign at i ("$", "£", "€", "US$"); returns the code and sets *end.
  std::string_view CurrencyAt(size_t i, size_t* end) const;
  // Unit at i (after a number at i-1); sets *end.
  std::optional<UnitInfo> UnitAt(size_t i, size_t* end) const;
  bool LooksLikeId(const NumberSpan& num) const;
  // Rate at i: "a day", "per week", "each month", "daily".
  std::string RateAt(size_t i, size_t* end) const;
  // Noun phrase after a figure; returns the words and sets *end.
  std::string NounPhrase(size_t i, size_t* end) const;

  bool Match(size_t i, size_t limit, Quantity* q, size_t* end) const;

  const Lexed& L_;
  std::vector<bool> in_time_;
  size_t n_;
};

std::string_view QuantityFinder::CurrencyAt(size_t i, size_t* end) const {
  if (i >= n_) {
    return "";
  }
  if (T(i).kind == Kind::kPunct) {
    std::string_view s = L_.Text(T(i));
    if (s == "$") {
      *end = i + 1;
      return "USD";
    }
    if (s == "\xC2\xA3") {
      *end = i + 1;
      return "GBP";
    }
    if (s == "\xE2\x82\xAC") {
      *end = i + 1;
      return "EUR";
    }
    return "";
  }
  if (W(i, "us") && IsP(i + 1, '$') && Glued(i + 1)) {
    *end = i + 2;
    return "USD";
  }
  return "";
}

std::optional<UnitInfo> QuantityFinder::UnitAt(size_t i, size_t* end) const {
  if (i >= n_) {
    return std::nullopt;
  }
  if (IsP(i, '%')) {
    *end = i + 1;
    return UnitInfo{"%", 'P'};
  }
  if (!IsWord(i)) {
    return std::nullopt;
  }
  std::string_view w = Lw(i);
  if (w == "per" && W(i + 1, "cent")) {
    *end = i + 2;
    return UnitInfo{"%", 'P'};
  }
  if ((w == "square" || w == "sq") && IsWord(i + 1)) {
    size_t k = i + 1;
    if (IsP(k, '.')) {
      ++k;
    }
    auto u = UnitWord(Lw(k));
    if (u && u->dim == 'L') {
      *end = k + 1;
      if (u->unit == "km") {
        return UnitInfo{"km2", 'A'};
      }
      if (u->unit == "mi") {
        return UnitInfo{"mi2", 'A'};
      }
      return UnitInfo{"m2", 'A'};
    }
    return std::nullopt;
  }
  // A one-letter "m" is metres only when glued to the number ("40m"); "t" likewise.
  if ((w == "m" || w == "t") && !Glued(i)) {
    return std::nullopt;
  }
  if (w == "m" && Glued(i)) {
    *end = i + 1;
    return UnitInfo{"m", 'L'};
  }
  if (w == "t" && Glued(i)) {
    *end = i + 1;
    return UnitInfo{"t", 'W'};
  }
  auto u = UnitWord(w);
  if (!u) {
    return std::nullopt;
  }
  // "km/h"
  if (u->unit == "km" && IsP(i + 1, '/') && W(i + 2, "h")) {
    *end = i + 3;
    return UnitInfo{"km/h", 'X'};
  }
  *end = i + 1;
  return u;
}

bool QuantityFinder::LooksLikeId(const NumberSpan& num) const {
  size_t b = num.begin;
  if (!IsNum(b)) {
    return false;
  }
  // Leading zeros and runs of bare numbers: phone numbers, codes ("0800 123 456").
  std::string_view digits = L_.Text(T(b));
  if (digits.size() > 1 && digits[0] == '0' && digits[1] != '.') {
    return true;
  }
  if (IsNum(b + 1) && num.end == b + 1) {
    return true;
  }
  if (b > 0 && IsNum(b - 1)) {
    return true;
  }
  // Glued to a word or a hyphenated word before: "Ka-50", "F16", "COVID-19", "T-72".
  if (b > 0 && Glued(b)) {
    if (IsWord(b - 1)) {
      return true;
    }
    if ((IsP(b - 1, '-') || IsP(b - 1, '/')) && b > 1 && IsWord(b - 2) && Glued(b - 1)) {
      return true;
    }
    if (IsP(b - 1, '#') && L_.Text(T(b - 1)) == "#") {
      return true;
    }
  }
  // "No. 5", "number 7", "#3"
  if (b > 1 && IsP(b - 1, '.') && W(b - 2, "no")) {
    return true;
  }
  if (b > 0 &&
      (W(b - 1, "number") || W(b - 1, "no") || W(b - 1, "route") || W(b - 1, "article") ||
       W(b - 1, "resolution") || W(b - 1, "flight") || W(b - 1, "page") || W(b - 1, "chapter") ||
       W(b - 1, "section") || W(b - 1, "version") || W(b - 1, "level") || W(b - 1, "brigade"))) {
    return true;
  }
  // A name right before the figure: "Highway 20", "Sector 7".
  if (b > 0 && IsWord(b - 1) && T(b - 1).upper && !T(b - 1).sentence_start) {
    std::string_view w = Lw(b - 1);
    if (!In(w, {"about", "some", "over", "nearly", "almost", "around", "only", "just",
                "approximately", "roughly"})) {
      return true;
    }
  }
  // Letters glued after: "3rd", "30s", "2nd"; units are read separately.
  size_t e = num.end;
  if (IsWord(e) && Glued(e)) {
    std::string_view w = Lw(e);
    size_t end = 0;
    if (!UnitAt(e, &end) && ScaleWord(w, true) == 0) {
      return true;
    }
  }
  return false;
}

std::string QuantityFinder::RateAt(size_t i, size_t* end) const {
  if (!IsWord(i)) {
    return "";
  }
  std::string_view w = Lw(i);
  if (In(w, {"daily", "weekly", "monthly", "annually", "hourly", "yearly"})) {
    *end = i + 1;
    return w == "daily"     ? "per day"
           : w == "weekly"  ? "per week"
           : w == "monthly" ? "per month"
           : w == "hourly"  ? "per hour"
                            : "per year";
  }
  if (In(w, {"a", "an", "per", "each", "every"}) && IsWord(i + 1)) {
    std::string_view u = Lw(i + 1);
    if (In(u, {"day", "week", "month", "year", "hour", "minute", "night"})) {
      *end = i + 2;
      return "per " + std::string(u);
    }
  }
  return "";
}

std::string QuantityFinder::NounPhrase(size_t i, size_t* end) const {
  std::string np;
  size_t k = i;
  int words = 0;
  while (words < 3 && IsWord(k)) {
    std::string_view w = Lw(k);
    if (IsStopWord(w) || IsOutcome(w)) {
      break;
    }
    bool pl = false;
    (void)pl;
    if (UnitWord(w)) {
      break;
    }
    // A capitalised word is an adjective only before a lower-case word ("Russian soldiers").
    if (T(k).upper && !(IsWord(k + 1) && !T(k + 1).upper && !IsStopWord(Lw(k + 1)))) {
      break;
    }
    if (w.size() > 2 && w.substr(w.size() - 2) == "ly") {
      break;  // adverbs
    }
    // Verbs in -ed other than the outcome list end the phrase ("21 remained").
    // unless an adjective before a noun ("armoured vehicles").
    if (w.size() > 4 && w.substr(w.size() - 2) == "ed" && words == 0 &&
        !(IsWord(k + 1) && !T(k + 1).upper && !IsStopWord(Lw(k + 1)) && !IsOutcome(Lw(k + 1)))) {
      break;
    }
    if (!np.empty()) {
      np += ' ';
    }
    np += L_.Text(T(k));
    if (!T(k).upper) {
      // keep the text's case for names, lower-case otherwise
    }
    ++words;
    ++k;
    // The phrase ends at its first plural noun: "two survivors | start digging".
    bool plural_head = (w.size() > 3 && w.back() == 's' && w[w.size() - 2] != 's') ||
                       In(w, {"people", "children", "men", "women", "police", "personnel", "staff",
                              "militia", "cattle", "aircraft", "infantry"});
    if (plural_head && !(IsP(k, '-') && Glued(k))) {
      break;
    }
    // "possessive" or hyphenated compound: "anti-tank missiles"
    if (IsP(k, '-') && Glued(k) && IsWord(k + 1) && Glued(k + 1)) {
      np += '-';
      np += L_.Text(T(k + 1));
      k += 2;
    }
  }
  *end = k;
  return np;
}

bool QuantityFinder::Match(size_t i, size_t limit, Quantity* q, size_t* end_out) const {
  size_t j = i;
  std::optional<Qualifier> qual = ParseQualifier(L_, j, limit);
  bool between = false;
  if (qual) {
    j = qual->end;
  } else if ((W(j, "between") || W(j, "from")) && j + 1 < limit) {
    between = true;
    ++j;
  }
  size_t cur_end = 0;
  std::string_view currency = CurrencyAt(j, &cur_end);
  if (!currency.empty()) {
    j = cur_end;
  }
  if (j >= limit || in_time_[j]) {
    return false;
  }
  auto num = ParseNumber(L_, j, limit, /*allow_m=*/!currency.empty());
  if (!num) {
    return false;
  }
  for (size_t k = num->begin; k < num->end; ++k) {
    if (in_time_[k]) {
      return false;
    }
  }
  if (LooksLikeId(*num)) {
    return false;
  }
  if (IsNum(j) && L_.Text(T(j)).find(':') != std::string_view::npos) {
    return false;
  }
  // A lone "one" (or "a") counts only with a unit or a casualty verb after it.
  bool lone_one = num->words && num->value <= 1 && !num->has_scale;  // "one", "zero"
  size_t e = num->end;
  std::optional<double> low, high;
  double value = num->value;
  // Ranges: "30-40", "100 to 200", "between 100 and 200".
  {
    size_t k = e;
    bool dash = IsP(k, '-') && (Glued(k) == Glued(k + 1));
    bool to = W(k, "to") || (between && W(k, "and")) || W(k, "or");
    if ((dash || to) && k + 1 < limit && !in_time_[k + 1]) {
      auto num2 = ParseNumber(L_, k + 1, limit, !currency.empty());
      if (num2 && num2->value > num->value && !num2->vague && !num->vague &&
          (num2->words == num->words || dash)) {
        low = num->value;
        high = num2->value;
        // "1.5 to 2 million": the scale of the second applies to the first.
        if (num2->scale > 1 && !num->has_scale && num->value < num2->value / num2->scale) {
          low = num->value * num2->scale;
        }
        e = num2->end;
        lone_one = false;
      }
    }
  }
  if (between && !low) {
    return false;
  }
  // "52-48", "3-1": a score or a vote, not an amount.
  if (!low && IsP(e, '-') && Glued(e) && IsNum(e + 1) && Glued(e + 1)) {
    return false;
  }
  if (!low && j > 0 && IsP(j - 1, '-') && Glued(j) && IsNum(j - 2) && Glued(j - 1)) {
    return false;
  }
  if (IsP(e, '-') && Glued(e) && IsWord(e + 1) && Glued(e + 1)) {
    // Compound modifiers: "six-man squad"; ages "37-year-old"; units "90-km front".
    std::string_view w = Lw(e + 1);
    if (w == "year" && IsP(e + 2, '-') && W(e + 3, "old")) {
      q->value = value;
      q->about = "age";
      q->start = T(i).start;
      q->end = T(e + 3).end;
      *end_out = e + 4;
      return true;
    }
    size_t ue = 0;
    if (!UnitAt(e + 1, &ue)) {
      return false;
    }
  }
  // Unit.
  std::optional<std::string> unit;
  char dim = 0;
  if (!currency.empty()) {
    unit = std::string(currency);
    dim = 'C';
  }
  {
    size_t k = e;
    if (IsP(k, '-') && Glued(k)) {
      ++k;
    }
    size_t ue = 0;
    if (auto u = UnitAt(k, &ue)) {
      if (!(u->dim == 'C' && unit)) {
        unit = std::string(u->unit);
        dim = u->dim;
        e = ue;
      }
    }
  }
  if (lone_one && !unit) {
    // "one soldier was killed"
    size_t k = e;
    size_t npe = 0;
    std::string np = NounPhrase(k, &npe);
    size_t m = npe;
    while (IsWord(m) && IsAux(Lw(m))) {
      ++m;
    }
    if (np.empty() || !IsWord(m) || !IsOutcome(Lw(m))) {
      return false;
    }
  }
  // Durations are the time extractor's; a figure right before a time unit is not counted.
  if (!unit && IsWord(e)) {
    std::string_view w = Lw(e);
    if (In(w, {"second", "seconds", "minute", "minutes", "hour", "hours", "day", "days", "week",
               "weeks", "month", "months", "year", "years", "decade", "decades"})) {
      return false;
    }
    if (In(w, {"st", "nd", "rd", "th"}) && Glued(e)) {
      return false;
    }
  }
  size_t span_end = e;
  // Conversion in brackets: "90 km (55 miles)".
  std::optional<double> conv_value;
  std::optional<std::string> conv_unit;
  if (unit && IsP(e, '(')) {
    size_t k = e + 1;
    if (auto q2 = ParseQualifier(L_, k, limit)) {
      k = q2->end;
    }
    size_t ce = 0;
    std::string_view cur2 = CurrencyAt(k, &ce);
    if (!cur2.empty()) {
      k = ce;
    }
    auto n2 = ParseNumber(L_, k, limit, !cur2.empty());
    if (n2) {
      size_t ue = 0;
      auto u2 = UnitAt(n2->end, &ue);
      std::optional<UnitInfo> cu;
      if (!cur2.empty()) {
        cu = UnitInfo{cur2, 'C'};
        ue = n2->end;
        if (u2 && u2->dim == 'C') {
          cu = u2;
        }
      } else {
        cu = u2;
      }
      if (cu && cu->dim == dim && IsP(ue, ')')) {
        conv_value = n2->value;
        conv_unit = std::string(cu->unit);
        e = ue + 1;
        span_end = e;
      }
    }
  }
  // Rate right after: "1 km a week", "100 casualties per day".
  std::optional<std::string> rate;
  size_t re = 0;
  if (std::string r = RateAt(e, &re); !r.empty()) {
    rate = r;
    e = re;
    span_end = e;
  }
  // What is counted.
  std::optional<std::string> about;
  {
    size_t k = e;
    if (unit && *unit == "%" && W(k, "of")) {
      ++k;
      if (IsWord(k) && In(Lw(k), {"the", "its", "their", "his", "her", "our", "all"})) {
        ++k;
      }
    } else if (!unit || dim == 'C') {
      while (IsWord(k) &&
             In(Lw(k), {"more", "other", "additional", "further", "extra", "fewer", "new", "of"})) {
        if (W(k, "of")) {
          // "dozens of bodies", "ten of my friends"; not "three of them"
          if (IsWord(k + 1) &&
              In(Lw(k + 1), {"them", "us", "these", "those", "whom", "which", "it"})) {
            break;
          }
          ++k;
          if (IsWord(k) && In(Lw(k), {"the", "my", "his", "her", "their", "our", "its", "your"})) {
            ++k;
          }
          break;
        }
        ++k;
      }
    }
    size_t npe = k;
    std::string np;
    if ((!unit || dim == 'C' || (*unit == "%" && k > e)) && k < limit) {
      np = NounPhrase(k, &npe);
    }
    if (!np.empty() && npe <= limit) {
      about = np;
      span_end = std::max(span_end, npe);
      // Rate after the phrase: "1,000 soldiers a day".
      if (!rate) {
        if (std::string r = RateAt(npe, &re); !r.empty()) {
          rate = r;
          span_end = re;
        }
      }
    }
    // What happened to them: "three people were killed", "50 comrades killed".
    size_t m = np.empty() ? k : npe;
    if (!(np.empty() && unit)) {
      while (IsWord(m) && IsAux(Lw(m)) && m < limit) {
        ++m;
      }
      if (IsWord(m) && IsOutcome(Lw(m))) {
        std::string verb(Lw(m));
        // "dead and injured", "killed or wounded"
        if (IsWord(m + 1) && (W(m + 1, "and") || W(m + 1, "or")) && IsWord(m + 2) &&
            IsOutcome(Lw(m + 2))) {
          verb += " " + std::string(Lw(m + 1)) + " " + std::string(Lw(m + 2));
        }
        about = np.empty() ? verb : np + " " + verb;
      } else if (!np.empty()) {
        // "killed at least three people"
        size_t before = i;
        if (before > 0 && IsWord(before - 1) && IsOutcome(Lw(before - 1)) &&
            Lw(before - 1) != "dead") {
          about = np + " " + std::string(Lw(before - 1));
        }
      }
    }
  }
  // Ages: "Ivan, 37," - a name, a comma, a small whole number, a comma.
  if (!unit && !about && !low && num->plain_integer && value >= 1 && value <= 110 && i == j &&
      i > 1 && IsP(i - 1, ',') && IsWord(i - 2) && T(i - 2).upper &&
      (IsP(e, ',') || IsP(e, ')') || (IsP(e, '.') && true))) {
    about = "age";
  }
  if (W(e, "years") && W(e + 1, "old")) {
    about = "age";
  }
  q->value = low ? *low : value;
  q->low = low;
  q->high = high;
  q->unit = unit;
  q->about = about;
  q->rate = rate;
  q->converted_value = conv_value;
  q->converted_unit = conv_unit;
  if (qual) {
    q->qualifier = std::string(qual->canonical);
    q->qualifier_text = std::string(qual->cue);
  } else if (num->vague) {
    q->qualifier = "at least";
    q->qualifier_text = std::string(L_.Lower(T(num->begin)));
  }
  size_t first = between ? i : (qual ? qual->begin : (currency.empty() ? j : i));
  if (!currency.empty() && !qual && !between) {
    first = i;
  }
  q->start = T(first).start;
  q->end = T(span_end - 1).end;
  *end_out = span_end;
  return true;
}

// Words that can start a quantity: number words, qualifiers, "between"/"from", "us" ($).
bool NumberTrigger(std::string_view w) {
  static const std::unordered_set<std::string_view>* const kWords = [] {
    auto* s = new std::unordered_set<std::string_view>{
        "a",         "an",       "one",      "two",       "three",   "four",
        "five",      "six",      "seven",    "eight",     "nine",    "ten",
        "eleven",    "twelve",   "thirteen", "fourteen",  "fifteen", "sixteen",
        "seventeen", "eighteen", "nineteen", "twenty",    "thirty",  "forty",
        "fifty",     "sixty",    "seventy",  "eighty",    "ninety",  "zero",
        "dozen",     "dozens",   "hundreds", "thousands", "tens",    "millions",
        "billions",  "more",     "over",     "upwards",   "in",      "above",
        "at",        "no",       "not",      "about",     "around",  "approximately",
        "approx",    "roughly",  "some",     "estimated", "close",   "circa",
        "nearly",    "almost",   "just",     "up",        "as",      "less",
        "fewer",     "under",    "well",     "between",   "from",    "us"};
    return s;
  }();
  return kWords->count(w) > 0;
}

void QuantityFinder::Run(size_t begin, size_t end, std::vector<Quantity>& out) {
  for (size_t i = begin; i < end; ++i) {
    if (in_time_[i]) {
      continue;
    }
    const Tok& t = T(i);
    if (t.kind == Kind::kPunct && t.punct != '$' && t.punct != '#') {
      continue;
    }
    if (t.kind == Kind::kWord && !NumberTrigger(L_.Lower(t))) {
      continue;
    }
    Quantity q;
    size_t e = 0;
    if (Match(i, end, &q, &e)) {
      q.text = std::string(L_.text.substr(q.start, q.end - q.start));
      out.push_back(std::move(q));
      i = e - 1;
    }
  }
}

std::vector<Quantity> QuantitiesInSentences(const Document& doc, const text::DocText& text,
                                            const Lexed& lexed, std::vector<bool> in_time) {
  std::vector<Quantity> out;
  QuantityFinder finder(lexed, std::move(in_time));
  for (const text::Sentence& sent : text.sentences) {
    if (sent.end > doc.text.size() || sent.start >= sent.end) {
      continue;
    }
    const lex::TokenRange range = lex::TokensIn(lexed, sent.start, sent.end);
    finder.Run(range.first, range.last, out);
  }
  for (Quantity& q : out) {
    q.doc = doc.id;
  }
  return out;
}

}  // namespace

std::vector<Quantity> ExtractQuantitiesFromText(std::string_view text) {
  lex::Lexed lexed = lex::Lex(text);
  QuantityFinder finder(lexed, internal::TimeTokensInLexed(lexed));
  std::vector<Quantity> out;
  finder.Run(0, lexed.toks.size(), out);
  return out;
}

std::vector<Quantity> ExtractQuantities(const Document& doc, const text::DocText& text) {
  if (text.sentences.empty()) {
    return {};
  }
  const lex::Lexed lexed = lex::Lex(doc.text);
  return QuantitiesInSentences(doc, text, lexed, internal::TimeTokensInLexed(lexed));
}

TimesAndQuantities ExtractTimesAndQuantities(const Document& doc, const text::DocText& text) {
  TimesAndQuantities out;
  if (text.sentences.empty()) {
    return out;
  }
  const lex::Lexed lexed = lex::Lex(doc.text);
  std::vector<bool> time_tokens;
  out.times = internal::ExtractTimesInLexed(doc, text, lexed, &time_tokens);
  out.quantities = QuantitiesInSentences(doc, text, lexed, std::move(time_tokens));
  return out;
}

}  // namespace sitrep::extract
