#include "extract/number_words.h"

#include <array>
#include <string>

namespace sitrep::extract {
namespace {

struct WordValue {
  std::string_view word;
  int value;
};

constexpr std::array<WordValue, 29> kCardinals = {{
    {"zero", 0},     {"one", 1},      {"two", 2},        {"three", 3},     {"four", 4},
    {"five", 5},     {"six", 6},      {"seven", 7},      {"eight", 8},     {"nine", 9},
    {"ten", 10},     {"eleven", 11},  {"twelve", 12},    {"thirteen", 13}, {"fourteen", 14},
    {"fifteen", 15}, {"sixteen", 16}, {"seventeen", 17}, {"eighteen", 18}, {"nineteen", 19},
    {"twenty", 20},  {"thirty", 30},  {"forty", 40},     {"fifty", 50},    {"sixty", 60},
    {"seventy", 70}, {"eighty", 80},  {"ninety", 90},    {"dozen", 12},
}};

constexpr std::array<WordValue, 20> kOrdinals = {{
    {"first", 1},       {"second", 2},     {"third", 3},       {"fourth", 4},
    {"fifth", 5},       {"sixth", 6},      {"seventh", 7},     {"eighth", 8},
    {"ninth", 9},       {"tenth", 10},     {"eleventh", 11},   {"twelfth", 12},
    {"thirteenth", 13}, {"fifteenth", 15}, {"twentieth", 20},  {"thirtieth", 30},
    {"fourteenth", 14}, {"sixteenth", 16}, {"eighteenth", 18}, {"nineteenth", 19},
}};

bool IsWord(const lex::Lexed& L, size_t i, size_t limit) {
  return i < limit && L.toks[i].kind == lex::Kind::kWord;
}
bool IsGluedHyphen(const lex::Lexed& L, size_t i, size_t limit) {
  return i + 1 < limit && L.toks[i].kind == lex::Kind::kPunct && L.toks[i].punct == '-' &&
         !L.toks[i].space_before && !L.toks[i + 1].space_before;
}

// Vague plural of a scale: "dozens" -> 12, "hundreds" -> 100 ...; the floor is 2x.
double VaguePlural(std::string_view w) {
  if (w == "dozens") return 12;
  if (w == "hundreds") return 100;
  if (w == "thousands") return 1e3;
  if (w == "millions") return 1e6;
  if (w == "billions") return 1e9;
  return 0;
}

}  // namespace

int CardinalWord(std::string_view lower) {
  for (const auto& wv : kCardinals) {
    if (wv.word == lower) return wv.value;
  }
  return -1;
}

double ScaleWord(std::string_view w, bool allow_m) {
  if (w == "hundred") return 100;
  if (w == "thousand") return 1e3;
  if (w == "million" || w == "mln" || w == "mn") return 1e6;
  if (w == "m" && allow_m) return 1e6;
  if (w == "billion" || w == "bn" || w == "bln") return 1e9;
  if (w == "trillion" || w == "tn") return 1e12;
  return 0;
}

int OrdinalWord(std::string_view lower) {
  for (const auto& wv : kOrdinals) {
    if (wv.word == lower) return wv.value;
  }
  return 0;
}

double NumberTokenValue(std::string_view digits) {
  double v = 0;
  double frac = 0;
  double scale = 1;
  bool after_point = false;
  for (char c : digits) {
    if (c >= '0' && c <= '9') {
      if (after_point) {
        scale /= 10;
        frac += (c - '0') * scale;
      } else {
        v = v * 10 + (c - '0');
      }
    } else if (c == '.') {
      after_point = true;
    } else if (c == ':') {
      break;
    }
  }
  return v + frac;
}

std::optional<NumberSpan> ParseNumber(const lex::Lexed& L, size_t i, size_t limit, bool allow_m) {
  if (i >= limit) return std::nullopt;
  const lex::Tok& t = L.toks[i];
  NumberSpan ns;
  ns.begin = i;
  if (t.kind == lex::Kind::kNumber) {
    std::string_view digits = L.Text(t);
    if (digits.find(':') != std::string_view::npos) return std::nullopt;
    ns.value = NumberTokenValue(digits);
    ns.end = i + 1;
    bool separator = digits.find_first_of(",.") != std::string_view::npos;
    size_t point = digits.find('.');
    ns.int_digits = static_cast<int>(point == std::string_view::npos ? digits.size() : point);
    // Scale: "1.5 million", glued "3bn" or, after a currency sign, "5m".
    if (ns.end < limit && L.toks[ns.end].kind == lex::Kind::kWord) {
      double s = ScaleWord(L.Lower(L.toks[ns.end]), allow_m && !L.toks[ns.end].space_before);
      if (s > 0 && (L.toks[ns.end].space_before || s >= 1e6)) {
        ns.value *= s;
        ns.scale = s;
        ns.has_scale = true;
        ++ns.end;
      }
    }
    ns.plain_integer = !separator && !ns.has_scale;
    return ns;
  }
  if (t.kind != lex::Kind::kWord) return std::nullopt;
  std::string_view w = L.Lower(t);

  // Vague plurals: "dozens", "hundreds of thousands", "tens of thousands".
  double vague = VaguePlural(w);
  if (vague > 0 || w == "tens") {
    size_t j = i + 1;
    double base = vague > 0 ? vague : 10;
    // "tens/hundreds of thousands": the second plural multiplies.
    if (j + 1 < limit && L.Lower(L.toks[j]) == "of" && IsWord(L, j + 1, limit)) {
      double next = VaguePlural(L.Lower(L.toks[j + 1]));
      if (next >= 1e3) {
        base *= next;
        j += 2;
      }
    }
    if (vague == 0 && base == 10) return std::nullopt;  // bare "tens"
    ns.value = base * 2;
    ns.end = j;
    ns.words = true;
    ns.vague = true;
    return ns;
  }

  double total = 0;
  double current = 0;
  bool any = false;
  bool last_was_scale = false;
  size_t j = i;
  if (w == "a" || w == "an") {
    if (!IsWord(L, i + 1, limit)) return std::nullopt;
    std::string_view nw = L.Lower(L.toks[i + 1]);
    if (nw != "dozen" && ScaleWord(nw) == 0) return std::nullopt;
    if (nw == "mn" || nw == "bn" || nw == "tn" || nw == "mln" || nw == "bln") {
      return std::nullopt;
    }
    current = 1;
    j = i + 1;
  }
  while (IsWord(L, j, limit)) {
    std::string_view x = L.Lower(L.toks[j]);
    int c = CardinalWord(x);
    if (c >= 0 && x != "dozen") {
      if (any && !last_was_scale) break;  // "five six" is two numbers
      double add = c;
      size_t k = j + 1;
      // "twenty-six", "twenty six"
      if (c >= 20 && c % 10 == 0) {
        if (IsGluedHyphen(L, k, limit) && IsWord(L, k + 1, limit)) {
          int u = CardinalWord(L.Lower(L.toks[k + 1]));
          if (u >= 1 && u <= 9) {
            add += u;
            k += 2;
          }
        } else if (IsWord(L, k, limit)) {
          int u = CardinalWord(L.Lower(L.toks[k]));
          if (u >= 1 && u <= 9) {
            add += u;
            k += 1;
          }
        }
      }
      current += add;
      any = true;
      last_was_scale = false;
      j = k;
      continue;
    }
    if (x == "dozen") {
      current = (current == 0 ? 1 : current) * 12;
      any = true;
      last_was_scale = true;
      ++j;
      continue;
    }
    if (x == "hundred") {
      if (!any && current == 0) break;
      current = (current == 0 ? 1 : current) * 100;
      any = true;
      last_was_scale = true;
      ++j;
      continue;
    }
    double s = ScaleWord(x);
    if (s >= 1e3 && x != "mn" && x != "tn" && (any || current > 0)) {
      total += (current == 0 ? 1 : current) * s;
      current = 0;
      any = true;
      last_was_scale = true;
      ns.has_scale = true;
      ++j;
      continue;
    }
    if (x == "and" && last_was_scale && IsWord(L, j + 1, limit) &&
        CardinalWord(L.Lower(L.toks[j + 1])) > 0) {
      ++j;
      last_was_scale = true;
      continue;
    }
    break;
  }
  if (!any) return std::nullopt;
  ns.value = total + current;
  ns.end = j;
  ns.words = true;
  return ns;
}

namespace {

struct QualifierPhrase {
  std::string_view w1, w2, w3;  // lower-case words; empty = unused
  std::string_view canonical;
};

// Longer phrases first where they share a first word.
constexpr std::array<QualifierPhrase, 34> kQualifiers = {{
    {"more", "than", "", "more than"},   {"over", "", "", "more than"},
    {"upwards", "of", "", "more than"},  {"in", "excess", "of", "more than"},
    {"above", "", "", "more than"},      {"at", "least", "", "at least"},
    {"no", "fewer", "than", "at least"}, {"no", "less", "than", "at least"},
    {"not", "less", "than", "at least"}, {"a", "minimum", "of", "at least"},
    {"about", "", "", "about"},          {"around", "", "", "about"},
    {"approximately", "", "", "about"},  {"approx", "", "", "about"},
    {"roughly", "", "", "about"},        {"some", "", "", "about"},
    {"an", "estimated", "", "about"},    {"estimated", "", "", "about"},
    {"close", "to", "", "about"},        {"circa", "", "", "about"},
    {"nearly", "", "", "up to"},         {"almost", "", "", "up to"},
    {"just", "under", "", "up to"},      {"up", "to", "", "up to"},
    {"as", "many", "as", "up to"},       {"as", "much", "as", "up to"},
    {"at", "most", "", "up to"},         {"no", "more", "than", "up to"},
    {"not", "more", "than", "up to"},    {"less", "than", "", "up to"},
    {"fewer", "than", "", "up to"},      {"under", "", "", "up to"},
    {"just", "over", "", "more than"},   {"well", "over", "", "more than"},
}};

bool StartsNumber(const lex::Lexed& L, size_t i, size_t limit) {
  if (i >= limit) return false;
  const lex::Tok& t = L.toks[i];
  if (t.kind == lex::Kind::kNumber) return true;
  if (t.kind == lex::Kind::kPunct) return t.punct == '$';  // "over $5 million"
  std::string_view w = L.Lower(t);
  if (w == "a" || w == "an" || w == "several" || w == "half" || w == "dozens" || w == "hundreds" ||
      w == "thousands" || w == "tens" || w == "millions") {
    return true;
  }
  return CardinalWord(w) >= 0;
}

}  // namespace

std::optional<Qualifier> ParseQualifier(const lex::Lexed& L, size_t i, size_t limit) {
  if (i >= limit || L.toks[i].kind != lex::Kind::kWord) return std::nullopt;
  std::string_view w0 = L.Lower(L.toks[i]);
  for (const auto& q : kQualifiers) {
    if (q.w1 != w0) continue;
    size_t j = i + 1;
    if (!q.w2.empty()) {
      if (j >= limit || L.toks[j].kind != lex::Kind::kWord || L.Lower(L.toks[j]) != q.w2) {
        continue;
      }
      ++j;
    }
    if (!q.w3.empty()) {
      if (j >= limit || L.toks[j].kind != lex::Kind::kWord || L.Lower(L.toks[j]) != q.w3) {
        continue;
      }
      ++j;
    }
    if (!StartsNumber(L, j, limit)) continue;
    Qualifier out;
    out.canonical = q.canonical;
    out.cue =
        std::string_view(L.lower).substr(L.toks[i].start, L.toks[j - 1].end - L.toks[i].start);
    out.begin = i;
    out.end = j;
    return out;
  }
  return std::nullopt;
}

}  // namespace sitrep::extract
