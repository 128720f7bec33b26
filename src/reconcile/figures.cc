#include "reconcile/figures.h"

#include <algorithm>
#include <cctype>
#include <limits>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace sitrep::reconcile {
namespace {

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

bool IsFigureStopWord(std::string_view w) {
  static const std::unordered_set<std::string_view> kStop = {
      "the",   "a",      "an",        "of",       "in",        "on",     "at",   "to",
      "by",    "for",    "and",       "or",       "were",      "was",    "been", "have",
      "has",   "had",    "be",        "are",      "is",        "who",    "that", "which",
      "their", "its",    "since",     "so",       "far",       "total",  "more", "than",
      "least", "about",  "some",      "around",   "nearly",    "almost", "over", "up",
      "some",  "number", "estimated", "reported", "confirmed", "all",    "other"};
  return kStop.contains(w);
}

// Folds inflections and near-synonyms of what conflict figures count.
std::string_view Fold(std::string_view w) {
  static const std::unordered_map<std::string_view, std::string_view> kFold = {
      {"killed", "killed"},      {"kill", "killed"},         {"killing", "killed"},
      {"dead", "killed"},        {"died", "killed"},         {"die", "killed"},
      {"death", "killed"},       {"life", "killed"},         {"fatality", "killed"},
      {"body", "killed"},        {"slain", "killed"},        {"perished", "killed"},
      {"wounded", "wounded"},    {"injured", "wounded"},     {"injury", "wounded"},
      {"hurt", "wounded"},       {"wound", "wounded"},       {"person", "people"},
      {"people", "people"},      {"displaced", "displaced"}, {"fled", "displaced"},
      {"refugee", "displaced"},  {"evacuated", "evacuated"}, {"evacuee", "evacuated"},
      {"soldier", "soldier"},    {"troop", "soldier"},       {"serviceman", "soldier"},
      {"servicemen", "soldier"}, {"fighter", "militant"},    {"militant", "militant"},
      {"combatant", "militant"}, {"insurgent", "militant"},  {"jihadist", "militant"},
      {"resident", "civilian"},  {"inhabitant", "civilian"}, {"villager", "civilian"}};
  auto it = kFold.find(w);
  return it == kFold.end() ? w : it->second;
}

}  // namespace

std::string Singular(std::string_view w) {
  static const std::unordered_map<std::string_view, std::string_view> kIrregular = {
      {"children", "child"},  {"men", "man"},      {"women", "woman"},
      {"people", "people"},   {"lives", "life"},   {"servicemen", "serviceman"},
      {"feet", "foot"},       {"bodies", "body"},  {"casualties", "casualty"},
      {"injuries", "injury"}, {"deaths", "death"}, {"news", "news"}};
  auto it = kIrregular.find(w);
  if (it != kIrregular.end()) return std::string(it->second);
  const size_t n = w.size();
  if (n > 4 && w.ends_with("ies")) return std::string(w.substr(0, n - 3)) + "y";
  if (n > 4 &&
      (w.ends_with("sses") || w.ends_with("ches") || w.ends_with("shes") || w.ends_with("xes"))) {
    return std::string(w.substr(0, n - 2));
  }
  if (n > 3 && w.back() == 's' && !w.ends_with("ss") && !w.ends_with("us") && !w.ends_with("is")) {
    return std::string(w.substr(0, n - 1));
  }
  return std::string(w);
}

namespace {

// Words that say what happened to those counted (kept in the key whatever their place).
bool IsOutcome(std::string_view folded) {
  return folded == "killed" || folded == "wounded" || folded == "displaced" ||
         folded == "evacuated" || folded == "missing" || folded == "captured" ||
         folded == "arrested" || folded == "detained" || folded == "rescued";
}

// "Russian", "Ukrainian", "Iraqi", "Kurdish", "Chinese", "Afghan": a capitalized word with a
// demonym ending names whose the counted are, and keeps "Russian soldiers" apart from
// "Ukrainian soldiers". Other modifiers ("Islamic State fighters", "young men") are dropped.
bool IsDemonym(std::string_view word) {
  if (word.empty() || !std::isupper(static_cast<unsigned char>(word[0]))) return false;
  return word.ends_with("ian") || word.ends_with("an") || word.ends_with("ese") ||
         word.ends_with("ish") || word.ends_with("i") || word.ends_with("ch");
}

// Whether `lower` occurs capitalized in `text` as a whole word.
std::string CapitalizedIn(std::string_view text, std::string_view lower) {
  for (size_t at = 0; at + lower.size() <= text.size(); ++at) {
    bool match = true;
    for (size_t k = 0; k < lower.size() && match; ++k) {
      match = std::tolower(static_cast<unsigned char>(text[at + k])) == lower[k];
    }
    if (!match) continue;
    const bool left = at == 0 || !std::isalpha(static_cast<unsigned char>(text[at - 1]));
    const size_t end = at + lower.size();
    const bool right = end >= text.size() || !std::isalpha(static_cast<unsigned char>(text[end]));
    if (left && right) return std::string(text.substr(at, lower.size()));
  }
  return "";
}

}  // namespace

