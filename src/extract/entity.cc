#include "extract/entity.h"

#include <algorithm>
#include <array>
#include <iterator>
#include <map>
#include <numeric>
#include <set>
#include <unordered_map>
#include <unordered_set>

#include "base/union_find.h"
#include "clean/features.h"
#include "extract/entity_tagger.h"

namespace sitrep::extract {

// Token texts are std::strings: comparing them with "..."sv is a size check and a memcmp,
// not the strlen and compare of std::string == const char*.
using namespace std::string_view_literals;
namespace {

// Words that mark an organization's name ("ministry", "institute", "bank"); defined with
// the merging code below.
bool IsOrgWord(std::string_view w);

bool InSet(std::string_view w, std::initializer_list<std::string_view> set) {
  return std::find(set.begin(), set.end(), w) != set.end();
}

// Words that head the names of military units and armed groups.
bool IsGroupHead(std::string_view w) {
  return InSet(w, {"group",    "brigade", "brigades",    "battalion", "battalions", "regiment",
                   "division", "corps",   "forces",      "militia",   "militias",   "guard",
                   "guards",   "legion",  "squadron",    "fleet",     "army",       "pmc",
                   "unit",     "units",   "mercenaries", "fighters",  "troops"});
}

// Well-known armed groups whose names carry no head word.
bool IsArmedGroupName(std::string_view loose) {
  return InSet(loose,
               {"wagner",     "azov",    "hamas",   "hezbolah", "hezbollah",    "taliban",
                "isis",       "isil",    "daesh",   "al qaeda", "al qaida",     "al shabab",
                "boko haram", "houthis", "houthi",  "pkk",      "ipg",          "kadirovites",
                "akhmat",     "rusich",  "storm z", "kraken",   "islamic state"});
}

// Nouns that, after a demonym or a group's name, denote its fighters.
bool IsForceNoun(std::string_view w) {
  return InSet(w, {"forces", "force", "troops", "army", "military", "soldiers", "units",
                   "servicemen", "fighters", "mercenaries", "militants", "navy", "marines",
                   "paratroopers", "artillery", "defenders", "personnel", "armed"});
}

bool IsRegionWord(std::string_view w) {
  return InSet(w, {"region", "oblast", "province", "governorate", "prefecture", "district",
                   "county", "krai", "republic", "state", "regions", "oblasts"});
}

bool IsPossessive(std::string_view lower) {
  return lower == "'s" || lower == "\xE2\x80\x99s" || lower == "'" || lower == "\xE2\x80\x99" ||
         lower == "s";
}

bool IsFunctionWord(std::string_view w) {
  return InSet(w, {"of", "for", "the", "and", "on", "in", "to", "at", "de", "&"});
}

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') {
      c = static_cast<char>(c - 'A' + 'a');
    }
  }
  return out;
}

// British/American and other spelling variants folded for organization names.
std::string FoldSpelling(std::string w) {
  static const std::pair<std::string_view, std::string_view> kFolds[] = {
      {"defence", "defense"},   {"centre", "center"}, {"organisation", "organization"},
      {"programme", "program"}, {"labour", "labor"},  {"armour", "armor"},
      {"ministry", "ministry"}};
  for (const auto& [from, to] : kFolds) {
    if (w == from) {
      return std::string(to);
    }
  }
  return w;
}

// Seats of government named for the government ("the Kremlin said").
bool IsSeatOfPower(std::string_view loose) {
  return InSet(loose, {"kremlin", "white house", "pentagon", "downing street", "elisee", "elysee",
                       "bankova", "quai d orsai", "zhongnanhai", "whitehall"});
}

bool IsPlatformName(std::string_view loose) {
  return InSet(loose, {"telegram", "twitter", "facebook", "instagram", "youtube", "tiktok",
                       "vkontakte", "weibo", "truth social"});
}

bool IsHeadlineVerb(std::string_view w) {
  return InSet(
      w, {"says",   "said",    "warns", "claims",  "tells", "vows", "urges", "slams", "blasts",
          "admits", "reveals", "hits",  "as",      "after", "in",   "and",   "to",    "with",
          "from",   "over",    "amid",  "against", "brave", "days", "inside"});
}

// Of the headline words, the reporting verbs: they end a name wherever they stand. The
// others ("and", "in", "to") also stand inside names ("Organisation for Security and
// Cooperation in Europe") and end one only in a Title Case headline.
bool IsReportingVerb(std::string_view w) {
  return InSet(w, {"says", "said", "warns", "claims", "tells", "vows", "urges", "slams", "blasts",
                   "admits", "reveals", "hits"});
}

// Most words of tokens [s0, s1) capitalised: a Title Case (or upper-case) headline.
bool IsTitleCaseSentence(const std::vector<text::Token>& toks, size_t s0, size_t s1) {
  size_t words = 0, capitalized = 0;
  for (size_t t = s0; t < s1; ++t) {
    if (toks[t].kind == text::TokenKind::kWord) {
      ++words;
      capitalized += toks[t].capitalized;
    }
  }
  return words >= 3 && capitalized * 10 >= words * 7;
}

struct Chunk {
  size_t a, b;  // token range within the sentence's tokens (absolute indices)
  int type;     // 0 PER, 1 ORG, 2 LOC, 3 MISC
};

}  // namespace

bool IsTitleWord(std::string_view w) {
  return InSet(w, {"president",
                   "vice",
                   "prime",
                   "minister",
                   "chancellor",
                   "secretary",
                   "gov",
                   "governor",
                   "mayor",
                   "senator",
                   "sen",
                   "rep",
                   "representative",
                   "congressman",
                   "congresswoman",
                   "mr",
                   "mrs",
                   "ms",
                   "miss",
                   "dr",
                   "prof",
                   "professor",
                   "gen",
                   "general",
                   "lt",
                   "lieutenant",
                   "col",
                   "colonel",
                   "maj",
                   "major",
                   "capt",
                   "captain",
                   "sgt",
                   "sergeant",
                   "adm",
                   "admiral",
                   "commander",
                   "cmdr",
                   "marshal",
                   "king",
                   "queen",
                   "prince",
                   "princess",
                   "pope",
                   "sir",
                   "dame",
                   "lord",
                   "lady",
                   "judge",
                   "justice",
                   "ambassador",
                   "spokesman",
                   "spokeswoman",
                   "spokesperson",
                   "foreign",
                   "defence",
                   "defense",
                   "chief",
                   "deputy",
                   "leader",
                   "rev",
                   "reverend",
                   "sheikh",
                   "ayatollah",
                   "emir",
                   "sultan",
                   "archbishop",
                   "bishop",
                   "patriarch",
                   "premier",
                   "mp",
                   "mep",
                   "chairman",
                   "chairwoman",
                   "councillor",
                   "councilman",
                   "inspector",
                   "detective",
                   "officer",
                   "private",
                   "corporal",
                   "cpl",
                   "pte",
                   "field",
                   "interior",
                   "finance",
                   "health",
                   "state",
                   "home",
                   "economy"});
}

size_t EditDistance(std::string_view a, std::string_view b) {
  // Optimal string alignment distance, three rolling rows (the transposition looks two
  // rows back).
  const size_t m = b.size();
  thread_local std::vector<size_t> rows;
  rows.assign(3 * (m + 1), 0);
  size_t* two = rows.data();     // row i - 2
  size_t* prev = two + (m + 1);  // row i - 1
  size_t* cur = prev + (m + 1);  // row i
  for (size_t j = 0; j <= m; ++j) {
    prev[j] = j;
  }
  for (size_t i = 1; i <= a.size(); ++i) {
    cur[0] = i;
    for (size_t j = 1; j <= m; ++j) {
      const size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
        cur[j] = std::min(cur[j], two[j - 2] + 1);
      }
    }
    std::swap(two, prev);
    std::swap(prev, cur);
  }
  return prev[m];
}

