#include "report/html.h"

#include <gtest/gtest.h>
#include <gumbo.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <functional>
#include <map>
#include <regex>
#include <set>
#include <string>
#include <vector>

#include "report/writers_test_fixture.h"

namespace sitrep::report {
namespace {

using testing::SampleReport;

size_t Count(const std::string& haystack, const std::string& needle) {
  size_t n = 0;
  for (size_t at = haystack.find(needle); at != std::string::npos;
       at = haystack.find(needle, at + needle.size())) {
    ++n;
  }
  return n;
}

HtmlOptions Fixed() {
  HtmlOptions o;
  o.nonce = "testnonce";
  return o;
}

// The page parsed by a real HTML5 parser (gumbo), for checks on the element tree.
class Parsed {
 public:
  explicit Parsed(const std::string& html) : html_(html) {
    out_ = gumbo_parse_with_options(&kGumboDefaultOptions, html_.data(), html_.size());
  }
  ~Parsed() { gumbo_destroy_output(&kGumboDefaultOptions, out_); }
  Parsed(const Parsed&) = delete;
  Parsed& operator=(const Parsed&) = delete;

  // The lower-case tag name of an element, SVG elements included.
  static std::string TagName(const GumboNode* n) {
    if (n->v.element.tag != GUMBO_TAG_UNKNOWN) return gumbo_normalized_tagname(n->v.element.tag);
    GumboStringPiece piece = n->v.element.original_tag;
    gumbo_tag_from_original_text(&piece);
    std::string name(piece.data, piece.length);
    for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return name;
  }
  // Every element with this tag name, in document order.
  std::vector<const GumboNode*> Elements(const std::string& tag) const {
    std::vector<const GumboNode*> found;
    Walk(out_->root, [&](const GumboNode* n) {
      if (n->type == GUMBO_NODE_ELEMENT && TagName(n) == tag) found.push_back(n);
    });
    return found;
  }
  // Elements with this tag whose class attribute contains `cls` as a word.
  std::vector<const GumboNode*> WithClass(const std::string& tag, const std::string& cls) const {
    std::vector<const GumboNode*> found;
    for (const GumboNode* n : Elements(tag)) {
      const GumboAttribute* a = gumbo_get_attribute(&n->v.element.attributes, "class");
      if (!a) continue;
      const std::string value = std::string(" ") + a->value + " ";
      if (value.find(" " + cls + " ") != std::string::npos) found.push_back(n);
    }
    return found;
  }
  // The text inside a node, as a browser's textContent.
  static std::string Text(const GumboNode* n) {
    std::string out;
    Walk(n, [&](const GumboNode* c) {
      if (c->type == GUMBO_NODE_TEXT || c->type == GUMBO_NODE_WHITESPACE) out += c->v.text.text;
    });
    return out;
  }
  static std::string Attr(const GumboNode* n, const char* name) {
    const GumboAttribute* a = gumbo_get_attribute(&n->v.element.attributes, name);
    return a ? a->value : "";
  }
  // True when some ancestor of n has this tag.
  static bool Inside(const GumboNode* n, const std::string& tag) {
    for (const GumboNode* p = n->parent; p; p = p->parent) {
      if (p->type == GUMBO_NODE_ELEMENT && TagName(p) == tag) return true;
    }
    return false;
  }

 private:
  static void Walk(const GumboNode* n, const std::function<void(const GumboNode*)>& f) {
    f(n);
    if (n->type != GUMBO_NODE_ELEMENT && n->type != GUMBO_NODE_DOCUMENT) return;
    const GumboVector& kids =
        n->type == GUMBO_NODE_ELEMENT ? n->v.element.children : n->v.document.children;
    for (unsigned i = 0; i < kids.length; ++i) Walk(static_cast<const GumboNode*>(kids.data[i]), f);
  }
  std::string html_;
  GumboOutput* out_;
};

TEST(EscapeHtmlTest, Table) {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"plain", "plain"},
      {"a & b", "a &amp; b"},
      {"<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;"},
      {"\"quoted\" 'single'", "&quot;quoted&quot; &#39;single&#39;"},
      {"x\" onmouseover=\"y", "x&quot; onmouseover=&quot;y"},
      {"tab\tnew\nline\r", "tab\tnew\nline\r"},
      {std::string("nul\0byte", 8),
       "nul\xEF\xBF\xBD"
       "byte"},
      {"bell\a", "bell\xEF\xBF\xBD"},
      {"caf\xC3\xA9 \xE2\x80\x94 \xD9\x85", "caf\xC3\xA9 \xE2\x80\x94 \xD9\x85"},
      {"&amp;", "&amp;amp;"},
      {"", ""},
  };
  for (const auto& [in, want] : cases) EXPECT_EQ(EscapeHtml(in), want) << in;
}

