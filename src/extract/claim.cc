#include "extract/claim.h"

#include <algorithm>
#include <cctype>
#include <optional>
#include <unordered_map>
#include <unordered_set>

namespace sitrep::extract {
namespace {

bool InSet(std::string_view w, std::initializer_list<std::string_view> set) {
  return std::find(set.begin(), set.end(), w) != set.end();
}

bool IsSpeechVerb(std::string_view w) {
  static const std::unordered_set<std::string_view> kWords{
      "said",         "says",         "say",       "told",       "tells",      "claimed",
      "claims",       "added",        "adds",      "stated",     "states",     "announced",
      "announces",    "warned",       "warns",     "insisted",   "insists",    "asserted",
      "asserts",      "alleged",      "alleges",   "denied",     "denies",     "confirmed",
      "confirms",     "wrote",        "writes",    "posted",     "noted",      "notes",
      "acknowledged", "acknowledges", "argued",    "argues",     "suggested",  "suggests",
      "estimated",    "estimates",    "explained", "explains",   "declared",   "declares",
      "admitted",     "admits",       "stressed",  "emphasised", "emphasized", "vowed",
      "vows",         "pledged",      "promised",  "accused",    "accuses",    "assessed",
      "assesses",     "reiterated",   "predicted", "revealed",   "urged",      "reported",
      "reports",      "tweeted",      "commented", "continued",  "replied",    "responded",
      "recalled",     "described",    "conceded",  "boasted",    "maintained", "contended"};
  return kWords.contains(w);
}

// Verbs that only report speech when a clause follows ("reported that"), not as nouns.
bool IsWeakSpeechVerb(std::string_view w) {
  static const std::unordered_set<std::string_view> kWords{
      "reports",   "reported", "notes",     "states",    "claims",
      "estimates", "posted",   "continued", "described", "maintained"};
  return kWords.contains(w);
}

// Verbs that take a plain object ("acknowledged the independence"): reported speech
// only with "that".
bool NeedsThat(std::string_view w) {
  static const std::unordered_set<std::string_view> kWords{
      "acknowledged", "acknowledges", "confirmed", "confirms", "denied",   "denies",
      "announced",    "announces",    "revealed",  "accused",  "accuses",  "described",
      "estimated",    "predicted",    "urged",     "promised", "pledged",  "vowed",
      "vows",         "admitted",     "admits",    "recalled", "assessed", "assesses",
      "commented",    "replied",      "responded", "conceded", "boasted",  "contended",
      "declared",     "declares",     "explained", "explains"};
  return kWords.contains(w);
}

bool IsAuxiliary(std::string_view w) {
  static const std::unordered_set<std::string_view> kWords{
      "has",        "have",     "had",        "will",    "would",        "also",    "previously",
      "repeatedly", "later",    "then",       "again",   "recently",     "earlier", "had",
      "reportedly", "publicly", "separately", "further", "subsequently", "once"};
  return kWords.contains(w);
}

bool IsPersonPronoun(std::string_view w) { return w == "he" || w == "she"; }
bool IsOrgPronoun(std::string_view w) { return w == "it" || w == "they" || w == "we"; }

bool IsDeterminer(std::string_view w) {
  static const std::unordered_set<std::string_view> kWords{
      "the",     "a",         "an",      "one", "another", "two",      "three", "several",
      "some",    "many",      "his",     "her", "its",     "their",    "local", "senior",
      "western", "ukrainian", "russian", "us",  "british", "military", "other"};
  return kWords.contains(w);
}

bool IsChannelNoun(std::string_view w) {
  static const std::unordered_set<std::string_view> kWords{
      "address",  "speech",     "statement", "remarks",    "interview", "update",
      "briefing", "message",    "post",      "video",      "report",    "tweet",
      "op-ed",    "letter",     "release",   "conference", "broadcast", "appearance",
      "comments", "assessment", "bulletin",  "summary",    "column",    "podcast"};
  return kWords.contains(w);
}

bool IsPlatform(std::string_view w) {
  static const std::unordered_set<std::string_view> kWords{
      "telegram",  "twitter",   "x",          "facebook", "instagram", "youtube",
      "tiktok",    "vkontakte", "television", "tv",       "radio",     "truth",
      "weibo",     "linkedin",  "social",     "state",    "national",  "russian",
      "ukrainian", "his",       "her",        "its",      "their",     "the"};
  return kWords.contains(w);
}

struct Quote {
  size_t open_mark = 0, start = 0, end = 0, close_end = 0;  // marks and inner text bytes
};

// Length of a quote mark at p (0 if none) and whether it can open / close.
size_t QuoteMark(std::string_view s, size_t p, bool& opener, bool& closer) {
  opener = closer = false;
  unsigned char c = static_cast<unsigned char>(s[p]);
  if (c == '"') {
    opener = closer = true;
    return 1;
  }
  if (c == 0xE2 && p + 2 < s.size() && static_cast<unsigned char>(s[p + 1]) == 0x80) {
    unsigned char d = static_cast<unsigned char>(s[p + 2]);
    if (d == 0x9C) {
      opener = true;  // “
    } else if (d == 0x9D) {
      closer = true;  // ”
    } else if (d == 0x9E) {
      opener = true;  // „
    }
    if (opener || closer) {
      return 3;
    }
  }
  if (c == 0xC2 && p + 1 < s.size()) {
    unsigned char d = static_cast<unsigned char>(s[p + 1]);
    if (d == 0xAB) {
      opener = true;  // «
    }
    if (d == 0xBB) {
      closer = true;  // »
    }
    if (opener || closer) {
      return 2;
    }
  }
  return 0;
}

struct Para {
  size_t start, end;
};

std::vector<Para> Paragraphs(const Document& doc, const text::DocText& text) {
  std::vector<Para> out;
  // The blocks that were analysed (those holding sentences), in order.
  if (!doc.blocks.empty()) {
    size_t last = SIZE_MAX;
    for (const text::Sentence& s : text.sentences) {
      if (s.block != last && s.block < doc.blocks.size()) {
        out.push_back({doc.blocks[s.block].start, doc.blocks[s.block].end});
        last = s.block;
      }
    }
    return out;
  }
  size_t p = 0;
  const std::string& t = doc.text;
  while (p < t.size()) {
    size_t q = t.find("\n\n", p);
    if (q == std::string::npos) {
      q = t.size();
    }
    if (q > p) {
      out.push_back({p, q});
    }
    p = q + 2;
  }
  return out;
}

std::vector<Quote> FindQuotes(const std::string& s, const std::vector<Para>& paras) {
  std::vector<Quote> out;
  bool open = false;
  Quote cur;
  for (size_t pi = 0; pi < paras.size(); ++pi) {
    const Para& para = paras[pi];
    size_t p = para.start;
    // A paragraph that re-opens a quote left open: the marks continue it.
    if (open) {
      size_t q = p;
      while (q < para.end && (s[q] == ' ' || s[q] == '\t')) {
        ++q;
      }
      bool op, cl;
      size_t len = q < para.end ? QuoteMark(s, q, op, cl) : 0;
      if (len && op) {
        p = q + len;
      }
    }
    while (p < para.end) {
      bool op, cl;
      size_t len = QuoteMark(s, p, op, cl);
      if (!len) {
        ++p;
        continue;
      }
      bool prev_space = p == para.start || s[p - 1] == ' ' || s[p - 1] == '(' || s[p - 1] == '\n' ||
                        s[p - 1] == '-';
      if (!open && op && (prev_space || !cl)) {
        open = true;
        cur = Quote{p, p + len, 0, 0};
      } else if (open && cl && !(op && prev_space && !cl)) {
        cur.end = p;
        cur.close_end = p + len;
        if (cur.end > cur.start) {
          out.push_back(cur);
        }
        open = false;
      } else if (open && op) {
        cur = Quote{p, p + len, 0, 0};  // unbalanced: restart at the newer mark
      }
      p += len;
    }
    if (open) {
      bool continues = false;
      if (pi + 1 < paras.size()) {
        size_t q = paras[pi + 1].start;
        while (q < paras[pi + 1].end && s[q] == ' ') {
          ++q;
        }
        bool op, cl;
        continues = q < paras[pi + 1].end && QuoteMark(s, q, op, cl) && op;
      }
      if (!continues) {
        // Unterminated: the quote runs to the end of the paragraph.
        cur.end = para.end;
        cur.close_end = para.end;
        if (cur.end > cur.start) {
          out.push_back(cur);
        }
        open = false;
      }
    }
  }
  return out;
}

class ClaimFinder {
 public:
  ClaimFinder(const Document& doc, const text::DocText& text,
              const std::vector<LinkedMention>& mentions)
      : doc_(doc), text_(text), toks_(text.tokens), mentions_(mentions) {
    mention_at_.assign(toks_.size(), -1);
    for (size_t k = 0; k < mentions_.size(); ++k) {
      const EntityMention* m = mentions_[k].mention;
      for (size_t t = m->first_token; t < m->last_token && t < toks_.size(); ++t) {
        mention_at_[t] = static_cast<int>(k);
      }
      // Appositions: "X, a prominent defence think tank,".
      size_t e = m->last_token;
      if (m->type != "place" && e + 2 < toks_.size() && toks_[e].lower == "," &&
          (toks_[e + 1].lower == "a" || toks_[e + 1].lower == "an" ||
           toks_[e + 1].lower == "the")) {
        size_t f = e + 2;
        while (f < toks_.size() && f < e + 10 && toks_[f].kind == text::TokenKind::kWord) {
          ++f;
        }
        if (f < toks_.size() && toks_[f].lower == "," && f > e + 2) {
          appositive_head_[toks_[f - 1].lower] = {toks_[f].end, static_cast<int>(k)};
        }
      }
    }
  }