namespace {

// The initials an acronym of `name` may spell: of all its words, and of its content words
// (without "of", "for", "the"...), each also without its first word when the name has
// three words or more ("UK Ministry of Defence" -> "mod"). Lower-case, distinct.
std::vector<std::string> AcronymKeys(std::string_view name) {
  std::string all, content;
  size_t p = 0;
  int words = 0;
  while (p < name.size()) {
    while (p < name.size() && (name[p] == ' ' || name[p] == '-')) {
      ++p;
    }
    size_t q = p;
    while (q < name.size() && name[q] != ' ' && name[q] != '-') {
      ++q;
    }
    if (q > p) {
      std::string w = Lower(name.substr(p, q - p));
      char c = w[0];
      if (c >= 'a' && c <= 'z') {
        all.push_back(c);
        if (!IsFunctionWord(w)) {
          content.push_back(c);
        }
        ++words;
      }
    }
    p = q;
  }
  std::vector<std::string> keys;
  const auto add = [&keys](std::string k) {
    if (k.size() >= 2 && std::find(keys.begin(), keys.end(), k) == keys.end()) {
      keys.push_back(std::move(k));
    }
  };
  if (words >= 2) {
    add(all);
    add(content);
  }
  if (words >= 3) {
    if (all.size() > 1) {
      add(all.substr(1));
    }
    if (content.size() > 1) {
      add(content.substr(1));
    }
  }
  return keys;
}

// The letters of an acronym, lower-case ("MoD" -> "mod", "U.S." -> "us").
std::string AcronymLetters(std::string_view acronym) {
  std::string letters;
  for (char c : acronym) {
    if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z')) {
      letters.push_back(Lower({&c, 1})[0]);
    }
  }
  return letters;
}

}  // namespace

bool IsAcronymOf(std::string_view acronym, std::string_view name) {
  const std::string letters = AcronymLetters(acronym);
  if (letters.size() < 2) {
    return false;
  }
  const std::vector<std::string> keys = AcronymKeys(name);
  return std::find(keys.begin(), keys.end(), letters) != keys.end();
}

namespace {

// A name found once is a name everywhere in the document: capitalised runs the tagger left
// untagged that repeat a found name (or a group's name without its head word, "Wagner" for
// "Wagner Group") become mentions of the same type. `text` is the document's article text,
// `other` (may be null) the sentences of its other blocks; names found in either propagate
// to both.
void PropagateNames(size_t doc_index, const Document& doc, const text::DocText& text,
                    const text::DocText* other, std::vector<EntityMention>& mentions) {
  const auto tokens_of = [&](const EntityMention& m) -> const std::vector<text::Token>& {
    return m.in_text || other == nullptr ? text.tokens : other->tokens;
  };
  std::unordered_map<std::string, std::string> known;  // loose key -> type
  for (const EntityMention& m : mentions) {
    if (m.type == "other" || m.region_hint) {
      continue;
    }
    known.emplace(Gazetteer::LooseKey(m.name), m.type);
    const auto& toks = tokens_of(m);
    if (m.type == "group" && m.last_token - m.first_token >= 2 &&
        IsGroupHead(toks[m.last_token - 1].lower) && toks[m.first_token].capitalized) {
      std::string head_less(doc.Slice(toks[m.first_token].start, toks[m.last_token - 2].end));
      known.emplace(Gazetteer::LooseKey(head_less), "group");
    }
  }
  if (known.empty()) {
    return;
  }
  std::vector<EntityMention> added;
  for (const bool in_text : {true, false}) {
    const text::DocText* part = in_text ? &text : other;
    if (part == nullptr) {
      continue;
    }
    const auto& toks = part->tokens;
    std::vector<bool> covered(toks.size(), false);
    for (const EntityMention& m : mentions) {
      if (m.in_text != in_text) {
        continue;
      }
      for (size_t t = m.first_token; t < m.last_token && t < toks.size(); ++t) {
        covered[t] = true;
      }
    }
    for (size_t si = 0; si < part->sentences.size(); ++si) {
      const text::Sentence& s = part->sentences[si];
      for (size_t t = s.first_token; t < s.last_token; ++t) {
        if (covered[t] || !toks[t].capitalized || toks[t].kind != text::TokenKind::kWord) {
          continue;
        }
        size_t best = 0;
        std::string best_type;
        for (size_t len = 1; len <= 4 && t + len <= s.last_token; ++len) {
          if (covered[t + len - 1] || toks[t + len - 1].kind != text::TokenKind::kWord) {
            break;
          }
          auto it =
              known.find(Gazetteer::LooseKey(doc.Slice(toks[t].start, toks[t + len - 1].end)));
          if (it != known.end()) {
            best = len, best_type = it->second;
          }
        }
        if (!best) {
          continue;
        }
        // A capitalised run that goes on is a longer name ("Putin Street").
        if (t + best < s.last_token && toks[t + best].capitalized &&
            toks[t + best].kind == text::TokenKind::kWord) {
          continue;
        }
        EntityMention m;
        m.doc = doc_index;
        m.in_text = in_text;
        m.first_token = t;
        m.last_token = t + best;
        m.sentence = si;
        m.start = toks[t].start;
        m.end = toks[t + best - 1].end;
        m.type = best_type;
        m.name = std::string(doc.Slice(m.start, m.end));
        for (size_t u = t; u < t + best; ++u) {
          covered[u] = true;
        }
        added.push_back(std::move(m));
        t += best - 1;
      }
    }
  }
  if (added.empty()) {
    return;
  }
  for (auto& m : added) {
    mentions.push_back(std::move(m));
  }
  std::sort(mentions.begin(), mentions.end(),
            [](const EntityMention& a, const EntityMention& b) { return a.start < b.start; });
}

}  // namespace

namespace {

bool IsNumberJoiner(std::string_view w) {
  return w == "-"sv || w == ":"sv || w == "/"sv || w == "."sv || w == ","sv;
}

}  // namespace

void TaggerWords(const Document& doc, const std::vector<text::Token>& toks, size_t s0, size_t s1,
                 std::vector<std::string_view>& words, std::vector<size_t>& word_first) {
  words.clear();
  word_first.clear();
  const auto glued = [&](size_t t) { return t + 1 < s1 && toks[t].end == toks[t + 1].start; };
  for (size_t t = s0; t < s1;) {
    word_first.push_back(t - s0);
    const text::Token& tok = toks[t];
    const std::string_view lw = tok.lower;
    size_t end = t + 1;
    if (tok.kind == text::TokenKind::kWord && tok.capitalized && tok.end - tok.start <= 3 &&
        glued(t) && toks[t + 1].lower == "."sv && t + 2 < s1) {
      end = t + 2;  // an initial or abbreviation: "J." "Gen." "St."
    } else if (tok.kind == text::TokenKind::kWord && tok.capitalized && tok.end - tok.start <= 2 &&
               glued(t) && toks[t + 1].lower == "$"sv) {
      end = t + 2;  // a currency: "C$", "HK$"
    } else if (tok.kind == text::TokenKind::kNumber) {
      // "4-17", "6-4", "3:09.95", "1/2": numbers glued by joiners.
      for (size_t u = t; glued(u) && IsNumberJoiner(toks[u + 1].lower) && glued(u + 1) &&
                         toks[u + 2].kind == text::TokenKind::kNumber;
           u += 2) {
        end = u + 3;
      }
    }
    if (end > t + 1) {
      words.push_back(doc.Slice(tok.start, toks[end - 1].end));
    } else if (lw == "'s" || lw == "'") {
      // The tagger was trained on ASCII quotes and apostrophes.
      words.push_back(lw);
    } else if (lw == "\xE2\x80\x9C" || lw == "\xE2\x80\x9D") {
      words.push_back("\"");
    } else {
      words.push_back(doc.Slice(tok.start, tok.end));
    }
    t = end;
  }
}

