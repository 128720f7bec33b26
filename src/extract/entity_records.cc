// Byte encodings of entity mentions and of a collection's entity merge (entity.h): CBOR
// arrays with a format number first, so that a job's processes can move them as bytes.
#include <algorithm>
#include <cstdint>
#include <exception>
#include <nlohmann/json.hpp>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "extract/entity.h"

namespace sitrep::extract {
namespace {

using json = nlohmann::json;

constexpr int kMentionsFormat = 1;
constexpr int kMergeFormat = 1;

template <typename T>
json Opt(const std::optional<T>& v) {
  return v ? json(*v) : json(nullptr);
}

template <typename T>
std::optional<T> OptOf(const json& j) {
  if (j.is_null()) return std::nullopt;
  return j.get<T>();
}

std::string ToBytes(const json& j) {
  const std::vector<uint8_t> bytes = json::to_cbor(j);
  return std::string(bytes.begin(), bytes.end());
}

json FromBytes(std::string_view bytes, int format, const char* what) {
  json j = json::from_cbor(bytes.begin(), bytes.end());
  if (!j.is_array() || j.empty() || j.at(0) != format) {
    throw std::runtime_error(std::string(what) + ": not format " + std::to_string(format));
  }
  return j;
}

}  // namespace

// What MergeEntities reads of a mention, and its byte range: not its token range or
// sentence, which only the document's own analysis uses.
std::string EncodeEntityMentions(const std::vector<DocEntityMentions>& docs) {
  json out = json::array();
  for (const DocEntityMentions& d : docs) {
    json ms = json::array();
    for (const EntityMention& m : d.mentions) {
      ms.push_back({m.name, m.type, m.title, m.place ? json(*m.place) : json(nullptr), m.start,
                    m.end, m.region_hint, m.in_text});
    }
    out.push_back({d.doc, std::move(ms)});
  }
  return ToBytes(json::array({kMentionsFormat, std::move(out)}));
}

Result<std::vector<DocEntityMentions>> DecodeEntityMentions(std::string_view bytes) {
  try {
    const json j = FromBytes(bytes, kMentionsFormat, "entity mentions");
    std::vector<DocEntityMentions> out;
    for (const json& d : j.at(1)) {
      DocEntityMentions dm;
      dm.doc = d.at(0).get<std::string>();
      for (const json& m : d.at(1)) {
        EntityMention e;
        e.name = m.at(0).get<std::string>();
        e.type = m.at(1).get<std::string>();
        e.title = m.at(2).get<std::string>();
        e.place = OptOf<uint32_t>(m.at(3));
        e.start = m.at(4).get<size_t>();
        e.end = m.at(5).get<size_t>();
        e.region_hint = m.at(6).get<bool>();
        e.in_text = m.at(7).get<bool>();
        dm.mentions.push_back(std::move(e));
      }
      out.push_back(std::move(dm));
    }
    return out;
  } catch (const std::exception& e) {
    return Status::Corrupt(std::string("entity mentions: ") + e.what());
  }
}

std::string EncodeEntityMerge(const EntityMerge& merge) {
  json entities = json::array();
  for (const Entity& e : merge.entities) {
    entities.push_back({e.id, e.name, e.type, e.aliases, Opt(e.lat), Opt(e.lon), Opt(e.geonames_id),
                        Opt(e.country), Opt(e.place_kind)});
  }
  // Documents in id order: the same merge gives the same bytes.
  std::vector<const std::pair<const std::string, std::vector<uint32_t>>*> docs;
  docs.reserve(merge.of_document.size());
  for (const auto& kv : merge.of_document) docs.push_back(&kv);
  std::sort(docs.begin(), docs.end(), [](auto* a, auto* b) { return a->first < b->first; });
  json of = json::array();
  for (const auto* kv : docs) of.push_back({kv->first, kv->second});
  return ToBytes(json::array({kMergeFormat, std::move(entities), std::move(of)}));
}

Result<EntityMerge> DecodeEntityMerge(std::string_view bytes) {
  try {
    const json j = FromBytes(bytes, kMergeFormat, "entity merge");
    EntityMerge out;
    for (const json& e : j.at(1)) {
      Entity x;
      x.id = e.at(0).get<std::string>();
      x.name = e.at(1).get<std::string>();
      x.type = e.at(2).get<std::string>();
      x.aliases = e.at(3).get<std::vector<std::string>>();
      x.lat = OptOf<double>(e.at(4));
      x.lon = OptOf<double>(e.at(5));
      x.geonames_id = OptOf<long long>(e.at(6));
      x.country = OptOf<std::string>(e.at(7));
      x.place_kind = OptOf<std::string>(e.at(8));
      out.entities.push_back(std::move(x));
    }
    for (const json& d : j.at(2)) {
      std::vector<uint32_t> of = d.at(1).get<std::vector<uint32_t>>();
      for (uint32_t e : of) {
        if (e >= out.entities.size()) {
          return Status::Corrupt("entity merge: a mention's entity is out of range");
        }
      }
      out.of_document.emplace(d.at(0).get<std::string>(), std::move(of));
    }
    return out;
  } catch (const std::exception& e) {
    return Status::Corrupt(std::string("entity merge: ") + e.what());
  }
}

}  // namespace sitrep::extract
