#include "extract/place.h"

#include <gtest/gtest.h>

#include <chrono>
#include <cmath>
#include <filesystem>
#include <string>
#include <vector>

#include "extract/who_test_util.h"

namespace sitrep::extract {
namespace {

using testing::TestGazetteer;

struct KeyCase {
  std::string a, b;
};
class LooseKeyTest : public ::testing::TestWithParam<KeyCase> {};
TEST_P(LooseKeyTest, VariantsMeet) {
  EXPECT_EQ(Gazetteer::LooseKey(GetParam().a), Gazetteer::LooseKey(GetParam().b));
}
INSTANTIATE_TEST_SUITE_P(
    Variants, LooseKeyTest,
    ::testing::Values(KeyCase{"Kramatorsk", "Kramators\xE2\x80\x99k"}, KeyCase{"Izium", "Izyum"},
                      KeyCase{"Odesa", "Odessa"}, KeyCase{"Avdiivka", "Avdiyivka"},
                      KeyCase{"Sao Paulo", "S\xC3\xA3o Paulo"}, KeyCase{"U.S.", "US"},
                      KeyCase{"Nova-Kakhovka", "Nova Kakhovka"}, KeyCase{"Zelenskyy", "Zelensky"},
                      KeyCase{"Zelenskiy", "Zelensky"}, KeyCase{"Kyiv", "KYIV"}));

TEST(LooseKeyTest, DistinctNamesStayApart) {
  EXPECT_NE(Gazetteer::LooseKey("Kyiv"), Gazetteer::LooseKey("Kiev"));
  EXPECT_NE(Gazetteer::LooseKey("Donetsk"), Gazetteer::LooseKey("Luhansk"));
}

TEST(GazetteerTest, ParsesCitiesAndBuiltins) {
  const Gazetteer& g = TestGazetteer();
  auto kyiv = g.Candidates("Kyiv");
  ASSERT_EQ(kyiv.size(), 1u);
  EXPECT_EQ(g.place(kyiv[0]).geonames_id, 1001);
  EXPECT_NEAR(g.place(kyiv[0]).lat, 50.45, 1e-4);
  EXPECT_NEAR(g.place(kyiv[0]).lon, 30.52, 1e-4);
  EXPECT_EQ(g.place(kyiv[0]).feature, "PPLC");
  // Alias table and alternative names.
  EXPECT_EQ(g.Candidates("Kiev"), kyiv);
  ASSERT_FALSE(g.Candidates("Lvov").empty());
  EXPECT_EQ(g.place(g.Candidates("Lvov")[0]).geonames_id, 1019);
  // Countries with their GeoNames ids and alternative names.
  auto ua = g.Candidates("Ukraine");
  ASSERT_EQ(ua.size(), 1u);
  EXPECT_EQ(g.place(ua[0]).geonames_id, 690791);
  EXPECT_EQ(g.place(ua[0]).kind, PlaceKind::kCountry);
  auto uk = g.Candidates("Britain");
  ASSERT_EQ(uk.size(), 1u);
  EXPECT_EQ(g.place(uk[0]).country, "GB");
  ASSERT_TRUE(g.CountryOfDemonym("Ukrainian"));
  EXPECT_EQ(g.place(*g.CountryOfDemonym("Ukrainian")).country, "UA");
  EXPECT_EQ(g.place(*g.CountryOfDemonym("Russians")).country, "RU");
  EXPECT_FALSE(g.CountryOfDemonym("Tuesday"));
  EXPECT_TRUE(g.Candidates("Atlantis").empty());
}

TEST(GazetteerTest, RejectsCorruptData) {
  EXPECT_FALSE(Gazetteer::FromPbf("\xff\xff\xff").ok());
  EXPECT_FALSE(Gazetteer::FromPbf("").ok());
}

TEST(GazetteerTest, MissingFileIsNotFound) {
  auto r = LoadGazetteer("/nonexistent/cities.pbf");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kNotFound);
  EXPECT_NE(r.status().message().find("/nonexistent/cities.pbf"), std::string::npos);
}

struct ResolveCase {
  std::vector<PlaceQuery> queries;
  std::vector<std::string> countries;   // context
  std::vector<long long> expected_ids;  // 0: expect a non-city (country/region) entry
  std::vector<std::string> expected_country;
};

class ResolveTest : public ::testing::TestWithParam<ResolveCase> {};

TEST_P(ResolveTest, PicksByContext) {
  const Gazetteer& g = TestGazetteer();
  const ResolveCase& c = GetParam();
  auto picks = ResolvePlaces(g, c.queries, c.countries);
  ASSERT_EQ(picks.size(), c.queries.size());
  for (size_t i = 0; i < picks.size(); ++i) {
    ASSERT_TRUE(picks[i].has_value()) << c.queries[i].name;
    const GeoPlace& p = g.place(*picks[i]);
    if (c.expected_ids[i] != 0) {
      EXPECT_EQ(p.geonames_id, c.expected_ids[i]) << c.queries[i].name;
    }
    EXPECT_EQ(p.country, c.expected_country[i]) << c.queries[i].name;
  }
}

INSTANTIATE_TEST_SUITE_P(
    Context, ResolveTest,
    ::testing::Values(
        // Population prior alone.
        ResolveCase{{{"Paris"}}, {}, {1010}, {"FR"}},
        ResolveCase{{{"Donetsk"}}, {}, {1002}, {"UA"}},
        // Nearby places pull the small Paris to Texas.
        ResolveCase{{{"Paris"}, {"Dallas"}, {"Texas"}}, {}, {1011, 1012, 0}, {"US", "US", "US"}},
        // Country context.
        ResolveCase{{{"Odessa"}}, {"US"}, {1016}, {"US"}},
        ResolveCase{{{"Odessa"}}, {"UA"}, {1015}, {"UA"}},
        ResolveCase{{{"Odesa"}, {"Ukraine"}}, {}, {1015, 690791}, {"UA", "UA"}},
        // Region hint picks the derived admin1 region, not the city.
        ResolveCase{{{"Donetsk", true}}, {}, {0}, {"UA"}},
        ResolveCase{
            {{"Kharkiv", true}, {"Izium"}, {"Kupiansk"}}, {}, {0, 1007, 1020}, {"UA", "UA", "UA"}},
        // Built-in regions and countries.
        ResolveCase{{{"Crimea"}, {"Russia"}}, {}, {703883, 2017370}, {"UA", "RU"}},
        ResolveCase{{{"Europe"}}, {}, {6255148}, {""}},
        // A region word inside the name ("Kharkiv Oblast") works like one after it.
        ResolveCase{{{"Kharkiv Oblast"}, {"Izyum"}}, {}, {0, 1007}, {"UA", "UA"}},
        // The Arabic article spelled the other way.
        ResolveCase{{{"Al-Fasher"}, {"Darfur"}}, {}, {1027, 0}, {"SD", "SD"}},
        // Demonyms used as toponyms, and country aliases.
        ResolveCase{{{"Turkish"}, {"DR Congo"}}, {}, {298795, 203312}, {"TR", "CD"}}));

TEST(GazetteerTest, AddsStatesFromThePackageFormat) {
  auto made = Gazetteer::FromPbf(testing::EncodeCities(testing::TestCities()));
  ASSERT_TRUE(made.ok());
  Gazetteer& g = **made;
  const size_t before = g.size();
  const std::string json = R"([
    {"name": "Luhansk Oblast", "country_code": "UA", "type": "region",
     "latitude": "48.9", "longitude": "39.3"},
    {"name": "Bakhmut Province", "country_code": "UA", "type": "province",
     "latitude": "48.6", "longitude": "38.0"},
    {"name": "Donetsk", "country_code": "UA", "type": "oblast",
     "latitude": "48.1", "longitude": "37.7"},
    {"name": "Nowhere", "country_code": "UA", "latitude": "", "longitude": ""},
    "not an object"
  ])";
  Result<size_t> added = g.AddStates(json);
  ASSERT_TRUE(added.ok());
  EXPECT_EQ(*added, 2u);  // Luhansk and Bakhmut; Donetsk is a derived region already
  EXPECT_EQ(g.size(), before + 2);
  // The suffix is dropped; the name alone finds the province.
  bool luhansk = false;
  for (uint32_t c : g.Candidates("Luhansk")) {
    const GeoPlace& p = g.place(c);
    if (p.kind == PlaceKind::kAdmin1 && p.country == "UA") {
      luhansk = true;
      EXPECT_EQ(p.feature, "ADM1");
      EXPECT_NEAR(p.lat, 48.9, 1e-9);
    }
  }
  EXPECT_TRUE(luhansk);
  // Named like a city of its country: its seat's namesake, so the city still wins alone.
  for (uint32_t c : g.Candidates("Bakhmut")) {
    if (g.place(c).kind == PlaceKind::kAdmin1) {
      EXPECT_EQ(g.place(c).feature, "ADM1S");
    }
  }
  std::vector<PlaceQuery> q = {{"Bakhmut"}};
  auto pick = ResolvePlaces(g, q, {});
  ASSERT_TRUE(pick[0]);
  EXPECT_EQ(g.place(*pick[0]).kind, PlaceKind::kCity);
  // The derived Donetsk region takes the published point.
  for (uint32_t c : g.Candidates("Donetsk")) {
    const GeoPlace& p = g.place(c);
    if (p.kind == PlaceKind::kAdmin1 && p.country == "UA") {
      EXPECT_NEAR(p.lat, 48.1, 1e-9);
      EXPECT_NEAR(p.lon, 37.7, 1e-9);
    }
  }
  EXPECT_FALSE(g.AddStates("{\"name\": 1}").ok());
  EXPECT_FALSE(g.AddStates("not json").ok());
}

