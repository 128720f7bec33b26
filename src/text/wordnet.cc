#include "text/wordnet.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cstdio>
#include <numeric>
#include <tuple>

#include "base/hash.h"

namespace sitrep::text {
namespace {

constexpr std::array<std::string_view, 4> kPosNames = {"noun", "verb", "adj", "adv"};

// Maps a file read-only. An empty file maps to {nullptr, 0}.
Result<std::pair<const char*, size_t>> MapFile(const std::string& path) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return Status::NotFound(path + ": cannot open");
  struct stat st;
  if (::fstat(fd, &st) != 0) {
    ::close(fd);
    return Status::IOError(path + ": cannot stat");
  }
  const size_t size = static_cast<size_t>(st.st_size);
  if (size == 0) {
    ::close(fd);
    return std::pair<const char*, size_t>(nullptr, 0);
  }
  void* p = ::mmap(nullptr, size, PROT_READ, MAP_PRIVATE | MAP_POPULATE, fd, 0);
  ::close(fd);
  if (p == MAP_FAILED) return Status::IOError(path + ": cannot map");
  return std::pair<const char*, size_t>(static_cast<const char*>(p), size);
}

uint64_t HashName(std::string_view s) { return base::Hash64(s); }

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

// English function words and number words: closed classes that WordNet knows only by
// accident ("in" as the inch, "I" and "one" as the number, "but" as "only"), so they
// are left out of the lemma table and keep their own stem.
constexpr std::string_view kFunctionWords[] = {
    "a",        "about",   "above",  "after",    "again",    "against", "all",      "also",
    "although", "am",      "among",  "an",       "and",      "another", "any",      "are",
    "around",   "as",      "at",     "be",       "because",  "been",    "before",   "being",
    "below",    "between", "both",   "but",      "by",       "can",     "could",    "did",
    "do",       "does",    "down",   "during",   "each",     "eight",   "eighteen", "eleven",
    "either",   "even",    "ever",   "every",    "few",      "fifteen", "fifty",    "first",
    "five",     "for",     "forty",  "four",     "fourteen", "from",    "had",      "has",
    "have",     "he",      "her",    "here",     "hers",     "him",     "his",      "how",
    "hundred",  "i",       "if",     "in",       "into",     "is",      "it",       "its",
    "last",     "less",    "many",   "may",      "me",       "might",   "million",  "billion",
    "more",     "most",    "much",   "must",     "my",       "neither", "next",     "nine",
    "nineteen", "ninety",  "no",     "none",     "nor",      "not",     "now",      "of",
    "off",      "on",      "once",   "one",      "only",     "or",      "other",    "our",
    "out",      "over",    "own",    "per",      "same",     "second",  "seven",    "seventeen",
    "seventy",  "shall",   "she",    "should",   "since",    "six",     "sixteen",  "sixty",
    "so",       "some",    "such",   "ten",      "than",     "that",    "the",      "their",
    "them",     "then",    "there",  "these",    "they",     "third",   "thirteen", "thirty",
    "this",     "those",   "though", "thousand", "three",    "through", "thus",     "to",
    "too",      "twelve",  "twenty", "two",      "under",    "until",   "up",       "upon",
    "us",       "very",    "via",    "was",      "we",       "were",    "what",     "when",
    "where",    "whether", "which",  "while",    "who",      "whom",    "whose",    "why",
    "will",     "with",    "within", "without",  "would",    "yet",     "you",      "your",
    "zero"};

bool IsFunctionWord(std::string_view w) {
  for (std::string_view f : kFunctionWords) {
    if (f == w) return true;
  }
  return false;
}

// Rule-derived bases shorter than this are ignored ("us" -> "u", "as" -> "a").
constexpr size_t kMinRuleBase = 3;

}  // namespace

