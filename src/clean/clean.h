// Clean: gives every block of a document its role (title, dek, byline, heading, body,
// caption, boilerplate, repeat) and fills the document's metadata (title, published date
// and its basis, author, outlet, language).
//
// Two kinds of evidence:
//   - plain text (no DOM hints): general features of each block - length, sentence shape,
//     stopword share, terminal punctuation, capitalisation, brackets and template tokens,
//     link-list and label shapes ("WORD:", "[TAG]"), position - and repetition: a
//     paragraph repeated inside one document is a repeat after its first occurrence; a
//     line recurring in documents of one outlet is boilerplate;
//   - HTML (Block::tag / ancestors / link_bytes from ingest): main-content extraction -
//     the container holding most sentence-like, link-poor text wins; nav, aside, footer,
//     forms, figcaptions and class/id hints (related, share, newsletter, caption, byline)
//     steer blocks away from body; a JSON-LD articleBody candidate, when present,
//     confirms which blocks are the article.
//
// Invariants kept: Document::text is never changed; blocks stay in document order, never
// overlap and always point into Document::text; a block may be split into finer blocks
// (lines of a link list, a caption glued to the next paragraph), never merged.
//
// Thread-safety: pure functions over their arguments; CleanDocument may run concurrently
// on different documents. Internal tables are immutable after static initialisation.
#ifndef SITREP_CLEAN_CLEAN_H_
#define SITREP_CLEAN_CLEAN_H_

#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "sitrep/document.h"
#include "sitrep/options.h"

namespace sitrep::clean {

// Template lines of each outlet ("" for documents without a known outlet): repetition
// keys of lines that recur across enough of its documents (not copies of one another) to
// be its page template, not its news.
struct Templates {
  std::unordered_map<std::string, std::unordered_set<uint64_t>> by_outlet;
};

// Gives every block of every document its role and fills metadata (title, published,
// published_basis, author, outlet, language) from text and reader metadata candidates
// (Document::meta). Uses all documents at once: lines that recur across many
// documents of one outlet are boilerplate. May split a block into finer blocks.
// Documents are cleaned on options.threads workers; the result does not depend on the
// count.
// `templates`, when not null, are the outlets' template lines found over a larger
// collection (a distributed job's whole corpus, FindTemplates), used instead of those
// `docs` alone show: a piece of the collection is then cleaned as the whole would be.
void CleanDocuments(std::vector<Document>& docs, const CleanOptions& options,
                    const Templates* templates = nullptr);

// The two steps of CleanDocuments, for a job that cleans a collection in pieces: each
// document cleaned alone (CleanAlone: its roles and metadata, and each block's repetition
// key), the template lines found once over every document's keys (FindTemplates), and
// each document's template lines marked boilerplate (ApplyTemplates). A title is never
// boilerplate.
std::vector<uint64_t> CleanAlone(Document& doc, const CleanOptions& options);
// outlets[i] is document i's outlet ("" when unknown), keys[i] its blocks' keys.
Templates FindTemplates(const std::vector<std::string>& outlets,
                        const std::vector<std::vector<uint64_t>>& keys,
                        const CleanOptions& options);
void ApplyTemplates(Document& doc, const std::vector<uint64_t>& keys, const Templates& templates);

// One document alone (no cross-document evidence).
void CleanDocument(Document& doc, const CleanOptions& options);

// The cleaned article as plain text: the body-like blocks (body and heading) in order,
// separated by a blank line. Title, dek, captions, bylines, boilerplate and repeats are
// left out.
std::string ArticleText(const Document& doc);

// --- Metadata helpers, exposed for tests and for other readers. ---

// "YYYY-MM-DD" from a date written in common machine or news forms: ISO 8601
// ("2022-10-28T09:00:00Z"), "2022/10/28", "28.10.2022", "October 28, 2022",
// "28 October 2022", "Oct. 28, 2022", RFC 822 ("Fri, 28 Oct 2022 09:00:00 GMT").
// nullopt when no plausible date (years 1990..2100) is found.
std::optional<std::string> ParseDate(std::string_view s);

// A date carried in a URL path ("/2022/10/28/", "/2022-10-28-", "/20221028/").
std::optional<std::string> DateFromUrl(std::string_view url);

// Host of a URL without "www." ("https://www.example.org/a" -> "example.org").
std::optional<std::string> HostFromUrl(std::string_view url);

// `title` without a trailing or leading site-name part (" | Site", " - Site", " — Site",
// "Site: "), when `site` names it or the part looks like a site name (short, no verb-like
// lower-case run). Never returns an empty string for a non-empty title.
std::string StripSiteName(std::string_view title, std::string_view site);

// The name in a byline ("By Jane Doe and John Roe, Reuters" -> "Jane Doe and John Roe";
// "Author: Jane Doe" -> "Jane Doe"); nullopt when `line` is not a byline.
std::optional<std::string> BylineName(std::string_view line);

// ISO 639-1 code of the language of `text` (CLD2), nullopt when unreliable or unknown.
std::optional<std::string> DetectLanguage(std::string_view text);

}  // namespace sitrep::clean

#endif  // SITREP_CLEAN_CLEAN_H_
