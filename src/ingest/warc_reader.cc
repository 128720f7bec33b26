// WARC reader: response and resource records with HTML payloads become documents.
//
// Why not libarchive's WARC format reader: checked against libarchive 3.6.2 (the Debian 12
// package), its reader (a) drops every record other than response/resource without saying
// so, so the skipped records cannot be counted by type; (b) exposes WARC-Target-URI only as
// a path with the scheme and host cut off, and drops responses whose URI ends in '/' (every
// home page); (c) rejects WARC/1.1 and WARC-Date values with fractional seconds (both
// written by current crawlers) with a fatal error that ends the whole file; (d) cannot go
// on after a corrupt gzip member: archive_read_open fails or the stream ends. It parses
// neither the HTTP status nor the HTTP headers. So this file parses the WARC and HTTP
// header lines itself (a few dozen lines: "Name: value" pairs and Content-Length) and
// uses zlib directly for the gzip members, restarting at the next member after a corrupt
// one. Records are streamed: memory holds one record at a time (bodies of records that
// are not read are skipped without being stored).
#include <zlib.h>

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <cstring>
#include <deque>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <tuple>
#include <utility>
#include <vector>

#include "ingest/readers.h"

namespace sitrep::ingest::internal {
namespace {

constexpr auto kError = Diagnostic::Severity::kError;
constexpr auto kWarning = Diagnostic::Severity::kWarning;
constexpr size_t kChunk = 1 << 20;      // Bytes read (or inflated) at a time.
constexpr size_t kScratch = 1 << 18;    // Bytes inflated at a time.
constexpr size_t kMaxHeader = 1 << 16;  // A WARC or HTTP header longer than this is corrupt.
constexpr size_t kMaxReported = 50;     // Per-record diagnostics listed one by one per file.

bool IEquals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(a[i])) !=
        std::tolower(static_cast<unsigned char>(b[i]))) {
      return false;
    }
  }
  return true;
}

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// ---- Byte source: plain bytes, or gzip members inflated one after another ----

// Decoded WARC bytes pulled from `read`. For gzip input, each member is inflated in turn;
// a corrupt or truncated member stops the output at a "break" that the record parser must
// acknowledge (ClearBreak) before the bytes of the next good member follow.
class WarcStream {
 public:
  WarcStream(const WarcReadFn& read, bool gzip) : read_(read), gzip_(gzip) {
    if (gzip_) {
      zs_ = z_stream{};
      if (inflateInit2(&zs_, 16 + MAX_WBITS) != Z_OK) {
        break_ = "cannot start zlib";
        done_ = true;
      } else {
        zinit_ = true;
      }
      members_.push_back({0, 0});
    }
  }
  ~WarcStream() {
    if (zinit_) inflateEnd(&zs_);
  }
  WarcStream(const WarcStream&) = delete;
  WarcStream& operator=(const WarcStream&) = delete;

  // Makes up to `n` bytes available at Data(); fewer at the end of input or at a break.
  size_t Fill(size_t n) {
    while (Available() < n && !done_ && break_.empty()) {
      if (pos_ > 0 && pos_ >= buf_.size() / 2) {
        buf_.erase(0, pos_);
        base_ += pos_;
        pos_ = 0;
      }
      Produce();
    }
    return Available();
  }
  size_t Available() const { return buf_.size() - pos_; }
  std::string_view Data() const { return std::string_view(buf_).substr(pos_); }
  void Consume(size_t n) { pos_ += std::min(n, Available()); }
  // Decoded offset of Data()[0].
  uint64_t Offset() const { return base_ + pos_; }

  // Non-empty when the output stopped at a corrupt or truncated gzip member.
  const std::string& Break() const { return break_; }
  // Drops what is left before the break and goes on with the next member.
  void ClearBreak() {
    base_ += buf_.size();
    buf_.clear();
    pos_ = 0;
    break_.clear();
  }
  bool gzip() const { return gzip_; }
  // Where the record starting at decoded offset `offset` is in the file: the file offset
  // for plain WARC, the offset of its gzip member otherwise.
  uint64_t FileOffset(uint64_t offset) {
    if (!gzip_) return offset;
    while (members_.size() > 1 && members_[1].first <= offset) members_.pop_front();
    return members_.empty() ? 0 : members_.front().second;
  }
  // A read error (errno text), reported once by the parser.
  const std::string& ReadError() const { return read_error_; }

