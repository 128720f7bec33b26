// GeoJSON writer: the report's places and events as an RFC 7946 FeatureCollection, for
// QGIS, Leaflet and the like.
//
// One Point feature per place entity with coordinates (properties: kind "place", id, name,
// country, geonames_id, documents, mentions, events) and one per event whose location has
// coordinates, at that place (properties: kind "event", id, type, subtype, date, summary,
// location_id, location, actors (names), fatalities, sources, independent_sources).
// Coordinates are [longitude, latitude]; entries outside the valid range are left out.
// Events without coordinates are counted in the foreign member
// "sitrep": {"events_without_location": n}.
//
// Thread-safety: pure function.
#ifndef SITREP_REPORT_GEOJSON_H_
#define SITREP_REPORT_GEOJSON_H_

#include <string>

#include "sitrep/report.h"

namespace sitrep::report {

std::string WriteGeoJson(const Report& report);

}  // namespace sitrep::report

#endif  // SITREP_REPORT_GEOJSON_H_
