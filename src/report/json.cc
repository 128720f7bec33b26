#include "report/json.h"

#include <charconv>
#include <cmath>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "report/json_emitter.h"

namespace sitrep::report {
namespace {

// A guess at the output size, so that the string grows once: the text of every string
// field plus, per field, its key, punctuation, a short value and (pretty) its line's
// indentation. Cheap: one pass over the records, none over the text.
size_t EstimateSize(const Report& r, int indent) {
  size_t text = 0;
  size_t fields = 0;
  const auto opt = [](const std::optional<std::string>& s) { return s ? s->size() : 4; };
  const auto strings = [&](const std::vector<std::string>& v) {
    for (const std::string& s : v) text += s.size() + 4;
  };
  for (const Document& d : r.documents) {
    fields += 11 + 5 * d.blocks.size();
    text += d.id.size() + d.path.size() + d.format.size() + opt(d.url) + opt(d.title) +
            opt(d.published) + opt(d.published_basis) + opt(d.outlet) + opt(d.author) +
            opt(d.language);
    for (const Block& b : d.blocks) text += b.end - b.start;
  }
  for (const Reuse& x : r.reuse) {
    fields += 8 + 8 * x.passages.size() + 6 * x.drift.size();
    text += x.source.size() + x.copy.size() + x.relation.size() + x.direction_basis.size();
    for (const Passage& p : x.passages) text += p.source_text.size() + p.copy_text.size();
    for (const Drift& d : x.drift) {
      text += d.kind.size() + d.source_text.size() + d.copy_text.size() + d.source_context.size() +
              d.copy_context.size();
    }
  }
  for (const CopyCluster& c : r.clusters) {
    fields += 2;
    strings(c.docs);
  }
  for (const Entity& e : r.entities) {
    fields += 10 + 5 * e.mentions.size();
    text += e.id.size() + e.name.size() + e.type.size();
    strings(e.aliases);
    for (const Mention& m : e.mentions) text += m.doc.size() + m.text.size();
  }
  for (const TimeExpr& t : r.times) {
    fields += 7;
    text += t.doc.size() + t.text.size() + t.value.size() + t.type.size();
  }
  for (const Quantity& q : r.quantities) {
    fields += 11;
    text += q.doc.size() + q.text.size() + opt(q.unit) + opt(q.about);
  }
  for (const Claim& c : r.claims) {
    fields += 10;
    text += c.doc.size() + c.text.size() + c.cue.size() + opt(c.speaker_name) + opt(c.channel);
  }
  for (const Event& e : r.events) {
    fields += 15 + 3 * e.mentions.size() + 6 * e.changed_in_copy.size();
    for (const Evidence& ev : e.evidence) {
      fields += 6 + 4 * ev.words.size();
      text += ev.doc.size() + ev.text.size();
      for (const EvidenceWord& x : ev.words) text += x.role.size() + x.text.size();
    }
    for (const CopyChange& c : e.changed_in_copy) {
      text += c.copy_context.size() + c.source_text.size() + c.copy_text.size() + 40;
    }
    text += e.summary.size() + e.type.size();
    strings(e.actors);
    strings(e.sources);
    for (const TextRef& m : e.mentions) text += m.doc.size() + m.text.size();
  }
  for (const Contradiction& c : r.contradictions) {
    fields += 3 + 3 * c.values.size();
    text += c.about.size() + c.kind.size();
    for (const TextRef& v : c.values) text += v.doc.size() + v.text.size();
  }
  for (const TimelineEntry& t : r.timeline) {
    fields += 6;
    text += t.date.size() + t.summary.size();
    strings(t.events);
    strings(t.sources);
  }
  for (const Diagnostic& d : r.diagnostics) {
    fields += 3;
    text += d.path.size() + d.message.size();
  }
  // Records sit about four levels deep.
  const size_t per_field = 20 + (indent >= 0 ? 1 + 4 * static_cast<size_t>(indent) : 0);
  const size_t estimate = 256 + text + fields * per_field;
  return estimate + estimate / 16;
}

void WriteTextRefs(JsonEmitter& w, const std::vector<TextRef>& refs) {
  w.BeginArray();
  for (const TextRef& r : refs) {
    w.BeginObject();
    w.Field("doc", r.doc);
    w.Field("text", r.text);
    w.EndObject();
  }
  w.EndArray();
}

void WriteDocument(JsonEmitter& w, const Document& d) {
  w.BeginObject();
  w.Field("id", d.id);
  w.Field("path", d.path);
  w.Field("format", d.format);
  w.Field("url", d.url);
  w.Field("title", d.title);
  w.Field("published", d.published);
  // The contract's bases are metadata|text|inferred; a date a crawler saw the page on
  // (WARC-Date) is an inference, told apart by `published_basis_detail`.
  if (d.published_basis && *d.published_basis == "fetched") {
    w.Field("published_basis", "inferred");
    w.Field("published_basis_detail", "fetched");
  } else {
    w.Field("published_basis", d.published_basis);
  }
  w.Field("outlet", d.outlet);
  w.Field("author", d.author);
  w.Field("language", d.language);
  w.Key("blocks");
  w.BeginArray();
  for (const Block& b : d.blocks) {
    w.BeginObject();
    w.Field("role", BlockRoleName(b.role));
    w.Field("text", d.Slice(b));
    w.Field("start", b.start);
    w.Field("end", b.end);
    w.EndObject();
  }
  w.EndArray();
  w.EndObject();
}

// `passage_index`: each drifted fact also names the index of its passage ("passage"), as
// `sitrep compare` shows it; the report leaves it out.
}  // namespace

std::string_view ContractRelation(std::string_view relation) {
  return relation == "excerpt" ? std::string_view("partial") : relation;
}

std::string_view ContractDriftKind(std::string_view kind) {
  return kind == "added" ? std::string_view("other") : kind;
}

namespace {

void WriteReuse(JsonEmitter& w, const Reuse& r, bool passage_index = false) {
  w.BeginObject();
  w.Field("source", r.source);
  w.Field("copy", r.copy);
  // Contract 1.x keeps `relation` to its four values (the contract checker holds them);
  // an excerpt is a partial copy, told apart by `relation_detail` (1.1).
  w.Field("relation", ContractRelation(r.relation));
  w.Field("relation_detail", r.relation);
  w.Field("coverage", r.coverage);
  w.Field("similarity", r.similarity);
  w.Field("direction_basis", r.direction_basis);
  w.Key("passages");
  w.BeginArray();
  for (const Passage& p : r.passages) {
    w.BeginObject();
    w.Field("source_text", p.source_text);
    w.Field("copy_text", p.copy_text);
    w.Field("similarity", p.similarity);
    w.Field("source_start", p.source_start);
    w.Field("source_end", p.source_end);
    w.Field("copy_start", p.copy_start);
    w.Field("copy_end", p.copy_end);
    w.EndObject();
  }
  w.EndArray();
  w.Key("drift");
  w.BeginArray();
  for (const Drift& d : r.drift) {
    w.BeginObject();
    // Likewise a fact the copy added is drift of kind "other" in the contract's terms,
    // "added" in `kind_detail` (1.1).
    w.Field("kind", ContractDriftKind(d.kind));
    w.Field("kind_detail", d.kind);
    w.Field("source_text", d.source_text);
    w.Field("copy_text", d.copy_text);
    w.Field("source_context", d.source_context);
    w.Field("copy_context", d.copy_context);
    if (passage_index) {
      w.Field("passage", d.passage);
    }
    w.EndObject();
  }
  w.EndArray();
  w.EndObject();
}

void WriteEntity(JsonEmitter& w, const Entity& e) {
  w.BeginObject();
  w.Field("id", e.id);
  w.Field("name", e.name);
  w.Field("type", e.type);
  w.Field("aliases", e.aliases);
  w.Field("lat", e.lat);
  w.Field("lon", e.lon);
  w.Field("geonames_id", e.geonames_id);
  w.Field("country", e.country);
  w.Field("place_kind", e.place_kind);
  w.Key("mentions");
  w.BeginArray();
  for (const Mention& m : e.mentions) {
    w.BeginObject();
    w.Field("doc", m.doc);
    w.Field("text", m.text);
    w.Field("start", m.start);
    w.Field("end", m.end);
    w.EndObject();
  }
  w.EndArray();
  w.EndObject();
}

void WriteTime(JsonEmitter& w, const TimeExpr& t) {
  w.BeginObject();
  w.Field("doc", t.doc);
  w.Field("text", t.text);
  w.Field("start", t.start);
  w.Field("end", t.end);
  w.Field("value", t.value);
  w.Field("type", t.type);
  w.Field("qualifier", t.qualifier);
  w.EndObject();
}

void WriteQuantity(JsonEmitter& w, const Quantity& q) {
  w.BeginObject();
  w.Field("doc", q.doc);
  w.Field("text", q.text);
  w.Field("start", q.start);
  w.Field("end", q.end);
  w.Field("value", q.value);
  w.Field("low", q.low);
  w.Field("high", q.high);
  w.Field("unit", q.unit);
  w.Field("qualifier", q.qualifier);
  w.Field("about", q.about);
  w.Field("rate", q.rate);
  w.EndObject();
}

void WriteClaim(JsonEmitter& w, const Claim& c) {
  w.BeginObject();
  w.Field("id", c.id);
  w.Field("doc", c.doc);
  w.Field("speaker", c.speaker);
  w.Field("speaker_name", c.speaker_name);
  w.Field("cue", c.cue);
  w.Field("channel", c.channel);
  w.Field("text", c.text);
  w.Field("direct", c.direct);
  w.Field("start", c.start);
  w.Field("end", c.end);
  w.EndObject();
}

void WriteCopyChanges(JsonEmitter& w, const std::vector<CopyChange>& changes) {
  w.BeginArray();
  for (const CopyChange& c : changes) {
    w.BeginObject();
    w.Field("kind", c.kind);
    w.Field("source_text", c.source_text);
    w.Field("copy_text", c.copy_text);
    w.Field("source_doc", c.source_doc);
    w.Field("docs", c.docs);
    w.Field("copy_context", c.copy_context);
    w.EndObject();
  }
  w.EndArray();
}

void WriteEvidence(JsonEmitter& w, const std::vector<Evidence>& evidence) {
  w.BeginArray();
  for (const Evidence& ev : evidence) {
    w.BeginObject();
    w.Field("doc", ev.doc);
    w.Field("text", ev.text);
    w.Field("start", ev.start);
    w.Field("end", ev.end);
    w.Field("copy_of", ev.copy_of);
    w.Key("words");
    w.BeginArray();
    for (const EvidenceWord& x : ev.words) {
      w.BeginObject();
      w.Field("role", x.role);
      w.Field("text", x.text);
      w.Field("start", x.start);
      w.Field("end", x.end);
      w.EndObject();
    }
    w.EndArray();
    w.EndObject();
  }
  w.EndArray();
}

void WriteEvent(JsonEmitter& w, const Event& e) {
  w.BeginObject();
  w.Field("id", e.id);
  w.Field("type", e.type);
  w.Field("subtype", e.subtype);
  w.Field("date", e.date);
  w.Field("location", e.location);
  w.Field("summary", e.summary);
  w.Field("actors", e.actors);
  w.Field("fatalities", e.fatalities);
  w.Field("sources", e.sources);
  w.Field("independent_sources", e.independent_sources);
  w.Key("mentions");
  WriteTextRefs(w, e.mentions);
  w.Field("status", e.status);
  w.Field("claimants", e.claimants);
  w.Key("evidence");
  WriteEvidence(w, e.evidence);
  w.Key("changed_in_copy");
  WriteCopyChanges(w, e.changed_in_copy);
  w.EndObject();
}

void WriteTimelineEntry(JsonEmitter& w, const TimelineEntry& t) {
  w.BeginObject();
  w.Field("date", t.date);
  w.Field("precision", t.precision);
  w.Field("summary", t.summary);
  w.Field("events", t.events);
  w.Field("sources", t.sources);
  w.Field("independent_sources", t.independent_sources);
  w.Field("status", t.status);
  w.Key("changed_in_copy");
  WriteCopyChanges(w, t.changed_in_copy);
  w.EndObject();
}

}  // namespace

std::string WriteReuseJson(const Reuse& pair, const JsonOptions& options) {
  std::string out;
  JsonEmitter w(out, options.indent);
  WriteReuse(w, pair, /*passage_index=*/true);
  return out;
}

std::string WriteJson(const Report& report, const JsonOptions& options) {
  std::string out;
  out.reserve(EstimateSize(report, options.indent));
  JsonEmitter w(out, options.indent);
  w.BeginObject();
  w.Field("sitrep", report.version);
  w.Field("contract", std::string_view(kContractVersion));

  w.Key("documents");
  w.BeginArray();
  for (const Document& d : report.documents) WriteDocument(w, d);
  w.EndArray();

  w.Key("reuse");
  w.BeginArray();
  for (const Reuse& r : report.reuse) WriteReuse(w, r);
  w.EndArray();

  w.Key("clusters");
  w.BeginArray();
  for (const CopyCluster& c : report.clusters) {
    w.BeginObject();
    w.Field("id", c.id);
    w.Field("docs", c.docs);
    w.EndObject();
  }
  w.EndArray();

  w.Key("entities");
  w.BeginArray();
  for (const Entity& e : report.entities) WriteEntity(w, e);
  w.EndArray();

  w.Key("times");
  w.BeginArray();
  for (const TimeExpr& t : report.times) WriteTime(w, t);
  w.EndArray();

  w.Key("quantities");
  w.BeginArray();
  for (const Quantity& q : report.quantities) WriteQuantity(w, q);
  w.EndArray();

  w.Key("claims");
  w.BeginArray();
  for (const Claim& c : report.claims) WriteClaim(w, c);
  w.EndArray();

  w.Key("events");
  w.BeginArray();
  for (const Event& e : report.events) WriteEvent(w, e);
  w.EndArray();

  w.Key("contradictions");
  w.BeginArray();
  for (const Contradiction& c : report.contradictions) {
    w.BeginObject();
    w.Field("about", c.about);
    w.Field("kind", c.kind);
    w.Key("values");
    WriteTextRefs(w, c.values);
    w.EndObject();
  }
  w.EndArray();

  w.Key("timeline");
  w.BeginArray();
  for (const TimelineEntry& t : report.timeline) WriteTimelineEntry(w, t);
  w.EndArray();

  w.Key("diagnostics");
  w.BeginArray();
  for (const Diagnostic& d : report.diagnostics) {
    w.BeginObject();
    w.Field("severity", SeverityName(d.severity));
    w.Field("path", d.path);
    w.Field("message", d.message);
    w.EndObject();
  }
  w.EndArray();

  w.EndObject();
  out += '\n';
  return out;
}

}  // namespace sitrep::report
