#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlIO.h>
#include <libxml/xmlerror.h>

#include <cctype>
#include <climits>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ingest/feed.h"
#include "ingest/readers.h"

namespace sitrep::ingest {
namespace {

using internal::AddDiagnostic;
using internal::TrimAscii;

constexpr std::string_view kAtomNs = "http://www.w3.org/2005/Atom";
constexpr std::string_view kAtom03Ns = "http://purl.org/atom/ns#";
constexpr std::string_view kRss1Ns = "http://purl.org/rss/1.0/";
constexpr std::string_view kRdfNs = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
constexpr std::string_view kContentNs = "http://purl.org/rss/1.0/modules/content/";
constexpr std::string_view kDcNs = "http://purl.org/dc/elements/1.1/";

// Never loads anything: no external DTD, no external entity, whatever the document asks.
xmlParserInputPtr RefuseExternalEntity(const char* /*url*/, const char* /*id*/,
                                       xmlParserCtxtPtr /*ctxt*/) {
  return nullptr;
}

void IgnoreGenericError(void* /*ctx*/, const char* /*msg*/, ...) {}

void InitLibxml() {
  static std::once_flag once;
  std::call_once(once, [] {
    xmlInitParser();
    xmlSetExternalEntityLoader(RefuseExternalEntity);
  });
  // Thread-local in libxml2: keep parse errors off stderr in every thread that parses.
  xmlSetGenericErrorFunc(nullptr, IgnoreGenericError);
}

struct DocDeleter {
  void operator()(xmlDoc* d) const { xmlFreeDoc(d); }
};
struct CtxtDeleter {
  void operator()(xmlParserCtxt* c) const { xmlFreeParserCtxt(c); }
};

std::string_view AsView(const xmlChar* s) {
  return s == nullptr ? std::string_view() : std::string_view(reinterpret_cast<const char*>(s));
}

std::string_view LocalName(const xmlNode* n) { return AsView(n->name); }

std::string_view NsHref(const xmlNode* n) {
  return n->ns == nullptr ? std::string_view() : AsView(n->ns->href);
}

bool IsElement(const xmlNode* n) { return n->type == XML_ELEMENT_NODE; }

// An element named `local` in namespace `ns` ("" = no namespace).
bool Is(const xmlNode* n, std::string_view local, std::string_view ns) {
  return IsElement(n) && LocalName(n) == local && NsHref(n) == ns;
}

bool IsAtom(const xmlNode* n, std::string_view local) {
  // Atom 1.0, Atom 0.3, and Atom elements written without a namespace.
  const std::string_view ns = NsHref(n);
  return IsElement(n) && LocalName(n) == local && (ns == kAtomNs || ns == kAtom03Ns || ns.empty());
}

bool IsRss(const xmlNode* n, std::string_view local) {
  const std::string_view ns = NsHref(n);
  return IsElement(n) && LocalName(n) == local && (ns.empty() || ns == kRss1Ns);
}

std::string Attribute(const xmlNode* n, const char* name) {
  xmlChar* v = xmlGetProp(n, reinterpret_cast<const xmlChar*>(name));
  std::string out(AsView(v));
  xmlFree(v);
  return out;
}

// The text of an element: its text and CDATA descendants in order. Entity references
// are skipped, never expanded (that is the defence against entity expansion attacks).
void AppendText(const xmlNode* n, std::string& out, int depth) {
  if (depth > 64) return;
  for (const xmlNode* c = n->children; c != nullptr; c = c->next) {
    if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
      out += AsView(c->content);
    } else if (c->type == XML_ELEMENT_NODE) {
      AppendText(c, out, depth + 1);
    }
  }
}

std::string Text(const xmlNode* n) {
  std::string out;
  AppendText(n, out, 0);
  return out;
}

std::string Trimmed(const xmlNode* n) { return std::string(TrimAscii(Text(n))); }

// Atom xhtml content: the markup of the children (normally one <div>), as HTML.
std::string Markup(xmlDoc* doc, const xmlNode* n) {
  std::string out;
  xmlBuffer* buf = xmlBufferCreate();
  if (buf == nullptr) return out;
  for (xmlNode* c = n->children; c != nullptr; c = c->next) {
    if (c->type == XML_ENTITY_REF_NODE) continue;
    xmlNodeDump(buf, doc, c, 0, 0);
  }
  out.assign(reinterpret_cast<const char*>(xmlBufferContent(buf)),
             static_cast<size_t>(xmlBufferLength(buf)));
  xmlBufferFree(buf);
  return out;
}

bool IsHttpUrl(std::string_view s) {
  const auto starts = [&](std::string_view p) {
    if (s.size() < p.size()) return false;
    for (size_t i = 0; i < p.size(); ++i) {
      if (std::tolower(static_cast<unsigned char>(s[i])) != p[i]) return false;
    }
    return true;
  };
  return starts("http://") || starts("https://");
}

void SetDate(FeedItem& item, const std::string& raw) {
  if (!item.published_raw.empty() || TrimAscii(raw).empty()) return;
  item.published_raw = std::string(TrimAscii(raw));
  if (std::optional<std::string> d = internal::NormalizeDate(item.published_raw)) {
    item.published = *d;
  }
}

// Atom content/summary: HTML for type html/xhtml (and their media types), text otherwise.
void SetAtomContent(xmlDoc* doc, const xmlNode* n, FeedItem& item) {
  if (!Attribute(n, "src").empty()) return;  // Out-of-line content: nothing here.
  std::string type = Attribute(n, "type");
  for (char& c : type) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (type == "xhtml" || type == "application/xhtml+xml") {
    item.content = Markup(doc, n);
    item.content_is_html = true;
  } else if (type == "html" || type == "text/html") {
    item.content = Text(n);
    item.content_is_html = true;
  } else if (type.empty() || type == "text" || type.rfind("text/", 0) == 0) {
    item.content = Text(n);
    item.content_is_html = false;
  }
}

FeedItem RssItem(const xmlNode* item_node) {
  FeedItem item;
  std::string description;
  std::string encoded;
  bool guid_is_permalink = true;
  for (const xmlNode* c = item_node->children; c != nullptr; c = c->next) {
    if (!IsElement(c)) continue;
    if (IsRss(c, "title") && item.title.empty()) {
      item.title = Trimmed(c);
    } else if (IsRss(c, "link") && item.link.empty()) {
      item.link = Trimmed(c);
    } else if (IsRss(c, "guid") && item.guid.empty()) {
      item.guid = Trimmed(c);
      std::string p = Attribute(c, "isPermaLink");
      guid_is_permalink = p != "false";
    } else if (IsRss(c, "pubDate") || Is(c, "date", kDcNs)) {
      SetDate(item, Text(c));  // the first one given
    } else if (IsRss(c, "description") && description.empty()) {
      description = Text(c);
    } else if (Is(c, "encoded", kContentNs) && encoded.empty()) {
      encoded = Text(c);
    } else if ((Is(c, "creator", kDcNs) || IsRss(c, "author")) && item.author.empty()) {
      item.author = Trimmed(c);
    }
  }
  if (item.link.empty() && guid_is_permalink && IsHttpUrl(item.guid)) item.link = item.guid;
  if (item.link.empty()) {
    // RSS 1.0 items name their page in rdf:about.
    xmlChar* about = xmlGetNsProp(item_node, reinterpret_cast<const xmlChar*>("about"),
                                  reinterpret_cast<const xmlChar*>(kRdfNs.data()));
    if (about != nullptr && IsHttpUrl(AsView(about))) item.link = std::string(AsView(about));
    xmlFree(about);
  }
  if (item.guid.empty()) item.guid = item.link;
  item.content = !TrimAscii(encoded).empty() ? std::move(encoded) : std::move(description);
  return item;
}

FeedItem AtomEntry(xmlDoc* doc, const xmlNode* entry) {
  FeedItem item;
  std::string first_link;
  std::string published;
  std::string updated;
  const xmlNode* content = nullptr;
  const xmlNode* summary = nullptr;
  for (const xmlNode* c = entry->children; c != nullptr; c = c->next) {
    if (!IsElement(c)) continue;
    if (IsAtom(c, "title") && item.title.empty()) {
      item.title = Trimmed(c);
    } else if (IsAtom(c, "link")) {
      const std::string href(TrimAscii(Attribute(c, "href")));
      const std::string rel = Attribute(c, "rel");
      if (!href.empty() && (rel.empty() || rel == "alternate") && item.link.empty()) {
        item.link = href;
      } else if (!href.empty() && first_link.empty()) {
        first_link = href;
      }
    } else if (IsAtom(c, "id") && item.guid.empty()) {
      item.guid = Trimmed(c);
    } else if ((IsAtom(c, "published") || IsAtom(c, "issued")) && published.empty()) {
      published = Text(c);
    } else if ((IsAtom(c, "updated") || IsAtom(c, "modified")) && updated.empty()) {
      updated = Text(c);
    } else if (IsAtom(c, "content") && content == nullptr) {
      content = c;
    } else if (IsAtom(c, "summary") && summary == nullptr) {
      summary = c;
    } else if (IsAtom(c, "author") && item.author.empty()) {
      for (const xmlNode* a = c->children; a != nullptr; a = a->next) {
        if (IsAtom(a, "name")) item.author = Trimmed(a);
      }
    }
  }
  if (item.link.empty()) item.link = first_link;
  if (item.link.empty() && IsHttpUrl(item.guid)) item.link = item.guid;
  if (item.guid.empty()) item.guid = item.link;
  SetDate(item, published);
  SetDate(item, updated);
  if (content != nullptr) SetAtomContent(doc, content, item);
  if (TrimAscii(item.content).empty() && summary != nullptr) SetAtomContent(doc, summary, item);
  return item;
}

std::string Language(const xmlNode* n) {
  xmlChar* lang = xmlNodeGetLang(n);
  std::string out(AsView(lang));
  xmlFree(lang);
  if (std::optional<std::string> l = internal::NormalizeLanguage(out)) return *l;
  return "";
}

void ReadRssChannel(const xmlNode* channel, Feed& feed) {
  for (const xmlNode* c = channel->children; c != nullptr; c = c->next) {
    if (IsRss(c, "title") && feed.title.empty()) {
      feed.title = Trimmed(c);
    } else if (IsRss(c, "link") && feed.link.empty()) {
      feed.link = Trimmed(c);
    } else if ((IsRss(c, "language") || Is(c, "language", kDcNs)) && feed.language.empty()) {
      if (std::optional<std::string> l = internal::NormalizeLanguage(Trimmed(c))) {
        feed.language = *l;
      }
    } else if (IsRss(c, "item")) {
      feed.items.push_back(RssItem(c));
    }
  }
}

std::string ParseErrorMessage(xmlParserCtxt* ctxt) {
  const xmlError* e = xmlCtxtGetLastError(ctxt);
  if (e == nullptr || e->message == nullptr) return "not well-formed XML";
  std::string msg(TrimAscii(e->message));
  return "not well-formed XML: line " + std::to_string(e->line) + ": " + msg;
}

}  // namespace

