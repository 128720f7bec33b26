// Entity evaluation on CoNLL-2003 (../shared/bench/ner/conll2003): entity-level precision,
// recall and F1 (exact span and type, as conlleval) overall and per type, two ways:
//
//  1. The PRODUCT PATH (the figure that counts): each -DOCSTART- document is written as one
//     JSONL record (tokens joined by one space, one CoNLL sentence per paragraph, paragraphs
//     separated by a blank line), the file is read by the public API `sitrep::Analyze` with
//     default AnalyzeOptions (ingest, cleaning, text analysis, extraction, merging, as
//     `sitrep analyze` runs them), and the mentions of the report's entities (byte offsets
//     into documents[].text) are mapped back to the CoNLL tokens they cover. Types map as
//       person -> PER, organization -> ORG, place -> LOC, other -> MISC,
//       group -> ORG, except a nation's forces ("Russian troops": a group mention that
//       starts with a demonym of the built-in country table): MISC on the demonym.
//     Groups are military units and armed groups ("Wagner Group", "Hamas", "53rd Brigade"),
//     which the CoNLL guidelines tag ORG; a nation's forces are a demonym (CoNLL MISC) plus
//     a common noun, so their mention counts as the demonym alone.
//  2. The tagger alone (labelled as such): the EntityTagger on the CoNLL sentences and
//     tokens as given, no rules, no cleaning, no merging.
//
// The tagger was trained on eng.train (train_entity_tagger); eng.testa is the development
// part.
//
//   eval_conll [eng.testa path] [--misses]   (--misses prints each gold entity the tagger
//                                             alone finds and the report does not)
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <unordered_map>
#include <vector>

#include "extract/entity_tagger.h"
#include "extract/place.h"
#include "sitrep/engine.h"
#include "sitrep/options.h"

