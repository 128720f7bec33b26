#include <unicode/uchar.h>

#include <algorithm>
#include <string>
#include <string_view>
#include <utility>

#include "base/utf8.h"
#include "ingest/readers.h"

namespace sitrep::ingest::internal {
namespace {

bool IsBlank(std::string_view line) { return TrimAscii(line).empty(); }

// [start, end) of s trimmed of ASCII whitespace, as offsets into s.
std::pair<size_t, size_t> TrimRange(std::string_view s, size_t start, size_t end) {
  const std::string_view t = TrimAscii(s.substr(start, end - start));
  if (t.empty()) return {start, start};
  const size_t b = static_cast<size_t>(t.data() - s.data());
  return {b, b + t.size()};
}

bool StartsWithNoCase(std::string_view s, std::string_view prefix) {
  if (s.size() < prefix.size()) return false;
  for (size_t i = 0; i < prefix.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(s[i])) != prefix[i]) return false;
  }
  return true;
}

// Strips closing quotes and brackets from the end of a valid UTF-8 line.
std::string_view StripClosers(std::string_view s) {
  static constexpr std::string_view kClosers[] = {
      "\"", "'", ")", "]", "\xE2\x80\x9D", "\xE2\x80\x99", "\xC2\xBB"};
  bool stripped = true;
  while (stripped && !s.empty()) {
    stripped = false;
    for (std::string_view c : kClosers) {
      if (s.size() >= c.size() && s.substr(s.size() - c.size()) == c) {
        s.remove_suffix(c.size());
        stripped = true;
        break;
      }
    }
  }
  return s;
}

}  // namespace

bool LooksLikeHeadline(std::string_view line) {
  line = TrimAscii(line);
  if (line.size() < 3 || line.size() > 300) return false;
  static constexpr std::string_view kJunk[] = {"[[",      "]]",       "{{",   "}}", "<", ">",
                                               "http://", "https://", "www.", "\t", "\\"};
  for (std::string_view j : kJunk) {
    if (line.find(j) != std::string_view::npos) return false;
  }
  const std::string_view core = StripClosers(line);
  if (core.empty()) return false;
  const char last = core.back();
  if (last == '.' || last == ',' || last == ';' || last == ':') return false;

  size_t words = 0;
  bool in_word = false;
  for (char c : line) {
    const bool space = c == ' ';
    if (!space && !in_word) ++words;
    in_word = !space;
  }
  if (words < 2 || words > 40) return false;
  if (StartsWithNoCase(line, "by ") && words <= 6) return false;  // a byline

  size_t letters = 0;
  size_t visible = 0;
  bool first_letter_seen = false;
  for (size_t pos = 0; pos < line.size();) {
    const char32_t cp = base::DecodeUtf8(line, pos);
    if (cp == ' ') continue;
    ++visible;
    if (!u_isalpha(static_cast<UChar32>(cp))) continue;
    ++letters;
    if (!first_letter_seen) {
      first_letter_seen = true;
      if (u_islower(static_cast<UChar32>(cp))) return false;
    }
  }
  return first_letter_seen && letters * 2 >= visible;
}

void SplitTextBlocks(Document& doc, size_t begin, std::string_view known_title) {
  const std::string_view text = doc.text;
  const size_t n = text.size();
  const auto line_end = [&](size_t from) {
    const size_t e = text.find('\n', from);
    return e == std::string_view::npos ? n : e;
  };
  size_t i = std::min(begin, n);
  while (i < n) {
    size_t e = line_end(i);
    if (IsBlank(text.substr(i, e - i))) {
      i = e + 1;
      continue;
    }
    const size_t para_start = i;
    size_t para_end = e;
    while (para_end < n) {
      const size_t next = para_end + 1;
      const size_t ne = line_end(next);
      if (IsBlank(text.substr(next, ne - next))) break;
      para_end = ne;
    }
    const auto [s, t] = TrimRange(text, para_start, para_end);
    Block block;
    block.start = s;
    block.end = t;
    doc.blocks.push_back(std::move(block));
    i = para_end + 1;
  }
  if (doc.blocks.empty()) return;

  // A headline on the first line becomes the title block.
  const Block first = doc.blocks.front();
  const size_t nl = text.find('\n', first.start);
  const size_t first_line_end = nl == std::string_view::npos || nl > first.end ? first.end : nl;
  const auto [ls, le] = TrimRange(text, first.start, first_line_end);
  const std::string_view line = text.substr(ls, le - ls);
  const bool more = doc.blocks.size() > 1 || first_line_end < first.end;
  const std::string_view title = TrimAscii(known_title);
  const bool is_title = title.empty() ? more && LooksLikeHeadline(line) : line == title;
  if (!is_title) return;
  if (!doc.title) doc.title = std::string(line);
  doc.blocks.front().role = BlockRole::kTitle;
  if (first_line_end < first.end) {
    doc.blocks.front().end = le;
    const auto [rs, re] = TrimRange(text, first_line_end, first.end);
    Block rest;
    rest.start = rs;
    rest.end = re;
    doc.blocks.insert(doc.blocks.begin() + 1, rest);
  }
}

void ReadText(std::string_view path, std::string_view bytes, IngestResult& out) {
  Document doc;
  Decoded decoded = DecodeBytes(path, bytes, "", out.diagnostics);
  doc.text = decoded.changed ? std::move(decoded.text) : std::string(bytes);
  doc.id = FileStem(path);
  doc.path = std::string(path);
  doc.format = "txt";
  const size_t nul = doc.text.find('\0');
  if (nul != std::string::npos) {
    const size_t count = static_cast<size_t>(std::count(doc.text.begin(), doc.text.end(), '\0'));
    AddDiagnostic(out.diagnostics, Diagnostic::Severity::kWarning, path,
                  std::to_string(count) + " NUL byte" + (count == 1 ? "" : "s") +
                      " in text (first at byte " + std::to_string(nul) + ")");
  }
  const size_t begin = doc.text.compare(0, 3, "\xEF\xBB\xBF") == 0 ? 3 : 0;
  SplitTextBlocks(doc, begin, "");
  if (doc.blocks.empty()) {
    AddDiagnostic(out.diagnostics, Diagnostic::Severity::kError, path, "empty file");
    return;
  }
  out.documents.push_back(std::move(doc));
}

}  // namespace sitrep::ingest::internal
