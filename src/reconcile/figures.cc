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
      {"killed", "killed"},     {"kill", "killed"},         {"killing", "killed"},
      {"dead", "killed"},       {"died", "killed"},         {"die", "killed"},
      {"death", "killed"},      {"life", "killed"},         {"fatality", "killed"},
      {"body", "killed"},       {"slain", "killed"},        {"perished", "killed"},
      {"wounded", "wounded"},   {"injured", "wounded"},     {"injury", "wounded"},
      {"hurt", "wounded"},      {"wound", "wounded"},       {"person", "people"},
      {"people", "people"},     {"displaced", "displaced"}, {"fled", "displaced"},
      {"refugee", "displaced"}, {"evacuated", "evacuated"}, {"evacuee", "evacuated"},
      {"soldier", "soldier"},   {"troop", "soldier"},       {"serviceman", "soldier"},
      {"servicemen", "soldier"}};
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

std::string CanonicalAbout(std::string_view about) {
  const std::string lower = Lower(about);
  std::vector<std::string> words;
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
      if (!IsFigureStopWord(w) && !(w.size() == 1)) {
        std::string s = Singular(w);
        words.emplace_back(Fold(s));
      }
    }
    // Skip a possessive or contraction tail.
    i = j;
    if (i < lower.size() && lower[i] == '\'') {
      ++i;
      while (i < lower.size() && std::isalpha(static_cast<unsigned char>(lower[i]))) ++i;
    }
  }
  // "casualty" alone counts killed and wounded together; it keys on its own.
  std::sort(words.begin(), words.end());
  words.erase(std::unique(words.begin(), words.end()), words.end());
  std::string key;
  for (const std::string& w : words) {
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
  if (qual == "up to" || qual == "fewer than" || qual == "less than" || qual == "at most" ||
      qual == "under" || qual == "below" || qual == "no more than") {
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