 private:
  bool ReadInput() {  // Appends raw bytes to in_; false at end of input or on error.
    if (eof_) return false;
    const size_t old = in_.size();
    in_.resize(old + kChunk);
    const long n = read_(in_.data() + old, kChunk);
    if (n <= 0) {
      in_.resize(old);
      eof_ = true;
      if (n < 0) read_error_ = std::strerror(static_cast<int>(-n));
      return false;
    }
    in_.resize(old + static_cast<size_t>(n));
    return true;
  }

  void Produce() {
    if (!gzip_) {
      in_.clear();
      if (!ReadInput()) {
        done_ = true;
        return;
      }
      buf_.append(in_);
      return;
    }
    if (in_pos_ >= in_.size()) {
      // Keep the current member's compressed bytes (up to a bound) for resyncing.
      const size_t keep_from =
          member_in_ + kChunk >= in_pos_ && member_in_ <= in_pos_ ? member_in_ : in_pos_;
      in_.erase(0, keep_from);
      in_base_ += keep_from;
      member_in_ -= std::min(member_in_, keep_from);
      in_pos_ -= keep_from;
      if (!ReadInput()) {
        done_ = true;
        if (member_started_) {
          break_ = "gzip member at byte " + std::to_string(member_file_) + " is truncated";
          member_started_ = false;
        }
        return;
      }
    }
    // Inflate into a scratch buffer allocated once (growing buf_ by a chunk for each small
    // member would zero-fill a chunk per record).
    if (scratch_.empty()) scratch_.resize(kScratch);
    zs_.next_in = reinterpret_cast<Bytef*>(in_.data() + in_pos_);
    zs_.avail_in = static_cast<uInt>(in_.size() - in_pos_);
    zs_.next_out = reinterpret_cast<Bytef*>(scratch_.data());
    zs_.avail_out = static_cast<uInt>(scratch_.size());
    const int rc = inflate(&zs_, Z_NO_FLUSH);
    const size_t used = in_.size() - in_pos_ - zs_.avail_in;
    const size_t made = scratch_.size() - zs_.avail_out;
    in_pos_ += used;
    buf_.append(scratch_.data(), made);
    if (used > 0 || made > 0) member_started_ = true;
    if (made > 0) resyncing_ = false;
    if (rc == Z_STREAM_END) {
      inflateReset(&zs_);
      member_started_ = false;
      member_in_ = in_pos_;
      member_file_ = in_base_ + in_pos_;
      members_.push_back({base_ + buf_.size(), member_file_});
      return;
    }
    if (rc == Z_OK || (rc == Z_BUF_ERROR && used == 0 && made == 0 && zs_.avail_in == 0)) {
      return;  // Needs more input (or more output room).
    }
    // Corrupt data: report it (once per run of failures) and look for the next member.
    const std::string what = zs_.msg != nullptr ? zs_.msg : "zlib error " + std::to_string(rc);
    const uint64_t bad_member = member_file_;
    inflateReset(&zs_);
    member_started_ = false;
    const bool found = Resync();
    if (!resyncing_) {
      break_ = "corrupt gzip member at byte " + std::to_string(bad_member) + " (" + what + ")";
      break_ += found ? "; reading on from the next member at byte " + std::to_string(member_file_)
                      : "; no further gzip member found";
    }
    resyncing_ = found;
    if (!found) done_ = true;
  }

  // Moves to the next gzip member signature after the current member's start. False when
  // there is none.
  bool Resync() {
    size_t from = std::max(member_in_ + 1, static_cast<size_t>(0));
    if (from > in_.size()) from = in_pos_;
    for (;;) {
      const std::string_view hay(in_);
      const size_t hit = hay.find("\x1F\x8B\x08", from);
      if (hit != std::string_view::npos) {
        in_pos_ = hit;
        member_in_ = hit;
        member_file_ = in_base_ + hit;
        members_.push_back({base_ + buf_.size(), member_file_});
        return true;
      }
      // Keep the last two bytes (a signature may straddle reads).
      const size_t keep = in_.size() >= 2 ? in_.size() - 2 : 0;
      in_.erase(0, keep);
      in_base_ += keep;
      in_pos_ = in_.size();
      member_in_ = 0;
      from = 0;
      if (!ReadInput()) return false;
    }
  }

