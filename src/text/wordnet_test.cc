#include "text/wordnet.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>

namespace sitrep::text {
namespace {

namespace fs = std::filesystem;

// A miniature WordNet in the real file formats (offsets and words made up for the test).
// Verb synsets: 100 capture(represent) 200 capture(charm) 300 {capture, seize}
// 400 {seize, grab} 500 {say, state, tell} 600 {tell, say} 700 kill 800 die.
// Noun synsets: 1000 {state, nation} 1100 capture(act) 1200 {mouse}.
constexpr std::string_view kIndexVerb =
    "  1 This is a made-up index file for tests.\n"
    "  2 Licence lines start with two spaces.\n"
    "capture v 3 1 @ 3 2 00000100 00000200 00000300  \n"
    "die v 1 1 @ 1 1 00000800  \n"
    "grab v 1 1 @ 1 1 00000400  \n"
    "kill v 1 1 @ 1 1 00000700  \n"
    "say v 2 2 @ ~ 2 2 00000500 00000600  \n"
    "seize v 2 1 @ 2 2 00000300 00000400  \n"
    "split_up v 1 1 @ 1 0 00000900  \n"
    "state v 1 1 @ 1 1 00000500  \n"
    "tell v 2 1 @ 2 1 00000600 00000500  \n";
constexpr std::string_view kIndexNoun =
    "  1 Made-up noun index.\n"
    "capture n 1 1 @ 1 0 00001100  \n"
    "mouse n 1 1 @ 1 1 00001200  \n"
    "nation n 1 1 @ 1 1 00001000  \n"
    "state n 2 1 @ 2 2 00001000 00001300  \n";
constexpr std::string_view kVerbExc = "said say\nfought fight\ntold tell\n";
constexpr std::string_view kNounExc = "mice mouse\n";
constexpr std::string_view kCntlist =
    "state%1:15:01:: 1 50\n"
    "state%2:32:00:: 1 10\n"
    "say%2:32:00:: 1 200\n"
    "capture%2:35:00:: 3 4\n";

class MiniWordNetTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("sitrep-wordnet-mini-" + std::to_string(::getpid()));
    fs::create_directories(dir_);
    Write("index.verb", kIndexVerb);
    Write("index.noun", kIndexNoun);
    Write("verb.exc", kVerbExc);
    Write("noun.exc", kNounExc);
    Write("cntlist.rev", kCntlist);
  }
  void TearDown() override { fs::remove_all(dir_); }
  void Write(const std::string& name, std::string_view data) { std::ofstream(dir_ / name) << data; }
  std::unique_ptr<WordNet> Load(int canonical_senses = 3, int max_class = 8) {
    WordNetOptions o;
    o.synonym_senses = 3;
    o.canonical_senses = canonical_senses;
    o.canonical_max_class = max_class;
    Result<std::unique_ptr<WordNet>> wn = WordNet::Load(dir_.string(), o);
    EXPECT_TRUE(wn.ok()) << wn.status().ToString();
    return wn.ok() ? std::move(wn).value() : nullptr;
  }
  std::string LikelyBase(const WordNet& wn, std::string_view word) {
    const WordNet::Base b = wn.LikelyBase(word);
    if (b.id == WordNet::kNone) return "-";
    return std::string(wn.Name(b.id)) + "/" + "nvar"[b.pos];
  }
  std::string Head(const WordNet& wn, std::string_view word) {
    const WordNet::Base b = wn.LikelyBase(word);
    if (b.id == WordNet::kNone) return "-";
    return std::string(wn.Name(wn.ClassHead(b)));
  }
  fs::path dir_;
};

TEST_F(MiniWordNetTest, LoadsSingleWordLemmas) {
  auto wn = Load();
  ASSERT_NE(wn, nullptr);
  EXPECT_NE(wn->Find("capture"), WordNet::kNone);
  EXPECT_EQ(wn->Find("split_up"), WordNet::kNone);  // multi-word lemmas skipped
  EXPECT_EQ(wn->Find("absent"), WordNet::kNone);
  EXPECT_EQ(wn->SenseCount(wn->Find("capture")), 4);  // 3 verb + 1 noun
  EXPECT_EQ(wn->SenseCount(wn->Find("state")), 3);
}

