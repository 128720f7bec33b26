#include <gumbo.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdlib>
#include <cstring>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "ingest/readers.h"

namespace sitrep::ingest::internal {
namespace {

// ---- Flattening of deep nesting (a tag scanner run before the parser) ----

constexpr size_t kMaxFormatting = 32;

bool InList(std::string_view name, std::initializer_list<std::string_view> list) {
  return std::find(list.begin(), list.end(), name) != list.end();
}

// Elements that never nest in the parsed tree: void elements, and elements whose start
// tag closes an open one of the same kind.
bool NeverNests(std::string_view n) {
  return InList(n, {"area",     "base",  "br",    "col",    "embed", "hr",    "img",    "input",
                    "link",     "meta",  "param", "source", "track", "wbr",   "keygen", "basefont",
                    "bgsound",  "frame", "image", "p",      "li",    "dt",    "dd",     "option",
                    "optgroup", "tr",    "td",    "th",     "thead", "tbody", "tfoot",  "colgroup",
                    "caption",  "rb",    "rt",    "rp",     "rtc",   "a",     "nobr",   "button",
                    "form",     "html",  "head",  "body"});
}

constexpr size_t kMaxTokenBytes = 48;
constexpr size_t kMaxClassTokens = 6;
constexpr size_t kMaxClassBytes = 64;  // Longer class attributes are checked for the cut.

bool IsAsciiSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }

bool IsFormatting(std::string_view n) {
  return InList(
      n, {"b", "big", "code", "em", "font", "i", "s", "small", "strike", "strong", "tt", "u"});
}

bool IsRawText(std::string_view n) {
  return InList(n,
                {"script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes"});
}

// Elements dropped with their content before parsing, when the tag scanner finds their
// end: what the walker skips whole (never shown), and navigation and asides (menus,
// related links, author bios), which are never article text; trafilatura drops them too.
bool DroppedWhole(std::string_view n) {
  return InList(n, {"nav", "aside", "menu", "svg", "math", "template", "noscript", "select",
                    "video", "audio", "canvas", "object", "datalist"});
}

// Attributes the walker reads (Enter, OnMeta, OnLink, IsHidden, AppendDescriptor); the
// rest (data-*, srcset, inline handlers, a's href...) is a third of a modern page's markup
// and is dropped before parsing. `tag` is the lower-case tag name.
bool KeptAttribute(std::string_view tag, std::string_view attr) {
  if (attr == "href" || attr == "rel") return tag == "link";
  return InList(attr, {"id", "class", "style", "hidden", "lang", "itemprop", "content", "datetime",
                       "type", "property", "name", "charset"});
}

bool EqualsLower(std::string_view text, std::string_view lower) {
  if (text.size() != lower.size()) return false;
  for (size_t k = 0; k < text.size(); ++k) {
    if (std::tolower(static_cast<unsigned char>(text[k])) != lower[k]) return false;
  }
  return true;
}

// Whether html[at...] names the lower-case tag `name` followed by a delimiter.
bool NamesTag(std::string_view html, size_t at, std::string_view name) {
  if (at + name.size() >= html.size()) return false;
  if (!EqualsLower(html.substr(at, name.size()), name)) return false;
  const char after = html[at + name.size()];
  return after == '>' || after == '/' || IsAsciiSpace(after);
}

// The end (one past '>') of the end tag that closes the element `name` opened before
// `from`, counting nested elements of the same name; npos when there is none.
size_t FindMatchingEnd(std::string_view html, std::string_view name, size_t from) {
  size_t depth = 1;
  for (size_t j = html.find('<', from); j != std::string_view::npos; j = html.find('<', j + 1)) {
    if (j + 1 < html.size() && html[j + 1] == '/') {
      if (NamesTag(html, j + 2, name) && --depth == 0) {
        const size_t gt = html.find('>', j);
        return gt == std::string_view::npos ? html.size() : gt + 1;
      }
    } else if (NamesTag(html, j + 1, name)) {
      ++depth;
    }
  }
  return std::string_view::npos;
}

// Appends the start tag html[begin, end] ('>' at `end`) with only the kept attributes;
// false (nothing appended) when the attributes do not scan cleanly or none is dropped.
bool AppendWithKeptAttributes(std::string_view html, size_t begin, size_t name_end, size_t end,
                              std::string_view tag, bool self_closing, std::string& out) {
  struct Span {
    size_t from, to;
  };
  std::array<Span, 16> kept{};
  size_t kept_count = 0;
  struct {
    size_t attr = 0;  // 1 + index in `kept` of a class value cut short, or 0
    size_t at = 0;    // where its cut starts
  } class_cut;
  bool dropped = false;
  size_t k = name_end;
  while (k < end) {
    const char c = html[k];
    if (IsAsciiSpace(c) || c == '/') {
      ++k;
      continue;
    }
    const size_t from = k;
    while (k < end && !IsAsciiSpace(html[k]) && html[k] != '=' && html[k] != '/') ++k;
    if (k == from) {  // a stray '=' or quote
      ++k;
      continue;
    }
    const size_t name_to = k;
    size_t v = k;
    while (v < end && IsAsciiSpace(html[v])) ++v;
    if (v < end && html[v] == '=') {
      ++v;
      while (v < end && IsAsciiSpace(html[v])) ++v;
      if (v < end && (html[v] == '"' || html[v] == '\'')) {
        const size_t close = html.find(html[v], v + 1);
        if (close == std::string_view::npos || close >= end) return false;
        k = close + 1;
      } else {
        while (v < end && !IsAsciiSpace(html[v])) ++v;
        k = v;
      }
    }
    std::string attr(html.substr(from, std::min<size_t>(name_to - from, 32)));
    for (char& ch : attr) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    if (!KeptAttribute(tag, attr)) {
      dropped = true;
      continue;
    }
    if (kept_count == kept.size()) return false;
    kept[kept_count++] = {from, k};
    if (attr == "class" && k - from > kMaxClassBytes) {
      // The walker reads the first kMaxClassTokens tokens: Tailwind-style lists of dozens
      // of utility classes are cut there.
      const size_t value = html.find_first_not_of(" \t\n\r\f=", name_to);
      const bool quoted = value < k && (html[value] == '"' || html[value] == '\'');
      const size_t first = quoted ? value + 1 : value;
      const size_t last = quoted ? k - 1 : k;
      size_t tokens = 0;
      size_t t = first;
      while (t < last) {
        while (t < last && IsAsciiSpace(html[t])) ++t;
        if (t == last) break;
        if (tokens == kMaxClassTokens) {
          class_cut = {kept_count, t};
          dropped = true;
          break;
        }
        while (t < last && !IsAsciiSpace(html[t])) ++t;
        ++tokens;
      }
    }
  }
  if (!dropped) return false;
  out.append(html.substr(begin, name_end - begin));
  for (size_t a = 0; a < kept_count; ++a) {
    out += ' ';
    if (a + 1 == class_cut.attr) {
      // class="a b c d e f ..." up to the cut, then the closing quote if there was one.
      std::string_view head = html.substr(kept[a].from, class_cut.at - kept[a].from);
      while (!head.empty() && IsAsciiSpace(head.back())) head.remove_suffix(1);
      out.append(head);
      const char q = html[kept[a].to - 1];
      if (q == '"' || q == '\'') out += q;
      continue;
    }
    out.append(html.substr(kept[a].from, kept[a].to - kept[a].from));
  }
  if (self_closing) out += '/';
  out += '>';
  return true;
}

// Case-insensitive search for "</name" from `from`.
size_t FindEndTag(std::string_view html, std::string_view name, size_t from) {
  for (size_t i = html.find("</", from); i != std::string_view::npos; i = html.find("</", i + 2)) {
    if (i + 2 + name.size() > html.size()) return std::string_view::npos;
    if (EqualsLower(html.substr(i + 2, name.size()), name)) return i;
  }
  return std::string_view::npos;
}

// Where a raw-text element (<title>, <textarea>, <style>, <xmp>...; not <script>, whose
// code may hold "<" anywhere) that starts its text at `from` really ends when its end tag
// is missing (`close` is npos) or lies beyond markup no such text holds (a <body> or
// </head> tag, or, in a <title>, any tag: a title is a line of text): at the first tag
// after `from`. npos when the element is closed normally, or holds no tag to end at.
size_t UnclosedRawTextEnd(std::string_view html, std::string_view name, size_t from, size_t close) {
  if (name == "script") return std::string_view::npos;
  const size_t limit = close == std::string_view::npos ? html.size() : close;
  size_t first_tag = std::string_view::npos;
  for (size_t i = html.find('<', from); i != std::string_view::npos && i < limit;
       i = html.find('<', i + 1)) {
    const size_t p = i + 1 < html.size() && html[i + 1] == '/' ? i + 2 : i + 1;
    if (p >= html.size() || !std::isalpha(static_cast<unsigned char>(html[p]))) continue;
    if (first_tag == std::string_view::npos) {
      first_tag = i;
      if (close == std::string_view::npos || name == "title") return first_tag;
    }
    const std::string_view rest = html.substr(p, 4);
    if (EqualsLower(rest, "body") || EqualsLower(rest, "head") || EqualsLower(rest, "html")) {
      return first_tag;
    }
  }
  return std::string_view::npos;
}

// ---- The DOM walk ----

enum class Kind : unsigned char { kInline, kBlock, kSkip };

struct TagTable {
  std::array<Kind, GUMBO_TAG_LAST + 1> kind{};
  TagTable() {
    kind.fill(Kind::kInline);
    for (GumboTag t :
         {GUMBO_TAG_ADDRESS,  GUMBO_TAG_ARTICLE,    GUMBO_TAG_ASIDE,     GUMBO_TAG_BLOCKQUOTE,
          GUMBO_TAG_BODY,     GUMBO_TAG_CENTER,     GUMBO_TAG_DD,        GUMBO_TAG_DETAILS,
          GUMBO_TAG_DIR,      GUMBO_TAG_DIV,        GUMBO_TAG_DL,        GUMBO_TAG_DT,
          GUMBO_TAG_FIELDSET, GUMBO_TAG_FIGCAPTION, GUMBO_TAG_FIGURE,    GUMBO_TAG_FOOTER,
          GUMBO_TAG_FORM,     GUMBO_TAG_H1,         GUMBO_TAG_H2,        GUMBO_TAG_H3,
          GUMBO_TAG_H4,       GUMBO_TAG_H5,         GUMBO_TAG_H6,        GUMBO_TAG_HEADER,
          GUMBO_TAG_HGROUP,   GUMBO_TAG_HR,         GUMBO_TAG_LEGEND,    GUMBO_TAG_LI,
          GUMBO_TAG_MAIN,     GUMBO_TAG_MENU,       GUMBO_TAG_NAV,       GUMBO_TAG_OL,
          GUMBO_TAG_P,        GUMBO_TAG_PRE,        GUMBO_TAG_SECTION,   GUMBO_TAG_SUMMARY,
          GUMBO_TAG_TABLE,    GUMBO_TAG_CAPTION,    GUMBO_TAG_TBODY,     GUMBO_TAG_THEAD,
          GUMBO_TAG_TFOOT,    GUMBO_TAG_TR,         GUMBO_TAG_TD,        GUMBO_TAG_TH,
          GUMBO_TAG_UL,       GUMBO_TAG_LISTING,    GUMBO_TAG_PLAINTEXT, GUMBO_TAG_XMP}) {
      kind[t] = Kind::kBlock;
    }
    for (GumboTag t :
         {GUMBO_TAG_STYLE,    GUMBO_TAG_NOSCRIPT, GUMBO_TAG_TEMPLATE, GUMBO_TAG_SVG,
          GUMBO_TAG_MATH,     GUMBO_TAG_IFRAME,   GUMBO_TAG_BUTTON,   GUMBO_TAG_SELECT,
          GUMBO_TAG_TEXTAREA, GUMBO_TAG_INPUT,    GUMBO_TAG_OPTION,   GUMBO_TAG_OPTGROUP,
          GUMBO_TAG_DATALIST, GUMBO_TAG_OBJECT,   GUMBO_TAG_EMBED,    GUMBO_TAG_APPLET,
          GUMBO_TAG_CANVAS,   GUMBO_TAG_AUDIO,    GUMBO_TAG_VIDEO,    GUMBO_TAG_MAP,
          GUMBO_TAG_NOEMBED,  GUMBO_TAG_NOFRAMES, GUMBO_TAG_FRAMESET, GUMBO_TAG_FRAME,
          GUMBO_TAG_KEYGEN,   GUMBO_TAG_TITLE,    GUMBO_TAG_BASE,     GUMBO_TAG_AREA,
          GUMBO_TAG_PARAM,    GUMBO_TAG_SOURCE,   GUMBO_TAG_TRACK,    GUMBO_TAG_IMG,
          GUMBO_TAG_WBR,      GUMBO_TAG_SCRIPT}) {
      kind[t] = Kind::kSkip;
    }
  }
};

const TagTable& Tags() {
  static const TagTable table;
  return table;
}

// Keys of <meta name|property=...> kept as metadata candidates.
bool KeepMetaKey(std::string_view k) {
  return InList(k, {"og:title",
                    "og:site_name",
                    "og:url",
                    "og:description",
                    "og:type",
                    "og:locale",
                    "article:published_time",
                    "article:modified_time",
                    "article:author",
                    "article:section",
                    "author",
                    "date",
                    "pubdate",
                    "publishdate",
                    "publish-date",
                    "publish_date",
                    "dc.date",
                    "dc.date.issued",
                    "dcterms.date",
                    "dcterms.created",
                    "dcterms.issued",
                    "dc.creator",
                    "dc.title",
                    "dc.publisher",
                    "citation_publication_date",
                    "sailthru.date",
                    "parsely-pub-date",
                    "parsely-title",
                    "parsely-author",
                    "description",
                    "twitter:title",
                    "twitter:description",
                    "twitter:site",
                    "byl",
                    "application-name",
                    "news_keywords",
                    "keywords"});
}

// Keys, in priority order, whose ISO date becomes Document::published.
constexpr std::string_view kDateKeys[] = {"jsonld:datePublished",
                                          "article:published_time",
                                          "itemprop:datePublished",
                                          "date",
                                          "pubdate",
                                          "publishdate",
                                          "publish-date",
                                          "publish_date",
                                          "dc.date.issued",
                                          "dc.date",
                                          "dcterms.issued",
                                          "dcterms.created",
                                          "dcterms.date",
                                          "citation_publication_date",
                                          "parsely-pub-date",
                                          "sailthru.date"};

constexpr size_t kMaxTimeCandidates = 16;
constexpr size_t kMaxH1Candidates = 3;
constexpr size_t kMaxAncestorBytes = 1024;

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

const char* Attr(const GumboElement& el, const char* name) {
  const GumboAttribute* a = gumbo_get_attribute(&el.attributes, name);
  return a ? a->value : nullptr;
}

// Concatenated text children of an element, whitespace collapsed.
std::string ChildText(const GumboElement& el) {
  std::string out;
  bool space = false;
  for (unsigned i = 0; i < el.children.length; ++i) {
    const auto* child = static_cast<const GumboNode*>(el.children.data[i]);
    if (child->type != GUMBO_NODE_TEXT && child->type != GUMBO_NODE_WHITESPACE &&
        child->type != GUMBO_NODE_CDATA) {
      continue;
    }
    for (const char* p = child->v.text.text; *p; ++p) {
      if (IsAsciiSpace(*p)) {
        space = !out.empty();
        continue;
      }
      if (space) out += ' ';
      space = false;
      out += *p;
    }
  }
  return out;
}

// Raw concatenated text children (for JSON-LD).
std::string RawChildText(const GumboElement& el) {
  std::string out;
  for (unsigned i = 0; i < el.children.length; ++i) {
    const auto* child = static_cast<const GumboNode*>(el.children.data[i]);
    if (child->type == GUMBO_NODE_TEXT || child->type == GUMBO_NODE_WHITESPACE ||
        child->type == GUMBO_NODE_CDATA) {
      out += child->v.text.text;
    }
  }
  return out;
}

std::string TagName(const GumboElement& el) {
  if (el.tag != GUMBO_TAG_UNKNOWN) return gumbo_normalized_tagname(el.tag);
  GumboStringPiece piece = el.original_tag;
  if (piece.data == nullptr || piece.length == 0) return "unknown";
  gumbo_tag_from_original_text(&piece);
  return Lower(std::string_view(piece.data, std::min<size_t>(piece.length, kMaxTokenBytes)));
}

bool IsHidden(const GumboElement& el) {
  if (gumbo_get_attribute(&el.attributes, "hidden") != nullptr) return true;
  const char* style = Attr(el, "style");
  if (style == nullptr) return false;
  std::string s;
  for (const char* p = style; *p; ++p) {
    if (!IsAsciiSpace(*p)) s += static_cast<char>(std::tolower(static_cast<unsigned char>(*p)));
  }
  return s.find("display:none") != std::string::npos ||
         s.find("visibility:hidden") != std::string::npos;
}

// "div#main.story.body": tag, id and the first class tokens, each token bounded.
void AppendDescriptor(const GumboElement& el, std::string_view tag, std::string& path) {
  if (!path.empty()) path += ' ';
  path += tag;
  const auto clean = [](std::string_view token, std::string& out) {
    for (char c : token.substr(0, kMaxTokenBytes)) out += IsAsciiSpace(c) ? '_' : c;
  };
  if (const char* id = Attr(el, "id"); id != nullptr && *id != '\0') {
    path += '#';
    clean(TrimAscii(id), path);
  }
  if (const char* cls = Attr(el, "class"); cls != nullptr) {
    std::string_view rest = cls;
    size_t count = 0;
    while (!rest.empty() && count < kMaxClassTokens) {
      size_t b = 0;
      while (b < rest.size() && IsAsciiSpace(rest[b])) ++b;
      size_t e = b;
      while (e < rest.size() && !IsAsciiSpace(rest[e])) ++e;
      if (e > b) {
        path += '.';
        clean(rest.substr(b, e - b), path);
        ++count;
      }
      rest = rest.substr(e);
    }
  }
}

bool OnlyInvisible(std::string_view s) {
  for (size_t i = 0; i < s.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    if (IsAsciiSpace(static_cast<char>(c))) continue;
    if (c == 0xC2 && i + 1 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0xA0) {
      ++i;  // no-break space
      continue;
    }
    if (c == 0xE2 && i + 2 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0x80 &&
        (static_cast<unsigned char>(s[i + 2]) == 0x8B ||
         static_cast<unsigned char>(s[i + 2]) == 0x8C ||
         static_cast<unsigned char>(s[i + 2]) == 0x8D)) {
      i += 2;  // zero-width space / joiners
      continue;
    }
    return false;
  }
  return true;
}

class Walker {
 public:
  explicit Walker(Document& doc) : doc_(doc) {}