namespace {

// The mentions of one analysed text (the document's article text, or the sentences of its
// other blocks), appended to `out` with `in_text` set as given.
void FindMentionsIn(size_t doc_index, const Document& doc, const text::DocText& text, bool in_text,
                    size_t first_sentence, size_t last_sentence, const Gazetteer* gazetteer,
                    TaggerDocState& state, std::set<std::string>& demonym_countries,
                    std::vector<EntityMention>& out) {
  const auto& toks = text.tokens;
  auto word = [&](size_t t) { return doc.Slice(toks[t].start, toks[t].end); };
  const EntityTagger& tagger = EntityTagger::Default();
  std::vector<std::string_view> words;
  std::vector<size_t> word_first;  // first token (sentence-relative) of each tagger word
  for (size_t si = first_sentence; si < last_sentence; ++si) {
    const text::Sentence& sent = text.sentences[si];
    const size_t s0 = sent.first_token, s1 = sent.last_token;
    if (s1 <= s0) {
      continue;
    }
    TaggerWords(doc, toks, s0, s1, words, word_first);
    const std::vector<uint8_t> word_labels = tagger.Tag(words, &state);
    // Back to tokens: the tokens of one tagger word continue its label.
    std::vector<uint8_t> labels(s1 - s0, kNerO);
    for (size_t w = 0; w < words.size(); ++w) {
      const size_t end = w + 1 < words.size() ? word_first[w + 1] : s1 - s0;
      for (size_t t = word_first[w]; t < end; ++t) {
        labels[t] = t == word_first[w] || word_labels[w] == kNerO || !NerIsBegin(word_labels[w])
                        ? word_labels[w]
                        : static_cast<uint8_t>(word_labels[w] + 1);
      }
    }
    // Chunks.
    std::vector<Chunk> chunks;
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
      chunks.push_back({s0 + i, s0 + j, type});
      i = j;
    }
    // A capitalised run right after a person title that the tagger missed ("Mr Priozghin").
    for (size_t t = s0; t + 1 < s1; ++t) {
      const std::string_view lw = toks[t].lower;
      if (!(lw == "mr" || lw == "mrs" || lw == "ms" || lw == "dr" || lw == "president" ||
            lw == "gen" || lw == "gov")) {
        continue;
      }
      size_t u = t + 1;
      if (u < s1 && toks[u].lower == "."sv) {
        ++u;
      }
      if (u >= s1 || !toks[u].capitalized) {
        continue;
      }
      bool covered = false;
      for (const Chunk& c : chunks) {
        covered |= c.a <= u && u < c.b;
      }
      if (covered) {
        continue;
      }
      size_t v = u;
      while (v < s1 && toks[v].capitalized && toks[v].kind == text::TokenKind::kWord) {
        ++v;
      }
      chunks.push_back({u, v, 0});
    }
    std::sort(chunks.begin(), chunks.end(),
              [](const Chunk& x, const Chunk& y) { return x.a < y.a; });
    // An organization whose name the tagger cut after "of"/"for"/"the" ("Institute for the
    // Study of" + "War"): extend it over the capitalised words that follow.
    auto extend = [&] {
      for (size_t ci = 0; ci < chunks.size(); ++ci) {
        Chunk& x = chunks[ci];
        const std::string& last = toks[x.b - 1].lower;
        if (x.type != 1 || !(last == "of" || last == "for" || last == "the")) {
          continue;
        }
        size_t limit = ci + 1 < chunks.size() ? chunks[ci + 1].a : s1;
        size_t e = x.b;
        while (e < limit && toks[e].capitalized && toks[e].kind == text::TokenKind::kWord) {
          ++e;
        }
        x.b = e;
      }
    };
    extend();
    // Names the tagger split at their function words or abbreviations: "Institute for the
    // Study of War", "Bank of England", "St. Petersburg".
    for (size_t ci = 0; ci + 1 < chunks.size();) {
      Chunk& x = chunks[ci];
      const Chunk& y = chunks[ci + 1];
      bool joinable = true;
      bool has_fn = false;
      for (size_t t = x.b; t < y.a; ++t) {
        const std::string_view lw = toks[t].lower;
        if (lw == "of" || lw == "for" || lw == "on") {
          has_fn = true;
          // "Karlsruhe of Germany", "White Sox for the American League", "Acme Corp of
          // Texas": a name and the place or league it belongs to stay two names. An
          // institution's head word takes what follows ("Bank of England", "Institute for
          // the Study of War"); otherwise "of" does not join a place, "for" joins like
          // with like.
          bool institution =
              !InSet(toks[x.b - 1].lower, {"inc", "corp", "ltd", "co", "plc", "llc", "ag", "sa"});
          bool org_word = false;
          for (size_t u = x.a; u < x.b; ++u) {
            org_word |= IsOrgWord(toks[u].lower);
          }
          institution &= org_word;
          joinable &= institution || (y.type != 2 && (lw != "for" || y.type == x.type));
        } else if (lw != "the" && !(lw == "." && t == x.b)) {
          joinable = false;
        }
      }
      const std::string& last = toks[x.b - 1].lower;
      // The tagger kept the function word but lost what follows ("Institute for the Study
      // of" + "War").
      if (y.a == x.b && (last == "of" || last == "for" || last == "the") && x.type == 1) {
        x.b = y.b;
        chunks.erase(chunks.begin() + static_cast<long>(ci) + 1);
        continue;
      }
      bool abbrev = (last == "st" || last == "mt" || last == "ft") && y.a <= x.b + 1;
      bool y_demonym = y.b - y.a == 1 && gazetteer->CountryOfDemonym(word(y.a)).has_value();
      if (joinable && y.a - x.b <= 3 && !y_demonym &&
          ((has_fn && (x.type == 1 || x.type == 3)) || abbrev)) {
        x.b = y.b;
        if (abbrev) {
          x.type = y.type;
        }
        chunks.erase(chunks.begin() + static_cast<long>(ci) + 1);
        continue;
      }
      ++ci;
    }

    extend();
    // An armed group's name the tagger cut short ("Islamic" + "State"): the chunk takes the
    // capitalised words that complete a name of the lexicon.
    for (size_t ci = 0; ci < chunks.size(); ++ci) {
      Chunk& x = chunks[ci];
      for (size_t e = x.b + 1; e <= std::min(x.b + 2, s1); ++e) {
        if (!toks[e - 1].capitalized || toks[e - 1].kind != text::TokenKind::kWord) {
          break;
        }
        if (IsArmedGroupName(Gazetteer::LooseKey(doc.Slice(toks[x.a].start, toks[e - 1].end)))) {
          x.b = e;
          while (ci + 1 < chunks.size() && chunks[ci + 1].a < e) {
            x.b = std::max(x.b, chunks[ci + 1].b);
            chunks.erase(chunks.begin() + static_cast<long>(ci) + 1);
          }
          break;
        }
      }
    }
    const bool title_case = IsTitleCaseSentence(toks, s0, s1);
    for (size_t ci = 0; ci < chunks.size(); ++ci) {
      Chunk c = chunks[ci];
      std::string title;
      // Title words at the start of a chunk ("President Volodymyr Zelensky").
      size_t a = c.a;
      while (a < c.b && (IsTitleWord(toks[a].lower) || toks[a].lower == "."sv)) {
        ++a;
      }
      if (a > c.a) {
        if (a == c.b) {
          // Only titles: part of the next person's name, or not a name at all.
          continue;
        }
        if (c.type != 1 || (ci + 1 < chunks.size() && chunks[ci + 1].a == c.b)) {
          title = std::string(doc.Slice(toks[c.a].start, toks[a - 1].end));
          c.type = 0;
          c.a = a;
        }
      }
      // Title words just before the chunk.
      if (title.empty() && c.a > s0) {
        size_t t = c.a - 1;
        if (toks[t].lower == "."sv && t > s0) {
          --t;
        }
        if (IsTitleWord(toks[t].lower) && toks[t].capitalized) {
          size_t first = t;
          while (first > s0 && IsTitleWord(toks[first - 1].lower) && toks[first - 1].capitalized) {
            --first;
          }
          title = std::string(doc.Slice(toks[first].start, toks[c.a - 1].end));
          if (c.type == 3 || c.type == 1) {
            c.type = 0;
          }
        }
      }
      // Title-case headlines run a name into its verb: "NATO Chief Says Bakhmut".
      for (size_t t = c.a + 1; t < c.b; ++t) {
        if (IsReportingVerb(toks[t].lower) ||
            (title_case && IsHeadlineVerb(toks[t].lower) && toks[t].lower != "brave"sv &&
             toks[t].lower != "days"sv && toks[t].lower != "inside"sv)) {
          c.b = t;
          break;
        }
      }
      // Possessives and stray punctuation at the end (not the "$" of a currency: "C$").
      size_t b = c.b;
      while (b > c.a &&
             (IsPossessive(toks[b - 1].lower) || toks[b - 1].kind == text::TokenKind::kPunct) &&
             !(toks[b - 1].lower == "$"sv && b - 1 > c.a && toks[b - 2].end == toks[b - 1].start)) {
        --b;
      }
      // A leading "the" the tagger sometimes includes, and headline words in Title Case
      // ("Says Bakhmut").
      while (c.a < b && (toks[c.a].lower == "the"sv || IsHeadlineVerb(toks[c.a].lower))) {
        ++c.a;
      }
      if (b <= c.a) {
        continue;
      }
      c.b = b;

      EntityMention m;
      m.doc = doc_index;
      m.in_text = in_text;
      m.first_token = c.a;
      m.last_token = c.b;
      m.sentence = si;
      m.start = toks[c.a].start;
      m.end = toks[c.b - 1].end;
      m.title = title;
      std::string surface(doc.Slice(m.start, m.end));
      // The possessive may be glued to the word ("Russia’s" as one token).
      for (std::string_view suf : {"\xE2\x80\x99s", "'s"}) {
        if (surface.size() > suf.size() + 1 && surface.ends_with(suf)) {
          surface.resize(surface.size() - suf.size());
          m.end -= suf.size();
        }
      }
      m.name = surface;
      const std::string loose = Gazetteer::LooseKey(surface);
      // What follows the chunk (after a possessive).
      size_t next = c.b;
      while (next < s1 && IsPossessive(toks[next].lower)) {
        ++next;
      }
      const std::string_view next_word = next < s1 ? std::string_view(toks[next].lower) : "";

      if (c.type == 3 || c.type == 2 || c.type == 1) {
        // Demonyms: "Ukrainian forces" is a group; a bare "Russian" is a mention of type
        // other (a nationality), and context for places.
        std::optional<uint32_t> country;
        if (c.b - c.a <= 2) {
          country = gazetteer->CountryOfDemonym(surface);
        }
        if (country && c.type != 2) {
          demonym_countries.insert(gazetteer->place(*country).country);
          if (IsForceNoun(next_word)) {
            if (next_word == "armed" && next + 1 < s1 && toks[next + 1].lower == "forces"sv) {
              ++next;
            }
            m.type = "group";
            m.end = toks[next].end;
            m.last_token = next + 1;
            m.name = std::string(doc.Slice(m.start, m.end));
          } else {
            m.type = "other";
          }
          out.push_back(std::move(m));
          continue;
        }
      }
      switch (c.type) {
        case 0:
          m.type = "person";
          break;
        case 1:
          m.type = "organization";
          break;
        case 2:
          m.type = "place";
          break;
        default:
          m.type = "other";
      }
      {
        const size_t nwords = c.b - c.a;
        const std::string first = Lower(word(c.a));
        if (first == "battle" || first == "siege" || first == "operation" || first == "war") {
          m.type = "other";
        } else if (IsSeatOfPower(loose)) {
          m.type = "organization";
        } else if (m.type == "place" && IsPlatformName(loose)) {
          m.type = "organization";
        } else if (m.type == "person" && nwords == 1 && title.empty()) {
          // "Kyiv's forces": a big place the tagger took for a surname.
          for (uint32_t cand : gazetteer->Candidates(surface)) {
            const GeoPlace& p = gazetteer->place(cand);
            if (p.kind == PlaceKind::kCountry || p.population >= 500000) {
              m.type = "place";
            }
          }
        } else if (m.type == "other" && nwords == 1) {
          // Single-word MISC: a place the tagger was unsure of, else other ("Islamic",
          // "Olympic", "Wimbledon").
          bool place = false;
          for (uint32_t cand : gazetteer->Candidates(surface)) {
            const GeoPlace& p = gazetteer->place(cand);
            if (p.kind == PlaceKind::kCountry || p.population >= 100000) {
              place = true;
            }
          }
          if (place) {
            m.type = "place";
          }
        }
      }
      // Units and armed groups.
      {
        size_t last_sp = loose.rfind(' ');
        std::string head = last_sp == std::string::npos ? loose : loose.substr(last_sp + 1);
        const std::string head_word = Lower(word(c.b - 1));
        // A MISC name ending in a generic head ("Eastern Division", "Group B") is a unit
        // only when it is numbered ("25th Division").
        const bool generic_head = InSet(head_word, {"division", "group", "unit", "units"});
        const bool numbered = toks[c.a].kind == text::TokenKind::kNumber ||
                              (toks[c.a].lower[0] >= '0' && toks[c.a].lower[0] <= '9');
        bool group = IsArmedGroupName(loose) ||
                     (m.type != "place" && c.b - c.a >= 2 && IsGroupHead(head_word) &&
                      (m.type != "other" || !generic_head || numbered));
        // A name followed by "mercenaries", "group"...: for a MISC name (often an
        // adjective: "Moslem militants", "European group") only a capitalised head.
        const bool next_capitalized = next < s1 && toks[next].capitalized;
        if (!group &&
            (m.type == "organization" || m.type == "person" ||
             (m.type == "other" && next_capitalized)) &&
            (next_word == "mercenaries" || next_word == "fighters" || next_word == "group" ||
             next_word == "militants" || next_word == "brigade" || next_word == "battalion")) {
          group = true;
          if (next_word == "group" || next_word == "brigade" || next_word == "battalion") {
            m.end = toks[next].end;
            m.last_token = next + 1;
            m.name = std::string(doc.Slice(m.start, m.end));
          }
        }
        if (group) {
          m.type = "group";
        }
        (void)head;
      }
      // "Donetsk region": a place, or a name that could be one ("English county", "Jewish
      // state" are not).
      if ((m.type == "place" || m.type == "other" || m.type == "organization") &&
          IsRegionWord(next_word) && !gazetteer->Candidates(surface).empty()) {
        if (IsRegionWord(next_word) && next == c.b) {
          m.type = "place";
          m.region_hint = true;
          m.end = toks[next].end;
          m.last_token = next + 1;
          m.name = std::string(doc.Slice(m.start, m.end));
        }
      }
      out.push_back(std::move(m));
    }
  }
}

}  // namespace