TEST_F(MiniWordNetTest, LikelyBase) {
  auto wn = Load();
  ASSERT_NE(wn, nullptr);
  const struct {
    std::string_view word;
    std::string_view want;
  } kCases[] = {
      {"said", "say/v"},          // exception list
      {"fought", "-"},            // exception base not in the index
      {"told", "tell/v"},         // exception list
      {"stated", "state/v"},      // rule ed -> e
      {"states", "state/n"},      // noun and verb rules: the noun is more frequent
      {"state", "state/n"},       // cntlist: 50 noun vs 10 verb
      {"seizes", "seize/v"},      // rule s -> ""
      {"seizing", "seize/v"},     // rule ing -> e
      {"grabbed", "-"},           // "grabb" is no lemma and no exception lists it
      {"mice", "mouse/n"},        // noun exception
      {"captures", "capture/v"},  // only the verb has counts
      {"nations", "nation/n"},   {"unknown", "-"},
  };
  for (const auto& c : kCases) EXPECT_EQ(LikelyBase(*wn, c.word), c.want) << c.word;
}

TEST_F(MiniWordNetTest, Synonymous) {
  auto wn = Load();
  ASSERT_NE(wn, nullptr);
  const struct {
    std::string_view a;
    std::string_view b;
    int senses;
    bool want;
  } kCases[] = {
      {"captured", "seized", 3, true},  // synset 300 is capture's 3rd, seize's 1st sense
      {"captured", "seized", 2, false},
      {"seize", "grab", 3, true},
      {"said", "stated", 1, true},
      {"told", "said", 1, false},  // 600 is tell's 1st but say's 2nd sense
      {"told", "said", 2, true},
      {"kill", "die", 5, false},
      {"state", "nation", 1, true},  // noun sense
      {"capture", "capture", 1, true},
      {"capture", "unknown", 5, false},
  };
  for (const auto& c : kCases) {
    EXPECT_EQ(wn->Synonymous(c.a, c.b, c.senses), c.want) << c.a << " " << c.b << " " << c.senses;
  }
}

TEST_F(MiniWordNetTest, ClassesUseAverageLinkage) {
  auto wn = Load(/*canonical_senses=*/3);
  ASSERT_NE(wn, nullptr);
  // {say, state, tell} are pairwise linked and meet; head: most senses, then alphabetical.
  EXPECT_EQ(Head(*wn, "said"), "say");
  EXPECT_EQ(Head(*wn, "stated"), "say");
  EXPECT_EQ(Head(*wn, "told"), "say");
  // The noun "state" is a different node from the verb.
  EXPECT_EQ(Head(*wn, "state"), "state");
  EXPECT_EQ(Head(*wn, "nation"), "state");
  // seize-grab (rank sum 1) merge first; capture links only to seize, which is half of the
  // pairs across {seize, grab} and {capture}: no merge, so no chain capture-seize-grab.
  EXPECT_EQ(Head(*wn, "seize"), Head(*wn, "grab"));
  EXPECT_NE(Head(*wn, "capture"), Head(*wn, "seize"));
  EXPECT_NE(Head(*wn, "kill"), Head(*wn, "die"));
}

TEST_F(MiniWordNetTest, ClassSizeCap) {
  auto wn = Load(/*canonical_senses=*/3, /*max_class=*/2);
  ASSERT_NE(wn, nullptr);
  EXPECT_EQ(Head(*wn, "said"), Head(*wn, "stated"));
  EXPECT_NE(Head(*wn, "told"), Head(*wn, "said"));  // would make a class of three
}

TEST_F(MiniWordNetTest, FewerSensesFewerLinks) {
  auto wn = Load(/*canonical_senses=*/1);
  ASSERT_NE(wn, nullptr);
  EXPECT_EQ(Head(*wn, "said"), Head(*wn, "stated"));  // both first senses
  EXPECT_NE(Head(*wn, "seize"), Head(*wn, "grab"));   // 400 is seize's 2nd sense
}

TEST(WordNetLoadTest, MissingFolderIsNotFound) {
  Result<std::unique_ptr<WordNet>> wn = WordNet::Load("/nonexistent/wordnet", WordNetOptions{});
  ASSERT_FALSE(wn.ok());
  EXPECT_EQ(wn.status().code(), StatusCode::kNotFound);
}

TEST_F(MiniWordNetTest, CorruptIndexIsReported) {
  Write("index.noun", "state n x y\n");
  Result<std::unique_ptr<WordNet>> wn = WordNet::Load(dir_.string(), WordNetOptions{});
  ASSERT_FALSE(wn.ok());
  EXPECT_EQ(wn.status().code(), StatusCode::kCorrupt);
  EXPECT_NE(wn.status().message().find("index.noun"), std::string::npos);
}

}  // namespace
}  // namespace sitrep::text
