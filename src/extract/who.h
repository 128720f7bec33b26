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

// What a batch that is a piece of a larger collection (a distributed job's bin) is told
// about the whole. Either may be null.
struct WhoFacts {
  // The type votes of the whole collection, which type the batch's names instead of the
  // batch's own (MergeEntities' `collection`).
  const TypeVotes* type_votes = nullptr;
  // The whole collection's entity merge (MergeCollectionEntities), which gives the batch
  // its entities instead of a merge of its own (EntitiesFromMerge; the batch merges its
  // own when the merge does not cover its documents).
  const EntityMerge* entities = nullptr;
};

// What a batch hands back for the job that assembles the whole. Either may be null.
struct WhoOutputs {
  TypeVotes* type_votes = nullptr;  // the batch's own type votes (CountTypeVotes)
  // Each document's entity mentions, in the batch's order: the job merges those of every
  // document at once (MergeCollectionEntities).
  std::vector<DocEntityMentions>* mentions = nullptr;
};

// `texts[i]` is the analysed text of `docs[i]` (TextAnalyzer::Analyze); entities are also
// read from the blocks of `docs[i]` outside it that hold article text for names
// (EntityOnlyBlocks: captions, bylines, link-poor lists and tables), claims from `texts[i]`
// only. `gazetteer` may be null: places are then found and merged but only countries,
// continents and a few regions get coordinates. Entities are in order of first mention;
// claims in document order.
WhoResult ExtractWho(const std::vector<Document>& docs, const std::vector<text::DocText>& texts,
                     const Gazetteer* gazetteer, const ExtractOptions& options,
                     const WhoFacts& facts = {}, const WhoOutputs& outputs = {});

}  // namespace sitrep::extract

#endif  // SITREP_EXTRACT_WHO_H_
