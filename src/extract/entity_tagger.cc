#include "extract/entity_tagger.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <functional>
#include <mutex>
#include <random>
#include <unordered_map>
#include <unordered_set>

#include "base/hash.h"
#include "extract/embedded_data.h"

namespace sitrep::extract {
namespace {

constexpr char kMagic[8] = {'S', 'R', 'N', 'E', 'R', '0', '0', '1'};
constexpr int kL = kNerLabelCount;

std::string AsciiLower(std::string_view w) {
  std::string s(w);
  for (char& c : s) {
    if (c >= 'A' && c <= 'Z') {
      c = static_cast<char>(c - 'A' + 'a');
    }
  }
  return s;
}

bool IsUpper(unsigned char c) { return c >= 'A' && c <= 'Z'; }
bool IsLower(unsigned char c) { return c >= 'a' && c <= 'z'; }
bool IsDigit(unsigned char c) { return c >= '0' && c <= '9'; }

// "Zelensky" -> "Xxxxxxxx"; non-ASCII bytes count as lower-case letters.
std::string Shape(std::string_view w) {
  std::string s;
  s.reserve(w.size());
  for (unsigned char c : w) {
    if (IsUpper(c)) {
      s.push_back('X');
    } else if (IsLower(c) || c >= 0x80) {
      s.push_back('x');
    } else if (IsDigit(c)) {
      s.push_back('d');
    } else {
      s.push_back(static_cast<char>(c));
    }
  }
  return s;
}

// Shape with runs collapsed: "Xxxxxxxx" -> "Xx", "1996-08-22" -> "d-d-d".
std::string ShortShape(std::string_view shape) {
  std::string s;
  for (char c : shape) {
    if (s.empty() || s.back() != c) {
      s.push_back(c);
    }
  }
  return s;
}

// Words of the built-in country table (names and demonyms, lower-case, each word
// separately and whole names), a strong LOC/MISC cue.
struct CountryWords {
  std::unordered_set<std::string> names, demonyms;
  CountryWords() {
    std::string_view all = embedded::Countries();
    size_t pos = 0;
    while (pos < all.size()) {
      size_t nl = all.find('\n', pos);
      if (nl == std::string_view::npos) {
        nl = all.size();
      }
      std::string_view line = all.substr(pos, nl - pos);
      pos = nl + 1;
      // ISO|id|lat|lon|names|demonyms
      std::vector<std::string_view> f;
      size_t p = 0;
      while (true) {
        size_t bar = line.find('|', p);
        f.push_back(line.substr(p, bar == std::string_view::npos ? line.npos : bar - p));
        if (bar == std::string_view::npos) {
          break;
        }
        p = bar + 1;
      }
      if (f.size() < 6) {
        continue;
      }
      auto add = [](std::string_view list, std::unordered_set<std::string>& set) {
        size_t q = 0;
        while (q <= list.size()) {
          size_t comma = list.find(',', q);
          if (comma == std::string_view::npos) {
            comma = list.size();
          }
          std::string_view name = list.substr(q, comma - q);
          q = comma + 1;
          size_t r = 0;
          while (r < name.size()) {
            size_t sp = name.find(' ', r);
            if (sp == std::string_view::npos) {
              sp = name.size();
            }
            if (sp > r) {
              set.insert(AsciiLower(name.substr(r, sp - r)));
            }
            r = sp + 1;
          }
        }
      };
      add(f[4], names);
      add(f[5], demonyms);
    }
  }
};

const CountryWords& GetCountryWords() {
  static const CountryWords* words = new CountryWords();
  return *words;
}

inline uint64_t Mix(uint64_t x) {
  x ^= x >> 30;
  x *= 0xBF58476D1CE4E5B9ull;
  x ^= x >> 27;
  x *= 0x94D049BB133111EBull;
  x ^= x >> 31;
  return x;
}
inline uint64_t F1(uint64_t tmpl, uint64_t a) { return Mix(a ^ (tmpl * 0x9E3779B97F4A7C15ull)); }
inline uint64_t F2(uint64_t tmpl, uint64_t a, uint64_t b) {
  return Mix(F1(tmpl, a) ^ (b * 0xC2B2AE3D27D4EB4Full + 0x165667B19E3779F9ull));
}
uint64_t H(std::string_view s) { return base::Hash64(s, 0x5157); }

// Per-token hashes, computed once per sentence.
struct TokenHashes {
  uint64_t lower = 0, shape = 0, short_shape = 0, word = 0;
  uint64_t prefix[4] = {}, suffix[4] = {};
  uint8_t affixes = 0;
  bool country = false, demonym = false, cap = false;
};

TokenHashes HashToken(std::string_view word) {
  const CountryWords& cw = GetCountryWords();
  const std::string lower = AsciiLower(word);
  const std::string shape = Shape(word);
  const std::string ss = ShortShape(shape);
  TokenHashes t;
  t.lower = H(lower);
  t.shape = H(shape.size() > 12 ? ss : shape);
  t.short_shape = H(ss);
  t.word = H(word);
  t.affixes = static_cast<uint8_t>(std::min<size_t>(4, lower.size()));
  for (size_t k = 1; k <= t.affixes; ++k) {
    t.prefix[k - 1] = H(std::string_view(lower).substr(0, k));
    t.suffix[k - 1] = H(std::string_view(lower).substr(lower.size() - k));
  }
  t.country = cw.names.count(lower) > 0;
  t.demonym = cw.demonyms.count(lower) > 0;
  t.cap = !word.empty() && IsUpper(static_cast<unsigned char>(word[0]));
  return t;
}

constexpr size_t kTokenCacheSize = 1 << 14;

// Features of one sentence: the label-independent ones per position, computed once;
// the ones that depend on earlier labels are added during decoding (AddDynamic).
class SentenceFeatures {
 public:
  SentenceFeatures(std::span<const std::string_view> words, const std::vector<int>& history,
                   bool headline) {
    const size_t n = words.size();
    tok_.resize(n);
    // A word's hashes depend on the word alone, and words repeat: each thread keeps the
    // hashes of the words it has seen (bounded; cleared when full).
    thread_local std::unordered_map<std::string, TokenHashes> cache;
    for (size_t i = 0; i < n; ++i) {
      auto it = cache.find(std::string(words[i]));
      if (it == cache.end()) {
        if (cache.size() >= kTokenCacheSize) {
          cache.clear();
        }
        it = cache.emplace(std::string(words[i]), HashToken(words[i])).first;
      }
      tok_[i] = it->second;
    }
    static const uint64_t kStart = H("<s>"), kEnd = H("</s>");
    auto L = [&](long j) {
      return j < 0 ? kStart : static_cast<size_t>(j) >= n ? kEnd : tok_[j].lower;
    };
    auto SS = [&](long j) {
      return j < 0 ? kStart : static_cast<size_t>(j) >= n ? kEnd : tok_[j].short_shape;
    };
    auto cap = [&](long j) { return j >= 0 && static_cast<size_t>(j) < n && tok_[j].cap; };
    offsets_.push_back(0);
    for (size_t i = 0; i < n; ++i) {
      const long ii = static_cast<long>(i);
      const TokenHashes& t = tok_[i];
      auto add = [&](uint64_t f) { flat_.push_back(f); };
      add(F1(1, 0));
      add(F1(2, t.lower));
      add(F1(3, L(ii - 1)));
      add(F1(4, L(ii + 1)));
      add(F1(5, L(ii - 2)));
      add(F1(6, L(ii + 2)));
      add(F1(7, t.shape));
      add(F1(8, t.short_shape));
      add(F2(9, SS(ii - 1), t.short_shape));
      add(F2(10, t.short_shape, SS(ii + 1)));
      for (size_t k = 0; k < t.affixes; ++k) {
        add(F1(21 + k, t.prefix[k]));
        add(F1(31 + k, t.suffix[k]));
      }
      add(F2(44, L(ii - 1), t.lower));
      add(F2(45, t.lower, L(ii + 1)));
      if (i == 0) {
        add(F1(46, t.short_shape));
      }
      if (headline) {
        add(F1(47, t.short_shape));
      }
      add(F1(48, t.word));
      if (history[i] >= 0) {
        add(F1(50, static_cast<uint64_t>(history[i])));
        add(F2(51, static_cast<uint64_t>(history[i]), t.short_shape));
      }
      if (t.country) {
        add(F1(52, 1));
      }
      if (t.demonym) {
        add(F1(53, 1));
      }
      if (i + 1 < n && tok_[i + 1].country) {
        add(F1(54, 1));
      }
      if (i > 0 && tok_[i - 1].demonym) {
        add(F1(55, 1));
      }
      if (t.cap && i > 0) {
        add(F1(56, 1));
      }
      add(F1(57, (cap(ii - 1) ? 2 : 0) + (cap(ii + 1) ? 1 : 0)));
      offsets_.push_back(flat_.size());
    }
  }

