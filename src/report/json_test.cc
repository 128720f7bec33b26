#include "report/json.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>
#include <nlohmann/json.hpp>
#include <optional>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#include "report/writers_test_fixture.h"

namespace sitrep::report {
namespace {

Block MakeBlock(BlockRole role, size_t start, size_t end) {
  Block b;
  b.role = role;
  b.start = start;
  b.end = end;
  return b;
}

Report SmallReport() {
  Report r;
  r.version = "0.1.0";
  Document d;
  d.id = "wire";
  d.path = "examples/wire.txt";
  d.text = "Headline\n\nBody one.\n\nSign up now";
  d.title = "Headline";
  d.published = "2017-07-10";
  d.published_basis = "metadata";
  d.blocks = {MakeBlock(BlockRole::kTitle, 0, 8), MakeBlock(BlockRole::kBody, 10, 19),
              MakeBlock(BlockRole::kBoilerplate, 21, 32)};
  r.documents.push_back(d);
  Entity e;
  e.id = "e1";
  e.name = "Mosul";
  e.type = "place";
  e.lat = 36.34;
  e.lon = 43.13;
  e.mentions.push_back({"wire", "Body", 10, 14});
  r.entities.push_back(e);
  Quantity q;
  q.doc = "wire";
  q.text = "one";
  q.start = 15;
  q.end = 18;
  q.value = 1;
  r.quantities.push_back(q);
  r.diagnostics.push_back({Diagnostic::Severity::kError, "bad.bin", "binary file skipped"});
  return r;
}

TEST(JsonTest, EveryTopLevelKeyPresentEvenWhenEmpty) {
  const auto j = nlohmann::json::parse(WriteJson(Report{}));
  for (const char* key : {"documents", "reuse", "entities", "times", "quantities", "claims",
                          "events", "contradictions", "timeline"}) {
    ASSERT_TRUE(j.contains(key)) << key;
    EXPECT_TRUE(j[key].is_array()) << key;
    EXPECT_TRUE(j[key].empty()) << key;
  }
  EXPECT_TRUE(j.contains("sitrep"));
}

TEST(JsonTest, BlocksCarryRoleTextAndOffsets) {
  const Report r = SmallReport();
  const auto j = nlohmann::json::parse(WriteJson(r));
  const auto& blocks = j["documents"][0]["blocks"];
  ASSERT_EQ(blocks.size(), 3u);
  EXPECT_EQ(blocks[0]["role"], "title");
  EXPECT_EQ(blocks[2]["role"], "boilerplate");
  for (const auto& b : blocks) {
    const std::string text = b["text"];
    EXPECT_EQ(
        r.documents[0].text.substr(b["start"], b["end"].get<size_t>() - b["start"].get<size_t>()),
        text);
  }
  EXPECT_EQ(j["documents"][0]["published_basis"], "metadata");
  EXPECT_TRUE(j["documents"][0]["author"].is_null());
}

TEST(JsonTest, OptionalNumbersAreNullOrValues) {
  const auto j = nlohmann::json::parse(WriteJson(SmallReport()));
  EXPECT_DOUBLE_EQ(j["entities"][0]["lat"].get<double>(), 36.34);
  EXPECT_TRUE(j["entities"][0]["geonames_id"].is_null());
  EXPECT_TRUE(j["quantities"][0]["low"].is_null());
  EXPECT_TRUE(j["quantities"][0]["qualifier"].is_null());
  EXPECT_EQ(j["diagnostics"][0]["message"], "binary file skipped");
}

TEST(JsonTest, InvalidUtf8NeverThrows) {
  Report r;
  Document d;
  d.id = "x";
  d.text = "bad \xFF byte";
  d.blocks = {MakeBlock(BlockRole::kBody, 0, d.text.size())};
  r.documents.push_back(d);
  std::string out;
  EXPECT_NO_THROW(out = WriteJson(r));
  EXPECT_TRUE(nlohmann::json::accept(out));
}

TEST(JsonTest, CompactModeIsOneLine) {
  const std::string out = WriteJson(SmallReport(), {.indent = -1});
  EXPECT_EQ(out.find('\n'), out.size() - 1);
}

// The writer as it was before streaming: a DOM of the whole report, dumped by nlohmann.
// With nlohmann::json (keys sorted) it is the reference for keys and values; with
// nlohmann::ordered_json (keys in insertion order, here the writer's contract order) its
// dump is the reference for the exact text.
template <typename Json>
Json Opt(const auto& v) {
  return v ? Json(*v) : Json(nullptr);
}

template <typename Json>
Json ReferenceTextRefs(const std::vector<TextRef>& refs) {
  Json out = Json::array();
  for (const TextRef& r : refs) out.push_back({{"doc", r.doc}, {"text", r.text}});
  return out;
}

template <typename Json>
Json ReferenceChanges(const std::vector<CopyChange>& changes) {
  Json out = Json::array();
  for (const CopyChange& c : changes) {
    out.push_back({{"kind", c.kind},
                   {"source_text", c.source_text},
                   {"copy_text", c.copy_text},
                   {"source_doc", c.source_doc},
                   {"docs", c.docs},
                   {"copy_context", c.copy_context}});
  }
  return out;
}

template <typename Json>
Json ReferenceEvidence(const std::vector<Evidence>& evidence) {
  Json out = Json::array();
  for (const Evidence& ev : evidence) {
    Json words = Json::array();
    for (const EvidenceWord& w : ev.words) {
      words.push_back({{"role", w.role}, {"text", w.text}, {"start", w.start}, {"end", w.end}});
    }
    out.push_back({{"doc", ev.doc},
                   {"text", ev.text},
                   {"start", ev.start},
                   {"end", ev.end},
                   {"copy_of", Opt<Json>(ev.copy_of)},
                   {"words", words}});
  }
  return out;
}

template <typename Json>
Json ReferenceDom(const Report& report) {
  Json out;
  out["sitrep"] = report.version;
  out["contract"] = kContractVersion;
  Json& docs = out["documents"] = Json::array();
  for (const Document& d : report.documents) {
    Json blocks = Json::array();
    for (const Block& b : d.blocks) {
      blocks.push_back({{"role", BlockRoleName(b.role)},
                        {"text", d.Slice(b)},
                        {"start", b.start},
                        {"end", b.end}});
    }
    docs.push_back({{"id", d.id},
                    {"path", d.path},
                    {"format", d.format},
                    {"url", Opt<Json>(d.url)},
                    {"title", Opt<Json>(d.title)},
                    {"published", Opt<Json>(d.published)},
                    {"published_basis", Opt<Json>(d.published_basis)},
                    {"outlet", Opt<Json>(d.outlet)},
                    {"author", Opt<Json>(d.author)},
                    {"language", Opt<Json>(d.language)},
                    {"blocks", std::move(blocks)}});
  }
  Json& reuse = out["reuse"] = Json::array();
  for (const Reuse& r : report.reuse) {
    Json passages = Json::array();
    for (const Passage& p : r.passages) {
      passages.push_back({{"source_text", p.source_text},
                          {"copy_text", p.copy_text},
                          {"similarity", p.similarity},
                          {"source_start", p.source_start},
                          {"source_end", p.source_end},
                          {"copy_start", p.copy_start},
                          {"copy_end", p.copy_end}});
    }
    Json drift = Json::array();
    for (const Drift& d : r.drift) {
      // The contract's twelve kinds; "added" is written as "other" (its detail apart).
      drift.push_back({{"kind", d.kind == "added" ? std::string("other") : d.kind},
                       {"kind_detail", d.kind},
                       {"source_text", d.source_text},
                       {"copy_text", d.copy_text},
                       {"source_context", d.source_context},
                       {"copy_context", d.copy_context}});
    }
    reuse.push_back({{"source", r.source},
                     {"copy", r.copy},
                     {"relation", r.relation == "excerpt" ? std::string("partial") : r.relation},
                     {"relation_detail", r.relation},
                     {"coverage", r.coverage},
                     {"similarity", r.similarity},
                     {"direction_basis", r.direction_basis},
                     {"passages", std::move(passages)},
                     {"drift", std::move(drift)}});
  }
  Json& clusters = out["clusters"] = Json::array();
  for (const CopyCluster& c : report.clusters) clusters.push_back({{"id", c.id}, {"docs", c.docs}});
  Json& entities = out["entities"] = Json::array();
  for (const Entity& e : report.entities) {
    Json mentions = Json::array();
    for (const Mention& m : e.mentions) {
      mentions.push_back({{"doc", m.doc}, {"text", m.text}, {"start", m.start}, {"end", m.end}});
    }
    entities.push_back({{"id", e.id},
                        {"name", e.name},
                        {"type", e.type},
                        {"aliases", e.aliases},
                        {"lat", Opt<Json>(e.lat)},
                        {"lon", Opt<Json>(e.lon)},
                        {"geonames_id", Opt<Json>(e.geonames_id)},
                        {"country", Opt<Json>(e.country)},
                        {"place_kind", Opt<Json>(e.place_kind)},
                        {"mentions", std::move(mentions)}});
  }
  Json& times = out["times"] = Json::array();
  for (const TimeExpr& t : report.times) {
    times.push_back({{"doc", t.doc},
                     {"text", t.text},
                     {"start", t.start},
                     {"end", t.end},
                     {"value", t.value},
                     {"type", t.type},
                     {"qualifier", Opt<Json>(t.qualifier)}});
  }
  Json& quantities = out["quantities"] = Json::array();
  for (const Quantity& q : report.quantities) {
    quantities.push_back({{"doc", q.doc},
                          {"text", q.text},
                          {"start", q.start},
                          {"end", q.end},
                          {"value", q.value},
                          {"low", Opt<Json>(q.low)},
                          {"high", Opt<Json>(q.high)},
                          {"unit", Opt<Json>(q.unit)},
                          {"qualifier", Opt<Json>(q.qualifier)},
                          {"about", Opt<Json>(q.about)},
                          {"rate", Opt<Json>(q.rate)}});
  }
  Json& claims = out["claims"] = Json::array();
  for (const Claim& c : report.claims) {
    claims.push_back({{"id", c.id},
                      {"doc", c.doc},
                      {"speaker", Opt<Json>(c.speaker)},
                      {"speaker_name", Opt<Json>(c.speaker_name)},
                      {"cue", c.cue},
                      {"channel", Opt<Json>(c.channel)},
                      {"text", c.text},
                      {"direct", c.direct},
                      {"start", c.start},
                      {"end", c.end}});
  }
  Json& events = out["events"] = Json::array();
  for (const Event& e : report.events) {
    events.push_back({{"id", e.id},
                      {"type", e.type},
                      {"subtype", Opt<Json>(e.subtype)},
                      {"date", Opt<Json>(e.date)},
                      {"location", Opt<Json>(e.location)},
                      {"summary", e.summary},
                      {"actors", e.actors},
                      {"fatalities", Opt<Json>(e.fatalities)},
                      {"sources", e.sources},
                      {"independent_sources", e.independent_sources},
                      {"mentions", ReferenceTextRefs<Json>(e.mentions)},
                      {"status", e.status},
                      {"claimants", e.claimants},
                      {"evidence", ReferenceEvidence<Json>(e.evidence)},
                      {"changed_in_copy", ReferenceChanges<Json>(e.changed_in_copy)}});
  }
  Json& contradictions = out["contradictions"] = Json::array();
  for (const Contradiction& c : report.contradictions) {
    contradictions.push_back(
        {{"about", c.about}, {"kind", c.kind}, {"values", ReferenceTextRefs<Json>(c.values)}});
  }
  Json& timeline = out["timeline"] = Json::array();
  for (const TimelineEntry& t : report.timeline) {
    timeline.push_back({{"date", t.date},
                        {"precision", Opt<Json>(t.precision)},
                        {"summary", t.summary},
                        {"events", t.events},
                        {"sources", t.sources},
                        {"independent_sources", t.independent_sources},
                        {"status", t.status},
                        {"changed_in_copy", ReferenceChanges<Json>(t.changed_in_copy)}});
  }
  Json& diagnostics = out["diagnostics"] = Json::array();
  for (const Diagnostic& d : report.diagnostics) {
    diagnostics.push_back(
        {{"severity", d.severity == Diagnostic::Severity::kError ? "error" : "warning"},
         {"path", d.path},
         {"message", d.message}});
  }
  return out;
}

// The old writer's exact text, keys in the new writer's order.
std::string ReferenceText(const Report& r, int indent) {
  return ReferenceDom<nlohmann::ordered_json>(r).dump(
             indent, ' ', false, nlohmann::ordered_json::error_handler_t::replace) +
         "\n";
}

// The old writer's output parsed back: its keys and values.
nlohmann::json ReferenceParsed(const Report& r) {
  return nlohmann::json::parse(ReferenceDom<nlohmann::json>(r).dump(
      -1, ' ', false, nlohmann::json::error_handler_t::replace));
}

// Nasty text: quotes, backslashes, every kind of control character, non-ASCII of 2, 3 and 4
// bytes, and invalid UTF-8 (stray byte, truncated sequences, overlong, surrogate, beyond
// U+10FFFF, lone continuation).
constexpr std::string_view kNastyBody =
    "He said \"stop\" \\ C:\\path/x \x01\x02\x1F\x7F tab\there\nline\r\b\f "
    "caf\xC3\xA9 \xE6\x97\xA5\xE6\x9C\xAC \xF0\x9F\x99\x82 bad\xFF \xC3(x) \xE2\x82(y) "
    "\xC0\xAF \xED\xA0\x80 \xF4\x90\x80\x80 \x80\xBF end\xE2\x82";

Report RichReport() {
  Report r;
  r.version = "0.1.0-\"rich\"";

  Document full;
  full.id = "wire";
  full.path = "in/wire \"1\".txt";
  full.format = "txt";
  full.url = "https://example.org/a?b=1&c=\"2\"";
  full.title = "T\xC3\xADtulo \xFF";
  full.published = "2022-10-27";
  full.published_basis = "metadata";
  full.outlet = "Northern\tWire";
  full.author = "A. \\Writer";
  full.language = "en";
  full.text = "Headline\n\n" + std::string(kNastyBody) + "\n\nSign up";
  full.blocks = {MakeBlock(BlockRole::kTitle, 0, 8),
                 MakeBlock(BlockRole::kBody, 10, 10 + kNastyBody.size()),
                 MakeBlock(BlockRole::kBoilerplate, full.text.size() - 7, full.text.size()),
                 // Ends inside the 3-byte "\xE6\x97\xA5": a truncated sequence.
                 MakeBlock(BlockRole::kRepeat, 10 + kNastyBody.find("\xE6\x97\xA5"),
                           11 + kNastyBody.find("\xE6\x97\xA5"))};
  r.documents.push_back(full);
  Document bare;  // every optional unset, no blocks
  bare.id = "bare:2";
  bare.path = "in/feed.jsonl";
  bare.format = "jsonl";
  r.documents.push_back(bare);

  Reuse reuse;
  reuse.source = "wire";
  reuse.copy = "bare:2";
  reuse.relation = "near-duplicate";
  reuse.coverage = 0.1;
  reuse.similarity = 1.0 / 3.0;
  reuse.direction_basis = "published date";
  Passage p;
  p.source_text = std::string(kNastyBody);
  p.copy_text = "copy \"text\"\n";
  p.similarity = 1e-7;
  p.source_start = 10;
  p.source_end = 20;
  p.copy_start = 0;
  p.copy_end = std::numeric_limits<size_t>::max();
  reuse.passages = {p, p};
  Drift drift;
  drift.kind = "date";
  drift.source_text = "Wednesday";
  drift.copy_text = "";
  drift.source_context = "On Wednesday, \"it\" fell.\x01";
  drift.copy_context = "On \xD0\xA7\xD0\xB5 it fell \xFE";
  drift.passage = 1;
  reuse.drift = {drift};
  drift.kind = "added";  // written as the contract's "other", "added" as its detail
  drift.source_text = "";
  drift.copy_text = "12 killed";
  reuse.drift.push_back(drift);
  r.reuse.push_back(reuse);
  Reuse empty_reuse;  // empty passages and drift
  empty_reuse.source = "bare:2";
  empty_reuse.copy = "wire";
  empty_reuse.relation = "excerpt";  // written as the contract's "partial"
  empty_reuse.coverage = 73000;
  empty_reuse.similarity = 3.0;
  empty_reuse.direction_basis = "undetermined";
  r.reuse.push_back(empty_reuse);

  r.clusters.push_back({"k1", {"wire", "bare:2"}});
  r.clusters.push_back({"k2", {}});

  Entity place;
  place.id = "e1";
  place.name = "Mosul \xE2\x80\x94 \"old city\"";
  place.type = "place";
  place.aliases = {"al-Maw\xE1\xB9\xA3il", "Mossoul\xFF", ""};
  place.lat = 36.34;
  place.lon = -43.13;
  place.geonames_id = 9007199254740993LL;  // 2^53 + 1: exact only as an integer
  place.country = "IQ";
  place.place_kind = "city";
  place.mentions = {{"wire", "Mosul", 10, 15}, {"bare:2", "M\\osul\n", 0, 6}};
  r.entities.push_back(place);
  Entity person;  // optionals unset, no aliases, no mentions
  person.id = "e2";
  person.name = "Jane Doe";
  person.type = "person";
  r.entities.push_back(person);
  Entity far;
  far.id = "e3";
  far.name = "Somewhere";
  far.type = "place";
  far.lat = 0.0;
  far.lon = -0.0;
  far.geonames_id = -42;
  r.entities.push_back(far);

  TimeExpr t1;
  t1.doc = "wire";
  t1.text = "Wednesday";
  t1.start = 3;
  t1.end = 12;
  t1.value = "2022-10-26";
  t1.type = "date";
  t1.qualifier = "about";
  r.times.push_back(t1);
  TimeExpr t2 = t1;
  t2.value = "P5M";
  t2.type = "duration";
  t2.qualifier.reset();
  r.times.push_back(t2);

  Quantity q1;
  q1.doc = "wire";
  q1.text = "73,000 \"troops\"";
  q1.start = 1;
  q1.end = 16;
  q1.value = 73000;
  q1.low = 0.1;
  q1.high = 1e-7;
  q1.unit = "km\xC2\xB2";
  q1.qualifier = "more than";
  q1.about = "troops";
  q1.rate = "per day";
  q1.qualifier_text = "over";  // not in the JSON
  q1.converted_value = 2.5;    // not in the JSON
  q1.converted_unit = "mi";    // not in the JSON
  r.quantities.push_back(q1);
  Quantity q2;  // optionals unset
  q2.doc = "bare:2";
  q2.text = "3";
  q2.value = 3.0;
  r.quantities.push_back(q2);
  for (double v : {0.30000000000000004, 1e15, 1e16, 123456789012345680.0, 1e-5, 0.0001, 1e300,
                   5e-324, -2.5e-10, 1e21, 1.7976931348623157e308, 100.0, 0.5}) {
    Quantity q;
    q.doc = "wire";
    q.text = "n";
    q.value = v;
    q.low = -v;
    r.quantities.push_back(q);
  }

  Claim c1;
  c1.id = "c1";
  c1.doc = "wire";
  c1.speaker = "e2";
  c1.speaker_name = "Jane \"JD\" Doe";
  c1.cue = "said";
  c1.channel = "on Telegram";
  c1.text = "\xE2\x80\x9CWe will\xE2\x80\x9D \x1B[0m";
  c1.direct = true;
  c1.start = 5;
  c1.end = 25;
  r.claims.push_back(c1);
  Claim c2;  // optionals unset
  c2.id = "c2";
  c2.doc = "bare:2";
  c2.cue = "according to";
  c2.text = "it is over";
  r.claims.push_back(c2);

  Event ev1;
  ev1.id = "ev1";
  ev1.type = "attack";
  ev1.subtype = "shelling";
  ev1.date = "2022-10-26";
  ev1.date_basis = "text";  // not in the JSON
  ev1.location = "e1";
  ev1.summary = "Shelling of \"Mosul\"";
  ev1.actors = {"e2"};
  ev1.fatalities = 3.0;
  ev1.sources = {"wire", "bare:2"};
  ev1.independent_sources = 1;
  ev1.mentions = {{"wire", "shelled\t"}, {"bare:2", "attack\xFF"}};
  ev1.status = "claimed";
  ev1.claimants = {"e2"};
  Evidence ev;
  ev.doc = "wire";
  ev.text = "shelled\t\"x\"";
  ev.start = 2;
  ev.end = 12;
  ev.words.push_back({"type", "shelled", 2, 9});
  ev1.evidence.push_back(ev);
  ev.doc = "bare:2";
  ev.copy_of = "wire";
  ev.words.clear();
  ev1.evidence.push_back(ev);
  ev1.changed_in_copy.push_back({"date", "Wednesday", "Thursday\x01", "wire", {"bare:2"}, "ctx"});
  r.events.push_back(ev1);
  Event ev2;  // optionals unset, empty lists
  ev2.id = "ev2";
  ev2.type = "other";
  ev2.summary = "";
  r.events.push_back(ev2);

  Contradiction contra = testing::MakeContradiction(
      "fatalities of ev1", "between-sources", {{"wire", "3 killed"}, {"bare:2", "5 \"killed\""}});
  contra.event = "ev1";  // not in the JSON
  r.contradictions.push_back(contra);
  r.contradictions.push_back(testing::MakeContradiction("nothing", "copy-drift", {}));

  r.timeline.push_back(
      testing::MakeEntry("2022-10-26", "day", "Shelling\n", {"ev1"}, {"wire", "bare:2"}, 1));
  r.timeline.back().status = "claimed";
  r.timeline.back().changed_in_copy = ev1.changed_in_copy;
  r.timeline.push_back(testing::MakeEntry("2022", std::nullopt, "", {}, {}, 0));

  r.diagnostics.push_back({Diagnostic::Severity::kError, "bad.bin", "binary file skipped"});
  constexpr char kNul[] = "byte 3: invalid UTF-8 \x7F\x00x";  // a NUL inside
  r.diagnostics.push_back(
      {Diagnostic::Severity::kWarning, "in/\xFFodd.txt", std::string(kNul, sizeof kNul - 1)});
  return r;
}

TEST(JsonTest, SameKeysAndValuesAsTheDomWriterOnRichReport) {
  const Report r = RichReport();
  const nlohmann::json expected = ReferenceParsed(r);
  for (int indent : {-1, 0, 2, 4}) {
    const nlohmann::json got = nlohmann::json::parse(WriteJson(r, {.indent = indent}));
    // Dumps of the parsed values also tell 3 from 3.0, which == does not.
    EXPECT_EQ(got.dump(1), expected.dump(1)) << "indent " << indent;
    EXPECT_EQ(got, expected) << "indent " << indent;
  }
}

TEST(JsonTest, TextIsTheDomWritersTextInContractKeyOrder) {
  for (const Report& r : {RichReport(), SmallReport(), Report{}}) {
    for (int indent : {-1, 0, 1, 2, 4}) {
      EXPECT_EQ(WriteJson(r, {.indent = indent}), ReferenceText(r, indent)) << "indent " << indent;
    }
  }
}

// `sitrep compare --format json` prints one pair with the report's writer: the same object
// as the report's reuse entry, each drifted fact also naming its passage.
TEST(JsonTest, ReusePairAloneIsTheReportEntryPlusPassageIndex) {
  const Report r = RichReport();
  ASSERT_FALSE(r.reuse.empty());
  ASSERT_EQ(r.reuse[0].drift.size(), 2u);
  for (int indent : {-1, 2}) {
    nlohmann::json alone = nlohmann::json::parse(WriteReuseJson(r.reuse[0], {.indent = indent}));
    const nlohmann::json in_report =
        nlohmann::json::parse(WriteJson(r, {.indent = indent}))["reuse"][0];
    for (size_t k = 0; k < 2; ++k) {
      EXPECT_EQ(alone["drift"][k]["passage"], r.reuse[0].drift[k].passage);
      EXPECT_FALSE(in_report["drift"][k].contains("passage"));
      alone["drift"][k].erase("passage");
    }
    EXPECT_EQ(alone, in_report) << "indent " << indent;
  }
}

TEST(JsonTest, RichReportSpotChecks) {
  const Report r = RichReport();
  const std::string out = WriteJson(r, {.indent = -1});
  // Raw text, independent of nlohmann's writer.
  EXPECT_NE(out.find(R"("coverage":0.1,)"), std::string::npos);
  EXPECT_NE(out.find(R"("similarity":1e-07,)"), std::string::npos);
  EXPECT_NE(out.find(R"("coverage":73000.0,)"), std::string::npos);
  EXPECT_NE(out.find(R"("similarity":3.0,)"), std::string::npos);
  EXPECT_NE(out.find(R"("geonames_id":9007199254740993,)"), std::string::npos);
  EXPECT_NE(out.find(R"("copy_end":18446744073709551615})"), std::string::npos);
  EXPECT_NE(out.find(R"(\"stop\" \\ C:\\path/x \u0001\u0002\u001f)"
                     "\x7F"
                     R"( tab\there\nline\r\b\f )"),
            std::string::npos);
  EXPECT_NE(out.find("\"lon\":-0.0,"), std::string::npos);
  EXPECT_NE(out.find(R"("direct":true,)"), std::string::npos);
  EXPECT_NE(out.find(R"("direct":false,)"), std::string::npos);
  EXPECT_NE(out.find(R"("message":"byte 3: invalid UTF-8 )"
                     "\x7F"
                     R"(\u0000x")"),
            std::string::npos);
  // Invalid UTF-8: one U+FFFD per maximal bad subsequence; valid text kept as is.
  EXPECT_NE(out.find("caf\xC3\xA9 \xE6\x97\xA5\xE6\x9C\xAC \xF0\x9F\x99\x82 bad\xEF\xBF\xBD "
                     "\xEF\xBF\xBD(x) \xEF\xBF\xBD(y) \xEF\xBF\xBD\xEF\xBF\xBD "
                     "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD "
                     "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD "
                     "\xEF\xBF\xBD\xEF\xBF\xBD end\xEF\xBF\xBD\""),
            std::string::npos);

