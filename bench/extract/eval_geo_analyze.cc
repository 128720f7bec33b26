// Geocoding through the product path: every article of GeoVirus, GeoWebNews (GWN) and
// TR-News (../shared/bench/geo) goes through sitrep::AnalyzeDocuments with DEFAULT
// options (one call per set, as `sitrep analyze <folder>` would), and the report's place
// entities are scored against the gold toponyms.
//
// Matching: a gold toponym is "found" when a mention of a place entity (byte offsets into
// documents[].text, which for these plain-text inputs is the article text) overlaps its
// span; the entity's coordinates are its answer (the mention overlapping it most wins).
// A found toponym whose entity has no coordinates counts as wrong (error 20,039 km).
// Two figures per set:
//   acc@161 found - accuracy within 161 km over the gold toponyms the system found
//                   (how geoparsers are usually compared: resolution of what was found);
//   acc@161 all   - over ALL gold toponyms, an unfound one counting as wrong.
// AUC is the area under the log error curve of the found toponyms (Gritta et al. 2018).
//
//   eval_geo_analyze [bench/geo dir]
//   eval_geo_analyze --lookup NAME...   gazetteer candidates of each NAME
//   EVAL_GEO_DEBUG=1: wrong answers (and, =2, also misses) on stderr.
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "extract/place.h"
#include "geo_gold.h"
#include "sitrep/engine.h"

