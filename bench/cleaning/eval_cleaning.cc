// Evaluates cleaning on the main-content sets of ../shared/bench/cleaning:
//   - article-extraction-benchmark: 181 article pages (html/<id>.html.gz) with
//     ground-truth.json; the benchmark's metric (4-token shingles);
//   - dragnet: 1,381 blog and news pages (html/<id>.html.gz, gold/<id>.txt, split.tsv
//     with Moz's train/test split); bag-of-words metric (single tokens), with the
//     4-token shingle F1 beside it. Train and test halves are reported separately.
// The set is recognised by its files (split.tsv means dragnet).
//
// Each page goes through the product path of `sitrep clean FILE.html`: ingest::ReadBytes
// (the bytes as the CLI's file reader hands them over, format "html") with default
// IngestOptions, then clean::CleanDocuments with default CleanOptions (threads = 1, which
// does not change the output), and the article is clean::ArticleText - the "article"
// field of `sitrep clean --format json`. Scoring: tokens are runs of word characters
// (Python's \w+, case kept); per page TP/FP/FN over the token (or shingle) multisets are
// normalised to sum to 1; precision is averaged over pages with output (TP+FP > 0),
// recall over pages with gold text (TP+FN > 0), and F1 is computed from the two averages.
//
// Speed: thread CPU time of parse + clean per page, summed, over the uncompressed HTML
// bytes (one core); the clean step alone is timed too.
//
// Usage: eval_cleaning [--data DIR] [--repeat N] [--worst K] [--dump ID] [--out DIR]
//   --out DIR writes <id>.txt (the article) and <id>.roles.tsv (every block's role).
//                      [--split train|test] (dragnet: score one half only)
#include <unicode/uchar.h>
#include <zlib.h>

#include <algorithm>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <unordered_map>
#include <vector>

#include "clean/clean.h"
#include "ingest/ingest.h"

