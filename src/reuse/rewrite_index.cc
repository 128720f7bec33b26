#include "reuse/rewrite_index.h"

#include <algorithm>
#include <cmath>

namespace sitrep::reuse {

uint32_t RewriteIndex::Add(const DocFeatures& f) {
  const uint32_t id = docs_++;
  for (uint64_t k : f.sentence_sketches) {
    auto& list = sketches_[k];
    if (list.size() <= options_.max_postings) list.push_back(id);
  }
  for (uint64_t k : f.rare_tokens) {
    auto& list = rare_[k];
    if (list.size() <= options_.max_postings) list.push_back(id);
  }
  return id;
}

std::vector<RewriteIndex::Candidate> RewriteIndex::Query(const DocFeatures& f) const {
  std::unordered_map<uint32_t, Candidate> score;
  const double n = static_cast<double>(docs_) + 1.0;
  for (uint64_t k : f.sentence_sketches) {
    auto it = sketches_.find(k);
    if (it == sketches_.end() || it->second.size() > options_.max_postings) continue;
    const double idf = std::log(n / static_cast<double>(it->second.size())) + 1.0;
    for (uint32_t id : it->second) {
      Candidate& c = score[id];
      c.id = id;
      ++c.shared_sketches;
      c.sketch_weight += idf;
    }
  }
  for (uint64_t k : f.rare_tokens) {
    auto it = rare_.find(k);
    if (it == rare_.end() || it->second.size() > options_.max_postings) continue;
    // Smoothed idf, at least 1 so that small collections still count shared names.
    const double idf = std::max(1.0, std::log(n / static_cast<double>(it->second.size())) + 1.0);
    for (uint32_t id : it->second) {
      auto s = score.find(id);
      if (s == score.end()) continue;  // a rare token alone never makes a candidate
      s->second.rare_weight += idf;
    }
  }
  std::vector<Candidate> out;
  for (const auto& [id, c] : score) {
    if (c.shared_sketches >= options_.min_shared_sketches ||
        (c.shared_sketches >= 1 && c.rare_weight >= options_.min_rare_weight))
      out.push_back(c);
  }
  std::sort(out.begin(), out.end(), [](const Candidate& a, const Candidate& b) {
    const double sa = a.sketch_weight + a.rare_weight, sb = b.sketch_weight + b.rare_weight;
    if (sa != sb) return sa > sb;
    return a.id < b.id;
  });
  if (out.size() > options_.max_candidates) out.resize(options_.max_candidates);
  return out;
}

}  // namespace sitrep::reuse