  void Walk(const GumboNode* root) {
    struct Frame {
      const GumboNode* node;
      bool exit;
      size_t path_len;
    };
    std::vector<Frame> stack;
    stack.push_back({root, false, 0});
    while (!stack.empty()) {
      const Frame f = stack.back();
      stack.pop_back();
      if (f.exit) {
        Exit(f.node->v.element);
        path_.resize(f.path_len);
        continue;
      }
      const GumboNode* node = f.node;
      switch (node->type) {
        case GUMBO_NODE_TEXT:
        case GUMBO_NODE_CDATA:
        case GUMBO_NODE_WHITESPACE:
          if (in_head_ == 0) AppendText(node->v.text.text);
          break;
        case GUMBO_NODE_DOCUMENT:
        case GUMBO_NODE_ELEMENT:
        case GUMBO_NODE_TEMPLATE: {
          const GumboVector* children = nullptr;
          size_t path_len = path_.size();
          if (node->type == GUMBO_NODE_DOCUMENT) {
            children = &node->v.document.children;
          } else {
            if (!Enter(node->v.element)) {
              path_.resize(path_len);
              break;
            }
            stack.push_back({node, true, path_len});
            children = &node->v.element.children;
          }
          for (unsigned i = children->length; i > 0; --i) {
            stack.push_back({static_cast<const GumboNode*>(children->data[i - 1]), false, 0});
          }
          break;
        }
        case GUMBO_NODE_COMMENT:
          break;
      }
    }
    Flush();
  }

