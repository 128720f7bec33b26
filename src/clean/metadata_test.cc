#include <gtest/gtest.h>

#include <optional>
#include <string>

#include "clean/clean.h"

namespace sitrep::clean {
namespace {

struct Case {
  std::string input;
  std::optional<std::string> want;
};

class ParseDateTest : public ::testing::TestWithParam<Case> {};
TEST_P(ParseDateTest, Parses) {
  EXPECT_EQ(ParseDate(GetParam().input), GetParam().want) << GetParam().input;
}
INSTANTIATE_TEST_SUITE_P(
    Cases, ParseDateTest,
    ::testing::Values(
        Case{"2022-10-28", "2022-10-28"}, Case{"2022-10-28T09:15:00Z", "2022-10-28"},
        Case{"date 2022-10-28 [[title]]", "2022-10-28"}, Case{"2022/1/5", "2022-01-05"},
        Case{"28.10.2022", "2022-10-28"}, Case{"10/28/2022", "2022-10-28"},
        Case{"28/10/2022", "2022-10-28"}, Case{"October 28, 2022", "2022-10-28"},
        Case{"on March 8, 2023 (Example.org)", "2023-03-08"}, Case{"28 October 2022", "2022-10-28"},
        Case{"Oct. 28, 2022", "2022-10-28"}, Case{"Sept 3rd, 2021", "2021-09-03"},
        Case{"Fri, 28 Oct 2022 09:00:00 GMT", "2022-10-28"}, Case{"28. Oktober 2022", "2022-10-28"},
        Case{"28 de octubre de 2022", "2022-10-28"}, Case{"8 mars 2023", "2023-03-08"},
        Case{"2022-02-30", std::nullopt}, Case{"1850-01-01", std::nullopt},
        Case{"February 24", std::nullopt}, Case{"about 73,000 people", std::nullopt},
        Case{"", std::nullopt}, Case{"May 2022", std::nullopt}));

class UrlDateTest : public ::testing::TestWithParam<Case> {};
TEST_P(UrlDateTest, Parses) {
  EXPECT_EQ(DateFromUrl(GetParam().input), GetParam().want) << GetParam().input;
}
INSTANTIATE_TEST_SUITE_P(
    Cases, UrlDateTest,
    ::testing::Values(Case{"https://example.org/news/2022/10/28/story", "2022-10-28"},
                      Case{"https://example.org/2019/11/19/opinion/x.html", "2019-11-19"},
                      Case{"https://example.org/world-2022-10-28-story", "2022-10-28"},
                      Case{"https://example.org/a/20221028/story", "2022-10-28"},
                      Case{"https://example.org/a/story-11574168580", std::nullopt},
                      Case{"https://example.org/2022/10/story", std::nullopt},
                      Case{"https://2022.example.org/", std::nullopt},
                      Case{"not a url", std::nullopt}));

class HostTest : public ::testing::TestWithParam<Case> {};
TEST_P(HostTest, Parses) {
  EXPECT_EQ(HostFromUrl(GetParam().input), GetParam().want) << GetParam().input;
}
INSTANTIATE_TEST_SUITE_P(
    Cases, HostTest,
    ::testing::Values(Case{"https://www.example.org/a/b", "example.org"},
                      Case{"http://News.Example.co.uk:8080/x?y", "news.example.co.uk"},
                      Case{"//cdn.example.net/a", "cdn.example.net"},
                      Case{"https://localhost/", std::nullopt}, Case{"example", std::nullopt}));

struct StripCase {
  std::string title;
  std::string site;
  std::string want;
};
class StripTest : public ::testing::TestWithParam<StripCase> {};
TEST_P(StripTest, Strips) {
  EXPECT_EQ(StripSiteName(GetParam().title, GetParam().site), GetParam().want) << GetParam().title;
}
INSTANTIATE_TEST_SUITE_P(
    Cases, StripTest,
    ::testing::Values(
        StripCase{"Harbour wall collapses | The Example Courier", "The Example Courier",
                  "Harbour wall collapses"},
        StripCase{"Harbour wall collapses - Example Courier", "The Example Courier",
                  "Harbour wall collapses"},
        StripCase{"Harbour wall collapses \u2014 examplecourier.test", "examplecourier.test",
                  "Harbour wall collapses"},
        StripCase{"Example Courier | Harbour wall collapses", "Example Courier",
                  "Harbour wall collapses"},
        StripCase{"Harbour wall collapses in storm | News", "", "Harbour wall collapses in storm"},
        StripCase{"Harbour wall collapses | Local | Example Courier", "Example Courier",
                  "Harbour wall collapses"},
        // A hyphen inside the headline is not a site suffix.
        StripCase{"Post-war town rebuilds - slowly", "Example Courier",
                  "Post-war town rebuilds - slowly"},
        StripCase{"Example Courier", "Example Courier", "Example Courier"},
        StripCase{"Courier: Harbour wall collapses", "Courier", "Harbour wall collapses"}));

class BylineTest : public ::testing::TestWithParam<Case> {};
TEST_P(BylineTest, Parses) {
  EXPECT_EQ(BylineName(GetParam().input), GetParam().want) << GetParam().input;
}
INSTANTIATE_TEST_SUITE_P(
    Cases, BylineTest,
    ::testing::Values(Case{"By Jane Doe", "Jane Doe"}, Case{"Author: Dave Example", "Dave Example"},
                      Case{"By Jane Doe and John Roe, Reuters", "Jane Doe and John Roe"},
                      Case{"BY JANE DOE | October 28, 2022", "JANE DOE"},
                      Case{"Written by Ana de la Cruz", "Ana de la Cruz"},
                      Case{"Von Anna Berger", "Anna Berger"},
                      Case{"Par Jean Dupont", "Jean Dupont"},
                      Case{"By Jane Doe Updated 3 hours ago", "Jane Doe"},
                      Case{"by the river the town waited.", std::nullopt},
                      Case{"By the end of the week, prices had doubled.", std::nullopt},
                      Case{"Jane Doe", std::nullopt}, Case{"", std::nullopt}));

TEST(LanguageTest, DetectsCommonLanguages) {
  EXPECT_EQ(DetectLanguage("The town council voted on Thursday to close the old bridge to all "
                           "traffic after engineers found cracks in its supports."),
            "en");
  EXPECT_EQ(DetectLanguage("Die Stadtverwaltung hat am Dienstagabend die Altstadt evakuiert, "
                           "nachdem der Pegel des Flusses gestiegen war."),
            "de");
  EXPECT_EQ(DetectLanguage("Le conseil municipal a voté jeudi la fermeture du vieux pont à "
                           "toute circulation après la découverte de fissures."),
            "fr");
  EXPECT_EQ(DetectLanguage("Городской совет в четверг проголосовал за закрытие старого моста "
                           "для всего транспорта после обнаружения трещин."),
            "ru");
  EXPECT_EQ(DetectLanguage(""), std::nullopt);
}

}  // namespace
}  // namespace sitrep::clean
