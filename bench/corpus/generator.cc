#include "corpus/generator.h"

#include <array>
#include <cstdio>
#include <random>
#include <string_view>

namespace sitrep::bench {
namespace {

constexpr std::array<std::string_view, 48> kPlaces = {
    "Avdiivka", "Bakhmut",      "Kramatorsk", "Sloviansk",  "Kherson",     "Izium",     "Lyman",
    "Vuhledar", "Mariupol",     "Kupiansk",   "Siversk",    "Toretsk",     "Pokrovsk",  "Marinka",
    "Soledar",  "Zaporizhzhia", "Orikhiv",    "Huliaipole", "Mosul",       "Tal Afar",  "Hawija",
    "Fallujah", "Ramadi",       "Tikrit",     "Raqqa",      "Deir ez-Zor", "Manbij",    "Kobani",
    "Idlib",    "Aleppo",       "Homs",       "Palmyra",    "Sirte",       "Misrata",   "Benghazi",
    "Derna",    "Goma",         "Bunia",      "Beni",       "Rutshuru",    "El Fasher", "Nyala",
    "Geneina",  "Omdurman",     "Marawi",     "Kidal",      "Gao",         "Timbuktu"};
constexpr std::array<std::string_view, 16> kOfficials = {
    "Governor Petro Marchenko",     "Defence Minister Ali Rahimi",
    "spokesman Oleh Savchuk",       "Colonel Samir Haddad",
    "Mayor Iryna Bondar",           "General Musa Kamara",
    "Interior Minister Lina Osei",  "police chief Yusuf Demir",
    "Deputy Mayor Anna Koval",      "Brigadier Karim Nasser",
    "regional chief Taras Melnyk",  "commander Idris Bello",
    "spokeswoman Olena Hrytsenko",  "Lieutenant Colonel Dmytro Lysenko",
    "Health Minister Amina Diallo", "Foreign Minister Jonas Berg"};
constexpr std::array<std::string_view, 10> kAgencies = {"the regional military administration",
                                                        "the defence ministry",
                                                        "the United Nations",
                                                        "the Red Cross",
                                                        "a monitoring group",
                                                        "the general staff",
                                                        "local authorities",
                                                        "the emergency service",
                                                        "the health ministry",
                                                        "a think tank in Washington"};
constexpr std::array<std::string_view, 7> kWeekdays = {
    "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"};
constexpr std::array<std::string_view, 12> kMonths = {
    "January", "February", "March",     "April",   "May",      "June",
    "July",    "August",   "September", "October", "November", "December"};
constexpr std::array<std::string_view, 12> kNouns = {
    "people", "civilians", "soldiers", "children", "residents", "fighters",
    "tanks",  "drones",    "missiles", "shells",   "homes",     "vehicles"};

// Sentence templates: {P} place, {P2} another place, {O} official, {A} agency, {W}
// weekday, {M} month, {N} number, {K} small number, {X} counted noun, {D} denied.
constexpr std::array<std::string_view, 24> kTemplates = {
    "Shelling killed at least {K} {X} in {P} on {W}, according to {A}.",
    "Troops advanced about {K} kilometres toward {P} over the past week, {O} said.",
    "{O} said forces had repelled {K} attacks near {P} overnight.",
    "More than {N} people have fled {P} since {M}, {A} said.",
    "The city of {P} has been without water or electricity for {K} weeks.",
    "{A} reported that {N} {X} were damaged in the strikes on {P} and {P2}.",
    "\"We will not give up {P},\" {O} told reporters on {W}.",
    "A missile strike on a market in {P} wounded {K} {X} on {W} morning.",
    "Forces claimed to have captured the village of {P2} north of {P}.",
    "{O} {D} that troops had withdrawn from positions east of {P}.",
    "Before the war {P} was home to about {N} people.",
    "Aid convoys reached {P} for the first time since {M}, {A} said.",
    "Drone attacks on {P2} continued for a {K}th night, {O} said on Telegram.",
    "The road between {P} and {P2} is under constant fire, residents said.",
    "{A} estimated that {N} {X} remain in {P} despite the fighting.",
    "Engineers rebuilt a bridge over the river near {P} on {W}.",
    "{O} said the front line near {P} had not moved in {K} days.",
    "Evacuation trains left {P} carrying {N} passengers, {A} said.",
    "Artillery fire hit a hospital in {P}, killing {K} {X}, {O} said.",
    "Fighting around {P} has intensified since {M}, according to {A}.",
    "{O} accused the enemy of using {X} against civilian areas of {P}.",
    "Satellite images showed {N} craters around {P2}, {A} said.",
    "The assault on {P} began in {M} and has cost thousands of lives.",
    "Schools in {P} have been closed for {K} months because of the shelling."};

constexpr std::array<std::pair<std::string_view, std::string_view>, 20> kSynonyms = {
    {{"killed", "left dead"},   {"said", "stated"},        {"fled", "escaped"},
     {"attacks", "assaults"},   {"troops", "soldiers"},    {"captured", "seized"},
     {"wounded", "injured"},    {"fighting", "combat"},    {"damaged", "hit"},
     {"reached", "arrived in"}, {"continued", "went on"},  {"constant", "relentless"},
     {"estimated", "reckoned"}, {"rebuilt", "repaired"},   {"intensified", "grown fiercer"},
     {"accused", "blamed"},     {"showed", "revealed"},    {"began", "started"},
     {"closed", "shut"},        {"according to", "citing"}}};

constexpr std::array<std::string_view, 6> kJunk = {
    "We use your sign-up to provide the newsletters you asked for. You can unsubscribe at any "
    "time. More info",
    "Don't miss…\nTen things to know about the weekend weather [LATEST]\nStar reveals the "
    "secret to a perfect lawn [LATEST]",
    "JUST IN: Markets fall sharply as oil prices climb",
    "[[title]] [[text]] An error occurred. Please try again. [[success]] Email address Sign up",
    "Source: Read Full Article",
    "Share this article on Facebook Twitter WhatsApp Email"};

class Gen {
 public:
  explicit Gen(uint64_t seed) : rng_(seed) {}
  size_t Pick(size_t n) { return std::uniform_int_distribution<size_t>(0, n - 1)(rng_); }
  double Unit() { return std::uniform_real_distribution<double>(0, 1)(rng_); }
  template <typename A>
  std::string_view From(const A& a) {
    return a[Pick(a.size())];
  }

