#include "reuse/minhash.h"

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <memory>

#include "base/hash.h"

namespace sitrep::reuse {
namespace {

uint64_t Mix(uint64_t x) {
  x += 0x9E3779B97F4A7C15ull;
  x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ull;
  x = (x ^ (x >> 27)) * 0x94D049BB133111EBull;
  return x ^ (x >> 31);
}

constexpr size_t kTailLimit = 512;
constexpr char kMagic[8] = {'S', 'R', 'N', 'D', 'I', 'D', 'X', '1'};

struct FileCloser {
  void operator()(FILE* f) const {
    if (f) fclose(f);
  }
};
using File = std::unique_ptr<FILE, FileCloser>;

bool WriteU64(FILE* f, uint64_t v) {
  unsigned char b[8];
  for (int i = 0; i < 8; ++i) b[i] = static_cast<unsigned char>(v >> (8 * i));
  return fwrite(b, 1, 8, f) == 8;
}
bool ReadU64(FILE* f, uint64_t& v) {
  unsigned char b[8];
  if (fread(b, 1, 8, f) != 8) return false;
  v = 0;
  for (int i = 0; i < 8; ++i) v |= static_cast<uint64_t>(b[i]) << (8 * i);
  return true;
}

}  // namespace

std::vector<uint32_t> MinHashSignature(const std::vector<uint64_t>& features, int num_hashes) {
  const size_t k = static_cast<size_t>(std::max(1, num_hashes));
  std::vector<uint32_t> sig(k, 0xFFFFFFFFu);
  std::vector<bool> filled(k, false);
  for (uint64_t f : features) {
    const uint64_t h = Mix(f ^ 0xA076'1D64'78BD'642Full);
    const size_t bin = static_cast<size_t>((static_cast<unsigned __int128>(h >> 32) * k) >> 32);
    const uint32_t v = static_cast<uint32_t>(h);
    if (!filled[bin] || v < sig[bin]) {
      sig[bin] = v;
      filled[bin] = true;
    }
  }
  if (features.empty()) return sig;
  // Rotation densification: an empty bin takes the value of the next filled bin to its
  // right, salted with the distance so that two documents only agree there when they
  // agree on the borrowed bin.
  for (size_t i = 0; i < k; ++i) {
    if (filled[i]) continue;
    size_t j = (i + 1) % k, dist = 1;
    while (!filled[j]) {
      j = (j + 1) % k;
      ++dist;
    }
    sig[i] = static_cast<uint32_t>(Mix(sig[j] + dist * 0x9E3779B9ull));
  }
  return sig;
}

double EstimateJaccard(const std::vector<uint32_t>& a, const std::vector<uint32_t>& b) {
  const size_t n = std::min(a.size(), b.size());
  if (n == 0) return 0;
  size_t same = 0;
  for (size_t i = 0; i < n; ++i) same += a[i] == b[i];
  return static_cast<double>(same) / static_cast<double>(n);
}

double ExactJaccard(const std::vector<uint64_t>& a, const std::vector<uint64_t>& b) {
  if (a.empty() && b.empty()) return 0;
  size_t i = 0, j = 0, inter = 0;
  while (i < a.size() && j < b.size()) {
    if (a[i] < b[j]) {
      ++i;
    } else if (b[j] < a[i]) {
      ++j;
    } else {
      ++inter;
      ++i;
      ++j;
    }
  }
  return static_cast<double>(inter) / static_cast<double>(a.size() + b.size() - inter);
}

double FingerprintJaccard(const uint8_t* a, const uint8_t* b, size_t len) {
  if (len == 0) return 0;
  size_t same = 0;
  for (size_t i = 0; i < len; ++i) same += a[i] == b[i];
  // 8-bit fingerprints agree by chance with probability 1/256; correct for it.
  constexpr double kChance = 1.0 / 256.0;
  const double raw = static_cast<double>(same) / static_cast<double>(len);
  return std::max(0.0, (raw - kChance) / (1.0 - kChance));
}

NearDuplicateIndex::NearDuplicateIndex(NearDuplicateIndexOptions options)
    : options_(options), bands_(static_cast<size_t>(std::max(1, options.bands))) {
  options_.bands = std::max(1, options_.bands);
  options_.rows = std::max(1, options_.rows);
}

std::vector<uint32_t> NearDuplicateIndex::BandKeys(const std::vector<uint32_t>& sig) const {
  std::vector<uint32_t> keys(bands_.size());
  const size_t rows = static_cast<size_t>(options_.rows);
  for (size_t b = 0; b < bands_.size(); ++b) {
    uint64_t h = 0xBA4D + b;
    for (size_t r = 0; r < rows; ++r) {
      const size_t i = b * rows + r;
      h = Mix(h ^ (i < sig.size() ? sig[i] : 0));
    }
    keys[b] = static_cast<uint32_t>(h >> 32);
  }
  return keys;
}

void NearDuplicateIndex::Flush(Band& band) {
  if (band.tail.empty()) return;
  std::vector<uint64_t> run = std::move(band.tail);
  band.tail.clear();
  std::sort(run.begin(), run.end());
  while (!band.runs.empty() && band.runs.back().size() <= run.size() * 2) {
    std::vector<uint64_t> merged(band.runs.back().size() + run.size());
    std::merge(band.runs.back().begin(), band.runs.back().end(), run.begin(), run.end(),
               merged.begin());
    band.runs.pop_back();
    run = std::move(merged);
  }
  band.runs.push_back(std::move(run));
}

uint32_t NearDuplicateIndex::Add(std::string_view name, const std::vector<uint32_t>& sig) {
  const uint32_t id = static_cast<uint32_t>(names_.size());
  names_.emplace_back(name);
  const size_t len = static_cast<size_t>(signature_length());
  for (size_t i = 0; i < len; ++i) {
    fingerprints_.push_back(static_cast<uint8_t>(i < sig.size() ? sig[i] : 0));
  }
  const std::vector<uint32_t> keys = BandKeys(sig);
  for (size_t b = 0; b < bands_.size(); ++b) {
    bands_[b].tail.push_back(static_cast<uint64_t>(keys[b]) << 32 | id);
    if (bands_[b].tail.size() >= kTailLimit) Flush(bands_[b]);
  }
  return id;
}

std::vector<NearDuplicateIndex::Match> NearDuplicateIndex::Query(const std::vector<uint32_t>& sig,
                                                                 double min_jaccard) const {
  std::vector<uint32_t> cand;
  const std::vector<uint32_t> keys = BandKeys(sig);
  for (size_t b = 0; b < bands_.size(); ++b) {
    const uint64_t lo = static_cast<uint64_t>(keys[b]) << 32;
    for (const std::vector<uint64_t>& run : bands_[b].runs) {
      for (auto it = std::lower_bound(run.begin(), run.end(), lo);
           it != run.end() && (*it >> 32) == keys[b]; ++it) {
        cand.push_back(static_cast<uint32_t>(*it));
      }
    }
    for (uint64_t e : bands_[b].tail) {
      if ((e >> 32) == keys[b]) cand.push_back(static_cast<uint32_t>(e));
    }
  }
  std::sort(cand.begin(), cand.end());
  cand.erase(std::unique(cand.begin(), cand.end()), cand.end());

  std::vector<Match> out;
  const size_t len = static_cast<size_t>(signature_length());
  std::vector<uint8_t> low(len);
  for (size_t i = 0; i < len; ++i) low[i] = static_cast<uint8_t>(i < sig.size() ? sig[i] : 0);
  for (uint32_t id : cand) {
    const double j =
        FingerprintJaccard(&fingerprints_[static_cast<size_t>(id) * len], low.data(), len);
    if (j >= min_jaccard) out.push_back({id, j});
  }
  std::sort(out.begin(), out.end(), [](const Match& a, const Match& b) {
    return a.jaccard != b.jaccard ? a.jaccard > b.jaccard : a.id < b.id;
  });
  return out;
}

size_t NearDuplicateIndex::MemoryBytes() const {
  size_t bytes = fingerprints_.capacity() + names_.capacity() * sizeof(std::string);
  for (const std::string& n : names_) {
    if (n.capacity() > 15) bytes += n.capacity();
  }
  for (const Band& b : bands_) {
    bytes += b.tail.capacity() * sizeof(uint64_t);
    for (const auto& r : b.runs) bytes += r.capacity() * sizeof(uint64_t);
  }
  return bytes;
}

Status NearDuplicateIndex::Save(const std::string& path) const {
  File f(fopen(path.c_str(), "wb"));
  if (!f) return Status::IOError(path + ": cannot open for writing");
  bool ok = fwrite(kMagic, 1, sizeof(kMagic), f.get()) == sizeof(kMagic);
  ok = ok && WriteU64(f.get(), static_cast<uint64_t>(options_.bands)) &&
       WriteU64(f.get(), static_cast<uint64_t>(options_.rows)) && WriteU64(f.get(), names_.size());
  for (const std::string& n : names_) {
    ok = ok && WriteU64(f.get(), n.size()) && fwrite(n.data(), 1, n.size(), f.get()) == n.size();
  }
  ok = ok && fwrite(fingerprints_.data(), 1, fingerprints_.size(), f.get()) == fingerprints_.size();
  for (const Band& b : bands_) {
    std::vector<uint64_t> all = b.tail;
    for (const auto& r : b.runs) all.insert(all.end(), r.begin(), r.end());
    std::sort(all.begin(), all.end());
    ok = ok && WriteU64(f.get(), all.size());
    for (uint64_t e : all) ok = ok && WriteU64(f.get(), e);
    if (!ok) break;
  }
  if (!ok) return Status::IOError(path + ": write failed");
  if (fclose(f.release()) != 0) return Status::IOError(path + ": close failed");
  return Status::Ok();
}

Result<NearDuplicateIndex> NearDuplicateIndex::Load(const std::string& path) {
  File f(fopen(path.c_str(), "rb"));
  if (!f) return Status::IOError(path + ": cannot open");
  char magic[sizeof(kMagic)];
  if (fread(magic, 1, sizeof(magic), f.get()) != sizeof(magic) ||
      memcmp(magic, kMagic, sizeof(kMagic)) != 0) {
    return Status::Corrupt(path + ": not a sitrep near-duplicate index");
  }
  uint64_t bands = 0, rows = 0, n = 0;
  if (!ReadU64(f.get(), bands) || !ReadU64(f.get(), rows) || !ReadU64(f.get(), n) || bands == 0 ||
      bands > 1024 || rows == 0 || rows > 1024 || n > (1ull << 32)) {
    return Status::Corrupt(path + ": bad header");
  }
  NearDuplicateIndex index({.bands = static_cast<int>(bands), .rows = static_cast<int>(rows)});
  index.names_.reserve(n);
  for (uint64_t i = 0; i < n; ++i) {
    uint64_t len = 0;
    if (!ReadU64(f.get(), len) || len > (1u << 20)) {
      return Status::Corrupt(path + ": bad name " + std::to_string(i));
    }
    std::string name(len, '\0');
    if (fread(name.data(), 1, len, f.get()) != len) {
      return Status::Corrupt(path + ": truncated name " + std::to_string(i));
    }
    index.names_.push_back(std::move(name));
  }
  index.fingerprints_.resize(n * bands * rows);
  if (fread(index.fingerprints_.data(), 1, index.fingerprints_.size(), f.get()) !=
      index.fingerprints_.size()) {
    return Status::Corrupt(path + ": truncated fingerprints");
  }
  for (Band& b : index.bands_) {
    uint64_t count = 0;
    if (!ReadU64(f.get(), count) || count != n) return Status::Corrupt(path + ": bad band size");
    std::vector<uint64_t> run(count);
    for (uint64_t& e : run) {
      if (!ReadU64(f.get(), e) || (e & 0xFFFFFFFFull) >= n) {
        return Status::Corrupt(path + ": bad band entry");
      }
    }
    if (!std::is_sorted(run.begin(), run.end())) return Status::Corrupt(path + ": band not sorted");
    if (!run.empty()) b.runs.push_back(std::move(run));
  }
  return index;
}

}  // namespace sitrep::reuse
