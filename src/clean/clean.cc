#include "clean/clean.h"

#include <algorithm>
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "base/parallel.h"
#include "base/union_find.h"
#include "clean/dom.h"
#include "clean/features.h"
#include "clean/language.h"

namespace sitrep::clean {
namespace {

// ---------------------------------------------------------------------------------------
// Block splitting.

bool StartsHard(std::string_view line) {
  if (line.empty()) {
    return false;
  }
  unsigned char c = line[0];
  if ((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '"' || c == '\'' || c == '*' ||
      c == '-' || c == '[' || c == '(' || c == '#') {
    return true;
  }
  if (c >= 0x80) {
    // Curly quotes, bullets, dashes, and upper-case letters beyond ASCII.
    std::string_view p = line.substr(0, 3);
    if (p == "\u201C" || p == "\u2018" || p == "\u2022" || p == "\u2013" || p == "\u2014" ||
        p == "\u00AB") {
      return true;
    }
    // Two-byte Latin/Cyrillic capitals: lead bytes C3 80..9E, D0 90..AF (А..Я), D0 80..8F.
    unsigned char d = line.size() > 1 ? line[1] : 0;
    if (c == 0xC3 && d >= 0x80 && d <= 0x9E) {
      return true;
    }
    if (c == 0xD0 && d >= 0x80 && d <= 0xAF) {
      return true;
    }
  }
  return false;
}

struct Range {
  size_t start, end;
};

// Trimmed [start, end) of `s` shifted by `base`; empty range when all space.
Range TrimRange(std::string_view s, size_t base) {
  std::string_view t = TrimSpace(s);
  if (t.empty()) {
    return {base, base};
  }
  size_t off = static_cast<size_t>(t.data() - s.data());
  return {base + off, base + off + t.size()};
}

// Splits list-like multi-line blocks into lines (a link list under "Don't miss...") and cuts
// a block after a "[/caption]" marker followed by more text. Hard-wrapped paragraphs stay
// whole: they are recognised by line breaks that fall mid-sentence.
void SplitBlocks(Document& doc) {
  // Most documents need no split: blocks are copied only from the first one that does.
  std::vector<Block> out;
  bool copying = false;
  for (size_t index = 0; index < doc.blocks.size(); ++index) {
    const Block& b = doc.blocks[index];
    std::string_view s = doc.Slice(b);
    if (s.find('\n') == std::string_view::npos && s.find("[/caption]") == std::string_view::npos) {
      if (copying) {
        out.push_back(b);  // one line, no caption marker: nothing to split
      }
      continue;
    }
    std::vector<Range> parts;
    if (s.find('\n') != std::string_view::npos) {
      std::vector<Range> lines;
      size_t pos = 0;
      while (pos <= s.size()) {
        size_t nl = s.find('\n', pos);
        if (nl == std::string_view::npos) {
          nl = s.size();
        }
        Range r = TrimRange(s.substr(pos, nl - pos), b.start + pos);
        if (r.end > r.start) {
          lines.push_back(r);
        }
        pos = nl + 1;
      }
      int breaks = 0, hard = 0;
      for (size_t k = 1; k < lines.size(); ++k) {
        ++breaks;
        std::string_view prev = doc.Slice(lines[k - 1].start, lines[k - 1].end);
        std::string_view cur = doc.Slice(lines[k].start, lines[k].end);
        char last = prev.back();
        if (StartsHard(cur) && last != ',' && last != '-' && last != ';') {
          ++hard;
        }
      }
      if (breaks > 0 && hard * 5 >= breaks * 4) {
        parts = lines;
      }
    }
    if (parts.empty()) {
      parts.push_back({b.start, b.end});
    }
    // A caption marker with text after it ends the caption there.
    std::vector<Range> cut;
    for (Range r : parts) {
      while (true) {
        std::string_view t = doc.Slice(r.start, r.end);
        size_t m = t.find("[/caption]");
        if (m == std::string_view::npos) {
          break;
        }
        size_t split = r.start + m + 10;
        Range tail = TrimRange(doc.Slice(split, r.end), split);
        if (tail.end <= tail.start) {
          break;
        }
        cut.push_back({r.start, split});
        r = tail;
      }
      cut.push_back(r);
    }
    if (cut.size() == 1) {
      if (copying) {
        out.push_back(b);
      }
      continue;
    }
    if (!copying) {
      copying = true;
      out.reserve(doc.blocks.size() + cut.size());
      out.assign(doc.blocks.begin(), doc.blocks.begin() + static_cast<std::ptrdiff_t>(index));
    }
    for (Range r : cut) {
      Block nb = b;
      nb.start = r.start;
      nb.end = r.end;
      // Link bytes cannot be apportioned exactly; share them by length.
      size_t total = b.end - b.start;
      nb.link_bytes = total ? b.link_bytes * (r.end - r.start) / total : 0;
      if (b.role == BlockRole::kTitle && r.start != cut.front().start) {
        nb.role = BlockRole::kBody;
      }
      out.push_back(std::move(nb));
    }
  }
  if (copying) {
    doc.blocks = std::move(out);
  }
}

// ---------------------------------------------------------------------------------------
// Roles.

enum class Shape {
  kBody,      // sentence-like paragraph
  kShort,     // <= 10 words without terminal punctuation: headline, crosshead, label
  kLoose,     // 11..40 words without terminal punctuation: caption, dek, promo headline
  kJunk,      // boilerplate by its own features
  kCaption,   // caption marker or credit
  kByline,    // "By X", "Author: X"
  kDateLine,  // a short line that is mostly a date
};

bool IsJunk(const TextFeatures& f) {
  if (f.words == 0) {
    return true;
  }
  if (f.template_tokens || f.trailing_tag) {
    return true;
  }
  if (f.label_prefix && f.words <= 40 && !(f.ends_sentence && f.words > 25)) {
    return true;
  }
  if (f.junk_phrases >= 1 && f.words <= 6) {
    return true;
  }
  if (f.junk_phrases >= 1 && f.words <= 25 && !f.ends_sentence) {
    return true;
  }
  if (f.junk_phrases >= 2 && f.words <= 80) {
    return true;
  }
  if (f.junk_phrases >= 3) {
    return true;
  }
  if (f.has_handle && f.words <= 25) {
    return true;
  }
  if (f.starts_junk && f.words <= 30) {
    return true;
  }
  if (f.url_only) {
    return true;
  }
  if (f.letters == 0 && f.words <= 8) {
    return true;  // "1 / 23", "12:45", "--"
  }
  return false;
}

// Page furniture inside an article container: "Tags:", "Like this:", "Loading...".
bool IsDomLabel(std::string_view text, const TextFeatures& f) {
  if (text.starts_with("\u00A9") && f.words <= 40) {
    return true;  // "© Photographer ..."
  }
  if (f.words <= 2 && f.ends_colon) {
    return true;
  }
  if (f.words <= 3 && (text.ends_with("...") || text.ends_with("\u2026"))) {
    return true;
  }
  return false;
}

Shape ShapeOf(std::string_view text, const TextFeatures& f) {
  if (f.caption_marker) {
    return Shape::kCaption;
  }
  if (f.words <= 14 && BylineName(text)) {
    return Shape::kByline;
  }
  // A long run of sentences is article text even when it names a boilerplate phrase or
  // two: a plain-text file without blank lines is one block, and a few "sign up" or
  // "[[...]]" across thousands of words do not make it junk; the signs must be dense.
  const bool long_prose = f.words >= 200 && (f.ends_sentence || f.words >= 500) &&
                          (!f.template_tokens || f.words >= 1000) && f.junk_phrases * 100 < f.words;
  if (IsJunk(f) && !long_prose) {
    return Shape::kJunk;
  }
  if (f.trailing_credit && f.words <= 60 && !(f.ends_sentence && text.back() != ')')) {
    return Shape::kCaption;
  }
  if (f.words <= 8 && !f.ends_sentence && ParseDate(text)) {
    return Shape::kDateLine;
  }
  if (f.ends_sentence || f.ends_colon) {
    return Shape::kBody;
  }
  if (f.words <= 10) {
    return Shape::kShort;
  }
  if (f.words <= 40) {
    return Shape::kLoose;
  }
  return Shape::kBody;
}

void AssignTextRoles(Document& doc, const std::vector<TextFeatures>& feats) {
  const size_t n = doc.blocks.size();
  std::vector<Shape> shape(n);
  for (size_t i = 0; i < n; ++i) {
    shape[i] = ShapeOf(doc.Slice(doc.blocks[i]), feats[i]);
    // Author bios sit at the end.
    if (shape[i] == Shape::kBody && feats[i].bio_shape && feats[i].words <= 80 &&
        (i + 3 >= n || i * 10 >= n * 7)) {
      shape[i] = Shape::kJunk;
    }
  }
  // Lists: a run of kListRun or more lines without terminal punctuation, each of a few
  // words (results, schedules, a directory, items of a guide), is article text in a plain
  // text file, where nothing but the writer put the lines there; a single short line
  // between paragraphs stays a heading.
  constexpr size_t kListRun = 3;
  constexpr size_t kListItemWords = 3;
  auto list_item = [&](size_t i) {
    return (shape[i] == Shape::kShort || shape[i] == Shape::kLoose) &&
           feats[i].words >= kListItemWords && !(i == 0 && doc.blocks[i].role == BlockRole::kTitle);
  };
  for (size_t i = 0; i < n;) {
    size_t j = i;
    while (j < n && list_item(j)) ++j;
    if (j - i >= kListRun) {
      for (size_t k = i; k < j; ++k) shape[k] = Shape::kBody;
    }
    i = j == i ? i + 1 : j;
  }
  size_t first_body = n, last_body = 0;
  for (size_t i = 0; i < n; ++i) {
    if (shape[i] == Shape::kBody) {
      first_body = std::min(first_body, i);
      last_body = i;
    }
  }
  bool have_title = false, have_dek = false;
  for (size_t i = 0; i < n; ++i) {
    Block& b = doc.blocks[i];
    const TextFeatures& f = feats[i];
    BlockRole role = BlockRole::kBoilerplate;
    bool before = i < first_body;
    bool after = first_body < n && i > last_body;
    switch (shape[i]) {
      case Shape::kBody:
        role = BlockRole::kBody;
        break;
      case Shape::kJunk:
        role = BlockRole::kBoilerplate;
        break;
      case Shape::kCaption:
        role = BlockRole::kCaption;
        break;
      case Shape::kByline:
      case Shape::kDateLine:
        role = BlockRole::kByline;
        break;
      case Shape::kShort:
      case Shape::kLoose:
        if (before) {
          if (!have_title && (b.role == BlockRole::kTitle || i == 0) && f.words <= 30) {
            role = BlockRole::kTitle;
          } else if (have_title && !have_dek && f.words >= 5 && !f.title_colon) {
            role = BlockRole::kDek;
          } else {
            role = BlockRole::kBoilerplate;
          }
        } else if (after) {
          role = BlockRole::kBoilerplate;
        } else if (f.title_colon) {
          role = BlockRole::kBoilerplate;  // "Place: Something happens" promo headlines
        } else if (shape[i] == Shape::kShort &&
                   (f.words <= 6 || f.StopwordShare() < 0.25 || f.CapitalizedShare() > 0.6)) {
          role = BlockRole::kHeading;
        } else {
          role = BlockRole::kCaption;
        }
        break;
    }
    // A headline line the reader marked keeps its role when nothing says it is junk.
    if (b.role == BlockRole::kTitle && !have_title && shape[i] != Shape::kJunk && i < 3) {
      role = BlockRole::kTitle;
    }
    if (role == BlockRole::kTitle) {
      if (have_title) {
        role = BlockRole::kBoilerplate;
      }
      have_title = true;
    }
    if (role == BlockRole::kDek) {
      have_dek = true;
    }
    b.role = role;
  }
}

// "Related stories", "More from ...", "You may also like", "Read more", "Most popular".
bool AnnouncesOtherStories(std::string_view text) {
  std::string l = FoldCase(text);
  static constexpr std::string_view kCues[] = {
      "related",        "more stories",    "more great",    "more from",     "more news",
      "also like",      "read more",       "read next",     "most popular",  "most read",
      "recommended",    "trending",        "you might",     "don't miss",    "don\u2019t miss",
      "more on this",   "see also",        "lire aussi",    "leia também",   "lee también",
      "mehr zum thema", "weitere artikel", "читайте также", "читайте також", "популярн",
      "похожие",        "смотрите также",  "beliebt",       "les plus lus",  "más leíd",
      "mais lid",       "più lett",        "meistgelesen",  "à lire aussi",  "te puede interesar"};
  for (std::string_view c : kCues) {
    if (l.find(c) != std::string::npos) {
      return true;
    }
  }
  return false;
}

void AssignDomRoles(Document& doc, const std::vector<TextFeatures>& feats) {
  const size_t n = doc.blocks.size();
  std::vector<DomVerdict> dom = AnalyzeDom(doc, feats);
  size_t first_content = n;
  for (size_t i = 0; i < n; ++i) {
    if (dom[i].content) {
      first_content = i;
      break;
    }
  }
  // Short lines that recur on the page ("Advert", "Share", "0 shares") are furniture.
  std::unordered_map<uint64_t, int> short_count;
  for (size_t i = 0; i < n; ++i) {
    if (feats[i].words <= 4) {
      ++short_count[feats[i].key];
    }
  }
  bool have_title = false, have_dek = false, seen_body = false;
  for (size_t i = 0; i < n; ++i) {
    Block& b = doc.blocks[i];
    const TextFeatures& f = feats[i];
    const DomVerdict& v = dom[i];
    std::string_view text = doc.Slice(b);
    double ld = f.bytes ? double(b.link_bytes) / double(f.bytes) : 0.0;
    BlockRole role = BlockRole::kBoilerplate;
    // A long paragraph of the article is not junk for naming a sign-up or a subscription
    // once: the phrases must be dense to count.
    const bool long_prose = v.content && f.words >= 40 && f.ends_sentence && ld < 0.2 &&
                            !f.template_tokens && f.junk_phrases * 20 < f.words;
    bool junk = (IsJunk(f) && !long_prose) || IsDomLabel(text, f) ||
                (f.bio_shape && f.words <= 80 && i * 10 >= n * 7 && seen_body) ||
                (f.words <= 4 && short_count[f.key] >= 2 && v.hint != BlockRole::kHeading);
    if (v.hint == BlockRole::kTitle && !have_title && !junk && f.words <= 40) {
      role = BlockRole::kTitle;
      have_title = true;
    } else if (f.caption_marker) {
      role = BlockRole::kCaption;
    } else if (!v.content) {
      if (v.hint == BlockRole::kByline && i < first_content && f.words <= 25 && !junk) {
        role = BlockRole::kByline;
      } else if (v.hint == BlockRole::kDek && i < first_content && !have_dek && f.words >= 5 &&
                 !junk && ld < 0.3) {
        role = BlockRole::kDek;
        have_dek = true;
      } else if (v.hint == BlockRole::kCaption && !junk) {
        role = BlockRole::kCaption;
      } else if (have_title && !have_dek && i < first_content && !junk && f.words >= 6 &&
                 f.words <= 60 && ld < 0.2 && i > 0 &&
                 doc.blocks[i - 1].role == BlockRole::kTitle) {
        // A standfirst right under the headline, outside the article body.
        role = BlockRole::kDek;
        have_dek = true;
      }
    } else if (junk) {
      role = BlockRole::kBoilerplate;
    } else if (v.hint == BlockRole::kCaption && !(f.words >= 50 && f.ends_sentence && ld < 0.2)) {
      // (A long run of sentences is article text, whatever its element is called: a
      // gallery post's text in its "slide-caption".)
      role = BlockRole::kCaption;
    } else if (v.negative) {
      role = BlockRole::kBoilerplate;
    } else if (ld > 0.5 && !(f.words >= 25 && ld < 0.7)) {
      role = BlockRole::kBoilerplate;
    } else if (v.hint == BlockRole::kHeading || v.hint == BlockRole::kTitle) {
      role = f.words <= 30 ? BlockRole::kHeading : BlockRole::kBody;
    } else if (v.hint == BlockRole::kByline && f.words <= 25 &&
               (BylineName(text) || ParseDate(text) ||
                (!seen_body && !(f.ends_sentence && f.words >= 12)))) {
      // (Before the body, a line in a byline-named element is a byline unless it is a
      // sentence: the first paragraph of a post whose classes name its author.)
      role = BlockRole::kByline;
    } else if (v.hint == BlockRole::kDek && !seen_body && !have_dek && f.words >= 5) {
      role = BlockRole::kDek;
      have_dek = true;
    } else if (f.words <= 14 && BylineName(text) && !seen_body) {
      role = BlockRole::kByline;
    } else if (f.words <= 12 && !f.ends_sentence && ParseDate(text)) {
      role = BlockRole::kByline;  // "Monday November 18, 2019 7:45 am by Jo Doe"
    } else if (f.trailing_credit && !f.ends_sentence && f.words <= 60) {
      role = BlockRole::kCaption;
    } else {
      role = BlockRole::kBody;
      seen_body = true;
    }
    b.role = role;
  }
  // A heading that announces other stories ("Related", "More Great Stories", "Most
  // read") starts a teaser list: it and the short lines under it are boilerplate until a
  // real paragraph comes back.
  bool in_teasers = false;
  for (size_t i = 0; i < n; ++i) {
    Block& b = doc.blocks[i];
    const TextFeatures& f = feats[i];
    std::string_view text = doc.Slice(b);
    bool heading_tag = b.tag.size() == 2 && b.tag[0] == 'h' && b.tag[1] >= '1' && b.tag[1] <= '6';
    if (b.role == BlockRole::kHeading || (heading_tag && f.words <= 8) ||
        (b.role == BlockRole::kBody && f.words <= 6 && !f.ends_sentence)) {
      if (AnnouncesOtherStories(text)) {
        b.role = BlockRole::kBoilerplate;
        in_teasers = true;
        continue;
      }
    }
    if (!in_teasers) {
      continue;
    }
    bool paragraph = f.words >= 15 && f.ends_sentence && b.tag != "li";
    if (paragraph || b.role == BlockRole::kHeading) {
      in_teasers = false;
    } else if (b.role == BlockRole::kBody) {
      b.role = BlockRole::kBoilerplate;
    }
  }
  // Headings after the last body block introduce what follows the article (related
  // stories, comments): boilerplate.
  size_t last_body = n;
  for (size_t i = n; i-- > 0;) {
    if (doc.blocks[i].role == BlockRole::kBody) {
      last_body = i;
      break;
    }
  }
  for (size_t i = last_body == n ? 0 : last_body + 1; i < n; ++i) {
    if (doc.blocks[i].role == BlockRole::kHeading) {
      doc.blocks[i].role = BlockRole::kBoilerplate;
    }
  }
  // A page where nothing is body (a photo post, a gallery slide) keeps the text that
  // reads as sentences among its captions and standfirsts: better than an article of
  // nothing but its title.
  if (std::none_of(doc.blocks.begin(), doc.blocks.end(),
                   [](const Block& x) { return x.role == BlockRole::kBody; })) {
    for (size_t i = 0; i < n; ++i) {
      Block& x = doc.blocks[i];
      const TextFeatures& f = feats[i];
      if ((x.role == BlockRole::kCaption || x.role == BlockRole::kDek) && f.words >= 10 &&
          f.ends_sentence && x.link_bytes * 3 < f.bytes && !dom[i].negative) {
        x.role = BlockRole::kBody;
      }
    }
  }
  // The post's own headline just above its first paragraph (an <h2> under a site-name
  // <h1>, outside the element holding the text) belongs to the article: a heading tag,
  // not link text, at most three blocks up, with no title or heading between.
  size_t first_body = n;
  for (size_t i = 0; i < n; ++i) {
    if (doc.blocks[i].role == BlockRole::kBody) {
      first_body = i;
      break;
    }
  }
  for (size_t j = first_body; j-- > 0 && j + 3 >= first_body;) {
    Block& h = doc.blocks[j];
    if (h.role == BlockRole::kTitle || h.role == BlockRole::kHeading) {
      break;
    }
    const bool heading_tag =
        h.tag.size() == 2 && h.tag[0] == 'h' && h.tag[1] >= '1' && h.tag[1] <= '4';
    if (h.role == BlockRole::kBoilerplate && heading_tag && feats[j].words >= 3 &&
        h.link_bytes * 2 <= feats[j].bytes && !AnnouncesOtherStories(doc.Slice(h))) {
      h.role = BlockRole::kHeading;
      break;
    }
  }
}

void MarkRepeats(Document& doc, const std::vector<TextFeatures>& feats) {
  std::unordered_set<uint64_t> seen;
  for (size_t i = 0; i < doc.blocks.size(); ++i) {
    Block& b = doc.blocks[i];
    if (feats[i].words < 5 || b.role == BlockRole::kTitle) {
      continue;
    }
    const uint64_t key = feats[i].key;
    // A later copy of a body paragraph is a repeat whatever its own shape says.
    if (seen.count(key)) {
      b.role = BlockRole::kRepeat;
    } else if (b.role == BlockRole::kBody) {
      seen.insert(key);
    }
  }
}

// ---------------------------------------------------------------------------------------
// Metadata.

const std::string* Meta(const Document& doc, std::string_view key) {
  for (const auto& [k, v] : doc.meta) {
    if (k == key && !TrimSpace(v).empty()) {
      return &v;
    }
  }
  return nullptr;
}

bool IsBodyLike(BlockRole r) { return r == BlockRole::kBody || r == BlockRole::kHeading; }

constexpr std::string_view kWeekdays[] = {"sunday",   "monday", "tuesday", "wednesday",
                                          "thursday", "friday", "saturday"};

// 0 = Sunday.
int Weekday(int y, int m, int d) {
  static constexpr int t[] = {0, 3, 2, 5, 0, 3, 5, 1, 4, 6, 2, 4};
  if (m < 3) {
    y -= 1;
  }
  return (y + y / 4 - y / 100 + y / 400 + t[m - 1] + d) % 7;
}

void FillPublishedFromPage(Document& doc) {
  if (doc.published) {
    return;
  }
  for (std::string_view key :
       {"article:published_time", "jsonld:datePublished", "datePublished", "pubdate", "publishdate",
        "date", "dc.date", "dc.date.issued", "sailthru.date", "parsely-pub-date", "jsonl:date",
        "time", "article:modified_time", "jsonld:dateModified"}) {
    if (const std::string* v = Meta(doc, key)) {
      if (auto d = ParseDate(*v)) {
        doc.published = *d;
        doc.published_basis = "metadata";
        return;
      }
    }
  }
  std::string url = doc.url.value_or("");
  if (url.empty()) {
    if (const std::string* u = Meta(doc, "url")) {
      url = *u;
    }
  }
  if (!url.empty()) {
    if (auto d = DateFromUrl(url)) {
      doc.published = *d;
      doc.published_basis = "metadata";
      return;
    }
  }
  // Date lines near the top or in non-body blocks: "date 2022-10-28", "Published 28 Oct".
  for (size_t i = 0; i < doc.blocks.size(); ++i) {
    const Block& b = doc.blocks[i];
    if (IsBodyLike(b.role) && i >= 3) {
      continue;
    }
    if (b.role == BlockRole::kCaption) {
      continue;
    }
    std::string lower = AsciiLower(doc.Slice(b).substr(0, 400));
    for (std::string_view cue : {"date", "published", "posted", "updated", "byline"}) {
      size_t p = lower.find(cue);
      if (p == std::string::npos) {
        continue;
      }
      if (auto d = ParseDate(std::string_view(lower).substr(p, 60))) {
        doc.published = *d;
        doc.published_basis = "text";
        return;
      }
    }
    if (b.role == BlockRole::kByline) {
      if (auto d = ParseDate(doc.Slice(b))) {
        doc.published = *d;
        doc.published_basis = "text";
        return;
      }
    }
  }
  // Inferred: a dated caption ("... on March 8, 2023") whose weekday the body names
  // ("said Wednesday"). The body is searched only when some caption holds a date.
  std::vector<std::string> caption_dates;
  for (const Block& b : doc.blocks) {
    if (b.role != BlockRole::kCaption) {
      continue;
    }
    if (auto d = ParseDate(doc.Slice(b))) {
      caption_dates.push_back(std::move(*d));
    }
  }
  if (caption_dates.empty()) {
    return;
  }
  std::unordered_set<int> weekdays;
  for (const Block& b : doc.blocks) {
    if (!IsBodyLike(b.role)) {
      continue;
    }
    std::string lower = AsciiLower(doc.Slice(b));
    for (int w = 0; w < 7; ++w) {
      if (lower.find(kWeekdays[w]) != std::string::npos) {
        weekdays.insert(w);
      }
    }
  }
  for (const std::string& d : caption_dates) {
    int y = std::stoi(d.substr(0, 4)), m = std::stoi(d.substr(5, 2)),
        day = std::stoi(d.substr(8, 2));
    if (weekdays.count(Weekday(y, m, day))) {
      doc.published = d;
      doc.published_basis = "inferred";
      return;
    }
  }
}

// The page's own date (metadata, URL, date lines, inferred); failing those, the day a
// crawler fetched it (a WARC record's WARC-Date, reader meta "warc:date"), with basis
// "fetched": an upper bound on the publication day, not the publication day.
void FillPublished(Document& doc) {
  FillPublishedFromPage(doc);
  if (doc.published) {
    return;
  }
  if (const std::string* fetched = Meta(doc, "warc:date")) {
    if (auto d = ParseDate(*fetched)) {
      doc.published = *d;
      doc.published_basis = "fetched";
    }
  }
}

bool LooksLikeLinkText(std::string_view s) {
  std::string l = AsciiLower(s);
  for (std::string_view w : {"read", "article", "click", "more", "here", "full", "link"}) {
    if (l.find(w) != std::string::npos) {
      return true;
    }
  }
  return false;
}

void FillMetadata(Document& doc, const std::vector<TextFeatures>& feats) {
  std::string site;
  for (std::string_view key :
       {"og:site_name", "jsonld:publisher", "application-name", "twitter:site", "jsonl:outlet"}) {
    if (const std::string* v = Meta(doc, key)) {
      site = std::string(TrimSpace(*v));
      if (!site.empty() && site[0] == '@') {
        site = site.substr(1);
      }
      break;
    }
  }
  if (!doc.url) {
    if (const std::string* u = Meta(doc, "url")) {
      doc.url = *u;
    } else if (const std::string* c = Meta(doc, "canonical")) {
      doc.url = *c;
    } else if (const std::string* o = Meta(doc, "og:url")) {
      doc.url = *o;
    }
  }
  std::optional<std::string> host = doc.url ? HostFromUrl(*doc.url) : std::nullopt;

  // Outlet.
  if (!doc.outlet) {
    if (!site.empty()) {
      doc.outlet = site;
    } else {
      for (size_t i = 0; i < doc.blocks.size() && !doc.outlet; ++i) {
        if (IsBodyLike(doc.blocks[i].role)) {
          continue;
        }
        std::string_view t = doc.Slice(doc.blocks[i]);
        if (AsciiLower(t.substr(0, 7)) == "source:") {
          std::string_view name = TrimSpace(t.substr(7));
          if (!name.empty() && name.size() <= 60 && !LooksLikeLinkText(name)) {
            doc.outlet = std::string(name);
          }
        }
      }
      if (!doc.outlet && host) {
        doc.outlet = *host;
      }
    }
  }

  // Title.
  if (!doc.title) {
    std::string_view strip_site = !site.empty() ? std::string_view(site)
                                  : host        ? std::string_view(*host)
                                                : std::string_view();
    for (const Block& b : doc.blocks) {
      if (b.role == BlockRole::kTitle) {
        doc.title = std::string(TrimSpace(doc.Slice(b)));
        break;
      }
    }
    if (!doc.title) {
      for (std::string_view key :
           {"jsonld:headline", "og:title", "twitter:title", "html:title", "jsonl:title"}) {
        if (const std::string* v = Meta(doc, key)) {
          doc.title = StripSiteName(*v, strip_site);
          break;
        }
      }
    }
  }

  // Author.
  if (!doc.author) {
    for (std::string_view key : {"jsonld:author", "author", "article:author", "dc.creator", "byl",
                                 "sailthru.author", "jsonl:author"}) {
      if (const std::string* v = Meta(doc, key)) {
        std::string_view a = TrimSpace(*v);
        if (a.rfind("http", 0) == 0) {
          continue;
        }
        if (auto name = BylineName(a)) {
          doc.author = *name;
        } else {
          doc.author = std::string(a);
        }
        break;
      }
    }
    for (size_t i = 0; i < doc.blocks.size() && !doc.author; ++i) {
      if (doc.blocks[i].role != BlockRole::kByline) {
        continue;
      }
      std::string_view line = doc.Slice(doc.blocks[i]);
      if (auto name = BylineName(line)) {
        doc.author = *name;
      } else if (size_t by = AsciiLower(line).find(" by "); by != std::string::npos) {
        // "Tuesday March 5, 2024 9:10 am by Lena Ortiz"
        if (auto inner = BylineName(line.substr(by + 1))) {
          doc.author = *inner;
        }
      }
    }
  }

  FillPublished(doc);
  (void)feats;
}

// The reader's language (an html lang attribute, a JSONL field) is often a site-wide
// default; the body's language wins when it is known for sure: from its function words
// when they leave no doubt (cheap), else from CLD2 when CLD2 is reliable.
void DetectDocumentLanguage(Document& doc, bool guess_first) {
  thread_local std::string body;  // reused: one allocation per thread, not per document
  body.clear();
  for (const Block& b : doc.blocks) {
    if (!IsBodyLike(b.role)) {
      continue;
    }
    body.append(doc.Slice(b));
    body.push_back('\n');
    if (body.size() > 3 * 1024) {
      break;
    }
  }
  std::string_view sample =
      body.empty() ? std::string_view(doc.text).substr(0, 3 * 1024) : std::string_view(body);
  if (guess_first) {
    if (std::optional<std::string_view> guess = GuessLanguageFromFunctionWords(sample)) {
      doc.language = std::string(*guess);
      return;
    }
  }
  if (std::optional<std::string> lang = DetectLanguage(sample)) {
    doc.language = std::move(lang);
  }
}

std::vector<TextFeatures> Features(const Document& doc) {
  std::vector<TextFeatures> feats;
  feats.reserve(doc.blocks.size());
  for (const Block& b : doc.blocks) {
    feats.push_back(ComputeFeatures(doc.Slice(b)));
  }
  return feats;
}

// Clean one document; returns its block features for later passes.
std::vector<TextFeatures> CleanOne(Document& doc, const CleanOptions& options) {
  // Blocks must be valid ranges; drop any that are not (a reader bug must not crash us).
  std::erase_if(doc.blocks,
                [&](const Block& b) { return b.start > b.end || b.end > doc.text.size(); });
  // Trim blocks to their visible text (link text trimmed away no longer counts).
  for (Block& b : doc.blocks) {
    Range r = TrimRange(doc.Slice(b), b.start);
    b.start = r.start;
    b.end = r.end;
    b.link_bytes = std::min(b.link_bytes, b.end - b.start);
  }
  std::erase_if(doc.blocks, [](const Block& b) { return b.end <= b.start; });
  SplitBlocks(doc);
  std::vector<TextFeatures> feats = Features(doc);
  if (HasDomHints(doc)) {
    AssignDomRoles(doc, feats);
  } else {
    AssignTextRoles(doc, feats);
  }
  MarkRepeats(doc, feats);
  FillMetadata(doc, feats);
  if (options.detect_language) {
    DetectDocumentLanguage(doc, options.guess_language_from_function_words);
  }
  return feats;
}

}  // namespace

void CleanDocument(Document& doc, const CleanOptions& options) { CleanOne(doc, options); }

std::vector<uint64_t> CleanAlone(Document& doc, const CleanOptions& options) {
  std::vector<uint64_t> keys;
  for (const TextFeatures& f : CleanOne(doc, options)) {
    keys.push_back(f.key);
  }
  return keys;
}

void ApplyTemplates(Document& doc, const std::vector<uint64_t>& keys, const Templates& templates) {
  auto it = templates.by_outlet.find(doc.outlet.value_or(""));
  if (it == templates.by_outlet.end()) {
    return;
  }
  for (size_t i = 0; i < doc.blocks.size() && i < keys.size(); ++i) {
    Block& b = doc.blocks[i];
    if (b.role != BlockRole::kTitle && it->second.count(keys[i])) {
      b.role = BlockRole::kBoilerplate;
    }
  }
}

void CleanDocuments(std::vector<Document>& docs, const CleanOptions& options,
                    const Templates* templates) {
  // Each block's repetition key (TextFeatures::key), per document.
  std::vector<std::vector<uint64_t>> keys(docs.size());
  base::ParallelFor(docs.size(), options.threads,
                    [&](size_t i) { keys[i] = CleanAlone(docs[i], options); });
  if (templates != nullptr) {
    for (size_t i = 0; i < docs.size(); ++i) {
      ApplyTemplates(docs[i], keys[i], *templates);
    }
    return;
  }
  std::vector<std::string> outlets(docs.size());
  for (size_t i = 0; i < docs.size(); ++i) {
    outlets[i] = docs[i].outlet.value_or("");
  }
  const Templates found = FindTemplates(outlets, keys, options);
  for (size_t i = 0; i < docs.size(); ++i) {
    ApplyTemplates(docs[i], keys[i], found);
  }
}

Templates FindTemplates(const std::vector<std::string>& outlets,
                        const std::vector<std::vector<uint64_t>>& keys,
                        const CleanOptions& options) {
  Templates out;
  if (options.repeated_line_min_docs < 2 || outlets.size() < 2 || keys.size() != outlets.size()) {
    return out;
  }

  // Lines recurring across documents of one outlet are that outlet's template. Copies
  // must not vote: a story syndicated, republished with a cut paragraph, or scraped with
  // junk around it shares most of its paragraphs with its source, while a template shares
  // only a few lines with each article. Documents that share at least half of the
  // shorter one's blocks are one copy group, and a line is boilerplate only when it
  // recurs in enough different groups. Documents without a known outlet form one group
  // of "unknown outlet" (a scraper's template still repeats there).
  const size_t min_docs = static_cast<size_t>(options.repeated_line_min_docs);
  std::unordered_map<std::string, std::vector<size_t>> by_outlet;
  for (size_t i = 0; i < outlets.size(); ++i) {
    by_outlet[outlets[i]].push_back(i);
  }
  for (const auto& [outlet, members] : by_outlet) {
    if (members.size() < min_docs) {
      continue;
    }
    // line key -> members (indexes into `members`) holding it, each once
    std::unordered_map<uint64_t, std::vector<uint32_t>> holders;
    std::vector<size_t> distinct(members.size(), 0);
    for (size_t m = 0; m < members.size(); ++m) {
      const std::unordered_set<uint64_t> distinct_keys(keys[members[m]].begin(),
                                                       keys[members[m]].end());
      distinct[m] = distinct_keys.size();
      for (uint64_t k : distinct_keys) {
        holders[k].push_back(static_cast<uint32_t>(m));
      }
    }
    // Shared lines per pair of documents, from lines held by few documents (a line in
    // very many documents is template whatever the pairs say).
    constexpr size_t kMaxHoldersForPairs = 64;
    std::unordered_map<uint64_t, uint32_t> shared;
    for (const auto& [key, who] : holders) {
      if (who.size() < 2 || who.size() > kMaxHoldersForPairs) {
        continue;
      }
      for (size_t x = 0; x < who.size(); ++x) {
        for (size_t y = x + 1; y < who.size(); ++y) {
          ++shared[(static_cast<uint64_t>(who[x]) << 32) | who[y]];
        }
      }
    }
    base::UnionFind groups(members.size());
    for (const auto& [pair, count] : shared) {
      const size_t a = pair >> 32, b = pair & 0xffffffffu;
      if (count >= 2 && 2 * count >= std::min(distinct[a], distinct[b])) {
        groups.Union(a, b);
      }
    }
    // A line is template when documents of at least min_docs copy groups hold it:
    // decided once per line (a line in thousands of documents is looked at once, not
    // once per document), stopping at the min_docs-th group.
    std::unordered_set<uint64_t>& template_lines = out.by_outlet[outlet];
    std::vector<size_t> roots;
    for (const auto& [key, who] : holders) {
      if (who.size() < min_docs) {
        continue;
      }
      roots.clear();
      for (uint32_t h : who) {
        const size_t root = groups.Find(h);
        if (std::find(roots.begin(), roots.end(), root) == roots.end()) {
          roots.push_back(root);
          if (roots.size() >= min_docs) {
            break;
          }
        }
      }
      if (roots.size() >= min_docs) {
        template_lines.insert(key);
      }
    }
    if (template_lines.empty()) {
      out.by_outlet.erase(outlet);
    }
  }
  return out;
}

std::string ArticleText(const Document& doc) {
  std::string out;
  for (const Block& b : doc.blocks) {
    if (!IsBodyLike(b.role)) {
      continue;
    }
    if (!out.empty()) {
      out += "\n\n";
    }
    out.append(doc.Slice(b));
  }
  return out;
}

}  // namespace sitrep::clean
