// Entities: people, organizations, places, groups (military units, armed groups, a
// nation's forces) and other named things, found in each document and merged into one
// entity per real-world referent across all documents.
//
// Finding (FindEntityMentions): the CoNLL-trained EntityTagger proposes PER/ORG/LOC/MISC
// chunks per sentence; rules then strip titles ("President", "Gov.", "Mr") and
// possessives ("Russia's"), attach "region"/"oblast" to places, turn unit and
// armed-group names ("Wagner Group", "53rd Brigade", "Azov") and "<demonym> forces"
// ("Ukrainian forces", "Russian troops") into groups, and type bare demonyms ("Dutch")
// `other` (their countries are also context for place resolution). Every name the tagger
// finds is kept as a mention; entities are read from the article text and from the other
// blocks that still hold article text for names (captions, bylines, tables and lists
// cleaning calls boilerplate: EntityOnlyBlocks).
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

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "extract/place.h"
#include "sitrep/document.h"
#include "sitrep/report.h"
#include "sitrep/status.h"
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
  // True when found in the document's article text (the DocText claims read); false when
  // found in one of its other blocks (a caption, a byline, a list or table cleaning left
  // out of the article), whose sentences and tokens `sentence` and the token range then
  // index.
  bool in_text = true;
};

// Entity mentions of one document, in text order, plus the ISO codes of countries its
// demonyms name ("Ukrainian" -> "UA"), which place resolution uses as context.
struct DocMentions {
  std::vector<EntityMention> mentions;
  std::vector<std::string> demonym_countries;
};
//
// `text` is the document's article text (TextAnalyzer::Analyze); `other_blocks` (may be
// null) the sentences of its other blocks that still hold article text for entities
// (EntityOnlyBlocks): their mentions have `in_text` false. Every name the tagger finds is
// kept as a mention: bare demonyms ("Russian") and one-word MISC names are type `other`.
DocMentions FindEntityMentions(size_t doc_index, const Document& doc, const text::DocText& text,
                               const Gazetteer* gazetteer,
                               const text::DocText* other_blocks = nullptr);

// The blocks of `doc` outside its article text (roles caption, byline, boilerplate) that
// still count as article text for entities: captions and bylines, and boilerplate that is
// not link furniture (at most half its bytes in links): the results tables, casualty
// lists and datelines cleaning leaves out of the article. In HTML documents (blocks with
// tags) such boilerplate counts only between two body blocks: navigation, footers,
// teaser lists and comments around the article stay out. Plain text is what the user
// gave: all of its link-poor boilerplate counts.
std::vector<size_t> EntityOnlyBlocks(const Document& doc);

// The words the tagger reads for tokens [s0, s1) of a sentence: one word per token,
// except that tokens glued without space form the words the tagger was trained on
// (CoNLL tokens): an initial or short abbreviation and its period ("J.", "Gen."), a
// currency's letters and "$" ("C$", "HK$"), and numbers joined by - : / . , ("4-17",
// "3:09.95"). Curly quotes and apostrophes are given
// in ASCII. `word_first[w]` is the first token of word w, relative to s0.
void TaggerWords(const Document& doc, const std::vector<text::Token>& toks, size_t s0, size_t s1,
                 std::vector<std::string_view>& words, std::vector<size_t>& word_first);

// Resolves the place mentions of one document against the gazetteer (sets `place`).
// `text` (the document's text, may be empty) tells which names it uses as places
// (UsedAsPlace: "in X", "the village of X"), for names the gazetteer lacks.
// True when [start, end) fills the whole boilerplate block that holds it but for
// punctuation and spaces: a label of page furniture ("Subscribe", "Read Full Article").
bool FillsFurnitureBlock(const Document& doc, size_t start, size_t end);

// True when a boilerplate block is page furniture by the cleaning stage's signs: a
// sign-up or sharing phrase, template tokens, a "[LATEST]" tag, a "JUST IN:" label, a bare
// URL. Such blocks give no entities (results tables and casualty lists do).
bool PageFurniture(std::string_view block_text);

void ResolveDocumentPlaces(const Gazetteer& gazetteer, DocMentions& doc,
                           std::string_view text = {});