// Article text, ids, titles, names: wherever untrusted text goes, a script tag or an
// attribute break in it must come out as text, never as markup.
TEST(HtmlTest, UntrustedTextNeverBecomesMarkup) {
  const std::string payload = "<script>alert(\"x\")</script><img src=x onerror=alert(1)>\"'";
  struct Case {
    const char* where;
    std::function<void(Report&, HtmlOptions&)> inject;
  };
  const std::vector<Case> cases = {
      {"block text",
       [&](Report& r, HtmlOptions&) {
         testing::AddBlock(r.documents[2], BlockRole::kBody, payload);
       }},
      {"junk block",
       [&](Report& r, HtmlOptions&) {
         testing::AddBlock(r.documents[2], BlockRole::kBoilerplate, payload);
       }},
      {"document title", [&](Report& r, HtmlOptions&) { r.documents[0].title = payload; }},
      {"document outlet", [&](Report& r, HtmlOptions&) { r.documents[0].outlet = payload; }},
      {"document path", [&](Report& r, HtmlOptions&) { r.documents[0].path = payload; }},
      {"document id",
       [&](Report& r, HtmlOptions&) {
         r.documents[1].id = payload;
         r.reuse[0].copy = payload;
         r.clusters[0].docs[1] = payload;
       }},
      {"entity name", [&](Report& r, HtmlOptions&) { r.entities[0].name = payload; }},
      {"entity country", [&](Report& r, HtmlOptions&) { r.entities[0].country = payload; }},
      {"event summary", [&](Report& r, HtmlOptions&) { r.events[0].summary = payload; }},
      {"event type", [&](Report& r, HtmlOptions&) { r.events[0].type = payload; }},
      {"timeline summary", [&](Report& r, HtmlOptions&) { r.timeline[0].summary = payload; }},
      {"timeline date", [&](Report& r, HtmlOptions&) { r.timeline[0].date = payload; }},
      {"contradiction",
       [&](Report& r, HtmlOptions&) {
         r.contradictions[0].about = payload;
         r.contradictions[0].values[0].text = payload;
       }},
      {"drift",
       [&](Report& r, HtmlOptions&) {
         r.reuse[0].drift[0].source_text = payload;
         r.reuse[0].drift[0].kind = payload;
       }},
      {"direction basis", [&](Report& r, HtmlOptions&) { r.reuse[0].direction_basis = payload; }},
      {"relation", [&](Report& r, HtmlOptions&) { r.reuse[0].relation = payload; }},
      {"quantity",
       [&](Report& r, HtmlOptions&) {
         r.quantities[0].about = payload;
         r.quantities[0].text = payload;
       }},
      {"diagnostic", [&](Report& r, HtmlOptions&) { r.diagnostics[0].message = payload; }},
      {"cluster id", [&](Report& r, HtmlOptions&) { r.clusters[0].id = payload; }},
      {"version", [&](Report& r, HtmlOptions&) { r.version = payload; }},
      {"page title", [&](Report&, HtmlOptions& o) { o.title = payload; }},
  };
  for (const Case& c : cases) {
    Report r = SampleReport();
    HtmlOptions o = Fixed();
    c.inject(r, o);
    const std::string html = WriteHtml(r, o);
    EXPECT_EQ(html.find(payload), std::string::npos) << c.where;
    EXPECT_EQ(html.find("<img"), std::string::npos) << c.where;
    EXPECT_EQ(Count(html, "<script"), 1u) << c.where;  // ours only
    Parsed page(html);
    EXPECT_EQ(page.Elements("script").size(), 1u) << c.where;
    EXPECT_EQ(page.Elements("img").size(), 0u) << c.where;
    EXPECT_NE(html.find("&lt;script&gt;"), std::string::npos) << c.where;
  }
}

