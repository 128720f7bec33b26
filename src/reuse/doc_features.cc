#include "reuse/doc_features.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <string>
#include <unordered_map>
#include <unordered_set>

#include "base/hash.h"
#include "reuse/facts.h"

namespace sitrep::reuse {
namespace {

constexpr std::string_view kStopwords[] = {
    "a",       "about",   "above",   "after",    "again",      "against", "all",      "also",
    "am",      "an",      "and",     "any",      "are",        "as",      "at",       "be",
    "because", "been",    "before",  "being",    "below",      "between", "both",     "but",
    "by",      "can",     "could",   "did",      "do",         "does",    "doing",    "down",
    "during",  "each",    "for",     "from",     "further",    "had",     "has",      "have",
    "having",  "he",      "her",     "here",     "hers",       "herself", "him",      "himself",
    "his",     "how",     "i",       "if",       "in",         "into",    "is",       "it",
    "its",     "itself",  "just",    "me",       "more",       "most",    "my",       "myself",
    "no",      "nor",     "not",     "now",      "of",         "off",     "on",       "once",
    "or",      "other",   "our",     "ours",     "ourselves",  "out",     "over",     "own",
    "same",    "she",     "should",  "so",       "some",       "such",    "than",     "that",
    "the",     "their",   "theirs",  "them",     "themselves", "then",    "there",    "these",
    "they",    "this",    "those",   "through",  "to",         "too",     "under",    "until",
    "up",      "very",    "was",     "we",       "were",       "what",    "when",     "where",
    "which",   "while",   "who",     "whom",     "why",        "will",    "with",     "would",
    "you",     "your",    "yours",   "yourself", "'s",         "s",       "t",        "n't",
    "said",    "says",    "say",     "told",     "according",  "mr",      "mrs",      "ms",
    "dr",      "there's", "it's",    "he's",     "she's",      "that's",  "they're",  "we're",
    "i'm",     "you're",  "don't",   "didn't",   "doesn't",    "won't",   "can't",    "isn't",
    "aren't",  "wasn't",  "weren't", "hasn't",   "haven't",    "hadn't",  "would've", "also",
    "yet",     "however", "though",  "although", "within",     "upon",    "onto",     "per",
    "via",     "among",   "amongst", "whether",  "since",      "around",  "toward",   "towards",
    "across",  "along",   "amid",    "despite",  "may",        "might",   "must",     "shall",
    "let",     "us",      "one's",   "whose",    "ever",       "even",    "still",    "already",
    "like",    "get",
};

const std::unordered_set<std::string_view>& StopwordSet() {
  static const auto* set =
      new std::unordered_set<std::string_view>(std::begin(kStopwords), std::end(kStopwords));
  return *set;
}

constexpr std::string_view kNumberWords[] = {
    "zero",     "one",     "two",     "three",     "four",     "five",     "six",
    "seven",    "eight",   "nine",    "ten",       "eleven",   "twelve",   "thirteen",
    "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty"};

// Digits of a number token without group separators ("73,000" -> "73000").
std::string NumberKey(std::string_view lower) {
  std::string out;
  for (char c : lower)
    if (c != ',') out.push_back(c);
  return out;
}

// The canonical form a word or number takes in bags: number words become digits, names
// (capitalized inside a sentence) their transliteration key, so "Synehubov" and
// "Sinegubov" meet.
std::string TermKey(const text::Token& t, bool name) {
  if (name && t.kind == text::TokenKind::kWord) return "N:" + NameKey(t.lower);
  if (t.kind == text::TokenKind::kNumber) return "#" + NumberKey(t.lower);
  for (size_t i = 0; i < std::size(kNumberWords); ++i)
    if (t.lower == kNumberWords[i]) return "#" + std::to_string(i);
  return t.canon.empty() ? (t.stem.empty() ? t.lower : t.stem) : t.canon;
}

bool IsContent(const text::Token& t) {
  if (t.kind == text::TokenKind::kPunct) return false;
  if (t.kind == text::TokenKind::kNumber) return true;
  return !IsStopword(t.lower);
}

uint64_t Mix(uint64_t x) {  // splitmix64 finaliser: a cheap independent permutation
  x += 0x9E3779B97F4A7C15ull;
  x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ull;
  x = (x ^ (x >> 27)) * 0x94D049BB133111EBull;
  return x ^ (x >> 31);
}

}  // namespace

bool IsStopword(std::string_view lower) { return StopwordSet().count(lower) > 0; }

std::vector<uint64_t> ShingleHashes(const std::vector<std::string_view>& words, int k) {
  std::vector<uint64_t> out;
  if (words.empty() || k < 1) return out;
  const size_t kk = static_cast<size_t>(k);
  const size_t n = words.size() < kk ? 1 : words.size() - kk + 1;
  out.reserve(n);
  std::vector<uint64_t> word_hash(words.size());
  for (size_t i = 0; i < words.size(); ++i) word_hash[i] = base::Hash64(words[i]);
  for (size_t i = 0; i < n; ++i) {
    uint64_t h = 0x5EED;
    for (size_t j = i; j < std::min(words.size(), i + kk); ++j)
      h = base::HashCombine(h, word_hash[j]);
    out.push_back(Mix(h));
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

DocFeatures ComputeFeatures(const Document& doc, const text::DocText& text, int shingle_words) {
  (void)doc;
  DocFeatures f;
  std::vector<std::string_view> words;
  words.reserve(text.tokens.size());
  std::string body;
  for (const text::Token& t : text.tokens) {
    if (t.kind == text::TokenKind::kPunct) continue;
    words.push_back(t.lower);
    body.append(t.lower);
    body.push_back(' ');
  }
  f.body_hash = base::Hash64(body, 0xB0D1);
  f.shingles = ShingleHashes(words, shingle_words);

  f.sentences.reserve(text.sentences.size());
  for (const text::Sentence& s : text.sentences) {
    SentenceBag bag;
    bag.bytes = s.end - s.start;
    f.body_bytes += bag.bytes;
    for (size_t i = s.first_token; i < s.last_token && i < text.tokens.size(); ++i) {
      const text::Token& t = text.tokens[i];
      if (!IsContent(t)) continue;
      // A capitalized word not at a sentence, quote or clause start is taken as a name.
      const bool initial = i == s.first_token ||
                           (text.tokens[i - 1].kind == text::TokenKind::kPunct &&
                            text.tokens[i - 1].lower != "," && text.tokens[i - 1].lower != "(");
      const bool name = t.capitalized && !initial;
      float w = 1.0f;
      if (t.kind == text::TokenKind::kNumber)
        w = 2.0f;
      else if (name)
        w = 1.5f;
      std::string key = TermKey(t, name);
      if (key.size() > 1 && key[0] == '#') w = 2.0f;
      bag.terms.push_back({base::Hash64(key, 0x7E53), w});
      const bool rare = (t.kind == text::TokenKind::kNumber && t.lower.size() >= 2) || name;
      if (rare) f.rare_tokens.push_back(base::Hash64(t.lower, 0x4A4E));
    }
    std::sort(bag.terms.begin(), bag.terms.end(),
              [](const Term& a, const Term& b) { return a.id < b.id; });
    std::vector<Term> unique;
    for (const Term& t : bag.terms) {
      if (!unique.empty() && unique.back().id == t.id) {
        unique.back().weight = std::max(unique.back().weight, t.weight);
      } else {
        unique.push_back(t);
      }
    }
    bag.terms = std::move(unique);
    for (const Term& t : bag.terms) bag.total += t.weight;

    // Bottom-2 min-hash keys under three permutations: two sentences whose content
    // words overlap by half share at least one key more often than not, unrelated
    // sentences on the same topic rarely do.
    if (bag.terms.size() >= 4) {
      for (uint64_t seed = 1; seed <= 3; ++seed) {
        uint64_t m1 = ~0ull, m2 = ~0ull;
        for (const Term& t : bag.terms) {
          const uint64_t h = Mix(t.id ^ (seed * 0x51ED270B27A1F3ull));
          if (h < m1) {
            m2 = m1;
            m1 = h;
          } else if (h < m2) {
            m2 = h;
          }
        }
        f.sentence_sketches.push_back(base::HashCombine(m1, m2) ^ seed);
      }
    }
    f.sentences.push_back(std::move(bag));
  }
  std::sort(f.sentence_sketches.begin(), f.sentence_sketches.end());
  f.sentence_sketches.erase(std::unique(f.sentence_sketches.begin(), f.sentence_sketches.end()),
                            f.sentence_sketches.end());
  std::sort(f.rare_tokens.begin(), f.rare_tokens.end());
  f.rare_tokens.erase(std::unique(f.rare_tokens.begin(), f.rare_tokens.end()), f.rare_tokens.end());
  return f;
}

std::vector<uint64_t> DocumentTerms(const DocFeatures& features) {
  std::vector<uint64_t> terms;
  for (const SentenceBag& b : features.sentences) {
    for (const Term& t : b.terms) terms.push_back(t.id);
  }
  std::sort(terms.begin(), terms.end());
  terms.erase(std::unique(terms.begin(), terms.end()), terms.end());
  return terms;
}

void ApplyDocumentFrequency(std::vector<DocFeatures*>& docs, size_t documents,
                            const std::unordered_map<uint64_t, uint32_t>& term_documents) {
  const double n = static_cast<double>(documents);
  const double log_n = std::log(n + 1);
  for (DocFeatures* d : docs) {
    for (SentenceBag& b : d->sentences) {
      b.total = 0;
      for (Term& t : b.terms) {
        auto it = term_documents.find(t.id);
        if (it != term_documents.end() && it->second > 0) {
          const double f = 2 * std::log((n + 1) / it->second) / log_n;
          t.weight *= static_cast<float>(std::clamp(f, 0.02, 1.0));
        }
        b.total += t.weight;
      }
    }
  }
}

void ApplyDocumentFrequency(std::vector<DocFeatures*>& docs, size_t min_docs) {
  const size_t n = docs.size();
  if (n < min_docs) return;
  std::unordered_map<uint64_t, uint32_t> df;
  for (const DocFeatures* d : docs) {
    for (uint64_t t : DocumentTerms(*d)) ++df[t];
  }
  ApplyDocumentFrequency(docs, n, df);
}

float SharedWeight(const SentenceBag& a, const SentenceBag& b) {
  float shared = 0;
  size_t i = 0, j = 0;
  while (i < a.terms.size() && j < b.terms.size()) {
    if (a.terms[i].id < b.terms[j].id) {
      ++i;
    } else if (b.terms[j].id < a.terms[i].id) {
      ++j;
    } else {
      shared += std::min(a.terms[i].weight, b.terms[j].weight);
      ++i;
      ++j;
    }
  }
  return shared;
}

float SharedWeightWithUnion(const SentenceBag& a, const std::vector<const SentenceBag*>& bs) {
  float shared = 0;
  for (const Term& t : a.terms) {
    float best = 0;
    for (const SentenceBag* b : bs) {
      auto it = std::lower_bound(b->terms.begin(), b->terms.end(), t.id,
                                 [](const Term& x, uint64_t id) { return x.id < id; });
      if (it != b->terms.end() && it->id == t.id) best = std::max(best, it->weight);
    }
    shared += std::min(best, t.weight);
  }
  return shared;
}

}  // namespace sitrep::reuse
