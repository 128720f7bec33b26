// Map outlines for the HTML report: decodes TopoJSON (the world-atlas package installed
// by scripts/install-deps.sh) into lon/lat rings, fits a view around a set of places and
// projects the rings into SVG path data.
//
// The projection is equirectangular with the x axis scaled by cos(latitude of the view's
// centre), which keeps shapes recognisable for the regional views a situation report
// needs. Rings are clipped by clamping to a box a little larger than the view, which keeps
// fills right inside the view and the path data small.
//
// Invariants: LoadTopoJson never throws; malformed input gives Status::Corrupt. Rings are
// closed implicitly (the last point is not repeated). Longitudes are not wrapped across
// the antimeridian.
//
// Thread-safety: pure functions over values.
#ifndef SITREP_REPORT_MAP_H_
#define SITREP_REPORT_MAP_H_

#include <string>
#include <string_view>
#include <vector>

#include "sitrep/status.h"

namespace sitrep::report {

struct LonLat {
  double lon = 0;
  double lat = 0;
};

// One feature of a TopoJSON object (a country): its name and polygon rings.
struct MapShape {
  std::string id;
  std::string name;
  std::vector<std::vector<LonLat>> rings;
  double min_lon = 0, min_lat = 0, max_lon = 0, max_lat = 0;  // bounding box of `rings`
};

// Decodes the GeometryCollection `object` (e.g. "countries") of a TopoJSON topology,
// quantized or not. Polygons and MultiPolygons become rings; other geometry types are
// skipped.
Result<std::vector<MapShape>> LoadTopoJson(std::string_view json_text,
                                           std::string_view object = "countries");

// Reads and decodes a TopoJSON file. NotFound when the file cannot be read.
Result<std::vector<MapShape>> LoadTopoJsonFile(const std::string& path,
                                               std::string_view object = "countries");

// A rectangle of the earth drawn into a width x height pixel box.
class MapView {
 public:
  // Fits the view around `points` with a margin (a share of the span, at least
  // min_margin_deg degrees), widened so it fills width x height without distortion
  // beyond the projection's (except for near-global views, which are stretched to stay
  // within latitudes -85..85). With no points, shows the whole world.
  static MapView Fit(const std::vector<LonLat>& points, double width, double height,
                     double min_margin_deg = 1.5);

  double width() const { return width_; }
  double height() const { return height_; }
  double min_lon() const { return min_lon_; }
  double max_lon() const { return max_lon_; }
  double min_lat() const { return min_lat_; }
  double max_lat() const { return max_lat_; }

  // Pixel coordinates of a point; y grows downwards.
  double X(double lon) const { return (lon - min_lon_) * scale_x_; }
  double Y(double lat) const { return (max_lat_ - lat) * scale_y_; }
  bool Contains(const LonLat& p) const {
    return p.lon >= min_lon_ && p.lon <= max_lon_ && p.lat >= min_lat_ && p.lat <= max_lat_;
  }
  bool Intersects(const MapShape& s) const {
    return s.max_lon >= min_lon_ && s.min_lon <= max_lon_ && s.max_lat >= min_lat_ &&
           s.min_lat <= max_lat_;
  }

  // SVG path data ("M..L..Z") for the shape's rings as seen in this view, clamped to the
  // view plus a small border, with points closer than ~0.3 px merged. Empty when nothing
  // of the shape is visible.
  std::string PathData(const MapShape& shape) const;

 private:
  double width_ = 0, height_ = 0;
  double min_lon_ = -180, max_lon_ = 180, min_lat_ = -85, max_lat_ = 85;
  double scale_x_ = 1, scale_y_ = 1;
};

}  // namespace sitrep::report

#endif  // SITREP_REPORT_MAP_H_
