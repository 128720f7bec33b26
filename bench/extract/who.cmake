# Evaluations of entities, places and claims (docs/bench/extract-entities.md).
add_executable(train_entity_tagger ${CMAKE_CURRENT_SOURCE_DIR}/train_entity_tagger.cc)
target_link_libraries(train_entity_tagger PRIVATE sitrep_extract_who)
foreach(tool eval_conll eval_geo who_speed)
  if(EXISTS ${CMAKE_CURRENT_SOURCE_DIR}/${tool}.cc)
    add_executable(${tool} ${CMAKE_CURRENT_SOURCE_DIR}/${tool}.cc)
    target_link_libraries(${tool} PRIVATE sitrep_extract_who)
  endif()
endforeach()