  Meta& meta() { return meta_; }

 private:
  struct Context {
    std::string tag;
    size_t ancestors_len;  // Length of path_ that names the context's ancestors.
  };

  // Handles an element's start; returns whether to walk its children.
  bool Enter(const GumboElement& el) {
    const GumboTag tag = el.tag;
    switch (tag) {
      case GUMBO_TAG_HTML:
        if (const char* lang = Attr(el, "lang"); lang != nullptr && *lang) {
          meta_.emplace_back("lang", lang);
        }
        return true;  // not part of the ancestor paths
      case GUMBO_TAG_HEAD:
        ++in_head_;
        break;
      case GUMBO_TAG_TITLE:
        if (!have_title_ && el.tag_namespace == GUMBO_NAMESPACE_HTML) {
          std::string title = ChildText(el);
          if (!title.empty()) {
            meta_.emplace_back("html:title", std::move(title));
            have_title_ = true;
          }
        }
        return false;
      case GUMBO_TAG_META:
        OnMeta(el);
        return false;
      case GUMBO_TAG_LINK:
        OnLink(el);
        return false;
      case GUMBO_TAG_SCRIPT:
        if (const char* type = Attr(el, "type");
            type != nullptr && Lower(type).find("ld+json") != std::string::npos) {
          ExtractJsonLd(RawChildText(el), meta_);
        }
        return false;
      case GUMBO_TAG_TIME:
        if (const char* dt = Attr(el, "datetime");
            dt != nullptr && *dt && time_count_ < kMaxTimeCandidates) {
          meta_.emplace_back("time", dt);
          ++time_count_;
        }
        break;
      default:
        break;
    }
    const Kind kind = Tags().kind[tag];
    // Pages hide <body> until their scripts run; a rendered page shows it.
    const bool may_hide = tag != GUMBO_TAG_HEAD && tag != GUMBO_TAG_BODY;
    if (kind == Kind::kSkip || (may_hide && IsHidden(el))) return false;
    const std::string name = TagName(el);
    if (in_head_ == 0) {
      if (tag == GUMBO_TAG_BR) {
        Break();
      } else if (tag == GUMBO_TAG_A) {
        ++in_link_;
      } else if (tag == GUMBO_TAG_PRE || tag == GUMBO_TAG_LISTING || tag == GUMBO_TAG_PLAINTEXT ||
                 tag == GUMBO_TAG_XMP) {
        ++in_pre_;
      }
      if (kind == Kind::kBlock) {
        Flush();
        contexts_.push_back({name, path_.size()});
      }
    }
    AppendDescriptor(el, name, path_);
    return true;
  }

