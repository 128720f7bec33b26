#include "reconcile/reconcile.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <climits>
#include <cmath>
#include <iterator>
#include <map>
#include <numeric>
#include <set>
#include <string>
#include <string_view>
#include <tuple>
#include <unordered_map>
#include <unordered_set>
#include <utility>

#include "base/parallel.h"
#include "base/union_find.h"
#include "reconcile/events.h"
#include "reconcile/figures.h"
#include "reconcile/mentions.h"
#include "reconcile/sources.h"
#include "reconcile/timex.h"

namespace sitrep::reconcile {
namespace {

constexpr long kNoDayLo = LONG_MIN / 4;
constexpr long kNoDayHi = LONG_MAX / 4;

using base::UnionFind;

// Drift kinds that change a fact (not an omission or a rewording): what copies are
// reported for, as copy-drift contradictions and in events' changed_in_copy.
bool IsFactualDrift(std::string_view kind) {
  static const std::unordered_set<std::string_view> kFactual = {
      "date",   "time",         "number", "quantity", "place",
      "person", "organization", "quote",  "negation", "hedge"};
  return kFactual.contains(kind);
}

// Cuts `s` to at most `max` bytes at a space (never inside a UTF-8 sequence), adding "…".
std::string Shorten(std::string_view s, size_t max) {
  if (s.size() <= max) return std::string(s);
  size_t cut = max;
  while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80) --cut;
  const size_t space = s.rfind(' ', cut);
  if (space != std::string_view::npos && space > max / 2) cut = space;
  std::string out(s.substr(0, cut));
  while (!out.empty() && (out.back() == ' ' || out.back() == ',')) out.pop_back();
  return out + "…";
}

// Sentence text with inner line breaks folded to spaces (blocks never hold sentences
// across paragraphs, but hard-wrapped .txt lines do).
std::string Folded(std::string_view sentence) {
  std::string out(sentence);
  for (char& c : out) {
    if (c == '\n' || c == '\r' || c == '\t') c = ' ';
  }
  return out;
}

// The sentence at [start, end) of `d`, folded.
std::string SentenceText(const Document& d, size_t start, size_t end) {
  return Folded(d.Slice(start, end));
}

// Day interval a mention is taken to cover; `basis` says where it comes from.
struct MentionDate {
  long first = kNoDayLo, last = kNoDayHi;
  bool from_text = false;
  bool known = false;
};

MentionDate DateOf(const EventMention& m, const Document& d, int window) {
  MentionDate md;
  if (m.date) {
    md.first = m.date->first;
    md.last = m.date->last;
    md.from_text = md.known = true;
  } else if (d.published) {
    if (std::optional<DateSpan> p = ParseTimex(*d.published)) {
      md.first = p->last - std::max(0, window);
      md.last = p->last;
      md.known = true;
    }
  }
  return md;
}

// Most frequent value among `values`; ties go to the one seen first.
template <typename T>
T MostFrequent(const std::vector<T>& values) {
  std::map<T, std::pair<int, size_t>> count;  // value -> (count, first position)
  for (size_t i = 0; i < values.size(); ++i) {
    auto [it, fresh] = count.try_emplace(values[i], 0, i);
    ++it->second.first;
  }
  const T* best = nullptr;
  std::pair<int, size_t> best_score{0, 0};
  for (const auto& [v, score] : count) {
    if (!best || score.first > best_score.first ||
        (score.first == best_score.first && score.second < best_score.second)) {
      best = &v;
      best_score = score;
    }
  }
  return *best;
}

struct Built {
  Event event;
  long first = kNoDayLo, last = kNoDayHi;  // the event's date interval (text dates only)
  Precision precision = Precision::kDay;
  size_t first_doc = 0;
  size_t first_mention = 0;     // mention index of the first mention (document order)
  std::vector<size_t> members;  // mention indices
  bool added_only = false;      // told only by copies that added it to their source
};

// Records mode (ReconcileMentions): the mentions come ready from records of many pieces,
// with what detection and the copy links gave them in their piece.
struct Prepared {
  std::vector<EventMention> mentions;  // doc: index into the synthetic report's documents
  std::vector<size_t> ordinal;
  std::vector<std::optional<size_t>> copy_of;
  std::vector<std::vector<CopyChange>> changes;
  std::vector<bool> added;
  std::vector<Evidence> evidence;
  std::vector<std::optional<size_t>> main_place;  // by document
  const WordCounts* counts = nullptr;
};

const std::vector<text::DocText>& NoTexts() {
  static const std::vector<text::DocText> none;
  return none;
}

class Reconciler {
 public:
  Reconciler(Report& report, const std::vector<text::DocText>& texts,
             const ReconcileOptions& options, const PlaceCounts* places = nullptr)
      : r_(report),
        texts_(texts),
        o_(options),
        sources_(report),
        index_(BuildCorpusIndex(report, places)) {}

  // Records mode: `report` holds the documents, entities and fatality figures the
  // records name; `prepared` the mentions.
  Reconciler(Report& report, const ReconcileOptions& options, Prepared& prepared)
      : r_(report),
        texts_(NoTexts()),
        o_(options),
        sources_(report),
        index_(BuildCorpusIndex(report)),
        prepared_(&prepared) {}

  void Run(MentionSet* exported = nullptr) {
    Detect();
    LinkCopies();
    if (exported) Export(*exported);
    Merge();
    Events();
    if (prepared_) {  // records mode gives the events and the timeline only
      Timeline();
      return;
    }
    EventFigures();
    OtherFigures();
    CopyDrift();
    Timeline();
  }

 private:
  void Detect() {
    if (prepared_) {
      mentions_ = std::move(prepared_->mentions);
      ordinal_ = std::move(prepared_->ordinal);
      for (size_t d = 0; d < index_.docs.size() && d < prepared_->main_place.size(); ++d) {
        index_.docs[d].main_place = prepared_->main_place[d];
      }
    } else {
      DetectInText();
    }
    dates_.reserve(mentions_.size());
    for (const EventMention& m : mentions_) {
      dates_.push_back(DateOf(m, r_.documents[m.doc], o_.undated_window_days));
    }
  }

  void DetectInText() {
    const size_t n = std::min(texts_.size(), r_.documents.size());
    std::vector<std::vector<EventMention>> per_doc(n);
    base::ParallelFor(n, o_.threads,
                      [&](size_t d) { per_doc[d] = DetectEvents(r_, texts_[d], d, index_); });
    for (auto& v : per_doc) {
      for (size_t k = 0; k < v.size(); ++k) {
        mentions_.push_back(std::move(v[k]));
        ordinal_.push_back(k + 1);
      }
    }
  }

