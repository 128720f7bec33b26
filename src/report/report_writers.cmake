# HTML, CSV and GeoJSON writers, their helpers and tests. Included from
# src/report/CMakeLists.txt before the sitrep_report library is declared: adds sources to
# SITREP_REPORT_EXTRA_SOURCES and link dependencies to SITREP_REPORT_EXTRA_DEPS.
include(${CMAKE_CURRENT_LIST_DIR}/assets.cmake)
list(APPEND SITREP_REPORT_EXTRA_SOURCES
  ${CMAKE_CURRENT_LIST_DIR}/html.cc
  ${CMAKE_CURRENT_LIST_DIR}/csv.cc
  ${CMAKE_CURRENT_LIST_DIR}/geojson.cc
  ${CMAKE_CURRENT_LIST_DIR}/map.cc
  ${CMAKE_CURRENT_LIST_DIR}/timex_days.cc
  ${SITREP_REPORT_ASSET_SOURCES})
# FindMapData() falls back to the map data in the source tree the binary was built from.
set_source_files_properties(${CMAKE_CURRENT_LIST_DIR}/html.cc PROPERTIES
  COMPILE_DEFINITIONS "SITREP_SOURCE_DIR=\"${SITREP_SOURCE_DIR}\"")

sitrep_test(report_writers_test
  SOURCES
    ${CMAKE_CURRENT_LIST_DIR}/html_test.cc
    ${CMAKE_CURRENT_LIST_DIR}/csv_test.cc
    ${CMAKE_CURRENT_LIST_DIR}/geojson_test.cc
    ${CMAKE_CURRENT_LIST_DIR}/map_test.cc
    ${CMAKE_CURRENT_LIST_DIR}/timex_days_test.cc
  DEPS sitrep_report nlohmann_json::nlohmann_json PkgConfig::GUMBO)
