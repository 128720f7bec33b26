# Time and quantity extraction: the TempEval-3 evaluation (the product path first, then the
# extractor alone, with throughput) and a Google Benchmark over generated news-like text.
if(TARGET sitrep_extract_when AND TARGET sitrep_engine)
  add_executable(eval_time ${CMAKE_CURRENT_LIST_DIR}/eval_time.cc)
  target_link_libraries(eval_time PRIVATE sitrep_engine sitrep_extract_when
                                          nlohmann_json::nlohmann_json)
  target_compile_definitions(eval_time PRIVATE SITREP_SOURCE_DIR="${SITREP_SOURCE_DIR}")
endif()
if(TARGET sitrep_extract_when AND EXISTS ${CMAKE_CURRENT_LIST_DIR}/when_bench.cc)
  sitrep_benchmark(extract_when_bench SOURCES ${CMAKE_CURRENT_LIST_DIR}/when_bench.cc
    DEPS sitrep_extract_when)
endif()
