// UnionFind: disjoint sets over 0..n-1 with path halving. The root of a set is always its
// smallest member, so the grouping (and anything numbered by roots) does not depend on
// the order of Union calls.
//
// Thread-safety: none; one owner at a time.
#ifndef SITREP_BASE_UNION_FIND_H_
#define SITREP_BASE_UNION_FIND_H_

#include <algorithm>
#include <cstddef>
#include <numeric>
#include <vector>

namespace sitrep::base {

class UnionFind {
 public:
  explicit UnionFind(size_t n) : parent_(n) { std::iota(parent_.begin(), parent_.end(), 0); }

  // The smallest member of x's set.
  size_t Find(size_t x) {
    while (parent_[x] != x) {
      parent_[x] = parent_[parent_[x]];
      x = parent_[x];
    }
    return x;
  }

  // Merges the sets of a and b.
  void Union(size_t a, size_t b) {
    a = Find(a);
    b = Find(b);
    if (a != b) {
      parent_[std::max(a, b)] = std::min(a, b);
    }
  }

  size_t size() const { return parent_.size(); }

 private:
  std::vector<size_t> parent_;
};

}  // namespace sitrep::base

#endif  // SITREP_BASE_UNION_FIND_H_
