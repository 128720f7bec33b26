#include "reuse/candidate_index.h"

#include <xxhash.h>

#include <algorithm>
#include <iterator>
#include <unordered_map>
#include <utility>

#include "base/bytes.h"
#include "base/parallel.h"
#include "reuse/minhash.h"
#include "reuse/postings.h"
#include "reuse/rewrite_index.h"

namespace sitrep::reuse {
namespace {

// The format and the search's rules: change the last two characters whenever either
// changes (a threshold, what is queried), so that an index kept by an older sitrep is
// searched again rather than resumed.
constexpr char kMagic[8] = {'S', 'R', 'C', 'I', 'D', 'X', '0', '2'};

// The options the search depends on, in the order they are written.
std::vector<uint64_t> SearchOptions(const ReuseOptions& o) {
  return {static_cast<uint64_t>(o.shingle_words), static_cast<uint64_t>(o.lsh_bands),
          static_cast<uint64_t>(o.lsh_rows), o.max_postings, o.max_candidates};
}

// One indexed document: what the search knows of it and what it found.
struct Doc {
  std::string id;
  uint64_t fingerprint = 0;
  uint64_t body_hash = 0;
  bool has_sentences = false;
  std::vector<uint32_t> bands;   // LSH key of each band
  std::vector<uint8_t> minhash;  // low 8 bits of each signature value
  // The RewriteIndex signals: only sentence_sketches and rare_tokens are set.
  DocFeatures signals;
  std::vector<uint32_t> rewrites;    // RewriteIndex candidates among earlier documents
  std::vector<uint32_t> neighbours;  // LSH pairs, either side, sorted
};

}  // namespace

struct CandidateIndex::State {
  explicit State(const ReuseOptions& o)
      : options(SearchOptions(o)),
        lsh({.bands = o.lsh_bands, .rows = o.lsh_rows}),
        rewrites({.max_postings = o.max_postings,
                  .max_candidates = o.max_candidates,
                  .keep_all_postings = true}),
        buckets(static_cast<size_t>(std::max(1, o.lsh_bands))),
        max_postings(o.max_postings) {}

  std::vector<uint64_t> options;
  NearDuplicateIndex lsh;  // empty: its band keys and signature length
  RewriteIndex rewrites;
  // Per band: LSH key -> documents with it.
  std::vector<Postings<uint32_t>> buckets;
  size_t max_postings;
  std::vector<Doc> docs;

  Doc Make(std::string_view id, const DocFeatures& f, uint64_t fingerprint) const {
    Doc d;
    d.id = std::string(id);
    d.fingerprint = fingerprint;
    d.body_hash = f.body_hash;
    d.has_sentences = !f.sentences.empty();
    const std::vector<uint32_t> sig = MinHashSignature(
        d.has_sentences ? f.shingles : std::vector<uint64_t>{}, lsh.signature_length());
    d.bands = lsh.BandKeys(sig);
    d.minhash.resize(sig.size());
    for (size_t i = 0; i < sig.size(); ++i) d.minhash[i] = static_cast<uint8_t>(sig[i]);
    d.signals.sentence_sketches = f.sentence_sketches;
    d.signals.rare_tokens = f.rare_tokens;
    return d;
  }

  // Adds document `k` (docs[k] set) to the LSH buckets.
  void Bucket(uint32_t k) {
    for (size_t b = 0; b < buckets.size() && b < docs[k].bands.size(); ++b) {
      InsertPosting(buckets[b], docs[k].bands[b], k);
    }
  }
  void Unbucket(uint32_t k) {
    for (size_t b = 0; b < buckets.size() && b < docs[k].bands.size(); ++b) {
      ErasePosting(buckets[b], docs[k].bands[b], k);
    }
  }

