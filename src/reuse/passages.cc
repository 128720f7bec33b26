#include "reuse/passages.h"

#include <algorithm>
#include <cctype>
#include <numeric>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>

namespace sitrep::reuse {
namespace {

using text::DocText;
using text::Token;
using text::TokenKind;

struct Range {
  size_t start = 0, end = 0;
};

std::string_view Key(const Token& t) { return t.canon.empty() ? t.lower : t.canon; }

// Trimming stops at a run of this many content words the other side does not have: a
// sentence can be a page-long run without sentence ends (a crawl that lost its
// punctuation), where a shared word far from the passage is chance.
constexpr size_t kTrimGap = 12;

// Sentences of at most this many tokens are trimmed to their first or last shared word
// whatever the gaps (a sentence of ordinary length is aligned as a whole).
constexpr size_t kLongSentenceTokens = 80;

// Byte range of sentences [first, last] of `side`, trimmed at both ends to the first and
// last content word that the other side's sentences [ofirst, olast] also have, reached
// from the inside of the passage without crossing kTrimGap unshared content words. A
// single sentence keeps its densest stretch: the one with the most shared words between
// such gaps.
Range Trim(const DocText& side, uint32_t first, uint32_t last, const DocText& other,
           uint32_t ofirst, uint32_t olast) {
  std::unordered_set<std::string_view> words;
  for (size_t k = other.sentences[ofirst].first_token; k < other.sentences[olast].last_token; ++k)
    words.insert(Key(other.tokens[k]));
  auto content = [](const Token& t) { return t.kind != TokenKind::kPunct && !IsStopword(t.lower); };
  auto shared = [&](const Token& t) { return content(t) && words.count(Key(t)) > 0; };
  const text::Sentence& fs = side.sentences[first];
  const text::Sentence& ls = side.sentences[last];
  constexpr size_t kNone = static_cast<size_t>(-1);
  size_t lo = kNone, hi = kNone;  // token indices, inclusive
  const auto long_sentence = [](const text::Sentence& x) {
    return x.last_token - x.first_token > kLongSentenceTokens;
  };
  const size_t trim_gap = long_sentence(fs) || long_sentence(ls) ? kTrimGap : kNone;
  if (first == last) {
    size_t best = 0, count = 0, gap = 0, cluster_lo = kNone, cluster_hi = kNone;
    for (size_t k = fs.first_token; k <= fs.last_token; ++k) {
      const bool end = k == fs.last_token;
      if (!end && shared(side.tokens[k])) {
        if (cluster_lo == kNone) cluster_lo = k;
        cluster_hi = k;
        ++count;
        gap = 0;
        continue;
      }
      if (!end && !(content(side.tokens[k]) && ++gap >= trim_gap)) continue;
      if (count > best) best = count, lo = cluster_lo, hi = cluster_hi;
      count = 0;
      cluster_lo = kNone;
    }
  } else {
    size_t gap = 0;
    for (size_t k = fs.last_token; k > fs.first_token; --k) {
      const Token& t = side.tokens[k - 1];
      if (shared(t)) {
        lo = k - 1, gap = 0;
      } else if (content(t) && ++gap >= trim_gap) {
        break;
      }
    }
    gap = 0;
    for (size_t k = ls.first_token; k < ls.last_token; ++k) {
      const Token& t = side.tokens[k];
      if (shared(t)) {
        hi = k, gap = 0;
      } else if (content(t) && ++gap >= trim_gap) {
        break;
      }
    }
  }
  Range r{lo != kNone ? side.tokens[lo].start : fs.start,
          hi != kNone ? side.tokens[hi].end : ls.end};
  if (r.end <= r.start) r = {fs.start, ls.end};
  return r;
}

// Verbatim-like passages: when runs of at least `run` identical words cover at least
// `cover` of the copy passage's words, both sides are cut to the span of those runs, then
// grown token by token (across sentence ends) while the two texts stay identical.
bool Exact(const DocText& cp, const DocText& src, const PassageSpan& sp, size_t run, double cover,
           Range& cr, Range& sr) {
  if (run == 0) return false;
  auto words = [](const DocText& t, uint32_t first, uint32_t last) {
    std::vector<size_t> w;
    for (size_t k = t.sentences[first].first_token; k < t.sentences[last].last_token; ++k)
      if (t.tokens[k].kind != TokenKind::kPunct) w.push_back(k);
    return w;
  };
  const std::vector<size_t> cw = words(cp, sp.copy_first, sp.copy_last);
  const std::vector<size_t> sw = words(src, sp.source_first, sp.source_last);
  if (cw.size() < run || sw.size() < run) return false;
  auto same = [&](size_t ck, size_t sk) { return cp.tokens[ck].lower == src.tokens[sk].lower; };
  std::unordered_map<std::string_view, std::vector<size_t>> first_word;
  for (size_t q = 0; q + run <= sw.size(); ++q) first_word[src.tokens[sw[q]].lower].push_back(q);
  size_t covered = 0;
  long c_lo = -1, c_hi = -1, s_lo = -1, s_hi = -1;  // token indices, inclusive
  for (size_t p = 0; p + run <= cw.size();) {
    size_t best = 0, best_q = 0;
    auto it = first_word.find(cp.tokens[cw[p]].lower);
    if (it != first_word.end())
      for (size_t q : it->second) {
        size_t l = 0;
        while (p + l < cw.size() && q + l < sw.size() && same(cw[p + l], sw[q + l])) ++l;
        if (l > best) best = l, best_q = q;
      }
    if (best < run) {
      ++p;
      continue;
    }
    covered += best;
    if (c_lo < 0) c_lo = static_cast<long>(cw[p]);
    c_hi = static_cast<long>(cw[p + best - 1]);
    if (s_lo < 0 || static_cast<long>(sw[best_q]) < s_lo) s_lo = static_cast<long>(sw[best_q]);
    s_hi = std::max(s_hi, static_cast<long>(sw[best_q + best - 1]));
    p += best;
  }
  if (c_lo < 0 || static_cast<double>(covered) < cover * static_cast<double>(cw.size()))
    return false;
  while (c_lo > 0 && s_lo > 0 && cp.tokens[c_lo - 1].lower == src.tokens[s_lo - 1].lower)
    --c_lo, --s_lo;
  while (static_cast<size_t>(c_hi) + 1 < cp.tokens.size() &&
         static_cast<size_t>(s_hi) + 1 < src.tokens.size() &&
         cp.tokens[c_hi + 1].lower == src.tokens[s_hi + 1].lower)
    ++c_hi, ++s_hi;
  // A passage does not start on the end of the sentence before it.
  auto closing = [](const Token& t) {
    return t.kind == TokenKind::kPunct && t.lower != "\"" && t.lower != "(" && t.lower != "[" &&
           t.lower != "\xE2\x80\x9C" && t.lower != "\xC2\xAB" && t.lower != "'";
  };
  while (c_lo < c_hi && s_lo < s_hi && closing(cp.tokens[c_lo])) ++c_lo, ++s_lo;
  cr = {cp.tokens[c_lo].start, cp.tokens[c_hi].end};
  sr = {src.tokens[s_lo].start, src.tokens[s_hi].end};
  return true;
}

// The document's bytes from its first analysed token to its last: growth may cross text
// cleaning left out between the analysed blocks, but not run on into what comes before
// or after the article (a site's menu or footer, which two pages of one site share).
Range ArticleExtent(const PassageSide& side) {
  const auto& tokens = side.text->tokens;
  if (tokens.empty()) return {};
  return {tokens.front().start, std::min(side.document.size(), tokens.back().end)};
}

// Grows a verbatim-like passage (`cr` in `c`, `sr` in `s`) over the two documents' own
// bytes, inside their article extents `ce` and `se`, while they stay identical (runs of
// white space match each other), to whole words: text that cleaning left out of the
// analysed blocks (a list, a caption, a line of a table) between the copied sentences
// and the rest of the article was copied too.
void GrowIdentical(std::string_view c, std::string_view s, Range ce, Range se, Range& cr,
                   Range& sr) {
  const auto space = [](char ch) {
    return ch == ' ' || ch == '\n' || ch == '\t' || ch == '\r' || ch == '\f' || ch == '\v';
  };
  const auto word = [&](char ch) {
    return !space(ch) && !std::ispunct(static_cast<unsigned char>(ch));
  };
  if (cr.start < ce.start || cr.end > ce.end || sr.start < se.start || sr.end > se.end ||
      cr.start > cr.end || sr.start > sr.end) {
    return;
  }
  c = c.substr(0, ce.end), s = s.substr(0, se.end);
  // Forward: stop at the last point where both texts end a word.
  size_t i = cr.end, j = sr.end, ci = i, sj = j;
  while (i < c.size() && j < s.size()) {
    if (space(c[i]) && space(s[j])) {
      while (i < c.size() && space(c[i])) ++i;
      while (j < s.size() && space(s[j])) ++j;
      continue;
    }
    if (c[i] != s[j]) break;
    ++i, ++j;
    const bool c_ends = i == c.size() || !word(c[i]) || !word(c[i - 1]);
    const bool s_ends = j == s.size() || !word(s[j]) || !word(s[j - 1]);
    if (c_ends && s_ends) ci = i, sj = j;
  }
  cr.end = ci, sr.end = sj;
  // Backward, the same way.
  i = cr.start, j = sr.start, ci = i, sj = j;
  while (i > ce.start && j > se.start) {
    if (space(c[i - 1]) && space(s[j - 1])) {
      while (i > ce.start && space(c[i - 1])) --i;
      while (j > se.start && space(s[j - 1])) --j;
      continue;
    }
    if (c[i - 1] != s[j - 1]) break;
    --i, --j;
    const bool c_starts = i == ce.start || !word(c[i - 1]) || !word(c[i]);
    const bool s_starts = j == se.start || !word(s[j - 1]) || !word(s[j]);
    if (c_starts && s_starts) ci = i, sj = j;
  }
  // A passage does not start on the end of the sentence before it.
  const auto closing = [&](char ch) {
    return space(ch) || (std::ispunct(static_cast<unsigned char>(ch)) && ch != '"' && ch != '\'' &&
                         ch != '(' && ch != '[');
  };
  while (ci < cr.start && closing(c[ci])) ++ci;
  while (sj < sr.start && closing(s[sj])) ++sj;
  cr.start = ci, sr.start = sj;
}

// Widens `x` to cover `y` too, in bytes and in sentences.
void Absorb(BuiltPassage& x, const BuiltPassage& y) {
  x.copy_start = std::min(x.copy_start, y.copy_start);
  x.copy_end = std::max(x.copy_end, y.copy_end);
  x.source_start = std::min(x.source_start, y.source_start);
  x.source_end = std::max(x.source_end, y.source_end);
  x.span.copy_first = std::min(x.span.copy_first, y.span.copy_first);
  x.span.copy_last = std::max(x.span.copy_last, y.span.copy_last);
  x.span.source_first = std::min(x.span.source_first, y.span.source_first);
  x.span.source_last = std::max(x.span.source_last, y.span.source_last);
}

size_t Overlap(size_t a0, size_t a1, size_t b0, size_t b1) {
  return std::min(a1, b1) > std::max(a0, b0) ? std::min(a1, b1) - std::max(a0, b0) : 0;
}

// A summary: the aligned copy text is much shorter than the source text it draws on, and
// dense in its own extent. Returns the one passage it makes, or false.
bool Summary(const PassageSide& source, const PassageSide& copy,
             const std::vector<PassageSpan>& spans, const PassageOptions& o, PassageSpan& out) {
  if (o.summary_ratio <= 0 || spans.size() < 2) return false;
  const auto& cs = copy.text->sentences;
  const auto& ss = source.text->sentences;
  size_t cb = 0;
  PassageSpan all = spans[0];
  for (const PassageSpan& sp : spans) {
    cb += cs[sp.copy_last].end - cs[sp.copy_first].start;
    all.copy_first = std::min(all.copy_first, sp.copy_first);
    all.copy_last = std::max(all.copy_last, sp.copy_last);
    all.source_first = std::min(all.source_first, sp.source_first);
    all.source_last = std::max(all.source_last, sp.source_last);
  }
  const double c_extent = static_cast<double>(cs[all.copy_last].end - cs[all.copy_first].start);
  const double s_extent = static_cast<double>(ss[all.source_last].end - ss[all.source_first].start);
  if (!(c_extent < o.summary_ratio * s_extent && 2.0 * static_cast<double>(cb) > c_extent))
    return false;
  // A summary draws on more of its source than its one-to-one matches show: every source
  // sentence with enough of its content in the summary widens the source extent. And it
  // is about the extent it spans: when hardly any sentence there shares its content, the
  // matches are separate passages (excerpts pasted far apart), not a summary.
  std::unordered_map<uint64_t, float> w;
  for (uint32_t j = all.copy_first; j <= all.copy_last; ++j)
    for (const Term& t : copy.features->sentences[j].terms) {
      float& x = w[t.id];
      x = std::max(x, t.weight);
    }
  SentenceBag bag;
  for (const auto& [id, wt] : w) bag.terms.push_back({id, wt});
  std::sort(bag.terms.begin(), bag.terms.end(),
            [](const Term& a, const Term& b) { return a.id < b.id; });
  for (const Term& t : bag.terms) bag.total += t.weight;
  const auto& sb = source.features->sentences;
  std::vector<bool> related(sb.size(), false);
  for (uint32_t i = 0; i < sb.size(); ++i)
    related[i] = sb[i].total >= 3 && SharedWeight(sb[i], bag) >= o.summary_share * sb[i].total;
  size_t inside = 0, inside_related = 0;
  for (uint32_t i = all.source_first; i <= all.source_last; ++i) {
    if (sb[i].total < 3) continue;
    ++inside;
    inside_related += related[i];
  }
  if (static_cast<double>(inside_related) < o.summary_related * static_cast<double>(inside))
    return false;
  for (uint32_t i = 0; i < sb.size(); ++i) {
    if (!related[i]) continue;
    all.source_first = std::min(all.source_first, i);
    all.source_last = std::max(all.source_last, i);
  }
  out = all;
  return true;
}

}  // namespace

std::vector<BuiltPassage> BuildPassages(const PassageSide& source, const PassageSide& copy,
                                        const Alignment& alignment, const PassageOptions& options) {
  std::vector<PassageSpan> spans = MergeGroups(alignment, options.max_gap);
  PassageSpan summary;
  if (Summary(source, copy, spans, options, summary)) spans = {summary};
  const DocText& st = *source.text;
  const DocText& ct = *copy.text;
  std::vector<BuiltPassage> out;
  for (const PassageSpan& sp : spans) {
    Range cr, sr;
    if (Exact(ct, st, sp, static_cast<size_t>(std::max(0, options.exact_run)), options.exact_cover,
              cr, sr)) {
      if (!copy.document.empty() && !source.document.empty())
        GrowIdentical(copy.document, source.document, ArticleExtent(copy), ArticleExtent(source),
                      cr, sr);
    } else {
      cr = Trim(ct, sp.copy_first, sp.copy_last, st, sp.source_first, sp.source_last);
      sr = Trim(st, sp.source_first, sp.source_last, ct, sp.copy_first, sp.copy_last);
    }
    out.push_back({sr.start, sr.end, cr.start, cr.end, sp});
  }
  // Passages that overlap in both documents are one passage.
  for (bool merged = true; merged;) {
    merged = false;
    for (size_t a = 0; a < out.size() && !merged; ++a)
      for (size_t b = a + 1; b < out.size() && !merged; ++b) {
        BuiltPassage& x = out[a];
        const BuiltPassage& y = out[b];
        if (Overlap(x.copy_start, x.copy_end, y.copy_start, y.copy_end) == 0 ||
            Overlap(x.source_start, x.source_end, y.source_start, y.source_end) == 0)
          continue;
        Absorb(x, y);
        out.erase(out.begin() + static_cast<long>(b));
        merged = true;
      }
  }
  const double copy_bytes = static_cast<double>(copy.features->body_bytes);
  const double source_bytes = static_cast<double>(source.features->body_bytes);
  // A short excerpt: copy sentences of `p` aligned near-verbatim, enough of them and of
  // their words.
  const auto verbatim = [&](const BuiltPassage& p) {
    size_t sentences = 0, words = 0;
    for (const AlignedGroup& g : alignment.groups) {
      if (g.similarity < options.verbatim_similarity || g.copy.front() < p.span.copy_first ||
          g.copy.front() > p.span.copy_last || g.source.front() < p.span.source_first ||
          g.source.front() > p.span.source_last) {
        continue;
      }
      for (uint32_t j : g.copy) {
        ++sentences;
        words += SentenceWords(ct, j);
      }
    }
    return sentences >= options.verbatim_sentences && words >= options.verbatim_words;
  };
  std::erase_if(out, [&](const BuiltPassage& p) {
    const size_t c = p.copy_end - p.copy_start, s = p.source_end - p.source_start;
    if (static_cast<double>(c) >= options.keep_share * copy_bytes ||
        static_cast<double>(s) >= options.keep_share * source_bytes)
      return false;
    if (c < options.min_side_chars || s < options.min_side_chars) return true;
    return c + s < 2 * options.min_chars && !verbatim(p);
  });
  std::sort(out.begin(), out.end(), [](const BuiltPassage& a, const BuiltPassage& b) {
    return a.copy_start != b.copy_start ? a.copy_start < b.copy_start
                                        : a.source_start < b.source_start;
  });
  return out;
}

// Unaligned sentences between two inclusive sentence ranges; -1 when they overlap.
namespace {
long SentenceGap(uint32_t a_first, uint32_t a_last, uint32_t b_first, uint32_t b_last) {
  if (b_first > a_last) return static_cast<long>(b_first - a_last) - 1;
  if (a_first > b_last) return static_cast<long>(a_first - b_last) - 1;
  return -1;
}
}  // namespace

void MergeNeighbours(std::vector<BuiltPassage>& built, std::vector<int>& passage_of, long max_gap) {
  std::vector<int> into(built.size());
  std::iota(into.begin(), into.end(), 0);
  for (bool merged = true; merged;) {
    merged = false;
    for (size_t x = 0; x < built.size(); ++x) {
      if (into[x] != static_cast<int>(x)) continue;
      for (size_t y = x + 1; y < built.size(); ++y) {
        if (into[y] != static_cast<int>(y)) continue;
        BuiltPassage& a = built[x];
        const BuiltPassage& b = built[y];
        if (SentenceGap(a.span.copy_first, a.span.copy_last, b.span.copy_first, b.span.copy_last) >
                max_gap ||
            SentenceGap(a.span.source_first, a.span.source_last, b.span.source_first,
                        b.span.source_last) > max_gap) {
          continue;
        }
        Absorb(a, b);
        into[y] = static_cast<int>(x);
        merged = true;
      }
    }
  }
  std::vector<int> index(built.size(), -1);
  std::vector<BuiltPassage> kept;
  for (size_t x = 0; x < built.size(); ++x) {
    if (into[x] != static_cast<int>(x)) continue;
    index[x] = static_cast<int>(kept.size());
    kept.push_back(built[x]);
  }
  const auto root = [&](int x) {
    while (into[x] != x) x = into[x];
    return x;
  };
  for (int& p : passage_of)
    if (p >= 0) p = index[root(p)];
  built = std::move(kept);
}

std::vector<float> QuotedShare(const DocText& text) {
  // Quotation marks of each block are paired in reading order (straight quotes toggle);
  // a quotation that would run over more than kMaxQuoteSentences sentences is a stray
  // mark (unbalanced quotes, apostrophes typed as quotes), not a quotation.
  constexpr size_t kMaxQuoteSentences = 4;
  std::vector<float> share(text.sentences.size(), 0);
  std::vector<uint8_t> quoted(text.tokens.size(), 0);
  size_t i = 0;
  while (i < text.sentences.size()) {
    size_t end = i;  // sentences [i, end) of one block
    while (end < text.sentences.size() && text.sentences[end].block == text.sentences[i].block)
      ++end;
    bool inside = false;
    size_t open_token = 0, open_sentence = 0;
    auto close = [&](size_t token, size_t sentence) {
      if (sentence - open_sentence < kMaxQuoteSentences)
        for (size_t k = open_token; k < token; ++k) quoted[k] = 1;
      inside = false;
    };
    for (size_t s = i; s < end; ++s)
      for (size_t k = text.sentences[s].first_token; k < text.sentences[s].last_token; ++k) {
        const Token& t = text.tokens[k];
        if (t.kind != TokenKind::kPunct) continue;
        const std::string_view p = t.lower;
        const bool opening = p == "\xE2\x80\x9C" || p == "\xC2\xAB";  // curly, guillemet
        const bool closing = p == "\xE2\x80\x9D" || p == "\xC2\xBB";
        if (p == "\"" ? !inside : opening) {
          inside = true, open_token = k, open_sentence = s;
        } else if (inside && (p == "\"" || closing)) {
          close(k, s);
        }
      }
    if (inside) close(text.sentences[end - 1].last_token, end - 1);
    i = end;
  }
  for (size_t s = 0; s < text.sentences.size(); ++s) {
    size_t words = 0, in = 0;
    for (size_t k = text.sentences[s].first_token; k < text.sentences[s].last_token; ++k) {
      if (text.tokens[k].kind == TokenKind::kPunct) continue;
      ++words;
      in += quoted[k];
    }
    share[s] = words ? static_cast<float>(in) / static_cast<float>(words) : 0;
  }
  return share;
}

size_t SentenceWords(const DocText& text, uint32_t sentence) {
  size_t n = 0;
  for (size_t k = text.sentences[sentence].first_token; k < text.sentences[sentence].last_token;
       ++k) {
    n += text.tokens[k].kind != TokenKind::kPunct;
  }
  return n;
}

std::vector<AlignedRun> FindRuns(const DocText& ct, const std::vector<float>& quoted,
                                 const Alignment& alignment, double min_similarity) {
  auto words_outside = [&](uint32_t j) {
    const size_t n = SentenceWords(ct, j);
    return static_cast<size_t>(static_cast<double>(n) * (1.0 - quoted[j]) + 0.5);
  };
  std::vector<AlignedRun> runs;
  size_t copy_sentences = 0, source_sentences = 0, groups = 0;
  AlignedRun cur;
  const AlignedGroup* prev = nullptr;
  auto close = [&] {
    if (groups > 0) {
      cur.sentences = std::min(copy_sentences, source_sentences);
      cur.similarity /= static_cast<double>(groups);
      runs.push_back(cur);
    }
    cur = {};
    copy_sentences = source_sentences = groups = 0;
    prev = nullptr;
  };
  for (const AlignedGroup& g : alignment.groups) {  // sorted by first copy sentence
    bool ok = g.similarity >= min_similarity;
    for (uint32_t j : g.copy) ok = ok && quoted[j] < 0.5;
    const bool next = prev && g.copy.front() == prev->copy.back() + 1 &&
                      g.source.front() == prev->source.back() + 1;
    if (!ok || !next) close();
    if (!ok) continue;
    copy_sentences += g.copy.size();
    source_sentences += g.source.size();
    ++groups;
    cur.similarity += g.similarity;
    for (uint32_t j : g.copy) cur.words += words_outside(j);
    prev = &g;
  }
  close();
  return runs;
}

}  // namespace sitrep::reuse
