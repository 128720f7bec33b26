#include "clean/language.h"

#include <algorithm>
#include <array>
#include <bit>
#include <cassert>
#include <cstdint>
#include <cstring>
#include <string_view>
#include <vector>

namespace sitrep::clean {
namespace {

// Decision thresholds (see language.h). Chosen on the UDHR chunks (docs/bench/language.md):
// with these no decision is wrong at 300 B, 1.5 KB or 3 KB, and none is either with any
// one of them a step looser (share 0.10, margin 7, ratio 0.35, count cap 3); margin 6 or
// distinct 5 let wrong ones through.
// The declared language's list covers at least this share of all words.
constexpr double kMinHitShare = 0.15;
// Against every other language: at least this many hits on words the other's list lacks,
constexpr size_t kMinMargin = 8;
// and the other language's hits on words the declared one's list lacks at most this share
// of them.
constexpr double kMaxRivalRatio = 0.25;
// Distinct words of 3 bytes or more of the declared language's list seen in the text:
// the one- and two-letter words of a list ("a", "e", "o", "le", "se") also abound in
// unrelated languages (Samoan, Sotho).
constexpr size_t kMinDistinct = 6;
// In the comparison with another language a word counts at most this many times, so that
// a repeated name ("El Fasher", "De Gaulle") cannot outweigh the function words.
constexpr size_t kMaxCountPerWord = 4;

struct LanguageList {
  std::string_view code;  // ISO 639-1 where one exists; others are never returned
  bool declarable;
  std::string_view words;  // lower-case, space-separated; elided prefixes end in '
};

// Most frequent function words per language, written for this purpose. A word may sit in
// several lists. Words that are frequent content words in English are left out of the
// other lists ("war" and "man" are not in the German list), and words a relative shares
// with its declarable neighbour are in both lists, so that only true differences count.
// The lists are in the scanner's form: lower-case, elided prefixes with their
// apostrophe.
constexpr LanguageList kLists[] = {
    // --- Declarable. ---
    {"en", true,
     "the of and to in a is that for it on was with he as at by this from they have had are "
     "but not be or his an which were been has their said its would will there who what "
     "when we can more also after about than into them these could should other no all any "
     "such shall may her she our your those where while because being both each every only "
     "over under so one out up if"},
    {"de", true,
     "der die das und in den von zu mit sich des auf für ist im dem nicht ein eine als auch es "
     "an werden aus er hat dass daß sie nach wird bei einer um am sind noch wie einem über "
     "einen so zum haben nur oder aber vor zur bis mehr durch sein wurde sei hatte kann gegen "
     "vom können schon wenn seine ihre ihren ihrer jeder jede jedes keine kein darf soll unter "
     "also ob diese dieser dieses wir ich was seiner sowie alle"},
    {"fr", true,
     "le la les de des du et à en un une est que qui pour dans ce il elle ils sur pas par au "
     "aux avec se sa son ses leur leurs plus ne ou comme mais nous vous été être a ont sont "
     "cette ces tout toute toutes tous y on l' d' qu' n' s' c' j' dont où sans entre selon "
     "contre lui peut doit aussi"},
    {"es", true,
     "de la que el en y a los se del las un por con no una su para es al lo como más o pero "
     "sus le les ha han si sin sobre este esta entre cuando también fue son ser está hay todo "
     "toda todos todas ni e u cual contra desde hasta durante según muy ya nadie cada otro "
     "otra dicho sea puede debe estos estas"},
    {"pt", true,
     "de a o que e do da em um uma para com não os as no na por mais dos das se ao pelo pela "
     "ou seu sua seus suas ser foi são está também como mas entre sobre à às nos nas pelos "
     "pelas este esta isso ele ela eles tem têm já quando muito até há nenhum qualquer deve "
     "pode todos todas sem nem num numa quem estão ainda lhe lhes essa esse você"},
    {"it", true,
     "di e il la che in a per un una è del della non i le con si da al alla dei delle gli lo "
     "nel nella sono ha anche come più ma o se suo sua suoi sue loro essere stato questo "
     "questa tra fra dal dalla degli ogni ed sul sulla tutti l' d' dell' all' nell' un' "
     "senza contro deve può nessuno su"},
    {"nl", true,
     "de het een en van in is op te dat die voor met zijn niet aan er om ook als bij door of "
     "maar naar uit over dan nog wordt worden werd tot heeft hebben was zo geen deze dit al "
     "hij zij ze wij we haar hun kan moet mag tegen onder tussen zonder elk ieder iedereen "
     "zal"},
    {"pl", true,
     "w i na z się nie do to że jest o od po za jak a ale przez oraz jego ich tak był była są "
     "jako dla lub czy który która które których także już tylko może być ten ta tym tego "
     "jej przy bez we ze pod nad między każdy wszystkie swoje sobie gdy jeśli aby też "
     "został"},
    {"ru", true,
     "и в не на что с по как это к из за он она они но а от о для так же то все его был была "
     "были бы у до при также или только уже еще ещё её ее их который которые которая "
     "которых после когда если чтобы может быть этого этот эти этом более со во об ни без "
     "того между мы вы я каждый"},
    {"uk", true,
     "і й та в у на не що з із до за як це для від по про але його її їх він вона вони був "
     "була були також або тільки вже ще який яка які яке після коли якщо щоб може бути "
     "цього цей ці між ми ви я о чи без при так все усі всі ні а кожна кожен"},
    {"sv", true,
     "och i att det som en på är av för med till den har de inte om ett men var jag han hon "
     "så vi kan sig från ska skall eller när också efter under sin sina sitt alla andra vid "
     "mot utan genom detta denna dessa vara varit blir blev hade där bara mellan varje än"},
    {"tr", true,
     "ve bir bu da de ile için olarak olan ki çok daha en gibi her ne o şu kadar sonra ya "
     "veya ama ancak değil mi mı hiç hem göre karşı arasında tarafından olduğu olması olmak "
     "ise diye bütün tüm kendi herkes hiçbir var yok başka üzere bunu buna bunun onun "
     "onların"},
    {"id", true,
     "yang dan di ini itu dengan untuk dari dalam ke tidak akan pada adalah juga oleh ada "
     "atau karena sebagai telah bahwa tersebut saat bisa dapat para lebih harus mereka kami "
     "kita ia dia sudah setelah hingga sampai antara tanpa terhadap setiap secara seperti "
     "namun tetapi jika bagi serta maupun masih belum sangat pun saja sehingga apa mana agar yaitu "
     "mau"},

    // --- Relatives, never declared. ---
    {"ca", false,
     "el la els les de del dels i a en un una és que qui per amb al als es seu seva seus "
     "seves ha han no o com però més també són ser aquest aquesta tot tota tots totes l' d' "
     "s' n' hi ho li sense entre sobre contra cap pel pels qualsevol fins perquè"},
    {"gl", false,
     "de a o que e do da en un unha para con non os as no na por máis dos das se ao polo pola "
     "ou seu súa seus súas ser foi son está tamén como mais pero entre sobre á ás nos nas "
     "polos polas este esta iso el ela eles ten teñen xa cando moi ata hai ningún calquera "
     "todos todas sen nin nun nunha quen están aínda moito lle lles esa ese"},
    {"oc", false,
     "lo la los las de del dels e a en un una es que qui per amb al als se son sa sos sas an "
     "pas o coma mas mai tanben èsser aquel aquela tot tota totes totas l' d' qu' s' n' i "
     "sens entre sus contra cap pel pels cada dins lor lors qual ont"},
    {"ast", false,
     "de la el en y a los les se del un por con nun non una unu so sos pa pal ye al lo como "
     "más o pero tamién ser esti esta ente cuando tolos toles ensin d' l' hasta fasta ni "
     "tien tienen cualquier naide dichu sía mui otru"},
    {"ro", false,
     "și şi de în la a cu pe că nu o un este să din se sau al ale lui ei lor mai care pentru "
     "fi fără prin sunt sînt fie orice toate între acest această are au fost ca dar până "
     "după asupra nici ce"},
    {"la", false,
     "et in est non ad cum ut quod sed qui quae per de ex a ab esse sunt sit aut vel eius "
     "suae suis omnis omnes nec neque ac atque si enim etiam inter sine contra pro quisque "
     "nemo"},
    {"af", false,
     "die en van in is op te dat vir met nie aan om ook as by deur of maar na uit oor dan "
     "nog word het was so geen hierdie dit al hy sy hulle ons kan moet mag teen onder tussen "
     "sonder elke iedereen sal n wat wees daardie ander alle"},
    {"fy", false,
     "de it in en fan yn is op te dat dy' foar mei wêze net oan der om ek as by troch of mar "
     "nei út oer dan noch wurdt wurde waard ta hat hawwe wie sa gjin dizze dit al hy sy se "
     "wy har hja kin moat tsjin ûnder tusken sûnder elk elkenien sil syn"},
    {"lb", false,
     "an vun der de d' den dat mat fir op ass net sech och eng en ee sinn gëtt gi hunn huet "
     "wéi déi si hien et ze zu bei no iwwer oder awer all kee keng well wann ob dës dësen "
     "hir säin seng sou just ginn duerch géint ënner tëscht"},
    {"nds", false,
     "de un dat in vun to mit sik op för is nich een en ok he se hett hebbt sünd wo as bi na "
     "över oder aver ut üm dor sien ehr elk jeedeen keen schall kann warrt ward vör dör "
     "ünner twischen dit"},
    {"da", false,
     "og i at det som en på er af for med til den har de ikke om et men var jeg han hun så vi "
     "kan sig fra skal eller når også efter under sin sine sit alle andre ved mod uden "
     "gennem dette denne disse være været bliver blev havde hvor kun mellem enhver end hans "
     "dem"},
    {"no", false,
     "og i at det som en på er av for med til den har de ikke om et men var jeg han hun så vi "
     "kan seg fra skal eller når også etter under sin sine sitt alle andre ved mot uten "
     "gjennom dette denne disse være vært blir ble hadde hvor bare mellom enhver enn ein eit "
     "ikkje frå vere kvar ho dei berre noko nokon kva kven"},
    {"is", false,
     "og í að á er sem til um með ekki fyrir en hann hún það við af eða hafa hefur var sé "
     "skal sinn sína sitt allir öll hver hvers þess þeirra þá þar frá eftir milli án vegna "
     "gegn sér hans"},
    {"cs", false,
     "a v na je se s z do že o k to by jako od po za ale pro jeho jejich tak byl byla jsou "
     "nebo který která které také už jen může být ten ta tím toho jí při bez ve ze pod nad "
     "mezi každý všechny své sebe když aby i podle není tento této"},
    {"sk", false,
     "a v na je sa s z do že o k to by ako od po za ale pre jeho ich tak bol bola sú alebo "
     "ktorý ktorá ktoré tiež už len môže byť ten tá tým toho jej pri bez vo zo pod nad medzi "
     "každý všetky svoje seba keď ak aby i podľa nie tento tejto nikto"},
    {"sl", false,
     "in v na je se s z do da o k to bi kot od po za ali pa njegov njihov tako bil bila so ki "
     "tudi že le lahko biti ta tem tega njej pri brez pod nad med vsak vsi svoje sebe ko če "
     "naj ni tej ima ker"},
    {"sh", false,
     "i u na je se s sa iz do da o k prema to bi kao od po za ali a njegov njihov tako bio "
     "bila su koji koja koje također takođe već samo može biti taj ta tom toga njoj pri bez "
     "pod nad između svaki svi svoje sebe kada ako ili nije što ima će"},
    {"be", false,
     "і ў у на не што з да за як гэта для ад па пра але яго яе іх ён яна яны быў была былі "
     "таксама або толькі ужо яшчэ які якая якія пасля калі каб можа быць гэтага гэты гэтыя "
     "паміж мы вы я без пры так усе ні а ці таго кожны свае ва"},
    {"bg", false,
     "и в на не че да се с по от за е са как това той тя те но а или който която които което "
     "при до към след когато ако може бъде има няма само вече още му ѝ им ги го я своите "
     "между без всеки всички във със пред чрез"},
    {"mk", false,
     "и во на не што да се со по од за е како ова тој таа тие но а или кој која кои кое при "
     "до кон кога ако може биде има нема само веќе уште му ѝ им ги го ја своите меѓу без "
     "секој сите пред преку"},
    {"sr", false,
     "и у на не што да се са по од за је су као ово он она они али а или који која које при "
     "до ка после када ако може бити има нема само већ још му јој им их га свој између без "
     "сваки сви пред кроз ће"},
    {"ms", false,
     "yang dan di ini itu dengan untuk dari dalam ke tidak akan pada adalah juga oleh ada "
     "atau kerana sebagai telah bahawa tersebut boleh dapat para lebih hendaklah mereka "
     "kami kita ia dia sudah selepas hingga sehingga sampai antara tanpa terhadap setiap "
     "secara seperti namun tetapi jika bagi serta maupun masih belum sangat pun sahaja "
     "sesiapa mana apa iaitu mahu mesti agar"},
    {"az", false,
     "və bir bu da də ilə üçün olaraq olan ki çox daha ən kimi hər nə o qədər sonra ya amma "
     "ancaq deyil heç həm görə qarşı arasında tərəfindən olduğu olması olmaq isə bütün öz "
     "var yox başqa üzrə onun onların"},
    {"sco", false,
     "o an tae wi hae haes hes ony wha whilk sall aw thair nae frae intae aboot ither ilka "
     "cuid shuid wis wes isnae cannae ane nane sae gin whan"},
    {"pmy", false,  // Papuan and Ambonese Malay
     "pu punya tra sa ko dong de kitong torang dorang trus su deng par seng katong ose beta "
     "pung samua"},
    {"pcm", false, "di dem wey na dey im una wetin abi sef don e for and"},
    {"co", false,
     "di u a i è e in per par un una chì ch' hè da cù so sò ùn micca à ogni tutti tuttu nè "
     "più ma o se issu issa stu sta quellu senza trà li lu la l' d' un' s' ellu ella "
     "elli sia sianu hà anu ci si ni"},
    {"rm", false,
     "il la ils las in ina ün üna l' da dal dals en a ad cun per sin sur tranter senza tenor "
     "davart sco e ed u ubain ma che cha el ella els ellas sia ses lur mintga tuts tut tuot "
     "tuots nagin ingün ingüna nu betg na è ha han haun sun ò po ston vegn vain gnir esser"},
    {"fur", false,
     "il la i lis un une al e a di dal dai de des cu cun par in te tal ta su sul cence che "
     "ch' no nol nissun nissune ogni ducj dutis dut dute so siei sos je son à an vê jessi "
     "cuant se o ma ancje plui tant come cheste chest chel chê"},
    {"rgn", false,
     "al la i j ad d' dla dl' int tla tl' sa at ma e o ch' che un una ogni tot toti é du "
     "del de sènza"},
    {"frp", false,
     "lo la los les lè l' d' de du dâo âo a à et è ou u que qu' qui cein dein dens avouéc "
     "avoué por po per sen sein tot tota tôs totes tî chaque châque nion nyon ren pas sa son "
     "sos lor lyor sont sant ant at ît ître étre sta quemet coment"},
    {"lad", false,
     "de la el los las en i a ke kon komo no por para del al un una su sus ser sin sovre "
     "kada todos dinguna dingun ande ama este esta es son se lo le les mas o ni kual "
     "kuando kualkiera"},
    {"ia", false,
     "le de del e in a al un es que qui con per pro sin non o su super como ille illa illes "
     "iste ista tote omne alicun nulle ha esser pote debe anque etiam si sed ab ante post "
     "inter contra secundo plus"},
    {"io", false,
     "la di de ed e en a ad por pro per kun sen ne nula omna omnu ca ta qua qui quo esas es "
     "havas povas devas il el lu li lua sua ilua elua o od ma anke ke sur sub inter kontre "
     "segun irga ula"},
    {"eo", false,
     "la de kaj en al por kun sen ne estas havas povas devas li ŝi ĝi ili sia siaj lia ĉiu "
     "ĉiuj neniu kiu kiuj ke aŭ sed pri per el ĉe sur sub inter kontraŭ laŭ tiu tiuj ankaŭ "
     "pli ol se nur jam"},
    {"lij", false,
     "o a i e de do da di in into inta pe co che ch' un ogni tutti no ò son l' ascì sensa"},
    {"vec", false,
     "el ła la i łe le de del dei a al in co par che un na ogni tuti no xe ga so sensa come "
     "o ma anca pi sto sta sti"},
    {"sc", false,
     "su sa sos sas de e in a chi una unu cun pro dae totu onzi no est sunt issu issa custu "
     "custa cada peruna nen o ma comente s' pius chene sena"},
    {"crh", false,
     "ve bir bu da de ile içün olaraq olğan ki çoq daa eñ kibi er ne o qadar soñ ya amma "
     "degil iç köre qarşı arasında bütün öz bar yoq başqa onıñ olar"},
    {"gag", false,
     "hem da dä ilä için bu bir o ya yada başka diil görä kendi hepsi herbir hiçbir var yok "
     "mi ki ama angı nicä taa sora"},
};

constexpr size_t kNumLanguages = std::size(kLists);
static_assert(kNumLanguages <= 64, "language masks are 64 bits");

constexpr size_t kMaxWordBytes = 16;  // longer words are never looked up
constexpr size_t kTableBits = 12;
constexpr size_t kTableSize = size_t{1} << kTableBits;
constexpr size_t kMaxListWords = 2048;  // distinct words of all lists

// The fast path loads words with memcpy into the same integers that Pack fills byte by
// byte.
static_assert(std::endian::native == std::endian::little, "keys are packed little-endian");

// A word of up to 16 bytes packed into two integers, zero-padded (words hold no zero
// byte).
struct Key {
  uint64_t lo = 0;
  uint64_t hi = 0;
};

Key Pack(std::string_view w) {
  Key k;
  for (size_t i = 0; i < w.size() && i < kMaxWordBytes; ++i) {
    uint64_t b = static_cast<unsigned char>(w[i]);
    if (i < 8) {
      k.lo |= b << (8 * i);
    } else {
      k.hi |= b << (8 * (i - 8));
    }
  }
  return k;
}

inline uint64_t Hash(const Key& k) {
  return (k.lo ^ (k.lo >> 29) ^ (k.hi * 0x9E3779B97F4A7C15ULL)) * 0xFF51AFD7ED558CCDULL;
}

struct WordInfo {
  uint64_t mask = 0;       // languages whose list holds the word
  uint16_t id = 0;         // dense word number, for per-call counts
  bool long_word = false;  // 3 bytes or more
};

// Open addressing with linear probing. A one-byte tag per slot (0: empty) keeps the
// probes for words in no list, about half of a text's words, inside a 4 KB array.
struct Table {
  std::array<uint8_t, kTableSize> tags{};
  std::array<Key, kTableSize> keys{};
  std::array<WordInfo, kTableSize> info{};
  uint32_t words = 0;

