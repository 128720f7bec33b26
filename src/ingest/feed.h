// Feeds: RSS 2.0, RSS 1.0 (RDF) and Atom 1.0 read into a list of items, and items into
// Documents.
//
// A feed is recognised by its root element (<rss>, <feed> in the Atom namespace or none,
// <rdf:RDF>), not by its file name. The XML is parsed by libxml2 with the network off
// (XML_PARSE_NONET), no DTD loading, no entity substitution and an external-entity loader
// that refuses everything: a declared entity (internal or external, "XXE") is never
// expanded, its reference is dropped from the text. Predefined entities (&amp; ...) and
// character references are decoded as usual. The XML's own encoding declaration is
// honoured; all strings handed out are valid UTF-8.
//
// Mapping (see docs/fetch.md):
//   feed title   <channel><title> | <feed><title>            -> Document::outlet
//   item         <item> | <entry>
//     link       <link> | <link rel="alternate" href> (first <link href> when none has
//                rel="alternate"), else a guid/id that is an http(s) URL -> Document::url
//     guid       <guid> | <id>, else the link                  (identity, for de-duplication)
//     published  <pubDate> | <dc:date> | <published> | <updated> -> Document::published
//     content    <content:encoded> | <content> (html, xhtml, text) | <description> |
//                <summary>                                     -> Document::text/blocks
//
// Thread-safety: pure functions; safe to call concurrently (libxml2 is initialised once).
#ifndef SITREP_INGEST_FEED_H_
#define SITREP_INGEST_FEED_H_

#include <string>
#include <string_view>
#include <vector>

#include "ingest/ingest.h"
#include "sitrep/document.h"
#include "sitrep/options.h"
#include "sitrep/status.h"

namespace sitrep::ingest {

struct FeedItem {
  std::string title;            // Trimmed; may be empty.
  std::string link;             // The item's page, as written in the feed; may be empty.
  std::string guid;             // <guid>/<id>, else the link; may be empty when both are.
  std::string published;        // YYYY-MM-DD, or empty when absent or unreadable.
  std::string published_raw;    // The date as written in the feed.
  std::string author;           // <author>/<dc:creator>/<author><name>; may be empty.
  std::string content;          // The item's own content (HTML or plain text); may be empty.
  bool content_is_html = true;  // false for Atom type="text" content.
};

struct Feed {
  std::string format;           // "rss", "rdf" or "atom".
  std::string title;            // The feed's title (the outlet), trimmed; may be empty.
  std::string link;             // The site the feed belongs to; may be empty.
  std::string language;         // ISO 639-1 from <language>/xml:lang, or empty.
  std::vector<FeedItem> items;  // In feed order.
};

// True when `bytes` start like an XML document whose root element is rss, feed or
// rdf:RDF (looks at the first 4 KiB only; a cheap test, not a parse).
bool LooksLikeFeed(std::string_view bytes);

// Parses a feed. `source` names the input in error messages. Errors (InvalidInput): not
// well-formed XML ("<source>: not well-formed XML: line 3: ..."), or a root element that
// is not a feed. A feed without items is not an error.
Result<Feed> ParseFeed(std::string_view bytes, const std::string& source);

// The document for one item from the item's own content; none when the content holds
// fewer than options.feed_min_item_bytes of visible text (a teaser: fetch the link). `index` is the
// item's 0-based position; the id is
// "<stem of path>:<index + 1>". Sets url, title, published ("metadata"), author, outlet
// (the feed title), language, and meta "feed:title" (item title), "feed:outlet",
// "feed:guid", "feed:link", "feed:date" (as written), "url". Returns false when no
// document was made (HTML warnings still go to `diagnostics`, as "item N: ...").
bool ItemDocument(const Feed& feed, const FeedItem& item, size_t index, std::string_view path,
                  const IngestOptions& options, Document& doc,
                  std::vector<Diagnostic>& diagnostics);

// Reads a feed file: one document per item with substantial content (ItemDocument);
// items without are counted in one warning. A file that is not a feed, or not
// well-formed, gives an error diagnostic. Used by ReadBytes for format "feed".
void ReadFeed(std::string_view path, std::string_view bytes, const IngestOptions& options,
              IngestResult& out);

}  // namespace sitrep::ingest

#endif  // SITREP_INGEST_FEED_H_
