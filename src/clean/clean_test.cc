#include "clean/clean.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace sitrep::clean {
namespace {

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::string DataPath(const std::string& name) {
  return std::string(SITREP_TEST_DATA) + "/clean/" + name;
}

// A plain-text document split like the text reader does: one block per blank-line
// separated paragraph, all kBody (cleaning must find the title itself).
Document TextDocument(std::string text) {
  Document d;
  d.id = "doc";
  d.format = "txt";
  d.text = std::move(text);
  size_t pos = 0;
  while (pos < d.text.size()) {
    size_t e = d.text.find("\n\n", pos);
    if (e == std::string::npos) e = d.text.size();
    if (d.text.find_first_not_of(" \n\t", pos) < e) {
      Block b;
      b.start = pos;
      b.end = e;
      d.blocks.push_back(b);
    }
    pos = e + 2;
  }
  return d;
}

// A page in the .blocks fixture format (see tests/data/clean/page_story.blocks): the
// shape the HTML reader hands to cleaning.
Document BlocksDocument(const std::string& fixture) {
  Document d;
  d.id = "page";
  d.format = "html";
  std::istringstream in(fixture);
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    if (line.rfind("meta ", 0) == 0) {
      size_t eq = line.find('=');
      d.meta.emplace_back(line.substr(5, eq - 5), line.substr(eq + 1));
      continue;
    }
    size_t a = line.find('|'), b = line.find('|', a + 1), c = line.find('|', b + 1);
    Block blk;
    blk.tag = line.substr(0, a);
    blk.ancestors = line.substr(a + 1, b - a - 1);
    blk.link_bytes = std::stoul(line.substr(b + 1, c - b - 1));
    if (!d.text.empty()) d.text += "\n\n";
    blk.start = d.text.size();
    d.text += line.substr(c + 1);
    blk.end = d.text.size();
    d.blocks.push_back(blk);
  }
  return d;
}

std::string Render(const Document& d) {
  std::string out;
  out += "#title: " + d.title.value_or("-") + "\n";
  out +=
      "#published: " + d.published.value_or("-") + " (" + d.published_basis.value_or("-") + ")\n";
  out += "#author: " + d.author.value_or("-") + "\n";
  out += "#outlet: " + d.outlet.value_or("-") + "\n";
  out += "#language: " + d.language.value_or("-") + "\n";
  for (const Block& b : d.blocks) {
    std::string t(d.Slice(b));
    for (size_t p = t.find('\n'); p != std::string::npos; p = t.find('\n', p)) {
      t.replace(p, 1, "\\n");
    }
    out += std::string(BlockRoleName(b.role)) + "\t" + t + "\n";
  }
  return out;
}

void ExpectInvariants(const Document& before, const Document& after) {
  EXPECT_EQ(before.text, after.text) << "cleaning must never change Document::text";
  size_t prev_end = 0;
  for (const Block& b : after.blocks) {
    EXPECT_LE(b.start, b.end);
    EXPECT_LE(b.end, after.text.size());
    EXPECT_GE(b.start, prev_end) << "blocks overlap or are out of order";
    prev_end = b.end;
  }
}

void CheckGolden(const std::string& name, Document doc) {
  Document before = doc;
  CleanDocument(doc, CleanOptions{});
  ExpectInvariants(before, doc);
  std::string got = Render(doc);
  std::string golden_path = DataPath(name + ".golden");
  if (std::getenv("SITREP_UPDATE_GOLDEN") != nullptr) {
    std::ofstream(golden_path, std::ios::binary) << got;
  }
  EXPECT_EQ(ReadFile(golden_path), got)
      << "golden " << golden_path << " (SITREP_UPDATE_GOLDEN=1 rewrites it)";
}

class TextGoldenTest : public ::testing::TestWithParam<std::string> {};

TEST_P(TextGoldenTest, MatchesGolden) {
  CheckGolden(GetParam(), TextDocument(ReadFile(DataPath(GetParam() + ".txt"))));
}

INSTANTIATE_TEST_SUITE_P(Fixtures, TextGoldenTest,
                         ::testing::Values("junk_mix", "captions", "byline_bio", "template_date",
                                           "multilingual_de"));

class BlocksGoldenTest : public ::testing::TestWithParam<std::string> {};

TEST_P(BlocksGoldenTest, MatchesGolden) {
  CheckGolden(GetParam(), BlocksDocument(ReadFile(DataPath(GetParam() + ".blocks"))));
}

INSTANTIATE_TEST_SUITE_P(Fixtures, BlocksGoldenTest,
                         ::testing::Values("page_story", "page_jsonld", "page_furniture",
                                           "page_chunks"));

BlockRole RoleOf(const Document& d, std::string_view prefix) {
  for (const Block& b : d.blocks) {
    if (d.Slice(b).substr(0, prefix.size()) == prefix) return b.role;
  }
  ADD_FAILURE() << "no block starts with " << prefix;
  return BlockRole::kBody;
}

TEST(CleanTest, RepeatedParagraphKeepsFirstAsBody) {
  Document d = TextDocument(
      "Officials said the bridge would reopen next week after repairs were completed.\n\n"
      "Traffic has been diverted through the town centre since the closure began.\n\n"
      "Officials said the bridge would reopen next week after repairs were completed.\n\n"
      "officials said the bridge would reopen next week, after repairs were completed\n\n"
      "Drivers were told to expect delays.");
  CleanDocument(d, CleanOptions{});
  ASSERT_EQ(d.blocks.size(), 5u);
  EXPECT_EQ(d.blocks[0].role, BlockRole::kBody);
  EXPECT_EQ(d.blocks[1].role, BlockRole::kBody);
  EXPECT_EQ(d.blocks[2].role, BlockRole::kRepeat);
  // Case and punctuation differences still make a repeat.
  EXPECT_EQ(d.blocks[3].role, BlockRole::kRepeat);
  EXPECT_EQ(d.blocks[4].role, BlockRole::kBody);
}

