#include "reuse/reuse.h"

#include <gtest/gtest.h>

#include <map>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "reuse/testing.h"

namespace sitrep::reuse {
namespace {

std::string Fixture(const std::string& name) {
  return testing::ReadFile(std::string(SITREP_TEST_DATA) + "/reuse/" + name);
}

const char kUnrelatedA[] =
    "Parliament approved the new budget on Thursday after a long debate.\n\n"
    "The finance minister said spending on schools and hospitals would rise next year.\n\n"
    "Opposition members walked out before the final vote, calling the plan reckless.";
const char kUnrelatedB[] =
    "A heatwave pushed temperatures above 40 degrees in the south of the country.\n\n"
    "Farmers warned that the maize crop could fail without rain within two weeks.\n\n"
    "Firefighters battled three wildfires in the hills above the coastal resort.";

struct Corpus {
  std::vector<Document> docs;
  std::vector<text::DocText> texts;
  void Add(std::string id, std::string body) {
    docs.push_back(testing::MakeDocument(std::move(id), std::move(body)));
    texts.push_back(testing::SharedAnalyzer().Analyze(docs.back()));
  }
};

Corpus MakeCorpus() {
  const std::string wire = Fixture("wire.txt");
  const std::string spun = Fixture("spun.txt");
  // An exact copy with other whitespace: same normalized body.
  std::string dup = wire;
  for (size_t p = dup.find("  "); p != std::string::npos; p = dup.find("  ")) dup.erase(p, 1);
  dup.insert(0, "\n\n");
  // A near-duplicate: the wire story with its last paragraph replaced.
  std::string near = wire.substr(0, wire.rfind("Officials expect")) +
                     "Forecasters said the rain would ease by the weekend.\n";
  // A partial copy: an unrelated story quoting two wire paragraphs.
  const size_t a = wire.find("The dam was damaged");
  const size_t b = wire.find("\n\n", wire.find("About 4,000"));
  std::string partial = std::string(
                            "Auditors questioned how the regional water authority spent its "
                            "maintenance budget over the past five years.\n\n") +
                        wire.substr(a, b - a) + "\n\n" +
                        "The committee will meet again in the autumn to review the accounts.\n\n"
                        "Several members asked for an independent audit of the ministry.\n\n"
                        "Ministers rejected calls for a snap election.";
  Corpus c;
  c.Add("wire", wire);
  c.Add("unrelated-a", kUnrelatedA);
  c.Add("spun", spun);
  c.Add("dup", dup);
  c.Add("unrelated-b", kUnrelatedB);
  c.Add("near", near);
  c.Add("partial", partial);
  c.Add("empty", "");
  return c;
}

TEST(FindReuseTest, RelationsDirectionsAndClusters) {
  Corpus c = MakeCorpus();
  ASSERT_FALSE(c.texts[0].sentences.empty());
  const ReuseResult r = FindReuse(c.docs, c.texts, testing::SharedAnalyzer(), ReuseOptions{});
  std::map<std::pair<std::string, std::string>, const Reuse*> by_pair;
  for (const Reuse& p : r.pairs) by_pair[{p.source, p.copy}] = &p;
  auto get = [&](const std::string& s, const std::string& k) -> const Reuse* {
    auto it = by_pair.find({s, k});
    return it == by_pair.end() ? nullptr : it->second;
  };

  const Reuse* spun = get("wire", "spun");
  ASSERT_NE(spun, nullptr);
  EXPECT_EQ(spun->relation, "rewrite");
  EXPECT_EQ(spun->direction_basis, "wire credit");
  EXPECT_GT(spun->coverage, 0.6);
  EXPECT_GE(spun->drift.size(), 10u);

  const Reuse* dup = get("wire", "dup");
  ASSERT_NE(dup, nullptr);
  EXPECT_EQ(dup->relation, "duplicate");
  EXPECT_TRUE(dup->drift.empty());

  const Reuse* near = get("wire", "near");
  ASSERT_NE(near, nullptr);
  EXPECT_EQ(near->relation, "near-duplicate");
  EXPECT_TRUE(near->drift.empty());

  const Reuse* partial = get("wire", "partial");
  ASSERT_NE(partial, nullptr);
  EXPECT_EQ(partial->relation, "partial");
  EXPECT_EQ(partial->passages.size(), 2u);

  for (const Reuse& p : r.pairs) {
    EXPECT_NE(p.source, "unrelated-a") << p.copy;
    EXPECT_NE(p.copy, "unrelated-a") << p.source;
    EXPECT_NE(p.source, "unrelated-b");
    EXPECT_NE(p.copy, "unrelated-b");
    EXPECT_NE(p.copy, "empty");
    EXPECT_GE(p.coverage, 0.0);
    EXPECT_LE(p.coverage, 1.0);
    for (const Drift& d : p.drift) {
      ASSERT_GE(d.passage, 0);
      ASSERT_LT(d.passage, static_cast<int>(p.passages.size()));
    }
  }

  // Every document in exactly one cluster; the copies together, the rest alone.
  std::map<std::string, std::string> cluster_of;
  for (size_t i = 0; i < r.clusters.size(); ++i) {
    EXPECT_EQ(r.clusters[i].id, "k" + std::to_string(i + 1));
    for (const std::string& d : r.clusters[i].docs) {
      EXPECT_TRUE(cluster_of.emplace(d, r.clusters[i].id).second) << d << " twice";
    }
  }
  EXPECT_EQ(cluster_of.size(), c.docs.size());
  EXPECT_EQ(r.clusters.size(), 4u);
  EXPECT_EQ(cluster_of["wire"], "k1");
  for (const char* d : {"spun", "dup", "near", "partial"}) EXPECT_EQ(cluster_of[d], "k1") << d;
  EXPECT_EQ(cluster_of["unrelated-a"], "k2");
  EXPECT_EQ(cluster_of["unrelated-b"], "k3");
  EXPECT_EQ(cluster_of["empty"], "k4");
}

TEST(FindReuseTest, PlantedDriftInFixture) {
  Corpus c;
  c.Add("wire", Fixture("wire.txt"));
  c.Add("spun", Fixture("spun.txt"));
  const ReuseResult r = FindReuse(c.docs, c.texts, testing::SharedAnalyzer(), ReuseOptions{});
  ASSERT_EQ(r.pairs.size(), 1u);
  // The planted changes of tests/data/reuse/README.md, by kind and the copy's phrase.
  const std::multiset<std::pair<std::string, std::string>> want = {
      {"hedge", "steadily"},       {"number", "at least 21"}, {"date", "April"},
      {"place", "Kupiansk"},       {"negation", "despite"},   {"number", "About 40,000"},
      {"organization", "Reuters"}, {"negation", ""},          {"hedge", ""},
      {"time", "last month"},      {"date", "June 3, 2019"}};
  std::multiset<std::pair<std::string, std::string>> got;
  int quotes = 0;
  for (const Drift& d : r.pairs[0].drift) {
    if (d.kind == "quote") {
      ++quotes;
      continue;
    }
    got.insert({d.kind, d.copy_text});
  }
  EXPECT_EQ(got, want);
  EXPECT_EQ(quotes, 1);
}

TEST(FindReuseTest, DirectionByPublishedDate) {
  Corpus c;
  c.Add("later", Fixture("spun.txt"));
  c.Add("earlier", Fixture("spun.txt") + "\n\nA final line added by the second outlet today.");
  c.docs[0].published = "2022-10-29";
  c.docs[1].published = "2022-10-28";
  const ReuseResult r = FindReuse(c.docs, c.texts, testing::SharedAnalyzer(), ReuseOptions{});
  ASSERT_EQ(r.pairs.size(), 1u);
  EXPECT_EQ(r.pairs[0].source, "earlier");
  EXPECT_EQ(r.pairs[0].copy, "later");
  EXPECT_EQ(r.pairs[0].direction_basis, "published date");
}

TEST(FindReuseTest, UndeterminedDirection) {
  const auto& an = testing::SharedAnalyzer();
  const std::string body = Fixture("spun.txt");
  Document a = testing::MakeDocument("a", body), b = testing::MakeDocument("b", body + " ");
  const Reuse r = ComparePair(a, an.Analyze(a), b, an.Analyze(b), an, ReuseOptions{});
  EXPECT_EQ(r.relation, "duplicate");
  EXPECT_EQ(r.direction_basis, "undetermined");
}

// Independent reports written from the same templates (same phrases, other places,
// people and figures) are not copies of one another; a real rewrite among them is.
TEST(FindReuseTest, TemplateReportsAreNotCopies) {
  const char* cities[] = {"Avdiivka", "Marinka", "Vuhledar", "Siversk",    "Lyman",
                          "Kupiansk", "Orikhiv", "Toretsk",  "Chasiv Yar", "Robotyne"};
  const char* people[] = {"Oleh Bilyk", "Ivan Hnatiuk", "Maria Koval", "Petro Lysak",
                          "Anna Moroz", "Taras Savka",  "Yulia Tkach", "Bohdan Zhuk"};
  const char* days[] = {"Monday", "Tuesday", "Wednesday", "Thursday", "Friday"};
  std::mt19937 rng(3);
  auto pick = [&](auto& arr) { return std::string(arr[rng() % std::size(arr)]); };
  Corpus c;
  for (int i = 0; i < 40; ++i) {
    std::string body;
    body += "Artillery fire hit a hospital in " + pick(cities) + ", killing " +
            std::to_string(3 + rng() % 40) + " people, governor " + pick(people) + " said.\n\n";
    body += "Troops advanced about " + std::to_string(2 + rng() % 30) + " kilometres toward " +
            pick(cities) + " on " + pick(days) + ", commander " + pick(people) + " said.\n\n";
    body += "More than " + std::to_string(1000 + rng() % 90000) + " people have fled " +
            pick(cities) + " since the spring, a monitoring group said.\n\n";
    body += "\"We will not give up " + pick(cities) + ",\" " + pick(people) +
            " told reporters on " + pick(days) + ".\n\n";
    body += "The city of " + pick(cities) + " has been without water or electricity for " +
            std::to_string(2 + rng() % 10) + " weeks.";
    c.Add("t" + std::to_string(i), body);
  }
  c.Add("wire", Fixture("wire.txt"));
  c.Add("spun", Fixture("spun.txt"));
  const ReuseResult r = FindReuse(c.docs, c.texts, testing::SharedAnalyzer(), ReuseOptions{});
  ASSERT_EQ(r.pairs.size(), 1u);
  EXPECT_EQ(r.pairs[0].source, "wire");
  EXPECT_EQ(r.pairs[0].copy, "spun");
  EXPECT_EQ(r.clusters.size(), 41u);
}

TEST(FindReuseTest, MismatchedInputsGiveEmptyResult) {
  std::vector<Document> docs(2);
  std::vector<text::DocText> texts(1);
  const ReuseResult r = FindReuse(docs, texts, testing::SharedAnalyzer(), ReuseOptions{});
  EXPECT_TRUE(r.pairs.empty());
  EXPECT_TRUE(r.clusters.empty());
}

TEST(WireCreditTest, Patterns) {
  struct Case {
    const char* text;
    bool credit;
  };
  const Case cases[] = {{"KYIV, Ukraine (AP) \xE2\x80\x94 Shelling", true},
                        {"LONDON (Reuters) - Prices", true},
                        {"Photo: AFP via Getty Images", true},
                        {"Copyright 2022 The Associated Press. All rights reserved.", true},
                        {"The Associated Press journalists saw damage.", false},
                        {"The AP reported that shops were closed.", false},
                        {"Plain story with no credit.", false}};
  for (const Case& c : cases) {
    Document d;
    d.text = c.text;
    EXPECT_EQ(HasWireCredit(d), c.credit) << c.text;
  }
}

}  // namespace
}  // namespace sitrep::reuse
