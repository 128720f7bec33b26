#include "extract/who.h"

#include "base/parallel.h"

namespace sitrep::extract {

WhoResult ExtractWho(const std::vector<Document>& docs, const std::vector<text::DocText>& texts,
                     const Gazetteer* gazetteer, const ExtractOptions& options) {
  WhoResult out;
  const size_t n = std::min(docs.size(), texts.size());
  std::vector<DocMentions> per_doc(n);
  base::ParallelFor(n, options.threads, [&](size_t i) {
    per_doc[i] = FindEntityMentions(i, docs[i], texts[i], gazetteer);
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
  std::vector<size_t> entity_of;
  out.entities = MergeEntities(docs, all, gazetteer, entity_of);
  // Claims document by document in parallel; ids in document order afterwards, so the
  // result does not depend on the thread count.
  std::vector<std::vector<Claim>> claims(n);
  base::ParallelFor(n, options.threads, [&](size_t i) {
    std::vector<LinkedMention> linked;
    for (size_t k = doc_begin[i]; k < doc_begin[i + 1]; ++k) {
      const Entity& e = out.entities[entity_of[k]];
      linked.push_back({&all[k], e.id, e.name, e.type});
    }
    claims[i] = FindClaims(docs[i], texts[i], linked);
  });
  for (std::vector<Claim>& doc_claims : claims) {
    for (Claim& c : doc_claims) {
      c.id = "c" + std::to_string(out.claims.size() + 1);
      out.claims.push_back(std::move(c));
    }
  }
  return out;
}

}  // namespace sitrep::extract