TEST(CleanTest, ShortRepeatedLinesAreNotRepeats) {
  Document d = TextDocument(
      "The mayor spoke first and thanked the volunteers for their work.\n\n"
      "He said:\n\n"
      "“The town owes them a great deal.”\n\n"
      "He said:\n\n"
      "“We will rebuild.”");
  CleanDocument(d, CleanOptions{});
  for (const Block& b : d.blocks) EXPECT_NE(b.role, BlockRole::kRepeat) << d.Slice(b);
}

std::string Story(const std::string& lead, const std::string& promo) {
  return lead +
         "\n\nThe statement added that investigators were still at the scene on Monday.\n\n" +
         promo + "\n\nResidents were asked to avoid the area while the work continued.";
}

// A story of its own (lead plus three paragraphs of its own) with the outlet's template
// lines around it.
std::string TemplatedStory(const std::string& topic, const std::string& promo) {
  return topic + " was reported by witnesses early on Sunday morning.\n\n" + topic +
         " left several families without power, the utility said.\n\n" + promo + "\n\n" +
         "Officials said an inquiry into " + topic + " would report within a month.\n\n" +
         "The statement added that investigators were still at the scene on Monday.\n\n" +
         "Neighbours described " + topic + " as the worst they could remember.";
}

TEST(CleanTest, LinesRecurringAcrossOneOutletsDocumentsAreBoilerplate) {
  std::vector<Document> docs;
  const std::string promo = "Get our free daily briefing on the stories that matter to you";
  docs.push_back(TextDocument(TemplatedStory("The warehouse fire", promo)));
  docs.push_back(TextDocument(TemplatedStory("The lorry crash", promo)));
  docs.push_back(TextDocument(TemplatedStory("The flood", promo)));
  for (Document& d : docs) d.outlet = "Example Post";
  CleanDocuments(docs, CleanOptions{});
  for (const Document& d : docs) {
    EXPECT_EQ(RoleOf(d, "Get our free daily"), BlockRole::kBoilerplate);
    // Recurring body sentences are boilerplate too: they are the outlet's template here.
    EXPECT_EQ(RoleOf(d, "The statement added"), BlockRole::kBoilerplate);
  }
  EXPECT_EQ(RoleOf(docs[0], "The warehouse fire was"), BlockRole::kBody);
  EXPECT_EQ(RoleOf(docs[2], "Neighbours described"), BlockRole::kBody);
}

// A distributed job cleans a collection in pieces: each document cleaned alone, the
// template lines found once over all of them, and each piece told them is cleaned as the
// whole collection is (a piece of one document alone finds no template).
TEST(CleanTest, TemplatesFoundOverTheWholeCleanAPieceAsTheWhole) {
  const std::string promo = "Get our free daily briefing on the stories that matter to you";
  std::vector<Document> docs;
  for (const char* topic : {"The warehouse fire", "The lorry crash", "The flood", "The strike"}) {
    docs.push_back(TextDocument(TemplatedStory(topic, promo)));
    docs.back().outlet = "Example Post";
  }
  docs.push_back(TextDocument(TemplatedStory("The storm", promo)));
  docs.back().outlet = "Other Times";
  std::vector<Document> whole = docs;
  CleanDocuments(whole, CleanOptions{});

  std::vector<std::string> outlets;
  std::vector<std::vector<uint64_t>> keys;
  for (Document d : docs) {
    keys.push_back(CleanAlone(d, CleanOptions{}));
    outlets.push_back(d.outlet.value_or(""));
  }
  const Templates templates = FindTemplates(outlets, keys, CleanOptions{});
  ASSERT_EQ(templates.by_outlet.size(), 1u);  // one document of Other Times: no template
  EXPECT_TRUE(templates.by_outlet.count("Example Post"));

  for (size_t i : {size_t{1}, size_t{4}}) {
    std::vector<Document> alone = {docs[i]};
    CleanDocuments(alone, CleanOptions{});
    std::vector<Document> told = {docs[i]};
    CleanDocuments(told, CleanOptions{}, &templates);
    ASSERT_EQ(told[0].blocks.size(), whole[i].blocks.size());
    for (size_t b = 0; b < told[0].blocks.size(); ++b) {
      EXPECT_EQ(told[0].blocks[b].role, whole[i].blocks[b].role) << i << " block " << b;
    }
    if (i == 1) {
      EXPECT_EQ(RoleOf(told[0], "Get our free daily"), BlockRole::kBoilerplate);
      EXPECT_NE(RoleOf(alone[0], "Get our free daily"), BlockRole::kBoilerplate);
    }
  }
}