  // A copy's mention of an event is its source's observation: each mention in a copy is
  // linked to the source's mention of the sentence it was taken from (the aligned passage
  // that covers it, the most similar mention there), and every factual change the reuse
  // stage found in that sentence is kept as the copy's version (changed_in_copy).
  void LinkCopies() {
    if (prepared_) {
      copy_of_ = std::move(prepared_->copy_of);
      changes_ = std::move(prepared_->changes);
      added_ = std::move(prepared_->added);
      return;
    }
    const size_t n = mentions_.size();
    copy_of_.assign(n, std::nullopt);
    changes_.assign(n, {});
    added_.assign(n, false);
    std::vector<std::vector<size_t>> by_doc(r_.documents.size());
    for (size_t i = 0; i < n; ++i) by_doc[mentions_[i].doc].push_back(i);
    for (const Reuse& pair : r_.reuse) {
      const int src = sources_.DocIndex(pair.source);
      const int cpy = sources_.DocIndex(pair.copy);
      if (src < 0 || cpy < 0 || src == cpy) continue;
      const Document& copy_doc = r_.documents[cpy];
      for (size_t i : by_doc[cpy]) {
        if (copy_of_[i]) continue;
        const EventMention& m = mentions_[i];
        // The passage that covers most of the sentence.
        const Passage* best = nullptr;
        size_t best_overlap = 0;
        for (const Passage& p : pair.passages) {
          const size_t lo = std::max(p.copy_start, m.start), hi = std::min(p.copy_end, m.end);
          if (hi > lo && hi - lo > best_overlap) {
            best = &p;
            best_overlap = hi - lo;
          }
        }
        if (!best) continue;
        std::optional<size_t> match;
        double match_score = -1;
        for (size_t j : by_doc[src]) {
          const EventMention& o = mentions_[j];
          if (o.end <= best->source_start || o.start >= best->source_end) continue;
          if (copy_of_[j] == i) continue;
          const double score = Dice(m.words, o.words) + (o.type == m.type ? 0.5 : 0);
          if (score > match_score) {
            match = j;
            match_score = score;
          }
        }
        const std::string sentence = SentenceText(copy_doc, m.start, m.end);
        bool any_added = false;
        for (const Drift& d : pair.drift) {
          if (!(IsFactualDrift(d.kind) || d.kind == "added") || d.copy_context.empty()) continue;
          if (sentence.find(d.copy_context) == std::string::npos &&
              d.copy_context.find(sentence) == std::string::npos) {
            continue;
          }
          if (d.kind != "added" && !match) continue;
          any_added = any_added || d.kind == "added";
          CopyChange c;
          c.kind = d.kind;
          c.source_text = d.source_text;
          c.copy_text = d.copy_text;
          c.source_doc = pair.source;
          c.docs = {pair.copy};
          c.copy_context = sentence;
          changes_[i].push_back(std::move(c));
        }
        if (match) {
          copy_of_[i] = *match;
        } else if (any_added) {
          added_[i] = true;  // a fact only the copy tells: the copy's alone
        }
      }
    }
  }

  // The sentence of mention i, line breaks folded.
  std::string MentionText(size_t i) const {
    if (prepared_) return Folded(prepared_->evidence[i].text);
    const EventMention& m = mentions_[i];
    return SentenceText(r_.documents[m.doc], m.start, m.end);
  }

  // The key that names one entity in every piece (mentions.h).
  std::string EntityKey(size_t e) const { return reconcile::EntityKey(r_.entities[e]); }

  // The mentions as self-contained records (mentions.h), after the copy links.
  void Export(MentionSet& out) const {
    std::unordered_map<size_t, size_t> entity_at;  // report entity -> out.entities
    auto entity = [&](size_t e) {
      auto [it, fresh] = entity_at.emplace(e, out.entities.size());
      if (fresh) {
        const Entity& x = r_.entities[e];
        out.entities.push_back(
            {EntityKey(e), x.id, x.name, x.type, x.lat, x.lon, x.country, x.place_kind});
      }
      return it->second;
    };
    auto entities = [&](const std::vector<size_t>& v) {
      std::vector<size_t> o;
      o.reserve(v.size());
      for (size_t e : v) o.push_back(entity(e));
      return o;
    };
    out.mentions.reserve(out.mentions.size() + mentions_.size());
    for (size_t i = 0; i < mentions_.size(); ++i) {
      const EventMention& m = mentions_[i];
      const Document& d = r_.documents[m.doc];
      MentionRecord rec;
      rec.doc = d.id;
      rec.published = d.published;
      rec.ordinal = ordinal_[i];
      rec.sentence = m.sentence;
      rec.type = std::string(m.type);
      rec.subtype = std::string(m.subtype);
      // The merge group: the type at the end of the copy chain. A cycle of copies takes
      // the type of its earliest mention, which every member of the cycle finds.
      {
        size_t at = i;
        std::vector<size_t> seen{i};
        while (copy_of_[at]) {
          at = *copy_of_[at];
          if (std::find(seen.begin(), seen.end(), at) != seen.end()) {
            at = *std::min_element(seen.begin(), seen.end());
            break;
          }
          seen.push_back(at);
        }
        rec.group = std::string(mentions_[at].type);
      }
      rec.date = m.date;
      if (m.place) rec.place = entity(*m.place);
      rec.place_from_text = m.place_from_text;
      rec.places = entities(m.places);
      rec.actors = entities(m.actors);
      rec.claimants = entities(m.claimants);
      if (const std::optional<size_t>& main = index_.docs[m.doc].main_place) {
        rec.main_place = entity(*main);
      }
      if (m.fatalities) rec.fatalities = r_.quantities[*m.fatalities].value;
      rec.words = m.words;
      rec.core_words = m.core_words;
      rec.status = std::string(m.status);
      rec.evidence = EvidenceOf(i);
      if (copy_of_[i]) {
        rec.copy_doc = r_.documents[mentions_[*copy_of_[i]].doc].id;
        rec.copy_ordinal = ordinal_[*copy_of_[i]];
      }
      rec.changes = changes_[i];
      rec.added = added_[i];
      out.mentions.push_back(std::move(rec));
    }
  }

  // Mention i is a copy of another document's mention (its attributes do not vote).
  bool IsCopy(size_t i) const { return i < copy_of_.size() && copy_of_[i].has_value(); }