namespace {

using sitrep::extract::ChunkScore;
using sitrep::extract::TaggedSentence;

struct Placed {  // a CoNLL token's bytes in its document's text
  size_t doc = 0, start = 0, end = 0;
};

void ScoreByType(const std::vector<uint8_t>& gold, const std::vector<uint8_t>& pred,
                 ChunkScore& all, ChunkScore by_type[4]) {
  sitrep::extract::ScoreChunks(gold, pred, all);
  for (int t = 0; t < 4; ++t) {
    std::vector<uint8_t> g(gold), p(pred);
    for (auto& x : g) x = sitrep::extract::NerType(x) == t ? x : 0;
    for (auto& x : p) x = sitrep::extract::NerType(x) == t ? x : 0;
    sitrep::extract::ScoreChunks(g, p, by_type[t]);
  }
}

void Print(const char* what, const ChunkScore& all, const ChunkScore by_type[4]) {
  std::printf("%s\n", what);
  const char* names[] = {"PER", "ORG", "LOC", "MISC"};
  for (int t = 0; t < 4; ++t) {
    std::printf("  %-4s P %.4f R %.4f F1 %.4f  (gold %zu, predicted %zu)\n", names[t],
                by_type[t].precision(), by_type[t].recall(), by_type[t].f1(), by_type[t].gold,
                by_type[t].predicted);
  }
  std::printf("  all  P %.4f R %.4f F1 %.4f\n", all.precision(), all.recall(), all.f1());
}

// CoNLL type (0 PER, 1 ORG, 2 LOC, 3 MISC) of a report entity; -1 when it has none.
int ConllType(const sitrep::Entity& e) {
  if (e.type == "person") return 0;
  if (e.type == "organization") return 1;
  if (e.type == "place") return 2;
  if (e.type == "other") return 3;
  if (e.type == "group") return 1;
  return -1;
}

// Chunks [a, b) of one sentence's labels with their type.
std::vector<std::array<size_t, 3>> Chunks(const std::vector<uint8_t>& labels) {
  std::vector<std::array<size_t, 3>> out;
  for (size_t i = 0; i < labels.size();) {
    if (labels[i] == sitrep::extract::kNerO) {
      ++i;
      continue;
    }
    const int type = sitrep::extract::NerType(labels[i]);
    size_t j = i + 1;
    while (j < labels.size() && labels[j] != sitrep::extract::kNerO &&
           !sitrep::extract::NerIsBegin(labels[j]) && sitrep::extract::NerType(labels[j]) == type) {
      ++j;
    }
    out.push_back({i, j, static_cast<size_t>(type)});
    i = j;
  }
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  std::string path = SITREP_SOURCE_DIR "/../shared/bench/ner/conll2003/eng.testa";
  bool misses = false;
  for (int i = 1; i < argc; ++i) {
    if (std::string(argv[i]) == "--misses") {
      misses = true;
    } else {
      path = argv[i];
    }
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    std::fprintf(stderr, "%s: not found\n", path.c_str());
    return 1;
  }
  std::stringstream ss;
  ss << in.rdbuf();
  const std::vector<TaggedSentence> sents = sitrep::extract::ParseConll(ss.str());

  // --- The tagger alone. ---
  const auto& tagger = sitrep::extract::EntityTagger::Default();  // loads the model
  {
    std::vector<std::string_view> warm = {"Warm", "up"};
    tagger.Tag(warm, nullptr);
  }
  ChunkScore tag_all, tag_by_type[4];
  sitrep::extract::TaggerDocState state;
  size_t tokens = 0, bytes = 0;
  double tag_s = 0;
  std::vector<std::vector<uint8_t>> tagger_labels;
  for (const auto& s : sents) {
    if (s.doc_start) state = {};
    std::vector<std::string_view> words(s.words.begin(), s.words.end());
    for (auto w : words) bytes += w.size() + 1;
    tokens += words.size();
    auto c0 = std::clock();
    auto pred = tagger.Tag(words, &state);
    tag_s += double(std::clock() - c0) / CLOCKS_PER_SEC;
    ScoreByType(s.labels, pred, tag_all, tag_by_type);
    tagger_labels.push_back(std::move(pred));
  }

  // --- The product path: sitrep::Analyze with default options over a JSONL file. ---
  std::vector<std::string> texts;
  std::vector<std::vector<Placed>> placed(sents.size());
  for (size_t i = 0; i < sents.size(); ++i) {
    if (sents[i].doc_start || texts.empty()) texts.emplace_back();
    std::string& text = texts.back();
    if (!text.empty()) text += "\n\n";
    for (size_t w = 0; w < sents[i].words.size(); ++w) {
      if (w) text += ' ';
      placed[i].push_back({texts.size() - 1, text.size(), text.size() + sents[i].words[w].size()});
      text += sents[i].words[w];
    }
  }
  const std::filesystem::path dir =
      std::filesystem::temp_directory_path() /
      ("sitrep_eval_conll_" + std::to_string(static_cast<long>(std::time(nullptr))) + "_" +
       std::to_string(static_cast<long>(::getpid())));
  std::filesystem::create_directories(dir);
  const std::string jsonl = (dir / "conll.jsonl").string();
  {
    std::ofstream out(jsonl, std::ios::binary);
    for (size_t d = 0; d < texts.size(); ++d) {
      nlohmann::json rec = {{"id", "d" + std::to_string(d)}, {"text", texts[d]}};
      out << rec.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
    }
  }
  const auto w0 = std::chrono::steady_clock::now();
  sitrep::Result<sitrep::Report> report = sitrep::Analyze({jsonl}, sitrep::AnalyzeOptions{});
  const double analyze_s =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - w0).count();
  std::filesystem::remove_all(dir);
  if (!report.ok()) {
    std::fprintf(stderr, "analyze: %s\n", report.status().message().c_str());
    return 1;
  }
  // Document ids -> index; the text must be what we wrote, or offsets would not map.
  std::unordered_map<std::string, size_t> doc_index;
  for (const sitrep::Document& d : report->documents) {
    const size_t k = std::stoul(d.id.substr(d.id.rfind('d') + 1));
    if (k >= texts.size() || d.text != texts[k]) {
      std::fprintf(stderr, "document %s: text differs from the one written\n", d.id.c_str());
      return 1;
    }
    doc_index[d.id] = k;
  }
  // Per document, the start byte of each token -> (sentence, token).
  std::vector<std::unordered_map<size_t, std::pair<size_t, size_t>>> token_at(texts.size()),
      token_end(texts.size());
  for (size_t i = 0; i < sents.size(); ++i) {
    for (size_t w = 0; w < placed[i].size(); ++w) {
      token_at[placed[i][w].doc][placed[i][w].start] = {i, w};
      token_end[placed[i][w].doc][placed[i][w].end] = {i, w};
    }
  }
  std::vector<std::vector<uint8_t>> pred(sents.size());
  for (size_t i = 0; i < sents.size(); ++i) pred[i].assign(sents[i].words.size(), 0);
  size_t mentions = 0, unaligned = 0, overlapping = 0;
  const std::unique_ptr<sitrep::extract::Gazetteer> builtin =
      sitrep::extract::Gazetteer::BuiltinOnly();
  const sitrep::extract::Gazetteer& demonyms = *builtin;
  for (const sitrep::Entity& e : report->entities) {
    const int type = ConllType(e);
    if (type < 0) continue;
    for (const sitrep::Mention& m : e.mentions) {
      ++mentions;
      const size_t d = doc_index.at(m.doc);
      size_t start = m.start, end = m.end;
      int mention_type = type;
      if (e.type == "group") {
        // A nation's forces ("Russian troops"): the demonym alone, MISC.
        const size_t space = texts[d].find(' ', start);
        if (space < end && demonyms.CountryOfDemonym(texts[d].substr(start, space - start))) {
          end = space;
          mention_type = 3;
        }
      }
      auto a = token_at[d].find(start);
      auto b = token_end[d].find(end);
      if (a == token_at[d].end() || b == token_end[d].end() || a->second.first != b->second.first) {
        ++unaligned;
        continue;
      }
      std::vector<uint8_t>& labels = pred[a->second.first];
      bool free = true;
      for (size_t t = a->second.second; t <= b->second.second; ++t) free &= labels[t] == 0;
      if (!free) {
        ++overlapping;
        continue;
      }
      for (size_t t = a->second.second; t <= b->second.second; ++t) {
        labels[t] = static_cast<uint8_t>(1 + 2 * mention_type + (t == a->second.second ? 0 : 1));
      }
    }
  }
  ChunkScore all, by_type[4];
  for (size_t i = 0; i < sents.size(); ++i) ScoreByType(sents[i].labels, pred[i], all, by_type);