namespace {

// CPU time of this thread: on a shared, loaded machine wall time measures the neighbours.
double ThreadSeconds() {
  timespec ts;
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return double(ts.tv_sec) + double(ts.tv_nsec) * 1e-9;
}

std::string ReadGzip(const std::string& path) {
  std::string out;
  gzFile f = gzopen(path.c_str(), "rb");
  if (f == nullptr) return out;
  char buf[1 << 16];
  int n;
  while ((n = gzread(f, buf, sizeof buf)) > 0) out.append(buf, static_cast<size_t>(n));
  gzclose(f);
  return out;
}

// Python's \w+: letters, digits, marks and underscore.
bool IsWordChar(char32_t c) {
  if (c < 0x80) return std::isalnum(static_cast<int>(c)) || c == '_';
  int8_t t = u_charType(c);
  return u_isalnum(c) || t == U_NON_SPACING_MARK || t == U_COMBINING_SPACING_MARK ||
         t == U_OTHER_NUMBER || t == U_LETTER_NUMBER;
}

std::vector<std::string> Tokenize(const std::string& s) {
  std::vector<std::string> out;
  std::string cur;
  size_t i = 0;
  while (i < s.size()) {
    size_t at = i;
    unsigned char c = s[i];
    char32_t cp = c;
    int n = c < 0x80 ? 0 : c >= 0xF0 ? 3 : c >= 0xE0 ? 2 : c >= 0xC0 ? 1 : 0;
    if (n > 0 && i + n < s.size()) {
      cp = c & (0x3F >> n);
      for (int k = 1; k <= n; ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
    } else {
      n = 0;
    }
    i += n + 1;
    if (IsWordChar(cp)) {
      cur.append(s, at, i - at);
    } else if (!cur.empty()) {
      out.push_back(std::move(cur));
      cur.clear();
    }
  }
  if (!cur.empty()) out.push_back(std::move(cur));
  return out;
}

// Multiset of `n`-token shingles (a text shorter than n tokens is one shingle).
std::unordered_map<std::string, int> Shingles(const std::string& text, size_t n) {
  std::vector<std::string> t = Tokenize(text);
  std::unordered_map<std::string, int> out;
  size_t count = std::max<size_t>(1, t.size() >= n ? t.size() - (n - 1) : 1);
  for (size_t i = 0; i < count; ++i) {
    std::string key;
    for (size_t k = i; k < std::min(t.size(), i + n); ++k) {
      key += t[k];
      key += '\x1f';
    }
    if (!key.empty()) ++out[key];
  }
  return out;
}

struct Score {
  double tp = 0, fp = 0, fn = 0;
};

Score Match(const std::string& truth, const std::string& pred, size_t n) {
  auto a = Shingles(truth, n), b = Shingles(pred, n);
  Score s;
  for (const auto& [k, n] : a) {
    auto it = b.find(k);
    int m = it == b.end() ? 0 : it->second;
    s.tp += std::min(n, m);
    s.fn += std::max(0, n - m);
  }
  for (const auto& [k, m] : b) {
    auto it = a.find(k);
    int n = it == a.end() ? 0 : it->second;
    s.fp += std::max(0, m - n);
  }
  double sum = s.tp + s.fp + s.fn;
  if (sum > 0) {
    s.tp /= sum;
    s.fp /= sum;
    s.fn /= sum;
  }
  return s;
}

double Precision(const Score& s) {
  if (s.fp == 0 && s.fn == 0) return 1;
  if (s.tp == 0 && s.fp == 0) return 0;
  return s.tp / (s.tp + s.fp);
}
double Recall(const Score& s) {
  if (s.fp == 0 && s.fn == 0) return 1;
  if (s.tp == 0 && s.fn == 0) return 0;
  return s.tp / (s.tp + s.fn);
}

std::string DefaultDataDir() {
#ifdef SITREP_SOURCE_DIR
  return std::string(SITREP_SOURCE_DIR) + "/../shared/bench/cleaning/article-extraction-benchmark";
#else
  return "../shared/bench/cleaning/article-extraction-benchmark";
#endif
}

std::string ReadFileText(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

struct Page {
  std::string id;
  std::string group;  // "train" / "test" for dragnet, "all" otherwise
  std::string truth;
  std::string url;
};

// Averages of per-page precision and recall over one group of pages.
struct Totals {
  double p_sum = 0, r_sum = 0;
  int p_n = 0, r_n = 0, pages = 0, empty = 0;
  void Add(const Score& s) {
    ++pages;
    if (s.tp + s.fp > 0) {
      p_sum += Precision(s);
      ++p_n;
    } else {
      ++empty;
    }
    if (s.tp + s.fn > 0) {
      r_sum += Recall(s);
      ++r_n;
    }
  }
  double P() const { return p_n ? p_sum / p_n : 0; }
  double R() const { return r_n ? r_sum / r_n : 0; }
  double F1() const { return P() + R() > 0 ? 2 * P() * R() / (P() + R()) : 0; }
};

}  // namespace

int main(int argc, char** argv) {
  std::string data = DefaultDataDir();
  int repeat = 1;
  int worst = 0;
  std::string dump;
  std::string out_dir;  // when set, writes <id>.txt with the extracted article per page
  std::string only_split;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--data" && i + 1 < argc) {
      data = argv[++i];
    } else if (a == "--repeat" && i + 1 < argc) {
      repeat = std::max(1, std::atoi(argv[++i]));
    } else if (a == "--worst" && i + 1 < argc) {
      worst = std::atoi(argv[++i]);
    } else if (a == "--dump" && i + 1 < argc) {
      dump = argv[++i];
    } else if (a == "--out" && i + 1 < argc) {
      out_dir = argv[++i];
    } else if (a == "--split" && i + 1 < argc) {
      only_split = argv[++i];
    } else {
      std::cerr << "usage: eval_cleaning [--data DIR] [--repeat N] [--worst K] [--dump ID] "
                   "[--out DIR] [--split train|test]\n";
      return 2;
    }
  }
  std::vector<Page> pages;
  const bool dragnet = std::filesystem::exists(data + "/split.tsv");
  if (dragnet) {
    std::ifstream split(data + "/split.tsv");
    std::string line;
    while (std::getline(split, line)) {
      size_t tab = line.find('\t');
      if (tab == std::string::npos) continue;
      Page pg{line.substr(0, tab), line.substr(tab + 1), "", ""};
      if (!pg.group.empty() && pg.group.back() == '\r') pg.group.pop_back();
      if (!only_split.empty() && pg.group != only_split) continue;
      pg.truth = ReadFileText(data + "/gold/" + pg.id + ".txt");
      pages.push_back(std::move(pg));
    }
  } else {
    std::ifstream gt_in(data + "/ground-truth.json");
    if (!gt_in) {
      std::cerr << "eval_cleaning: " << data << "/ground-truth.json: not found\n";
      return 1;
    }
    nlohmann::json gt = nlohmann::json::parse(gt_in, nullptr, false);
    if (gt.is_discarded()) {
      std::cerr << "eval_cleaning: ground-truth.json: invalid JSON\n";
      return 1;
    }
    for (const auto& [id, item] : gt.items()) {
      pages.push_back(Page{id, "all", item.value("articleBody", ""), item.value("url", "")});
    }
  }
  // Default options, as `sitrep clean` uses them; one worker thread (same output) so that
  // the timing is per core.
  const sitrep::IngestOptions ingest_options;
  sitrep::CleanOptions clean_options;
  clean_options.threads = 1;
  // Primary metric: bag of words on dragnet, 4-token shingles on the benchmark.
  const size_t primary_n = dragnet ? 1 : 4;

