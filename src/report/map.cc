#include "report/map.h"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <iterator>
#include <nlohmann/json.hpp>
#include <sstream>

namespace sitrep::report {
namespace {

using nlohmann::json;

constexpr double kPi = 3.14159265358979323846;

// Decodes every arc of the topology into absolute lon/lat points.
std::vector<std::vector<LonLat>> DecodeArcs(const json& topo) {
  double sx = 1, sy = 1, tx = 0, ty = 0;
  bool quantized = false;
  if (auto t = topo.find("transform"); t != topo.end() && t->is_object()) {
    const json& scale = t->at("scale");
    const json& translate = t->at("translate");
    sx = scale.at(0).get<double>();
    sy = scale.at(1).get<double>();
    tx = translate.at(0).get<double>();
    ty = translate.at(1).get<double>();
    quantized = true;
  }
  std::vector<std::vector<LonLat>> arcs;
  const json& in = topo.at("arcs");
  arcs.reserve(in.size());
  for (const json& arc : in) {
    std::vector<LonLat> points;
    points.reserve(arc.size());
    double x = 0, y = 0;
    for (const json& p : arc) {
      if (quantized) {  // delta-encoded integers
        x += p.at(0).get<double>();
        y += p.at(1).get<double>();
        points.push_back({x * sx + tx, y * sy + ty});
      } else {
        points.push_back({p.at(0).get<double>(), p.at(1).get<double>()});
      }
    }
    arcs.push_back(std::move(points));
  }
  return arcs;
}

// Joins the arcs of one ring; a negative index ~i means arc i reversed. Consecutive arcs
// share their end point, which is kept once.
std::vector<LonLat> StitchRing(const json& ring, const std::vector<std::vector<LonLat>>& arcs) {
  std::vector<LonLat> out;
  for (const json& a : ring) {
    const long long index = a.get<long long>();
    const size_t i = static_cast<size_t>(index >= 0 ? index : ~index);
    if (i >= arcs.size()) throw std::out_of_range("arc index out of range");
    const std::vector<LonLat>& arc = arcs[i];
    const size_t skip = out.empty() ? 0 : 1;
    if (index >= 0) {
      out.insert(out.end(), arc.begin() + std::min(skip, arc.size()), arc.end());
    } else {
      out.insert(out.end(), arc.rbegin() + std::min(skip, arc.size()), arc.rend());
    }
  }
  if (out.size() > 1 && out.front().lon == out.back().lon && out.front().lat == out.back().lat) {
    out.pop_back();
  }
  return out;
}

void AddPolygon(const json& polygon, const std::vector<std::vector<LonLat>>& arcs,
                MapShape& shape) {
  for (const json& ring : polygon) {
    std::vector<LonLat> points = StitchRing(ring, arcs);
    if (points.size() >= 3) shape.rings.push_back(std::move(points));
  }
}

void AppendCoordinate(std::string& out, long v) {  // v in tenths of a pixel
  if (v < 0) {
    out += '-';
    v = -v;
  }
  out += std::to_string(v / 10);
  if (v % 10) {
    out += '.';
    out += static_cast<char>('0' + v % 10);
  }
}

}  // namespace

Result<std::vector<MapShape>> LoadTopoJson(std::string_view json_text, std::string_view object) {
  json topo = json::parse(json_text, nullptr, /*allow_exceptions=*/false);
  if (topo.is_discarded() || !topo.is_object()) {
    return Status::Corrupt("map data: not valid JSON");
  }
  try {
    if (topo.value("type", "") != "Topology")
      return Status::Corrupt("map data: not a TopoJSON Topology");
    const json& objects = topo.at("objects");
    auto obj = objects.find(std::string(object));
    if (obj == objects.end()) {
      return Status::Corrupt("map data: no object named \"" + std::string(object) + "\"");
    }
    const std::vector<std::vector<LonLat>> arcs = DecodeArcs(topo);
    std::vector<MapShape> shapes;
    const json& geometries = obj->at("geometries");
    for (const json& g : geometries) {
      MapShape shape;
      if (auto id = g.find("id"); id != g.end()) {
        shape.id = id->is_string() ? id->get<std::string>() : id->dump();
      }
      if (auto p = g.find("properties"); p != g.end() && p->is_object()) {
        if (auto n = p->find("name"); n != p->end() && n->is_string()) shape.name = *n;
      }
      const std::string type = g.value("type", "");
      if (type == "Polygon") {
        AddPolygon(g.at("arcs"), arcs, shape);
      } else if (type == "MultiPolygon") {
        for (const json& polygon : g.at("arcs")) AddPolygon(polygon, arcs, shape);
      }
      if (shape.rings.empty()) continue;
      shape.min_lon = shape.min_lat = 1e9;
      shape.max_lon = shape.max_lat = -1e9;
      for (const auto& ring : shape.rings) {
        for (const LonLat& p : ring) {
          shape.min_lon = std::min(shape.min_lon, p.lon);
          shape.max_lon = std::max(shape.max_lon, p.lon);
          shape.min_lat = std::min(shape.min_lat, p.lat);
          shape.max_lat = std::max(shape.max_lat, p.lat);
        }
      }
      shapes.push_back(std::move(shape));
    }
    return shapes;
  } catch (const std::exception& e) {
    return Status::Corrupt(std::string("map data: malformed TopoJSON: ") + e.what());
  }
}

Result<std::vector<MapShape>> LoadTopoJsonFile(const std::string& path, std::string_view object) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::NotFound(path + ": cannot open map data");
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  Result<std::vector<MapShape>> shapes = LoadTopoJson(text, object);
  if (!shapes.ok()) return Status(shapes.status().code(), path + ": " + shapes.status().message());
  return shapes;
}

