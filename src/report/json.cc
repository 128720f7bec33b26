#include "report/json.h"

#include <nlohmann/json.hpp>

namespace sitrep::report {
namespace {

using nlohmann::json;

template <typename T>
json Opt(const std::optional<T>& v) {
  return v ? json(*v) : json(nullptr);
}

json DocumentJson(const Document& d) {
  json blocks = json::array();
  for (const Block& b : d.blocks) {
    blocks.push_back({{"role", BlockRoleName(b.role)},
                      {"text", d.Slice(b)},
                      {"start", b.start},
                      {"end", b.end}});
  }
  return {{"id", d.id},
          {"path", d.path},
          {"format", d.format},
          {"url", Opt(d.url)},
          {"title", Opt(d.title)},
          {"published", Opt(d.published)},
          {"published_basis", Opt(d.published_basis)},
          {"outlet", Opt(d.outlet)},
          {"author", Opt(d.author)},
          {"language", Opt(d.language)},
          {"blocks", std::move(blocks)}};
}

json ReuseJson(const Reuse& r) {
  json passages = json::array();
  for (const Passage& p : r.passages) {
    passages.push_back({{"source_text", p.source_text},
                        {"copy_text", p.copy_text},
                        {"similarity", p.similarity},
                        {"source_start", p.source_start},
                        {"source_end", p.source_end},
                        {"copy_start", p.copy_start},
                        {"copy_end", p.copy_end}});
  }
  json drift = json::array();
  for (const Drift& d : r.drift) {
    drift.push_back({{"kind", d.kind},
                     {"source_text", d.source_text},
                     {"copy_text", d.copy_text},
                     {"source_context", d.source_context},
                     {"copy_context", d.copy_context}});
  }
  return {{"source", r.source},
          {"copy", r.copy},
          {"relation", r.relation},
          {"coverage", r.coverage},
          {"similarity", r.similarity},
          {"direction_basis", r.direction_basis},
          {"passages", std::move(passages)},
          {"drift", std::move(drift)}};
}

json MentionsJson(const std::vector<Mention>& mentions) {
  json out = json::array();
  for (const Mention& m : mentions) {
    out.push_back({{"doc", m.doc}, {"text", m.text}, {"start", m.start}, {"end", m.end}});
  }
  return out;
}

json TextRefsJson(const std::vector<TextRef>& refs) {
  json out = json::array();
  for (const TextRef& r : refs) out.push_back({{"doc", r.doc}, {"text", r.text}});
  return out;
}

}  // namespace

std::string WriteJson(const Report& report, const JsonOptions& options) {
  json out;
  out["sitrep"] = report.version;

  json& docs = out["documents"] = json::array();
  for (const Document& d : report.documents) docs.push_back(DocumentJson(d));

  json& reuse = out["reuse"] = json::array();
  for (const Reuse& r : report.reuse) reuse.push_back(ReuseJson(r));

  json& clusters = out["clusters"] = json::array();
  for (const CopyCluster& c : report.clusters) {
    clusters.push_back({{"id", c.id}, {"docs", c.docs}});
  }

  json& entities = out["entities"] = json::array();
  for (const Entity& e : report.entities) {
    entities.push_back({{"id", e.id},
                        {"name", e.name},
                        {"type", e.type},
                        {"aliases", e.aliases},
                        {"lat", Opt(e.lat)},
                        {"lon", Opt(e.lon)},
                        {"geonames_id", Opt(e.geonames_id)},
                        {"country", Opt(e.country)},
                        {"place_kind", Opt(e.place_kind)},
                        {"mentions", MentionsJson(e.mentions)}});
  }

  json& times = out["times"] = json::array();
  for (const TimeExpr& t : report.times) {
    times.push_back({{"doc", t.doc},
                     {"text", t.text},
                     {"start", t.start},
                     {"end", t.end},
                     {"value", t.value},
                     {"type", t.type},
                     {"qualifier", Opt(t.qualifier)}});
  }

  json& quantities = out["quantities"] = json::array();
  for (const Quantity& q : report.quantities) {
    quantities.push_back({{"doc", q.doc},
                          {"text", q.text},
                          {"start", q.start},
                          {"end", q.end},
                          {"value", q.value},
                          {"low", Opt(q.low)},
                          {"high", Opt(q.high)},
                          {"unit", Opt(q.unit)},
                          {"qualifier", Opt(q.qualifier)},
                          {"about", Opt(q.about)},
                          {"rate", Opt(q.rate)}});
  }

  json& claims = out["claims"] = json::array();
  for (const Claim& c : report.claims) {
    claims.push_back({{"id", c.id},
                      {"doc", c.doc},
                      {"speaker", Opt(c.speaker)},
                      {"speaker_name", Opt(c.speaker_name)},
                      {"cue", c.cue},
                      {"channel", Opt(c.channel)},
                      {"text", c.text},
                      {"direct", c.direct},
                      {"start", c.start},
                      {"end", c.end}});
  }

  json& events = out["events"] = json::array();
  for (const Event& e : report.events) {
    events.push_back({{"id", e.id},
                      {"type", e.type},
                      {"subtype", Opt(e.subtype)},
                      {"date", Opt(e.date)},
                      {"location", Opt(e.location)},
                      {"summary", e.summary},
                      {"actors", e.actors},
                      {"fatalities", Opt(e.fatalities)},
                      {"sources", e.sources},
                      {"independent_sources", e.independent_sources},
                      {"mentions", TextRefsJson(e.mentions)}});
  }

  json& contradictions = out["contradictions"] = json::array();
  for (const Contradiction& c : report.contradictions) {
    contradictions.push_back(
        {{"about", c.about}, {"kind", c.kind}, {"values", TextRefsJson(c.values)}});
  }

  json& timeline = out["timeline"] = json::array();
  for (const TimelineEntry& t : report.timeline) {
    timeline.push_back({{"date", t.date},
                        {"precision", Opt(t.precision)},
                        {"summary", t.summary},
                        {"events", t.events},
                        {"sources", t.sources},
                        {"independent_sources", t.independent_sources}});
  }

  json& diagnostics = out["diagnostics"] = json::array();
  for (const Diagnostic& d : report.diagnostics) {
    diagnostics.push_back(
        {{"severity", d.severity == Diagnostic::Severity::kError ? "error" : "warning"},
         {"path", d.path},
         {"message", d.message}});
  }

  // Text is repaired UTF-8 by construction; `replace` guards against any invalid byte
  // that slipped through instead of throwing.
  return out.dump(options.indent, ' ', false, json::error_handler_t::replace) + "\n";
}

}  // namespace sitrep::report
