#include "report/markdown.h"

#include <algorithm>
#include <cstdio>
#include <map>
#include <set>

namespace sitrep::report {
namespace {

std::string Fixed(double v, int digits) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", digits, v);
  return buf;
}

std::string Number(double v) {
  if (v == static_cast<long long>(v)) return std::to_string(static_cast<long long>(v));
  return Fixed(v, 2);
}

std::string Join(const std::vector<std::string>& items, std::string_view sep) {
  std::string out;
  for (size_t i = 0; i < items.size(); ++i) {
    if (i) out += sep;
    out += items[i];
  }
  return out;
}

std::string Quote(std::string_view text, size_t max_bytes = 300) {
  std::string t(text.substr(0, max_bytes));
  // Do not cut a UTF-8 sequence in half.
  while (!t.empty() && t.size() < text.size() &&
         (static_cast<unsigned char>(t.back()) & 0xC0) == 0x80) {
    t.pop_back();
  }
  if (!t.empty() && t.size() < text.size()) t.pop_back();
  std::string out = EscapeMarkdown(t);
  if (t.size() < text.size()) out += "…";
  return out;
}

const Entity* FindEntity(const Report& r, const std::optional<std::string>& id) {
  if (!id) return nullptr;
  for (const Entity& e : r.entities) {
    if (e.id == *id) return &e;
  }
  return nullptr;
}

size_t Limit(const MarkdownOptions& o, size_t n) {
  return o.max_items == 0 ? n : std::min(n, o.max_items);
}

void Summary(const Report& r, std::string& out) {
  std::set<std::string> clustered;
  for (const CopyCluster& c : r.clusters) clustered.insert(c.docs.begin(), c.docs.end());
  size_t independent = r.clusters.size();
  for (const Document& d : r.documents) independent += clustered.count(d.id) ? 0 : 1;
  size_t between = 0, drift = 0;
  for (const Contradiction& c : r.contradictions) (c.kind == "copy-drift" ? drift : between)++;
  out += "## Summary\n\n";
  out += "- Documents: " + std::to_string(r.documents.size()) + " (" + std::to_string(independent) +
         " independent after grouping copies)\n";
  out += "- Copies and rewrites found: " + std::to_string(r.reuse.size()) + "\n";
  out += "- Events: " + std::to_string(r.events.size()) + "\n";
  out += "- Disagreements between independent sources: " + std::to_string(between) + "\n";
  out += "- Facts changed in copying: " + std::to_string(drift) + "\n";
  // Info diagnostics (what a WARC file held) are listed at the end but are not problems.
  const auto problems =
      std::count_if(r.diagnostics.begin(), r.diagnostics.end(),
                    [](const auto& d) { return d.severity != Diagnostic::Severity::kInfo; });
  if (problems > 0) {
    out += "- Input problems: " + std::to_string(problems) + " (see the end)\n";
  }
  out += "\n";
}

// "date “February 24” → “February 24, 2014” (001)": what copies changed.
std::string Changes(const std::vector<CopyChange>& changes) {
  std::string out;
  for (const CopyChange& c : changes) {
    if (!out.empty()) out += "; ";
    if (c.kind == "added") {
      out += "added “" + Quote(c.copy_text, 80) + "”";
    } else {
      out += EscapeMarkdown(c.kind) + " “" + Quote(c.source_text, 80) + "” → “" +
             Quote(c.copy_text, 80) + "”";
    }
    out += " (" + EscapeMarkdown(Join(c.docs, ", ")) + ")";
  }
  return out;
}

std::string Names(const Report& r, const std::vector<std::string>& ids) {
  std::vector<std::string> names;
  for (const std::string& id : ids) {
    const Entity* e = FindEntity(r, id);
    names.push_back(e ? e->name : id);
  }
  return Join(names, ", ");
}

void Timeline(const Report& r, const MarkdownOptions& o, std::string& out) {
  out += "## Timeline\n\n";
  if (r.timeline.empty()) {
    out += "No dated events.\n\n";
    return;
  }
  out +=
      "Events reported or claimed, in date order; denied and background events are listed "
      "under Events.\n\n";
  out +=
      "| Date | What happened | Status | Sources | Independent | Changed in copies |\n"
      "|---|---|---|---|---|---|\n";
  for (size_t i = 0; i < Limit(o, r.timeline.size()); ++i) {
    const TimelineEntry& t = r.timeline[i];
    out += "| " + EscapeMarkdown(t.date) + " | " + Quote(t.summary, 200) + " | " +
           EscapeMarkdown(t.status) + " | " + EscapeMarkdown(Join(t.sources, ", ")) + " | " +
           std::to_string(t.independent_sources) + " | " + Changes(t.changed_in_copy) + " |\n";
  }
  out += "\n";
}

// The words that decided an event, from its first evidence sentence: "type “shelled”,
// date “on Thursday”, place “Bakhmut”".
std::string Why(const Event& e) {
  if (e.evidence.empty()) return "";
  // The first sentence that is not a copy's: a copy's changed words never explain it.
  const Evidence* first = &e.evidence.front();
  for (const Evidence& ev : e.evidence) {
    if (!ev.copy_of) {
      first = &ev;
      break;
    }
  }
  std::string out;
  for (const EvidenceWord& w : first->words) {
    if (!out.empty()) out += ", ";
    out += EscapeMarkdown(w.role) + " “" + Quote(w.text, 60) + "”";
  }
  return out;
}

void EventLine(const Report& r, const Event& e, std::string& out) {
  out += "- **" + EscapeMarkdown(e.type) + "**";
  if (e.subtype) out += " / " + EscapeMarkdown(*e.subtype);
  if (e.date) out += " (" + EscapeMarkdown(*e.date) + ")";
  if (const Entity* place = FindEntity(r, e.location)) out += " in " + EscapeMarkdown(place->name);
  if (e.status != "reported") {
    out += " — *" + EscapeMarkdown(e.status);
    if (!e.claimants.empty()) out += " by " + EscapeMarkdown(Names(r, e.claimants));
    out += "*";
  }
  out += ": " + Quote(e.summary, 240);
  if (e.fatalities) out += " Fatalities: " + Number(*e.fatalities) + ".";
  out += " Sources: " + EscapeMarkdown(Join(e.sources, ", ")) + " (" +
         std::to_string(e.independent_sources) + " independent)\n";
  if (const std::string why = Why(e); !why.empty()) out += "  - why: " + why + "\n";
  if (!e.changed_in_copy.empty()) {
    out += "  - changed in copies: " + Changes(e.changed_in_copy) + "\n";
  }
}

void Events(const Report& r, const MarkdownOptions& o, std::string& out) {
  out += "## Events\n\n";
  if (r.events.empty()) {
    out += "No events found.\n\n";
    return;
  }
  // Reported and claimed events first; denied and background ones apart.
  size_t shown = 0;
  const size_t limit = Limit(o, r.events.size());
  for (const char* group : {"", "denied", "background"}) {
    bool heading = false;
    for (const Event& e : r.events) {
      const bool main = e.status != "denied" && e.status != "background";
      if (*group ? e.status != group : !main) continue;
      if (shown >= limit) break;
      if (*group && !heading) {
        out += std::string("\n### ") +
               (group[0] == 'd' ? "Denied"
                                : "Background (long before "
                                  "the reporting)") +
               "\n\n";
        heading = true;
      }
      EventLine(r, e, out);
      ++shown;
    }
  }
  if (r.events.size() > shown) {
    out += "- … and " + std::to_string(r.events.size() - shown) + " more\n";
  }
  out += "\n";
}

void Contradictions(const Report& r, std::string& out) {
  out += "## Disagreements\n\n";
  if (r.contradictions.empty()) {
    out += "None found.\n\n";
    return;
  }
  for (const Contradiction& c : r.contradictions) {
    out += "- **" + EscapeMarkdown(c.about) + "** (" +
           (c.kind == "copy-drift" ? std::string("changed in copying")
                                   : std::string("independent sources disagree")) +
           ")\n";
    for (const TextRef& v : c.values) {
      out += "  - " + EscapeMarkdown(v.doc) + ": " + Quote(v.text, 200) + "\n";
    }
  }
  out += "\n";
}

void Copies(const Report& r, std::string& out) {
  out += "## Copies and rewrites\n\n";
  if (r.reuse.empty()) {
    out += "No document copies another.\n\n";
    return;
  }
  for (const Reuse& u : r.reuse) {
    const bool vowel = !u.relation.empty() && std::string_view("aeiou").find(u.relation[0]) !=
                                                  std::string_view::npos;  // "an excerpt"
    out += "- **" + EscapeMarkdown(u.copy) + "** is " + (vowel ? "an " : "a ") +
           EscapeMarkdown(u.relation) + " of **" + EscapeMarkdown(u.source) +
           "**: " + Fixed(u.coverage * 100, 0) + "% of its body aligned, similarity " +
           Fixed(u.similarity, 2);
    if (!u.direction_basis.empty())
      out += " (direction: " + EscapeMarkdown(u.direction_basis) + ")";
    out += "\n";
    for (const Drift& d : u.drift) {
      if (d.kind == "added") {  // the copy's alone
        out += "  - added by the copy: “" + Quote(d.copy_text, 120) + "”\n";
        continue;
      }
      out += "  - changed " + EscapeMarkdown(d.kind) + ": “" + Quote(d.source_text, 120) + "” → “" +
             Quote(d.copy_text, 120) + "”\n";
    }
  }
  out += "\n";
}

void Entities(const Report& r, const MarkdownOptions& o, std::string& out) {
  out += "## People, organisations and places\n\n";
  if (r.entities.empty()) {
    out += "None found.\n\n";
    return;
  }
  std::vector<const Entity*> sorted;
  for (const Entity& e : r.entities) sorted.push_back(&e);
  std::stable_sort(sorted.begin(), sorted.end(), [](const Entity* a, const Entity* b) {
    return a->mentions.size() > b->mentions.size();
  });
  out += "| Name | Type | Mentions | Documents | Also called |\n|---|---|---|---|---|\n";
  for (size_t i = 0; i < Limit(o, sorted.size()); ++i) {
    const Entity& e = *sorted[i];
    std::set<std::string> docs;
    for (const Mention& m : e.mentions) docs.insert(m.doc);
    std::string name = EscapeMarkdown(e.name);
    if (e.lat && e.lon) name += " (" + Fixed(*e.lat, 3) + ", " + Fixed(*e.lon, 3) + ")";
    out += "| " + name + " | " + EscapeMarkdown(e.type) + " | " +
           std::to_string(e.mentions.size()) + " | " + std::to_string(docs.size()) + " | " +
           EscapeMarkdown(Join(e.aliases, ", ")) + " |\n";
  }
  out += "\n";
}

void Claims(const Report& r, const MarkdownOptions& o, std::string& out) {
  out += "## Who says what\n\n";
  if (r.claims.empty()) {
    out += "No attributed statements found.\n\n";
    return;
  }
  for (size_t i = 0; i < Limit(o, r.claims.size()); ++i) {
    const Claim& c = r.claims[i];
    out += "- **" + EscapeMarkdown(c.speaker_name.value_or("unnamed source")) + "**";
    if (c.channel) out += " (" + EscapeMarkdown(*c.channel) + ")";
    out += std::string(c.direct ? " said: “" : " reportedly: “") + Quote(c.text, 240) + "” — " +
           EscapeMarkdown(c.doc) + "\n";
  }
  if (r.claims.size() > Limit(o, r.claims.size())) {
    out += "- … and " + std::to_string(r.claims.size() - Limit(o, r.claims.size())) + " more\n";
  }
  out += "\n";
}

void Documents(const Report& r, std::string& out) {
  out += "## Documents\n\n";
  if (r.documents.empty()) {
    out += "No document could be read.\n\n";
    return;
  }
  out +=
      "| Id | Title | Published | Outlet | Body blocks | Junk blocks "
      "|\n|---|---|---|---|---|---|\n";
  for (const Document& d : r.documents) {
    size_t body = 0, junk = 0;
    for (const Block& b : d.blocks) {
      if (b.role == BlockRole::kBody) ++body;
      if (b.role == BlockRole::kBoilerplate || b.role == BlockRole::kRepeat) ++junk;
    }
    std::string published = d.published.value_or("unknown");
    if (d.published && d.published_basis && *d.published_basis != "metadata") {
      published += " (" + *d.published_basis + ")";
    }
    out += "| " + EscapeMarkdown(d.id) + " | " + Quote(d.title.value_or(""), 120) + " | " +
           EscapeMarkdown(published) + " | " + EscapeMarkdown(d.outlet.value_or("")) + " | " +
           std::to_string(body) + " | " + std::to_string(junk) + " |\n";
  }
  out += "\n";
}

void Diagnostics(const Report& r, std::string& out) {
  if (r.diagnostics.empty()) return;
  out += "## Input problems\n\n";
  for (const Diagnostic& d : r.diagnostics) {
    out += "- " + std::string(SeverityName(d.severity)) + ": " + EscapeMarkdown(d.path) + ": " +
           EscapeMarkdown(d.message) + "\n";
  }
  out += "\n";
}

}  // namespace

std::string EscapeMarkdown(std::string_view text) {
  std::string out;
  out.reserve(text.size() + 8);
  for (char c : text) {
    switch (c) {
      case '\\':
      case '`':
      case '*':
      case '_':
      case '[':
      case ']':
      case '|':
      case '#':
      case '<':
      case '>':
      case '!':
        out += '\\';
        out += c;
        break;
      case '\n':
      case '\r':
      case '\t':
        out += ' ';
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::string WriteMarkdown(const Report& report, const MarkdownOptions& options) {
  std::string out = "# " + EscapeMarkdown(options.title) + "\n\n";
  out += "_Generated by sitrep " + EscapeMarkdown(report.version) + " from " +
         std::to_string(report.documents.size()) + " documents._\n\n";
  Summary(report, out);
  Timeline(report, options, out);
  Events(report, options, out);
  Contradictions(report, out);
  Copies(report, out);
  Entities(report, options, out);
  Claims(report, options, out);
  Documents(report, out);
  Diagnostics(report, out);
  return out;
}

}  // namespace sitrep::report
