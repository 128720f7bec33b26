// Claims: who said what, through which channel, in one document.
//
//   Direct quotes: text between quote marks (straight or curly, also « »), including
//   quotes that run over several paragraphs (each continuing paragraph re-opens with a
//   quote mark and only the last one closes). Quotes of fewer than four words are scare
//   quotes, not claims, unless a speech verb attaches to them directly.
//   Indirect speech: "X said (that) ...", "..., X said.", "..., said X.", "according to X,
//   ...", "X claimed/told reporters/warned/insisted/... (that) ...".
//   Speakers: an entity mention next to the speech verb, else a noun phrase ("the
//   soldier", "officials"), else a pronoun resolved to the last named speaker of a
//   compatible kind ("he added" -> the last person who spoke; "it said" -> the last
//   organization).
//   Channels: "on Telegram", "in a nightly address", "in televised remarks", "in an
//   interview with CNN", "in a statement", "at a press conference", "told reporters in
//   Stockholm", "in its daily intelligence update"...
//
// Spans (start, end) are bytes of Document::text; `text` is the attributed text exactly
// as it stands there (the quote without its marks, or the reported clause).
// Thread-safety: pure function.
#ifndef SITREP_EXTRACT_CLAIM_H_
#define SITREP_EXTRACT_CLAIM_H_

#include <string>
#include <vector>

#include "extract/entity.h"
#include "sitrep/document.h"
#include "sitrep/report.h"
#include "text/text.h"

namespace sitrep::extract {

// An entity mention of this document with the id of the entity it belongs to.
struct LinkedMention {
  const EntityMention* mention = nullptr;
  std::string entity_id;
  std::string entity_name;  // canonical name of the entity
  std::string entity_type;  // type of the merged entity ("" = the mention's own type)
};

// Claims of one document. `mentions` are the document's entity mentions in text order.
// Claim ids are left empty (the caller numbers them across documents).
std::vector<Claim> FindClaims(const Document& doc, const text::DocText& text,
                              const std::vector<LinkedMention>& mentions);

}  // namespace sitrep::extract

#endif  // SITREP_EXTRACT_CLAIM_H_
