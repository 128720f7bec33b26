// Drift: the facts that changed between an aligned source and copy passage.
//
// For one aligned group (see align.h) the facts of its source sentences are compared
// with the facts of its copy sentences (see facts.h), kind by kind:
//   number/quantity  values after normalization ("one kilometre" = "1 km", "more than
//                    five" = "over five"); a changed value, a changed direction of the
//                    qualifier ("at least three" -> "three"), or a figure whose
//                    surrounding words changed entirely ("90% have left" -> "dropped to
//                    90%");
//   date/time        calendar parts and relative times ("July" -> "August", "February
//                    24" -> "February 24, 2014", "last month" -> "last week");
//   person/place/organization/other  names replaced, or names added or dropped that the
//                    other document never mentions (transliterations are the same name);
//   quote            words inside quotation marks changed;
//   hedge            epistemic/pace/degree words from another meaning group ("slowly" ->
//                    "steadily", "reportedly" dropped);
//   negation         a negation gained or lost (lexical "unclear" = "not clear"), or a
//                    polar connective flipped ("in order to" -> "despite");
//   omission         numbers and names dropped that the copy never mentions;
//   added            figures and names the copy adds that the source never gives (a
//                    name in place of words the source used is a replacement, not an
//                    addition).
// Pure rewording yields nothing: comparisons use normalized values and canonical words,
// and additions/omissions are checked against the whole other document.
//
// Thread-safety: pure function.
#ifndef SITREP_REUSE_DRIFT_H_
#define SITREP_REUSE_DRIFT_H_

#include <vector>

#include "reuse/align.h"
#include "reuse/facts.h"
#include "sitrep/document.h"
#include "sitrep/report.h"
#include "text/text.h"

namespace sitrep::reuse {

// One document as drift detection sees it. All pointers must outlive the call.
struct DriftSide {
  const Document* doc = nullptr;
  const text::DocText* text = nullptr;
  const DocFacts* facts = nullptr;
};

// Changed facts between the group's source sentences and copy sentences.
std::vector<Drift> FindDrift(const DriftSide& source, const DriftSide& copy,
                             const AlignedGroup& group);

// Facts of copy `sentences` (ascending; sentences the copy inserted inside a copied
// passage) that the source never gives: figures, named people, places and organizations,
// and quotations whose words the source mostly does not use. Kind "added", empty
// source_text and source_context.
std::vector<Drift> FindAdded(const DriftSide& source, const DriftSide& copy,
                             const std::vector<uint32_t>& sentences);

}  // namespace sitrep::reuse

#endif  // SITREP_REUSE_DRIFT_H_