TEST(ResolveTest, CitySectionNeedsItsCountryOrANearbyPlace) {
  const Gazetteer& g = TestGazetteer();
  // "the Old Quarter" in a story about Ukraine is not the one listed in France.
  std::vector<PlaceQuery> far = {{"Old Quarter"}, {"Kyiv"}};
  auto picks = ResolvePlaces(g, far, std::vector<std::string>{"UA"});
  EXPECT_FALSE(picks[0].has_value());
  EXPECT_TRUE(picks[1].has_value());
  // Next to Paris, or in a story about France, it is that one.
  std::vector<PlaceQuery> near = {{"Old Quarter"}, {"Paris"}};
  picks = ResolvePlaces(g, near, {});
  ASSERT_TRUE(picks[0].has_value());
  EXPECT_EQ(g.place(*picks[0]).geonames_id, 1028);
  std::vector<PlaceQuery> alone = {{"Old Quarter"}};
  picks = ResolvePlaces(g, alone, std::vector<std::string>{"FR"});
  EXPECT_TRUE(picks[0].has_value());
}

TEST(ResolveTest, DerivedRegionSitsAmongItsCities) {
  const Gazetteer& g = TestGazetteer();
  std::vector<PlaceQuery> q = {{"Donetsk", true}};
  auto pick = ResolvePlaces(g, q, {});
  ASSERT_TRUE(pick[0]);
  const GeoPlace& p = g.place(*pick[0]);
  EXPECT_EQ(p.kind, PlaceKind::kAdmin1);
  EXPECT_EQ(p.geonames_id, 0);  // derived: no GeoNames id of its own
  EXPECT_LT(DistanceKm(p.lat, p.lon, 48.5, 37.9), 60);
}

