#include <libstemmer.h>

#include <atomic>
#include <chrono>
#include <mutex>
#include <unordered_map>
#include <utility>

#include "base/hash.h"
#include "text/chars.h"
#include "text/text.h"
#include "text/wordnet.h"

namespace sitrep::text {
namespace {

// Distinguishes analyzers in the per-thread caches, so that a new analyzer allocated at
// a dead one's address never reads its entries.
std::atomic<uint64_t> g_next_generation{1};

// Per-thread memo of word -> (stem, canon) for one analyzer at a time. News text repeats
// its words, so most tokens cost one hash lookup instead of a stemmer call and a WordNet
// lookup.
struct WordHash {
  size_t operator()(const std::string& s) const { return base::Hash64(s); }
};
struct WordCache {
  uint64_t generation = 0;
  std::unordered_map<std::string, std::pair<std::string, std::string>, WordHash> map;
};
constexpr size_t kMaxCachedWords = 1 << 17;

bool IsEnglish(const std::string& language) {
  return language == "english" || language == "en" || language == "eng" || language == "porter";
}

}  // namespace

struct TextAnalyzer::Impl {
  TextOptions options;
  std::unique_ptr<WordNet> wordnet;
  double wordnet_ms = 0;
  uint64_t generation = 0;
  mutable std::mutex mu;
  mutable std::vector<sb_stemmer*> pool;  // idle stemmers; libstemmer is not thread-safe

  ~Impl() {
    for (sb_stemmer* s : pool) sb_stemmer_delete(s);
  }

  sb_stemmer* Acquire() const {
    {
      std::lock_guard<std::mutex> lock(mu);
      if (!pool.empty()) {
        sb_stemmer* s = pool.back();
        pool.pop_back();
        return s;
      }
    }
    return sb_stemmer_new(options.stemmer_language.c_str(), "UTF_8");
  }
  void Release(sb_stemmer* s) const {
    std::lock_guard<std::mutex> lock(mu);
    pool.push_back(s);
  }

  static std::string StemWith(sb_stemmer* s, std::string_view word) {
    if (s == nullptr || word.empty()) return std::string(word);
    const sb_symbol* out = sb_stemmer_stem(s, reinterpret_cast<const sb_symbol*>(word.data()),
                                           static_cast<int>(word.size()));
    if (out == nullptr) return std::string(word);
    return std::string(reinterpret_cast<const char*>(out),
                       static_cast<size_t>(sb_stemmer_length(s)));
  }

