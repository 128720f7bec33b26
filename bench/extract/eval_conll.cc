// Entity-tagger evaluation on CoNLL-2003 (../shared/bench/ner/conll2003): entity-level
// precision, recall and F1 (exact span and type, as conlleval) overall and per type,
// and tagging speed. The tagger was trained on eng.train (train_entity_tagger); eng.testa
// is the development part.
//
//   eval_conll [eng.testa path]
#include <chrono>
#include <cstdio>
#include <ctime>
#include <fstream>
#include <sstream>
#include <string>

#include "extract/entity_tagger.h"

int main(int argc, char** argv) {
  std::string path =
      argc > 1 ? argv[1] : SITREP_SOURCE_DIR "/../shared/bench/ner/conll2003/eng.testa";
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    std::fprintf(stderr, "%s: not found\n", path.c_str());
    return 1;
  }
  std::stringstream ss;
  ss << in.rdbuf();
  auto sents = sitrep::extract::ParseConll(ss.str());
  const auto& tagger = sitrep::extract::EntityTagger::Default();  // loads the model
  {
    std::vector<std::string_view> warm = {"Warm", "up"};
    tagger.Tag(warm, nullptr);
  }
  sitrep::extract::ChunkScore all, by_type[4];
  sitrep::extract::TaggerDocState state;
  size_t tokens = 0, bytes = 0;
  double tag_s = 0;
  for (const auto& s : sents) {
    if (s.doc_start) state = {};
    std::vector<std::string_view> words(s.words.begin(), s.words.end());
    for (auto w : words) bytes += w.size() + 1;
    tokens += words.size();
    auto c0 = std::clock();
    auto pred = tagger.Tag(words, &state);
    tag_s += double(std::clock() - c0) / CLOCKS_PER_SEC;
    sitrep::extract::ScoreChunks(s.labels, pred, all);
    for (int t = 0; t < 4; ++t) {
      std::vector<uint8_t> g(s.labels), p(pred);
      for (auto& x : g) x = sitrep::extract::NerType(x) == t ? x : 0;
      for (auto& x : p) x = sitrep::extract::NerType(x) == t ? x : 0;
      sitrep::extract::ScoreChunks(g, p, by_type[t]);
    }
  }
  double secs = tag_s;
  std::printf("%s: %zu sentences, %zu tokens, model %zu features\n", path.c_str(), sents.size(),
              tokens, tagger.feature_count());
  const char* names[] = {"PER", "ORG", "LOC", "MISC"};
  for (int t = 0; t < 4; ++t) {
    std::printf("  %-4s P %.4f R %.4f F1 %.4f\n", names[t], by_type[t].precision(),
                by_type[t].recall(), by_type[t].f1());
  }
  std::printf("  all  P %.4f R %.4f F1 %.4f\n", all.precision(), all.recall(), all.f1());
  std::printf("  speed: %.0f tokens/s, %.2f MB/s of CPU time (tagging only)\n", tokens / secs,
              bytes / 1e6 / secs);
  return 0;
}
