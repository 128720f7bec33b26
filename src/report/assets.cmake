# Embeds the report page's CSS and JavaScript (src/report/assets) into a generated C++
# file, so the HTML writer needs no files at run time. Defines SITREP_REPORT_ASSET_SOURCES
# (the generated .cc) for the report library. Included from report_writers.cmake.
set(SITREP_REPORT_ASSETS
  ${CMAKE_CURRENT_LIST_DIR}/assets/report.css
  ${CMAKE_CURRENT_LIST_DIR}/assets/report.js)
set(SITREP_REPORT_ASSET_SOURCES ${CMAKE_CURRENT_BINARY_DIR}/generated/report_assets.cc)
string(REPLACE ";" "|" _sitrep_asset_inputs "${SITREP_REPORT_ASSETS}")
add_custom_command(
  OUTPUT ${SITREP_REPORT_ASSET_SOURCES}
  COMMAND ${CMAKE_COMMAND} -DOUTPUT=${SITREP_REPORT_ASSET_SOURCES}
          -DHEADER=report/assets/assets.h "-DINPUTS=${_sitrep_asset_inputs}"
          -P ${CMAKE_CURRENT_LIST_DIR}/assets/embed.cmake
  DEPENDS ${SITREP_REPORT_ASSETS} ${CMAKE_CURRENT_LIST_DIR}/assets/embed.cmake
          ${SITREP_SOURCE_DIR}/cmake/embed_common.cmake
  COMMENT "Embedding report CSS and JavaScript"
  VERBATIM)