  const WarcReadFn& read_;
  const bool gzip_;
  std::string buf_;  // Decoded bytes; Data() starts at pos_.
  size_t pos_ = 0;
  uint64_t base_ = 0;  // Decoded offset of buf_[0].
  bool done_ = false;
  bool eof_ = false;
  std::string break_;
  std::string read_error_;
  // gzip state
  z_stream zs_{};
  bool zinit_ = false;
  std::vector<char> scratch_;  // Inflated bytes before they join buf_.
  std::string in_;             // Compressed bytes; in_[in_pos_] is the next one to inflate.
  size_t in_pos_ = 0;
  uint64_t in_base_ = 0;  // File offset of in_[0].
  size_t member_in_ = 0;  // Index in in_ of the current member's first byte.
  uint64_t member_file_ = 0;
  bool member_started_ = false;
  bool resyncing_ = false;
  std::deque<std::pair<uint64_t, uint64_t>> members_;  // (decoded start, file offset)
};

// ---- Header lines ----

// "Name: value" lines (folded continuation lines joined) up to the blank line.
using Fields = std::vector<std::pair<std::string_view, std::string>>;

Fields ParseFields(std::string_view block) {
  Fields fields;
  while (!block.empty()) {
    size_t eol = block.find('\n');
    std::string_view line = block.substr(0, eol);
    block = eol == std::string_view::npos ? std::string_view() : block.substr(eol + 1);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty()) continue;
    if ((line[0] == ' ' || line[0] == '\t') && !fields.empty()) {
      fields.back().second += ' ';
      fields.back().second += TrimAscii(line);
      continue;
    }
    const size_t colon = line.find(':');
    if (colon == std::string_view::npos || colon == 0) continue;
    fields.emplace_back(TrimAscii(line.substr(0, colon)),
                        std::string(TrimAscii(line.substr(colon + 1))));
  }
  return fields;
}

const std::string* Field(const Fields& fields, std::string_view name) {
  for (const auto& [k, v] : fields) {
    if (IEquals(k, name)) return &v;
  }
  return nullptr;
}

// The end of a header block: the index just past its blank line, or npos.
size_t HeaderEnd(std::string_view s, size_t limit) {
  const std::string_view head = s.substr(0, limit);
  const size_t crlf = head.find("\r\n\r\n");
  const size_t lf = head.substr(0, crlf).find("\n\n");  // Only before a CRLF CRLF.
  if (crlf == std::string_view::npos && lf == std::string_view::npos) return std::string_view::npos;
  if (crlf != std::string_view::npos && (lf == std::string_view::npos || crlf <= lf)) {
    return crlf + 4;
  }
  return lf + 2;
}

std::optional<uint64_t> ParseLength(std::string_view s) {
  s = TrimAscii(s);
  if (s.empty() || s.size() > 15) return std::nullopt;
  uint64_t n = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return std::nullopt;
    n = n * 10 + static_cast<uint64_t>(c - '0');
  }
  return n;
}

// "text/html; charset=windows-1251" -> {"text/html", "windows-1251"}.
std::pair<std::string, std::string> SplitContentType(std::string_view value) {
  const size_t semi = value.find(';');
  std::string type = Lower(TrimAscii(value.substr(0, semi)));
  std::string charset;
  if (semi != std::string_view::npos) {
    const std::string params = Lower(value.substr(semi + 1));
    const size_t at = params.find("charset=");
    if (at != std::string::npos) {
      std::string_view v = std::string_view(params).substr(at + 8);
      v = v.substr(0, v.find(';'));
      v = TrimAscii(v);
      if (v.size() >= 2 && (v.front() == '"' || v.front() == '\'')) v = v.substr(1, v.size() - 2);
      charset = std::string(TrimAscii(v));
    }
  }
  return {std::move(type), std::move(charset)};
}

bool IsHtmlType(std::string_view type) {
  return type == "text/html" || type == "application/xhtml+xml";
}

// ---- HTTP payload decoding ----

