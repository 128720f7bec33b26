// WordNet 3.0 reader for synonym folding: lemmas, their senses in WordNet order, the
// morphological base forms of inflected words (morphy: exception lists + detachment
// rules), and synonym classes for canonical words.
//
// Only the index.{noun,verb,adj,adv} and {noun,verb,adj,adv}.exc files are read: an index
// line lists a lemma's synsets in sense order (most frequent first), so the members of a
// synset are the lemmas whose index lines name it; the larger data.* files (glosses,
// relations) are not needed. Multi-word lemmas ("split_up") are skipped: tokens are
// single words.
//
// Synonym classes (Canonical): two lemmas are linked when one synset is among the first
// `canonical_senses` senses of both (in the same part of speech). Links are taken
// strongest first (smallest sum of the two sense ranks, then the smaller ranks) and two
// classes merge only while the merged class stays within `canonical_max_class` lemmas,
// so polysemous verbs ("take", "get", "make") do not chain into one giant class. A
// class is named by its member with the most senses (ties: shorter, then alphabetical).
//
// Thread-safety: immutable after Load(); all methods are const and thread-safe.
#ifndef SITREP_TEXT_WORDNET_H_
#define SITREP_TEXT_WORDNET_H_

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "sitrep/status.h"

namespace sitrep::text {

struct WordNetOptions {
  int synonym_senses = 5;       // Synonymous(): senses per lemma and part of speech
  int canonical_senses = 3;     // Canonical classes: senses per lemma and part of speech
  int canonical_max_class = 8;  // Canonical classes: most lemmas in one class
};

class WordNet {
 public:
  enum Pos : uint8_t { kNoun = 0, kVerb = 1, kAdj = 2, kAdv = 3 };
  static constexpr uint32_t kNone = 0xFFFFFFFFu;

  // Reads the WordNet files in `dir`. NotFound when index.noun is missing; Corrupt when a
  // file cannot be parsed.
  static Result<std::unique_ptr<WordNet>> Load(const std::string& dir,
                                               const WordNetOptions& options);

  // Id of a lemma (lower case, words joined by '_'), or kNone.
  uint32_t Find(std::string_view lemma) const;
  std::string_view Name(uint32_t id) const { return lemmas_[id].name; }
  // Number of senses of a lemma over all parts of speech.
  int SenseCount(uint32_t id) const { return lemmas_[id].senses; }

  // Base forms (morphy) of a lower-case word in every part of speech, as lemma ids,
  // without duplicates: the word itself when it is a lemma, exception-list bases
  // ("fought" -> "fight"), then detachment-rule bases ("stated" -> "state").
  std::vector<uint32_t> BaseForms(std::string_view word) const;

  // The most likely base form: among BaseForms() the one with the most senses (ties: the
  // word itself, then the first found). kNone when the word is unknown.
  uint32_t LemmaId(std::string_view word) const;

  // True when some base forms of a and b share a synset among the first `senses` senses of
  // each (same part of speech).
  bool Synonymous(std::string_view a, std::string_view b, int senses) const;

  // The lemma naming the synonym class of `id`.
  uint32_t ClassHead(uint32_t id) const { return lemmas_[id].head; }

  size_t lemma_count() const { return lemmas_.size(); }

 private:
  struct Lemma {
    std::string_view name;
    uint32_t first[4] = {};  // into synsets_, per part of speech
    uint8_t count[4] = {};   // senses kept per part of speech
    uint16_t senses = 0;     // senses over all parts of speech
    uint8_t pos_mask = 0;
    uint32_t head = 0;  // synonym class head
  };
  struct Exception {
    std::string_view base;
    uint8_t pos;
  };

  WordNet() = default;
  Status ParseIndex(std::string_view data, Pos pos, int keep);
  void ParseExceptions(std::string_view data, Pos pos);
  void BuildClasses(const WordNetOptions& options);
  bool HasPos(uint32_t id, Pos pos) const {
    return id != kNone && (lemmas_[id].pos_mask & (1u << pos)) != 0;
  }
  // Synset keys of a lemma in one part of speech, in sense order.
  const uint32_t* Senses(uint32_t id, Pos pos, int& n) const;

  std::vector<std::string> files_;  // owned file contents; names point into them
  std::unordered_map<std::string_view, uint32_t> ids_;
  std::vector<Lemma> lemmas_;
  std::vector<uint32_t> synsets_;  // (pos << 28) | offset
  std::unordered_multimap<std::string_view, Exception> exceptions_;
};

}  // namespace sitrep::text

#endif  // SITREP_TEXT_WORDNET_H_
