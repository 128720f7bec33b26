#include "reuse/reuse.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <optional>
#include <random>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

#include "reuse/doc_features.h"
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

  // Two consecutive wire paragraphs: one passage, a maximal span in both documents.
  const Reuse* partial = get("wire", "partial");
  ASSERT_NE(partial, nullptr);
  EXPECT_EQ(partial->relation, "partial");
  ASSERT_EQ(partial->passages.size(), 1u);
  EXPECT_EQ(partial->passages[0].source_text.substr(0, 19), "The dam was damaged");
  EXPECT_EQ(partial->passages[0].copy_text.substr(0, 19), "The dam was damaged");
  EXPECT_NE(partial->passages[0].copy_text.find("Synehubov said."), std::string::npos);

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
    ASSERT_FALSE(r.clusters[i].docs.empty());
    EXPECT_EQ(r.clusters[i].id, "k@" + r.clusters[i].docs.front());  // its first document
    for (const std::string& d : r.clusters[i].docs) {
      EXPECT_TRUE(cluster_of.emplace(d, r.clusters[i].id).second) << d << " twice";
    }
  }
  EXPECT_EQ(cluster_of.size(), c.docs.size());
  EXPECT_EQ(r.clusters.size(), 4u);
  EXPECT_EQ(cluster_of["wire"], "k@wire");
  for (const char* d : {"spun", "dup", "near", "partial"}) {
    EXPECT_EQ(cluster_of[d], "k@wire") << d;
  }
  EXPECT_EQ(cluster_of["unrelated-a"], "k@unrelated-a");
  EXPECT_EQ(cluster_of["unrelated-b"], "k@unrelated-b");
  EXPECT_EQ(cluster_of["empty"], "k@empty");
}

TEST(FindReuseTest, ClusterIdsStayWhenOtherDocumentsComeOrGo) {
  Corpus all = MakeCorpus();
  Corpus fewer;  // without "unrelated-a", which comes before most of the others
  for (const Document& d : all.docs) {
    if (d.id != "unrelated-a") fewer.Add(d.id, d.text);
  }
  auto ids = [](const ReuseResult& r) {
    std::map<std::string, std::string> out;
    for (const CopyCluster& k : r.clusters) {
      for (const std::string& d : k.docs) out[d] = k.id;
    }
    return out;
  };
  const auto with = ids(FindReuse(all.docs, all.texts, testing::SharedAnalyzer(), {}));
  const auto without = ids(FindReuse(fewer.docs, fewer.texts, testing::SharedAnalyzer(), {}));
  ASSERT_EQ(without.size() + 1, with.size());
  for (const auto& [doc, id] : without) EXPECT_EQ(with.at(doc), id) << doc;
  EXPECT_EQ(without.at("unrelated-b"), "k@unrelated-b");
}

// Pairs found elsewhere: FindReuse's own pairs, handed over in another order with pairs
// naming absent documents, give FindReuse's result; a piece of the corpus keeps the pairs
// between its own documents and clusters them.
TEST(KnownReuseTest, OrdersAndClustersAsFindReuse) {
  Corpus c = MakeCorpus();
  const ReuseResult found = FindReuse(c.docs, c.texts, testing::SharedAnalyzer(), {});
  ASSERT_GE(found.pairs.size(), 4u);
  std::vector<Reuse> given(found.pairs.rbegin(), found.pairs.rend());
  Reuse stray = found.pairs[0];
  stray.copy = "elsewhere";
  given.insert(given.begin() + 1, stray);
  Reuse self = found.pairs[0];
  self.copy = self.source;
  given.push_back(self);
  const Result<ReuseResult> known_or = KnownReuse(c.docs, given);
  ASSERT_TRUE(known_or.ok()) << known_or.status().ToString();
  const ReuseResult& known = *known_or;
  auto key = [](const Reuse& r) { return r.source + ">" + r.copy + ":" + r.relation; };
  ASSERT_EQ(known.pairs.size(), found.pairs.size());
  for (size_t i = 0; i < known.pairs.size(); ++i) {
    EXPECT_EQ(key(known.pairs[i]), key(found.pairs[i]));
    EXPECT_EQ(known.pairs[i].passages.size(), found.pairs[i].passages.size());
  }
  ASSERT_EQ(known.clusters.size(), found.clusters.size());
  for (size_t i = 0; i < known.clusters.size(); ++i) {
    EXPECT_EQ(known.clusters[i].id, found.clusters[i].id);
    EXPECT_EQ(known.clusters[i].docs, found.clusters[i].docs);
  }

  // A piece without the wire story: its copies' pairs to it go, the rest stay together.
  std::vector<Document> piece;
  for (const Document& d : c.docs) {
    if (d.id != "wire") piece.push_back(d);
  }
  const ReuseResult part = *KnownReuse(piece, found.pairs);
  for (const Reuse& r : part.pairs) {
    EXPECT_NE(r.source, "wire");
    EXPECT_NE(r.copy, "wire");
  }
  size_t docs = 0;
  for (const CopyCluster& k : part.clusters) {
    EXPECT_EQ(k.id, "k@" + k.docs.front());
    docs += k.docs.size();
  }
  EXPECT_EQ(docs, piece.size());
  EXPECT_TRUE(KnownReuse(piece, {})->pairs.empty());
  EXPECT_EQ(KnownReuse(piece, {})->clusters.size(), piece.size());
}

