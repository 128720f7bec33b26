# Helpers of the script-mode embedders (src/report/assets/embed.cmake,
# src/serve/embed_ui.cmake) that put files into the binary as C++ raw string literals.

# Appends to the variable `body_var` the file `input` as raw string literals in chunks of
# 8,000 bytes (no single literal gets very long), or `""` for an empty file. Fails when the
# file holds the literal's closing sequence `)delim"`.
function(sitrep_append_raw_literal body_var input delim)
  file(READ "${input}" content)
  string(FIND "${content}" ")${delim}\"" clash)
  if(NOT clash EQUAL -1)
    message(FATAL_ERROR "${input} contains the raw string delimiter ${delim}")
  endif()
  set(body "${${body_var}}")
  string(LENGTH "${content}" length)
  set(offset 0)
  while(offset LESS length)
    string(SUBSTRING "${content}" ${offset} 8000 chunk)
    string(APPEND body "\n    R\"${delim}(${chunk})${delim}\"")
    math(EXPR offset "${offset} + 8000")
  endwhile()
  if(length EQUAL 0)
    string(APPEND body " \"\"")
  endif()
  set(${body_var} "${body}" PARENT_SCOPE)
endfunction()

# Writes `content` to `output` only when it differs from what is there, so that the files
# that include it rebuild only when an embedded file changed.
function(sitrep_write_if_changed output content)
  if(EXISTS "${output}")
    file(READ "${output}" old)
    if(old STREQUAL content)
      return()
    endif()
  endif()
  file(WRITE "${output}" "${content}")
endfunction()