TEST(HtmlTest, ScriptInArticleShowsAsTextInItsDocumentView) {
  Report r = SampleReport();
  testing::AddBlock(r.documents[2], BlockRole::kBody, "<script>alert(1)</script> after");
  Parsed page(WriteHtml(r, Fixed()));
  bool shown = false;
  for (const GumboNode* p : page.WithClass("p", "blk")) {
    shown |= Parsed::Text(p) == "<script>alert(1)</script> after";
  }
  EXPECT_TRUE(shown);
}

TEST(HtmlTest, SelfContainedWithContentSecurityPolicy) {
  const std::string html = WriteHtml(SampleReport(), Fixed());
  EXPECT_EQ(html.rfind("<!DOCTYPE html>", 0), 0u);
  EXPECT_NE(html.find("Content-Security-Policy"), std::string::npos);
  EXPECT_NE(html.find("script-src 'nonce-testnonce'"), std::string::npos);
  EXPECT_NE(html.find("<script nonce=\"testnonce\">"), std::string::npos);
  EXPECT_NE(html.find("<style nonce=\"testnonce\">"), std::string::npos);
  EXPECT_EQ(html.find("<link"), std::string::npos);
  EXPECT_EQ(html.find(" src="), std::string::npos);
  EXPECT_EQ(html.find("@import"), std::string::npos);
  // The only URL is the SVG namespace.
  const std::regex url("https?://[^\"' )]+");
  for (auto it = std::sregex_iterator(html.begin(), html.end(), url); it != std::sregex_iterator();
       ++it) {
    EXPECT_EQ(it->str(), "http://www.w3.org/2000/svg");
  }
  // The embedded assets are there.
  EXPECT_NE(html.find(".timeline-chart"), std::string::npos);
  EXPECT_NE(html.find("linkTimeline"), std::string::npos);
}

TEST(HtmlTest, NonceIsFreshPerPageUnlessGiven) {
  const Report r = SampleReport();
  EXPECT_EQ(WriteHtml(r, Fixed()), WriteHtml(r, Fixed()));
  const std::string a = WriteHtml(r, {}), b = WriteHtml(r, {});
  EXPECT_NE(a, b);
  const std::regex nonce("'nonce-([A-Za-z0-9]{22})'");
  std::smatch m;
  ASSERT_TRUE(std::regex_search(a, m, nonce));
}

TEST(HtmlTest, SummaryCountsIndependentSources) {
  Parsed page(WriteHtml(SampleReport(), Fixed()));
  std::map<std::string, std::string> cards;
  for (const GumboNode* card : page.WithClass("a", "card")) {
    const GumboVector& kids = card->v.element.children;
    ASSERT_EQ(kids.length, 2u);
    cards[Parsed::Text(static_cast<const GumboNode*>(kids.data[1]))] =
        Parsed::Text(static_cast<const GumboNode*>(kids.data[0]));
  }
  EXPECT_EQ(cards["documents"], "4");
  EXPECT_EQ(cards["independent sources"], "3");  // {wire, copy} + indep + observer
  EXPECT_EQ(cards["events"], "3");
  EXPECT_EQ(cards["disagreements between sources"], "1");
  EXPECT_EQ(cards["copies in 1 families"], "1");
  EXPECT_EQ(cards["facts changed in copying"], "1");
  EXPECT_EQ(cards["junk blocks struck out"], "3");
}

TEST(HtmlTest, IndependentSourcesFromReuseWhenNoClusters) {
  Report r = SampleReport();
  r.clusters.clear();  // families come from the reuse pairs instead
  Parsed page(WriteHtml(r, Fixed()));
  bool found = false;
  for (const GumboNode* card : page.WithClass("a", "card")) {
    const std::string text = Parsed::Text(card);
    if (text.find("independent sources") != std::string::npos) {
      EXPECT_EQ(text, "3independent sources");
      found = true;
    }
  }
  EXPECT_TRUE(found);
}