DocMentions FindEntityMentions(size_t doc_index, const Document& doc, const text::DocText& text,
                               const Gazetteer* gazetteer, const text::DocText* other_blocks) {
  DocMentions out;
  if (!gazetteer) {
    static const Gazetteer* fallback = Gazetteer::BuiltinOnly().release();
    gazetteer = fallback;
  }
  TaggerDocState state;
  std::set<std::string> demonym_countries;
  // Sentences in document order, whichever text they belong to: the tagger remembers the
  // types it gave earlier in the document.
  const size_t n_text = text.sentences.size();
  const size_t n_other = other_blocks != nullptr ? other_blocks->sentences.size() : 0;
  size_t a = 0, b = 0;
  while (a < n_text || b < n_other) {
    if (b == n_other ||
        (a < n_text && text.sentences[a].start < other_blocks->sentences[b].start)) {
      size_t end = a + 1;
      while (end < n_text &&
             (b == n_other || text.sentences[end].start < other_blocks->sentences[b].start)) {
        ++end;
      }
      FindMentionsIn(doc_index, doc, text, true, a, end, gazetteer, state, demonym_countries,
                     out.mentions);
      a = end;
    } else {
      size_t end = b + 1;
      while (end < n_other &&
             (a == n_text || other_blocks->sentences[end].start < text.sentences[a].start)) {
        ++end;
      }
      FindMentionsIn(doc_index, doc, *other_blocks, false, b, end, gazetteer, state,
                     demonym_countries, out.mentions);
      b = end;
    }
  }
  // A people ("Tartar populations") or the first words of a longer name ("Royal" United
  // Services Institute) is no place (src/extract/place.h).
  auto not_a_place = [&](const EntityMention& m) {
    if (m.type != "place") {
      return false;
    }
    const PlaceUse use = ClassifyPlaceUse(doc.text, m.start, m.end, gazetteer);
    return use == PlaceUse::kPeople || use == PlaceUse::kNamePart;
  };
  std::erase_if(out.mentions, not_a_place);
  PropagateNames(doc_index, doc, text, other_blocks, out.mentions);
  std::erase_if(out.mentions, not_a_place);
  // A template line that is nothing but a name-like label ("Subscribe", "Email", "Read
  // Full Article") is page furniture, not a name: outside the article text, a mention that
  // fills its whole boilerplate block (no digit, no other word) is dropped. Results
  // tables and casualty lists keep theirs: their lines hold numbers and several names.
  std::erase_if(out.mentions, [&](const EntityMention& m) {
    return !m.in_text && FillsFurnitureBlock(doc, m.start, m.end);
  });
  if (n_other > 0) {
    std::stable_sort(
        out.mentions.begin(), out.mentions.end(),
        [](const EntityMention& a, const EntityMention& b) { return a.start < b.start; });
  }
  out.demonym_countries.assign(demonym_countries.begin(), demonym_countries.end());
  return out;
}

bool PageFurniture(std::string_view block_text) {
  const clean::TextFeatures f = clean::ComputeFeatures(block_text);
  return f.junk_phrases > 0 || f.starts_junk || f.url_only || f.template_tokens ||
         f.caption_marker || f.trailing_tag || f.label_prefix;
}