// How a place name is used where it stands.
struct UseCase {
  std::string text;
  std::string name;  // the mention: its first occurrence in `text`
  PlaceUse expected;
};
class PlaceUseTest : public ::testing::TestWithParam<UseCase> {};
TEST_P(PlaceUseTest, ReadsTheWordsAround) {
  const UseCase& c = GetParam();
  const size_t start = c.text.find(c.name);
  ASSERT_NE(start, std::string::npos);
  EXPECT_EQ(ClassifyPlaceUse(c.text, start, start + c.name.size(), &TestGazetteer()), c.expected)
      << c.text;
  EXPECT_EQ(IsMetonymicPlaceMention(c.text, start, start + c.name.size()),
            c.expected == PlaceUse::kGovernment)
      << c.text;
}
INSTANTIATE_TEST_SUITE_P(
    Uses, PlaceUseTest,
    ::testing::Values(
        // Governments: subject of a speech or decision verb, possessor of a policy noun.
        UseCase{"Washington said on Monday it would send more aid.", "Washington",
                PlaceUse::kGovernment},
        UseCase{"Moscow has repeatedly claimed that the town fell.", "Moscow",
                PlaceUse::kGovernment},
        UseCase{"Kyiv denies the report.", "Kyiv", PlaceUse::kGovernment},
        UseCase{"It tested Kyiv's allies.", "Kyiv", PlaceUse::kGovernment},
        UseCase{"Moscow\xE2\x80\x99s latest position is unchanged.", "Moscow",
                PlaceUse::kGovernment},
        UseCase{"Moscow-backed separatists shelled the town.", "Moscow", PlaceUse::kGovernment},
        UseCase{"Washington and Kyiv agreed on a plan.", "Washington", PlaceUse::kGovernment},
        // Scenes: after a locative preposition, or with any other verb.
        UseCase{"Officials in Moscow said the talks failed.", "Moscow", PlaceUse::kScene},
        UseCase{"It is a think tank in Washington.", "Washington", PlaceUse::kScene},
        UseCase{"Shelling hit Bakhmut on Monday.", "Bakhmut", PlaceUse::kScene},
        UseCase{"Bakhmut has been under fire for months.", "Bakhmut", PlaceUse::kScene},
        UseCase{"Bakhmut\xE2\x80\x99s defenders held on.", "Bakhmut", PlaceUse::kScene},
        UseCase{"He jetted into Washington hours later and said so.", "Washington",
                PlaceUse::kScene},
        // Peoples and languages.
        UseCase{"About 75 percent come from the minority Kazakh and Tartar populations.", "Tartar",
                PlaceUse::kPeople},
        UseCase{"They spoke to ethnic Tartar residents.", "Tartar", PlaceUse::kPeople},
        UseCase{"Most Russian and Tartar recruits were young.", "Tartar", PlaceUse::kPeople},
        UseCase{"Fighting resumed in Tartar on Monday.", "Tartar", PlaceUse::kScene},
        // The first words of an organisation's name.
        UseCase{"a fellow at The Royal United Services Institute, a think tank", "Royal",
                PlaceUse::kNamePart},
        UseCase{"a fellow at the Royal United Services Institute", "Royal United Services",
                PlaceUse::kNamePart},
        UseCase{"The Washington Post reported it.", "Washington", PlaceUse::kNamePart},
        UseCase{"Ebola in the Democratic Republic of the Congo", "Republic", PlaceUse::kNamePart},
        UseCase{"The People's Republic of China", "Republic of", PlaceUse::kNamePart},
        UseCase{"The Republic of Ireland voted.", "Republic of Ireland", PlaceUse::kScene}));