bool LooksLikeFeed(std::string_view bytes) {
  std::string_view s = bytes.substr(0, 4096);
  if (s.substr(0, 3) == "\xEF\xBB\xBF") s.remove_prefix(3);
  for (;;) {
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
    if (s.substr(0, 2) == "<?") {  // XML declaration, stylesheet instructions.
      const size_t end = s.find("?>");
      if (end == std::string_view::npos) return false;
      s.remove_prefix(end + 2);
    } else if (s.substr(0, 4) == "<!--") {
      const size_t end = s.find("-->");
      if (end == std::string_view::npos) return false;
      s.remove_prefix(end + 3);
    } else if (s.substr(0, 9) == "<!DOCTYPE" || s.substr(0, 9) == "<!doctype") {
      const size_t bracket = s.find('[');
      const size_t gt = s.find('>');
      if (gt == std::string_view::npos) return false;
      size_t end = gt;
      if (bracket != std::string_view::npos && bracket < gt) {
        end = s.find("]>", bracket);
        if (end == std::string_view::npos) return false;
        ++end;
      }
      s.remove_prefix(end + 1);
    } else {
      break;
    }
  }
  if (s.empty() || s.front() != '<') return false;
  s.remove_prefix(1);
  size_t n = 0;
  while (n < s.size() && !std::isspace(static_cast<unsigned char>(s[n])) && s[n] != '>' &&
         s[n] != '/') {
    ++n;
  }
  std::string_view name = s.substr(0, n);
  if (const size_t colon = name.find(':'); colon != std::string_view::npos) {
    name.remove_prefix(colon + 1);
  }
  return name == "rss" || name == "feed" || name == "RDF";
}