bool FillsFurnitureBlock(const Document& doc, size_t start, size_t end) {
  auto it = std::upper_bound(doc.blocks.begin(), doc.blocks.end(), start,
                             [](size_t pos, const Block& b) { return pos < b.start; });
  if (it == doc.blocks.begin()) return false;
  const Block& b = *std::prev(it);
  if (b.role != BlockRole::kBoilerplate || end > b.end || b.end > doc.text.size()) return false;
  for (size_t i = b.start; i < b.end; ++i) {
    const unsigned char c = static_cast<unsigned char>(doc.text[i]);
    if (i >= start && i < end) continue;
    if (std::isalnum(c) || c >= 0x80) return false;  // another word, a digit
  }
  return true;
}

std::vector<size_t> EntityOnlyBlocks(const Document& doc) {
  // Plain text (no block has an HTML tag) is the text the user gave: all of it counts.
  size_t first = 0, last = doc.blocks.size();
  if (std::any_of(doc.blocks.begin(), doc.blocks.end(),
                  [](const Block& b) { return !b.tag.empty(); })) {
    first = doc.blocks.size(), last = 0;
    for (size_t b = 0; b < doc.blocks.size(); ++b) {
      if (doc.blocks[b].role == BlockRole::kBody) {
        first = std::min(first, b);
        last = b;
      }
    }
  }
  std::vector<size_t> out;
  for (size_t b = 0; b < doc.blocks.size(); ++b) {
    const Block& block = doc.blocks[b];
    if (block.start >= block.end || block.end > doc.text.size()) {
      continue;
    }
    switch (block.role) {
      case BlockRole::kCaption:
      case BlockRole::kByline:
        out.push_back(b);
        break;
      case BlockRole::kBoilerplate:
        if (first <= b && b <= last && 2 * block.link_bytes <= block.end - block.start &&
            !PageFurniture(doc.Slice(block))) {
          out.push_back(b);
        }
        break;
      default:
        break;
    }
  }
  return out;
}

void ResolveDocumentPlaces(const Gazetteer& gazetteer, DocMentions& doc, std::string_view text) {
  std::vector<PlaceQuery> queries;
  std::vector<size_t> which;
  for (size_t k = 0; k < doc.mentions.size(); ++k) {
    EntityMention& m = doc.mentions[k];
    if (m.type != "place") {
      continue;
    }
    std::string name = m.name;
    if (InSet(Gazetteer::LooseKey(name), {"west", "east", "north", "south", "western", "eastern",
                                          "northern", "southern", "the west", "the east"})) {
      continue;
    }
    if (m.region_hint) {
      size_t sp = name.rfind(' ');
      if (sp != std::string::npos) {
        name.resize(sp);
      }
    }
    queries.push_back(
        {name, m.region_hint, m.start, !text.empty() && UsedAsPlace(text, m.start, m.end)});
    which.push_back(k);
  }
  auto picks = ResolvePlaces(gazetteer, queries, doc.demonym_countries);
  for (size_t q = 0; q < picks.size(); ++q) {
    doc.mentions[which[q]].place = picks[q];
  }
}

namespace {

using base::UnionFind;

std::vector<std::string> LooseWords(std::string_view name) {
  std::vector<std::string> out;
  std::string key = Gazetteer::LooseKey(name);
  size_t p = 0;
  while (p < key.size()) {
    size_t q = key.find(' ', p);
    if (q == std::string::npos) {
      q = key.size();
    }
    if (q > p) {
      out.push_back(key.substr(p, q - p));
    }
    p = q + 1;
  }
  return out;
}

bool IsNameSuffix(std::string_view w) { return InSet(w, {"jr", "sr", "ii", "iii", "iv"}); }

// Given name and surname keys of a person name.
std::pair<std::string, std::string> PersonParts(std::string_view name) {
  auto w = LooseWords(name);
  while (w.size() > 1 && IsNameSuffix(w.back())) {
    w.pop_back();
  }
  if (w.empty()) {
    return {"", ""};
  }
  if (w.size() == 1) {
    return {"", w[0]};
  }
  return {w.front(), w.back()};
}

// Organization key: bag of content words (spellings folded) plus the country that
// qualifies it ("Russia's Defence Ministry", "Russian Ministry of Defense" -> RU).
std::pair<std::string, std::string> OrgKey(std::string_view name, const Gazetteer& g) {
  auto words = LooseWords(name);
  std::string country;
  std::vector<std::string> bag;
  for (size_t i = 0; i < words.size(); ++i) {
    std::string w = words[i];
    if (w.size() > 1 && w.ends_with("s") && i + 1 < words.size() && country.empty()) {
      // "russias" from "Russia's" (apostrophe dropped by the loose key)
      if (auto c = g.Candidates(w.substr(0, w.size() - 1));
          !c.empty() && g.place(c[0]).kind == PlaceKind::kCountry) {
        country = g.place(c[0]).country;
        continue;
      }
    }
    if (i == 0 && words.size() > 1) {
      if (auto d = g.CountryOfDemonym(w)) {
        country = g.place(*d).country;
        continue;
      }
    }
    if (IsFunctionWord(w)) {
      continue;
    }
    bag.push_back(FoldSpelling(w));
  }
  std::sort(bag.begin(), bag.end());
  std::string key;
  for (const auto& w : bag) {
    key += w + " ";
  }
  return {country, key};
}

bool IsAcronymLike(std::string_view s) {
  int upper = 0, lower = 0;
  for (char c : s) {
    if (c >= 'A' && c <= 'Z') {
      ++upper;
    } else if (c >= 'a' && c <= 'z') {
      ++lower;
    } else if (c != '.' && c != '&') {
      return false;
    }
  }
  return upper >= 2 && upper + lower <= 7 && lower <= 2;
}

bool IsOrgWord(std::string_view w) {
  return InSet(
      w, {"ministry",      "institute",  "group",       "agency",       "forces",       "brigade",
          "council",       "committee",  "party",       "bank",         "university",   "company",
          "corp",          "inc",        "ltd",         "news",         "times",        "post",
          "press",         "union",      "army",        "navy",         "office",       "service",
          "services",      "department", "court",       "government",   "parliament",   "assembly",
          "commission",    "foundation", "association", "organization", "organisation", "network",
          "international", "airlines",   "club",        "fc",           "united",       "city",
          "motors",        "media",      "agency",      "centre",       "center",       "house",
          "guard",         "fund",       "bureau",      "board",        "journal",      "tribune",
          "herald",        "telegraph",  "television",  "radio",        "tv",           "energy",
          "oil",           "gas",        "holdings",    "systems",      "technologies", "labs",
          "school",        "college",    "hospital",    "church",       "federation",   "league",
          "alliance",      "front",      "movement",    "republic",     "state",        "states",
          "nations",       "kingdom",    "police",      "military",     "command",      "staff",
          "council",       "cabinet",    "senate",      "congress",     "duma",         "rada",
          "kremlin",       "reuters",    "ap",          "cnn",          "bbc",          "sun",
          "daily",         "weekly",     "magazine",    "channel",      "studio",       "studios",
          "records",       "airways",    "rail",        "railways",     "port",         "exchange",
          "market",        "markets",    "capital",     "partners",     "associates",   "unit",
          "corps",         "regiment",   "battalion"});
}

// True when a word of `name` is a country, a demonym or a city of 100,000 or more
// ("Fortress Bakhmut" is not a person).
bool NamesBigPlace(std::string_view name, const Gazetteer& g) {
  size_t p = 0;
  while (p < name.size()) {
    size_t q = name.find(' ', p);
    if (q == std::string_view::npos) {
      q = name.size();
    }
    std::string_view w = name.substr(p, q - p);
    p = q + 1;
    if (w.empty()) {
      continue;
    }
    if (g.CountryOfDemonym(w)) {
      return true;
    }
    for (uint32_t c : g.Candidates(w)) {
      const GeoPlace& pl = g.place(c);
      if (pl.kind == PlaceKind::kCountry || pl.population >= 100000) {
        return true;
      }
    }
  }
  return false;
}

bool LooksLikePersonName(std::string_view name) {
  std::vector<std::string> words;
  std::string cur;
  for (char c : name) {
    if (c == ' ') {
      if (!cur.empty()) {
        words.push_back(cur);
      }
      cur.clear();
    } else {
      cur.push_back(c);
    }
  }
  if (!cur.empty()) {
    words.push_back(cur);
  }
  if (words.size() < 2 || words.size() > 3) {
    return false;
  }
  for (const std::string& w : words) {
    if (w.size() < 2 || !(w[0] >= 'A' && w[0] <= 'Z')) {
      return false;
    }
    bool lower_rest = false;
    for (size_t i = 1; i < w.size(); ++i) {
      lower_rest |= (w[i] >= 'a' && w[i] <= 'z');
    }
    if (!lower_rest) {
      return false;  // acronyms, ALL CAPS
    }
    if (IsOrgWord(Lower(w)) || IsFunctionWord(Lower(w))) {
      return false;
    }
  }
  return true;
}

// Each mention's vote for its name's type (TypeVotes), in tenths.
class TypeVoter {
 public:
  TypeVoter(const std::vector<EntityMention>& mentions, const Gazetteer& g)
      : mentions_(mentions), g_(g), tagger_(EntityTagger::Default()) {
    // Given names and surnames of the names the tagger called persons, per document.
    for (const EntityMention& m : mentions) {
      if (m.type == "person") {
        auto [given, surname] = PersonParts(m.name);
        if (!given.empty()) person_words_.insert(DocWord(m.doc, given));
        if (!surname.empty()) person_words_.insert(DocWord(m.doc, surname));
      }
    }
  }