  std::map<std::string, Totals> primary, shingle;
  size_t html_bytes = 0, text_bytes = 0;
  double total_seconds = 0, clean_seconds = 0;
  std::vector<std::pair<double, std::string>> per_page;
  for (const Page& page : pages) {
    const std::string& id = page.id;
    if (!dump.empty() && id != dump) continue;
    std::string html = ReadGzip(data + "/html/" + id + ".html.gz");
    if (html.empty()) {
      std::cerr << "eval_cleaning: " << id << ": missing or empty page\n";
      continue;
    }
    std::string pred;
    for (int r = 0; r < repeat; ++r) {
      double t0 = ThreadSeconds();
      sitrep::ingest::IngestResult result;
      sitrep::ingest::ReadBytes(id + ".html", html, "html", ingest_options, result);
      double t1 = ThreadSeconds();
      if (r == 0) {
        for (const sitrep::Diagnostic& d : result.diagnostics) {
          std::cerr << "eval_cleaning: " << d.path << ": " << d.message << "\n";
        }
      }
      if (!result.documents.empty()) {
        sitrep::clean::CleanDocuments(result.documents, clean_options);
        const sitrep::Document& doc = result.documents.front();
        if (r == 0) {
          pred = sitrep::clean::ArticleText(doc);
          text_bytes += doc.text.size();
          if (!out_dir.empty()) {
            // Every block with its role, for error analysis: role, tag, ancestors, link
            // bytes, text (one line each).
            std::ofstream roles(out_dir + "/" + id + ".roles.tsv");
            for (const sitrep::Block& b : doc.blocks) {
              std::string text(doc.Slice(b));
              std::replace(text.begin(), text.end(), '\n', ' ');
              std::replace(text.begin(), text.end(), '\t', ' ');
              roles << sitrep::BlockRoleName(b.role) << "\t" << b.tag << "\t" << b.ancestors << "\t"
                    << b.link_bytes << "\t" << text << "\n";
            }
          }
          if (!dump.empty()) {
            for (const sitrep::Block& b : doc.blocks) {
              std::string_view anc = b.ancestors;
              if (anc.size() > 90 && !std::getenv("FULL")) anc = anc.substr(anc.size() - 90);
              std::cout << sitrep::BlockRoleName(b.role) << "\t" << b.tag << "\t" << anc << "\t"
                        << b.link_bytes << "\t" << doc.Slice(b).substr(0, 100) << "\n";
            }
          }
        }
      }
      double t2 = ThreadSeconds();
      total_seconds += t2 - t0;
      clean_seconds += t2 - t1;
      html_bytes += html.size();
    }
    if (!out_dir.empty()) std::ofstream(out_dir + "/" + id + ".txt") << pred;
    Score s = Match(page.truth, pred, primary_n);
    primary["all"].Add(s);
    if (dragnet) {
      primary[page.group].Add(s);
      Score s4 = Match(page.truth, pred, 4);
      shingle[page.group].Add(s4);
      shingle["all"].Add(s4);
    }
    double f = (Precision(s) + Recall(s)) > 0
                   ? 2 * Precision(s) * Recall(s) / (Precision(s) + Recall(s))
                   : 0;
    per_page.emplace_back(f, id + " " + page.group +
                                 " P=" + std::to_string(Precision(s)).substr(0, 5) +
                                 " R=" + std::to_string(Recall(s)).substr(0, 5) + " " + page.url);
  }
  if (primary["all"].pages == 0) {
    std::cerr << "eval_cleaning: no pages\n";
    return 1;
  }
  std::printf("set        %s (%s)\n", dragnet ? "dragnet" : "article-extraction-benchmark",
              dragnet ? "bag-of-words; [4-token shingles]" : "4-token shingles");
  for (const auto& [group, t] : primary) {
    if (dragnet && group == "all" && primary.size() == 2) continue;  // one half only
    std::printf("%-6s pages %4d  precision %.3f  recall %.3f  F1 %.3f", group.c_str(), t.pages,
                t.P(), t.R(), t.F1());
    if (dragnet) std::printf("  [F1 %.3f]", shingle[group].F1());
    std::printf("  (no output: %d)\n", t.empty);
  }
  std::printf("html MB    %.1f (x%d)\n", html_bytes / 1e6, repeat);
  std::printf("parse+clean  %.1f MB/s of HTML (one core)\n", html_bytes / 1e6 / total_seconds);
  std::printf("clean only   %.1f MB/s of HTML, %.1f MB/s of extracted text\n",
              html_bytes / 1e6 / clean_seconds, text_bytes * repeat / 1e6 / clean_seconds);
  if (worst > 0) {
    std::sort(per_page.begin(), per_page.end());
    for (int i = 0; i < worst && i < static_cast<int>(per_page.size()); ++i) {
      std::printf("  F1=%.3f %s\n", per_page[i].first, per_page[i].second.c_str());
    }
  }
  return 0;
}
