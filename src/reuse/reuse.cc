#include "reuse/reuse.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <memory>
#include <mutex>
#include <numeric>
#include <optional>
#include <string>
#include <string_view>
#include <tuple>
#include <unordered_map>
#include <unordered_set>
#include <utility>

#include "base/parallel.h"
#include "base/union_find.h"
#include "reuse/align.h"
#include "reuse/candidate_index.h"
#include "reuse/doc_features.h"
#include "reuse/drift.h"
#include "reuse/facts.h"
#include "reuse/minhash.h"
#include "reuse/passages.h"

namespace sitrep::reuse {
namespace {

struct Prepared {
  const Document* doc = nullptr;
  const text::DocText* text = nullptr;
  DocFeatures features;        // term weights may be scaled by document frequency
  DocFeatures plain_features;  // unscaled, when scaling was applied (else empty)
  std::vector<float> quoted;   // per sentence, the share of its words inside quotes
  DocFacts facts;              // filled on first use by EnsureFacts (thread-safe)
  std::once_flag facts_once;
};

// Facts are needed only for the pairs that pass the coverage thresholds (most candidate
// pairs do not), so they are extracted on first use, once per document, from whichever
// worker gets there first.
void EnsureFacts(Prepared& p, const text::TextAnalyzer& analyzer) {
  std::call_once(p.facts_once, [&] { p.facts = ExtractFacts(*p.doc, *p.text, analyzer); });
}

// An excerpt: a run of at least kExcerptSentences consecutive sentences (and
// kExcerptMinWords words), or of kExcerptWords words, taken near-verbatim
// (ReuseOptions::verbatim_similarity) outside quotations; or a run of kPassageSentences
// consecutive sentences aligned at all (a rewritten passage).
constexpr size_t kExcerptSentences = 2;
constexpr size_t kExcerptMinWords = 25;
constexpr size_t kExcerptWords = 40;
constexpr size_t kPassageSentences = 3;

// Or a passage (BuildPassages) holding at least kEvidenceSentences aligned copy sentences
// outside quotations, with kEvidenceWords words, at a mean similarity of at least
// kEvidenceSimilarity: a rewritten passage whose sentences need not align one after the
// other (obfuscated, reordered, summarised), found the way passages are.
constexpr size_t kEvidenceSentences = 2;
constexpr size_t kEvidenceWords = 30;
constexpr double kEvidenceSimilarity = 0.6;

// Or such a passage at a lower similarity that stands out from the two documents'
// background: (similarity - background) x sqrt(sentences) >= kContrastEvidence, with a
// similarity of at least kContrastSimilarity. The background is how well a copy sentence
// outside the passage matches its best source sentence outside it, on average: two reports
// of one war share its vocabulary everywhere (a background of about 0.2, so a passage has
// to be much closer than that), a passage pasted into an unrelated text stands out from
// almost nothing. (PAN 2013's obfuscated passages against independent news on one topic,
// docs/bench/reuse.md.)
constexpr double kContrastEvidence = 0.7;
constexpr double kContrastSimilarity = 0.4;

// Or such a passage whose copy sentences repeat the wording of their source sentences:
// at least kWordingPairs, and kWordingShare, of the copy's pairs of adjacent ordinary
// words (lower-case words, no names or numbers) occur in the aligned source sentences.
// Independent reports of one event share its names, numbers and quotations, and
// ordinary word pairs only by chance (about one in ten, at most 0.22 between the
// independent examples and seeds); a copy keeps its source's phrasing through synonym
// swaps, insertions and reordering (PAN 2013 random obfuscation: 0.3 to 0.75), and a
// verbatim passage whose source is one long run without sentence ends shares all of it.
constexpr size_t kWordingPairs = 8;
constexpr double kWordingShare = 0.35;

// Passages whose aligned sentences share this little (a sentence contained in a far longer
// one, such as a page-long run without sentence ends) are not shared text.
constexpr double kMinPassageSimilarity = 0.15;

// A passage that is neither close (kEvidenceSimilarity) nor worded (kWordingPairs) is
// shared text only when its similarity stands this far above the two documents'
// background (see kContrastEvidence): below that, two texts on one topic align a few
// sentences by their common vocabulary alone.
constexpr double kPassageContrast = 0.2;

// Direction undetermined: a document with less than this share aligned, against twice
// that share of the other, is taken as the copy (see Decide).
constexpr double kExcerptShapeCoverage = 0.4;

// Direction undetermined and no excerpt's shape: the document whose matches sit in an
// extent this many times shorter than the one they draw on in the other is the copy (a
// summary, see Decide).
constexpr double kSummaryExtentRatio = 2.0;

// Collections of at most this many documents align every pair (see FindReuse).
constexpr size_t kAllPairsDocs = 32;

// A copy sentence inside a passage is the copy's own (its facts are additions) when no
// source sentence holds this share of its content weight.
constexpr double kOwnSentenceShare = 0.3;

// The alignment passages are built from (PAN 2013 text alignment, docs/bench/reuse.md):
// looser than the pairing alignment, with neighbours of aligned sentences aligning at a
// lower similarity, term weights scaled by how few sentences of the two documents use
// them, and sentence fragments joined into units.
AlignOptions PassageAlignOptions() {
  AlignOptions a;
  a.min_similarity = 0.33;
  a.extend_similarity = 0.3;
  a.sentence_frequency_weighting = true;
  a.min_unit_weight = 4;
  return a;
}

AlignOptions ToAlignOptions(const ReuseOptions& o) {
  AlignOptions a;
  a.min_similarity = o.min_sentence_similarity;
  a.min_containment = o.min_sentence_containment;
  a.extend_similarity = o.extend_similarity;
  return a;
}

// Source sentences that more than one group aligns to: the copy repeats them.
size_t RepeatedSourceSentences(const Alignment& al) {
  std::unordered_map<uint32_t, int> uses;
  for (const AlignedGroup& g : al.groups)
    for (uint32_t s : g.source) ++uses[s];
  size_t repeated = 0;
  for (const auto& [s, n] : uses) repeated += n > 1;
  return repeated;
}

struct Direction {
  bool a_is_source = true;
  std::string basis;
};

Direction Decide(const Prepared& a, const Prepared& b, const Alignment& ab, const Alignment& ba) {
  const Document& da = *a.doc;
  const Document& db = *b.doc;
  // A "fetched" date (the day a crawler saw the page, docs/warc.md) says nothing about
  // which was published first.
  const auto dated = [](const Document& d) {
    return d.published && d.published_basis.value_or("") != "fetched";
  };
  if (dated(da) && dated(db) && *da.published != *db.published)
    return {*da.published < *db.published, "published date"};
  const bool wa = HasWireCredit(da), wb = HasWireCredit(db);
  if (wa != wb) return {wa, "wire credit"};
  // A copy that repeats a passage of its source (a common scraping and spinning artefact).
  const size_t rep_b = RepeatedSourceSentences(ab), rep_a = RepeatedSourceSentences(ba);
  if (rep_a != rep_b && std::max(rep_a, rep_b) >= 1 && std::min(rep_a, rep_b) == 0)
    return {rep_b > rep_a, "repeated passages"};
  // An excerpt: one side is almost all inside the other, which has much more.
  if (ab.copy_coverage >= 0.8 && ab.source_coverage <= 0.5) return {true, "superset"};
  if (ba.copy_coverage >= 0.8 && ba.source_coverage <= 0.5) return {false, "superset"};
  // Nothing tells. The passages are still built one way: with an excerpt's shape (little
  // of one document aligned, at least twice that share of the other) the document more of
  // which is reused is taken as the source (who takes an excerpt adds text of their own; a
  // summary is of most of its source); otherwise `a`.
  const double sa = ab.source_coverage, sb = ab.copy_coverage;
  if (sb < kExcerptShapeCoverage && sa >= 2 * sb) return {true, "undetermined"};
  if (sa < kExcerptShapeCoverage && sb >= 2 * sa) return {false, "undetermined"};
  // Or a summary's shape: the matches (of the looser alignment passages are built from)
  // sit close together in one document and are spread over an extent at least
  // kSummaryExtentRatio times as long in the other. The condensed side is the copy.
  if (!ab.groups.empty()) {
    const Alignment loose = AlignSentences(a.features, b.features, PassageAlignOptions());
    const auto extent = [&](const text::DocText& t, bool copy_side) {
      size_t lo = std::numeric_limits<size_t>::max(), hi = 0;
      for (const AlignedGroup& g : loose.groups) {
        const std::vector<uint32_t>& s = copy_side ? g.copy : g.source;
        lo = std::min(lo, t.sentences[s.front()].start);
        hi = std::max(hi, t.sentences[s.back()].end);
      }
      return hi > lo ? static_cast<double>(hi - lo) : 0.0;
    };
    if (loose.groups.size() >= 2) {
      const double ea = extent(*a.text, false), eb = extent(*b.text, true);
      if (eb > 0 && ea >= kSummaryExtentRatio * eb) return {true, "undetermined"};
      if (ea > 0 && eb >= kSummaryExtentRatio * ea) return {false, "undetermined"};
    }
  }
  return {true, "undetermined"};
}

// Mean, over the copy sentences outside `span` with some content, of the Dice similarity
// of their best-matching source sentence outside it.
double Background(const DocFeatures& source, const DocFeatures& copy, const PassageSpan& span) {
  double sum = 0;
  size_t n = 0;
  for (uint32_t j = 0; j < copy.sentences.size(); ++j) {
    const SentenceBag& c = copy.sentences[j];
    if ((j >= span.copy_first && j <= span.copy_last) || c.total < 3) continue;
    double best = 0;
    for (uint32_t i = 0; i < source.sentences.size(); ++i) {
      if (i >= span.source_first && i <= span.source_last) continue;
      const SentenceBag& s = source.sentences[i];
      const double denom = static_cast<double>(s.total + c.total);
      if (denom > 0) best = std::max(best, 2.0 * SharedWeight(s, c) / denom);
    }
    sum += best;
    ++n;
  }
  return n ? sum / static_cast<double>(n) : 0;
}

// Calls fn(key, ordinary) for each pair of adjacent word or number tokens of `sentence`
// (punctuation skipped): key identifies the two stems in order; ordinary is true when
// both are lower-case words.
template <typename Fn>
void ForEachWordPair(const text::DocText& t, uint32_t sentence, const Fn& fn) {
  const text::Token* prev = nullptr;
  const auto ordinary = [](const text::Token& tk) {
    return tk.kind == text::TokenKind::kWord && !tk.capitalized;
  };
  const auto word = [](const text::Token& tk) -> const std::string& {
    return tk.stem.empty() ? tk.lower : tk.stem;
  };
  for (size_t k = t.sentences[sentence].first_token; k < t.sentences[sentence].last_token; ++k) {
    const text::Token& tk = t.tokens[k];
    if (tk.kind == text::TokenKind::kPunct) continue;
    if (prev != nullptr) {
      const uint64_t key = std::hash<std::string>{}(word(*prev)) * 0x9E3779B97F4A7C15ULL ^
                           std::hash<std::string>{}(word(tk));
      fn(key, ordinary(*prev) && ordinary(tk));
    }
    prev = &tk;
  }
}

// What one passage (of `pal`, source -> copy) holds: its aligned copy sentences outside
// quotations, their words, their copy-word-weighted mean similarity, and how many of
// their pairs of adjacent ordinary words occur in the aligned source sentences.
struct PassageStats {
  size_t sentences = 0;
  double words = 0;
  double similarity = 0;
  size_t pairs = 0, shared_pairs = 0;
  double background = 0;  // Background() of its span, where the contrast tests need it