// Undoes chunked transfer coding. nullopt when `body` does not start like a chunked body
// (some crawlers store the decoded body but keep the header). `complete` is false when
// the chunks stop early (what was decoded is returned).
std::optional<std::string> Dechunk(std::string_view body, bool& complete) {
  std::string out;
  size_t pos = 0;
  bool first = true;
  complete = false;
  while (pos < body.size()) {
    const size_t eol = body.find('\n', pos);
    if (eol == std::string_view::npos) {
      if (first) return std::nullopt;
      break;
    }
    std::string_view line = body.substr(pos, eol - pos);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    line = TrimAscii(line.substr(0, line.find(';')));
    if (line.empty() || line.size() > 12) {
      if (first) return std::nullopt;
      break;
    }
    uint64_t size = 0;
    for (char c : line) {
      int d = -1;
      if (c >= '0' && c <= '9') d = c - '0';
      if (c >= 'a' && c <= 'f') d = c - 'a' + 10;
      if (c >= 'A' && c <= 'F') d = c - 'A' + 10;
      if (d < 0) {
        if (first) return std::nullopt;
        return out;
      }
      size = size * 16 + static_cast<uint64_t>(d);
    }
    first = false;
    pos = eol + 1;
    if (size == 0) {
      complete = true;
      break;
    }
    if (size > body.size() - pos) {
      out.append(body.substr(pos));
      return out;
    }
    out.append(body.substr(pos, size));
    pos += size;
    if (body.compare(pos, 2, "\r\n") == 0) {
      pos += 2;
    } else if (pos < body.size() && body[pos] == '\n') {
      ++pos;
    }
  }
  return out;
}

// Inflates a gzip or zlib (or raw deflate) body, at most `limit` bytes of output.
// nullopt when the data is corrupt; `cut` is set when the output hit `limit`.
std::optional<std::string> Inflate(std::string_view data, size_t limit, bool& cut) {
  cut = false;
  const bool gzip = data.size() >= 2 && data[0] == '\x1F' && data[1] == '\x8B';
  const bool zlib =
      !gzip && data.size() >= 2 && (static_cast<uint8_t>(data[0]) & 0x0F) == 8 &&
      ((static_cast<uint8_t>(data[0]) << 8) | static_cast<uint8_t>(data[1])) % 31 == 0;
  z_stream zs{};
  if (inflateInit2(&zs, gzip ? 16 + MAX_WBITS : zlib ? MAX_WBITS : -MAX_WBITS) != Z_OK) {
    return std::nullopt;
  }
  std::string out;
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  zs.avail_in = static_cast<uInt>(data.size());
  int rc = Z_OK;
  while (rc == Z_OK) {
    const size_t old = out.size();
    const size_t room = std::min<size_t>(kChunk, limit + 1 - std::min(limit + 1, old));
    if (room == 0) {
      cut = true;
      break;
    }
    out.resize(old + room);
    zs.next_out = reinterpret_cast<Bytef*>(out.data() + old);
    zs.avail_out = static_cast<uInt>(room);
    rc = inflate(&zs, Z_NO_FLUSH);
    out.resize(old + room - zs.avail_out);
    if (rc == Z_BUF_ERROR && zs.avail_in == 0) break;  // Truncated: keep what came out.
  }
  inflateEnd(&zs);
  if (rc != Z_OK && rc != Z_STREAM_END && rc != Z_BUF_ERROR) return std::nullopt;
  if (out.size() > limit) {
    out.resize(limit);
    cut = true;
  }
  return out;
}

// ---- The record loop ----

class WarcFileReader {
 public:
  WarcFileReader(std::string_view path, const IngestOptions& options, IngestResult& out)
      : path_(path), stem_(FileStem(path)), options_(options), out_(out) {
    // "crawl.warc.gz" -> "crawl"
    for (std::string_view ext : {".warc", ".WARC", ".gz"}) {
      if (stem_.size() > ext.size() &&
          stem_.compare(stem_.size() - ext.size(), ext.size(), ext) == 0) {
        stem_.resize(stem_.size() - ext.size());
      }
    }
  }

