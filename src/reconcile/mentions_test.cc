#include "reconcile/mentions.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "reconcile/events.h"
#include "reconcile/fixture_test_util.h"
#include "reconcile/reconcile.h"
#include "reconcile/scenario_test_util.h"
#include "reconcile/sources.h"

namespace sitrep::reconcile {
namespace {

using testing::BuildScenario;
using testing::ReportBuilder;

// One line per event and per timeline entry with every field the report shows, sorted.
std::vector<std::string> Dump(const Report& r) {
  std::vector<std::string> out;
  for (const TimelineEntry& t : r.timeline) {
    std::string s = "t " + t.date + "|" + t.precision.value_or("") + "|" + t.summary + "|" +
                    t.status + "|" + std::to_string(t.independent_sources) + "|" +
                    std::to_string(t.changed_in_copy.size()) + "|";
    for (const std::string& x : t.events) s += x + ",";
    s += "|";
    for (const std::string& x : t.sources) s += x + ",";
    out.push_back(std::move(s));
  }
  for (const Event& e : r.events) {
    std::string s = e.id + "|" + e.type + "|" + e.subtype.value_or("") + "|" + e.date.value_or("") +
                    "|" + e.date_basis.value_or("") + "|" + e.location.value_or("") + "|" +
                    e.summary + "|" + e.status + "|" +
                    (e.fatalities ? std::to_string(*e.fatalities) : "") + "|" +
                    std::to_string(e.independent_sources) + "|";
    for (const std::string& x : e.sources) s += x + ",";
    s += "|";
    for (const std::string& x : e.actors) s += x + ",";
    s += "|";
    for (const std::string& x : e.claimants) s += x + ",";
    for (const TextRef& m : e.mentions) s += "|m " + m.doc + ":" + m.text;
    for (const Evidence& v : e.evidence) {
      s += "|v " + v.doc + ":" + std::to_string(v.start) + "-" + std::to_string(v.end) + ":" +
           v.copy_of.value_or("") + ":";
      for (const EvidenceWord& w : v.words) s += w.role + "@" + std::to_string(w.start) + ",";
    }
    for (const CopyChange& c : e.changed_in_copy) {
      s += "|c " + c.kind + ":" + c.source_text + ">" + c.copy_text + ":" + c.source_doc + ":";
      for (const std::string& d : c.docs) s += d + ",";
    }
    out.push_back(std::move(s));
  }
  std::sort(out.begin(), out.end());
  return out;
}

// Document ranks and copy clusters as `report` has them.
std::unordered_map<std::string, RecordDocument> DocumentsOf(const Report& report) {
  const SourceClusters clusters(report);
  std::unordered_map<std::string, RecordDocument> out;
  for (size_t d = 0; d < report.documents.size(); ++d) {
    out[report.documents[d].id] = {d, "k" + std::to_string(clusters.ClusterOf(d))};
  }
  return out;
}

// The events of ReconcileMentions over `sets`, group by group, each set shipped through
// its binary form.
Report FromPieces(const std::vector<MentionSet>& pieces,
                  const std::unordered_map<std::string, RecordDocument>& documents) {
  WordCounts counts;
  std::map<std::string, std::vector<MentionSet>> groups;
  for (const MentionSet& piece : pieces) {
    Result<WordCounts> c = DecodeWordCounts(EncodeWordCounts(CountWords(piece)));
    EXPECT_TRUE(c.ok());
    counts.Add(*c);
    for (auto& [group, set] : SplitByGroup(piece)) {
      Result<MentionSet> decoded = DecodeMentions(EncodeMentions(set));
      EXPECT_TRUE(decoded.ok()) << decoded.status().message();
      groups[group].push_back(std::move(*decoded));
    }
  }
  Report all;
  for (const auto& [group, sets] : groups) {
    Report part = ReconcileMentions(sets, counts, documents, ReconcileOptions{});
    for (Event& e : part.events) all.events.push_back(std::move(e));
    for (TimelineEntry& t : part.timeline) all.timeline.push_back(std::move(t));
  }
  return all;
}

// Every scenario: the events of the records, merged group by group, are the events of
// Reconcile over the whole report.
TEST(ReconcileMentions, GivesReconcilesEventsOnEveryScenario) {
  const std::filesystem::path dir = std::filesystem::path(SITREP_TEST_DATA) / "reconcile";
  size_t n = 0, events = 0;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    if (entry.path().extension() != ".json") continue;
    SCOPED_TRACE(entry.path().filename().string());
    std::ifstream in(entry.path());
    ReportBuilder b;
    BuildScenario(testing::json::parse(in), b);
    MentionSet set;
    Reconcile(b.report, b.texts, ReconcileOptions{}, &set);
    EXPECT_EQ(Dump(FromPieces({set}, DocumentsOf(b.report))), Dump(b.report));
    events += b.report.events.size();
    ++n;
  }
  EXPECT_GE(n, 9u);
  EXPECT_GE(events, 20u);
}

// A corpus cut into two pieces: each piece detects its own mentions; their records
// together give the events of the whole corpus, though each piece alone finds only part
// of every event told on both sides. The pieces number their entities otherwise than the
// whole does (the whole's report lists them in reverse), and sentences may name two
// places, so that a mention meets others in two places' buckets: the merge must not
// depend on the entities' order in a report.
TEST(ReconcileMentions, PiecesTogetherGiveTheWholeCorpusEvents) {
  const std::vector<std::string> places = {"Izium",    "Kupiansk", "Lyman",    "Siversk",
                                           "Bakhmut",  "Soledar",  "Avdiivka", "Marinka",
                                           "Vuhledar", "Kreminna", "Svatove",  "Orikhiv"};
  const char* verbs[] = {"Shelling hit", "Fighting raged in", "Drones struck", "Troops recaptured",
                         "Missiles killed 4 people in"};
  std::mt19937 rng(11);
  size_t split_events = 0;
  for (int round = 0; round < 60; ++round) {
    SCOPED_TRACE("round " + std::to_string(round));
    const int n = 6 + static_cast<int>(rng() % 12);
    std::vector<std::pair<std::string, std::string>> docs;  // (published, text)
    for (int d = 0; d < n; ++d) {
      std::string text;
      for (int s = 0; s < 3; ++s) {
        text += std::string(verbs[rng() % 5]) + " " + places[rng() % places.size()];
        if (rng() % 3 == 0) text += " and " + places[rng() % places.size()];
        text += " on day " + std::to_string(rng() % 3) + ". ";
      }
      docs.emplace_back("2022-10-" + std::to_string(10 + rng() % 3), text);
    }
    // Builds the report of documents [from, to) (all ids stay corpus-wide), its entities
    // listed in reverse when `reverse`.
    auto build = [&](ReportBuilder& b, int from, int to, bool reverse = false) {
      for (int d = from; d < to; ++d) {
        b.AddDoc("d" + std::to_string(d), docs[d].first, docs[d].second);
      }
      std::vector<std::string> order = places;
      if (reverse) std::reverse(order.begin(), order.end());
      for (const std::string& p : order) {
        b.AddEntity(p, "place");
        b.report.entities.back().id = "e:" + p;
      }
      for (int d = from; d < to; ++d) {
        const std::string id = "d" + std::to_string(d);
        const std::string& text = docs[d].second;
        for (size_t at = text.find("day "); at != std::string::npos;
             at = text.find("day ", at + 1)) {
          TimeExpr t;
          t.doc = id;
          t.start = at;
          t.end = at + 5;
          t.value = "2022-10-0" + std::to_string(1 + (text[at + 4] - '0'));
          t.type = "date";
          b.report.times.push_back(std::move(t));
        }
        if (text.find("4 people") != std::string::npos) {
          b.AddQuantity(id, "4 people", 4, "people killed");
        }
      }
      b.Texts();
    };
    ReportBuilder whole;
    build(whole, 0, n, /*reverse=*/true);
    Reconcile(whole.report, whole.texts, ReconcileOptions{});

    const int cut = n / 2;
    ReportBuilder a, b;
    build(a, 0, cut);
    build(b, cut, n);
    // Each piece weighs places by the whole corpus's counts, as the job's bins do.
    PlaceCounts counts;
    counts.documents = whole.report.documents.size();
    for (const std::vector<std::string>& keys : PlacesByDocument(whole.report)) {
      for (const std::string& key : keys) ++counts.by_key[key];
    }
    MentionSet sa, sb;
    Reconcile(a.report, a.texts, ReconcileOptions{}, &sa, &counts);
    Reconcile(b.report, b.texts, ReconcileOptions{}, &sb, &counts);
    const Report joined = FromPieces({sb, sa}, DocumentsOf(whole.report));
    ASSERT_EQ(Dump(joined), Dump(whole.report));
    // The check has teeth: the pieces alone tell some event differently.
    if (a.report.events.size() + b.report.events.size() != whole.report.events.size()) {
      ++split_events;
    }
  }
  EXPECT_GE(split_events, 5u);
}

// Two reports of one shelling, reconciled, with their mentions exported to `set`.
void TwoReportsOfOneShelling(ReportBuilder& b, MentionSet& set) {
  b.AddDoc("a", "2022-10-28", "Shelling hit Izium on Monday.");
  b.AddDoc("b", "2022-10-28", "Shelling hit Izium on Monday, officials said.");
  b.AddEntity("Izium", "place");
  b.AddTime("a", "Monday", "2022-10-24");
  b.AddTime("b", "Monday", "2022-10-24");
  b.Texts();
  Reconcile(b.report, b.texts, ReconcileOptions{}, &set);
}

TEST(ReconcileMentions, AMentionFoundByTwoPiecesCountsOnce) {
  ReportBuilder b;
  MentionSet set;
  TwoReportsOfOneShelling(b, set);
  const Report twice = FromPieces({set, set}, DocumentsOf(b.report));
  ASSERT_EQ(twice.events.size(), 1u);
  EXPECT_EQ(twice.events[0].sources, (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(twice.events[0].mentions.size(), 2u);
  EXPECT_EQ(Dump(twice), Dump(b.report));
}

TEST(ReconcileMentions, IndependentSourcesCountTheClustersGiven) {
  ReportBuilder b;
  MentionSet set;
  TwoReportsOfOneShelling(b, set);
  std::unordered_map<std::string, RecordDocument> docs = DocumentsOf(b.report);
  ASSERT_EQ(FromPieces({set}, docs).events.at(0).independent_sources, 2);
  docs["b"].cluster = docs["a"].cluster;  // the job found b to be a copy of a
  EXPECT_EQ(FromPieces({set}, docs).events.at(0).independent_sources, 1);
}

TEST(ReconcileMentions, CopiesGoToTheGroupOfTheMentionTheyCopy) {
  MentionSet set;
  MentionRecord source, copy;
  source.doc = "a";
  source.ordinal = 1;
  source.type = source.group = "Battles";
  copy.doc = "b";
  copy.ordinal = 1;
  copy.type = "Explosions/Remote violence";
  copy.group = "Battles";
  copy.copy_doc = "a";
  copy.copy_ordinal = 1;
  set.mentions = {source, copy};
  const std::map<std::string, MentionSet> groups = SplitByGroup(set);
  ASSERT_EQ(groups.size(), 1u);
  EXPECT_EQ(groups.begin()->second.mentions.size(), 2u);
}

TEST(ReconcileMentions, SplitKeepsOnlyTheEntitiesOfEachGroup) {
  MentionSet set;
  set.entities = {{
                      "g:1",
                      "e1",
                      "Izium",
                      "place",
                      49.2,
                      37.3,
                      "UA",
                      "city",
                  },
                  {"person:x", "e2", "X", "person", {}, {}, {}, {}},
                  {"g:2", "e3", "Lyman", "place", 49.0, 37.8, "UA", "city"}};
  MentionRecord m1, m2;
  m1.doc = "a";
  m1.type = m1.group = "Battles";
  m1.place = 2;
  m1.actors = {1};
  m2.doc = "a";
  m2.ordinal = 2;
  m2.type = m2.group = "Protests";
  m2.place = 0;
  m2.places = {0};
  set.mentions = {m1, m2};
  const std::map<std::string, MentionSet> groups = SplitByGroup(set);
  ASSERT_EQ(groups.size(), 2u);
  const MentionSet& battles = groups.at("Battles");
  ASSERT_EQ(battles.entities.size(), 2u);
  EXPECT_EQ(battles.entities[*battles.mentions[0].place].name, "Lyman");
  EXPECT_EQ(battles.entities[battles.mentions[0].actors[0]].name, "X");
  const MentionSet& protests = groups.at("Protests");
  ASSERT_EQ(protests.entities.size(), 1u);
  EXPECT_EQ(protests.entities[0].name, "Izium");
  EXPECT_EQ(protests.mentions[0].places, std::vector<size_t>{0});
}

TEST(ReconcileMentions, BadBytesAreAnErrorNotACrash) {
  EXPECT_EQ(DecodeMentions("").status().code(), StatusCode::kCorrupt);
  EXPECT_EQ(DecodeMentions("not cbor at all").status().code(), StatusCode::kCorrupt);
  MentionSet set;
  MentionRecord m;
  m.doc = "a";
  m.place = 3;  // no such entity
  set.mentions = {m};
  set.entities.push_back({"g:1", "e1", "Izium", "place", {}, {}, {}, {}});
  const Result<MentionSet> bad = DecodeMentions(EncodeMentions(set));
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().message().find("entity index"), std::string::npos);
  set.mentions[0].place.reset();
  set.mentions[0].date = DateSpan{10, 12, Precision::kDay, "not a date"};
  const Result<MentionSet> bad_date = DecodeMentions(EncodeMentions(set));
  ASSERT_FALSE(bad_date.ok());
  EXPECT_NE(bad_date.status().message().find("not a date"), std::string::npos);
  set.mentions[0].date = DateSpan{10, 12, Precision::kDay, "2023-01-09"};
  EXPECT_TRUE(DecodeMentions(EncodeMentions(set)).ok());
  std::string bytes = EncodeMentions(MentionSet{});
  bytes.pop_back();
  EXPECT_FALSE(DecodeMentions(bytes).ok());
  EXPECT_FALSE(DecodeWordCounts("12345").ok());
  EXPECT_FALSE(DecodeWordCounts(std::string(8 + 15, '\0')).ok());
}

// Random records, as a broken or hostile worker might send them (copy links to nowhere,
// to themselves and in cycles, any status, type and entity): every mention lands in
// exactly one event, and damaged bytes are refused or read, never a crash.
TEST(ReconcileMentions, RandomRecordsKeepInvariants) {
  std::mt19937 rng(5);
  const char* types[] = {"Battles", "Protests", ""};
  const char* statuses[] = {"reported", "claimed", "denied", "background", "odd"};
  for (int round = 0; round < 100; ++round) {
    MentionSet set;
    const size_t n_entities = rng() % 4;
    for (size_t e = 0; e < n_entities; ++e) {
      set.entities.push_back({"k" + std::to_string(rng() % 3), "e" + std::to_string(rng() % 2),
                              "P" + std::to_string(e), "place", 1.0 * e, 2.0, "UA",
                              e % 2 ? "city" : "region"});
    }
    auto some_entity = [&]() { return rng() % n_entities; };
    const size_t n = 1 + rng() % 30;
    std::unordered_map<std::string, RecordDocument> docs;
    for (size_t i = 0; i < n; ++i) {
      MentionRecord m;
      m.doc = "d" + std::to_string(rng() % 6);
      m.published = rng() % 4 ? std::optional<std::string>("2023-01-1" + std::to_string(rng() % 9))
                              : std::nullopt;
      m.ordinal = 1 + rng() % 4;
      m.type = types[rng() % 3];
      m.group = rng() % 5 ? m.type : std::string(types[rng() % 3]);
      m.subtype = "s" + std::to_string(rng() % 2);
      if (rng() % 3) {
        const long day = 19360 + static_cast<long>(rng() % 5);
        m.date = DateSpan{day, day, Precision::kDay, "2023-01-0" + std::to_string(1 + rng() % 9)};
      }
      if (n_entities > 0 && rng() % 2) {
        m.place = some_entity();
        m.place_from_text = rng() % 2;
        m.places = {*m.place, some_entity()};
        m.actors = {some_entity()};
        m.claimants = {some_entity()};
        m.main_place = some_entity();
      }
      if (rng() % 4 == 0) m.fatalities = rng() % 10;
      for (int w = 0; w < 5; ++w) m.words.push_back(rng() % 12);
      std::sort(m.words.begin(), m.words.end());
      m.words.erase(std::unique(m.words.begin(), m.words.end()), m.words.end());
      m.core_words = m.words;
      m.status = statuses[rng() % 5];
      m.evidence.text = "sentence " + std::to_string(i);
      m.evidence.doc = m.doc;
      if (rng() % 3 == 0) {
        m.copy_doc = "d" + std::to_string(rng() % 7);
        m.copy_ordinal = 1 + rng() % 4;
      }
      m.added = rng() % 5 == 0;
      if (rng() % 4 == 0) m.changes.push_back({"number", "3", "4", "d0", {m.doc}, m.evidence.text});
      if (rng() % 4) docs[m.doc] = {rng() % 6, "c" + std::to_string(rng() % 3)};
      set.mentions.push_back(std::move(m));
    }
    WordCounts counts = CountWords(set);
    if (rng() % 2) counts = WordCounts{};  // counts that miss words
    const Report r = ReconcileMentions({set}, counts, docs, ReconcileOptions{});
    std::set<std::pair<std::string, size_t>> unique;
    for (const MentionRecord& m : set.mentions) unique.emplace(m.doc, m.ordinal);
    size_t told = 0;
    for (const Event& e : r.events) {
      told += e.evidence.size();
      EXPECT_FALSE(e.sources.empty());
      EXPECT_GE(e.independent_sources, 1);
      EXPECT_LE(e.independent_sources, static_cast<int>(e.sources.size()));
    }
    EXPECT_EQ(told, unique.size());
    // Damaged bytes.
    std::string bytes = EncodeMentions(set);
    for (int k = 0; k < 20 && !bytes.empty(); ++k) {
      std::string bad = bytes;
      bad[rng() % bad.size()] = static_cast<char>(rng() % 256);
      if (rng() % 2) bad.resize(rng() % bad.size());
      Result<MentionSet> got = DecodeMentions(bad);
      if (got.ok()) ReconcileMentions({*got}, counts, docs, ReconcileOptions{});
    }
  }
}

TEST(ReconcileMentions, WordCountsAddUp) {
  MentionSet set;
  MentionRecord m1, m2;
  m1.words = {1, 2, 3};
  m2.words = {2, 3, 1ULL << 63};
  set.mentions = {m1, m2};
  WordCounts c = CountWords(set);
  c.Add(*DecodeWordCounts(EncodeWordCounts(c)));
  EXPECT_EQ(c.mentions, 4u);
  EXPECT_EQ(c.df.at(1), 2u);
  EXPECT_EQ(c.df.at(2), 4u);
  EXPECT_EQ(c.df.at(1ULL << 63), 2u);
}

}  // namespace
}  // namespace sitrep::reconcile