  void Exit(const GumboElement& el) {
    const GumboTag tag = el.tag;
    if (tag == GUMBO_TAG_HTML) return;
    if (tag == GUMBO_TAG_HEAD) {
      --in_head_;
      return;
    }
    if (in_head_ > 0) return;
    if (tag == GUMBO_TAG_A) --in_link_;
    if (tag == GUMBO_TAG_PRE || tag == GUMBO_TAG_LISTING || tag == GUMBO_TAG_PLAINTEXT ||
        tag == GUMBO_TAG_XMP) {
      --in_pre_;
    }
    if (Tags().kind[tag] == Kind::kBlock) {
      Flush();
      if (!contexts_.empty()) contexts_.pop_back();
    }
  }

  void OnMeta(const GumboElement& el) {
    const char* content = Attr(el, "content");
    if (content == nullptr || *content == '\0') return;
    for (const char* attr : {"property", "name"}) {
      if (const char* key = Attr(el, attr); key != nullptr) {
        std::string k = Lower(TrimAscii(key));
        if (KeepMetaKey(k)) {
          meta_.emplace_back(std::move(k), content);
          return;
        }
      }
    }
    if (const char* prop = Attr(el, "itemprop"); prop != nullptr) {
      const std::string_view p = TrimAscii(prop);
      if (InList(p, {"datePublished", "dateModified", "headline", "author", "publisher"})) {
        meta_.emplace_back("itemprop:" + std::string(p), content);
      }
    }
  }