  static int Slot(const std::string& t) {
    return t == "person" ? 0 : t == "organization" ? 1 : t == "other" ? 2 : -1;
  }

  // Whether mentions[k] votes (a person, organization or other that is not an acronym).
  bool Votes(size_t k) const {
    return Slot(mentions_[k].type) >= 0 && !IsAcronymLike(mentions_[k].name);
  }

  // The vote of mentions[k], which Votes.
  std::array<int64_t, 3> Vote(size_t k) const {
    const EntityMention& m = mentions_[k];
    const int s = Slot(m.type);
    const auto [given, surname] = PersonParts(m.name);
    if (s == 1 && LooksLikePersonName(m.name) && !NamesBigPlace(m.name, g_) &&
        (person_words_.contains(DocWord(m.doc, given)) ||
         person_words_.contains(DocWord(m.doc, surname)) ||
         !tagger_.KnowsWord(m.name.substr(m.name.rfind(' ') + 1)))) {
      // The tagger is unsure of unseen names ("Volodymyr Zelensky" as ORG): a two- or
      // three-word name without any organization word leans person when its given name
      // or surname names a person elsewhere ("Zelensky said", "Volodymyr Zelenskyy") or
      // its last word is one the tagger never learnt ("Zelensky"); names of known words
      // ("Federal Reserve", "Red Star", "White Sox") keep the tagger's word.
      return {6, 4, 0};
    }
    std::array<int64_t, 3> v{};
    v[static_cast<size_t>(s)] = s == 2 ? 5 : (s == 0 && !m.title.empty() ? 30 : 10);
    return v;
  }

  static std::string DocWord(size_t doc, const std::string& w) {
    return std::to_string(doc) + '\x1f' + w;
  }

 private:
  const std::vector<EntityMention>& mentions_;
  const Gazetteer& g_;
  const EntityTagger& tagger_;
  std::unordered_set<std::string> person_words_;
};

void AddVote(std::array<int64_t, 3>& into, const std::array<int64_t, 3>& v) {
  for (size_t y = 0; y < 3; ++y) into[y] += v[y];
}

const Gazetteer& GazetteerOrBuiltin(const Gazetteer* gazetteer) {
  static const Gazetteer* fallback = Gazetteer::BuiltinOnly().release();
  return gazetteer ? *gazetteer : *fallback;
}

}  // namespace

void TypeVotes::Add(const TypeVotes& other) {
  for (const auto& [name, v] : other.by_name) AddVote(by_name[name], v);
}

TypeVotes CountTypeVotes(const std::vector<EntityMention>& mentions, const Gazetteer* gazetteer) {
  const TypeVoter voter(mentions, GazetteerOrBuiltin(gazetteer));
  TypeVotes out;
  for (size_t k = 0; k < mentions.size(); ++k) {
    if (voter.Votes(k)) AddVote(out.by_name[Gazetteer::LooseKey(mentions[k].name)], voter.Vote(k));
  }
  return out;
}

namespace {

// Indices of `mentions` by document, then by position in it: the order entities are
// numbered in (order of first mention).
std::vector<size_t> FirstMentionOrder(const std::vector<EntityMention>& mentions) {
  std::vector<size_t> order(mentions.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) {
    if (mentions[a].doc != mentions[b].doc) return mentions[a].doc < mentions[b].doc;
    return mentions[a].start < mentions[b].start;
  });
  return order;
}

