// PAN 2013 text alignment, aligner level: aligns every (suspicious, source) pair of the
// sample in ../shared/bench/reuse/pan13-train-sample with AlignSentences under the bench
// settings below (the options the product uses for passages: similarity 0.33, extension
// 0.3, sentence-frequency weighting, units of 4), on documents made of the raw files
// (blank-line paragraphs, no cleaning), builds passages with the product's BuildPassages
// (reuse/passages.h), and scores them with PAN's plagdet (macro character precision and
// recall, F1 / log2(1 + granularity)). Not the product path: every pair is scored even
// when `sitrep analyze` would not report it. The product-path figures come from
// bench/reuse/pan13_cli.py (sitrep analyze / sitrep compare).
//
// Usage: reuse_pan13_eval [--data DIR] [--sim X] [--contain X] [--ext X] [--isf 0|1]
//                         [--unit X] [--gap N] [--min-chars N] [--min-side N]
//                         [--summary-ratio X] [--sum-sim X] [--summary-related X]
//                         [--exact-run N] [--exact-cover X] [--dump CATEGORY]
// Prints one line per category and the pooled figure. Exit code 2 when DIR is missing.
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <map>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

#include "reuse/align.h"
#include "reuse/doc_features.h"
#include "reuse/passages.h"
#include "reuse/testing.h"

namespace {

using sitrep::reuse::testing::ReadFile;

struct Range {  // [start, end) in characters
  long start = 0, end = 0;
};

struct Case {  // a gold plagiarism case or a detection, within one document pair
  int pair = 0;
  Range susp, src;
};

long Overlap(const Range& a, const Range& b) {
  return std::max(0L, std::min(a.end, b.end) - std::max(a.start, b.start));
}

// Characters in the union of ranges (ranges may overlap).
long UnionLength(std::vector<Range> rs) {
  std::sort(rs.begin(), rs.end(), [](const Range& a, const Range& b) { return a.start < b.start; });
  long total = 0, cur_s = -1, cur_e = -1;
  for (const Range& r : rs) {
    if (r.end <= r.start) continue;
    if (r.start > cur_e) {
      if (cur_e > cur_s) total += cur_e - cur_s;
      cur_s = r.start;
      cur_e = r.end;
    } else {
      cur_e = std::max(cur_e, r.end);
    }
  }
  if (cur_e > cur_s) total += cur_e - cur_s;
  return total;
}

bool Detects(const Case& s, const Case& r) {
  return s.pair == r.pair && Overlap(s.susp, r.susp) > 0 && Overlap(s.src, r.src) > 0;
}

struct Score {
  double precision = 0, recall = 0, granularity = 1, plagdet = 0;
};

Score Plagdet(const std::vector<Case>& gold, const std::vector<Case>& det) {
  Score sc;
  // Macro recall: per case, share of its characters covered by detections that detect it.
  double rec = 0;
  size_t detected = 0, gran_sum = 0;
  for (const Case& s : gold) {
    std::vector<Range> su, sr;
    size_t n = 0;
    for (const Case& r : det) {
      if (!Detects(s, r)) continue;
      ++n;
      su.push_back({std::max(s.susp.start, r.susp.start), std::min(s.susp.end, r.susp.end)});
      sr.push_back({std::max(s.src.start, r.src.start), std::min(s.src.end, r.src.end)});
    }
    const long len = (s.susp.end - s.susp.start) + (s.src.end - s.src.start);
    if (len > 0) rec += static_cast<double>(UnionLength(su) + UnionLength(sr)) / len;
    if (n > 0) {
      ++detected;
      gran_sum += n;
    }
  }
  double prec = 0;
  for (const Case& r : det) {
    std::vector<Range> su, sr;
    for (const Case& s : gold) {
      if (!Detects(s, r)) continue;
      su.push_back({std::max(s.susp.start, r.susp.start), std::min(s.susp.end, r.susp.end)});
      sr.push_back({std::max(s.src.start, r.src.start), std::min(s.src.end, r.src.end)});
    }
    const long len = (r.susp.end - r.susp.start) + (r.src.end - r.src.start);
    if (len > 0) prec += static_cast<double>(UnionLength(su) + UnionLength(sr)) / len;
  }
  sc.recall = gold.empty() ? 0 : rec / gold.size();
  sc.precision = det.empty() ? 0 : prec / det.size();
  sc.granularity = detected ? static_cast<double>(gran_sum) / detected : 1;
  const double f1 =
      sc.precision + sc.recall > 0 ? 2 * sc.precision * sc.recall / (sc.precision + sc.recall) : 0;
  sc.plagdet = f1 / std::log2(1 + sc.granularity);
  return sc;
}

// Character offset of every byte offset (UTF-8).
std::vector<long> CharIndex(const std::string& s) {
  std::vector<long> idx(s.size() + 1);
  long c = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    idx[i] = c;
    if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80) ++c;
  }
  idx[s.size()] = c;
  return idx;
}

