#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "ingest/readers.h"

namespace sitrep::ingest::internal {
namespace {

using nlohmann::json;

constexpr size_t kMaxNodesVisited = 20000;
constexpr size_t kMaxAuthors = 16;

bool TypeMatches(const json& type) {
  const auto article = [](const json& t) {
    if (!t.is_string()) return false;
    const std::string& s = t.get_ref<const std::string&>();
    return s.find("Article") != std::string::npos || s == "BlogPosting" || s == "Report" ||
           s == "LiveBlogPosting" || s == "SocialMediaPosting";
  };
  if (type.is_array()) {
    for (const json& t : type) {
      if (article(t)) return true;
    }
    return false;
  }
  return article(type);
}

const std::string* StringField(const json& obj, const char* key) {
  const auto it = obj.find(key);
  if (it == obj.end() || !it->is_string()) return nullptr;
  return &it->get_ref<const std::string&>();
}

// A name from "Name", {"name": "Name"} or {"name": ["Name"]}.
const std::string* NameOf(const json& v) {
  if (v.is_string()) return &v.get_ref<const std::string&>();
  if (!v.is_object()) return nullptr;
  const auto it = v.find("name");
  if (it == v.end()) return nullptr;
  if (it->is_string()) return &it->get_ref<const std::string&>();
  if (it->is_array() && !it->empty() && it->front().is_string()) {
    return &it->front().get_ref<const std::string&>();
  }
  return nullptr;
}

void AddType(const json& obj, Meta& meta) {
  const auto it = obj.find("@type");
  if (it == obj.end()) return;
  if (it->is_string()) {
    meta.emplace_back("jsonld:@type", it->get_ref<const std::string&>());
  } else if (it->is_array()) {
    for (const json& t : *it) {
      if (t.is_string()) meta.emplace_back("jsonld:@type", t.get_ref<const std::string&>());
    }
  }
}

void AddArticle(const json& obj, Meta& meta) {
  AddType(obj, meta);
  for (const char* key :
       {"headline", "alternativeHeadline", "description", "datePublished", "dateCreated",
        "dateModified", "url", "inLanguage", "articleSection", "articleBody"}) {
    if (const std::string* v = StringField(obj, key); v != nullptr && !v->empty()) {
      meta.emplace_back(std::string("jsonld:") + key, *v);
    }
  }
  if (const auto it = obj.find("author"); it != obj.end()) {
    if (it->is_array()) {
      size_t n = 0;
      for (const json& a : *it) {
        if (const std::string* name = NameOf(a); name != nullptr && !name->empty()) {
          meta.emplace_back("jsonld:author", *name);
          if (++n >= kMaxAuthors) break;
        }
      }
    } else if (const std::string* name = NameOf(*it); name != nullptr && !name->empty()) {
      meta.emplace_back("jsonld:author", *name);
    }
  }
  if (const auto it = obj.find("publisher"); it != obj.end()) {
    const json& p = it->is_array() && !it->empty() ? it->front() : *it;
    if (const std::string* name = NameOf(p); name != nullptr && !name->empty()) {
      meta.emplace_back("jsonld:publisher", *name);
    }
  }
}

// Strips the wrappers pages put around JSON-LD: HTML comments and CDATA markers.
std::string_view Unwrap(std::string_view s) {
  s = TrimAscii(s);
  for (std::string_view open : {"<!--", "//<![CDATA[", "<![CDATA["}) {
    if (s.substr(0, open.size()) == open) s = TrimAscii(s.substr(open.size()));
  }
  for (std::string_view close : {"-->", "//]]>", "]]>"}) {
    if (s.size() >= close.size() && s.substr(s.size() - close.size()) == close) {
      s = TrimAscii(s.substr(0, s.size() - close.size()));
    }
  }
  return s;
}

}  // namespace

void ExtractJsonLd(std::string_view text, Meta& meta) {
  try {
    const std::string_view body = Unwrap(text);
    if (body.empty()) return;
    const json root = json::parse(body.begin(), body.end(), nullptr, /*allow_exceptions=*/false);
    if (root.is_discarded()) return;
    // Breadth-first, so that top-level and @graph objects win over nested mentions.
    std::vector<const json*> queue = {&root};
    const json* article = nullptr;
    const json* headline_only = nullptr;
    for (size_t head = 0; head < queue.size() && head < kMaxNodesVisited; ++head) {
      const json& v = *queue[head];
      if (v.is_object()) {
        if (const auto t = v.find("@type"); t != v.end() && TypeMatches(*t)) {
          article = &v;
          break;
        }
        if (headline_only == nullptr && StringField(v, "headline") != nullptr) headline_only = &v;
        for (const auto& item : v.items()) {
          if (item.value().is_structured()) queue.push_back(&item.value());
        }
      } else if (v.is_array()) {
        for (const json& item : v) {
          if (item.is_structured()) queue.push_back(&item);
        }
      }
    }
    if (article == nullptr) article = headline_only;
    if (article != nullptr) AddArticle(*article, meta);
  } catch (...) {
    // Malformed input never escapes the reader; a page without usable JSON-LD simply
    // contributes no candidates.
  }
}

}  // namespace sitrep::ingest::internal
