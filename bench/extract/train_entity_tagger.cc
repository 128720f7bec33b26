// Trains the entity tagger on CoNLL-2003 eng.train and writes the model file that is
// compiled into sitrep (src/extract/entity_tagger.model). Prints dev (eng.testa) F1
// after each epoch. Usage:
//   train_entity_tagger <eng.train> <eng.testa> <out.model> [epochs]
#include <cstdio>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>

#include "extract/entity_tagger.h"

namespace {
std::string ReadFile(const char* path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

sitrep::extract::ChunkScore Evaluate(const sitrep::extract::EntityTagger& tagger,
                                     const std::vector<sitrep::extract::TaggedSentence>& dev) {
  sitrep::extract::ChunkScore score;
  sitrep::extract::TaggerDocState state;
  for (const auto& s : dev) {
    if (s.doc_start) state = {};
    std::vector<std::string_view> words(s.words.begin(), s.words.end());
    auto pred = tagger.Tag(words, &state);
    sitrep::extract::ScoreChunks(s.labels, pred, score);
  }
  return score;
}
}  // namespace

int main(int argc, char** argv) {
  if (argc < 4) {
    std::fprintf(stderr, "usage: %s eng.train eng.testa out.model [epochs]\n", argv[0]);
    return 2;
  }
  auto train = sitrep::extract::ParseConll(ReadFile(argv[1]));
  auto dev = sitrep::extract::ParseConll(ReadFile(argv[2]));
  if (train.empty() || dev.empty()) {
    std::fprintf(stderr, "could not read the CoNLL files\n");
    return 1;
  }
  sitrep::extract::TaggerTrainOptions options;
  if (argc > 4) options.epochs = std::atoi(argv[4]);
  auto tagger = sitrep::extract::TrainEntityTagger(
      train, options, [&](int epoch, const sitrep::extract::EntityTagger& t) {
        auto s = Evaluate(t, dev);
        std::fprintf(stderr, "epoch %d: dev P %.4f R %.4f F1 %.4f (%zu features)\n", epoch,
                     s.precision(), s.recall(), s.f1(), t.feature_count());
      });
  std::ofstream out(argv[3], std::ios::binary);
  std::string bytes = tagger->Serialize();
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  std::fprintf(stderr, "wrote %s: %zu bytes\n", argv[3], bytes.size());
  return out ? 0 : 1;
}