TEST(HtmlTest, TimelineEntriesInDateOrder) {
  Parsed page(WriteHtml(SampleReport(), Fixed()));
  const auto lists = page.WithClass("ol", "timeline-list");
  ASSERT_EQ(lists.size(), 1u);
  std::vector<std::string> dates;
  for (const GumboNode* t : page.Elements("time")) {
    if (Parsed::Inside(t, "ol")) dates.push_back(Parsed::Text(t));
  }
  // The ISO week 2017-W25 starts on Monday 19 June, before 21 June.
  const std::vector<std::string> want = {"2016-10-17", "2017-W25", "2017-06-21", "2017-07-10"};
  EXPECT_EQ(dates, want);
  // The chart draws one linked marker per entry, and the links resolve.
  const std::string html = WriteHtml(SampleReport(), Fixed());
  EXPECT_EQ(Count(html, "class=\"tl-item\""), 4u);
  for (int i = 0; i < 4; ++i) {
    EXPECT_NE(html.find("href=\"#tl-" + std::to_string(i) + "\""), std::string::npos);
    EXPECT_NE(html.find("<li id=\"tl-" + std::to_string(i) + "\""), std::string::npos);
  }
  EXPECT_NE(html.find("class=\"span-bar\""), std::string::npos);  // the week is a bar
}

TEST(HtmlTest, TimelineLabelsStayInsideTheChart) {
  Parsed page(WriteHtml(SampleReport(), Fixed()));
  std::vector<std::string> labels;
  for (const GumboNode* t : page.Elements("text")) {
    if (Parsed::Attr(t->parent, "class") != "tl-item") continue;  // entries, not the axis
    labels.push_back(Parsed::Text(t));
    const double x = std::stod(Parsed::Attr(t, "x"));
    const double width = Parsed::Text(t).size() * 6.4;
    if (Parsed::Attr(t, "class") == "left") {
      EXPECT_GE(x - width, 0) << labels.back();
    } else {
      EXPECT_LE(x + width, 960) << labels.back();
    }
  }
  // The last entry sits at the right edge: its label goes to the left of the marker.
  EXPECT_NE(std::find(labels.begin(), labels.end(), "Victory declared"), labels.end());
  EXPECT_EQ(labels.size(), 4u);
}

TEST(HtmlTest, TimelineWithUndatableEntriesListsThemLast) {
  Report r = SampleReport();
  r.timeline.push_back(testing::MakeEntry("PRESENT_REF", std::nullopt, "Now", {}, {"indep"}, 1));
  r.timeline.insert(r.timeline.begin(),
                    testing::MakeEntry("XXXX-06-22", std::nullopt, "Undated", {}, {"indep"}, 1));
  Parsed page(WriteHtml(r, Fixed()));
  std::vector<std::string> dates;
  for (const GumboNode* t : page.Elements("time")) {
    if (Parsed::Inside(t, "ol")) dates.push_back(Parsed::Text(t));
  }
  ASSERT_EQ(dates.size(), 6u);
  EXPECT_EQ(dates[0], "2016-10-17");
  EXPECT_EQ(dates[4], "PRESENT_REF");
  EXPECT_EQ(dates[5], "XXXX-06-22");
}

TEST(HtmlTest, EmptyReportSaysSoInEverySection) {
  Report r;
  r.version = "t";
  const std::string html = WriteHtml(r, Fixed());
  EXPECT_NE(html.find("No dated events were found."), std::string::npos);
  EXPECT_NE(html.find("No places with coordinates were found."), std::string::npos);
  EXPECT_NE(html.find("No events were found."), std::string::npos);
  EXPECT_NE(html.find("No copies were found"), std::string::npos);
  EXPECT_NE(html.find("</html>"), std::string::npos);
}

TEST(HtmlTest, JunkBlocksStruckOutAndBodyKept) {
  Parsed page(WriteHtml(SampleReport(), Fixed()));
  std::vector<std::string> struck;
  for (const GumboNode* del : page.Elements("del")) struck.push_back(Parsed::Text(del));
  EXPECT_NE(std::find(struck.begin(), struck.end(), "Sign up for our newsletter"), struck.end());
  EXPECT_NE(std::find(struck.begin(), struck.end(), "The minaret in 2015. Photo: Agency"),
            struck.end());
  EXPECT_EQ(struck.size(), 3u);  // boilerplate, caption, repeat
  for (const GumboNode* del : page.Elements("del")) {
    const std::string cls = Parsed::Attr(del->parent, "class");
    EXPECT_NE(cls.find("junk"), std::string::npos) << cls;
    EXPECT_EQ(cls.find("role-body"), std::string::npos) << cls;
  }
}