  std::string Sentence(std::string_view place) {
    std::string_view t = From(kTemplates);
    std::string out;
    for (size_t i = 0; i < t.size(); ++i) {
      if (t[i] != '{') {
        out += t[i];
        continue;
      }
      const size_t close = t.find('}', i);
      const std::string_view slot = t.substr(i + 1, close - i - 1);
      i = close;
      if (slot == "P") {
        out += place;
      } else if (slot == "P2") {
        out += From(kPlaces);
      } else if (slot == "O") {
        out += From(kOfficials);
      } else if (slot == "A") {
        out += From(kAgencies);
      } else if (slot == "W") {
        out += From(kWeekdays);
      } else if (slot == "M") {
        out += From(kMonths);
      } else if (slot == "N") {
        out += Thousands(1000 + Pick(90000));
      } else if (slot == "K") {
        out += std::to_string(2 + Pick(40));
      } else if (slot == "X") {
        out += From(kNouns);
      } else if (slot == "D") {
        out += Pick(2) ? "denied" : "confirmed";
      }
    }
    if (!out.empty() && out[0] >= 'a' && out[0] <= 'z') out[0] = static_cast<char>(out[0] - 32);
    return out;
  }

  static std::string Thousands(size_t n) {
    std::string digits = std::to_string(n), out;
    for (size_t i = 0; i < digits.size(); ++i) {
      if (i && (digits.size() - i) % 3 == 0) out += ',';
      out += digits[i];
    }
    return out;
  }

