// Synthetic news corpora for benchmarks and recall/precision checks.
//
// Generates conflict-news-like articles from templates: dated events (shelling,
// advances, casualties, evacuations, statements) at places, with numbers, quotes and
// officials. A chosen share of the articles are derived from earlier ones:
//   - copies: republished verbatim (optionally with the last paragraph cut);
//   - spun rewrites: words swapped for synonyms, one paragraph repeated, and a known
//     set of facts changed (a number, a weekday, a month, a negation);
//   - junk: sign-up blurbs, "[LATEST]" link lists, captions with glued credits and
//     template tokens mixed into copies and originals.
// Every derivation is recorded in GeneratedCorpus::truth so that benchmarks can report
// recall and precision of found pairs and drifted facts.
//
// Deterministic for a given seed. Thread-safety: pure function.
#ifndef SITREP_BENCH_CORPUS_GENERATOR_H_
#define SITREP_BENCH_CORPUS_GENERATOR_H_

#include <cstdint>
#include <string>
#include <vector>

namespace sitrep::bench {

struct CorpusOptions {
  size_t articles = 1000;    // number of articles
  double copy_share = 0.10;  // share that are verbatim copies of an earlier article
  double spun_share = 0.10;  // share that are spun rewrites with changed facts
  double junk_share = 0.30;  // share that carry scraper junk
  size_t paragraphs = 8;     // paragraphs of an original article (about 1.5 KB)
  uint64_t seed = 42;
};

struct ChangedFact {
  std::string kind;         // "number", "date", "negation", "quantity"
  std::string source_text;  // as in the source
  std::string copy_text;    // as in the copy
};

struct Derivation {
  size_t source = 0;     // index of the source article
  size_t copy = 0;       // index of the derived article
  std::string relation;  // "duplicate" | "rewrite"
  std::vector<ChangedFact> changes;
};

struct GeneratedArticle {
  std::string id;         // "a000123"
  std::string published;  // YYYY-MM-DD
  std::string text;       // .txt form: headline, blank line, paragraphs
};

struct GeneratedCorpus {
  std::vector<GeneratedArticle> articles;
  std::vector<Derivation> truth;
};

GeneratedCorpus GenerateCorpus(const CorpusOptions& options);

}  // namespace sitrep::bench

#endif  // SITREP_BENCH_CORPUS_GENERATOR_H_
