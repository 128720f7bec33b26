// Bytes: little-endian integers and length-prefixed strings in and out of a byte string,
// for the engine's own binary formats (indexes kept on disk or in the store).
//
// A ByteReader never reads past its input: a read that does not fit fails, and every
// later read fails too, so a decoder checks ok() once at the end (or wherever a count is
// about to size an allocation).
//
// Thread-safety: a writer or a reader is used by one thread at a time.
#ifndef SITREP_BASE_BYTES_H_
#define SITREP_BASE_BYTES_H_

#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <utility>

namespace sitrep::base {

class ByteWriter {
 public:
  void U64(uint64_t v) { Put(v); }
  void U32(uint32_t v) { Put(v); }
  void Bytes(std::string_view s) { out_.append(s); }
  // The length, then the bytes.
  void String(std::string_view s) {
    U64(s.size());
    out_.append(s);
  }
  std::string Take() { return std::move(out_); }

 private:
  template <typename T>
  void Put(T v) {
    char b[sizeof(T)];
    for (size_t i = 0; i < sizeof(T); ++i) b[i] = static_cast<char>(v >> (8 * i));
    out_.append(b, sizeof(T));
  }
  std::string out_;
};

class ByteReader {
 public:
  explicit ByteReader(std::string_view in) : in_(in) {}

  bool U64(uint64_t& v) { return Get(v); }
  bool U32(uint32_t& v) { return Get(v); }
  // `n` raw bytes.
  bool Bytes(size_t n, std::string_view& out) {
    if (!Need(n)) return false;
    out = in_.substr(0, n);
    in_.remove_prefix(n);
    return true;
  }
  // The bytes of a string written by ByteWriter::String, not copied.
  bool View(std::string_view& out) {
    uint64_t n = 0;
    if (!U64(n) || n > in_.size()) return Fail();
    return Bytes(static_cast<size_t>(n), out);
  }
  // A string written by ByteWriter::String, at most `max` bytes long.
  bool String(std::string& out, size_t max = size_t{1} << 20) {
    uint64_t n = 0;
    std::string_view s;
    if (!U64(n) || n > max || !Bytes(static_cast<size_t>(n), s)) return Fail();
    out.assign(s);
    return true;
  }
  // True when `count` items of at least `item_bytes` each can still be in the input: a
  // check before a count read from the input sizes an allocation.
  bool CanHold(uint64_t count, size_t item_bytes) {
    if (ok_ && count <= in_.size() / (item_bytes ? item_bytes : 1)) return true;
    return Fail();
  }
  bool ok() const { return ok_; }
  bool done() const { return ok_ && in_.empty(); }
  size_t left() const { return in_.size(); }

 private:
  template <typename T>
  bool Get(T& v) {
    if (!Need(sizeof(T))) return false;
    v = 0;
    for (size_t i = 0; i < sizeof(T); ++i) {
      v |= static_cast<T>(static_cast<unsigned char>(in_[i])) << (8 * i);
    }
    in_.remove_prefix(sizeof(T));
    return true;
  }
  bool Need(size_t n) { return ok_ && in_.size() >= n ? true : Fail(); }
  bool Fail() {
    ok_ = false;
    return false;
  }
  std::string_view in_;
  bool ok_ = true;
};

}  // namespace sitrep::base

#endif  // SITREP_BASE_BYTES_H_
