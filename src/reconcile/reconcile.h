// Reconcile: the same fact across documents. Turns what the earlier stages put in a
// Report (documents, reuse pairs and copy clusters, entities, times, quantities, claims)
// into events, contradictions and a timeline.
//
//   Events         DetectEvents (events.h) finds event mentions sentence by sentence;
//                  mentions are merged into one event when they are of one type and
//                  (a) name the same place in the sentence and the same day in the
//                  sentence - ACLED's unit: one type, one place, one day - or
//                  (b) share a place (or both have none) and compatible dates (their day
//                  intervals meet; an undated mention covers the few days up to its
//                  publication date) and their content words are similar (Dice >=
//                  event_similarity; for mentions with no place, twice that).
//                  An event's `sources` are its documents; `independent_sources` counts
//                  copy clusters (sources.h), so a copy never counts as a second source.
//   Contradictions between-sources: the fatality figures of one event, and figures that
//                  count the same thing (figures.h key + place + unit + rate, dates
//                  within figure_window_days), that cannot both be right and come from
//                  different copy clusters. copy-drift: every factual change (number,
//                  date, place, name, quote, negation, hedge) the reuse stage found
//                  between a source and its copy.
//   Timeline       one entry per event dated by the text, in date order, with the date's
//                  precision (day, week, month, year). Events dated only by publication
//                  are listed as events but kept off the timeline: their day is unknown.
// Details and the rationale: docs/reconcile.md; the event types: docs/events.md.
//
// Deterministic: the output depends only on the report, not on thread count.
// Thread-safety: Reconcile mutates only `report`; it may run concurrently on different
// reports.
#ifndef SITREP_RECONCILE_RECONCILE_H_
#define SITREP_RECONCILE_RECONCILE_H_

#include <vector>

#include "sitrep/options.h"
#include "sitrep/report.h"
#include "text/text.h"

namespace sitrep::reconcile {

struct MentionSet;   // mentions.h
struct PlaceCounts;  // events.h

// Fills report.events, report.contradictions and report.timeline (replacing what they
// held) from what the earlier stages put in the report (documents with cleaned blocks,
// reuse pairs and copy clusters, entities, times, quantities, claims). texts[i] is the
// analysed text of report.documents[i]; a shorter `texts` leaves the remaining documents
// without events. Extractions that point outside their document are ignored.
// `mentions`, when not null, receives the event mentions as records (mentions.h) for a
// reconcile over many reports' mentions. `places`, when not null: the documents of the
// whole collection the report is a piece of that mention each place (main places and the
// ubiquity penalty weigh places by them).
void Reconcile(Report& report, const std::vector<text::DocText>& texts,
               const ReconcileOptions& options, MentionSet* mentions = nullptr,
               const PlaceCounts* places = nullptr);

}  // namespace sitrep::reconcile

#endif  // SITREP_RECONCILE_RECONCILE_H_