TEST(PlaceUseTest, OutOfRangeIsAScene) {
  EXPECT_EQ(ClassifyPlaceUse("Kyiv said", 5, 3), PlaceUse::kScene);
  EXPECT_EQ(ClassifyPlaceUse("Kyiv said", 0, 99), PlaceUse::kScene);
  EXPECT_EQ(ClassifyPlaceUse("Kyiv", 0, 4), PlaceUse::kScene);
}

// Namesakes among US states, capitals and small towns.
const Gazetteer& NamesakeGazetteer() {
  static const Gazetteer* g = [] {
    std::vector<testing::City> cities = {
        {2001, "Washington, D.C.", "US", "PPLC", "DC", 600000, 38.90, -77.04, "Washington"},
        {2002, "Washington", "GB", "PPL", "ENG", 53000, 54.90, -1.52, ""},
        {2003, "London", "GB", "PPLC", "ENG", 8900000, 51.51, -0.13, ""},
        {2004, "Seattle", "US", "PPL", "WA", 740000, 47.61, -122.33, ""},
        {2005, "Philadelphia", "US", "PPL", "PA", 1500000, 39.95, -75.17, ""},
        {2006, "Los Angeles", "US", "PPL", "CA", 3900000, 34.05, -118.24, ""},
        {2007, "California", "US", "PPL", "PA", 6600, 40.07, -79.89, ""},
        {2008, "Victoria", "SC", "PPLC", "17", 22000, -4.62, 55.45, ""},
        {2009, "Victoria", "CA", "PPLA", "02", 290000, 48.43, -123.37, ""},
        {2010, "Vancouver", "CA", "PPL", "02", 630000, 49.25, -123.12, ""},
    };
    return Gazetteer::FromPbf(testing::EncodeCities(cities)).value().release();
  }();
  return *g;
}

