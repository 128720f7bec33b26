#include "clean/udhr.h"

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

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

void AppendUtf8(std::string& out, unsigned long cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

// Element content without inner tags, numeric character references decoded (the package
// writes no named ones but &amp;-style, handled too).
std::string TextOf(std::string_view html) {
  std::string out;
  for (size_t i = 0; i < html.size();) {
    if (html[i] == '<') {
      size_t end = html.find('>', i);
      if (end == std::string_view::npos) break;
      i = end + 1;
      continue;
    }
    if (html[i] == '&') {
      size_t end = html.find(';', i);
      if (end != std::string_view::npos && end - i <= 10) {
        std::string_view ref = html.substr(i + 1, end - i - 1);
        if (ref.size() > 1 && ref[0] == '#') {
          bool hex = ref[1] == 'x' || ref[1] == 'X';
          std::string digits(ref.substr(hex ? 2 : 1));
          AppendUtf8(out, std::strtoul(digits.c_str(), nullptr, hex ? 16 : 10));
          i = end + 1;
          continue;
        }
        if (ref == "amp" || ref == "lt" || ref == "gt" || ref == "quot") {
          out += ref == "amp" ? '&' : ref == "lt" ? '<' : ref == "gt" ? '>' : '"';
          i = end + 1;
          continue;
        }
      }
    }
    out += html[i++];
  }
  return out;
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
    size_t t = html.find("<title>");
    if (t != std::string::npos) {
      t += 7;
      d.title = TextOf(std::string_view(html).substr(t, html.find("</title>", t) - t));
    }
    // Block elements: <h1>..<h6>, <p>, <li>, each up to its end tag.
    for (size_t i = html.find('<'); i != std::string::npos; i = html.find('<', i + 1)) {
      size_t name_end = i + 1;
      while (name_end < html.size() && std::isalnum(static_cast<unsigned char>(html[name_end]))) {
        ++name_end;
      }
      std::string name = html.substr(i + 1, name_end - i - 1);
      bool block = name == "p" || name == "li" ||
                   (name.size() == 2 && name[0] == 'h' && name[1] >= '1' && name[1] <= '6');
      if (!block) continue;
      size_t open_end = html.find('>', i);
      size_t close = html.find("</" + name + ">", open_end);
      if (open_end == std::string::npos || close == std::string::npos) break;
      std::string line = TextOf(std::string_view(html).substr(open_end + 1, close - open_end - 1));
      if (!line.empty()) {
        d.text += line;
        d.text += '\n';
      }
      i = close;
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