Result<Feed> ParseFeed(std::string_view bytes, const std::string& source) {
  InitLibxml();
  if (bytes.size() > static_cast<size_t>(INT_MAX)) {
    return Status::InvalidInput(source + ": feed too large");
  }
  std::unique_ptr<xmlParserCtxt, CtxtDeleter> ctxt(xmlNewParserCtxt());
  if (ctxt == nullptr) return Status::Internal(source + ": cannot create an XML parser");
  // No XML_PARSE_NOENT (entities are not substituted), no XML_PARSE_DTDLOAD / DTDATTR /
  // DTDVALID (no DTD is read), no XML_PARSE_HUGE (libxml2's size and depth limits stay).
  const int flags = XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING;
  std::unique_ptr<xmlDoc, DocDeleter> doc(xmlCtxtReadMemory(
      ctxt.get(), bytes.data(), static_cast<int>(bytes.size()), nullptr, nullptr, flags));
  if (doc == nullptr || ctxt->wellFormed == 0) {
    return Status::InvalidInput(source + ": " + ParseErrorMessage(ctxt.get()));
  }
  const xmlNode* root = xmlDocGetRootElement(doc.get());
  if (root == nullptr) return Status::InvalidInput(source + ": empty XML document");
  Feed feed;
  if (Is(root, "rss", "")) {
    feed.format = "rss";
    for (const xmlNode* c = root->children; c != nullptr; c = c->next) {
      if (IsRss(c, "channel")) {
        ReadRssChannel(c, feed);
        break;
      }
    }
  } else if (Is(root, "RDF", kRdfNs)) {
    feed.format = "rdf";
    for (const xmlNode* c = root->children; c != nullptr; c = c->next) {
      if (IsRss(c, "channel")) {
        ReadRssChannel(c, feed);
      } else if (IsRss(c, "item")) {
        feed.items.push_back(RssItem(c));
      }
    }
  } else if (IsAtom(root, "feed")) {
    feed.format = "atom";
    feed.language = Language(root);
    for (const xmlNode* c = root->children; c != nullptr; c = c->next) {
      if (IsAtom(c, "title") && feed.title.empty()) {
        feed.title = Trimmed(c);
      } else if (IsAtom(c, "link") && feed.link.empty()) {
        const std::string rel = Attribute(c, "rel");
        if (rel.empty() || rel == "alternate") feed.link = Attribute(c, "href");
      } else if (IsAtom(c, "entry")) {
        feed.items.push_back(AtomEntry(doc.get(), c));
      }
    }
  } else {
    return Status::InvalidInput(source + ": not a feed (root element <" +
                                std::string(LocalName(root)) + ">)");
  }
  return feed;
}