// MakeCorpus and enough reports on the same topic for document frequency to weigh words
// (at least 20 documents): words the whole collection uses weigh less.
Corpus MakeCollection() {
  Corpus c = MakeCorpus();
  const char* towns[] = {"Arden", "Belmont", "Carrow", "Dunmore", "Elston", "Farleigh"};
  const char* what[] = {"the reservoir", "the flood barrier", "the river bank",
                        "the pumping station", "the canal lock"};
  for (int i = 0; i < 30; ++i) {
    const std::string town = towns[i % 6], thing = what[i % 5], n = std::to_string(12 + 7 * i);
    c.Add("report-" + std::to_string(i),
          "Officials in " + town + " said on Monday that " + thing +
              " needed repairs after the storm, and that " + n +
              " residents had been told to prepare for evacuation.\n\n"
              "The water authority said the dam upstream was safe, but engineers would inspect " +
              thing + " again within " + std::to_string(2 + i % 4) + " days.\n\n" +
              "Residents of " + town + " described the storm as the worst in " + n + " years.");
  }
  return c;
}

// A distributed job's pair bin: a piece of the collection told the collection's candidate
// pairs and word weights reports the pairs one run over the whole reports between the
// piece's documents (the piece alone would weigh words by its own documents).
TEST(ReuseScopeTest, APieceToldAboutTheWholeReportsTheWholesPairs) {
  const Corpus all = MakeCollection();
  const ReuseOptions options;
  const ReuseResult whole = FindReuse(all.docs, all.texts, testing::SharedAnalyzer(), options);
  ASSERT_GE(whole.pairs.size(), 4u);

  ReuseScope scope;
  for (const auto& [i, j] : CandidatePairs(all.docs, all.texts, options)) {
    ASSERT_LT(i, j);
    scope.candidates.emplace_back(all.docs[j].id, all.docs[i].id);  // either order will do
  }
  scope.documents = all.docs.size();
  for (size_t i = 0; i < all.docs.size(); ++i) {
    const DocFeatures f = ComputeFeatures(all.docs[i], all.texts[i], options.shingle_words);
    for (uint64_t t : DocumentTerms(f)) ++scope.term_documents[t];
  }
  // The piece: the copy family and every third report.
  Corpus piece;
  for (size_t i = 0; i < all.docs.size(); ++i) {
    if (all.docs[i].id.rfind("report-", 0) != 0 || i % 3 == 0) {
      piece.docs.push_back(all.docs[i]);
      piece.texts.push_back(all.texts[i]);
    }
  }
  const ReuseResult told =
      FindReuse(piece.docs, piece.texts, testing::SharedAnalyzer(), options, &scope);
  std::set<std::string> in_piece;
  for (const Document& d : piece.docs) in_piece.insert(d.id);
  std::vector<const Reuse*> expected;
  for (const Reuse& r : whole.pairs) {
    if (in_piece.count(r.source) && in_piece.count(r.copy)) expected.push_back(&r);
  }
  ASSERT_EQ(told.pairs.size(), expected.size());
  for (size_t k = 0; k < expected.size(); ++k) {
    const Reuse& a = told.pairs[k];
    const Reuse& b = *expected[k];
    EXPECT_EQ(a.source + ">" + a.copy + ":" + a.relation,
              b.source + ">" + b.copy + ":" + b.relation);
    EXPECT_DOUBLE_EQ(a.similarity, b.similarity) << a.source << " -> " << a.copy;
    ASSERT_EQ(a.passages.size(), b.passages.size());
    for (size_t p = 0; p < a.passages.size(); ++p) {
      EXPECT_EQ(a.passages[p].source_start, b.passages[p].source_start);
      EXPECT_EQ(a.passages[p].copy_end, b.passages[p].copy_end);
    }
    EXPECT_EQ(a.drift.size(), b.drift.size());
  }

  // Only the candidates given are aligned.
  ReuseScope none = scope;
  none.candidates.clear();
  EXPECT_TRUE(
      FindReuse(piece.docs, piece.texts, testing::SharedAnalyzer(), options, &none).pairs.empty());
}