  void Run(WarcStream& in) {
    bool any_record = false;
    for (;;) {
      // Between records: blank lines (the record's trailing CRLF CRLF).
      for (;;) {
        const std::string_view d = in.Data();
        size_t i = 0;
        while (i < d.size() && (d[i] == '\r' || d[i] == '\n')) ++i;
        in.Consume(i);
        if (in.Available() > 0 || in.Fill(1) == 0) break;
      }
      if (in.Available() == 0 && !in.Break().empty()) {  // Bytes before a break are good.
        Problem(kError, in.Break());
        ++lost_members_;
        in.ClearBreak();
        continue;
      }
      if (in.Available() == 0) break;
      const uint64_t start = in.Offset();
      const uint64_t file_offset = in.FileOffset(start);
      in.Fill(kMaxHeader);
      std::string_view data = in.Data();
      if (data.compare(0, 5, "WARC/") != 0) {
        // Not a record start: skip to the next line that starts one.
        if (!any_record && records_ == 0 && start == 0) {
          AddDiagnostic(out_.diagnostics, kError, path_,
                        "not a WARC file (no WARC/ record header)");
          return;
        }
        SkipToNextRecord(in, file_offset);
        continue;
      }
      const size_t end = HeaderEnd(data, kMaxHeader);
      ++records_;
      any_record = true;
      const std::string where = "record " + std::to_string(records_) +
                                (in.gzip() ? " (gzip member at byte " : " (byte ") +
                                std::to_string(file_offset) + ")";
      if (end == std::string_view::npos) {
        if (data.size() < kMaxHeader) {
          Problem(kError, where + ": truncated inside its header" + BreakSuffix(in) + "; skipped");
          in.Consume(in.Available());
          if (!in.Break().empty()) in.ClearBreak();
        } else {
          Problem(kError,
                  where + ": header longer than " + std::to_string(kMaxHeader) + " bytes; skipped");
          in.Consume(5);
          SkipToNextRecord(in, file_offset, /*report=*/false);
        }
        ++unreadable_;
        continue;
      }
      const Fields fields = ParseFields(data.substr(0, end));
      const std::string* length_field = Field(fields, "Content-Length");
      const std::optional<uint64_t> length =
          length_field != nullptr ? ParseLength(*length_field) : std::nullopt;
      if (!length) {
        Problem(kError, where + ": no valid Content-Length; skipped");
        ++unreadable_;
        in.Consume(5);
        SkipToNextRecord(in, file_offset, /*report=*/false);
        continue;
      }
      Record rec;
      rec.where = where;
      if (const std::string* t = Field(fields, "WARC-Type")) rec.type = Lower(*t);
      if (const std::string* u = Field(fields, "WARC-Target-URI")) {
        std::string_view uri = *u;
        if (uri.size() >= 2 && uri.front() == '<' && uri.back() == '>') {
          uri = uri.substr(1, uri.size() - 2);  // WARC/0.x and some 1.0 writers
        }
        rec.uri = std::string(uri);
      }
      if (const std::string* d = Field(fields, "WARC-Date")) rec.date = *d;
      if (const std::string* r = Field(fields, "WARC-Record-ID")) rec.id = *r;
      if (const std::string* c = Field(fields, "Content-Type")) rec.content_type = *c;
      if (const std::string* t = Field(fields, "WARC-Truncated")) rec.warc_truncated = *t;
      in.Consume(end);

      const bool wanted = rec.type == "response" || rec.type == "resource";
      const bool too_large = *length > options_.max_file_bytes;
      std::string body;
      const uint64_t got = Body(in, *length, wanted && !too_large ? &body : nullptr);
      if (got < *length) {
        Problem(kError, where + ": truncated (" + std::to_string(got) + " of " +
                            std::to_string(*length) + " bytes)" + BreakSuffix(in) + "; skipped");
        if (!in.Break().empty()) in.ClearBreak();
        ++unreadable_;
        continue;
      }
      if (!wanted) {
        Skip(rec.type.empty() ? "untyped" : rec.type);
        continue;
      }
      if (too_large) {
        Problem(kWarning, where + ": payload of " + std::to_string(*length) +
                              " bytes is over the size limit; skipped");
        Skip("too large");
        continue;
      }
      Process(rec, body);
    }
    if (!in.ReadError().empty()) {
      AddDiagnostic(out_.diagnostics, kError, path_, "cannot read: " + in.ReadError());
    }
    if (records_ == 0) {
      AddDiagnostic(out_.diagnostics, kError, path_, "empty file (no WARC record)");
      return;
    }
    Summary();
  }

 private:
  struct Record {
    std::string where;
    std::string type, uri, date, id, content_type, warc_truncated;
  };

