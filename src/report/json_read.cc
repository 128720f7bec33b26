// Reading reuse pairs back from the JSON the writer produces (json.h).
#include <cstddef>
#include <exception>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "report/json.h"

namespace sitrep::report {
namespace {

using nlohmann::json;

// A string field; `fallback` when the key is absent or null.
std::string Text(const json& o, const char* key, const char* fallback = "") {
  const auto it = o.find(key);
  if (it == o.end() || it->is_null()) return fallback;
  return it->get<std::string>();
}

double Number(const json& o, const char* key) {
  const auto it = o.find(key);
  return it == o.end() || it->is_null() ? 0.0 : it->get<double>();
}

size_t Offset(const json& o, const char* key) {
  const auto it = o.find(key);
  if (it == o.end() || it->is_null()) return 0;
  if (!it->is_number_unsigned()) {
    throw std::invalid_argument(std::string(key) + " is not a byte offset");
  }
  return it->get<size_t>();
}

Reuse ReadPair(const json& o) {
  Reuse r;
  r.source = o.at("source").get<std::string>();
  r.copy = o.at("copy").get<std::string>();
  r.relation = Text(o, "relation_detail", "");
  if (r.relation.empty()) r.relation = o.at("relation").get<std::string>();
  r.coverage = Number(o, "coverage");
  r.similarity = Number(o, "similarity");
  r.direction_basis = Text(o, "direction_basis");
  if (const auto it = o.find("passages"); it != o.end() && !it->is_null()) {
    for (const json& p : *it) {
      Passage x;
      x.source_text = Text(p, "source_text");
      x.copy_text = Text(p, "copy_text");
      x.similarity = Number(p, "similarity");
      x.source_start = Offset(p, "source_start");
      x.source_end = Offset(p, "source_end");
      x.copy_start = Offset(p, "copy_start");
      x.copy_end = Offset(p, "copy_end");
      r.passages.push_back(std::move(x));
    }
  }
  if (const auto it = o.find("drift"); it != o.end() && !it->is_null()) {
    for (const json& d : *it) {
      Drift x;
      x.kind = Text(d, "kind_detail");
      if (x.kind.empty()) x.kind = d.at("kind").get<std::string>();
      x.source_text = Text(d, "source_text");
      x.copy_text = Text(d, "copy_text");
      x.source_context = Text(d, "source_context");
      x.copy_context = Text(d, "copy_context");
      if (const auto at = d.find("passage"); at != d.end() && !at->is_null()) {
        x.passage = at->get<int>();
      }
      r.drift.push_back(std::move(x));
    }
  }
  return r;
}

}  // namespace

Result<std::vector<Reuse>> ReadReuseJson(std::string_view text) {
  const json parsed = json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (parsed.is_discarded()) return Status::InvalidInput("reuse pairs: not JSON");
  if (!parsed.is_array()) return Status::InvalidInput("reuse pairs: not a JSON array");
  std::vector<Reuse> out;
  out.reserve(parsed.size());
  for (size_t i = 0; i < parsed.size(); ++i) {
    try {
      if (!parsed[i].is_object()) throw std::invalid_argument("not an object");
      out.push_back(ReadPair(parsed[i]));
    } catch (const std::exception& e) {
      return Status::InvalidInput("reuse pairs: entry " + std::to_string(i) +
                                  " is not a reuse pair (" + e.what() + ")");
    }
  }
  return out;
}

}  // namespace sitrep::report
