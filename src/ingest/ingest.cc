#include "ingest/ingest.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <cerrno>
#include <cstdint>
#include <cstring>
#include <filesystem>
#include <string>
#include <string_view>
#include <system_error>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "ingest/feed.h"
#include "ingest/readers.h"

namespace sitrep::ingest {
namespace {

namespace fs = std::filesystem;
using internal::AddDiagnostic;
constexpr auto kError = Diagnostic::Severity::kError;

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return out;
}

bool IsWarcName(std::string_view path) {
  const std::string tail = Lower(path.substr(path.size() >= 8 ? path.size() - 8 : 0));
  return tail.ends_with(".warc") || tail.ends_with(".warc.gz");
}

// "txt", "html", "jsonl", "feed", "warc", or "" for an extension no reader claims.
std::string FormatForExtension(std::string_view path) {
  if (IsWarcName(path)) {
    return "warc";
  }
  const size_t slash = path.find_last_of('/');
  const size_t dot = path.find_last_of('.');
  if (dot == std::string_view::npos || (slash != std::string_view::npos && dot < slash)) {
    return "";
  }
  const std::string ext = Lower(path.substr(dot + 1));
  if (ext == "txt" || ext == "text") {
    return "txt";
  }
  if (ext == "html" || ext == "htm" || ext == "xhtml") {
    return "html";
  }
  if (ext == "jsonl" || ext == "ndjson") {
    return "jsonl";
  }
  if (ext == "rss" || ext == "atom") {
    return "feed";
  }
  return "";  // .xml too: sniffed (a feed or not) in ReadFile.
}

bool WalkedExtension(const fs::path& p) {
  const std::string ext = Lower(p.extension().string());
  return ext == ".txt" || ext == ".html" || ext == ".htm" || ext == ".jsonl" || ext == ".rss" ||
         ext == ".atom" || IsWarcName(p.filename().string());
}

bool IsHidden(const fs::path& p) {
  const std::string name = p.filename().string();
  return !name.empty() && name[0] == '.';
}

std::string ErrnoMessage(std::string_view what, int err) {
  return std::string(what) + ": " + std::strerror(err);
}

// Reads a whole regular file. Returns false (with a diagnostic) on failure.
bool ReadWhole(const std::string& path, int fd, size_t size, std::string& bytes,
               IngestResult& out) {
  bytes.resize(size);
  size_t got = 0;
  while (got < size) {
    const ssize_t n = ::read(fd, bytes.data() + got, size - got);
    if (n < 0 && errno == EINTR) {
      continue;
    }
    if (n < 0) {
      AddDiagnostic(out.diagnostics, kError, path, ErrnoMessage("cannot read", errno));
      return false;
    }
    if (n == 0) {
      break;  // The file shrank while reading.
    }
    got += static_cast<size_t>(n);
  }
  bytes.resize(got);
  return true;
}

// Streams a JSONL file line by line so that its size is not bounded by memory.
void StreamJsonl(const std::string& path, int fd, const IngestOptions& options, IngestResult& out) {
  internal::JsonlReader reader(path, options, out);
  std::string line;
  std::vector<char> chunk(1 << 20);
  bool first = true;
  bool skipping = false;  // Inside a line longer than the limit.
  for (;;) {
    const ssize_t n = ::read(fd, chunk.data(), chunk.size());
    if (n < 0 && errno == EINTR) {
      continue;
    }
    if (n < 0) {
      AddDiagnostic(out.diagnostics, kError, path, ErrnoMessage("cannot read", errno));
      return;
    }
    if (n == 0) {
      break;
    }
    std::string_view data(chunk.data(), static_cast<size_t>(n));
    if (first && internal::LooksBinary(data, options.binary_threshold)) {
      AddDiagnostic(out.diagnostics, kError, path, "binary file skipped");
      return;
    }
    first = false;
    while (!data.empty()) {
      const size_t nl = data.find('\n');
      if (!skipping) {
        line.append(data.substr(0, nl));
        if (line.size() > options.max_file_bytes) {
          reader.Oversized();
          line.clear();
          skipping = true;
        }
      }
      if (nl == std::string_view::npos) {
        break;
      }
      if (!skipping) {
        reader.Line(line);
      }
      line.clear();
      skipping = false;
      data.remove_prefix(nl + 1);
    }
  }
  if (!skipping && !line.empty()) {
    reader.Line(line);
  }
  reader.Finish();
}

}  // namespace

