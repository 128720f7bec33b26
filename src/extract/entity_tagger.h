// EntityTagger: a named-entity tagger for English news (PER, ORG, LOC, MISC), a greedy
// left-to-right averaged perceptron over hashed lexical features (word, neighbours,
// shape, affixes, previous labels, the label the same word got earlier in the document,
// and membership in the built-in country/demonym table).
//
// The weights are our own work: trained offline with TrainEntityTagger on the
// CoNLL-2003 English training part (bench/extract/train_entity_tagger) and committed as
// src/extract/entity_tagger.model, which is compiled into the library, so nothing is
// downloaded or read from disk at run time.
//
// Labels are BIO: 0 = O, then B/I pairs for PER, ORG, LOC, MISC (see kNerO...).
// Thread-safety: an EntityTagger is immutable after loading and may be shared between
// threads; a TaggerDocState belongs to one document being tagged by one thread.
#ifndef SITREP_EXTRACT_ENTITY_TAGGER_H_
#define SITREP_EXTRACT_ENTITY_TAGGER_H_

#include <cstdint>
#include <functional>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "sitrep/status.h"

namespace sitrep::extract {

// Labels (BIO over PER, ORG, LOC, MISC).
inline constexpr uint8_t kNerO = 0, kNerBPer = 1, kNerIPer = 2, kNerBOrg = 3, kNerIOrg = 4,
                         kNerBLoc = 5, kNerILoc = 6, kNerBMisc = 7, kNerIMisc = 8,
                         kNerLabelCount = 9;

// "PER", "ORG", "LOC", "MISC" for a B/I label, "" for O.
std::string_view NerTypeName(uint8_t label);
// Entity type index 0..3 (PER, ORG, LOC, MISC) of a B/I label; -1 for O.
inline int NerType(uint8_t label) { return label == kNerO ? -1 : (label - 1) / 2; }
inline bool NerIsBegin(uint8_t label) { return label != kNerO && (label - 1) % 2 == 0; }

// What the tagger remembers across the sentences of one document: the entity type last
// given to each capitalised word, a strong cue for later, ambiguous occurrences.
struct TaggerDocState {
  std::unordered_map<std::string, uint8_t> last_type;
};

class EntityTagger {
 public:
  // The model compiled into the library (trained on CoNLL-2003 eng.train).
  static const EntityTagger& Default();
  // Parses a model produced by TrainEntityTagger; Corrupt when malformed.
  static Result<std::unique_ptr<EntityTagger>> FromBytes(std::string_view bytes);

  // Tags one sentence of tokens (as written, e.g. "Zelensky", "'s", "."). `state` may be
  // null (no document memory). Returns one NerLabel per word, valid BIO.
  std::vector<uint8_t> Tag(std::span<const std::string_view> words, TaggerDocState* state) const;

  size_t feature_count() const { return count_; }

  // True when the model has weights for `word` itself (case-folded): it was seen in
  // training often enough to matter ("reserve", "Morton"). Names unseen in 1996 news
  // ("Zelensky") are false, but for a few hash collisions (about 1 in 30).
  bool KnowsWord(std::string_view word) const;

  // Serialized form (what FromBytes reads).
  std::string Serialize() const;

 private:
  friend class EntityTaggerTrainer;
  EntityTagger() = default;

  // Adds the weights of `bucket` to acc[kNerLabelCount]; nothing when it has none.
  void Accumulate(uint32_t bucket, int32_t* acc) const;

  // One bucket's weights where the lookup finds them: a single cache line per hit.
  struct Slot {
    uint32_t key = kEmpty;
    int16_t weights[kNerLabelCount] = {};
    static constexpr uint32_t kEmpty = ~0u;
  };

  uint32_t bucket_bits_ = 20;
  float scale_ = 1;
  uint32_t count_ = 0;       // buckets with weights
  std::vector<Slot> slots_;  // open-addressing table: bucket -> weights (the whole model)
  uint32_t slot_mask_ = 0;
  // One bit per bucket (when bucket_bits_ <= 24): most hashed features of a sentence have
  // no weights, and this small bitmap turns them away without probing the table.
  std::vector<uint64_t> present_;
};

// One training sentence: words and gold BIO labels; `doc_start` marks the first
// sentence of a document (resets the document memory).
struct TaggedSentence {
  std::vector<std::string> words;
  std::vector<uint8_t> labels;
  bool doc_start = false;
};

struct TaggerTrainOptions {
  int epochs = 12;            // passes over the training sentences
  uint32_t bucket_bits = 21;  // hashed feature space: 2^bits buckets
  double prune = 0.02;        // drop buckets whose largest |averaged weight| is below
  uint64_t seed = 1;          // shuffling of documents between epochs
};

// Trains a tagger. `progress` (may be empty) is called after each epoch with the epoch
// number and the partially trained (averaged) tagger, e.g. to score a development set.
std::unique_ptr<EntityTagger> TrainEntityTagger(
    const std::vector<TaggedSentence>& data, const TaggerTrainOptions& options,
    const std::function<void(int, const EntityTagger&)>& progress = {});

// Reads CoNLL-2003 style IOB1 columns (word first, NE tag last) into BIO sentences.
std::vector<TaggedSentence> ParseConll(std::string_view text);

// Entity-level precision/recall/F1 (exact span and type), as conlleval computes it.
struct ChunkScore {
  size_t gold = 0, predicted = 0, correct = 0;
  double precision() const { return predicted ? double(correct) / predicted : 0; }
  double recall() const { return gold ? double(correct) / gold : 0; }
  double f1() const {
    double p = precision(), r = recall();
    return p + r > 0 ? 2 * p * r / (p + r) : 0;
  }
};
void ScoreChunks(std::span<const uint8_t> gold, std::span<const uint8_t> predicted,
                 ChunkScore& score);

}  // namespace sitrep::extract

#endif  // SITREP_EXTRACT_ENTITY_TAGGER_H_
