// Event detection: which sentences tell of a conflict event, of what type, when, where,
// who, and how many killed. The event type set (docs/events.md) follows ACLED's event
// types and sub-types, plus three of our own (Statement, Displacement/evacuation,
// Humanitarian).
//
// A sentence is an event mention when it holds an event cue (a word or phrase from a
// fixed lexicon: "shelling", "clashes", "recaptured", "took control", "killed",
// "evacuated", "said" ...) that is not negated or hypothetical ("no", "not", "failed",
// "attempt to", "could" in the three words before it). One sentence gives at most one
// mention: the cue of highest priority wins (a shelling that killed people is a
// shelling). Its attributes come from the extractions that lie inside the sentence:
//   date        the date-type time expression nearest to the cue; none in the sentence:
//               no date (the caller falls back to the publication date, marked as such)
//   place       the place entity in the sentence nearest to the cue, not counting
//               possessives ("Kyiv's forces"); in corpora of 20+ documents a place named
//               by most documents (the country at war) counts as further away; none: the
//               document's main place (most mentions weighted by specificity), marked
//   actors      person, organization and group entities in the sentence (claim speaker
//               for statements)
//   fatalities  a quantity in the sentence counting the dead (its `about` or the words
//               around it say killed/dead/died/deaths/lives/bodies)
//
// Thread-safety: pure functions over const inputs; the cue lexicon is built once
// (thread-safe static initialisation).
#ifndef SITREP_RECONCILE_EVENTS_H_
#define SITREP_RECONCILE_EVENTS_H_

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "reconcile/timex.h"
#include "sitrep/report.h"
#include "text/text.h"

