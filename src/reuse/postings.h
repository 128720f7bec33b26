// Postings: for each key, the ids of the documents holding it, sorted, in indexes that
// documents enter and leave (a kept candidate search, candidate_index.h, and the rewrite
// index under it, rewrite_index.h).
//
// Thread-safety: none of its own; a caller that writes has exclusive access.
#ifndef SITREP_REUSE_POSTINGS_H_
#define SITREP_REUSE_POSTINGS_H_

#include <algorithm>
#include <cstdint>
#include <unordered_map>
#include <vector>

namespace sitrep::reuse {

template <typename Key>
using Postings = std::unordered_map<Key, std::vector<uint32_t>>;

// Puts `id` into the sorted `ids` unless it is there.
inline void InsertSorted(std::vector<uint32_t>& ids, uint32_t id) {
  auto at = std::lower_bound(ids.begin(), ids.end(), id);
  if (at == ids.end() || *at != id) ids.insert(at, id);
}

// Takes `id` out of the sorted `ids` when it is there.
inline void EraseSorted(std::vector<uint32_t>& ids, uint32_t id) {
  auto at = std::lower_bound(ids.begin(), ids.end(), id);
  if (at != ids.end() && *at == id) ids.erase(at);
}

// Adds `id` to the postings of `key`.
template <typename Key>
void InsertPosting(Postings<Key>& postings, Key key, uint32_t id) {
  InsertSorted(postings[key], id);
}

// Takes `id` out of the postings of `key`; a key left without documents goes.
template <typename Key>
void ErasePosting(Postings<Key>& postings, Key key, uint32_t id) {
  auto it = postings.find(key);
  if (it == postings.end()) return;
  EraseSorted(it->second, id);
  if (it->second.empty()) postings.erase(it);
}

}  // namespace sitrep::reuse

#endif  // SITREP_REUSE_POSTINGS_H_