 private:
  std::mt19937_64 rng_;
};

std::string Join(const std::vector<std::string>& paras) {
  std::string out;
  for (size_t i = 0; i < paras.size(); ++i) {
    if (i) out += "\n\n";
    out += paras[i];
  }
  out += "\n";
  return out;
}

// Replaces the first whole-word occurrence of `from` in `s` by `to`. Returns whether it did.
bool ReplaceWord(std::string& s, std::string_view from, std::string_view to) {
  for (size_t pos = s.find(from); pos != std::string::npos; pos = s.find(from, pos + 1)) {
    const bool left = pos == 0 || !std::isalnum(static_cast<unsigned char>(s[pos - 1]));
    const size_t end = pos + from.size();
    const bool right = end >= s.size() || !std::isalnum(static_cast<unsigned char>(s[end]));
    if (left && right) {
      s.replace(pos, from.size(), to);
      return true;
    }
  }
  return false;
}

// True when `word` was written by an earlier change: changing it again would hide that one.
bool AlreadyChanged(const std::vector<ChangedFact>& changes, std::string_view word) {
  for (const ChangedFact& c : changes) {
    if (c.copy_text == word) return true;
  }
  return false;
}

// Changes one fact in `paras` and records it; tries the kinds in a random order.
void ChangeFact(Gen& g, std::vector<std::string>& paras, std::vector<ChangedFact>& changes) {
  const size_t start = g.Pick(4);
  for (size_t attempt = 0; attempt < 4; ++attempt) {
    const size_t kind = (start + attempt) % 4;
    const size_t p0 = g.Pick(paras.size());
    for (size_t k = 0; k < paras.size(); ++k) {
      std::string& para = paras[(p0 + k) % paras.size()];
      if (kind == 0) {  // weekday
        for (size_t w = 0; w < kWeekdays.size(); ++w) {
          const std::string_view to = kWeekdays[(w + 1) % kWeekdays.size()];
          if (!AlreadyChanged(changes, kWeekdays[w]) && ReplaceWord(para, kWeekdays[w], to)) {
            changes.push_back({"date", std::string(kWeekdays[w]), std::string(to)});
            return;
          }
        }
      } else if (kind == 1) {  // month
        for (size_t m = 0; m < kMonths.size(); ++m) {
          const std::string_view to = kMonths[(m + 1) % kMonths.size()];
          if (!AlreadyChanged(changes, kMonths[m]) && ReplaceWord(para, kMonths[m], to)) {
            changes.push_back({"date", std::string(kMonths[m]), std::string(to)});
            return;
          }
        }
      } else if (kind == 2) {  // negation
        if (AlreadyChanged(changes, "denied") || AlreadyChanged(changes, "confirmed")) break;
        if (ReplaceWord(para, "denied", "confirmed")) {
          changes.push_back({"negation", "denied", "confirmed"});
          return;
        }
        if (ReplaceWord(para, "confirmed", "denied")) {
          changes.push_back({"negation", "confirmed", "denied"});
          return;
        }
      } else {  // number: the first number of the paragraph, multiplied
        for (size_t i = 0; i < para.size(); ++i) {
          if (!std::isdigit(static_cast<unsigned char>(para[i]))) continue;
          if (i > 0 && (std::isalnum(static_cast<unsigned char>(para[i - 1])) ||
                        para[i - 1] == ',' || para[i - 1] == '.')) {
            continue;  // inside a longer number or word
          }
          size_t j = i;
          while (j < para.size() && (std::isdigit(static_cast<unsigned char>(para[j])) ||
                                     (para[j] == ',' && j + 1 < para.size() &&
                                      std::isdigit(static_cast<unsigned char>(para[j + 1]))))) {
            ++j;
          }
          if (j < para.size() && std::isalpha(static_cast<unsigned char>(para[j])))
            continue;  // "5th"
          const std::string from = para.substr(i, j - i);
          if (AlreadyChanged(changes, from)) continue;
          std::string digits;
          for (char c : from) {
            if (c != ',') digits += c;
          }
          const std::string to = Gen::Thousands(std::stoull(digits) * 3 + 1);
          para.replace(i, j - i, to);
          changes.push_back({"number", from, to});
          return;
        }
      }
    }
  }
}

}  // namespace

GeneratedCorpus GenerateCorpus(const CorpusOptions& options) {
  GeneratedCorpus corpus;
  Gen g(options.seed);
  std::vector<std::vector<std::string>> bodies;  // paragraphs of each article, for derivation
  for (size_t i = 0; i < options.articles; ++i) {
    GeneratedArticle a;
    char id[32];
    std::snprintf(id, sizeof id, "a%07zu", i);
    a.id = id;
    char date[16];
    std::snprintf(date, sizeof date, "2023-%02zu-%02zu", 1 + (i / 28) % 12, 1 + i % 28);
    a.published = date;
    const double roll = g.Unit();
    std::vector<std::string> paras;
    std::string headline;
    if (i > 0 && roll < options.copy_share + options.spun_share) {
      const size_t src = g.Pick(i);
      Derivation d{src, i, "duplicate", {}};
      paras = bodies[src];
      headline = corpus.articles[src].text.substr(0, corpus.articles[src].text.find('\n'));
      if (roll < options.copy_share) {
        if (paras.size() > 3 && g.Pick(2)) paras.pop_back();
      } else {
        d.relation = "rewrite";
        for (std::string& p : paras) {
          for (const auto& [from, to] : kSynonyms) {
            if (g.Pick(3) != 0) ReplaceWord(p, from, to);
          }
        }
        const size_t n_changes = 1 + g.Pick(3);
        for (size_t c = 0; c < n_changes; ++c) ChangeFact(g, paras, d.changes);
        const size_t rep = g.Pick(paras.size());
        paras.insert(paras.begin() + static_cast<long>(rep) + 1, paras[rep]);
        headline = "Report: " + headline;
      }
      corpus.truth.push_back(std::move(d));
    } else {
      const std::string_view place = g.From(kPlaces);
      headline = "Fighting around " + std::string(place) + " " +
                 std::string(g.Pick(2) ? "intensifies" : "continues") + " as " +
                 std::string(g.From(kNouns)) + " " + (g.Pick(2) ? "suffer" : "are hit");
      for (size_t p = 0; p < options.paragraphs; ++p) {
        std::string para = g.Sentence(place);
        const size_t extra = g.Pick(3);
        for (size_t s = 0; s < extra; ++s) para += " " + g.Sentence(place);
        paras.push_back(std::move(para));
      }
    }
    bodies.push_back(paras);
    std::vector<std::string> out_paras = paras;
    if (g.Unit() < options.junk_share) {
      const size_t n = 1 + g.Pick(3);
      for (size_t k = 0; k < n; ++k) {
        out_paras.insert(out_paras.begin() + static_cast<long>(g.Pick(out_paras.size() + 1)),
                         std::string(g.From(kJunk)));
      }
    }
    out_paras.insert(out_paras.begin(), headline);
    a.text = Join(out_paras);
    corpus.articles.push_back(std::move(a));
  }
  return corpus;
}

}  // namespace sitrep::bench
