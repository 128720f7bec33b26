# Time and quantity extraction: TempEval-3 evaluation (with throughput) and a
# Google Benchmark over generated news-like text.
if(TARGET sitrep_extract_when)
  add_executable(eval_time ${CMAKE_CURRENT_LIST_DIR}/eval_time.cc)
  target_link_libraries(eval_time PRIVATE sitrep_extract_when)
  target_compile_definitions(eval_time PRIVATE SITREP_SOURCE_DIR="${SITREP_SOURCE_DIR}")
  if(EXISTS ${CMAKE_CURRENT_LIST_DIR}/when_bench.cc)
    sitrep_benchmark(extract_when_bench SOURCES ${CMAKE_CURRENT_LIST_DIR}/when_bench.cc
      DEPS sitrep_extract_when)
  endif()
endif()
