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

namespace sitrep::extract::internal {

// Time expressions over all tokens of `lexed`; offsets relative to lexed.text.
std::vector<TimeExpr> FindTimesInLexed(const lex::Lexed& lexed,
                                       const std::optional<std::string>& anchor,
                                       const TimeTextOptions& options);

}  // namespace sitrep::extract::internal

#endif  // SITREP_EXTRACT_TIME_INTERNAL_H_