  // Static features of position i followed by those that depend on the previous labels.
  void Get(size_t i, uint8_t prev, uint8_t prev2, std::vector<uint64_t>& out) const {
    out.assign(flat_.begin() + static_cast<long>(offsets_[i]),
               flat_.begin() + static_cast<long>(offsets_[i + 1]));
    const TokenHashes& t = tok_[i];
    out.push_back(F1(40, prev));
    out.push_back(F1(41, prev * 16u + prev2));
    out.push_back(F2(42, prev, t.lower));
    out.push_back(F2(43, prev, t.short_shape));
  }

 private:
  std::vector<TokenHashes> tok_;
  std::vector<uint64_t> flat_;
  std::vector<size_t> offsets_;
};

bool IsHeadline(std::span<const std::string_view> words) {
  int letters = 0, upper = 0;
  for (std::string_view w : words) {
    for (unsigned char c : w) {
      if (IsUpper(c)) {
        ++upper, ++letters;
      } else if (IsLower(c)) {
        ++letters;
      }
    }
  }
  return letters >= 4 && upper * 10 >= letters * 9;
}

// Keeps the label sequence valid BIO: I-X only after B-X or I-X.
uint8_t BestValid(const float* scores, uint8_t prev) {
  int best = 0;
  float best_score = -1e30f;
  for (int y = 0; y < kL; ++y) {
    if (y != kNerO && !NerIsBegin(static_cast<uint8_t>(y))) {
      int type = NerType(static_cast<uint8_t>(y));
      if (prev == kNerO || NerType(prev) != type) {
        continue;
      }
    }
    if (scores[y] > best_score) {
      best_score = scores[y], best = y;
    }
  }
  return static_cast<uint8_t>(best);
}

// Shared decoding loop; `score` fills kL scores for a feature list.
template <typename ScoreFn>
std::vector<uint8_t> Decode(std::span<const std::string_view> words, TaggerDocState* state,
                            const ScoreFn& score) {
  const size_t n = words.size();
  const bool headline = IsHeadline(words);
  std::vector<int> history(n, -1);
  if (state && !state->last_type.empty()) {
    for (size_t i = 0; i < n; ++i) {
      auto it = state->last_type.find(AsciiLower(words[i]));
      if (it != state->last_type.end()) {
        history[i] = it->second;
      }
    }
  }
  SentenceFeatures sf(words, history, headline);
  std::vector<uint8_t> labels(n, kNerO);
  std::vector<uint64_t> feats;
  float scores[kL];
  for (size_t i = 0; i < n; ++i) {
    uint8_t prev = i > 0 ? labels[i - 1] : kNerO;
    uint8_t prev2 = i > 1 ? labels[i - 2] : kNerO;
    sf.Get(i, prev, prev2, feats);
    score(i, feats, scores);
    labels[i] = BestValid(scores, prev);
  }
  if (state) {
    for (size_t i = 0; i < n; ++i) {
      if (!words[i].empty() && IsUpper(static_cast<unsigned char>(words[i][0])) &&
          labels[i] != kNerO && !headline) {
        state->last_type[AsciiLower(words[i])] = static_cast<uint8_t>(NerType(labels[i]));
      }
    }
  }
  return labels;
}

// The model file: magic, bucket bits, weight scale, count, the sorted buckets, then
// their kNerLabelCount weights each.
std::string ModelBytes(uint32_t bits, float scale, const std::vector<uint32_t>& keys,
                       const std::vector<int16_t>& weights) {
  std::string out(kMagic, 8);
  const uint32_t count = static_cast<uint32_t>(keys.size());
  out.append(reinterpret_cast<const char*>(&bits), 4);
  out.append(reinterpret_cast<const char*>(&scale), 4);
  out.append(reinterpret_cast<const char*>(&count), 4);
  out.append(reinterpret_cast<const char*>(keys.data()), keys.size() * 4);
  out.append(reinterpret_cast<const char*>(weights.data()), weights.size() * 2);
  return out;
}

}  // namespace

std::string_view NerTypeName(uint8_t label) {
  static constexpr std::string_view kNames[] = {"PER", "ORG", "LOC", "MISC"};
  int t = NerType(label);
  return t < 0 ? std::string_view() : kNames[t];
}

const EntityTagger& EntityTagger::Default() {
  static const EntityTagger* tagger = [] {
    auto t = FromBytes(embedded::EntityTaggerModel());
    if (t.ok()) {
      return t.value().release();
    }
    return new EntityTagger();  // no weights: every word is O
  }();
  return *tagger;
}

bool EntityTagger::KnowsWord(std::string_view word) const {
  const uint32_t mask = (1u << bucket_bits_) - 1;
  int32_t acc[kL] = {};
  Accumulate(static_cast<uint32_t>(F1(2, H(AsciiLower(word)))) & mask, acc);
  for (int y = 0; y < kL; ++y) {
    if (acc[y] != 0) {
      return true;
    }
  }
  return false;
}

void EntityTagger::Accumulate(uint32_t bucket, int32_t* acc) const {
  if (slots_.empty()) {
    return;
  }
  if (!present_.empty() && (present_[bucket >> 6] >> (bucket & 63) & 1) == 0) {
    return;
  }
  uint32_t h = (bucket * 2654435761u) & slot_mask_;
  while (true) {
    const Slot& s = slots_[h];
    if (s.key == bucket) {
      for (int y = 0; y < kL; ++y) {
        acc[y] += s.weights[y];
      }
      return;
    }
    if (s.key == Slot::kEmpty) {
      return;
    }
    h = (h + 1) & slot_mask_;
  }
}

Result<std::unique_ptr<EntityTagger>> EntityTagger::FromBytes(std::string_view bytes) {
  auto corrupt = [](const char* what) {
    return Status::Corrupt(std::string("entity tagger model: ") + what);
  };
  if (bytes.size() < 20 || std::memcmp(bytes.data(), kMagic, 8) != 0) {
    return corrupt("bad header");
  }
  uint32_t bits, count;
  float scale;
  std::memcpy(&bits, bytes.data() + 8, 4);
  std::memcpy(&scale, bytes.data() + 12, 4);
  std::memcpy(&count, bytes.data() + 16, 4);
  size_t need = 20 + size_t{count} * 4 + size_t{count} * kL * 2;
  if (bits > 30 || bytes.size() < need) {
    return corrupt("truncated");
  }
  std::unique_ptr<EntityTagger> t(new EntityTagger());
  t->bucket_bits_ = bits;
  t->scale_ = scale;
  t->count_ = count;
  const char* const keys = bytes.data() + 20;
  const char* const weights = keys + size_t{count} * 4;
  uint32_t cap = 16;
  while (cap < count + count / 4) {
    cap <<= 1;  // load <= 0.8; the bitmap turns misses away
  }
  t->slots_.assign(cap, Slot{});
  t->slot_mask_ = cap - 1;
  const uint32_t mask = bits >= 32 ? ~0u : (1u << bits) - 1;
  if (bits <= 24) {
    t->present_.assign((size_t{1} << bits) / 64 + 1, 0);
  }
  for (uint32_t e = 0; e < count; ++e) {
    uint32_t key;
    std::memcpy(&key, keys + size_t{e} * 4, 4);
    if ((key & mask) != key) {
      return corrupt("bucket out of range");
    }
    uint32_t h = (key * 2654435761u) & t->slot_mask_;
    while (t->slots_[h].key != Slot::kEmpty) {
      if (t->slots_[h].key == key) {
        return corrupt("duplicate bucket");
      }
      h = (h + 1) & t->slot_mask_;
    }
    t->slots_[h].key = key;
    std::memcpy(t->slots_[h].weights, weights + size_t{e} * sizeof(Slot::weights),
                sizeof(Slot::weights));
    if (!t->present_.empty()) {
      t->present_[key >> 6] |= uint64_t{1} << (key & 63);
    }
  }
  return t;
}

std::string EntityTagger::Serialize() const {
  std::vector<const Slot*> used;
  used.reserve(count_);
  for (const Slot& slot : slots_) {
    if (slot.key != Slot::kEmpty) {
      used.push_back(&slot);
    }
  }
  std::sort(used.begin(), used.end(), [](const Slot* a, const Slot* b) { return a->key < b->key; });
  std::vector<uint32_t> keys;
  std::vector<int16_t> weights;
  keys.reserve(used.size());
  weights.reserve(used.size() * kL);
  for (const Slot* slot : used) {
    keys.push_back(slot->key);
    weights.insert(weights.end(), slot->weights, slot->weights + kL);
  }
  return ModelBytes(bucket_bits_, scale_, keys, weights);
}

std::vector<uint8_t> EntityTagger::Tag(std::span<const std::string_view> words,
                                       TaggerDocState* state) const {
  const uint32_t mask = (1u << bucket_bits_) - 1;
  return Decode(words, state, [&](size_t, const std::vector<uint64_t>& feats, float* scores) {
    int32_t acc[kL] = {};
    for (uint64_t f : feats) {
      Accumulate(static_cast<uint32_t>(f) & mask, acc);
    }
    for (int y = 0; y < kL; ++y) {
      scores[y] = static_cast<float>(acc[y]);
    }
  });
}

class EntityTaggerTrainer {
 public:
  static std::unique_ptr<EntityTagger> Train(
      const std::vector<TaggedSentence>& data, const TaggerTrainOptions& options,
      const std::function<void(int, const EntityTagger&)>& progress) {
    const uint32_t buckets = 1u << options.bucket_bits;
    const uint32_t mask = buckets - 1;
    std::vector<float> w(size_t{buckets} * kL, 0);
    std::vector<double> total(size_t{buckets} * kL, 0);
    std::vector<uint32_t> stamp(size_t{buckets} * kL, 0);
    uint32_t clock = 1;
    auto settle = [&](size_t k) {
      total[k] += static_cast<double>(clock - stamp[k]) * w[k];
      stamp[k] = clock;
    };
    // Documents as runs of sentences, shuffled between epochs.
    std::vector<std::pair<size_t, size_t>> docs;
    for (size_t i = 0; i < data.size(); ++i) {
      if (i == 0 || data[i].doc_start) {
        docs.push_back({i, i});
      }
      docs.back().second = i + 1;
    }
    std::mt19937_64 rng(options.seed);
    for (int epoch = 1; epoch <= options.epochs; ++epoch) {
      std::shuffle(docs.begin(), docs.end(), rng);
      for (auto [b, e] : docs) {
        TaggerDocState state;
        for (size_t s = b; s < e; ++s) {
          const TaggedSentence& sent = data[s];
          std::vector<std::string_view> words(sent.words.begin(), sent.words.end());
          size_t pos = 0;
          // Decode with the current weights, updating on each mistake (the gold
          // history is not used: training sees the same noisy context as tagging).
          std::vector<uint8_t> pred = Decode(
              words, &state, [&](size_t i, const std::vector<uint64_t>& feats, float* scores) {
                for (int y = 0; y < kL; ++y) {
                  scores[y] = 0;
                }
                for (uint64_t f : feats) {
                  const float* row = &w[size_t{static_cast<uint32_t>(f) & mask} * kL];
                  for (int y = 0; y < kL; ++y) {
                    scores[y] += row[y];
                  }
                }
                // Pick as the decoder will, then update towards gold.
                uint8_t prev = i > 0 ? sent.labels[i - 1] : kNerO;
                (void)prev;
                int guess = 0;
                float best = -1e30f;
                for (int y = 0; y < kL; ++y) {
                  if (scores[y] > best) {
                    best = scores[y], guess = y;
                  }
                }
                int gold = sent.labels[i];
                if (guess != gold) {
                  for (uint64_t f : feats) {
                    size_t row = size_t{static_cast<uint32_t>(f) & mask} * kL;
                    settle(row + gold);
                    settle(row + guess);
                    w[row + gold] += 1;
                    w[row + guess] -= 1;
                  }
                }
                ++clock;
                pos = i;
              });
          (void)pred;
          (void)pos;
        }
      }
      if (progress || epoch == options.epochs) {
        auto tagger = Export(w, total, stamp, clock, options);
        if (progress) {
          progress(epoch, *tagger);
        }
        if (epoch == options.epochs) {
          return tagger;
        }
      }
    }
    return Export(w, total, stamp, clock, options);
  }