  std::vector<Claim> Run() {
    paras_ = Paragraphs(doc_, text_);
    quotes_ = FindQuotes(doc_.text, paras_);
    in_quote_.assign(toks_.size(), -1);
    for (size_t q = 0; q < quotes_.size(); ++q) {
      for (size_t t = FirstTokenAt(quotes_[q].open_mark);
           t < toks_.size() && toks_[t].end <= quotes_[q].close_end; ++t) {
        in_quote_[t] = static_cast<int>(q);
      }
    }
    // Walk sentences in order so that pronouns see the speakers before them.
    size_t next_quote = 0;
    for (size_t si = 0; si < text_.sentences.size(); ++si) {
      const text::Sentence& s = text_.sentences[si];
      // Mentions seen so far (for pronouns with no earlier speaker).
      for (size_t t = s.first_token; t < s.last_token; ++t) {
        if (mention_at_[t] >= 0) {
          const std::string& ty = TypeOf(mention_at_[t]);
          if (ty == "person") {
            last_person_mention_ = mention_at_[t];
          } else if (ty != "place") {
            last_org_mention_ = mention_at_[t];
          }
        }
      }
      while (next_quote < quotes_.size() && quotes_[next_quote].open_mark < s.end) {
        HandleQuote(next_quote, si);
        ++next_quote;
      }
      HandleIndirect(si);
    }
    std::sort(claims_.begin(), claims_.end(),
              [](const Claim& a, const Claim& b) { return a.start < b.start; });
    // A short quoted fragment inside a reported clause is part of that claim, not another.
    std::vector<Claim> kept;
    for (size_t i = 0; i < claims_.size(); ++i) {
      const Claim& c = claims_[i];
      bool inside = false;
      if (c.direct && c.text.size() < 80) {
        for (const Claim& o : claims_) {
          if (!o.direct && o.start <= c.start && c.end <= o.end + 1) {
            inside = true;
          }
        }
      }
      if (!inside) {
        kept.push_back(std::move(claims_[i]));
      }
    }
    return kept;
  }