  void Merge() {
    const size_t n = mentions_.size();
    UnionFind uf(n);
    // What each group allows, so that merging never chains "Homs" to "Deir ez-Zor" through
    // a placeless mention: the places every placed member names (intersection) and the
    // days every dated member allows (intersection).
    group_places_.assign(n, {});
    group_days_.assign(n, {kNoDayLo, kNoDayHi});
    for (size_t i = 0; i < n; ++i) {
      const EventMention& m = mentions_[i];
      if (IsCopy(i)) continue;  // no constraints of its own: it joins its source below
      if (m.place_from_text) {
        group_places_[i] = m.places;
        // A sentence that names only places the gazetteer does not know ("the Old City",
        // a district, a landmark) is set inside its document's main place, so that it
        // can meet reports that name the city.
        const std::optional<size_t>& main = index_.docs[m.doc].main_place;
        const bool only_unknown = std::none_of(m.places.begin(), m.places.end(), [&](size_t p) {
          return r_.entities[p].lat.has_value();
        });
        if (only_unknown && main && r_.entities[*main].lat) group_places_[i].push_back(*main);
        std::sort(group_places_[i].begin(), group_places_[i].end());
        group_places_[i].erase(std::unique(group_places_[i].begin(), group_places_[i].end()),
                               group_places_[i].end());
      }
      if (dates_[i].known) group_days_[i] = {dates_[i].first, dates_[i].last};
    }
    // (a) One type, one place, one day, all from the sentence: one event.
    std::unordered_map<std::string, size_t> strong;
    for (size_t i = 0; i < n; ++i) {
      const EventMention& m = mentions_[i];
      if (IsCopy(i) || !m.place || !m.date || m.date->precision != Precision::kDay) {
        continue;
      }
      std::string key = std::string(m.type) + '\x1f' + std::to_string(*m.place) + '\x1f' +
                        std::to_string(m.date->first);
      auto [it, fresh] = strong.emplace(std::move(key), i);
      if (!fresh) Join(uf, it->second, i);
    }
    // (c) Within one document, a mention whose sentence gives neither date nor place (a
    // headline, "the strike also damaged ...") is about the document's first mention of
    // the same type and place that does.
    {
      std::unordered_map<std::string, size_t> anchor;  // doc|type|place -> mention
      for (size_t i = 0; i < n; ++i) {
        const EventMention& m = mentions_[i];
        if (IsCopy(i) || (!m.date && !m.place_from_text)) continue;
        anchor.try_emplace(DocTypePlaceStatus(m), i);
      }
      for (size_t i = 0; i < n; ++i) {
        const EventMention& m = mentions_[i];
        if (IsCopy(i) || m.date || m.place_from_text) continue;
        auto it = anchor.find(DocTypePlaceStatus(m));
        if (it != anchor.end()) Join(uf, it->second, i);
      }
      // (d) Within one document, mentions of one type at one place whose dates meet are
      // one event (ACLED's unit: one type, one place, one day): the headline, the lead
      // and the recap of one strike. Join refuses groups whose places or days disagree.
      // Different statuses stay apart: a party's claim of an air strike and its enemy's
      // denial are versions of their own, not the strike the outlet reports.
      std::unordered_map<std::string, size_t> first;  // doc|type|place|status -> mention
      for (size_t i = 0; i < n; ++i) {
        const EventMention& m = mentions_[i];
        if (IsCopy(i) || !m.place) continue;
        auto [it, fresh] = first.try_emplace(DocTypePlaceStatus(m), i);
        if (!fresh && Compatible(it->second, i)) Join(uf, it->second, i);
      }
    }
    // (b) Same type and place, compatible dates, similar words. Buckets by type and place;
    // within a bucket mentions are taken in date order and compared with the latest few.
    // A mention goes into the bucket of every place its sentence names (and of its place),
    // so "the Old City of Mosul" meets "the Old City".
    // Buckets are named by the place's EntityKey, not its index in the report: buckets are
    // taken in name order and Join refuses what an earlier join made incompatible, so the
    // order must be the same in a run over pieces' records (ReconcileMentions), whose
    // reports number the entities otherwise.
    std::vector<std::string> place_key(r_.entities.size());
    auto key_of = [&](size_t p) -> const std::string& {
      if (place_key[p].empty()) place_key[p] = EntityKey(p);
      return place_key[p];
    };
    std::unordered_map<std::string, std::vector<size_t>> buckets;
    for (size_t i = 0; i < n; ++i) {
      const EventMention& m = mentions_[i];
      if (IsCopy(i)) continue;
      const std::string type(m.type);
      if (!m.place) {
        buckets[type + "\x1f-"].push_back(i);
        buckets[type + "\x1f*"].push_back(i);
        continue;
      }
      // Every mention also goes into its type's "*" bucket, where a mention whose sentence
      // names no place ("the offensive began on October 17") can meet one that does.
      buckets[type + "\x1f*"].push_back(i);
      buckets[type + '\x1f' + key_of(*m.place)].push_back(i);
      for (size_t p : m.places) {
        if (p != *m.place) buckets[type + '\x1f' + key_of(p)].push_back(i);
      }
    }
    Weigh();
    std::vector<std::string> keys;
    keys.reserve(buckets.size());
    for (const auto& [k, v] : buckets) keys.push_back(k);
    std::sort(keys.begin(), keys.end());  // the order matters: Join refuses what earlier
                                          // joins made incompatible (see above)
    const size_t max_back = static_cast<size_t>(std::max(1, o_.max_merge_candidates));
    for (const std::string& k : keys) {
      std::vector<size_t>& v = buckets[k];
      const bool any_place = k.ends_with("\x1f*");
      std::sort(v.begin(), v.end(), [&](size_t a, size_t b) {
        return dates_[a].first != dates_[b].first ? dates_[a].first < dates_[b].first : a < b;
      });
      for (size_t x = 1; x < v.size(); ++x) {
        const size_t i = v[x];
        const double need =
            mentions_[i].place ? o_.event_similarity : std::min(1.0, 2 * o_.event_similarity);
        const size_t lo = x > max_back ? x - max_back : 0;
        for (size_t y = x; y-- > lo;) {
          const size_t j = v[y];
          if (!Compatible(i, j)) continue;
          if (any_place && mentions_[i].place_from_text && mentions_[j].place_from_text) continue;
          if (uf.Find(i) == uf.Find(j)) continue;
          if (Similarity(i, j) >= need ||
              std::max(CoreContained(i, j), CoreContained(j, i)) >=
                  (mentions_[i].place ? o_.event_clause_similarity
                                      : std::min(1.0, 2 * o_.event_clause_similarity))) {
            Join(uf, i, j);
          }
        }
      }
    }
    // Copies join the event of the mention they copy.
    for (size_t i = 0; i < n; ++i) {
      if (IsCopy(i)) uf.Union(uf.Find(i), uf.Find(*copy_of_[i]));
    }
    std::unordered_map<size_t, size_t> group_of;
    for (size_t i = 0; i < n; ++i) {
      const size_t root = uf.Find(i);
      auto [it, fresh] = group_of.emplace(root, groups_.size());
      if (fresh) groups_.emplace_back();
      groups_[it->second].push_back(i);
    }
  }

  // Unions the groups of mentions i and j when their places and days still agree.
  void Join(UnionFind& uf, size_t i, size_t j) {
    const size_t a = uf.Find(i), b = uf.Find(j);
    if (a == b) return;
    const std::vector<size_t>& pa = group_places_[a];
    const std::vector<size_t>& pb = group_places_[b];
    std::vector<size_t> places;
    if (pa.empty()) {
      places = pb;
    } else if (pb.empty()) {
      places = pa;
    } else {
      places = CommonPlaces(pa, pb);
      if (places.empty()) return;
    }
    const long lo = std::max(group_days_[a].first, group_days_[b].first);
    const long hi = std::min(group_days_[a].second, group_days_[b].second);
    if (lo > hi) return;
    uf.Union(a, b);
    const size_t root = uf.Find(a);
    group_places_[root] = std::move(places);
    group_days_[root] = {lo, hi};
  }

  // A country, region or continent with coordinates; a city, or a name the gazetteer
  // did not place (a quarter, a landmark), is fine-grained.
  bool Coarse(size_t place) const {
    const Entity& e = r_.entities[place];
    return e.lat && e.place_kind && *e.place_kind != "city";
  }