 private:
  static std::unique_ptr<EntityTagger> Export(const std::vector<float>& w,
                                              const std::vector<double>& total,
                                              const std::vector<uint32_t>& stamp, uint32_t clock,
                                              const TaggerTrainOptions& options) {
    const uint32_t buckets = 1u << options.bucket_bits;
    std::vector<float> avg(w.size());
    float max_abs = 0;
    for (size_t k = 0; k < w.size(); ++k) {
      avg[k] =
          static_cast<float>((total[k] + static_cast<double>(clock - stamp[k]) * w[k]) / clock);
      max_abs = std::max(max_abs, std::fabs(avg[k]));
    }
    const float scale = max_abs > 0 ? 32000.0f / max_abs : 1;
    std::vector<uint32_t> keys;
    std::vector<int16_t> weights;
    for (uint32_t b = 0; b < buckets; ++b) {
      float m = 0;
      for (int y = 0; y < kL; ++y) {
        m = std::max(m, std::fabs(avg[size_t{b} * kL + y]));
      }
      if (m < options.prune || m == 0) {
        continue;
      }
      keys.push_back(b);
      for (int y = 0; y < kL; ++y) {
        weights.push_back(static_cast<int16_t>(std::lround(avg[size_t{b} * kL + y] * scale)));
      }
    }
    return EntityTagger::FromBytes(ModelBytes(options.bucket_bits, scale, keys, weights)).value();
  }
};

std::unique_ptr<EntityTagger> TrainEntityTagger(
    const std::vector<TaggedSentence>& data, const TaggerTrainOptions& options,
    const std::function<void(int, const EntityTagger&)>& progress) {
  return EntityTaggerTrainer::Train(data, options, progress);
}

std::vector<TaggedSentence> ParseConll(std::string_view text) {
  std::vector<TaggedSentence> out;
  TaggedSentence cur;
  bool next_doc = true;
  std::string_view prev_tag = "O";
  auto flush = [&] {
    if (!cur.words.empty()) {
      out.push_back(std::move(cur));
      cur = TaggedSentence();
    }
    prev_tag = "O";
  };
  size_t pos = 0;
  while (pos < text.size()) {
    size_t nl = text.find('\n', pos);
    if (nl == std::string_view::npos) {
      nl = text.size();
    }
    std::string_view line = text.substr(pos, nl - pos);
    pos = nl + 1;
    while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) {
      line.remove_suffix(1);
    }
    if (line.empty()) {
      flush();
      continue;
    }
    size_t sp = line.find(' ');
    std::string_view word = line.substr(0, sp);
    std::string_view tag = line.substr(line.rfind(' ') + 1);
    if (word == "-DOCSTART-") {
      flush();
      next_doc = true;
      continue;
    }
    if (cur.words.empty()) {
      cur.doc_start = next_doc;
      next_doc = false;
    }
    uint8_t label = kNerO;
    if (tag != "O" && tag.size() > 2) {
      std::string_view type = tag.substr(2);
      int t = type == "PER" ? 0 : type == "ORG" ? 1 : type == "LOC" ? 2 : 3;
      bool begin =
          tag[0] == 'B' || prev_tag.size() < 2 || std::string_view(prev_tag).substr(2) != type;
      label = static_cast<uint8_t>(1 + t * 2 + (begin ? 0 : 1));
    }
    prev_tag = tag;
    cur.words.emplace_back(word);
    cur.labels.push_back(label);
  }
  flush();
  return out;
}

void ScoreChunks(std::span<const uint8_t> gold, std::span<const uint8_t> predicted,
                 ChunkScore& score) {
  auto chunks = [](std::span<const uint8_t> labels) {
    std::vector<std::tuple<size_t, size_t, int>> out;
    for (size_t i = 0; i < labels.size();) {
      if (labels[i] == kNerO) {
        ++i;
        continue;
      }
      int type = NerType(labels[i]);
      size_t j = i + 1;
      while (j < labels.size() && labels[j] != kNerO && !NerIsBegin(labels[j]) &&
             NerType(labels[j]) == type) {
        ++j;
      }
      out.emplace_back(i, j, type);
      i = j;
    }
    return out;
  };
  auto g = chunks(gold), p = chunks(predicted);
  score.gold += g.size();
  score.predicted += p.size();
  size_t a = 0, b = 0;
  while (a < g.size() && b < p.size()) {
    if (g[a] == p[b]) {
      ++score.correct, ++a, ++b;
    } else if (g[a] < p[b]) {
      ++a;
    } else {
      ++b;
    }
  }
}

}  // namespace sitrep::extract
