// robots.txt: the rules one crawler must follow on one site (RFC 9309).
//
// Parsing: lines are "key: value" with '#' comments; keys are case-insensitive. A group
// is one or more User-agent lines followed by Allow/Disallow (and Crawl-delay) lines. The
// groups whose User-agent names our product token (case-insensitive; "sitrep" matches
// "Sitrep", "sitrep/0.1" and "sitrep-bot"'s token "sitrep-bot" does not) are merged and
// used; when none does, the "*" groups are merged and used; with neither, everything is
// allowed. Lines before the first User-agent, unknown keys and junk are ignored, so any
// bytes parse.
//
// Matching: a rule's path pattern matches a URL path (with its query) from the start;
// '*' matches any run of characters and a final '$' anchors the end. The longest matching
// pattern (in bytes) decides; on a tie Allow wins; no match allows. An empty Disallow
// disallows nothing. "/robots.txt" is always allowed. Percent-escapes compare
// case-insensitively and non-ASCII bytes in patterns are compared percent-encoded.
//
// Thread-safety: a parsed RobotsRules is an immutable value.
#ifndef SITREP_FETCH_ROBOTS_H_
#define SITREP_FETCH_ROBOTS_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sitrep::fetch {

class RobotsRules {
 public:
  // Everything allowed (no robots.txt, or HTTP 4xx for it).
  RobotsRules() = default;

  // Everything disallowed (robots.txt unreachable: HTTP 5xx or a network error).
  static RobotsRules DisallowAll();

  // The rules in `robots_txt` for the crawler whose product token is `agent` ("sitrep").
  static RobotsRules Parse(std::string_view robots_txt, std::string_view agent);

  // Whether `path` (the URL's path and query, e.g. "/news/a?id=3"; "" counts as "/") may
  // be fetched.
  bool Allowed(std::string_view path) const;

  // The group's Crawl-delay in seconds, when it gave a valid one.
  std::optional<double> crawl_delay() const { return crawl_delay_; }

  // Number of Allow/Disallow rules that apply (for tests and logs).
  size_t rule_count() const { return rules_.size(); }

 private:
  struct Rule {
    std::string pattern;  // normalized (see file comment)
    bool allow = false;
  };
  std::vector<Rule> rules_;
  std::optional<double> crawl_delay_;
};

// The product token of a User-Agent string: "sitrep/0.1.0 (+url)" -> "sitrep".
std::string ProductToken(std::string_view user_agent);

}  // namespace sitrep::fetch

#endif  // SITREP_FETCH_ROBOTS_H_
