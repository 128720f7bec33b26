// Reader: a read-only connection to a sitrep store, for `sitrep serve` and other readers
// that must keep working while `sitrep add` writes (the store is in WAL mode: a reader
// sees the last committed picture until the writer commits, and never blocks it).
//
// The reader runs SQL that its caller composes (src/serve/api.cc) with bound
// parameters, and returns rows as JSON objects keyed by column name: integers as
// integers, reals as numbers, text and blobs as strings, NULL as null. The connection is
// opened with SQLITE_OPEN_READONLY and `PRAGMA query_only`, so no statement can change
// the store. Every query has a deadline: a query still running at the deadline is
// interrupted and fails with kDeadline.
//
// Thread-safety: a Reader is used by one thread at a time; open one per thread (they
// share nothing but the file).
#ifndef SITREP_STORE_READER_H_
#define SITREP_STORE_READER_H_

#include <chrono>
#include <cstddef>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "sitrep/status.h"

struct sqlite3;

namespace sitrep::store {

// A value bound to a query parameter (?1, ?2, ... in order).
using SqlValue = std::variant<std::nullptr_t, long long, double, std::string>;

class Reader {
 public:
  using Clock = std::chrono::steady_clock;

  // Opens the store at `path` read-only. Errors name the path; a file that is not a
  // sitrep store (no `documents` table) is kInvalidInput.
  static Result<std::unique_ptr<Reader>> Open(const std::string& path);
  ~Reader();
  Reader(const Reader&) = delete;
  Reader& operator=(const Reader&) = delete;

  // Runs `sql` with `params` and returns its rows (a JSON array of objects), at most
  // `max_rows` of them (the rest are not read). Fails with kInvalidInput when the SQL is
  // wrong (a programmer error in the caller) and with a message starting "deadline"
  // when `deadline` passed first (see TimedOut()).
  Result<nlohmann::json> Query(std::string_view sql, const std::vector<SqlValue>& params,
                               Clock::time_point deadline, size_t max_rows = SIZE_MAX);

  // True when the last failed Query() was interrupted by its deadline.
  bool TimedOut() const { return timed_out_; }

  // True when the store has a table, view or virtual table named `name` (for features a
  // store written by an older sitrep lacks, e.g. the full-text index).
  bool HasTable(const std::string& name);

  const std::string& path() const { return path_; }

 private:
  Reader(sqlite3* db, std::string path) : db_(db), path_(std::move(path)) {}
  sqlite3* db_;
  std::string path_;
  Clock::time_point deadline_{};
  bool timed_out_ = false;
};

}  // namespace sitrep::store

#endif  // SITREP_STORE_READER_H_
