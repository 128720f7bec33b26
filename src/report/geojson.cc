#include "report/geojson.h"

#include <cmath>
#include <nlohmann/json.hpp>
#include <set>
#include <unordered_map>

namespace sitrep::report {
namespace {

using Json = nlohmann::ordered_json;

template <typename T>
Json Opt(const std::optional<T>& v) {
  return v ? Json(*v) : Json(nullptr);
}

bool HasPoint(const Entity& e) {
  return e.lat && e.lon && std::isfinite(*e.lat) && std::isfinite(*e.lon) &&
         std::abs(*e.lat) <= 90 && std::abs(*e.lon) <= 180;
}

Json Point(const Entity& e) {
  return {{"type", "Point"}, {"coordinates", Json::array({*e.lon, *e.lat})}};
}

}  // namespace

std::string WriteGeoJson(const Report& report) {
  std::unordered_map<std::string, const Entity*> entities;
  for (const Entity& e : report.entities) entities.emplace(e.id, &e);
  std::unordered_map<std::string, std::vector<std::string>> events_at;
  for (const Event& ev : report.events) {
    if (ev.location) events_at[*ev.location].push_back(ev.id);
  }

  Json features = Json::array();
  for (const Entity& e : report.entities) {
    if (!HasPoint(e)) continue;
    std::set<std::string> docs;
    for (const Mention& m : e.mentions) docs.insert(m.doc);
    auto at = events_at.find(e.id);
    features.push_back({{"type", "Feature"},
                        {"id", e.id},
                        {"geometry", Point(e)},
                        {"properties",
                         {{"kind", "place"},
                          {"id", e.id},
                          {"name", e.name},
                          {"country", Opt(e.country)},
                          {"geonames_id", Opt(e.geonames_id)},
                          {"documents", docs.size()},
                          {"mentions", e.mentions.size()},
                          {"events", at == events_at.end() ? Json::array() : Json(at->second)}}}});
  }
  size_t unlocated = 0;
  for (const Event& ev : report.events) {
    const Entity* place = nullptr;
    if (ev.location) {
      auto it = entities.find(*ev.location);
      if (it != entities.end() && HasPoint(*it->second)) place = it->second;
    }
    if (!place) {
      ++unlocated;
      continue;
    }
    Json actors = Json::array();
    for (const std::string& a : ev.actors) {
      auto it = entities.find(a);
      actors.push_back(it == entities.end() ? a : it->second->name);
    }
    features.push_back({{"type", "Feature"},
                        {"id", ev.id},
                        {"geometry", Point(*place)},
                        {"properties",
                         {{"kind", "event"},
                          {"id", ev.id},
                          {"type", ev.type},
                          {"subtype", Opt(ev.subtype)},
                          {"date", Opt(ev.date)},
                          {"summary", ev.summary},
                          {"location_id", place->id},
                          {"location", place->name},
                          {"actors", std::move(actors)},
                          {"fatalities", Opt(ev.fatalities)},
                          {"sources", ev.sources},
                          {"independent_sources", ev.independent_sources}}}});
  }
  Json out = {{"type", "FeatureCollection"},
              {"features", std::move(features)},
              {"sitrep", {{"version", report.version}, {"events_without_location", unlocated}}}};
  return out.dump(1, ' ', false, Json::error_handler_t::replace) + "\n";
}

}  // namespace sitrep::report
