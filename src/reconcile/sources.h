// Source independence: which documents count as one source.
//
// A document copied from another (a wire story run by two outlets, a spun rewrite) is not
// a second witness. Documents are grouped into copy clusters from report.clusters and,
// in addition, every pair in report.reuse (so a reuse stage that reports pairs but no
// clusters still counts right); a document in neither is a cluster of its own. The
// number of independent sources of a fact is the number of distinct clusters among the
// documents that state it.
//
// Thread-safety: immutable after construction; const methods may be called concurrently.
#ifndef SITREP_RECONCILE_SOURCES_H_
#define SITREP_RECONCILE_SOURCES_H_

#include <cstddef>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "sitrep/report.h"

namespace sitrep::reconcile {

class SourceClusters {
 public:
  // Groups report.documents; ids in clusters/reuse that name no document are ignored.
  explicit SourceClusters(const Report& report);

  // Index of `id` in report.documents, or -1.
  int DocIndex(std::string_view id) const;

  // Cluster number of document index `doc` (0 <= doc < documents.size()).
  size_t ClusterOf(size_t doc) const { return cluster_[doc]; }

  // Number of distinct clusters among document indices `docs` (duplicates allowed).
  int CountIndependent(std::span<const size_t> docs) const;

 private:
  std::unordered_map<std::string_view, size_t> index_;  // views into report's doc ids
  std::vector<size_t> cluster_;
};

}  // namespace sitrep::reconcile

#endif  // SITREP_RECONCILE_SOURCES_H_
