// Test helper: builds Reports and DocTexts by hand, so reconcile can be tested without the
// text, reuse and extract stages. Sentences end at '.', '!' or '?' followed by a space
// (or a block end); blocks are separated by blank lines; tokens are ASCII words, numbers
// ("9,000", "0.6") and single punctuation marks, with `lower` only (stem and canon empty).
// Annotations are located by their surface text, so fixtures read like the articles.
//
// Tests only. Not thread-safe.
#ifndef SITREP_RECONCILE_FIXTURE_TEST_UTIL_H_
#define SITREP_RECONCILE_FIXTURE_TEST_UTIL_H_

#include <gtest/gtest.h>

#include <cctype>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sitrep/report.h"
#include "text/text.h"

namespace sitrep::reconcile::testing {

inline std::vector<text::Token> FixtureTokens(std::string_view text, size_t base) {
  std::vector<text::Token> out;
  size_t i = 0;
  auto alnum = [&](size_t k) {
    return k < text.size() && std::isalnum(static_cast<unsigned char>(text[k]));
  };
  while (i < text.size()) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    if (std::isspace(c)) {
      ++i;
      continue;
    }
    text::Token t;
    t.start = base + i;
    size_t j = i;
    if (std::isdigit(c)) {
      t.kind = text::TokenKind::kNumber;
      while (j < text.size() && (std::isdigit(static_cast<unsigned char>(text[j])) ||
                                 ((text[j] == ',' || text[j] == '.') && j + 1 < text.size() &&
                                  std::isdigit(static_cast<unsigned char>(text[j + 1]))))) {
        ++j;
      }
    } else if (std::isalpha(c)) {
      t.kind = text::TokenKind::kWord;
      while (alnum(j) || (j < text.size() && (text[j] == '\'' || text[j] == '-') && alnum(j + 1))) {
        ++j;
      }
      t.capitalized = std::isupper(c);
    } else {
      t.kind = text::TokenKind::kPunct;
      j = i + 1;
      while (j < text.size() && (static_cast<unsigned char>(text[j]) & 0xC0) == 0x80) ++j;
    }
    t.end = base + j;
    for (size_t k = i; k < j; ++k) {
      t.lower += static_cast<char>(std::tolower(static_cast<unsigned char>(text[k])));
    }
    out.push_back(std::move(t));
    i = j;
  }
  return out;
}

class ReportBuilder {
 public:
  // Adds a document; returns its index.
  size_t AddDoc(std::string id, std::optional<std::string> published, std::string text) {
    Document d;
    d.id = std::move(id);
    d.published = std::move(published);
    d.text = std::move(text);
    d.format = "txt";
    size_t pos = 0;
    while (pos < d.text.size()) {
      size_t end = d.text.find("\n\n", pos);
      if (end == std::string::npos) end = d.text.size();
      size_t s = pos, e = end;
      while (s < e && std::isspace(static_cast<unsigned char>(d.text[s]))) ++s;
      while (e > s && std::isspace(static_cast<unsigned char>(d.text[e - 1]))) --e;
      if (e > s) d.blocks.push_back({BlockRole::kBody, s, e, "", "", 0});
      pos = end + 2;
    }
    report.documents.push_back(std::move(d));
    return report.documents.size() - 1;
  }

  // Every occurrence of `name` (whole word) in every document is a mention of a new
  // entity of `type`. Returns its id.
  std::string AddEntity(const std::string& name, const std::string& type) {
    Entity e;
    e.id = "e" + std::to_string(report.entities.size() + 1);
    e.name = name;
    e.type = type;
    for (const Document& d : report.documents) {
      for (size_t at = d.text.find(name); at != std::string::npos; at = d.text.find(name, at + 1)) {
        const size_t end = at + name.size();
        const bool left = at == 0 || !std::isalnum(static_cast<unsigned char>(d.text[at - 1]));
        const bool right =
            end >= d.text.size() || !std::isalnum(static_cast<unsigned char>(d.text[end]));
        if (left && right) e.mentions.push_back({d.id, name, at, end});
      }
    }
    report.entities.push_back(std::move(e));
    return report.entities.back().id;
  }