TEST(CleanTest, RepublishedAndScrapedCopiesKeepTheirBody) {
  // One story in four versions without a known outlet: the original, a republication
  // with its last paragraph cut and a credit added, a scraped copy with junk around it,
  // and a copy with a different headline. None of them makes the story boilerplate.
  const std::string body[] = {
      "Rescue teams reached the flooded village of Ostrava Dolni on Tuesday after the river "
      "burst its banks overnight, the regional governor said.",
      "About 300 people were taken to a school on higher ground, and two were missing, he "
      "told reporters at the scene.",
      "The river had risen by more than two metres in six hours, the water agency said.",
      "Forecasters expect more rain on Thursday and warned of further flooding downstream."};
  auto join = [&](int from, int to) {
    std::string out;
    for (int i = from; i < to; ++i) out += std::string(i > from ? "\n\n" : "") + body[i];
    return out;
  };
  std::vector<Document> docs;
  docs.push_back(TextDocument("Floods cut off village\n\n" + join(0, 4)));
  docs.push_back(TextDocument("Floods cut off village\n\n" + join(0, 3) +
                              "\n\nThis story was first published by another agency."));
  docs.push_back(TextDocument("[[title]] [[text]]\n\n" + join(0, 4) +
                              "\n\nSign up for our newsletter to get the news first."));
  docs.push_back(TextDocument("Village under water as river bursts its banks\n\n" + join(0, 4)));
  CleanDocuments(docs, CleanOptions{});
  for (const Document& d : docs) {
    EXPECT_EQ(RoleOf(d, "Rescue teams reached"), BlockRole::kBody) << d.text;
    EXPECT_EQ(RoleOf(d, "The river had risen"), BlockRole::kBody) << d.text;
  }
}

TEST(CleanTest, RecurringLinesNeedEnoughDocumentsAndTheSameOutlet) {
  const std::string promo = "Get our free daily briefing on the stories that matter to you";
  std::vector<Document> docs;
  docs.push_back(
      TextDocument(Story("A fire broke out at a warehouse in the docks on Sunday.", promo)));
  docs.push_back(
      TextDocument(Story("Police closed the ring road after a lorry overturned.", promo)));
  docs.push_back(
      TextDocument(Story("The council approved a budget for new street lights.", promo)));
  docs[0].outlet = "Example Post";
  docs[1].outlet = "Example Post";
  docs[2].outlet = "Other Times";
  CleanDocuments(docs, CleanOptions{});
  EXPECT_EQ(RoleOf(docs[0], "The statement added"), BlockRole::kBody);
  EXPECT_EQ(RoleOf(docs[2], "The statement added"), BlockRole::kBody);
}

TEST(CleanTest, CopiesOfOneStoryDoNotMakeItsParagraphsBoilerplate) {
  std::vector<Document> docs;
  for (int i = 0; i < 4; ++i) {
    docs.push_back(TextDocument(Story("A fire broke out at a warehouse in the docks on Sunday.",
                                      "Firefighters from three stations attended the blaze.")));
    docs.back().outlet = "Example Post";
  }
  CleanDocuments(docs, CleanOptions{});
  for (const Document& d : docs) {
    EXPECT_EQ(RoleOf(d, "The statement added"), BlockRole::kBody);
  }
}

TEST(CleanTest, SplitsLinkListIntoLinesButKeepsWrappedParagraphs) {
  Document d = TextDocument(
      "Engineers inspected the tunnel on Friday and found water leaking through a crack in\n"
      "the lining, the operator said, adding that trains would run at reduced speed\n"
      "until the repair was finished.\n\n"
      "Read next:\n"
      "Tunnel reopening delayed again [LATEST]\n"
      "Commuters face weekend of disruption [LATEST]");
  Document before = d;
  CleanDocument(d, CleanOptions{});
  ExpectInvariants(before, d);
  ASSERT_EQ(d.blocks.size(), 4u);
  EXPECT_EQ(d.blocks[0].role, BlockRole::kBody);
  EXPECT_EQ(d.Slice(d.blocks[2]), "Tunnel reopening delayed again [LATEST]");
  EXPECT_EQ(d.blocks[2].role, BlockRole::kBoilerplate);
  EXPECT_EQ(d.blocks[3].role, BlockRole::kBoilerplate);
}

// A list in a plain-text file (a directory, results) is article text; one short line
// between paragraphs stays a heading.
TEST(CleanTest, PlainTextListLinesAreArticleText) {
  Document d = TextDocument(
      "The band's new members for the autumn season were announced on Monday.\n\n"
      "Trumpets\n\n"
      "Sophomore Springfield 2nd Year Member Music Performance\n"
      "Senior Morgantown 4th Year Member Geology\n"
      "Freshman Summersville 1st Year Member Biology\n"
      "Junior Fairmont 3rd Year Member Computer Science");
  CleanDocument(d, CleanOptions{});
  ASSERT_EQ(d.blocks.size(), 6u);
  EXPECT_EQ(d.blocks[0].role, BlockRole::kBody);
  EXPECT_EQ(d.blocks[1].role, BlockRole::kHeading);
  for (size_t i = 2; i < 6; ++i) EXPECT_EQ(d.blocks[i].role, BlockRole::kBody) << i;
}

// Regression: a plain-text file without blank lines is one block; a stray "[[" or a
// boilerplate phrase somewhere in its thousands of words made all of it boilerplate.
TEST(CleanTest, LongPlainTextBlockWithStrayTemplateMarksIsBody) {
  std::string text;
  for (int i = 0; i < 120; ++i) {
    text += "The council met on day " + std::to_string(i) +
            " to discuss\nthe new bridge over the river and its cost.\n";
    if (i == 60) text += "See [[Bridge]] for the plans; sign up for our newsletter.\n";
  }
  Document d = TextDocument(text);
  CleanDocument(d, CleanOptions{});
  ASSERT_EQ(d.blocks.size(), 1u);
  EXPECT_EQ(d.blocks[0].role, BlockRole::kBody);
}