TEST(HtmlTest, DriftedFactsMarkedInTheCopy) {
  Parsed page(WriteHtml(SampleReport(), Fixed()));
  std::vector<std::string> drift, source, disputed;
  for (const GumboNode* m : page.Elements("mark")) {
    const std::string cls = Parsed::Attr(m, "class");
    if (!Parsed::Inside(m, "div")) continue;  // the blocks of a document view
    if (cls == "drift") drift.push_back(Parsed::Text(m));
    if (cls == "drift-source") source.push_back(Parsed::Text(m));
    if (cls == "disputed") disputed.push_back(Parsed::Text(m));
  }
  // In the copy's body, not in its repeated (junk) block: the context sentence locates it.
  ASSERT_EQ(drift.size(), 1u);
  EXPECT_EQ(drift[0], "Thursday");
  ASSERT_EQ(source.size(), 1u);
  EXPECT_EQ(source[0], "Wednesday");
  std::sort(disputed.begin(), disputed.end());
  EXPECT_EQ(disputed, (std::vector<std::string>{"1,260 civilian deaths",
                                                "Between 9,000 and 11,000 civilians were killed"}));
  for (const GumboNode* m : page.WithClass("mark", "drift")) {
    if (Parsed::Inside(m, "article")) {
      EXPECT_FALSE(Parsed::Inside(m, "del"));
    }
  }
}

TEST(HtmlTest, AddedFactMarkedInTheCopyAlone) {
  Report r = SampleReport();
  r.reuse[0].drift.push_back(
      testing::MakeDrift("added", "", "authorities", "",
                         "The mosque was demolished on Thursday night, authorities stated."));
  Parsed page(WriteHtml(r, Fixed()));
  std::vector<std::string> titles, source;
  for (const GumboNode* m : page.Elements("mark")) {
    if (!Parsed::Inside(m, "div")) continue;
    const std::string cls = Parsed::Attr(m, "class");
    if (cls == "drift" && Parsed::Text(m) == "authorities")
      titles.push_back(Parsed::Attr(m, "title"));
    if (cls == "drift-source") source.push_back(Parsed::Text(m));
  }
  ASSERT_EQ(titles.size(), 1u);
  EXPECT_EQ(titles[0], "added by this copy: not in wire");
  EXPECT_EQ(source, std::vector<std::string>{"Wednesday"});  // the date change only
}

TEST(HtmlTest, DriftPassagePinsTheMarkedOccurrence) {
  for (const bool with_passage : {false, true}) {
    Report r = SampleReport();
    const Document& copy = r.documents[1];
    const Block& body = copy.blocks[1];  // "The mosque was demolished on Thursday..."
    Passage passage;
    passage.copy_start = body.start;
    passage.copy_end = body.end;
    passage.source_start = r.documents[0].blocks[1].start;
    passage.source_end = r.documents[0].blocks[1].end;
    r.reuse[0].passages = {passage};
    r.reuse[0].drift = {testing::MakeDrift("other", "mosque", "mosque")};
    if (with_passage) r.reuse[0].drift[0].passage = 0;
    Parsed page(WriteHtml(r, Fixed()));
    std::vector<std::string> roles;
    for (const GumboNode* m : page.WithClass("mark", "drift")) {
      if (Parsed::Inside(m, "div")) roles.push_back(Parsed::Attr(m->parent, "class"));
    }
    ASSERT_EQ(roles.size(), 1u) << with_passage;
    // Without the passage the first occurrence (in the title) is taken.
    EXPECT_EQ(roles[0], with_passage ? "blk role-body" : "blk role-title") << with_passage;
  }
}

TEST(HtmlTest, PublicationDateOfEventIsSaid) {
  Report r = SampleReport();
  r.events[0].date_basis = "published";
  const std::string html = WriteHtml(r, Fixed());
  EXPECT_NE(html.find("on or before (publication date)"), std::string::npos);
}

