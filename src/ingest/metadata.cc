#include <array>
#include <cctype>
#include <cstdio>
#include <cstring>
#include <optional>
#include <string>
#include <string_view>

#include "ingest/readers.h"

namespace sitrep::ingest::internal {
namespace {

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// Parses exactly `n` digits at s[pos]; -1 when they are not all digits.
int Digits(std::string_view s, size_t pos, size_t n) {
  if (pos + n > s.size()) return -1;
  int v = 0;
  for (size_t i = pos; i < pos + n; ++i) {
    if (!IsDigit(s[i])) return -1;
    v = v * 10 + (s[i] - '0');
  }
  return v;
}

std::optional<std::string> FormatDate(int year, int month, int day) {
  static constexpr std::array<int, 12> kDays = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (year < 1000 || month < 1 || month > 12 || day < 1 || day > kDays[month - 1]) {
    return std::nullopt;
  }
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  if (month == 2 && day == 29 && !leap) return std::nullopt;
  char buf[40];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", year, month, day);
  return std::string(buf);
}

int MonthFromName(std::string_view name) {
  static constexpr std::array<const char*, 12> kMonths = {"jan", "feb", "mar", "apr", "may", "jun",
                                                          "jul", "aug", "sep", "oct", "nov", "dec"};
  if (name.size() < 3) return 0;
  char low[3];
  for (int i = 0; i < 3; ++i)
    low[i] = static_cast<char>(std::tolower(static_cast<unsigned char>(name[i])));
  for (int m = 0; m < 12; ++m) {
    if (std::memcmp(low, kMonths[m], 3) == 0) return m + 1;
  }
  return 0;
}

}  // namespace

std::string_view TrimAscii(std::string_view s) {
  const auto space = [](char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
  };
  size_t b = 0;
  size_t e = s.size();
  while (b < e && space(s[b])) ++b;
  while (e > b && space(s[e - 1])) --e;
  return s.substr(b, e - b);
}

std::optional<std::string> NormalizeDate(std::string_view value) {
  const std::string_view s = TrimAscii(value);
  // ISO 8601: YYYY-MM-DD, optionally followed by a time.
  if (s.size() >= 10 && s[4] == '-' && s[7] == '-') {
    const int y = Digits(s, 0, 4);
    const int m = Digits(s, 5, 2);
    const int d = Digits(s, 8, 2);
    if (y < 0 || m < 0 || d < 0) return std::nullopt;
    if (s.size() > 10 && s[10] != 'T' && s[10] != 't' && s[10] != ' ') return std::nullopt;
    return FormatDate(y, m, d);
  }
  // RFC 2822: [Wkd, ]D[D] Mon YYYY ...
  size_t pos = 0;
  const size_t comma = s.find(',');
  if (comma != std::string_view::npos && comma <= 9) {
    pos = comma + 1;
    while (pos < s.size() && s[pos] == ' ') ++pos;
  }
  int day = 0;
  size_t digits = 0;
  while (pos < s.size() && IsDigit(s[pos]) && digits < 2) {
    day = day * 10 + (s[pos++] - '0');
    ++digits;
  }
  if (digits == 0 || pos >= s.size() || s[pos] != ' ') return std::nullopt;
  ++pos;
  const int month = MonthFromName(s.substr(pos));
  if (month == 0) return std::nullopt;
  while (pos < s.size() && std::isalpha(static_cast<unsigned char>(s[pos]))) ++pos;
  if (pos >= s.size() || s[pos] != ' ') return std::nullopt;
  const int year = Digits(s, pos + 1, 4);
  if (year < 0) return std::nullopt;
  if (pos + 5 < s.size() && IsDigit(s[pos + 5])) return std::nullopt;
  return FormatDate(year, month, day);
}

std::optional<std::string> NormalizeLanguage(std::string_view tag) {
  const std::string_view t = TrimAscii(tag);
  size_t n = 0;
  while (n < t.size() && std::isalpha(static_cast<unsigned char>(t[n]))) ++n;
  if (n < 2 || n > 3) return std::nullopt;
  if (n < t.size() && t[n] != '-' && t[n] != '_') return std::nullopt;
  std::string out(t.substr(0, n));
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string FileStem(std::string_view path) {
  const size_t slash = path.find_last_of('/');
  std::string_view name = slash == std::string_view::npos ? path : path.substr(slash + 1);
  const size_t dot = name.find_last_of('.');
  if (dot != std::string_view::npos && dot > 0) name = name.substr(0, dot);
  return std::string(name);
}

void AddDiagnostic(std::vector<Diagnostic>& diagnostics, Diagnostic::Severity severity,
                   std::string_view path, std::string message) {
  diagnostics.push_back({severity, std::string(path), std::move(message)});
}

}  // namespace sitrep::ingest::internal
