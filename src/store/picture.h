// Picture: writes a Report's rows into the store's picture tables (blocks, reuse pairs
// with passages and drift, copy clusters, entities and mentions, times, quantities,
// claims, events with evidence, contradictions, timeline, diagnostics) under one run.
//
// Two ways to write (internal to the store; docs/store.md):
//   insert   every row is inserted (`sitrep analyze --store`: a new run beside others).
//   update   the tables already hold the run's rows (the living corpus, whose one picture
//            keeps its run id from add to add). Each row, or each group that is written
//            together (a reuse pair with its passages and drift, an event with its
//            evidence, words, changes and sources), carries a 64-bit hash of its content
//            in a `rowhash` column. A row whose hash is among the stored ones is kept as
//            it is, a stored row no longer in the report is deleted, and only new rows are
//            inserted: an add that changes a few documents rewrites their rows and the
//            cross-document ones that moved, not every row of a corpus of 100,000
//            articles. The tables end up holding the same rows as an insert would write
//            (the row ids differ, and a contradiction's idx, which joins it with its
//            values, is a number not used before rather than its position). The timeline
//            and diagnostics are small and ordered by row id, so they are always rewritten.
//
// Blocks have no run: in update mode every stored block is the picture's (the corpus's
// documents table holds only its current documents), and a document whose row was
// replaced has lost its blocks already (ON DELETE CASCADE).
//
// Thread-safety: one call at a time per connection, inside the caller's transaction.
#ifndef SITREP_STORE_PICTURE_H_
#define SITREP_STORE_PICTURE_H_

#include "sitrep/report.h"
#include "sitrep/status.h"

struct sqlite3;

namespace sitrep::store {

enum class PictureWrite { kInsert, kUpdate };

// Writes the rows of `report` (all but the documents table itself) as run `run`. Errors
// name the table. Runs no transaction of its own.
Status WritePicture(sqlite3* db, const Report& report, long long run, PictureWrite mode);

// The tables that carry a `rowhash` column (Store::Migrate adds it to older stores).
inline constexpr const char* kHashedTables[] = {
    "blocks", "reuse",      "clusters", "entities", "mentions",
    "times",  "quantities", "claims",   "events",   "contradictions"};

}  // namespace sitrep::store

#endif  // SITREP_STORE_PICTURE_H_
