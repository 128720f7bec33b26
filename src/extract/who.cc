#include "extract/who.h"

#include <optional>

#include "base/parallel.h"

namespace sitrep::extract {

namespace {

// Sentences and tokens of the blocks outside the article text that still hold article
// text for entities (EntityOnlyBlocks), as TextAnalyzer::Analyze would split them (no
// stems: the entity finder does not read them).
text::DocText OtherBlocksText(const Document& doc) {
  text::DocText out;
  const std::string_view all(doc.text);
  for (size_t b : EntityOnlyBlocks(doc)) {
    const Block& block = doc.blocks[b];
    const std::string_view slice = all.substr(block.start, block.end - block.start);
    for (const text::Span& span : text::SplitSentences(slice)) {
      text::Sentence s;
      s.start = block.start + span.start;
      s.end = block.start + span.end;
      s.block = b;
      s.first_token = out.tokens.size();
      std::vector<text::Token> toks = text::Tokenize(all.substr(s.start, s.end - s.start), s.start);
      for (text::Token& t : toks) out.tokens.push_back(std::move(t));
      s.last_token = out.tokens.size();
      out.sentences.push_back(s);
    }
  }
  return out;
}

}  // namespace

WhoResult ExtractWho(const std::vector<Document>& docs, const std::vector<text::DocText>& texts,
                     const Gazetteer* gazetteer, const ExtractOptions& options,
                     const WhoFacts& facts, const WhoOutputs& outputs) {
  WhoResult out;
  const size_t n = std::min(docs.size(), texts.size());
  std::vector<DocMentions> per_doc(n);
  base::ParallelFor(n, options.threads, [&](size_t i) {
    const text::DocText other = OtherBlocksText(docs[i]);
    per_doc[i] = FindEntityMentions(i, docs[i], texts[i], gazetteer, &other);
    if (gazetteer) ResolveDocumentPlaces(*gazetteer, per_doc[i], docs[i].text);
  });
  std::vector<EntityMention> all;
  std::vector<size_t> doc_begin(n + 1, 0);
  for (size_t i = 0; i < n; ++i) {
    doc_begin[i] = all.size();
    for (auto& m : per_doc[i].mentions) all.push_back(std::move(m));
  }
  doc_begin[n] = all.size();
  if (!gazetteer) {
    // Without cities, countries and regions still resolve from the built-in table.
    static const Gazetteer* builtin = Gazetteer::BuiltinOnly().release();
    for (size_t i = 0; i < n; ++i) {
      DocMentions dm;
      dm.mentions.assign(all.begin() + static_cast<long>(doc_begin[i]),
                         all.begin() + static_cast<long>(doc_begin[i + 1]));
      dm.demonym_countries = per_doc[i].demonym_countries;
      ResolveDocumentPlaces(*builtin, dm);
      for (size_t k = 0; k < dm.mentions.size(); ++k) all[doc_begin[i] + k] = dm.mentions[k];
    }
  }
  if (outputs.mentions) {
    outputs.mentions->clear();
    outputs.mentions->reserve(n);
    for (size_t i = 0; i < n; ++i) {
      outputs.mentions->push_back(
          {docs[i].id,
           std::vector<EntityMention>(all.begin() + static_cast<long>(doc_begin[i]),
                                      all.begin() + static_cast<long>(doc_begin[i + 1]))});
    }
  }
  std::vector<size_t> entity_of;
  // The batch's own votes, when asked for, are what MergeEntities would count itself
  // without the collection's: counted once, they serve both.
  const TypeVotes* collection_votes = facts.type_votes;
  if (outputs.type_votes) {
    *outputs.type_votes = CountTypeVotes(all, gazetteer);
    if (!collection_votes) collection_votes = outputs.type_votes;
  }
  std::optional<std::vector<Entity>> told;
  if (facts.entities) told = EntitiesFromMerge(docs, all, *facts.entities, entity_of);
  out.entities =
      told ? std::move(*told) : MergeEntities(docs, all, gazetteer, entity_of, collection_votes);
  // Claims document by document in parallel. Ids name the document and the claim's
  // place in it, so that a claim keeps its id whatever other documents are analysed
  // with it (the living corpus rewrites only the rows that changed).
  std::vector<std::vector<Claim>> claims(n);
  base::ParallelFor(n, options.threads, [&](size_t i) {
    std::vector<LinkedMention> linked;
    for (size_t k = doc_begin[i]; k < doc_begin[i + 1]; ++k) {
      if (!all[k].in_text) continue;  // claims read the article text only
      const Entity& e = out.entities[entity_of[k]];
      linked.push_back({&all[k], e.id, e.name, e.type});
    }
    claims[i] = FindClaims(docs[i], texts[i], linked);
  });
  for (std::vector<Claim>& doc_claims : claims) {
    for (size_t k = 0; k < doc_claims.size(); ++k) {
      Claim& c = doc_claims[k];
      c.id = "c" + std::to_string(k + 1) + "@" + c.doc;
      out.claims.push_back(std::move(c));
    }
  }
  return out;
}

}  // namespace sitrep::extract