  // The LSH pairs of document `k` with the documents `others` accepts: those sharing a
  // band with an estimated Jaccard >= 0.2, where the later of the two has sentences (a
  // document without any is never queried, as in a search in order).
  template <typename Accept>
  std::vector<uint32_t> Neighbours(uint32_t k, const Accept& others) const {
    std::vector<uint32_t> cand;
    for (size_t b = 0; b < buckets.size() && b < docs[k].bands.size(); ++b) {
      auto it = buckets[b].find(docs[k].bands[b]);
      if (it == buckets[b].end()) continue;
      cand.insert(cand.end(), it->second.begin(), it->second.end());
    }
    std::sort(cand.begin(), cand.end());
    cand.erase(std::unique(cand.begin(), cand.end()), cand.end());
    std::vector<uint32_t> out;
    for (uint32_t i : cand) {
      if (i == k || !others(i)) continue;
      if (!docs[std::max(i, k)].has_sentences) continue;
      const Doc& a = docs[i];
      const Doc& c = docs[k];
      const size_t len = std::min(a.minhash.size(), c.minhash.size());
      if (FingerprintJaccard(a.minhash.data(), c.minhash.data(), len) >= 0.2) out.push_back(i);
    }
    return out;
  }

  // Marks the documents after `k` whose RewriteIndex answer a change of `k`'s signals in
  // `keys` (sketches or rare tokens) can change: those holding one of the keys among its
  // first max_postings + 2 holders (a later holder finds the key held by more than
  // max_postings earlier documents, with or without `k`, and skips it; and a document
  // that shares none of the keys scores `k` as before).
  void MarkSharers(uint32_t k, const std::vector<uint64_t>& keys, bool sketches,
                   std::vector<char>& query) const {
    for (uint64_t key : keys) {
      const std::vector<uint32_t>* holders =
          sketches ? rewrites.SketchHolders(key) : rewrites.RareHolders(key);
      if (!holders) continue;
      const size_t n = std::min(holders->size(), max_postings + 2);
      for (size_t i = 0; i < n; ++i) {
        if ((*holders)[i] > k) query[(*holders)[i]] = 1;
      }
    }
  }
};

CandidateIndex::CandidateIndex(const ReuseOptions& options)
    : state_(std::make_unique<State>(options)) {}
CandidateIndex::~CandidateIndex() = default;
CandidateIndex::CandidateIndex(CandidateIndex&&) noexcept = default;
CandidateIndex& CandidateIndex::operator=(CandidateIndex&&) noexcept = default;

uint64_t CandidateIndex::Fingerprint(const DocFeatures& f) {
  XXH3_state_t* s = XXH3_createState();
  XXH3_64bits_reset(s);
  const uint64_t head[] = {f.body_hash, f.sentences.empty() ? 0u : 1u, f.shingles.size(),
                           f.sentence_sketches.size(), f.rare_tokens.size()};
  XXH3_64bits_update(s, head, sizeof head);
  for (const std::vector<uint64_t>* v : {&f.shingles, &f.sentence_sketches, &f.rare_tokens}) {
    XXH3_64bits_update(s, v->data(), v->size() * sizeof(uint64_t));
  }
  const uint64_t h = XXH3_64bits_digest(s);
  XXH3_freeState(s);
  return h;
}

size_t CandidateIndex::Update(const ReuseOptions& options, const std::vector<std::string_view>& ids,
                              const std::vector<const DocFeatures*>& features,
                              const std::vector<uint64_t>& fingerprints, int threads) {
  const size_t n = ids.size();
  if (features.size() != n || fingerprints.size() != n) return queried_ = 0;
  {
    const State& s = *state_;
    bool keep = s.options == SearchOptions(options) && s.docs.size() <= n;
    for (size_t i = 0; keep && i < s.docs.size(); ++i) keep = s.docs[i].id == ids[i];
    if (!keep) state_ = std::make_unique<State>(options);
  }
  State& s = *state_;
  const auto m = static_cast<uint32_t>(s.docs.size());
  std::vector<char> query(n, 0);

  // Documents whose features changed: their signals replaced, and the documents their
  // old and new signals reach queried again.
  std::vector<uint32_t> changed;
  for (uint32_t k = 0; k < m; ++k) {
    if (s.docs[k].fingerprint != fingerprints[k]) changed.push_back(k);
  }
  for (uint32_t k : changed) {
    // The keys `k` gained or lost (both lists are sorted): only their holders can answer
    // otherwise, looked up before and after the change.
    const DocFeatures before = std::move(s.docs[k].signals);
    const DocFeatures& after = *features[k];
    std::vector<uint64_t> sketches, rare;
    std::set_symmetric_difference(before.sentence_sketches.begin(), before.sentence_sketches.end(),
                                  after.sentence_sketches.begin(), after.sentence_sketches.end(),
                                  std::back_inserter(sketches));
    std::set_symmetric_difference(before.rare_tokens.begin(), before.rare_tokens.end(),
                                  after.rare_tokens.begin(), after.rare_tokens.end(),
                                  std::back_inserter(rare));
    s.MarkSharers(k, sketches, true, query);
    s.MarkSharers(k, rare, false, query);
    s.Unbucket(k);
    for (uint32_t p : s.docs[k].neighbours) EraseSorted(s.docs[p].neighbours, k);
    s.docs[k] = s.Make(ids[k], after, fingerprints[k]);
    s.rewrites.Replace(k, before, after);
    s.Bucket(k);
    s.MarkSharers(k, sketches, true, query);
    s.MarkSharers(k, rare, false, query);
    query[k] = 1;
  }

  // New documents, appended.
  for (auto j = static_cast<uint32_t>(m); j < n; ++j) {
    s.docs.push_back(s.Make(ids[j], *features[j], fingerprints[j]));
    s.rewrites.Add(*features[j]);
    s.Bucket(j);
    query[j] = 1;
  }

  // Each queried document's RewriteIndex candidates, as of its place.
  std::vector<uint32_t> queried;
  for (uint32_t j = 0; j < n; ++j) {
    if (query[j]) queried.push_back(j);
  }
  base::ParallelFor(queried.size(), threads, [&](size_t q) {
    const uint32_t j = queried[q];
    Doc& d = s.docs[j];
    d.rewrites.clear();
    if (!d.has_sentences) return;
    for (const RewriteIndex::Candidate& c : s.rewrites.QueryAsOf(*features[j], j)) {
      d.rewrites.push_back(c.id);
    }
  });

  // LSH neighbours: a changed document's with every other, a new one's with those before
  // it (a later new document finds it in turn).
  std::vector<char> is_changed(n, 0);
  for (uint32_t k : changed) is_changed[k] = 1;
  std::vector<uint32_t> relink = changed;
  for (auto j = static_cast<uint32_t>(m); j < n; ++j) relink.push_back(j);
  std::vector<std::vector<uint32_t>> found(relink.size());
  base::ParallelFor(relink.size(), threads, [&](size_t r) {
    const uint32_t k = relink[r];
    if (is_changed[k]) {
      // A pair of two changed documents is found from the earlier one.
      found[r] = s.Neighbours(k, [&](uint32_t i) { return !is_changed[i] || i > k; });
    } else {
      found[r] = s.Neighbours(k, [&](uint32_t i) { return i < k && !is_changed[i]; });
    }
  });
  for (size_t r = 0; r < relink.size(); ++r) {
    for (uint32_t i : found[r]) {
      InsertSorted(s.docs[relink[r]].neighbours, i);
      InsertSorted(s.docs[i].neighbours, relink[r]);
    }
  }
  return queried_ = queried.size();
}

size_t CandidateIndex::size() const { return state_->docs.size(); }

std::vector<std::pair<uint32_t, uint32_t>> CandidateIndex::Pairs() const {
  const std::vector<Doc>& docs = state_->docs;
  std::vector<std::pair<uint32_t, uint32_t>> pairs;
  std::unordered_map<uint64_t, uint32_t> first;  // body hash -> first document with it
  for (uint32_t j = 0; j < docs.size(); ++j) {
    const Doc& d = docs[j];
    if (d.has_sentences) {
      auto [it, fresh] = first.emplace(d.body_hash, j);
      if (!fresh) pairs.emplace_back(it->second, j);
    }
    for (uint32_t i : d.rewrites) pairs.emplace_back(i, j);
    for (uint32_t i : d.neighbours) {
      if (i < j) pairs.emplace_back(i, j);
    }
  }
  std::sort(pairs.begin(), pairs.end());
  pairs.erase(std::unique(pairs.begin(), pairs.end()), pairs.end());
  return pairs;
}

namespace {

template <typename T>
void WriteList(base::ByteWriter& w, const std::vector<T>& list) {
  w.U64(list.size());
  for (T v : list) {
    if constexpr (sizeof(T) == 8) {
      w.U64(v);
    } else {
      w.U32(v);
    }
  }
}

template <typename T>
bool ReadList(base::ByteReader& r, std::vector<T>& list) {
  uint64_t count = 0;
  if (!r.U64(count) || !r.CanHold(count, sizeof(T))) return false;
  list.resize(count);
  for (T& v : list) {
    if constexpr (sizeof(T) == 8) {
      if (!r.U64(v)) return false;
    } else {
      if (!r.U32(v)) return false;
    }
  }
  return true;
}

}  // namespace

std::string CandidateIndex::Encode() const {
  const State& s = *state_;
  base::ByteWriter w;
  w.Bytes(std::string_view(kMagic, sizeof(kMagic)));
  for (uint64_t o : s.options) w.U64(o);
  w.U64(s.docs.size());
  for (const Doc& d : s.docs) {
    w.String(d.id);
    w.U64(d.fingerprint);
    w.U64(d.body_hash);
    w.U32(d.has_sentences ? 1 : 0);
    WriteList(w, d.bands);
    w.String(std::string_view(reinterpret_cast<const char*>(d.minhash.data()), d.minhash.size()));
    WriteList(w, d.signals.sentence_sketches);
    WriteList(w, d.signals.rare_tokens);
    WriteList(w, d.rewrites);
    WriteList(w, d.neighbours);
  }
  return w.Take();
}

Result<CandidateIndex> CandidateIndex::Decode(std::string_view bytes, const std::string& what) {
  base::ByteReader r(bytes);
  std::string_view magic;
  if (!r.Bytes(sizeof(kMagic), magic) || magic != std::string_view(kMagic, sizeof(kMagic))) {
    return Status::Corrupt(what + ": not a sitrep candidate index of this version");
  }
  std::vector<uint64_t> options(SearchOptions({}).size());
  for (uint64_t& o : options) r.U64(o);
  if (!r.ok() || options[0] > 64 || options[1] == 0 || options[1] > 1024 || options[2] == 0 ||
      options[2] > 1024 || options[3] > (1u << 30) || options[4] > (1u << 30)) {
    return Status::Corrupt(what + ": bad options");
  }
  ReuseOptions o;
  o.shingle_words = static_cast<int>(options[0]);
  o.lsh_bands = static_cast<int>(options[1]);
  o.lsh_rows = static_cast<int>(options[2]);
  o.max_postings = options[3];
  o.max_candidates = options[4];
  CandidateIndex index(o);
  State& s = *index.state_;
  uint64_t n = 0;
  if (!r.U64(n) || n > 0xFFFFFFFFull || !r.CanHold(n, 64)) {
    return Status::Corrupt(what + ": bad document count");
  }
  const size_t len = static_cast<size_t>(s.lsh.signature_length());
  s.docs.resize(n);
  for (uint64_t j = 0; j < n; ++j) {
    Doc& d = s.docs[j];
    uint32_t has_sentences = 0;
    std::string_view minhash;
    const bool ok =
        r.String(d.id) && r.U64(d.fingerprint) && r.U64(d.body_hash) && r.U32(has_sentences) &&
        ReadList(r, d.bands) && r.View(minhash) && ReadList(r, d.signals.sentence_sketches) &&
        ReadList(r, d.signals.rare_tokens) && ReadList(r, d.rewrites) && ReadList(r, d.neighbours);
    const auto in_range = [&](const std::vector<uint32_t>& ids, uint64_t end) {
      return std::all_of(ids.begin(), ids.end(), [&](uint32_t i) { return i < end && i != j; });
    };
    if (!ok || has_sentences > 1 || d.bands.size() != options[1] || minhash.size() != len ||
        !in_range(d.rewrites, j) || !in_range(d.neighbours, n) ||
        !std::is_sorted(d.neighbours.begin(), d.neighbours.end()) ||
        !std::is_sorted(d.signals.sentence_sketches.begin(), d.signals.sentence_sketches.end()) ||
        !std::is_sorted(d.signals.rare_tokens.begin(), d.signals.rare_tokens.end())) {
      return Status::Corrupt(what + ": bad document " + std::to_string(j));
    }
    d.has_sentences = has_sentences == 1;
    d.minhash.assign(minhash.begin(), minhash.end());
  }
  if (!r.done()) return Status::Corrupt(what + ": bytes after the index");
  for (uint32_t j = 0; j < n; ++j) {
    s.rewrites.Add(s.docs[j].signals);
    s.Bucket(j);
  }
  return index;
}

}  // namespace sitrep::reuse
