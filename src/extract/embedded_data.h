// Data files compiled into sitrep_extract_who (see who.cmake): the entity tagger's
// weights and the small place tables (countries, regions, US states, name variants)
// kept in src/extract/place_data/. Each accessor returns a view of static storage.
//
// Thread-safety: read-only static data.
#ifndef SITREP_EXTRACT_EMBEDDED_DATA_H_
#define SITREP_EXTRACT_EMBEDDED_DATA_H_

#include <string_view>

namespace sitrep::extract::embedded {

std::string_view EntityTaggerModel();  // src/extract/entity_tagger.model
std::string_view Countries();          // place_data/countries.txt
std::string_view Regions();            // place_data/regions.txt
std::string_view UsStates();           // place_data/us_states.txt
std::string_view PlaceAliases();       // place_data/aliases.txt
std::string_view Admin1BySeat();       // place_data/admin1.txt

}  // namespace sitrep::extract::embedded

#endif  // SITREP_EXTRACT_EMBEDDED_DATA_H_