  // Where two groups' places agree (both sorted): the fine-grained places they share;
  // else, when one names only countries or regions, the other's fine places inside them
  // ("Iraq says" meets "in Mosul"); else, when both name only countries or regions, the
  // ones they share. Two groups at different cities of one country do not agree.
  std::vector<size_t> CommonPlaces(const std::vector<size_t>& pa,
                                   const std::vector<size_t>& pb) const {
    auto fine = [&](const std::vector<size_t>& s) {
      std::vector<size_t> out;
      for (size_t p : s) {
        if (!Coarse(p)) out.push_back(p);
      }
      return out;
    };
    std::vector<size_t> shared;
    std::set_intersection(pa.begin(), pa.end(), pb.begin(), pb.end(), std::back_inserter(shared));
    if (std::vector<size_t> fine_shared = fine(shared); !fine_shared.empty()) return fine_shared;
    const std::vector<size_t> fa = fine(pa), fb = fine(pb);
    if (fa.empty() && fb.empty()) return shared;
    if (!fa.empty() && !fb.empty()) return {};
    const std::vector<size_t>& wide = fa.empty() ? pa : pb;
    const std::vector<size_t>& narrow = fa.empty() ? fb : fa;
    std::vector<size_t> out;
    for (size_t p : narrow) {
      const std::optional<std::string>& country = r_.entities[p].country;
      const bool inside = country && std::any_of(wide.begin(), wide.end(), [&](size_t w) {
                            return r_.entities[w].country == country;
                          });
      if (inside) out.push_back(p);
    }
    return out;
  }

  // Word weights: inverse document frequency over all mentions, so that "al-Nuri" and
  // "minaret" count for more than "forces" and "city".
  void Weigh() {
    // Records mode counts over the whole corpus (all pieces), not over this merge group.
    WordCounts own;
    if (!prepared_ || !prepared_->counts) {
      own.mentions = mentions_.size();
      for (const EventMention& m : mentions_) {
        for (uint64_t w : m.words) ++own.df[w];
      }
    }
    const WordCounts& counts = prepared_ && prepared_->counts ? *prepared_->counts : own;
    const double n = static_cast<double>(std::max<uint64_t>(counts.mentions, 1));
    weight_.clear();
    for (const EventMention& m : mentions_) {
      for (uint64_t w : m.words) {
        if (weight_.contains(w)) continue;
        auto it = counts.df.find(w);
        const double c = it == counts.df.end() ? 1.0 : static_cast<double>(it->second);
        weight_.emplace(w, std::log(1.0 + n / c));
      }
    }
    total_.assign(mentions_.size(), 0);
    for (size_t i = 0; i < mentions_.size(); ++i) {
      for (uint64_t w : mentions_[i].words) total_[i] += weight_[w];
    }
  }

  // Weighted overlap coefficient of the content words: the weight of the shared words over
  // that of the shorter sentence (a short report inside a long one still matches). At
  // least two shared words.
  double Similarity(size_t i, size_t j) const {
    const std::vector<uint64_t>& a = mentions_[i].words;
    const std::vector<uint64_t>& b = mentions_[j].words;
    double common = 0;
    int shared = 0;
    size_t x = 0, y = 0;
    while (x < a.size() && y < b.size()) {
      if (a[x] < b[y]) {
        ++x;
      } else if (b[y] < a[x]) {
        ++y;
      } else {
        common += weight_.at(a[x]);
        ++shared, ++x, ++y;
      }
    }
    const double shorter = std::min(total_[i], total_[j]);
    if (shared < 2 || shorter <= 0) return 0;
    return common / shorter;
  }

  // The weighted share of mention i's event clause (core_words) found in mention j's
  // sentence; 0 unless at least three words are shared.
  double CoreContained(size_t i, size_t j) const {
    const std::vector<uint64_t>& a = mentions_[i].core_words;
    const std::vector<uint64_t>& b = mentions_[j].words;
    double common = 0, all = 0;
    int shared = 0;
    size_t y = 0;
    for (uint64_t w : a) {
      const double weight = WeightOf(w);
      all += weight;
      while (y < b.size() && b[y] < w) ++y;
      if (y < b.size() && b[y] == w) common += weight, ++shared;
    }
    if (shared < 3 || all <= 0) return 0;
    return common / all;
  }

  double WeightOf(uint64_t w) const {
    auto it = weight_.find(w);
    return it == weight_.end() ? 1.0 : it->second;
  }

  // The key of the within-article rules: one document, one type, one place (named, else
  // the document's main place) and one status.
  static std::string DocTypePlaceStatus(const EventMention& m) {
    return std::to_string(m.doc) + '\x1f' + std::string(m.type) + '\x1f' +
           (m.place ? std::to_string(*m.place) : "-") + '\x1f' + std::string(m.status);
  }

  bool Compatible(size_t i, size_t j) const {
    const MentionDate& a = dates_[i];
    const MentionDate& b = dates_[j];
    if (!a.known || !b.known) return true;  // no date at all: only the words decide
    return a.first <= b.last && b.first <= a.last;
  }

  void Events() {
    std::vector<Built> built;
    built.reserve(groups_.size());
    for (std::vector<size_t>& g : groups_) {
      std::sort(g.begin(), g.end(), [&](size_t a, size_t b) {
        const EventMention& x = mentions_[a];
        const EventMention& y = mentions_[b];
        return x.doc != y.doc ? x.doc < y.doc : x.sentence < y.sentence;
      });
      built.push_back(Build(g));
      built.back().first_mention = g.front();
    }
    std::sort(built.begin(), built.end(), [](const Built& a, const Built& b) {
      const bool ad = a.event.date_basis == "text", bd = b.event.date_basis == "text";
      if (ad != bd) return ad;
      if (a.first != b.first) return a.first < b.first;
      if (a.last != b.last) return a.last > b.last;
      if (a.event.independent_sources != b.event.independent_sources) {
        return a.event.independent_sources > b.event.independent_sources;
      }
      return a.first_doc < b.first_doc;
    });
    r_.events.clear();
    for (size_t i = 0; i < built.size(); ++i) {
      // Named after the first mention: the k-th event mention of its document. Every
      // mention is in one event, so the names are unique, and an event keeps its name
      // as documents that do not change its first mention come and go.
      const size_t first = built[i].first_mention;
      built[i].event.id =
          "ev" + std::to_string(ordinal_[first]) + "@" + r_.documents[mentions_[first].doc].id;
      r_.events.push_back(std::move(built[i].event));
      event_spans_.push_back({built[i].first, built[i].last, built[i].precision});
      event_members_.push_back(std::move(built[i].members));
      event_added_only_.push_back(built[i].added_only);
    }
  }

