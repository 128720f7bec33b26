// robots.txt parsing and matching: RFC 9309 examples, group selection, odd input, and the
// wildcard matcher checked against std::regex on random patterns and paths.
#include "fetch/robots.h"

#include <gtest/gtest.h>

#include <random>
#include <regex>
#include <string>
#include <vector>

namespace sitrep::fetch {
namespace {

struct Case {
  std::string robots;
  std::string path;
  bool allowed;
};

TEST(RobotsTest, Table) {
  const std::string google_example =  // RFC 9309 section 5.2 style
      "User-agent: *\nDisallow: /example/page.html\nDisallow: /example/disallowed.gif\n"
      "\nUser-agent: foobot\nAllow: /example/page.html\nAllow: /example/allowed.gif\n"
      "Disallow: /example/\n";
  const std::vector<Case> cases = {
      {"", "/anything", true},
      {"User-agent: *\nDisallow: /", "/", false},
      {"User-agent: *\nDisallow: /", "/robots.txt", true},  // always allowed
      {"User-agent: *\nDisallow: /private", "/private/a", false},
      {"User-agent: *\nDisallow: /private", "/privateer", false},  // prefix match
      {"User-agent: *\nDisallow: /private/", "/private", true},
      {"User-agent: *\nDisallow: /private", "/public", true},
      {"User-agent: *\nDisallow:", "/x", true},                      // empty Disallow
      {"User-agent: *\nDisallow: /a\nAllow: /a/b", "/a/b/c", true},  // longest wins
      {"User-agent: *\nAllow: /a\nDisallow: /a/b", "/a/b/c", false},
      {"User-agent: *\nAllow: /page\nDisallow: /*.html", "/page.html", false},  // 6 > 5
      {"User-agent: *\nAllow: /folder\nDisallow: /folder", "/folder/x", true},  // tie: allow
      {"User-agent: *\nDisallow: /*.gif$", "/a/b.gif", false},
      {"User-agent: *\nDisallow: /*.gif$", "/a/b.gif?x=1", true},
      {"User-agent: *\nDisallow: /*?", "/search?q=1", false},
      {"User-agent: *\nDisallow: /*?", "/search", true},
      {"User-agent: *\nDisallow: /$", "/", false},
      {"User-agent: *\nDisallow: /$", "/a", true},
      {"User-agent: *\nDisallow: /a%3cd", "/a%3Cd", false},            // escapes case-insensitive
      {"User-agent: *\nDisallow: /caf\xC3\xA9", "/caf%C3%A9", false},  // non-ASCII encoded
      {"User-agent: *\nDisallow: private", "/private", false},         // missing leading '/'
      // Our group, found by product token, replaces the '*' group.
      {"User-agent: *\nDisallow: /\n\nUser-agent: sitrep\nDisallow: /tmp", "/news", true},
      {"User-agent: *\nDisallow: /\n\nUser-agent: SiTrEp/2.0\nDisallow: /tmp", "/tmp/a", false},
      {"User-agent: sitrepbot\nDisallow: /\n", "/x", true},  // another crawler
      // Several User-agent lines share one group; two groups for us merge.
      {"User-agent: otherbot\nUser-agent: sitrep\nDisallow: /a\n", "/a", false},
      {"User-agent: sitrep\nDisallow: /a\nUser-agent: otherbot\nDisallow: /b\n"
       "User-agent: sitrep\nDisallow: /c\n",
       "/c", false},
      {"User-agent: sitrep\nDisallow: /a\nUser-agent: otherbot\nDisallow: /b\n", "/b", true},
      // Comments, case of keys, CRLF, junk lines, rules before any User-agent.
      {"Disallow: /x\n# c\nUSER-AGENT: * # all\r\nDISALLOW: /y # no\r\ngarbage\n", "/y", false},
      {"Disallow: /x\nUser-agent: *\nDisallow: /y\n", "/x", true},
      {google_example, "/example/page.html", false},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(RobotsRules::Parse(c.robots, "sitrep/0.1.0").Allowed(c.path), c.allowed)
        << "robots:\n"
        << c.robots << "\npath: " << c.path;
  }
  const RobotsRules foobot = RobotsRules::Parse(google_example, "foobot");
  EXPECT_TRUE(foobot.Allowed("/example/page.html"));
  EXPECT_TRUE(foobot.Allowed("/example/allowed.gif"));
  EXPECT_FALSE(foobot.Allowed("/example/other"));
}

TEST(RobotsTest, DefaultsAndCrawlDelay) {
  EXPECT_TRUE(RobotsRules().Allowed("/a"));
  EXPECT_FALSE(RobotsRules::DisallowAll().Allowed("/a"));
  EXPECT_FALSE(RobotsRules::DisallowAll().Allowed(""));
  const RobotsRules r =
      RobotsRules::Parse("User-agent: *\nCrawl-delay: 2.5\nDisallow: /x\n", "sitrep");
  ASSERT_TRUE(r.crawl_delay().has_value());
  EXPECT_DOUBLE_EQ(*r.crawl_delay(), 2.5);
  EXPECT_EQ(r.rule_count(), 1u);
  EXPECT_FALSE(
      RobotsRules::Parse("User-agent: *\nCrawl-delay: soon\n", "sitrep").crawl_delay().has_value());
  EXPECT_EQ(ProductToken("sitrep/0.1.0 (+https://x)"), "sitrep");
  EXPECT_EQ(ProductToken("Mozilla/5.0"), "mozilla");
}

TEST(RobotsTest, AnyBytesParse) {
  std::mt19937 rng(7);
  for (int i = 0; i < 300; ++i) {
    std::string junk(rng() % 200, '\0');
    for (char& c : junk) c = static_cast<char>(rng() % 256);
    if (i % 2 == 0) junk = "User-agent: *\nDisallow: " + junk;
    const RobotsRules r = RobotsRules::Parse(junk, "sitrep");
    (void)r.Allowed(junk);
    EXPECT_TRUE(r.Allowed("/robots.txt"));
  }
}

// Reference: the pattern as a regular expression, matched from the start.
bool RegexMatches(const std::string& pattern, const std::string& path) {
  std::string re;
  for (size_t i = 0; i < pattern.size(); ++i) {
    const char c = pattern[i];
    if (c == '*') {
      re += ".*";
    } else if (c == '$' && i + 1 == pattern.size()) {
      re += "$";
    } else {
      re += '[';
      re += c;
      re += ']';
    }
  }
  return std::regex_search(path, std::regex("^" + re));
}

TEST(RobotsTest, WildcardMatcherAgreesWithRegex) {
  std::mt19937 rng(42);
  const std::string alphabet = "/ab.*";
  const auto random_string = [&](size_t max_len, bool allow_star) {
    std::string s = "/";
    const size_t n = rng() % max_len;
    for (size_t i = 0; i < n; ++i) {
      char c = alphabet[rng() % alphabet.size()];
      if (c == '*' && !allow_star) c = 'a';
      s += c;
    }
    return s;
  };
  for (int i = 0; i < 3000; ++i) {
    std::string pattern = random_string(7, true);
    if (rng() % 3 == 0) pattern += '$';
    const std::string path = random_string(10, false);
    const bool expected = RegexMatches(pattern, path);
    const RobotsRules r = RobotsRules::Parse("User-agent: *\nDisallow: " + pattern, "sitrep");
    EXPECT_EQ(!r.Allowed(path), expected) << "pattern " << pattern << " path " << path;
  }
}

}  // namespace
}  // namespace sitrep::fetch
