#include "reuse/drift.h"

#include <algorithm>
#include <cmath>
#include <set>
#include <string>
#include <tuple>
#include <unordered_set>

#include "reuse/doc_features.h"

namespace sitrep::reuse {
namespace {

bool InGroup(const std::vector<uint32_t>& sorted, uint32_t s) {
  return std::binary_search(sorted.begin(), sorted.end(), s);
}

template <typename T>
std::vector<const T*> InSentences(const std::vector<T>& facts, const std::vector<uint32_t>& sents) {
  std::vector<const T*> out;
  for (const T& f : facts)
    if (InGroup(sents, f.sentence)) out.push_back(&f);
  return out;
}

std::string Context(const DriftSide& side, const std::vector<uint32_t>& sents) {
  std::string out;
  for (uint32_t i : sents) {
    const text::Sentence& s = side.text->sentences[i];
    if (!out.empty()) out.push_back(' ');
    out.append(side.doc->Slice(s.start, s.end));
  }
  return out;
}

std::string Slice(const DriftSide& side, size_t start, size_t end) {
  return std::string(side.doc->Slice(start, end));
}

bool SameValue(double a, double b) {
  return std::fabs(a - b) <= 1e-9 * std::max(1.0, std::max(std::fabs(a), std::fabs(b)));
}

bool UnitsCompatible(const NumberFact& a, const NumberFact& b) {
  return a.unit.empty() || b.unit.empty() || a.unit == b.unit;
}

bool Directional(char q) { return q == '>' || q == '<'; }

bool ValueInDoc(const DocFacts& f, const NumberFact& n) {
  for (const NumberFact& m : f.numbers)
    if (SameValue(m.value, n.value)) return true;
  for (const DateFact& d : f.dates)  // a year counted as a number elsewhere
    for (const std::string& p : d.parts)
      if (p.size() == 5 && p[0] == 'y' && SameValue(std::atof(p.c_str() + 1), n.value)) return true;
  return false;
}

// The distinctive words of a name: without generic words such as "Group", "Region"
// (unless that is all there is).
std::vector<const std::string*> NameWords(const EntityFact& e) {
  std::vector<const std::string*> out;
  for (const std::string& w : e.lower)
    if (!IsGenericNameWord(w)) out.push_back(&w);
  if (out.empty())
    for (const std::string& w : e.lower) out.push_back(&w);
  return out;
}

// Two names match when most distinctive words of the shorter one appear in the other
// ("Mr Zelensky" / "Volodymyr Zelenskyy", but not "World War II" / "Study of War").
bool EntitiesMatch(const EntityFact& a, const EntityFact& b) {
  const auto wa = NameWords(a), wb = NameWords(b);
  const auto& shorter = wa.size() <= wb.size() ? wa : wb;
  const auto& longer = wa.size() <= wb.size() ? wb : wa;
  size_t matched = 0;
  for (const std::string* x : shorter) {
    for (const std::string* y : longer) {
      if (SameName(*x, *y)) {
        ++matched;
        break;
      }
    }
  }
  return matched * 2 > shorter.size();
}

// Whether a document names `e` anywhere: as a name it extracted, or as capitalized
// words at sentence starts too.
bool EntityInDoc(const DocFacts& f, const EntityFact& e) {
  for (const EntityFact& o : f.entities)
    if (EntitiesMatch(e, o)) return true;
  const auto words = NameWords(e);
  size_t matched = 0;
  for (const std::string* w : words) {
    if (std::binary_search(f.capitalized_words.begin(), f.capitalized_words.end(), *w)) {
      ++matched;
      continue;
    }
    for (const std::string& c : f.capitalized_words) {
      if (SameName(*w, c)) {
        ++matched;
        break;
      }
    }
  }
  return matched * 2 > words.size();
}

bool DateInDoc(const DocFacts& f, const DateFact& d) {
  for (const DateFact& o : f.dates) {
    bool all = true;
    for (const std::string& p : d.parts)
      all = all && std::find(o.parts.begin(), o.parts.end(), p) != o.parts.end();
    if (all) return true;
  }
  return false;
}

size_t SharedParts(const DateFact& a, const DateFact& b) {
  size_t n = 0;
  for (const std::string& p : a.parts)
    n += std::find(b.parts.begin(), b.parts.end(), p) != b.parts.end();
  return n;
}

std::string HedgeFamily(const std::string& group) {  // "hedge:pace:slow" -> "hedge:pace"
  return group.substr(0, group.rfind(':'));
}

struct QuoteWords {
  std::vector<const text::Token*> toks;  // words and numbers inside the quote
};

// The words of a quote inside the group's sentences (a quote may run on past them).
QuoteWords Words(const DriftSide& side, const QuoteFact& q, const std::vector<uint32_t>& sents) {
  QuoteWords w;
  const auto& ss = side.text->sentences;
  const size_t lo = std::max(q.first_token, ss[sents.front()].first_token);
  const size_t hi = std::min(q.last_token, ss[sents.back()].last_token);
  for (size_t i = lo; i < hi && i < side.text->tokens.size(); ++i)
    if (side.text->tokens[i].kind != text::TokenKind::kPunct)
      w.toks.push_back(&side.text->tokens[i]);
  return w;
}

std::vector<const QuoteFact*> QuotesIn(const std::vector<QuoteFact>& quotes,
                                       const std::vector<uint32_t>& sents) {
  std::vector<const QuoteFact*> out;
  for (const QuoteFact& q : quotes) {
    for (uint32_t s : sents) {
      if (s >= q.sentence && s <= q.last_sentence) {
        out.push_back(&q);
        break;
      }
    }
  }
  return out;
}

std::string Key(const text::Token* t) { return t->stem.empty() ? t->lower : t->stem; }

class Collector {
 public:
  Collector(const DriftSide& s, const DriftSide& c, const AlignedGroup& g)
      : source_context_(Context(s, g.source)), copy_context_(Context(c, g.copy)) {}