// MergeEntities over documents named by `doc_ids` (indexed by EntityMention::doc); the
// entities get their mentions when `docs` (the same documents) is not null.
std::vector<Entity> Merge(const std::vector<std::string_view>& doc_ids,
                          const std::vector<Document>* docs,
                          const std::vector<EntityMention>& mentions, const Gazetteer* gazetteer,
                          std::vector<size_t>& entity_of, const TypeVotes* collection) {
  const size_t n = mentions.size();
  const Gazetteer& g = GazetteerOrBuiltin(gazetteer);
  // 0. One name, one type (TypeVotes). Titles ("President", "Mr") are strong person
  // evidence.
  std::vector<std::string> type(n);
  {
    const TypeVoter voter(mentions, g);
    // A document's own mentions count twice: the batch (or the collection) decides only
    // where the document hesitates ("Red Star" the club in one report, a person's name in
    // another).
    TypeVotes batch;
    std::unordered_map<std::string, std::array<int64_t, 3>> doc_votes;
    std::vector<std::string> loose(n);
    for (size_t k = 0; k < n; ++k) {
      if (!voter.Votes(k)) continue;
      loose[k] = Gazetteer::LooseKey(mentions[k].name);
      const std::array<int64_t, 3> v = voter.Vote(k);
      if (!collection) AddVote(batch.by_name[loose[k]], v);
      AddVote(doc_votes[TypeVoter::DocWord(mentions[k].doc, loose[k])], v);
    }
    const TypeVotes& votes = collection ? *collection : batch;
    // Surnames of multi-word person names vote for their one-word mentions.
    std::unordered_map<std::string, int64_t> surname_votes;
    for (const auto& [name, v] : votes.by_name) {
      if (v[0] > v[1] && v[0] > v[2] && name.find(' ') != std::string::npos) {
        surname_votes[name.substr(name.rfind(' ') + 1)] += v[0];
      }
    }
    for (size_t k = 0; k < n; ++k) {
      type[k] = mentions[k].type;
      if (!voter.Votes(k)) continue;
      std::array<int64_t, 3> v{};
      if (auto it = votes.by_name.find(loose[k]); it != votes.by_name.end()) {
        v = it->second;
        if (loose[k].find(' ') == std::string::npos) {
          if (auto sv = surname_votes.find(loose[k]); sv != surname_votes.end()) {
            v[0] += sv->second;
          }
        }
      }
      AddVote(v, doc_votes.at(TypeVoter::DocWord(mentions[k].doc, loose[k])));
      const size_t best = v[0] >= v[1] && v[0] >= v[2] ? 0 : v[1] >= v[2] ? 1 : 2;
      type[k] = best == 0 ? "person" : best == 1 ? "organization" : "other";
    }
  }
  UnionFind uf(n);
  // 1. Same type and same key.
  std::vector<std::string> key(n);
  for (size_t k = 0; k < n; ++k) {
    const EntityMention& m = mentions[k];
    const std::string& mtype = type[k];
    if (mtype == "place" && m.place) {
      const GeoPlace& p = g.place(*m.place);
      key[k] = "place:" + (p.geonames_id ? std::to_string(p.geonames_id)
                                         : p.country + "/" + p.admin1 + "/" + p.name);
      if (p.kind == PlaceKind::kAdmin1) {
        key[k] += "/region";
      }
    } else if (mtype == "organization") {
      auto [country, bag] = OrgKey(m.name, g);
      key[k] = "org:" + country + ":" + bag;
    } else if (mtype == "group") {
      // Plain lower-case words (the loose key would fold "troops" to "trops").
      std::vector<std::string> words;
      {
        std::string lower = Lower(m.name);
        size_t p = 0;
        while (p < lower.size()) {
          size_t q = lower.find(' ', p);
          if (q == std::string::npos) {
            q = lower.size();
          }
          if (q > p) {
            words.push_back(lower.substr(p, q - p));
          }
          p = q + 1;
        }
      }
      std::string k2;
      const size_t nw = words.size();
      for (size_t i = 0; i < nw; ++i) {
        const std::string& w = words[i];
        if (i == 0 && nw > 1) {
          if (auto d = g.CountryOfDemonym(w)) {
            k2 += g.place(*d).country + " ";
            continue;
          }
        }
        if (nw > 1 && (w == "group" || w == "pmc")) {
          continue;
        }
        if (nw > 1 && i + 1 == nw && IsForceNoun(w) && w != "mercenaries" && w != "fighters" &&
            w != "militants") {
          k2 += "forces";
          continue;
        }
        k2 += Gazetteer::LooseKey(w) + " ";
      }
      key[k] = "group:" + k2;
    } else {
      key[k] = mtype + ":" + Gazetteer::LooseKey(m.name);
    }
  }
  {
    std::unordered_map<std::string, size_t> first;
    for (size_t k = 0; k < n; ++k) {
      auto [it, inserted] = first.emplace(key[k], k);
      if (!inserted) {
        uf.Union(it->second, k);
      }
    }
  }
  // Documents each cluster appears in, and which clusters co-occur (context).
  auto cluster_docs = [&]() {
    std::unordered_map<size_t, std::set<size_t>> d;
    for (size_t k = 0; k < n; ++k) {
      d[uf.Find(k)].insert(mentions[k].doc);
    }
    return d;
  };
  // Name parts once per mention (the loops below compare them many times).
  std::vector<std::pair<std::string, std::string>> parts(n);
  for (size_t k = 0; k < n; ++k) {
    if (type[k] == "person") {
      parts[k] = PersonParts(mentions[k].name);
    }
  }
  // 2. Persons: short forms join full names.
  {
    std::vector<size_t> single;
    std::unordered_map<std::string, std::vector<size_t>> full_by_surname, full_by_given;
    for (size_t k = 0; k < n; ++k) {
      if (type[k] != "person" || parts[k].second.empty()) {
        continue;
      }
      if (parts[k].first.empty()) {
        single.push_back(k);
      } else {
        full_by_surname[parts[k].second].push_back(k);
        full_by_given[parts[k].first].push_back(k);
      }
    }
    // Full names with the same surname and compatible given names ("V. Putin"): compared
    // once per distinct given name (a name a corpus repeats thousands of times would make
    // every pair of its mentions a comparison).
    for (auto& [sur, list] : full_by_surname) {
      std::map<std::string, size_t> by_given;  // distinct given name -> a mention of it
      for (size_t k : list) {
        auto [it, fresh] = by_given.emplace(parts[k].first, k);
        if (!fresh) {
          uf.Union(it->second, k);
        }
      }
      for (auto a = by_given.begin(); a != by_given.end(); ++a) {
        const std::string& g1 = a->first;
        for (auto b = std::next(a); b != by_given.end(); ++b) {
          const std::string& g2 = b->first;
          if (g1[0] == g2[0] && (g1.size() == 1 || g2.size() == 1)) {
            uf.Union(a->second, b->second);
          }
        }
      }
    }
    auto docs_of = cluster_docs();
    for (size_t k : single) {
      const std::string& sur = parts[k].second;
      std::set<size_t> roots;
      if (auto it = full_by_surname.find(sur); it != full_by_surname.end()) {
        for (size_t f : it->second) {
          roots.insert(uf.Find(f));
        }
      } else if (auto it2 = full_by_given.find(sur); it2 != full_by_given.end()) {
        for (size_t f : it2->second) {
          roots.insert(uf.Find(f));
        }
      }
      if (roots.size() > 1) {
        // Prefer the one mentioned in the same document.
        std::set<size_t> same_doc;
        for (size_t r : roots) {
          if (docs_of[r].count(mentions[k].doc)) {
            same_doc.insert(r);
          }
        }
        roots = same_doc;
      }
      if (roots.size() == 1) {
        uf.Union(k, *roots.begin());
      }
    }
  }
  // 3. Persons: misspellings and transliterations within a small edit distance, compared
  // within buckets of the surname's first letter.
  {
    std::unordered_map<char, std::vector<size_t>> reps_by_letter;
    std::set<std::pair<std::string, std::string>> seen;
    for (size_t k = 0; k < n; ++k) {
      if (type[k] != "person" || parts[k].second.size() < 5) {
        continue;
      }
      if (seen.insert(parts[k]).second) {
        reps_by_letter[parts[k].second[0]].push_back(k);
      }
    }
    // Whether clusters a and b co-occur: mentioned in one document, or a third cluster is
    // mentioned in a document of a and in a document of b. Read from each cluster's
    // mentions and each document's mentions (kept up to date as clusters join), not from
    // a scan of every mention per question: the scan made this step grow with the square
    // of the corpus.
    std::unordered_map<size_t, std::vector<size_t>> members;
    std::vector<std::vector<size_t>> by_doc(doc_ids.size());
    for (size_t k = 0; k < n; ++k) {
      members[uf.Find(k)].push_back(k);
      by_doc[mentions[k].doc].push_back(k);
    }
    auto join = [&](size_t x, size_t y) {
      x = uf.Find(x), y = uf.Find(y);
      if (x == y) return;
      uf.Union(x, y);
      const size_t root = uf.Find(x), other = root == x ? y : x;
      std::vector<size_t>& into = members[root];
      std::vector<size_t>& from = members[other];
      into.insert(into.end(), from.begin(), from.end());
      members.erase(other);
    };
    auto cooccur = [&](size_t a, size_t b) {
      a = uf.Find(a), b = uf.Find(b);
      std::set<size_t> da, db;
      for (size_t k : members[a]) da.insert(mentions[k].doc);
      for (size_t k : members[b]) db.insert(mentions[k].doc);
      for (size_t d : da) {
        if (db.count(d)) {
          return true;
        }
      }
      auto keys = [&](const std::set<size_t>& docs_in) {
        std::set<std::string> out;
        for (size_t d : docs_in) {
          for (size_t k : by_doc[d]) {
            const size_t r = uf.Find(k);
            if (r != a && r != b) out.insert(key[k]);
          }
        }
        return out;
      };
      const std::set<std::string> ka = keys(da), kb = keys(db);
      for (const auto& x : ka) {
        if (kb.count(x)) {
          return true;
        }
      }
      return false;
    };
    for (auto& [letter, reps] : reps_by_letter) {
      for (size_t i = 0; i < reps.size(); ++i) {
        const auto& [g1, s1] = parts[reps[i]];
        for (size_t j = i + 1; j < reps.size(); ++j) {
          if (uf.Find(reps[i]) == uf.Find(reps[j])) {
            continue;
          }
          const auto& [g2, s2] = parts[reps[j]];
          size_t len = std::min(s1.size(), s2.size());
          size_t limit = len >= 7 ? 2 : 1;
          if (s1 == s2 ||
              (s1.size() > s2.size() ? s1.size() - s2.size() : s2.size() - s1.size()) > limit ||
              EditDistance(s1, s2) > limit) {
            continue;
          }
          bool given_ok = g1.empty() || g2.empty() || g1[0] == g2[0];
          if (!given_ok) {
            continue;
          }
          bool same_given = !g1.empty() && g1 == g2;
          if (same_given || cooccur(reps[i], reps[j])) {
            join(reps[i], reps[j]);
          }
        }
      }
    }
  }
  // 4. Organizations: acronyms, and unqualified names that one qualified name explains.
  {
    std::vector<size_t> orgs;
    std::map<std::string, std::vector<size_t>> org_names;  // distinct spelled-out names
    for (size_t k = 0; k < n; ++k) {
      if (type[k] == "organization" || type[k] == "group" || type[k] == "other") {
        orgs.push_back(k);
        if (type[k] != "other" && !IsAcronymLike(mentions[k].name)) {
          org_names[mentions[k].name].push_back(k);
        }
      }
    }
    auto docs_of = cluster_docs();
    // Spelled-out names by the initials an acronym of them may spell (IsAcronymOf as an
    // index: one lookup per acronym instead of a scan of every name).
    std::unordered_map<std::string, std::vector<const std::vector<size_t>*>> names_by_initials;
    for (const auto& [name, list] : org_names) {
      for (std::string& key : AcronymKeys(name)) {
        names_by_initials[std::move(key)].push_back(&list);
      }
    }
    std::map<std::string, std::vector<size_t>> acronym_matches;
    for (size_t k : orgs) {
      if (!IsAcronymLike(mentions[k].name)) {
        continue;
      }
      auto [it, inserted] = acronym_matches.emplace(mentions[k].name, std::vector<size_t>());
      if (inserted) {
        const std::string letters = AcronymLetters(mentions[k].name);
        if (auto found = names_by_initials.find(letters);
            letters.size() >= 2 && found != names_by_initials.end()) {
          for (const std::vector<size_t>* list : found->second) {
            it->second.insert(it->second.end(), list->begin(), list->end());
          }
        }
      }
      std::set<size_t> roots;
      for (size_t o : it->second) {
        roots.insert(uf.Find(o));
      }
      if (roots.size() > 1) {
        std::set<size_t> same_doc;
        for (size_t r : roots) {
          if (docs_of[r].count(mentions[k].doc)) {
            same_doc.insert(r);
          }
        }
        roots = same_doc;
      }
      if (roots.size() == 1) {
        uf.Union(k, *roots.begin());
      }
    }
    // "org::defense ministry" joins "org:RU:defense ministry" when that is the only one.
    std::map<std::string, std::set<std::string>> countries_of_bag;
    std::map<std::pair<std::string, std::string>, size_t> rep_of;
    std::vector<std::pair<size_t, std::pair<std::string, std::string>>> org_keys;
    for (size_t k : orgs) {
      if (type[k] != "organization") {
        continue;
      }
      org_keys.push_back({k, OrgKey(mentions[k].name, g)});
      const auto& [country, bag] = org_keys.back().second;
      if (!country.empty()) {
        countries_of_bag[bag].insert(country);
      }
      rep_of.emplace(std::make_pair(country, bag), k);
    }
    for (const auto& [k, ck] : org_keys) {
      const auto& [country, bag] = ck;
      if (!country.empty()) {
        continue;
      }
      auto it = countries_of_bag.find(bag);
      if (it != countries_of_bag.end() && it->second.size() == 1) {
        uf.Union(k, rep_of[{*it->second.begin(), bag}]);
      }
    }
  }

  // Build entities in order of first mention.
  const std::vector<size_t> order = FirstMentionOrder(mentions);
  std::unordered_map<size_t, size_t> entity_of_root;
  std::unordered_map<size_t, size_t> first_in_doc;  // doc -> entities first mentioned there
  std::vector<Entity> entities;
  std::vector<std::map<std::string, int>> name_counts;
  entity_of.assign(n, 0);
  for (size_t k : order) {
    size_t r = uf.Find(k);
    auto [it, inserted] = entity_of_root.emplace(r, entities.size());
    if (inserted) {
      Entity e;
      // Named after the first mention (the k-th entity first mentioned in that document),
      // so that documents added later do not renumber the entities of earlier ones.
      const size_t ordinal = ++first_in_doc[mentions[k].doc];
      e.id = "e" + std::to_string(ordinal) + "@" + std::string(doc_ids[mentions[k].doc]);
      e.type = type[k];
      entities.push_back(std::move(e));
      name_counts.emplace_back();
    }
    size_t ei = it->second;
    entity_of[k] = ei;
    const EntityMention& m = mentions[k];
    Entity& e = entities[ei];
    if (docs) {
      const Document& d = (*docs)[m.doc];
      e.mentions.push_back({d.id, std::string(d.Slice(m.start, m.end)), m.start, m.end});
    }
    name_counts[ei][m.name] += 1;
    if (m.type == "place" && m.place && !e.lat) {
      const GeoPlace& p = g.place(*m.place);
      e.lat = p.lat;
      e.lon = p.lon;
      if (p.geonames_id) {
        e.geonames_id = p.geonames_id;
      }
      if (!p.country.empty()) {
        e.country = p.country;
      }
      switch (p.kind) {
        case PlaceKind::kCity:
          e.place_kind = "city";
          break;
        case PlaceKind::kAdmin1:
        case PlaceKind::kRegion:
          e.place_kind = "region";
          break;
        case PlaceKind::kCountry:
          e.place_kind = "country";
          break;
        case PlaceKind::kContinent:
          e.place_kind = "continent";
          break;
      }
    }
  }
  for (size_t ei = 0; ei < entities.size(); ++ei) {
    Entity& e = entities[ei];
    // Canonical name: the most words (full names over short forms, spelled-out names over
    // acronyms), then the most frequent, then the first seen.
    std::string best;
    int best_words = -1, best_count = -1;
    for (const auto& [name, count] : name_counts[ei]) {
      int words = static_cast<int>(LooseWords(name).size());
      if (IsAcronymLike(name)) {
        words = 0;
      }
      if (e.type != "person" && e.type != "organization") {
        words = 0;
      }
      if (words > best_words || (words == best_words && count > best_count)) {
        best = name, best_words = words, best_count = count;
      }
    }
    e.name = best;
    for (const auto& [name, count] : name_counts[ei]) {
      if (name != best) {
        e.aliases.push_back(name);
      }
    }
  }
  return entities;
}

}  // namespace

