// A small hand-made Report for the HTML, CSV and GeoJSON writer tests: one copy family
// (a wire story and a spun copy with a changed weekday), two independent documents, two
// places with coordinates, events, a timeline given out of order, a disagreement
// between sources, and junk blocks. Test-only.
#ifndef SITREP_REPORT_WRITERS_TEST_FIXTURE_H_
#define SITREP_REPORT_WRITERS_TEST_FIXTURE_H_

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "sitrep/report.h"

namespace sitrep::report::testing {

// Appends `text` as a block of `role` to the document, separated by a blank line.
inline void AddBlock(Document& d, BlockRole role, std::string_view text) {
  if (!d.text.empty()) d.text += "\n\n";
  Block b;
  b.role = role;
  b.start = d.text.size();
  d.text += text;
  b.end = d.text.size();
  d.blocks.push_back(b);
}

// Builders that name their fields, so that fields added to report.h do not break them.
inline Drift MakeDrift(std::string kind, std::string source_text, std::string copy_text,
                       std::string source_context = "", std::string copy_context = "") {
  Drift d;
  d.kind = std::move(kind);
  d.source_text = std::move(source_text);
  d.copy_text = std::move(copy_text);
  d.source_context = std::move(source_context);
  d.copy_context = std::move(copy_context);
  return d;
}

inline Contradiction MakeContradiction(std::string about, std::string kind,
                                       std::vector<TextRef> values) {
  Contradiction c;
  c.about = std::move(about);
  c.kind = std::move(kind);
  c.values = std::move(values);
  return c;
}

inline TimelineEntry MakeEntry(std::string date, std::optional<std::string> precision,
                               std::string summary, std::vector<std::string> events,
                               std::vector<std::string> sources, int independent) {
  TimelineEntry t;
  t.date = std::move(date);
  t.precision = std::move(precision);
  t.summary = std::move(summary);
  t.events = std::move(events);
  t.sources = std::move(sources);
  t.independent_sources = independent;
  return t;
}

inline Report SampleReport() {
  Report r;
  r.version = "0.1.0-test";
  Document wire;
  wire.id = "wire";
  wire.path = "in/wire.txt";
  wire.format = "txt";
  wire.title = "Old mosque destroyed in the city";
  wire.outlet = "Northern Wire";
  wire.published = "2017-06-22";
  AddBlock(wire, BlockRole::kTitle, "Old mosque destroyed in the city");
  AddBlock(wire, BlockRole::kBody, "The mosque was blown up on Wednesday night, officials said.");
  AddBlock(wire, BlockRole::kBody, "The minaret had stood for centuries.");
  AddBlock(wire, BlockRole::kBoilerplate, "Sign up for our newsletter");
  AddBlock(wire, BlockRole::kCaption, "The minaret in 2015. Photo: Agency");

  Document copy;
  copy.id = "copy";
  copy.path = "in/copy.txt";
  copy.format = "txt";
  copy.title = "Historic mosque ruined in the city";
  copy.outlet = "Spin Daily";
  AddBlock(copy, BlockRole::kTitle, "Historic mosque ruined in the city");
  AddBlock(copy, BlockRole::kBody,
           "The mosque was demolished on Thursday night, authorities stated.");
  AddBlock(copy, BlockRole::kRepeat,
           "The mosque was demolished on Thursday night, authorities stated.");

  Document indep;
  indep.id = "indep";
  indep.path = "in/indep.html";
  indep.format = "html";
  indep.title = "Toll of the battle";
  indep.outlet = "Harbor Post";
  indep.published = "2017-12-21";
  AddBlock(indep, BlockRole::kBody,
           "Between 9,000 and 11,000 civilians were killed, an investigation found.");

  Document observer;
  observer.id = "observer";
  observer.path = "in/observer.txt";
  observer.format = "txt";
  observer.outlet = "Capital Observer";
  AddBlock(observer, BlockRole::kBody, "Officials gave 1,260 civilian deaths.");

  r.documents = {wire, copy, indep, observer};
  r.clusters.push_back({"k1", {"wire", "copy"}});

  Reuse u;
  u.source = "wire";
  u.copy = "copy";
  u.relation = "rewrite";
  u.coverage = 0.8;
  u.similarity = 0.6;
  u.direction_basis = "published date";
  u.drift.push_back(MakeDrift("date", "Wednesday", "Thursday",
                              "The mosque was blown up on Wednesday night, officials said.",
                              "The mosque was demolished on Thursday night, authorities stated."));
  r.reuse.push_back(u);

  Entity mosul;
  mosul.id = "e1";
  mosul.name = "Mosul";
  mosul.type = "place";
  mosul.lat = 36.34;
  mosul.lon = 43.13;
  mosul.country = "IQ";
  mosul.geonames_id = 99072;
  mosul.mentions = {{"wire", "city", 0, 0}, {"indep", "city", 0, 0}};
  Entity raqqa;
  raqqa.id = "e2";
  raqqa.name = "Raqqa";
  raqqa.type = "place";
  raqqa.lat = 35.95;
  raqqa.lon = 39.01;
  raqqa.country = "SY";
  Entity army;
  army.id = "e3";
  army.name = "Iraqi army";
  army.type = "organization";
  Entity group;
  group.id = "e4";
  group.name = "Islamic State";
  group.type = "group";
  Entity nowhere;  // coordinates out of range: never drawn or exported
  nowhere.id = "e5";
  nowhere.name = "Bad place";
  nowhere.type = "place";
  nowhere.lat = 123.0;
  nowhere.lon = 10.0;
  r.entities = {mosul, raqqa, army, group, nowhere};

  Event ev1;
  ev1.id = "ev1";
  ev1.type = "Explosions/Remote violence";
  ev1.subtype = "Remote explosive";
  ev1.date = "2017-06-21";
  ev1.location = "e1";
  ev1.summary = "Mosque blown up";
  ev1.actors = {"e4", "e3"};
  ev1.fatalities = 3;
  ev1.sources = {"wire", "copy"};
  ev1.independent_sources = 1;
  ev1.mentions = {{"wire", "The mosque was blown up"}};
  Event ev2;
  ev2.id = "ev2";
  ev2.type = "Battles";
  ev2.subtype = "Armed clash";
  ev2.date = "2017-06";
  ev2.location = "e2";
  ev2.summary = "Fighting in Raqqa";
  ev2.sources = {"indep"};
  ev2.independent_sources = 1;
  Event ev3;
  ev3.id = "ev3";
  ev3.type = "Strategic developments";
  ev3.summary = "Victory declared";
  ev3.sources = {"indep"};
  ev3.independent_sources = 1;
  r.events = {ev1, ev2, ev3};

  r.timeline = {
      MakeEntry("2017-07-10", "day", "Victory declared", {"ev3"}, {"indep"}, 1),
      MakeEntry("2016-10-17", "day", "Offensive begins", {}, {"wire", "indep"}, 2),
      MakeEntry("2017-06-21", "day", "Mosque blown up", {"ev1"}, {"wire", "copy"}, 1),
      MakeEntry("2017-W25", "week", "Week of heavy fighting", {}, {"indep"}, 1),
  };
  r.contradictions.push_back(
      MakeContradiction("civilians killed", "between-sources",
                        {{"indep", "Between 9,000 and 11,000 civilians were killed"},
                         {"observer", "1,260 civilian deaths"}}));
  r.contradictions.push_back(MakeContradiction("weekday of the demolition", "copy-drift",
                                               {{"wire", "Wednesday"}, {"copy", "Thursday"}}));
  Quantity q1;
  q1.doc = "indep";
  q1.text = "Between 9,000 and 11,000 civilians";
  q1.value = 10000;
  q1.low = 9000;
  q1.high = 11000;
  q1.about = "civilians killed";
  Quantity q2;
  q2.doc = "observer";
  q2.text = "1,260 civilian deaths";
  q2.value = 1260;
  q2.about = "civilians killed";
  r.quantities = {q1, q2};
  Diagnostic diag;
  diag.severity = Diagnostic::Severity::kWarning;
  diag.path = "in/bad.txt";
  diag.message = "invalid UTF-8 repaired";
  r.diagnostics.push_back(diag);
  return r;
}

}  // namespace sitrep::report::testing

#endif  // SITREP_REPORT_WRITERS_TEST_FIXTURE_H_