  void Add(std::string kind, std::string source_text, std::string copy_text) {
    const std::string key = kind + '\x1f' + source_text + '\x1f' + copy_text;
    if (!seen_.insert(key).second) return;
    Drift d;
    d.kind = std::move(kind);
    d.source_text = std::move(source_text);
    d.copy_text = std::move(copy_text);
    d.source_context = source_context_;
    d.copy_context = copy_context_;
    out_.push_back(std::move(d));
  }
  std::vector<Drift> Take() { return std::move(out_); }

 private:
  std::string source_context_, copy_context_;
  std::set<std::string> seen_;
  std::vector<Drift> out_;
};

void CompareNumbers(const DriftSide& s, const DriftSide& c, const AlignedGroup& g, Collector& out) {
  auto sn = InSentences(s.facts->numbers, g.source);
  auto cn = InSentences(c.facts->numbers, g.copy);
  std::vector<bool> sm(sn.size(), false), cm(cn.size(), false);
  // Same value: fine unless the qualifier's direction or every surrounding word changed.
  for (int pass = 0; pass < 2; ++pass) {
    for (size_t i = 0; i < sn.size(); ++i) {
      if (sm[i]) continue;
      for (size_t j = 0; j < cn.size(); ++j) {
        if (cm[j] || !SameValue(sn[i]->value, cn[j]->value) || !UnitsCompatible(*sn[i], *cn[j]))
          continue;
        if (pass == 0 && (sn[i]->unit != cn[j]->unit || sn[i]->qualifier != cn[j]->qualifier))
          continue;
        sm[i] = cm[j] = true;
        const NumberFact& a = *sn[i];
        const NumberFact& b = *cn[j];
        if (a.qualifier != b.qualifier && (Directional(a.qualifier) || Directional(b.qualifier))) {
          out.Add(a.unit.empty() && b.unit.empty() ? "number" : "quantity",
                  Slice(s, a.start, a.end), Slice(c, b.start, b.end));
        } else if (a.context.size() >= 3 && b.context.size() >= 3) {
          bool overlap = false;
          for (const std::string& w : a.context)
            overlap =
                overlap || std::find(b.context.begin(), b.context.end(), w) != b.context.end();
          if (!overlap) {
            // Show the figure with the words that changed around it.
            auto around = [](const DriftSide& side, const NumberFact& n) {
              // The figure with up to two content words within three tokens each side,
              // not crossing punctuation.
              const text::Sentence& sent = side.text->sentences[n.sentence];
              const auto& toks = side.text->tokens;
              size_t first = sent.last_token, last = sent.first_token;
              for (size_t k = sent.first_token; k < sent.last_token; ++k) {
                if (toks[k].start >= n.start && first == sent.last_token) first = k;
                if (toks[k].end <= n.end) last = k;
              }
              if (first == sent.last_token) return std::string(side.doc->Slice(n.start, n.end));
              size_t lo = first, hi = last;
              for (size_t k = first, seen = 0, words = 0;
                   k > sent.first_token && seen < 3 && words < 2; ++seen) {
                const auto& t = toks[--k];
                if (t.kind == text::TokenKind::kPunct) break;
                if (!IsStopword(t.lower)) {
                  lo = k;
                  ++words;
                }
              }
              for (size_t k = last + 1, seen = 0, words = 0;
                   k < sent.last_token && seen < 3 && words < 2; ++k, ++seen) {
                const auto& t = toks[k];
                if (t.kind == text::TokenKind::kPunct) break;
                if (!IsStopword(t.lower)) {
                  hi = k;
                  ++words;
                }
              }
              return std::string(side.doc->Slice(toks[lo].start, toks[hi].end));
            };
            out.Add("quantity", around(s, a), around(c, b));
          }
        }
        break;
      }
    }
  }
  // Changed values: pair what is left, same unit first, then in order.
  for (int pass = 0; pass < 2; ++pass) {
    for (size_t i = 0; i < sn.size(); ++i) {
      if (sm[i]) continue;
      for (size_t j = 0; j < cn.size(); ++j) {
        if (cm[j]) continue;
        if (pass == 0 && (sn[i]->unit.empty() || sn[i]->unit != cn[j]->unit)) continue;
        sm[i] = cm[j] = true;
        const bool unit = !sn[i]->unit.empty() || !cn[j]->unit.empty();
        out.Add(unit ? "quantity" : "number", Slice(s, sn[i]->start, sn[i]->end),
                Slice(c, cn[j]->start, cn[j]->end));
        break;
      }
    }
  }
  // Dropped and added figures the other document never gives. "one" is too often a
  // pronoun to count on its own.
  for (size_t i = 0; i < sn.size(); ++i) {
    if (sm[i] || (sn[i]->value == 1 && sn[i]->unit.empty())) continue;
    if (!ValueInDoc(*c.facts, *sn[i])) out.Add("omission", Slice(s, sn[i]->start, sn[i]->end), "");
  }
  for (size_t j = 0; j < cn.size(); ++j) {
    if (cm[j] || (cn[j]->value == 1 && cn[j]->unit.empty())) continue;
    if (!ValueInDoc(*s.facts, *cn[j])) out.Add("added", "", Slice(c, cn[j]->start, cn[j]->end));
  }
}

void CompareDates(const DriftSide& s, const DriftSide& c, const AlignedGroup& g, Collector& out) {
  auto sd = InSentences(s.facts->dates, g.source);
  auto cd = InSentences(c.facts->dates, g.copy);
  std::vector<bool> sm(sd.size(), false), cm(cd.size(), false);
  for (size_t i = 0; i < sd.size(); ++i)
    for (size_t j = 0; j < cd.size(); ++j)
      if (!sm[i] && !cm[j] && sd[i]->parts == cd[j]->parts) sm[i] = cm[j] = true;
  auto kind = [](const DateFact& a, const DateFact& b) {
    return a.calendar || b.calendar ? "date" : "time";
  };
  // Partly shared ("February 24" / "February 24, 2014"), then same-kind leftovers in order.
  for (int pass = 0; pass < 2; ++pass) {
    for (size_t i = 0; i < sd.size(); ++i) {
      if (sm[i]) continue;
      size_t best = cd.size(), best_shared = 0;
      for (size_t j = 0; j < cd.size(); ++j) {
        if (cm[j]) continue;
        const size_t shared = SharedParts(*sd[i], *cd[j]);
        if (pass == 0 && shared > best_shared) {
          best = j;
          best_shared = shared;
        }
        if (pass == 1 && sd[i]->calendar == cd[j]->calendar && best == cd.size()) best = j;
      }
      if (best == cd.size()) continue;
      sm[i] = cm[best] = true;
      out.Add(kind(*sd[i], *cd[best]), Slice(s, sd[i]->start, sd[i]->end),
              Slice(c, cd[best]->start, cd[best]->end));
    }
  }
  // Dropped relative times ("overnight") are mostly rephrased; dropped calendar dates are
  // lost information.
  for (size_t i = 0; i < sd.size(); ++i)
    if (!sm[i] && sd[i]->calendar && !DateInDoc(*c.facts, *sd[i]))
      out.Add("omission", Slice(s, sd[i]->start, sd[i]->end), "");
  for (size_t j = 0; j < cd.size(); ++j)
    if (!cm[j] && !DateInDoc(*s.facts, *cd[j]))
      out.Add(cd[j]->calendar ? "date" : "time", "", Slice(c, cd[j]->start, cd[j]->end));
}

// For an added name, the words the source used in its place, if it has them ("the war"
// for "World War II").
std::string Counterpart(const DriftSide& other, const std::vector<uint32_t>& sents,
                        const EntityFact& e) {
  for (uint32_t si : sents) {
    const text::Sentence& s = other.text->sentences[si];
    for (size_t k = s.first_token; k < s.last_token; ++k) {
      const text::Token& t = other.text->tokens[k];
      if (t.capitalized || IsStopword(t.lower)) continue;
      for (const std::string& w : e.lower) {
        if (w == t.lower) {
          size_t start = t.start;
          if (k > s.first_token && other.text->tokens[k - 1].lower == "the")
            start = other.text->tokens[k - 1].start;
          return std::string(other.doc->Slice(start, t.end));
        }
      }
    }
  }
  return "";
}

void CompareEntities(const DriftSide& s, const DriftSide& c, const AlignedGroup& g,
                     Collector& out) {
  auto se = InSentences(s.facts->entities, g.source);
  auto ce = InSentences(c.facts->entities, g.copy);
  std::vector<bool> sm(se.size(), false), cm(ce.size(), false);
  for (size_t i = 0; i < se.size(); ++i)
    for (size_t j = 0; j < ce.size(); ++j)
      if (EntitiesMatch(*se[i], *ce[j])) sm[i] = cm[j] = true;
  std::vector<bool> s_in_c(se.size()), c_in_s(ce.size());
  for (size_t i = 0; i < se.size(); ++i) s_in_c[i] = sm[i] || EntityInDoc(*c.facts, *se[i]);
  for (size_t j = 0; j < ce.size(); ++j) c_in_s[j] = cm[j] || EntityInDoc(*s.facts, *ce[j]);
  // A name replaced by another of the same kind.
  for (size_t i = 0; i < se.size(); ++i) {
    if (sm[i]) continue;
    for (size_t j = 0; j < ce.size(); ++j) {
      if (cm[j]) continue;
      const std::string& a = se[i]->cls;
      const std::string& b = ce[j]->cls;
      if (!(a == b || a == "other" || b == "other")) continue;
      // Both named elsewhere: reordered, not replaced. Of unknown kind: only when
      // neither document knows the other's name at all.
      if (s_in_c[i] && c_in_s[j]) continue;
      if ((a == "other" || b == "other") && (s_in_c[i] || c_in_s[j])) continue;
      sm[i] = cm[j] = true;
      out.Add(a != "other" ? a : b, Slice(s, se[i]->start, se[i]->end),
              Slice(c, ce[j]->start, ce[j]->end));
      break;
    }
  }
  for (size_t i = 0; i < se.size(); ++i)
    if (!sm[i] && !s_in_c[i]) out.Add("omission", Slice(s, se[i]->start, se[i]->end), "");
  for (size_t j = 0; j < ce.size(); ++j) {
    if (cm[j] || c_in_s[j]) continue;
    // With words the source used in its place, the name replaces them; else it is added.
    std::string counterpart = Counterpart(s, g.source, *ce[j]);
    const std::string kind = counterpart.empty() ? "added" : ce[j]->cls;
    out.Add(kind, std::move(counterpart), Slice(c, ce[j]->start, ce[j]->end));
  }
}

void CompareQuotes(const DriftSide& s, const DriftSide& c, const AlignedGroup& g, Collector& out) {
  auto sq = QuotesIn(s.facts->quotes, g.source);
  auto cq = QuotesIn(c.facts->quotes, g.copy);
  std::vector<bool> cm(cq.size(), false);
  for (const QuoteFact* q : sq) {
    const QuoteWords a = Words(s, *q, g.source);
    std::set<std::string> ak;
    for (const auto* t : a.toks)
      if (!IsStopword(t->lower)) ak.insert(Key(t));
    size_t best = cq.size();
    double best_overlap = 0;
    for (size_t j = 0; j < cq.size(); ++j) {
      if (cm[j]) continue;
      const QuoteWords b = Words(c, *cq[j], g.copy);
      std::set<std::string> bk;
      for (const auto* t : b.toks)
        if (!IsStopword(t->lower)) bk.insert(Key(t));
      size_t shared = 0;
      for (const std::string& k : ak) shared += bk.count(k);
      const size_t smaller = std::min(ak.size(), bk.size());
      const double overlap =
          smaller ? static_cast<double>(shared) / static_cast<double>(smaller) : 0;
      if (overlap > best_overlap) {
        best_overlap = overlap;
        best = j;
      }
    }
    if (best == cq.size() || best_overlap < 0.3) continue;
    cm[best] = true;
    const QuoteWords b = Words(c, *cq[best], g.copy);
    // LCS over lower-case words; the differing stretches are the changes.
    const size_t n = a.toks.size(), m = b.toks.size();
    std::vector<std::vector<uint16_t>> L(n + 1, std::vector<uint16_t>(m + 1, 0));
    for (size_t i = n; i-- > 0;)
      for (size_t j = m; j-- > 0;)
        L[i][j] = a.toks[i]->lower == b.toks[j]->lower ? static_cast<uint16_t>(L[i + 1][j + 1] + 1)
                                                       : std::max(L[i + 1][j], L[i][j + 1]);
    struct Hunk {
      size_t a0, a1, b0, b1;  // [a0, a1) and [b0, b1) word indices
      int content = 0;
    };
    std::vector<Hunk> hunks;
    size_t i = 0, j = 0;
    while (i < n || j < m) {
      if (i < n && j < m && a.toks[i]->lower == b.toks[j]->lower) {
        ++i;
        ++j;
        continue;
      }
      Hunk h{i, i, j, j, 0};
      while ((i < n || j < m) && !(i < n && j < m && a.toks[i]->lower == b.toks[j]->lower)) {
        if (j == m || (i < n && L[i + 1][j] >= L[i][j + 1])) {
          h.content += !IsStopword(a.toks[i]->lower);
          ++i;
        } else {
          h.content += !IsStopword(b.toks[j]->lower);
          ++j;
        }
      }
      h.a1 = i;
      h.b1 = j;
      // Merge with the previous hunk when only two words apart.
      if (!hunks.empty() && h.a0 - hunks.back().a1 <= 2 && h.b0 - hunks.back().b1 <= 2) {
        hunks.back().a1 = h.a1;
        hunks.back().b1 = h.b1;
        hunks.back().content += h.content;
      } else {
        hunks.push_back(h);
      }
    }
    if (hunks.empty()) continue;
    // Inflection alone ("strikes"/"strike") is not a change of words.
    std::multiset<std::string> as, bs;
    for (const auto* t : a.toks) as.insert(Key(t));
    for (const auto* t : b.toks) bs.insert(Key(t));
    int content_changes = 0, edits = 0;
    for (const Hunk& h : hunks) {
      content_changes += h.content;
      edits += static_cast<int>((h.a1 - h.a0) + (h.b1 - h.b0));
    }
    if (as == bs) continue;
    if (content_changes == 0 && edits < 3) continue;
    // Show the stretch that changes words most; inflection-only stretches come last.
    auto score = [&](const Hunk& x) {
      std::multiset<std::string> xa, xb;
      for (size_t k = x.a0; k < x.a1; ++k) xa.insert(Key(a.toks[k]));
      for (size_t k = x.b0; k < x.b1; ++k) xb.insert(Key(b.toks[k]));
      const int real = xa == xb ? 0 : 1;
      return std::make_tuple(real, x.content, x.a1 - x.a0 + x.b1 - x.b0);
    };
    const Hunk& h =
        *std::max_element(hunks.begin(), hunks.end(),
                          [&](const Hunk& x, const Hunk& y) { return score(x) < score(y); });
    auto span = [](const DriftSide& side, const QuoteWords& w, size_t lo, size_t hi) {
      if (lo >= hi || hi > w.toks.size()) return std::string();
      return std::string(side.doc->Slice(w.toks[lo]->start, w.toks[hi - 1]->end));
    };
    size_t a0 = h.a0, a1 = h.a1, b0 = h.b0, b1 = h.b1;
    if (a0 == a1 || b0 == b1) {  // an insertion or deletion: show the words around it too
      if (a0 > 0 && b0 > 0) {
        --a0;
        --b0;
      }
      if (a1 < n && b1 < m) {
        ++a1;
        ++b1;
      }
    }
    out.Add("quote", span(s, a, a0, a1), span(c, b, b0, b1));
  }
}

void CompareMarkers(const DriftSide& s, const DriftSide& c, const AlignedGroup& g, Collector& out) {
  auto sm = InSentences(s.facts->markers, g.source);
  auto cm = InSentences(c.facts->markers, g.copy);
  auto has_group = [](const std::vector<const MarkerFact*>& v, std::string_view group) {
    for (const MarkerFact* m : v)
      if (m->group == group) return true;
    return false;
  };
  // Hedges.
  std::vector<const MarkerFact*> s_only, c_only;
  for (const MarkerFact* m : sm)
    if (m->group.starts_with("hedge:") && !has_group(cm, m->group)) s_only.push_back(m);
  for (const MarkerFact* m : cm)
    if (m->group.starts_with("hedge:") && !has_group(sm, m->group)) c_only.push_back(m);
  std::vector<bool> cu(c_only.size(), false);
  for (const MarkerFact* a : s_only) {
    bool paired = false;
    for (size_t j = 0; j < c_only.size() && !paired; ++j) {
      if (cu[j] || HedgeFamily(a->group) != HedgeFamily(c_only[j]->group)) continue;
      cu[j] = paired = true;
      out.Add("hedge", Slice(s, a->start, a->end), Slice(c, c_only[j]->start, c_only[j]->end));
    }
    if (!paired && a->group.starts_with("hedge:epistemic"))
      out.Add("hedge", Slice(s, a->start, a->end), "");
  }
  for (size_t j = 0; j < c_only.size(); ++j)
    if (!cu[j] && c_only[j]->group.starts_with("hedge:epistemic"))
      out.Add("hedge", "", Slice(c, c_only[j]->start, c_only[j]->end));

  // Negation: a negator whose word the other side neither negates nor writes with a
  // negative prefix ("not clear" / "unclear").
  auto negated = [](const std::vector<const MarkerFact*>& v, const std::string& word) {
    for (const MarkerFact* m : v)
      if ((m->group == "neg" || m->group == "negprefix") && m->word == word) return true;
    return false;
  };
  size_t sneg = 0, cneg = 0;
  for (const MarkerFact* m : sm) sneg += m->group == "neg";
  for (const MarkerFact* m : cm) cneg += m->group == "neg";
  if (sneg != cneg) {
    const auto& more = sneg > cneg ? sm : cm;
    const auto& fewer = sneg > cneg ? cm : sm;
    for (const MarkerFact* m : more) {
      if (m->group != "neg" || negated(fewer, m->word)) continue;
      // Negating a word that the other side does not use at all is rewording.
      bool other_has_word = m->word.empty();
      const DriftSide& other = sneg > cneg ? c : s;
      const auto& sents = sneg > cneg ? g.copy : g.source;
      for (uint32_t si : sents) {
        const text::Sentence& sent = other.text->sentences[si];
        for (size_t k = sent.first_token; k < sent.last_token && !other_has_word; ++k) {
          const text::Token& t = other.text->tokens[k];
          other_has_word = (t.stem.empty() ? t.lower : t.stem) == m->word;
        }
      }
      if (!other_has_word) continue;
      if (sneg > cneg) {
        out.Add("negation", Slice(s, m->start, m->end), "");
      } else {
        out.Add("negation", "", Slice(c, m->start, m->end));
      }
      break;
    }
  }

  // Asserting and denying verbs swapped ("denied" -> "confirmed").
  const bool s_deny = has_group(sm, "pol:deny"), s_conf = has_group(sm, "pol:confirm");
  const bool c_deny = has_group(cm, "pol:deny"), c_conf = has_group(cm, "pol:confirm");
  if ((s_deny && !s_conf && c_conf && !c_deny) || (s_conf && !s_deny && c_deny && !c_conf)) {
    const MarkerFact* a = nullptr;
    const MarkerFact* b = nullptr;
    for (const MarkerFact* m : sm)
      if (!a && m->group.starts_with("pol:")) a = m;
    for (const MarkerFact* m : cm)
      if (!b && m->group.starts_with("pol:")) b = m;
    out.Add("negation", Slice(s, a->start, a->end), Slice(c, b->start, b->end));
  }

  // Polar connectives.
  const bool s_cause = has_group(sm, "conn:cause"), s_conc = has_group(sm, "conn:concession");
  const bool c_cause = has_group(cm, "conn:cause"), c_conc = has_group(cm, "conn:concession");
  if ((s_cause && !s_conc && c_conc && !c_cause) || (s_conc && !s_cause && c_cause && !c_conc)) {
    const MarkerFact* a = nullptr;
    const MarkerFact* b = nullptr;
    for (const MarkerFact* m : sm)
      if (!a && m->group.starts_with("conn:")) a = m;
    for (const MarkerFact* m : cm)
      if (!b && m->group.starts_with("conn:")) b = m;
    out.Add("negation", Slice(s, a->start, a->end), Slice(c, b->start, b->end));
  }
}

}  // namespace

std::vector<Drift> FindAdded(const DriftSide& source, const DriftSide& copy,
                             const std::vector<uint32_t>& sentences) {
  std::vector<Drift> out;
  std::set<std::string> seen;
  auto add = [&](uint32_t sentence, size_t start, size_t end) {
    Drift d;
    d.kind = "added";
    d.copy_text = Slice(copy, start, end);
    if (!seen.insert(d.copy_text).second) return;
    d.copy_context = Context(copy, {sentence});
    out.push_back(std::move(d));
  };
  // Figures in digits, or in words inside a sentence (a capitalized number word starts
  // headlines and teaser lists: "Ten things to know").
  for (const NumberFact* n : InSentences(copy.facts->numbers, sentences)) {
    const std::string_view text = copy.doc->Slice(n->start, n->end);
    const bool digits =
        std::any_of(text.begin(), text.end(), [](char ch) { return ch >= '0' && ch <= '9'; });
    if (!digits && (text.empty() || (text[0] >= 'A' && text[0] <= 'Z'))) continue;
    if (!ValueInDoc(*source.facts, *n)) add(n->sentence, n->start, n->end);
  }
  // Names of a known kind, not written in capitals only (page furniture: "[LATEST]").
  for (const EntityFact* e : InSentences(copy.facts->entities, sentences)) {
    if (e->cls == "other") continue;
    const std::string_view text = copy.doc->Slice(e->start, e->end);
    if (std::none_of(text.begin(), text.end(), [](char ch) { return ch >= 'a' && ch <= 'z'; }))
      continue;
    if (!EntityInDoc(*source.facts, *e)) add(e->sentence, e->start, e->end);
  }
  // A quotation whose words the source mostly never uses.
  std::set<std::string> source_words;  // filled for the first quotation
  for (const QuoteFact* q : QuotesIn(copy.facts->quotes, sentences)) {
    if (!std::binary_search(sentences.begin(), sentences.end(), q->sentence)) continue;
    if (source_words.empty())
      for (const text::Token& t : source.text->tokens)
        if (!IsStopword(t.lower)) source_words.insert(Key(&t));
    size_t words = 0, known = 0;
    for (size_t k = q->first_token; k < q->last_token; ++k) {
      const text::Token& t = copy.text->tokens[k];
      if (t.kind == text::TokenKind::kPunct || IsStopword(t.lower)) continue;
      ++words;
      known += source_words.count(Key(&t));
    }
    if (words >= 4 && 2 * known < words)
      add(q->sentence, copy.text->tokens[q->first_token].start,
          copy.text->tokens[q->last_token - 1].end);
  }
  return out;
}

std::vector<Drift> FindDrift(const DriftSide& source, const DriftSide& copy,
                             const AlignedGroup& group) {
  Collector out(source, copy, group);
  CompareDates(source, copy, group, out);
  CompareNumbers(source, copy, group, out);
  CompareEntities(source, copy, group, out);
  CompareQuotes(source, copy, group, out);
  CompareMarkers(source, copy, group, out);
  return out.Take();
}

}  // namespace sitrep::reuse
