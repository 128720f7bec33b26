// WordNet 3.0 reader for synonym folding: lemmas, their senses in WordNet order, the
// morphological base forms of inflected words (morphy: exception lists + detachment
// rules), and synonym classes for canonical words.
//
// Only the index.{noun,verb,adj,adv}, {noun,verb,adj,adv}.exc and cntlist.rev (sense
// frequencies in the tagged corpus; optional) files are read: an index
// line lists a lemma's synsets in sense order (most frequent first), so the members of a
// synset are the lemmas whose index lines name it; the larger data.* files (glosses,
// relations) are not needed. Multi-word lemmas ("split_up") are skipped (tokens are
// single words), and so are English function and number words ("in", "one", "but"),
// which WordNet knows only as rare nouns (the inch, the number) that would fold them
// into unrelated classes.
//
// Synonym classes (Canonical): the nodes are (lemma, part of speech) pairs; two nodes are
// linked when one synset is among the first `canonical_senses` senses of both. Links are
// taken strongest first (smallest sum of the two sense ranks, then the smaller ranks) and
// two classes merge only when more than half of the node pairs across them are linked
// directly (average linkage) and the merged class stays within `canonical_max_class`
// nodes, so polysemous words ("take", "get", "state") do not chain unrelated words into
// one class. A class is named by its member with the most senses in its part of speech
// (ties: shorter, then alphabetical). A word is placed in a class through its most likely
// (lemma, part of speech): see Base().
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
  int canonical_senses = 5;     // Canonical classes: senses per lemma and part of speech
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

  // A base form of a word: a lemma in one part of speech.
  struct Base {
    uint32_t id = kNone;
    Pos pos = kNoun;
  };

  // Base forms (morphy) of a lower-case word in every part of speech, without
  // duplicates: the word itself where it is a lemma, exception-list bases ("fought" ->
  // "fight", verb), then detachment-rule bases ("stated" -> "state", verb).
  std::vector<Base> BaseForms(std::string_view word) const;

  // The most likely base form: among BaseForms() the one most often seen in WordNet's
  // sense-tagged corpus (cntlist.rev counts summed per lemma and part of speech), then the
  // one with the most senses in its part of speech, then the first found. {kNone} when
  // the word is unknown. "said" -> (say, verb); "stated" -> (state, verb); "state" ->
  // (state, noun); "fight" -> (fight, verb).
  Base LikelyBase(std::string_view word) const;

  // True when some base forms of a and b share a synset among the first `senses` senses of
  // each (same part of speech), or share a lemma.
  bool Synonymous(std::string_view a, std::string_view b, int senses) const;

  // The lemma naming the synonym class of a base form.
  uint32_t ClassHead(Base b) const { return lemmas_[b.id].head[b.pos]; }

  size_t lemma_count() const { return lemmas_.size(); }

 private:
  struct Lemma {
    std::string_view name;
    uint32_t first[4] = {};       // into synsets_, per part of speech
    uint8_t count[4] = {};        // senses kept per part of speech
    uint16_t senses = 0;          // senses over all parts of speech
    uint16_t pos_senses[4] = {};  // senses per part of speech
    uint32_t freq[4] = {};        // tagged corpus occurrences per part of speech
    uint8_t pos_mask = 0;
    uint32_t head[4] = {};  // synonym class head per part of speech
  };
  struct Exception {
    std::string_view base;
    uint8_t pos;
  };

  WordNet() = default;

 public:
  ~WordNet();
  WordNet(const WordNet&) = delete;
  WordNet& operator=(const WordNet&) = delete;

 private:
  Status ParseIndex(std::string_view data, Pos pos, int keep);
  void ParseExceptions(std::string_view data, Pos pos);
  void ParseCounts(std::string_view data);
  void BuildClasses(const WordNetOptions& options);
  bool HasPos(uint32_t id, Pos pos) const {
    return id != kNone && (lemmas_[id].pos_mask & (1u << pos)) != 0;
  }
  // True when lemmas x and y share a synset among the first `senses` senses of each in
  // part of speech `pos`.
  bool Linked(uint32_t x, uint32_t y, Pos pos, int senses) const;
  // Synset keys of a lemma in one part of speech, in sense order.
  const uint32_t* Senses(uint32_t id, Pos pos, int& n) const;

  struct Mapped {
    const char* data = nullptr;
    size_t size = 0;
  };
  // Inserts or finds `name`; returns its id.
  uint32_t Intern(std::string_view name);
  void Rehash(size_t slots);

  std::vector<Mapped> files_;     // read-only mappings; names point into them
  std::vector<uint32_t> slots_;   // open-addressing table of lemma ids (kNone = empty)
  std::vector<uint64_t> hashes_;  // hash of each lemma
  std::vector<Lemma> lemmas_;
  std::vector<uint32_t> synsets_;  // (pos << 28) | offset
  std::unordered_multimap<std::string_view, Exception> exceptions_;
};

}  // namespace sitrep::text

#endif  // SITREP_TEXT_WORDNET_H_