long Attr(const std::string& xml, size_t from, const char* name) {
  const std::string key = std::string(name) + "=\"";
  const size_t p = xml.find(key, from);
  if (p == std::string::npos) return -1;
  return std::atol(xml.c_str() + p + key.size());
}

}  // namespace

int main(int argc, char** argv) {
  std::string data = "../shared/bench/reuse/pan13-train-sample";
  sitrep::reuse::AlignOptions ao;
  ao.min_similarity = 0.33;
  ao.sentence_frequency_weighting = true;
  ao.min_unit_weight = 4;
  sitrep::reuse::PassageOptions po;  // the product's passage building, defaults
  std::string dump;                  // print gold and detected passages of matching categories
  for (int i = 1; i + 1 < argc; i += 2) {
    if (!strcmp(argv[i], "--data"))
      data = argv[i + 1];
    else if (!strcmp(argv[i], "--sim"))
      ao.min_similarity = atof(argv[i + 1]);
    else if (!strcmp(argv[i], "--contain"))
      ao.min_containment = atof(argv[i + 1]);
    else if (!strcmp(argv[i], "--gap"))
      po.max_gap = atoi(argv[i + 1]);
    else if (!strcmp(argv[i], "--min-chars"))
      po.min_chars = static_cast<size_t>(atol(argv[i + 1]));
    else if (!strcmp(argv[i], "--summary-ratio"))
      po.summary_ratio = atof(argv[i + 1]);
    else if (!strcmp(argv[i], "--summary-related"))
      po.summary_related = atof(argv[i + 1]);
    else if (!strcmp(argv[i], "--min-side"))
      po.min_side_chars = static_cast<size_t>(atol(argv[i + 1]));
    else if (!strcmp(argv[i], "--isf"))
      ao.sentence_frequency_weighting = atoi(argv[i + 1]) != 0;
    else if (!strcmp(argv[i], "--unit"))
      ao.min_unit_weight = atof(argv[i + 1]);
    else if (!strcmp(argv[i], "--sum-sim"))
      po.summary_share = atof(argv[i + 1]);
    else if (!strcmp(argv[i], "--ext"))
      ao.extend_similarity = atof(argv[i + 1]);
    else if (!strcmp(argv[i], "--exact-run"))
      po.exact_run = atoi(argv[i + 1]);
    else if (!strcmp(argv[i], "--exact-cover"))
      po.exact_cover = atof(argv[i + 1]);
    else if (!strcmp(argv[i], "--dump"))
      dump = argv[i + 1];
  }
  namespace fs = std::filesystem;
  if (!fs::exists(data)) {
    fprintf(stderr, "no PAN data at %s\n", data.c_str());
    return 2;
  }
  const auto& analyzer = sitrep::reuse::testing::SharedAnalyzer();
  struct Prepared {
    std::string text;
    sitrep::reuse::DocFeatures features;
    sitrep::text::DocText dt;
    std::vector<long> chars;
  };
  std::map<std::string, Prepared> cache;
  auto get = [&](const std::string& path) -> const Prepared& {
    auto it = cache.find(path);
    if (it != cache.end()) return it->second;
    Prepared p;
    p.text = ReadFile(path);
    sitrep::Document d = sitrep::reuse::testing::MakeDocument(path, p.text);
    p.dt = analyzer.Analyze(d);
    p.features = sitrep::reuse::ComputeFeatures(d, p.dt, 4);
    p.chars = CharIndex(p.text);
    return cache.emplace(path, std::move(p)).first->second;
  };

  const char* cats[] = {"01-no-plagiarism", "02-no-obfuscation", "03-random-obfuscation",
                        "04-translation-obfuscation", "05-summary-obfuscation"};
  std::vector<Case> all_gold, all_det;
  int pair_id = 0;
  double align_ms = 0;
  size_t aligned_pairs = 0;
  printf("%-28s %6s %6s %9s %9s %7s %8s\n", "category", "pairs", "cases", "precision", "recall",
         "gran", "plagdet");
  for (const char* cat : cats) {
    const std::string dir = data + "/" + cat;
    const std::string pairs = ReadFile(dir + "/pairs");
    std::vector<Case> gold, det;
    int npairs = 0;
    size_t pos = 0;
    while (pos < pairs.size()) {
      size_t nl = pairs.find('\n', pos);
      if (nl == std::string::npos) nl = pairs.size();
      const std::string line = pairs.substr(pos, nl - pos);
      pos = nl + 1;
      const size_t sp = line.find(' ');
      if (sp == std::string::npos) continue;
      const std::string susp = line.substr(0, sp), src = line.substr(sp + 1);
      const std::string xml = ReadFile(dir + "/" + susp.substr(0, susp.size() - 4) + "-" +
                                       src.substr(0, src.size() - 4) + ".xml");
      std::vector<Case> g;
      for (size_t f = xml.find("name=\"plagiarism\""); f != std::string::npos;
           f = xml.find("name=\"plagiarism\"", f + 1)) {
        const size_t start = xml.rfind('<', f);
        Case c;
        c.pair = pair_id;
        c.susp.start = Attr(xml, start, "this_offset");
        c.susp.end = c.susp.start + Attr(xml, start, "this_length");
        c.src.start = Attr(xml, start, "source_offset");
        c.src.end = c.src.start + Attr(xml, start, "source_length");
        g.push_back(c);
      }
      // Summary pairs without gold passages are left out of scoring, as PAN does.
      if (std::string(cat) == "05-summary-obfuscation" && g.empty()) {
        ++pair_id;
        continue;
      }
      ++npairs;
      const Prepared& ps = get(data + "/susp/" + susp);
      const Prepared& pr = get(data + "/src/" + src);
      const auto t0 = std::chrono::steady_clock::now();
      const sitrep::reuse::Alignment al =
          sitrep::reuse::AlignSentences(pr.features, ps.features, ao);
      const std::vector<sitrep::reuse::BuiltPassage> built =
          sitrep::reuse::BuildPassages({&pr.dt, &pr.features}, {&ps.dt, &ps.features}, al, po);
      align_ms +=
          std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
      ++aligned_pairs;
      std::vector<Case> pd;
      for (const auto& b : built) {
        Case d;
        d.pair = pair_id;
        d.susp = {ps.chars[b.copy_start], ps.chars[b.copy_end]};
        d.src = {pr.chars[b.source_start], pr.chars[b.source_end]};
        pd.push_back(d);
      }
      det.insert(det.end(), pd.begin(), pd.end());
      if (!dump.empty() && std::string(cat).find(dump) != std::string::npos) {
        printf("PAIR %d %s %s\n", pair_id, susp.c_str(), src.c_str());
        for (const Case& c : g)
          printf("  gold susp [%ld,%ld) src [%ld,%ld)\n", c.susp.start, c.susp.end, c.src.start,
                 c.src.end);
        for (const Case& c : det)
          if (c.pair == pair_id)
            printf("  det  susp [%ld,%ld) src [%ld,%ld)\n", c.susp.start, c.susp.end, c.src.start,
                   c.src.end);
      }
      gold.insert(gold.end(), g.begin(), g.end());
      ++pair_id;
    }
    all_gold.insert(all_gold.end(), gold.begin(), gold.end());
    all_det.insert(all_det.end(), det.begin(), det.end());
    if (gold.empty()) {
      printf("%-28s %6d %6zu %9s %9s %7s %8s  (%zu false detections)\n", cat, npairs, gold.size(),
             "-", "-", "-", "-", det.size());
    } else {
      const Score s = Plagdet(gold, det);
      printf("%-28s %6d %6zu %9.3f %9.3f %7.3f %8.3f\n", cat, npairs, gold.size(), s.precision,
             s.recall, s.granularity, s.plagdet);
    }
  }
  const Score s = Plagdet(all_gold, all_det);
  printf("%-28s %6s %6zu %9.3f %9.3f %7.3f %8.3f\n", "all (pooled)", "", all_gold.size(),
         s.precision, s.recall, s.granularity, s.plagdet);
  printf("alignment: %.3f ms per pair over %zu pairs (features computed once per document)\n",
         align_ms / std::max<size_t>(1, aligned_pairs), aligned_pairs);
  return 0;
}