  Built Build(const std::vector<size_t>& all) {
    Built b;
    b.members = all;
    Event& e = b.event;
    // The mentions whose attributes count: not copies (a copy's changed date or place is
    // its own version, listed under changed_in_copy), and of the firmest status told
    // (a reported strike over a party's claim about it).
    std::vector<size_t> g;
    for (size_t i : all) {
      if (!IsCopy(i)) g.push_back(i);
    }
    if (g.empty()) g = all;
    {
      auto rank = [&](size_t i) { return StatusRank(mentions_[i].status); };
      int best = INT_MAX;
      for (size_t i : g) best = std::min(best, rank(i));
      std::vector<size_t> firm;
      for (size_t i : g) {
        if (rank(i) == best) firm.push_back(i);
      }
      // Background and denied mentions of an event others report do not date it.
      g = std::move(firm);
    }
    std::vector<size_t> docs;
    for (size_t i : all) docs.push_back(mentions_[i].doc);
    {
      std::vector<size_t> seen;
      for (size_t d : docs) {
        if (std::find(seen.begin(), seen.end(), d) == seen.end()) seen.push_back(d);
      }
      std::sort(seen.begin(), seen.end());
      for (size_t d : seen) e.sources.push_back(r_.documents[d].id);
      b.first_doc = seen.front();
    }
    e.independent_sources = sources_.CountIndependent(docs);

    // Type and sub-type.
    std::vector<std::string_view> subtypes;
    e.type = std::string(mentions_[g.front()].type);
    for (size_t i : g) subtypes.push_back(mentions_[i].subtype);
    e.subtype = std::string(MostFrequent(subtypes));

    // Date: the finest date the sentences give, the most common at that precision.
    std::optional<Precision> finest;
    for (size_t i : g) {
      if (mentions_[i].date && (!finest || mentions_[i].date->precision < *finest)) {
        finest = mentions_[i].date->precision;
      }
    }
    if (finest) {
      std::vector<std::string> values;
      for (size_t i : g) {
        if (mentions_[i].date && mentions_[i].date->precision == *finest) {
          values.push_back(mentions_[i].date->value);
        }
      }
      const std::string value = MostFrequent(values);
      const DateSpan span = *ParseTimex(value);
      e.date = value;
      e.date_basis = "text";
      b.first = span.first;
      b.last = span.last;
      b.precision = span.precision;
    } else {
      // The earliest publication date among the sources bounds the event from above.
      std::optional<std::string> earliest;
      for (size_t d : docs) {
        const std::optional<std::string>& p = r_.documents[d].published;
        if (p && ParseTimex(*p) && (!earliest || *p < *earliest)) earliest = p->substr(0, 10);
      }
      if (earliest) {
        e.date = *earliest;
        e.date_basis = "published";
      }
    }

    // Place: the place most named, counting for each mention the places its sentence names
    // and its document's main place (so that "the Old City" and "Mosul" in stories about
    // Mosul give Mosul); ties go to the place most often chosen for a sentence, then to the
    // first seen.
    std::optional<size_t> place;
    {
      std::map<size_t, std::tuple<int, int, int>> score;  // place -> (named, chosen, -first)
      int order = 0;
      auto bump = [&](size_t p, int named, int chosen) {
        auto [it, fresh] = score.try_emplace(p, 0, 0, -(order++));
        std::get<0>(it->second) += named;
        std::get<1>(it->second) += chosen;
      };
      for (size_t i : g) {
        const EventMention& m = mentions_[i];
        if (m.place) bump(*m.place, m.place_from_text ? 0 : 1, 1);
        for (size_t p : m.places) bump(p, 1, 0);
        const std::optional<size_t>& main = index_.docs[m.doc].main_place;
        if (main && m.place_from_text) bump(*main, 1, 0);
      }
      for (const auto& [p, sc] : score) {
        if (!place || sc > score[*place]) place = p;
      }
      // A country or region wins the count in stories that name it in every headline
      // ("..., Iraq says"); the event happened at the city inside it that the mentions
      // name at least half as often.
      if (place && r_.entities[*place].place_kind.value_or("city") != "city") {
        const Entity& wide = r_.entities[*place];
        const int wide_named = std::get<0>(score[*place]);
        std::optional<size_t> city;
        for (const auto& [p, sc] : score) {
          const Entity& e = r_.entities[p];
          if (e.place_kind.value_or("") != "city" || e.country != wide.country || !e.country) {
            continue;
          }
          if (2 * std::get<0>(sc) < wide_named) continue;
          if (!city || sc > score[*city]) city = p;
        }
        if (city) place = city;
      }
    }
    if (place) e.location = r_.entities[*place].id;

    // Actors: by how many mentions name them.
    std::vector<size_t> all_actors;
    for (size_t i : g) {
      for (size_t a : mentions_[i].actors) all_actors.push_back(a);
    }
    {
      std::vector<std::pair<int, size_t>> ranked;  // (-count, first position)
      std::unordered_map<size_t, size_t> pos;
      for (size_t k = 0; k < all_actors.size(); ++k) {
        auto [it, fresh] = pos.emplace(all_actors[k], ranked.size());
        if (fresh) ranked.emplace_back(0, k);
        --ranked[it->second].first;
      }
      std::sort(ranked.begin(), ranked.end());
      for (const auto& [neg, k] : ranked) e.actors.push_back(r_.entities[all_actors[k]].id);
    }

    // Fatalities: the lowest figure reported (ACLED's conservative rule); disagreements
    // become contradictions (EventFigures).
    for (size_t i : g) {
      if (!mentions_[i].fatalities) continue;
      const double v = r_.quantities[*mentions_[i].fatalities].value;
      if (!e.fatalities || v < *e.fatalities) e.fatalities = v;
    }

    // Summary: the sentence that says most (date, place, toll in the text), earliest doc.
    size_t rep = g.front();
    int rep_score = -1;
    for (size_t i : g) {
      const EventMention& m = mentions_[i];
      const int score = (m.date ? 4 : 0) + (m.place_from_text ? 2 : 0) + (m.fatalities ? 1 : 0);
      if (score > rep_score) {
        rep = i;
        rep_score = score;
      }
    }
    e.summary = Shorten(MentionText(rep), o_.summary_max_bytes);

    // Status: how the firmest mentions tell it; an event dated over a year before its
    // earliest report is background.
    e.status = std::string(mentions_[g.front()].status);
    for (size_t i : g) {
      for (size_t c : mentions_[i].claimants) {
        const std::string& id = r_.entities[c].id;
        if (std::find(e.claimants.begin(), e.claimants.end(), id) == e.claimants.end()) {
          e.claimants.push_back(id);
        }
      }
    }
    if (e.date_basis == "text" && e.status != kDenied) {
      std::optional<long> earliest;
      for (size_t d : docs) {
        const std::optional<std::string>& p = r_.documents[d].published;
        if (!p) continue;
        if (std::optional<DateSpan> span = ParseTimex(*p)) {
          if (!earliest || span->last < *earliest) earliest = span->last;
        }
      }
      if (earliest && b.last < *earliest - kBackgroundDays) e.status = std::string(kBackground);
    }

    for (size_t i : all) {
      const EventMention& m = mentions_[i];
      e.mentions.push_back({r_.documents[m.doc].id, MentionText(i)});
      e.evidence.push_back(EvidenceOf(i));
      for (const CopyChange& c : changes_[i]) {
        auto same = std::find_if(e.changed_in_copy.begin(), e.changed_in_copy.end(),
                                 [&](const CopyChange& x) {
                                   return x.kind == c.kind && x.source_text == c.source_text &&
                                          x.copy_text == c.copy_text;
                                 });
        if (same == e.changed_in_copy.end()) {
          e.changed_in_copy.push_back(c);
        } else if (std::find(same->docs.begin(), same->docs.end(), c.docs.front()) ==
                   same->docs.end()) {
          same->docs.push_back(c.docs.front());
        }
      }
    }
    b.added_only = std::all_of(all.begin(), all.end(), [&](size_t i) { return added_[i]; });
    return b;
  }

