#include "reconcile/events.h"

#include <gtest/gtest.h>

#include "reconcile/fixture_test_util.h"

namespace sitrep::reconcile {
namespace {

using testing::FixtureTokens;
using testing::ReportBuilder;

struct CueCase {
  const char* sentence;
  const char* type;     // "" = no cue
  const char* subtype;  // "" = do not check
};

TEST(FindCue, Table) {
  const CueCase cases[] = {
      {"Fierce fighting continued near the plant.", "Battles", "Armed clash"},
      {"Heavy clashes were reported overnight.", "Battles", "Armed clash"},
      {"Troops recaptured the village on Monday.", "Battles", "Government regains territory"},
      {"Kyiv's forces liberated the town.", "Battles", "Government regains territory"},
      {"The army took back the bridge.", "Battles", "Government regains territory"},
      {"The militia took control of the airport.", "Battles", "capture"},
      {"Rebels seized the town hall.", "Battles", "capture"},
      {"The city fell to the invaders.", "Battles", "capture"},
      {"Overnight shelling hit the market.", "Explosions/Remote violence",
       "Shelling/artillery/missile attack"},
      {"A missile struck an apartment block.", "Explosions/Remote violence",
       "Shelling/artillery/missile attack"},
      {"An air strike destroyed the bridge.", "Explosions/Remote violence", "Air/drone strike"},
      {"Drones attacked the power plant.", "Explosions/Remote violence", "Air/drone strike"},
      {"A roadside bomb hit a convoy.", "Explosions/Remote violence",
       "Remote explosive/landmine/IED"},
      {"Soldiers executed four men.", "Violence against civilians", "Attack"},
      {"Gunmen abducted a mayor.", "Violence against civilians", "Abduction/forced disappearance"},
      {"Air defences shot down 12 drones.", "Strategic developments", "Disrupted weapons use"},
      {"Air defences intercepted the missiles.", "Strategic developments", "Disrupted weapons use"},
      {"Air defences intercepted the incoming objects.", "Strategic developments",
       "Disrupted weapons use"},
      {"The brigade withdrew from the town.", "Strategic developments",
       "Non-violent transfer of territory"},
      {"Thousands of protesters gathered in the square.", "Protests", "Peaceful protest"},
      {"Riots broke out after the vote.", "Riots", "Violent demonstration"},
      {"Police arrested six men.", "Strategic developments", "Arrests"},
      {"The sides agreed a ceasefire.", "Strategic developments", "Agreement"},
      {"Three people were killed.", "Battles", "casualties"},
      {"Hundreds were evacuated from the town.", "Displacement/evacuation", "Evacuation"},
      {"Families fled the fighting.", "Battles", "Armed clash"},
      {"Families fled the town.", "Displacement/evacuation", "Displacement"},
      {"Aid agencies delivered humanitarian supplies.", "Humanitarian", "Aid"},
      // Statements are claims, not events: a speech verb alone is no cue.
      {"The minister said the talks would resume.", "", ""},
      {"According to the governor, the road is open.", "", ""},
      // Negated, hypothetical or intended: not an event.
      {"Russia's attempt to seize the city has stalled.", "", ""},
      {"They failed to capture the bridge.", "", ""},
      {"The army could retake the town.", "", ""},
      {"There was no shelling overnight.", "", ""},
      // A denied strike is still the strike (DetectEvents gives it status "denied").
      {"The coalition denied carrying out any strike in the area.", "Explosions/Remote violence",
       "Shelling/artillery/missile attack"},
      // A weapon named without an action is not an attack.
      {"Russia has relied on infantry and artillery instead of tanks.", "", ""},
      {"Both sides use cheap drones.", "", ""},
      {"Drones struck the depot.", "Explosions/Remote violence", "Air/drone strike"},
      // A labour strike is a protest (ACLED); "striking" is a cue only among workers.
      {"Cabin crew went on strike over pay.", "Protests", "Peaceful protest"},
      {"Teachers striking in West Virginia won a raise.", "Protests", "Peaceful protest"},
      {"It was a striking image.", "", ""},
      {"A suicide bomber blew himself up at the gate.", "Explosions/Remote violence",
       "Suicide bomb"},
      {"Gunmen took hostage five workers.", "Violence against civilians",
       "Abduction/forced disappearance"},
      {"A gun battle broke out near the checkpoint.", "Battles", "Armed clash"},
      {"Thousands took to the streets of the capital.", "Protests", "Peaceful protest"},
      {"Police fired tear gas at protesters.", "Protests", ""},
      // Context words: "amid", "because of".
      {"They asked to leave because of fighting.", "", ""},
      {"They never managed to capture the bridge.", "", ""},
      // Weaker blockers ("to", "may") only right before the cue.
      {"Troops moved to the south and shelled the town.", "Explosions/Remote violence",
       "Shelling/artillery/missile attack"},
      {"Officials did not confirm any fighting.", "", ""},
      {"The weather was mild.", "", ""},
      {"", "", ""},
  };
  for (const CueCase& c : cases) {
    SCOPED_TRACE(c.sentence);
    const std::vector<text::Token> tokens = FixtureTokens(c.sentence, 0);
    std::optional<Cue> cue = FindCue(tokens, 0, tokens.size());
    if (*c.type == '\0') {
      EXPECT_FALSE(cue.has_value()) << (cue ? cue->type : "");
      continue;
    }
    ASSERT_TRUE(cue.has_value());
    EXPECT_EQ(cue->type, c.type);
    if (*c.subtype) {
      EXPECT_EQ(cue->subtype, c.subtype);
    }
    EXPECT_LT(cue->first_token, cue->last_token);
  }
}

TEST(Dice, Basics) {
  EXPECT_DOUBLE_EQ(Dice({}, {}), 0);
  EXPECT_DOUBLE_EQ(Dice({1, 2, 3}, {1, 2, 3}), 1);
  EXPECT_DOUBLE_EQ(Dice({1, 2}, {3, 4}), 0);
  EXPECT_DOUBLE_EQ(Dice({1, 2, 3, 4}, {3, 4, 5, 6}), 0.5);
}

TEST(ContentWords, DropsStopWordsAndNumbers) {
  const std::vector<text::Token> a = FixtureTokens("The shelling of the market killed 12.", 0);
  const std::vector<text::Token> b = FixtureTokens("Shelling market killed", 0);
  EXPECT_EQ(ContentWords(a, 0, a.size()), ContentWords(b, 0, b.size()));
  EXPECT_EQ(ContentWords(a, 0, a.size()).size(), 3u);
}

// Flagged tokens (the words of a time expression) are left out; the flags count from
// `begin`.
TEST(ContentWords, SkipsFlaggedTokens) {
  const std::vector<text::Token> a = FixtureTokens("Shelling market killed yesterday", 0);
  const std::vector<text::Token> b = FixtureTokens("Shelling market killed", 0);
  const std::vector<uint8_t> skip = {0, 0, 0, 1};
  EXPECT_EQ(ContentWords(a, 0, a.size(), skip), ContentWords(b, 0, b.size()));
  EXPECT_EQ(ContentWords(a, 0, a.size()).size(), 4u);
  const std::vector<uint8_t> from_one = {0, 1, 0};  // tokens 1..3: "market" is skipped
  EXPECT_EQ(ContentWords(a, 1, a.size(), from_one).size(), 2u);
}

// One sentence with everything: date, place, actors, fatalities.
class DetectTest : public ::testing::Test {
 protected:
  void SetUp() override {
    b_.AddDoc("a", "2022-10-28",
              "Kherson is quiet.\n\nRussian shelling killed at least three people in Bakhmut "
              "on Thursday, the Ukrainian army said.\n\nThe weather in Kherson was mild. "
              "Kherson residents were evacuated. The mayor said little.");
    b_.AddDoc("b", "2022-10-28", "Kherson waits. Bakhmut waits.");
    bakhmut_ = b_.AddEntity("Bakhmut", "place");
    kherson_ = b_.AddEntity("Kherson", "place");
    army_ = b_.AddEntity("Ukrainian army", "organization");
    b_.AddTime("a", "on Thursday", "2022-10-27");
    b_.AddQuantity("a", "at least three people", 3, "people", "at least");
    b_.Texts();
  }
  size_t EntityIndex(const std::string& id) const {
    for (size_t i = 0; i < b_.report.entities.size(); ++i) {
      if (b_.report.entities[i].id == id) return i;
    }
    return SIZE_MAX;
  }
  ReportBuilder b_;
  std::string bakhmut_, kherson_, army_;
};

TEST_F(DetectTest, SentenceGivesTypeDatePlaceActorsFatalities) {
  const CorpusIndex index = BuildCorpusIndex(b_.report);
  const std::vector<EventMention> m = DetectEvents(b_.report, b_.texts[0], 0, index);
  ASSERT_GE(m.size(), 2u);
  const EventMention& e = m[0];
  EXPECT_EQ(e.type, kRemoteViolence);
  EXPECT_EQ(e.subtype, "Shelling/artillery/missile attack");
  ASSERT_TRUE(e.date.has_value());
  EXPECT_EQ(e.date->value, "2022-10-27");
  ASSERT_TRUE(e.place.has_value());
  EXPECT_EQ(*e.place, EntityIndex(bakhmut_));
  EXPECT_TRUE(e.place_from_text);
  ASSERT_EQ(e.actors.size(), 1u);
  EXPECT_EQ(e.actors[0], EntityIndex(army_));
  ASSERT_TRUE(e.fatalities.has_value());
  EXPECT_DOUBLE_EQ(b_.report.quantities[*e.fatalities].value, 3);
  EXPECT_EQ(b_.report.documents[0].Slice(e.start, e.end).substr(0, 15), "Russian shellin");
}

// Actors are who acts: persons, organizations, groups; not the places and other names
// ("al-Nuri", a mosque) the sentence holds.
TEST(Detect, ActorsArePersonsOrganizationsAndGroups) {
  ReportBuilder b;
  b.AddDoc("a", "2017-06-22",
           "Islamic State fighters blew up the al-Nuri mosque in Mosul on Wednesday, "
           "Haider al-Abadi said.");
  const std::string group = b.AddEntity("Islamic State", "group");
  b.AddEntity("al-Nuri", "other");
  b.AddEntity("Mosul", "place");
  const std::string person = b.AddEntity("Haider al-Abadi", "person");
  b.AddTime("a", "on Wednesday", "2017-06-21");
  b.Texts();
  const CorpusIndex index = BuildCorpusIndex(b.report);
  const std::vector<EventMention> m = DetectEvents(b.report, b.texts[0], 0, index);
  ASSERT_EQ(m.size(), 1u);
  std::vector<std::string> actors;
  for (size_t a : m[0].actors) actors.push_back(b.report.entities[a].id);
  EXPECT_EQ(actors, (std::vector<std::string>{group, person}));
  EXPECT_EQ(m[0].actor_words.size(), 2u);
}

TEST(MainPlace, CityOverTheCountryItSitsIn) {
  // Every document names both; the country more often. The story is about the city.
  ReportBuilder b;
  b.AddDoc("a", "2017-06-22",
           "Mosul mosque destroyed, Iraq says\n\nThe mosque in Mosul was blown up, officials "
           "in Iraq said.\n\nIraq has vowed to rebuild it, and Iraq's allies offered help.");
  b.AddDoc("b", "2017-06-23", "Iraq mourns its mosque in Mosul, a landmark of Iraq.");
  const std::string mosul = b.AddEntity("Mosul", "place");
  b.report.entities.back().place_kind = "city";
  b.report.entities.back().lat = 36.3;
  const std::string iraq = b.AddEntity("Iraq", "place");
  b.report.entities.back().place_kind = "country";
  b.report.entities.back().lat = 33.0;
  b.Texts();
  const CorpusIndex index = BuildCorpusIndex(b.report);
  for (size_t d = 0; d < 2; ++d) {
    ASSERT_TRUE(index.docs[d].main_place.has_value());
    EXPECT_EQ(b.report.entities[*index.docs[d].main_place].id, mosul) << d;
  }
}

// A piece of a larger collection (a distributed job's bin) weighs places by the whole
// collection's counts: a place the whole names everywhere is not a document's main place,
// though the piece alone cannot tell.
TEST(MainPlace, TheWholeCollectionsCountsDecideAPiecesMainPlace) {
  ReportBuilder b;
  b.AddDoc("a", "2023-03-01",
           "Fighting near Orikhiv and Nyala went on.\n\nOrikhiv and Nyala were shelled again.");
  const std::string orikhiv = b.AddEntity("Orikhiv", "place");
  const std::string nyala = b.AddEntity("Nyala", "place");
  b.report.entities.back().geonames_id = 369004;
  b.Texts();
  const CorpusIndex alone = BuildCorpusIndex(b.report);
  ASSERT_TRUE(alone.docs[0].main_place.has_value());
  EXPECT_EQ(b.report.entities[*alone.docs[0].main_place].id, orikhiv);  // a tie: the first
  EXPECT_EQ(alone.collection_docs, 1u);

  const std::vector<std::vector<std::string>> keys = PlacesByDocument(b.report);
  ASSERT_EQ(keys.size(), 1u);
  EXPECT_EQ(keys[0], (std::vector<std::string>{"g:369004", "place:orikhiv"}));

  PlaceCounts whole;
  whole.documents = 1000;
  whole.by_key = {{"place:orikhiv", 900}, {"g:369004", 12}};
  const CorpusIndex told = BuildCorpusIndex(b.report, &whole);
  EXPECT_EQ(told.collection_docs, 1000u);
  ASSERT_TRUE(told.docs[0].main_place.has_value());
  EXPECT_EQ(b.report.entities[*told.docs[0].main_place].id, nyala);
  EXPECT_EQ(told.entity_doc_count[*told.docs[0].main_place], 12);
}

TEST_F(DetectTest, UndatedSentenceAndMainPlace) {
  const CorpusIndex index = BuildCorpusIndex(b_.report);
  // Kherson is named three times in doc a, Bakhmut once: Kherson is the main place.
  ASSERT_TRUE(index.docs[0].main_place.has_value());
  EXPECT_EQ(*index.docs[0].main_place, EntityIndex(kherson_));
  const std::vector<EventMention> m = DetectEvents(b_.report, b_.texts[0], 0, index);
  const EventMention* evac = nullptr;
  for (const EventMention& e : m) {
    if (e.type == kDisplacement) evac = &e;
  }
  ASSERT_NE(evac, nullptr);
  EXPECT_FALSE(evac->date.has_value());
  EXPECT_EQ(*evac->place, EntityIndex(kherson_));
  EXPECT_TRUE(evac->place_from_text);
  EXPECT_EQ(evac->subtype, "Evacuation");
  // "The mayor said little." is a statement: a claim, not an event.
  for (const EventMention& e : m) {
    EXPECT_EQ(b_.report.documents[0].Slice(e.start, e.end).find("mayor"), std::string::npos);
  }
}

TEST(Detect, SpecificPlaceBeatsCountry) {
  ReportBuilder b;
  for (int i = 0; i < 4; ++i) {
    b.AddDoc("d" + std::to_string(i), "2022-10-28", "Ukraine said little.");
  }
  b.AddDoc("x", "2022-10-28", "Shelling hit Avdiivka in eastern Ukraine.");
  const std::string avdiivka = b.AddEntity("Avdiivka", "place");
  b.AddEntity("Ukraine", "place");
  b.Texts();
  const CorpusIndex index = BuildCorpusIndex(b.report);
  const std::vector<EventMention> m = DetectEvents(b.report, b.texts[4], 4, index);
  ASSERT_EQ(m.size(), 1u);
  EXPECT_EQ(b.report.entities[*m[0].place].id, avdiivka);
}

TEST(Detect, CasualtyTypeFollowsWhoDied) {
  const std::pair<const char*, std::string_view> cases[] = {
      {"Two soldiers were killed.", kBattles},
      {"Two civilians were killed by troops.", kViolenceAgainstCivilians},
      {"Five children died in the siege.", kViolenceAgainstCivilians},
      {"Shelling killed two civilians.", kRemoteViolence},
  };
  for (const auto& [sentence, type] : cases) {
    ReportBuilder b;
    b.AddDoc("a", "2022-10-28", sentence);
    b.Texts();
    const CorpusIndex index = BuildCorpusIndex(b.report);
    const std::vector<EventMention> m = DetectEvents(b.report, b.texts[0], 0, index);
    ASSERT_EQ(m.size(), 1u) << sentence;
    EXPECT_EQ(m[0].type, type) << sentence;
  }
}

TEST(Detect, CaptureByGroupIsNonStateOvertakes) {
  ReportBuilder b;
  b.AddDoc("a", "2023-01-13",
           "Wagner fighters took control of Soledar. The army captured Klishchiivka. Russian "
           "forces seized Yahidne.");
  b.AddEntity("Wagner", "group");
  b.AddEntity("Russian forces", "group");
  b.AddEntity("Soledar", "place");
  b.AddEntity("Klishchiivka", "place");
  b.Texts();
  const CorpusIndex index = BuildCorpusIndex(b.report);
  const std::vector<EventMention> m = DetectEvents(b.report, b.texts[0], 0, index);
  ASSERT_EQ(m.size(), 3u);
  EXPECT_EQ(m[0].subtype, "Non-state actor overtakes territory");
  EXPECT_EQ(m[1].subtype, "Armed clash");
  EXPECT_EQ(m[2].subtype, "Armed clash");  // a state's forces, typed group by the extractor
}

TEST(Detect, StatementsAreNotEvents) {
  ReportBuilder b;
  b.AddDoc("a", "2022-10-28",
           "President Volodymyr Zelensky said the front was holding. The ministry announced "
           "new rules. Ivan Petrenko, a resident, said he was scared.");
  const std::string zelensky = b.AddEntity("Volodymyr Zelensky", "person");
  b.AddEntity("ministry", "organization");
  b.AddClaim("a", "President Volodymyr Zelensky said the front was holding.", zelensky);
  b.Texts();
  const CorpusIndex index = BuildCorpusIndex(b.report);
  EXPECT_TRUE(DetectEvents(b.report, b.texts[0], 0, index).empty());
}

struct NotEventCase {
  const char* sentence;
  NotEvent want;
  bool dated = false;
  bool war_document = true;  // most cases test other rules than the war context
};

// What is not an event (docs/events.md), one rule at a time, and its look-alikes that are.
TEST(ClassifyCueSentence, Table) {
  const NotEventCase cases[] = {
      {"Russian forces shelled the town.", NotEvent::kIsEvent},
      {"NATO said Russian forces may, in the coming days, capture the city.",
       NotEvent::kHypothetical},

      {"Bakhmut's capture would break Ukraine's supply lines.", NotEvent::kHypothetical},
      {"Gunfire and explosions can be heard in the distance.", NotEvent::kHypothetical},
      {"An Ohio man plotted an attack on soldiers.", NotEvent::kHypothetical},
      {"The evacuation was to have begun at dawn.", NotEvent::kHypothetical},
      {"Maybe they dig deeper before the soldiers are killed by shelling.",
       NotEvent::kHypothetical},
      {"He likened the fighting in Bakhmut to the Battle of Stalingrad.", NotEvent::kAssessment},
      {"The think tank assessed that Russian forces captured little.", NotEvent::kAssessment},
      {"The president condemned the attack on the soldiers.", NotEvent::kAssessment},
      {"Their bombing of the mosque is a formal declaration of their defeat.",
       NotEvent::kAssessment},
      {"When the offensive began, US officials estimated that 5,000 fighters were there.",
       NotEvent::kAssessment},
      {"About 75 percent of casualties come from minority troops.", NotEvent::kStatistic},
      {"They lost 130 tanks in a three-week battle.", NotEvent::kStatistic},
      {"The nine-month battle began on October 17.", NotEvent::kIsEvent, true},
      {"The offensive has killed more than 1,600 civilians.", NotEvent::kStatistic},
      {"Soldiers were killed at a rate of 1,000 a day.", NotEvent::kStatistic},
      {"Russia lost 200,000 dead and injured in the war.", NotEvent::kStatistic},
      {"Troops died in their thousands in the war.", NotEvent::kStatistic},
      {"Ten people were killed in separate gun and bomb attacks.", NotEvent::kStatistic},
      {"The sergeant deployed numerous times with the army.", NotEvent::kOngoing},
      {"Three of the soldiers get killed and the others start digging.", NotEvent::kOngoing},
      {"Three of the soldiers got killed near the town.", NotEvent::kIsEvent},
      {"Andrii spent 35 days learning infantry skills before firing missiles at the front.",
       NotEvent::kAnecdote},
      {"Ivan, 37, who was wounded by shrapnel, was evacuated by the army.", NotEvent::kAnecdote},
      {"We spent five days under mortar fire from the troops.", NotEvent::kAnecdote},
      {"The agency claimed that a US air strike had destroyed the mosque.", NotEvent::kIsEvent},
      {"Inside the battle for Bakhmut, where troops wait.", NotEvent::kTopic},
      {"Inside the battle for Bakhmut, where troops wait.", NotEvent::kIsEvent, true},
      {"A million people fled their homes during the fighting.", NotEvent::kTopic},
      {"British Airways braces for a strike by cabin crew.", NotEvent::kHypothetical},
      {"A gas explosion at a noodle shop killed two.", NotEvent::kNotConflict},
      {"The virus outbreak caused 89 deaths.", NotEvent::kNotConflict},
      {"That contract was fought for by Boeing and Lockheed.", NotEvent::kNotConflict},
      {"It is the biggest deal since the Joint Strike Fighter program.", NotEvent::kNotConflict},
      {"They were jailed for possession of an offensive weapon.", NotEvent::kNotConflict},
      {"A Ka-50 attack helicopter flew over the trench of the soldiers.", NotEvent::kNotConflict},
      // Protests and violence against civilians need no war words.
      {"Teachers marched on the Capitol.", NotEvent::kIsEvent, false, false},
      {"A man stabbed 11 students at a kindergarten.", NotEvent::kIsEvent, false, false},
      {"Shelling hit the school.", NotEvent::kIsEvent, false, false},  // a strong cue
      {"The attack on the pair was filmed.", NotEvent::kNotConflict, false, false},
  };
  for (const NotEventCase& c : cases) {
    SCOPED_TRACE(c.sentence);
    const std::vector<text::Token> tokens = FixtureTokens(c.sentence, 0);
    std::optional<Cue> cue = FindCue(tokens, 0, tokens.size());
    ASSERT_TRUE(cue.has_value());
    EXPECT_EQ(static_cast<int>(
                  ClassifyCueSentence(tokens, 0, tokens.size(), *cue, c.dated, c.war_document)),
              static_cast<int>(c.want));
  }
}

TEST(ClassifyCueSentence, WarDocumentNeedsNoWarWordPerSentence) {
  const std::vector<text::Token> tokens = FixtureTokens("Residents were evacuated.", 0);
  std::optional<Cue> cue = FindCue(tokens, 0, tokens.size());
  ASSERT_TRUE(cue.has_value());
  EXPECT_EQ(ClassifyCueSentence(tokens, 0, tokens.size(), *cue, false, false),
            NotEvent::kNotConflict);
  EXPECT_EQ(ClassifyCueSentence(tokens, 0, tokens.size(), *cue, false, true), NotEvent::kIsEvent);
  EXPECT_FALSE(WarDocument(FixtureTokens("The weather was mild. Residents were evacuated.", 0)));
  EXPECT_TRUE(WarDocument(
      FixtureTokens("Troops shelled the town. Soldiers and militants clashed. Artillery and "
                    "missiles hit the front. The army said forces fought.",
                    0)));
}

TEST(Detect, StatusClaimedDeniedBackgroundWithWhoSaysSo) {
  ReportBuilder b;
  b.AddDoc("a", "2023-01-12",
           "Wagner claimed its fighters stormed Bakhmut. The coalition denied bombing the "
           "market. Troops captured Sloviansk in April 2014. Soldiers shelled Siversk.");
  const std::string wagner = b.AddEntity("Wagner", "group");
  const std::string coalition = b.AddEntity("coalition", "organization");
  b.AddTime("a", "April 2014", "2014-04");
  b.Texts();
  const CorpusIndex index = BuildCorpusIndex(b.report);
  const std::vector<EventMention> m = DetectEvents(b.report, b.texts[0], 0, index);
  ASSERT_EQ(m.size(), 4u);
  EXPECT_EQ(m[0].status, kClaimed);
  ASSERT_EQ(m[0].claimants.size(), 1u);
  EXPECT_EQ(b.report.entities[m[0].claimants[0]].id, wagner);
  ASSERT_TRUE(m[0].status_word.has_value());
  EXPECT_EQ(b.report.documents[0].Slice(m[0].status_word->start, m[0].status_word->end), "claimed");
  EXPECT_EQ(m[1].status, kDenied);
  ASSERT_EQ(m[1].claimants.size(), 1u);
  EXPECT_EQ(b.report.entities[m[1].claimants[0]].id, coalition);
  EXPECT_EQ(m[2].status, kBackground);
  EXPECT_EQ(m[3].status, kReported);
  EXPECT_TRUE(m[3].claimants.empty());
  // The cue's bytes are evidence.
  EXPECT_EQ(b.report.documents[0].Slice(m[3].cue.start, m[3].cue.end), "shelled");
}

TEST(Detect, ForcesDescribedByWhatTheyDoAreNoOccurrence) {
  ReportBuilder b;
  b.AddDoc("a", "2018-03-30",
           "The soldier served with US forces battling the Islamic State. US forces battled "
           "the militants near Manbij.");
  b.Texts();
  const CorpusIndex index = BuildCorpusIndex(b.report);
  const std::vector<EventMention> m = DetectEvents(b.report, b.texts[0], 0, index);
  ASSERT_EQ(m.size(), 1u);
  EXPECT_NE(b.report.documents[0].Slice(m[0].start, m[0].end).find("battled"),
            std::string_view::npos);
}

TEST(Detect, PartysOwnAccountIsAClaim) {
  ReportBuilder b;
  b.AddDoc("a", "2023-01-12",
           "The Defence Ministry said its forces captured Soledar. Police said shelling hit "
           "Siversk.");
  const std::string ministry = b.AddEntity("Defence Ministry", "organization");
  const std::string police = b.AddEntity("Police", "organization");
  b.AddClaim("a", "The Defence Ministry said its forces captured Soledar.", ministry);
  b.AddClaim("a", "Police said shelling hit Siversk.", police);
  b.Texts();
  const CorpusIndex index = BuildCorpusIndex(b.report);
  const std::vector<EventMention> m = DetectEvents(b.report, b.texts[0], 0, index);
  ASSERT_EQ(m.size(), 2u);
  EXPECT_EQ(m[0].status, kClaimed);
  EXPECT_EQ(m[1].status, kReported);  // police report; they are not a party to the fighting
}

TEST(Detect, PlacesThatAreNotTheScene) {
  ReportBuilder b;
  b.AddDoc("a", "2022-10-28",
           "Troops fired artillery near Bakhmut, according to a think tank in Washington. "
           "Washington said troops shelled Avdiivka. Militants blew up the bridge on the "
           "western bank of the Tigris. Rockets hit troops - some trained in Britain - in "
           "Soledar.");
  const std::string bakhmut = b.AddEntity("Bakhmut", "place");
  b.AddEntity("Washington", "place");
  const std::string avdiivka = b.AddEntity("Avdiivka", "place");
  b.AddEntity("Tigris", "place");
  b.AddEntity("Britain", "place");
  const std::string soledar = b.AddEntity("Soledar", "place");
  b.Texts();
  const CorpusIndex index = BuildCorpusIndex(b.report);
  const std::vector<EventMention> m = DetectEvents(b.report, b.texts[0], 0, index);
  ASSERT_EQ(m.size(), 4u);
  auto place = [&](const EventMention& e) {
    return e.place_from_text ? b.report.entities[*e.place].id : std::string("-");
  };
  EXPECT_EQ(place(m[0]), bakhmut);
  EXPECT_EQ(place(m[1]), avdiivka);
  EXPECT_EQ(place(m[2]), "-");  // a river bank: the document's place, not the river
  EXPECT_EQ(place(m[3]), soledar);
}

TEST(Detect, PeriodBoundIsNotTheEventDate) {
  ReportBuilder b;
  b.AddDoc("a", "2022-10-28",
           "Separatists have fought there since 2014. Fighting between the armies resumed in "
           "March, since when nothing changed.");
  b.AddTime("a", "2014", "2014");
  b.AddTime("a", "March", "2022-03");
  b.Texts();
  const CorpusIndex index = BuildCorpusIndex(b.report);
  const std::vector<EventMention> m = DetectEvents(b.report, b.texts[0], 0, index);
  ASSERT_EQ(m.size(), 2u);
  EXPECT_FALSE(m[0].date.has_value());
  ASSERT_TRUE(m[1].date.has_value());
  EXPECT_EQ(m[1].date->value, "2022-03");
}

// A sentence whose only date is an old "after" bound tells the past; one with a date of its
// own is news of that date, whatever bound it also names.
TEST(Detect, OldAfterBoundWithoutADateIsBackground) {
  ReportBuilder b;
  b.AddDoc("a", "2022-10-28",
           "Troops captured the towns after the 2014 annexation. Troops captured Siversk on "
           "October 26 after the 2014 annexation.");
  b.AddTime("a", "2014", "2014");
  b.AddTime("a", "October 26", "2022-10-26");
  b.AddTime("a", "2014", "2014", "date", 2);
  b.Texts();
  const CorpusIndex index = BuildCorpusIndex(b.report);
  const std::vector<EventMention> m = DetectEvents(b.report, b.texts[0], 0, index);
  ASSERT_EQ(m.size(), 2u);
  EXPECT_EQ(m[0].status, kBackground);
  EXPECT_FALSE(m[0].date.has_value());
  EXPECT_EQ(m[1].status, kReported);
  ASSERT_TRUE(m[1].date.has_value());
  EXPECT_EQ(m[1].date->value, "2022-10-26");
}

TEST(Detect, FatalitiesOnlyFromCountsOfTheDead) {
  struct Case {
    const char* sentence;
    const char* surface;
    std::optional<std::string> about;
    bool dead;
    const char* written = "";  // qualifier_text
  };
  const Case cases[] = {
      {"Shelling killed 12 people.", "12 people", "people killed", true},
      {"Shelling killed 12 people.", "12 people", "people", true},
      {"Shelling killed 12 people.", "12 people", std::nullopt, true},
      {"The attack left 7 dead.", "7", std::nullopt, true},
      {"Shelling wounded 12 people.", "12 people", "people", false},
      {"Shelling wounded 12 people.", "12 people", "people wounded", false},
      {"Shelling destroyed 4 tanks and killed a man.", "4 tanks", "tanks", false},
      {"Rockets hit 3 villages.", "3 villages", std::nullopt, false},

      {"Shelling killed or wounded 40 people.", "40 people", "people killed or wounded", false},

  };
  for (const Case& c : cases) {
    ReportBuilder b;
    b.AddDoc("a", "2022-10-28", c.sentence);
    b.AddQuantity("a", c.surface, 1, c.about);
    if (*c.written) b.report.quantities.back().qualifier_text = c.written;
    b.Texts();
    const CorpusIndex index = BuildCorpusIndex(b.report);
    const std::vector<EventMention> m = DetectEvents(b.report, b.texts[0], 0, index);
    ASSERT_EQ(m.size(), 1u) << c.sentence;
    EXPECT_EQ(m[0].fatalities.has_value(), c.dead) << c.sentence << " / " << c.surface;
  }
}

}  // namespace
}  // namespace sitrep::reconcile
