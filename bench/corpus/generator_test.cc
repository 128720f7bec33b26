#include "corpus/generator.h"

#include <gtest/gtest.h>

#include <set>

namespace sitrep::bench {
namespace {

TEST(GeneratorTest, DeterministicForASeed) {
  CorpusOptions o;
  o.articles = 200;
  const GeneratedCorpus a = GenerateCorpus(o), b = GenerateCorpus(o);
  ASSERT_EQ(a.articles.size(), 200u);
  for (size_t i = 0; i < a.articles.size(); ++i) EXPECT_EQ(a.articles[i].text, b.articles[i].text);
  o.seed = 7;
  EXPECT_NE(GenerateCorpus(o).articles[5].text, a.articles[5].text);
}

TEST(GeneratorTest, SharesOfDerivedArticlesAreNearTheRequest) {
  CorpusOptions o;
  o.articles = 2000;
  o.copy_share = 0.1;
  o.spun_share = 0.2;
  const GeneratedCorpus c = GenerateCorpus(o);
  size_t dup = 0, spun = 0;
  for (const Derivation& d : c.truth) (d.relation == "rewrite" ? spun : dup)++;
  EXPECT_NEAR(dup / 2000.0, 0.1, 0.03);
  EXPECT_NEAR(spun / 2000.0, 0.2, 0.03);
}

TEST(GeneratorTest, RecordedChangesAreInTheTexts) {
  CorpusOptions o;
  o.articles = 500;
  o.spun_share = 0.3;
  o.junk_share = 0;
  const GeneratedCorpus c = GenerateCorpus(o);
  size_t checked = 0;
  for (const Derivation& d : c.truth) {
    ASSERT_LT(d.source, d.copy);
    if (d.relation != "rewrite") continue;
    EXPECT_FALSE(d.changes.empty());
    for (const ChangedFact& f : d.changes) {
      EXPECT_NE(c.articles[d.copy].text.find(f.copy_text), std::string::npos) << f.copy_text;
      EXPECT_NE(c.articles[d.source].text.find(f.source_text), std::string::npos) << f.source_text;
      EXPECT_NE(f.source_text, f.copy_text);
      ++checked;
    }
  }
  EXPECT_GT(checked, 50u);
}

TEST(GeneratorTest, UnrelatedArticlesDiffer) {
  CorpusOptions o;
  o.articles = 300;
  o.copy_share = 0;
  o.spun_share = 0;
  std::set<std::string> texts;
  for (const auto& a : GenerateCorpus(o).articles) texts.insert(a.text);
  EXPECT_EQ(texts.size(), 300u);
}

}  // namespace
}  // namespace sitrep::bench