  static int StatusRank(std::string_view status) {
    if (status == kReported) return 0;
    if (status == kClaimed) return 1;
    if (status == kBackground) return 2;
    return 3;  // denied
  }

  // The sentence of mention i with the words that decided the event.
  Evidence EvidenceOf(size_t i) const {
    if (prepared_) return prepared_->evidence[i];
    const EventMention& m = mentions_[i];
    const Document& d = r_.documents[m.doc];
    Evidence ev;
    ev.doc = d.id;
    ev.start = m.start;
    ev.end = m.end;
    ev.text = std::string(d.Slice(m.start, m.end));
    if (IsCopy(i)) ev.copy_of = r_.documents[mentions_[*copy_of_[i]].doc].id;
    auto word = [&](std::string_view role, size_t start, size_t end) {
      if (start >= end || end > d.text.size()) return;
      ev.words.push_back({std::string(role), std::string(d.Slice(start, end)), start, end});
    };
    word("type", m.cue.start, m.cue.end);
    if (m.status_word) word("status", m.status_word->start, m.status_word->end);
    if (m.time) word("date", r_.times[*m.time].start, r_.times[*m.time].end);
    if (m.place_word) word("place", m.place_word->start, m.place_word->end);
    for (const ByteSpan& a : m.actor_words) word("actor", a.start, a.end);
    if (m.fatalities) {
      word("fatalities", r_.quantities[*m.fatalities].start, r_.quantities[*m.fatalities].end);
    }
    std::sort(ev.words.begin(), ev.words.end(), [](const EvidenceWord& a, const EvidenceWord& b) {
      return a.start != b.start ? a.start < b.start : a.role < b.role;
    });
    return ev;
  }

  std::string EventLabel(const Event& e) const {
    std::string label = e.subtype ? *e.subtype : e.type;
    if (e.location) {
      for (size_t i = 0; i < r_.entities.size(); ++i) {
        if (r_.entities[i].id == *e.location) {
          label += " in " + r_.entities[i].name;
          break;
        }
      }
    }
    return label;
  }

  // Figures given by documents: groups them into sides that conflict and, when two
  // conflicting figures come from different copy clusters, records a contradiction.
  // `items` are (quantity index, document index, text shown for it).
  struct FigureItem {
    size_t quantity;
    size_t doc;
    std::string text;
  };

  bool Conflicting(const std::vector<FigureItem>& items, std::vector<bool>& involved) const {
    bool any = false;
    const size_t cap = std::min<size_t>(items.size(), 512);
    for (size_t a = 0; a < cap; ++a) {
      for (size_t b = a + 1; b < cap; ++b) {
        if (sources_.ClusterOf(items[a].doc) == sources_.ClusterOf(items[b].doc)) continue;
        if (FiguresConflict(r_.quantities[items[a].quantity], r_.quantities[items[b].quantity],
                            o_.contradiction_tolerance, o_.about_margin)) {
          involved[a] = involved[b] = true;
          any = true;
        }
      }
    }
    return any;
  }

  void AddContradiction(std::string about, std::optional<std::string> event,
                        std::vector<FigureItem>& items) {
    std::stable_sort(items.begin(), items.end(), [&](const FigureItem& a, const FigureItem& b) {
      return r_.quantities[a.quantity].value < r_.quantities[b.quantity].value;
    });
    Contradiction c;
    c.about = std::move(about);
    c.kind = "between-sources";
    c.event = std::move(event);
    std::set<std::pair<std::string, std::string>> seen;
    for (const FigureItem& it : items) {
      if (!seen.emplace(r_.documents[it.doc].id, it.text).second) continue;
      c.values.push_back({r_.documents[it.doc].id, it.text});
      used_quantities_.insert(it.quantity);
    }
    if (c.values.size() >= 2) r_.contradictions.push_back(std::move(c));
  }

  void EventFigures() {
    r_.contradictions.clear();
    for (size_t e = 0; e < r_.events.size(); ++e) {
      std::vector<FigureItem> items;
      for (size_t i : event_members_[e]) {
        const EventMention& m = mentions_[i];
        if (!m.fatalities) continue;
        items.push_back({*m.fatalities, m.doc, SentenceText(r_.documents[m.doc], m.start, m.end)});
      }
      if (items.size() < 2) continue;
      std::vector<bool> involved(items.size(), false);
      if (!Conflicting(items, involved)) continue;
      const Event& ev = r_.events[e];
      std::string about = "fatalities: " + EventLabel(ev);
      if (ev.date) about += (ev.date_basis == "text" ? " on " : " reported ") + *ev.date;
      AddContradiction(std::move(about), ev.id, items);
    }
  }

  // The sentence of document `d` holding byte `pos`, as (start, end); none when outside.
  std::optional<std::pair<size_t, size_t>> SentenceAt(size_t d, size_t pos) const {
    if (d >= texts_.size()) return std::nullopt;
    const std::vector<text::Sentence>& s = texts_[d].sentences;
    auto it = std::upper_bound(s.begin(), s.end(), pos,
                               [](size_t p, const text::Sentence& x) { return p < x.start; });
    if (it == s.begin()) return std::nullopt;
    --it;
    if (pos >= it->end) return std::nullopt;
    return std::make_pair(it->start, it->end);
  }

  // The noun phrase right after a figure the extractor left without `about`
  // ("3,000 to 5,000 Islamic State fighters were ..." -> "Islamic State fighters"): up to
  // four words, up to the first function word or punctuation.
  static std::string WordsAfter(std::string_view text, size_t pos) {
    static const std::unordered_set<std::string_view> kStop = {
        "were", "was",   "are",  "is",   "have", "has",   "had",   "be",  "been",
        "in",   "on",    "at",   "of",   "to",   "from",  "and",   "or",  "who",
        "that", "which", "said", "says", "will", "would", "could", "may", "the",
        "a",    "an",    "with", "by",   "for",  "as",    "than",  "per"};
    std::string out;
    int n = 0;
    size_t i = pos;
    while (n < 4) {
      while (i < text.size() && text[i] == ' ') ++i;
      size_t j = i;
      while (j < text.size() &&
             (std::isalpha(static_cast<unsigned char>(text[j])) || text[j] == '-')) {
        ++j;
      }
      if (j == i) break;
      std::string lower(text.substr(i, j - i));
      for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      if (kStop.contains(lower)) break;
      if (!out.empty()) out += ' ';
      out += text.substr(i, j - i);
      ++n;
      i = j;
    }
    return out;
  }

