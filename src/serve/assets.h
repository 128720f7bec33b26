// The web UI's files, embedded in the binary at build time (src/serve/embed_ui.cmake
// generates assets.cc from src/serve/ui/* and, when data/node_modules/world-atlas was
// installed at build time, its countries-50m.json and LICENSE as world-atlas-LICENSE.txt).
//
// Thread-safety: constant data.
#ifndef SITREP_SERVE_ASSETS_H_
#define SITREP_SERVE_ASSETS_H_

#include <span>
#include <string_view>

namespace sitrep::serve {

struct Asset {
  std::string_view name;  // served as /assets/NAME ("index.html" also as /)
  std::string_view data;
};

// Every embedded file; lives as long as the program.
std::span<const Asset> EmbeddedAssets();

// The MIME type for a file name's extension (with "; charset=utf-8" for text).
std::string_view ContentTypeFor(std::string_view name);

}  // namespace sitrep::serve

#endif  // SITREP_SERVE_ASSETS_H_
