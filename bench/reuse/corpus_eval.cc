// Reuse on generated corpora (bench/corpus): recall and precision of the copy/rewrite
// pairs FindReuse reports against the recorded derivations, of their direction, and of
// the drifted facts against the facts the generator changed.
//
// Usage: reuse_corpus_eval [--articles N] [--seed S] [--df 0|1]
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "corpus/generator.h"
#include "reuse/reuse.h"
#include "reuse/testing.h"

int main(int argc, char** argv) {
  sitrep::bench::CorpusOptions co;
  co.articles = 2000;
  sitrep::ReuseOptions ro;
  for (int i = 1; i + 1 < argc; i += 2) {
    if (!strcmp(argv[i], "--articles")) co.articles = strtoull(argv[i + 1], nullptr, 10);
    if (!strcmp(argv[i], "--seed")) co.seed = strtoull(argv[i + 1], nullptr, 10);
    if (!strcmp(argv[i], "--df")) ro.document_frequency = atoi(argv[i + 1]) != 0;
    if (!strcmp(argv[i], "--max-candidates"))
      ro.max_candidates = strtoull(argv[i + 1], nullptr, 10);
  }
  const sitrep::bench::GeneratedCorpus corpus = sitrep::bench::GenerateCorpus(co);
  const auto& analyzer = sitrep::reuse::testing::SharedAnalyzer();
  std::vector<sitrep::Document> docs;
  std::vector<sitrep::text::DocText> texts;
  for (const auto& a : corpus.articles) {
    docs.push_back(sitrep::reuse::testing::MakeDocument(a.id, a.text));
    docs.back().published = a.published;
  }
  const auto t0 = std::chrono::steady_clock::now();
  for (const auto& d : docs) texts.push_back(analyzer.Analyze(d));
  const auto t1 = std::chrono::steady_clock::now();
  const sitrep::reuse::ReuseResult r = sitrep::reuse::FindReuse(docs, texts, analyzer, ro);
  const auto t2 = std::chrono::steady_clock::now();

  // Truth: the derivations, and pairs derived from a common source (two copies of one
  // article are copies of each other too) count as reuse.
  std::map<std::pair<std::string, std::string>, const sitrep::bench::Derivation*> truth;
  std::vector<size_t> root(docs.size());
  for (size_t i = 0; i < root.size(); ++i) root[i] = i;
  for (const auto& d : corpus.truth) {
    truth[{docs[d.source].id, docs[d.copy].id}] = &d;
    root[d.copy] = root[d.source];
  }
  size_t found_true = 0, found_related = 0, found_false = 0, right_direction = 0;
  size_t drift_true = 0, drift_false = 0, drift_planted = 0, drift_found = 0;
  std::map<std::string, size_t> index;
  for (size_t i = 0; i < docs.size(); ++i) index[docs[i].id] = i;
  std::set<const sitrep::bench::Derivation*> seen;
  for (const sitrep::Reuse& p : r.pairs) {
    auto it = truth.find({p.source, p.copy});
    const bool reversed = it == truth.end() && truth.count({p.copy, p.source});
    if (reversed) it = truth.find({p.copy, p.source});
    if (it == truth.end()) {
      if (root[index[p.source]] == root[index[p.copy]]) {
        ++found_related;
      } else {
        ++found_false;
        if (getenv("SHOW_FALSE") && found_false <= 3) {
          printf("FALSE %s -> %s %s cov %.2f sim %.2f\n", p.source.c_str(), p.copy.c_str(),
                 p.relation.c_str(), p.coverage, p.similarity);
          for (const auto& ps : p.passages)
            printf("   S: %s\n   C: %s\n", ps.source_text.substr(0, 120).c_str(),
                   ps.copy_text.substr(0, 120).c_str());
        }
      }
      continue;
    }
    ++found_true;
    right_direction += !reversed;
    if (reversed && getenv("SHOW_FALSE"))
      printf("REVERSED %s -> %s basis %s (%s / %s)\n", p.source.c_str(), p.copy.c_str(),
             p.direction_basis.c_str(), docs[index[p.source]].published->c_str(),
             docs[index[p.copy]].published->c_str());
    seen.insert(it->second);
    // Drift: a found change matches a planted one when its phrases contain both sides.
    std::vector<bool> matched(it->second->changes.size(), false);
    for (const sitrep::Drift& d : p.drift) {
      bool ok = false;
      for (size_t k = 0; k < it->second->changes.size(); ++k) {
        const auto& c = it->second->changes[k];
        const std::string& s = reversed ? d.copy_text : d.source_text;
        const std::string& t = reversed ? d.source_text : d.copy_text;
        if (s.find(c.source_text) != std::string::npos &&
            t.find(c.copy_text) != std::string::npos) {
          ok = true;
          matched[k] = true;
        }
      }
      (ok ? drift_true : drift_false)++;
      if (!ok && getenv("SHOW_FALSE"))
        printf("FALSE DRIFT %s: [%s] -> [%s]\n", d.kind.c_str(), d.source_text.c_str(),
               d.copy_text.c_str());
    }
    for (bool m : matched) drift_found += m;
  }
  for (const auto& d : corpus.truth) drift_planted += d.changes.size();
  const size_t reported = found_true + found_false;
  printf("articles %zu, derived pairs %zu (planted changed facts %zu)\n", docs.size(),
         corpus.truth.size(), drift_planted);
  printf(
      "pairs: recall %.3f  precision %.3f  (%zu found, %zu false, %zu more between copies "
      "of one source)\n",
      static_cast<double>(seen.size()) / corpus.truth.size(),
      reported ? static_cast<double>(found_true) / reported : 0.0, found_true, found_false,
      found_related);
  printf("direction right: %.3f\n",
         found_true ? static_cast<double>(right_direction) / found_true : 0.0);
  printf(
      "drifted facts: recall %.3f  precision %.3f  (%zu reported in true pairs)\n",
      drift_planted ? static_cast<double>(drift_found) / drift_planted : 0.0,
      drift_true + drift_false ? static_cast<double>(drift_true) / (drift_true + drift_false) : 0.0,
      drift_true + drift_false);
  printf("time: text analysis %.2f s, FindReuse %.2f s, clusters %zu\n",
         std::chrono::duration<double>(t1 - t0).count(),
         std::chrono::duration<double>(t2 - t1).count(), r.clusters.size());
  return 0;
}