 private:
  struct Speaker {
    std::optional<std::string> id;
    std::optional<std::string> name;
    std::string kind;                    // person | organization | other
    std::optional<std::string> channel;  // "the intelligence update said"
  };

  // "X, a prominent defence think tank," lets a later "the think tank" mean X; "the
  // ministry" means the last organization with "Ministry" in its name.
  std::optional<Speaker> DefiniteNounPhrase(size_t first, size_t last) {
    if (toks_[first].lower != "the" || toks_[last].capitalized) {
      return std::nullopt;
    }
    const std::string& head = toks_[last].lower;
    auto it = appositive_head_.find(head);
    if (it != appositive_head_.end() && it->second.first < toks_[first].start) {
      return FromMention(it->second.second);
    }
    for (size_t t = first; t-- > 0;) {
      if (mention_at_[t] < 0) {
        continue;
      }
      const LinkedMention& lm = mentions_[static_cast<size_t>(mention_at_[t])];
      const std::string& ty = TypeOf(mention_at_[t]);
      if (ty != "organization" && ty != "group") {
        continue;
      }
      std::string lower = lm.entity_name;
      for (char& ch : lower) {
        ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
      }
      if (head.size() > 3 && lower.find(head) != std::string::npos) {
        return FromMention(mention_at_[t]);
      }
    }
    return std::nullopt;
  }

  const std::string& TypeOf(int k) const {
    const LinkedMention& lm = mentions_[static_cast<size_t>(k)];
    return lm.entity_type.empty() ? lm.mention->type : lm.entity_type;
  }

  std::string_view Word(size_t t) const { return doc_.Slice(toks_[t].start, toks_[t].end); }

  size_t SentenceOf(size_t byte) const {
    const auto& ss = text_.sentences;
    auto it = std::upper_bound(ss.begin(), ss.end(), byte,
                               [](size_t b, const text::Sentence& s) { return b < s.end; });
    if (it == ss.end()) {
      return ss.empty() ? 0 : ss.size() - 1;
    }
    return static_cast<size_t>(it - ss.begin());
  }

  Speaker FromMention(int k) {
    const LinkedMention& lm = mentions_[static_cast<size_t>(k)];
    Speaker sp;
    sp.id = lm.entity_id;
    sp.name = lm.entity_name.empty() ? lm.mention->name : lm.entity_name;
    sp.kind = TypeOf(k) == "person" ? "person" : "organization";
    return sp;
  }