  std::printf("%s: %zu documents, %zu sentences, %zu tokens, model %zu features\n", path.c_str(),
              texts.size(), sents.size(), tokens, tagger.feature_count());
  Print("product path: sitrep::Analyze, default options, report entity mentions", all, by_type);
  std::printf(
      "  %zu entities, %zu mentions (%zu not on token boundaries, %zu overlapping "
      "another); analyze %.2f s wall\n",
      report->entities.size(), mentions, unaligned, overlapping, analyze_s);
  Print("tagger alone (EntityTagger on the CoNLL tokens, no rules): not the product path", tag_all,
        tag_by_type);
  std::printf("  speed: %.0f tokens/s, %.2f MB/s of CPU time (tagging only)\n", tokens / tag_s,
              bytes / 1e6 / tag_s);

  if (misses) {
    const char* names[] = {"PER", "ORG", "LOC", "MISC"};
    for (size_t i = 0; i < sents.size(); ++i) {
      const auto gold = Chunks(sents[i].labels);
      const auto tag = Chunks(tagger_labels[i]);
      const auto got = Chunks(pred[i]);
      for (const auto& g : gold) {
        const bool tagger_found = std::find(tag.begin(), tag.end(), g) != tag.end();
        const bool report_found = std::find(got.begin(), got.end(), g) != got.end();
        if (!tagger_found || report_found) continue;
        std::string name, line;
        for (size_t t = g[0]; t < g[1]; ++t) name += (t > g[0] ? " " : "") + sents[i].words[t];
        for (size_t t = 0; t < sents[i].words.size(); ++t) {
          line += (t ? " " : "");
          if (pred[i][t] && sitrep::extract::NerIsBegin(pred[i][t])) {
            line += "[";
          }
          line += sents[i].words[t];
          if (pred[i][t] && (t + 1 == pred[i].size() || !pred[i][t + 1] ||
                             sitrep::extract::NerIsBegin(pred[i][t + 1]))) {
            line += std::string("]") + names[sitrep::extract::NerType(pred[i][t])];
          }
        }
        std::printf("MISS %s %s\t%s\n", names[g[2]], name.c_str(), line.c_str());
      }
    }
  }
  return 0;
}
