#include "store/reader.h"

#include <sqlite3.h>

#include <utility>

namespace sitrep::store {

Result<std::unique_ptr<Reader>> Reader::Open(const std::string& path) {
  sqlite3* db = nullptr;
  const int rc = sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr);
  if (rc != SQLITE_OK) {
    std::string message = path + ": " + (db ? sqlite3_errmsg(db) : sqlite3_errstr(rc));
    sqlite3_close(db);
    return Status::IOError(std::move(message));
  }
  std::unique_ptr<Reader> reader(new Reader(db, path));
  // A writer's checkpoint or WAL recovery can hold the file for a moment.
  sqlite3_busy_timeout(db, 2000);
  // The file mapped (256 MiB) and a 32 MiB page cache: a server keeps few readers (one per
  // core) and reuses them.
  sqlite3_exec(db,
               "PRAGMA query_only = 1; PRAGMA mmap_size = 268435456; PRAGMA cache_size = -32768",
               nullptr, nullptr, nullptr);
  sqlite3_progress_handler(
      db, 1000,
      [](void* self) -> int {
        auto* r = static_cast<Reader*>(self);
        if (Clock::now() < r->deadline_) return 0;
        r->timed_out_ = true;
        return 1;
      },
      reader.get());
  if (!reader->HasTable("documents")) {
    return Status::InvalidInput(path + ": not a sitrep store (no documents table)");
  }
  return reader;
}

Reader::~Reader() { sqlite3_close(db_); }

bool Reader::HasTable(const std::string& name) {
  Result<nlohmann::json> rows = Query("SELECT 1 AS x FROM sqlite_master WHERE name = ?1", {name},
                                      Clock::now() + std::chrono::seconds(5), 1);
  return rows.ok() && !rows->empty();
}

Result<nlohmann::json> Reader::Query(std::string_view sql, const std::vector<SqlValue>& params,
                                     Clock::time_point deadline, size_t max_rows) {
  deadline_ = deadline;
  timed_out_ = false;
  sqlite3_stmt* stmt = nullptr;
  if (sqlite3_prepare_v2(db_, sql.data(), static_cast<int>(sql.size()), &stmt, nullptr) !=
      SQLITE_OK) {
    std::string message = path_ + ": " + sqlite3_errmsg(db_) + " in: " + std::string(sql);
    sqlite3_finalize(stmt);
    return Status::InvalidInput(std::move(message));
  }
  for (size_t i = 0; i < params.size(); ++i) {
    const int col = static_cast<int>(i) + 1;
    const SqlValue& v = params[i];
    if (const auto* n = std::get_if<long long>(&v)) {
      sqlite3_bind_int64(stmt, col, *n);
    } else if (const auto* d = std::get_if<double>(&v)) {
      sqlite3_bind_double(stmt, col, *d);
    } else if (const auto* s = std::get_if<std::string>(&v)) {
      sqlite3_bind_text(stmt, col, s->data(), static_cast<int>(s->size()), SQLITE_TRANSIENT);
    } else {
      sqlite3_bind_null(stmt, col);
    }
  }
  nlohmann::json rows = nlohmann::json::array();
  const int columns = sqlite3_column_count(stmt);
  int rc = SQLITE_DONE;
  while (rows.size() < max_rows && (rc = sqlite3_step(stmt)) == SQLITE_ROW) {
    nlohmann::json row = nlohmann::json::object();
    for (int c = 0; c < columns; ++c) {
      const char* name = sqlite3_column_name(stmt, c);
      switch (sqlite3_column_type(stmt, c)) {
        case SQLITE_INTEGER:
          row[name] = static_cast<long long>(sqlite3_column_int64(stmt, c));
          break;
        case SQLITE_FLOAT:
          row[name] = sqlite3_column_double(stmt, c);
          break;
        case SQLITE_NULL:
          row[name] = nullptr;
          break;
        default: {
          const auto* p = static_cast<const char*>(sqlite3_column_blob(stmt, c));
          row[name] = std::string(p ? p : "", static_cast<size_t>(sqlite3_column_bytes(stmt, c)));
        }
      }
    }
    rows.push_back(std::move(row));
  }
  if (rows.size() < max_rows && rc != SQLITE_DONE) {
    std::string message = timed_out_ ? "deadline passed before the query finished"
                                     : path_ + ": " + sqlite3_errmsg(db_);
    sqlite3_finalize(stmt);
    return Status::IOError(std::move(message));
  }
  sqlite3_finalize(stmt);
  return rows;
}

}  // namespace sitrep::store