  std::string BreakSuffix(const WarcStream& in) const {
    return in.Break().empty() ? std::string() : " (" + in.Break() + ")";
  }

  // Reads (into `body`, when not null) or skips `length` bytes; returns how many there were.
  uint64_t Body(WarcStream& in, uint64_t length, std::string* body) {
    uint64_t got = 0;
    if (body != nullptr) body->reserve(static_cast<size_t>(length));
    while (got < length) {
      const size_t want = static_cast<size_t>(std::min<uint64_t>(length - got, kChunk));
      const size_t have = std::min(in.Fill(want), want);
      if (have == 0) break;
      if (body != nullptr) body->append(in.Data().substr(0, have));
      in.Consume(have);
      got += have;
    }
    return got;
  }

  // Skips to the next line that starts with "WARC/1." or "WARC/0.".
  void SkipToNextRecord(WarcStream& in, uint64_t file_offset, bool report = true) {
    uint64_t skipped = 0;
    for (;;) {
      std::string_view d = in.Data();
      size_t hit = std::string_view::npos;
      for (size_t from = 0;;) {
        const size_t p = d.find("\nWARC/", from);
        if (p == std::string_view::npos) break;
        if (p + 7 < d.size() && std::isdigit(static_cast<unsigned char>(d[p + 6])) &&
            d[p + 7] == '.') {
          hit = p + 1;
          break;
        }
        if (p + 7 >= d.size()) break;  // Need more bytes to decide.
        from = p + 1;
      }
      if (hit != std::string_view::npos) {
        in.Consume(hit);
        skipped += hit;
        break;
      }
      const size_t keep = std::min<size_t>(d.size(), 8);
      in.Consume(d.size() - keep);
      skipped += d.size() - keep;
      if (in.Fill(keep + kChunk) <= keep) {
        in.Consume(in.Available());
        skipped += keep;
        break;
      }
    }
    if (report) {
      Problem(kError, "byte " + std::to_string(file_offset) + ": " + std::to_string(skipped) +
                          " bytes that are not a WARC record skipped");
    }
  }