TEST(CleanTest, CaptionGluedToFollowingTextIsSplit) {
  Document d = TextDocument(
      "Jo BakerThe flooded square on Monday[/caption] Water reached the steps of the town hall "
      "by noon, witnesses said.\n\nThe river peaked in the early evening.");
  CleanDocument(d, CleanOptions{});
  ASSERT_EQ(d.blocks.size(), 3u);
  EXPECT_EQ(d.blocks[0].role, BlockRole::kCaption);
  EXPECT_EQ(d.Slice(d.blocks[1]).substr(0, 11), "Water reach");
  EXPECT_EQ(d.blocks[1].role, BlockRole::kBody);
}

TEST(CleanTest, ReaderTitleIsKeptAndMetadataFromCandidates) {
  Document d = TextDocument("Ministers meet over fuel prices\n\nMinisters met on Monday.");
  d.blocks[0].role = BlockRole::kTitle;
  d.meta = {{"url", "https://www.example.test/2021/03/04/fuel"}};
  CleanDocument(d, CleanOptions{});
  EXPECT_EQ(d.blocks[0].role, BlockRole::kTitle);
  EXPECT_EQ(d.title.value_or(""), "Ministers meet over fuel prices");
  EXPECT_EQ(d.published.value_or(""), "2021-03-04");
  EXPECT_EQ(d.published_basis.value_or(""), "metadata");
  EXPECT_EQ(d.outlet.value_or(""), "example.test");
}

TEST(CleanTest, PublishedDateInferredFromCaptionDateWhoseWeekdayTheBodyNames) {
  // March 8, 2023 was a Wednesday, March 10 a Friday.
  const std::string captions =
      "Ferries wait in the harbour on March 8, 2023 (AP)\n\n"
      "Crews repair the quay on March 10, 2023 (AP)\n\n";
  Document wednesday = TextDocument(
      captions + "The port reopened on Wednesday, officials said, after two days of gales.");
  CleanDocument(wednesday, CleanOptions{});
  EXPECT_EQ(wednesday.published.value_or(""), "2023-03-08");
  EXPECT_EQ(wednesday.published_basis.value_or(""), "inferred");
  Document friday = TextDocument(
      captions + "The port reopened on Friday, officials said, after two days of gales.");
  CleanDocument(friday, CleanOptions{});
  EXPECT_EQ(friday.published.value_or(""), "2023-03-10");
  Document none = TextDocument(
      captions + "The port reopened on Monday, officials said, after two days of gales.");
  CleanDocument(none, CleanOptions{});
  EXPECT_FALSE(none.published.has_value());
}

// Regression: the site name stripped from a metadata title came from the URL host through
// a string_view of a temporary (found by fuzzing; ASan reports stack-use-after-scope).
TEST(CleanTest, MetadataTitleLosesTheHostNamedSiteSuffix) {
  Document d = TextDocument(
      "The ferry service resumed on Monday after the storm, the operator said.\n\n"
      "Crews had worked through the weekend to repair the damaged quay.");
  d.meta = {{"url", "https://www.example.test/news/ferries"},
            {"html:title", "Ferry service resumes after storm - Example.test"}};
  CleanDocument(d, CleanOptions{});
  EXPECT_EQ(d.title.value_or(""), "Ferry service resumes after storm");
}

// Regression (found by fuzzing): trimming a block kept its link bytes, which could then
// exceed the block ("<a> ! b</a>" with spaces inside the link).
TEST(CleanTest, TrimmedBlockKeepsNoMoreLinkBytesThanItHas) {
  Document d;
  d.format = "html";
  d.text = "  Share this  \n\nThe ferry service resumed on Monday after the storm.";
  Block link{BlockRole::kBody, 0, 14, "a", "body", 14};
  Block body{BlockRole::kBody, 16, d.text.size(), "p", "body", 0};
  d.blocks = {link, body};
  CleanDocument(d, CleanOptions{});
  for (const Block& b : d.blocks) EXPECT_LE(b.link_bytes, b.end - b.start);
}

TEST(CleanTest, ArticleTextKeepsBodyAndHeadingsOnly) {
  Document d = TextDocument(ReadFile(DataPath("captions.txt")));
  CleanDocument(d, CleanOptions{});
  std::string text = ArticleText(d);
  EXPECT_NE(text.find("Long night"), std::string::npos);
  EXPECT_EQ(text.find("[/caption]"), std::string::npos);
  EXPECT_EQ(text.find("(AP)"), std::string::npos);
  EXPECT_EQ(text.find("Inside the long night"), std::string::npos);  // the title
}

// A short post under a long comment thread: the thread fills most of the page, yet it is
// the comment section, not the page's wrapper; the post is the article.
TEST(CleanTest, CommentThreadLongerThanThePostStaysOut) {
  std::string fixture =
      "h1|body div#page div#main div.post-title|0|Why I keep a notebook by the bed\n"
      "p|body div#page div#main|0|I started keeping a notebook by the bed last winter, when "
      "ideas kept arriving just as I was falling asleep and were gone by the morning.\n"
      "p|body div#page div#main|0|Now I write down whatever comes, in the dark, without "
      "reading it back, and most mornings there is at least one line worth keeping.\n"
      "p|body div#page div#main|0|Do you have a ritual like this? I would love to hear how "
      "other people hold on to the thoughts that come late at night.\n";
  for (int k = 0; k < 12; ++k) {
    const std::string who =
        "body div#page div#main div#comments ol.commentlist li.reply-" + std::to_string(k);
    fixture += "div|" + who + "|0|Reader " + std::to_string(k) + " on March 3, 2024 at 9:1" +
               std::to_string(k % 10) + " pm\n";
    fixture += "p|" + who +
               " div.text|0|I do the same thing with my phone, although the light of the "
               "screen wakes me up more than I would like, so maybe paper is the better "
               "choice for someone who sleeps as badly as I do (reply " +
               std::to_string(k) + ").\n";
  }
  Document d = BlocksDocument(fixture);
  CleanDocument(d, CleanOptions{});
  EXPECT_EQ(RoleOf(d, "I started keeping"), BlockRole::kBody);
  EXPECT_EQ(RoleOf(d, "Now I write down"), BlockRole::kBody);
  EXPECT_EQ(RoleOf(d, "Do you have a ritual"), BlockRole::kBody);
  const std::string text = ArticleText(d);
  EXPECT_EQ(text.find("my phone"), std::string::npos);
}

