#include "text/wordnet.h"

#include <algorithm>
#include <array>
#include <cstdio>
#include <numeric>
#include <tuple>

namespace sitrep::text {
namespace {

constexpr std::array<std::string_view, 4> kPosNames = {"noun", "verb", "adj", "adv"};

Result<std::string> ReadFile(const std::string& path) {
  std::FILE* f = std::fopen(path.c_str(), "rb");
  if (f == nullptr) return Status::NotFound(path + ": cannot open");
  std::string data;
  std::fseek(f, 0, SEEK_END);
  const long size = std::ftell(f);
  std::fseek(f, 0, SEEK_SET);
  if (size > 0) {
    data.resize(static_cast<size_t>(size));
    const size_t got = std::fread(data.data(), 1, data.size(), f);
    data.resize(got);
  }
  std::fclose(f);
  return data;
}

// Splits off the next space-separated field of `line` starting at `pos`.
std::string_view NextField(std::string_view line, size_t& pos) {
  while (pos < line.size() && line[pos] == ' ') ++pos;
  const size_t start = pos;
  while (pos < line.size() && line[pos] != ' ') ++pos;
  return line.substr(start, pos - start);
}

bool ParseUint(std::string_view s, uint32_t& v) {
  if (s.empty()) return false;
  v = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
    v = v * 10 + static_cast<uint32_t>(c - '0');
  }
  return true;
}

struct Detachment {
  std::string_view suffix;
  std::string_view ending;
};
// WordNet's morphy detachment rules.
constexpr std::array<Detachment, 8> kNounRules = {{{"s", ""},
                                                   {"ses", "s"},
                                                   {"xes", "x"},
                                                   {"zes", "z"},
                                                   {"ches", "ch"},
                                                   {"shes", "sh"},
                                                   {"men", "man"},
                                                   {"ies", "y"}}};
constexpr std::array<Detachment, 8> kVerbRules = {{{"s", ""},
                                                   {"ies", "y"},
                                                   {"es", "e"},
                                                   {"es", ""},
                                                   {"ed", "e"},
                                                   {"ed", ""},
                                                   {"ing", "e"},
                                                   {"ing", ""}}};
constexpr std::array<Detachment, 4> kAdjRules = {
    {{"er", ""}, {"est", ""}, {"er", "e"}, {"est", "e"}}};

// Rule-derived bases shorter than this are ignored ("us" -> "u", "as" -> "a").
constexpr size_t kMinRuleBase = 3;

}  // namespace

Result<std::unique_ptr<WordNet>> WordNet::Load(const std::string& dir,
                                               const WordNetOptions& options) {
  std::unique_ptr<WordNet> wn(new WordNet());
  const int keep = std::clamp(std::max(options.synonym_senses, options.canonical_senses), 1, 255);
  wn->files_.reserve(8);
  wn->lemmas_.reserve(90000);
  wn->ids_.reserve(120000);
  for (int p = 0; p < 4; ++p) {
    const std::string path = dir + "/index." + std::string(kPosNames[p]);
    Result<std::string> data = ReadFile(path);
    if (!data.ok()) {
      if (p == 0) return data.status();
      continue;
    }
    wn->files_.push_back(std::move(data).value());
    Status s = wn->ParseIndex(wn->files_.back(), static_cast<Pos>(p), keep);
    if (!s.ok()) return Status::Corrupt(path + ": " + s.message());
  }
  for (int p = 0; p < 4; ++p) {
    Result<std::string> data = ReadFile(dir + "/" + std::string(kPosNames[p]) + ".exc");
    if (!data.ok()) continue;  // optional
    wn->files_.push_back(std::move(data).value());
    wn->ParseExceptions(wn->files_.back(), static_cast<Pos>(p));
  }
  wn->BuildClasses(options);
  return wn;
}