namespace internal {

bool LooksBinary(std::string_view bytes, double threshold) {
  static constexpr std::string_view kSignatures[] = {"%PDF-",
                                                     "\x89PNG",
                                                     "\xFF\xD8\xFF",
                                                     "GIF87a",
                                                     "GIF89a",
                                                     "PK\x03\x04",
                                                     "\x1F\x8B",
                                                     "\x7F"
                                                     "ELF",
                                                     "\x28\xB5\x2F\xFD",
                                                     "BZh",
                                                     "\xFD"
                                                     "7zXZ",
                                                     "Rar!",
                                                     "OggS",
                                                     std::string_view("\0asm", 4)};
  for (std::string_view sig : kSignatures) {
    if (bytes.substr(0, sig.size()) == sig) {
      return true;
    }
  }
  const std::string_view sample = bytes.substr(0, 8192);
  if (sample.empty()) {
    return false;
  }
  // Control bytes: NUL, DEL and C0 controls other than whitespace and ESC. A table lookup
  // per byte, without branches (this runs on every input file).
  static constexpr std::array<uint8_t, 256> kControl = [] {
    std::array<uint8_t, 256> t{};
    for (int c = 0; c < 0x20; ++c) {
      t[c] = 1;
    }
    for (int c : {0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x1B}) {
      t[c] = 0;  // \t \n \v \f \r ESC
    }
    t[0x7F] = 1;
    return t;
  }();
  size_t control = 0;
  size_t i = 0;
  // Eight bytes at a time while none is below 0x20 or equal to 0x7F (whitespace such as
  // '\n' sends a chunk to the byte loop, which counts only the true controls).
  constexpr uint64_t kOnes = 0x0101010101010101ull, kHigh = 0x8080808080808080ull;
  for (; i + 8 <= sample.size(); i += 8) {
    uint64_t v;
    std::memcpy(&v, sample.data() + i, 8);
    const uint64_t below_space = (v - kOnes * 0x20) & ~v & kHigh;
    const uint64_t x = v ^ (kOnes * 0x7F);
    const uint64_t del = (x - kOnes) & ~x & kHigh;
    if ((below_space | del) == 0) {
      continue;
    }
    for (size_t k = i; k < i + 8; ++k) {
      control += kControl[static_cast<uint8_t>(sample[k])];
    }
  }
  for (; i < sample.size(); ++i) {
    control += kControl[static_cast<uint8_t>(sample[i])];
  }
  return static_cast<double>(control) > threshold * static_cast<double>(sample.size());
}

bool LooksLikeHtml(std::string_view bytes) {
  std::string head = Lower(bytes.substr(0, 1024));
  size_t i = head.compare(0, 3, "\xEF\xBB\xBF") == 0 ? 3 : 0;
  while (i < head.size() && std::isspace(static_cast<unsigned char>(head[i]))) {
    ++i;
  }
  if (head.compare(i, 14, "<!doctype html") == 0 || head.compare(i, 5, "<html") == 0) {
    return true;
  }
  return head.find("<html") != std::string::npos || head.find("<head>") != std::string::npos ||
         head.find("<body") != std::string::npos;
}

}  // namespace internal