  static size_t SlotOf(uint64_t h) { return static_cast<size_t>(h >> (64 - kTableBits)); }
  static uint8_t TagOf(uint64_t h) {
    uint8_t t = static_cast<uint8_t>(h >> 40);
    return t == 0 ? 1 : t;
  }

  const WordInfo* Find(const Key& k) const {
    const uint64_t h = Hash(k);
    const uint8_t tag = TagOf(h);
    for (size_t s = SlotOf(h);; s = (s + 1) & (kTableSize - 1)) {
      const uint8_t t = tags[s];
      if (t == 0) return nullptr;
      if (t == tag && keys[s].lo == k.lo && keys[s].hi == k.hi) return &info[s];
    }
  }

  void Insert(std::string_view w, size_t lang) {
    const Key k = Pack(w);
    const uint64_t h = Hash(k);
    size_t s = SlotOf(h);
    while (tags[s] != 0 && (keys[s].lo != k.lo || keys[s].hi != k.hi)) {
      s = (s + 1) & (kTableSize - 1);
    }
    if (tags[s] == 0) {
      tags[s] = TagOf(h);
      keys[s] = k;
      info[s].id = static_cast<uint16_t>(words++);
      info[s].long_word = w.size() >= 3;
    }
    info[s].mask |= uint64_t{1} << lang;
  }
};

const Table& BuildTable() {
  static const Table* table = [] {
    auto* t = new Table;
    for (size_t lang = 0; lang < kNumLanguages; ++lang) {
      std::string_view list = kLists[lang].words;
      while (!list.empty()) {
        size_t sp = list.find(' ');
        std::string_view w = list.substr(0, sp);
        list = sp == std::string_view::npos ? std::string_view() : list.substr(sp + 1);
        if (w.empty()) continue;
        assert(w.size() <= kMaxWordBytes);
        t->Insert(w, lang);
      }
    }
    assert(t->words * 2 < kTableSize && t->words <= kMaxListWords);
    return t;
  }();
  return *table;
}

// Byte classes: ASCII letters, the ASCII apostrophe, lead or stray bytes of non-ASCII
// sequences, and everything else (separators).
enum : uint8_t { kSep = 0, kLetter = 1, kApostrophe = 2, kNonAscii = 3, kSentenceEnd = 4 };

constexpr std::array<uint8_t, 256> MakeByteClass() {
  std::array<uint8_t, 256> c{};
  for (int i = 'a'; i <= 'z'; ++i) c[i] = kLetter;
  for (int i = 'A'; i <= 'Z'; ++i) c[i] = kLetter;
  c['\''] = kApostrophe;
  c['.'] = c['!'] = c['?'] = c['\n'] = kSentenceEnd;
  for (int i = 0x80; i < 0x100; ++i) c[i] = kNonAscii;
  return c;
}
constexpr std::array<uint8_t, 256> kByteClass = MakeByteClass();

// True when the byte can start a letter: an ASCII letter or a non-ASCII lead byte.
inline bool StartsLetter(unsigned char b) { return kByteClass[b] == kLetter || b >= 0xC0; }

// Lower-case of a code point in U+0080..U+07FF (two-byte UTF-8) for the capitals of
// Latin-1, Latin Extended-A, Romanian comma letters and Cyrillic; others unchanged.
// Returns 0 for a two-byte code point that separates words (Latin-1 punctuation, signs).
constexpr char32_t FoldTwoByte(char32_t cp) {
  if (cp < 0xC0) return 0;                 // U+0080..U+00BF: controls, NBSP, « », ·, signs
  if (cp == 0xD7 || cp == 0xF7) return 0;  // × ÷
  if (cp < 0xDF) return cp + 0x20;
  if (cp < 0x100) return cp;
  if (cp < 0x180) {
    if (cp == 0x130) return 'i';  // İ
    if ((cp >= 0x139 && cp <= 0x148) || (cp >= 0x179 && cp <= 0x17E)) {
      return (cp & 1) ? cp + 1 : cp;
    }
    if (cp == 0x131 || cp == 0x138 || cp == 0x149 || cp == 0x17F) return cp;
    if (cp == 0x178) return 0xFF;
    return (cp & 1) ? cp : cp + 1;
  }
  if (cp >= 0x218 && cp <= 0x21B) return (cp & 1) ? cp : cp + 1;  // Ș Ț
  if (cp >= 0x400 && cp <= 0x40F) return cp + 0x50;
  if (cp >= 0x410 && cp <= 0x42F) return cp + 0x20;
  if (cp >= 0x460 && cp <= 0x4FF && cp != 0x482 && !(cp >= 0x483 && cp <= 0x489) &&
      !(cp >= 0x4C0 && cp <= 0x4CF)) {
    return (cp & 1) ? cp : cp + 1;
  }
  if (cp >= 0x4C1 && cp <= 0x4CE) return (cp & 1) ? cp + 1 : cp;
  return cp;
}

// FoldTwoByte for every two-byte code point, U+0080..U+07FF.
constexpr std::array<uint16_t, 0x780> MakeFoldTable() {
  std::array<uint16_t, 0x780> t{};
  for (char32_t cp = 0x80; cp < 0x800; ++cp) t[cp - 0x80] = static_cast<uint16_t>(FoldTwoByte(cp));
  return t;
}
constexpr std::array<uint16_t, 0x780> kFoldTwoByte = MakeFoldTable();

// Collects a word's lower-case bytes and counts what it hits. Per-call state lives on the
// stack; only the seen-bitset is cleared.
class Scanner {
 public:
  explicit Scanner(const Table& table) : table_(table) {}