  void OtherFigures() {
    struct Fig {
      size_t quantity, doc;
      bool dated;  // the sentence dates it: [first, last]
      long first, last;
      std::optional<long> published;  // else the document's publication day, if known
      std::string text;
    };
    std::unordered_map<std::string, std::vector<Fig>> groups;
    std::unordered_map<std::string, std::string> about_of;
    for (size_t q = 0; q < r_.quantities.size(); ++q) {
      const Quantity& x = r_.quantities[q];
      const int d = sources_.DocIndex(x.doc);
      if (d < 0 || x.end > r_.documents[d].text.size() || x.start > x.end) continue;
      std::string about_text = x.about ? *x.about : std::string();
      if (about_text.empty() && !x.unit) about_text = WordsAfter(r_.documents[d].text, x.end);
      if (about_text.empty()) continue;
      const std::string canon = CanonicalAbout(about_text, x.text + " " + about_text);
      if (canon.empty()) continue;
      const Document& doc = r_.documents[d];
      std::optional<std::pair<size_t, size_t>> sent = SentenceAt(d, x.start);
      size_t s0 = x.start, s1 = x.end;
      if (sent) std::tie(s0, s1) = *sent;
      std::optional<size_t> place = SentencePlace(r_, index_, d, s0, s1, x.start, x.end);
      Fig f{q,
            static_cast<size_t>(d),
            false,
            0,
            0,
            std::nullopt,
            sent ? SentenceText(doc, s0, s1) : x.text};
      if (std::optional<DatedTime> t = SentenceDate(r_, index_, d, s0, s1, x.start, x.end)) {
        f.dated = true;
        f.first = t->span.first;
        f.last = t->span.last;
      }
      if (doc.published) {
        if (std::optional<DateSpan> p = ParseTimex(*doc.published)) f.published = p->last;
      }
      std::string key = canon + '\x1f' + (place ? std::to_string(*place) : "-") + '\x1f' +
                        x.unit.value_or("") + '\x1f' + x.rate.value_or("");
      std::string about = about_text;
      if (place) about += " in " + r_.entities[*place].name;
      about_of.try_emplace(key, std::move(about));
      groups[key].push_back(std::move(f));
    }
    std::vector<std::string> keys;
    for (const auto& [k, v] : groups) {
      if (v.size() >= 2) keys.push_back(k);
    }
    std::sort(keys.begin(), keys.end());
    const long window = std::max(0, o_.figure_window_days);
    // Two figures speak of the same time when their sentence dates are within the window;
    // when neither sentence dates its figure, when their documents appeared within the
    // window (a toll a month later is an update); when one does, when the other's
    // publication falls up to a year after that date ("when the offensive began").
    auto same_time = [&](const Fig& a, const Fig& b) {
      if (a.dated && b.dated) return a.first <= b.last + window && b.first <= a.last + window;
      if (!a.dated && !b.dated) {
        return a.published && b.published && std::labs(*a.published - *b.published) <= window;
      }
      const Fig& d = a.dated ? a : b;
      const Fig& u = a.dated ? b : a;
      return u.published && d.first <= *u.published && d.last >= *u.published - 366;
    };
    for (const std::string& k : keys) {
      std::vector<Fig>& v = groups[k];
      const size_t n = std::min<size_t>(v.size(), 512);
      UnionFind uf(n);
      std::vector<bool> involved(n, false);
      for (size_t a = 0; a < n; ++a) {
        for (size_t b = a + 1; b < n; ++b) {
          if (sources_.ClusterOf(v[a].doc) == sources_.ClusterOf(v[b].doc)) continue;
          if (!same_time(v[a], v[b])) continue;
          if (!FiguresConflict(r_.quantities[v[a].quantity], r_.quantities[v[b].quantity],
                               o_.contradiction_tolerance, o_.about_margin)) {
            continue;
          }
          uf.Union(a, b);
          involved[a] = involved[b] = true;
        }
      }
      std::map<size_t, std::vector<FigureItem>> components;
      for (size_t a = 0; a < n; ++a) {
        if (involved[a]) components[uf.Find(a)].push_back({v[a].quantity, v[a].doc, v[a].text});
      }
      for (auto& [root, items] : components) {
        bool fresh = false;
        for (const FigureItem& it : items) fresh = fresh || !used_quantities_.contains(it.quantity);
        if (fresh) AddContradiction(about_of[k], std::nullopt, items);
      }
    }
  }

  void CopyDrift() {
    // One contradiction per changed fact: a family of copies (a faithful republication
    // and a spun rewrite of one wire story) reports "12" -> "21" once, with every document
    // on each side, whichever pairs of the family carried it and whichever way round.
    struct Sides {
      size_t index;  // into r_.contradictions
      std::set<std::string> docs;
      std::set<std::string> source_side;  // documents with the source's wording
    };
    std::map<std::string, Sides> by_fact;
    auto add_side = [&](Sides& s, const std::string& doc, const std::string& text) {
      if (!s.docs.insert(doc).second) return;
      r_.contradictions[s.index].values.push_back({doc, text});
    };
    for (const Reuse& pair : r_.reuse) {
      for (const Drift& d : pair.drift) {
        if (!IsFactualDrift(d.kind)) continue;
        if (d.source_text.empty() && d.copy_text.empty()) continue;
        const std::string forward = d.kind + '\x1f' + d.source_text + '\x1f' + d.copy_text;
        const std::string backward = d.kind + '\x1f' + d.copy_text + '\x1f' + d.source_text;
        const std::string source_text = d.source_context.empty() ? d.source_text : d.source_context;
        const std::string copy_text = d.copy_context.empty() ? d.copy_text : d.copy_context;
        if (auto it = by_fact.find(backward); it != by_fact.end() && backward != forward) {
          it->second.source_side.insert(pair.copy);
          add_side(it->second, pair.copy, copy_text);
          add_side(it->second, pair.source, source_text);
          continue;
        }
        auto [it, fresh] = by_fact.try_emplace(forward, Sides{r_.contradictions.size(), {}, {}});
        if (fresh) {
          Contradiction c;
          c.kind = "copy-drift";
          c.about =
              d.kind + " changed in copy: \"" + d.source_text + "\" -> \"" + d.copy_text + "\"";
          r_.contradictions.push_back(std::move(c));
        }
        it->second.source_side.insert(pair.source);
        add_side(it->second, pair.source, source_text);
        add_side(it->second, pair.copy, copy_text);
      }
    }
    // The source's wording first, then the changed one.
    for (const auto& [fact, sides] : by_fact) {
      std::vector<TextRef>& v = r_.contradictions[sides.index].values;
      std::stable_partition(v.begin(), v.end(),
                            [&](const TextRef& t) { return sides.source_side.contains(t.doc); });
    }
  }

  void Timeline() {
    r_.timeline.clear();
    for (size_t e = 0; e < r_.events.size(); ++e) {
      const Event& ev = r_.events[e];
      if (ev.date_basis != "text" || !ev.date) continue;
      // The main line: what is reported or claimed now, not denials, not history, not a
      // fact only a copy added.
      if (ev.status == kDenied || ev.status == kBackground || event_added_only_[e]) continue;
      TimelineEntry t;
      t.date = *ev.date;
      t.precision = std::string(PrecisionName(event_spans_[e].precision));
      t.summary = Shorten(EventLabel(ev) + ": " + ev.summary, 200);
      t.events = {ev.id};
      t.sources = ev.sources;
      t.independent_sources = ev.independent_sources;
      t.status = ev.status;
      t.changed_in_copy = ev.changed_in_copy;
      r_.timeline.push_back(std::move(t));
    }
  }

