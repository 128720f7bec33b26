// Status and Result<T>: how errors cross module edges in sitrep.
//
// The library never throws across its API and never exits. A function that can fail
// returns Status (no value) or Result<T> (a value or a Status). Messages name the input
// and the problem ("seeds/001.txt: byte 120: invalid UTF-8"). "Nothing found" is an empty
// result, not an error.
//
// Thread-safety: values; safe to copy and move between threads.
#ifndef SITREP_STATUS_H_
#define SITREP_STATUS_H_

#include <cassert>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

namespace sitrep {

enum class StatusCode { kOk = 0, kInvalidInput, kNotFound, kIOError, kCorrupt, kInternal };

class Status {
 public:
  Status() = default;  // OK
  Status(StatusCode code, std::string message) : code_(code), message_(std::move(message)) {}

  static Status Ok() { return Status(); }
  static Status InvalidInput(std::string m) { return {StatusCode::kInvalidInput, std::move(m)}; }
  static Status NotFound(std::string m) { return {StatusCode::kNotFound, std::move(m)}; }
  static Status IOError(std::string m) { return {StatusCode::kIOError, std::move(m)}; }
  static Status Corrupt(std::string m) { return {StatusCode::kCorrupt, std::move(m)}; }
  static Status Internal(std::string m) { return {StatusCode::kInternal, std::move(m)}; }

  bool ok() const { return code_ == StatusCode::kOk; }
  StatusCode code() const { return code_; }
  const std::string& message() const { return message_; }
  // "invalid input: <message>", or "OK".
  std::string ToString() const;

 private:
  StatusCode code_ = StatusCode::kOk;
  std::string message_;
};

// A value of type T or the Status saying why there is none. Access the value only when
// ok(); doing otherwise is a programmer error (assert).
template <typename T>
class Result {
 public:
  Result(T value) : value_(std::move(value)) {}  // NOLINT: implicit by design
  Result(Status status) : status_(std::move(status)) { assert(!status_.ok()); }  // NOLINT

  bool ok() const { return value_.has_value(); }
  const Status& status() const { return status_; }
  const T& value() const& {
    assert(ok());
    return *value_;
  }
  T& value() & {
    assert(ok());
    return *value_;
  }
  T&& value() && {
    assert(ok());
    return std::move(*value_);
  }
  const T& operator*() const& { return value(); }
  T& operator*() & { return value(); }
  const T* operator->() const { return &value(); }
  T* operator->() { return &value(); }

 private:
  std::optional<T> value_;
  Status status_;
};

}  // namespace sitrep

#define SITREP_RETURN_IF_ERROR(expr)                 \
  do {                                               \
    ::sitrep::Status sitrep_status_ = (expr);        \
    if (!sitrep_status_.ok()) return sitrep_status_; \
  } while (0)

#endif  // SITREP_STATUS_H_