// Weights from a table counted elsewhere equal those counted over the documents, and a
// table holding only the common terms gives the same weights as the full one.
TEST(ReuseScopeTest, DocumentFrequencyFromATableEqualsCounting) {
  const Corpus c = MakeCollection();
  std::vector<DocFeatures> counted, from_table, from_common;
  for (size_t i = 0; i < c.docs.size(); ++i) {
    counted.push_back(ComputeFeatures(c.docs[i], c.texts[i], 5));
  }
  from_table = counted;
  from_common = counted;
  std::unordered_map<uint64_t, uint32_t> df, common;
  for (const DocFeatures& f : counted)
    for (uint64_t t : DocumentTerms(f)) ++df[t];
  const double floor = std::sqrt(static_cast<double>(counted.size()) + 1);
  for (const auto& [t, n] : df)
    if (n >= floor) common.emplace(t, n);
  ASSERT_LT(common.size(), df.size());
  auto pointers = [](std::vector<DocFeatures>& v) {
    std::vector<DocFeatures*> out;
    for (DocFeatures& f : v) out.push_back(&f);
    return out;
  };
  std::vector<DocFeatures*> a = pointers(counted), b = pointers(from_table),
                            d = pointers(from_common);
  ApplyDocumentFrequency(a);
  ApplyDocumentFrequency(b, counted.size(), df);
  ApplyDocumentFrequency(d, counted.size(), common);
  bool weighed_down = false;
  for (size_t i = 0; i < counted.size(); ++i) {
    for (size_t s = 0; s < counted[i].sentences.size(); ++s) {
      EXPECT_EQ(counted[i].sentences[s].total, from_table[i].sentences[s].total);
      EXPECT_EQ(counted[i].sentences[s].total, from_common[i].sentences[s].total);
      for (const Term& t : counted[i].sentences[s].terms) weighed_down |= t.weight < 0.5F;
    }
  }
  EXPECT_TRUE(weighed_down);
}

TEST(KnownReuseTest, PairsThatDoNotFitTheirDocumentsAreAnError) {
  Corpus c = MakeCorpus();
  const ReuseResult found = FindReuse(c.docs, c.texts, testing::SharedAnalyzer(), {});
  size_t with_drift = found.pairs.size();
  for (size_t i = 0; i < found.pairs.size(); ++i) {
    if (!found.pairs[i].drift.empty() && !found.pairs[i].passages.empty()) with_drift = i;
  }
  ASSERT_LT(with_drift, found.pairs.size()) << "the fixture's copies change facts";
  const Reuse& good = found.pairs[with_drift];
  const size_t copy_size = std::find_if(c.docs.begin(), c.docs.end(), [&](const Document& d) {
                             return d.id == good.copy;
                           })->text.size();

  std::vector<Reuse> pairs = found.pairs;
  pairs[with_drift].passages[0].copy_end = copy_size + 1;
  Result<ReuseResult> r = KnownReuse(c.docs, pairs);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kInvalidInput);
  EXPECT_NE(r.status().message().find(good.source + " -> " + good.copy), std::string::npos)
      << r.status().message();
  EXPECT_NE(r.status().message().find("copy"), std::string::npos);

  pairs = found.pairs;
  pairs[with_drift].passages[0].source_start = pairs[with_drift].passages[0].source_end + 1;
  EXPECT_FALSE(KnownReuse(c.docs, pairs).ok());

  pairs = found.pairs;
  pairs[with_drift].drift[0].passage = static_cast<int>(pairs[with_drift].passages.size());
  r = KnownReuse(c.docs, pairs);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("drift"), std::string::npos);

  // A pair of documents not in the run is left out, not checked: its bytes index texts
  // the run does not have.
  pairs = found.pairs;
  pairs[with_drift].passages[0].copy_end = copy_size + 1;
  pairs[with_drift].copy = "elsewhere";
  EXPECT_TRUE(KnownReuse(c.docs, pairs).ok());
}