  std::optional<Speaker> ResolvePronoun(std::string_view w) {
    if (IsPersonPronoun(w)) {
      if (last_person_speaker_) {
        return last_person_speaker_;
      }
      if (last_person_mention_ >= 0) {
        return FromMention(last_person_mention_);
      }
    } else if (IsOrgPronoun(w)) {
      if (last_org_speaker_) {
        return last_org_speaker_;
      }
      if (last_org_mention_ >= 0) {
        return FromMention(last_org_mention_);
      }
      if (w == "they" && last_person_speaker_) {
        return last_person_speaker_;
      }
    }
    return std::nullopt;
  }

  // The speaker whose phrase ends just before token `v` (a speech verb), searching back
  // no further than `lo`. Skips auxiliaries and one comma-delimited apposition.
  std::optional<Speaker> SpeakerBefore(size_t v, size_t lo) {
    if (v <= lo) {
      return std::nullopt;
    }
    size_t t = v;
    while (t > lo && IsAuxiliary(toks_[t - 1].lower)) {
      --t;
    }
    if (t <= lo) {
      return std::nullopt;
    }
    // "X, a prominent defence think tank, has asserted"; "X, an associate fellow at Y, a
    // think tank based in Z, said": the speaker ends before the earliest comma whose
    // left neighbour is an entity (or a pronoun), within a few appositions.
    if (toks_[t - 1].lower == ",") {
      size_t u = t - 1;
      size_t limit = u > lo + 30 ? u - 30 : lo;
      std::optional<size_t> chosen;
      while (u > limit) {
        size_t left = u - 1;  // token before this comma
        if (in_quote_[left] >= 0) {
          break;
        }
        if ((mention_at_[left] >= 0 && TypeOf(mention_at_[left]) != "place") ||
            IsPersonPronoun(toks_[left].lower)) {
          chosen = u;
        }
        size_t w = left;
        while (w > limit && toks_[w].lower != ",") {
          --w;
        }
        if (toks_[w].lower != ",") {
          break;
        }
        u = w;
      }
      if (!chosen) {
        return std::nullopt;
      }
      t = *chosen;
    }
    size_t last = t - 1;
    const std::string& lw = toks_[last].lower;
    if (is_passive(last)) {
      return std::nullopt;
    }
    if (mention_at_[last] >= 0) {
      int k = mention_at_[last];
      if (TypeOf(k) != "place") {
        return FromMention(k);
      }
    }
    if (IsPersonPronoun(lw) || IsOrgPronoun(lw)) {
      return ResolvePronoun(lw);
    }
    // A noun phrase: "the soldier", "a Pentagon spokesman", "officials", "the
    // intelligence update".
    size_t first = last;
    while (first > lo && last - first < 5) {
      const text::Token& p = toks_[first - 1];
      if (p.kind != text::TokenKind::kWord || IsSpeechVerb(p.lower) || p.lower == "that" ||
          p.lower == "and" || p.lower == "but" || p.lower == "while") {
        break;
      }
      --first;
      if (IsDeterminer(p.lower) && (p.lower == "the" || p.lower == "a" || p.lower == "an")) {
        break;
      }
    }
    if (toks_[last].kind != text::TokenKind::kWord) {
      return std::nullopt;
    }
    bool has_det = first < last && (toks_[first].lower == "the" || toks_[first].lower == "a" ||
                                    toks_[first].lower == "an");
    bool plural_head = lw.size() > 3 && lw.back() == 's' && !IsSpeechVerb(lw);
    if (!has_det && !plural_head) {
      return std::nullopt;
    }
    if (!has_det) {
      first = last;
    }
    Speaker sp;
    sp.name = std::string(doc_.Slice(toks_[first].start, toks_[last].end));
    sp.kind = "other";
    if (IsChannelNoun(lw)) {
      // "the intelligence update said": the phrase is the channel of whoever issues it.
      size_t c0 = last;
      while (c0 > first && toks_[c0 - 1].kind == text::TokenKind::kWord &&
             !toks_[c0 - 1].capitalized && !IsPossessiveToken(c0 - 1)) {
        --c0;
      }
      sp.channel = Text(c0, last + 1);
    }
    if (auto d = DefiniteNounPhrase(first, last)) {
      d->name = sp.name;
      return d;
    }
    // Any entity inside the phrase ("a Kremlin spokesman") names who is behind it.
    for (size_t u = first; u <= last; ++u) {
      if (mention_at_[u] >= 0 && TypeOf(mention_at_[u]) != "place") {
        Speaker e = FromMention(mention_at_[u]);
        e.name = sp.name;
        e.channel = sp.channel;
        return e;
      }
    }
    return sp;
  }

  bool IsPossessiveToken(size_t t) const { return toks_[t].lower == "'s" || toks_[t].lower == "'"; }

  bool is_passive(size_t t) const {
    return InSet(toks_[t].lower, {"is", "was", "are", "were", "be", "been", "being"});
  }