  void Add(unsigned char b) {
    if (len_ < 8) {
      key_.lo |= uint64_t{b} << (8 * len_);
    } else if (len_ < kMaxWordBytes) {
      key_.hi |= uint64_t{b} << (8 * (len_ - 8));
    }
    ++len_;
  }

  // Records the case of the letter about to be added.
  void NoteCase(bool upper) {
    if (len_ == 0) {
      first_upper_ = upper;
    } else if (!upper) {
      later_lower_ = true;
    }
  }

  // A run of `n` ASCII letters at `p`; `can_load16` when 16 bytes may be read from `p`.
  void AddAscii(const unsigned char* p, size_t n, bool can_load16) {
    if (len_ != 0 || n > kMaxWordBytes || !can_load16) {
      for (size_t i = 0; i < n; ++i) {
        NoteCase(p[i] < 'a');
        Add(p[i] | 0x20);
      }
      return;
    }
    // All n bytes are letters: bit 0x20 is set on the lower-case ones, and OR-ing it
    // lower-cases each of them.
    constexpr uint64_t kLower = 0x2020202020202020ULL;
    uint64_t lo, hi;
    std::memcpy(&lo, p, 8);
    std::memcpy(&hi, p + 8, 8);
    const uint64_t mlo = n >= 8 ? ~uint64_t{0} : (uint64_t{1} << (8 * n)) - 1;
    const uint64_t mhi = n <= 8 ? 0 : n == 16 ? ~uint64_t{0} : (uint64_t{1} << (8 * (n - 8))) - 1;
    first_upper_ = (lo & 0x20) == 0;
    later_lower_ = ((lo & mlo & kLower & ~uint64_t{0xFF}) | (hi & mhi & kLower)) != 0;
    key_.lo = (lo | kLower) & mlo;
    key_.hi = (hi | kLower) & mhi;
    len_ = n;
  }