Status WordNet::ParseIndex(std::string_view data, Pos pos, int keep) {
  size_t line_no = 0;
  size_t at = 0;
  while (at < data.size()) {
    size_t eol = data.find('\n', at);
    if (eol == std::string_view::npos) eol = data.size();
    const std::string_view line = data.substr(at, eol - at);
    at = eol + 1;
    ++line_no;
    if (line.empty() || line[0] == ' ') continue;  // licence header
    size_t p = 0;
    const std::string_view name = NextField(line, p);
    if (name.find('_') != std::string_view::npos) continue;
    NextField(line, p);  // pos letter
    uint32_t synset_cnt = 0;
    uint32_t ptr_cnt = 0;
    if (!ParseUint(NextField(line, p), synset_cnt) || !ParseUint(NextField(line, p), ptr_cnt)) {
      return Status::Corrupt("line " + std::to_string(line_no) + ": bad counts");
    }
    for (uint32_t k = 0; k < ptr_cnt; ++k) NextField(line, p);
    NextField(line, p);  // sense_cnt (same as synset_cnt)
    NextField(line, p);  // tagsense_cnt
    auto [it, inserted] = ids_.try_emplace(name, static_cast<uint32_t>(lemmas_.size()));
    if (inserted) {
      lemmas_.emplace_back();
      lemmas_.back().name = name;
      lemmas_.back().head = it->second;
    }
    Lemma& lemma = lemmas_[it->second];
    lemma.pos_mask |= static_cast<uint8_t>(1u << pos);
    lemma.senses = static_cast<uint16_t>(std::min<uint32_t>(65535, lemma.senses + synset_cnt));
    lemma.first[pos] = static_cast<uint32_t>(synsets_.size());
    uint32_t kept = 0;
    for (uint32_t k = 0; k < synset_cnt; ++k) {
      uint32_t offset = 0;
      if (!ParseUint(NextField(line, p), offset)) {
        return Status::Corrupt("line " + std::to_string(line_no) + ": bad synset offset");
      }
      if (static_cast<int>(kept) < keep) {
        synsets_.push_back((static_cast<uint32_t>(pos) << 28) | offset);
        ++kept;
      }
    }
    lemma.count[pos] = static_cast<uint8_t>(kept);
  }
  return Status::Ok();
}

void WordNet::ParseExceptions(std::string_view data, Pos pos) {
  size_t at = 0;
  while (at < data.size()) {
    size_t eol = data.find('\n', at);
    if (eol == std::string_view::npos) eol = data.size();
    const std::string_view line = data.substr(at, eol - at);
    at = eol + 1;
    size_t p = 0;
    const std::string_view inflected = NextField(line, p);
    if (inflected.empty() || inflected.find('_') != std::string_view::npos) continue;
    while (true) {
      const std::string_view base = NextField(line, p);
      if (base.empty()) break;
      exceptions_.emplace(inflected, Exception{base, static_cast<uint8_t>(pos)});
    }
  }
}

const uint32_t* WordNet::Senses(uint32_t id, Pos pos, int& n) const {
  const Lemma& l = lemmas_[id];
  n = (l.pos_mask & (1u << pos)) ? l.count[pos] : 0;
  return synsets_.data() + l.first[pos];
}

uint32_t WordNet::Find(std::string_view lemma) const {
  const auto it = ids_.find(lemma);
  return it == ids_.end() ? kNone : it->second;
}

std::vector<uint32_t> WordNet::BaseForms(std::string_view word) const {
  std::vector<uint32_t> out;
  auto add = [&](uint32_t id) {
    if (id != kNone && std::find(out.begin(), out.end(), id) == out.end()) out.push_back(id);
  };
  add(Find(word));
  const auto [lo, hi] = exceptions_.equal_range(word);
  for (auto it = lo; it != hi; ++it) {
    const uint32_t id = Find(it->second.base);
    if (HasPos(id, static_cast<Pos>(it->second.pos))) add(id);
  }
  std::string base;
  auto apply = [&](const auto& rules, Pos pos) {
    for (const Detachment& r : rules) {
      if (word.size() <= r.suffix.size() || !word.ends_with(r.suffix)) continue;
      base.assign(word.substr(0, word.size() - r.suffix.size()));
      base.append(r.ending);
      if (base.size() < kMinRuleBase) continue;
      const uint32_t id = Find(base);
      if (HasPos(id, pos)) add(id);
    }
  };
  apply(kNounRules, kNoun);
  apply(kVerbRules, kVerb);
  apply(kAdjRules, kAdj);
  return out;
}