// A comment section whose name runs its words together ("commentlist") is a comment
// section too: it does not win over the post above it.
TEST(CleanTest, RunTogetherCommentSectionNamesAreComments) {
  std::string fixture =
      "h1|body div#wrap div#content|0|A quiet week on the allotment\n"
      "p|body div#wrap div#content div#contentmiddle|0|The beans are finally up, the slugs "
      "have moved next door, and the shed roof held through two nights of heavy rain.\n"
      "p|body div#wrap div#content div#contentmiddle|0|Next weekend I will net the brassicas "
      "and try, once again, to persuade the pumpkins to grow along the fence.\n";
  for (int k = 0; k < 30; ++k) {
    const std::string at =
        "body div#wrap div#content div#contentmiddle div#commentblock "
        "ol.commentlist li.alt-" +
        std::to_string(k % 2);
    fixture += "li|" + at + "|0|Neighbour " + std::to_string(k) + " on June 4, 2024 at 8:0" +
               std::to_string(k % 10) + " pm\n";
  }
  Document d = BlocksDocument(fixture);
  CleanDocument(d, CleanOptions{});
  EXPECT_EQ(RoleOf(d, "The beans are finally up"), BlockRole::kBody);
  EXPECT_EQ(RoleOf(d, "Next weekend I will"), BlockRole::kBody);
}

// Many blocks of short sidebar links, so that the post is a small part of the page.
std::string SidebarLinks(int count) {
  std::string out;
  for (int k = 0; k < count; ++k) {
    out += "li|body div#page div#side ul.links|48|Another story about the town council, part " +
           std::to_string(k) + "\n";
  }
  return out;
}

// A post whose classes name its author ("post author-admin") holds paragraphs, not a
// byline: its short first paragraph is body.
TEST(CleanTest, PostNamedAfterItsAuthorIsNotAByline) {
  const std::string post = "body div#page div#main div.post.author-admin div.entry";
  Document d = BlocksDocument(
      "h1|body div#page div#main|0|Handset update fixes the camera\n"
      "p|" +
      post +
      "|0|The phone maker has released a software update for its older "
      "handset that fixes the camera app and the battery drain.\n"
      "p|" +
      post +
      "|0|Owners can install it over the air or with the desktop tool, and the "
      "full list of changes will be published later this week, the company said.\n"
      "p|" +
      post +
      "|0|Please share what you have noticed after updating, and whether the "
      "battery now lasts through a whole working day.\n" +
      SidebarLinks(40));
  CleanDocument(d, CleanOptions{});
  EXPECT_EQ(RoleOf(d, "The phone maker has released"), BlockRole::kBody);
  EXPECT_EQ(RoleOf(d, "Owners can install it"), BlockRole::kBody);
}

// Text in an element called "caption" is a caption when it is short; a long run of
// sentences there (a gallery post's text) is article text.
TEST(CleanTest, LongTextInACaptionElementIsBody) {
  const std::string body = "body div#page div#main div.post div.post-body";
  Document d = BlocksDocument(
      "h1|body div#page div#main|0|Ten pies for the autumn\n"
      "p|" +
      body +
      "|0|Autumn is the season of pies, and these ten recipes cover everything "
      "from a quick apple tart to a slow-cooked game pie for a cold Sunday.\n"
      "div|" +
      body +
      " div.slide div.slide-text.caption|0|A crimped crust only looks "
      "difficult. Press the dough between the thumb and forefinger of one hand while the "
      "other pushes it in from the outside, and work your way around the dish without "
      "hurrying. If the dough tears, patch it with a scrap and a little water, and chill "
      "the pie for twenty minutes before it goes in the oven so that the edge holds its "
      "shape.\n"
      "div|" +
      body +
      " div.slide div.photo-caption|0|Apple tart fresh from the oven\n"
      "p|" +
      body +
      "|0|Each recipe lists its cooking time, and most of the pastry can be "
      "made a day ahead and kept in the fridge, wrapped, until you need it.\n" +
      SidebarLinks(40));
  CleanDocument(d, CleanOptions{});
  EXPECT_EQ(RoleOf(d, "A crimped crust only"), BlockRole::kBody);
  EXPECT_EQ(RoleOf(d, "Apple tart fresh"), BlockRole::kCaption);
}

// The first paragraph of a post set apart from the rest of the text (directly in the
// post's element, the rest two levels down) is still the article's.
TEST(CleanTest, LeadParagraphAboveTheArticleElementIsBody) {
  const std::string post = "body div#page div#main div.post div.post_body";
  std::string fixture =
      "h1|body div#page div#main|0|Synth maker announces a four-voice analog machine\n"
      "p|" +
      post +
      "|0|The Swedish maker of button-heavy samplers has announced a new "
      "analog synthesizer, and it has a teaser video to go with the announcement.\n";
  for (int k = 0; k < 5; ++k) {
    fixture += "p|" + post + " div#release div#release_text|0|Paragraph " + std::to_string(k) +
               " of the press release describes the oscillators, the filters, the "
               "sequencer and the performance mode, with prices, dates and quotes.\n";
  }
  fixture += SidebarLinks(10);
  Document d = BlocksDocument(fixture);
  CleanDocument(d, CleanOptions{});
  EXPECT_EQ(RoleOf(d, "The Swedish maker"), BlockRole::kBody);
  EXPECT_EQ(RoleOf(d, "Paragraph 0 of"), BlockRole::kBody);
  EXPECT_EQ(RoleOf(d, "Another story about"), BlockRole::kBoilerplate);
}