TEST(HtmlTest, MarksNeverCrossBlocksOrOverlap) {
  Report r = SampleReport();
  // A drift whose text spans two blocks and one that overlaps another mark.
  r.reuse[0].drift.push_back(testing::MakeDrift("other", "", "the city\n\nThe mosque"));
  r.reuse[0].drift.push_back(testing::MakeDrift("other", "", "Thursday night"));
  const std::string html = WriteHtml(r, Fixed());
  Parsed page(html);
  std::vector<std::string> texts;
  for (const GumboNode* m : page.Elements("mark")) {
    if (!Parsed::Inside(m, "div")) continue;  // the blocks of a document view
    texts.push_back(Parsed::Text(m));
    EXPECT_EQ(texts.back().find("\n\n"), std::string::npos);
  }
  // The cross-block mark is cut at the block edge; of two overlapping marks one is kept.
  EXPECT_NE(std::find(texts.begin(), texts.end(), "the city"), texts.end());
  EXPECT_NE(std::find(texts.begin(), texts.end(), "The mosque"), texts.end());
  EXPECT_EQ(std::count(texts.begin(), texts.end(), "Thursday night") +
                std::count(texts.begin(), texts.end(), "Thursday"),
            1);
  EXPECT_EQ(Count(html, "<mark "), Count(html, "</mark>"));
}

TEST(HtmlTest, MapDrawsCountriesAndPlaces) {
  const std::string data = FindMapData();
  if (data.empty()) GTEST_SKIP() << "world-atlas map data not installed (scripts/install-deps.sh)";
  const std::string html = WriteHtml(SampleReport(), Fixed());
  Parsed page(html);
  const auto countries = page.WithClass("path", "country");
  EXPECT_GE(countries.size(), 3u);  // Iraq, Syria and neighbours
  std::vector<std::string> names;
  for (const GumboNode* c : countries) {
    EXPECT_EQ(Parsed::Attr(c, "d").rfind("M", 0), 0u);
    names.push_back(Parsed::Text(c));
  }
  EXPECT_NE(std::find(names.begin(), names.end(), "Iraq"), names.end());
  EXPECT_NE(std::find(names.begin(), names.end(), "Syria"), names.end());
  // Far-away countries are not drawn.
  EXPECT_EQ(std::find(names.begin(), names.end(), "Brazil"), names.end());
  EXPECT_EQ(page.WithClass("circle", "has-events").size(), 2u);
  std::vector<std::string> labels;
  for (const GumboNode* t : page.Elements("text")) {
    if (Parsed::Attr(t, "class") == "place-label") labels.push_back(Parsed::Text(t));
  }
  std::sort(labels.begin(), labels.end());
  EXPECT_EQ(labels, (std::vector<std::string>{"Mosul", "Raqqa"}));
  EXPECT_EQ(html.find("Map data is missing"), std::string::npos);
  EXPECT_EQ(html.find("Bad place"), std::string::npos);  // out-of-range coordinates
}

TEST(HtmlTest, MissingMapDataIsSaidNotFatal) {
  HtmlOptions o = Fixed();
  o.map_data_path = "/nonexistent/countries.json";
  const std::string html = WriteHtml(SampleReport(), o);
  EXPECT_NE(html.find("Map data is missing"), std::string::npos);
  EXPECT_NE(html.find("/nonexistent/countries.json"), std::string::npos);
  Parsed page(html);
  EXPECT_TRUE(page.WithClass("path", "country").empty());
  EXPECT_EQ(page.WithClass("circle", "has-events").size(), 2u);
}

TEST(HtmlTest, FindMapDataHonoursEnvironment) {
  namespace fs = std::filesystem;
  const fs::path dir = fs::temp_directory_path() / "sitrep_html_test_data";
  fs::create_directories(dir / "node_modules/world-atlas");
  const fs::path file = dir / "node_modules/world-atlas/countries-50m.json";
  {
    std::FILE* f = std::fopen(file.c_str(), "w");
    ASSERT_NE(f, nullptr);
    std::fputs("{}", f);
    std::fclose(f);
  }
  setenv("SITREP_DATA_DIR", dir.c_str(), 1);
  EXPECT_EQ(FindMapData(), file.string());
  unsetenv("SITREP_DATA_DIR");
  fs::remove_all(dir);
}