  struct Span {
    long first, last;
    Precision precision;
  };

  Report& r_;
  const std::vector<text::DocText>& texts_;
  const ReconcileOptions& o_;
  SourceClusters sources_;
  CorpusIndex index_;
  std::vector<EventMention> mentions_;
  std::vector<size_t> ordinal_;   // by mention: the k-th mention of its document (1-based)
  Prepared* prepared_ = nullptr;  // records mode
  std::vector<MentionDate> dates_;
  std::unordered_map<uint64_t, double> weight_;
  std::vector<std::vector<size_t>> group_places_;  // by union-find root
  std::vector<std::pair<long, long>> group_days_;  // by union-find root
  std::vector<double> total_;
  std::vector<std::vector<size_t>> groups_;
  std::vector<Span> event_spans_;
  std::vector<std::vector<size_t>> event_members_;
  std::vector<bool> event_added_only_;
  std::vector<std::optional<size_t>> copy_of_;    // by mention: the mention it copies
  std::vector<std::vector<CopyChange>> changes_;  // by mention: what its copy changed
  std::vector<bool> added_;                       // by mention: a fact the copy added
  std::unordered_set<size_t> used_quantities_;
};

}  // namespace

void Reconcile(Report& report, const std::vector<text::DocText>& texts,
               const ReconcileOptions& options, MentionSet* mentions, const PlaceCounts* places) {
  Reconciler(report, texts, options, places).Run(mentions);
}

Report ReconcileMentions(const std::vector<MentionSet>& sets, const WordCounts& counts,
                         const std::unordered_map<std::string, RecordDocument>& documents,
                         const ReconcileOptions& options) {
  // The records in corpus order: documents by rank (unknown ones after, by id), mentions
  // by ordinal, as Reconcile meets them.
  struct At {
    const MentionSet* set;
    const MentionRecord* rec;
  };
  std::vector<At> all;
  for (const MentionSet& s : sets) {
    for (const MentionRecord& m : s.mentions) all.push_back({&s, &m});
  }
  auto rank = [&](const std::string& doc) {
    auto it = documents.find(doc);
    return it == documents.end() ? UINT64_MAX : it->second.rank;
  };
  std::stable_sort(all.begin(), all.end(), [&](const At& a, const At& b) {
    const uint64_t ra = rank(a.rec->doc), rb = rank(b.rec->doc);
    if (ra != rb) return ra < rb;
    if (a.rec->doc != b.rec->doc) return a.rec->doc < b.rec->doc;
    return a.rec->ordinal < b.rec->ordinal;
  });
  // A mention found by two pieces (a document analysed twice) counts once: the first
  // piece's record, in the order of `sets`.
  all.erase(std::unique(all.begin(), all.end(),
                        [](const At& a, const At& b) {
                          return a.rec->doc == b.rec->doc && a.rec->ordinal == b.rec->ordinal;
                        }),
            all.end());

  Report report;
  Prepared p;
  std::unordered_map<std::string, size_t> doc_at, entity_at;
  std::unordered_set<std::string> ids;
  std::map<std::string, std::vector<std::string>> clusters;
  auto entity = [&](const MentionSet& s, size_t e) {
    const RecordEntity& x = s.entities.at(e);
    auto [it, fresh] = entity_at.emplace(x.key, report.entities.size());
    if (fresh) {
      Entity out;
      // Pieces name their entities apart: another piece may have given this id to
      // another entity.
      out.id = x.id;
      for (int n = 2; !ids.insert(out.id).second; ++n) out.id = x.id + "~" + std::to_string(n);
      out.name = x.name;
      out.type = x.type;
      out.lat = x.lat;
      out.lon = x.lon;
      out.country = x.country;
      out.place_kind = x.place_kind;
      if (long long id = 0;
          x.key.starts_with("g:") &&
          std::from_chars(x.key.data() + 2, x.key.data() + x.key.size(), id).ec == std::errc()) {
        out.geonames_id = id;  // so that EntityKey(out) is x.key
      }
      report.entities.push_back(std::move(out));
    }
    return it->second;
  };
  auto entities = [&](const MentionSet& s, const std::vector<size_t>& v) {
    std::vector<size_t> o;
    o.reserve(v.size());
    for (size_t e : v) o.push_back(entity(s, e));
    return o;
  };
  std::map<std::pair<std::string, size_t>, size_t> mention_at;  // (doc, ordinal) -> index
  for (const At& a : all) {
    const MentionRecord& r = *a.rec;
    auto [d, fresh] = doc_at.emplace(r.doc, report.documents.size());
    if (fresh) {
      Document doc;
      doc.id = r.doc;
      doc.published = r.published;
      report.documents.push_back(std::move(doc));
      auto it = documents.find(r.doc);
      clusters[it == documents.end() ? "\x1f" + r.doc : it->second.cluster].push_back(r.doc);
      p.main_place.push_back(r.main_place ? std::optional<size_t>(entity(*a.set, *r.main_place))
                                          : std::nullopt);
    }
    mention_at.emplace(std::make_pair(r.doc, r.ordinal), p.mentions.size());
    EventMention m;
    m.doc = d->second;
    m.sentence = r.sentence;
    m.start = r.evidence.start;
    m.end = r.evidence.end;
    m.type = r.type;
    m.subtype = r.subtype;
    m.date = r.date;
    if (r.place) m.place = entity(*a.set, *r.place);
    m.place_from_text = r.place_from_text;
    m.places = entities(*a.set, r.places);
    m.actors = entities(*a.set, r.actors);
    m.claimants = entities(*a.set, r.claimants);
    if (r.fatalities) {
      m.fatalities = report.quantities.size();
      Quantity q;
      q.doc = r.doc;
      q.value = *r.fatalities;
      report.quantities.push_back(std::move(q));
    }
    m.words = r.words;
    m.core_words = r.core_words;
    m.status = r.status;
    p.mentions.push_back(std::move(m));
    p.ordinal.push_back(r.ordinal);
    p.changes.push_back(r.changes);
    p.added.push_back(r.added);
    p.evidence.push_back(r.evidence);
  }
  p.copy_of.assign(p.mentions.size(), std::nullopt);
  for (size_t i = 0; i < all.size(); ++i) {
    const MentionRecord& r = *all[i].rec;
    if (r.copy_doc.empty()) continue;
    auto it = mention_at.find({r.copy_doc, r.copy_ordinal});
    if (it != mention_at.end() && it->second != i) p.copy_of[i] = it->second;
  }
  for (auto& [id, docs] : clusters) report.clusters.push_back({id, std::move(docs)});
  p.counts = &counts;
  Reconciler(report, options, p).Run();
  // Keep the entities the events name, and only the events' and timeline's sections.
  std::unordered_set<std::string> named;
  for (const Event& e : report.events) {
    if (e.location) named.insert(*e.location);
    named.insert(e.actors.begin(), e.actors.end());
    named.insert(e.claimants.begin(), e.claimants.end());
  }
  std::erase_if(report.entities, [&](const Entity& e) { return !named.contains(e.id); });
  report.documents.clear();
  report.quantities.clear();
  report.clusters.clear();
  return report;
}

}  // namespace sitrep::reconcile
