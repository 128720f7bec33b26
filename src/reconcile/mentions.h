// Event mentions as self-contained records: the reconcile of many reports' mentions at once.
//
// A job that analyses a corpus in pieces (the Dask job, docs/scale.md) finds each event
// once per piece. Merging whole events afterwards cannot give what one `analyze` over the
// corpus gives: which event a mention joins depends on the other mentions it meets. So
// each piece hands over its event *mentions* instead, as records that carry what the
// merge and the event's attributes need (no document text, no token, no index into the
// piece's report), and ReconcileMentions runs the engine's own merge and event building
// (reconcile.cc) over the records of all pieces:
//
//   piece     Reconcile(report, texts, options, &set)   detects the mentions, links each
//             copy's mention to its source's (inside the piece) and exports them
//   split     SplitByGroup(set)                          one set per merge group (below)
//   counts    CountWords(set), summed over the pieces    the merge's word weights are
//                                                        corpus-wide
//   reconcile ReconcileMentions(sets of one group, counts, documents, options)
//
// Merge groups: mentions of different event types never merge, and a copy's mention
// joins the event of the mention it copies whatever its type, so a mention's group is the
// type of the mention at the end of its copy chain. The groups partition the merge: the
// events of ReconcileMentions over each group, together, are those of Reconcile over the
// whole corpus, as far as the pieces detect the same mentions and link the same copies.
// What a piece cannot see is documented in docs/scale.md ("Events across bins").
//
// Entities are matched across pieces by key: "g:<GeoNames id>" for a place the gazetteer
// resolved, else "<type>:<name>" in lower case.
//
// Thread-safety: pure functions.
#ifndef SITREP_RECONCILE_MENTIONS_H_
#define SITREP_RECONCILE_MENTIONS_H_

#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "reconcile/timex.h"
#include "sitrep/options.h"
#include "sitrep/report.h"
#include "sitrep/status.h"

namespace sitrep::reconcile {

// An entity a mention names, with what the merge needs to know of it.
struct RecordEntity {
  std::string key;  // the same entity in every piece (see above)
  std::string id;   // its id in the piece's report
  std::string name;
  std::string type;
  std::optional<double> lat, lon;
  std::optional<std::string> country, place_kind;
};

// One sentence that tells of an event (EventMention), self-contained.
struct MentionRecord {
  std::string doc;                       // document id
  std::optional<std::string> published;  // the document's publication date
  size_t ordinal = 0;                    // the k-th event mention of its document (1-based)
  size_t sentence = 0;                   // the sentence's number in its document
  std::string type, subtype;
  std::string group;  // merge group: the type at the end of the copy chain (see above)
  std::optional<DateSpan> date;
  std::optional<size_t> place;  // indices into MentionSet::entities
  bool place_from_text = false;
  std::vector<size_t> places, actors, claimants;
  std::optional<size_t> main_place;  // the document's main place
  std::optional<double> fatalities;
  std::vector<uint64_t> words, core_words;  // sorted content-word hashes
  std::string status;
  Evidence evidence;  // as the event lists it; its text is the sentence
  // The mention this one copies: (document id, ordinal); empty doc when none.
  std::string copy_doc;
  size_t copy_ordinal = 0;
  std::vector<CopyChange> changes;  // what the copy changed in the sentence
  bool added = false;               // a fact only the copy tells
};

struct MentionSet {
  std::vector<RecordEntity> entities;
  std::vector<MentionRecord> mentions;  // in document order, then sentence order
};

// The mentions of each merge group, each set with the entities its mentions name.
std::map<std::string, MentionSet> SplitByGroup(const MentionSet& set);

// Compact binary form (CBOR) for shipping between processes.
std::string EncodeMentions(const MentionSet& set);
Result<MentionSet> DecodeMentions(std::string_view bytes);
// The same records as JSON, for inspection: [format version, entities, mentions], each
// entity and mention an array in the field order of RecordEntity and MentionRecord.
Result<std::string> MentionsAsJson(std::string_view bytes);

// Document frequency of the content words over mentions: the merge weighs words by it.
struct WordCounts {
  uint64_t mentions = 0;
  std::unordered_map<uint64_t, uint64_t> df;  // word hash -> mentions that have it

  void Add(const WordCounts& other);
};
WordCounts CountWords(const MentionSet& set);
std::string EncodeWordCounts(const WordCounts& counts);
Result<WordCounts> DecodeWordCounts(std::string_view bytes);

// Where a document stands in the whole corpus: its input position (the order the engine
// reads the corpus in) and its copy cluster (documents of one cluster are one source).
struct RecordDocument {
  uint64_t rank = 0;
  std::string cluster;
};

// Merges the mentions of `sets` (all of one merge group, from any number of pieces) into
// events as Reconcile does (a mention in two sets counts once, as the earlier set has it), weighing
// words by `counts` (over the whole corpus). Documents missing from `documents` come after the
// others, each a cluster of its own. Returns a report holding the events, sorted as Reconcile sorts
// them, their timeline entries and the entities they name (ids as the earliest document's piece
// gave them); nothing else (contradictions need the documents' figures, which the records do not
// carry).
Report ReconcileMentions(const std::vector<MentionSet>& sets, const WordCounts& counts,
                         const std::unordered_map<std::string, RecordDocument>& documents,
                         const ReconcileOptions& options);

}  // namespace sitrep::reconcile

#endif  // SITREP_RECONCILE_MENTIONS_H_