// A long paragraph of the article that happens to name a sign-up and a subscription is
// still article text; the same phrases in a short line make it boilerplate.
TEST(CleanTest, LongArticleParagraphWithAJunkPhraseStaysBody) {
  const std::string body = "body div#page div#main article div.story-body";
  Document d = BlocksDocument(
      "h1|body div#page div#main|0|Football club opens its autumn league\n"
      "p|" +
      body +
      "|0|The town's football club has opened its autumn league to new "
      "teams, and the first matches will be played on the new pitches by the river.\n"
      "p|" +
      body +
      "|0|The club will open a sign-up sheet for the league next week, and "
      "members who subscribe to the mailing list will hear first about the coaching "
      "sessions for younger players, the new changing rooms and the changes to the weekend "
      "fixtures that the committee agreed at its meeting on Thursday.\n"
      "p|" +
      body +
      "|0|The committee thanked the volunteers who rebuilt the stand over the "
      "summer, and said the first home match would be free for everyone.\n"
      "p|" +
      body + "|0|Sign up and subscribe to our newsletter!\n" + SidebarLinks(10));
  CleanDocument(d, CleanOptions{});
  EXPECT_EQ(RoleOf(d, "The club will open"), BlockRole::kBody);
  EXPECT_EQ(RoleOf(d, "Sign up and subscribe"), BlockRole::kBoilerplate);
}

// A post that holds a list of related stories is not link-heavy for it: the list is ruled
// out, so the post still outweighs a box of shorter paragraphs elsewhere.
TEST(CleanTest, RelatedLinksInsideThePostDoNotCountAgainstIt) {
  const std::string post = "body div#page div#main div.post";
  std::string fixture =
      "h1|body div#page div#main|0|Chip flaw lets attackers crash wireless devices\n";
  for (int k = 0; k < 3; ++k) {
    fixture += "p|" + post + "|0|Paragraph " + std::to_string(k) +
               ": the flaw, found by researchers in Buenos Aires, affects two chips, sold in "
               "laptops, phones and routers, and lets an attacker, within radio range, send a "
               "packet that stops the device until it is restarted, the report said.\n";
  }
  for (int k = 0; k < 4; ++k) {
    fixture += "li|" + post +
               " div.related ul|150|Another story from the same site about chips, routers, "
               "phones and the companies that make them, number " +
               std::to_string(k) + " of the list.\n";
  }
  for (int k = 0; k < 3; ++k) {
    fixture += "p|body div#page div#side div.reviews|0|Review " + std::to_string(k) +
               ": a handset, thin, light, fast, cheap, that makes many claims, keeps a few, "
               "and sells, they say, for a fair price.\n";
  }
  Document d = BlocksDocument(fixture);
  CleanDocument(d, CleanOptions{});
  EXPECT_EQ(RoleOf(d, "Paragraph 0:"), BlockRole::kBody);
  EXPECT_EQ(RoleOf(d, "Paragraph 2:"), BlockRole::kBody);
  EXPECT_EQ(RoleOf(d, "Review 0:"), BlockRole::kBoilerplate);
}

// The first paragraph of a short post in a byline-named element ("post author-admin") is
// a sentence, not a byline.
TEST(CleanTest, SentenceInAByLineNamedPostIsBody) {
  const std::string post = "body div#page div#main div.post.author-admin div.entry";
  Document d = BlocksDocument(
      "h1|body div#page div#main|0|Actress wears a vintage dress to the premiere\n"
      "p|" +
      post +
      "|0|The actress looked as if she had walked out of an old fashion "
      "magazine in her bright red dress at the premiere.\n"
      "p|" +
      post + "|0|What do you think of the look?\n" + SidebarLinks(40));
  CleanDocument(d, CleanOptions{});
  EXPECT_EQ(RoleOf(d, "The actress looked"), BlockRole::kBody);
}

// A sidebar is not a page wrapper for holding one text widget longer than a post of a
// line or two: the post is the article.
TEST(CleanTest, OneTextWidgetDoesNotMakeTheSidebarAWrapper) {
  Document d = BlocksDocument(
      "h2|body div#rap div#content div.post|0|Pixel heroes and villains\n"
      "p|body div#rap div#content div.post div.storycontent|0|You know me, I love pixels and "
      "I love superheroes. Created by a designer in Kolkata.\n"
      "div|body div#rap div#sidebar ul li.widget_text|0|You can follow me on the usual "
      "networks, where I post the things I find every day, and you can write to me with "
      "your own finds, which I read every evening when the blog is quiet.\n"
      "li|body div#rap div#sidebar ul li.links|20|Archives for the year\n"
      "li|body div#rap div#sidebar ul li.links|20|Archives for the month\n" +
      SidebarLinks(10));
  CleanDocument(d, CleanOptions{});
  EXPECT_EQ(RoleOf(d, "You know me"), BlockRole::kBody);
  EXPECT_EQ(RoleOf(d, "You can follow me"), BlockRole::kBoilerplate);
}