MapView MapView::Fit(const std::vector<LonLat>& points, double width, double height,
                     double min_margin_deg) {
  MapView v;
  v.width_ = width;
  v.height_ = height;
  double lo_lon = -170, hi_lon = 170, lo_lat = -55, hi_lat = 80;
  bool any = false;
  for (const LonLat& p : points) {
    if (!std::isfinite(p.lon) || !std::isfinite(p.lat)) continue;
    if (!any) {
      lo_lon = hi_lon = p.lon;
      lo_lat = hi_lat = p.lat;
      any = true;
    }
    lo_lon = std::min(lo_lon, p.lon);
    hi_lon = std::max(hi_lon, p.lon);
    lo_lat = std::min(lo_lat, p.lat);
    hi_lat = std::max(hi_lat, p.lat);
  }
  if (any) {
    const double margin_lon = std::max(min_margin_deg, 0.2 * (hi_lon - lo_lon));
    const double margin_lat = std::max(min_margin_deg, 0.2 * (hi_lat - lo_lat));
    lo_lon -= margin_lon;
    hi_lon += margin_lon;
    lo_lat -= margin_lat;
    hi_lat += margin_lat;
  }
  lo_lat = std::max(lo_lat, -85.0);
  hi_lat = std::min(hi_lat, 85.0);
  const double kx = std::max(0.2, std::cos((lo_lat + hi_lat) / 2 * kPi / 180));
  double span_lon = hi_lon - lo_lon, span_lat = hi_lat - lo_lat;
  const double aspect = width / height;
  if (span_lon * kx / span_lat < aspect) {
    const double grow = span_lat * aspect / kx - span_lon;
    lo_lon -= grow / 2;
    hi_lon += grow / 2;
  } else {
    const double grow = span_lon * kx / aspect - span_lat;
    lo_lat -= grow / 2;
    hi_lat += grow / 2;
    if (lo_lat < -85) {  // shift back inside the drawable latitudes
      hi_lat += -85 - lo_lat;
      lo_lat = -85;
    }
    if (hi_lat > 85) {
      lo_lat -= hi_lat - 85;
      hi_lat = 85;
    }
    // A view wider than the world's drawable latitudes can fill: stretch it instead.
    lo_lat = std::max(lo_lat, -85.0);
  }
  if (hi_lon - lo_lon > 360) {
    lo_lon = std::max(lo_lon, -180.0);
    hi_lon = std::min(hi_lon, 180.0);
  }
  span_lon = hi_lon - lo_lon;
  span_lat = hi_lat - lo_lat;
  v.min_lon_ = lo_lon;
  v.max_lon_ = hi_lon;
  v.min_lat_ = lo_lat;
  v.max_lat_ = hi_lat;
  v.scale_x_ = width / span_lon;
  v.scale_y_ = height / span_lat;
  return v;
}

std::string MapView::PathData(const MapShape& shape) const {
  std::string out;
  if (!Intersects(shape)) return out;
  constexpr long kBorder = 20;  // tenths of a pixel beyond the view
  const long max_x = std::lround(width_ * 10) + kBorder;
  const long max_y = std::lround(height_ * 10) + kBorder;
  std::vector<std::pair<long, long>> pts;
  for (const auto& ring : shape.rings) {
    pts.clear();
    // Whether the ring's bounding box meets the view (plus border), side by side.
    bool left = false, right = false, below = false, above = false;
    for (const LonLat& p : ring) {
      long x = std::lround(X(p.lon) * 10);
      long y = std::lround(Y(p.lat) * 10);
      left |= x >= -kBorder;
      right |= x <= max_x;
      below |= y >= -kBorder;
      above |= y <= max_y;
      x = std::clamp(x, -kBorder, max_x);
      y = std::clamp(y, -kBorder, max_y);
      if (!pts.empty()) {
        const auto& last = pts.back();
        if (std::abs(last.first - x) + std::abs(last.second - y) < 3) continue;
        // Runs along one clamped edge collapse to their two ends.
        if (pts.size() >= 2) {
          const auto& prev = pts[pts.size() - 2];
          const bool on_x_edge =
              (x == -kBorder || x == max_x) && prev.first == x && last.first == x;
          const bool on_y_edge =
              (y == -kBorder || y == max_y) && prev.second == y && last.second == y;
          if (on_x_edge || on_y_edge) {
            pts.back() = {x, y};
            continue;
          }
        }
      }
      pts.emplace_back(x, y);
    }
    // A ring entirely beyond one side of the view is invisible.
    if (!(left && right && below && above) || pts.size() < 3) continue;
    for (size_t i = 0; i < pts.size(); ++i) {
      out += i == 0 ? 'M' : 'L';
      AppendCoordinate(out, pts[i].first);
      out += ' ';
      AppendCoordinate(out, pts[i].second);
    }
    out += 'Z';
  }
  return out;
}

}  // namespace sitrep::report