namespace {

constexpr double kWorst = 20039;  // half the Earth's circumference, km

struct Answer {
  size_t overlap = 0;
  bool resolved = false;
  double lat = 0, lon = 0;
  std::string name, country, kind;
};

double DistanceKm(double lat1, double lon1, double lat2, double lon2) {
  const double r = 3.14159265358979323846 / 180;
  double dlat = (lat2 - lat1) * r, dlon = (lon2 - lon1) * r;
  double a = std::sin(dlat / 2) * std::sin(dlat / 2) +
             std::cos(lat1 * r) * std::cos(lat2 * r) * std::sin(dlon / 2) * std::sin(dlon / 2);
  return 2 * 6371.0 * std::asin(std::min(1.0, std::sqrt(a)));
}

double Auc(std::vector<double> errors) {
  std::sort(errors.begin(), errors.end());
  double auc = 0;
  for (size_t i = 1; i < errors.size(); ++i)
    auc += (std::log(errors[i - 1] + 1) + std::log(errors[i] + 1)) / 2;
  if (errors.size() > 1) auc /= static_cast<double>(errors.size() - 1) * std::log(kWorst);
  return auc;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc > 2 && std::string(argv[1]) == "--lookup") {
    auto g = sitrep::extract::LoadGazetteer(sitrep::extract::DefaultGazetteerPath());
    if (!g.ok()) return 1;
    for (int k = 2; k < argc; ++k) {
      for (uint32_t c : (*g)->Candidates(argv[k])) {
        const auto& p = (*g)->place(c);
        std::printf("%s\t%lld\t%s\t%s\t%s\t%d\t%llu\t%.3f,%.3f\n", argv[k], p.geonames_id,
                    p.name.c_str(), p.country.c_str(), p.feature.c_str(), static_cast<int>(p.kind),
                    static_cast<unsigned long long>(p.population), p.lat, p.lon);
      }
    }
    return 0;
  }
  std::string dir = argc > 1 ? argv[1] : SITREP_SOURCE_DIR "/../shared/bench/geo";
  const char* debug_env = std::getenv("EVAL_GEO_DEBUG");
  const int debug = debug_env ? std::atoi(debug_env) : 0;
  std::printf("%-14s %6s %7s %8s %13s %11s %7s %8s\n", "set", "gold", "found", "resolved",
              "acc@161 found", "acc@161 all", "AUC", "seconds");
  for (const char* name : {"GeoVirus.xml", "GWN.xml", "TR-News.xml"}) {
    std::ifstream in(dir + "/" + name, std::ios::binary);
    if (!in) {
      std::fprintf(stderr, "%s/%s: not found (skipped)\n", dir.c_str(), name);
      continue;
    }
    std::stringstream ss;
    ss << in.rdbuf();
    const std::vector<geo_gold::Article> articles = geo_gold::Parse(ss.str());
    std::vector<sitrep::Document> docs;
    for (size_t i = 0; i < articles.size(); ++i) {
      sitrep::Document d;
      d.id = "a" + std::to_string(i);
      d.path = d.id + ".txt";
      d.format = "txt";
      d.text = articles[i].text;
      docs.push_back(std::move(d));
    }
    auto t0 = std::chrono::steady_clock::now();
    auto report = sitrep::AnalyzeDocuments(std::move(docs), sitrep::AnalyzeOptions{});
    double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    if (!report.ok()) {
      std::fprintf(stderr, "%s: %s\n", name, report.status().ToString().c_str());
      return 1;
    }
    std::map<std::string, size_t> doc_index;
    for (size_t i = 0; i < articles.size(); ++i) doc_index["a" + std::to_string(i)] = i;
    size_t text_mismatch = 0;
    for (const sitrep::Document& d : report->documents) {
      auto it = doc_index.find(d.id);
      if (it == doc_index.end() || d.text != articles[it->second].text) ++text_mismatch;
    }
    // Gold spans in bytes.
    std::vector<std::vector<std::pair<size_t, size_t>>> spans(articles.size());
    std::vector<std::vector<Answer>> answers(articles.size());
    for (size_t i = 0; i < articles.size(); ++i) {
      for (const geo_gold::Gold& g : articles[i].gold) {
        spans[i].push_back({geo_gold::ByteOfCodePoint(articles[i].text, g.start),
                            geo_gold::ByteOfCodePoint(articles[i].text, g.end)});
      }
      answers[i].resize(articles[i].gold.size());
    }
    for (const sitrep::Entity& e : report->entities) {
      if (e.type != "place") continue;
      for (const sitrep::Mention& m : e.mentions) {
        auto it = doc_index.find(m.doc);
        if (it == doc_index.end()) continue;
        const size_t i = it->second;
        for (size_t k = 0; k < spans[i].size(); ++k) {
          auto [gs, ge] = spans[i][k];
          if (!(m.start < ge && gs < m.end)) continue;
          size_t ov = std::min(ge, m.end) - std::max(gs, m.start);
          Answer& a = answers[i][k];
          if (ov <= a.overlap) continue;
          a.overlap = ov;
          a.resolved = e.lat.has_value() && e.lon.has_value();
          a.lat = e.lat.value_or(0);
          a.lon = e.lon.value_or(0);
          a.name = e.name;
          a.country = e.country.value_or("");
          a.kind = e.place_kind.value_or("");
        }
      }
    }
    size_t gold = 0, found = 0, resolved = 0, within = 0;
    std::vector<double> errors;
    for (size_t i = 0; i < articles.size(); ++i) {
      for (size_t k = 0; k < articles[i].gold.size(); ++k) {
        const geo_gold::Gold& g = articles[i].gold[k];
        const Answer& a = answers[i][k];
        ++gold;
        if (a.overlap == 0) {
          if (debug >= 2) std::fprintf(stderr, "MISS\t%s\t%s\ta%zu\n", name, g.name.c_str(), i);
          continue;
        }
        ++found;
        double err = kWorst;
        if (a.resolved) {
          ++resolved;
          err = DistanceKm(a.lat, a.lon, g.lat, g.lon);
        }
        errors.push_back(err);
        within += err <= 161;
        if (debug >= 1 && err > 161) {
          std::fprintf(stderr, "WRONG\t%s\t%s\t%s/%s/%s\t%.0f\t%.2f,%.2f\ta%zu\n", name,
                       g.name.c_str(), a.name.c_str(), a.country.c_str(), a.kind.c_str(), err,
                       g.lat, g.lon, i);
        }
      }
    }
    std::printf("%-14s %6zu %6.1f%% %7.1f%% %12.1f%% %10.1f%% %7.3f %8.1f\n", name, gold,
                100.0 * found / std::max<size_t>(1, gold),
                100.0 * resolved / std::max<size_t>(1, gold),
                100.0 * within / std::max<size_t>(1, found),
                100.0 * within / std::max<size_t>(1, gold), Auc(errors), secs);
    if (text_mismatch > 0)
      std::printf("  warning: %zu documents' text differs from the article text\n", text_mismatch);
  }
  return 0;
}