// Comments stay out even in an element whose name also says "body".
TEST(CleanTest, CommentsBodyIsComments) {
  std::string fixture = "h1|body div#page div.blog|0|Walking the old golf course\n";
  for (int k = 0; k < 3; ++k) {
    fixture += "p|body div#page div.blog div.entry|0|Part " + std::to_string(k) +
               " of the walk: the old course, closed for years, is now a meadow, and the "
               "paths between the greens are open to anyone who wants to wander there.\n";
  }
  for (int k = 0; k < 5; ++k) {
    fixture += "p|body div#page div.blog div.comments-body|0|Reader " + std::to_string(k) +
               " says: I walked there last spring, with my dog, and we saw hares, herons "
               "and a fox.\n";
  }
  Document d = BlocksDocument(fixture + SidebarLinks(10));
  CleanDocument(d, CleanOptions{});
  EXPECT_EQ(RoleOf(d, "Part 0 of the walk"), BlockRole::kBody);
  EXPECT_EQ(RoleOf(d, "Reader 0 says"), BlockRole::kBoilerplate);
  EXPECT_EQ(RoleOf(d, "Reader 4 says"), BlockRole::kBoilerplate);
}

// A post of one line right under its headline (the block the page's title names) wins
// over a slightly longer text box further down.
TEST(CleanTest, ShortPostUnderItsHeadlineWinsOverATextBox) {
  Document d = BlocksDocument(
      "meta html:title=Pixel heroes and villains | The Curious Brain\n"
      "h1|body div#rap div#header|0|The Curious Brain\n"
      "h2|body div#rap div#content div.post|0|Pixel heroes and villains\n"
      "p|body div#rap div#content div.post div.storycontent|0|I love pixels, and I love "
      "superheroes, so here they are. Made by a designer in Kolkata.\n"
      "div|body div#rap div#content div.post div.postmeta|20|Posted in Art, Video\n"
      "div|body div#rap div#content div.post div.postmeta|10|3 comments\n"
      "div|body div#rap div#content div.post div.postmeta|12|Share this\n"
      "p|body div#rap div#column2 div.box|0|Find me on the usual networks, or write to me, "
      "or send me your finds, which I read every evening.\n" +
      SidebarLinks(10));
  CleanDocument(d, CleanOptions{});
  EXPECT_EQ(RoleOf(d, "I love pixels"), BlockRole::kBody);
  EXPECT_EQ(RoleOf(d, "Find me on"), BlockRole::kBoilerplate);
}

// A blog's page: the site's name is the <h1>, the post's title an <h2> above the post's
// text, outside its element. The post's title is part of the article text; a heading
// further up (a widget's) is not.
TEST(CleanTest, PostHeadlineAboveTheFirstParagraphIsKept) {
  std::string fixture =
      "h1|body div#page div#header|0|The Allotment Diaries\n"
      "h3|body div#page div#intro|0|Welcome to the diaries\n"
      "p|body div#page div#intro|40|Start here\n"
      "h2|body div#page div#main div.post-title|0|A quiet week on the allotment\n"
      "div|body div#page div#main div.post-date|0|June 4, 2024\n";
  for (int k = 0; k < 3; ++k) {
    fixture += "p|body div#page div#main div.post div.entry|0|Week " + std::to_string(k) +
               ": the beans are up, the slugs have moved next door, and the shed roof held "
               "through two nights of heavy rain, which is more than I hoped for.\n";
  }
  Document d = BlocksDocument(fixture + SidebarLinks(10));
  CleanDocument(d, CleanOptions{});
  EXPECT_EQ(RoleOf(d, "A quiet week"), BlockRole::kHeading);
  EXPECT_EQ(RoleOf(d, "Welcome to the diaries"), BlockRole::kBoilerplate);
  EXPECT_NE(ArticleText(d).find("A quiet week on the allotment\n\nWeek 0"), std::string::npos);
}

// A photo post whose only text sits in a caption element: the article is that text, not
// nothing. A page with a body keeps its captions out.
TEST(CleanTest, PhotoPostWithOnlyACaptionKeepsItsText) {
  Document d = BlocksDocument(
      "h1|body div#page div#header|0|Picture of the day\n"
      "figcaption|body div#page div#main figure|0|Fishing boats wait out the storm in the "
      "harbour at Porthwen, where the sea wall gave way on Sunday night.\n"
      "figcaption|body div#page div#main figure|0|Photo: Ana Ruiz\n" +
      SidebarLinks(10));
  CleanDocument(d, CleanOptions{});
  EXPECT_EQ(RoleOf(d, "Fishing boats wait"), BlockRole::kBody);
  EXPECT_EQ(RoleOf(d, "Photo: Ana Ruiz"), BlockRole::kCaption);

  Document with_body = BlocksDocument(
      "h1|body div#page div#header|0|Picture of the day\n"
      "figcaption|body div#page div#main figure|0|Fishing boats wait out the storm in the "
      "harbour at Porthwen, where the sea wall gave way on Sunday night.\n"
      "p|body div#page div#main div.text|0|The storm brought gusts of up to 90mph to the "
      "coast, and the harbour will stay closed until the wall has been inspected.\n" +
      SidebarLinks(10));
  CleanDocument(with_body, CleanOptions{});
  EXPECT_EQ(RoleOf(with_body, "Fishing boats wait"), BlockRole::kCaption);
}

