// Test helper: builds the report a reconcile scenario file describes (documents,
// entities, times, quantities, claims, clusters, reuse pairs with passages and drift; see
// tests/data/reconcile/README.md) with ReportBuilder.
//
// Tests only. Not thread-safe.
#ifndef SITREP_RECONCILE_SCENARIO_TEST_UTIL_H_
#define SITREP_RECONCILE_SCENARIO_TEST_UTIL_H_

#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <tuple>

#include "reconcile/fixture_test_util.h"

namespace sitrep::reconcile::testing {

using json = nlohmann::json;

inline std::optional<std::string> OptString(const json& j, const char* key) {
  if (!j.contains(key) || j[key].is_null()) return std::nullopt;
  return j[key].get<std::string>();
}

// Builds the report a scenario file describes (see tests/data/reconcile/README.md).
inline void BuildScenario(const json& s, ReportBuilder& b) {
  for (const json& d : s["docs"]) {
    b.AddDoc(d["id"], OptString(d, "published"), d["text"]);
  }
  std::map<std::string, std::string> id_of;
  for (const json& e : s.value("entities", json::array())) {
    id_of[e["name"]] = b.AddEntity(e["name"], e["type"]);
    Entity& added = b.report.entities.back();
    if (e.contains("country")) added.country = e["country"].get<std::string>();
    if (e.contains("place_kind")) added.place_kind = e["place_kind"].get<std::string>();
    if (e.contains("lat")) added.lat = e["lat"].get<double>();
    if (e.contains("lon")) added.lon = e["lon"].get<double>();
  }
  for (const json& t : s.value("times", json::array())) {
    b.AddTime(t["doc"], t["text"], t["value"], t.value("type", "date"), t.value("occurrence", 1));
  }
  for (const json& q : s.value("quantities", json::array())) {
    b.AddQuantity(q["doc"], q["text"], q["value"], OptString(q, "about"), OptString(q, "qualifier"),
                  q.value("occurrence", 1));
    if (q.contains("low")) b.report.quantities.back().low = q["low"].get<double>();
    if (q.contains("high")) b.report.quantities.back().high = q["high"].get<double>();
  }
  for (const json& c : s.value("claims", json::array())) {
    b.AddClaim(c["doc"], c["text"], id_of[c["speaker"]]);
  }
  int k = 0;
  for (const json& c : s.value("clusters", json::array())) {
    b.report.clusters.push_back({"k" + std::to_string(++k), c.get<std::vector<std::string>>()});
  }
  for (const json& r : s.value("reuse", json::array())) {
    Reuse u;
    u.source = r["source"];
    u.copy = r["copy"];
    u.relation = "rewrite";
    // Aligned passages, located by their text in each document.
    for (const json& a : r.value("passages", json::array())) {
      Passage p;
      p.source_text = a["source_text"];
      p.copy_text = a["copy_text"];
      std::tie(p.source_start, p.source_end) = b.Locate(u.source, p.source_text);
      std::tie(p.copy_start, p.copy_end) = b.Locate(u.copy, p.copy_text);
      u.passages.push_back(std::move(p));
    }
    for (const json& d : r.value("drift", json::array())) {
      Drift drift;
      drift.kind = d["kind"];
      drift.source_text = d["source_text"];
      drift.copy_text = d["copy_text"];
      drift.source_context = d["source_context"];
      drift.copy_context = d["copy_context"];
      u.drift.push_back(std::move(drift));
    }
    b.report.reuse.push_back(std::move(u));
  }
  b.Texts();
}

}  // namespace sitrep::reconcile::testing

#endif  // SITREP_RECONCILE_SCENARIO_TEST_UTIL_H_