  // A time expression: the first occurrence of `surface` in document `doc`.
  // `occurrence` picks the n-th occurrence (1-based) when the surface text repeats.
  void AddTime(const std::string& doc, const std::string& surface, const std::string& value,
               const std::string& type = "date", size_t occurrence = 1) {
    auto [s, e] = Locate(doc, surface, occurrence);
    TimeExpr t;
    t.doc = doc;
    t.text = surface;
    t.start = s;
    t.end = e;
    t.value = value;
    t.type = type;
    report.times.push_back(std::move(t));
  }

  void AddQuantity(const std::string& doc, const std::string& surface, double value,
                   std::optional<std::string> about,
                   std::optional<std::string> qualifier = std::nullopt, size_t occurrence = 1) {
    auto [s, e] = Locate(doc, surface, occurrence);
    Quantity q;
    q.doc = doc;
    q.text = surface;
    q.start = s;
    q.end = e;
    q.value = value;
    q.about = std::move(about);
    q.qualifier = std::move(qualifier);
    report.quantities.push_back(std::move(q));
  }

  void AddClaim(const std::string& doc, const std::string& surface,
                std::optional<std::string> speaker_id) {
    auto [s, e] = Locate(doc, surface);
    Claim c;
    c.id = "c" + std::to_string(report.claims.size() + 1);
    c.doc = doc;
    c.speaker = std::move(speaker_id);
    c.cue = "said";
    c.text = surface;
    c.start = s;
    c.end = e;
    report.claims.push_back(std::move(c));
  }

  // Analyses every document (call after the last AddDoc).
  const std::vector<text::DocText>& Texts() {
    texts.clear();
    for (const Document& d : report.documents) {
      text::DocText t;
      for (size_t b = 0; b < d.blocks.size(); ++b) {
        const Block& blk = d.blocks[b];
        size_t s = blk.start;
        for (size_t i = blk.start; i <= blk.end; ++i) {
          const bool at_end = i == blk.end;
          const bool stop =
              !at_end && (d.text[i] == '.' || d.text[i] == '!' || d.text[i] == '?') &&
              (i + 1 == blk.end || std::isspace(static_cast<unsigned char>(d.text[i + 1])));
          if (!at_end && !stop) continue;
          size_t e = at_end ? i : i + 1;
          while (s < e && std::isspace(static_cast<unsigned char>(d.text[s]))) ++s;
          if (e > s) {
            text::Sentence sent;
            sent.start = s;
            sent.end = e;
            sent.block = b;
            sent.first_token = t.tokens.size();
            std::vector<text::Token> toks = FixtureTokens(d.Slice(s, e), s);
            t.tokens.insert(t.tokens.end(), toks.begin(), toks.end());
            sent.last_token = t.tokens.size();
            t.sentences.push_back(sent);
          }
          s = e;
        }
      }
      texts.push_back(std::move(t));
    }
    return texts;
  }

  Report report;
  std::vector<text::DocText> texts;

  // Byte range of the `occurrence`-th `surface` in document `doc` (a test failure if absent).
  std::pair<size_t, size_t> Locate(const std::string& doc, const std::string& surface,
                                   size_t occurrence = 1) const {
    for (const Document& d : report.documents) {
      if (d.id != doc) continue;
      size_t at = d.text.find(surface);
      for (size_t n = 1; n < occurrence && at != std::string::npos; ++n) {
        at = d.text.find(surface, at + 1);
      }
      if (at != std::string::npos) return {at, at + surface.size()};
    }
    ADD_FAILURE() << doc << ": fixture text not found: " << surface;
    return {0, 0};
  }
};

}  // namespace sitrep::reconcile::testing

#endif  // SITREP_RECONCILE_FIXTURE_TEST_UTIL_H_