  // Speaker right after a speech verb ("said Zelensky", "said the ministry").
  std::optional<Speaker> SpeakerAfter(size_t v, size_t hi) {
    size_t t = v + 1;
    if (t >= hi) {
      return std::nullopt;
    }
    if (mention_at_[t] >= 0 && TypeOf(mention_at_[t]) != "place") {
      return FromMention(mention_at_[t]);
    }
    // Title before a name: "said President Zelensky" (title words are outside mentions).
    for (size_t u = t; u < hi && u < t + 3; ++u) {
      if (mention_at_[u] >= 0 && TypeOf(mention_at_[u]) == "person") {
        return FromMention(mention_at_[u]);
      }
      if (!toks_[u].capitalized) {
        break;
      }
    }
    const std::string& lw = toks_[t].lower;
    if (IsPersonPronoun(lw) || IsOrgPronoun(lw)) {
      return ResolvePronoun(lw);
    }
    if (lw == "the" || lw == "a" || lw == "an") {
      size_t u = t + 1;
      while (u < hi && toks_[u].kind == text::TokenKind::kWord && u < t + 5) {
        ++u;
      }
      if (u > t + 1) {
        Speaker sp;
        sp.name = std::string(doc_.Slice(toks_[t].start, toks_[u - 1].end));
        sp.kind = "other";
        for (size_t w = t; w < u; ++w) {
          if (mention_at_[w] >= 0 && TypeOf(mention_at_[w]) != "place") {
            Speaker e = FromMention(mention_at_[w]);
            e.name = sp.name;
            return e;
          }
        }
        return sp;
      }
    }
    return std::nullopt;
  }

  // Channel phrase within tokens [lo, hi), exact text.
  std::optional<std::string> Channel(size_t lo, size_t hi) {
    for (size_t t = lo; t < hi; ++t) {
      if (in_quote_[t] >= 0) {
        continue;
      }
      const std::string& w = toks_[t].lower;
      if (w == "on" && t + 1 < hi) {
        // "on Telegram", "on state television", "on social media"
        size_t u = t + 1;
        while (u < hi && u < t + 4 && IsPlatform(toks_[u].lower)) {
          const std::string& x = toks_[u].lower;
          if (InSet(x, {"telegram", "twitter", "x", "facebook", "instagram", "youtube", "tiktok",
                        "vkontakte", "television", "tv", "radio", "weibo", "linkedin"})) {
            return Text(t, u + 1);
          }
          ++u;
        }
        if (u < hi && toks_[u].lower == "media" && toks_[u - 1].lower == "social") {
          return Text(t, u + 1);
        }
      }
      if ((w == "in" || w == "at" || w == "during" || w == "via") && t + 1 < hi) {
        // "in a nightly address", "in televised remarks", "in an interview with CNN",
        // "at a press conference", "in its daily intelligence update"
        size_t u = t + 1;
        size_t limit = std::min(hi, t + 6);
        while (u < limit && toks_[u].kind == text::TokenKind::kWord &&
               !IsChannelNoun(toks_[u].lower)) {
          ++u;
        }
        if (u < limit && IsChannelNoun(toks_[u].lower)) {
          size_t end = u + 1;
          if (end + 1 < hi && (toks_[end].lower == "with" || toks_[end].lower == "to" ||
                               toks_[end].lower == "on")) {
            size_t v = end + 1;
            if (v < hi && toks_[v].lower == "the") {
              ++v;
            }
            size_t e2 = v;
            while (e2 < hi && toks_[e2].capitalized) {
              ++e2;
            }
            if (e2 > v) {
              end = e2;
            }
          }
          return Text(t, end);
        }
      }
      if (w == "told" && t + 1 < hi) {
        // "told reporters in Stockholm", "told CNN", "told the BBC"
        size_t u = t + 1;
        if (InSet(toks_[u].lower, {"reporters", "journalists", "lawmakers", "parliament", "the",
                                   "state", "a", "an", "local"}) ||
            toks_[u].capitalized) {
          size_t end = u + 1;
          if (toks_[u].lower == "the" || toks_[u].lower == "a" || toks_[u].lower == "an" ||
              toks_[u].lower == "state" || toks_[u].lower == "local") {
            while (end < hi && end < u + 4 && toks_[end].kind == text::TokenKind::kWord &&
                   toks_[end].lower != "that") {
              ++end;
            }
          } else {
            while (end < hi && toks_[end].capitalized) {
              ++end;
            }
          }
          if (end + 1 < hi && (toks_[end].lower == "in" || toks_[end].lower == "at") &&
              toks_[end + 1].capitalized) {
            end += 2;
            while (end < hi && toks_[end].capitalized) {
              ++end;
            }
          }
          return Text(t, end);
        }
      }
    }
    return std::nullopt;
  }

  std::string Text(size_t a, size_t b) const {
    return std::string(doc_.Slice(toks_[a].start, toks_[b - 1].end));
  }

