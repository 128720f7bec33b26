// Main-content extraction over HTML blocks (Block::tag, ancestors, link_bytes): finds the
// container that holds the article and reads structural roles from tags and class/id hints.
//
// Containers are recovered from the ancestor chains: an element is a prefix of a block's
// chain, and one element instance is a maximal run of consecutive blocks sharing that
// prefix. Each sentence-like, link-poor block scores its parent fully, its grandparent by
// half and further ancestors less (as Readability does); the best container, together with
// sibling containers that score well, is the main content. A JSON-LD articleBody candidate,
// when present and well matched, decides instead.
//
// Internal to src/clean. Thread-safety: pure functions.
#ifndef SITREP_CLEAN_DOM_H_
#define SITREP_CLEAN_DOM_H_

#include <optional>
#include <vector>

#include "clean/features.h"
#include "sitrep/document.h"

namespace sitrep::clean {

struct DomVerdict {
  bool content = false;           // inside the main content region
  bool negative = false;          // inside nav/aside/footer/form or a related/share/ad/... element
  std::optional<BlockRole> hint;  // caption, byline, dek, heading, title from tag/classes
};

// One verdict per block of `doc`; `features[i]` describes block i.
std::vector<DomVerdict> AnalyzeDom(const Document& doc, const std::vector<TextFeatures>& features);

// True when some block carries DOM hints (the document came from HTML).
bool HasDomHints(const Document& doc);

}  // namespace sitrep::clean

#endif  // SITREP_CLEAN_DOM_H_