std::string CanonicalAbout(std::string_view about, std::string_view surface) {
  const std::string lower = Lower(about);
  struct Word {
    std::string folded;
    std::string original;
  };
  std::vector<Word> words;
  size_t i = 0;
  while (i < lower.size()) {
    while (i < lower.size() && !std::isalpha(static_cast<unsigned char>(lower[i]))) ++i;
    size_t j = i;
    while (j < lower.size() &&
           (std::isalpha(static_cast<unsigned char>(lower[j])) || lower[j] == '-')) {
      ++j;
    }
    if (j > i) {
      std::string_view w(lower.data() + i, j - i);
      if (!IsFigureStopWord(w) && w.size() > 1) {
        std::string original(about.substr(i, j - i));
        if (!std::isupper(static_cast<unsigned char>(original[0]))) {
          const std::string in_surface = CapitalizedIn(surface, w);
          if (!in_surface.empty()) original = in_surface;
        }
        words.push_back({std::string(Fold(Singular(w))), std::move(original)});
      }
    }
    i = j;
    if (i < lower.size() && lower[i] == '\'') {  // skip a possessive or contraction tail
      ++i;
      while (i < lower.size() && std::isalpha(static_cast<unsigned char>(lower[i]))) ++i;
    }
  }
  // The head is the last word that is not an outcome; outcomes and demonyms stay too.
  int head = -1;
  for (int k = static_cast<int>(words.size()) - 1; k >= 0 && head < 0; --k) {
    if (!IsOutcome(words[k].folded)) head = k;
  }
  std::vector<std::string> keep;
  for (int k = 0; k < static_cast<int>(words.size()); ++k) {
    if (k == head || IsOutcome(words[k].folded)) {
      keep.push_back(words[k].folded);
    } else if (IsDemonym(words[k].original)) {
      keep.push_back(Lower(words[k].original));
    }
  }
  std::sort(keep.begin(), keep.end());
  keep.erase(std::unique(keep.begin(), keep.end()), keep.end());
  std::string key;
  for (const std::string& w : keep) {
    if (!key.empty()) key += ' ';
    key += w;
  }
  return key;
}

ValueRange FigureRange(const Quantity& q, double m) {
  constexpr double kInf = std::numeric_limits<double>::infinity();
  if (q.low && q.high) return {std::min(*q.low, *q.high), std::max(*q.low, *q.high)};
  const double v = q.value;
  // The words as written say more than the four contract qualifiers ("nearly" is filed
  // under "up to" but means just below).
  const std::optional<std::string>& written = q.qualifier_text ? q.qualifier_text : q.qualifier;
  if (!written) return {v, v};
  const std::string qual = Lower(*written);
  if (qual == "about" || qual == "around" || qual == "some" || qual == "roughly" ||
      qual == "approximately" || qual == "an estimated" || qual == "estimated" ||
      qual == "approx" || qual == "circa") {
    return {v * (1 - m), v * (1 + m)};
  }
  if (qual == "nearly" || qual == "almost" || qual == "just under" || qual == "close to") {
    return {v * (1 - m), v};
  }
  if (qual == "at least" || qual == "more than" || qual == "dozens" || qual == "hundreds" ||
      qual == "thousands" || qual == "scores" || qual == "over" || qual == "above" ||
      qual == "in excess of" || qual == "upwards of" || qual == "no fewer than" ||
      qual == "no less than") {
    return {v, kInf};
  }
  if (qual == "up to" || qual == "as many as") return {v * (1 - m), v};  // an upper estimate
  if (qual == "fewer than" || qual == "less than" || qual == "at most" || qual == "under" ||
      qual == "below" || qual == "no more than") {
    return {0, v};
  }
  // A qualifier not known here: fall back to the contract value.
  if (q.qualifier && written != q.qualifier) {
    Quantity plain = q;
    plain.qualifier_text.reset();
    return FigureRange(plain, m);
  }
  return {v, v};
}

bool FiguresConflict(const Quantity& a, const Quantity& b, double tolerance, double about_margin) {
  const ValueRange ra = FigureRange(a, about_margin);
  const ValueRange rb = FigureRange(b, about_margin);
  const double t = std::max(0.0, tolerance);
  // The gap between the two intervals, relative to the larger value at its edge.
  if (ra.hi < rb.lo) return rb.lo - ra.hi > t * rb.lo;
  if (rb.hi < ra.lo) return ra.lo - rb.hi > t * ra.lo;
  return false;
}

}  // namespace sitrep::reconcile
