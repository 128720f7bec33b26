#include "extract/entity.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <set>
#include <string>
#include <tuple>
#include <vector>

#include "extract/entity_tagger.h"
#include "extract/who.h"
#include "extract/who_test_util.h"

namespace sitrep::extract {
namespace {

using testing::Analyzer;
using testing::MakeDoc;
using testing::TestGazetteer;

// Documents "d1", "d2"... of `texts`, and their analysed texts.
void MakeAnalysed(const std::vector<std::string>& texts, std::vector<Document>& docs,
                  std::vector<text::DocText>& analysed) {
  for (size_t i = 0; i < texts.size(); ++i) {
    docs.push_back(MakeDoc("d" + std::to_string(i + 1), texts[i]));
    analysed.push_back(Analyzer().Analyze(docs.back()));
  }
}

WhoResult RunWho(const std::vector<std::string>& texts) {
  std::vector<Document> docs;
  std::vector<text::DocText> analysed;
  MakeAnalysed(texts, docs, analysed);
  return ExtractWho(docs, analysed, &TestGazetteer(), ExtractOptions());
}

const Entity* FindByMention(const WhoResult& r, const std::string& text) {
  for (const Entity& e : r.entities) {
    for (const Mention& m : e.mentions) {
      if (m.text == text) return &e;
    }
  }
  return nullptr;
}

TEST(EditDistanceTest, Cases) {
  EXPECT_EQ(EditDistance("prigozhin", "prigozhin"), 0u);
  EXPECT_EQ(EditDistance("prigozhin", "priozghin"), 2u);
  EXPECT_EQ(EditDistance("abcd", "abdc"), 1u);  // transposition
  EXPECT_EQ(EditDistance("", "abc"), 3u);
  EXPECT_EQ(EditDistance("kitten", "sitting"), 3u);
}

struct AcronymCase {
  std::string acronym, name;
  bool expected;
};
class AcronymTest : public ::testing::TestWithParam<AcronymCase> {};
TEST_P(AcronymTest, Matches) {
  EXPECT_EQ(IsAcronymOf(GetParam().acronym, GetParam().name), GetParam().expected)
      << GetParam().acronym << " / " << GetParam().name;
}
INSTANTIATE_TEST_SUITE_P(
    Cases, AcronymTest,
    ::testing::Values(AcronymCase{"ISW", "Institute for the Study of War", true},
                      AcronymCase{"MoD", "Ministry of Defence", true},
                      AcronymCase{"MoD", "UK Ministry of Defense", true},
                      AcronymCase{"UN", "United Nations", true},
                      AcronymCase{"U.N.", "United Nations", true},
                      AcronymCase{"NATO", "North Atlantic Treaty Organization", true},
                      AcronymCase{"AP", "Associated Press", true},
                      AcronymCase{"ISW", "International Security Watch", true},
                      AcronymCase{"ISW", "Institute of War", false},
                      AcronymCase{"FSB", "Ministry of Defence", false},
                      AcronymCase{"A", "Associated", false}));

struct TitleCase {
  std::string word;
  bool expected;
};
class TitleWordTest : public ::testing::TestWithParam<TitleCase> {};
TEST_P(TitleWordTest, Classifies) {
  EXPECT_EQ(IsTitleWord(GetParam().word), GetParam().expected) << GetParam().word;
}
INSTANTIATE_TEST_SUITE_P(Cases, TitleWordTest,
                         ::testing::Values(TitleCase{"president", true}, TitleCase{"gov", true},
                                           TitleCase{"mr", true}, TitleCase{"spokesman", true},
                                           TitleCase{"gen", true}, TitleCase{"minister", true},
                                           TitleCase{"bakhmut", false}, TitleCase{"forces", false},
                                           TitleCase{"said", false}));

// Each case: documents, then groups of mention texts that must be one entity of a type.
struct MergeCase {
  std::string name;
  std::vector<std::string> docs;
  std::vector<std::string> same;  // mention texts that must share one entity
  std::string type;
  std::string canonical;  // expected entity name ("" to skip)
};

class MergeTest : public ::testing::TestWithParam<MergeCase> {};

TEST_P(MergeTest, MergesAliases) {
  const MergeCase& c = GetParam();
  WhoResult r = RunWho(c.docs);
  const Entity* first = FindByMention(r, c.same[0]);
  ASSERT_NE(first, nullptr) << c.same[0];
  EXPECT_EQ(first->type, c.type);
  if (!c.canonical.empty()) {
    EXPECT_EQ(first->name, c.canonical);
  }
  for (const std::string& m : c.same) {
    const Entity* e = FindByMention(r, m);
    ASSERT_NE(e, nullptr) << m;
    EXPECT_EQ(e->id, first->id) << m << " should be " << first->name;
  }
}

INSTANTIATE_TEST_SUITE_P(
    Aliases, MergeTest,
    ::testing::Values(
        MergeCase{"title_and_surname",
                  {"President Vladimir Putin met advisers on Monday. Later Mr Putin spoke to "
                   "reporters. Putin did not take questions."},
                  {"Vladimir Putin", "Putin"},
                  "person",
                  "Vladimir Putin"},
        MergeCase{"transliteration_across_docs",
                  {"Ukrainian President Volodymyr Zelensky visited the front line.",
                   "Volodymyr Zelenskyy said the army would hold. Zelenskyy thanked allies."},
                  {"Volodymyr Zelensky", "Volodymyr Zelenskyy", "Zelenskyy"},
                  "person",
                  ""},
        MergeCase{"misspelling_with_shared_context",
                  {"Yevgeny Prigozhin, the founder of the Wagner Group, said his men had taken "
                   "the town of Soledar.",
                   "Wagner boss Yevgeny Priozghin claimed his fighters were near Bakhmut and "
                   "Soledar."},
                  {"Yevgeny Prigozhin", "Yevgeny Priozghin"},
                  "person",
                  ""},
        MergeCase{"acronym_of_institute",
                  {"The Institute for the Study of War said Russian troops had advanced. The "
                   "ISW added that the pace was slow."},
                  {"Institute for the Study of War", "ISW"},
                  "organization",
                  "Institute for the Study of War"},
        MergeCase{"acronym_and_spelling_variant",
                  {"Britain's Ministry of Defence published its assessment on Friday.",
                   "The Ministry of Defense said in an update that supplies were low. The MoD "
                   "added that morale was poor."},
                  {"Ministry of Defence", "Ministry of Defense", "MoD"},
                  "organization",
                  ""},
        MergeCase{"possessive_place",
                  {"Russia's army lost ground. Officials in Moscow said Russia would respond."},
                  {"Russia"},
                  "place",
                  "Russia"},
        MergeCase{"exonym_place",
                  {"Missiles struck Kiev overnight.", "Air defences shot down drones over Kyiv."},
                  {"Kiev", "Kyiv"},
                  "place",
                  ""},
        MergeCase{"armed_group",
                  {"Fighters of the Wagner Group attacked the town. Wagner mercenaries "
                   "suffered heavy losses."},
                  {"Wagner Group", "Wagner"},
                  "group",
                  ""},
        MergeCase{"nation_forces",
                  {"Ukrainian forces repelled an attack near Bakhmut. Ukrainian troops also "
                   "held positions near Soledar."},
                  {"Ukrainian forces", "Ukrainian troops"},
                  "group",
                  ""}),
    [](const ::testing::TestParamInfo<MergeCase>& info) { return info.param.name; });

TEST(EntityTest, DistinctPeopleStayApart) {
  WhoResult r =
      RunWho({"Vladimir Putin met Vladimir Zelensky? No: Vladimir Putin met Emmanuel "
              "Macron in Moscow, and Macron later flew to Berlin."});
  const Entity* putin = FindByMention(r, "Vladimir Putin");
  const Entity* macron = FindByMention(r, "Emmanuel Macron");
  ASSERT_NE(putin, nullptr);
  ASSERT_NE(macron, nullptr);
  EXPECT_NE(putin->id, macron->id);
  EXPECT_EQ(FindByMention(r, "Macron"), macron);
}

TEST(EntityTest, MentionsPointAtTheirBytes) {
  WhoResult r = RunWho({"Gov. Pavlo Kyrylenko said Russia’s forces shelled Kramatorsk."});
  ASSERT_FALSE(r.entities.empty());
  std::vector<Document> docs = {
      MakeDoc("d1", "Gov. Pavlo Kyrylenko said Russia’s forces shelled Kramatorsk.")};
  for (const Entity& e : r.entities) {
    for (const Mention& m : e.mentions) {
      EXPECT_EQ(docs[0].text.substr(m.start, m.end - m.start), m.text);
    }
  }
  const Entity* gov = FindByMention(r, "Pavlo Kyrylenko");
  ASSERT_NE(gov, nullptr);
  EXPECT_EQ(gov->type, "person");
  EXPECT_EQ(FindByMention(r, "Gov. Pavlo Kyrylenko"), nullptr);  // title stripped
}

TEST(EntityTest, PlacesGetCoordinatesAndGeoNamesIds) {
  WhoResult r =
      RunWho({"Russian forces shelled Kramatorsk and Soledar in the Donetsk region, "
              "while Kharkiv was quiet. Moscow denied it."});
  const Entity* k = FindByMention(r, "Kramatorsk");
  ASSERT_NE(k, nullptr);
  EXPECT_EQ(k->type, "place");
  ASSERT_TRUE(k->geonames_id);
  EXPECT_EQ(*k->geonames_id, 1006);
  EXPECT_EQ(k->country, "UA");
  const Entity* region = FindByMention(r, "Donetsk region");
  ASSERT_NE(region, nullptr);
  EXPECT_EQ(region->type, "place");
  ASSERT_TRUE(region->lat);
  EXPECT_NEAR(*region->lat, 48.4, 0.6);
  const Entity* moscow = FindByMention(r, "Moscow");
  ASSERT_NE(moscow, nullptr);
  EXPECT_EQ(moscow->country, "RU");
}

TEST(EntityTest, ResolvesAmbiguousPlaceByContext) {
  WhoResult r =
      RunWho({"Farmers near Moscow, Idaho, and in Paris, Texas, counted losses after "
              "the storm hit Dallas and Houston."});
  const Entity* paris = FindByMention(r, "Paris");
  ASSERT_NE(paris, nullptr);
  EXPECT_EQ(paris->country, "US");
}

TEST(EntityTest, NoGazetteerStillFindsCountries) {
  Document d = MakeDoc("d1", "Ukraine asked Germany for more tanks.");
  std::vector<Document> docs = {d};
  std::vector<text::DocText> t = {Analyzer().Analyze(d)};
  WhoResult r = ExtractWho(docs, t, nullptr, ExtractOptions());
  const Entity* ua = FindByMention(r, "Ukraine");
  ASSERT_NE(ua, nullptr);
  ASSERT_TRUE(ua->geonames_id);
  EXPECT_EQ(*ua->geonames_id, 690791);
}

TEST(EntityTest, ClaimSpeakersAreEntitiesAcrossDocuments) {
  WhoResult r = RunWho({"Volodymyr Zelensky said that the army would hold Bakhmut.",
                        "“We will not retreat,” Zelenskyy said in a nightly address."});
  ASSERT_EQ(r.claims.size(), 2u);
  EXPECT_EQ(r.claims[0].id, "c1@d1");  // named by their document: stable as others come
  EXPECT_EQ(r.claims[1].id, "c1@d2");
  EXPECT_EQ(r.claims[0].doc, "d1");
  EXPECT_EQ(r.claims[1].doc, "d2");
  ASSERT_TRUE(r.claims[0].speaker && r.claims[1].speaker);
  EXPECT_EQ(*r.claims[0].speaker, *r.claims[1].speaker);
  const Entity* z = FindByMention(r, "Zelenskyy");
  ASSERT_NE(z, nullptr);
  EXPECT_EQ(z->id, *r.claims[0].speaker);
  EXPECT_EQ(z->type, "person");
  EXPECT_EQ(r.claims[1].channel.value_or(""), "in a nightly address");
  EXPECT_TRUE(r.claims[1].direct);
}

TEST(EntityTest, IdsAreNamedAfterTheFirstMentionAndStayAsDocumentsCome) {
  const std::vector<std::string> first = {
      "Volodymyr Zelensky visited Bakhmut on Tuesday.",
      "Shells hit Kharkiv overnight. Zelensky said the army would hold Bakhmut."};
  const WhoResult before = RunWho(first);
  const Entity* zelensky = FindByMention(before, "Volodymyr Zelensky");
  const Entity* kharkiv = FindByMention(before, "Kharkiv");
  ASSERT_NE(zelensky, nullptr);
  ASSERT_NE(kharkiv, nullptr);
  EXPECT_EQ(zelensky->id, "e1@d1");  // the first entity d1 mentions
  EXPECT_EQ(kharkiv->id, "e1@d2");   // the first entity d2 brings (Zelensky is d1's)
  EXPECT_EQ(FindByMention(before, "Zelensky")->id, "e1@d1");
  // A third document that names new entities and old ones renames none of the old.
  std::vector<std::string> more = first;
  more.push_back("Yevgeny Prigozhin said his fighters took Donetsk. Zelensky denied it.");
  const WhoResult after = RunWho(more);
  for (const Entity& e : before.entities) {
    const Entity* same = FindByMention(after, e.mentions.front().text);
    ASSERT_NE(same, nullptr) << e.name;
    EXPECT_EQ(same->id, e.id) << e.name;
  }
  const Entity* prigozhin = FindByMention(after, "Yevgeny Prigozhin");
  ASSERT_NE(prigozhin, nullptr);
  EXPECT_EQ(prigozhin->id, "e1@d3");
  std::set<std::string> ids;
  for (const Entity& e : after.entities) EXPECT_TRUE(ids.insert(e.id).second) << e.id;
}

// A document whose blocks cleaning has given roles: each piece of `parts` is a block,
// separated by a blank line; `tag` is set on every block when given (an HTML page).
Document DocWithRoles(const std::vector<std::pair<BlockRole, std::string>>& parts,
                      const std::string& tag = "") {
  Document d;
  d.id = "d1";
  for (const auto& [role, text] : parts) {
    if (!d.text.empty()) d.text += "\n\n";
    Block b;
    b.role = role;
    b.start = d.text.size();
    d.text += text;
    b.end = d.text.size();
    b.tag = tag;
    d.blocks.push_back(b);
  }
  return d;
}

TEST(EntityOnlyBlocksTest, PlainTextKeepsCaptionsBylinesAndLinkPoorBoilerplate) {
  Document d = DocWithRoles({{BlockRole::kBoilerplate, "LONDON 1996-08-30"},
                             {BlockRole::kBody, "Body text about the match."},
                             {BlockRole::kCaption, "Photo of the team."},
                             {BlockRole::kByline, "By Jane Doe"},
                             {BlockRole::kRepeat, "Body text about the match."},
                             {BlockRole::kBoilerplate, "Home | News | Sport"},
                             {BlockRole::kBoilerplate, "Somerset 83 and 174"}});
  d.blocks[5].link_bytes = d.blocks[5].end - d.blocks[5].start;  // a link list
  EXPECT_EQ(EntityOnlyBlocks(d), (std::vector<size_t>{0, 2, 3, 6}));
}

TEST(EntityOnlyBlocksTest, HtmlKeepsBoilerplateOnlyBetweenBodyBlocks) {
  const Document d = DocWithRoles({{BlockRole::kBoilerplate, "Most read: Kyiv mayor speaks"},
                                   {BlockRole::kBody, "First paragraph."},
                                   {BlockRole::kBoilerplate, "Killed: Ivan Petrenko, 34"},
                                   {BlockRole::kBody, "Last paragraph."},
                                   {BlockRole::kCaption, "Photo: Reuters"},
                                   {BlockRole::kBoilerplate, "Follow us on Twitter"}},
                                  "p");
  EXPECT_EQ(EntityOnlyBlocks(d), (std::vector<size_t>{2, 4}));
}

TEST(EntityTest, NamesOutsideTheArticleTextAreKept) {
  // A results line and a caption cleaning left out of the article: their names are
  // entity mentions, pointing at their bytes, and never claim speakers.
  std::vector<Document> docs = {
      DocWithRoles({{BlockRole::kBody, "Volodymyr Zelensky said the army would hold Bakhmut."},
                    {BlockRole::kBoilerplate, "Shakhtar Donetsk 2 Dynamo Kyiv 1"},
                    {BlockRole::kCaption, "Emmanuel Macron in Paris on Friday."}})};
  std::vector<text::DocText> texts = {Analyzer().Analyze(docs[0])};
  WhoResult r = ExtractWho(docs, texts, &TestGazetteer(), ExtractOptions());
  for (const std::string name : {"Volodymyr Zelensky", "Emmanuel Macron"}) {
    const Entity* e = FindByMention(r, name);
    ASSERT_NE(e, nullptr) << name;
    EXPECT_EQ(e->type, "person") << name;
  }
  bool results_line = false;
  for (const Entity& e : r.entities) {
    for (const Mention& m : e.mentions) {
      EXPECT_EQ(docs[0].text.substr(m.start, m.end - m.start), m.text);
      results_line |= m.start >= docs[0].blocks[1].start && m.end <= docs[0].blocks[1].end;
    }
  }
  EXPECT_TRUE(results_line);
  ASSERT_EQ(r.claims.size(), 1u);
  EXPECT_EQ(*r.claims[0].speaker, FindByMention(r, "Volodymyr Zelensky")->id);
}

TEST(EntityTest, DemonymsAreMentionsOfTypeOther) {
  WhoResult r = RunWho({"Dutch officials met German diplomats. Ukrainian forces held the line."});
  for (const std::string name : {"Dutch", "German"}) {
    const Entity* e = FindByMention(r, name);
    ASSERT_NE(e, nullptr) << name;
    EXPECT_EQ(e->type, "other") << name;
  }
  const Entity* forces = FindByMention(r, "Ukrainian forces");
  ASSERT_NE(forces, nullptr);
  EXPECT_EQ(forces->type, "group");
}

TEST(EntityTest, NamesKeepTheirFunctionWordsAndStayApartFromTheirPlace) {
  WhoResult r =
      RunWho({"The Organisation for Security and Cooperation in Europe said the vote was fair.",
              "UEFA fined Standard Liege after a match against Karlsruhe of Germany. The Bank of "
              "England held rates."});
  for (const std::string name :
       {"Organisation for Security and Cooperation in Europe", "Karlsruhe", "Bank of England"}) {
    const Entity* e = FindByMention(r, name);
    ASSERT_NE(e, nullptr) << name;
    EXPECT_EQ(e->type, "organization") << name;
  }
  const Entity* germany = FindByMention(r, "Germany");
  ASSERT_NE(germany, nullptr);
  EXPECT_EQ(germany->type, "place");
}

TEST(EntityTest, OrganizationsOfKnownWordsDoNotTurnIntoPeople) {
  WhoResult r = RunWho({"Analysts said the Federal Reserve would raise rates."});
  const Entity* fed = FindByMention(r, "Federal Reserve");
  ASSERT_NE(fed, nullptr);
  EXPECT_EQ(fed->type, "organization");
}

TEST(EntityTest, ADocumentsOwnMentionsOutweighTheBatchOnType) {
  // One name, a person in one report and a football club in another: the club's report
  // keeps its own reading.
  WhoResult r = RunWho({"Mr Red Star said on Monday that he would resign.",
                        "Red Star beat Partizan 2-1 in Belgrade on Saturday. Red Star lead the "
                        "league."});
  std::vector<std::string> types_in_d2;
  for (const Entity& e : r.entities) {
    for (const Mention& m : e.mentions) {
      if (m.doc == "d2" && m.text == "Red Star") types_in_d2.push_back(e.type);
    }
  }
  EXPECT_EQ(types_in_d2, (std::vector<std::string>{"organization", "organization"}));
}

TEST(EntityTest, ArmedGroupNamesCutShortAreCompleted) {
  WhoResult r =
      RunWho({"Islamic State fighters attacked the town. Islamic State later "
              "claimed the attack."});
  const Entity* is = FindByMention(r, "Islamic State");
  ASSERT_NE(is, nullptr);
  EXPECT_EQ(is->type, "group");
  EXPECT_EQ(FindByMention(r, "Islamic"), nullptr);
}

TEST(EntityTest, CurrencyMentionsKeepTheirDollarSign) {
  WhoResult r = RunWho({"Canada's 8.0 percent bond due 2023 fell C$ 0.45 to C$ 101.15."});
  const Entity* c = FindByMention(r, "C$");
  ASSERT_NE(c, nullptr);
  EXPECT_EQ(c->type, "other");
  EXPECT_EQ(c->mentions.size(), 2u);
}

TEST(TaggerWordsTest, InitialsAndNumberRunsAreOneWord) {
  Document d =
      MakeDoc("d1", "Surrey 468 ( C. Lewis 94 , J. Benjamin 4-17 ) won 6-4 in 3:09.95 for C$ 5 .");
  const text::DocText t = Analyzer().Analyze(d);
  ASSERT_EQ(t.sentences.size(), 1u);
  std::vector<std::string_view> words;
  std::vector<size_t> first;
  TaggerWords(d, t.tokens, t.sentences[0].first_token, t.sentences[0].last_token, words, first);
  EXPECT_EQ(words, (std::vector<std::string_view>{"Surrey", "468", "(", "C.", "Lewis", "94", ",",
                                                  "J.", "Benjamin", "4-17", ")", "won", "6-4", "in",
                                                  "3:09.95", "for", "C$", "5", "."}));
  ASSERT_EQ(first.size(), words.size());
  EXPECT_EQ(first[0], 0u);
  for (size_t w = 1; w < first.size(); ++w) EXPECT_GT(first[w], first[w - 1]);
}

TEST(EntityTaggerTest, KnowsWordsOfItsTrainingDataOnly) {
  const EntityTagger& tagger = EntityTagger::Default();
  EXPECT_TRUE(tagger.KnowsWord("Reserve"));
  EXPECT_TRUE(tagger.KnowsWord("the"));
  EXPECT_FALSE(tagger.KnowsWord("Zelenskyy"));
}

TEST(EntityTest, FurnitureLabelsAreNoNames) {
  Document d;
  d.text = "Subscribe\n\nRead Full Article\n\nMUNICH 1 Bayern 2 (Klinsmann 12)";
  auto block = [&](size_t start, size_t end) {
    Block b;
    b.role = BlockRole::kBoilerplate;
    b.start = start;
    b.end = end;
    d.blocks.push_back(b);
  };
  block(0, 9);
  block(11, 28);
  block(30, d.text.size());
  EXPECT_TRUE(FillsFurnitureBlock(d, 0, 9));     // "Subscribe"
  EXPECT_TRUE(FillsFurnitureBlock(d, 11, 28));   // "Read Full Article"
  EXPECT_FALSE(FillsFurnitureBlock(d, 30, 36));  // "MUNICH" in a results line
  d.blocks[0].role = BlockRole::kBody;
  EXPECT_FALSE(FillsFurnitureBlock(d, 0, 9));  // article text is never furniture
  EXPECT_TRUE(
      PageFurniture("Something went wrong. Please try again later. Email address "
                    "Subscribe"));
  EXPECT_TRUE(PageFurniture("Don't miss: Mosul mosque destroyed [LATEST]"));
  EXPECT_FALSE(PageFurniture("MUNICH 1 Bayern 2 (Klinsmann 12)"));
}

TEST(EntityTest, EmptyInput) {
  WhoResult r = RunWho({""});
  EXPECT_TRUE(r.entities.empty());
  EXPECT_TRUE(r.claims.empty());
}

TEST(ExtractWhoTest, SameResultWhateverTheThreadCount) {
  std::vector<Document> docs;
  std::vector<text::DocText> analysed;
  const char* texts[] = {
      "President Volodymyr Zelensky said on Telegram that troops still held Bakhmut.",
      "\"We will not give up Bakhmut,\" Zelenskyy told reporters in Kyiv.",
      "Russian forces shelled Kramatorsk, Gov. Pavlo Kyrylenko said.",
      "The Institute for the Study of War (ISW) said Russian troops advanced near Soledar.",
      "ISW said the Wagner Group had lost thousands of fighters near Bakhmut.",
      "Mr Zelensky added that the army would hold Donetsk region."};
  for (int round = 0; round < 3; ++round) {
    for (const char* t : texts) {
      docs.push_back(MakeDoc("d" + std::to_string(docs.size() + 1), t));
      analysed.push_back(Analyzer().Analyze(docs.back()));
    }
  }
  ExtractOptions one, many;
  one.threads = 1;
  many.threads = 4;
  const WhoResult a = ExtractWho(docs, analysed, &TestGazetteer(), one);
  const WhoResult b = ExtractWho(docs, analysed, &TestGazetteer(), many);
  ASSERT_FALSE(a.entities.empty());
  ASSERT_FALSE(a.claims.empty());
  ASSERT_EQ(a.entities.size(), b.entities.size());
  for (size_t i = 0; i < a.entities.size(); ++i) {
    EXPECT_EQ(a.entities[i].id, b.entities[i].id);
    EXPECT_EQ(a.entities[i].name, b.entities[i].name);
    EXPECT_EQ(a.entities[i].mentions.size(), b.entities[i].mentions.size());
  }
  ASSERT_EQ(a.claims.size(), b.claims.size());
  for (size_t i = 0; i < a.claims.size(); ++i) {
    EXPECT_EQ(a.claims[i].id, b.claims[i].id);
    EXPECT_EQ(a.claims[i].doc, b.claims[i].doc);
    EXPECT_EQ(a.claims[i].text, b.claims[i].text);
    EXPECT_EQ(a.claims[i].speaker, b.claims[i].speaker);
  }
}

// The type of each name mentioned in `doc`, as `r` types it.
std::vector<std::string> TypesIn(const WhoResult& r, const std::string& doc,
                                 const std::string& text) {
  std::vector<std::string> out;
  for (const Entity& e : r.entities) {
    for (const Mention& m : e.mentions) {
      if (m.doc == doc && m.text == text) out.push_back(e.type);
    }
  }
  return out;
}

TEST(TypeVotesTest, APieceToldTheCollectionsVotesTypesNamesAsTheWhole) {
  // "Red Star" is a titled person in one report; another report names it once, as the
  // tagger reads it alone. Over both, the titled mention outweighs the other's own vote.
  const std::vector<std::string> texts = {
      "Mr Red Star said on Monday that he would resign from the board.",
      "Supporters cheered Red Star outside the stadium on Saturday evening.",
      "Analysts said the Federal Reserve would raise rates again."};
  std::vector<Document> docs;
  std::vector<text::DocText> analysed;
  MakeAnalysed(texts, docs, analysed);
  TypeVotes whole_votes;
  const WhoResult whole =
      ExtractWho(docs, analysed, &TestGazetteer(), ExtractOptions(), {}, {&whole_votes});
  ASSERT_TRUE(whole_votes.by_name.contains(Gazetteer::LooseKey("Red Star")));

  // Votes add up over pieces: the pieces' sum is the whole's.
  TypeVotes sum;
  for (size_t i = 0; i < docs.size(); ++i) {
    TypeVotes own;
    ExtractWho({docs[i]}, {analysed[i]}, &TestGazetteer(), ExtractOptions(), {}, {&own});
    sum.Add(own);
  }
  EXPECT_EQ(sum, whole_votes);

  // The second report alone reads the name its own way; told the collection's votes, it
  // reads it as the whole does.
  const std::vector<std::string> in_whole = TypesIn(whole, "d2", "Red Star");
  ASSERT_EQ(in_whole, (std::vector<std::string>{"person"}));
  const WhoResult alone = ExtractWho({docs[1]}, {analysed[1]}, &TestGazetteer(), ExtractOptions());
  EXPECT_NE(TypesIn(alone, "d2", "Red Star"), in_whole);
  const WhoResult told =
      ExtractWho({docs[1]}, {analysed[1]}, &TestGazetteer(), ExtractOptions(), {&whole_votes});
  EXPECT_EQ(TypesIn(told, "d2", "Red Star"), in_whole);
  // A name the collection does not know keeps the piece's own reading.
  const WhoResult fed =
      ExtractWho({docs[2]}, {analysed[2]}, &TestGazetteer(), ExtractOptions(), {&sum});
  EXPECT_EQ(TypesIn(fed, "d3", "Federal Reserve"), (std::vector<std::string>{"organization"}));
}

// Each mention of `r` (document, bytes) with its entity's id, name, type and aliases.
std::map<std::tuple<std::string, size_t, size_t>, std::string> EntityOfMentions(
    const WhoResult& r) {
  std::map<std::tuple<std::string, size_t, size_t>, std::string> out;
  for (const Entity& e : r.entities) {
    std::string who = e.id + "|" + e.name + "|" + e.type;
    for (const std::string& a : e.aliases) who += "|" + a;
    for (const Mention& m : e.mentions) out[{m.doc, m.start, m.end}] = who;
  }
  return out;
}

TEST(EntityMergeTest, PiecesToldTheCollectionsMergeHaveTheWholesEntities) {
  // "Putin" alone in the second report is the "Vladimir Putin" the first names; the third
  // names him and Zelenskyy by their surnames; the fourth names Zelenskyy in full.
  const std::vector<std::string> texts = {
      "President Vladimir Putin said on Monday that the talks had failed.",
      "On Tuesday, Putin told reporters in Moscow that the offensive would go on.",
      "Officials in Kyiv said on Wednesday that Zelenskyy would not meet Putin.",
      "Volodymyr Zelenskyy visited soldiers near Bakhmut on Thursday."};
  std::vector<Document> docs;
  std::vector<text::DocText> analysed;
  MakeAnalysed(texts, docs, analysed);
  std::vector<DocEntityMentions> mentions;
  const WhoResult whole =
      ExtractWho(docs, analysed, &TestGazetteer(), ExtractOptions(), {}, {nullptr, &mentions});
  ASSERT_EQ(mentions.size(), docs.size());
  EXPECT_EQ(mentions[1].doc, "d2");

  // The mentions and the merge cross processes as bytes.
  Result<std::vector<DocEntityMentions>> back =
      DecodeEntityMentions(EncodeEntityMentions(mentions));
  ASSERT_TRUE(back.ok()) << back.status().message();
  ASSERT_EQ(back->size(), mentions.size());
  const EntityMerge direct = MergeCollectionEntities(mentions, &TestGazetteer());
  Result<EntityMerge> merge =
      DecodeEntityMerge(EncodeEntityMerge(MergeCollectionEntities(*back, &TestGazetteer())));
  ASSERT_TRUE(merge.ok()) << merge.status().message();
  EXPECT_EQ(EncodeEntityMerge(*merge), EncodeEntityMerge(direct));
  // The merge's entities are the whole run's.
  ASSERT_EQ(merge->entities.size(), whole.entities.size());
  for (size_t i = 0; i < whole.entities.size(); ++i) {
    EXPECT_EQ(merge->entities[i].id, whole.entities[i].id);
    EXPECT_EQ(merge->entities[i].name, whole.entities[i].name);
    EXPECT_EQ(merge->entities[i].aliases, whole.entities[i].aliases);
  }

  const auto whole_of = EntityOfMentions(whole);
  const auto putin_in_d2 = std::find_if(whole_of.begin(), whole_of.end(), [](const auto& kv) {
    return std::get<0>(kv.first) == "d2" &&
           kv.second.find("|Vladimir Putin|person") != std::string::npos;
  });
  ASSERT_NE(putin_in_d2, whole_of.end()) << "the whole joins d2's Putin to d1's full name";
  // Every piece (one report, two reports) told the merge has the whole's entities.
  const std::vector<std::vector<size_t>> pieces = {{0}, {1}, {2}, {3}, {1, 2}, {2, 3}};
  for (const std::vector<size_t>& piece : pieces) {
    std::vector<Document> pd;
    std::vector<text::DocText> pt;
    for (size_t i : piece) pd.push_back(docs[i]), pt.push_back(analysed[i]);
    const auto told = EntityOfMentions(
        ExtractWho(pd, pt, &TestGazetteer(), ExtractOptions(), {nullptr, &*merge}));
    ASSERT_FALSE(told.empty());
    for (const auto& [at, who] : told) {
      auto it = whole_of.find(at);
      ASSERT_NE(it, whole_of.end());
      EXPECT_EQ(who, it->second) << std::get<0>(at) << " at " << std::get<1>(at);
    }
  }
  // Alone, the second report cannot know the full name.
  const auto alone =
      EntityOfMentions(ExtractWho({docs[1]}, {analysed[1]}, &TestGazetteer(), ExtractOptions()));
  EXPECT_NE(alone.at(putin_in_d2->first), putin_in_d2->second);
  // A merge that lacks a piece's document leaves the piece to merge its own.
  EntityMerge partial = *merge;
  partial.of_document.erase("d2");
  EXPECT_EQ(EntityOfMentions(ExtractWho({docs[1]}, {analysed[1]}, &TestGazetteer(),
                                        ExtractOptions(), {nullptr, &partial})),
            alone);

  // Bytes that are not an encoding are a Corrupt error, not a crash.
  for (const std::string& bad : {std::string(), std::string("\x82\x07\x80"), std::string("junk")}) {
    EXPECT_EQ(DecodeEntityMentions(bad).status().code(), StatusCode::kCorrupt);
    EXPECT_EQ(DecodeEntityMerge(bad).status().code(), StatusCode::kCorrupt);
  }
  std::string out_of_range = EncodeEntityMerge({{}, {{"d1", {7}}}});
  EXPECT_EQ(DecodeEntityMerge(out_of_range).status().code(), StatusCode::kCorrupt);
}

}  // namespace
}  // namespace sitrep::extract