  std::string CanonicalWith(sb_stemmer* s, std::string_view word) const {
    if (wordnet != nullptr) {
      const WordNet::Base b = wordnet->LikelyBase(word);
      if (b.id != WordNet::kNone) return StemWith(s, wordnet->Name(wordnet->ClassHead(b)));
    }
    return StemWith(s, word);
  }
};

TextAnalyzer::TextAnalyzer() : impl_(std::make_unique<Impl>()) {}
TextAnalyzer::~TextAnalyzer() = default;

Result<std::unique_ptr<TextAnalyzer>> TextAnalyzer::Create(const TextOptions& options) {
  std::unique_ptr<TextAnalyzer> a(new TextAnalyzer());
  a->impl_->options = options;
  a->impl_->generation = g_next_generation.fetch_add(1);
  sb_stemmer* s = sb_stemmer_new(options.stemmer_language.c_str(), "UTF_8");
  if (s == nullptr) {
    return Status::NotFound("stemmer language \"" + options.stemmer_language + "\" unknown");
  }
  a->impl_->pool.push_back(s);
  if (!options.wordnet_dir.empty() && IsEnglish(options.stemmer_language)) {
    const auto t0 = std::chrono::steady_clock::now();
    WordNetOptions wo;
    wo.synonym_senses = options.synonym_senses;
    wo.canonical_senses = options.canonical_senses;
    wo.canonical_max_class = options.canonical_max_class;
    Result<std::unique_ptr<WordNet>> wn = WordNet::Load(options.wordnet_dir, wo);
    if (wn.ok()) {
      a->impl_->wordnet = std::move(wn).value();
    } else if (wn.status().code() != StatusCode::kNotFound) {
      return wn.status();
    }
    a->impl_->wordnet_ms =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
  }
  return a;
}

std::string TextAnalyzer::Stem(std::string_view lower_word) const {
  sb_stemmer* s = impl_->Acquire();
  std::string out = Impl::StemWith(s, lower_word);
  if (s != nullptr) impl_->Release(s);
  return out;
}

std::string TextAnalyzer::Canonical(std::string_view lower_word) const {
  sb_stemmer* s = impl_->Acquire();
  std::string out = impl_->CanonicalWith(s, lower_word);
  if (s != nullptr) impl_->Release(s);
  return out;
}

bool TextAnalyzer::Synonymous(std::string_view a, std::string_view b) const {
  if (a == b) return true;
  if (impl_->wordnet != nullptr &&
      impl_->wordnet->Synonymous(a, b, impl_->options.synonym_senses)) {
    return true;
  }
  return Stem(a) == Stem(b);
}

std::string TextAnalyzer::Lemma(std::string_view lower_word) const {
  if (impl_->wordnet != nullptr) {
    const WordNet::Base b = impl_->wordnet->LikelyBase(lower_word);
    if (b.id != WordNet::kNone) return std::string(impl_->wordnet->Name(b.id));
  }
  return std::string(lower_word);
}

void TextAnalyzer::Annotate(std::vector<Token>& tokens) const {
  thread_local WordCache cache;
  if (cache.generation != impl_->generation) {
    cache.map.clear();
    cache.generation = impl_->generation;
  }
  sb_stemmer* s = nullptr;
  for (Token& t : tokens) {
    if (t.kind != TokenKind::kWord) continue;
    auto it = cache.map.find(t.lower);
    if (it == cache.map.end()) {
      if (s == nullptr) s = impl_->Acquire();
      if (cache.map.size() >= kMaxCachedWords) cache.map.clear();
      it = cache.map
               .emplace(t.lower, std::make_pair(Impl::StemWith(s, t.lower),
                                                impl_->CanonicalWith(s, t.lower)))
               .first;
    }
    t.stem = it->second.first;
    t.canon = it->second.second;
  }
  if (s != nullptr) impl_->Release(s);
}

namespace {

bool IsTextRole(BlockRole role) {
  switch (role) {
    case BlockRole::kBody:
    case BlockRole::kTitle:
    case BlockRole::kDek:
    case BlockRole::kHeading:
    case BlockRole::kRepeat:
      return true;
    default:
      return false;
  }
}

void AnalyzeRange(std::string_view text, size_t start, size_t end, size_t block, DocText& out) {
  const std::string_view slice = text.substr(start, end - start);
  for (const Span& span : SplitSentences(slice)) {
    Sentence s;
    s.start = start + span.start;
    s.end = start + span.end;
    s.block = block;
    s.first_token = out.tokens.size();
    internal::TokenizeInto(text.substr(s.start, s.end - s.start), s.start, out.tokens);
    s.last_token = out.tokens.size();
    out.sentences.push_back(s);
  }
}

DocText AnalyzeBlocks(const TextAnalyzer& a, const Document& doc, bool all) {
  DocText out;
  out.tokens.reserve(doc.text.size() / 5);
  const std::string_view text(doc.text);
  if (doc.blocks.empty()) {
    AnalyzeRange(text, 0, text.size(), 0, out);
    a.Annotate(out.tokens);
    return out;
  }
  for (size_t b = 0; b < doc.blocks.size(); ++b) {
    const Block& block = doc.blocks[b];
    if (!all && !IsTextRole(block.role)) continue;
    if (block.start >= block.end || block.end > text.size()) continue;
    AnalyzeRange(text, block.start, block.end, b, out);
  }
  a.Annotate(out.tokens);
  return out;
}

}  // namespace

DocText TextAnalyzer::Analyze(const Document& doc) const {
  return AnalyzeBlocks(*this, doc, false);
}

DocText TextAnalyzer::AnalyzeAllBlocks(const Document& doc) const {
  return AnalyzeBlocks(*this, doc, true);
}

bool TextAnalyzer::has_synonyms() const { return impl_->wordnet != nullptr; }

double TextAnalyzer::wordnet_load_ms() const { return impl_->wordnet_ms; }

}  // namespace sitrep::text