// A sidebar of link lists can hold most of a page's text when the post is two lines; it
// is still a sidebar, not the page's wrapper, as it holds no paragraph.
TEST(CleanTest, SidebarOfListsIsNoWrapperForAShortPost) {
  std::string fixture =
      "h2|body div#rap div#content div.post|0|Pixel heroes and villains\n"
      "p|body div#rap div#content div.post div.storycontent|0|I love pixels, and I love "
      "superheroes, so here they are.\n"
      "p|body div#rap div#sidebar div.textwidget|0|Follow me on the usual networks, or write "
      "to me, or send your finds, which I read.\n";
  for (int k = 0; k < 10; ++k) {
    fixture += "li|body div#rap div#sidebar ul|34|Archive for month " + std::to_string(k) +
               " of this year\n";
  }
  Document d = BlocksDocument(fixture);
  CleanDocument(d, CleanOptions{});
  EXPECT_EQ(RoleOf(d, "I love pixels"), BlockRole::kBody);
  EXPECT_EQ(RoleOf(d, "Follow me on"), BlockRole::kBoilerplate);
}

TEST(CleanTest, EmptyAndDegenerateDocuments) {
  Document empty;
  CleanDocument(empty, CleanOptions{});
  EXPECT_TRUE(empty.blocks.empty());
  // Out-of-range blocks from a faulty reader are dropped, not trusted.
  Document bad;
  bad.text = "Short text.";
  bad.blocks.push_back(Block{BlockRole::kBody, 0, 11, "", "", 0});
  bad.blocks.push_back(Block{BlockRole::kBody, 5, 400, "", "", 0});
  CleanDocument(bad, CleanOptions{});
  ASSERT_EQ(bad.blocks.size(), 1u);
  // Whitespace-only blocks disappear.
  Document ws;
  ws.text = "   \n  ";
  ws.blocks.push_back(Block{BlockRole::kBody, 0, ws.text.size(), "", "", 0});
  CleanDocument(ws, CleanOptions{});
  EXPECT_TRUE(ws.blocks.empty());
}

TEST(CleanTest, ReliableDetectionOverridesReaderLanguage) {
  Document d = TextDocument(ReadFile(DataPath("junk_mix.txt")));
  d.language = "fr";  // e.g. a site-wide <html lang> default
  CleanDocument(d, CleanOptions{});
  EXPECT_EQ(d.language.value_or(""), "en");
  Document tiny = TextDocument("Ok.");
  tiny.language = "fr";  // too little text to be sure: the reader's value stays
  CleanDocument(tiny, CleanOptions{});
  EXPECT_EQ(tiny.language.value_or(""), "fr");
}

// The function-word guess decides where it is sure and leaves the rest to CLD2: either
// way a document gets the language CLD2 alone gives it.
TEST(CleanTest, FunctionWordGuessAgreesWithCld2AndFallsBackToIt) {
  const std::string catalan =
      "Tancat el port per temporal\n\n"
      "L'ajuntament de la ciutat ha anunciat aquest dimarts que el port tornara a obrir "
      "dijous, despres que els temporals de la setmana passada obliguessin a tancar-lo. "
      "Segons els responsables, les obres de reparacio del moll van comencar ahir i "
      "s'acabaran abans del cap de setmana.\n\n"
      "Els pescadors, que han perdut gairebe una setmana de feina, reclamen ajudes al govern "
      "i diuen que la situacio es molt dificil per a les seves families.";
  const std::vector<std::pair<std::string, std::string>> cases = {
      {ReadFile(DataPath("junk_mix.txt")), "en"},
      {ReadFile(DataPath("multilingual_de.txt")), "de"},
      {catalan, "ca"},  // a relative the guess never names: CLD2 does
  };
  for (const auto& [text, code] : cases) {
    CleanOptions guess, cld2;
    cld2.guess_language_from_function_words = false;
    Document a = TextDocument(text), b = TextDocument(text);
    CleanDocument(a, guess);
    CleanDocument(b, cld2);
    EXPECT_EQ(a.language.value_or(""), code);
    EXPECT_EQ(b.language.value_or(""), code);
  }
}

// Documents are cleaned on worker threads; roles, metadata and the cross-document rule
// must not depend on how many.
TEST(CleanTest, SameResultWhateverTheThreadCount) {
  std::vector<Document> docs;
  for (const char* name : {"junk_mix.txt", "captions.txt", "byline_bio.txt", "multilingual_de.txt",
                           "template_date.txt"}) {
    for (int copy = 0; copy < 4; ++copy) {
      Document d = TextDocument(ReadFile(DataPath(name)));
      d.id = std::string(name) + std::to_string(copy);
      d.outlet = "Example Outlet";  // copies of one outlet: the recurring-line rule runs
      docs.push_back(std::move(d));
    }
  }
  std::vector<Document> one = docs, four = docs;
  CleanOptions o1, o4;
  o1.threads = 1;
  o4.threads = 4;
  CleanDocuments(one, o1);
  CleanDocuments(four, o4);
  ASSERT_EQ(one.size(), four.size());
  for (size_t i = 0; i < one.size(); ++i) {
    EXPECT_EQ(one[i].title, four[i].title) << one[i].id;
    EXPECT_EQ(one[i].published, four[i].published) << one[i].id;
    EXPECT_EQ(one[i].language, four[i].language) << one[i].id;
    ASSERT_EQ(one[i].blocks.size(), four[i].blocks.size()) << one[i].id;
    for (size_t b = 0; b < one[i].blocks.size(); ++b) {
      EXPECT_EQ(one[i].blocks[b].role, four[i].blocks[b].role) << one[i].id << " block " << b;
      EXPECT_EQ(one[i].blocks[b].start, four[i].blocks[b].start) << one[i].id << " block " << b;
    }
  }
}

TEST(CleanTest, LanguageDetectionCanBeSwitchedOff) {
  Document d = TextDocument(ReadFile(DataPath("junk_mix.txt")));
  CleanOptions o;
  o.detect_language = false;
  CleanDocument(d, o);
  EXPECT_FALSE(d.language.has_value());
}

}  // namespace
}  // namespace sitrep::clean
