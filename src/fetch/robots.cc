#include "fetch/robots.h"

#include <cctype>
#include <cstdlib>
#include <string>
#include <string_view>

namespace sitrep::fetch {
namespace {

std::string_view Trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

bool IsHex(char c) { return std::isxdigit(static_cast<unsigned char>(c)) != 0; }

// Percent-escapes upper-cased; bytes >= 0x80 and spaces percent-encoded.
std::string Normalize(std::string_view s) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    if (c == '%' && i + 2 < s.size() && IsHex(s[i + 1]) && IsHex(s[i + 2])) {
      out += '%';
      out += static_cast<char>(std::toupper(static_cast<unsigned char>(s[i + 1])));
      out += static_cast<char>(std::toupper(static_cast<unsigned char>(s[i + 2])));
      i += 2;
    } else if (c >= 0x80 || c == ' ') {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    } else {
      out += static_cast<char>(c);
    }
  }
  return out;
}

// Whether `pattern` ('*' wildcards, optional final '$') matches a prefix of `path` (or
// all of it, with '$'). Greedy matching with one backtrack point per '*' (the classic
// linear-space wildcard algorithm), O(|pattern| * |path|) at worst.
bool Matches(std::string_view pattern, std::string_view path) {
  bool anchored = false;
  if (!pattern.empty() && pattern.back() == '$') {
    anchored = true;
    pattern.remove_suffix(1);
  }
  size_t p = 0, s = 0;
  size_t star = std::string_view::npos, star_s = 0;
  while (true) {
    if (p == pattern.size()) {
      if (!anchored || s == path.size()) return true;
      // Anchored and path left over: let the last '*' swallow more.
    } else if (pattern[p] == '*') {
      star = p++;
      star_s = s;
      continue;
    } else if (s < path.size() && pattern[p] == path[s]) {
      ++p;
      ++s;
      continue;
    }
    if (star == std::string_view::npos || star_s >= path.size()) return false;
    p = star + 1;
    s = ++star_s;
  }
}

}  // namespace

RobotsRules RobotsRules::DisallowAll() {
  RobotsRules r;
  r.rules_.push_back({"/", false});
  return r;
}

std::string ProductToken(std::string_view user_agent) {
  size_t n = 0;
  while (n < user_agent.size() && (std::isalnum(static_cast<unsigned char>(user_agent[n])) ||
                                   user_agent[n] == '-' || user_agent[n] == '_')) {
    ++n;
  }
  return Lower(user_agent.substr(0, n));
}

RobotsRules RobotsRules::Parse(std::string_view robots_txt, std::string_view agent) {
  const std::string token = ProductToken(agent);
  RobotsRules mine, star;
  bool have_mine = false, have_star = false;
  // State of the group being read: which agents it is for, and whether its agent lines
  // are over (a rule line ends them; the next User-agent starts a new group).
  bool for_mine = false, for_star = false, in_rules = true;
  size_t pos = 0;
  while (pos < robots_txt.size()) {
    size_t end = robots_txt.find_first_of("\r\n", pos);
    if (end == std::string_view::npos) end = robots_txt.size();
    std::string_view line = robots_txt.substr(pos, end - pos);
    pos = end + 1;
    if (const size_t hash = line.find('#'); hash != std::string_view::npos) {
      line = line.substr(0, hash);
    }
    const size_t colon = line.find(':');
    if (colon == std::string_view::npos) continue;
    const std::string key = Lower(Trim(line.substr(0, colon)));
    const std::string_view value = Trim(line.substr(colon + 1));
    if (key == "user-agent") {
      if (in_rules) {
        for_mine = for_star = false;
        in_rules = false;
      }
      const std::string name = ProductToken(value);
      if (value == "*") {
        for_star = true;
        have_star = true;
      } else if (!token.empty() && name == token) {
        for_mine = true;
        have_mine = true;
      }
      continue;
    }
    if (key != "allow" && key != "disallow" && key != "crawl-delay") continue;
    in_rules = true;
    RobotsRules* target = for_mine ? &mine : for_star ? &star : nullptr;
    if (target == nullptr) continue;
    if (key == "crawl-delay") {
      const std::string v(value);
      char* endp = nullptr;
      const double d = std::strtod(v.c_str(), &endp);
      if (endp != v.c_str() && *endp == '\0' && d >= 0 && d < 1e6) target->crawl_delay_ = d;
      continue;
    }
    if (value.empty()) continue;  // "Disallow:" disallows nothing.
    std::string pattern = Normalize(value);
    if (pattern[0] != '/' && pattern[0] != '*') pattern.insert(0, 1, '/');
    target->rules_.push_back({std::move(pattern), key == "allow"});
  }
  if (have_mine) return mine;
  if (have_star) return star;
  return RobotsRules();
}

bool RobotsRules::Allowed(std::string_view path) const {
  if (rules_.empty()) return true;
  std::string p = Normalize(path.empty() ? std::string_view("/") : path);
  if (p == "/robots.txt") return true;
  // Longest match wins; on equal length Allow wins.
  size_t best = 0;
  bool matched = false, allowed = true;
  for (const Rule& r : rules_) {
    if (matched && r.pattern.size() < best) continue;
    if (!Matches(r.pattern, p)) continue;
    if (!matched || r.pattern.size() > best || r.allow) {
      allowed = r.allow;
      best = r.pattern.size();
      matched = true;
    }
  }
  return allowed;
}

}  // namespace sitrep::fetch