  void OnLink(const GumboElement& el) {
    const char* rel = Attr(el, "rel");
    const char* href = Attr(el, "href");
    if (rel == nullptr || href == nullptr || *href == '\0') return;
    const std::string r = " " + Lower(rel) + " ";
    if (r.find(" canonical ") != std::string::npos) meta_.emplace_back("canonical", href);
  }

  void AppendText(const char* s) {
    if (in_pre_ > 0) {
      for (const char* p = s; *p; ++p) {
        const char c = *p;
        if (c == '\r') continue;
        if (c == '\n') {
          if (!run_.empty() && run_.back() != '\n') Emit('\n');
          continue;
        }
        if (run_.empty() && IsAsciiSpace(c)) continue;
        Emit(c);
        breaks_ = 0;
      }
      return;
    }
    for (const char* p = s; *p; ++p) {
      const char c = *p;
      if (IsAsciiSpace(c)) {
        pending_space_ = true;
        continue;
      }
      if (!run_.empty() && (pending_break_ || pending_space_)) {
        // A separator is link text only between two pieces of link text.
        run_ += pending_break_ ? '\n' : ' ';
        if (in_link_ > 0 && last_in_link_) ++run_link_;
      }
      pending_space_ = pending_break_ = false;
      breaks_ = 0;
      Emit(c);
    }
  }

  void Emit(char c) {
    run_ += c;
    last_in_link_ = in_link_ > 0;
    run_link_ += last_in_link_;
  }

  // <br>: one is a line break inside the block, two in a row end the block.
  void Break() {
    if (run_.empty()) return;
    if (++breaks_ >= 2) {
      Flush();
    } else {
      pending_break_ = true;
    }
  }

  void Flush() {
    pending_space_ = pending_break_ = false;
    breaks_ = 0;
    while (!run_.empty() && IsAsciiSpace(run_.back())) run_.pop_back();
    if (run_.empty() || OnlyInvisible(run_)) {
      run_.clear();
      run_link_ = 0;
      return;
    }
    if (!doc_.text.empty()) doc_.text += "\n\n";
    Block block;
    block.start = doc_.text.size();
    doc_.text += run_;
    block.end = doc_.text.size();
    block.link_bytes = std::min(run_link_, block.end - block.start);
    if (!contexts_.empty()) {
      const Context& ctx = contexts_.back();
      block.tag = ctx.tag;
      std::string_view anc = std::string_view(path_).substr(0, ctx.ancestors_len);
      if (anc.size() > kMaxAncestorBytes) {
        // Keep the innermost ancestors, cut at a token boundary.
        anc = anc.substr(anc.size() - kMaxAncestorBytes);
        const size_t sp = anc.find(' ');
        anc = sp == std::string_view::npos ? std::string_view() : anc.substr(sp + 1);
      }
      block.ancestors = std::string(anc);
    } else {
      block.tag = "body";
    }
    if (block.tag == "h1" && h1_count_ < kMaxH1Candidates) {
      meta_.emplace_back("html:h1", run_);
      ++h1_count_;
    }
    doc_.blocks.push_back(std::move(block));
    run_.clear();
    run_link_ = 0;
  }

  Document& doc_;
  Meta meta_;
  std::string path_;  // Descriptors of the open elements below <html>, space-separated.
  std::vector<Context> contexts_;
  std::string run_;  // Text of the block being gathered.
  size_t run_link_ = 0;
  bool last_in_link_ = false;
  bool pending_space_ = false;
  bool pending_break_ = false;
  int breaks_ = 0;
  int in_head_ = 0;
  int in_link_ = 0;
  int in_pre_ = 0;
  bool have_title_ = false;
  size_t time_count_ = 0;
  size_t h1_count_ = 0;
};

// A bump allocator for the HTML5 parser. Gumbo makes many small allocations and frees;
// with malloc they cost a third of the parse. Freed memory is not reused within a page
// (peak use is about 15 times the page), so only pages below kArenaMaxPage use it; the
// chunks are kept per thread for the next page.
class GumboArena {
 public:
  static constexpr size_t kArenaMaxPage = 4u << 20;

  GumboArena() = default;
  GumboArena(const GumboArena&) = delete;
  GumboArena& operator=(const GumboArena&) = delete;
  ~GumboArena() {
    Reset();
    for (char* c : chunks_) std::free(c);
  }

