// Statement: a prepared SQLite statement with positional binding that finalizes itself
// (internal to the store; the only other place besides store.cc that includes sqlite3.h).
//
// Thread-safety: a Statement belongs to the connection it was prepared on.
#ifndef SITREP_STORE_STATEMENT_H_
#define SITREP_STORE_STATEMENT_H_

#include <sqlite3.h>

#include <optional>
#include <string>
#include <string_view>

namespace sitrep::store {

// A prepared statement with positional binding; finalizes itself.
class Statement {
 public:
  Statement(sqlite3* db, const char* sql) {
    rc_ = sqlite3_prepare_v2(db, sql, -1, &stmt_, nullptr);
  }
  ~Statement() { sqlite3_finalize(stmt_); }
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;
  bool ok() const { return rc_ == SQLITE_OK; }

  Statement& Bind(const std::string& v) {
    sqlite3_bind_text(stmt_, ++col_, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT);
    return *this;
  }
  Statement& Bind(const char* v) { return Bind(std::string(v)); }
  Statement& Bind(std::string_view v) { return Bind(std::string(v)); }
  // Binds bytes as a BLOB (not text).
  Statement& BindBlob(std::string_view v) {
    sqlite3_bind_blob64(stmt_, ++col_, v.data(), v.size(), SQLITE_TRANSIENT);
    return *this;
  }
  Statement& Bind(double v) {
    sqlite3_bind_double(stmt_, ++col_, v);
    return *this;
  }
  Statement& Bind(long long v) {
    sqlite3_bind_int64(stmt_, ++col_, v);
    return *this;
  }
  Statement& Bind(size_t v) { return Bind(static_cast<long long>(v)); }
  Statement& Bind(int v) { return Bind(static_cast<long long>(v)); }
  Statement& Bind(bool v) { return Bind(static_cast<long long>(v ? 1 : 0)); }
  template <typename T>
  Statement& Bind(const std::optional<T>& v) {
    if (v) return Bind(*v);
    sqlite3_bind_null(stmt_, ++col_);
    return *this;
  }
  // Runs the statement once and resets it for the next row.
  int Step() {
    const int rc = sqlite3_step(stmt_);
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
    col_ = 0;
    return rc;
  }
  sqlite3_stmt* raw() { return stmt_; }
  // Ends a statement walked row by row with sqlite3_step(raw()).
  void Reset() {
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
    col_ = 0;
  }

 private:
  sqlite3_stmt* stmt_ = nullptr;
  int rc_ = SQLITE_ERROR;
  int col_ = 0;
};

}  // namespace sitrep::store

#endif  // SITREP_STORE_STATEMENT_H_