uint32_t WordNet::LemmaId(std::string_view word) const {
  const std::vector<uint32_t> bases = BaseForms(word);
  uint32_t best = kNone;
  for (uint32_t id : bases) {
    if (best == kNone || lemmas_[id].senses > lemmas_[best].senses) best = id;
  }
  return best;
}

bool WordNet::Synonymous(std::string_view a, std::string_view b, int senses) const {
  const std::vector<uint32_t> as = BaseForms(a);
  const std::vector<uint32_t> bs = BaseForms(b);
  for (uint32_t x : as) {
    for (uint32_t y : bs) {
      if (x == y) return true;
      for (int p = 0; p < 4; ++p) {
        int nx = 0;
        int ny = 0;
        const uint32_t* sx = Senses(x, static_cast<Pos>(p), nx);
        const uint32_t* sy = Senses(y, static_cast<Pos>(p), ny);
        nx = std::min(nx, senses);
        ny = std::min(ny, senses);
        for (int i = 0; i < nx; ++i) {
          for (int j = 0; j < ny; ++j) {
            if (sx[i] == sy[j]) return true;
          }
        }
      }
    }
  }
  return false;
}

void WordNet::BuildClasses(const WordNetOptions& options) {
  const int k = std::max(0, options.canonical_senses);
  const uint32_t cap = static_cast<uint32_t>(std::max(1, options.canonical_max_class));
  // (synset, rank, lemma) for every kept sense within the first k.
  struct Member {
    uint32_t synset;
    uint32_t rank;
    uint32_t lemma;
  };
  std::vector<Member> members;
  members.reserve(lemmas_.size() * 2);
  for (uint32_t id = 0; id < lemmas_.size(); ++id) {
    for (int p = 0; p < 4; ++p) {
      int n = 0;
      const uint32_t* s = Senses(id, static_cast<Pos>(p), n);
      n = std::min(n, k);
      for (int r = 0; r < n; ++r) members.push_back({s[r], static_cast<uint32_t>(r), id});
    }
  }
  std::sort(members.begin(), members.end(), [](const Member& a, const Member& b) {
    return std::tie(a.synset, a.rank, a.lemma) < std::tie(b.synset, b.rank, b.lemma);
  });
  // Star links from each synset's best-ranked member to the others.
  struct Link {
    uint32_t sum;
    uint32_t max;
    uint32_t a;
    uint32_t b;
  };
  std::vector<Link> links;
  for (size_t i = 0; i < members.size();) {
    size_t j = i + 1;
    while (j < members.size() && members[j].synset == members[i].synset) ++j;
    for (size_t m = i + 1; m < j; ++m) {
      links.push_back({members[i].rank + members[m].rank,
                       std::max(members[i].rank, members[m].rank), members[i].lemma,
                       members[m].lemma});
    }
    i = j;
  }
  std::sort(links.begin(), links.end(), [](const Link& x, const Link& y) {
    return std::tie(x.sum, x.max, x.a, x.b) < std::tie(y.sum, y.max, y.a, y.b);
  });
  std::vector<uint32_t> parent(lemmas_.size());
  std::iota(parent.begin(), parent.end(), 0u);
  std::vector<uint32_t> size(lemmas_.size(), 1);
  auto find = [&](uint32_t x) {
    while (parent[x] != x) {
      parent[x] = parent[parent[x]];
      x = parent[x];
    }
    return x;
  };
  auto better = [&](uint32_t x, uint32_t y) {  // is x a better class head than y?
    const Lemma& a = lemmas_[x];
    const Lemma& b = lemmas_[y];
    if (a.senses != b.senses) return a.senses > b.senses;
    if (a.name.size() != b.name.size()) return a.name.size() < b.name.size();
    return a.name < b.name;
  };
  std::vector<uint32_t> head(lemmas_.size());
  std::iota(head.begin(), head.end(), 0u);
  for (const Link& l : links) {
    uint32_t x = find(l.a);
    uint32_t y = find(l.b);
    if (x == y || size[x] + size[y] > cap) continue;
    if (size[x] < size[y]) std::swap(x, y);
    parent[y] = x;
    size[x] += size[y];
    if (better(head[y], head[x])) head[x] = head[y];
  }
  for (uint32_t id = 0; id < lemmas_.size(); ++id) lemmas_[id].head = head[find(id)];
}

}  // namespace sitrep::text