  static void* Allocate(void* self, size_t n) { return static_cast<GumboArena*>(self)->Take(n); }
  static void Free(void*, void*) {}

  // Forgets every allocation; keeps up to kKeepChunks chunks for reuse.
  void Reset() {
    for (char* b : big_) std::free(b);
    big_.clear();
    while (chunks_.size() > kKeepChunks) {
      std::free(chunks_.back());
      chunks_.pop_back();
    }
    next_chunk_ = 0;
    left_ = 0;
  }

 private:
  static constexpr size_t kChunkBytes = 1u << 20;
  static constexpr size_t kKeepChunks = 16;

  void* Take(size_t n) {
    n = (n + 15) & ~size_t{15};
    if (n > left_) {
      if (n > kChunkBytes / 4) return Big(n);
      if (next_chunk_ == chunks_.size()) {
        char* c = static_cast<char*>(std::malloc(kChunkBytes));
        if (c == nullptr) return nullptr;
        chunks_.push_back(c);
      }
      cur_ = chunks_[next_chunk_++];
      left_ = kChunkBytes;
    }
    void* p = cur_;
    cur_ += n;
    left_ -= n;
    return p;
  }

  void* Big(size_t n) {
    char* b = static_cast<char*>(std::malloc(n));
    if (b != nullptr) big_.push_back(b);
    return b;
  }

  std::vector<char*> chunks_;
  std::vector<char*> big_;
  size_t next_chunk_ = 0;
  char* cur_ = nullptr;
  size_t left_ = 0;
};

const std::string* FindMeta(const Meta& meta, std::string_view key) {
  for (const auto& [k, v] : meta) {
    if (k == key) return &v;
  }
  return nullptr;
}

void SetFieldsFromMeta(Document& doc) {
  Meta& meta = doc.meta;
  for (std::string_view key : {"canonical", "og:url", "jsonld:url"}) {
    const std::string* v = FindMeta(meta, key);
    if (v != nullptr && (v->rfind("http://", 0) == 0 || v->rfind("https://", 0) == 0)) {
      doc.url = *v;
      meta.emplace_back("url", *v);
      break;
    }
  }
  for (std::string_view key : {"lang", "og:locale", "jsonld:inLanguage"}) {
    const std::string* v = FindMeta(meta, key);
    if (v == nullptr) continue;
    if (std::optional<std::string> lang = NormalizeLanguage(*v)) {
      doc.language = std::move(lang);
      break;
    }
  }
  for (std::string_view key : kDateKeys) {
    const std::string* v = FindMeta(meta, key);
    if (v == nullptr) continue;
    if (std::optional<std::string> date = NormalizeDate(*v)) {
      doc.published = std::move(date);
      doc.published_basis = "metadata";
      break;
    }
  }
}

// Under AddressSanitizer gumbo allocates with malloc, so that the sanitizer sees its blocks.
#if defined(__SANITIZE_ADDRESS__)
constexpr bool kUseArena = false;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
constexpr bool kUseArena = false;
#else
constexpr bool kUseArena = true;
#endif
#else
constexpr bool kUseArena = true;
#endif

// Pages above this size are parsed piece by piece, so that the parse tree (about 15
// times the markup) stays small; pieces start at a block-level tag, and blocks after the
// first piece lose their outer ancestors. No real article page comes near this size.
constexpr size_t kParsePieceBytes = 3u << 20;

bool StartsBlockTag(std::string_view html, size_t i) {
  static constexpr std::string_view kTags[] = {"p",  "div",     "li",      "tr",    "h1", "h2",
                                               "h3", "section", "article", "table", "ul", "br"};
  return std::any_of(std::begin(kTags), std::end(kTags),
                     [&](std::string_view t) { return NamesTag(html, i + 1, t); });
}

std::vector<std::string_view> SplitForParsing(std::string_view html, size_t piece_bytes) {
  std::vector<std::string_view> pieces;
  while (html.size() > piece_bytes + piece_bytes / 2) {
    size_t cut = std::string_view::npos;
    for (size_t i = html.find('<', piece_bytes); i != std::string_view::npos && i < 2 * piece_bytes;
         i = html.find('<', i + 1)) {
      if (StartsBlockTag(html, i)) {
        cut = i;
        break;
      }
    }
    if (cut == std::string_view::npos) {
      cut = html.find('<', piece_bytes);  // any tag will do
      if (cut == std::string_view::npos) break;
    }
    pieces.push_back(html.substr(0, cut));
    html.remove_prefix(cut);
  }
  pieces.push_back(html);
  return pieces;
}

// Parses one piece of markup and walks its tree. False when the parser gave nothing.
bool ParseAndWalk(std::string_view html, Walker& walker) {
  GumboOptions gumbo_options = kGumboDefaultOptions;
  gumbo_options.max_errors = 0;  // Errors are not used; do not keep them.
  thread_local GumboArena arena;
  const bool use_arena = kUseArena && html.size() < GumboArena::kArenaMaxPage;
  if (use_arena) {
    gumbo_options.allocator = &GumboArena::Allocate;
    gumbo_options.deallocator = &GumboArena::Free;
    gumbo_options.userdata = &arena;
  }
  GumboOutput* output = gumbo_parse_with_options(&gumbo_options, html.data(), html.size());
  if (output != nullptr) walker.Walk(output->document);
  if (use_arena) {
    arena.Reset();  // Frees the whole tree at once.
  } else if (output != nullptr) {
    gumbo_destroy_output(&gumbo_options, output);
  }
  return output != nullptr;
}

// What the tag scanner needs to know of a tag name, looked up once per distinct name.
enum TagFlag : uint8_t {
  kKnown = 1,
  kNeverNests = 2,
  kFormatting = 4,
  kRawText = 8,
  kDroppedWhole = 16,
  kPreLike = 32,
};

// Tag names as small ids (the parser's tag enum for HTML names, interned beyond it), so
// the scanner's stack and counts are plain arrays.
class TagIds {
 public:
  uint32_t Id(std::string_view lower_name) {
    const GumboTag t = gumbo_tagn_enum(lower_name.data(), static_cast<unsigned>(lower_name.size()));
    uint32_t id;
    if (t != GUMBO_TAG_UNKNOWN) {
      id = static_cast<uint32_t>(t);
    } else {
      const auto [it, inserted] = extra_.try_emplace(
          std::string(lower_name), static_cast<uint32_t>(GUMBO_TAG_LAST + 1 + extra_.size()));
      id = it->second;
    }
    if (id >= flags_.size()) flags_.resize(id + 1, 0);
    if (flags_[id] == 0) {
      const std::string_view n = lower_name;
      flags_[id] = kKnown | (NeverNests(n) ? kNeverNests : 0) |
                   (IsFormatting(n) ? kFormatting : 0) | (IsRawText(n) ? kRawText : 0) |
                   (DroppedWhole(n) ? kDroppedWhole : 0) |
                   (n == "pre" || n == "listing" ? kPreLike : 0);
    }
    return id;
  }
  bool Has(uint32_t id, TagFlag f) const { return (flags_[id] & f) != 0; }
  size_t size() const { return flags_.size(); }