std::vector<Entity> MergeEntities(const std::vector<Document>& docs,
                                  const std::vector<EntityMention>& mentions,
                                  const Gazetteer* gazetteer, std::vector<size_t>& entity_of,
                                  const TypeVotes* collection) {
  std::vector<std::string_view> ids;
  ids.reserve(docs.size());
  for (const Document& d : docs) ids.push_back(d.id);
  return Merge(ids, &docs, mentions, gazetteer, entity_of, collection);
}

EntityMerge MergeCollectionEntities(const std::vector<DocEntityMentions>& docs,
                                    const Gazetteer* gazetteer) {
  std::vector<std::string_view> ids;
  std::vector<EntityMention> all;
  ids.reserve(docs.size());
  for (size_t i = 0; i < docs.size(); ++i) {
    ids.push_back(docs[i].doc);
    for (const EntityMention& m : docs[i].mentions) {
      all.push_back(m);
      all.back().doc = i;
    }
  }
  std::vector<size_t> entity_of;
  EntityMerge out;
  out.entities = Merge(ids, nullptr, all, gazetteer, entity_of, nullptr);
  size_t k = 0;
  for (const DocEntityMentions& d : docs) {
    std::vector<uint32_t>& of = out.of_document[d.doc];
    of.reserve(d.mentions.size());
    for (size_t j = 0; j < d.mentions.size(); ++j) {
      of.push_back(static_cast<uint32_t>(entity_of[k++]));
    }
  }
  return out;
}

std::optional<std::vector<Entity>> EntitiesFromMerge(const std::vector<Document>& docs,
                                                     const std::vector<EntityMention>& mentions,
                                                     const EntityMerge& merge,
                                                     std::vector<size_t>& entity_of) {
  const size_t n = mentions.size();
  // Each mention's entity in the merge: the document's j-th mention is its j-th there.
  std::vector<const std::vector<uint32_t>*> of_doc(docs.size(), nullptr);
  std::vector<size_t> count(docs.size(), 0);
  for (const EntityMention& m : mentions) {
    if (m.doc >= docs.size()) return std::nullopt;
    ++count[m.doc];
  }
  for (size_t i = 0; i < docs.size(); ++i) {
    if (count[i] == 0) continue;
    auto it = merge.of_document.find(docs[i].id);
    if (it == merge.of_document.end() || it->second.size() != count[i]) return std::nullopt;
    of_doc[i] = &it->second;
  }
  std::vector<uint32_t> global(n);
  std::fill(count.begin(), count.end(), 0);
  for (size_t k = 0; k < n; ++k) {
    const uint32_t e = (*of_doc[mentions[k].doc])[count[mentions[k].doc]++];
    if (e >= merge.entities.size()) return std::nullopt;
    global[k] = e;
  }
  // In order of first mention, as MergeEntities orders them.
  const std::vector<size_t> order = FirstMentionOrder(mentions);
  std::unordered_map<uint32_t, size_t> local;
  std::vector<Entity> entities;
  entity_of.assign(n, 0);
  for (size_t k : order) {
    auto [it, fresh] = local.emplace(global[k], entities.size());
    if (fresh) {
      entities.push_back(merge.entities[global[k]]);
      entities.back().mentions.clear();
    }
    entity_of[k] = it->second;
    const EntityMention& m = mentions[k];
    const Document& d = docs[m.doc];
    entities[it->second].mentions.push_back(
        {d.id, std::string(d.Slice(m.start, m.end)), m.start, m.end});
  }
  return entities;
}

}  // namespace sitrep::extract
