#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "text/text.h"

#ifndef SITREP_WORDNET_DIR
#define SITREP_WORDNET_DIR "/usr/share/wordnet"
#endif

namespace sitrep::text {
namespace {

std::unique_ptr<TextAnalyzer> MakeAnalyzer(std::string wordnet_dir) {
  TextOptions o;
  o.wordnet_dir = std::move(wordnet_dir);
  Result<std::unique_ptr<TextAnalyzer>> a = TextAnalyzer::Create(o);
  EXPECT_TRUE(a.ok()) << a.status().ToString();
  return a.ok() ? std::move(a).value() : nullptr;
}

bool HaveWordNet() {
  return std::filesystem::exists(std::string(SITREP_WORDNET_DIR) + "/index.noun");
}

TEST(TextAnalyzerTest, UnknownLanguageIsNotFound) {
  TextOptions o;
  o.stemmer_language = "klingon";
  Result<std::unique_ptr<TextAnalyzer>> a = TextAnalyzer::Create(o);
  ASSERT_FALSE(a.ok());
  EXPECT_EQ(a.status().code(), StatusCode::kNotFound);
}

TEST(TextAnalyzerTest, MissingWordNetFallsBackToStems) {
  auto a = MakeAnalyzer("/nonexistent/wordnet");
  ASSERT_NE(a, nullptr);
  EXPECT_FALSE(a->has_synonyms());
  EXPECT_EQ(a->Canonical("captured"), a->Stem("captured"));
  EXPECT_EQ(a->Lemma("fought"), "fought");
  EXPECT_TRUE(a->Synonymous("attacks", "attacked"));  // same stem
  EXPECT_FALSE(a->Synonymous("capture", "seize"));
}

TEST(TextAnalyzerTest, Stems) {
  auto a = MakeAnalyzer("");
  ASSERT_NE(a, nullptr);
  const std::pair<std::string_view, std::string_view> kCases[] = {
      {"running", "run"},     {"forces", "forc"}, {"captured", "captur"},
      {"capture", "captur"},  {"cities", "citi"}, {"shelling", "shell"},
      {"bakhmut", "bakhmut"}, {"", ""},           {"kyiv", "kyiv"},
  };
  for (const auto& [word, stem] : kCases) EXPECT_EQ(a->Stem(word), stem) << word;
}

TEST(TextAnalyzerTest, OtherLanguageStemmer) {
  TextOptions o;
  o.stemmer_language = "russian";
  Result<std::unique_ptr<TextAnalyzer>> a = TextAnalyzer::Create(o);
  ASSERT_TRUE(a.ok());
  EXPECT_FALSE((*a)->has_synonyms());  // WordNet is English only
  EXPECT_EQ((*a)->Stem("\u0432\u043e\u0439\u0441\u043a\u0430"),
            (*a)->Stem("\u0432\u043e\u0439\u0441\u043a"));
}

struct PairCase {
  std::string_view a;
  std::string_view b;
  bool want;
};

// With the default options (5 senses, classes of at most 8, average linkage).
const PairCase kCanonicalCases[] = {
    {"said", "stated", true},
    {"says", "tells", true},
    {"fought", "fight", true},
    {"fought", "fighting", true},
    {"killed", "kill", true},
    {"kills", "killing", true},
    {"buy", "purchase", true},
    {"bought", "purchased", true},
    {"help", "aid", true},
    {"big", "large", true},
    {"withdraw", "retreat", true},
    {"withdrew", "retreated", true},
    {"start", "begin", true},
    {"show", "demonstrate", true},
    {"prolonged", "protracted", true},
    {"country", "nation", true},
    {"area", "region", true},
    {"difficult", "hard", true},
    {"expose", "reveal", true},
    {"rupture", "tear", true},
    {"defence", "defense", true},
    // Kept apart.
    {"kill", "die", false},
    {"killed", "died", false},
    {"city", "town", false},
    {"attack", "defend", false},
    {"rise", "fall", false},
    {"increase", "decrease", false},
    {"war", "peace", false},
    {"take", "give", false},
    {"russia", "ukraine", false},
    {"soldiers", "civilians", false},
    {"in", "inch", false},
    {"one", "i", false},
    // Meet only through Synonymous(): their shared synset is not the first sense of both.
    {"capture", "seize", false},
    {"break", "rupture", false},
};

TEST(TextAnalyzerTest, CanonicalPairs) {
  if (!HaveWordNet()) GTEST_SKIP() << "WordNet not installed at " << SITREP_WORDNET_DIR;
  auto a = MakeAnalyzer(SITREP_WORDNET_DIR);
  ASSERT_NE(a, nullptr);
  ASSERT_TRUE(a->has_synonyms());
  for (const PairCase& c : kCanonicalCases) {
    EXPECT_EQ(a->Canonical(c.a) == a->Canonical(c.b), c.want)
        << c.a << " -> " << a->Canonical(c.a) << ", " << c.b << " -> " << a->Canonical(c.b);
  }
}

const PairCase kSynonymousCases[] = {
    {"captured", "seized", true},
    {"capture", "seize", true},
    {"break", "rupture", true},
    {"said", "stated", true},
    {"recognised", "acknowledged", true},
    {"destroyed", "demolished", true},
    {"shelling", "bombardment", true},
    {"attack", "assault", true},
    {"end", "finish", true},
    {"near", "close", true},
    {"fought", "fight", true},
    {"attacks", "attacked", true},
    {"kill", "die", false},
    {"city", "town", false},
    {"attack", "defend", false},
    {"rise", "fall", false},
    {"war", "peace", false},
    {"killed", "wounded", false},
    {"troops", "civilians", false},
    {"bakhmut", "kyiv", false},
};

TEST(TextAnalyzerTest, SynonymousPairs) {
  if (!HaveWordNet()) GTEST_SKIP() << "WordNet not installed at " << SITREP_WORDNET_DIR;
  auto a = MakeAnalyzer(SITREP_WORDNET_DIR);
  ASSERT_NE(a, nullptr);
  for (const PairCase& c : kSynonymousCases) {
    EXPECT_EQ(a->Synonymous(c.a, c.b), c.want) << c.a << " " << c.b;
    EXPECT_EQ(a->Synonymous(c.b, c.a), c.want) << c.b << " " << c.a << " (symmetry)";
  }
}

TEST(TextAnalyzerTest, Lemmas) {
  if (!HaveWordNet()) GTEST_SKIP() << "WordNet not installed at " << SITREP_WORDNET_DIR;
  auto a = MakeAnalyzer(SITREP_WORDNET_DIR);
  ASSERT_NE(a, nullptr);
  const std::pair<std::string_view, std::string_view> kCases[] = {
      {"fought", "fight"},   {"stated", "state"},    {"forces", "force"}, {"said", "say"},
      {"seized", "seize"},   {"killed", "kill"},     {"wars", "war"},     {"children", "child"},
      {"mice", "mouse"},     {"running", "run"},     {"cities", "city"},  {"troops", "troops"},
      {"shelling", "shell"}, {"bakhmut", "bakhmut"}, {"us", "us"},        {"news", "news"},
  };
  for (const auto& [word, lemma] : kCases) EXPECT_EQ(a->Lemma(word), lemma) << word;
}

Document MakeDoc() {
  Document d;
  d.id = "t";
  // Title, body (two sentences), caption, body with a quote, boilerplate.
  const std::string parts[] = {
      "Troops seize the bridge",
      "Gov. Ivan Petrenko said the U.S. sent aid. Forces captured Kyiv\u2019s outskirts.",
      "Soldiers at the front (AP)",
      "\u201cWe held,\u201d he said. The 0.6 km gap closed.",
      "Sign up for our newsletter",
  };
  const BlockRole roles[] = {BlockRole::kTitle, BlockRole::kBody, BlockRole::kCaption,
                             BlockRole::kBody, BlockRole::kBoilerplate};
  for (size_t i = 0; i < 5; ++i) {
    if (i > 0) d.text += "\n\n";
    Block b;
    b.role = roles[i];
    b.start = d.text.size();
    d.text += parts[i];
    b.end = d.text.size();
    d.blocks.push_back(b);
  }
  return d;
}

std::vector<std::string> SentenceTexts(const Document& d, const DocText& t) {
  std::vector<std::string> out;
  for (const Sentence& s : t.sentences) out.emplace_back(d.Slice(s.start, s.end));
  return out;
}

TEST(TextAnalyzerTest, AnalyzeTextBlocks) {
  auto a = MakeAnalyzer(HaveWordNet() ? SITREP_WORDNET_DIR : "");
  ASSERT_NE(a, nullptr);
  const Document d = MakeDoc();
  const DocText t = a->Analyze(d);
  const std::vector<std::string> want = {
      "Troops seize the bridge",
      "Gov. Ivan Petrenko said the U.S. sent aid.",
      "Forces captured Kyiv\u2019s outskirts.",
      "\u201cWe held,\u201d he said.",
      "The 0.6 km gap closed.",
  };
  EXPECT_EQ(SentenceTexts(d, t), want);
  const size_t want_blocks[] = {0, 1, 1, 3, 3};
  ASSERT_EQ(t.sentences.size(), 5u);
  size_t next_token = 0;
  for (size_t i = 0; i < t.sentences.size(); ++i) {
    const Sentence& s = t.sentences[i];
    EXPECT_EQ(s.block, want_blocks[i]);
    const Block& b = d.blocks[s.block];
    EXPECT_GE(s.start, b.start);
    EXPECT_LE(s.end, b.end);
    EXPECT_EQ(s.first_token, next_token);
    EXPECT_LT(s.first_token, s.last_token);
    next_token = s.last_token;
    for (size_t k = s.first_token; k < s.last_token; ++k) {
      const Token& tok = t.tokens[k];
      EXPECT_GE(tok.start, s.start);
      EXPECT_LE(tok.end, s.end);
      if (tok.kind == TokenKind::kWord) {
        EXPECT_FALSE(tok.stem.empty()) << tok.lower;
        EXPECT_FALSE(tok.canon.empty()) << tok.lower;
      } else {
        EXPECT_TRUE(tok.stem.empty());
      }
    }
  }
  EXPECT_EQ(next_token, t.tokens.size());
  // Offsets point into Document::text.
  const Token& first = t.tokens[0];
  EXPECT_EQ(d.Slice(first.start, first.end), "Troops");
  EXPECT_TRUE(first.capitalized);
  EXPECT_EQ(first.lower, "troops");
  bool saw_possessive = false;
  bool saw_number = false;
  for (const Token& tok : t.tokens) {
    if (tok.lower == "'s") saw_possessive = true;
    if (tok.kind == TokenKind::kNumber && d.Slice(tok.start, tok.end) == "0.6") saw_number = true;
  }
  EXPECT_TRUE(saw_possessive);
  EXPECT_TRUE(saw_number);
}

TEST(TextAnalyzerTest, AnalyzeAllBlocksIncludesEveryRole) {
  auto a = MakeAnalyzer("");
  ASSERT_NE(a, nullptr);
  const Document d = MakeDoc();
  const DocText t = a->AnalyzeAllBlocks(d);
  std::vector<size_t> blocks;
  for (const Sentence& s : t.sentences) {
    if (blocks.empty() || blocks.back() != s.block) blocks.push_back(s.block);
  }
  EXPECT_EQ(blocks, (std::vector<size_t>{0, 1, 2, 3, 4}));
}

TEST(TextAnalyzerTest, SentencesNeverCrossBlocks) {
  auto a = MakeAnalyzer("");
  ASSERT_NE(a, nullptr);
  Document d;
  // Two blocks inside one line of text: the first lacks a final period.
  d.text = "Mr. Smith went to Washington and Dr. Jones stayed";
  d.blocks.push_back({BlockRole::kBody, 0, 23, "", "", 0});
  d.blocks.push_back({BlockRole::kBody, 24, d.text.size(), "", "", 0});
  const DocText t = a->Analyze(d);
  ASSERT_EQ(t.sentences.size(), 2u);
  EXPECT_EQ(d.Slice(t.sentences[0].start, t.sentences[0].end), "Mr. Smith went to Washi");
  EXPECT_EQ(t.sentences[1].block, 1u);
}

TEST(TextAnalyzerTest, DocumentWithoutBlocks) {
  auto a = MakeAnalyzer("");
  ASSERT_NE(a, nullptr);
  Document d;
  d.text = "First one. Second one.";
  const DocText t = a->Analyze(d);
  ASSERT_EQ(t.sentences.size(), 2u);
  EXPECT_EQ(t.sentences[1].block, 0u);
  EXPECT_EQ(t.tokens.size(), 6u);
}

TEST(TextAnalyzerTest, AnnotateIsThreadSafe) {
  auto a = MakeAnalyzer(HaveWordNet() ? SITREP_WORDNET_DIR : "");
  ASSERT_NE(a, nullptr);
  const std::string text =
      "Russian forces captured the town after fighting; officials said troops withdrew "
      "and civilians fled as shelling intensified across the region.";
  std::vector<Token> reference = Tokenize(text);
  a->Annotate(reference);
  std::vector<int> mismatches(4, 0);
  std::vector<std::thread> threads;
  for (int th = 0; th < 4; ++th) {
    threads.emplace_back([&, th] {
      for (int round = 0; round < 200; ++round) {
        std::vector<Token> tokens = Tokenize(text);
        a->Annotate(tokens);
        for (size_t i = 0; i < tokens.size(); ++i) {
          if (tokens[i].stem != reference[i].stem || tokens[i].canon != reference[i].canon) {
            ++mismatches[th];
          }
        }
        if (a->Stem("captured") != "captur") ++mismatches[th];
      }
    });
  }
  for (std::thread& t : threads) t.join();
  EXPECT_EQ(mismatches, std::vector<int>(4, 0));
}

TEST(TextAnalyzerTest, CachedAnnotationsMatchDirectCalls) {
  auto a = MakeAnalyzer(HaveWordNet() ? SITREP_WORDNET_DIR : "");
  ASSERT_NE(a, nullptr);
  // A second analyzer with other options must not see the first one's per-thread cache.
  TextOptions o;
  o.wordnet_dir = "";
  auto plain = TextAnalyzer::Create(o);
  ASSERT_TRUE(plain.ok());
  std::vector<Token> tokens = Tokenize("Officials said fighters were seized and stated it.");
  a->Annotate(tokens);
  std::vector<Token> again = tokens;
  (*plain)->Annotate(again);
  for (size_t i = 0; i < tokens.size(); ++i) {
    if (tokens[i].kind != TokenKind::kWord) continue;
    EXPECT_EQ(tokens[i].stem, a->Stem(tokens[i].lower));
    EXPECT_EQ(tokens[i].canon, a->Canonical(tokens[i].lower));
    EXPECT_EQ(again[i].canon, (*plain)->Canonical(tokens[i].lower));
  }
}

}  // namespace
}  // namespace sitrep::text