Result<std::unique_ptr<WordNet>> WordNet::Load(const std::string& dir,
                                               const WordNetOptions& options) {
  std::unique_ptr<WordNet> wn(new WordNet());
  const int keep = std::clamp(std::max(options.synonym_senses, options.canonical_senses), 1, 255);
  wn->files_.reserve(8);
  wn->lemmas_.reserve(90000);
  wn->hashes_.reserve(90000);
  wn->Rehash(1u << 18);
  for (int p = 0; p < 4; ++p) {
    const std::string path = dir + "/index." + std::string(kPosNames[p]);
    Result<std::pair<const char*, size_t>> data = MapFile(path);
    if (!data.ok()) {
      if (p == 0) return data.status();
      continue;
    }
    wn->files_.push_back({data->first, data->second});
    Status s =
        wn->ParseIndex(std::string_view(data->first, data->second), static_cast<Pos>(p), keep);
    if (!s.ok()) return Status::Corrupt(path + ": " + s.message());
  }
  for (int p = 0; p < 4; ++p) {
    Result<std::pair<const char*, size_t>> data =
        MapFile(dir + "/" + std::string(kPosNames[p]) + ".exc");
    if (!data.ok()) continue;  // optional
    wn->files_.push_back({data->first, data->second});
    wn->ParseExceptions(std::string_view(data->first, data->second), static_cast<Pos>(p));
  }
  {
    Result<std::pair<const char*, size_t>> data = MapFile(dir + "/cntlist.rev");
    if (data.ok()) {  // optional
      wn->files_.push_back({data->first, data->second});
      wn->ParseCounts(std::string_view(data->first, data->second));
    }
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
    if (name.find('_') != std::string_view::npos || IsFunctionWord(name)) continue;
    NextField(line, p);  // pos letter
    uint32_t synset_cnt = 0;
    uint32_t ptr_cnt = 0;
    if (!ParseUint(NextField(line, p), synset_cnt) || !ParseUint(NextField(line, p), ptr_cnt)) {
      return Status::Corrupt("line " + std::to_string(line_no) + ": bad counts");
    }
    for (uint32_t k = 0; k < ptr_cnt; ++k) NextField(line, p);
    NextField(line, p);  // sense_cnt (same as synset_cnt)
    NextField(line, p);  // tagsense_cnt
    Lemma& lemma = lemmas_[Intern(name)];
    lemma.pos_mask |= static_cast<uint8_t>(1u << pos);
    lemma.senses = static_cast<uint16_t>(std::min<uint32_t>(65535, lemma.senses + synset_cnt));
    lemma.pos_senses[pos] = static_cast<uint16_t>(std::min<uint32_t>(65535, synset_cnt));
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

void WordNet::ParseCounts(std::string_view data) {
  // Lines: "lemma%ss_type:lex_filenum:lex_id:head:head_id sense_number tag_count", with
  // ss_type 1 noun, 2 verb, 3 adjective, 4 adverb, 5 adjective satellite.
  size_t at = 0;
  while (at < data.size()) {
    size_t eol = data.find('\n', at);
    if (eol == std::string_view::npos) eol = data.size();
    const std::string_view line = data.substr(at, eol - at);
    at = eol + 1;
    const size_t pct = line.find('%');
    if (pct == std::string_view::npos || pct + 1 >= line.size()) continue;
    const std::string_view name = line.substr(0, pct);
    const char type = line[pct + 1];
    if (type < '1' || type > '5') continue;
    const int pos = type == '5' ? kAdj : type - '1';
    const size_t last = line.rfind(' ');
    uint32_t count = 0;
    if (last == std::string_view::npos || !ParseUint(line.substr(last + 1), count)) continue;
    const uint32_t id = Find(name);
    if (id == kNone) continue;
    lemmas_[id].freq[pos] += count;
  }
}

const uint32_t* WordNet::Senses(uint32_t id, Pos pos, int& n) const {
  const Lemma& l = lemmas_[id];
  n = (l.pos_mask & (1u << pos)) ? l.count[pos] : 0;
  return synsets_.data() + l.first[pos];
}

WordNet::~WordNet() {
  for (const Mapped& m : files_) {
    if (m.data != nullptr) ::munmap(const_cast<char*>(m.data), m.size);
  }
}

void WordNet::Rehash(size_t slots) {
  slots_.assign(slots, kNone);
  const size_t mask = slots - 1;
  for (uint32_t id = 0; id < lemmas_.size(); ++id) {
    size_t i = hashes_[id] & mask;
    while (slots_[i] != kNone) i = (i + 1) & mask;
    slots_[i] = id;
  }
}

uint32_t WordNet::Intern(std::string_view name) {
  if ((lemmas_.size() + 1) * 2 > slots_.size()) Rehash(slots_.size() * 2);
  const uint64_t h = HashName(name);
  const size_t mask = slots_.size() - 1;
  size_t i = h & mask;
  while (slots_[i] != kNone) {
    const uint32_t id = slots_[i];
    if (hashes_[id] == h && lemmas_[id].name == name) return id;
    i = (i + 1) & mask;
  }
  const uint32_t id = static_cast<uint32_t>(lemmas_.size());
  slots_[i] = id;
  lemmas_.emplace_back();
  lemmas_.back().name = name;
  for (uint32_t& hd : lemmas_.back().head) hd = id;
  hashes_.push_back(h);
  return id;
}

uint32_t WordNet::Find(std::string_view lemma) const {
  if (slots_.empty()) return kNone;
  const uint64_t h = HashName(lemma);
  const size_t mask = slots_.size() - 1;
  for (size_t i = h & mask; slots_[i] != kNone; i = (i + 1) & mask) {
    const uint32_t id = slots_[i];
    if (hashes_[id] == h && lemmas_[id].name == lemma) return id;
  }
  return kNone;
}

std::vector<WordNet::Base> WordNet::BaseForms(std::string_view word) const {
  std::vector<Base> out;
  auto add = [&](uint32_t id, Pos pos) {
    if (!HasPos(id, pos)) return;
    for (const Base& b : out) {
      if (b.id == id && b.pos == pos) return;
    }
    out.push_back({id, pos});
  };
  const uint32_t self = Find(word);
  if (self != kNone) {
    for (int p = 0; p < 4; ++p) add(self, static_cast<Pos>(p));
  }
  const auto [lo, hi] = exceptions_.equal_range(word);
  for (auto it = lo; it != hi; ++it) {
    add(Find(it->second.base), static_cast<Pos>(it->second.pos));
  }
  std::string base;
  auto apply = [&](const auto& rules, Pos pos) {
    for (const Detachment& r : rules) {
      if (word.size() <= r.suffix.size() || !word.ends_with(r.suffix)) continue;
      base.assign(word.substr(0, word.size() - r.suffix.size()));
      base.append(r.ending);
      if (base.size() < kMinRuleBase) continue;
      add(Find(base), pos);
    }
  };
  apply(kNounRules, kNoun);
  apply(kVerbRules, kVerb);
  apply(kAdjRules, kAdj);
  return out;
}

WordNet::Base WordNet::LikelyBase(std::string_view word) const {
  Base best;
  uint32_t best_freq = 0;
  int best_senses = -1;
  for (const Base& b : BaseForms(word)) {
    const uint32_t f = lemmas_[b.id].freq[b.pos];
    const int n = lemmas_[b.id].pos_senses[b.pos];
    if (best_senses < 0 || f > best_freq || (f == best_freq && n > best_senses)) {
      best = b;
      best_freq = f;
      best_senses = n;
    }
  }
  return best;
}

bool WordNet::Linked(uint32_t x, uint32_t y, Pos pos, int senses) const {
  int nx = 0;
  int ny = 0;
  const uint32_t* sx = Senses(x, pos, nx);
  const uint32_t* sy = Senses(y, pos, ny);
  nx = std::min(nx, senses);
  ny = std::min(ny, senses);
  for (int i = 0; i < nx; ++i) {
    for (int j = 0; j < ny; ++j) {
      if (sx[i] == sy[j]) return true;
    }
  }
  return false;
}

bool WordNet::Synonymous(std::string_view a, std::string_view b, int senses) const {
  const std::vector<Base> as = BaseForms(a);
  const std::vector<Base> bs = BaseForms(b);
  for (const Base& x : as) {
    for (const Base& y : bs) {
      if (x.id == y.id) return true;
      if (x.pos == y.pos && Linked(x.id, y.id, x.pos, senses)) return true;
    }
  }
  return false;
}

void WordNet::BuildClasses(const WordNetOptions& options) {
  const int k = std::max(0, options.canonical_senses);
  const uint32_t cap = static_cast<uint32_t>(std::max(1, options.canonical_max_class));
  // Nodes are lemma * 4 + part of speech.
  auto node = [](uint32_t id, int pos) { return id * 4 + static_cast<uint32_t>(pos); };
  struct Member {
    uint32_t synset;
    uint32_t rank;
    uint32_t node;
  };
  std::vector<Member> members;
  members.reserve(lemmas_.size() * 2);
  for (uint32_t id = 0; id < lemmas_.size(); ++id) {
    for (int p = 0; p < 4; ++p) {
      int n = 0;
      const uint32_t* s = Senses(id, static_cast<Pos>(p), n);
      n = std::min(n, k);
      for (int r = 0; r < n; ++r) members.push_back({s[r], static_cast<uint32_t>(r), node(id, p)});
    }
  }
  std::sort(members.begin(), members.end(), [](const Member& a, const Member& b) {
    return std::tie(a.synset, a.rank, a.node) < std::tie(b.synset, b.rank, b.node);
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
                       std::max(members[i].rank, members[m].rank), members[i].node,
                       members[m].node});
    }
    i = j;
  }
  std::sort(links.begin(), links.end(), [](const Link& x, const Link& y) {
    return std::tie(x.sum, x.max, x.a, x.b) < std::tie(y.sum, y.max, y.a, y.b);
  });
  const uint32_t nodes = static_cast<uint32_t>(lemmas_.size() * 4);
  std::vector<uint32_t> parent(nodes);
  std::iota(parent.begin(), parent.end(), 0u);
  std::vector<uint32_t> size(nodes, 1);
  std::vector<uint32_t> head(nodes);
  std::iota(head.begin(), head.end(), 0u);
  // Members of each class as a circular list through next_member.
  std::vector<uint32_t> next_member(nodes);
  std::iota(next_member.begin(), next_member.end(), 0u);
  auto find = [&](uint32_t x) {
    while (parent[x] != x) {
      parent[x] = parent[parent[x]];
      x = parent[x];
    }
    return x;
  };
  auto better = [&](uint32_t x, uint32_t y) {  // is node x a better class head than y?
    const Lemma& a = lemmas_[x / 4];
    const Lemma& b = lemmas_[y / 4];
    const uint16_t sa = a.pos_senses[x % 4];
    const uint16_t sb = b.pos_senses[y % 4];
    if (sa != sb) return sa > sb;
    if (a.name.size() != b.name.size()) return a.name.size() < b.name.size();
    return a.name < b.name;
  };
  for (const Link& l : links) {
    uint32_t x = find(l.a);
    uint32_t y = find(l.b);
    if (x == y || size[x] + size[y] > cap) continue;
    // Average linkage: more than half of the cross pairs must be direct synonyms, so a
    // class cannot chain unrelated words through one polysemous member.
    const Pos pos = static_cast<Pos>(l.a % 4);
    size_t linked = 0;
    size_t pairs = 0;
    uint32_t mx = x;
    do {
      uint32_t my = y;
      do {
        ++pairs;
        if (Linked(mx / 4, my / 4, pos, k)) ++linked;
        my = next_member[my];
      } while (my != y);
      mx = next_member[mx];
    } while (mx != x);
    if (linked * 2 <= pairs) continue;
    if (size[x] < size[y]) std::swap(x, y);
    parent[y] = x;
    size[x] += size[y];
    std::swap(next_member[x], next_member[y]);  // splice the two circular lists
    if (better(head[y], head[x])) head[x] = head[y];
  }
  for (uint32_t id = 0; id < lemmas_.size(); ++id) {
    for (int p = 0; p < 4; ++p) lemmas_[id].head[p] = head[find(node(id, p))] / 4;
  }
}

}  // namespace sitrep::text