// The evidence a batch gives for the type of each name: one name gets one type, the one
// its mentions in all documents vote for (the tagger may call "Zelenskyy" a person in one
// sentence and an organization in another). Keyed by Gazetteer::LooseKey(name); votes for
// person, organization and other, in tenths (a tagged mention 10, a titled person 30, an
// `other` 5, an unsure two-word name 6 person + 4 organization). Votes are sums over
// documents, so the votes of a collection are the sum of its pieces' votes: a job that
// analyses a corpus in pieces adds them up and hands the sum to every piece
// (MergeEntities' `collection`), which then types names as one run over the corpus does.
struct TypeVotes {
  std::unordered_map<std::string, std::array<int64_t, 3>> by_name;

  void Add(const TypeVotes& other);
  bool operator==(const TypeVotes&) const = default;
};

// The type votes of `mentions` (all of a batch's documents).
TypeVotes CountTypeVotes(const std::vector<EntityMention>& mentions, const Gazetteer* gazetteer);

// Merges mentions of all documents into entities, in order of first mention. Ids are
// "e<k>@<doc id>": the k-th entity first mentioned in that document. `entity_of[k]`
// receives the index into the result of mentions[k]. Names are typed by the batch's own
// type votes, or by `collection`'s when given (the votes of the whole collection the batch
// is a piece of); a document's own votes count twice either way.
std::vector<Entity> MergeEntities(const std::vector<Document>& docs,
                                  const std::vector<EntityMention>& mentions,
                                  const Gazetteer* gazetteer, std::vector<size_t>& entity_of,
                                  const TypeVotes* collection = nullptr);

// One document's entity mentions as FindEntityMentions and ResolveDocumentPlaces give
// them (`EntityMention::doc` is not read): what a piece of a collection hands the job
// that merges the whole collection's entities at once.
struct DocEntityMentions {
  std::string doc;  // Document::id
  std::vector<EntityMention> mentions;
};

// The entities of a whole collection, for a job that analyses it in pieces: MergeEntities
// run once over every document's mentions, in the order one run over the collection
// takes its documents, and handed to every piece (ExtractWho's facts). A piece then has
// the whole's entities: a one-word "Putin" joins the "Vladimir Putin" only another piece
// names, and each entity has the whole's id, name, type and aliases, rather than those
// the piece's own documents give.
struct EntityMerge {
  std::vector<Entity> entities;  // without their mentions
  // Document id -> the index into `entities` of each of its mentions, in the order
  // FindEntityMentions finds them.
  std::unordered_map<std::string, std::vector<uint32_t>> of_document;
};

// MergeEntities over `docs` (the collection's documents, in its order).
EntityMerge MergeCollectionEntities(const std::vector<DocEntityMentions>& docs,
                                    const Gazetteer* gazetteer);

// The entities of a batch told by `merge` (the collection's) instead of merged from the
// batch: `mentions` are the batch's (ExtractWho's, each document's in FindEntityMentions
// order), entities in order of first mention, each with the merge's id, name, type,
// aliases and coordinates. Null when the merge lacks one of the batch's documents or
// counts another number of mentions in it (a document not cleaned as the collection's):
// the caller then merges the batch itself.
std::optional<std::vector<Entity>> EntitiesFromMerge(const std::vector<Document>& docs,
                                                     const std::vector<EntityMention>& mentions,
                                                     const EntityMerge& merge,
                                                     std::vector<size_t>& entity_of);

// Byte encodings (CBOR, versioned) of the mentions and of the merge, for a job that
// moves them between processes. Decoding bytes that are not such an encoding is a Corrupt
// error.
std::string EncodeEntityMentions(const std::vector<DocEntityMentions>& docs);
Result<std::vector<DocEntityMentions>> DecodeEntityMentions(std::string_view bytes);
std::string EncodeEntityMerge(const EntityMerge& merge);
Result<EntityMerge> DecodeEntityMerge(std::string_view bytes);

// Damerau-Levenshtein (optimal string alignment) distance, bytes.
size_t EditDistance(std::string_view a, std::string_view b);

// True when `acronym` ("ISW", "MoD", "U.N.") spells the initials of `name`'s words,
// with or without its function words ("of", "for", "the", "and").
bool IsAcronymOf(std::string_view acronym, std::string_view name);

// Title and honorific words that precede names: "President", "Gov.", "Mr", "Gen."...
bool IsTitleWord(std::string_view lower_word);

}  // namespace sitrep::extract

#endif  // SITREP_EXTRACT_ENTITY_H_