  void Process(const Record& rec, std::string_view block) {
    std::string media_type, charset;
    std::string_view payload = block;
    std::string decoded_payload;
    std::string last_modified;
    if (rec.type == "response") {
      const auto [type, cs] = SplitContentType(rec.content_type);
      const bool http = block.compare(0, 5, "HTTP/") == 0;
      if (!http) {
        Skip(type == "application/http" || type.empty() ? "not HTTP" : "non-HTML");
        return;
      }
      const size_t end = HeaderEnd(block, kMaxHeader);
      if (end == std::string_view::npos) {
        Problem(kError, rec.where + " " + rec.uri + ": HTTP header without an end; skipped");
        ++unreadable_;
        return;
      }
      const std::string_view head = block.substr(0, end);
      const size_t sp = head.find(' ');
      const int status = sp != std::string_view::npos && sp + 4 <= head.size()
                             ? std::atoi(std::string(head.substr(sp + 1, 3)).c_str())
                             : 0;
      if (status >= 400 && status <= 599) {
        Skip("HTTP 4xx/5xx");
        return;
      }
      if (status >= 300 && status <= 399) {
        Skip("HTTP 3xx");
        return;
      }
      if (status < 200 || status > 299) {
        Skip("other HTTP status");
        return;
      }
      const Fields http_fields = ParseFields(head.substr(head.find('\n') + 1));
      const std::string* ct = Field(http_fields, "Content-Type");
      std::tie(media_type, charset) = SplitContentType(ct != nullptr ? *ct : "");
      if (const std::string* lm = Field(http_fields, "Last-Modified")) last_modified = *lm;
      payload = block.substr(end);
      if (media_type.empty() ? !LooksLikeHtml(payload.substr(0, 1024)) && !LooksGzip(payload)
                             : !IsHtmlType(media_type)) {
        Skip("non-HTML");
        return;
      }
      const std::string* te = Field(http_fields, "Transfer-Encoding");
      if (te != nullptr && Lower(*te).find("chunked") != std::string::npos) {
        bool complete = false;
        if (std::optional<std::string> d = Dechunk(payload, complete)) {
          if (!complete) {
            Problem(kWarning,
                    rec.where + " " + rec.uri + ": chunked body ends early; kept what was there");
          }
          decoded_payload = std::move(*d);
          payload = decoded_payload;
        }
      }
      const std::string* ce = Field(http_fields, "Content-Encoding");
      const std::string encoding = ce != nullptr ? Lower(TrimAscii(*ce)) : "";
      if (!encoding.empty() && encoding != "identity") {
        const bool zlib_kind = encoding == "gzip" || encoding == "x-gzip" || encoding == "deflate";
        if (!zlib_kind) {
          Skip("content-encoding " + encoding);
          return;
        }
        // Some crawlers store the decoded body under the original header: inflate only
        // what looks compressed.
        if (LooksGzip(payload) ||
            (encoding == "deflate" && !LooksLikeHtml(payload.substr(0, 1024)))) {
          bool cut = false;
          std::optional<std::string> inflated = Inflate(payload, options_.max_file_bytes, cut);
          if (!inflated) {
            Problem(kError, rec.where + " " + rec.uri + ": corrupt " + encoding +
                                " content-encoding; skipped");
            ++unreadable_;
            return;
          }
          if (cut) {
            Problem(kWarning,
                    rec.where + " " + rec.uri + ": decompressed body over the size limit; cut");
          }
          decoded_payload = std::move(*inflated);
          payload = decoded_payload;
        }
      }
    } else {  // resource: the block is the document itself
      std::tie(media_type, charset) = SplitContentType(rec.content_type);
      if (media_type.empty() ? !LooksLikeHtml(payload.substr(0, 1024)) : !IsHtmlType(media_type)) {
        Skip("non-HTML");
        return;
      }
    }
    if (TrimAscii(payload).empty()) {
      Skip("empty body");
      return;
    }
    const bool utf16_bom = payload.substr(0, 2) == "\xFF\xFE" || payload.substr(0, 2) == "\xFE\xFF";
    if (!utf16_bom && LooksBinary(payload, options_.binary_threshold)) {
      Skip("binary body");
      return;
    }
    // Charset: the HTTP header's (it wins over <meta> in browsers), else the page's.
    std::vector<Diagnostic> diags;
    const std::string declared = charset.empty() ? DeclaredCharset(payload) : charset;
    Decoded decoded = DecodeBytes(path_, payload, declared, diags);
    if (!declared.empty() && decoded.encoding != "UTF-8" && diags.size() == 1 &&
        diags[0].message.rfind("unknown declared charset", 0) != 0) {
      diags.clear();  // Decoded as declared: not a repair worth a warning in a crawl.
    }
    Document doc;
    doc.id = stem_ + ":" + std::to_string(records_);
    doc.path = path_;
    doc.format = "html";
    ParseHtml(path_, decoded.changed ? std::string_view(decoded.text) : payload, options_, doc,
              diags);
    for (Diagnostic& d : diags) {
      Problem(d.severity, rec.where + " " + rec.uri + ": " + d.message);
    }
    if (doc.blocks.empty()) {
      Skip("no visible text");
      return;
    }
    if (!rec.uri.empty()) {
      doc.url = rec.uri;  // Where the page was fetched; a canonical URL stays in meta.
      doc.meta.emplace_back("warc:target-uri", rec.uri);
    }
    if (!rec.date.empty()) doc.meta.emplace_back("warc:date", rec.date);
    if (!rec.id.empty()) doc.meta.emplace_back("warc:record-id", rec.id);
    if (!last_modified.empty()) doc.meta.emplace_back("http:last-modified", last_modified);
    if (!rec.warc_truncated.empty()) {
      doc.meta.emplace_back("warc:truncated", rec.warc_truncated);
      Problem(kWarning, rec.where + " " + rec.uri + ": the crawler truncated this payload (" +
                            rec.warc_truncated + "); read what there is");
    }
    out_.documents.push_back(std::move(doc));
    ++documents_;
  }

  static bool LooksGzip(std::string_view s) {
    return s.size() >= 2 && s[0] == '\x1F' && s[1] == '\x8B';
  }

  void Skip(const std::string& why) { ++skipped_[why]; }

  // A per-record diagnostic; past kMaxReported only counted.
  void Problem(Diagnostic::Severity severity, std::string message) {
    if (reported_ < kMaxReported) {
      ++reported_;
      AddDiagnostic(out_.diagnostics, severity, path_, std::move(message));
    } else {
      ++(severity == kError ? unreported_errors_ : unreported_warnings_);
    }
  }

