// PAN 2013 text alignment evaluation: aligns every (suspicious, source) pair of the
// sample in ../shared/bench/reuse/pan13-train-sample with sitrep's sentence alignment,
// merges aligned sentences into passages, and scores them against the gold passages with
// PAN's plagdet (macro precision and recall over characters, F1 / log2(1 + granularity)).
//
// Usage: reuse_pan13_eval [--data DIR] [--sim X] [--contain X] [--ext X] [--isf 0|1]
//                         [--unit X] [--gap N] [--min-chars N] [--min-side N]
//                         [--summary-ratio X] [--sum-sim X] [--trim 0..3] [--exact-run N]
//                         [--exact-cover X] [--dump CATEGORY]
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
  int gap = 3;
  long min_chars = 200;  // passages shorter than this per side on average are dropped
  long min_side = 60;    // and passages with either side shorter than this
  double summary_ratio = 0.5;
  // Summary mode: source sentences with at least this share of their content weight in the
  // summary passage (and at least three words' weight) widen its source extent. 0: off.
  double summary_sim = 0.3;
  int trim = 3;              // trim passage ends to shared words: 1 suspicious side, 2 source side
  int exact_run = 8;         // verbatim-like ends: runs of this many identical words (0: off)
  double exact_cover = 0.5;  // ... covering this share of the copy passage's words
  std::string dump;          // print gold and detected passages of matching categories
  for (int i = 1; i + 1 < argc; i += 2) {
    if (!strcmp(argv[i], "--data"))
      data = argv[i + 1];
    else if (!strcmp(argv[i], "--sim"))
      ao.min_similarity = atof(argv[i + 1]);
    else if (!strcmp(argv[i], "--contain"))
      ao.min_containment = atof(argv[i + 1]);
    else if (!strcmp(argv[i], "--gap"))
      gap = atoi(argv[i + 1]);
    else if (!strcmp(argv[i], "--min-chars"))
      min_chars = atol(argv[i + 1]);
    else if (!strcmp(argv[i], "--summary-ratio"))
      summary_ratio = atof(argv[i + 1]);
    else if (!strcmp(argv[i], "--trim"))
      trim = atoi(argv[i + 1]);
    else if (!strcmp(argv[i], "--min-side"))
      min_side = atol(argv[i + 1]);
    else if (!strcmp(argv[i], "--isf"))
      ao.sentence_frequency_weighting = atoi(argv[i + 1]) != 0;
    else if (!strcmp(argv[i], "--unit"))
      ao.min_unit_weight = atof(argv[i + 1]);
    else if (!strcmp(argv[i], "--sum-sim"))
      summary_sim = atof(argv[i + 1]);
    else if (!strcmp(argv[i], "--ext"))
      ao.extend_similarity = atof(argv[i + 1]);
    else if (!strcmp(argv[i], "--exact-run"))
      exact_run = atoi(argv[i + 1]);
    else if (!strcmp(argv[i], "--exact-cover"))
      exact_cover = atof(argv[i + 1]);
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
  // Byte range of sentences [first, last] of `side`, trimmed at both ends to the first and
  // last content word that the other side's passage also has: passages in PAN start and
  // end mid-sentence.
  auto Trim = [](const Prepared& side, uint32_t first, uint32_t last, const Prepared& other,
                 uint32_t ofirst, uint32_t olast) -> Range {
    std::set<std::string> words;
    for (size_t k = other.dt.sentences[ofirst].first_token;
         k < other.dt.sentences[olast].last_token; ++k)
      words.insert(other.dt.tokens[k].canon.empty() ? other.dt.tokens[k].lower
                                                    : other.dt.tokens[k].canon);
    auto shared = [&](const sitrep::text::Token& t) {
      return t.kind != sitrep::text::TokenKind::kPunct && !sitrep::reuse::IsStopword(t.lower) &&
             words.count(t.canon.empty() ? t.lower : t.canon);
    };
    const auto& fs = side.dt.sentences[first];
    const auto& ls = side.dt.sentences[last];
    Range r{static_cast<long>(fs.start), static_cast<long>(ls.end)};
    for (size_t k = fs.first_token; k < fs.last_token; ++k)
      if (shared(side.dt.tokens[k])) {
        r.start = static_cast<long>(side.dt.tokens[k].start);
        break;
      }
    for (size_t k = ls.last_token; k > ls.first_token; --k)
      if (shared(side.dt.tokens[k - 1])) {
        r.end = static_cast<long>(side.dt.tokens[k - 1].end);
        break;
      }
    if (r.end <= r.start) r = {static_cast<long>(fs.start), static_cast<long>(ls.end)};
    return r;
  };
  // Verbatim-like passages: when runs of at least `min_run` identical words cover at least
  // `min_cover` of the copy passage's words, both sides are cut to the span of those runs,
  // then grown word by word (across sentence ends) while the two texts stay identical,
  // and by a punctuation token both share. PAN cases start and end mid-sentence.
  auto Exact = [&](const Prepared& cp, const sitrep::reuse::PassageSpan& sp2, const Prepared& src,
                   Range& cr, Range& sr) -> bool {
    if (exact_run <= 0) return false;
    auto words = [](const Prepared& p, uint32_t first, uint32_t last) {
      std::vector<size_t> w;
      for (size_t k = p.dt.sentences[first].first_token; k < p.dt.sentences[last].last_token; ++k)
        if (p.dt.tokens[k].kind != sitrep::text::TokenKind::kPunct) w.push_back(k);
      return w;
    };
    const std::vector<size_t> cw = words(cp, sp2.copy_first, sp2.copy_last);
    const std::vector<size_t> sw = words(src, sp2.source_first, sp2.source_last);
    const size_t run = static_cast<size_t>(exact_run);
    if (cw.size() < run || sw.size() < run) return false;
    auto same = [&](size_t ck, size_t sk) {
      return cp.dt.tokens[ck].lower == src.dt.tokens[sk].lower;
    };
    std::unordered_map<std::string, std::vector<size_t>> first_word;
    for (size_t q = 0; q + run <= sw.size(); ++q)
      first_word[src.dt.tokens[sw[q]].lower].push_back(q);
    size_t covered = 0;
    long c_lo = -1, c_hi = -1, s_lo = -1, s_hi = -1;  // word-token indices, inclusive
    for (size_t p = 0; p + run <= cw.size();) {
      size_t best = 0, best_q = 0;
      auto it = first_word.find(cp.dt.tokens[cw[p]].lower);
      if (it != first_word.end())
        for (size_t q : it->second) {
          size_t l = 0;
          while (p + l < cw.size() && q + l < sw.size() && same(cw[p + l], sw[q + l])) ++l;
          if (l > best) best = l, best_q = q;
        }
      if (best < run) {
        ++p;
        continue;
      }
      covered += best;
      if (c_lo < 0) c_lo = static_cast<long>(cw[p]);
      c_hi = static_cast<long>(cw[p + best - 1]);
      if (s_lo < 0 || static_cast<long>(sw[best_q]) < s_lo) s_lo = static_cast<long>(sw[best_q]);
      s_hi = std::max(s_hi, static_cast<long>(sw[best_q + best - 1]));
      p += best;
    }
    if (c_lo < 0 || covered < exact_cover * static_cast<double>(cw.size())) return false;
    // Grow outward while the texts agree (tokens, punctuation included).
    while (c_lo > 0 && s_lo > 0 && cp.dt.tokens[c_lo - 1].lower == src.dt.tokens[s_lo - 1].lower)
      --c_lo, --s_lo;
    while (static_cast<size_t>(c_hi) + 1 < cp.dt.tokens.size() &&
           static_cast<size_t>(s_hi) + 1 < src.dt.tokens.size() &&
           cp.dt.tokens[c_hi + 1].lower == src.dt.tokens[s_hi + 1].lower)
      ++c_hi, ++s_hi;
    cr = {static_cast<long>(cp.dt.tokens[c_lo].start), static_cast<long>(cp.dt.tokens[c_hi].end)};
    sr = {static_cast<long>(src.dt.tokens[s_lo].start), static_cast<long>(src.dt.tokens[s_hi].end)};
    return true;
  };
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
      auto spans = sitrep::reuse::MergeGroups(al, gap);
      // A summary: the aligned copy text is much shorter than the source text it draws
      // on, and its sentences draw on source sentences far apart. Report it as one
      // passage (as Sanchez-Perez et al. do with their summary-mode gap).
      if (summary_ratio > 0 && spans.size() > 1) {
        long cb = 0, sb = 0;
        sitrep::reuse::PassageSpan all = spans[0];
        for (const auto& sp2 : spans) {
          cb += static_cast<long>(ps.dt.sentences[sp2.copy_last].end -
                                  ps.dt.sentences[sp2.copy_first].start);
          sb += static_cast<long>(pr.dt.sentences[sp2.source_last].end -
                                  pr.dt.sentences[sp2.source_first].start);
          all.copy_first = std::min(all.copy_first, sp2.copy_first);
          all.copy_last = std::max(all.copy_last, sp2.copy_last);
          all.source_first = std::min(all.source_first, sp2.source_first);
          all.source_last = std::max(all.source_last, sp2.source_last);
        }
        const long c_extent = static_cast<long>(ps.dt.sentences[all.copy_last].end -
                                                ps.dt.sentences[all.copy_first].start);
        const long s_extent = static_cast<long>(pr.dt.sentences[all.source_last].end -
                                                pr.dt.sentences[all.source_first].start);
        if (c_extent < summary_ratio * s_extent && cb * 2 > c_extent) {
          // A summary draws on more of its source than its one-to-one sentence matches
          // show: every source sentence whose content is largely in the summary passage
          // widens the source extent.
          if (summary_sim > 0) {
            sitrep::reuse::SentenceBag pb;  // the summary passage's words
            {
              std::map<uint64_t, float> w;
              for (uint32_t j = all.copy_first; j <= all.copy_last; ++j)
                for (const auto& t : ps.features.sentences[j].terms)
                  w[t.id] = std::max(w[t.id], t.weight);
              for (const auto& [id, wt] : w) {
                pb.terms.push_back({id, wt});
                pb.total += wt;
              }
            }
            for (uint32_t i = 0; i < pr.features.sentences.size(); ++i) {
              const auto& sbag = pr.features.sentences[i];
              if (sbag.total < 3) continue;
              if (sitrep::reuse::SharedWeight(sbag, pb) < summary_sim * sbag.total) continue;
              all.source_first = std::min(all.source_first, i);
              all.source_last = std::max(all.source_last, i);
            }
          }
          spans = {all};
        }
      }
      align_ms +=
          std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
      ++aligned_pairs;
      std::vector<Case> pd;
      for (const auto& sp2 : spans) {
        Case d;
        d.pair = pair_id;
        Range esb, erb;
        const bool exact = Exact(ps, sp2, pr, esb, erb);
        const Range sb =
            exact ? esb
            : (trim & 1)
                ? Trim(ps, sp2.copy_first, sp2.copy_last, pr, sp2.source_first, sp2.source_last)
                : Range{static_cast<long>(ps.dt.sentences[sp2.copy_first].start),
                        static_cast<long>(ps.dt.sentences[sp2.copy_last].end)};
        const Range rb =
            exact ? erb
            : (trim & 2)
                ? Trim(pr, sp2.source_first, sp2.source_last, ps, sp2.copy_first, sp2.copy_last)
                : Range{static_cast<long>(pr.dt.sentences[sp2.source_first].start),
                        static_cast<long>(pr.dt.sentences[sp2.source_last].end)};
        d.susp = {ps.chars[sb.start], ps.chars[sb.end]};
        d.src = {pr.chars[rb.start], pr.chars[rb.end]};
        pd.push_back(d);
      }
      // Passages that overlap in both documents are one passage.
      for (bool merged = true; merged;) {
        merged = false;
        for (size_t a = 0; a < pd.size() && !merged; ++a)
          for (size_t b = a + 1; b < pd.size() && !merged; ++b)
            if (Overlap(pd[a].susp, pd[b].susp) > 0 && Overlap(pd[a].src, pd[b].src) > 0) {
              pd[a].susp = {std::min(pd[a].susp.start, pd[b].susp.start),
                            std::max(pd[a].susp.end, pd[b].susp.end)};
              pd[a].src = {std::min(pd[a].src.start, pd[b].src.start),
                           std::max(pd[a].src.end, pd[b].src.end)};
              pd.erase(pd.begin() + static_cast<long>(b));
              merged = true;
            }
      }
      for (const Case& d : pd) {
        if ((d.susp.end - d.susp.start) + (d.src.end - d.src.start) < 2 * min_chars) continue;
        if (d.susp.end - d.susp.start < min_side || d.src.end - d.src.start < min_side) continue;
        det.push_back(d);
      }
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