std::vector<std::string> ListInputs(const std::vector<std::string>& paths,
                                    const IngestOptions& options,
                                    std::vector<Diagnostic>& diagnostics) {
  std::vector<std::string> files;
  std::unordered_set<std::string> seen;
  // One folder walked without following links cannot list a file twice: skip the
  // canonicalisation (several system calls per file) in that common case.
  const bool dedupe = paths.size() > 1 || options.follow_symlinks;
  const auto add = [&](const std::string& file) {
    if (!dedupe) {
      files.push_back(file);
      return;
    }
    std::error_code ec;
    fs::path key = fs::weakly_canonical(file, ec);
    if (seen.insert(ec ? file : key.string()).second) {
      files.push_back(file);
    }
  };
  for (const std::string& path : paths) {
    std::error_code ec;
    const fs::file_status st = fs::status(path, ec);
    if (ec || !fs::exists(st)) {
      const bool missing = !ec || ec == std::errc::no_such_file_or_directory;
      AddDiagnostic(diagnostics, kError, path,
                    missing ? std::string("not found") : "cannot access: " + ec.message());
      continue;
    }
    if (!fs::is_directory(st)) {
      add(path);
      continue;
    }
    std::vector<std::string> found;
    std::unordered_set<std::string> visited_dirs;
    visited_dirs.insert(fs::weakly_canonical(path, ec).string());
    fs::directory_options dir_options = fs::directory_options::skip_permission_denied;
    if (options.follow_symlinks) {
      dir_options |= fs::directory_options::follow_directory_symlink;
    }
    fs::recursive_directory_iterator it(path, dir_options, ec);
    if (ec) {
      AddDiagnostic(diagnostics, kError, path, "cannot list folder: " + ec.message());
      continue;
    }
    for (; it != fs::recursive_directory_iterator(); it.increment(ec)) {
      if (ec) {
        AddDiagnostic(diagnostics, kError, path, "cannot list folder: " + ec.message());
        break;
      }
      const fs::directory_entry& entry = *it;
      std::error_code entry_ec;
      const bool symlink = entry.is_symlink(entry_ec);
      if (IsHidden(entry.path()) || (symlink && !options.follow_symlinks)) {
        if (entry.is_directory(entry_ec) && !symlink) {
          it.disable_recursion_pending();
        }
        continue;
      }
      if (entry.is_directory(entry_ec)) {
        // Following symlinks can loop; enter each real folder once.
        const std::string real = fs::weakly_canonical(entry.path(), entry_ec).string();
        if (!visited_dirs.insert(real).second) {
          it.disable_recursion_pending();
        }
        continue;
      }
      if (entry.is_regular_file(entry_ec) && WalkedExtension(entry.path())) {
        found.push_back(entry.path().string());
      }
    }
    std::sort(found.begin(), found.end());
    for (const std::string& f : found) {
      add(f);
    }
  }
  return files;
}