TEST(ResolveTest, AnUnqualifiedCapitalIsTheCapital) {
  const Gazetteer& g = NamesakeGazetteer();
  // "a think tank in Washington" in a story that also names London and Britain.
  std::vector<PlaceQuery> q = {{"Washington"}, {"London"}, {"Britain"}};
  auto picks = ResolvePlaces(g, q, std::vector<std::string>{"GB", "UA"});
  ASSERT_TRUE(picks[0]);
  EXPECT_EQ(g.place(*picks[0]).geonames_id, 2001);
  // A small capital does not take the name from a much larger namesake near the others.
  std::vector<PlaceQuery> v = {{"Victoria"}, {"Vancouver"}};
  picks = ResolvePlaces(g, v, {});
  ASSERT_TRUE(picks[0]);
  EXPECT_EQ(g.place(*picks[0]).geonames_id, 2009);
}

TEST(ResolveTest, AStateNamedAmongStatesIsTheState) {
  const Gazetteer& g = NamesakeGazetteer();
  // "cases in Washington, Pennsylvania and California".
  std::vector<PlaceQuery> q = {{"Washington"}, {"Pennsylvania"}, {"California"}};
  auto picks = ResolvePlaces(g, q, {});
  for (size_t i = 0; i < q.size(); ++i) {
    ASSERT_TRUE(picks[i]) << q[i].name;
    EXPECT_EQ(g.place(*picks[i]).kind, PlaceKind::kAdmin1) << q[i].name;
    EXPECT_EQ(g.place(*picks[i]).country, "US") << q[i].name;
  }
}

TEST(ResolveTest, NamesNearOneReadingSupportIt) {
  const Gazetteer& g = TestGazetteer();
  // Odessa with Dallas and Houston is the Texan one; with Kyiv and Kharkiv, Ukraine's.
  std::vector<PlaceQuery> q = {{"Odessa"}, {"Dallas"}, {"Houston"}, {"Austin"}};
  auto picks = ResolvePlaces(g, q, {});
  ASSERT_TRUE(picks[0]);
  EXPECT_EQ(g.place(*picks[0]).geonames_id, 1016);
  std::vector<PlaceQuery> ua = {{"Odessa"}, {"Kyiv"}, {"Kharkiv"}};
  picks = ResolvePlaces(g, ua, {});
  ASSERT_TRUE(picks[0]);
  EXPECT_EQ(g.place(*picks[0]).geonames_id, 1015);
  // A far name alone does not move a capital.
  std::vector<PlaceQuery> alone = {{"Paris"}, {"Moscow"}};
  picks = ResolvePlaces(g, alone, {});
  ASSERT_TRUE(picks[0]);
  EXPECT_EQ(g.place(*picks[0]).geonames_id, 1010);
}