TEST(FindReuseTest, PlantedDriftInFixture) {
  Corpus c;
  c.Add("wire", Fixture("wire.txt"));
  c.Add("spun", Fixture("spun.txt"));
  const ReuseResult r = FindReuse(c.docs, c.texts, testing::SharedAnalyzer(), ReuseOptions{});
  ASSERT_EQ(r.pairs.size(), 1u);
  // The planted changes of tests/data/reuse/README.md, by kind and the copy's phrase.
  const std::multiset<std::pair<std::string, std::string>> want = {
      {"hedge", "steadily"},  {"number", "at least 21"}, {"date", "April"},
      {"place", "Kupiansk"},  {"negation", "despite"},   {"number", "About 40,000"},
      {"added", "Reuters"},   {"negation", ""},          {"hedge", ""},
      {"time", "last month"}, {"date", "June 3, 2019"}};
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

TEST(FindReuseTest, FetchDatesDoNotDecideTheDirection) {
  Corpus c;
  c.Add("later", Fixture("spun.txt"));
  c.Add("earlier", Fixture("spun.txt") + "\n\nA final line added by the second outlet today.");
  c.docs[0].published = "2022-10-29";
  c.docs[1].published = "2022-10-28";
  c.docs[1].published_basis = "fetched";  // a WARC fetch day, not a publication day
  const ReuseResult r = FindReuse(c.docs, c.texts, testing::SharedAnalyzer(), ReuseOptions{});
  ASSERT_EQ(r.pairs.size(), 1u);
  EXPECT_NE(r.pairs[0].direction_basis, "published date");
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

// A long local story of its own that pastes two wire paragraphs is an excerpt, however
// small the pasted part is next to the rest.
const char* kOtherStory[] = {
    "The regional museum opened an exhibition of old maps and photographs on Friday.",
    "Visitors can see the first plan of the fortress, drawn by a French engineer.",
    "The director said the collection had been kept in a cellar for forty years.",
    "Schoolchildren will be admitted free of charge on weekday mornings.",
    "A café on the ground floor serves cakes baked by a local cooperative.",
    "The exhibition will travel to two other towns in the spring.",
    "Volunteers restored the frames and catalogued each of the three hundred items.",
    "Local historians will give talks every second Thursday until the end of the year."};

std::string LocalStory(const std::string& pasted, bool other = false) {
  if (other) {
    std::string body;
    for (size_t i = 0; i < std::size(kOtherStory); ++i) {
      body += kOtherStory[i];
      body += "\n\n";
      if (i == 3) body += pasted + "\n\n";
    }
    return body;
  }
  std::string body =
      "Council members in the river district met on Monday to discuss the coming harvest "
      "season and the state of the roads.\n\n";
  const char* own[] = {
      "The mayor opened the session with a report on school repairs in the eastern quarter.",
      "Teachers asked for new heating in three classrooms before the winter arrives.",
      "A bakery on Mill Street will reopen next month after a change of owners.",
      "The library extended its opening hours on Saturdays for students preparing exams.",
      "Volunteers collected clothes and blankets at the sports hall over the weekend.",
      "The football club thanked supporters for raising money to repair the stand.",
      "Farmers complained that fuel prices had doubled since the start of the year.",
      "The district clinic hired two nurses and a dentist from the capital.",
      "Bus timetables will change on the first of the month, the transport office said.",
      "Residents of the old quarter asked the council to fix the street lights.",
      "The council will publish its budget for next year in the autumn.",
      "A folk festival is planned for the last weekend of summer in the park."};
  for (size_t i = 0; i < std::size(own); ++i) {
    body += own[i];
    body += "\n\n";
    if (i == 6) body += pasted + "\n\n";
  }
  return body;
}

TEST(FindReuseTest, PastedParagraphsAreAnExcerpt) {
  const std::string wire = Fixture("wire.txt");
  const size_t a = wire.find("Emergency crews");
  const size_t b = wire.find("\n\n", wire.find("The dam was damaged"));
  Corpus c;
  c.Add("wire", wire);
  c.Add("local", LocalStory(wire.substr(a, b - a)));
  const ReuseResult r = FindReuse(c.docs, c.texts, testing::SharedAnalyzer(), ReuseOptions{});
  ASSERT_EQ(r.pairs.size(), 1u);
  const Reuse& p = r.pairs[0];
  EXPECT_EQ(p.source, "wire");
  EXPECT_EQ(p.copy, "local");
  EXPECT_EQ(p.relation, "excerpt");
  EXPECT_LT(p.coverage, 0.3);
  ASSERT_EQ(p.passages.size(), 1u);
  EXPECT_EQ(p.passages[0].copy_text, wire.substr(a, b - a));
  EXPECT_EQ(p.passages[0].source_text, wire.substr(a, b - a));
  EXPECT_EQ(c.docs[0].Slice(p.passages[0].source_start, p.passages[0].source_end),
            p.passages[0].source_text);
  EXPECT_EQ(r.clusters.size(), 1u);
}

// The one pair of a small collection (two files): the wire story and a local story of
// its own with `pasted` inside. Fails the test unless it is wire -> local.
std::optional<Reuse> WireToLocal(const std::string& pasted) {
  Corpus c;
  c.Add("local", LocalStory(pasted));
  c.Add("wire", Fixture("wire.txt"));
  ReuseResult r = FindReuse(c.docs, c.texts, testing::SharedAnalyzer(), ReuseOptions{});
  if (r.pairs.size() != 1) {
    ADD_FAILURE() << r.pairs.size() << " pairs";
    return std::nullopt;
  }
  EXPECT_EQ(r.pairs[0].source, "wire");
  EXPECT_EQ(r.pairs[0].copy, "local");
  return std::move(r.pairs[0]);
}

// Same, with the wire's agency credit removed (nothing tells the direction).
std::optional<Reuse> WireToLocalWithoutCredit(const std::string& pasted) {
  std::string wire = Fixture("wire.txt");
  wire.erase(wire.find(" (AP)"), 5);
  for (bool local_first : {true, false}) {
    Corpus c;
    if (local_first) c.Add("local", LocalStory(pasted));
    c.Add("wire", wire);
    if (!local_first) c.Add("local", LocalStory(pasted));
    ReuseResult r = FindReuse(c.docs, c.texts, testing::SharedAnalyzer(), ReuseOptions{});
    if (r.pairs.size() != 1) {
      ADD_FAILURE() << r.pairs.size() << " pairs, local first: " << local_first;
      return std::nullopt;
    }
    EXPECT_EQ(r.pairs[0].source, "wire") << local_first;
    EXPECT_EQ(r.pairs[0].copy, "local") << local_first;
    if (!local_first) return std::move(r.pairs[0]);
  }
  return std::nullopt;
}

// A copy that rewords three consecutive wire paragraphs (word order changed, a few words
// swapped) inside a long story of its own is found without any candidate index proposing
// it, and the passage is one span in each document.
TEST(FindReuseTest, RewordedPassageInASmallCollectionIsAnExcerpt) {
  const auto p = WireToLocal(
      "By boat, at least 12 people were evacuated overnight by emergency crews, according "
      "to Oleh Synehubov, the regional governor, who said the situation was still tense.\n\n"
      "In March the dam was damaged when its northern gate was struck by heavy shelling, "
      "and because of renewed fighting near Izium the repairs were halted.\n\n"
      "Before the flood about 4,000 residents lived in Kharvia, but roughly 60% of them have "
      "left, Synehubov said.");
  ASSERT_TRUE(p);
  ASSERT_EQ(p->passages.size(), 1u) << p->passages[1].copy_text;
  EXPECT_EQ(p->passages[0].copy_text.substr(0, 4), "boat") << p->passages[0].copy_text;
  EXPECT_NE(p->passages[0].copy_text.find("Izium"), std::string::npos) << p->passages[0].copy_text;
  EXPECT_EQ(p->passages[0].source_text.substr(0, 15), "Emergency crews");
  EXPECT_NE(p->passages[0].source_text.find("Izium"), std::string::npos)
      << p->passages[0].source_text;
}

// Three wire paragraphs rewritten hard (other words, other order, figures kept) inside an
// unrelated story. No sentence is close to its source, but the passage stands far out
// from the rest of the two texts, which share nothing: it is reported as an excerpt, with
// the rewritten span as its passage.
TEST(FindReuseTest, LooselyRewrittenPassageInAnUnrelatedStoryIsAnExcerpt) {
  const auto p = WireToLocal(
      "Overnight, rescue teams moved a dozen people away in small boats, governor Synehubov "
      "of the region stated, adding that things were still tense.\n\n"
      "Heavy shelling in March hit the northern gate of the dam; renewed fighting close to "
      "Izium then stopped the repair work on it.\n\n"
      "Before the water came, Kharvia had about 4,000 inhabitants, and nearly 60% of them "
      "have gone since, the governor said.");
  ASSERT_TRUE(p);
  EXPECT_EQ(p->relation, "excerpt");
  ASSERT_EQ(p->passages.size(), 1u);
  EXPECT_LT(p->passages[0].similarity, 0.6);  // below what a passage alone needs
  EXPECT_NE(p->passages[0].copy_text.find("Izium"), std::string::npos) << p->passages[0].copy_text;
  EXPECT_NE(p->passages[0].source_text.find("Izium"), std::string::npos)
      << p->passages[0].source_text;
}

// Two wire paragraphs obfuscated the way a plagiarist hides a copy: clauses of the
// writer's own inserted around the source's wording, names dropped. The passage is no
// closer to its source than two reports of one event are to each other, and it does not
// stand out far enough from the background; what gives it away is that its ordinary word
// pairs ("lower the reservoir by two metres", "closed last week after cracks appeared")
// are the source's.
TEST(FindReuseTest, PassageKeepingTheSourcesWordingIsAnExcerpt) {
  const auto p = WireToLocal(
      "Somewhere upriver, as grey light fell and the idle boats waited, surveyors hope to "
      "lower the reservoir by two metres over the next week, a doubtful task, to relieve "
      "pressure on the damaged gate and spare the orchards below.\n\n"
      "Talk in the cafés was that the last bridge out of town, slender and much loved by "
      "painters, was closed last week after cracks appeared in its pillars, leaving carts "
      "stranded beyond the water.");
  ASSERT_TRUE(p);
  EXPECT_EQ(p->relation, "excerpt");
  ASSERT_EQ(p->passages.size(), 1u);
  EXPECT_LT(p->passages[0].similarity, 0.6);
  EXPECT_NE(p->passages[0].copy_text.find("reservoir"), std::string::npos);
  EXPECT_NE(p->passages[0].source_text.find("pillars"), std::string::npos);
}

// One long wire sentence (40 words or more in the copy) taken with its wording, padded
// with clauses of the writer's own: a single sentence is not a run of two, but 40 words
// keeping the source's word pairs are an excerpt.
TEST(FindReuseTest, LongSentenceKeepingTheSourcesWordingIsAnExcerpt) {
  const auto p = WireToLocal(
      "Rising water slowly cut off the river town on Tuesday, as everyone had feared for "
      "weeks, forcing hundreds of families onto rooftops and into attics while engineers, "
      "working through the night in heavy rain, struggled to patch a breach in the dam "
      "upstream.");
  ASSERT_TRUE(p);
  ASSERT_EQ(p->passages.size(), 1u);
  EXPECT_NE(p->passages[0].copy_text.find("rooftops"), std::string::npos);
}

// Nothing tells which came first, but the pair has an excerpt's shape: the document most
// of which is reused (the wire) is taken as the source, whatever the argument order.
TEST(ComparePairTest, UndeterminedExcerptTakesTheMoreReusedDocumentAsSource) {
  std::string wire = Fixture("wire.txt");
  wire.erase(wire.find(" (AP)"), 5);
  const size_t a = wire.find("Emergency crews");
  const size_t b = wire.find("\n\n", wire.find("About 4,000 residents"));
  wire.resize(b);  // a short wire story, most of it pasted
  const auto& an = testing::SharedAnalyzer();
  Document w = testing::MakeDocument("wire", wire);
  Document l = testing::MakeDocument("local", LocalStory(wire.substr(a, b - a)));
  ASSERT_FALSE(HasWireCredit(w));
  for (bool local_first : {true, false}) {
    const Reuse r = local_first ? ComparePair(l, an.Analyze(l), w, an.Analyze(w), an, {})
                                : ComparePair(w, an.Analyze(w), l, an.Analyze(l), an, {});
    EXPECT_EQ(r.source, "wire") << local_first;
    EXPECT_EQ(r.direction_basis, "undetermined");
    EXPECT_EQ(r.passages.size(), 1u);
  }
}

// A summary of the whole wire story (three sentences, each condensing several
// paragraphs) inside a local story: nothing tells which came first and neither document
// is mostly reused, but the matches sit close together in the local story and are spread
// over the whole wire: the wire is the source, whatever the argument order, and the
// summary is one passage.
TEST(ComparePairTest, UndeterminedSummaryTakesTheCondensedSideAsTheCopy) {
  std::string wire = Fixture("wire.txt");
  wire.erase(wire.find(" (AP)"), 5);
  const std::string summary =
      "Floodwaters have cut off Kharvia, where families sheltered on rooftops while engineers "
      "tried to patch the breached Velka dam, and crews took 12 people out by boat "
      "overnight.\n\n"
      "The dam's northern gate was hit by shelling in March and fighting near Izium halted "
      "repairs; most of the town's 4,000 residents have left and power has not returned.\n\n"
      "With the last bridge closed after cracks appeared, more than 300 people have "
      "registered at shelters in Dorin, and the water is expected to peak on June 3.";
  const auto& an = testing::SharedAnalyzer();
  Document w = testing::MakeDocument("wire", wire);
  Document l = testing::MakeDocument("local", LocalStory(summary));
  ASSERT_FALSE(HasWireCredit(w));
  for (bool local_first : {true, false}) {
    const Reuse r = local_first ? ComparePair(l, an.Analyze(l), w, an.Analyze(w), an, {})
                                : ComparePair(w, an.Analyze(w), l, an.Analyze(l), an, {});
    EXPECT_EQ(r.source, "wire") << local_first;
    EXPECT_EQ(r.direction_basis, "undetermined");
    ASSERT_EQ(r.passages.size(), 1u) << local_first;
    EXPECT_NE(r.passages[0].copy_text.find("Kharvia"), std::string::npos);
    EXPECT_NE(r.passages[0].copy_text.find("June 3"), std::string::npos);
    EXPECT_NE(r.passages[0].source_text.find("Izium"), std::string::npos);
  }
  // Two files given to analyze: reported, the wire as the source.
  const auto p = WireToLocalWithoutCredit(summary);
  ASSERT_TRUE(p);
  EXPECT_EQ(p->passages.size(), 1u);
}

// A copy whose last copied sentence runs on into a page-long stretch without sentence
// ends (a crawl that lost its punctuation), where a word of the source turns up again far
// out: the passage stops where the shared text does, not at that word.
TEST(ComparePairTest, PassageEndsWhereTheSharedTextDoesInsideAPageLongRun) {
  const std::string wire = Fixture("wire.txt");
  const size_t a = wire.find("Emergency crews");
  const size_t b = wire.find("\n\n", wire.find("The dam was damaged"));
  std::string run;
  const char* filler[] = {"gardens",  "market",  "stalls",  "bakers",  "weavers",  "potters",
                          "painters", "singers", "dancers", "tailors", "cobblers", "grocers"};
  for (int i = 0; i < 150; ++i) run += std::string(" ") + filler[i % 12];
  std::string copied = wire.substr(a, b - a);
  copied.pop_back();  // the final full stop: the sentence runs on
  const std::string body = "The summer fair opened on Saturday in the old square.\n\n" + copied +
                           " and then the fair" + run + " near Izium" + run + "\n";
  const auto& an = testing::SharedAnalyzer();
  Document w = testing::MakeDocument("wire", wire);
  Document l = testing::MakeDocument("local", body);
  const Reuse r = ComparePair(w, an.Analyze(w), l, an.Analyze(l), an, {});
  ASSERT_EQ(r.passages.size(), 1u);
  EXPECT_NE(r.passages[0].copy_text.find("Emergency crews"), std::string::npos);
  EXPECT_EQ(r.passages[0].copy_text.find("Izium", copied.size()), std::string::npos)
      << r.passages[0].copy_text.size();
  EXPECT_LT(r.passages[0].copy_text.size(), copied.size() + 200);
}

// A short sentence whose words all turn up somewhere in a page-long run without sentence
// ends (a crawl that lost its punctuation) is contained in it, but the two share next to
// nothing: no passage.
TEST(ComparePairTest, ASentenceLostInAPageLongRunIsNoPassage) {
  const std::string note = "The money will help new residents buy personal items and clothes.";
  // Pseudo-words from syllables: a page-long list with a vocabulary of its own.
  const char* syllables[] = {"ka", "lo", "mi", "ter", "bu", "san", "ro", "vel", "di", "nos"};
  const char* words[] = {"money", "help",     "new",   "residents",
                         "buy",   "personal", "items", "clothes"};
  std::string run;
  for (int i = 0; i < 3000; ++i) {
    if (i % 300 == 7) {
      run += words[(i / 300) % 8];
    } else {
      for (int k = i; k > 0; k /= 10) run += syllables[k % 10];
    }
    run += ' ';
  }
  const auto& an = testing::SharedAnalyzer();
  Document a = testing::MakeDocument("note", note);
  Document b = testing::MakeDocument("run", "A long page\n\n" + run);
  const Reuse r = ComparePair(a, an.Analyze(a), b, an.Analyze(b), an, {});
  for (const Passage& p : r.passages)
    ADD_FAILURE() << p.similarity << " " << p.source_text.size() << " / " << p.copy_text.size();
}

// Two texts drawn from one small vocabulary, sentence by sentence (a fixed generator):
// every sentence of one matches some sentence of the other about as well as any other
// does, so the few that align a little better are chance, not shared text: no passage.
// Three sentences pasted into both are still a passage.
std::string OneVocabularyText(uint32_t seed, int sentences, const std::string& pasted = "") {
  static const char* kWords[] = {
      "river",     "dam",       "water",   "town",     "flood",   "bridge",     "engineers",
      "shelters",  "families",  "boats",   "rain",     "gate",    "repairs",    "power",
      "residents", "reservoir", "pumps",   "roofs",    "crews",   "governor",   "valley",
      "roads",     "fields",    "school",  "hospital", "market",  "volunteers", "soldiers",
      "villages",  "district",  "council", "winter",   "harvest", "trucks",     "supplies",
      "doctors",   "station",   "tents",   "blankets", "wells",   "farms"};
  uint32_t x = seed;
  auto next = [&] {
    x = x * 1103515245u + 12345u;
    return ((x & 0x7fffffffu) >> 8) % std::size(kWords);
  };
  std::string out;
  for (int i = 0; i < sentences; ++i) {
    out += "The";
    for (int w = 0; w < 9; ++w)
      out += std::string(w > 0 && w % 3 == 0 ? " and " : " ") + kWords[next()];
    out += i % 2 == 1 ? ".\n\n" : ". ";
    if (i == sentences / 2 && !pasted.empty()) out += pasted + "\n\n";
  }
  return out;
}

TEST(ComparePairTest, ChanceAlignmentsBetweenTextsOnOneTopicAreNoPassages) {
  const auto& an = testing::SharedAnalyzer();
  Document a = testing::MakeDocument("a", OneVocabularyText(1, 40));
  Document b = testing::MakeDocument("b", OneVocabularyText(2, 40));
  const Reuse r = ComparePair(a, an.Analyze(a), b, an.Analyze(b), an, {});
  for (const Passage& p : r.passages)
    ADD_FAILURE() << p.similarity << ": " << p.source_text << " / " << p.copy_text;

  const std::string wire = Fixture("wire.txt");
  const size_t from = wire.find("Emergency crews");
  const std::string pasted = wire.substr(from, wire.find("\n\n", wire.find("About 4,000")) - from);
  Document pa = testing::MakeDocument("a", OneVocabularyText(1, 40, pasted));
  Document pb = testing::MakeDocument("b", OneVocabularyText(2, 40, pasted));
  const Reuse q = ComparePair(pa, an.Analyze(pa), pb, an.Analyze(pb), an, {});
  bool kept = false;
  for (const Passage& p : q.passages)
    kept = kept || (p.copy_text.find("Emergency crews") != std::string::npos &&
                    p.copy_text.find("Synehubov said") != std::string::npos);
  EXPECT_TRUE(kept) << q.passages.size();
}

// Two stories built from the same sentence templates (our generated corpus), neither a
// copy of the other, in a collection with document frequencies (22 texts of a vocabulary
// of their own besides them): coverage proposes the pair, but no passage of it stands
// out from the two stories' background, and a pair without a passage is not reported.
TEST(FindReuseTest, NoPairIsReportedWithoutAPassage) {
  const char* syllables[] = {"ka", "lo", "mi", "ter", "bu", "san", "ro", "vel", "di", "nos"};
  Corpus c;
  c.Add("a", Fixture("template_a.txt"));
  c.Add("b", Fixture("template_b.txt"));
  ASSERT_FALSE(c.docs[0].text.empty() || c.docs[1].text.empty());
  for (int d = 0; d < 22; ++d) {
    std::string body;
    for (int i = 0; i < 200; ++i) {
      for (int k = d * 100000 + i * 37 + 11; k > 0; k /= 10) body += syllables[k % 10];
      body += i % 10 == 9 ? ".\n\n" : " ";
    }
    c.Add("f" + std::to_string(d), body);
  }
  const ReuseResult r = FindReuse(c.docs, c.texts, testing::SharedAnalyzer(), ReuseOptions{});
  for (const Reuse& p : r.pairs)
    ADD_FAILURE() << p.source << " -> " << p.copy << " " << p.relation << " " << p.passages.size();
}

// A hard-wrapped copy (lines broken mid-sentence, as in plain-text mail and old wire
// files) of two wire paragraphs: one passage, the same sentences as the unwrapped text.
TEST(FindReuseTest, HardWrappedExcerptIsOnePassage) {
  const std::string wire = Fixture("wire.txt");
  const size_t a = wire.find("Emergency crews");
  const size_t b = wire.find("\n\n", wire.find("The dam was damaged"));
  std::string wrapped = wire.substr(a, b - a);
  for (size_t at = 60; at < wrapped.size(); at += 60) {
    const size_t space = wrapped.find(' ', at);
    if (space == std::string::npos) break;
    if (wrapped[space - 1] != '.') wrapped[space] = '\n';
    at = space;
  }
  Corpus c;
  c.Add("wire", wire);
  c.Add("local", LocalStory(wrapped));
  const ReuseResult r = FindReuse(c.docs, c.texts, testing::SharedAnalyzer(), ReuseOptions{});
  ASSERT_EQ(r.pairs.size(), 1u);
  EXPECT_EQ(r.pairs[0].relation, "excerpt");
  ASSERT_EQ(r.pairs[0].passages.size(), 1u);
  EXPECT_EQ(r.pairs[0].passages[0].copy_text, wrapped);
  EXPECT_EQ(r.pairs[0].passages[0].source_text, wire.substr(a, b - a));
}

// One pasted sentence is not an excerpt; two outlets that quote the same speaker at
// length, each in a story of its own, do not copy each other either.
TEST(FindReuseTest, SharedQuotesAndOneSentenceAreNotExcerpts) {
  const std::string wire = Fixture("wire.txt");
  const size_t a = wire.find("The dam was damaged");
  const size_t b = wire.find("\n\n", a);
  const std::string quotes =
      "\"We are doing everything we can, but the water is rising faster than we can pump it "
      "out of the basements and the streets of the old town,\" the governor said. \"Every "
      "family that needs a boat will get one before the night, and nobody will be left "
      "behind on a roof.\"";
  Corpus c;
  c.Add("wire", wire);
  c.Add("one-sentence", LocalStory(wire.substr(a, b - a)));
  c.Add("quoting", LocalStory(quotes, /*other=*/true));
  std::string other =
      "Rescue boats reached the flooded streets of Kharvia late on Tuesday as the river kept "
      "rising.\n\n" +
      quotes +
      "\n\nThe army sent two helicopters to the area, a spokesman for the general staff "
      "said.\n\nThe road to the regional capital remained closed to all traffic.";
  c.Add("also-quoting", other);
  const ReuseResult r = FindReuse(c.docs, c.texts, testing::SharedAnalyzer(), ReuseOptions{});
  for (const Reuse& p : r.pairs) ADD_FAILURE() << p.source << " -> " << p.copy << " " << p.relation;
  EXPECT_EQ(r.clusters.size(), 4u);
}

// The plain-text articles of the examples corpus: the copy family 01-04 and two
// independent reports (06, 07) that quote the same officials and give the same figures.
// Only pairs inside the family are reported, and none of them is an excerpt.
TEST(FindReuseTest, ExamplesCorpusHasNoFalseExcerpt) {
  const std::string dir = std::string(SITREP_TEST_DATA) + "/../../examples/";
  const char* files[] = {"01_wire_mosque",    "02_republished_mosque", "03_spun_mosque",
                         "04_scraped_mosque", "06_toll_harbor",        "07_toll_observer"};
  Corpus c;
  for (const char* f : files) {
    const std::string body = testing::ReadFile(dir + f + ".txt");
    ASSERT_FALSE(body.empty()) << f;
    c.Add(f, body);
  }
  const ReuseResult r = FindReuse(c.docs, c.texts, testing::SharedAnalyzer(), ReuseOptions{});
  auto family = [](const std::string& id) { return id < "05"; };
  EXPECT_EQ(r.pairs.size(), 6u);  // every two of 01-04
  for (const Reuse& p : r.pairs) {
    EXPECT_TRUE(family(p.source) && family(p.copy)) << p.source << " -> " << p.copy;
    EXPECT_NE(p.relation, "excerpt") << p.source << " -> " << p.copy;
    // The faithful copies add nothing.
    if (p.copy == "02_republished_mosque" || p.copy == "04_scraped_mosque") {
      EXPECT_TRUE(p.drift.empty())
          << p.source << " -> " << p.copy << ": " << p.drift[0].kind << " " << p.drift[0].copy_text;
    }
  }
}

// A copy that inserts a sentence of its own inside the copied text: its new figure, name
// and quotation are drift of kind "added", with no source text.
TEST(FindReuseTest, FactsTheCopyAddsAreDrift) {
  const std::string wire = Fixture("wire.txt");
  const std::string anchor = "About 4,000 residents";
  std::string copy = wire;
  copy.insert(copy.find(anchor),
              "A hospital in Dorin treated 27 injured people overnight, Doctor Maria Koval said. "
              "\"The wards are full and the generators have no fuel,\" she said.\n\n");
  Corpus c;
  c.Add("wire", wire);
  c.Add("copy", copy);
  const ReuseResult r = FindReuse(c.docs, c.texts, testing::SharedAnalyzer(), ReuseOptions{});
  ASSERT_EQ(r.pairs.size(), 1u);
  std::set<std::string> added;
  for (const Drift& d : r.pairs[0].drift) {
    EXPECT_EQ(d.kind, "added") << d.source_text << " -> " << d.copy_text;
    EXPECT_TRUE(d.source_text.empty());
    EXPECT_TRUE(d.source_context.empty());
    added.insert(d.copy_text);
  }
  EXPECT_EQ(added.count("27"), 1u);
  EXPECT_EQ(added.count("Maria Koval"), 1u) << ::testing::PrintToString(added);
  EXPECT_EQ(added.count("The wards are full and the generators have no fuel,"), 1u)
      << ::testing::PrintToString(added);
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
