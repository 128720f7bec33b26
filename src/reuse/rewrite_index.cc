#include "reuse/rewrite_index.h"

#include <algorithm>
#include <cmath>
#include <span>
#include <utility>

#include "reuse/postings.h"

namespace sitrep::reuse {

namespace {

// The documents before `before` holding `key`, when there are at most `max` of them.
std::span<const uint32_t> Before(const Postings<uint64_t>& postings, uint64_t key, uint32_t before,
                                 size_t max) {
  auto it = postings.find(key);
  if (it == postings.end()) return {};
  const std::vector<uint32_t>& list = it->second;
  const auto count =
      static_cast<size_t>(std::lower_bound(list.begin(), list.end(), before) - list.begin());
  if (count > max) return {};
  return {list.data(), count};
}

const std::vector<uint32_t>* Holders(const Postings<uint64_t>& postings, uint64_t key) {
  auto it = postings.find(key);
  return it == postings.end() ? nullptr : &it->second;
}

}  // namespace

uint32_t RewriteIndex::Add(const DocFeatures& f) {
  const uint32_t id = docs_++;
  for (auto [keys, postings] :
       {std::pair{&f.sentence_sketches, &sketches_}, std::pair{&f.rare_tokens, &rare_}}) {
    for (uint64_t k : *keys) {
      auto& list = (*postings)[k];
      if (options_.keep_all_postings || list.size() <= options_.max_postings) list.push_back(id);
    }
  }
  return id;
}

void RewriteIndex::Replace(uint32_t id, const DocFeatures& before, const DocFeatures& after) {
  for (uint64_t k : before.sentence_sketches) ErasePosting(sketches_, k, id);
  for (uint64_t k : before.rare_tokens) ErasePosting(rare_, k, id);
  for (uint64_t k : after.sentence_sketches) InsertPosting(sketches_, k, id);
  for (uint64_t k : after.rare_tokens) InsertPosting(rare_, k, id);
}

const std::vector<uint32_t>* RewriteIndex::SketchHolders(uint64_t key) const {
  return Holders(sketches_, key);
}

const std::vector<uint32_t>* RewriteIndex::RareHolders(uint64_t key) const {
  return Holders(rare_, key);
}

std::vector<RewriteIndex::Candidate> RewriteIndex::QueryAsOf(const DocFeatures& f,
                                                             uint32_t before) const {
  std::unordered_map<uint32_t, Candidate> score;
  const double n = static_cast<double>(before) + 1.0;
  for (uint64_t k : f.sentence_sketches) {
    const std::span<const uint32_t> ids = Before(sketches_, k, before, options_.max_postings);
    if (ids.empty()) continue;
    const double idf = std::log(n / static_cast<double>(ids.size())) + 1.0;
    for (uint32_t id : ids) {
      Candidate& c = score[id];
      c.id = id;
      ++c.shared_sketches;
      c.sketch_weight += idf;
    }
  }
  for (uint64_t k : f.rare_tokens) {
    const std::span<const uint32_t> ids = Before(rare_, k, before, options_.max_postings);
    if (ids.empty()) continue;
    // Smoothed idf, at least 1 so that small collections still count shared names.
    const double idf = std::max(1.0, std::log(n / static_cast<double>(ids.size())) + 1.0);
    for (uint32_t id : ids) {
      auto s = score.find(id);
      if (s == score.end()) continue;  // a rare token alone never makes a candidate
      s->second.rare_weight += idf;
    }
  }
  std::vector<Candidate> out;
  for (const auto& [id, c] : score) {
    if (c.shared_sketches >= options_.min_shared_sketches ||
        (c.shared_sketches >= 1 && c.rare_weight >= options_.min_rare_weight)) {
      out.push_back(c);
    }
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