namespace sitrep::reconcile {

// Event types (ACLED names where ACLED has the type).
inline constexpr std::string_view kBattles = "Battles";
inline constexpr std::string_view kRemoteViolence = "Explosions/Remote violence";
inline constexpr std::string_view kViolenceAgainstCivilians = "Violence against civilians";
inline constexpr std::string_view kStrategicDevelopments = "Strategic developments";
inline constexpr std::string_view kProtests = "Protests";
inline constexpr std::string_view kRiots = "Riots";
inline constexpr std::string_view kDisplacement = "Displacement/evacuation";
inline constexpr std::string_view kHumanitarian = "Humanitarian";

// The cue of a sentence: its type, sub-type and where it is.
struct Cue {
  std::string_view type;
  std::string_view subtype;
  int priority = 0;
  size_t first_token = 0;  // [first_token, last_token) into the token vector searched
  size_t last_token = 0;
  // The cue speaks of war by itself ("shelling", "air strike", "recaptured", "car bomb"):
  // the sentence needs no other word of war to be about the war.
  bool strong = false;
};

// The best cue among tokens[begin, end), or nullopt. Tokens need only `lower`.
std::optional<Cue> FindCue(const std::vector<text::Token>& tokens, size_t begin, size_t end);

// True when `word` (lower case) names the dead: killed, dead, deaths, died, lives ...
bool IsDeathWord(std::string_view word);

// Extractions of a report indexed by document for sentence lookups, plus corpus facts
// (how many documents mention each place). Built once per Reconcile call.
struct CorpusIndex {
  struct Item {
    size_t start = 0, end = 0;  // bytes in Document::text
    size_t index = 0;           // into report.entities / times / quantities / claims
    bool scene = true;          // places: the mention names where something happened (not "Kyiv's
                                // forces", "Washington said", "a think tank in Washington")
  };
  struct Doc {
    std::vector<Item> entities, times, quantities, claims;  // each sorted by start
    std::optional<size_t> main_place;                       // entity index
  };
  std::vector<Doc> docs;              // parallel to report.documents
  std::vector<int> entity_doc_count;  // parallel to report.entities
  std::unordered_map<std::string, size_t> entity_by_id;
  size_t collection_docs = 0;  // documents the counts are over (docs.size(), or PlaceCounts')
};

// The key that names one entity in every report of a collection: "g:<GeoNames id>" for a
// placed name, else "<type>:<name>" in lower case.
std::string EntityKey(const Entity& entity);

// How many documents of a whole collection mention each place (by EntityKey): what a run
// over one piece of the collection (a distributed job's bin) weighs places by, so that
// its documents' main places and the ubiquity penalty are those of one run over the
// whole.
struct PlaceCounts {
  size_t documents = 0;
  std::unordered_map<std::string, int> by_key;
};

// Each document's place entities, by EntityKey, sorted and unique (parallel to
// report.documents): summed over a collection's documents, PlaceCounts.
std::vector<std::vector<std::string>> PlacesByDocument(const Report& report);

// `places`, when not null, replaces the report's own document counts of the places it
// holds (a place it lacks keeps the report's count) and the number of documents.
CorpusIndex BuildCorpusIndex(const Report& report, const PlaceCounts* places = nullptr);

// A byte range in Document::text.
struct ByteSpan {
  size_t start = 0, end = 0;
};

// Status of an event mention (docs/events.md): how the document tells it.
inline constexpr std::string_view kReported = "reported";
inline constexpr std::string_view kClaimed = "claimed";
inline constexpr std::string_view kDenied = "denied";
inline constexpr std::string_view kBackground = "background";
// An event more than this many days before its earliest report is background.
inline constexpr long kBackgroundDays = 365;

// One sentence that tells of an event.
struct EventMention {
  size_t doc = 0;             // index into report.documents
  size_t sentence = 0;        // index into the DocText's sentences
  size_t start = 0, end = 0;  // the sentence's bytes in Document::text
  std::string_view type;
  std::string_view subtype;
  std::optional<DateSpan> date;      // from a time expression in the sentence
  std::optional<size_t> time;        // index into report.times of that expression
  std::optional<size_t> place;       // entity index
  bool place_from_text = false;      // false: the document's main place
  std::vector<size_t> places;        // every place entity named in the sentence
  std::vector<size_t> actors;        // entity indices, first-mention order
  std::optional<size_t> fatalities;  // index into report.quantities
  std::vector<uint64_t> words;       // sorted hashes of the content words (similarity)
  std::vector<uint64_t> core_words;  // the same, of the clause around the cue only
  // How the sentence tells it: reported | claimed | denied | background, who claims or
  // denies it (entity indices, also among `actors`), and the word that says so.
  std::string_view status = kReported;
  std::vector<size_t> claimants;
  std::optional<ByteSpan> status_word;
  // Evidence: the cue's bytes, and the bytes of the place, actor and fatality mentions
  // that decided the attributes (the date's bytes are report.times[*time]).
  ByteSpan cue;
  std::optional<ByteSpan> place_word;
  std::vector<ByteSpan> actor_words;
};

// Why a sentence holding a cue is not an event (docs/events.md, "Not events"), or
// kIsEvent. Exposed for tests and the evaluation's error analysis.
enum class NotEvent : uint8_t {
  kIsEvent,
  kHypothetical,  // forecast, plan, condition, question: "may fall", "if they take"
  kAssessment,    // opinion, analysis, comparison: "likened", "appears to", "worse than"
  kStatistic,     // shares, rates and totals: "75 percent of casualties", "a three-week battle"
  kOngoing,       // a state or habit over a period: "has shelled the city for five months"
  kAnecdote,      // biography, training, a person's story: "spent 35 days learning ..."
  kTopic,         // the campaign as a topic, not an occurrence: "the battle for Bakhmut"
  kNotConflict,   // disease, accident, labour strike, business, ordinary crime; a cue inside
                  // a name ("Joint Strike Fighter") or used as an adjective ("offensive weapon")
};

// Classifies the sentence tokens[begin, end) whose best cue is `cue` (pure token rules;
// DetectEvents adds the rule on periods, which needs the time expressions). `dated`: the
// sentence gives the event's date (a dated "nine-month battle began on October 17" is
// an occurrence; an undated one is a total or a topic).
// `war_document`: the whole document is about armed conflict (WarDocument), so a
// sentence needs no war word of its own ("Residents were evacuated.").
NotEvent ClassifyCueSentence(const std::vector<text::Token>& tokens, size_t begin, size_t end,
                             const Cue& cue, bool dated, bool war_document = false);

// A document about armed conflict: at least kWarDocumentMinWords of its words, and
// kWarDocumentMinPercent of them, are words of war (troops, shelling, militants ...).
inline constexpr size_t kWarDocumentMinWords = 4;
inline constexpr size_t kWarDocumentMinPercent = 3;
bool WarDocument(const std::vector<text::Token>& tokens);

// Event mentions of document `doc` (index into report.documents) whose analysed text is
// `text`, in sentence order.
std::vector<EventMention> DetectEvents(const Report& report, const text::DocText& text, size_t doc,
                                       const CorpusIndex& index);

// The place entity among the mentions of document `doc` inside [start, end) nearest to
// [near_start, near_end), skipping possessives, with the ubiquity penalty described above.
// Returns an index into report.entities.
std::optional<size_t> SentencePlace(const Report& report, const CorpusIndex& index, size_t doc,
                                    size_t start, size_t end, size_t near_start, size_t near_end);

struct DatedTime {
  DateSpan span;
  size_t time = 0;  // index into report.times
};

// The date of the date/time expression of document `doc` inside [start, end) nearest to
// [near_start, near_end). Expressions that bound a period rather than date an event
// ("since 2014", "until March", "before the war": qualifier or the word before them)
// and values that are not calendar dates are skipped.
std::optional<DatedTime> SentenceDate(const Report& report, const CorpusIndex& index, size_t doc,
                                      size_t start, size_t end, size_t near_start, size_t near_end);

// Hashes of the content words of tokens[begin, end): words of three or more letters that
// are not stop words, by canonical form (else stem, else lower case); sorted, unique.
// `skip`, when not empty, flags tokens to leave out, indexed from `begin` (skip[i - begin]).
std::vector<uint64_t> ContentWords(const std::vector<text::Token>& tokens, size_t begin, size_t end,
                                   std::span<const uint8_t> skip = {});

// Dice coefficient of two sorted hash sets, 0..1 (0 when both are empty).
double Dice(const std::vector<uint64_t>& a, const std::vector<uint64_t>& b);

}  // namespace sitrep::reconcile

#endif  // SITREP_RECONCILE_EVENTS_H_
