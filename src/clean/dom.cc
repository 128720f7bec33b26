#include "clean/dom.h"

#include <algorithm>
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace sitrep::clean {
namespace {

enum class Kind : uint8_t { kNone, kNegative, kPositive, kCaption, kByline, kDek };

// Whole words of class and id names (split at - _ . # and digits), lower-case.
constexpr std::string_view kNegativeWords[] = {"comment",
                                               "comments",
                                               "footer",
                                               "sidebar",
                                               "widget",
                                               "widgets",
                                               "related",
                                               "recirc",
                                               "recirculation",
                                               "recommended",
                                               "recommendations",
                                               "recommendation",
                                               "promo",
                                               "promoted",
                                               "promotion",
                                               "sponsor",
                                               "sponsored",
                                               "ad",
                                               "ads",
                                               "advert",
                                               "adverts",
                                               "advertisement",
                                               "adslot",
                                               "adunit",
                                               "dfp",
                                               "banner",
                                               "share",
                                               "sharing",
                                               "sharebar",
                                               "social",
                                               "newsletter",
                                               "subscribe",
                                               "subscription",
                                               "signup",
                                               "cookie",
                                               "cookies",
                                               "consent",
                                               "gdpr",
                                               "breadcrumb",
                                               "breadcrumbs",
                                               "menu",
                                               "nav",
                                               "navbar",
                                               "navigation",
                                               "popup",
                                               "modal",
                                               "outbrain",
                                               "taboola",
                                               "trending",
                                               "popular",
                                               "mostread",
                                               "tags",
                                               "tag",
                                               "bio",
                                               "disclaimer",
                                               "masthead",
                                               "toolbar",
                                               "pagination",
                                               "pager",
                                               "rating",
                                               "login",
                                               "more",
                                               "rail",
                                               "aside",
                                               "teaser",
                                               "teasers",
                                               "carousel",
                                               "slider",
                                               "topics",
                                               "keywords",
                                               "feedback",
                                               "survey",
                                               "donate",
                                               "donation",
                                               "paywall",
                                               "affiliate",
                                               "crosslink",
                                               "readmore",
                                               "playlist",
                                               "gallery",
                                               "slideshow",
                                               "lightbox",
                                               "notification",
                                               "meta",
                                               "metadata",
                                               "headline",
                                               "header",
                                               "hed",
                                               "kicker",
                                               "eyebrow",
                                               "toc",
                                               "player",
                                               "btn",
                                               "button",
                                               "upsell"};
constexpr std::string_view kPositiveWords[] = {
    "article",  "body",         "content",      "entry",       "main",
    "post",     "text",         "story",        "blog",        "prose",
    "richtext", "paragraph",    "paragraphs",   "articlebody", "storybody",
    "postbody", "entrycontent", "article-body", "copy"};
constexpr std::string_view kCaptionWords[] = {"caption", "captions", "figcaption", "credit",
                                              "credits", "figure",   "photo",      "image",
                                              "img",     "picture"};
constexpr std::string_view kBylineWords[] = {"byline",    "author",  "authors", "contributor",
                                             "dateline",  "date",    "time",    "timestamp",
                                             "published", "pubdate", "updated", "writer"};
constexpr std::string_view kDekWords[] = {"dek",       "standfirst",  "subtitle", "subheadline",
                                          "summary",   "description", "deck",     "excerpt",
                                          "strapline", "sapo",        "chapo"};

enum WordClass : uint8_t {
  kNegativeWord = 1,
  kPositiveWord = 2,
  kCaptionWord = 4,
  kBylineWord = 8,
  kDekWord = 16,
  kCommentsWord = 32,
};

// The classes of a class/id word (a bit set of WordClass), from one table built once: a
// page has thousands of class words, and the lists above are 150 words long.
uint8_t ClassOf(std::string_view w) {
  static const auto* const table = [] {
    auto* t = new std::unordered_map<std::string_view, uint8_t>();
    const auto add = [t](auto& list, uint8_t bit) {
      for (std::string_view x : list) {
        (*t)[x] |= bit;
      }
    };
    add(kNegativeWords, kNegativeWord);
    add(kPositiveWords, kPositiveWord);
    add(kCaptionWords, kCaptionWord);
    add(kBylineWords, kBylineWord);
    add(kDekWords, kDekWord);
    (*t)["comment"] |= kCommentsWord;
    (*t)["comments"] |= kCommentsWord;
    return t;
  }();
  const auto it = table->find(w);
  if (it != table->end()) {
    return it->second;
  }
  // Run-together names of comment sections: "commentlist", "commentblock",
  // "commentsarea" (not "commentary", an opinion column, nor "commenting").
  if (w.size() > 8 && w.starts_with("comment") && !w.starts_with("commentar") &&
      !w.starts_with("commentat") && !w.starts_with("commenting")) {
    return kNegativeWord | kCommentsWord;
  }
  return 0;
}

bool HardNegativeTag(std::string_view tag) {
  return tag == "nav" || tag == "footer" || tag == "aside" || tag == "form" || tag == "button" ||
         tag == "select" || tag == "noscript" || tag == "menu" || tag == "dialog" ||
         tag == "template" || tag == "header" || tag == "option" || tag == "label" ||
         tag == "iframe" || tag == "svg";
}

struct TokenInfo {
  std::string_view tag;
  bool comments = false;
  bool negative = false;
  bool positive = false;
  bool caption = false;
  bool byline = false;
  bool dek = false;
  bool figure = false;
};

// Parses "div#main.story-body.wide": tag, then words of ids and classes.
TokenInfo ParseToken(std::string_view tok) {
  TokenInfo info;
  size_t k = 0;
  while (k < tok.size() && tok[k] != '#' && tok[k] != '.') {
    ++k;
  }
  info.tag = tok.substr(0, k);
  if (HardNegativeTag(info.tag)) {
    info.negative = true;
  }
  if (info.tag == "figure" || info.tag == "figcaption") {
    info.caption = true;
  }
  info.figure = info.tag == "figure" || info.tag == "figcaption";
  bool structural =
      info.tag == "body" || info.tag == "html" || info.tag == "main" || info.tag == "article";
  std::string word;
  bool neg_word = false;
  auto flush = [&]() {
    if (word.empty()) {
      return;
    }
    const uint8_t c = ClassOf(word);
    word.clear();
    if (c == 0) {
      return;
    }
    if (c & kNegativeWord) {
      neg_word = true;
    }
    if (c & kCommentsWord) {
      info.comments = true;
    }
    if (c & kPositiveWord) {
      info.positive = true;
    }
    if (c & kCaptionWord) {
      info.caption = true;
    }
    if (c & kBylineWord) {
      info.byline = true;
    }
    if (c & kDekWord) {
      info.dek = true;
    }
  };
  for (size_t i = k; i < tok.size(); ++i) {
    char c = tok[i];
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) {
      // camelCase boundary: "relatedLinks" -> related, links.
      if (c >= 'A' && c <= 'Z' && !word.empty() && word.back() >= 'a' && word.back() <= 'z') {
        flush();
      }
      word.push_back(static_cast<char>(c | 0x20));
    } else {
      flush();
    }
  }
  flush();
  // Readability's rule: a name that also says "article"/"content" is not unlikely.
  if (neg_word && !info.positive && !structural) {
    info.negative = true;
  }
  // A comment section's parts are comments even when they also say "body" or "content"
  // ("comments-body", "comment-content").
  if (info.comments && !structural) {
    info.negative = true;
  }
  if (info.byline || info.dek) {
    // "author-bio", "byline" inside a sidebar stay negative; the role hint survives.
  }
  return info;
}

struct Container {
  int depth = 0;
  int parent = -1;
  size_t first_block = 0;  // index of the first block inside
  double score = 0;
  size_t bytes = 0;
  size_t link_bytes = 0;
  double class_factor = 1.0;
  bool positive = false;     // class/id says article, content, body...
  bool negative = false;     // class/id says related, share, comment... or a hard tag
  bool hard = false;         // nav, footer, aside, header, form...
  bool tag_excludes = true;  // the hard tag rules the element out
  bool excluded = false;     // final: blocks inside are not article text
  bool caption = false;
  bool dek = false;
  bool byline = false;
  bool figure = false;  // <figure>/<figcaption>
  bool comments = false;
  size_t kept_bytes = 0;  // bytes and link bytes of the blocks not ruled out
  size_t kept_link_bytes = 0;
  int prose_count = 0;     // sentence-like, link-poor paragraphs inside
  size_t prose_bytes = 0;  // bytes of sentence-like, link-poor paragraphs inside
  uint64_t path_hash = 0;  // hash of the loose descriptors (tag and first class) from the
                           // root to this element
  int prose_blocks = 0;    // blocks that scored (paragraph-like)
  int other_blocks = 0;    // short, link-heavy or date-like blocks
};

uint64_t Mix(uint64_t h, std::string_view s) {
  for (unsigned char c : s) {
    h = (h ^ c) * 1099511628211ull;
  }
  return (h ^ 0xFF) * 1099511628211ull;
}

// Mixes the loose descriptor of "div#post-12.article-body.wide" - tag and first class,
// no id - so chunks of one article that differ by id or modifier classes share a path.
uint64_t MixLoose(uint64_t h, std::string_view tok) {
  size_t k = 0;
  while (k < tok.size() && tok[k] != '#' && tok[k] != '.') {
    ++k;
  }
  h = Mix(h, tok.substr(0, k));
  size_t dot = tok.find('.', k);
  if (dot != std::string_view::npos) {
    size_t end = tok.find_first_of(".#", dot + 1);
    if (end == std::string_view::npos) {
      end = tok.size();
    }
    h = Mix(h, tok.substr(dot + 1, end - dot - 1));
  }
  return h;
}

// Word 3-gram hashes of a text: runs of letters/digits (any non-ASCII byte counts as a
// letter), ASCII lower-cased.
std::vector<uint64_t> Trigrams(std::string_view s) {
  std::vector<uint64_t> words;
  uint64_t h = 1469598103934665603ull;
  bool in = false;
  for (unsigned char c : s) {
    bool w = (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') || c >= 0x80;
    if (w) {
      h = (h ^ (c >= 'A' && c <= 'Z' ? c | 0x20 : c)) * 1099511628211ull;
      in = true;
    } else if (in) {
      words.push_back(h);
      h = 1469598103934665603ull;
      in = false;
    }
  }
  if (in) {
    words.push_back(h);
  }
  std::vector<uint64_t> out;
  for (size_t i = 0; i + 2 < words.size(); ++i) {
    out.push_back(words[i] * 31 + words[i + 1] * 1000003 + words[i + 2] * 998244353);
  }
  if (words.size() > 0 && words.size() < 3) {
    uint64_t x = 0;
    for (uint64_t w : words) {
      x = x * 131 + w;
    }
    out.push_back(x);
  }
  return out;
}

}  // namespace

bool HasDomHints(const Document& doc) {
  for (const Block& b : doc.blocks) {
    if (!b.tag.empty()) {
      return true;
    }
  }
  return false;
}

std::vector<DomVerdict> AnalyzeDom(const Document& doc, const std::vector<TextFeatures>& features) {
  const size_t n = doc.blocks.size();
  std::vector<DomVerdict> out(n);
  if (n == 0) {
    return out;
  }

  std::vector<Container> containers;
  std::vector<std::vector<int>> chain(n);  // container instance per depth, per block
  std::vector<uint64_t> prev_hash;
  std::vector<int> prev_inst;

  // Pass 1: container instances, their sizes and class/tag verdicts.
  std::vector<std::optional<BlockRole>> hints(n);
  size_t total_bytes = 0;
  size_t total_prose = 0;
  for (size_t i = 0; i < n; ++i) {
    const Block& b = doc.blocks[i];
    std::string_view anc = b.ancestors;
    std::vector<uint64_t> hashes;
    uint64_t h = 1469598103934665603ull;
    uint64_t loose = h;
    size_t pos = 0;
    int depth = 0;
    while (pos < anc.size()) {
      size_t sp = anc.find(' ', pos);
      if (sp == std::string_view::npos) {
        sp = anc.size();
      }
      std::string_view tok = anc.substr(pos, sp - pos);
      pos = sp + 1;
      if (tok.empty()) {
        continue;
      }
      h = Mix(h, tok);
      loose = MixLoose(loose, tok);
      hashes.push_back(h);
      int inst;
      if (static_cast<size_t>(depth) < prev_hash.size() && prev_hash[depth] == h) {
        inst = prev_inst[depth];
      } else {
        TokenInfo info = ParseToken(tok);
        inst = static_cast<int>(containers.size());
        Container c;
        c.depth = depth;
        c.path_hash = loose;
        c.parent = depth > 0 ? chain[i].back() : -1;
        c.first_block = i;
        c.positive = info.positive;
        c.negative = info.negative;
        c.hard = HardNegativeTag(info.tag);
        c.caption = info.caption;
        c.dek = info.dek && !info.negative;
        c.byline = info.byline;
        c.figure = info.figure;
        c.comments = info.comments;
        containers.push_back(c);
      }
      chain[i].push_back(inst);
      ++depth;
    }
    // Later blocks compare against this chain; deeper levels of the previous block that
    // this block does not reach are forgotten, so re-entering them starts a new instance.
    prev_hash = std::move(hashes);
    prev_inst = chain[i];

    const TextFeatures& f = features[i];
    total_bytes += f.bytes;
    bool prose = f.words >= 20 && f.ends_sentence && b.link_bytes * 4 < f.bytes;
    if (prose) {
      total_prose += f.bytes;
    }
    for (int inst : chain[i]) {
      containers[inst].bytes += f.bytes;
      containers[inst].link_bytes += std::min(b.link_bytes, f.bytes);
      if (prose) {
        containers[inst].prose_bytes += f.bytes;
        ++containers[inst].prose_count;
      }
    }
  }

  // An element holding most of the page's text, or most of its prose, is a page wrapper
  // whatever its class says ("sliderBox", "has-sidebar", "right-rail-wrapper"); only
  // smaller elements are ruled out by name or tag. Comment sections stay out, however
  // much of the page they fill (a short post under hundreds of comments).
  for (Container& c : containers) {
    // (A wrapper by prose holds paragraphs: one text widget in a sidebar can outweigh a
    // post of a line or two.)
    bool prose_wrapper = c.prose_bytes * 2 > total_prose && c.prose_count >= 2;
    // (A wrapper by size holds a paragraph: a sidebar of link lists can hold most of the
    // text of a page whose post is two lines.)
    bool wrapper = !c.comments && ((c.bytes * 2 > total_bytes && c.prose_count >= 1) ||
                                   (!c.hard && prose_wrapper));
    c.excluded = (c.negative || (c.hard && c.tag_excludes)) && !wrapper;
    c.class_factor = c.positive ? 1.25 : c.excluded ? 0.3 : 1.0;
  }

  // Role hints: class names of small elements only ("caption", "byline", "dek"); a big
  // element named "...-image" or "...-summary" is a layout wrapper.
  for (size_t i = 0; i < n; ++i) {
    std::optional<BlockRole> hint;
    for (int inst : chain[i]) {
      const Container& c = containers[inst];
      bool small = c.bytes <= 1500 && c.bytes * 4 <= total_bytes;
      if (!small && !c.figure) {
        continue;
      }
      // An element holding several paragraphs is no byline, dek or caption, whatever it
      // is called (a post whose classes name its author: "post author-admin").
      if (!c.figure && c.prose_count >= 2) {
        continue;
      }
      if (c.caption) {
        hint = BlockRole::kCaption;
      } else if (c.dek) {
        hint = BlockRole::kDek;
      } else if (c.byline) {
        hint = BlockRole::kByline;
      }
    }
    std::string_view tag = doc.blocks[i].tag;
    if (tag == "figcaption") {
      hint = BlockRole::kCaption;
    }
    if (tag == "h1") {
      hint = BlockRole::kTitle;
    }
    if (tag.size() == 2 && tag[0] == 'h' && tag[1] >= '2' && tag[1] <= '6' &&
        hint != BlockRole::kCaption) {
      hint = BlockRole::kHeading;
    }
    hints[i] = hint;
  }

  // Pass 2: block scores flow to the ancestors.
  for (size_t i = 0; i < n; ++i) {
    const Block& b = doc.blocks[i];
    bool negative = HardNegativeTag(b.tag);
    for (int inst : chain[i]) {
      negative |= containers[inst].excluded;
    }
    out[i].negative = negative;
    out[i].hint = hints[i];
    const TextFeatures& f = features[i];
    double ld = f.bytes ? std::min(1.0, double(b.link_bytes) / double(f.bytes)) : 0.0;
    std::optional<BlockRole> hint = hints[i];
    bool paragraph = !(f.words < 6 || ld > 0.5 || hint == BlockRole::kHeading ||
                       hint == BlockRole::kTitle || hint == BlockRole::kCaption);
    for (int inst : chain[i]) {
      if (paragraph) {
        ++containers[inst].prose_blocks;
      } else {
        ++containers[inst].other_blocks;
      }
    }
    // The link density a container is judged by counts only the blocks not ruled out: a
    // post is not link-heavy for holding a list of related stories.
    if (!negative) {
      for (int inst : chain[i]) {
        containers[inst].kept_bytes += f.bytes;
        containers[inst].kept_link_bytes += std::min(b.link_bytes, f.bytes);
      }
    }
    if (negative || !paragraph) {
      continue;
    }
    double s = 1.0 + std::min<double>(f.commas, 10) + std::min(double(f.bytes) / 100.0, 3.0);
    if (f.words >= 12 && f.StopwordShare() < 0.08) {
      s *= 0.5;  // lists of names, tags
    }
    if (f.ends_sentence) {
      s += 0.5;
    }
    s *= (1.0 - ld);
    int d = static_cast<int>(chain[i].size());
    for (int k = d - 1, level = 0; k >= 0 && level < 6; --k, ++level) {
      double w = level == 0 ? 1.0 : level == 1 ? 0.5 : 1.0 / (3.0 * level);
      containers[chain[i][k]].score += s * w;
    }
  }

  // The headline block: the first short block that the page's title (og:title, else
  // <title>) holds and that covers at least half of it (not the site's name).
  size_t title_block = n;
  {
    std::string_view page_title;
    for (const auto& [key, value] : doc.meta) {
      if (key == "og:title" || (key == "html:title" && page_title.empty())) {
        page_title = value;
      }
    }
    if (!page_title.empty()) {
      for (size_t i = 0; i < n; ++i) {
        std::string_view t = doc.Slice(doc.blocks[i]);
        if (features[i].words >= 2 && features[i].words <= 30 &&
            t.size() * 2 >= page_title.size() && page_title.find(t) != std::string_view::npos) {
          title_block = i;
          break;
        }
      }
    }
  }

  // Best container.
  int top = -1;
  double best = 0;
  std::vector<double> final_score(containers.size());
  for (size_t c = 0; c < containers.size(); ++c) {
    const Container& k = containers[c];
    double ld = k.kept_bytes ? double(k.kept_link_bytes) / double(k.kept_bytes) : 0.0;
    // Lists of teasers (a line of text, a date, a link, again and again) are fragmented:
    // few of their blocks are paragraphs.
    double blocks = double(k.prose_blocks + k.other_blocks);
    double prose_share = blocks > 0 ? double(k.prose_blocks) / blocks : 0.0;
    double fragment = std::min(1.0, 2.0 * prose_share);
    final_score[c] = k.score * (1.0 - ld) * k.class_factor * fragment;
    // The article follows its headline: an element starting right under it counts more
    // (a post of two lines against a sidebar's text box).
    if (title_block < n && k.first_block > title_block && k.first_block <= title_block + 3) {
      final_score[c] *= 1.5;
    }
    if (final_score[c] > best) {
      best = final_score[c];
      top = static_cast<int>(c);
    }
  }

  // Climb while the parent holds comparable content of its own (the article spread over
  // several children: a list, tables, paragraphs).
  while (top >= 0 && containers[top].parent >= 0) {
    int p = containers[top].parent;
    if (containers[p].excluded || final_score[p] < 0.75 * final_score[top]) {
      break;
    }
    top = p;
  }
  if (top >= 0) {
    best = final_score[top];
  }
  std::vector<char> included(containers.size(), 0);
  int top_parent = -1;
  int top_grandparent = -1;
  if (top >= 0) {
    included[top] = 1;
    top_parent = containers[top].parent;
    top_grandparent = top_parent >= 0 ? containers[top_parent].parent : -1;
    if (top_parent >= 0) {
      double threshold = std::max(10.0, best * 0.2);
      for (size_t c = 0; c < containers.size(); ++c) {
        if (containers[c].parent == top_parent && !containers[c].excluded &&
            final_score[c] >= threshold) {
          included[c] = 1;
        }
      }
    }
    // The same element path again elsewhere on the page: the article split into chunks
    // (sections between adverts, "article__chunks"); each chunk with a paragraph joins.
    for (size_t c = 0; c < containers.size(); ++c) {
      if (containers[c].path_hash == containers[top].path_hash && !containers[c].excluded &&
          final_score[c] >= 2.0) {
        included[c] = 1;
      }
    }
  }

  size_t top_first = n;  // the first block of the top container
  for (size_t i = 0; i < n && top >= 0 && top_first == n; ++i) {
    if (std::find(chain[i].begin(), chain[i].end(), top) != chain[i].end()) {
      top_first = i;
    }
  }
  for (size_t i = 0; i < n; ++i) {
    bool in = false;
    for (int inst : chain[i]) {
      if (included[inst]) {
        in = true;
        break;
      }
    }
    // A paragraph sitting directly in the top container's parent, next to it.
    if (!in && top_parent >= 0 && !chain[i].empty() && chain[i].back() == top_parent &&
        !out[i].negative) {
      const TextFeatures& f = features[i];
      double ld = f.bytes ? double(doc.blocks[i].link_bytes) / double(f.bytes) : 0.0;
      if ((f.bytes > 80 && ld < 0.25) || (ld == 0 && f.ends_sentence && f.words >= 6)) {
        in = true;
      }
    }
    // A lead paragraph one level further up, before the top container: the first
    // paragraph of a post set apart from the rest ("intro", then the body's element).
    if (!in && i < top_first && top_grandparent >= 0 && !chain[i].empty() &&
        chain[i].back() == top_grandparent && !out[i].negative) {
      const TextFeatures& f = features[i];
      double ld = f.bytes ? double(doc.blocks[i].link_bytes) / double(f.bytes) : 0.0;
      if (f.words >= 20 && f.ends_sentence && ld < 0.25) {
        in = true;
      }
    }
    out[i].content = in;
  }

  // JSON-LD articleBody, when the page carries it, says which blocks are the article.
  const std::string* body = nullptr;
  for (const auto& [key, value] : doc.meta) {
    if (key == "jsonld:articleBody" && value.size() >= 200) {
      body = &value;
      break;
    }
  }
  if (body != nullptr) {
    std::vector<uint64_t> grams = Trigrams(*body);
    std::unordered_set<uint64_t> set(grams.begin(), grams.end());
    std::unordered_set<uint64_t> matched_grams;
    std::vector<char> matched(n, 0);
    for (size_t i = 0; i < n; ++i) {
      std::vector<uint64_t> g = Trigrams(doc.Slice(doc.blocks[i]));
      if (g.empty()) {
        continue;
      }
      size_t hit = 0;
      for (uint64_t x : g) {
        hit += set.count(x);
      }
      if (hit * 2 >= g.size() && !(g.size() == 1 && features[i].words < 3)) {
        matched[i] = 1;
        for (uint64_t x : g) {
          if (set.count(x)) {
            matched_grams.insert(x);
          }
        }
      }
    }
    double coverage = set.empty() ? 0.0 : double(matched_grams.size()) / double(set.size());
    size_t content_bytes = 0;
    for (size_t i = 0; i < n; ++i) {
      if (out[i].content) {
        content_bytes += features[i].bytes;
      }
    }
    // A short articleBody is a summary or a paywall teaser: it may add blocks, never
    // take the container's away.
    bool complete = body->size() * 2 >= content_bytes;
    if (coverage >= 0.6 && complete) {
      size_t first = n, last = 0;
      for (size_t i = 0; i < n; ++i) {
        if (matched[i]) {
          first = std::min(first, i);
          last = i;
        }
      }
      for (size_t i = 0; i < n; ++i) {
        bool heading_between = i > first && i < last && out[i].hint == BlockRole::kHeading;
        out[i].content = matched[i] || heading_between;
      }
    } else if (coverage >= 0.25) {
      for (size_t i = 0; i < n; ++i) {
        out[i].content = out[i].content || matched[i];
      }
    }
  }
  return out;
}

}  // namespace sitrep::clean