TEST(ResolveTest, AnUnknownNameTakesTheSettlementTheTextGives) {
  const Gazetteer& g = TestGazetteer();
  // "Pirbright, Kharkiv": a name the gazetteer lacks, followed by its settlement.
  std::vector<PlaceQuery> q = {
      {"Pirbright", false, 100}, {"Kharkiv", false, 111}, {"Kyiv", false, 400}};
  auto picks = ResolvePlaces(g, q, {});
  ASSERT_TRUE(picks[0]);
  EXPECT_EQ(g.place(*picks[0]).geonames_id, 1008);
  // A feature takes the nearest settlement in the text, before or after it.
  std::vector<PlaceQuery> f = {
      {"Kyiv", false, 10}, {"Soledar", false, 200}, {"Siverskyi Donets river", false, 230}};
  picks = ResolvePlaces(g, f, {});
  ASSERT_TRUE(picks[2]);
  EXPECT_EQ(g.place(*picks[2]).geonames_id, 1005);
  // With no settlement near, a feature takes the one the document names most...
  std::vector<PlaceQuery> m = {{"Bakhmut", false, 10},
                               {"Bakhmut", false, 900},
                               {"Kyiv", false, 1500},
                               {"Bakhmut", false, 2000},
                               {"Lake Nowhere", false, 3000}};
  picks = ResolvePlaces(g, m, {});
  ASSERT_TRUE(picks[4]);
  EXPECT_EQ(g.place(*picks[4]).geonames_id, 1004);
  // ...and so does a name used as a place ("in Pirbright"); a bare unknown name stays
  // unresolved rather than taking a namesake or a settlement it has no tie to.
  m[4] = {"Pirbright", false, 3000, /*located=*/true};
  picks = ResolvePlaces(g, m, {});
  ASSERT_TRUE(picks[4]);
  EXPECT_EQ(g.place(*picks[4]).geonames_id, 1004);
  m[4] = {"Pirbright", false, 3000, /*located=*/false};
  picks = ResolvePlaces(g, m, {});
  EXPECT_FALSE(picks[4]);
}

TEST(GazetteerTest, APublishedPointMovesAStateUnderAllItsNames) {
  auto made = Gazetteer::FromPbf(testing::EncodeCities(testing::TestCities()));
  ASSERT_TRUE(made.ok());
  Gazetteer& g = **made;
  ASSERT_TRUE(g.AddStates(R"([{"name": "Texas", "country_code": "US", "type": "state",
                              "latitude": "31.3", "longitude": "-98.5"}])")
                  .ok());
  for (const char* name : {"Texas", "Tex."}) {
    bool found = false;
    for (uint32_t c : g.Candidates(name)) {
      const GeoPlace& p = g.place(c);
      if (p.kind != PlaceKind::kAdmin1) continue;
      found = true;
      EXPECT_NEAR(p.lat, 31.3, 1e-9) << name;
      EXPECT_NEAR(p.lon, -98.5, 1e-9) << name;
    }
    EXPECT_TRUE(found) << name;
  }
}

TEST(ResolveTest, AnUnknownNameFallsBackToAKnownPartOfIt) {
  const Gazetteer& g = TestGazetteer();
  std::vector<PlaceQuery> q = {
      {"U.S. Army"}, {"Kyiv Independent"}, {"mid-Texas"}, {"North Nowhere"}, {"Kyiv Street"}};
  auto picks = ResolvePlaces(g, q, {});
  ASSERT_TRUE(picks[0]);
  EXPECT_EQ(g.place(*picks[0]).kind, PlaceKind::kCountry);
  EXPECT_EQ(g.place(*picks[0]).country, "US");
  ASSERT_TRUE(picks[1]);
  EXPECT_EQ(g.place(*picks[1]).geonames_id, 1001);
  ASSERT_TRUE(picks[2]);
  EXPECT_EQ(g.place(*picks[2]).kind, PlaceKind::kAdmin1);
  // A bare direction is no place; a street is a feature, placed by its settlement only.
  EXPECT_FALSE(picks[3]);
  EXPECT_FALSE(picks[4]);
}

