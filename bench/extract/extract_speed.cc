// Speed of the whole extraction stage, one core: times and quantities
// (ExtractTimesAndQuantities, per document) and entities, places, merging and claims
// (ExtractWho over the batch, one worker thread), as the pipeline runs them. Text
// analysis and the one-off gazetteer load are not timed.
//
// Corpora: articles from the bench corpus generator (always), and the news texts of
// ../shared/bench/geo (GeoVirus, GeoWebNews, TR-News) when present. Each corpus is run
// --repeat times; the best run is reported (the shared machine's load only slows runs).
//
// Usage: extract_speed [--articles N] [--repeat R] [--geo DIR]
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "corpus/generator.h"
#include "extract/place.h"
#include "extract/quantity.h"
#include "extract/who.h"
#include "text/text.h"

namespace {

double CpuSeconds() { return double(std::clock()) / CLOCKS_PER_SEC; }

// The <text> of every <article> of a GeoVirus/GWN/TR-News file, entities unescaped.
std::vector<std::string> ArticleTexts(const std::string& xml) {
  std::vector<std::string> out;
  size_t p = 0;
  while ((p = xml.find("<text>", p)) != std::string::npos) {
    const size_t b = p + 6;
    const size_t e = xml.find("</text>", b);
    if (e == std::string::npos) {
      break;
    }
    std::string t;
    for (size_t i = b; i < e; ++i) {
      if (xml[i] == '&') {
        static constexpr std::pair<const char*, char> kEntities[] = {
            {"&amp;", '&'}, {"&lt;", '<'}, {"&gt;", '>'}, {"&quot;", '"'}, {"&apos;", '\''}};
        bool done = false;
        for (const auto& [name, c] : kEntities) {
          if (xml.compare(i, std::strlen(name), name) == 0) {
            t += c;
            i += std::strlen(name) - 1;
            done = true;
            break;
          }
        }
        if (done) {
          continue;
        }
      }
      t += xml[i];
    }
    out.push_back(std::move(t));
    p = e;
  }
  return out;
}

struct Corpus {
  std::string name;
  std::vector<sitrep::Document> docs;
  std::vector<sitrep::text::DocText> texts;
  size_t bytes = 0;
};

void Run(const Corpus& c, const sitrep::extract::Gazetteer* gazetteer, int repeat) {
  double best_when = 1e30, best_who = 1e30;
  size_t times = 0, quantities = 0, entities = 0, claims = 0;
  sitrep::ExtractOptions one_thread;
  one_thread.threads = 1;
  for (int r = 0; r < repeat; ++r) {
    double t0 = CpuSeconds();
    times = quantities = 0;
    for (size_t i = 0; i < c.docs.size(); ++i) {
      sitrep::extract::TimesAndQuantities w =
          sitrep::extract::ExtractTimesAndQuantities(c.docs[i], c.texts[i]);
      times += w.times.size();
      quantities += w.quantities.size();
    }
    double t1 = CpuSeconds();
    sitrep::extract::WhoResult who =
        sitrep::extract::ExtractWho(c.docs, c.texts, gazetteer, one_thread);
    double t2 = CpuSeconds();
    entities = who.entities.size();
    claims = who.claims.size();
    best_when = std::min(best_when, t1 - t0);
    best_who = std::min(best_who, t2 - t1);
  }
  const double mb = c.bytes / 1e6;
  std::printf("%-14s %7.2f %9.2f %9.2f %9.2f %7zu %7zu %8zu %7zu\n", c.name.c_str(), mb,
              mb / best_when, mb / best_who, mb / (best_when + best_who), times, quantities,
              entities, claims);
}

}  // namespace

int main(int argc, char** argv) {
  size_t articles = 2000;
  int repeat = 3;
  std::string geo = SITREP_SOURCE_DIR "/../shared/bench/geo";
  for (int i = 1; i + 1 < argc; i += 2) {
    if (!std::strcmp(argv[i], "--articles")) {
      articles = static_cast<size_t>(std::atol(argv[i + 1]));
    } else if (!std::strcmp(argv[i], "--repeat")) {
      repeat = std::max(1, std::atoi(argv[i + 1]));
    } else if (!std::strcmp(argv[i], "--geo")) {
      geo = argv[i + 1];
    } else {
      std::fprintf(stderr, "usage: extract_speed [--articles N] [--repeat R] [--geo DIR]\n");
      return 2;
    }
  }
  auto gazetteer = sitrep::extract::LoadGazetteer(sitrep::extract::DefaultGazetteerPath());
  if (!gazetteer.ok()) {
    std::fprintf(stderr, "extract_speed: gazetteer: %s (places get no coordinates)\n",
                 gazetteer.status().message().c_str());
  }
  sitrep::TextOptions topt;
  auto analyzer = sitrep::text::TextAnalyzer::Create(topt);
  if (!analyzer.ok()) {
    std::fprintf(stderr, "extract_speed: %s\n", analyzer.status().message().c_str());
    return 1;
  }
  std::vector<Corpus> corpora;
  {
    sitrep::bench::CorpusOptions options;
    options.articles = articles;
    Corpus c;
    c.name = "generated";
    for (const auto& a : sitrep::bench::GenerateCorpus(options).articles) {
      sitrep::Document d;
      d.id = a.id;
      d.text = a.text;
      d.published = a.published;
      c.bytes += d.text.size();
      c.docs.push_back(std::move(d));
    }
    corpora.push_back(std::move(c));
  }
  for (const char* file : {"GeoVirus.xml", "GWN.xml", "TR-News.xml"}) {
    std::ifstream in(geo + "/" + file, std::ios::binary);
    if (!in) {
      std::fprintf(stderr, "extract_speed: %s/%s not found (skipped)\n", geo.c_str(), file);
      continue;
    }
    std::stringstream ss;
    ss << in.rdbuf();
    Corpus c;
    c.name = file;
    size_t k = 0;
    for (std::string& t : ArticleTexts(ss.str())) {
      sitrep::Document d;
      d.id = std::to_string(k++);
      d.text = std::move(t);
      c.bytes += d.text.size();
      c.docs.push_back(std::move(d));
    }
    corpora.push_back(std::move(c));
  }
  std::printf("%-14s %7s %9s %9s %9s %7s %7s %8s %7s\n", "corpus", "MB", "when MB/s", "who MB/s",
              "all MB/s", "times", "quants", "entities", "claims");
  for (Corpus& c : corpora) {
    for (const sitrep::Document& d : c.docs) {
      c.texts.push_back(analyzer.value()->Analyze(d));
    }
    Run(c, gazetteer.ok() ? gazetteer.value().get() : nullptr, repeat);
  }
  return 0;
}
