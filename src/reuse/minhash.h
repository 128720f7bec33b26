// MinHash signatures and the near-duplicate index (MinHash with LSH banding).
//
// Signatures use one-permutation hashing: each feature hash is hashed once and falls
// into one of `num_hashes` bins, keeping the minimum per bin; empty bins borrow from the
// next non-empty bin (rotation densification). Cost is O(features) per document instead
// of O(features * num_hashes), and P(sig_a[i] == sig_b[i]) stays close to the Jaccard
// similarity of the feature sets.
//
// NearDuplicateIndex keeps, per document, an 8-bit fingerprint of every signature value
// (to estimate Jaccard without the full signature) and, per band, a sorted list of
// (band key, document) entries. New documents go to a small unsorted tail; full tails are
// sorted and merged into geometrically growing runs (the logarithmic method), so adding
// is amortised O(bands * log n) and a query is O(bands * log^2 n + candidates). The index
// can be saved to a file, loaded and extended.
//
// Memory: about bands * 8 + num_hashes bytes per document plus names; 192 B/document with
// the defaults (16 bands of 4 rows), i.e. ~190 MB for a million documents.
//
// Thread-safety: const methods may run concurrently; Add/Load need exclusive access.
#ifndef SITREP_REUSE_MINHASH_H_
#define SITREP_REUSE_MINHASH_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "sitrep/status.h"

namespace sitrep::reuse {

// One-permutation MinHash of a set of 64-bit feature hashes (duplicates are harmless).
// An empty set gives a signature of all 0xFFFFFFFF.
std::vector<uint32_t> MinHashSignature(const std::vector<uint64_t>& features, int num_hashes);

// Share of equal positions of two signatures of the same length.
double EstimateJaccard(const std::vector<uint32_t>& a, const std::vector<uint32_t>& b);

// Exact Jaccard similarity of two sorted, unique vectors. 0 when both are empty.
double ExactJaccard(const std::vector<uint64_t>& a, const std::vector<uint64_t>& b);

// The Jaccard similarity two documents' MinHash signatures estimate, from the low 8 bits
// of their first `len` values (a and b hold those bytes), corrected for the 1 in 256
// chance that two bytes agree: what NearDuplicateIndex::Query reports.
double FingerprintJaccard(const uint8_t* a, const uint8_t* b, size_t len);

struct NearDuplicateIndexOptions {
  int bands = 16;  // LSH bands; more bands find lower similarities
  int rows = 4;    // signature values per band; the signature length is bands * rows
};

class NearDuplicateIndex {
 public:
  struct Match {
    uint32_t id = 0;
    double jaccard = 0;  // estimated from the 8-bit fingerprints
  };

  explicit NearDuplicateIndex(NearDuplicateIndexOptions options = {});

  int signature_length() const { return options_.bands * options_.rows; }
  size_t size() const { return names_.size(); }
  const std::string& name(uint32_t id) const { return names_[id]; }

  // Adds a document; returns its id (0, 1, 2... in order of addition). The signature
  // must have signature_length() values.
  uint32_t Add(std::string_view name, const std::vector<uint32_t>& signature);

  // Documents sharing at least one band with `signature` whose estimated Jaccard is at
  // least `min_jaccard`, best first.
  std::vector<Match> Query(const std::vector<uint32_t>& signature, double min_jaccard) const;

  // Bytes held by the index (fingerprints, band entries, names).
  size_t MemoryBytes() const;

  // Writes the index to `path` (binary, little-endian, versioned). IOError on failure.
  Status Save(const std::string& path) const;
  // Reads an index written by Save. Corrupt when the file is not one.
  static Result<NearDuplicateIndex> Load(const std::string& path);

  // The LSH key of each band of `signature` (bands x rows values): documents sharing a
  // key in some band are candidates. Public for distributed jobs that shuffle by key.
  std::vector<uint32_t> BandKeys(const std::vector<uint32_t>& signature) const;

 private:
  struct Band {
    std::vector<std::vector<uint64_t>> runs;  // sorted (key << 32 | id), sizes decreasing
    std::vector<uint64_t> tail;               // unsorted, small
  };
  static void Flush(Band& band);

  NearDuplicateIndexOptions options_;
  std::vector<std::string> names_;
  std::vector<uint8_t> fingerprints_;  // size() * signature_length()
  std::vector<Band> bands_;
};

}  // namespace sitrep::reuse

#endif  // SITREP_REUSE_MINHASH_H_
