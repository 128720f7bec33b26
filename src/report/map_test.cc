#include "report/map.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <regex>
#include <string>

#include "report/html.h"

namespace sitrep::report {
namespace {

// Two unit squares sharing an edge, quantized: arc 0 is the shared edge, arc 1 and 2 the
// rest of each square; the second square uses arc 0 reversed (~0 == -1).
constexpr const char* kQuantized = R"({
  "type": "Topology",
  "transform": {"scale": [0.5, 0.25], "translate": [10, 20]},
  "objects": {"countries": {"type": "GeometryCollection", "geometries": [
    {"type": "Polygon", "id": "001", "properties": {"name": "West"}, "arcs": [[0, 1]]},
    {"type": "MultiPolygon", "id": 2, "properties": {"name": "East"}, "arcs": [[[-1, 2]]]},
    {"type": "Point", "coordinates": [0, 0]}
  ]}},
  "arcs": [
    [[2, 0], [0, 4]],
    [[2, 4], [-2, 0], [0, -4], [2, 0]],
    [[2, 4], [2, 0], [0, -4], [-2, 0]]
  ]
})";

TEST(TopoJsonTest, DecodesQuantizedDeltaArcsAndReversal) {
  Result<std::vector<MapShape>> shapes = LoadTopoJson(kQuantized);
  ASSERT_TRUE(shapes.ok()) << shapes.status().message();
  ASSERT_EQ(shapes->size(), 2u);  // the Point is skipped
  const MapShape& west = (*shapes)[0];
  EXPECT_EQ(west.name, "West");
  EXPECT_EQ(west.id, "001");
  ASSERT_EQ(west.rings.size(), 1u);
  // x = 2 -> 11, y = 0 -> 20; y = 4 -> 21. West spans lon 10..11.
  EXPECT_DOUBLE_EQ(west.min_lon, 10);
  EXPECT_DOUBLE_EQ(west.max_lon, 11);
  EXPECT_DOUBLE_EQ(west.min_lat, 20);
  EXPECT_DOUBLE_EQ(west.max_lat, 21);
  EXPECT_EQ(west.rings[0].size(), 4u);  // closing point dropped, shared ends kept once
  const MapShape& east = (*shapes)[1];
  EXPECT_EQ(east.id, "2");
  EXPECT_DOUBLE_EQ(east.min_lon, 11);
  EXPECT_DOUBLE_EQ(east.max_lon, 12);
  ASSERT_EQ(east.rings.size(), 1u);
  // Reversed arc 0 runs from (11, 21) down to (11, 20).
  EXPECT_DOUBLE_EQ(east.rings[0][0].lon, 11);
  EXPECT_DOUBLE_EQ(east.rings[0][0].lat, 21);
  EXPECT_DOUBLE_EQ(east.rings[0][1].lat, 20);
}

TEST(TopoJsonTest, DecodesUnquantizedArcs) {
  const char* topo = R"({"type": "Topology", "objects": {"countries": {
      "type": "GeometryCollection", "geometries": [
        {"type": "Polygon", "arcs": [[0]], "properties": {"name": "Tri"}}]}},
      "arcs": [[[1.5, 2.5], [3, 2.5], [3, 4], [1.5, 2.5]]]})";
  Result<std::vector<MapShape>> shapes = LoadTopoJson(topo);
  ASSERT_TRUE(shapes.ok()) << shapes.status().message();
  ASSERT_EQ(shapes->size(), 1u);
  EXPECT_EQ((*shapes)[0].rings[0].size(), 3u);
  EXPECT_DOUBLE_EQ((*shapes)[0].max_lat, 4);
}

TEST(TopoJsonTest, MalformedInputIsCorruptNotACrash) {
  const std::vector<std::string> bad = {
      "",
      "not json",
      "[]",
      R"({"type": "FeatureCollection"})",
      R"({"type": "Topology", "objects": {}, "arcs": []})",
      R"({"type": "Topology", "objects": {"countries": {"geometries": [
          {"type": "Polygon", "arcs": [[5]]}]}}, "arcs": []})",
      R"({"type": "Topology", "objects": {"countries": {"geometries": [
          {"type": "Polygon", "arcs": [["x"]]}]}}, "arcs": [[[0, 0]]]})",
      R"({"type": "Topology", "objects": {"countries": {"geometries": 3}}, "arcs": [[[0, "a"]]]})",
  };
  for (const std::string& text : bad) {
    Result<std::vector<MapShape>> shapes = LoadTopoJson(text);
    EXPECT_FALSE(shapes.ok()) << text;
    if (!shapes.ok()) {
      EXPECT_EQ(shapes.status().code(), StatusCode::kCorrupt) << text;
    }
  }
  EXPECT_EQ(LoadTopoJsonFile("/nonexistent/x.json").status().code(), StatusCode::kNotFound);
}