 private:
  std::unordered_map<std::string, uint32_t> extra_;
  std::vector<uint8_t> flags_;
};

}  // namespace

PreparedHtml PrepareHtml(std::string_view html, int max_depth) {
  const size_t limit = static_cast<size_t>(std::max(max_depth, 1));
  PreparedHtml out;
  out.html.reserve(html.size() / 2);
  size_t copied = 0;  // html[0, copied) has been dealt with.
  const auto drop = [&](size_t from, size_t to) {
    out.html.append(html.substr(copied, from - copied));
    copied = std::min(to, html.size());
  };
  TagIds ids;
  std::vector<uint32_t> stack;  // Ids of the open elements.
  std::vector<uint32_t> open;   // Count of each id on the stack.
  size_t excess = 0;
  size_t formatting = 0;
  size_t formatting_excess = 0;
  const size_t n = html.size();
  std::string name;
  size_t i = 0;
  size_t pre_depth = 0;  // Inside <pre> or <listing>, where whitespace shows.
  while (true) {
    const size_t text_start = i;
    if ((i = html.find('<', i)) == std::string_view::npos) break;
    // Indentation between tags: one whitespace character means the same to the walker.
    if (pre_depth == 0 && i - text_start > 1 && text_start >= copied) {
      size_t k = text_start;
      while (k < i && IsAsciiSpace(html[k])) ++k;
      if (k == i) {
        drop(text_start + 1, i);
        out.stripped += i - text_start - 1;
      }
    }
    if (html.compare(i, 4, "<!--") == 0) {
      const size_t e = html.find("-->", i + 4);
      const size_t end = e == std::string_view::npos ? n : e + 3;
      drop(i, end);  // Comments are never shown.
      out.stripped += end - i;
      i = end;
      continue;
    }
    if (i + 1 >= n) break;
    if (html[i + 1] == '!' || html[i + 1] == '?') {
      const size_t e = html.find('>', i + 1);
      i = e == std::string_view::npos ? n : e + 1;
      continue;
    }
    const bool end_tag = html[i + 1] == '/';
    size_t p = i + 1 + (end_tag ? 1 : 0);
    if (p >= n || !std::isalpha(static_cast<unsigned char>(html[p]))) {
      ++i;
      continue;
    }
    name.clear();
    while (p < n && (std::isalnum(static_cast<unsigned char>(html[p])) || html[p] == '-' ||
                     html[p] == ':' || html[p] == '_')) {
      if (name.size() < 32) {
        name += static_cast<char>(std::tolower(static_cast<unsigned char>(html[p])));
      }
      ++p;
    }
    // The end of the tag, skipping quoted attribute values.
    char quote = 0;
    size_t e = p;
    for (; e < n; ++e) {
      const char c = html[e];
      if (quote != 0) {
        if (c == quote) quote = 0;
      } else if ((c == '"' || c == '\'') && html[e - 1] == '=') {
        quote = c;
      } else if (c == '>') {
        break;
      }
    }
    const size_t tag_end = std::min(e + 1, n);
    const uint32_t id = ids.Id(name);
    if (open.size() < ids.size()) open.resize(ids.size(), 0);
    const bool pre_like = ids.Has(id, kPreLike);
    if (end_tag && pre_like && pre_depth > 0) --pre_depth;
    if (end_tag) {
      if (ids.Has(id, kFormatting) && formatting_excess > 0) {
        drop(i, tag_end);
        ++out.flattened;
        --formatting_excess;
      } else if (!ids.Has(id, kNeverNests) && !ids.Has(id, kRawText)) {
        if (excess > 0) {
          drop(i, tag_end);
          ++out.flattened;
          --excess;
        } else if (open[id] == 0) {
          // Closes nothing. The parser would ignore it after a walk down its stack of open
          // elements; thousands of these under a deep page would cost depth times each.
          drop(i, tag_end);
          ++out.stray_end_tags;
        } else {
          size_t k = stack.size();
          while (stack[k - 1] != id) --k;
          for (size_t m = k - 1; m < stack.size(); ++m) {
            formatting -= ids.Has(stack[m], kFormatting) ? 1 : 0;
            --open[stack[m]];
          }
          stack.resize(k - 1);
        }
      }
      i = tag_end;
      continue;
    }
    if (name == "plaintext") break;
    const bool self_closing = e < n && e > p && html[e - 1] == '/';
    if (ids.Has(id, kRawText)) {
      size_t close = FindEndTag(html, name, tag_end);
      // A raw-text element whose end tag was lost (a crawl that dropped bytes, a template
      // bug) would make the HTML5 parser read the rest of the page as its text: a page
      // with an unclosed <title> comes back empty. Such an element ends where its text
      // runs into markup, as lxml-based tools read it.
      if (const size_t cut = UnclosedRawTextEnd(html, name, tag_end, close);
          cut != std::string_view::npos) {
        if (name == "style" && cut > tag_end) {
          drop(tag_end, cut);
          out.stripped += cut - tag_end;
        } else {
          out.html.append(html.substr(copied, cut - copied));
          copied = cut;
        }
        out.html += "</";
        out.html += name;
        out.html += '>';
        ++out.unclosed_raw_text;
        i = cut;
        continue;
      }
      if (close == std::string_view::npos) close = n;
      // Script and style bodies are never shown: dropping them halves the parser's work
      // on a typical news page. JSON-LD scripts are kept for their metadata.
      const bool drop_body =
          name == "style" ||
          (name == "script" &&
           Lower(html.substr(i, tag_end - i)).find("ld+json") == std::string::npos);
      if (drop_body && close > tag_end) {
        drop(tag_end, close);
        out.stripped += close - tag_end;
      }
      i = close;
      continue;
    }
    if (!self_closing && ids.Has(id, kDroppedWhole)) {
      if (const size_t close = FindMatchingEnd(html, name, tag_end);
          close != std::string_view::npos) {
        drop(i, close);
        out.stripped += close - i;
        i = close;
        continue;
      }
    }
    if (pre_like && !self_closing) ++pre_depth;
    bool kept = true;
    if (!self_closing && !ids.Has(id, kNeverNests)) {
      if (ids.Has(id, kFormatting)) {
        if (formatting >= kMaxFormatting || stack.size() >= limit) {
          drop(i, tag_end);
          ++out.flattened;
          ++formatting_excess;
          kept = false;
        } else {
          stack.push_back(id);
          ++open[id];
          ++formatting;
        }
      } else if (stack.size() >= limit) {
        drop(i, tag_end);
        ++out.flattened;
        ++excess;
        kept = false;
      } else {
        stack.push_back(id);
        ++open[id];
      }
    }
    if (kept && e > p && e < n) {
      const size_t before = out.html.size();
      out.html.append(html.substr(copied, i - copied));
      const size_t tag_at = out.html.size();
      if (AppendWithKeptAttributes(html, i, p, e, name, self_closing, out.html)) {
        out.stripped += (tag_end - i) - (out.html.size() - tag_at);
        copied = tag_end;
      } else {
        out.html.resize(before);
      }
    }
    i = tag_end;
  }
  out.html.append(html.substr(std::min(copied, n)));
  return out;
}

