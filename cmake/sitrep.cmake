# Small helpers so that every stage library, test and benchmark is declared the same way.

# sitrep_library(NAME SOURCES a.cc b.cc DEPS lib...)
# Declares the stage library sitrep_NAME with the public and source include roots.
function(sitrep_library name)
  cmake_parse_arguments(ARG "" "" "SOURCES;DEPS" ${ARGN})
  add_library(sitrep_${name} STATIC ${ARG_SOURCES})
  target_include_directories(sitrep_${name} PUBLIC
    ${SITREP_SOURCE_DIR}/include ${SITREP_SOURCE_DIR}/src ${CMAKE_BINARY_DIR}/generated)
  target_link_libraries(sitrep_${name} PUBLIC ${ARG_DEPS})
endfunction()

# sitrep_test(NAME SOURCES a_test.cc DEPS lib... [LABELS l])
# Declares a GoogleTest executable registered with CTest. Test data lives under tests/data;
# tests find it through the SITREP_TEST_DATA and SITREP_SOURCE_DIR definitions.
function(sitrep_test name)
  cmake_parse_arguments(ARG "" "" "SOURCES;DEPS;LABELS" ${ARGN})
  if(NOT SITREP_TESTS)
    return()
  endif()
  # A test source still being written (several people share one work tree) skips the
  # target with a warning; in CI (CI set in the environment) it is an error.
  foreach(src ${ARG_SOURCES})
    if(NOT IS_ABSOLUTE ${src} AND NOT EXISTS ${CMAKE_CURRENT_SOURCE_DIR}/${src})
      if(DEFINED ENV{CI})
        message(FATAL_ERROR "${name}: missing test source ${src}")
      endif()
      message(WARNING "${name}: skipped, missing test source ${src}")
      return()
    endif()
  endforeach()
  add_executable(${name} ${ARG_SOURCES})
  target_link_libraries(${name} PRIVATE ${ARG_DEPS} GTest::gtest GTest::gtest_main GTest::gmock)
  target_compile_definitions(${name} PRIVATE
    SITREP_TEST_DATA="${SITREP_SOURCE_DIR}/tests/data"
    SITREP_SOURCE_DIR="${SITREP_SOURCE_DIR}")
  gtest_discover_tests(${name} DISCOVERY_TIMEOUT 60 PROPERTIES LABELS "${ARG_LABELS}")
endfunction()

# sitrep_benchmark(NAME SOURCES a_bench.cc DEPS lib...)
function(sitrep_benchmark name)
  cmake_parse_arguments(ARG "" "" "SOURCES;DEPS" ${ARGN})
  if(NOT SITREP_BENCH)
    return()
  endif()
  add_executable(${name} ${ARG_SOURCES})
  target_link_libraries(${name} PRIVATE ${ARG_DEPS} benchmark::benchmark)
endfunction()
