// Entities: people, organizations, places, groups (military units, armed groups, a
// nation's forces) and other named things, found in each document and merged into one
// entity per real-world referent across all documents.
//
// Finding (FindEntityMentions): the CoNLL-trained EntityTagger proposes PER/ORG/LOC/MISC
// chunks per sentence; rules then strip titles ("President", "Gov.", "Mr") and
// possessives ("Russia's"), attach "region"/"oblast" to places, turn unit and
// armed-group names ("Wagner Group", "53rd Brigade", "Azov") and "<demonym> forces"
// ("Ukrainian forces", "Russian troops") into groups, and drop bare demonyms (they are
// kept as country context for place resolution).
//
// Merging (MergeEntities): within a type, mentions meet when they share a loose key
// (case, diacritics, y/i, doubled letters: Zelensky/Zelenskyy); one-word person mentions
// join the full name with that surname or given name ("Putin", "Mr Putin" -> "Vladimir
// Putin"); person names within a small edit distance (Prigozhin/Priozghin) merge when
// their contexts agree (they co-occur with a common other entity, or share a given name);
// acronyms join the organization whose initials they spell ("ISW", "MoD"); organization
// names meet on their bag of content words with British/American spellings folded
// ("Defence Ministry" = "Ministry of Defense"); places meet on the gazetteer entry.
//
// Thread-safety: pure functions over their inputs; FindEntityMentions may run on
// different documents in parallel.
#ifndef SITREP_EXTRACT_ENTITY_H_
#define SITREP_EXTRACT_ENTITY_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "extract/place.h"
#include "sitrep/document.h"
#include "sitrep/report.h"
#include "text/text.h"

namespace sitrep::extract {

// One entity mention in one document.
struct EntityMention {
  size_t doc = 0;                          // index of the document in the batch
  size_t start = 0, end = 0;               // bytes of Document::text (titles/possessives excluded)
  size_t first_token = 0, last_token = 0;  // [first, last) into DocText::tokens
  size_t sentence = 0;                     // index into DocText::sentences
  std::string type;                        // person | organization | place | group | other
  std::string name;               // normalized surface form ("Donetsk region", "Ukrainian forces")
  std::string title;              // title word(s) stripped before a person's name ("President")
  bool region_hint = false;       // place followed by region/oblast/province...
  std::optional<uint32_t> place;  // gazetteer entry, after resolution
};

// Entity mentions of one document, in text order, plus the ISO codes of countries its
// demonyms name ("Ukrainian" -> "UA"), which place resolution uses as context.
struct DocMentions {
  std::vector<EntityMention> mentions;
  std::vector<std::string> demonym_countries;
};
DocMentions FindEntityMentions(size_t doc_index, const Document& doc, const text::DocText& text,
                               const Gazetteer* gazetteer);

// Resolves the place mentions of one document against the gazetteer (sets `place`).
// `text` (the document's text, may be empty) tells which names it uses as places
// (UsedAsPlace: "in X", "the village of X"), for names the gazetteer lacks.
void ResolveDocumentPlaces(const Gazetteer& gazetteer, DocMentions& doc,
                           std::string_view text = {});

// Merges mentions of all documents into entities with ids "e1", "e2"... in order of
// first mention. `entity_of[k]` receives the index into the result of mentions[k].
std::vector<Entity> MergeEntities(const std::vector<Document>& docs,
                                  const std::vector<EntityMention>& mentions,
                                  const Gazetteer* gazetteer, std::vector<size_t>& entity_of);

// Damerau-Levenshtein (optimal string alignment) distance, bytes.
size_t EditDistance(std::string_view a, std::string_view b);

// True when `acronym` ("ISW", "MoD", "U.N.") spells the initials of `name`'s words,
// with or without its function words ("of", "for", "the", "and").
bool IsAcronymOf(std::string_view acronym, std::string_view name);

// Title and honorific words that precede names: "President", "Gov.", "Mr", "Gen."...
bool IsTitleWord(std::string_view lower_word);

}  // namespace sitrep::extract

#endif  // SITREP_EXTRACT_ENTITY_H_