  void Remember(const Speaker& sp) {
    if (!sp.id) {
      return;
    }
    if (sp.kind == "person") {
      last_person_speaker_ = sp;
    } else {
      last_org_speaker_ = sp;
    }
  }

  void Emit(const std::optional<Speaker>& sp, std::string cue, std::optional<std::string> channel,
            size_t start, size_t end, bool direct) {
    // Trim spaces and a trailing comma/period of reported clauses.
    while (start < end && (doc_.text[start] == ' ' || doc_.text[start] == '\n')) {
      ++start;
    }
    while (end > start && (doc_.text[end - 1] == ' ' || doc_.text[end - 1] == '\n' ||
                           (!direct && (doc_.text[end - 1] == '.' || doc_.text[end - 1] == ',')))) {
      --end;
    }
    if (end <= start) {
      return;
    }
    Claim c;
    c.doc = doc_.id;
    if (sp) {
      c.speaker = sp->id;
      c.speaker_name = sp->name;
      Remember(*sp);
    }
    c.cue = std::move(cue);
    c.channel = std::move(channel);
    if (!c.channel && sp && sp->channel) {
      c.channel = sp->channel;
    }
    c.text = std::string(doc_.Slice(start, end));
    c.direct = direct;
    c.start = start;
    c.end = end;
    claims_.push_back(std::move(c));
  }

  size_t FirstTokenAt(size_t byte) const {
    auto it = std::lower_bound(toks_.begin(), toks_.end(), byte,
                               [](const text::Token& t, size_t b) { return t.start < b; });
    return static_cast<size_t>(it - toks_.begin());
  }

  void HandleQuote(size_t qi, size_t si_hint) {
    (void)si_hint;
    const Quote& q = quotes_[qi];
    const size_t qt0 = FirstTokenAt(q.start), qt1 = FirstTokenAt(q.end);
    size_t words = 0;
    for (size_t t = qt0; t < qt1 && t < toks_.size(); ++t) {
      words += toks_[t].kind == text::TokenKind::kWord;
    }
    const size_t s_open = SentenceOf(q.open_mark), s_close = SentenceOf(q.end);
    const text::Sentence& so = text_.sentences[s_open];
    const text::Sentence& sc = text_.sentences[s_close];
    const size_t after0 = FirstTokenAt(q.close_end);
    std::optional<Speaker> speaker;
    std::string cue;
    std::optional<std::string> channel;
    // After the quote, in the same sentence: ", Zelensky said." / ", said the ministry."
    auto search_after = [&](size_t lo, size_t hi) {
      for (size_t t = lo; t < hi && t < lo + 12; ++t) {
        if (in_quote_[t] >= 0) {
          break;
        }
        if (!IsSpeechVerb(toks_[t].lower)) {
          continue;
        }
        auto sp = SpeakerBefore(t, lo);
        if (!sp) {
          sp = SpeakerAfter(t, hi);
        }
        if (sp) {
          speaker = sp;
          cue = toks_[t].lower;
          channel = Channel(lo, hi);
          return true;
        }
      }
      return false;
    };
    bool found = after0 < sc.last_token && search_after(after0, sc.last_token);
    // The next sentence is just the attribution: "... end.” He added."
    if (!found && s_close + 1 < text_.sentences.size()) {
      const text::Sentence& nx = text_.sentences[s_close + 1];
      if (nx.last_token - nx.first_token <= 8 && nx.block == sc.block &&
          in_quote_[nx.first_token] < 0) {
        found = search_after(nx.first_token, nx.last_token);
      }
    }
    // Before the quote: "Zelensky said: “...”", "According to X, “...”".
    if (!found) {
      size_t lo = so.first_token, hi = FirstTokenAt(q.open_mark);
      for (size_t t = hi; t > lo; --t) {
        size_t v = t - 1;
        if (in_quote_[v] >= 0) {
          break;
        }
        if (IsSpeechVerb(toks_[v].lower)) {
          auto sp = SpeakerBefore(v, lo);
          if (!sp) {
            sp = SpeakerAfter(v, hi);
          }
          if (sp) {
            speaker = sp;
            cue = toks_[v].lower;
            channel = Channel(lo, hi);
            found = true;
          }
          break;
        }
        if (toks_[v].lower == "to" && v > lo && toks_[v - 1].lower == "according") {
          size_t e = v + 1;
          while (e < hi && toks_[e].lower != ",") {
            ++e;
          }
          if (e > v + 1) {
            speaker = NounPhraseSpeaker(v + 1, e);
            cue = "according to";
            found = true;
          }
          break;
        }
      }
      // A lead-in sentence that ends with a colon.
      if (!found && s_open > 0 && so.first_token == FirstTokenAt(q.open_mark)) {
        const text::Sentence& pv = text_.sentences[s_open - 1];
        if (pv.last_token > pv.first_token && toks_[pv.last_token - 1].lower == ":") {
          for (size_t t = pv.first_token; t < pv.last_token; ++t) {
            if (IsSpeechVerb(toks_[t].lower)) {
              auto sp = SpeakerBefore(t, pv.first_token);
              if (!sp) {
                sp = SpeakerAfter(t, pv.last_token);
              }
              if (sp) {
                speaker = sp, cue = toks_[t].lower, found = true;
                channel = Channel(pv.first_token, pv.last_token);
              }
              break;
            }
          }
        }
      }
    }
    // A paragraph-long quote that follows another speaker's quote continues it.
    if (!found && words >= 4 && last_direct_speaker_ && qi > 0 &&
        q.open_mark - quotes_[qi - 1].close_end < 400) {
      speaker = last_direct_speaker_;
      cue = "quote";
      found = true;
    }
    if (words < 4) {
      // Scare quotes and fragments: only with a speech verb right at the quote.
      // A short utterance carries its own punctuation inside the marks ("No," he said).
      size_t inner_end = q.end;
      while (inner_end > q.start && doc_.text[inner_end - 1] == ' ') {
        --inner_end;
      }
      char last = inner_end > q.start ? doc_.text[inner_end - 1] : ' ';
      if (last != ',' && last != '.' && last != '?' && last != '!') {
        return;
      }
      bool adjacent = false;
      size_t before = FirstTokenAt(q.open_mark);
      if (before > 0 && before - 1 < toks_.size()) {
        size_t b = before - 1;
        if (toks_[b].lower == ":" || toks_[b].lower == ",") {
          b = b > 0 ? b - 1 : b;
        }
        adjacent |= IsSpeechVerb(toks_[b].lower);
      }
      for (size_t t = after0; t < toks_.size() && t < after0 + 3; ++t) {
        adjacent |= IsSpeechVerb(toks_[t].lower);
      }
      if (!found || !adjacent) {
        return;
      }
    }
    if (!found) {
      cue = "quote";
    }
    Emit(speaker, cue, channel, q.start, q.end, true);
    if (speaker) {
      last_direct_speaker_ = speaker;
    }
    attributed_sentences_.push_back(s_close);
    if (s_close + 1 < text_.sentences.size()) {
      attributed_tail_.push_back(s_close + 1);
    }
  }