  bool InWord() const { return len_ > 0; }

  // Ends the current word, if any. A capitalised word ("Los", "De") inside a sentence
  // is taken for a name and not looked up: "El Fasher" or "De Gaulle" in an English text
  // say nothing about its language.
  void EndWord() {
    if (len_ == 0) return;
    ++words_;
    const bool name = first_upper_ && later_lower_ && !sentence_start_;
    if (len_ <= kMaxWordBytes && !name) {
      if (const WordInfo* w = table_.Find(key_)) Hit(*w);
    }
    key_ = Key();
    len_ = 0;
    first_upper_ = later_lower_ = sentence_start_ = false;
  }

  // The next word starts a sentence (after . ! ? or a line break).
  void StartSentence() { sentence_start_ = true; }

  size_t words() const { return words_; }
  size_t num_seen() const { return num_seen_; }
  const WordInfo& seen(size_t i) const { return *seen_[i]; }
  uint32_t count(size_t i) const { return counts_[i]; }

 private:
  void Hit(const WordInfo& w) {
    const uint64_t bit = uint64_t{1} << (w.id & 63);
    uint64_t& bits = seen_bits_[w.id >> 6];
    if ((bits & bit) == 0) {
      bits |= bit;
      position_[w.id] = static_cast<uint16_t>(num_seen_);
      seen_[num_seen_] = &w;
      counts_[num_seen_] = 1;
      ++num_seen_;
    } else {
      ++counts_[position_[w.id]];
    }
  }