TEST(HtmlTest, CopyGraphDrawsFamilyAndPairs) {
  const std::string html = WriteHtml(SampleReport(), Fixed());
  Parsed page(html);
  const auto nodes = page.WithClass("a", "node");
  ASSERT_EQ(nodes.size(), 2u);
  size_t roots = 0, drifted = 0;
  for (const GumboNode* n : nodes) {
    const std::string cls = Parsed::Attr(n, "class");
    roots += cls.find("root") != std::string::npos;
    drifted += cls.find("drifted") != std::string::npos;
  }
  EXPECT_EQ(roots, 1u);
  EXPECT_EQ(drifted, 1u);
  EXPECT_EQ(page.WithClass("g", "edge").size(), 1u);
  EXPECT_NE(html.find("rewrite 80%"), std::string::npos);
  const auto tables = page.WithClass("table", "reuse");
  ASSERT_EQ(tables.size(), 1u);
  EXPECT_NE(Parsed::Text(tables[0]).find("published date"), std::string::npos);
}

TEST(HtmlTest, FiguresGroupValuesAndFlagDisagreement) {
  Parsed page(WriteHtml(SampleReport(), Fixed()));
  const auto rows = page.WithClass("tr", "disputed");
  ASSERT_EQ(rows.size(), 1u);
  const std::string text = Parsed::Text(rows[0]);
  EXPECT_NE(text.find("civilians killed"), std::string::npos);
  EXPECT_NE(text.find("Between 9,000 and 11,000 civilians"), std::string::npos);
  EXPECT_NE(text.find("1,260 civilian deaths"), std::string::npos);
}

TEST(HtmlTest, EveryInternalLinkResolves) {
  for (size_t max_documents : {0, 1, 2}) {
    HtmlOptions o = Fixed();
    o.max_documents = max_documents;
    Parsed page(WriteHtml(SampleReport(), o));
    std::set<std::string> ids;
    std::vector<std::string> targets;
    for (const char* tag : {"a", "tr", "li", "article", "section"}) {
      for (const GumboNode* n : page.Elements(tag)) {
        const std::string id = Parsed::Attr(n, "id");
        if (!id.empty()) ids.insert(id);
        const std::string href = Parsed::Attr(n, "href");
        if (!href.empty()) targets.push_back(href);
      }
    }
    for (const std::string& t : targets) {
      ASSERT_EQ(t[0], '#') << t;
      EXPECT_TRUE(ids.count(t.substr(1))) << t << " with max_documents " << max_documents;
    }
    const size_t views = page.WithClass("article", "document").size();
    EXPECT_EQ(views, max_documents == 0 ? 4u : max_documents);
  }
}

TEST(HtmlTest, FullViewsPreferDocumentsInDisagreements) {
  HtmlOptions o = Fixed();
  o.max_documents = 2;
  Parsed page(WriteHtml(SampleReport(), o));
  std::vector<std::string> shown;
  for (const GumboNode* a : page.WithClass("article", "document")) {
    shown.push_back(Parsed::Attr(a, "id"));
  }
  // indep (2) and observer (3) hold the between-sources contradiction.
  EXPECT_EQ(shown, (std::vector<std::string>{"doc-2", "doc-3"}));
}

TEST(HtmlTest, ItemLimitsAreNoted) {
  Report r = SampleReport();
  for (int i = 0; i < 30; ++i) {
    Event e = r.events[0];
    e.id = "evx" + std::to_string(i);
    r.events.push_back(e);
  }
  HtmlOptions o = Fixed();
  o.max_items = 10;
  Parsed page(WriteHtml(r, o));
  const auto tables = page.WithClass("table", "events");
  ASSERT_EQ(tables.size(), 1u);
  size_t rows = 0;
  for (const GumboNode* tr : page.Elements("tr")) {
    rows += Parsed::Attr(tr, "id").rfind("event-", 0) == 0;
  }
  EXPECT_EQ(rows, 10u);
  const std::string html = WriteHtml(r, o);
  EXPECT_NE(html.find("Showing 10 of 33 events"), std::string::npos);
}

}  // namespace
}  // namespace sitrep::report