  // The copy keeps the source's wording (kWordingPairs, kWordingShare).
  bool Worded() const {
    return shared_pairs >= kWordingPairs &&
           static_cast<double>(shared_pairs) >= kWordingShare * static_cast<double>(pairs);
  }
};

template <typename Contains>
PassageStats Measure(const text::DocText& source, const text::DocText& copy,
                     const std::vector<float>& quoted, const Alignment& pal, const BuiltPassage& b,
                     const Contains& contains) {
  PassageStats st;
  std::unordered_set<uint64_t> source_pairs;
  double weighted = 0;
  for (const AlignedGroup& g : pal.groups) {
    if (!contains(b, g)) continue;
    source_pairs.clear();
    for (uint32_t i : g.source)
      ForEachWordPair(source, i, [&](uint64_t key, bool) { source_pairs.insert(key); });
    for (uint32_t j : g.copy) {
      if (quoted[j] >= 0.5) continue;
      const double own = static_cast<double>(SentenceWords(copy, j)) * (1.0 - quoted[j]);
      ++st.sentences;
      st.words += own;
      weighted += own * g.similarity;
      ForEachWordPair(copy, j, [&](uint64_t key, bool ordinary) {
        if (!ordinary) return;
        ++st.pairs;
        st.shared_pairs += source_pairs.count(key);
      });
    }
  }
  st.similarity = st.words > 0 ? weighted / st.words : 0;
  return st;
}

// True when one of the passages measured in `stats` holds kEvidenceSentences aligned copy
// sentences outside quotations, kEvidenceWords of their words, at a copy-word-weighted
// mean similarity of kEvidenceSimilarity, standing out from the background
// (kContrastEvidence), or repeating the source's wording (kWordingShare).
bool HasPassageEvidence(const std::vector<PassageStats>& stats) {
  for (const PassageStats& st : stats) {
    const bool worded = st.Worded();
    if (worded && st.sentences >= 1 && st.words >= static_cast<double>(kExcerptWords)) return true;
    if (st.sentences < kEvidenceSentences || st.words < static_cast<double>(kEvidenceWords)) {
      continue;
    }
    if (st.similarity >= kEvidenceSimilarity) return true;
    if (worded) return true;
    if (st.similarity >= kContrastSimilarity &&
        (st.similarity - st.background) * std::sqrt(static_cast<double>(st.sentences)) >=
            kContrastEvidence) {
      return true;
    }
  }
  return false;
}

std::optional<Reuse> Evaluate(Prepared& a, Prepared& b, const text::TextAnalyzer& analyzer,
                              const ReuseOptions& options, bool force) {
  const AlignOptions ao = ToAlignOptions(options);
  Alignment ab = AlignSentences(a.features, b.features, ao);
  Alignment ba = AlignSentences(b.features, a.features, ao);
  const bool duplicate = a.features.body_hash == b.features.body_hash && a.features.body_bytes > 0;
  const Direction dir = Decide(a, b, ab, ba);
  Prepared& src = dir.a_is_source ? a : b;
  Prepared& cp = dir.a_is_source ? b : a;
  Alignment& al = dir.a_is_source ? ab : ba;
  // Sentences of the copy aligned near-verbatim: excerpts count on these alone, because
  // unrelated reports built from the same phrases (or templates) align loosely in places.
  // One shared stock sentence is not an excerpt: at least two sentences are needed.
  // Text the copy quotes (a speaker's words, which independent outlets share) counts
  // for nothing in these tests.
  double own_bytes = 0, aligned_bytes = 0, verbatim_bytes = 0;
  size_t verbatim_sentences = 0;
  for (size_t j = 0; j < cp.features.sentences.size(); ++j)
    own_bytes += static_cast<double>(cp.features.sentences[j].bytes) * (1.0 - cp.quoted[j]);
  for (const AlignedGroup& g : al.groups) {
    const bool verbatim = g.similarity >= options.verbatim_similarity;
    for (uint32_t j : g.copy) {
      const double own = static_cast<double>(cp.features.sentences[j].bytes) * (1.0 - cp.quoted[j]);
      aligned_bytes += own;
      if (!verbatim || cp.quoted[j] >= 0.5) continue;
      ++verbatim_sentences;
      verbatim_bytes += own;
    }
  }
  const double own_coverage = own_bytes > 0 ? aligned_bytes / own_bytes : 0;
  const double verbatim_coverage =
      own_bytes > 0 && verbatim_sentences >= 2 ? verbatim_bytes / own_bytes : 0;
  // An excerpt: consecutive sentences taken near-verbatim, however small next to the rest
  // of the copy.
  // A rewritten passage: consecutive sentences aligned at all, in the same order.
  // (Tested only when coverage does not already report the pair.)
  auto has_excerpt = [&] {
    for (const AlignedRun& run : FindRuns(*cp.text, cp.quoted, al, options.verbatim_similarity))
      if ((run.sentences >= kExcerptSentences && run.words >= kExcerptMinWords) ||
          run.words >= kExcerptWords)
        return true;
    for (const AlignedRun& run : FindRuns(*cp.text, cp.quoted, al, 0))
      if (run.sentences >= kPassageSentences) return true;
    return false;
  };
  const bool reported = force || duplicate || own_coverage >= options.min_rewrite_coverage ||
                        verbatim_coverage >= options.min_coverage ||
                        (!al.groups.empty() && has_excerpt());

  // Pairs are chosen on collection-weighted words; their passages and drift come from
  // the plain alignment, where a changed figure does not weaken a sentence match.
  const bool plain = !src.plain_features.sentences.empty() && !cp.plain_features.sentences.empty();
  const DocFeatures& sf = plain ? src.plain_features : src.features;
  const DocFeatures& cf = plain ? cp.plain_features : cp.features;
  // Passage evidence (below) decides only where no collection statistics weigh the words
  // (fewer documents than document_frequency needs): in a collection, stories built from
  // the same stock sentences (templates, one agency's phrasing) pass it too, and coverage
  // and runs on collection-weighted words decide there.
  if (!reported && plain) return std::nullopt;

  // Passages: maximal contiguous spans of a looser, run-oriented alignment (reused text
  // comes in runs: neighbours of aligned sentences align at a lower similarity), with
  // ends cut to where the shared text starts and stops.
  const Alignment pal = AlignSentences(sf, cf, PassageAlignOptions());
  const PassageSide ps{src.text, &sf, src.doc->text}, pc{cp.text, &cf, cp.doc->text};
  const PassageOptions passage_options;
  std::vector<BuiltPassage> built = BuildPassages(ps, pc, pal, passage_options);
  auto contains = [](const BuiltPassage& b, const AlignedGroup& g) {
    return g.copy.front() >= b.span.copy_first && g.copy.front() <= b.span.copy_last &&
           g.source.front() >= b.span.source_first && g.source.front() <= b.span.source_last;
  };
  std::erase_if(built, [&](const BuiltPassage& b) {
    double sum = 0, bytes = 0;
    for (const AlignedGroup& g : pal.groups) {
      if (!contains(b, g)) continue;
      for (uint32_t j : g.copy) {
        sum += static_cast<double>(cf.sentences[j].bytes) * g.similarity;
        bytes += static_cast<double>(cf.sentences[j].bytes);
      }
    }
    return bytes > 0 && sum < kMinPassageSimilarity * bytes;
  });
  // Each passage measured once; one that is neither close nor worded and does not stand
  // kPassageContrast above the background is dropped.
  std::vector<PassageStats> stats;
  {
    std::vector<BuiltPassage> kept;
    for (const BuiltPassage& b : built) {
      PassageStats st = Measure(*src.text, *cp.text, cp.quoted, pal, b, contains);
      if (st.sentences > 0 && st.similarity < kEvidenceSimilarity && !st.Worded()) {
        st.background = Background(sf, cf, b.span);
        if (st.similarity - st.background < kPassageContrast) continue;
      }
      kept.push_back(b);
      stats.push_back(st);
    }
    built = std::move(kept);
  }
  if (!reported && !HasPassageEvidence(stats)) return std::nullopt;
  if (plain) al = AlignSentences(sf, cf, ao);

  Reuse r;
  r.source = src.doc->id;
  r.copy = cp.doc->id;
  r.direction_basis = dir.basis;
  r.coverage = duplicate ? 1.0 : al.copy_coverage;
  r.similarity = duplicate ? 1.0 : al.similarity;
  const double jaccard = ExactJaccard(src.features.shingles, cp.features.shingles);
  if (duplicate) {
    r.relation = "duplicate";
  } else if (al.groups.empty() && built.empty()) {
    r.relation = "none";
  } else if (jaccard >= options.near_duplicate_jaccard) {
    r.relation = "near-duplicate";
  } else if (al.copy_coverage < options.partial_copy_coverage) {
    // Most of the copy is its own text (a story that pastes a few paragraphs).
    r.relation = "excerpt";
  } else if (al.source_coverage < options.partial_source_coverage) {
    r.relation = "partial";
  } else {
    r.relation = "rewrite";
  }

  // Drift is computed on the aligned groups of the plain alignment inside the passages.
  // A group outside all of them is a passage of its own when most of the copy is reused
  // (a rewrite: every match is part of it); otherwise (an excerpt) a short isolated match
  // is not reused text.
  const bool rewrite = al.copy_coverage >= options.min_rewrite_coverage;
  const auto& s_sent = src.text->sentences;
  const auto& c_sent = cp.text->sentences;
  std::vector<int> passage_of(al.groups.size(), -1);
  for (size_t k = 0; k < al.groups.size(); ++k) {
    const AlignedGroup& g = al.groups[k];
    for (size_t b = 0; b < built.size() && passage_of[k] < 0; ++b)
      if (contains(built[b], g)) passage_of[k] = static_cast<int>(b);
    if (passage_of[k] >= 0 || !rewrite) continue;
    BuiltPassage own;
    own.span = {g.source.front(), g.source.back(), g.copy.front(), g.copy.back()};
    own.source_start = s_sent[g.source.front()].start;
    own.source_end = s_sent[g.source.back()].end;
    own.copy_start = c_sent[g.copy.front()].start;
    own.copy_end = c_sent[g.copy.back()].end;
    // Not a fragment (a heading, a line of a list), nor a sentence lost in a long run.
    if (g.similarity < kMinPassageSimilarity) continue;
    if (own.source_end - own.source_start < passage_options.min_side_chars ||
        own.copy_end - own.copy_start < passage_options.min_side_chars)
      continue;
    passage_of[k] = static_cast<int>(built.size());
    built.push_back(own);
  }
  MergeNeighbours(built, passage_of, /*max_gap=*/1);
  // In copy order; the similarity of a passage is the copy-byte-weighted mean of the
  // groups inside it.
  std::vector<size_t> order(built.size());
  std::iota(order.begin(), order.end(), 0);
  std::sort(order.begin(), order.end(), [&](size_t x, size_t y) {
    return built[x].copy_start != built[y].copy_start
               ? built[x].copy_start < built[y].copy_start
               : built[x].source_start < built[y].source_start;
  });
  std::vector<int> rank(built.size());
  for (size_t i = 0; i < order.size(); ++i) rank[order[i]] = static_cast<int>(i);
  std::vector<double> sim_sum(built.size(), 0), sim_bytes(built.size(), 0);
  auto weigh = [&](const AlignedGroup& g, size_t b) {
    for (uint32_t j : g.copy) {
      sim_sum[b] += static_cast<double>(cf.sentences[j].bytes) * g.similarity;
      sim_bytes[b] += static_cast<double>(cf.sentences[j].bytes);
    }
  };
  for (const AlignedGroup& g : pal.groups)
    for (size_t b = 0; b < built.size(); ++b)
      if (contains(built[b], g)) {
        weigh(g, b);
        break;
      }
  for (size_t k = 0; k < al.groups.size(); ++k)  // passages of one group of their own
    if (passage_of[k] >= 0 && sim_bytes[passage_of[k]] == 0) weigh(al.groups[k], passage_of[k]);
  for (size_t i : order) {
    const BuiltPassage& b = built[i];
    Passage p;
    p.source_start = b.source_start;
    p.source_end = b.source_end;
    p.copy_start = b.copy_start;
    p.copy_end = b.copy_end;
    p.source_text = std::string(src.doc->Slice(p.source_start, p.source_end));
    p.copy_text = std::string(cp.doc->Slice(p.copy_start, p.copy_end));
    p.similarity = duplicate ? 1.0 : sim_bytes[i] > 0 ? sim_sum[i] / sim_bytes[i] : 0;
    r.passages.push_back(std::move(p));
  }
  if (duplicate) return r;
  // A pair is shown by its passages: one left without any (its aligned sentences no
  // closer than the two documents' background) is not reported; `compare` still shows it.
  if (r.passages.empty() && !force) return std::nullopt;

  EnsureFacts(src, analyzer);
  EnsureFacts(cp, analyzer);
  const DriftSide ss{src.doc, src.text, &src.facts};
  const DriftSide cs{cp.doc, cp.text, &cp.facts};
  for (size_t k = 0; k < al.groups.size(); ++k) {
    if (passage_of[k] < 0) continue;
    for (Drift& d : FindDrift(ss, cs, al.groups[k])) {
      // A change the copy repeats (a repeated paragraph) is one change.
      bool seen = false;
      for (const Drift& o : r.drift)
        seen = seen ||
               (o.kind == d.kind && o.source_text == d.source_text && o.copy_text == d.copy_text);
      if (seen) continue;
      d.passage = rank[passage_of[k]];
      r.drift.push_back(std::move(d));
    }
  }
  // Facts the copy adds in sentences of its own inside a copied passage.
  std::vector<bool> aligned(c_sent.size(), false);
  for (const AlignedGroup& g : al.groups)
    for (uint32_t j : g.copy) aligned[j] = true;
  for (size_t b = 0; b < built.size(); ++b) {
    std::vector<uint32_t> inserted;
    for (uint32_t j = built[b].span.copy_first; j <= built[b].span.copy_last; ++j) {
      if (aligned[j]) continue;
      // Only sentences of the copy's own: one that shares much with some source sentence
      // is that sentence reworded, whose changes alignment did not pin down.
      const SentenceBag& bag = cf.sentences[j];
      bool own = bag.total > 0;
      for (size_t i = 0; i < sf.sentences.size() && own; ++i)
        own = SharedWeight(bag, sf.sentences[i]) < kOwnSentenceShare * bag.total;
      if (own) inserted.push_back(j);
    }
    if (inserted.empty()) continue;
    for (Drift& d : FindAdded(ss, cs, inserted)) {
      bool seen = false;
      for (const Drift& o : r.drift)
        seen = seen || (o.kind == d.kind && o.copy_text == d.copy_text);
      if (seen) continue;
      d.passage = rank[b];
      r.drift.push_back(std::move(d));
    }
  }
  return r;
}

using base::UnionFind;

// The result of reported pairs: those between two of `docs` (others left out), ordered by
// source, then copy, in document order, and the copy clusters they make (union-find; every
// document in exactly one cluster, clusters in order of their first document).
ReuseResult Assemble(const std::vector<Document>& docs, std::vector<Reuse> pairs) {
  ReuseResult result;
  const size_t n = docs.size();
  std::unordered_map<std::string, size_t> index_of;
  for (size_t i = 0; i < n; ++i) index_of.emplace(docs[i].id, i);
  UnionFind uf(n);
  for (Reuse& pair : pairs) {
    const auto s = index_of.find(pair.source), c = index_of.find(pair.copy);
    if (s == index_of.end() || c == index_of.end() || s->second == c->second) continue;
    uf.Union(s->second, c->second);
    result.pairs.push_back(std::move(pair));
  }
  std::sort(result.pairs.begin(), result.pairs.end(), [&](const Reuse& x, const Reuse& y) {
    const size_t xs = index_of[x.source], ys = index_of[y.source];
    if (xs != ys) return xs < ys;
    return index_of[x.copy] < index_of[y.copy];
  });

  std::unordered_map<size_t, size_t> cluster_of_root;
  for (size_t i = 0; i < n; ++i) {
    const size_t root = uf.Find(i);
    auto [it, fresh] = cluster_of_root.emplace(root, result.clusters.size());
    if (fresh) {
      CopyCluster c;
      // Named after its first document, so that documents added later do not rename the
      // clusters of earlier ones.
      c.id = "k@" + docs[i].id;
      result.clusters.push_back(std::move(c));
    }
    result.clusters[it->second].docs.push_back(docs[i].id);
  }
  return result;
}

}  // namespace

bool HasWireCredit(const Document& doc) {
  static constexpr std::string_view kCredits[] = {"(AP)",
                                                  "(AP) ",
                                                  "(AP Photo",
                                                  "AP Photo/",
                                                  "(Reuters)",
                                                  "(REUTERS)",
                                                  "REUTERS/",
                                                  "(AFP)",
                                                  "AFP via Getty",
                                                  "/AFP",
                                                  "(dpa)",
                                                  "(UPI)",
                                                  "(PA)",
                                                  "(PA Wire)",
                                                  "The Associated Press. All rights reserved",
                                                  "Associated Press contributed",
                                                  "Reuters contributed"};
  for (std::string_view c : kCredits)
    if (doc.text.find(c) != std::string::npos) return true;
  return false;
}

namespace {

// The candidate pairs (i < j, sorted, unique) of FindReuse: those of `index`, which has
// searched all `features`, and every pair in a small collection.
std::vector<std::pair<uint32_t, uint32_t>> SearchCandidates(
    const CandidateIndex& index, const std::vector<const DocFeatures*>& features) {
  std::vector<std::pair<uint32_t, uint32_t>> pairs = index.Pairs();
  const auto n = static_cast<uint32_t>(features.size());
  // A small collection (two files given to compare, a handful of articles) aligns every
  // pair: the candidate indexes are for scale, and an obfuscated or excerpted copy can
  // share too few shingles and sketches to be proposed by them.
  if (n <= kAllPairsDocs) {
    for (uint32_t i = 0; i < n; ++i) {
      for (uint32_t j = i + 1; j < n; ++j) {
        if (!features[i]->sentences.empty() && !features[j]->sentences.empty()) {
          pairs.emplace_back(i, j);
        }
      }
    }
    std::sort(pairs.begin(), pairs.end());
    pairs.erase(std::unique(pairs.begin(), pairs.end()), pairs.end());
  }
  return pairs;
}

// Brings `index` over `docs` (with these features): updated when it has searched their
// first documents, built again otherwise.
void SearchAll(const std::vector<Document>& docs, const std::vector<const DocFeatures*>& features,
               const ReuseOptions& options, CandidateIndex& index) {
  const int threads = base::ResolveThreads(options.threads);
  std::vector<uint64_t> fingerprints(docs.size());
  base::ParallelFor(docs.size(), threads,
                    [&](size_t i) { fingerprints[i] = CandidateIndex::Fingerprint(*features[i]); });
  std::vector<std::string_view> ids(docs.size());
  for (size_t i = 0; i < docs.size(); ++i) ids[i] = docs[i].id;
  index.Update(options, ids, features, fingerprints, threads);
}

}  // namespace

Reuse ComparePair(const Document& a, const text::DocText& ta, const Document& b,
                  const text::DocText& tb, const text::TextAnalyzer& analyzer,
                  const ReuseOptions& options) {
  Prepared pa, pb;
  pa.doc = &a, pa.text = &ta, pa.features = ComputeFeatures(a, ta, options.shingle_words);
  pb.doc = &b, pb.text = &tb, pb.features = ComputeFeatures(b, tb, options.shingle_words);
  pa.quoted = QuotedShare(ta);
  pb.quoted = QuotedShare(tb);
  return *Evaluate(pa, pb, analyzer, options, /*force=*/true);
}

ReuseResult FindReuse(const std::vector<Document>& docs, const std::vector<text::DocText>& texts,
                      const text::TextAnalyzer& analyzer, const ReuseOptions& options,
                      const ReuseScope* scope, CandidateIndex* index) {
  ReuseResult result;
  if (docs.size() != texts.size()) return result;
  const size_t n = docs.size();
  const int threads = base::ResolveThreads(options.threads);

  std::vector<Prepared> prep(n);
  base::ParallelFor(n, threads, [&](size_t i) {
    prep[i].doc = &docs[i];
    prep[i].text = &texts[i];
    prep[i].features = ComputeFeatures(docs[i], texts[i], options.shingle_words);
    prep[i].quoted = QuotedShare(texts[i]);
  });

  // Sentences agree through specific content, not through words the whole collection
  // uses (templates, the topic's vocabulary).
  if (options.document_frequency && (scope ? scope->documents : n) >= 20) {
    for (Prepared& p : prep) p.plain_features = p.features;
    std::vector<DocFeatures*> all(n);
    for (size_t i = 0; i < n; ++i) all[i] = &prep[i].features;
    if (scope) {
      ApplyDocumentFrequency(all, scope->documents, scope->term_documents);
    } else {
      ApplyDocumentFrequency(all);
    }
  }

  // Candidate pairs (i < j).
  std::vector<std::pair<uint32_t, uint32_t>> pairs;
  if (scope) {
    std::unordered_map<std::string_view, uint32_t> index;
    for (uint32_t i = 0; i < n; ++i) index.emplace(docs[i].id, i);
    for (const auto& [a, b] : scope->candidates) {
      auto ia = index.find(a), ib = index.find(b);
      if (ia == index.end() || ib == index.end() || ia->second == ib->second) continue;
      pairs.emplace_back(std::min(ia->second, ib->second), std::max(ia->second, ib->second));
    }
    std::sort(pairs.begin(), pairs.end());
    pairs.erase(std::unique(pairs.begin(), pairs.end()), pairs.end());
  } else {
    std::vector<const DocFeatures*> features(n);
    for (size_t i = 0; i < n; ++i) features[i] = &prep[i].features;
    CandidateIndex own(options);
    if (index == nullptr) index = &own;
    SearchAll(docs, features, options, *index);
    pairs = SearchCandidates(*index, features);
  }

  std::vector<std::optional<Reuse>> found(pairs.size());
  base::ParallelFor(pairs.size(), threads, [&](size_t k) {
    found[k] = Evaluate(prep[pairs[k].first], prep[pairs[k].second], analyzer, options, false);
  });

  std::vector<Reuse> reported;
  for (std::optional<Reuse>& f : found) {
    if (f && f->relation != "none") reported.push_back(std::move(*f));
  }
  return Assemble(docs, std::move(reported));
}

std::vector<std::pair<uint32_t, uint32_t>> CandidatePairs(const std::vector<Document>& docs,
                                                          const std::vector<text::DocText>& texts,
                                                          const ReuseOptions& options) {
  if (docs.size() != texts.size()) return {};
  std::vector<DocFeatures> features(docs.size());
  base::ParallelFor(docs.size(), base::ResolveThreads(options.threads), [&](size_t i) {
    features[i] = ComputeFeatures(docs[i], texts[i], options.shingle_words);
  });
  std::vector<const DocFeatures*> all(docs.size());
  for (size_t i = 0; i < docs.size(); ++i) all[i] = &features[i];
  CandidateIndex index(options);
  SearchAll(docs, all, options, index);
  return SearchCandidates(index, all);
}

Result<ReuseResult> KnownReuse(const std::vector<Document>& docs, std::vector<Reuse> pairs) {
  // Assemble leaves out the pairs that are not this run's; those kept must fit.
  ReuseResult result = Assemble(docs, std::move(pairs));
  std::unordered_map<std::string_view, size_t> size_of;
  for (const Document& d : docs) size_of.emplace(d.id, d.text.size());
  for (const Reuse& r : result.pairs) {
    const std::string pair = "reuse pair " + r.source + " -> " + r.copy + ": ";
    for (size_t i = 0; i < r.passages.size(); ++i) {
      const Passage& p = r.passages[i];
      for (const auto& [side, id, start, end] :
           {std::tuple{"source", &r.source, p.source_start, p.source_end},
            std::tuple{"copy", &r.copy, p.copy_start, p.copy_end}}) {
        const size_t size = size_of.at(*id);
        if (start <= end && end <= size) continue;
        return Status::InvalidInput(pair + "passage " + std::to_string(i) + " bytes " +
                                    std::to_string(start) + "-" + std::to_string(end) +
                                    " do not fit the " + side + " (" + std::to_string(size) +
                                    " bytes of text)");
      }
    }
    for (const Drift& d : r.drift) {
      if (d.passage < -1 || d.passage >= static_cast<int>(r.passages.size())) {
        return Status::InvalidInput(pair + "drift names passage " + std::to_string(d.passage) +
                                    " of " + std::to_string(r.passages.size()));
      }
    }
  }
  return result;
}

}  // namespace sitrep::reuse
