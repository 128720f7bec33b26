// Hashing: fast 64-bit hashes (xxHash XXH3) for fingerprints, shingles and dedup keys.
//
// Thread-safety: pure functions.
#ifndef SITREP_BASE_HASH_H_
#define SITREP_BASE_HASH_H_

#include <cstdint>
#include <string_view>

namespace sitrep::base {

// XXH3 64-bit hash of `bytes` with `seed`. Stable across runs and machines.
uint64_t Hash64(std::string_view bytes, uint64_t seed = 0);

// Mixes two hashes into one (order matters).
inline uint64_t HashCombine(uint64_t a, uint64_t b) {
  return a ^ (b + 0x9E3779B97F4A7C15ull + (a << 6) + (a >> 2));
}

}  // namespace sitrep::base

#endif  // SITREP_BASE_HASH_H_
