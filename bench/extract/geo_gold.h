// Gold toponyms of the geoparsing sets in ../shared/bench/geo (GeoVirus, GeoWebNews,
// TR-News: Gritta et al.), read from their XML, for eval_geo and eval_geo_analyze.
#ifndef SITREP_BENCH_EXTRACT_GEO_GOLD_H_
#define SITREP_BENCH_EXTRACT_GEO_GOLD_H_

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <string>
#include <utility>
#include <vector>

namespace geo_gold {

struct Gold {
  std::string name;
  size_t start = 0, end = 0;  // code points in the article text
  double lat = 0, lon = 0;
};
struct Article {
  std::string text;
  std::vector<Gold> gold;
};

inline std::string Unescape(std::string s) {
  if (s.rfind("<![CDATA[", 0) == 0) {
    s = s.substr(9);
    size_t e = s.rfind("]]>");
    if (e != std::string::npos) s.resize(e);
    return s;
  }
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '&') {
      static const std::pair<const char*, char> kEnt[] = {
          {"&amp;", '&'}, {"&lt;", '<'}, {"&gt;", '>'}, {"&quot;", '"'}, {"&apos;", '\''}};
      bool done = false;
      for (auto [e, c] : kEnt) {
        if (s.compare(i, std::strlen(e), e) == 0) {
          out.push_back(c);
          i += std::strlen(e) - 1;
          done = true;
          break;
        }
      }
      if (!done) out.push_back('&');
    } else {
      out.push_back(s[i]);
    }
  }
  return out;
}

inline std::string Tag(const std::string& block, const std::string& tag, size_t from = 0) {
  std::string open = "<" + tag + ">";
  size_t a = block.find(open, from);
  if (a == std::string::npos) return "";
  a += open.size();
  size_t b = block.find("</" + tag + ">", a);
  if (b == std::string::npos) return "";
  return block.substr(a, b - a);
}

inline std::vector<Article> Parse(const std::string& xml) {
  std::vector<Article> out;
  size_t p = 0;
  while ((p = xml.find("<article", p)) != std::string::npos) {
    size_t e = xml.find("</article>", p);
    if (e == std::string::npos) break;
    std::string block = xml.substr(p, e - p);
    p = e;
    Article a;
    a.text = Unescape(Tag(block, "text"));
    size_t q = 0;
    while (true) {
      size_t t1 = block.find("<toponym>", q), t2 = block.find("<location>", q);
      size_t t = std::min(t1, t2);
      if (t == std::string::npos) break;
      bool is_loc = t == t2;
      size_t te = block.find(is_loc ? "</location>" : "</toponym>", t);
      if (te == std::string::npos) break;
      std::string tb = block.substr(t, te - t);
      q = te;
      Gold g;
      g.name = Unescape(Tag(tb, "phrase"));
      if (g.name.empty()) g.name = Unescape(Tag(tb, "extractedName"));
      if (g.name.empty()) g.name = Unescape(Tag(tb, "name"));
      std::string lat = Tag(tb, "lat"), lon = Tag(tb, "lon");
      if (lat.empty()) lat = Tag(tb, "latitude"), lon = Tag(tb, "longitude");
      if (lat.empty() || lon.empty() || g.name.empty()) continue;
      g.lat = std::atof(lat.c_str());
      g.lon = std::atof(lon.c_str());
      g.start = std::strtoul(Tag(tb, "start").c_str(), nullptr, 10);
      g.end = std::strtoul(Tag(tb, "end").c_str(), nullptr, 10);
      a.gold.push_back(g);
    }
    out.push_back(std::move(a));
  }
  return out;
}

// Byte offset of code point `cp` in UTF-8 `s`.
inline size_t ByteOfCodePoint(const std::string& s, size_t cp) {
  size_t i = 0, n = 0;
  while (i < s.size() && n < cp) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    i += c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    ++n;
  }
  return std::min(i, s.size());
}

}  // namespace geo_gold

#endif  // SITREP_BENCH_EXTRACT_GEO_GOLD_H_