  void Summary() {
    size_t skipped = 0;
    for (const auto& [why, n] : skipped_) skipped += n;
    std::string msg = std::to_string(documents_) + " document" + (documents_ == 1 ? "" : "s") +
                      " from " + std::to_string(records_) + " WARC record" +
                      (records_ == 1 ? "" : "s") + "; " + std::to_string(skipped) + " skipped";
    if (!skipped_.empty()) {
      // Largest counts first, then by name.
      std::vector<std::pair<std::string, size_t>> kinds(skipped_.begin(), skipped_.end());
      std::stable_sort(kinds.begin(), kinds.end(),
                       [](const auto& a, const auto& b) { return a.second > b.second; });
      msg += " (";
      for (size_t i = 0; i < kinds.size(); ++i) {
        if (i > 0) msg += ", ";
        msg += std::to_string(kinds[i].second) + " " + kinds[i].first;
      }
      msg += ")";
    }
    if (unreadable_ > 0) msg += "; " + std::to_string(unreadable_) + " unreadable";
    if (lost_members_ > 0) {
      msg += "; " + std::to_string(lost_members_) + " corrupt gzip member" +
             (lost_members_ == 1 ? "" : "s") + " lost";
    }
    if (unreported_errors_ + unreported_warnings_ > 0) {
      msg += "; " + std::to_string(unreported_errors_) + " more errors and " +
             std::to_string(unreported_warnings_) + " more warnings not listed";
    }
    AddDiagnostic(out_.diagnostics, Diagnostic::Severity::kInfo, path_, std::move(msg));
    if (unreported_errors_ > 0) {
      // Keep the run's exit status honest when the listed errors were cut off.
      AddDiagnostic(out_.diagnostics, kError, path_,
                    std::to_string(unreported_errors_) + " more unreadable records not listed");
    }
  }

  std::string path_;
  std::string stem_;
  const IngestOptions& options_;
  IngestResult& out_;
  size_t records_ = 0;
  size_t documents_ = 0;
  size_t unreadable_ = 0;
  size_t lost_members_ = 0;  // Corrupt members between records (their records are not counted).
  size_t reported_ = 0;
  size_t unreported_errors_ = 0;
  size_t unreported_warnings_ = 0;
  std::map<std::string, size_t> skipped_;
};

}  // namespace

void ReadWarc(std::string_view path, const WarcReadFn& read, const IngestOptions& options,
              IngestResult& out) {
  // Peek at the first bytes to tell gzip from plain WARC, then hand them on.
  std::string head(2, '\0');
  long got = 0;
  while (got < 2) {
    const long n = read(head.data() + got, static_cast<size_t>(2 - got));
    if (n < 0) {
      AddDiagnostic(out.diagnostics, kError, path,
                    std::string("cannot read: ") + std::strerror(static_cast<int>(-n)));
      return;
    }
    if (n == 0) break;
    got += n;
  }
  head.resize(static_cast<size_t>(got));
  if (head.empty()) {
    AddDiagnostic(out.diagnostics, kError, path, "empty file");
    return;
  }
  const bool gzip = head.size() == 2 && head[0] == '\x1F' && head[1] == '\x8B';
  size_t head_pos = 0;
  const WarcReadFn chained = [&](char* buf, size_t n) -> long {
    if (head_pos < head.size()) {
      const size_t k = std::min(n, head.size() - head_pos);
      std::memcpy(buf, head.data() + head_pos, k);
      head_pos += k;
      return static_cast<long>(k);
    }
    return read(buf, n);
  };
  WarcStream stream(chained, gzip);
  WarcFileReader reader(path, options, out);
  reader.Run(stream);
}

void ReadWarcBytes(std::string_view path, std::string_view bytes, const IngestOptions& options,
                   IngestResult& out) {
  size_t pos = 0;
  const WarcReadFn read = [&](char* buf, size_t n) -> long {
    const size_t k = std::min(n, bytes.size() - pos);
    std::memcpy(buf, bytes.data() + pos, k);
    pos += k;
    return static_cast<long>(k);
  };
  ReadWarc(path, read, options, out);
}

}  // namespace sitrep::ingest::internal