void ReadFile(const std::string& path, const IngestOptions& options, IngestResult& out) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    const int err = errno;
    AddDiagnostic(out.diagnostics, kError, path,
                  err == ENOENT ? std::string("not found") : ErrnoMessage("cannot open", err));
    return;
  }
  struct stat st {};
  if (::fstat(fd, &st) != 0) {
    AddDiagnostic(out.diagnostics, kError, path, ErrnoMessage("cannot stat", errno));
    ::close(fd);
    return;
  }
  if (S_ISDIR(st.st_mode)) {
    AddDiagnostic(out.diagnostics, kError, path, "is a folder, not a file");
    ::close(fd);
    return;
  }
  std::string format = FormatForExtension(path);
  if (format.empty() && S_ISREG(st.st_mode)) {
    char head[8] = {};
    if (::pread(fd, head, sizeof head, 0) == static_cast<ssize_t>(sizeof head) &&
        std::string_view(head, 5) == "WARC/") {
      format = "warc";
    }
  }
  if (format == "warc") {
    // Streamed record by record: the size limit applies to each record's payload.
    const internal::WarcReadFn read = [fd](char* buf, size_t n) -> long {
      for (;;) {
        const ssize_t got = ::read(fd, buf, n);
        if (got >= 0) return static_cast<long>(got);
        if (errno != EINTR) return -static_cast<long>(errno);
      }
    };
    internal::ReadWarc(path, read, options, out);
    ::close(fd);
    return;
  }
  if (format == "jsonl") {
    StreamJsonl(path, fd, options, out);
    ::close(fd);
    return;
  }
  const size_t size = S_ISREG(st.st_mode) ? static_cast<size_t>(st.st_size) : 0;
  if (size > options.max_file_bytes) {
    AddDiagnostic(out.diagnostics, kError, path,
                  "file too large (" + std::to_string(size) + " bytes; limit " +
                      std::to_string(options.max_file_bytes) + "); skipped");
    ::close(fd);
    return;
  }
  std::string bytes;
  const bool ok = ReadWhole(path, fd, size, bytes, out);
  ::close(fd);
  if (!ok) {
    return;
  }
  if (format.empty()) {
    format = LooksLikeFeed(bytes) ? "feed" : internal::LooksLikeHtml(bytes) ? "html" : "txt";
  }
  ReadBytes(path, bytes, format, options, out);
}

void ReadBytes(std::string_view path, std::string_view bytes, std::string_view format,
               const IngestOptions& options, IngestResult& out) {
  if (format == "warc") {
    internal::ReadWarcBytes(path, bytes, options, out);  // The size limit applies per record.
    return;
  }
  if (format == "jsonl") {
    if (internal::LooksBinary(bytes, options.binary_threshold)) {
      AddDiagnostic(out.diagnostics, kError, path, "binary file skipped");
      return;
    }
    internal::ReadJsonl(path, bytes, options, out);  // The size limit applies per record.
    return;
  }
  if (bytes.size() > options.max_file_bytes) {
    AddDiagnostic(out.diagnostics, kError, path,
                  "file too large (" + std::to_string(bytes.size()) + " bytes; limit " +
                      std::to_string(options.max_file_bytes) + "); skipped");
    return;
  }
  if (internal::TrimAscii(bytes).empty()) {
    AddDiagnostic(out.diagnostics, kError, path, "empty file");
    return;
  }
  const bool utf16_bom = bytes.substr(0, 2) == "\xFF\xFE" || bytes.substr(0, 2) == "\xFE\xFF";
  if (!utf16_bom && internal::LooksBinary(bytes, options.binary_threshold)) {
    AddDiagnostic(out.diagnostics, kError, path, "binary file skipped");
    return;
  }
  if (format == "feed") {
    ReadFeed(path, bytes, options, out);
  } else if (format == "html") {
    internal::ReadHtml(path, bytes, options, out);
  } else {
    internal::ReadText(path, bytes, out);
  }
}

IngestResult ReadPaths(const std::vector<std::string>& paths, const IngestOptions& options) {
  IngestResult out;
  const std::vector<std::string> files = ListInputs(paths, options, out.diagnostics);
  for (const std::string& file : files) {
    ReadFile(file, options, out);
  }
  MakeIdsUnique(out.documents);
  return out;
}

void MakeIdsUnique(std::vector<Document>& documents) {
  std::unordered_set<std::string> original;
  for (const Document& d : documents) {
    original.insert(d.id);
  }
  std::unordered_set<std::string> taken;
  std::unordered_map<std::string, size_t> next_suffix;  // Keeps many clashes linear.
  for (Document& d : documents) {
    if (taken.insert(d.id).second) {
      continue;
    }
    size_t& k = next_suffix.try_emplace(d.id, 2).first->second;
    for (;; ++k) {
      std::string candidate = d.id + "~" + std::to_string(k);
      if (original.count(candidate) == 0 && taken.insert(candidate).second) {
        d.id = std::move(candidate);
        ++k;
        break;
      }
    }
  }
}

}  // namespace sitrep::ingest