  const auto j = nlohmann::json::parse(out);
  EXPECT_EQ(j["sitrep"], "0.1.0-\"rich\"");
  EXPECT_EQ(j["documents"][0]["outlet"], "Northern\tWire");
  EXPECT_EQ(j["documents"][0]["blocks"][3]["text"], "\xEF\xBF\xBD");
  EXPECT_TRUE(j["documents"][1]["url"].is_null());
  EXPECT_TRUE(j["documents"][1]["blocks"].is_array());
  EXPECT_TRUE(j["documents"][1]["blocks"].empty());
  EXPECT_EQ(j["entities"][0]["geonames_id"].get<long long>(), 9007199254740993LL);
  EXPECT_EQ(j["entities"][2]["geonames_id"].get<long long>(), -42);
  EXPECT_TRUE(j["entities"][1]["lat"].is_null());
  EXPECT_TRUE(j["entities"][1]["aliases"].is_array());
  EXPECT_TRUE(j["times"][1]["qualifier"].is_null());
  EXPECT_EQ(j["quantities"][0]["low"].get<double>(), 0.1);
  EXPECT_EQ(j["quantities"][0]["high"].get<double>(), 1e-7);
  EXPECT_TRUE(j["quantities"][0]["value"].is_number_float());
  EXPECT_TRUE(j["quantities"][1]["rate"].is_null());
  EXPECT_FALSE(j["quantities"][0].contains("qualifier_text"));
  EXPECT_FALSE(j["quantities"][0].contains("converted_value"));
  EXPECT_FALSE(j["events"][0].contains("date_basis"));
  EXPECT_FALSE(j["contradictions"][0].contains("event"));
  EXPECT_FALSE(j["reuse"][0]["drift"][0].contains("passage"));
  EXPECT_TRUE(j["events"][1]["fatalities"].is_null());
  EXPECT_EQ(j["events"][0]["fatalities"].get<double>(), 3.0);
  EXPECT_TRUE(j["timeline"][1]["precision"].is_null());
  EXPECT_EQ(j["diagnostics"][1]["severity"], "warning");
}

TEST(JsonTest, RandomBytesEscapeLikeNlohmannReplace) {
  // Bytes drawn to hit every branch: specials, ASCII, continuation and lead bytes of
  // each length, including invalid ones, so that sequences break at every position.
  std::mt19937 rng(7);
  const std::string alphabet =
      std::string("\"\\/\b\f\n\r\t\x01\x1F\x7F aZ0", 16) +
      "\x80\x8F\x90\x9F\xA0\xBF\xC0\xC1\xC2\xDF\xE0\xE1\xEC\xED\xEE\xEF\xF0\xF1\xF3\xF4\xF5\xFF";
  ASSERT_EQ(alphabet[9], '\x1F');
  Report r;
  for (int i = 0; i < 3000; ++i) {
    std::string s(rng() % 12, ' ');
    for (char& c : s) c = alphabet[rng() % alphabet.size()];
    r.diagnostics.push_back({Diagnostic::Severity::kWarning, s, s + "|"});
  }
  for (int indent : {-1, 2}) {
    EXPECT_EQ(WriteJson(r, {.indent = indent}), ReferenceText(r, indent));
  }
}

// The text of a report's only quantity value.
std::string ValueText(double v, bool reference) {
  Report r;
  Quantity q;
  q.value = v;
  r.quantities.push_back(q);
  const std::string out = reference ? ReferenceText(r, -1) : WriteJson(r, {.indent = -1});
  const size_t start = out.find("\"value\":") + 8;
  return out.substr(start, out.find(',', start) - start);
}

// Digit runs as one 'd': "1.25e-07" -> "d.de-d".
std::string Shape(std::string_view number) {
  std::string out;
  for (char c : number) {
    const bool digit = c >= '0' && c <= '9';
    if (!digit || out.empty() || out.back() != 'd') out += digit ? 'd' : c;
  }
  return out;
}

TEST(JsonTest, DoublesPrintLikeNlohmann) {
  const struct {
    double value;
    const char* text;
  } cases[] = {
      {0.1, "0.1"},
      {1e-7, "1e-07"},
      {73000, "73000.0"},
      {3.0, "3.0"},
      {-3.0, "-3.0"},
      {0.0, "0.0"},
      {-0.0, "-0.0"},
      {36.34, "36.34"},
      {1.0 / 3.0, "0.3333333333333333"},
      {0.30000000000000004, "0.30000000000000004"},
      {1e-4, "0.0001"},
      {9.9999e-5, "9.9999e-05"},
      {1.5e-5, "1.5e-05"},
      {123456.789, "123456.789"},
      {1e14, "100000000000000.0"},
      {999999999999999.9, "999999999999999.9"},
      {1e15, "1e+15"},
      {1.5e16, "1.5e+16"},
      {1e100, "1e+100"},
      {2.5e-300, "2.5e-300"},
      {5e-324, "5e-324"},
      {std::numeric_limits<double>::max(), "1.7976931348623157e+308"},
      {std::numeric_limits<double>::min(), "2.2250738585072014e-308"},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(ValueText(c.value, false), c.text);
    EXPECT_EQ(ValueText(c.value, true), c.text);  // nlohmann agrees
  }
}

// nlohmann's Grisu2 sometimes gives a longer or a different last digit than the shortest
// closest form std::to_chars gives ("2.9067284012361584e-06" for ...583e-06): the value is
// the same, so the text may differ there, but never the notation or the value.
TEST(JsonTest, RandomDoublesRoundTripInNlohmannsNotation) {
  std::vector<double> values;
  std::mt19937_64 rng(11);
  for (int i = 0; i < 20000; ++i) {
    const uint64_t bits = rng();
    double v;
    std::memcpy(&v, &bits, sizeof v);
    if (std::isfinite(v)) values.push_back(v);
    // Also values of everyday size, with few and with many digits.
    values.push_back(static_cast<double>(rng() % 2000000) / 1000.0);
    values.push_back(
        std::ldexp(static_cast<double>(rng() % (1ull << 53)), -static_cast<int>(rng() % 80)));
  }
  size_t same_text = 0;
  for (double v : values) {
    const std::string got = ValueText(v, false);
    const std::string want = ValueText(v, true);
    same_text += got == want;
    EXPECT_EQ(Shape(got), Shape(want)) << got << " vs " << want;
    EXPECT_LE(got.size(), want.size()) << got << " vs " << want;
    const auto parsed = nlohmann::json::parse(got);
    ASSERT_TRUE(parsed.is_number_float()) << got;
    const double back = parsed.get<double>();
    ASSERT_EQ(std::memcmp(&back, &v, sizeof v), 0) << got;  // round trip, sign of zero too
  }
  EXPECT_GT(same_text, values.size() * 99 / 100);
}

TEST(JsonTest, NonFiniteDoublesAreNull) {
  Report r;
  Quantity q;
  q.value = std::numeric_limits<double>::quiet_NaN();
  q.low = std::numeric_limits<double>::infinity();
  q.high = -std::numeric_limits<double>::infinity();
  r.quantities.push_back(q);
  const auto j = nlohmann::json::parse(WriteJson(r));
  EXPECT_TRUE(j["quantities"][0]["value"].is_null());
  EXPECT_TRUE(j["quantities"][0]["low"].is_null());
  EXPECT_TRUE(j["quantities"][0]["high"].is_null());
}

TEST(JsonTest, CompactRichReportIsOneLine) {
  const std::string out = WriteJson(RichReport(), {.indent = -1});
  ASSERT_FALSE(out.empty());
  EXPECT_EQ(out.find('\n'), out.size() - 1);
  EXPECT_EQ(out.substr(0, 11), "{\"sitrep\":\"");
  // No whitespace between tokens: only inside strings.
  bool in_string = false;
  for (size_t i = 0; i + 1 < out.size(); ++i) {
    if (in_string) {
      if (out[i] == '\\') {
        ++i;
      } else if (out[i] == '"') {
        in_string = false;
      }
    } else {
      ASSERT_EQ(std::string_view(" \t\r\n").find(out[i]), std::string_view::npos) << i;
      in_string = out[i] == '"';
    }
  }
  EXPECT_FALSE(in_string);
  EXPECT_EQ(nlohmann::json::parse(out), nlohmann::json::parse(WriteJson(RichReport())));
}

TEST(JsonTest, IndentTwoIsValidIndentedJson) {
  const std::string out = WriteJson(RichReport(), {.indent = 2});
  EXPECT_TRUE(nlohmann::json::accept(out));
  ASSERT_GE(out.size(), 2u);
  EXPECT_EQ(out.back(), '\n');
  EXPECT_EQ(out.substr(0, 14), "{\n  \"sitrep\": ");
  EXPECT_EQ(out.substr(out.size() - 4), "]\n}\n");
  size_t lines = 0;
  for (size_t pos = 0; pos < out.size();) {
    const size_t eol = out.find('\n', pos);
    const std::string_view line = std::string_view(out).substr(pos, eol - pos);
    const size_t spaces = line.find_first_not_of(' ');
    ASSERT_NE(spaces, std::string_view::npos) << "blank line " << lines;
    EXPECT_EQ(spaces % 2, 0u) << line;
    pos = eol + 1;
    ++lines;
  }
  EXPECT_GT(lines, 100u);
  EXPECT_NE(out.find("\n      \"blocks\": [\n        {\n          \"role\": \"title\",\n"),
            std::string::npos);
  EXPECT_NE(out.find("\"clusters\": [\n    {\n      \"id\": \"k1\",\n      \"docs\": [\n"
                     "        \"wire\",\n        \"bare:2\"\n      ]\n    },\n"
                     "    {\n      \"id\": \"k2\",\n      \"docs\": []\n    }\n  ],\n"),
            std::string::npos);
}

}  // namespace
}  // namespace sitrep::report