bool ItemDocument(const Feed& feed, const FeedItem& item, size_t index, std::string_view path,
                  const IngestOptions& options, Document& doc,
                  std::vector<Diagnostic>& diagnostics) {
  const std::string where = "item " + std::to_string(index + 1);
  doc = Document();
  doc.id = internal::FileStem(path) + ":" + std::to_string(index + 1);
  doc.path = std::string(path);
  doc.format = "html";
  if (item.content_is_html) {
    std::vector<Diagnostic> page;
    internal::ParseHtml(path, item.content, options, doc, page);
    for (Diagnostic& d : page) {
      AddDiagnostic(diagnostics, d.severity, path, where + ": " + d.message);
    }
  } else {
    doc.text = item.content;
    internal::SplitTextBlocks(doc, 0, item.title);
  }
  if (doc.blocks.empty() || doc.text.size() < options.feed_min_item_bytes) {
    return false;
  }
  if (!item.link.empty()) {
    doc.url = item.link;
    doc.meta.emplace_back("url", item.link);
    doc.meta.emplace_back("feed:link", item.link);
  }
  if (!item.title.empty()) {
    doc.title = item.title;
    doc.meta.emplace_back("feed:title", item.title);
  }
  if (!item.published.empty()) {
    doc.published = item.published;
    doc.published_basis = "metadata";
  }
  if (!item.published_raw.empty()) doc.meta.emplace_back("feed:date", item.published_raw);
  if (!item.author.empty()) doc.author = item.author;
  if (!feed.title.empty()) {
    doc.outlet = feed.title;
    doc.meta.emplace_back("feed:outlet", feed.title);
  }
  if (!item.guid.empty()) doc.meta.emplace_back("feed:guid", item.guid);
  if (!doc.language && !feed.language.empty()) doc.language = feed.language;
  return true;
}

void ReadFeed(std::string_view path, std::string_view bytes, const IngestOptions& options,
              IngestResult& out) {
  Result<Feed> feed = ParseFeed(bytes, std::string(path));
  if (!feed.ok()) {
    // The message already names the input; the diagnostic's path does too.
    std::string message = feed.status().message();
    if (message.rfind(std::string(path) + ": ", 0) == 0) message.erase(0, path.size() + 2);
    AddDiagnostic(out.diagnostics, Diagnostic::Severity::kError, path, std::move(message));
    return;
  }
  size_t teasers = 0;
  size_t made = 0;
  for (size_t i = 0; i < feed->items.size(); ++i) {
    Document doc;
    if (ItemDocument(*feed, feed->items[i], i, path, options, doc, out.diagnostics)) {
      out.documents.push_back(std::move(doc));
      ++made;
    } else {
      ++teasers;
    }
  }
  if (feed->items.empty()) {
    AddDiagnostic(out.diagnostics, Diagnostic::Severity::kError, path, "feed has no items");
  } else if (teasers > 0) {
    AddDiagnostic(out.diagnostics,
                  made == 0 ? Diagnostic::Severity::kError : Diagnostic::Severity::kWarning, path,
                  std::to_string(teasers) + " of " + std::to_string(feed->items.size()) +
                      " feed items skipped: content shorter than " +
                      std::to_string(options.feed_min_item_bytes) +
                      " bytes (a teaser; add the feed URL to fetch the pages)");
  }
}

}  // namespace sitrep::ingest