  Speaker NounPhraseSpeaker(size_t a, size_t b) {
    for (size_t t = a; t < b; ++t) {
      if (mention_at_[t] >= 0 && TypeOf(mention_at_[t]) != "place") {
        Speaker sp = FromMention(mention_at_[t]);
        // "according to Western intelligence": keep the phrase as the name.
        if (b - a > 1 + mentions_[static_cast<size_t>(mention_at_[t])].mention->last_token -
                        mentions_[static_cast<size_t>(mention_at_[t])].mention->first_token) {
          sp.name = Text(a, b);
        }
        return sp;
      }
    }
    Speaker sp;
    sp.name = Text(a, b);
    sp.kind = "other";
    return sp;
  }

  void HandleIndirect(size_t si) {
    const text::Sentence& s = text_.sentences[si];
    const size_t lo = s.first_token, hi = s.last_token;
    if (hi <= lo) {
      return;
    }
    // Sentences that are mostly quotation were handled as quotes.
    size_t quoted = 0;
    for (size_t t = lo; t < hi; ++t) {
      quoted += in_quote_[t] >= 0;
    }
    if (quoted * 2 > hi - lo) {
      return;
    }
    if (std::find(attributed_tail_.begin(), attributed_tail_.end(), si) != attributed_tail_.end() &&
        hi - lo <= 8) {
      return;
    }
    size_t end = hi;
    while (end > lo && toks_[end - 1].kind == text::TokenKind::kPunct) {
      --end;
    }
    // "according to X, CLAUSE" and "CLAUSE, according to X."
    for (size_t t = lo; t + 2 < hi; ++t) {
      if (in_quote_[t] >= 0) {
        continue;
      }
      if (toks_[t].lower != "according" || toks_[t + 1].lower != "to") {
        continue;
      }
      size_t a = t + 2, e = a;
      while (e < end && toks_[e].lower != ",") {
        ++e;
      }
      if (e == a) {
        return;
      }
      Speaker sp = NounPhraseSpeaker(a, e);
      auto channel = Channel(lo, hi);
      // "According to X, a spokesman for Y, CLAUSE": skip the apposition.
      if (e + 1 < end && InSet(toks_[e + 1].lower, {"a", "an", "the", "who", "which"})) {
        size_t f = e + 1;
        while (f < end && f < e + 16 && toks_[f].lower != ",") {
          ++f;
        }
        if (f < end && toks_[f].lower == ",") {
          e = f;
        }
      }
      if (t == lo || (t == lo + 1 && toks_[lo].capitalized && toks_[lo].lower == "but")) {
        if (e < end) {
          Emit(sp, "according to", channel, toks_[e].end, toks_[end - 1].end, false);
        }
      } else {
        size_t clause_end = t;
        while (clause_end > lo && toks_[clause_end - 1].lower == ",") {
          --clause_end;
        }
        if (clause_end > lo) {
          Emit(sp, "according to", channel, toks_[lo].start, toks_[clause_end - 1].end, false);
        }
      }
      return;
    }
    // Speech verbs outside quotes.
    for (size_t v = lo; v < end; ++v) {
      if (in_quote_[v] >= 0 || !IsSpeechVerb(toks_[v].lower)) {
        continue;
      }
      if (v > lo && is_passive(v - 1)) {
        continue;
      }
      // Clause first: "CLAUSE, X said." / "CLAUSE, said X."
      bool after_comma = false;
      size_t comma = v;
      for (size_t u = v; u > lo && u + 6 > v; --u) {
        if (toks_[u - 1].lower == ",") {
          after_comma = true;
          comma = u - 1;
          break;
        }
      }
      size_t tail = v + 1;
      // The rest after "X said" (and its speaker for "said X") is short: clause first.
      auto speaker_after = SpeakerAfter(v, end);
      size_t rest_start = tail;
      if (speaker_after) {
        while (rest_start < end && toks_[rest_start].kind == text::TokenKind::kWord &&
               rest_start < tail + 4) {
          ++rest_start;
        }
      }
      bool clause_first =
          after_comma && comma > lo + 3 && end - v <= 12 &&
          (end <= rest_start || toks_[std::min(rest_start, end - 1)].lower == "in" ||
           Channel(v, end).has_value() || end - v <= 6);
      if (clause_first) {
        std::optional<Speaker> sp = SpeakerBefore(v, comma + 1);
        if (!sp) {
          sp = speaker_after;
        }
        if (!sp) {
          continue;
        }
        if (quoted > 0) {
          return;  // a quote's attribution, already handled
        }
        Emit(sp, toks_[v].lower, Channel(lo, hi), toks_[lo].start, toks_[comma].start, false);
        return;
      }
      // Subject first: "X said (that) CLAUSE", "X told reporters in Y that CLAUSE".
      std::optional<Speaker> sp = SpeakerBefore(v, lo);
      if (!sp) {
        continue;
      }
      size_t c = v + 1;
      // The clause starts after "that" when one follows soon; "told" needs its addressee
      // skipped; a prepositional phrase ("on Sunday", "in a statement") before a comma.
      size_t that = c;
      while (that < end && that < c + 12 && toks_[that].lower != "that" &&
             !IsSpeechVerb(toks_[that].lower) && toks_[that].lower != ";") {
        ++that;
      }
      if (that < end && toks_[that].lower == "that") {
        c = that + 1;
      } else if (toks_[v].lower == "told" || toks_[v].lower == "tells") {
        size_t u = c;
        while (u < end && u < c + 8 && toks_[u].lower != ",") {
          ++u;
        }
        if (u < end && toks_[u].lower == ",") {
          c = u + 1;
        } else {
          continue;
        }
      } else if (IsWeakSpeechVerb(toks_[v].lower) || NeedsThat(toks_[v].lower)) {
        continue;
      } else if (c < end && (InSet(toks_[c].lower,
                                   {"in", "on", "at", "during", "via", "after", "before", "last",
                                    "this", "earlier", "late", "today", "yesterday", "."}) ||
                             toks_[c].kind == text::TokenKind::kPunct)) {
        size_t u = c;
        while (u < end && u < c + 10 && toks_[u].lower != ",") {
          ++u;
        }
        if (u < end && toks_[u].lower == ",") {
          c = u + 1;
        } else {
          continue;
        }
      }
      if (c >= end) {
        continue;
      }
      // The clause needs a few words of its own.
      if (end - c < 3) {
        continue;
      }
      Emit(sp, toks_[v].lower, Channel(lo, hi), toks_[c].start, toks_[end - 1].end, false);
      return;
    }
  }

  const Document& doc_;
  const text::DocText& text_;
  const std::vector<text::Token>& toks_;
  const std::vector<LinkedMention>& mentions_;
  std::vector<int> mention_at_;
  std::vector<int> in_quote_;
  std::vector<Para> paras_;
  std::vector<Quote> quotes_;
  std::vector<Claim> claims_;
  std::optional<Speaker> last_person_speaker_, last_org_speaker_, last_direct_speaker_;
  int last_person_mention_ = -1, last_org_mention_ = -1;
  std::vector<size_t> attributed_sentences_, attributed_tail_;
  std::unordered_map<std::string, std::pair<size_t, int>> appositive_head_;
};

}  // namespace

std::vector<Claim> FindClaims(const Document& doc, const text::DocText& text,
                              const std::vector<LinkedMention>& mentions) {
  if (text.sentences.empty()) {
    return {};
  }
  return ClaimFinder(doc, text, mentions).Run();
}

}  // namespace sitrep::extract