namespace sitrep::report {
namespace {

// A WARC page's crawl date is "inferred" for the contract, with the finer basis beside it.
TEST(JsonContractTest, FetchedDateIsInferredWithDetail) {
  Report r;
  Document d;
  d.id = "w:1";
  d.text = "Body.";
  d.published = "2024-05-01";
  d.published_basis = "fetched";
  r.documents.push_back(d);
  const auto j = nlohmann::json::parse(WriteJson(r));
  EXPECT_EQ(j["documents"][0]["published_basis"], "inferred");
  EXPECT_EQ(j["documents"][0]["published_basis_detail"], "fetched");
}

// Reading back (ReadReuseJson): the pairs of a written report, written again, are the same
// JSON; the finer relation and drift kind come back from their detail fields.
TEST(JsonReadTest, ReusePairsReadBackAreWrittenTheSame) {
  for (int indent : {-1, 2}) {
    const Report r = RichReport();
    const nlohmann::json written = nlohmann::json::parse(WriteJson(r, {.indent = indent}));
    const Result<std::vector<Reuse>> read = ReadReuseJson(written["reuse"].dump());
    ASSERT_TRUE(read.ok()) << read.status().ToString();
    ASSERT_EQ(read->size(), r.reuse.size());
    EXPECT_EQ((*read)[1].relation, "excerpt");
    EXPECT_EQ((*read)[0].drift[1].kind, "added");
    EXPECT_EQ((*read)[0].passages[0].copy_end, r.reuse[0].passages[0].copy_end);
    EXPECT_EQ((*read)[0].passages[1].source_start, 10u);
    EXPECT_EQ((*read)[0].drift[0].passage, -1);  // the report does not write it
    Report again;
    again.reuse = *read;
    EXPECT_EQ(nlohmann::json::parse(WriteJson(again))["reuse"], written["reuse"]);
  }
}

// `sitrep compare --format json` objects name each fact's passage; it is read back too.
TEST(JsonReadTest, ComparePairsKeepTheirPassageIndex) {
  const Report r = RichReport();
  const std::string array =
      "[" + WriteReuseJson(r.reuse[0]) + "," + WriteReuseJson(r.reuse[1]) + "]";
  const Result<std::vector<Reuse>> read = ReadReuseJson(array);
  ASSERT_TRUE(read.ok()) << read.status().ToString();
  ASSERT_EQ(read->size(), 2u);
  EXPECT_EQ((*read)[0].drift[0].passage, 1);
  EXPECT_EQ((*read)[0].source, "wire");
  EXPECT_EQ((*read)[0].copy, "bare:2");
  EXPECT_DOUBLE_EQ((*read)[0].similarity, 1.0 / 3.0);
  EXPECT_TRUE((*read)[1].passages.empty());
  EXPECT_TRUE((*read)[1].drift.empty());
}

// A plain-contract pair (no detail fields, no byte ranges) reads with the contract's values.
TEST(JsonReadTest, ContractFieldsAloneAreEnough) {
  const Result<std::vector<Reuse>> read = ReadReuseJson(
      R"([{"source":"a","copy":"b","relation":"rewrite","coverage":0.5,"similarity":0.7,)"
      R"("passages":[{"source_text":"x","copy_text":"y","similarity":0.9}],)"
      R"("drift":[{"kind":"number","source_text":"12","copy_text":"21",)"
      R"("source_context":"12 died.","copy_context":"21 died."}]}])");
  ASSERT_TRUE(read.ok()) << read.status().ToString();
  ASSERT_EQ(read->size(), 1u);
  const Reuse& x = (*read)[0];
  EXPECT_EQ(x.relation, "rewrite");
  EXPECT_EQ(x.direction_basis, "");
  EXPECT_EQ(x.passages[0].copy_end, 0u);
  EXPECT_EQ(x.drift[0].kind, "number");
  EXPECT_EQ(x.drift[0].copy_context, "21 died.");
}

TEST(JsonReadTest, WhatIsNotReusePairsIsAnErrorNamingTheEntry) {
  EXPECT_FALSE(ReadReuseJson("[{").ok());
  EXPECT_FALSE(ReadReuseJson(R"({"source":"a"})").ok());  // not an array
  const Result<std::vector<Reuse>> bad =
      ReadReuseJson(R"([{"source":"a","copy":"b","relation":"rewrite"},{"source":"a"}])");
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().message().find("entry 1"), std::string::npos) << bad.status().ToString();
  const Result<std::vector<Reuse>> typed = ReadReuseJson(
      R"([{"source":"a","copy":"b","relation":"rewrite","passages":[{"source_start":-3}]}])");
  ASSERT_FALSE(typed.ok());
  EXPECT_NE(typed.status().message().find("entry 0"), std::string::npos);
  EXPECT_FALSE(ReadReuseJson("[3]").ok());
  const Result<std::vector<Reuse>> empty = ReadReuseJson("[]");
  ASSERT_TRUE(empty.ok());
  EXPECT_TRUE(empty->empty());
}

}  // namespace
}  // namespace sitrep::report
