#include "report/geojson.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <set>
#include <string>

#include "report/writers_test_fixture.h"

namespace sitrep::report {
namespace {

using nlohmann::json;

json Parse(const std::string& text) {
  json j = json::parse(text, nullptr, /*allow_exceptions=*/false);
  EXPECT_FALSE(j.is_discarded()) << "not valid JSON";
  return j;
}

// The RFC 7946 shape of a Point feature.
void ExpectPointFeature(const json& f) {
  ASSERT_TRUE(f.is_object());
  EXPECT_EQ(f.at("type"), "Feature");
  ASSERT_TRUE(f.at("geometry").is_object());
  EXPECT_EQ(f.at("geometry").at("type"), "Point");
  const json& c = f.at("geometry").at("coordinates");
  ASSERT_TRUE(c.is_array());
  ASSERT_EQ(c.size(), 2u);
  EXPECT_TRUE(c[0].is_number() && c[1].is_number());
  EXPECT_LE(std::abs(c[0].get<double>()), 180);
  EXPECT_LE(std::abs(c[1].get<double>()), 90);
  EXPECT_TRUE(f.at("properties").is_object());
}

TEST(GeoJsonTest, EmptyReportIsAnEmptyCollection) {
  const json j = Parse(WriteGeoJson(Report{}));
  EXPECT_EQ(j.at("type"), "FeatureCollection");
  EXPECT_TRUE(j.at("features").is_array());
  EXPECT_TRUE(j.at("features").empty());
}

TEST(GeoJsonTest, PlacesAndLocatedEvents) {
  const json j = Parse(WriteGeoJson(testing::SampleReport()));
  EXPECT_EQ(j.at("type"), "FeatureCollection");
  std::set<std::string> places, events;
  for (const json& f : j.at("features")) {
    ExpectPointFeature(f);
    const json& p = f.at("properties");
    (p.at("kind") == "place" ? places : events).insert(p.at("id").get<std::string>());
  }
  // e5 has a latitude out of range; ev3 has no location.
  EXPECT_EQ(places, (std::set<std::string>{"e1", "e2"}));
  EXPECT_EQ(events, (std::set<std::string>{"ev1", "ev2"}));
  EXPECT_EQ(j.at("sitrep").at("events_without_location"), 1);
}

TEST(GeoJsonTest, CoordinatesAreLonLatAndPropertiesFilled) {
  const json j = Parse(WriteGeoJson(testing::SampleReport()));
  bool saw_place = false, saw_event = false;
  for (const json& f : j.at("features")) {
    const json& p = f.at("properties");
    if (p.at("id") == "e1") {
      saw_place = true;
      EXPECT_DOUBLE_EQ(f["geometry"]["coordinates"][0].get<double>(), 43.13);
      EXPECT_DOUBLE_EQ(f["geometry"]["coordinates"][1].get<double>(), 36.34);
      EXPECT_EQ(p.at("name"), "Mosul");
      EXPECT_EQ(p.at("country"), "IQ");
      EXPECT_EQ(p.at("geonames_id"), 99072);
      EXPECT_EQ(p.at("documents"), 2);
      EXPECT_EQ(p.at("events"), json::array({"ev1"}));
    }
    if (p.at("id") == "ev1") {
      saw_event = true;
      EXPECT_DOUBLE_EQ(f["geometry"]["coordinates"][0].get<double>(), 43.13);
      EXPECT_EQ(p.at("type"), "Explosions/Remote violence");
      EXPECT_EQ(p.at("date"), "2017-06-21");
      EXPECT_EQ(p.at("location"), "Mosul");
      EXPECT_EQ(p.at("actors"), json::array({"Islamic State", "Iraqi army"}));
      EXPECT_EQ(p.at("fatalities"), 3);
      EXPECT_EQ(p.at("sources"), json::array({"wire", "copy"}));
      EXPECT_EQ(p.at("independent_sources"), 1);
    }
    if (p.at("id") == "ev2") {
      EXPECT_TRUE(p.at("fatalities").is_null());
    }
  }
  EXPECT_TRUE(saw_place);
  EXPECT_TRUE(saw_event);
}

TEST(GeoJsonTest, HostileStringsStayValidJson) {
  Report r = testing::SampleReport();
  const std::vector<std::string> names = {"quote \" backslash \\ newline \n",
                                          "</script><script>x</script>", std::string("nul\0in", 6),
                                          "bad utf8 \xC3\x28 here"};
  for (const std::string& name : names) {
    r.entities[0].name = name;
    const json j = Parse(WriteGeoJson(r));
    bool found = false;
    for (const json& f : j.at("features")) {
      if (f["properties"]["id"] == "e1") {
        found = true;
        if (name.find('\xC3') == std::string::npos) {
          EXPECT_EQ(f["properties"]["name"], name);
        }
      }
    }
    EXPECT_TRUE(found) << name;
  }
}

TEST(GeoJsonTest, NonFiniteCoordinatesAreLeftOut) {
  Report r;
  Entity e;
  e.id = "e1";
  e.name = "nan place";
  e.lat = std::nan("");
  e.lon = 10;
  r.entities.push_back(e);
  e.id = "e2";
  e.lat = 10;
  e.lon = 181;
  r.entities.push_back(e);
  const json j = Parse(WriteGeoJson(r));
  EXPECT_TRUE(j.at("features").empty());
}

}  // namespace
}  // namespace sitrep::report
