#include "reconcile/reconcile.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <random>
#include <set>
#include <tuple>

#include "reconcile/fixture_test_util.h"
#include "reconcile/scenario_test_util.h"
#include "reconcile/sources.h"
#include "reconcile/timex.h"

namespace sitrep::reconcile {
namespace {

using json = nlohmann::json;
using testing::BuildScenario;
using testing::ReportBuilder;

TimeExpr Time(const std::string& doc, size_t start, size_t end, const std::string& value) {
  TimeExpr t;
  t.doc = doc;
  t.start = start;
  t.end = end;
  t.value = value;
  t.type = "date";
  return t;
}

std::string NameOf(const Report& r, const std::string& id) {
  for (const Entity& e : r.entities) {
    if (e.id == id) return e.name;
  }
  return "?" + id;
}

std::set<std::string> AsSet(const std::vector<std::string>& v) { return {v.begin(), v.end()}; }

std::string Describe(const Report& r) {
  std::string out;
  for (const Event& e : r.events) {
    out += "  " + e.id + " " + e.type + "/" + e.subtype.value_or("") + " " + e.date.value_or("-") +
           "(" + e.date_basis.value_or("") + ") @" + (e.location ? NameOf(r, *e.location) : "-") +
           " src=";
    for (const std::string& s : e.sources) out += s + ",";
    out += " ind=" + std::to_string(e.independent_sources) + " : " + e.summary + "\n";
  }
  for (const Contradiction& c : r.contradictions) {
    out += "  contradiction " + c.kind + " " + c.about + ":";
    for (const TextRef& v : c.values) out += " [" + v.doc + "] " + v.text;
    out += "\n";
  }
  return out;
}

void CheckScenario(const std::filesystem::path& path) {
  SCOPED_TRACE(path.filename().string());
  std::ifstream in(path);
  ASSERT_TRUE(in) << path;
  const json s = json::parse(in);
  ReportBuilder b;
  BuildScenario(s, b);
  Reconcile(b.report, b.texts, ReconcileOptions{});
  const Report& r = b.report;
  SCOPED_TRACE("report:\n" + Describe(r));
  const json& x = s["expect"];

  if (x.contains("event_count")) {
    EXPECT_EQ(r.events.size(), x["event_count"].get<size_t>());
  }
  for (const json& want : x.value("events", json::array())) {
    const std::set<std::string> sources = want["sources"].get<std::set<std::string>>();
    const Event* got = nullptr;
    for (const Event& e : r.events) {
      if (e.type != want["type"] || AsSet(e.sources) != sources) continue;
      if (want.contains("location") &&
          (!e.location || NameOf(r, *e.location) != want["location"].get<std::string>())) {
        continue;
      }
      if (want.contains("status") && e.status != want["status"]) continue;
      if (want.contains("date") && e.date.value_or("") != want["date"]) continue;
      got = &e;
    }
    ASSERT_NE(got, nullptr) << "no event " << want.dump();
    if (want.contains("subtype")) {
      EXPECT_EQ(got->subtype.value_or(""), want["subtype"]);
    }
    if (want.contains("date")) {
      EXPECT_EQ(got->date.value_or(""), want["date"]);
    }
    if (want.contains("date_basis")) {
      EXPECT_EQ(got->date_basis.value_or(""), want["date_basis"]);
    }
    if (want.contains("location")) {
      ASSERT_TRUE(got->location.has_value()) << want.dump();
      EXPECT_EQ(NameOf(r, *got->location), want["location"]);
    }
    if (want.contains("fatalities")) {
      ASSERT_TRUE(got->fatalities.has_value()) << want.dump();
      EXPECT_DOUBLE_EQ(*got->fatalities, want["fatalities"].get<double>());
    }
    if (want.contains("actors")) {
      std::vector<std::string> names;
      for (const std::string& a : got->actors) names.push_back(NameOf(r, a));
      EXPECT_EQ(names, want["actors"].get<std::vector<std::string>>());
    }
    if (want.contains("independent_sources")) {
      EXPECT_EQ(got->independent_sources, want["independent_sources"].get<int>()) << want.dump();
    }
    if (want.contains("status")) {
      EXPECT_EQ(got->status, want["status"]) << want.dump();
    }
    if (want.contains("claimants")) {
      std::vector<std::string> names;
      for (const std::string& a : got->claimants) names.push_back(NameOf(r, a));
      EXPECT_EQ(names, want["claimants"].get<std::vector<std::string>>());
    }
    if (want.contains("changed_in_copy")) {
      const json& changes = want["changed_in_copy"];
      ASSERT_EQ(got->changed_in_copy.size(), changes.size()) << want.dump();
      for (size_t k = 0; k < changes.size(); ++k) {
        const CopyChange& c = got->changed_in_copy[k];
        EXPECT_EQ(c.kind, changes[k]["kind"]);
        EXPECT_EQ(c.source_text, changes[k]["source_text"]);
        EXPECT_EQ(c.copy_text, changes[k]["copy_text"]);
        EXPECT_EQ(AsSet(c.docs), changes[k]["docs"].get<std::set<std::string>>());
      }
    }
    if (want.contains("copies")) {  // evidence sentences of copies, and what they copy
      std::set<std::string> copies;
      for (const Evidence& ev : got->evidence) {
        if (ev.copy_of) copies.insert(ev.doc + "<" + *ev.copy_of);
      }
      EXPECT_EQ(copies, want["copies"].get<std::set<std::string>>());
    }
    if (want.contains("summary_starts")) {
      EXPECT_EQ(got->summary.rfind(want["summary_starts"].get<std::string>(), 0), 0u);
    }
    EXPECT_EQ(got->mentions.size() >= got->sources.size(), true);
  }
  // Every event's evidence: one sentence per mention, exact text at its offsets, and words
  // inside their sentence.
  for (const Event& e : r.events) {
    EXPECT_EQ(e.evidence.size(), e.mentions.size()) << e.id;
    for (const Evidence& ev : e.evidence) {
      const Document* d = r.FindDocument(ev.doc);
      ASSERT_NE(d, nullptr);
      ASSERT_LE(ev.end, d->text.size());
      EXPECT_EQ(d->text.substr(ev.start, ev.end - ev.start), ev.text);
      EXPECT_TRUE(std::any_of(ev.words.begin(), ev.words.end(),
                              [](const EvidenceWord& w) { return w.role == "type"; }));
      for (const EvidenceWord& w : ev.words) {
        EXPECT_GE(w.start, ev.start);
        EXPECT_LE(w.end, ev.end);
        EXPECT_EQ(d->text.substr(w.start, w.end - w.start), w.text);
      }
    }
  }

  if (x.contains("contradiction_count")) {
    EXPECT_EQ(r.contradictions.size(), x["contradiction_count"].get<size_t>());
  }
  for (const json& want : x.value("contradictions", json::array())) {
    const std::set<std::string> docs = want["docs"].get<std::set<std::string>>();
    const std::string about = want.value("about_contains", "");
    const Contradiction* got = nullptr;
    for (const Contradiction& c : r.contradictions) {
      std::set<std::string> have;
      for (const TextRef& v : c.values) have.insert(v.doc);
      if (c.kind == want["kind"] && have == docs && c.about.find(about) != std::string::npos) {
        got = &c;
      }
    }
    ASSERT_NE(got, nullptr) << "no contradiction " << want.dump();
    if (want.value("event", false)) {
      EXPECT_TRUE(got->event.has_value());
    }
    for (const json& t : want.value("texts_contain", json::array())) {
      const std::string needle = t;
      const bool found = std::any_of(got->values.begin(), got->values.end(), [&](const TextRef& v) {
        return v.text.find(needle) != std::string::npos;
      });
      EXPECT_TRUE(found) << needle;
    }
  }

  if (x.contains("timeline")) {
    const json& want = x["timeline"];
    ASSERT_EQ(r.timeline.size(), want.size());
    for (size_t i = 0; i < want.size(); ++i) {
      SCOPED_TRACE("timeline[" + std::to_string(i) + "]");
      const TimelineEntry& t = r.timeline[i];
      EXPECT_EQ(t.date, want[i]["date"]);
      EXPECT_EQ(t.precision.value_or(""), want[i]["precision"]);
      EXPECT_EQ(AsSet(t.sources), want[i]["sources"].get<std::set<std::string>>());
      if (want[i].contains("independent_sources")) {
        EXPECT_EQ(t.independent_sources, want[i]["independent_sources"].get<int>());
      }
      EXPECT_FALSE(t.summary.empty());
      ASSERT_EQ(t.events.size(), 1u);
      if (want[i].contains("status")) {
        EXPECT_EQ(t.status, want[i]["status"]);
      }
    }
  }
}

TEST(Reconcile, Scenarios) {
  const std::filesystem::path dir = std::filesystem::path(SITREP_TEST_DATA) / "reconcile";
  size_t n = 0;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    if (entry.path().extension() != ".json") continue;
    CheckScenario(entry.path());
    ++n;
  }
  EXPECT_GE(n, 9u);
}

TEST(Reconcile, EmptyReport) {
  Report r;
  r.events.push_back({});
  r.timeline.push_back({});
  Reconcile(r, {}, ReconcileOptions{});
  EXPECT_TRUE(r.events.empty());
  EXPECT_TRUE(r.contradictions.empty());
  EXPECT_TRUE(r.timeline.empty());
}

TEST(Reconcile, BadSpansAndMissingTextsAreIgnored) {
  ReportBuilder b;
  b.AddDoc("a", "2022-10-28", "Shelling hit Izium on Monday.");
  b.AddDoc("b", "2022-10-28", "Shelling hit Izium on Monday.");
  b.AddEntity("Izium", "place");
  b.Texts();
  b.report.times.push_back(Time("a", 500, 600, "2022-10-24"));
  b.report.times.push_back(Time("nobody", 0, 1, "2022-10-24"));
  Quantity q;
  q.doc = "a";
  q.text = "x";
  q.start = 900;
  q.end = 901;
  q.value = 5;
  q.about = "people killed";
  b.report.quantities.push_back(q);
  b.report.entities[0].mentions.push_back({"a", "Izium", 4000, 4005});
  b.texts.pop_back();  // document b has no analysed text
  Reconcile(b.report, b.texts, ReconcileOptions{});
  ASSERT_EQ(b.report.events.size(), 1u);
  EXPECT_EQ(b.report.events[0].sources, std::vector<std::string>{"a"});
  EXPECT_EQ(b.report.events[0].date_basis, "published");
}

TEST(Reconcile, SummaryIsCutAtAWord) {
  ReportBuilder b;
  std::string text = "Shelling hit Izium";
  for (int i = 0; i < 60; ++i) text += " again and again";
  text += ".";
  b.AddDoc("a", "2022-10-28", text);
  b.Texts();
  ReconcileOptions o;
  o.summary_max_bytes = 60;
  Reconcile(b.report, b.texts, o);
  ASSERT_EQ(b.report.events.size(), 1u);
  const std::string& s = b.report.events[0].summary;
  EXPECT_LE(s.size(), 60u + 3);
  EXPECT_EQ(s.substr(s.size() - 3), "…");
  EXPECT_EQ(s.rfind("Shelling hit Izium again", 0), 0u);
}

// Random corpora: whatever the input, the output keeps its invariants, and does not
// depend on the thread count.
TEST(Reconcile, RandomCorporaKeepInvariants) {
  const char* places[] = {"Izium", "Kupiansk", "Lyman", "Siversk"};
  const char* verbs[] = {"Shelling hit",
                         "Fighting raged in",
                         "Drones struck",
                         "Troops recaptured",
                         "Residents were evacuated from",
                         "Missiles killed 4 people in"};
  std::mt19937 rng(7);
  for (int round = 0; round < 20; ++round) {
    ReportBuilder b;
    const int n = 5 + static_cast<int>(rng() % 30);
    for (int d = 0; d < n; ++d) {
      std::string text;
      for (int s = 0; s < 3; ++s) {
        text += std::string(verbs[rng() % 6]) + " " + places[rng() % 4] + " on day " +
                std::to_string(rng() % 3) + ". ";
      }
      b.AddDoc("d" + std::to_string(d), "2022-10-" + std::to_string(10 + rng() % 3), text);
    }
    for (const char* p : places) b.AddEntity(p, "place");
    for (int d = 0; d < n; ++d) {
      const std::string id = "d" + std::to_string(d);
      const std::string& text = b.report.documents[d].text;
      for (size_t at = text.find("day "); at != std::string::npos; at = text.find("day ", at + 1)) {
        const std::string day = "2022-10-0" + std::to_string(1 + (text[at + 4] - '0'));
        b.report.times.push_back(Time(id, at, at + 5, day));
      }
      if (text.find("4 people") != std::string::npos) {
        b.AddQuantity(id, "4 people", rng() % 2 ? 4 : 9, "people killed");
      }
    }
    for (int c = 0; c + 1 < n; c += 3) {
      b.report.clusters.push_back({"k", {"d" + std::to_string(c), "d" + std::to_string(c + 1)}});
    }
    b.Texts();
    Report one = b.report, many = b.report;
    ReconcileOptions o;
    o.threads = 1;
    Reconcile(one, b.texts, o);
    o.threads = 4;
    Reconcile(many, b.texts, o);
    ASSERT_EQ(one.events.size(), many.events.size());
    for (size_t i = 0; i < one.events.size(); ++i) {
      EXPECT_EQ(one.events[i].summary, many.events[i].summary);
      EXPECT_EQ(one.events[i].sources, many.events[i].sources);
    }
    EXPECT_EQ(one.contradictions.size(), many.contradictions.size());

    SourceClusters clusters(one);
    for (const Event& e : one.events) {
      ASSERT_FALSE(e.sources.empty());
      std::set<size_t> cl;
      for (const std::string& s : e.sources) cl.insert(clusters.ClusterOf(clusters.DocIndex(s)));
      EXPECT_EQ(e.independent_sources, static_cast<int>(cl.size()));
      EXPECT_GE(e.independent_sources, 1);
      EXPECT_EQ(AsSet(e.sources).size(), e.sources.size());
    }
    long last = LONG_MIN;
    for (const TimelineEntry& t : one.timeline) {
      const std::optional<DateSpan> span = ParseTimex(t.date);
      ASSERT_TRUE(span.has_value());
      EXPECT_LE(last, span->first);
      last = span->first;
    }
    for (const Contradiction& c : one.contradictions) {
      EXPECT_GE(c.values.size(), 2u);
      std::set<size_t> cl;
      for (const TextRef& v : c.values) cl.insert(clusters.ClusterOf(clusters.DocIndex(v.doc)));
      if (c.kind == "between-sources") {
        EXPECT_GE(cl.size(), 2u) << c.about;
      }
    }
  }
}

}  // namespace
}  // namespace sitrep::reconcile
