#include <gtest/gtest.h>

#include <chrono>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "ingest/ingest.h"
#include "ingest/readers.h"

namespace sitrep::ingest {
namespace {

std::vector<std::string> Texts(const Document& doc) {
  std::vector<std::string> out;
  for (const Block& b : doc.blocks) out.emplace_back(doc.Slice(b));
  return out;
}

std::vector<std::string> MetaValues(const Document& doc, std::string_view key) {
  std::vector<std::string> out;
  for (const auto& [k, v] : doc.meta) {
    if (k == key) out.push_back(v);
  }
  return out;
}

IngestResult ReadHtmlBytes(std::string_view bytes, const IngestOptions& options = {}) {
  IngestResult out;
  ReadBytes("pages/page.html", bytes, "html", options, out);
  return out;
}

std::string Slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// Every block's text sits at its offsets, and blocks are joined by blank lines.
void ExpectConsistent(const Document& doc) {
  size_t expected_start = 0;
  for (const Block& b : doc.blocks) {
    ASSERT_LE(b.start, b.end);
    ASSERT_LE(b.end, doc.text.size());
    EXPECT_EQ(b.start, expected_start);
    EXPECT_LE(b.link_bytes, b.end - b.start);
    expected_start = b.end + 2;
    if (b.end < doc.text.size()) {
      EXPECT_EQ(doc.text.substr(b.end, 2), "\n\n");
    }
  }
  if (!doc.blocks.empty()) {
    EXPECT_EQ(doc.blocks.back().end, doc.text.size());
  }
}

struct BlockCase {
  std::string name;
  std::string html;
  std::vector<std::string> blocks;
};

TEST(HtmlReaderTest, BlocksTable) {
  const std::vector<BlockCase> cases = {
      {"paragraphs", "<p>One.</p><p>Two.</p>", {"One.", "Two."}},
      {"whitespace collapsed", "<p>  a \n\t b   <b>c</b>  </p>", {"a b c"}},
      {"inline elements do not split", "<p>a<span>b</span><i>c</i> d</p>", {"abc d"}},
      {"entities decoded",
       "<p>Tom &amp; Jerry &lt;3 &eacute;t&eacute; &#8364;5 &#x41;</p>",
       {"Tom & Jerry <3 \xC3\xA9t\xC3\xA9 \xE2\x82\xAC"
        "5 A"}},
      {"headings and lists",
       "<h2>Head</h2><ul><li>one</li><li>two</li></ul>",
       {"Head", "one", "two"}},
      {"div text around a child block",
       "<div>intro <b>bold</b><p>inner</p>tail</div>",
       {"intro bold", "inner", "tail"}},
      {"script style noscript template skipped",
       "<p>a</p><script>var x='<p>no</p>';</script><style>p{}</style><noscript>ns</noscript>"
       "<template><p>tpl</p></template><p>b</p>",
       {"a", "b"}},
      {"form controls skipped but form text kept",
       "<form><label>Name</label><input value=x><button>Go</button><select><option>o</option>"
       "</select><textarea>t</textarea></form>",
       {"Name"}},
      {"svg and iframe skipped", "<p>a<svg><text>s</text></svg></p><iframe>f</iframe>", {"a"}},
      {"hidden elements skipped",
       "<p hidden>h</p><div style=\"DISPLAY: none\">d</div><div style='visibility:hidden'>v</div>"
       "<p>shown</p>",
       {"shown"}},
      {"single br is a line break", "<p>line one<br>line two</p>", {"line one\nline two"}},
      {"double br splits", "<div>para one<br><br>\n<br>para two</div>", {"para one", "para two"}},
      {"leading br ignored", "<p><br>text</p>", {"text"}},
      {"pre keeps spacing", "<pre>a  b\n  c\n\n\nd</pre>", {"a  b\n  c\nd"}},
      {"table cells", "<table><tr><td>x</td><th>y</th></tr></table>", {"x", "y"}},
      {"definition list", "<dl><dt>term</dt><dd>meaning</dd></dl>", {"term", "meaning"}},
      {"nbsp-only block dropped", "<p>&nbsp;</p><p>&#8203;</p><p>real</p>", {"real"}},
      {"nbsp kept inside text", "<p>1.2&nbsp;m</p>", {"1.2\xC2\xA0m"}},
      {"head text ignored", "<head><title>T</title></head><body><p>b</p></body>", {"b"}},
      {"unclosed tags", "<p>one<p>two<div>three", {"one", "two", "three"}},
      {"text directly in body", "loose text<p>para</p>", {"loose text", "para"}},
      {"figure caption", "<figure><img src=x><figcaption>Cap</figcaption></figure>", {"Cap"}},
      {"hidden body still read", "<head hidden></head><body style='display:none'><p>t</p>", {"t"}},
      {"custom elements are inline", "<p>a<x-widget>b</x-widget>c</p>", {"abc"}},
  };
  for (const BlockCase& c : cases) {
    SCOPED_TRACE(c.name);
    IngestResult r = ReadHtmlBytes(c.html);
    ASSERT_EQ(r.documents.size(), 1u);
    EXPECT_EQ(Texts(r.documents[0]), c.blocks);
    ExpectConsistent(r.documents[0]);
  }
}

TEST(HtmlReaderTest, BlockHints) {
  IngestResult r = ReadHtmlBytes(
      "<body><div id=main class='wrap  outer'><article class=story-body><h1>T</h1>"
      "<p>See <a href=/x>this link</a> now</p></article></div><div>tail text</div></body>");
  ASSERT_EQ(r.documents.size(), 1u);
  const Document& doc = r.documents[0];
  ASSERT_EQ(doc.blocks.size(), 3u);
  EXPECT_EQ(doc.blocks[0].tag, "h1");
  EXPECT_EQ(doc.blocks[0].ancestors, "body div#main.wrap.outer article.story-body");
  EXPECT_EQ(doc.blocks[1].tag, "p");
  EXPECT_EQ(doc.blocks[1].ancestors, "body div#main.wrap.outer article.story-body");
  EXPECT_EQ(doc.blocks[1].link_bytes, std::string("this link").size());
  EXPECT_EQ(doc.blocks[2].tag, "div");
  EXPECT_EQ(doc.blocks[2].ancestors, "body");
  EXPECT_EQ(doc.blocks[2].link_bytes, 0u);
  for (const Block& b : doc.blocks) EXPECT_EQ(b.role, BlockRole::kBody);
}

TEST(HtmlReaderTest, FixturePageBlocksAndMeta) {
  const std::string html = Slurp(std::string(SITREP_TEST_DATA) + "/ingest/story.html");
  ASSERT_FALSE(html.empty());
  IngestResult r = ReadHtmlBytes(html);
  ASSERT_EQ(r.documents.size(), 1u);
  const Document& doc = r.documents[0];
  ExpectConsistent(doc);
  EXPECT_TRUE(r.diagnostics.empty());
  EXPECT_EQ(doc.format, "html");
  EXPECT_EQ(doc.id, "page");
  // The <nav> (Home, World) is dropped before parsing: navigation is never article text.
  const std::vector<std::string> expected = {
      "Floodgates opened at Vessel Dam as river rises",
      "By Mira Okonkwo & Tomas Lind",
      "2 April 2024",
      "Engineers at Vessel Dam opened two of its five floodgates on Tuesday morning, releasing "
      "water for the first time in a decade.",
      "Water pours through the gates (Photo: K. Berg)",
      "The river rose 1.2\xC2\xA0metres overnight, the regional water authority said.\nResidents "
      "downstream were told to move cars from low-lying streets.",
      "\xE2\x80\x9CWe had no choice,\xE2\x80\x9D said the dam's director.",
      "Text directly in a div with bold",
      "and an inner paragraph",
      "and a tail.",
      "Read more: first link and second link",
      "Email",
      "First point",
      "Second point",
      "Cell one",
      "Cell two",
      "line one\nline  two",
      "\xC2\xA9 2024 The Valley Courier",
  };
  EXPECT_EQ(Texts(doc), expected);
  EXPECT_EQ(doc.blocks[4].tag, "figcaption");
  EXPECT_EQ(doc.blocks[6].tag, "p");
  EXPECT_EQ(doc.blocks[6].ancestors, "body div#main article.story.story-body blockquote");
  EXPECT_EQ(doc.blocks[10].tag, "p");
  EXPECT_EQ(doc.blocks[10].link_bytes, 21u);  // "first link", "second link"

  EXPECT_EQ(MetaValues(doc, "html:title"),
            std::vector<std::string>{"Floodgates opened at Vessel Dam as river rises - The "
                                     "Valley Courier"});
  EXPECT_EQ(MetaValues(doc, "og:title"),
            std::vector<std::string>{"Floodgates opened at Vessel Dam as river rises"});
  EXPECT_EQ(MetaValues(doc, "og:site_name"), std::vector<std::string>{"The Valley Courier"});
  EXPECT_EQ(MetaValues(doc, "article:published_time"),
            std::vector<std::string>{"2024-04-02T07:15:00+02:00"});
  EXPECT_EQ(MetaValues(doc, "author"), std::vector<std::string>{"Mira Okonkwo"});
  EXPECT_EQ(MetaValues(doc, "description").size(), 1u);
  EXPECT_EQ(MetaValues(doc, "lang"), std::vector<std::string>{"en-GB"});
  EXPECT_EQ(MetaValues(doc, "time"), std::vector<std::string>{"2024-04-02T07:15:00+02:00"});
  EXPECT_EQ(MetaValues(doc, "html:h1"),
            std::vector<std::string>{"Floodgates opened at Vessel Dam as river rises"});
  EXPECT_EQ(MetaValues(doc, "jsonld:headline"),
            std::vector<std::string>{"Floodgates opened at Vessel Dam"});
  EXPECT_EQ(MetaValues(doc, "jsonld:datePublished"),
            std::vector<std::string>{"2024-04-02T05:15:00Z"});
  EXPECT_EQ(MetaValues(doc, "jsonld:author"),
            (std::vector<std::string>{"Mira Okonkwo", "Tomas Lind"}));
  EXPECT_EQ(MetaValues(doc, "jsonld:publisher"), std::vector<std::string>{"Valley Courier Media"});
  EXPECT_EQ(MetaValues(doc, "jsonld:articleBody"),
            std::vector<std::string>{"Engineers at Vessel Dam opened two floodgates."});
  // Fields the reader sets itself.
  EXPECT_EQ(doc.url, "https://courier.example/news/vessel-dam?ref=canon");
  EXPECT_EQ(doc.language, "en");
  EXPECT_EQ(doc.published, "2024-04-02");
  EXPECT_EQ(doc.published_basis, "metadata");
  EXPECT_FALSE(doc.title.has_value());  // clean/ chooses
}

struct JsonLdCase {
  std::string name;
  std::string json;
  std::vector<std::pair<std::string, std::string>> expected;
};

TEST(HtmlReaderTest, JsonLdTable) {
  const std::vector<JsonLdCase> cases = {
      {"plain object",
       R"({"@type":"NewsArticle","headline":"H","datePublished":"2023-03-08","author":"A B"})",
       {{"jsonld:@type", "NewsArticle"},
        {"jsonld:headline", "H"},
        {"jsonld:datePublished", "2023-03-08"},
        {"jsonld:author", "A B"}}},
      {"top-level array picks the article",
       R"([{"@type":"Organization","name":"Org"},{"@type":"ReportageNewsArticle","headline":"H2"}])",
       {{"jsonld:@type", "ReportageNewsArticle"}, {"jsonld:headline", "H2"}}},
      {"nested main entity",
       R"({"@type":"WebPage","mainEntity":{"@type":"Article","headline":"Inner"}})",
       {{"jsonld:@type", "Article"}, {"jsonld:headline", "Inner"}}},
      {"author name array and publisher array",
       R"({"@type":"BlogPosting","author":{"name":["First"]},"publisher":[{"name":"P"}]})",
       {{"jsonld:@type", "BlogPosting"}, {"jsonld:author", "First"}, {"jsonld:publisher", "P"}}},
      {"headline without article type",
       R"({"@type":"WebPage","headline":"Only headline"})",
       {{"jsonld:@type", "WebPage"}, {"jsonld:headline", "Only headline"}}},
      {"comment wrapped",
       "<!-- {\"@type\":\"NewsArticle\",\"headline\":\"W\"} -->",
       {{"jsonld:@type", "NewsArticle"}, {"jsonld:headline", "W"}}},
      {"invalid json", R"({"@type":"NewsArticle","headline":)", {}},
      {"wrong value types", R"({"@type":7,"headline":["x"],"author":{"name":3}})", {}},
      {"empty", "", {}},
      {"deeply nested arrays", std::string(100000, '[') + std::string(100000, ']'), {}},
  };
  for (const JsonLdCase& c : cases) {
    SCOPED_TRACE(c.name);
    internal::Meta meta;
    internal::ExtractJsonLd(c.json, meta);
    EXPECT_EQ(meta, c.expected);
  }
}

struct CharsetCase {
  std::string name;
  std::string html;
  std::string expected_text;
  bool warned;
};

TEST(HtmlReaderTest, CharsetTable) {
  const std::vector<CharsetCase> cases = {
      {"utf-8 declared latin1 is still utf-8", "<meta charset=iso-8859-1><p>caf\xC3\xA9</p>",
       "caf\xC3\xA9", false},
      {"latin1 bytes declared utf-8 become windows-1252",
       "<meta charset=\"utf-8\"><p>caf\xE9 \x93quoted\x94</p>",
       "caf\xC3\xA9 \xE2\x80\x9Cquoted\xE2\x80\x9D", true},
      {"declared windows-1251",
       "<meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1251\">"
       "<p>\xCA\xE8\xBF\xE2</p>",
       "\xD0\x9A\xD0\xB8\xD1\x97\xD0\xB2", true},
      {"no declaration, latin1 bytes", "<p>na\xEFve</p>", "na\xC3\xAFve", true},
      {"unknown declared charset", "<meta charset=x-martian><p>na\xEFve</p>", "na\xC3\xAFve", true},
      {"mostly utf-8 with one bad byte repaired", "<p>\xC3\xA9t\xC3\xA9 \xFF ok</p>",
       "\xC3\xA9t\xC3\xA9 \xEF\xBF\xBD ok", true},
      {"bom", "\xEF\xBB\xBF<p>x</p>", "x", false},
  };
  for (const CharsetCase& c : cases) {
    SCOPED_TRACE(c.name);
    IngestResult r = ReadHtmlBytes(c.html);
    ASSERT_EQ(r.documents.size(), 1u);
    EXPECT_EQ(r.documents[0].text, c.expected_text);
    EXPECT_EQ(!r.diagnostics.empty(), c.warned);
    for (const Diagnostic& d : r.diagnostics) {
      EXPECT_EQ(d.severity, Diagnostic::Severity::kWarning);
      EXPECT_EQ(d.path, "pages/page.html");
    }
  }
}

TEST(HtmlReaderTest, NulBytesDoNotTruncate) {
  const std::string html("<p>before\0after</p><p>second</p>", 32);
  IngestResult r = ReadHtmlBytes(html);
  ASSERT_EQ(r.documents.size(), 1u);
  EXPECT_EQ(Texts(r.documents[0]), (std::vector<std::string>{"before\xEF\xBF\xBD"
                                                             "after",
                                                             "second"}));
  ASSERT_EQ(r.diagnostics.size(), 1u);
  EXPECT_NE(r.diagnostics[0].message.find("NUL"), std::string::npos);
}

TEST(HtmlReaderTest, DeepNestingIsFlattenedQuickly) {
  for (const char* tag : {"div", "span", "b", "blockquote"}) {
    SCOPED_TRACE(tag);
    std::string html = "<html><body>";
    const int depth = 100000;
    for (int i = 0; i < depth; ++i) html += std::string("<") + tag + ">";
    html += "deep text";
    for (int i = 0; i < depth; ++i) html += std::string("</") + tag + ">";
    html += "<p>after</p>";
    const auto start = std::chrono::steady_clock::now();
    IngestResult r = ReadHtmlBytes(html);
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    ASSERT_EQ(r.documents.size(), 1u);
    EXPECT_EQ(Texts(r.documents[0]), (std::vector<std::string>{"deep text", "after"}));
    ASSERT_EQ(r.diagnostics.size(), 1u);
    EXPECT_NE(r.diagnostics[0].message.find("flattened"), std::string::npos);
    EXPECT_LT(seconds, 20.0);  // unflattened, gumbo takes minutes at this depth
  }
}

TEST(HtmlReaderTest, ModerateNestingIsParsedUnchanged) {
  std::string html;
  for (int i = 0; i < 300; ++i) html += "<div class=l" + std::to_string(i) + ">";
  html += "<p>inner</p>";
  IngestResult r = ReadHtmlBytes(html);
  ASSERT_EQ(r.documents.size(), 1u);
  EXPECT_TRUE(r.diagnostics.empty());
  const Block& b = r.documents[0].blocks[0];
  EXPECT_EQ(b.tag, "p");
  // Long ancestor paths keep the innermost ancestors.
  EXPECT_LE(b.ancestors.size(), 1024u);
  EXPECT_EQ(b.ancestors.substr(b.ancestors.size() - 18), " div.l298 div.l299");
  EXPECT_EQ(b.ancestors.find("body"), std::string::npos);
}

TEST(HtmlReaderTest, PrepareTable) {
  struct Case {
    std::string html;
    int depth;
    std::string prepared;
    size_t flattened;
  };
  const std::vector<Case> cases = {
      {"<div><div><div>x</div></div></div>", 2, "<div><div>x</div></div>", 2},
      {"<div><div><div>x</div></div></div>", 3, "<div><div><div>x</div></div></div>", 0},
      {"<p><p><p><p>x", 2, "<p><p><p><p>x", 0},          // p never nests
      {"<li><li><li><li>x", 2, "<li><li><li><li>x", 0},  // nor li
      {"<div></div><div></div><div></div>", 1, "<div></div><div></div><div></div>", 0},
      {"<script><div><div><div></script>", 1, "<script></script>", 0},  // raw text
      {"<!-- <div><div><div> -->", 1, "", 0},                           // comments
      {"<div title='a>b'><div><div>", 2, "<div><div>", 1},              // title is not read
      {"<div class='a>b'><div><div>", 2, "<div class='a>b'><div>", 1},
      // Attributes the walker never reads are dropped; the ones it reads are kept as written.
      {"<p class=x data-id=\"7\" onclick='f()'>t", 9, "<p class=x>t", 0},
      {"<a href=\"/x\" rel=nofollow>t</a>", 9, "<a>t</a>", 0},
      {"<link rel=canonical href=\"/x\" media=all>", 9, "<link rel=canonical href=\"/x\">", 0},
      {"<meta property=og:title content='A \"B\"'>", 9,
       "<meta property=og:title content='A \"B\"'>", 0},
      {"<img src=a.jpg alt=x/>", 9, "<img/>", 0},
      {"<p data-x=\"unterminated>t", 9, "<p data-x=\"unterminated>t", 0},  // left to the parser
      // Skipped elements go whole when their end is found, nested ones included.
      {"<p>a<svg><svg><text>b</text></svg></svg>c", 9, "<p>ac", 0},
      {"<noscript><img src=x></noscript><p>d", 9, "<p>d", 0},
      {"<select><option>o</select><p>e", 9, "<p>e", 0},
      {"<svg><p>unclosed", 9, "<svg><p>unclosed", 0},  // no end: left to the parser
      {"<svg/><p>f", 9, "<svg/><p>f", 0},
      // Comments go; indentation between tags shrinks to one character, except in <pre>.
      {"<div>\n    <!-- c -->\n\t<p>x</p>  </div>", 9, "<div>\n\n<p>x</p> </div>", 0},
      {"<pre>a\n   <b>b</b>\n  </pre>  <p>", 9, "<pre>a\n   <b>b</b>\n  </pre> <p>", 0},
      // Class lists are cut after the tokens the walker reads.
      {"<div class=\"alpha beta gamma delta epsilon zeta eta theta iota kappa lambda\">x", 9,
       "<div class=\"alpha beta gamma delta epsilon zeta\">x", 0},
      {"<div class='alpha beta gamma delta epsilon zeta eta theta iota kappa lambda' id=m>x", 9,
       "<div class='alpha beta gamma delta epsilon zeta' id=m>x", 0},
      {"<div class=aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa>x", 9,
       "<div class=aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa>x", 0},
      {"<br/><br/><br/><img><img>", 1, "<br/><br/><br/><img><img>", 0},
      {"<style>p{}</style><p>x", 9, "<style></style><p>x", 0},
      {"<SCRIPT type=module>a<b</SCRIPT><p>x", 9, "<SCRIPT type=module></SCRIPT><p>x", 0},
      {"<script type=\"application/ld+json\">{}</script>", 9,
       "<script type=\"application/ld+json\">{}</script>", 0},
      {"<script>unterminated", 9, "<script>", 0},
      {"<b><b><b>", 2, "<b><b>", 1},
      {"<div></span></div></div>", 9, "<div></div>", 0},  // stray end tags dropped
      {"<div><span></div></span>", 9, "<div><span></div>", 0},
      {"</p></br></li>", 9, "</p></br></li>", 0},  // these mean something to the parser
      // Raw-text elements whose end tag is lost end where markup starts (not <script>).
      {"<title>A page<meta charset=x><p>body", 9, "<title>A page</title><meta charset=x><p>body",
       0},
      {"<title>A</title><p>x", 9, "<title>A</title><p>x", 0},
      {"<title>a < b</title>", 9, "<title>a < b</title>", 0},  // "<" without a tag name
      {"<title>A<body><p>x</p></body><svg></svg><title>B</title>", 9,
       "<title>A</title><body><p>x</p></body><title>B</title>", 0},
      {"<textarea>t<p>x", 9, "<textarea>t</textarea><p>x", 0},
      {"<textarea><b>code</b></textarea>", 9, "<textarea><b>code</b></textarea>", 0},
      {"<textarea>a<div></head><body><p>x</textarea>", 9,
       "<textarea>a</textarea><div></head><body><p>x</textarea>", 0},
      {"<style>p{}<p>x", 9, "<style></style><p>x", 0},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.html);
    internal::PreparedHtml p = internal::PrepareHtml(c.html, c.depth);
    EXPECT_EQ(p.html, c.prepared);
    EXPECT_EQ(p.flattened, c.flattened);
  }
}

TEST(HtmlReaderTest, StrayEndTagsUnderDeepNestingStayCheap) {
  std::string html;
  for (int i = 0; i < 390; ++i) html += "<div>";
  html += "<p>kept</p>";
  for (int i = 0; i < 200000; ++i) html += "</span>";
  html += "<p>after</p>";
  const auto start = std::chrono::steady_clock::now();
  IngestResult r = ReadHtmlBytes(html);
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  ASSERT_EQ(r.documents.size(), 1u);
  EXPECT_EQ(Texts(r.documents[0]), (std::vector<std::string>{"kept", "after"}));
  EXPECT_LT(seconds, 10.0);
}

TEST(HtmlReaderTest, HugePage) {
  // ~50 MB of ordinary markup.
  IngestOptions options;
  options.max_file_bytes = 128u << 20;
  std::string html = "<html><head><title>Big</title></head><body>";
  const std::string para =
      "<div class=\"row\"><p>The quick brown fox jumps over the lazy dog near the "
      "<a href=\"/river\">river bank</a> while engineers watch the gates.</p></div>\n";
  size_t count = 0;
  while (html.size() < (50u << 20)) {
    html += para;
    ++count;
  }
  html += "</body></html>";
  const auto start = std::chrono::steady_clock::now();
  IngestResult r = ReadHtmlBytes(html, options);
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  ASSERT_EQ(r.documents.size(), 1u);
  const Document& doc = r.documents[0];
  EXPECT_EQ(doc.blocks.size(), count);
  EXPECT_EQ(doc.blocks.back().link_bytes, std::string("river bank").size());
  // Parsed in pieces to bound memory, without losing or splitting any paragraph.
  ASSERT_EQ(r.diagnostics.size(), 1u);
  EXPECT_NE(r.diagnostics[0].message.find("pieces"), std::string::npos);
  size_t odd = 0;
  for (const Block& b : doc.blocks) {
    odd += doc.Slice(b) !=
           "The quick brown fox jumps over the lazy dog near the river bank while engineers "
           "watch the gates.";
  }
  EXPECT_EQ(odd, 0u);
  EXPECT_LT(seconds, 120.0);
}

// A page whose <title> lost its end tag in the crawl: a strict HTML5 parse reads the
// whole page as the title; the reader recovers the body.
TEST(HtmlReaderTest, UnclosedTitleKeepsTheBody) {
  IngestResult r = ReadHtmlBytes(
      "<html><head><title>Storm closes the harbour\n<meta charset=utf-8>"
      "<link rel=stylesheet href=s.css></head><body><article>"
      "<p>The harbour closed on Monday after the storm broke two piers.</p>"
      "<p>Ferries will run again when the wind drops, officials said.</p>"
      "</article></body></html>");
  ASSERT_EQ(r.documents.size(), 1u);
  const Document& doc = r.documents[0];
  EXPECT_EQ(MetaValues(doc, "html:title"), std::vector<std::string>{"Storm closes the harbour"});
  EXPECT_EQ(Texts(doc), (std::vector<std::string>{
                            "The harbour closed on Monday after the storm broke two piers.",
                            "Ferries will run again when the wind drops, officials said."}));
}

TEST(HtmlReaderTest, PageWithoutTextIsAnError) {
  IngestResult r = ReadHtmlBytes("<html><head><title>T</title></head><body><img src=x></body>");
  EXPECT_TRUE(r.documents.empty());
  ASSERT_EQ(r.diagnostics.size(), 1u);
  EXPECT_EQ(r.diagnostics[0].severity, Diagnostic::Severity::kError);
  EXPECT_EQ(r.diagnostics[0].message, "no visible text");
}

TEST(HtmlReaderTest, MetaVariants) {
  IngestResult r = ReadHtmlBytes(
      "<html lang=FR><head><meta name=\"DC.date.issued\" content=\"Wed, 08 Mar 2023 10:00:00 GMT\">"
      "<meta property=og:locale content=en_US><meta name=unrelated content=x>"
      "<meta property=og:url content=\"https://o.example/a\"></head>"
      "<body><meta itemprop=datePublished content=2021-01-02><p>t</p></body></html>");
  ASSERT_EQ(r.documents.size(), 1u);
  const Document& doc = r.documents[0];
  EXPECT_EQ(MetaValues(doc, "dc.date.issued").size(), 1u);
  EXPECT_EQ(MetaValues(doc, "itemprop:datePublished"), std::vector<std::string>{"2021-01-02"});
  EXPECT_TRUE(MetaValues(doc, "unrelated").empty());
  EXPECT_EQ(doc.language, "fr");
  EXPECT_EQ(doc.url, "https://o.example/a");
  EXPECT_EQ(MetaValues(doc, "url"), std::vector<std::string>{"https://o.example/a"});
  EXPECT_EQ(doc.published, "2021-01-02");  // itemprop outranks dc.date.issued
}

TEST(HtmlReaderTest, TransportCharsetOutranksTheMetaCharset) {
  // windows-1251 bytes for "Мир" while the page claims ISO-8859-1: the HTTP header wins.
  const std::string page =
      "<html><head><meta charset=\"iso-8859-1\"></head><body><p>\xCC\xE8\xF0</p></body></html>";
  IngestResult with_header;
  internal::ReadHtml("page", page, IngestOptions{}, with_header, "windows-1251");
  ASSERT_EQ(with_header.documents.size(), 1u);
  EXPECT_EQ(with_header.documents[0].text, "\xD0\x9C\xD0\xB8\xD1\x80");
  IngestResult without;
  internal::ReadHtml("page", page, IngestOptions{}, without);
  ASSERT_EQ(without.documents.size(), 1u);
  EXPECT_EQ(without.documents[0].text, "\xC3\x8C\xC3\xA8\xC3\xB0");  // as Latin-1
  // Valid UTF-8 stays UTF-8 whatever the header says.
  IngestResult utf8;
  internal::ReadHtml("page", "<p>\xD0\x9C\xD0\xB8\xD1\x80</p>", IngestOptions{}, utf8,
                     "iso-8859-1");
  ASSERT_EQ(utf8.documents.size(), 1u);
  EXPECT_EQ(utf8.documents[0].text, "\xD0\x9C\xD0\xB8\xD1\x80");
}

}  // namespace
}  // namespace sitrep::ingest
