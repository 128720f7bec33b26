#include "reuse/align.h"

#include <algorithm>
#include <cmath>
#include <unordered_map>

namespace sitrep::reuse {
namespace {

struct Edge {
  uint32_t src = 0, cp = 0;
  float dice = 0;
  float contain_src = 0;  // share of the source sentence found in the copy sentence
  float contain_cp = 0;   // share of the copy sentence found in the source sentence
  float shared = 0;
};

SentenceBag MergeBags(const std::vector<SentenceBag>& bags, const std::vector<uint32_t>& idx) {
  SentenceBag out;
  for (uint32_t i : idx) {
    const SentenceBag& b = bags[i];
    std::vector<Term> merged;
    merged.reserve(out.terms.size() + b.terms.size());
    size_t x = 0, y = 0;
    while (x < out.terms.size() || y < b.terms.size()) {
      if (y == b.terms.size() || (x < out.terms.size() && out.terms[x].id < b.terms[y].id)) {
        merged.push_back(out.terms[x++]);
      } else if (x == out.terms.size() || b.terms[y].id < out.terms[x].id) {
        merged.push_back(b.terms[y++]);
      } else {
        merged.push_back({out.terms[x].id, std::max(out.terms[x].weight, b.terms[y].weight)});
        ++x;
        ++y;
      }
    }
    out.terms = std::move(merged);
    out.bytes += b.bytes;
  }
  for (const Term& t : out.terms) out.total += t.weight;
  return out;
}

double Dice(const SentenceBag& a, const SentenceBag& b) {
  const float denom = a.total + b.total;
  return denom > 0 ? 2.0 * SharedWeight(a, b) / denom : 0.0;
}

// Two copy sentences this similar are the same sentence said twice.
constexpr double kRepeatDice = 0.8;

bool Adjacent(const std::vector<uint32_t>& members, uint32_t s) {
  for (uint32_t m : members)
    if (m + 1 == s || s + 1 == m) return true;
  return false;
}

// Term weights scaled down by how many sentences of the two documents use the term (see
// AlignOptions::sentence_frequency_weighting).
void WeightBySentenceFrequency(std::vector<SentenceBag>& s, std::vector<SentenceBag>& c) {
  // Open-addressing counts by term id (term ids are hashes already).
  size_t n_terms = 0;
  for (const std::vector<SentenceBag>* d : {&s, &c})
    for (const SentenceBag& b : *d) n_terms += b.terms.size();
  size_t cap = 16;
  while (cap < 2 * n_terms) cap *= 2;
  std::vector<uint64_t> keys(cap);
  std::vector<uint32_t> counts(cap, 0);  // 0: empty slot
  auto slot = [&](uint64_t id) {
    size_t k = static_cast<size_t>(id ^ (id >> 29)) & (cap - 1);
    while (counts[k] != 0 && keys[k] != id) k = (k + 1) & (cap - 1);
    return k;
  };
  for (const std::vector<SentenceBag>* d : {&s, &c})
    for (const SentenceBag& b : *d)
      for (const Term& t : b.terms) {
        const size_t k = slot(t.id);
        keys[k] = t.id;
        ++counts[k];
      }
  const double n = static_cast<double>(s.size() + c.size());
  const double log_n = std::log(n + 1);
  // Terms in at most sqrt(n) sentences keep their weight; the factor of the others by count.
  std::vector<float> factor;
  auto f_of = [&](uint32_t sf) {
    if (sf >= factor.size()) {
      const size_t from = factor.size();
      factor.resize(sf + 1);
      for (size_t x = from; x <= sf; ++x)
        factor[x] = static_cast<float>(
            std::clamp(2 * std::log((n + 1) / std::max<double>(1, x)) / log_n, 0.1, 1.0));
    }
    return factor[sf];
  };
  for (std::vector<SentenceBag>* d : {&s, &c}) {
    for (SentenceBag& b : *d) {
      b.total = 0;
      for (Term& t : b.terms) {
        t.weight *= f_of(counts[slot(t.id)]);
        b.total += t.weight;
      }
    }
  }
}

// Joins runs of consecutive sentences into units of at least `min_weight` content weight
// (a short unit at the end joins the one before). `first[u]` is unit u's first sentence;
// first.back() is the number of sentences.
std::vector<SentenceBag> Units(const std::vector<SentenceBag>& bags, double min_weight,
                               std::vector<uint32_t>& first) {
  std::vector<SentenceBag> out;
  first.clear();
  std::vector<uint32_t> run;
  float weight = 0;
  for (uint32_t i = 0; i < bags.size(); ++i) {
    if (run.empty()) first.push_back(i);
    run.push_back(i);
    weight += bags[i].total;
    if (weight >= min_weight) {
      out.push_back(run.size() == 1 ? bags[i] : MergeBags(bags, run));
      run.clear();
      weight = 0;
    }
  }
  if (!run.empty()) {
    if (!out.empty()) {  // join the unit before
      first.pop_back();
      for (uint32_t i = first.back(); i < run.front(); ++i) run.push_back(i);
      std::sort(run.begin(), run.end());
      out.back() = MergeBags(bags, run);
    } else {
      out.push_back(MergeBags(bags, run));
    }
  }
  first.push_back(static_cast<uint32_t>(bags.size()));
  return out;
}

}  // namespace

Alignment AlignSentences(const DocFeatures& source, const DocFeatures& copy,
                         const AlignOptions& options) {
  Alignment out;
  if (source.sentences.empty() || copy.sentences.empty()) return out;
  // Sentences as given, or short ones joined into units, reweighted by sentence frequency.
  const bool units = options.min_unit_weight > 0;
  const bool rebuild = units || options.sentence_frequency_weighting;
  std::vector<SentenceBag> s_own, c_own;
  std::vector<uint32_t> s_first, c_first;
  if (units) {
    s_own = Units(source.sentences, options.min_unit_weight, s_first);
    c_own = Units(copy.sentences, options.min_unit_weight, c_first);
  } else if (rebuild) {
    s_own = source.sentences;
    c_own = copy.sentences;
  }
  if (options.sentence_frequency_weighting) WeightBySentenceFrequency(s_own, c_own);
  const std::vector<SentenceBag>& sbags = rebuild ? s_own : source.sentences;
  const std::vector<SentenceBag>& cbags = rebuild ? c_own : copy.sentences;
  const size_t ns = sbags.size(), nc = cbags.size();

  // Inverted index over the source's terms.
  std::unordered_map<uint64_t, std::vector<std::pair<uint32_t, float>>> postings;
  for (uint32_t i = 0; i < ns; ++i)
    for (const Term& t : sbags[i].terms) postings[t.id].push_back({i, t.weight});

  std::vector<Edge> edges;
  std::unordered_map<uint64_t, float> weak;  // (src << 32 | cp) -> Dice, for extension
  std::vector<float> shared(ns, 0);
  std::vector<uint32_t> touched;
  for (uint32_t j = 0; j < nc; ++j) {
    const SentenceBag& cb = cbags[j];
    touched.clear();
    for (const Term& t : cb.terms) {
      auto it = postings.find(t.id);
      if (it == postings.end()) continue;
      for (const auto& [i, w] : it->second) {
        if (shared[i] == 0) touched.push_back(i);
        shared[i] += std::min(w, t.weight);
      }
    }
    for (uint32_t i : touched) {
      const SentenceBag& sb = sbags[i];
      const float s = shared[i];
      shared[i] = 0;
      if (s < options.min_shared_weight) continue;
      Edge e;
      e.src = i;
      e.cp = j;
      e.shared = s;
      e.dice = 2 * s / (sb.total + cb.total);
      e.contain_src = sb.total > 0 ? s / sb.total : 0;
      e.contain_cp = cb.total > 0 ? s / cb.total : 0;
      if (options.extend_similarity > 0 && e.dice >= options.extend_similarity)
        weak[static_cast<uint64_t>(i) << 32 | j] = e.dice;
      if (e.dice >= options.min_similarity || e.contain_src >= options.min_containment ||
          e.contain_cp >= options.min_containment)
        edges.push_back(e);
    }
  }

  // 1:1 matches by decreasing Dice.
  std::sort(edges.begin(), edges.end(), [](const Edge& a, const Edge& b) {
    if (a.dice != b.dice) return a.dice > b.dice;
    if (a.cp != b.cp) return a.cp < b.cp;
    return a.src < b.src;
  });
  constexpr int kFree = -1;
  std::vector<int> src_group(ns, kFree), cp_group(nc, kFree);
  std::vector<AlignedGroup> groups;
  for (const Edge& e : edges) {
    if (e.dice < options.min_similarity) break;
    if (src_group[e.src] != kFree || cp_group[e.cp] != kFree) continue;
    src_group[e.src] = cp_group[e.cp] = static_cast<int>(groups.size());
    groups.push_back({{e.src}, {e.cp}, 0});
  }

  // Split, merged and repeated sentences, most contained first.
  std::sort(edges.begin(), edges.end(), [](const Edge& a, const Edge& b) {
    const float ca = std::max(a.contain_src, a.contain_cp);
    const float cb = std::max(b.contain_src, b.contain_cp);
    if (ca != cb) return ca > cb;
    if (a.cp != b.cp) return a.cp < b.cp;
    return a.src < b.src;
  });
  auto join_split = [&] {
    for (const Edge& e : edges) {
      const bool src_free = src_group[e.src] == kFree, cp_free = cp_group[e.cp] == kFree;
      if (src_free == cp_free) continue;  // both matched, or both free (no anchor)
      if (cp_free) {
        const int g = src_group[e.src];
        const bool contained = e.contain_cp >= options.min_containment;
        // A repeat: the copy says again what one of its aligned sentences already says.
        bool repeat = false;
        for (uint32_t other : groups[g].copy)
          repeat = repeat || Dice(cbags[other], cbags[e.cp]) >= kRepeatDice;
        if (contained && Adjacent(groups[g].copy, e.cp)) {
          groups[g].copy.push_back(e.cp);
          cp_group[e.cp] = g;
        } else if (contained || repeat) {  // said again elsewhere: a group of its own
          cp_group[e.cp] = static_cast<int>(groups.size());
          groups.push_back({{e.src}, {e.cp}, 0});
        }
      } else if (src_free && e.contain_src >= options.min_containment) {
        const int g = cp_group[e.cp];
        if (Adjacent(groups[g].source, e.src)) {
          groups[g].source.push_back(e.src);
          src_group[e.src] = g;
        }
      }
    }
  };
  join_split();

  // Pairs where one sentence is mostly inside the other but neither matched one-to-one
  // (a short copy sentence cut out of a long source sentence, or the reverse).
  for (const Edge& e : edges) {
    if (src_group[e.src] != kFree || cp_group[e.cp] != kFree) continue;
    if (e.shared < 1.5 * options.min_shared_weight) continue;
    if (std::max(e.contain_src, e.contain_cp) < options.min_containment) continue;
    src_group[e.src] = cp_group[e.cp] = static_cast<int>(groups.size());
    groups.push_back({{e.src}, {e.cp}, 0});
  }

  // Sentences split off the pairs just found join them too (a long copy sentence made of
  // several source lines anchors only here).
  join_split();

  // Extension, outward from aligned pairs until nothing changes.
  for (bool grew = !weak.empty(); grew;) {
    grew = false;
    const size_t existing = groups.size();
    for (size_t gi = 0; gi < existing; ++gi) {
      const uint32_t s_lo = groups[gi].source.front(), s_hi = groups[gi].source.back();
      const uint32_t c_lo = groups[gi].copy.front(), c_hi = groups[gi].copy.back();
      // Neighbours after the pair, then before it.
      const std::pair<int64_t, int64_t> tries[] = {
          {int64_t{s_hi} + 1, int64_t{c_hi} + 1}, {int64_t{s_hi} + 2, int64_t{c_hi} + 1},
          {int64_t{s_hi} + 1, int64_t{c_hi} + 2}, {int64_t{s_lo} - 1, int64_t{c_lo} - 1},
          {int64_t{s_lo} - 2, int64_t{c_lo} - 1}, {int64_t{s_lo} - 1, int64_t{c_lo} - 2}};
      for (const auto& [si, ci] : tries) {
        if (si < 0 || ci < 0 || si >= static_cast<int64_t>(ns) || ci >= static_cast<int64_t>(nc))
          continue;
        const uint32_t s = static_cast<uint32_t>(si), c = static_cast<uint32_t>(ci);
        if (src_group[s] != kFree || cp_group[c] != kFree) continue;
        auto it = weak.find(static_cast<uint64_t>(s) << 32 | c);
        if (it == weak.end()) continue;
        src_group[s] = cp_group[c] = static_cast<int>(groups.size());
        groups.push_back({{s}, {c}, 0});
        grew = true;
      }
    }
  }

  for (AlignedGroup& g : groups) {
    std::sort(g.source.begin(), g.source.end());
    std::sort(g.copy.begin(), g.copy.end());
    g.similarity = Dice(MergeBags(sbags, g.source), MergeBags(cbags, g.copy));
  }
  if (units) {  // back from units to sentences
    auto expand = [](std::vector<uint32_t>& idx, const std::vector<uint32_t>& first) {
      std::vector<uint32_t> out;
      for (uint32_t u : idx)
        for (uint32_t i = first[u]; i < first[u + 1]; ++i) out.push_back(i);
      idx = std::move(out);
    };
    for (AlignedGroup& g : groups) {
      expand(g.source, s_first);
      expand(g.copy, c_first);
    }
  }
  double copy_bytes = 0, source_bytes = 0, weighted_sim = 0;
  std::vector<bool> src_seen(source.sentences.size(), false);
  for (AlignedGroup& g : groups) {
    double cb = 0;
    for (uint32_t j : g.copy) cb += static_cast<double>(copy.sentences[j].bytes);
    copy_bytes += cb;
    weighted_sim += cb * g.similarity;
    for (uint32_t i : g.source) {
      if (!src_seen[i]) source_bytes += static_cast<double>(source.sentences[i].bytes);
      src_seen[i] = true;
    }
  }
  std::sort(groups.begin(), groups.end(), [](const AlignedGroup& a, const AlignedGroup& b) {
    return a.copy.front() < b.copy.front();
  });
  out.groups = std::move(groups);
  if (copy.body_bytes > 0) out.copy_coverage = std::min(1.0, copy_bytes / copy.body_bytes);
  if (source.body_bytes > 0) out.source_coverage = std::min(1.0, source_bytes / source.body_bytes);
  out.similarity = copy_bytes > 0 ? weighted_sim / copy_bytes : 0;
  return out;
}

double TextSimilarity(const DocFeatures& a, const DocFeatures& b) {
  std::vector<uint32_t> ia(a.sentences.size()), ib(b.sentences.size());
  for (uint32_t i = 0; i < ia.size(); ++i) ia[i] = i;
  for (uint32_t i = 0; i < ib.size(); ++i) ib[i] = i;
  return Dice(MergeBags(a.sentences, ia), MergeBags(b.sentences, ib));
}

std::vector<PassageSpan> MergeGroups(const Alignment& alignment, int max_gap) {
  std::vector<PassageSpan> spans;
  for (const AlignedGroup& g : alignment.groups)
    spans.push_back({g.source.front(), g.source.back(), g.copy.front(), g.copy.back()});
  std::sort(spans.begin(), spans.end(), [](const PassageSpan& a, const PassageSpan& b) {
    return a.copy_first != b.copy_first ? a.copy_first < b.copy_first
                                        : a.source_first < b.source_first;
  });
  std::vector<PassageSpan> out;
  const long gap = max_gap;
  for (const PassageSpan& s : spans) {
    if (!out.empty()) {
      PassageSpan& p = out.back();
      const long dc = static_cast<long>(s.copy_first) - static_cast<long>(p.copy_last);
      const long ds = static_cast<long>(s.source_first) - static_cast<long>(p.source_last);
      const long ds_back = static_cast<long>(p.source_first) - static_cast<long>(s.source_last);
      if (dc <= gap + 1 &&
          ((ds >= -gap && ds <= gap + 1) || (ds_back >= -gap && ds_back <= gap + 1))) {
        p.copy_last = std::max(p.copy_last, s.copy_last);
        p.source_first = std::min(p.source_first, s.source_first);
        p.source_last = std::max(p.source_last, s.source_last);
        continue;
      }
    }
    out.push_back(s);
  }
  return out;
}

}  // namespace sitrep::reuse
