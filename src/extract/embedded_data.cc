#include "extract/embedded_data.h"

// The files are pulled in with the assembler's .incbin, which is fast for megabytes
// (unlike generated C arrays). Paths come from who.cmake as SITREP_WHO_DATA_DIR.
#define SITREP_EMBED(sym, file)                 \
  asm(".section .rodata\n"                      \
      ".global " #sym                           \
      "_begin\n"                                \
      ".balign 16\n" #sym                       \
      "_begin:\n"                               \
      ".incbin \"" SITREP_WHO_DATA_DIR "/" file \
      "\"\n"                                    \
      ".global " #sym "_end\n" #sym             \
      "_end:\n"                                 \
      ".byte 0\n"                               \
      ".previous\n");                           \
  extern "C" const char sym##_begin[];          \
  extern "C" const char sym##_end[];

SITREP_EMBED(sitrep_who_model, "entity_tagger.model")
SITREP_EMBED(sitrep_who_countries, "place_data/countries.txt")
SITREP_EMBED(sitrep_who_regions, "place_data/regions.txt")
SITREP_EMBED(sitrep_who_us_states, "place_data/us_states.txt")
SITREP_EMBED(sitrep_who_aliases, "place_data/aliases.txt")
SITREP_EMBED(sitrep_who_admin1, "place_data/admin1.txt")

namespace sitrep::extract::embedded {
namespace {
std::string_view View(const char* b, const char* e) {
  return std::string_view(b, static_cast<size_t>(e - b));
}
}  // namespace

std::string_view EntityTaggerModel() { return View(sitrep_who_model_begin, sitrep_who_model_end); }
std::string_view Countries() { return View(sitrep_who_countries_begin, sitrep_who_countries_end); }
std::string_view Regions() { return View(sitrep_who_regions_begin, sitrep_who_regions_end); }
std::string_view UsStates() { return View(sitrep_who_us_states_begin, sitrep_who_us_states_end); }
std::string_view PlaceAliases() { return View(sitrep_who_aliases_begin, sitrep_who_aliases_end); }
std::string_view Admin1BySeat() { return View(sitrep_who_admin1_begin, sitrep_who_admin1_end); }

}  // namespace sitrep::extract::embedded
