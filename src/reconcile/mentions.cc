#include "reconcile/mentions.h"

#include <cstring>
#include <exception>
#include <nlohmann/json.hpp>
#include <unordered_map>
#include <utility>

namespace sitrep::reconcile {
namespace {

using nlohmann::json;

// The record layout's version: Decode refuses other versions.
constexpr int kFormat = 2;

json Opt(const std::optional<double>& v) { return v ? json(*v) : json(nullptr); }
json Opt(const std::optional<std::string>& v) { return v ? json(*v) : json(nullptr); }

std::optional<double> OptDouble(const json& j) {
  return j.is_null() ? std::nullopt : std::optional<double>(j.get<double>());
}
std::optional<std::string> OptString(const json& j) {
  return j.is_null() ? std::nullopt : std::optional<std::string>(j.get<std::string>());
}

json EvidenceToJson(const Evidence& e) {
  json words = json::array();
  for (const EvidenceWord& w : e.words) words.push_back({w.role, w.text, w.start, w.end});
  return {e.doc, e.text, e.start, e.end, Opt(e.copy_of), std::move(words)};
}

Evidence EvidenceFromJson(const json& j) {
  Evidence e;
  e.doc = j.at(0).get<std::string>();
  e.text = j.at(1).get<std::string>();
  e.start = j.at(2).get<size_t>();
  e.end = j.at(3).get<size_t>();
  e.copy_of = OptString(j.at(4));
  for (const json& w : j.at(5)) {
    e.words.push_back({w.at(0).get<std::string>(), w.at(1).get<std::string>(),
                       w.at(2).get<size_t>(), w.at(3).get<size_t>()});
  }
  return e;
}

json MentionToJson(const MentionRecord& m) {
  json date = nullptr;
  if (m.date) {
    date = {m.date->first, m.date->last, static_cast<int>(m.date->precision), m.date->value};
  }
  json changes = json::array();
  for (const CopyChange& c : m.changes) {
    changes.push_back({c.kind, c.source_text, c.copy_text, c.source_doc, c.docs, c.copy_context});
  }
  return {m.doc,
          Opt(m.published),
          m.ordinal,
          m.sentence,
          m.type,
          m.subtype,
          m.group,
          std::move(date),
          m.place ? json(*m.place) : json(nullptr),
          m.place_from_text,
          m.places,
          m.actors,
          m.claimants,
          m.main_place ? json(*m.main_place) : json(nullptr),
          Opt(m.fatalities),
          m.words,
          m.core_words,
          m.status,
          EvidenceToJson(m.evidence),
          m.copy_doc,
          m.copy_ordinal,
          std::move(changes),
          m.added};
}

MentionRecord MentionFromJson(const json& j, size_t n_entities) {
  auto index = [&](const json& x) {
    const size_t e = x.get<size_t>();
    if (e >= n_entities) throw std::out_of_range("entity index out of range");
    return e;
  };
  auto indices = [&](const json& x) {
    std::vector<size_t> out;
    for (const json& e : x) out.push_back(index(e));
    return out;
  };
  MentionRecord m;
  m.doc = j.at(0).get<std::string>();
  m.published = OptString(j.at(1));
  m.ordinal = j.at(2).get<size_t>();
  m.sentence = j.at(3).get<size_t>();
  m.type = j.at(4).get<std::string>();
  m.subtype = j.at(5).get<std::string>();
  m.group = j.at(6).get<std::string>();
  if (const json& d = j.at(7); !d.is_null()) {
    const int precision = d.at(2).get<int>();
    if (precision < 0 || precision > static_cast<int>(Precision::kYear)) {
      throw std::out_of_range("date precision out of range");
    }
    m.date = DateSpan{d.at(0).get<long>(), d.at(1).get<long>(), static_cast<Precision>(precision),
                      d.at(3).get<std::string>()};
    // The event takes its date from the value: it must be one (reconcile.cc parses it).
    if (!ParseTimex(m.date->value) || m.date->first > m.date->last) {
      throw std::out_of_range("date \"" + m.date->value + "\" is not a calendar date");
    }
  }
  if (!j.at(8).is_null()) m.place = index(j.at(8));
  m.place_from_text = j.at(9).get<bool>();
  m.places = indices(j.at(10));
  m.actors = indices(j.at(11));
  m.claimants = indices(j.at(12));
  if (!j.at(13).is_null()) m.main_place = index(j.at(13));
  m.fatalities = OptDouble(j.at(14));
  m.words = j.at(15).get<std::vector<uint64_t>>();
  m.core_words = j.at(16).get<std::vector<uint64_t>>();
  m.status = j.at(17).get<std::string>();
  m.evidence = EvidenceFromJson(j.at(18));
  m.copy_doc = j.at(19).get<std::string>();
  m.copy_ordinal = j.at(20).get<size_t>();
  for (const json& c : j.at(21)) {
    m.changes.push_back({c.at(0).get<std::string>(), c.at(1).get<std::string>(),
                         c.at(2).get<std::string>(), c.at(3).get<std::string>(),
                         c.at(4).get<std::vector<std::string>>(), c.at(5).get<std::string>()});
    if (m.changes.back().docs.empty()) throw std::out_of_range("a copy change names no copy");
  }
  m.added = j.at(22).get<bool>();
  return m;
}

}  // namespace

std::map<std::string, MentionSet> SplitByGroup(const MentionSet& set) {
  std::map<std::string, MentionSet> out;
  std::map<std::string, std::unordered_map<size_t, size_t>> entity_at;  // group -> old -> new
  for (const MentionRecord& m : set.mentions) {
    MentionSet& part = out[m.group];
    std::unordered_map<size_t, size_t>& at = entity_at[m.group];
    auto move = [&](size_t e) {
      auto [it, fresh] = at.emplace(e, part.entities.size());
      if (fresh) part.entities.push_back(set.entities.at(e));
      return it->second;
    };
    MentionRecord r = m;
    if (r.place) r.place = move(*r.place);
    if (r.main_place) r.main_place = move(*r.main_place);
    for (std::vector<size_t>* v : {&r.places, &r.actors, &r.claimants}) {
      for (size_t& e : *v) e = move(e);
    }
    part.mentions.push_back(std::move(r));
  }
  return out;
}

std::string EncodeMentions(const MentionSet& set) {
  json entities = json::array();
  for (const RecordEntity& e : set.entities) {
    entities.push_back(
        {e.key, e.id, e.name, e.type, Opt(e.lat), Opt(e.lon), Opt(e.country), Opt(e.place_kind)});
  }
  json mentions = json::array();
  for (const MentionRecord& m : set.mentions) mentions.push_back(MentionToJson(m));
  const json j = {kFormat, std::move(entities), std::move(mentions)};
  const std::vector<uint8_t> bytes = json::to_cbor(j);
  return std::string(bytes.begin(), bytes.end());
}

Result<MentionSet> DecodeMentions(std::string_view bytes) {
  try {
    const json j = json::from_cbor(bytes.begin(), bytes.end());
    if (!j.is_array() || j.size() != 3 || j.at(0) != kFormat) {
      return Status::Corrupt("event mention records: not version " + std::to_string(kFormat));
    }
    MentionSet set;
    for (const json& e : j.at(1)) {
      set.entities.push_back({e.at(0).get<std::string>(), e.at(1).get<std::string>(),
                              e.at(2).get<std::string>(), e.at(3).get<std::string>(),
                              OptDouble(e.at(4)), OptDouble(e.at(5)), OptString(e.at(6)),
                              OptString(e.at(7))});
    }
    for (const json& m : j.at(2)) set.mentions.push_back(MentionFromJson(m, set.entities.size()));
    return set;
  } catch (const std::exception& e) {
    return Status::Corrupt(std::string("event mention records: ") + e.what());
  }
}

Result<std::string> MentionsAsJson(std::string_view bytes) {
  Result<MentionSet> set = DecodeMentions(bytes);  // validates
  if (!set.ok()) return set.status();
  return json::from_cbor(bytes.begin(), bytes.end()).dump();
}

void WordCounts::Add(const WordCounts& other) {
  mentions += other.mentions;
  for (const auto& [w, c] : other.df) df[w] += c;
}

WordCounts CountWords(const MentionSet& set) {
  WordCounts out;
  out.mentions = set.mentions.size();
  for (const MentionRecord& m : set.mentions) {
    for (uint64_t w : m.words) ++out.df[w];
  }
  return out;
}

// Layout: the mention count, then (word, count) pairs, each a little-endian uint64.
std::string EncodeWordCounts(const WordCounts& counts) {
  std::string out;
  out.reserve(8 * (1 + 2 * counts.df.size()));
  auto put = [&](uint64_t v) {
    for (int b = 0; b < 8; ++b) out.push_back(static_cast<char>((v >> (8 * b)) & 0xFF));
  };
  put(counts.mentions);
  for (const auto& [w, c] : counts.df) {
    put(w);
    put(c);
  }
  return out;
}

Result<WordCounts> DecodeWordCounts(std::string_view bytes) {
  if (bytes.size() < 8 || (bytes.size() - 8) % 16 != 0) {
    return Status::Corrupt("word counts: " + std::to_string(bytes.size()) +
                           " bytes is not a count and whole (word, count) pairs");
  }
  auto get = [&](size_t at) {
    uint64_t v = 0;
    for (int b = 7; b >= 0; --b) v = (v << 8) | static_cast<unsigned char>(bytes[at + b]);
    return v;
  };
  WordCounts out;
  out.mentions = get(0);
  out.df.reserve((bytes.size() - 8) / 16);
  for (size_t at = 8; at < bytes.size(); at += 16) out.df[get(at)] += get(at + 8);
  return out;
}

}  // namespace sitrep::reconcile
