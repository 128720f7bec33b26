# Every dependency comes from a Debian package; scripts/install-deps.sh installs them.
find_package(PkgConfig REQUIRED)
find_package(ICU 72 REQUIRED COMPONENTS uc i18n data)
find_package(SQLite3 REQUIRED)
find_package(nlohmann_json 3.11 REQUIRED)
find_package(CLI11 REQUIRED)
find_package(ZLIB REQUIRED)  # WARC input: gzip members (src/ingest/warc_reader.cc)
pkg_check_modules(GUMBO REQUIRED IMPORTED_TARGET gumbo)
pkg_check_modules(XXHASH REQUIRED IMPORTED_TARGET libxxhash)
pkg_check_modules(ZSTD REQUIRED IMPORTED_TARGET libzstd)
pkg_check_modules(LIBXML2 REQUIRED IMPORTED_TARGET libxml-2.0)
pkg_check_modules(CURL REQUIRED IMPORTED_TARGET libcurl)

# libstemmer and cld2 ship no pkg-config file in Debian 12.
find_library(STEMMER_LIB stemmer REQUIRED)
find_path(STEMMER_INCLUDE libstemmer.h REQUIRED)
add_library(stemmer::stemmer INTERFACE IMPORTED)
target_link_libraries(stemmer::stemmer INTERFACE ${STEMMER_LIB})
target_include_directories(stemmer::stemmer INTERFACE ${STEMMER_INCLUDE})

find_library(CLD2_LIB cld2 REQUIRED)
find_path(CLD2_INCLUDE cld2/public/compact_lang_det.h REQUIRED)
add_library(cld2::cld2 INTERFACE IMPORTED)
target_link_libraries(cld2::cld2 INTERFACE ${CLD2_LIB})
target_include_directories(cld2::cld2 INTERFACE ${CLD2_INCLUDE})

if(SITREP_TESTS)
  find_package(GTest REQUIRED)
  include(GoogleTest)
endif()
if(SITREP_BENCH)
  find_package(benchmark REQUIRED)
endif()

# WordNet data (Debian package wordnet-base); the synonym module reads it at run time.
set(SITREP_WORDNET_DIR "/usr/share/wordnet" CACHE PATH "Directory with WordNet 3.0 data.* files")
