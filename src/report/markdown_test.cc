#include "report/markdown.h"

#include <gtest/gtest.h>

namespace sitrep::report {
namespace {

TEST(MarkdownTest, EscapesInjectedMarkupTable) {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"plain words", "plain words"},
      {"<script>alert(1)</script>", "\\<script\\>alert(1)\\</script\\>"},
      {"[link](http://x)", "\\[link\\](http://x)"},
      {"# not a heading", "\\# not a heading"},
      {"a|b", "a\\|b"},
      {"line\nbreak", "line break"},
  };
  for (const auto& [in, want] : cases) EXPECT_EQ(EscapeMarkdown(in), want) << in;
}

TEST(MarkdownTest, HasEverySectionAndCountsIndependentSources) {
  Report r;
  r.version = "t";
  for (const char* id : {"a", "b", "c"}) {
    Document d;
    d.id = id;
    d.text = "x";
    r.documents.push_back(d);
  }
  r.clusters.push_back({"k1", {"a", "b"}});
  Reuse u;
  u.source = "a";
  u.copy = "b";
  u.relation = "rewrite";
  u.coverage = 0.9;
  u.drift.push_back({"date", "July", "August", "", ""});
  r.reuse.push_back(u);
  Contradiction c;
  c.about = "civilians killed";
  c.kind = "between-sources";
  c.values = {{"a", "9,000"}, {"c", "1,260"}};
  r.contradictions.push_back(c);
  const std::string md = WriteMarkdown(r);
  for (const char* heading : {"## Summary", "## Timeline", "## Events", "## Disagreements",
                              "## Copies and rewrites", "## Documents"}) {
    EXPECT_NE(md.find(heading), std::string::npos) << heading;
  }
  EXPECT_NE(md.find("Documents: 3 (2 independent after grouping copies)"), std::string::npos);
  EXPECT_NE(md.find("“July” → “August”"), std::string::npos);
  EXPECT_NE(md.find("independent sources disagree"), std::string::npos);
}

TEST(MarkdownTest, RelationTakesItsArticle) {
  Report r;
  Reuse u;
  u.source = "wire";
  u.copy = "local";
  u.relation = "excerpt";
  r.reuse.push_back(u);
  u.copy = "spun";
  u.relation = "rewrite";
  u.drift.push_back({"added", "", "four more people", "", ""});
  r.reuse.push_back(u);
  const std::string md = WriteMarkdown(r);
  EXPECT_NE(md.find("**local** is an excerpt of **wire**"), std::string::npos) << md;
  EXPECT_NE(md.find("**spun** is a rewrite of **wire**"), std::string::npos) << md;
  EXPECT_NE(md.find("  - added by the copy: “four more people”"), std::string::npos) << md;
}

TEST(MarkdownTest, LongQuotesAreCutOnCodePointBoundaries) {
  Report r;
  Claim c;
  c.doc = "d";
  c.speaker_name = "Speaker";
  c.direct = true;
  c.text = std::string(239, 'a') + "\xC3\xA9\xC3\xA9\xC3\xA9";  // é straddles the cut
  r.claims.push_back(c);
  const std::string md = WriteMarkdown(r);
  EXPECT_EQ(md.find("\xC3\xE2"), std::string::npos);  // no half sequence before the ellipsis
  EXPECT_NE(md.find("…"), std::string::npos);
}

TEST(MarkdownTest, InfoDiagnosticsAreListedButAreNotProblems) {
  Report r;
  r.diagnostics.push_back({Diagnostic::Severity::kInfo, "crawl.warc.gz",
                           "3 documents from 9 WARC records; 6 skipped (6 request)"});
  std::string md = WriteMarkdown(r);
  EXPECT_EQ(md.find("- Input problems:"), std::string::npos);
  EXPECT_NE(md.find("- info: crawl.warc.gz: 3 documents from 9 WARC records"), std::string::npos);
  r.diagnostics.push_back({Diagnostic::Severity::kError, "crawl.warc.gz", "record 4: truncated"});
  md = WriteMarkdown(r);
  EXPECT_NE(md.find("- Input problems: 1 (see the end)"), std::string::npos);
  EXPECT_NE(md.find("- error: crawl.warc.gz: record 4: truncated"), std::string::npos);
}

}  // namespace
}  // namespace sitrep::report
