# Extraction, "when" half: time expressions (TIMEX3) and quantities. Included by
# src/extract/CMakeLists.txt. Uses only the DocText/Sentence types of the text stage.
set(SITREP_EXTRACT_WHEN_DEPS sitrep_base)
if(TARGET sitrep_text)
  list(APPEND SITREP_EXTRACT_WHEN_DEPS sitrep_text)
endif()
sitrep_library(extract_when
  SOURCES
    lexer.cc
    number_words.cc
    time.cc
    quantity.cc
  DEPS ${SITREP_EXTRACT_WHEN_DEPS})
sitrep_test(extract_time_test
  SOURCES time_test.cc
  DEPS sitrep_extract_when)
sitrep_test(extract_quantity_test
  SOURCES quantity_test.cc
  DEPS sitrep_extract_when)
