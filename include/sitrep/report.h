// Report: everything sitrep found in a set of documents, in the shape of the JSON
// report contract v1 (docs/report-format.md). Each pipeline stage fills its sections:
//   ingest + clean -> documents;  reuse -> reuse;  extract -> entities, times,
//   quantities, claims;  reconcile -> events, contradictions, timeline.
// Writers (src/report) turn it into JSON, Markdown and HTML.
//
// Spans (start, end) are UTF-8 byte offsets into the owning Document::text; `text`
// fields are exact substrings of it unless a comment says otherwise. Ids are stable
// within one report: documents by Document::id, others by a prefix and a counter
// ("e12", "c3", "ev4").
//
// Thread-safety: plain value; no internal synchronisation.
#ifndef SITREP_REPORT_H_
#define SITREP_REPORT_H_

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "sitrep/document.h"

namespace sitrep {

struct TextRef {  // A piece of one document's text.
  std::string doc;
  std::string text;
};

struct Mention {  // A located piece of one document's text.
  std::string doc;
  std::string text;
  size_t start = 0;
  size_t end = 0;
};

struct Passage {  // Two aligned stretches of text, source side and copy side: a maximal
                  // span of reused text, which may start and end inside a sentence.
  std::string source_text;
  std::string copy_text;
  double similarity = 0;
  // Byte ranges in each document (extra fields, not in contract v1's minimum).
  size_t source_start = 0, source_end = 0, copy_start = 0, copy_end = 0;
};

struct Drift {                 // One fact changed between an aligned source and copy sentence.
  std::string kind;            // date|time|number|quantity|place|person|organization|quote|
                               // negation|hedge|omission|added|other ("added": a fact the
                               // copy adds, source_text and source_context empty)
  std::string source_text;     // the changed phrase, short (may be empty for an addition)
  std::string copy_text;       // (may be empty for an omission)
  std::string source_context;  // the whole sentences
  std::string copy_context;
  int passage = -1;  // index into Reuse::passages of the aligned pair (extra field)
};

struct Reuse {
  std::string source;           // document id
  std::string copy;             // document id
  std::string relation;         // duplicate | near-duplicate | rewrite | partial | excerpt
                                // (excerpt: most of the copy is its own text)
  double coverage = 0;          // share of the copy's body aligned to the source, 0..1
  double similarity = 0;        // 0..1
  std::string direction_basis;  // why `source` is the source ("published date", "wire
                                // credit", "superset", "undetermined")
  std::vector<Passage> passages;
  std::vector<Drift> drift;
};

struct Entity {
  std::string id;
  std::string name;
  std::string type;  // person | organization | place | group | other
  std::vector<std::string> aliases;
  std::optional<double> lat, lon;
  std::optional<long long> geonames_id;
  std::optional<std::string> country;  // ISO 3166-1 alpha-2, places only (extra field)
  // Places only (extra field): "city" (any populated place or part of one), "region"
  // (state, province, oblast, named region), "country" or "continent".
  std::optional<std::string> place_kind;
  std::vector<Mention> mentions;
};

struct TimeExpr {
  std::string doc;
  std::string text;
  size_t start = 0, end = 0;
  std::string value;  // TIMEX3 value: "2022-10-27", "2022-07", "2022-W43", "2014", "P5M"...
  std::string type;   // date | time | duration | set
  std::optional<std::string> qualifier;  // "more than", "about"... (extra field)
};

struct Quantity {
  std::string doc;
  std::string text;
  size_t start = 0, end = 0;
  double value = 0;
  std::optional<double> low, high;
  std::optional<std::string> unit;
  std::optional<std::string> qualifier;  // about | at least | more than | up to
  std::optional<std::string> about;      // what is counted: "people killed", "tanks"
  std::optional<std::string> rate;       // "per day", "per week" (extra field)
  // The qualifier as written, lower-case: "nearly", "over", "some" (extra field).
  std::optional<std::string> qualifier_text;
  // The same amount in another unit given in brackets, "90 km (55 miles)" (extra fields).
  std::optional<double> converted_value;
  std::optional<std::string> converted_unit;
};

struct Claim {
  std::string id;  // "c<k>@<doc>": the document's k-th claim (stable as other documents come)
  std::string doc;
  std::optional<std::string> speaker;  // entity id
  std::optional<std::string> speaker_name;
  std::string cue;                     // "said", "according to", "claimed", a quote mark...
  std::optional<std::string> channel;  // "on Telegram", "in a nightly address"...
  std::string text;
  bool direct = false;
  size_t start = 0, end = 0;
};

// A word or phrase of an evidence sentence that decided part of an event (contract 1.1).
struct EvidenceWord {
  std::string role;  // type | status | date | place | actor | fatalities
  std::string text;  // exact substring of the document's text
  size_t start = 0, end = 0;
};

// One sentence that tells an event, with the words that decided it (contract 1.1).
struct Evidence {
  std::string doc;
  std::string text;  // the sentence, exact substring of the document's text
  size_t start = 0, end = 0;
  // Set when this document is a copy (or rewrite) of another document that tells the
  // same sentence: the source's document id. The mention is then the same observation
  // as the source's, not a second one.
  std::optional<std::string> copy_of;
  std::vector<EvidenceWord> words;
};

// A fact about an event that a copy changed, or added with no counterpart in its source
// (contract 1.1). The event shows the source's version; this is the copy's.
struct CopyChange {
  std::string kind;               // date | time | number | quantity | place | person |
                                  // organization | quote | negation | hedge | added
  std::string source_text;        // the source's phrase ("" for added)
  std::string copy_text;          // the copy's phrase
  std::string source_doc;         // the document the copy took the sentence from
  std::vector<std::string> docs;  // the copies that carry the change
  std::string copy_context;       // the copy's sentence
};

struct Event {
  // "ev<k>@<doc>": named after its first mention, the k-th event mention of the first
  // document that reports it, so that it keeps its id as other documents come
  std::string id;
  std::string type;                    // see docs/events.md
  std::optional<std::string> subtype;  // extra field
  std::optional<std::string> date;     // TIMEX value
  // Where `date` comes from (extra field): "text" (a time expression in a mention's
  // sentence) or "published" (no date in the text: the publication date of the earliest
  // source, an upper bound - the event happened on or before it).
  std::optional<std::string> date_basis;
  std::optional<std::string> location;  // entity id
  std::string summary;
  std::vector<std::string> actors;  // entity ids
  std::optional<double> fatalities;
  std::vector<std::string> sources;  // doc ids
  int independent_sources = 0;
  std::vector<TextRef> mentions;
  // Contract 1.1 (docs/events.md):
  //   reported    the outlet reports it (possibly citing police, officials, monitors)
  //   claimed     a party to the fighting claims it ("the defence ministry said its forces
  //               captured ...", "the group claimed responsibility"); `claimants` says who
  //   denied      a party denies it ("... denied carrying out the strike")
  //   background  it happened long before the reporting (over a year before publication)
  // Denied and background events stay off the timeline.
  std::string status = "reported";
  std::vector<std::string> claimants;  // entity ids of who claims or denies it
  std::vector<Evidence> evidence;      // every sentence that tells it
  std::vector<CopyChange> changed_in_copy;
};

struct Contradiction {
  std::string about;
  std::string kind;                  // copy-drift | between-sources
  std::optional<std::string> event;  // the event the figure belongs to, if any (extra field)
  std::vector<TextRef> values;
};

struct TimelineEntry {
  std::string date;
  std::optional<std::string> precision;  // day | month | year | week (extra field)
  std::string summary;
  std::vector<std::string> events;   // event ids
  std::vector<std::string> sources;  // doc ids
  int independent_sources = 0;
  std::string status = "reported";          // reported | claimed (contract 1.1)
  std::vector<CopyChange> changed_in_copy;  // the event's (contract 1.1)
};

// Copy clusters: documents derived from one another count as one source.
struct CopyCluster {
  std::string id;
  std::vector<std::string> docs;
};

struct Report {
  std::string version;
  std::vector<Document> documents;
  std::vector<Reuse> reuse;
  std::vector<CopyCluster> clusters;  // extra section
  std::vector<Entity> entities;
  std::vector<TimeExpr> times;
  std::vector<Quantity> quantities;
  std::vector<Claim> claims;
  std::vector<Event> events;
  std::vector<Contradiction> contradictions;
  std::vector<TimelineEntry> timeline;
  std::vector<Diagnostic> diagnostics;  // extra section: inputs that failed or were repaired

  // The document with this id, or nullptr. O(n).
  const Document* FindDocument(std::string_view id) const;
};

}  // namespace sitrep

#endif  // SITREP_REPORT_H_
