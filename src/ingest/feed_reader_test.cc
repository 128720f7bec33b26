// Feeds: RSS 2.0, RSS 1.0 and Atom mapping, teasers, malformed XML, entity attacks, and
// the file-type dispatch of ingest (by extension and by content).
#include <gtest/gtest.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>
#include <vector>

#include "base/utf8.h"
#include "ingest/feed.h"
#include "ingest/ingest.h"

namespace sitrep::ingest {
namespace {

namespace fs = std::filesystem;

// A paragraph long enough to make an item substantial (over the 400-byte default).
std::string LongParagraph(const std::string& word) {
  std::string s;
  for (int i = 0; i < 12; ++i) {
    s += "The " + word + " council reported new figures on the flooding in the region today. ";
  }
  return s;
}

std::string Rss(const std::string& items) {
  return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
         "<rss version=\"2.0\" xmlns:content=\"http://purl.org/rss/1.0/modules/content/\""
         " xmlns:dc=\"http://purl.org/dc/elements/1.1/\">\n"
         "<channel><title> Valley Herald </title><link>https://herald.example/</link>"
         "<language>en-GB</language>\n" +
         items + "</channel></rss>\n";
}

const std::string kRssItems =
    "<item><title>Floods reach the valley</title>"
    "<link>https://herald.example/floods</link>"
    "<guid isPermaLink=\"false\">herald-1</guid>"
    "<pubDate>Wed, 08 Mar 2023 10:00:00 GMT</pubDate>"
    "<dc:creator>Ana Ruiz</dc:creator>"
    "<description>Short teaser.</description>"
    "<content:encoded><![CDATA[<p>" +
    LongParagraph("river") +
    "</p><p>Second paragraph.</p>]]></content:encoded></item>\n"
    "<item><title>Teaser only</title>"
    "<link>https://herald.example/teaser</link>"
    "<description>&lt;p&gt;Only a line.&lt;/p&gt;</description></item>\n";

TEST(FeedReaderTest, Rss2ItemsAndChannel) {
  Result<Feed> feed = ParseFeed(Rss(kRssItems), "herald.rss");
  ASSERT_TRUE(feed.ok()) << feed.status().ToString();
  EXPECT_EQ(feed->format, "rss");
  EXPECT_EQ(feed->title, "Valley Herald");
  EXPECT_EQ(feed->link, "https://herald.example/");
  EXPECT_EQ(feed->language, "en");
  ASSERT_EQ(feed->items.size(), 2u);
  const FeedItem& a = feed->items[0];
  EXPECT_EQ(a.title, "Floods reach the valley");
  EXPECT_EQ(a.link, "https://herald.example/floods");
  EXPECT_EQ(a.guid, "herald-1");
  EXPECT_EQ(a.published, "2023-03-08");
  EXPECT_EQ(a.published_raw, "Wed, 08 Mar 2023 10:00:00 GMT");
  EXPECT_EQ(a.author, "Ana Ruiz");
  EXPECT_NE(a.content.find("Second paragraph."), std::string::npos);  // content:encoded wins
  const FeedItem& b = feed->items[1];
  EXPECT_EQ(b.guid, "https://herald.example/teaser");  // no guid: the link
  EXPECT_EQ(b.content, "<p>Only a line.</p>");
  EXPECT_TRUE(b.published.empty());
}

TEST(FeedReaderTest, RssFileGivesDocumentsForSubstantialItemsOnly) {
  IngestResult out;
  ReadBytes("feeds/herald.rss", Rss(kRssItems), "feed", IngestOptions{}, out);
  ASSERT_EQ(out.documents.size(), 1u);
  const Document& d = out.documents[0];
  EXPECT_EQ(d.id, "herald:1");
  EXPECT_EQ(d.path, "feeds/herald.rss");
  EXPECT_EQ(d.format, "html");
  EXPECT_EQ(d.url.value_or(""), "https://herald.example/floods");
  EXPECT_EQ(d.title.value_or(""), "Floods reach the valley");
  EXPECT_EQ(d.published.value_or(""), "2023-03-08");
  EXPECT_EQ(d.published_basis.value_or(""), "metadata");
  EXPECT_EQ(d.outlet.value_or(""), "Valley Herald");
  EXPECT_EQ(d.author.value_or(""), "Ana Ruiz");
  EXPECT_EQ(d.language.value_or(""), "en");
  ASSERT_EQ(d.blocks.size(), 2u);
  EXPECT_EQ(d.Slice(d.blocks[1]), "Second paragraph.");
  ASSERT_EQ(out.diagnostics.size(), 1u);
  EXPECT_EQ(out.diagnostics[0].severity, Diagnostic::Severity::kWarning);
  EXPECT_NE(out.diagnostics[0].message.find("1 of 2 feed items skipped"), std::string::npos);
}

TEST(FeedReaderTest, MinItemBytesIsAnOption) {
  IngestOptions options;
  options.feed_min_item_bytes = 5;
  IngestResult out;
  ReadBytes("herald.rss", Rss(kRssItems), "feed", options, out);
  ASSERT_EQ(out.documents.size(), 2u);
  EXPECT_EQ(out.documents[1].text, "Only a line.");
  EXPECT_EQ(out.documents[1].id, "herald:2");
}

TEST(FeedReaderTest, AtomEntries) {
  const std::string atom =
      "<?xml version=\"1.0\"?>\n"
      "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"fr\">"
      "<title>Le Courrier</title><link rel=\"self\" href=\"https://c.example/atom\"/>"
      "<link href=\"https://c.example/\"/>"
      "<entry><title type=\"html\">Crue &amp; d\xC3\xA9g\xC3\xA2ts</title>"
      "<link rel=\"self\" href=\"https://c.example/e1.atom\"/>"
      "<link rel=\"alternate\" type=\"text/html\" href=\"https://c.example/e1\"/>"
      "<id>tag:c.example,2023:1</id><updated>2023-03-09T08:00:00Z</updated>"
      "<published>2023-03-08T22:00:00+01:00</published>"
      "<author><name>Marc Petit</name></author>"
      "<summary>Court.</summary>"
      "<content type=\"xhtml\"><div xmlns=\"http://www.w3.org/1999/xhtml\"><p>Premier "
      "paragraphe.</p><p>Second <b>paragraphe</b>.</p></div></content></entry>"
      "<entry><title>Deux</title><id>https://c.example/e2</id>"
      "<updated>2023-03-10T08:00:00Z</updated>"
      "<content type=\"html\">&lt;p&gt;Texte &amp;amp; suite&lt;/p&gt;</content></entry>"
      "<entry><title>Trois</title><link href=\"https://c.example/e3\"/>"
      "<summary>Texte brut &lt;b&gt; pas du HTML</summary></entry>"
      "</feed>";
  Result<Feed> feed = ParseFeed(atom, "c.atom");
  ASSERT_TRUE(feed.ok()) << feed.status().ToString();
  EXPECT_EQ(feed->format, "atom");
  EXPECT_EQ(feed->title, "Le Courrier");
  EXPECT_EQ(feed->link, "https://c.example/");
  EXPECT_EQ(feed->language, "fr");
  ASSERT_EQ(feed->items.size(), 3u);
  const FeedItem& e1 = feed->items[0];
  EXPECT_EQ(e1.title, "Crue & d\xC3\xA9g\xC3\xA2ts");
  EXPECT_EQ(e1.link, "https://c.example/e1");
  EXPECT_EQ(e1.guid, "tag:c.example,2023:1");
  EXPECT_EQ(e1.published, "2023-03-08");  // <published> before <updated>
  EXPECT_EQ(e1.author, "Marc Petit");
  EXPECT_TRUE(e1.content_is_html);
  EXPECT_NE(e1.content.find("<p>Second <b>paragraphe</b>.</p>"), std::string::npos);
  const FeedItem& e2 = feed->items[1];
  EXPECT_EQ(e2.link, "https://c.example/e2");  // from an http(s) id
  EXPECT_EQ(e2.published, "2023-03-10");
  EXPECT_EQ(e2.content, "<p>Texte &amp; suite</p>");
  const FeedItem& e3 = feed->items[2];
  EXPECT_FALSE(e3.content_is_html);  // Atom text construct
  EXPECT_EQ(e3.content, "Texte brut <b> pas du HTML");

  IngestOptions options;
  options.feed_min_item_bytes = 1;
  IngestResult out;
  ReadBytes("c.atom", atom, "feed", options, out);
  ASSERT_EQ(out.documents.size(), 3u);
  EXPECT_EQ(out.documents[0].text, "Premier paragraphe.\n\nSecond paragraphe.");
  EXPECT_EQ(out.documents[0].language.value_or(""), "fr");
  EXPECT_EQ(out.documents[1].text, "Texte & suite");
  EXPECT_EQ(out.documents[2].text, "Texte brut <b> pas du HTML");
}

TEST(FeedReaderTest, Rss1Rdf) {
  const std::string rdf =
      "<?xml version=\"1.0\"?>"
      "<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\""
      " xmlns=\"http://purl.org/rss/1.0/\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\">"
      "<channel rdf:about=\"https://r.example/\"><title>R Daily</title>"
      "<link>https://r.example/</link></channel>"
      "<item rdf:about=\"https://r.example/a\"><title>A</title>"
      "<description>Body A</description><dc:date>2023-01-02T03:04:05Z</dc:date></item>"
      "<item rdf:about=\"https://r.example/b\"><title>B</title></item>"
      "</rdf:RDF>";
  Result<Feed> feed = ParseFeed(rdf, "r.rdf");
  ASSERT_TRUE(feed.ok()) << feed.status().ToString();
  EXPECT_EQ(feed->format, "rdf");
  EXPECT_EQ(feed->title, "R Daily");
  ASSERT_EQ(feed->items.size(), 2u);
  EXPECT_EQ(feed->items[0].link, "https://r.example/a");  // from rdf:about
  EXPECT_EQ(feed->items[0].published, "2023-01-02");
  EXPECT_EQ(feed->items[0].content, "Body A");
  EXPECT_EQ(feed->items[1].link, "https://r.example/b");
}

TEST(FeedReaderTest, DeclaredEncodingIsDecoded) {
  // ISO-8859-1 bytes: "Café" with E9.
  const std::string latin1 =
      "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><rss version=\"2.0\"><channel>"
      "<title>Caf\xE9 Press</title><item><title>Caf\xE9</title>"
      "<link>https://x.example/1</link></item></channel></rss>";
  Result<Feed> feed = ParseFeed(latin1, "latin1.rss");
  ASSERT_TRUE(feed.ok()) << feed.status().ToString();
  EXPECT_EQ(feed->title, "Caf\xC3\xA9 Press");
  ASSERT_EQ(feed->items.size(), 1u);
  EXPECT_EQ(feed->items[0].title, "Caf\xC3\xA9");
}

TEST(FeedReaderTest, ErrorsNameTheInputAndTheProblem) {
  struct Case {
    std::string bytes;
    std::string expected;  // a substring of the message
  };
  const std::vector<Case> cases = {
      {"<rss><channel><title>x</title></channel>", "bad.xml: not well-formed XML: line 1"},
      {"<rss><channel><item><title>a & b</title></item></channel></rss>",
       "bad.xml: not well-formed XML"},
      {"<html><body>hi</body></html>", "bad.xml: not a feed (root element <html>)"},
      {"", "bad.xml: "},
      {"<?xml version=\"1.0\"?><rss>\xFF\xFE</rss>", "bad.xml: not well-formed XML"},
  };
  for (const Case& c : cases) {
    Result<Feed> feed = ParseFeed(c.bytes, "bad.xml");
    ASSERT_FALSE(feed.ok()) << c.bytes;
    EXPECT_NE(feed.status().message().find(c.expected), std::string::npos)
        << feed.status().message();
  }
  IngestResult out;
  ReadBytes("bad.rss", cases[0].bytes, "feed", IngestOptions{}, out);
  EXPECT_TRUE(out.documents.empty());
  ASSERT_EQ(out.diagnostics.size(), 1u);
  EXPECT_EQ(out.diagnostics[0].path, "bad.rss");
  EXPECT_EQ(out.diagnostics[0].message.rfind("not well-formed XML: line 1", 0), 0u)
      << out.diagnostics[0].message;
}

TEST(FeedReaderTest, ExternalEntitiesAreNeverLoaded) {
  // A file the test controls, so the check does not depend on /etc/passwd.
  const fs::path secret =
      fs::temp_directory_path() / ("sitrep_xxe_" + std::to_string(::getpid()) + ".txt");
  std::ofstream(secret) << "TOPSECRET-CONTENT";
  const std::string uri = "file://" + secret.string();
  const std::vector<std::string> attacks = {
      // Classic XXE: an external general entity.
      "<?xml version=\"1.0\"?><!DOCTYPE rss [<!ENTITY xxe SYSTEM \"" + uri +
          "\">]><rss version=\"2.0\"><channel><title>t &xxe;</title><item><title>&xxe;</title>"
          "<description>&xxe;</description></item></channel></rss>",
      // External parameter entity and external DTD.
      "<?xml version=\"1.0\"?><!DOCTYPE rss SYSTEM \"" + uri + "\" [<!ENTITY % p SYSTEM \"" + uri +
          "\"> %p;]><rss><channel><title>t</title></channel></rss>",
      // Network entity (never contacted: NONET and the refusing loader).
      "<?xml version=\"1.0\"?><!DOCTYPE rss [<!ENTITY n SYSTEM "
      "\"http://127.0.0.1:9/x\">]><rss><channel><title>&n;</title></channel></rss>",
  };
  for (const std::string& a : attacks) {
    Result<Feed> feed = ParseFeed(a, "xxe.rss");
    if (!feed.ok()) continue;  // Refusing the document is fine too.
    EXPECT_EQ(feed->title.find("TOPSECRET"), std::string::npos);
    for (const FeedItem& item : feed->items) {
      EXPECT_EQ(item.title.find("TOPSECRET"), std::string::npos);
      EXPECT_EQ(item.content.find("TOPSECRET"), std::string::npos);
    }
  }
  // The first attack parses (the entity is declared) and the reference is dropped.
  Result<Feed> feed = ParseFeed(attacks[0], "xxe.rss");
  ASSERT_TRUE(feed.ok()) << feed.status().ToString();
  EXPECT_EQ(feed->title, "t");
  fs::remove(secret);
}

TEST(FeedReaderTest, InternalEntityExpansionIsBounded) {
  // "Billion laughs": ten levels of ten references each.
  std::string dtd = "<!DOCTYPE rss [<!ENTITY l0 \"lol\">";
  for (int i = 1; i <= 10; ++i) {
    dtd += "<!ENTITY l" + std::to_string(i) + " \"";
    for (int k = 0; k < 10; ++k) dtd += "&l" + std::to_string(i - 1) + ";";
    dtd += "\">";
  }
  dtd += "]>";
  const std::string bomb =
      "<?xml version=\"1.0\"?>" + dtd +
      "<rss><channel><title>&l10;</title><item><title>&l10;</title></item></channel></rss>";
  const auto start = std::chrono::steady_clock::now();
  Result<Feed> feed = ParseFeed(bomb, "bomb.rss");
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  EXPECT_LT(seconds, 2.0);
  if (feed.ok()) {
    EXPECT_LT(feed->title.size(), 100u);
    for (const FeedItem& item : feed->items) EXPECT_LT(item.title.size(), 100u);
  }
}

TEST(FeedReaderTest, LooksLikeFeed) {
  struct Case {
    std::string bytes;
    bool feed;
  };
  const std::vector<Case> cases = {
      {"<rss version=\"2.0\">", true},
      {"\xEF\xBB\xBF<?xml version=\"1.0\"?>\n<?xml-stylesheet href=\"s.xsl\"?>\n<rss>", true},
      {"<?xml version=\"1.0\"?><!-- comment --><feed xmlns=\"http://www.w3.org/2005/Atom\">", true},
      {"<?xml version=\"1.0\"?><!DOCTYPE rss [<!ENTITY a \"b\">]><rss>", true},
      {"<rdf:RDF xmlns:rdf=\"x\">", true},
      {"<atom:feed xmlns:atom=\"x\">", true},
      {"<?xml version=\"1.0\"?><html><body>", false},
      {"<!DOCTYPE html><html>", false},
      {"<feedback>", false},
      {"plain text about an rss feed", false},
      {"", false},
      {"<?xml never closed", false},
  };
  for (const Case& c : cases) EXPECT_EQ(LooksLikeFeed(c.bytes), c.feed) << c.bytes;
}

TEST(FeedReaderTest, IngestDispatchesFeedsByExtensionAndContent) {
  const fs::path dir =
      fs::temp_directory_path() / ("sitrep_feed_test_" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  const std::string feed = Rss(kRssItems);
  for (const char* name : {"a.rss", "b.xml", "c.atom", "d.feed"}) {
    std::ofstream(dir / name, std::ios::binary) << feed;
  }
  // Walking a folder reads .rss and .atom; named explicitly, .xml and an unknown
  // extension are recognised by content.
  IngestResult walked = ReadPaths({dir.string()}, IngestOptions{});
  std::vector<std::string> paths;
  for (const Document& d : walked.documents) paths.push_back(fs::path(d.path).filename());
  EXPECT_EQ(paths, (std::vector<std::string>{"a.rss", "c.atom"}));
  IngestResult named = ReadPaths({(dir / "b.xml").string(), (dir / "d.feed").string()}, {});
  ASSERT_EQ(named.documents.size(), 2u);
  EXPECT_EQ(named.documents[0].id, "b:1");
  EXPECT_EQ(named.documents[1].id, "d:1");
  for (const Document& d : named.documents) {
    EXPECT_EQ(d.outlet.value_or(""), "Valley Herald");
    EXPECT_TRUE(base::IsValidUtf8(d.text));
  }
  fs::remove_all(dir);
}

TEST(FeedReaderTest, MutatedFeedsNeverBreakTheContract) {
  // Random byte edits of valid feeds (a cheap stand-in for the fuzzer in every test run):
  // no crash, documents hold valid UTF-8 and in-range blocks, errors name the input.
  const std::vector<std::string> seeds = {Rss(kRssItems),
                                          "<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>"
                                          "T</title><entry><title>E</title><content type=\"xhtml\">"
                                          "<div><p>x</p></div></content></entry></feed>"};
  std::mt19937 rng(11);
  IngestOptions options;
  options.feed_min_item_bytes = 1;
  for (int i = 0; i < 2000; ++i) {
    std::string bytes = seeds[static_cast<size_t>(i) % seeds.size()];
    const int edits = 1 + static_cast<int>(rng() % 4);
    for (int e = 0; e < edits; ++e) {
      const size_t at = rng() % bytes.size();
      switch (rng() % 3) {
        case 0:
          bytes[at] = static_cast<char>(rng() % 256);
          break;
        case 1:
          bytes.erase(at, 1 + rng() % 8);
          break;
        default:
          bytes.insert(at, bytes.substr(rng() % bytes.size(), rng() % 16));
          break;
      }
      if (bytes.empty()) bytes = "<";
    }
    IngestResult out;
    ReadBytes("m.rss", bytes, "feed", options, out);
    for (const Document& d : out.documents) {
      ASSERT_TRUE(base::IsValidUtf8(d.text));
      for (const Block& b : d.blocks) ASSERT_TRUE(b.start <= b.end && b.end <= d.text.size());
    }
    for (const Diagnostic& diag : out.diagnostics) {
      ASSERT_EQ(diag.path, "m.rss");
      ASSERT_FALSE(diag.message.empty());
    }
  }
}

}  // namespace
}  // namespace sitrep::ingest
