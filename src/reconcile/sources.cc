#include "reconcile/sources.h"

#include <algorithm>
#include <numeric>

namespace sitrep::reconcile {
namespace {

size_t Find(std::vector<size_t>& parent, size_t x) {
  while (parent[x] != x) {
    parent[x] = parent[parent[x]];
    x = parent[x];
  }
  return x;
}

void Union(std::vector<size_t>& parent, size_t a, size_t b) {
  a = Find(parent, a);
  b = Find(parent, b);
  if (a != b) parent[std::max(a, b)] = std::min(a, b);
}

}  // namespace

SourceClusters::SourceClusters(const Report& report) {
  const size_t n = report.documents.size();
  index_.reserve(n);
  for (size_t i = 0; i < n; ++i) index_.emplace(report.documents[i].id, i);
  std::vector<size_t> parent(n);
  std::iota(parent.begin(), parent.end(), size_t{0});
  for (const CopyCluster& c : report.clusters) {
    int first = -1;
    for (const std::string& id : c.docs) {
      const int d = DocIndex(id);
      if (d < 0) continue;
      if (first < 0) {
        first = d;
      } else {
        Union(parent, static_cast<size_t>(first), static_cast<size_t>(d));
      }
    }
  }
  for (const Reuse& r : report.reuse) {
    const int a = DocIndex(r.source);
    const int b = DocIndex(r.copy);
    if (a >= 0 && b >= 0) Union(parent, static_cast<size_t>(a), static_cast<size_t>(b));
  }
  cluster_.resize(n);
  for (size_t i = 0; i < n; ++i) cluster_[i] = Find(parent, i);
}

int SourceClusters::DocIndex(std::string_view id) const {
  auto it = index_.find(id);
  return it == index_.end() ? -1 : static_cast<int>(it->second);
}

int SourceClusters::CountIndependent(std::span<const size_t> docs) const {
  std::vector<size_t> c;
  c.reserve(docs.size());
  for (size_t d : docs) c.push_back(cluster_[d]);
  std::sort(c.begin(), c.end());
  return static_cast<int>(std::unique(c.begin(), c.end()) - c.begin());
}

}  // namespace sitrep::reconcile
