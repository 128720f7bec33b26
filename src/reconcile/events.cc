#include "reconcile/events.h"

#ifdef SITREP_HAVE_EXTRACT_who
#include "extract/place.h"
#endif

#include <algorithm>
#include <cctype>
#include <cmath>
#include <functional>
#include <span>
#include <unordered_map>
#include <unordered_set>

namespace sitrep::reconcile {
namespace {

// Sub-types (ACLED names where ACLED has them).
constexpr std::string_view kArmedClash = "Armed clash";
constexpr std::string_view kGovernmentRegains = "Government regains territory";
constexpr std::string_view kNonStateOvertakes = "Non-state actor overtakes territory";
constexpr std::string_view kTerritoryCaptured = "Armed clash";  // state forces: ACLED codes
                                                                // a clash with territory
constexpr std::string_view kAirDrone = "Air/drone strike";
constexpr std::string_view kShelling = "Shelling/artillery/missile attack";
constexpr std::string_view kRemoteExplosive = "Remote explosive/landmine/IED";
constexpr std::string_view kGrenade = "Grenade";
constexpr std::string_view kSuicideBomb = "Suicide bomb";
constexpr std::string_view kAttack = "Attack";
constexpr std::string_view kAbduction = "Abduction/forced disappearance";
constexpr std::string_view kSexualViolence = "Sexual violence";
constexpr std::string_view kAgreement = "Agreement";
constexpr std::string_view kArrests = "Arrests";
constexpr std::string_view kChangeToGroup = "Change to group/activity";
constexpr std::string_view kDisruptedWeapons = "Disrupted weapons use";
constexpr std::string_view kHeadquarters = "Headquarters or base established";
constexpr std::string_view kLooting = "Looting/property destruction";
constexpr std::string_view kTransfer = "Non-violent transfer of territory";
constexpr std::string_view kOther = "Other";
constexpr std::string_view kPeacefulProtest = "Peaceful protest";
constexpr std::string_view kProtestIntervention = "Protest with intervention";
constexpr std::string_view kViolentDemonstration = "Violent demonstration";
constexpr std::string_view kMobViolence = "Mob violence";
constexpr std::string_view kEvacuation = "Evacuation";
constexpr std::string_view kDisplaced = "Displacement";
constexpr std::string_view kAid = "Aid";
constexpr std::string_view kInfrastructure = "Infrastructure";
// A cue of this sub-type is a generic casualty word: its type is settled by the sentence.
constexpr std::string_view kCasualties = "casualties";
// A capture cue: the sub-type depends on who captured.
constexpr std::string_view kCapture = "capture";

struct LexEntry {
  std::string_view phrase;  // lower-case words separated by single spaces
  std::string_view type;
  std::string_view subtype;
  int priority;
  // A weapon named without an action ("relied on infantry and artillery", "drones are
  // cheap") is not an attack: the sentence must also hold an action word (fired, hit,
  // struck, killed ...; see IsAttackWord).
  bool needs_action = false;
};

// Higher priority wins within a sentence: the most specific account of what happened.
constexpr LexEntry kLexicon[] = {
    // Territory regained (the wording says who held it before).
    {"recaptured", kBattles, kGovernmentRegains, 90},
    {"recapture", kBattles, kGovernmentRegains, 90},
    {"recapturing", kBattles, kGovernmentRegains, 90},
    {"retook", kBattles, kGovernmentRegains, 90},
    {"retake", kBattles, kGovernmentRegains, 90},
    {"retaken", kBattles, kGovernmentRegains, 90},
    {"regained", kBattles, kGovernmentRegains, 90},
    {"regain", kBattles, kGovernmentRegains, 90},
    {"liberated", kBattles, kGovernmentRegains, 90},
    {"liberation of", kBattles, kGovernmentRegains, 90},
    {"took back", kBattles, kGovernmentRegains, 90},
    {"taken back", kBattles, kGovernmentRegains, 90},
    {"won back", kBattles, kGovernmentRegains, 90},
    // The end of a battle announced.
    {"declared victory", kStrategicDevelopments, kOther, 92},
    {"declares victory", kStrategicDevelopments, kOther, 92},
    {"declaring victory", kStrategicDevelopments, kOther, 92},
    {"proclaimed victory", kStrategicDevelopments, kOther, 92},
    {"claimed victory", kStrategicDevelopments, kOther, 92},
    // Territory captured.
    {"captured", kBattles, kCapture, 88},
    {"capture", kBattles, kCapture, 88},
    {"capturing", kBattles, kCapture, 88},
    {"seized", kBattles, kCapture, 88},
    {"seize", kBattles, kCapture, 88},
    {"seizing", kBattles, kCapture, 88},
    {"took control", kBattles, kCapture, 88},
    {"took full control", kBattles, kCapture, 88},
    {"take full control", kBattles, kCapture, 88},
    {"taken full control", kBattles, kCapture, 88},
    {"taking full control", kBattles, kCapture, 88},
    {"took complete control", kBattles, kCapture, 88},
    {"taken complete control", kBattles, kCapture, 88},
    {"taken control", kBattles, kCapture, 88},
    {"take control", kBattles, kCapture, 88},
    {"taking control", kBattles, kCapture, 88},
    {"gained control", kBattles, kCapture, 88},
    {"seized control", kBattles, kCapture, 88},
    {"overran", kBattles, kCapture, 88},
    {"overrun", kBattles, kCapture, 88},
    {"fell to", kBattles, kCapture, 88},
    {"fallen to", kBattles, kCapture, 88},
    {"fall of", kBattles, kCapture, 88},
    // Remote violence.
    {"airstrike", kRemoteViolence, kAirDrone, 80},
    {"airstrikes", kRemoteViolence, kAirDrone, 80},
    {"air strike", kRemoteViolence, kAirDrone, 80},
    {"air strikes", kRemoteViolence, kAirDrone, 80},
    {"air raid", kRemoteViolence, kAirDrone, 80},
    {"air raids", kRemoteViolence, kAirDrone, 80},
    {"drone", kRemoteViolence, kAirDrone, 80, true},
    {"drones", kRemoteViolence, kAirDrone, 80, true},
    {"bombing", kRemoteViolence, kAirDrone, 80},
    {"bombed", kRemoteViolence, kAirDrone, 80},
    {"bombers", kRemoteViolence, kAirDrone, 80, true},
    {"warplanes", kRemoteViolence, kAirDrone, 80, true},
    {"shelling", kRemoteViolence, kShelling, 78},
    {"shelled", kRemoteViolence, kShelling, 78},
    {"shells", kRemoteViolence, kShelling, 78, true},
    {"artillery", kRemoteViolence, kShelling, 78, true},
    {"missile", kRemoteViolence, kShelling, 78, true},
    {"missiles", kRemoteViolence, kShelling, 78, true},
    {"rocket", kRemoteViolence, kShelling, 78, true},
    {"rockets", kRemoteViolence, kShelling, 78, true},
    {"mortar", kRemoteViolence, kShelling, 78, true},
    {"mortars", kRemoteViolence, kShelling, 78, true},
    {"barrage", kRemoteViolence, kShelling, 78},
    {"bombardment", kRemoteViolence, kShelling, 78},
    {"bombarded", kRemoteViolence, kShelling, 78},
    {"strike", kRemoteViolence, kShelling, 76},
    {"striking", kProtests, kPeacefulProtest, 56},  // only among workers (FindCue)
    {"strikes", kRemoteViolence, kShelling, 76},
    {"struck", kRemoteViolence, kShelling, 76},
    {"explosion", kRemoteViolence, kRemoteExplosive, 72},
    {"explosions", kRemoteViolence, kRemoteExplosive, 72},
    {"blast", kRemoteViolence, kRemoteExplosive, 72},
    {"exploded", kRemoteViolence, kRemoteExplosive, 72},
    {"landmine", kRemoteViolence, kRemoteExplosive, 72},
    {"landmines", kRemoteViolence, kRemoteExplosive, 72},
    {"car bomb", kRemoteViolence, kRemoteExplosive, 72},
    {"truck bomb", kRemoteViolence, kRemoteExplosive, 72},
    {"explosive device", kRemoteViolence, kRemoteExplosive, 72},
    {"suicide bomber", kRemoteViolence, kSuicideBomb, 74},
    {"suicide bombers", kRemoteViolence, kSuicideBomb, 74},
    {"suicide bombing", kRemoteViolence, kSuicideBomb, 74},
    {"suicide attack", kRemoteViolence, kSuicideBomb, 74},
    {"blew up", kRemoteViolence, kRemoteExplosive, 72},
    {"blows up", kRemoteViolence, kRemoteExplosive, 72},
    {"blowing up", kRemoteViolence, kRemoteExplosive, 72},
    {"detonated", kRemoteViolence, kRemoteExplosive, 72},
    {"blown up", kRemoteViolence, kRemoteExplosive, 72},
    {"roadside bomb", kRemoteViolence, kRemoteExplosive, 72},
    {"ied", kRemoteViolence, kRemoteExplosive, 72},
    {"grenade", kRemoteViolence, kGrenade, 72, true},
    {"grenades", kRemoteViolence, kGrenade, 72, true},
    // Violence against civilians.
    {"executed", kViolenceAgainstCivilians, kAttack, 70},
    {"executions", kViolenceAgainstCivilians, kAttack, 70},
    {"massacre", kViolenceAgainstCivilians, kAttack, 70},
    {"massacred", kViolenceAgainstCivilians, kAttack, 70},
    {"tortured", kViolenceAgainstCivilians, kAttack, 70},
    {"abducted", kViolenceAgainstCivilians, kAbduction, 70},
    {"abduction", kViolenceAgainstCivilians, kAbduction, 70},
    {"kidnapped", kViolenceAgainstCivilians, kAbduction, 70},
    {"forcibly deported", kViolenceAgainstCivilians, kAbduction, 70},
    {"raped", kViolenceAgainstCivilians, kSexualViolence, 70},
    {"beheaded", kViolenceAgainstCivilians, kAttack, 70},
    {"taken hostage", kViolenceAgainstCivilians, kAbduction, 70},
    {"took hostage", kViolenceAgainstCivilians, kAbduction, 70},
    {"kidnap", kViolenceAgainstCivilians, kAbduction, 70},
    {"stabbed", kViolenceAgainstCivilians, kAttack, 70},
    {"stabbing", kViolenceAgainstCivilians, kAttack, 70},
    {"stabbings", kViolenceAgainstCivilians, kAttack, 70},
    {"murdered", kViolenceAgainstCivilians, kAttack, 70},
    {"murder", kViolenceAgainstCivilians, kAttack, 70},
    {"murders", kViolenceAgainstCivilians, kAttack, 70},
    {"shot dead", kViolenceAgainstCivilians, kAttack, 70},
    {"fatally shot", kViolenceAgainstCivilians, kAttack, 70},
    {"gunned down", kViolenceAgainstCivilians, kAttack, 70},
    {"opened fire", kViolenceAgainstCivilians, kAttack, 70},
    {"shooting", kViolenceAgainstCivilians, kAttack, 66},
    {"shootings", kViolenceAgainstCivilians, kAttack, 66},
    {"assassinated", kViolenceAgainstCivilians, kAttack, 70},
    {"assassination", kViolenceAgainstCivilians, kAttack, 70},
    {"sexual violence", kViolenceAgainstCivilians, kSexualViolence, 70},
    // Disrupted weapons use (outranks the weapon it stopped: "shot down 12 drones").
    {"shot down", kStrategicDevelopments, kDisruptedWeapons, 85},
    {"intercepted", kStrategicDevelopments, kDisruptedWeapons, 85},
    {"downed", kStrategicDevelopments, kDisruptedWeapons, 85},
    {"defused", kStrategicDevelopments, kDisruptedWeapons, 85},
    {"downing", kStrategicDevelopments, kDisruptedWeapons, 85},
    {"arms cache", kStrategicDevelopments, kDisruptedWeapons, 85},
    {"weapons cache", kStrategicDevelopments, kDisruptedWeapons, 85},
    // Withdrawals.
    {"withdrew", kStrategicDevelopments, kTransfer, 62},
    {"withdrawn", kStrategicDevelopments, kTransfer, 62},
    {"withdrawal", kStrategicDevelopments, kTransfer, 62},
    {"withdrawing", kStrategicDevelopments, kTransfer, 62},
    {"withdraw", kStrategicDevelopments, kTransfer, 62},
    {"retreated", kStrategicDevelopments, kTransfer, 62},
    {"retreat", kStrategicDevelopments, kTransfer, 62},
    {"retreating", kStrategicDevelopments, kTransfer, 62},
    {"pulled out", kStrategicDevelopments, kTransfer, 62},
    {"pulled back", kStrategicDevelopments, kTransfer, 62},
    // Riots and protests.
    {"riot", kRiots, kViolentDemonstration, 58},
    {"riots", kRiots, kViolentDemonstration, 58},
    {"rioting", kRiots, kViolentDemonstration, 58},
    {"rioters", kRiots, kViolentDemonstration, 58},
    {"mob", kRiots, kMobViolence, 58},
    {"lynched", kRiots, kMobViolence, 58},
    {"protest", kProtests, kPeacefulProtest, 56},
    {"protests", kProtests, kPeacefulProtest, 56},
    {"protested", kProtests, kPeacefulProtest, 56},
    {"protesters", kProtests, kPeacefulProtest, 56},
    {"protestors", kProtests, kPeacefulProtest, 56},
    {"demonstration", kProtests, kPeacefulProtest, 56},
    {"demonstrations", kProtests, kPeacefulProtest, 56},
    {"demonstrators", kProtests, kPeacefulProtest, 56},
    {"rally", kProtests, kPeacefulProtest, 56},
    {"rallies", kProtests, kPeacefulProtest, 56},
    {"took to the streets", kProtests, kPeacefulProtest, 56},
    {"sit-in", kProtests, kPeacefulProtest, 56},
    {"marches", kProtests, kPeacefulProtest, 56},
    {"rallied", kProtests, kPeacefulProtest, 56},
    {"rallying", kProtests, kPeacefulProtest, 56},
    {"marched", kProtests, kPeacefulProtest, 56},
    {"walkout", kProtests, kPeacefulProtest, 56},
    {"protesting", kProtests, kPeacefulProtest, 56},
    // Armed clashes.
    {"fighting", kBattles, kArmedClash, 50},
    {"fought", kBattles, kArmedClash, 50},
    {"clash", kBattles, kArmedClash, 50},
    {"clashes", kBattles, kArmedClash, 50},
    {"clashed", kBattles, kArmedClash, 50},
    {"battle", kBattles, kArmedClash, 50},
    {"battles", kBattles, kArmedClash, 50},
    {"battled", kBattles, kArmedClash, 50},
    {"battling", kBattles, kArmedClash, 50},
    {"firefight", kBattles, kArmedClash, 50},
    {"skirmish", kBattles, kArmedClash, 50},
    {"skirmishes", kBattles, kArmedClash, 50},
    {"assault", kBattles, kArmedClash, 50},
    {"assaults", kBattles, kArmedClash, 50},
    {"offensive", kBattles, kArmedClash, 50},
    {"counteroffensive", kBattles, kArmedClash, 50},
    {"ambush", kBattles, kArmedClash, 50},
    {"ambushed", kBattles, kArmedClash, 50},
    {"stormed", kBattles, kArmedClash, 50},
    {"storming", kBattles, kArmedClash, 50},
    {"storm the", kBattles, kArmedClash, 50},
    {"gunfire", kBattles, kArmedClash, 50},
    {"came under fire", kBattles, kArmedClash, 50},
    {"gunbattle", kBattles, kArmedClash, 50},
    {"gunbattles", kBattles, kArmedClash, 50},
    {"gun battle", kBattles, kArmedClash, 50},
    {"shootout", kBattles, kArmedClash, 50},
    {"shoot-out", kBattles, kArmedClash, 50},
    {"fired on", kBattles, kArmedClash, 50},
    {"raided", kBattles, kArmedClash, 47},
    {"come under fire", kBattles, kArmedClash, 50},
    {"exchanged fire", kBattles, kArmedClash, 50},
    {"repelled", kBattles, kArmedClash, 50},
    {"repel", kBattles, kArmedClash, 50},
    {"advanced", kBattles, kArmedClash, 48},
    {"advancing", kBattles, kArmedClash, 48},
    {"advances", kBattles, kArmedClash, 48},
    {"attack", kBattles, kArmedClash, 46},
    {"attacks", kBattles, kArmedClash, 46},
    {"attacked", kBattles, kArmedClash, 46},
    {"attacking", kBattles, kArmedClash, 46},
    // Strategic developments.
    {"arrested", kStrategicDevelopments, kArrests, 45},
    {"arrests", kStrategicDevelopments, kArrests, 45},
    {"detained", kStrategicDevelopments, kArrests, 45},
    {"arrest", kStrategicDevelopments, kArrests, 45},
    {"into custody", kStrategicDevelopments, kArrests, 45},
    {"under arrest", kStrategicDevelopments, kArrests, 45},
    {"looted", kStrategicDevelopments, kLooting, 45},
    {"looting", kStrategicDevelopments, kLooting, 45},
    {"torched", kStrategicDevelopments, kLooting, 45},
    {"set fire", kStrategicDevelopments, kLooting, 45},
    {"set ablaze", kStrategicDevelopments, kLooting, 45},
    {"set on fire", kStrategicDevelopments, kLooting, 45},
    {"burned down", kStrategicDevelopments, kLooting, 45},
    {"arson", kStrategicDevelopments, kLooting, 45},
    {"razed", kStrategicDevelopments, kLooting, 45},
    {"set up a base", kStrategicDevelopments, kHeadquarters, 44},
    {"established a base", kStrategicDevelopments, kHeadquarters, 44},

    // Casualties: the type is decided by who died (see TypeForCasualties).
    {"killed", kBattles, kCasualties, 40},
    {"killing", kBattles, kCasualties, 40},
    {"kills", kBattles, kCasualties, 40},
    {"dead", kBattles, kCasualties, 40},
    {"died", kBattles, kCasualties, 40},
    {"deaths", kBattles, kCasualties, 40},
    {"death toll", kBattles, kCasualties, 40},
    {"casualties", kBattles, kCasualties, 40},
    {"wounded", kBattles, kCasualties, 40},
    {"injured", kBattles, kCasualties, 40},
    {"injuring", kBattles, kCasualties, 40},
    {"lost their lives", kBattles, kCasualties, 40},
    // Displacement and evacuation.
    {"evacuated", kDisplacement, kEvacuation, 42},
    {"evacuate", kDisplacement, kEvacuation, 42},
    {"evacuating", kDisplacement, kEvacuation, 42},
    {"evacuation", kDisplacement, kEvacuation, 42},
    {"evacuations", kDisplacement, kEvacuation, 42},
    {"evacuees", kDisplacement, kEvacuation, 42},
    {"displaced", kDisplacement, kDisplaced, 42},
    {"displacement", kDisplacement, kDisplaced, 42},
    {"fled", kDisplacement, kDisplaced, 42},
    {"fleeing", kDisplacement, kDisplaced, 42},
    {"refugees", kDisplacement, kDisplaced, 42},
    {"expelled", kDisplacement, kDisplaced, 42},
    {"expulsion", kDisplacement, kDisplaced, 42},
    {"deported", kDisplacement, kDisplaced, 42},
    {"forcibly returned", kDisplacement, kDisplaced, 42},
    // More strategic developments.
    {"ceasefire", kStrategicDevelopments, kAgreement, 38},
    {"truce", kStrategicDevelopments, kAgreement, 38},
    {"peace deal", kStrategicDevelopments, kAgreement, 38},
    {"prisoner exchange", kStrategicDevelopments, kAgreement, 38},
    {"prisoner swap", kStrategicDevelopments, kAgreement, 38},
    {"agreement", kStrategicDevelopments, kAgreement, 36},
    {"mobilisation", kStrategicDevelopments, kChangeToGroup, 34},
    {"mobilization", kStrategicDevelopments, kChangeToGroup, 34},
    {"mobilised", kStrategicDevelopments, kChangeToGroup, 34},
    {"mobilized", kStrategicDevelopments, kChangeToGroup, 34},
    {"reinforcements", kStrategicDevelopments, kChangeToGroup, 34},
    {"deployed", kStrategicDevelopments, kChangeToGroup, 34},
    {"deployment", kStrategicDevelopments, kChangeToGroup, 34},
    {"deploying", kStrategicDevelopments, kChangeToGroup, 34},
    {"martial law", kStrategicDevelopments, kOther, 34},
    {"state of emergency", kStrategicDevelopments, kOther, 34},
    {"surrendered", kStrategicDevelopments, kTransfer, 62},
    {"defected", kStrategicDevelopments, kChangeToGroup, 34},
    {"dispatched", kStrategicDevelopments, kChangeToGroup, 34},
    {"curfew", kStrategicDevelopments, kOther, 34},
    // Humanitarian.
    {"humanitarian", kHumanitarian, kAid, 32},
    {"aid convoy", kHumanitarian, kAid, 32},
    {"relief supplies", kHumanitarian, kAid, 32},
    {"power outages", kHumanitarian, kInfrastructure, 32},
    {"blackouts", kHumanitarian, kInfrastructure, 32},
    {"without power", kHumanitarian, kInfrastructure, 32},
    {"without electricity", kHumanitarian, kInfrastructure, 32},
};

struct Lexicon {
  // First word -> entries starting with it, longest phrase first.
  std::unordered_map<std::string_view,
                     std::vector<std::pair<std::vector<std::string_view>, const LexEntry*>>>
      by_first;
};

std::vector<std::string_view> SplitWords(std::string_view s) {
  std::vector<std::string_view> out;
  size_t i = 0;
  while (i < s.size()) {
    size_t j = s.find(' ', i);
    if (j == std::string_view::npos) j = s.size();
    if (j > i) out.push_back(s.substr(i, j - i));
    i = j + 1;
  }
  return out;
}

const Lexicon& GetLexicon() {
  static const Lexicon* lex = [] {
    auto* l = new Lexicon;
    for (const LexEntry& e : kLexicon) {
      std::vector<std::string_view> words = SplitWords(e.phrase);
      l->by_first[words[0]].emplace_back(words, &e);
    }
    for (auto& [first, list] : l->by_first) {
      std::stable_sort(list.begin(), list.end(), [](const auto& a, const auto& b) {
        return a.first.size() > b.first.size();
      });
    }
    return l;
  }();
  return *lex;
}

// Words that, among the three before a cue, make it negated, hypothetical or intended
// rather than reported as done ("failed to capture", "could seize", "attempt to take").
bool IsBlocker(std::string_view w) {
  static const std::unordered_set<std::string_view> kBlockers = {
      "no",        "not",       "never",     "n't",     "without", "to",       "attempt",
      "attempts",  "attempted", "trying",    "tried",   "try",     "bid",      "plan",
      "plans",     "planned",   "planning",  "aim",     "aims",    "aimed",    "goal",
      "would",     "could",     "may",       "might",   "will",    "threaten", "threatened",
      "threatens", "want",      "wants",     "wanted",  "hope",    "hopes",    "hoped",
      "intends",   "intended",  "failed",    "fail",    "if",      "unless",   "whether",
      "cannot",    "possible",  "potential", "prevent", "avoid",   "amid",     "despite",
      "fear",      "fears",     "feared",    "risk",    "should",  "must",     "can"};
  return kBlockers.contains(w);
}

// Negators and denials reach further back than the other blockers: "denied carrying out
// any strike", "never managed to capture" (five words, not three).
bool IsNegator(std::string_view w) {
  // Denials are not here: a denied action is an event with status "denied".
  static const std::unordered_set<std::string_view> kNegators = {
      "no", "not", "never", "n't", "without", "failed", "because", "due", "none", "nobody"};
  return kNegators.contains(w);
}

bool Blocked(const std::vector<text::Token>& tokens, size_t begin, size_t at) {
  constexpr size_t kNear = 3, kFar = 5;
  const size_t from = at >= begin + kFar ? at - kFar : begin;
  for (size_t i = at; i-- > from;) {
    if (tokens[i].kind == text::TokenKind::kPunct && tokens[i].lower != "'" &&
        tokens[i].lower != "\xE2\x80\x99") {
      break;  // a clause boundary
    }
    if ((at - i <= kNear && IsBlocker(tokens[i].lower)) || IsNegator(tokens[i].lower)) return true;
  }
  return false;
}

bool IsCivilianWord(std::string_view w) {
  static const std::unordered_set<std::string_view> kWords = {
      "civilian", "civilians", "resident", "residents", "child",      "children",    "woman",
      "women",    "people",    "person",   "villagers", "passengers", "families",    "family",
      "baby",     "babies",    "elderly",  "pensioner", "pensioners", "inhabitants", "patients",
      "worker",   "workers",   "teenager", "boy",       "girl",       "man",         "men"};
  return kWords.contains(w);
}

bool IsStopWord(std::string_view w) {
  static const std::unordered_set<std::string_view> kStop = {
      "the",  "and",  "for",   "that",   "this",  "with",   "from",  "was",   "were",  "are",
      "has",  "have", "had",   "been",   "its",   "their",  "they",  "his",   "her",   "but",
      "not",  "who",  "which", "what",   "when",  "where",  "will",  "would", "could", "said",
      "says", "also", "after", "before", "into",  "than",   "then",  "there", "these", "those",
      "some", "more", "most",  "other",  "over",  "about",  "just",  "only",  "very",  "our",
      "out",  "all",  "any",   "such",   "while", "during", "being", "since", "did",   "does",
      "him",  "them", "she",   "you",    "your",  "one",    "two",   "three", "per",   "according"};
  return kStop.contains(w);
}

std::string_view Key(const text::Token& t) {
  if (!t.canon.empty()) return t.canon;
  if (!t.stem.empty()) return t.stem;
  return t.lower;
}

// Items of `items` (sorted by start) that lie within [start, end).
std::span<const CorpusIndex::Item> Within(const std::vector<CorpusIndex::Item>& items, size_t start,
                                          size_t end) {
  auto lo = std::lower_bound(items.begin(), items.end(), start,
                             [](const CorpusIndex::Item& it, size_t s) { return it.start < s; });
  auto hi = std::lower_bound(lo, items.end(), end,
                             [](const CorpusIndex::Item& it, size_t e) { return it.start < e; });
  return {lo, hi};
}

size_t Distance(size_t a_start, size_t a_end, size_t b_start, size_t b_end) {
  if (a_end <= b_start) return b_start - a_end;
  if (b_end <= a_start) return a_start - b_end;
  return 0;
}

// Fatality counts: the quantity's own description says so, or, when it describes people
// or nothing, a death word stands within four words of it.
bool CountsDead(const Quantity& q, const std::vector<text::Token>& tokens, size_t begin,
                size_t end) {
  if (q.qualifier_text && (*q.qualifier_text == "dozens" || *q.qualifier_text == "hundreds" ||
                           *q.qualifier_text == "thousands" || *q.qualifier_text == "scores" ||
                           *q.qualifier_text == "tens of thousands")) {
    return false;  // "died in their thousands" is not a count
  }
  if (q.about) {
    // "dead and injured", "killed or wounded": casualties, not fatalities.
    for (std::string_view w : SplitWords(*q.about)) {
      if (w == "wounded" || w == "injured" || w == "casualties" || w == "hurt") return false;
    }
    bool people = false;
    for (std::string_view w : SplitWords(*q.about)) {
      std::string lower(w);
      std::transform(lower.begin(), lower.end(), lower.begin(),
                     [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
      if (IsDeathWord(lower)) return true;
      if (lower == "wounded" || lower == "injured") return false;
      if (IsCivilianWord(lower) || lower == "soldiers" || lower == "troops" ||
          lower == "fighters" || lower == "servicemen") {
        people = true;
      }
    }
    if (!people) return false;
  }
  if (q.unit) return false;
  // The token span of the quantity and a window around it.
  size_t first = end, last = begin;
  for (size_t i = begin; i < end; ++i) {
    if (tokens[i].end > q.start && tokens[i].start < q.end) {
      first = std::min(first, i);
      last = std::max(last, i + 1);
    }
  }
  if (first >= last) return false;
  const size_t lo = first >= begin + 4 ? first - 4 : begin;
  const size_t hi = std::min(end, last + 4);
  for (size_t i = lo; i < hi; ++i) {
    if (i >= first && i < last) continue;
    const std::string& w = tokens[i].lower;
    if (w == "wounded" || w == "injured") return false;
    if (IsDeathWord(w)) return true;
  }
  return false;
}

// In corpora of at least this many documents, a place named by every document (the
// country at war) counts as this many bytes further from the cue than it is, so that a
// town named a little further away wins over it.
constexpr double kUbiquityMinDocs = 20;
constexpr double kUbiquityPenaltyBytes = 200;

// Words that make a time expression the bound of a period, not the date of an event.
bool IsPeriodBound(std::string_view w) {
  std::string lower(w);
  for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return lower == "since" || lower == "until" || lower == "till" || lower == "before" ||
         lower == "after" || lower == "from" || lower == "by" || lower == "throughout";
}

// The ASCII word just before byte `pos` of `text` (skipping spaces), or "".
std::string_view LastWordBefore(std::string_view text, size_t pos) {
  size_t e = std::min(pos, text.size());
  while (e > 0 && text[e - 1] == ' ') --e;
  size_t b = e;
  while (b > 0 && std::isalpha(static_cast<unsigned char>(text[b - 1]))) --b;
  return text.substr(b, e - b);
}

// A state's armed forces ("Russian military", "Ukrainian forces", "53rd Brigade" is left to
// the other side: brigades are state units too).
bool IsStateForce(std::string_view name) {
  std::string lower(name);
  for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  for (std::string_view w : SplitWords(lower)) {
    if (w == "army" || w == "military" || w == "forces" || w == "troops" || w == "navy" ||
        w == "brigade" || w == "battalion" || w == "regiment" || w == "division" || w == "guard" ||
        w == "police" || w == "ministry" || w == "government" || w == "soldiers" ||
        w == "marines" || w == "corps" || w == "command") {
      return true;
    }
  }
  return false;
}

// False when the place mention at [start, end) of `text` names an actor rather than the
// scene: a possessive ("Kyiv's forces", "Russia's attempt") or a modifier of officials or
// forces ("US officials", "Ukraine army").
// The lower-case ASCII words just before byte `pos` of `text`, nearest first, at most `n`,
// stopping at anything but letters, hyphens and spaces.
std::vector<std::string> WordsBefore(std::string_view text, size_t pos, size_t n) {
  std::vector<std::string> out;
  size_t e = std::min(pos, text.size());
  while (out.size() < n) {
    while (e > 0 && text[e - 1] == ' ') --e;
    size_t b = e;
    while (b > 0 && (std::isalpha(static_cast<unsigned char>(text[b - 1])) || text[b - 1] == '-')) {
      --b;
    }
    if (b == e) break;
    std::string w(text.substr(b, e - b));
    for (char& c : w) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    out.push_back(std::move(w));
    e = b;
  }
  return out;
}

bool IsScene(std::string_view text, size_t start, size_t end) {
  const std::string_view own = text.substr(start, end - start);
#ifdef SITREP_HAVE_EXTRACT_who
  // The place extractor's reading of a capital or country that stands for its government
  // ("Washington and Kyiv agreed", "Moscow-backed"), beside the rules below.
  if (extract::IsMetonymicPlaceMention(text, start, end)) return false;
#endif
  // A river or its bank is a feature, not the scene: "the western bank of the Tigris"
  // (the event is placed at the settlement the document is about instead).
  const std::vector<std::string> before = WordsBefore(text, start, 3);
  if (before.size() >= 2 && before[0] == "the" &&
      (before[1] == "of" && before.size() >= 3 &&
       (before[2] == "bank" || before[2] == "banks" || before[2] == "shore" ||
        before[2] == "shores" || before[2] == "coast"))) {
    return false;
  }
  if (!before.empty() && (before[0] == "river" || before[0] == "lake")) return false;
  // The seat of an institution, not where anything happened: "a think tank in Washington",
  // "a Washington-based institute", "headquartered in Geneva".
  if (before.size() >= 2 && before[0] == "in" &&
      (before[1] == "tank" || before[1] == "based" || before[1] == "headquartered" ||
       before[1] == "institute" || before[1] == "university" || before[1] == "embassy" ||
       before[1] == "group" || before[1] == "organisation" || before[1] == "organization")) {
    return false;
  }
  const std::string_view after = text.substr(std::min(end, text.size()), 4);
  if (after.starts_with("'s") || after.starts_with("\xE2\x80\x99s") || own.ends_with("'s") ||
      own.ends_with("\xE2\x80\x99s")) {
    return false;
  }
  size_t b = end;
  while (b < text.size() && text[b] == ' ') ++b;
  size_t e = b;
  while (e < text.size() && std::isalpha(static_cast<unsigned char>(text[e]))) ++e;
  if (e == b || b == end) return true;
  std::string next(text.substr(b, e - b));
  for (char& c : next) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  static const std::unordered_set<std::string_view> kActors = {
      "forces", "troops", "soldiers", "officials", "official", "military", "army", "government",
      "president", "minister", "ministry", "authorities", "navy", "media", "intelligence",
      "embassy", "commander", "commanders", "spokesman", "leader", "leaders",
      // A capital or country that speaks is its government ("Washington said", "Moscow
      // claims", "Kyiv denied"): an actor, not the scene.
      "said", "says", "claimed", "claims", "denied", "denies", "announced", "insisted", "insists",
      "accused", "accuses", "warned", "warns", "responded", "blamed", "blames", "condemned",
      "demanded", "demands", "wants", "believes", "river", "based",
      // The country of a weapon or a unit ("a US air strike", "Russian jets"), not the scene.
      "air", "airstrike", "airstrikes", "strike", "strikes", "drone", "drones", "jets", "warplanes",
      "planes", "aircraft", "missile", "missiles", "citizens", "nationals", "envoy", "diplomats",
      "special", "backed", "navy's", "marines", "commandos"};
  return !kActors.contains(next);
}

// An action that makes a named weapon an attack: "fired mortars", "a missile hit",
// "rockets rained down", "drones struck".
bool IsAttackWord(std::string_view w) {
  static const std::unordered_set<std::string_view> kWords = {
      "fired",      "firing",   "fire",      "fires",     "launched",    "launching", "launches",
      "hit",        "hits",     "hitting",   "struck",    "strike",      "strikes",   "pounded",
      "pounding",   "pounds",   "shelled",   "shelling",  "pummelling",  "pummeling", "pummelled",
      "pummeled",   "battered", "battering", "rained",    "raining",     "killed",    "killing",
      "destroyed",  "damaged",  "landed",    "exploded",  "thundered",   "targeted",  "targeting",
      "attacked",   "attack",   "attacks",   "bombarded", "intercepted", "shot",      "downed",
      "wounded",    "injured",  "slammed",   "smashed",   "barrage",     "blasted",   "crashed",
      "destroying", "hammered", "hammering", "unleashed", "fell",        "falling",   "damaging"};
  return kWords.contains(w);
}

// Cues that can only mean armed violence.
bool IsStrongCue(std::string_view phrase) {
  static const std::unordered_set<std::string_view> kStrong = {"recaptured",
                                                               "recapture",
                                                               "recapturing",
                                                               "retook",
                                                               "retaken",
                                                               "liberated",
                                                               "airstrike",
                                                               "airstrikes",
                                                               "air strike",
                                                               "air strikes",
                                                               "air raid",
                                                               "air raids",
                                                               "shelling",
                                                               "shelled",
                                                               "bombardment",
                                                               "bombarded",
                                                               "barrage",
                                                               "car bomb",
                                                               "roadside bomb",
                                                               "ied",
                                                               "landmine",
                                                               "landmines",
                                                               "massacre",
                                                               "massacred",
                                                               "gunfire",
                                                               "firefight",
                                                               "ambush",
                                                               "ambushed",
                                                               "skirmish",
                                                               "skirmishes",
                                                               "counteroffensive",
                                                               "came under fire",
                                                               "come under fire",
                                                               "exchanged fire",
                                                               "shot down",
                                                               "overran",
                                                               "overrun",
                                                               "seized control",
                                                               "took full control",
                                                               "take full control",
                                                               "taken full control",
                                                               "taking full control",
                                                               "took complete control",
                                                               "taken complete control",
                                                               "arms cache",
                                                               "weapons cache",
                                                               "martial law",
                                                               "ceasefire",
                                                               "truce",
                                                               "prisoner exchange",
                                                               "prisoner swap",
                                                               "reinforcements",
                                                               "mobilisation",
                                                               "mobilization",
                                                               "mobilised",
                                                               "mobilized",
                                                               "bombing",
                                                               "bombed",
                                                               "warplanes",
                                                               "bombers"};
  return kStrong.contains(phrase);
}

// Words of work and pay: a strike among them is a labour strike.
bool LaborContext(const std::vector<text::Token>& tokens, size_t begin, size_t end) {
  static const std::unordered_set<std::string_view> kWords = {
      "workers",    "union",    "unions",  "teachers", "nurses", "doctors", "staff",
      "employees",  "crew",     "drivers", "miners",   "pay",    "wages",   "salaries",
      "pension",    "pensions", "walkout", "dockers",  "pilots", "labour",  "labor",
      "industrial", "picket",   "pickets", "strikers"};
  for (size_t i = begin; i < end; ++i) {
    if (kWords.contains(tokens[i].lower)) return true;
  }
  return false;
}

bool HasAttackWord(const std::vector<text::Token>& tokens, size_t begin, size_t end) {
  for (size_t i = begin; i < end; ++i) {
    if (IsAttackWord(tokens[i].lower)) return true;
  }
  return false;
}

bool IsModal(std::string_view w) {
  return w == "may" || w == "might" || w == "could" || w == "would" || w == "will" ||
         w == "should" || w == "can" || w == "must" || w == "shall" || w == "'ll" || w == "wo" ||
         w == "ca";
}

// Where the clause holding token `at` starts, scanning back to `begin`: after a ';' or ':'
// or a contrasting conjunction ("but", "while", "whereas", "although", "though", "yet").
size_t ClauseStart(const std::vector<text::Token>& tokens, size_t begin, size_t at) {
  for (size_t i = at; i-- > begin;) {
    const std::string& w = tokens[i].lower;
    if (w == ";" || w == ":" || w == "but" || w == "while" || w == "whereas" || w == "although" ||
        w == "though" || w == "yet") {
      return i + 1;
    }
  }
  return begin;
}

// Forecasts, plans and conditions before the cue in its clause, or a modal right after a
// nominal cue ("Bakhmut's capture would break ...", "explosions can be heard").
bool Hypothetical(const std::vector<text::Token>& tokens, size_t begin, size_t end,
                  const Cue& cue) {
  static const std::unordered_set<std::string_view> kWords = {
      "if",        "unless",    "whether",    "possible",   "possibly",     "potential", "likely",
      "unlikely",  "expected",  "expects",    "expect",     "poised",       "prepare",   "prepares",
      "preparing", "planning",  "plans",      "planned",    "intend",       "intends",   "threat",
      "threaten",  "threatens", "threatened", "risk",       "hypothetical", "scenario",  "forecast",
      "predicted", "predicts",  "warned",     "warns",      "brace",        "bracing",   "imminent",
      "plot",      "plotting",  "plotted",    "conspiracy", "braces",       "maybe",     "perhaps"};
  // What follows a nominal cue can make it a plan: "an attack plot", "strike threats".
  static const std::unordered_set<std::string_view> kAfter = {
      "plot",       "plots",        "plan",       "plans",       "threat",  "threats",
      "warning",    "warnings",     "fears",      "risk",        "drill",   "drills",
      "exercise",   "exercises",    "simulation", "campaign",    "fighter", "fighters",
      "capability", "capabilities", "talks",      "negotiations"};
  if (cue.last_token < end && kAfter.contains(tokens[cue.last_token].lower)) return true;
  for (size_t i = ClauseStart(tokens, begin, cue.first_token); i < cue.first_token; ++i) {
    if (IsModal(tokens[i].lower) || kWords.contains(tokens[i].lower)) return true;
    if (tokens[i].lower == "?") return true;
  }
  // A modal after the cue: right after any cue ("explosions can be heard"), and up to six
  // words after a noun ("an agreement between the two may end ..."); a verb in the past
  // ("captured the town and may push on") has happened whatever follows.
  const std::string& cue_word = tokens[cue.last_token - 1].lower;
  const bool past = cue_word.ends_with("ed") || cue_word == "took" || cue_word == "fell" ||
                    cue_word == "fought" || cue_word == "struck" || cue_word == "shot" ||
                    cue_word == "blew" || cue_word == "overran" || cue_word == "retook" ||
                    cue_word == "fled" || cue_word == "withdrew";
  const size_t reach = past ? 2 : 6;
  // "The evacuation was to have begun at dawn": planned, not done.
  if (cue.last_token + 1 < end &&
      (tokens[cue.last_token].lower == "was" || tokens[cue.last_token].lower == "were" ||
       tokens[cue.last_token].lower == "is" || tokens[cue.last_token].lower == "are") &&
      tokens[cue.last_token + 1].lower == "to") {
    return true;
  }
  for (size_t i = cue.last_token; i < std::min(end, cue.last_token + reach); ++i) {
    if (IsModal(tokens[i].lower)) return true;
    if (tokens[i].kind == text::TokenKind::kPunct) break;
  }
  for (size_t i = begin; i + 1 < end; ++i) {  // "in the coming days"
    if (tokens[i].lower == "coming" &&
        (tokens[i + 1].lower == "days" || tokens[i + 1].lower == "weeks" ||
         tokens[i + 1].lower == "months")) {
      return true;
    }
  }
  return end > begin && tokens[end - 1].lower == "?";
}

// Opinion, analysis and comparison anywhere in the sentence: the cue is what someone thinks
// of the war, not a report of an occurrence.
bool Assessment(const std::vector<text::Token>& tokens, size_t begin, size_t end, bool dated) {
  static const std::unordered_set<std::string_view> kWords = {
      "assess",      "assessed",     "assesses",   "assessing",    "assessment",  "assessments",
      "believe",     "believes",     "think",      "thinks",       "appears",     "appear",
      "seems",       "seem",         "seemed",     "likened",      "liken",       "compared",
      "comparing",   "comparison",   "branded",    "reminiscent",  "effective",   "ineffective",
      "exposes",     "exposed",      "relied",     "relies",       "rely",        "relying",
      "optics",      "analysts",     "analyst",    "analysis",     "symbolic",    "significance",
      "strategy",    "strategic",    "lesson",     "lessons",      "narrative",   "propaganda",
      "meat",        "grinder",      "stalingrad", "bloodbath",    "hellish",     "horrors",
      "suggests",    "suggested",    "indicates",  "indicate",     "signals",     "revealed",
      "condemned",   "condemns",     "condemning", "condemnation", "attributed",  "deplorable",
      "denounced",   "denounces",    "tribute",    "mourned",      "mourning",    "anniversary",
      "commemorate", "commemorated", "memorial",   "demonstrates", "underscores", "illustrates",
      "highlights",  "reflects",     "desire"};
  for (size_t i = begin; i < end; ++i) {
    const std::string& w = tokens[i].lower;
    if (w == "think" && i + 1 < end && tokens[i + 1].lower == "tank") continue;
    // "Their bombing of the mosque is a formal declaration of their defeat": a possessed
    // act judged with "is a" / "was an" is an opinion of it.
    if ((w == "is" || w == "was") && i + 1 < end &&
        (tokens[i + 1].lower == "a" || tokens[i + 1].lower == "an") && i > begin) {
      for (size_t k = begin; k + 1 < i && k < begin + 3; ++k) {
        const std::string& p = tokens[k].lower;
        if (p == "their" || p == "its" || p == "his" || p == "her" || p == "'s") return true;
      }
    }
    // "officials estimated that 3,000 to 5,000 fighters were in the city"
    // (Dated, the sentence also tells an occurrence: "... estimated that 6,000 militants
    // defended the city when the offensive began on October 17".)
    if (!dated && (w == "estimated" || w == "estimates" || w == "estimate") && i + 1 < end &&
        tokens[i + 1].lower == "that") {
      return true;
    }
    if (kWords.contains(w)) return true;
    if (w == "worse" && i + 1 < end && tokens[i + 1].lower == "than") return true;
    // "described the attack as utterly unacceptable" (residents "described hours of
    // shelling" are witnesses, not an opinion).
    if (w == "described" || w == "describes" || w == "describing" || w == "called") {
      for (size_t k = i + 1; k < std::min(end, i + 6); ++k) {
        if (tokens[k].lower == "as") return true;
      }
    }
  }
  return false;
}

bool IsDurationCompound(std::string_view w) {
  for (std::string_view unit : {"-day", "-days", "-week", "-weeks", "-month", "-months", "-year",
                                "-years", "-long", "-hour"}) {
    if (w.size() > unit.size() && w.ends_with(unit)) return true;
  }
  return w == "prolonged" || w == "protracted" || w == "lengthy" || w == "months" || w == "years" ||
         w == "weeks";
}

// A number of at least 1,000 within four words of a casualty word ("killed more than 1600
// civilians", "200,000 dead and injured").
bool LargeCasualtyCount(const std::vector<text::Token>& tokens, size_t begin, size_t end,
                        size_t at) {
  std::string digits;
  for (char c : tokens[at].lower) {
    if (c != ',') digits += c;
  }
  if (std::atof(digits.c_str()) < 1000) return false;
  if (at + 1 < end && tokens[at + 1].lower == "%") return false;
  const size_t lo = at >= begin + 4 ? at - 4 : begin;
  const size_t hi = std::min(end, at + 5);
  for (size_t k = lo; k < hi; ++k) {
    const std::string& w = tokens[k].lower;
    if (w == "killed" || w == "dead" || w == "died" || w == "deaths" || w == "wounded" ||
        w == "injured" || w == "casualties" || w == "civilians" || w == "fatalities") {
      return true;
    }
  }
  return false;
}

// Shares, rates and totals: a casualty word beside a percentage or a rate, or a cue that a
// duration qualifies ("a three-week battle", "the months-long offensive").
bool Statistic(const std::vector<text::Token>& tokens, size_t begin, size_t end, const Cue& cue,
               bool dated) {
  for (size_t k = 1; k <= 2 && cue.first_token >= begin + k && !dated; ++k) {
    if (IsDurationCompound(tokens[cue.first_token - k].lower)) return true;
  }
  for (size_t i = begin; i < end; ++i) {
    const std::string& w = tokens[i].lower;
    // Many occurrences summed up: "the latest in a series of attacks", "a spate of attacks",
    // "separate gun, bomb and knife attacks".
    if (!dated &&
        (w == "series" || w == "spate" || w == "separate" || w == "string" || w == "wave")) {
      return true;
    }
    // A toll of thousands is a campaign's total, not one occurrence's.
    if (tokens[i].kind == text::TokenKind::kNumber && LargeCasualtyCount(tokens, begin, end, i)) {
      return true;
    }
  }
  if (cue.subtype != "casualties") return false;
  for (size_t i = begin; i < end; ++i) {
    const std::string& w = tokens[i].lower;
    if (IsDurationCompound(w) || w == "losses") return true;  // "in the year-long war"
    if (w == "so" && i + 1 < end && tokens[i + 1].lower == "far") return true;
    if (w == "this" && i + 1 < end && tokens[i + 1].lower == "year") return true;
    if (w == "overall" || w == "cumulative" || w == "puts" || w == "tally") return true;
    // Shares and rates of the dead: "more than half his unit", "1,000 soldiers a day".
    if (w == "half" || w == "third" || w == "majority" || w == "varies" || w == "higher" ||
        w == "lower") {
      return true;
    }
    if ((w == "a" || w == "per" || w == "each" || w == "every") && i + 1 < end &&
        (tokens[i + 1].lower == "day" || tokens[i + 1].lower == "week" ||
         tokens[i + 1].lower == "month")) {
      return true;
    }
    if (w == "thousands" || w == "million" || w == "millions") return true;
    if (w == "%" || w == "percent" || w == "rate" || w == "rates" || w == "proportion" ||
        w == "ratio" || w == "share" || w == "average" || w == "per" || w == "toll" ||
        w == "total" || w == "tally" || w == "statistics" || w == "figures" || w == "data") {
      return true;
    }
  }
  return false;
}

// A person's story: training and biography words, or a sentence that opens on a person and
// their age ("Ivan, 37, who suffered shrapnel wounds, said ...").
bool Anecdote(const std::vector<text::Token>& tokens, size_t begin, size_t end, const Cue& cue,
              bool dated) {
  static const std::unordered_set<std::string_view> kWords = {
      "training",    "learning",   "learned",   "learnt",   "skills",   "course",    "courses",
      "instructors", "instructor", "graduated", "graduate", "enlisted", "born",      "career",
      "childhood",   "studied",    "taught",    "recalled", "recalls",  "remembers", "memories"};
  for (size_t i = begin; i < end; ++i) {
    if (kWords.contains(tokens[i].lower)) return true;
  }
  // First-person accounts ("we spent five days under fire", "a mortar exploded near us"):
  // a witness's story, not a report of an occurrence at a stated place and time.
  for (size_t i = begin; i < end; ++i) {
    const std::string& w = tokens[i].lower;
    if (w == "us" && tokens[i].capitalized) continue;  // the US
    if (w == "i" || w == "me" || w == "my" || w == "we" || w == "us" || w == "our") return true;
  }
  // A person described by what they did: "a soldier who fought inside Bakhmut".
  for (size_t k = 1; k <= 2 && cue.first_token >= begin + k; ++k) {
    if (tokens[cue.first_token - k].lower == "who") return true;
  }
  // A third person's story: a sentence opening on "He"/"She" ("He was in the town for three
  // days when four of his squad were killed"). DetectEvents keeps it when it is dated.
  size_t first = begin;  // past opening quotes and brackets
  while (first < end && tokens[first].kind == text::TokenKind::kPunct) ++first;
  if (first < end && (tokens[first].lower == "he" || tokens[first].lower == "she") && !dated) {
    return true;
  }
  for (size_t i = begin; i + 3 < end && i < begin + 4; ++i) {
    if (tokens[i].capitalized && tokens[i + 1].lower == "," &&
        tokens[i + 2].kind == text::TokenKind::kNumber && tokens[i + 3].lower == ",") {
      const int age = std::atoi(tokens[i + 2].lower.c_str());
      if (age >= 14 && age <= 99) return true;
    }
  }
  return false;
}

// "the battle for Bakhmut", "the fighting for the city": the campaign named as a topic.
bool Topic(const std::vector<text::Token>& tokens, size_t begin, size_t end, const Cue& cue) {
  const std::string& w = tokens[cue.first_token].lower;
  if (w != "battle" && w != "fight" && w != "fighting" && w != "war" && w != "siege" &&
      w != "offensive" && w != "assault" && w != "battles" && w != "violence" && w != "clashes" &&
      w != "conflict" && w != "bombing" && w != "shelling") {
    return false;
  }
  const size_t next = cue.last_token;
  if (next + 1 < end &&
      (tokens[next].lower == "for" || tokens[next].lower == "of" || tokens[next].lower == "to" ||
       tokens[next].lower == "against") &&
      (tokens[next + 1].capitalized || tokens[next + 1].lower == "the" ||
       tokens[next].lower == "to")) {
    return true;  // "the battle for Bakhmut", "the battle to drive IS out of Mosul"
  }
  // "during the fighting", "displaced by the war", "in the battle": the campaign as the
  // frame of what the sentence tells.
  if (cue.first_token >= begin + 2 && tokens[cue.first_token - 1].lower == "the") {
    const std::string& p = tokens[cue.first_token - 2].lower;
    if (p == "during" || p == "by" || p == "throughout" || p == "in" || p == "from" ||
        p == "amid" || p == "since" || p == "after" || p == "before") {
      return true;
    }
  }
  return false;
}

// The sentence speaks of armed conflict, terrorism or political violence: a word of it
// other than the cue itself. Without one, "killed", "strike", "attack", "explosion",
// "fled" or "arrested" are a disease, an accident, a labour strike, a business rivalry or
// ordinary crime, none of them events of these types.
bool IsConflictWord(std::string_view w) {
  static const std::unordered_set<std::string_view> kWords = {
      "attack",        "attacks",      "attacked",     "attacker",      "attackers",
      "gunman",        "gunmen",       "gunfire",      "shot",          "shooting",
      "shootings",     "stabbed",      "stabbing",     "bomb",          "bombs",
      "bombing",       "bombings",     "bomber",       "bombers",       "suicide",
      "explosive",     "explosives",   "militant",     "militants",     "militia",
      "militias",      "rebel",        "rebels",       "insurgent",     "insurgents",
      "terrorist",     "terrorists",   "terror",       "terrorism",     "jihadist",
      "jihadists",     "extremist",    "extremists",   "troops",        "soldier",
      "soldiers",      "army",         "military",     "forces",        "fighter",
      "fighters",      "fighting",     "clashes",      "war",           "combat",
      "airstrike",     "airstrikes",   "missile",      "missiles",      "rocket",
      "rockets",       "shelling",     "artillery",    "drone",         "drones",
      "massacre",      "violence",     "violent",      "armed",         "weapon",
      "weapons",       "gun",          "guns",         "assault",       "ambush",
      "hostage",       "hostages",     "kidnapped",    "jets",          "warplanes",
      "coalition",     "offensive",    "siege",        "sniper",        "grenade",
      "ied",           "mortar",       "mortars",      "isis",          "isil",
      "taliban",       "qaeda",        "hamas",        "hezbollah",     "wagner",
      "boko",          "shabaab",      "regime",       "opposition",    "protest",
      "protests",      "protesters",   "riot",         "riots",         "police",
      "security",      "ceasefire",    "truce",        "occupation",    "invasion",
      "frontline",     "front",        "battle",       "paramilitary",  "guerrilla",
      "guerrillas",    "separatist",   "separatists",  "sectarian",     "rebellion",
      "uprising",      "coup",         "junta",        "demonstrators", "demonstration",
      "clashed",       "fought",       "killed",       "strike",        "strikes",
      "shelled",       "bombed",       "raid",         "raids",         "blast",
      "explosion",     "refugees",     "displaced",    "evacuated",     "besieged",
      "captured",      "seized",       "recaptured",   "liberated",     "curfew",
      "martial",       "mobilisation", "mobilization", "airport",       "checkpoint",
      "shooter",       "murder",       "murdered",     "custody",       "raided",
      "assassination", "assassin",     "firearm",      "firearms",      "rifle",
      "arson",         "hate",         "extremism",    "radicalised",   "radicalized",
      "warplane",      "guard",        "guardsmen",    "border",        "ambassador",
      "embassy",       "political",    "dissident",    "partisans",     "partisan",
      "dead",          "wounded",      "armies",       "occupied",      "occupiers",
      "frontlines",    "trenches",     "trench"};
  return kWords.contains(w);
}

bool ConflictContext(const std::vector<text::Token>& tokens, size_t begin, size_t end,
                     const Cue& cue) {
  for (size_t i = begin; i < end; ++i) {
    if (i >= cue.first_token && i < cue.last_token) continue;
    if (IsConflictWord(tokens[i].lower)) return true;
  }
  return false;
}

// Words that make a sentence about disease, accidents, nature or business, whatever its
// verbs.
bool NonConflictFrame(const std::vector<text::Token>& tokens, size_t begin, size_t end) {
  static const std::unordered_set<std::string_view> kWords = {
      "virus",     "disease",   "diseases", "flu",      "infection", "infected",   "outbreak",
      "epidemic",  "pandemic",  "cholera",  "symptoms", "patients",  "vaccine",    "h1n1",
      "h5n1",      "ebola",     "malaria",  "measles",  "gas",       "leak",       "accident",
      "crash",     "collision", "flood",    "floods",   "flooding",  "earthquake", "quake",
      "storm",     "hurricane", "cyclone",  "typhoon",  "landslide", "wildfire",   "drought",
      "tsunami",   "airline",   "airways",  "flights",  "contract",  "investors",  "scooter",
      "fireworks", "boiler",    "heatwave"};
  for (size_t i = begin; i < end; ++i) {
    if (kWords.contains(tokens[i].lower)) return true;
  }
  return false;
}

// A cue that is part of a name ("the Joint Strike Fighter", "Operation Desert Storm"):
// capitalised inside a sentence that is not in title case.
bool InName(const std::vector<text::Token>& tokens, size_t begin, size_t end, const Cue& cue) {
  if (cue.first_token == begin || !tokens[cue.first_token].capitalized) return false;
  size_t words = 0, caps = 0;
  for (size_t i = begin; i < end; ++i) {
    if (tokens[i].kind != text::TokenKind::kWord || tokens[i].lower.size() < 4) continue;
    ++words;
    caps += tokens[i].capitalized ? 1 : 0;
  }
  return 2 * caps < words;  // mostly lower case: not a headline
}

// "offensive" as an adjective ("an offensive weapon"), "dead" as one ("the dead soldier").
bool Adjectival(const std::vector<text::Token>& tokens, size_t begin, size_t end, const Cue& cue) {
  const std::string& w = tokens[cue.first_token].lower;
  if (w == "offensive" && cue.last_token < end) {
    static const std::unordered_set<std::string_view> kNext = {
        "on",     "in",       "against", "to",        "toward", "towards", "was",  "is",   "has",
        "had",    "began",    "started", "continued", "that",   "which",   "by",   "and",  "near",
        "around", "launched", "stalled", "aimed",     "there",  "since",   "last", "this", "into"};
    const text::Token& next = tokens[cue.last_token];
    return next.kind == text::TokenKind::kWord && !kNext.contains(next.lower);
  }
  if (cue.last_token < end) {  // "rallying cries", "an attack helicopter", "the attack dogs"
    static const std::unordered_set<std::string_view> kNouns = {
        "cry",         "cries",      "call",   "calls", "point", "helicopter",
        "helicopters", "aircraft",   "jet",    "jets",  "dog",   "dogs",
        "submarine",   "submarines", "craft",  "boat",  "boats", "vehicle",
        "vehicles",    "rifle",      "rifles", "force"};
    if (kNouns.contains(tokens[cue.last_token].lower)) return true;
  }
  if (w == "executed") {  // "projects executed by engineers": a person must be executed
    for (size_t i = begin; i < end; ++i) {
      const std::string& x = tokens[i].lower;
      if (IsCivilianWord(x) || x == "prisoners" || x == "hostages" || x == "captives" ||
          x == "soldiers" || x == "he" || x == "she" || x == "they" ||
          tokens[i].kind == text::TokenKind::kNumber) {
        return false;
      }
    }
    return true;
  }
  if (w == "dead" && cue.first_token > begin) {
    const std::string& p = tokens[cue.first_token - 1].lower;
    return (p == "the" || p == "a" || p == "his" || p == "her" || p == "their") &&
           cue.last_token < end && tokens[cue.last_token].kind == text::TokenKind::kWord;
  }
  return false;
}

// Habits and repetitions: "deployed numerous times", "repeatedly shelled", "amid constant
// shelling".
bool Habitual(const std::vector<text::Token>& tokens, size_t begin, size_t end, const Cue& cue) {
  for (size_t k = 1; k <= 2 && cue.first_token >= begin + k; ++k) {
    const std::string& w = tokens[cue.first_token - k].lower;
    if (w == "constant" || w == "continuous" || w == "continual" || w == "daily" ||
        w == "nightly" || w == "regular" || w == "frequent" || w == "relentless" ||
        w == "incessant" || w == "persistent" || w == "sporadic" || w == "ongoing") {
      return true;
    }
  }
  // A present-tense "get" passive tells what happens in general, or in a story told in the
  // present ("three of them get killed and the two survivors start digging"); a reported
  // occurrence is in the past ("got killed", "were killed").
  if (cue.first_token > begin) {
    const std::string& w = tokens[cue.first_token - 1].lower;
    if (w == "get" || w == "gets") return true;
  }
  for (size_t i = begin; i < end; ++i) {
    const std::string& w = tokens[i].lower;
    if (w == "repeatedly" || w == "routinely" || w == "regularly" || w == "usually" ||
        w == "often" || w == "frequently" || w == "typically") {
      return true;
    }
    if (w == "times" && i > begin &&
        (tokens[i - 1].lower == "numerous" || tokens[i - 1].lower == "several" ||
         tokens[i - 1].lower == "many" || tokens[i - 1].lower == "multiple")) {
      return true;
    }
  }
  return false;
}

// True when `name` holds the lower-case word `word` (ASCII case-insensitive).
bool HasWord(std::string_view name, std::string_view word) {
  std::string lower(name);
  for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  for (std::string_view w : SplitWords(lower)) {
    if (w == word) return true;
  }
  return false;
}

// True when byte `pos` of [start, end) lies between two dashes (em dash, or " - ").
bool InDashAside(std::string_view text, size_t start, size_t end, size_t pos) {
  auto count = [&](size_t a, size_t b) {
    int n = 0;
    std::string_view s = text.substr(a, b - a);
    for (size_t k = s.find("\xE2\x80\x94"); k != std::string_view::npos;
         k = s.find("\xE2\x80\x94", k + 3)) {
      ++n;
    }
    for (size_t k = s.find(" - "); k != std::string_view::npos; k = s.find(" - ", k + 3)) ++n;
    return n;
  };
  if (pos < start || pos > end || end > text.size()) return false;
  return count(start, pos) % 2 == 1 && count(pos, end) >= 1;
}

// A party speaking of its own side's action: "said its forces captured", "said it shot
// down", "our troops". (The Iraqi military saying that militants blew up a mosque reports
// the enemy's act; that is reported, not claimed.)
bool SpeaksOfItself(const std::vector<text::Token>& tokens, size_t begin, size_t end) {
  for (size_t i = begin; i < end; ++i) {
    const std::string& w = tokens[i].lower;
    if (w == "our" || w == "we") return true;
    if (w == "its") {  // "its forces", "its air defence units", not "its leaning minaret"
      for (size_t k = i + 1; k < std::min(end, i + 3); ++k) {
        const std::string& n = tokens[k].lower;
        if (n == "forces" || n == "troops" || n == "fighters" || n == "units" || n == "unit" ||
            n == "soldiers" || n == "army" || n == "military" || n == "defence" || n == "defense" ||
            n == "aircraft" || n == "jets" || n == "warplanes" || n == "drones" ||
            n == "artillery" || n == "navy" || n == "men" || n == "militants") {
          return true;
        }
      }
    }
    if (w == "it" && i + 1 < end) {
      const std::string& next = tokens[i + 1].lower;
      if (next != "said" && next != "says" && next != "added" && next != "reported" &&
          next != "was" && next != "is") {
        return true;
      }
    }
  }
  return false;
}

// Words of the air: aircraft, drones, air strikes.
bool AirContext(const std::vector<text::Token>& tokens, size_t begin, size_t end, const Cue& cue) {
  for (size_t i = begin; i < end; ++i) {
    if (i >= cue.first_token && i < cue.last_token) continue;
    const std::string& w = tokens[i].lower;
    if (w == "air" || w == "aerial" || w == "aircraft" || w == "warplanes" || w == "warplane" ||
        w == "jets" || w == "jet" || w == "planes" || w == "plane" || w == "drone" ||
        w == "drones" || w == "airstrike" || w == "airstrikes" || w == "sorties" ||
        w == "helicopter" || w == "helicopters" || w == "bombers" || w == "b-52") {
      return true;
    }
  }
  return false;
}

bool IsDenyWord(std::string_view w) {
  return w == "denied" || w == "denies" || w == "deny" || w == "denying" || w == "rejected" ||
         w == "refuted" || w == "dismissed";
}

bool IsClaimWord(std::string_view w) {
  return w == "claimed" || w == "claims" || w == "claim" || w == "claiming" || w == "alleged" ||
         w == "allegedly" || w == "purportedly" || w == "purported" || w == "boasted";
}

}  // namespace

bool IsDeathWord(std::string_view w) {
  static const std::unordered_set<std::string_view> kWords = {
      "killed", "kill",       "killing", "dead",  "died",     "die",     "deaths", "death",
      "lives",  "fatalities", "bodies",  "slain", "perished", "fatally", "deadly", "fatal"};
  return kWords.contains(w);
}

std::optional<Cue> FindCue(const std::vector<text::Token>& tokens, size_t begin, size_t end) {
  const Lexicon& lex = GetLexicon();
  std::optional<Cue> best;
  for (size_t i = begin; i < end; ++i) {
    if (tokens[i].kind != text::TokenKind::kWord) continue;
    auto it = lex.by_first.find(tokens[i].lower);
    if (it == lex.by_first.end()) continue;
    for (const auto& [words, entry] : it->second) {
      if (i + words.size() > end) continue;
      bool match = true;
      for (size_t k = 1; k < words.size() && match; ++k) match = tokens[i + k].lower == words[k];
      if (!match) continue;
      if (Blocked(tokens, begin, i)) break;
      if (entry->needs_action && !HasAttackWord(tokens, begin, end)) break;
      Cue cue{entry->type, entry->subtype,   entry->priority,
              i,           i + words.size(), entry->needs_action || IsStrongCue(entry->phrase)};
      // Workers' strikes are protests (ACLED codes labour strikes as protests): "teachers
      // striking in West Virginia", "a strike by cabin crew over pay".
      const bool strike_word =
          entry->phrase == "strike" || entry->phrase == "strikes" || entry->phrase == "striking";
      if (strike_word && LaborContext(tokens, begin, end)) {
        cue = Cue{kProtests, kPeacefulProtest, 56, i, i + 1, false};
      } else if (entry->phrase == "striking") {
        break;  // "striking" otherwise is not a cue ("a striking image")
      }
      if (!best || cue.priority > best->priority) best = cue;
      break;
    }
  }
  return best;
}

bool WarDocument(const std::vector<text::Token>& tokens) {
  size_t words = 0, war = 0;
  for (const text::Token& t : tokens) {
    if (t.kind != text::TokenKind::kWord) continue;
    ++words;
    war += IsConflictWord(t.lower) ? 1 : 0;
  }
  return war >= kWarDocumentMinWords && war * 100 >= words * kWarDocumentMinPercent;
}

NotEvent ClassifyCueSentence(const std::vector<text::Token>& tokens, size_t begin, size_t end,
                             const Cue& cue, bool dated, bool war_document) {
  if (InName(tokens, begin, end, cue) || Adjectival(tokens, begin, end, cue)) {
    return NotEvent::kNotConflict;
  }
  // Protests, riots and violence against civilians are events of their own kind whatever
  // the cause (teachers marching for pay, a stabbing spree); the others need the war.
  const bool own_kind = cue.strong || cue.type == kProtests || cue.type == kRiots ||
                        cue.type == kViolenceAgainstCivilians;
  if (!own_kind && (NonConflictFrame(tokens, begin, end) ||
                    (!war_document && !ConflictContext(tokens, begin, end, cue)))) {
    return NotEvent::kNotConflict;
  }
  if (Hypothetical(tokens, begin, end, cue)) return NotEvent::kHypothetical;
  if (Assessment(tokens, begin, end, dated)) return NotEvent::kAssessment;
  if (Statistic(tokens, begin, end, cue, dated)) return NotEvent::kStatistic;
  if (Habitual(tokens, begin, end, cue)) return NotEvent::kOngoing;
  if (Anecdote(tokens, begin, end, cue, dated)) return NotEvent::kAnecdote;
  if (!dated && Topic(tokens, begin, end, cue)) return NotEvent::kTopic;
  return NotEvent::kIsEvent;
}

std::vector<uint64_t> ContentWords(const std::vector<text::Token>& tokens, size_t begin, size_t end,
                                   std::span<const uint8_t> skip) {
  std::vector<uint64_t> out;
  for (size_t i = begin; i < end && i < tokens.size(); ++i) {
    const text::Token& t = tokens[i];
    if (t.kind != text::TokenKind::kWord || t.lower.size() < 3 || IsStopWord(t.lower)) continue;
    if (i - begin < skip.size() && skip[i - begin] != 0) continue;
    out.push_back(std::hash<std::string_view>{}(Key(t)));
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

double Dice(const std::vector<uint64_t>& a, const std::vector<uint64_t>& b) {
  if (a.empty() && b.empty()) return 0;
  size_t i = 0, j = 0, common = 0;
  while (i < a.size() && j < b.size()) {
    if (a[i] < b[j]) {
      ++i;
    } else if (b[j] < a[i]) {
      ++j;
    } else {
      ++common, ++i, ++j;
    }
  }
  return 2.0 * static_cast<double>(common) / static_cast<double>(a.size() + b.size());
}

std::string EntityKey(const Entity& entity) {
  if (entity.geonames_id) return "g:" + std::to_string(*entity.geonames_id);
  std::string key = entity.type + ":" + entity.name;
  for (char& c : key) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return key;
}

std::vector<std::vector<std::string>> PlacesByDocument(const Report& report) {
  std::unordered_map<std::string_view, size_t> doc_of;
  for (size_t i = 0; i < report.documents.size(); ++i) doc_of.emplace(report.documents[i].id, i);
  std::vector<std::vector<std::string>> out(report.documents.size());
  for (const Entity& e : report.entities) {
    if (e.type != "place") continue;
    const std::string key = EntityKey(e);
    for (const Mention& m : e.mentions) {
      auto it = doc_of.find(m.doc);
      if (it != doc_of.end()) out[it->second].push_back(key);
    }
  }
  for (std::vector<std::string>& keys : out) {
    std::sort(keys.begin(), keys.end());
    keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
  }
  return out;
}

CorpusIndex BuildCorpusIndex(const Report& report, const PlaceCounts* places) {
  CorpusIndex index;
  const size_t n = report.documents.size();
  index.collection_docs = places ? places->documents : n;
  index.docs.resize(n);
  std::unordered_map<std::string_view, size_t> doc_of;
  doc_of.reserve(n);
  for (size_t i = 0; i < n; ++i) doc_of.emplace(report.documents[i].id, i);
  auto add = [&](std::string_view doc, size_t start, size_t end, size_t idx,
                 std::vector<CorpusIndex::Item> CorpusIndex::Doc::*list) -> int {
    auto it = doc_of.find(doc);
    if (it == doc_of.end()) return -1;
    const std::string& text = report.documents[it->second].text;
    if (start > end || end > text.size()) return -1;
    (index.docs[it->second].*list).push_back({start, end, idx});
    return static_cast<int>(it->second);
  };
  index.entity_doc_count.assign(report.entities.size(), 0);
  index.entity_by_id.reserve(report.entities.size());
  for (size_t e = 0; e < report.entities.size(); ++e) {
    index.entity_by_id.emplace(report.entities[e].id, e);
  }
  // Per document: mentions of each place and where it is first named, for its main place.
  struct PlaceSeen {
    int count = 0;
    size_t first = SIZE_MAX;
  };
  std::vector<std::unordered_map<size_t, PlaceSeen>> place_mentions(n);
  for (size_t e = 0; e < report.entities.size(); ++e) {
    const Entity& ent = report.entities[e];
    int last_doc = -1;
    std::vector<int> docs_seen;
    for (const Mention& m : ent.mentions) {
      const int d = add(m.doc, m.start, m.end, e, &CorpusIndex::Doc::entities);
      if (d < 0) continue;
      if (d != last_doc) docs_seen.push_back(d);
      last_doc = d;
      if (ent.type == "place") {
        // Whether the mention names a scene is decided once here (SentencePlace and
        // DetectEvents read the flag).
        CorpusIndex::Item& item = index.docs[d].entities.back();
        item.scene = IsScene(report.documents[d].text, m.start, m.end);
        if (item.scene) {
          PlaceSeen& seen = place_mentions[d][e];
          ++seen.count;
          seen.first = std::min(seen.first, m.start);
        }
      }
    }
    std::sort(docs_seen.begin(), docs_seen.end());
    index.entity_doc_count[e] =
        static_cast<int>(std::unique(docs_seen.begin(), docs_seen.end()) - docs_seen.begin());
    if (places && ent.type == "place") {
      auto it = places->by_key.find(EntityKey(ent));
      if (it != places->by_key.end()) index.entity_doc_count[e] = it->second;
    }
  }
  for (size_t t = 0; t < report.times.size(); ++t) {
    const TimeExpr& x = report.times[t];
    add(x.doc, x.start, x.end, t, &CorpusIndex::Doc::times);
  }
  for (size_t q = 0; q < report.quantities.size(); ++q) {
    const Quantity& x = report.quantities[q];
    add(x.doc, x.start, x.end, q, &CorpusIndex::Doc::quantities);
  }
  for (size_t c = 0; c < report.claims.size(); ++c) {
    const Claim& x = report.claims[c];
    add(x.doc, x.start, x.end, c, &CorpusIndex::Doc::claims);
  }
  const double total = static_cast<double>(std::max<size_t>(index.collection_docs, 1));
  for (size_t d = 0; d < n; ++d) {
    CorpusIndex::Doc& doc = index.docs[d];
    auto by_start = [](const CorpusIndex::Item& a, const CorpusIndex::Item& b) {
      return a.start != b.start ? a.start < b.start : a.index < b.index;
    };
    std::sort(doc.entities.begin(), doc.entities.end(), by_start);
    std::sort(doc.times.begin(), doc.times.end(), by_start);
    std::sort(doc.quantities.begin(), doc.quantities.end(), by_start);
    std::sort(doc.claims.begin(), doc.claims.end(), by_start);
    // Main place: mentions weighted by specificity - rarer across the corpus, and finer
    // in kind (a city over its region, a region over its country) - so a city named
    // three times beats the country named four times even where every document names
    // both.
    // Ties go to the place the document names first (not to the lower entity index: a run
    // over a piece of the collection numbers its entities otherwise).
    double best = 0;
    size_t best_first = SIZE_MAX;
    for (const auto& [e, seen] : place_mentions[d]) {
      const int count = seen.count;
      // A name the gazetteer did not place (a river, a quarter, a landmark) can be
      // anywhere: it counts as a region would.
      const Entity& place = report.entities[e];
      const std::string kind = place.lat ? place.place_kind.value_or("city") : "region";
      const double fineness = kind == "city"      ? 1.0
                              : kind == "region"  ? 0.7
                              : kind == "country" ? 0.45
                                                  : 0.3;
      const double score =
          fineness * count * std::log(1.0 + total / std::max(1, index.entity_doc_count[e]));
      if (score <= 0 || score < best) continue;
      if (score > best || seen.first < best_first ||
          (seen.first == best_first && e < *doc.main_place)) {
        best = score;
        best_first = seen.first;
        doc.main_place = e;
      }
    }
  }
  return index;
}

std::optional<size_t> SentencePlace(const Report& report, const CorpusIndex& index, size_t doc,
                                    size_t start, size_t end, size_t near_start, size_t near_end) {
  if (doc >= index.docs.size()) return std::nullopt;
  const std::string& text = report.documents[doc].text;
  const double docs = static_cast<double>(index.collection_docs);
  std::optional<size_t> best;
  double best_score = 0;
  for (const CorpusIndex::Item& it : Within(index.docs[doc].entities, start, end)) {
    if (it.end > end || report.entities[it.index].type != "place") continue;
    if (!it.scene) continue;
    // A place inside a dash aside ("troops - some trained in Britain - in trenches") is
    // not where the sentence's action is.
    if (InDashAside(text, start, end, it.start)) continue;
    // A place in the attribution after the cue is where the source sits, not the scene:
    // "..., according to the Institute for the Study of War, a think tank in Washington".
    if (it.start > near_end &&
        text.substr(near_end, it.start - near_end).find("according to") != std::string_view::npos) {
      continue;
    }
    double score = static_cast<double>(Distance(it.start, it.end, near_start, near_end));
    if (docs >= kUbiquityMinDocs) {
      score += kUbiquityPenaltyBytes * index.entity_doc_count[it.index] / docs;
    }
    if (!best || score < best_score) {
      best = it.index;
      best_score = score;
    }
  }
  return best;
}

std::optional<DatedTime> SentenceDate(const Report& report, const CorpusIndex& index, size_t doc,
                                      size_t start, size_t end, size_t near_start,
                                      size_t near_end) {
  if (doc >= index.docs.size()) return std::nullopt;
  const std::string& text = report.documents[doc].text;
  std::optional<DatedTime> best;
  size_t best_dist = 0;
  for (const CorpusIndex::Item& it : Within(index.docs[doc].times, start, end)) {
    const TimeExpr& t = report.times[it.index];
    if (t.type != "date" && t.type != "time") continue;
    if (t.qualifier && IsPeriodBound(*t.qualifier)) continue;
    if (IsPeriodBound(LastWordBefore(text, it.start))) continue;
    {  // "after the February 24 invasion": the bound reaches over an article
      const std::vector<std::string> before = WordsBefore(text, it.start, 2);
      if (before.size() == 2 && (before[0] == "the" || before[0] == "a") &&
          IsPeriodBound(before[1])) {
        continue;
      }
    }
    std::optional<DateSpan> span = ParseTimex(t.value);
    if (!span) continue;
    const size_t dist = Distance(it.start, it.end, near_start, near_end);
    if (!best || dist < best_dist) {
      best = DatedTime{std::move(*span), it.index};
      best_dist = dist;
    }
  }
  return best;
}

namespace {

// True when the sentence tells a state or habit over a period rather than an occurrence:
// a duration ("for more than five months", "over the past week") and no date, in a
// perfect tense ("has battered", "have been fighting").
bool Ongoing(const Report& report, const CorpusIndex::Doc& idx, const std::string& text,
             const std::vector<text::Token>& tokens, size_t tb, size_t te, size_t start,
             size_t end) {
  bool duration = false, long_span = false;
  for (const CorpusIndex::Item& it : Within(idx.times, start, end)) {
    const TimeExpr& t = report.times[it.index];
    if (t.type == "date" || t.type == "time") {
      if (!IsPeriodBound(LastWordBefore(text, it.start)) &&
          !(t.qualifier && IsPeriodBound(*t.qualifier))) {
        return false;  // dated: an occurrence
      }
    }
    if (t.type == "duration") {
      // Years or decades of it: a history, not an occurrence ("over four decades").
      if (t.value.starts_with("P") &&
          (t.value.find('Y') != std::string::npos || t.value.find("DE") != std::string::npos ||
           t.value.find("CE") != std::string::npos)) {
        long_span = true;
      }
      const std::string_view before = LastWordBefore(text, it.start);
      duration = duration || before == "for" || before == "over" || before == "past" ||
                 before == "throughout" || before == "For" || before == "Over";
    }
  }
  if (long_span) return true;
  if (!duration) return false;
  for (size_t i = tb; i < te; ++i) {
    if (tokens[i].lower == "has" || tokens[i].lower == "have" || tokens[i].lower == "'s") {
      return true;
    }
  }
  return false;
}

// The entity mention of the sentence that ends nearest before byte `pos` (the subject of a
// "claimed" or "denied"), preferring persons, organizations and groups; places count too
// ("Moscow denied ...").
std::optional<CorpusIndex::Item> SubjectBefore(const Report& report, const CorpusIndex::Doc& idx,
                                               size_t start, size_t pos) {
  std::optional<CorpusIndex::Item> best, best_place;
  for (const CorpusIndex::Item& it : Within(idx.entities, start, pos)) {
    if (it.end > pos) continue;
    if (report.entities[it.index].type == "place") {
      best_place = it;
    } else {
      best = it;
    }
  }
  return best ? best : best_place;
}

}  // namespace

std::vector<EventMention> DetectEvents(const Report& report, const text::DocText& text, size_t doc,
                                       const CorpusIndex& index) {
  std::vector<EventMention> out;
  if (doc >= index.docs.size()) return out;
  const CorpusIndex::Doc& idx = index.docs[doc];
  const std::string& body = report.documents[doc].text;
  const std::vector<text::Token>& tokens = text.tokens;
  std::optional<long> published;
  if (const std::optional<std::string>& p = report.documents[doc].published) {
    if (std::optional<DateSpan> span = ParseTimex(*p)) published = span->last;
  }
  const bool war_document = WarDocument(tokens);
  for (size_t s = 0; s < text.sentences.size(); ++s) {
    const text::Sentence& sent = text.sentences[s];
    const size_t tb = std::min(sent.first_token, tokens.size());
    const size_t te = std::min(sent.last_token, tokens.size());
    std::optional<Cue> cue = FindCue(tokens, tb, te);
    if (!cue) continue;
    const size_t cue_start = tokens[cue->first_token].start;
    const size_t cue_end = tokens[cue->last_token - 1].end;
    std::optional<DatedTime> dated =
        SentenceDate(report, index, doc, sent.start, sent.end, cue_start, cue_end);
    if (ClassifyCueSentence(tokens, tb, te, *cue, dated.has_value(), war_document) !=
        NotEvent::kIsEvent) {
      continue;
    }
    if (Ongoing(report, idx, body, tokens, tb, te, sent.start, sent.end)) continue;
    // "rebel groups fighting to topple Assad": a purpose, not an occurrence, unless dated.
    if (!dated && cue->last_token < te && tokens[cue->last_token].lower == "to" &&
        tokens[cue->last_token - 1].lower.ends_with("ing")) {
      continue;
    }
    // "US forces battling the Islamic State", "rebel groups fighting Assad": a participle
    // that describes a force says what it does in general, not what happened, unless dated.
    if (!dated && cue->first_token > tb && tokens[cue->first_token].lower.ends_with("ing")) {
      const std::string& before = tokens[cue->first_token - 1].lower;
      if (before == "forces" || before == "troops" || before == "groups" || before == "militias" ||
          before == "fighters" || before == "rebels" || before == "soldiers" || before == "units" ||
          before == "coalition" || before == "militants") {
        continue;
      }
    }

    EventMention m;
    m.doc = doc;
    m.sentence = s;
    m.start = sent.start;
    m.end = sent.end;
    m.type = cue->type;
    m.subtype = cue->subtype;
    m.cue = {cue_start, cue_end};

    // Actors: the sentence's named persons, organizations and groups (not places, and
    // not the other names: a mosque, a weapon, "US-led" are not who acts).
    for (const CorpusIndex::Item& it : Within(idx.entities, sent.start, sent.end)) {
      if (it.end > sent.end) continue;
      const Entity& e = report.entities[it.index];
      if (e.type != "person" && e.type != "organization" && e.type != "group") continue;
      if (std::find(m.actors.begin(), m.actors.end(), it.index) != m.actors.end()) continue;
      m.actors.push_back(it.index);
      m.actor_words.push_back({it.start, it.end});
    }

    // Status: a denial or a claim before the cue, or a fighting party as the speaker.
    std::optional<size_t> status_token;
    for (size_t i = tb; i < cue->first_token; ++i) {
      if (IsDenyWord(tokens[i].lower)) {
        m.status = kDenied;
        status_token = i;
        break;
      }
      if (IsClaimWord(tokens[i].lower) && m.status != kClaimed) {
        m.status = kClaimed;
        status_token = i;
      }
    }
    for (size_t i = cue->last_token; i + 1 < te && m.status == kReported; ++i) {
      // "... claimed responsibility for the bombing" names the claim after the cue too.
      if (IsClaimWord(tokens[i].lower) && tokens[i + 1].lower == "responsibility") {
        m.status = kClaimed;
        status_token = i;
      }
    }
    if (status_token) {
      m.status_word = ByteSpan{tokens[*status_token].start, tokens[*status_token].end};
      if (std::optional<CorpusIndex::Item> who =
              SubjectBefore(report, idx, sent.start, tokens[*status_token].start)) {
        m.claimants.push_back(who->index);
      }
    } else {
      for (const CorpusIndex::Item& it : Within(idx.claims, sent.start, sent.end)) {
        const Claim& c = report.claims[it.index];
        if (!c.speaker) continue;
        auto found = index.entity_by_id.find(*c.speaker);
        if (found == index.entity_by_id.end()) continue;
        const Entity& who = report.entities[found->second];
        // A fighting party's own account of the fighting (a defence ministry, an army, an
        // armed group) is its claim; police, governors and monitors report.
        const bool party = (who.type == "group" || who.type == "organization") &&
                           (who.type == "group" || IsStateForce(who.name)) &&
                           !(HasWord(who.name, "police"));
        if (!party || !SpeaksOfItself(tokens, tb, te)) continue;
        m.status = kClaimed;
        m.claimants.push_back(found->second);
        break;
      }
    }
    for (size_t c : m.claimants) {
      if (std::find(m.actors.begin(), m.actors.end(), c) == m.actors.end()) m.actors.push_back(c);
    }

    if (cue->subtype == kCasualties) {
      bool civilians = false;
      for (size_t i = tb; i < te && !civilians; ++i) civilians = IsCivilianWord(tokens[i].lower);
      m.type = civilians ? kViolenceAgainstCivilians : kBattles;
      m.subtype = civilians ? kAttack : kArmedClash;
    } else if (cue->subtype == kCapture) {
      bool group = false;
      for (size_t a : m.actors) {
        const Entity& e = report.entities[a];
        group = group || (e.type == "group" && !IsStateForce(e.name));
      }
      m.subtype = group ? kNonStateOvertakes : kTerritoryCaptured;
    } else if (m.subtype == kAirDrone && !AirContext(tokens, tb, te, *cue)) {
      // "Their bombing of the mosque", "bombed the bridge": a bomb, not an aircraft, unless
      // the sentence names the air ("warplanes bombed", "an air raid").
      const std::string& w = tokens[cue->first_token].lower;
      if (w == "bombing" || w == "bombed" || w == "bombers") m.subtype = kRemoteExplosive;
    } else if (m.type == kProtests) {
      for (size_t i = tb; i < te; ++i) {
        const std::string& w = tokens[i].lower;
        if (w == "dispersed" || w == "tear" || w == "detained" || w == "arrested" || w == "water" ||
            w == "batons" || w == "rubber") {
          m.subtype = kProtestIntervention;
        }
      }
    }

    for (const CorpusIndex::Item& it : Within(idx.entities, sent.start, sent.end)) {
      if (it.end <= sent.end && report.entities[it.index].type == "place" && it.scene &&
          std::find(m.places.begin(), m.places.end(), it.index) == m.places.end()) {
        m.places.push_back(it.index);
      }
    }
    if (std::optional<size_t> best_place =
            SentencePlace(report, index, doc, sent.start, sent.end, cue_start, cue_end)) {
      m.place = best_place;
      m.place_from_text = true;
      size_t best_dist = SIZE_MAX;
      for (const CorpusIndex::Item& it : Within(idx.entities, sent.start, sent.end)) {
        if (it.index != *best_place || it.end > sent.end) continue;
        const size_t dist = Distance(it.start, it.end, cue_start, cue_end);
        if (dist < best_dist) {
          best_dist = dist;
          m.place_word = ByteSpan{it.start, it.end};
        }
      }
      if (std::find(m.places.begin(), m.places.end(), *best_place) == m.places.end()) {
        m.places.push_back(*best_place);
      }
    } else if (idx.main_place) {
      m.place = idx.main_place;
    }

    if (dated) {
      m.date = std::move(dated->span);
      m.time = dated->time;
    }
    // Background: long before the reporting ("the 2014 annexation", "since 2014").
    if (published && m.status != kDenied) {
      bool old = m.date && m.date->last < *published - kBackgroundDays;
      for (const CorpusIndex::Item& it : Within(idx.times, sent.start, sent.end)) {
        const TimeExpr& t = report.times[it.index];
        // The bound word, past an article ("after the February 24 invasion").
        std::vector<std::string> before = WordsBefore(body, it.start, 2);
        if (before.size() == 2 && (before[0] == "the" || before[0] == "a"))
          before.erase(before.begin());
        if (before.empty()) continue;
        const std::string& w = before.front();
        // "since 2014" frames the sentence in the past; "after the 2022 invasion" does when
        // the sentence has no date of its own ("the first areas captured after the
        // February 24 invasion" is not news of the day it is reported).
        if (w != "since" && !(w == "after" && !m.date)) continue;
        if (std::optional<DateSpan> span = ParseTimex(t.value)) {
          old = old || span->last < *published - kBackgroundDays;
        }
      }
      if (old) m.status = kBackground;
    }

    for (const CorpusIndex::Item& it : Within(idx.quantities, sent.start, sent.end)) {
      if (CountsDead(report.quantities[it.index], tokens, tb, te)) {
        m.fatalities = it.index;
        break;
      }
    }
    // Words of time expressions are left out: dates are compared as dates, and "last
    // month" says nothing about which event it is.
    std::vector<uint8_t> timed(te - tb, 0);  // tokens[tb + k] inside a time expression
    for (const CorpusIndex::Item& it : Within(idx.times, sent.start, sent.end)) {
      for (size_t k = tb; k < te; ++k) {
        if (tokens[k].start >= it.start && tokens[k].end <= it.end) timed[k - tb] = 1;
      }
    }
    m.words = ContentWords(tokens, tb, te, timed);
    // The clause that tells the event: a few words either side of the cue ("the
    // militants blew up the al-Nuri mosque last month"), so that a sentence telling
    // two things still meets a report of one of them.
    constexpr size_t kCoreBefore = 6, kCoreAfter = 8;
    const size_t core_b = cue->first_token > tb + kCoreBefore ? cue->first_token - kCoreBefore : tb;
    const size_t core_e = std::min(te, cue->last_token + kCoreAfter);
    m.core_words =
        ContentWords(tokens, core_b, core_e, std::span<const uint8_t>(timed).subspan(core_b - tb));
    out.push_back(std::move(m));
  }
  return out;
}

}  // namespace sitrep::reconcile