TEST(MapViewTest, FitContainsEveryPointWithMargin) {
  const std::vector<std::vector<LonLat>> cases = {
      {{43.13, 36.34}},
      {{43.13, 36.34}, {39.01, 35.95}},
      {{-77.04, -12.05}, {-70.6, -33.45}},
      {{2.35, 48.86}, {139.69, 35.69}},
      {{-179, 10}, {179, -10}},
      {{0, 84}, {1, -84}},
  };
  for (const auto& points : cases) {
    const MapView v = MapView::Fit(points, 960, 560);
    for (const LonLat& p : points) {
      EXPECT_TRUE(v.Contains(p)) << p.lon << "," << p.lat;
      EXPECT_GE(v.X(p.lon), 0);
      EXPECT_LE(v.X(p.lon), 960);
      EXPECT_GE(v.Y(p.lat), 0);
      EXPECT_LE(v.Y(p.lat), 560);
    }
    EXPECT_GE(v.min_lat(), -85.0 - 1e-9);
    EXPECT_LE(v.max_lat(), 85.0 + 1e-9);
    EXPECT_NEAR(v.X(v.max_lon()), 960, 1e-6);
    EXPECT_NEAR(v.Y(v.min_lat()), 560, 1e-6);
  }
  // A single place gets a regional view, not a point.
  const MapView one = MapView::Fit({{43.13, 36.34}}, 960, 560);
  EXPECT_GT(one.max_lat() - one.min_lat(), 2.9);
  EXPECT_LT(one.max_lat() - one.min_lat(), 10);
}

TEST(MapViewTest, PathDataClampsAndSkipsInvisibleShapes) {
  const MapView v = MapView::Fit({{0, 0}}, 100, 100, 1.0);
  MapShape inside;
  inside.rings = {{{-0.5, -0.5}, {0.5, -0.5}, {0.5, 0.5}, {-0.5, 0.5}}};
  inside.min_lon = inside.min_lat = -0.5;
  inside.max_lon = inside.max_lat = 0.5;
  const std::string d = v.PathData(inside);
  EXPECT_EQ(d.front(), 'M');
  EXPECT_EQ(d.back(), 'Z');
  EXPECT_EQ(std::count(d.begin(), d.end(), 'L'), 3);

  MapShape far;
  far.rings = {{{50, 50}, {51, 50}, {51, 51}}};
  far.min_lon = 50;
  far.max_lon = 51;
  far.min_lat = 50;
  far.max_lat = 51;
  EXPECT_EQ(v.PathData(far), "");

  // A huge shape covering the view is clamped to (about) the view's box.
  MapShape huge;
  huge.rings = {{{-60, -60}, {60, -60}, {60, 60}, {-60, 60}}};
  huge.min_lon = huge.min_lat = -60;
  huge.max_lon = huge.max_lat = 60;
  const std::string h = v.PathData(huge);
  const std::regex number("-?[0-9]+(\\.[0-9])?");
  for (auto it = std::sregex_iterator(h.begin(), h.end(), number); it != std::sregex_iterator();
       ++it) {
    const double x = std::stod(it->str());
    EXPECT_GE(x, -2.0);
    EXPECT_LE(x, 102.0);
  }
}

TEST(TopoJsonTest, InstalledWorldAtlasDecodes) {
  const std::string path = FindMapData();
  if (path.empty()) GTEST_SKIP() << "world-atlas map data not installed (scripts/install-deps.sh)";
  Result<std::vector<MapShape>> shapes = LoadTopoJsonFile(path);
  ASSERT_TRUE(shapes.ok()) << shapes.status().message();
  EXPECT_GT(shapes->size(), 170u);
  const auto iraq = std::find_if(shapes->begin(), shapes->end(),
                                 [](const MapShape& s) { return s.name == "Iraq"; });
  ASSERT_NE(iraq, shapes->end());
  // Mosul lies inside Iraq's bounding box.
  EXPECT_LT(iraq->min_lon, 43.13);
  EXPECT_GT(iraq->max_lon, 43.13);
  EXPECT_LT(iraq->min_lat, 36.34);
  EXPECT_GT(iraq->max_lat, 36.34);
  for (const MapShape& s : *shapes) {
    EXPECT_GE(s.min_lon, -180.0001) << s.name;
    EXPECT_LE(s.max_lon, 180.0001) << s.name;
  }
}

}  // namespace
}  // namespace sitrep::report
