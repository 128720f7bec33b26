# Evaluations of entities, places and claims (docs/bench/extract-entities.md).
foreach(tool train_entity_tagger eval_conll eval_geo who_speed)
  if(EXISTS ${CMAKE_CURRENT_SOURCE_DIR}/${tool}.cc)
    add_executable(${tool} ${CMAKE_CURRENT_SOURCE_DIR}/${tool}.cc)
    target_link_libraries(${tool} PRIVATE sitrep_extract_who)
    target_compile_definitions(${tool} PRIVATE SITREP_SOURCE_DIR="${SITREP_SOURCE_DIR}")
  endif()
endforeach()
# eval_conll scores the product path: sitrep::Analyze with default options.
if(TARGET eval_conll AND TARGET sitrep_engine)
  target_link_libraries(eval_conll PRIVATE sitrep_engine nlohmann_json::nlohmann_json)
endif()
