// Test helpers for the reuse stage: documents from plain text, a shared analyzer, and
// the fixture folder. For tests and benchmarks only.
//
// Thread-safety: SharedAnalyzer() is created once (thread-safe static) and immutable.
#ifndef SITREP_REUSE_TESTING_H_
#define SITREP_REUSE_TESTING_H_

#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <string_view>

#include "sitrep/document.h"
#include "text/text.h"

namespace sitrep::reuse::testing {

// A plain-text document: one body block per paragraph (paragraphs are separated by a
// blank line; with `lines_are_blocks`, by any line break).
inline Document MakeDocument(std::string id, std::string text, bool lines_are_blocks = false) {
  Document d;
  d.id = std::move(id);
  d.text = std::move(text);
  d.format = "txt";
  const std::string sep = lines_are_blocks ? "\n" : "\n\n";
  size_t pos = 0;
  while (pos < d.text.size()) {
    size_t e = d.text.find(sep, pos);
    if (e == std::string::npos) e = d.text.size();
    size_t s = pos;
    while (s < e && static_cast<unsigned char>(d.text[s]) <= ' ') ++s;
    size_t t = e;
    while (t > s && static_cast<unsigned char>(d.text[t - 1]) <= ' ') --t;
    if (t > s) {
      Block b;
      b.start = s;
      b.end = t;
      d.blocks.push_back(b);
    }
    pos = e + sep.size();
  }
  return d;
}

// The analyzer with default TextOptions (WordNet when installed).
inline const text::TextAnalyzer& SharedAnalyzer() {
  static const text::TextAnalyzer* analyzer = [] {
    auto created = text::TextAnalyzer::Create(TextOptions{});
    return created.ok() ? std::move(created).value().release() : nullptr;
  }();
  return *analyzer;
}

// Contents of a file, or "" when it cannot be read.
inline std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

}  // namespace sitrep::reuse::testing

#endif  // SITREP_REUSE_TESTING_H_
