#include <unicode/ucnv.h>
#include <unicode/ustring.h>

#include <algorithm>
#include <cctype>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/utf8.h"
#include "ingest/readers.h"

namespace sitrep::ingest::internal {
namespace {

constexpr size_t kMaxOffsetsReported = 5;

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// Maps an HTML charset label to the ICU converter to use: "" for UTF-8 (and for UTF-16,
// which a <meta> cannot meaningfully declare), windows-1252 for the labels browsers treat
// as it, otherwise the label itself for ICU to resolve.
std::string ConverterForLabel(std::string_view label) {
  const std::string l = Lower(TrimAscii(label));
  if (l.empty() || l == "utf-8" || l == "utf8" || l == "unicode-1-1-utf-8" ||
      l.rfind("utf-16", 0) == 0 || l == "unicode") {
    return "";
  }
  static constexpr const char* kWindows1252[] = {
      "iso-8859-1", "iso8859-1", "iso_8859-1", "latin1", "l1",         "ascii",  "us-ascii",
      "cp1252",     "x-cp1252",  "cp819",      "ibm819", "iso-ir-100", "latin-1"};
  for (const char* w : kWindows1252) {
    if (l == w) return "windows-1252";
  }
  if (l == "gb2312" || l == "gbk" || l == "x-gbk" || l == "chinese") return "GB18030";
  if (l == "iso-8859-9" || l == "latin5") return "windows-1254";
  if (l == "tis-620" || l == "iso-8859-11") return "windows-874";
  return l;
}

std::string JoinOffsets(const std::vector<size_t>& offsets) {
  std::string out;
  for (size_t i = 0; i < offsets.size() && i < kMaxOffsetsReported; ++i) {
    if (i > 0) out += ", ";
    out += std::to_string(offsets[i]);
  }
  if (offsets.size() > kMaxOffsetsReported) out += ", ...";
  return out;
}

}  // namespace

std::optional<std::string> ConvertToUtf8(std::string_view bytes, const char* encoding) {
  UErrorCode err = U_ZERO_ERROR;
  UConverter* cnv = ucnv_open(encoding, &err);
  if (U_FAILURE(err) || cnv == nullptr) return std::nullopt;
  if (bytes.size() > static_cast<size_t>(INT32_MAX / 2)) {
    ucnv_close(cnv);
    return std::nullopt;
  }
  const int32_t src_len = static_cast<int32_t>(bytes.size());
  // One byte never yields more than one UTF-16 unit except for 4-byte sequences, which
  // yield two; bytes.size() + 1 units suffice, with a preflighted retry just in case.
  std::vector<UChar> utf16(bytes.size() + 1);
  int32_t n = ucnv_toUChars(cnv, utf16.data(), static_cast<int32_t>(utf16.size()), bytes.data(),
                            src_len, &err);
  if (err == U_BUFFER_OVERFLOW_ERROR) {
    err = U_ZERO_ERROR;
    utf16.resize(static_cast<size_t>(n) + 1);
    n = ucnv_toUChars(cnv, utf16.data(), static_cast<int32_t>(utf16.size()), bytes.data(), src_len,
                      &err);
  }
  ucnv_close(cnv);
  if (U_FAILURE(err)) return std::nullopt;
  std::string out(static_cast<size_t>(n) * 3 + 1, '\0');
  int32_t out_len = 0;
  err = U_ZERO_ERROR;
  u_strToUTF8WithSub(out.data(), static_cast<int32_t>(out.size()), &out_len, utf16.data(), n,
                     0xFFFD, nullptr, &err);
  if (U_FAILURE(err)) return std::nullopt;
  out.resize(static_cast<size_t>(out_len));
  return out;
}

std::string DeclaredCharset(std::string_view html) {
  const std::string head = Lower(html.substr(0, std::min<size_t>(html.size(), 4096)));
  size_t pos = 0;
  while ((pos = head.find("charset", pos)) != std::string::npos) {
    const size_t at = pos;
    pos += 7;
    // Only inside a <meta ...> tag.
    const size_t lt = head.rfind('<', at);
    if (lt == std::string::npos || head.compare(lt, 5, "<meta") != 0) continue;
    if (head.find('>', lt) < at) continue;
    size_t i = pos;
    while (i < head.size() && (head[i] == ' ' || head[i] == '\t' || head[i] == '\n')) ++i;
    if (i >= head.size() || head[i] != '=') continue;
    ++i;
    while (i < head.size() && (head[i] == ' ' || head[i] == '"' || head[i] == '\'')) ++i;
    size_t e = i;
    while (e < head.size() &&
           (std::isalnum(static_cast<unsigned char>(head[e])) || head[e] == '-' || head[e] == '_' ||
            head[e] == '.' || head[e] == ':')) {
      ++e;
    }
    if (e > i) return head.substr(i, e - i);
  }
  return "";
}

Decoded DecodeBytes(std::string_view path, std::string_view bytes, std::string_view declared,
                    std::vector<Diagnostic>& diagnostics) {
  Decoded out;
  const auto warn = [&](std::string message) {
    AddDiagnostic(diagnostics, Diagnostic::Severity::kWarning, path, std::move(message));
  };
  if (bytes.size() >= 2 && (bytes.substr(0, 2) == "\xFF\xFE" || bytes.substr(0, 2) == "\xFE\xFF")) {
    const char* enc = bytes[0] == '\xFF' ? "UTF-16LE" : "UTF-16BE";
    std::optional<std::string> text = ConvertToUtf8(bytes.substr(2), enc);
    if (text) {
      warn(std::string("decoded from ") + enc + " (byte order mark)");
      out.text = std::move(*text);
      out.changed = true;
      out.encoding = enc;
      return out;
    }
  }
  if (base::IsValidUtf8(bytes)) {  // out.text stays empty: the caller keeps `bytes`.
    out.encoding = "UTF-8";
    return out;
  }
  out.changed = true;
  base::Utf8Repair repair = base::RepairUtf8(bytes);
  const std::string converter = ConverterForLabel(declared);
  std::string unknown_note;
  if (!converter.empty() && converter != "windows-1252") {
    std::optional<std::string> text = ConvertToUtf8(bytes, converter.c_str());
    if (text) {
      warn("not valid UTF-8 (first bad byte at " + std::to_string(repair.bad_offsets[0]) +
           "); decoded as declared charset " + std::string(TrimAscii(declared)));
      out.text = std::move(*text);
      out.encoding = converter;
      return out;
    }
    unknown_note = "unknown declared charset '" + std::string(TrimAscii(declared)) + "'; ";
  }
  // Lead bytes of multi-byte sequences in the repaired text, less the U+FFFD added.
  size_t multibyte = 0;
  for (unsigned char c : repair.text) multibyte += (c & 0xC0) == 0xC0;
  multibyte -= std::min(multibyte, repair.bad_offsets.size());
  // Chance byte pairs in legacy encodings rarely form valid UTF-8, so a little valid
  // multi-byte UTF-8 marks the input as UTF-8 with damage.
  if (converter != "windows-1252" && multibyte > 0 && multibyte * 8 >= repair.bad_offsets.size()) {
    warn(unknown_note + "invalid UTF-8 at byte " + JoinOffsets(repair.bad_offsets) + " (" +
         std::to_string(repair.bad_offsets.size()) + " sequence" +
         (repair.bad_offsets.size() == 1 ? "" : "s") + ") replaced with U+FFFD");
    out.text = std::move(repair.text);
    out.encoding = "UTF-8";
    return out;
  }
  std::optional<std::string> text = ConvertToUtf8(bytes, "windows-1252");
  if (!text) {  // ICU data missing: repairing is all that is left.
    warn("invalid UTF-8 at byte " + JoinOffsets(repair.bad_offsets) + " replaced with U+FFFD");
    out.text = std::move(repair.text);
    out.encoding = "UTF-8";
    return out;
  }
  warn(unknown_note + "not valid UTF-8 (bad bytes at " + JoinOffsets(repair.bad_offsets) +
       "); decoded as windows-1252");
  out.text = std::move(*text);
  out.encoding = "windows-1252";
  return out;
}

}  // namespace sitrep::ingest::internal
