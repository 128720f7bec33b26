// Internal entry points of the time extractor shared with the quantity extractor (which
// skips numbers inside time expressions). Not part of the stage API.
// Thread-safety: pure functions.
#ifndef SITREP_EXTRACT_TIME_INTERNAL_H_
#define SITREP_EXTRACT_TIME_INTERNAL_H_

#include <vector>

#include "extract/lexer.h"
#include "extract/time.h"
#include "sitrep/document.h"
#include "text/text.h"

namespace sitrep::extract::internal {

// Which tokens of `lexed` lie inside a time expression, resolved or not (one flag per
// token, plus one), over all of its tokens: the quantity extractor skips their numbers.
std::vector<bool> TimeTokensInLexed(const lex::Lexed& lexed);

// ExtractTimes over `lexed`, the lexed doc.text. `time_tokens`, when not null, receives
// the flags of TimeTokensInLexed for the expressions found in the analysed sentences.
std::vector<TimeExpr> ExtractTimesInLexed(const Document& doc, const text::DocText& text,
                                          const lex::Lexed& lexed, std::vector<bool>* time_tokens);

}  // namespace sitrep::extract::internal

#endif  // SITREP_EXTRACT_TIME_INTERNAL_H_
