// Geocoding evaluation on GeoVirus, GeoWebNews (GWN) and TR-News (../shared/bench/geo):
// accuracy within 161 km and AUC of the error curve (Gritta et al. 2018), for toponym
// resolution given the gold toponyms, plus how many gold toponyms our entity extractor
// finds as places (recognition recall). Also reports extraction speed.
//
//   eval_geo [bench/geo dir] [gazetteer path]
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "extract/entity.h"
#include "extract/entity_tagger.h"
#include "extract/place.h"
#include "extract/who.h"
#include "geo_gold.h"
#include "text/text.h"

namespace {

using sitrep::extract::DistanceKm;

using geo_gold::Article;
using geo_gold::ByteOfCodePoint;
using geo_gold::Gold;
using geo_gold::Parse;

}  // namespace

int main(int argc, char** argv) {
  std::string dir = argc > 1 ? argv[1] : SITREP_SOURCE_DIR "/../shared/bench/geo";
  std::string gpath = argc > 2 ? argv[2] : sitrep::extract::DefaultGazetteerPath();
  auto t0 = std::chrono::steady_clock::now();
  auto cpu0 = std::clock();
  auto gaz = sitrep::extract::LoadGazetteer(gpath);
  double load_cpu_ms = 1000.0 * double(std::clock() - cpu0) / CLOCKS_PER_SEC;
  double load_ms =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
  if (!gaz.ok()) {
    std::fprintf(stderr, "%s\n", gaz.status().ToString().c_str());
    return 1;
  }
  {
    std::vector<std::string_view> warm = {"Warm", "up"};
    sitrep::extract::EntityTagger::Default().Tag(warm, nullptr);  // loads the model
  }
  sitrep::TextOptions topt;
  topt.wordnet_dir = "";
  auto analyzer = sitrep::text::TextAnalyzer::Create(topt);
  if (!analyzer.ok()) return 1;
  std::printf("gazetteer: %zu entries loaded in %.0f ms (%.0f ms CPU)\n", gaz.value()->size(),
              load_ms, load_cpu_ms);
  std::printf("%-14s %6s %8s %8s %9s %10s %10s %9s %7s\n", "set", "gold", "acc@161", "AUC", "found",
              "ment MB/s", "who MB/s", "entities", "claims");
  for (const char* name : {"GeoVirus.xml", "GWN.xml", "TR-News.xml"}) {
    std::ifstream in(dir + "/" + name, std::ios::binary);
    if (!in) {
      std::fprintf(stderr, "%s/%s: not found (skipped)\n", dir.c_str(), name);
      continue;
    }
    std::stringstream ss;
    ss << in.rdbuf();
    auto articles = Parse(ss.str());
    std::vector<double> errors;
    size_t found = 0;
    double extract_s = 0;
    size_t bytes = 0;
    for (const Article& a : articles) {
      sitrep::Document doc;
      doc.id = "a";
      doc.text = a.text;
      sitrep::text::DocText dt = analyzer.value()->Analyze(doc);
      auto e0 = std::clock();
      auto dm = sitrep::extract::FindEntityMentions(0, doc, dt, gaz.value().get());
      sitrep::extract::ResolveDocumentPlaces(*gaz.value(), dm);
      extract_s += double(std::clock() - e0) / CLOCKS_PER_SEC;
      bytes += doc.text.size();
      // Resolution given gold toponyms, with the places we found as extra context.
      std::vector<sitrep::extract::PlaceQuery> queries;
      for (const Gold& g : a.gold) queries.push_back({g.name, false});
      for (const auto& m : dm.mentions) {
        if (m.type != "place") continue;
        bool overlaps_gold = false;
        for (const Gold& g : a.gold) {
          size_t gs = ByteOfCodePoint(a.text, g.start), ge = ByteOfCodePoint(a.text, g.end);
          if (m.start < ge && gs < m.end) overlaps_gold = true;
        }
        if (overlaps_gold) {
          ++found;
        } else {
          std::string qn = m.name;
          if (m.region_hint && qn.rfind(' ') != std::string::npos) qn.resize(qn.rfind(' '));
          queries.push_back({qn, m.region_hint});
        }
      }
      auto picks = sitrep::extract::ResolvePlaces(*gaz.value(), queries, dm.demonym_countries);
      for (size_t i = 0; i < a.gold.size(); ++i) {
        double err = 20039;
        if (picks[i]) {
          const auto& p = gaz.value()->place(*picks[i]);
          err = DistanceKm(p.lat, p.lon, a.gold[i].lat, a.gold[i].lon);
        }
        errors.push_back(err);
        if (std::getenv("EVAL_GEO_DEBUG") && err > 161) {
          std::string got = "-";
          if (picks[i]) {
            const auto& p = gaz.value()->place(*picks[i]);
            got = p.name + "/" + p.country + "/" + p.feature;
          }
          std::fprintf(stderr, "%s\t%s\t%.0f\t%.2f,%.2f\n", a.gold[i].name.c_str(), got.c_str(),
                       err, a.gold[i].lat, a.gold[i].lon);
        }
      }
    }
    // The whole who-extraction (entities, merging, places, claims) over the set as one
    // batch, CPU time of one thread, text analysis excluded.
    double full_mbs = 0;
    size_t claims = 0, entities = 0;
    {
      std::vector<sitrep::Document> docs;
      std::vector<sitrep::text::DocText> texts;
      for (size_t i = 0; i < articles.size(); ++i) {
        sitrep::Document d;
        d.id = std::to_string(i);
        d.text = articles[i].text;
        texts.push_back(analyzer.value()->Analyze(d));
        docs.push_back(std::move(d));
      }
      // One worker thread: CPU time per core, not inflated by two threads sharing caches.
      sitrep::ExtractOptions one_thread;
      one_thread.threads = 1;
      auto c0 = std::clock();
      auto who = sitrep::extract::ExtractWho(docs, texts, gaz.value().get(), one_thread);
      double secs = double(std::clock() - c0) / CLOCKS_PER_SEC;
      full_mbs = bytes / 1e6 / std::max(1e-9, secs);
      claims = who.claims.size();
      entities = who.entities.size();
    }
    std::sort(errors.begin(), errors.end());
    size_t within = 0;
    for (double e : errors) within += e <= 161;
    double auc = 0;
    for (size_t i = 1; i < errors.size(); ++i)
      auc += (std::log(errors[i - 1] + 1) + std::log(errors[i] + 1)) / 2;
    if (errors.size() > 1) auc /= (errors.size() - 1) * std::log(20039.0);
    std::printf("%-14s %6zu %7.1f%% %8.3f %8.1f%% %10.2f %10.2f %9zu %7zu\n", name, errors.size(),
                100.0 * within / std::max<size_t>(1, errors.size()), auc,
                100.0 * found / std::max<size_t>(1, errors.size()),
                bytes / 1e6 / std::max(1e-9, extract_s), full_mbs, entities, claims);
  }
  return 0;
}
