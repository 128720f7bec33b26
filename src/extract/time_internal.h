// Internal entry points of the time extractor shared with the quantity extractor (which
// skips numbers inside time expressions). Not part of the stage API.
// Thread-safety: pure functions.
#ifndef SITREP_EXTRACT_TIME_INTERNAL_H_
#define SITREP_EXTRACT_TIME_INTERNAL_H_

#include <optional>
#include <string>
#include <vector>

#include "extract/lexer.h"
#include "extract/time.h"
#include "sitrep/document.h"
#include "text/text.h"

namespace sitrep::extract::internal {

// Time expressions over all tokens of `lexed`; offsets relative to lexed.text.
std::vector<TimeExpr> FindTimesInLexed(const lex::Lexed& lexed,
                                       const std::optional<std::string>& anchor,
                                       const TimeTextOptions& options);

// ExtractTimes over `lexed`, the lexed doc.text. `spans`, when not null, also receives
// every expression found, resolved or not, offsets into doc.text (the quantity extractor
// skips the numbers inside them).
std::vector<TimeExpr> ExtractTimesInLexed(const Document& doc, const text::DocText& text,
                                          const lex::Lexed& lexed, std::vector<TimeExpr>* spans);

}  // namespace sitrep::extract::internal

#endif  // SITREP_EXTRACT_TIME_INTERNAL_H_
