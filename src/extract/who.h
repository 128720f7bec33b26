// ExtractWho: the "who and where" half of extraction for a batch of documents —
// entities (merged within and across documents, ids "e<k>@<doc>") with their mentions, places
// with coordinates and GeoNames ids, and claims with speakers resolved to entity ids
// (ids "c<k>@<doc>"). See entity.h, place.h and claim.h for the methods.
//
// Thread-safety: ExtractWho is a pure function of its inputs; the Gazetteer may be shared.
// It finds mentions and claims with options.threads workers; the result is the same
// whatever the thread count.
#ifndef SITREP_EXTRACT_WHO_H_
#define SITREP_EXTRACT_WHO_H_

#include <memory>
#include <string>
#include <vector>

#include "extract/claim.h"
#include "extract/entity.h"
#include "extract/place.h"
#include "sitrep/document.h"
#include "sitrep/options.h"
#include "sitrep/report.h"
#include "sitrep/status.h"
#include "text/text.h"

namespace sitrep::extract {

struct WhoResult {
  std::vector<Entity> entities;
  std::vector<Claim> claims;
};

// `texts[i]` is the analysed text of `docs[i]` (TextAnalyzer::Analyze); entities are also
// read from the blocks of `docs[i]` outside it that hold article text for names
// (EntityOnlyBlocks: captions, bylines, link-poor lists and tables), claims from `texts[i]`
// only. `gazetteer` may be null: places are then found and merged but only countries,
// continents and a few regions get coordinates. Entities are in order of first mention;
// claims in document order. `collection_votes`, when not null: the type votes of the whole
// collection the batch is a piece of, which type its names instead of the batch's own
// (MergeEntities). `own_votes`, when not null, receives the batch's own type votes
// (CountTypeVotes), for a job to add up over its pieces.
WhoResult ExtractWho(const std::vector<Document>& docs, const std::vector<text::DocText>& texts,
                     const Gazetteer* gazetteer, const ExtractOptions& options,
                     const TypeVotes* collection_votes = nullptr, TypeVotes* own_votes = nullptr);

}  // namespace sitrep::extract

#endif  // SITREP_EXTRACT_WHO_H_
