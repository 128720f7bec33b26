// MRPC evaluation: classifies the news sentence pairs of the Microsoft Research
// Paraphrase Corpus (../shared/bench/reuse/mrpc/msr_paraphrase_train.txt) as paraphrases
// when sitrep's sentence similarity (weighted Dice of canonical content words, the
// measure the aligner uses) reaches a threshold. Reports accuracy and F1 at the
// aligner's default threshold and at the best threshold on this file.
//
// Usage: reuse_mrpc_eval [--data FILE]
#include <algorithm>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <string>
#include <vector>

#include "reuse/align.h"
#include "reuse/doc_features.h"
#include "reuse/testing.h"
#include "sitrep/options.h"

namespace {

struct Item {
  bool gold = false;
  double sim = 0;
};

struct Score {
  double accuracy = 0, f1 = 0;
};

Score At(const std::vector<Item>& items, double threshold) {
  size_t tp = 0, fp = 0, fn = 0, correct = 0;
  for (const Item& it : items) {
    const bool pred = it.sim >= threshold;
    correct += pred == it.gold;
    tp += pred && it.gold;
    fp += pred && !it.gold;
    fn += !pred && it.gold;
  }
  Score s;
  s.accuracy = static_cast<double>(correct) / items.size();
  s.f1 = tp ? 2.0 * tp / (2.0 * tp + fp + fn) : 0;
  return s;
}

}  // namespace

int main(int argc, char** argv) {
  std::string path = "../shared/bench/reuse/mrpc/msr_paraphrase_train.txt";
  for (int i = 1; i + 1 < argc; i += 2)
    if (!strcmp(argv[i], "--data")) path = argv[i + 1];
  if (!std::filesystem::exists(path)) {
    fprintf(stderr, "no MRPC data at %s\n", path.c_str());
    return 2;
  }
  const std::string data = sitrep::reuse::testing::ReadFile(path);
  const auto& analyzer = sitrep::reuse::testing::SharedAnalyzer();
  std::vector<Item> items;
  size_t pos = data.find('\n') + 1;  // header
  while (pos < data.size()) {
    size_t nl = data.find('\n', pos);
    if (nl == std::string::npos) nl = data.size();
    std::string line = data.substr(pos, nl - pos);
    pos = nl + 1;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    std::vector<std::string> f;
    for (size_t s = 0;;) {
      const size_t t = line.find('\t', s);
      f.push_back(line.substr(s, t == std::string::npos ? std::string::npos : t - s));
      if (t == std::string::npos) break;
      s = t + 1;
    }
    if (f.size() < 5) continue;
    const sitrep::Document a = sitrep::reuse::testing::MakeDocument("a", f[3]);
    const sitrep::Document b = sitrep::reuse::testing::MakeDocument("b", f[4]);
    const auto fa = sitrep::reuse::ComputeFeatures(a, analyzer.Analyze(a), 4);
    const auto fb = sitrep::reuse::ComputeFeatures(b, analyzer.Analyze(b), 4);
    items.push_back({f[0] == "1", sitrep::reuse::TextSimilarity(fa, fb)});
  }
  size_t pos_count = 0;
  for (const Item& it : items) pos_count += it.gold;
  printf("pairs %zu, paraphrases %.1f%%\n", items.size(), 100.0 * pos_count / items.size());
  const double def = sitrep::ReuseOptions{}.min_sentence_similarity;
  const Score d = At(items, def);
  printf("threshold %.2f (aligner default): accuracy %.1f%%  F1 %.1f%%\n", def, 100 * d.accuracy,
         100 * d.f1);
  double best_t = 0;
  Score best;
  for (double t = 0.2; t <= 0.9; t += 0.01) {
    const Score s = At(items, t);
    if (s.accuracy > best.accuracy) {
      best = s;
      best_t = t;
    }
  }
  printf("threshold %.2f (best accuracy on this file): accuracy %.1f%%  F1 %.1f%%\n", best_t,
         100 * best.accuracy, 100 * best.f1);
  const Score yes = At(items, -1);
  printf("all-yes baseline: accuracy %.1f%%  F1 %.1f%%\n", 100 * yes.accuracy, 100 * yes.f1);
  return 0;
}