void ParseHtml(std::string_view path, std::string_view utf8, const IngestOptions& options,
               Document& doc, std::vector<Diagnostic>& diagnostics) {
  if (utf8.compare(0, 3, "\xEF\xBB\xBF") == 0) utf8.remove_prefix(3);
  std::string owned;
  const size_t nul = utf8.find('\0');
  if (nul != std::string_view::npos) {
    // Gumbo's text nodes are C strings: a NUL would cut them short.
    owned.reserve(utf8.size() + 16);
    size_t count = 0;
    for (char c : utf8) {
      if (c == '\0') {
        owned += "\xEF\xBF\xBD";
        ++count;
      } else {
        owned += c;
      }
    }
    AddDiagnostic(diagnostics, Diagnostic::Severity::kWarning, path,
                  std::to_string(count) + " NUL byte" + (count == 1 ? "" : "s") +
                      " replaced with U+FFFD (first at byte " + std::to_string(nul) + ")");
    utf8 = owned;
  }
  PreparedHtml prepared = PrepareHtml(utf8, options.html_max_depth);
  if (prepared.flattened > 0) {
    AddDiagnostic(diagnostics, Diagnostic::Severity::kWarning, path,
                  "elements nested deeper than " + std::to_string(options.html_max_depth) +
                      " levels flattened (" + std::to_string(prepared.flattened) +
                      " tags dropped)");
  }
  owned.clear();
  owned.shrink_to_fit();
  utf8 = prepared.html;
  Walker walker(doc);
  const std::vector<std::string_view> pieces = SplitForParsing(utf8, kParsePieceBytes);
  if (pieces.size() > 1) {
    AddDiagnostic(diagnostics, Diagnostic::Severity::kWarning, path,
                  "page of " + std::to_string(utf8.size()) + " bytes parsed in " +
                      std::to_string(pieces.size()) + " pieces");
  }
  for (std::string_view piece : pieces) {
    if (!ParseAndWalk(piece, walker)) {
      AddDiagnostic(diagnostics, Diagnostic::Severity::kError, path, "HTML parser failed");
      return;
    }
  }
  for (auto& kv : walker.meta()) doc.meta.push_back(std::move(kv));
  SetFieldsFromMeta(doc);
}

void ReadHtml(std::string_view path, std::string_view bytes, const IngestOptions& options,
              IngestResult& out, std::string_view transport_charset) {
  // The transport's charset (HTTP Content-Type) outranks the page's own <meta>.
  const std::string declared = TrimAscii(transport_charset).empty()
                                   ? DeclaredCharset(bytes)
                                   : std::string(transport_charset);
  Decoded decoded = DecodeBytes(path, bytes, declared, out.diagnostics);
  Document doc;
  doc.id = FileStem(path);
  doc.path = std::string(path);
  doc.format = "html";
  ParseHtml(path, decoded.changed ? std::string_view(decoded.text) : bytes, options, doc,
            out.diagnostics);
  if (doc.blocks.empty()) {
    AddDiagnostic(out.diagnostics, Diagnostic::Severity::kError, path, "no visible text");
    return;
  }
  out.documents.push_back(std::move(doc));
}

}  // namespace sitrep::ingest::internal
