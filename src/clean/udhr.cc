#include "clean/udhr.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "ingest/ingest.h"

namespace sitrep::clean {
namespace {

// Three-letter codes the package writes in `lang` that have an ISO 639-1 code.
struct CodePair {
  std::string_view iso639_3;
  std::string_view iso639_1;
};
// zlm (Malay proper) is counted as the macrolanguage ms, which CLD2 reports.
constexpr CodePair kThreeToTwo[] = {{"cat", "ca"}, {"zlm", "ms"}};

std::string Attribute(std::string_view tag, std::string_view name) {
  std::string key = " " + std::string(name) + "=\"";
  size_t at = tag.find(key);
  if (at == std::string_view::npos) return "";
  at += key.size();
  size_t end = tag.find('"', at);
  return std::string(tag.substr(at, end - at));
}

bool IsSpace(char c) { return c == ' ' || c == '\n' || c == '\t' || c == '\r'; }

}  // namespace

std::vector<UdhrDeclaration> ReadUdhrDeclarations(const std::string& dir) {
  std::vector<UdhrDeclaration> out;
  std::error_code ec;
  if (!std::filesystem::is_directory(dir, ec)) return out;
  std::vector<std::filesystem::path> paths;
  for (const auto& entry : std::filesystem::directory_iterator(dir, ec)) {
    if (entry.path().extension() == ".html") paths.push_back(entry.path());
  }
  std::sort(paths.begin(), paths.end());
  for (const auto& path : paths) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    const std::string html = ss.str();
    UdhrDeclaration d;
    d.file = path.filename().string();
    size_t html_tag = html.find("<html");
    if (html_tag == std::string::npos) continue;
    std::string_view tag =
        std::string_view(html).substr(html_tag, html.find('>', html_tag) - html_tag);
    d.iso639_3 = Attribute(tag, "data-iso6393");
    d.lang_tag = Attribute(tag, "lang");
    std::string primary = d.lang_tag.substr(0, d.lang_tag.find('-'));
    d.gold = primary.size() == 2 ? primary : d.iso639_3;
    for (const CodePair& p : kThreeToTwo) {
      if (d.iso639_3 == p.iso639_3) d.gold = p.iso639_1;
    }
    // Text and title as sitrep reads any page: the ingest HTML reader, one line per
    // paragraph-like element.
    ingest::IngestResult read;
    ingest::ReadBytes(d.file, html, "html", IngestOptions{}, read);
    if (read.documents.empty()) continue;
    const Document& doc = read.documents.front();
    for (const auto& [key, value] : doc.meta) {
      if (key == "html:title") d.title = value;
    }
    for (const Block& b : doc.blocks) {
      d.text += doc.Slice(b);
      d.text += '\n';
    }
    out.push_back(std::move(d));
  }
  return out;
}

std::vector<std::string_view> UdhrChunks(std::string_view text, size_t bytes) {
  std::vector<std::string_view> out;
  size_t pos = 0;
  while (pos < text.size()) {
    while (pos < text.size() && IsSpace(text[pos])) ++pos;
    if (text.size() - pos < bytes) {
      if (text.size() - pos >= bytes / 2) out.push_back(text.substr(pos));
      break;
    }
    size_t end = pos + bytes;
    while (end > pos + bytes / 2 && !IsSpace(text[end])) --end;
    // No whitespace in the second half (scripts without spaces): cut at a UTF-8 boundary.
    if (end == pos + bytes / 2) {
      end = pos + bytes;
      while (end > pos && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
    }
    out.push_back(text.substr(pos, end - pos));
    pos = end;
  }
  return out;
}

}  // namespace sitrep::clean