  const Table& table_;
  Key key_;
  size_t len_ = 0;
  bool first_upper_ = false;    // the word's first letter is upper-case
  bool later_lower_ = false;    // a later letter is lower-case (or has no case)
  bool sentence_start_ = true;  // the word starts the text or a sentence
  size_t words_ = 0;
  size_t num_seen_ = 0;
  uint64_t seen_bits_[kMaxListWords / 64] = {};
  // Valid only where seen_bits_ is set / below num_seen_; left uninitialised on purpose.
  uint16_t position_[kMaxListWords];
  const WordInfo* seen_[kMaxListWords];
  uint32_t counts_[kMaxListWords];
};

void AddCodePoint(Scanner& sc, char32_t cp) {
  if (cp < 0x80) {
    sc.Add(static_cast<unsigned char>(cp));
  } else if (cp < 0x800) {
    sc.Add(static_cast<unsigned char>(0xC0 | (cp >> 6)));
    sc.Add(static_cast<unsigned char>(0x80 | (cp & 0x3F)));
  }
}

void Scan(std::string_view text, Scanner& sc) {
  const auto* p = reinterpret_cast<const unsigned char*>(text.data());
  const size_t n = text.size();
  size_t i = 0;
  while (i < n) {
    const unsigned char c = p[i];
    const uint8_t cls = kByteClass[c];
    if (cls == kLetter) {
      size_t j = i + 1;
      while (j < n && kByteClass[p[j]] == kLetter) ++j;
      sc.AddAscii(p + i, j - i, i + 16 <= n);
      i = j;
      continue;
    }
    if (cls == kSep) {
      sc.EndWord();
      ++i;
      continue;
    }
    if (cls == kSentenceEnd) {
      sc.EndWord();
      sc.StartSentence();
      ++i;
      continue;
    }
    if (cls == kApostrophe) {
      // An elided prefix ("l'", "dell'", "qu'") is a word of its own.
      if (sc.InWord() && i + 1 < n && StartsLetter(p[i + 1])) sc.Add('\'');
      sc.EndWord();
      ++i;
      continue;
    }
    if (c >= 0xC2 && c < 0xE0 && i + 1 < n && (p[i + 1] & 0xC0) == 0x80) {
      const char32_t cp = (char32_t(c & 0x1F) << 6) | (p[i + 1] & 0x3F);
      const char32_t low = kFoldTwoByte[cp - 0x80];
      if (low == 0) {
        sc.EndWord();
      } else if (low == cp) {
        sc.NoteCase(false);
        sc.Add(c);
        sc.Add(p[i + 1]);
      } else {
        sc.NoteCase(true);
        AddCodePoint(sc, low);
      }
      i += 2;
      continue;
    }
    if (c >= 0xE0 && c < 0xF0 && i + 2 < n && (p[i + 1] & 0xC0) == 0x80 &&
        (p[i + 2] & 0xC0) == 0x80) {
      if (c == 0xE2 && p[i + 1] == 0x80 && p[i + 2] == 0x99) {
        // U+2019, the typographic apostrophe.
        if (sc.InWord() && i + 3 < n && StartsLetter(p[i + 3])) sc.Add('\'');
        sc.EndWord();
      } else if ((c == 0xE2 && p[i + 1] < 0xB0) || (c == 0xE3 && p[i + 1] == 0x80)) {
        // U+2000..U+2BFF punctuation and symbols, U+3000..U+303F CJK punctuation.
        sc.EndWord();
      } else {
        sc.NoteCase(false);
        sc.Add(c);
        sc.Add(p[i + 1]);
        sc.Add(p[i + 2]);
      }
      i += 3;
      continue;
    }
    // Four-byte sequences (emoji, rare scripts) and invalid bytes separate words.
    sc.EndWord();
    ++i;
    while (i < n && (p[i] & 0xC0) == 0x80) ++i;
  }
  sc.EndWord();
}

}  // namespace

FunctionWordProfile ProfileFunctionWords(std::string_view utf8_text) {
  const Table& table = BuildTable();
  Scanner sc(table);
  Scan(utf8_text, sc);

  FunctionWordProfile out;
  out.words = sc.words();
  // hits: every occurrence; capped: each word at most kMaxCountPerWord times.
  std::array<size_t, kNumLanguages> hits{};
  std::array<size_t, kNumLanguages> capped{};
  for (size_t i = 0; i < sc.num_seen(); ++i) {
    const size_t n = sc.count(i);
    const size_t c = std::min(n, kMaxCountPerWord);
    for (uint64_t m = sc.seen(i).mask; m != 0; m &= m - 1) {
      hits[std::countr_zero(m)] += n;
      capped[std::countr_zero(m)] += c;
    }
  }
  size_t top = kNumLanguages;
  for (size_t l = 0; l < kNumLanguages; ++l) {
    if (!kLists[l].declarable || hits[l] == 0) continue;
    if (top == kNumLanguages || hits[l] > hits[top]) top = l;
  }
  if (top == kNumLanguages) return out;
  out.top = kLists[top].code;
  out.top_hits = hits[top];

  // Hits shared by top and each other language, to compare the two on the words that
  // tell them apart.
  std::array<size_t, kNumLanguages> shared{};
  const uint64_t top_bit = uint64_t{1} << top;
  for (size_t i = 0; i < sc.num_seen(); ++i) {
    const uint64_t mask = sc.seen(i).mask;
    if ((mask & top_bit) == 0) continue;
    out.top_distinct += sc.seen(i).long_word;
    const size_t c = std::min<size_t>(sc.count(i), kMaxCountPerWord);
    for (uint64_t m = mask; m != 0; m &= m - 1) shared[std::countr_zero(m)] += c;
  }
  // The rival is the language closest to failing a threshold (least slack).
  double least_slack = 0;
  for (size_t l = 0; l < kNumLanguages; ++l) {
    if (l == top) continue;
    size_t for_top = capped[top] - shared[l];
    size_t for_rival = capped[l] - shared[l];
    double slack = std::min(double(for_top) - double(kMinMargin),
                            kMaxRivalRatio * double(for_top) - double(for_rival));
    if (out.rival.empty() || slack < least_slack) {
      least_slack = slack;
      out.rival = kLists[l].code;
      out.rival_for = for_top;
      out.rival_against = for_rival;
    }
  }
  return out;
}

std::optional<std::string_view> DecideLanguage(const FunctionWordProfile& p) {
  if (p.top.empty() || p.words == 0) return std::nullopt;
  if (double(p.top_hits) < kMinHitShare * double(p.words)) return std::nullopt;
  if (p.top_distinct < kMinDistinct) return std::nullopt;
  if (p.rival_for < kMinMargin) return std::nullopt;
  if (double(p.rival_against) > kMaxRivalRatio * double(p.rival_for)) return std::nullopt;
  return p.top;
}

std::span<const std::string_view> DeclarableLanguages() {
  static const std::vector<std::string_view> codes = [] {
    std::vector<std::string_view> v;
    for (const LanguageList& l : kLists) {
      if (l.declarable) v.push_back(l.code);
    }
    return v;
  }();
  return codes;
}

std::optional<std::string_view> GuessLanguageFromFunctionWords(std::string_view utf8_text) {
  return DecideLanguage(ProfileFunctionWords(utf8_text));
}

}  // namespace sitrep::clean