TEST(PlaceUseTest, UsedAsPlace) {
  auto used = [](const std::string& text, const std::string& name) {
    const size_t start = text.find(name);
    return UsedAsPlace(text, start, start + name.size());
  };
  EXPECT_TRUE(used("The village of Kampungu has been quarantined.", "Kampungu"));
  EXPECT_TRUE(used("refugees living in Kenya's overcrowded Dadaab camps", "Dadaab"));
  EXPECT_TRUE(used("A resident of Mabvuku, a suburb east of Harare, said", "Mabvuku"));
  EXPECT_TRUE(used("found in their homes in the Nairobi slum Kibera.", "Kibera"));
  EXPECT_TRUE(used("Fighting near Soledar went on.", "Soledar"));
  EXPECT_FALSE(used("Kampungu said it was calm.", "Kampungu"));
  EXPECT_FALSE(used("A resident of Mabvuku told reporters.", "Mabvuku"));
  EXPECT_FALSE(UsedAsPlace("Kyiv", 3, 2));
}

TEST(GazetteerTest, BuiltinIslandsAndRegions) {
  const Gazetteer& g = TestGazetteer();
  for (const char* name : {"Sumatra", "Mindanao", "Jutland", "Americas", "Panama Canal"}) {
    auto c = g.Candidates(name);
    ASSERT_FALSE(c.empty()) << name;
    EXPECT_EQ(g.place(c[0]).kind, PlaceKind::kRegion) << name;
  }
  auto re = g.Candidates("Reunion");
  ASSERT_FALSE(re.empty());
  EXPECT_EQ(g.place(re[0]).country, "RE");
}

TEST(PlaceUseTest, LocativePrepositions) {
  const std::string text = "Shelling in the Pirbright area, near Kyiv and Kharkiv.";
  EXPECT_TRUE(FollowsLocativePreposition(text, text.find("Pirbright")));
  EXPECT_TRUE(FollowsLocativePreposition(text, text.find("Kyiv")));
  EXPECT_FALSE(FollowsLocativePreposition(text, text.find("Kharkiv")));
  EXPECT_FALSE(FollowsLocativePreposition(text, 0));
}

TEST(DistanceTest, KnownDistances) {
  EXPECT_NEAR(DistanceKm(50.45, 30.52, 50.45, 30.52), 0, 1e-9);
  EXPECT_NEAR(DistanceKm(51.5074, -0.1278, 48.8566, 2.3522), 343.5, 2);  // London-Paris
  EXPECT_NEAR(DistanceKm(0, 0, 0, 180), 20015, 5);
}

TEST(GazetteerTest, RealDataLoadsFast) {
  std::string path = DefaultGazetteerPath();
  if (!std::filesystem::exists(path)) GTEST_SKIP() << path << " not installed";
  auto t0 = std::chrono::steady_clock::now();
  auto g = LoadGazetteer(path);
  auto ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0);
  ASSERT_TRUE(g.ok()) << g.status().ToString();
  EXPECT_GT(g.value()->size(), 130000u);
  auto kyiv = g.value()->Candidates("Kiev");
  ASSERT_FALSE(kyiv.empty());
  std::vector<PlaceQuery> q = {{"Bakhmut"}, {"Soledar"}, {"Kramatorsk"}, {"Kiev"}};
  auto picks = ResolvePlaces(**g, q, {});
  for (auto& p : picks) {
    ASSERT_TRUE(p);
    EXPECT_EQ(g.value()->place(*p).country, "UA");
  }
  RecordProperty("load_ms", std::to_string(ms.count()));
}

}  // namespace
}  // namespace sitrep::extract
