// Evaluates time expressions on TempEval-3 training data (TimeBank + AQUAINT, TimeML):
// extraction precision/recall/F1 with strict (same span) and relaxed (overlapping span)
// matching, and value F1 as TempEval-3 scores it (relaxed match and the same value), plus
// value F1 with strict spans and type F1. Three systems are scored on the same gold:
//
//  1. The PRODUCT PATH (the figure that counts): every TimeML file becomes one JSONL record
//     {"id", "title" (<TITLE> when the file has one), "text" (the <TEXT> element with its
//     markup removed), "date" (the <DCT>)}; the file is read by the public API
//     `sitrep::Analyze` with default AnalyzeOptions, as `sitrep analyze times.jsonl` reads
//     it (ingest, cleaning, text analysis, extraction), and the report's `times` (byte
//     offsets into documents[].text, checked to be the text written) are scored.
//  2. ExtractTimesFromText(text, DCT) with default options over the whole text: the
//     extractor the pipeline runs, without ingest, cleaning and sentence analysis (not the
//     product path; the difference from 1 is what the pipeline loses or adds).
//  3. ExtractTimesFromText(text, DCT, {.references = true}): TimeML also tags "now",
//     "recently", "the future" (PRESENT_REF, PAST_REF, FUTURE_REF), which the report
//     leaves out by design (they carry no date). The figure docs/benchmarks.md used to
//     give; not the product path.
//
// For each gold TIMEX3 that system 2 finds and the product path does not, the role of the
// block that holds it (title, byline, boilerplate... or no block) is counted, which says
// where the pipeline loses it. Also measures throughput of time + quantity extraction.
//
//   eval_time [--data DIR] [--errors] [--repeat N]
// DIR defaults to $SITREP_SOURCE_DIR/../shared/bench/time/tbaq-cleaned. --errors lists
// every miss, extra and wrong value of the product path, and each expression the product
// path loses with its block. Exits 0 after printing a note when the data is absent.
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "extract/quantity.h"
#include "extract/time.h"
#include "sitrep/engine.h"
#include "sitrep/options.h"

namespace {

struct Gold {
  size_t start = 0, end = 0;
  std::string value, type, text;
};

struct Doc {
  std::string name, text, dct, title;
  std::vector<Gold> gold;
};

std::string Attr(const std::string& tag, const std::string& name) {
  std::string key = " " + name + "=\"";
  size_t p = tag.find(key);
  if (p == std::string::npos) return "";
  p += key.size();
  size_t q = tag.find('"', p);
  return tag.substr(p, q - p);
}

// Removes TimeML markup and decodes the five XML entities; `on_tag` sees each tag with
// the output size at that point.
template <typename OnTag>
std::string StripMarkup(const std::string& body, OnTag on_tag) {
  std::string out;
  for (size_t i = 0; i < body.size();) {
    if (body[i] == '<') {
      size_t j = body.find('>', i);
      if (j == std::string::npos) break;
      on_tag(body.substr(i, j - i + 1), out);
      i = j + 1;
    } else if (body[i] == '&') {
      size_t j = body.find(';', i);
      if (j == std::string::npos) j = body.size() - 1;
      std::string ent = body.substr(i, j - i + 1);
      out += ent == "&amp;"    ? "&"
             : ent == "&lt;"   ? "<"
             : ent == "&gt;"   ? ">"
             : ent == "&quot;" ? "\""
             : ent == "&apos;" ? "'"
                               : ent;
      i = j + 1;
    } else {
      out += body[i++];
    }
  }
  return out;
}

// Strips the markup of <TEXT>...</TEXT>, keeping TIMEX3 spans as byte offsets.
std::optional<Doc> Load(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  std::string s = ss.str();
  Doc d;
  d.name = path.filename().string();
  size_t dct = s.find("<DCT>");
  if (dct == std::string::npos) return std::nullopt;
  d.dct = Attr(s.substr(dct, s.find('>', s.find("<TIMEX3", dct)) - dct), "value").substr(0, 10);
  size_t t0 = s.find("<TEXT>");
  size_t t1 = s.find("</TEXT>");
  if (t0 == std::string::npos || t1 == std::string::npos) return std::nullopt;
  size_t h0 = s.find("<TITLE>");
  size_t h1 = s.find("</TITLE>");
  if (h0 != std::string::npos && h1 != std::string::npos && h1 < t0) {
    d.title = StripMarkup(s.substr(h0 + 7, h1 - h0 - 7), [](const std::string&, std::string&) {});
  }
  Gold open;
  bool in_timex = false;
  d.text =
      StripMarkup(s.substr(t0 + 6, t1 - t0 - 6), [&](const std::string& tag, std::string& out) {
        if (tag.rfind("<TIMEX3", 0) == 0) {
          open = Gold();
          open.start = out.size();
          open.value = Attr(tag, "value");
          open.type = Attr(tag, "type");
          in_timex = true;
        } else if (tag.rfind("</TIMEX3", 0) == 0 && in_timex) {
          open.end = out.size();
          open.text = out.substr(open.start, open.end - open.start);
          d.gold.push_back(open);
          in_timex = false;
        }
      });
  return d;
}

bool IsReference(const std::string& value) {
  return value == "PRESENT_REF" || value == "PAST_REF" || value == "FUTURE_REF";
}

struct Counts {
  double sys = 0, gold = 0, strict = 0, relaxed = 0, value_relaxed = 0, value_strict = 0,
         type_relaxed = 0;
};

// The system expression matched to each gold one (-1: none), one to one, by overlap,
// preferring an exact span.
std::vector<int> Match(const Doc& d, const std::vector<sitrep::TimeExpr>& sys) {
  std::vector<int> out(d.gold.size(), -1);
  std::vector<bool> used(sys.size(), false);
  for (size_t g = 0; g < d.gold.size(); ++g) {
    int match = -1;
    for (size_t k = 0; k < sys.size(); ++k) {
      if (used[k]) continue;
      if (sys[k].start < d.gold[g].end && d.gold[g].start < sys[k].end) {
        if (match < 0 || (sys[k].start == d.gold[g].start && sys[k].end == d.gold[g].end)) {
          match = static_cast<int>(k);
        }
      }
    }
    if (match >= 0) used[match] = true;
    out[g] = match;
  }
  return out;
}

// Adds one document to `c` (and, without references, to `c_noref` over the gold that is
// not a reference value); lists errors when asked.
void Score(const Doc& d, const std::vector<sitrep::TimeExpr>& sys, bool errors, Counts& c,
           Counts* c_noref = nullptr) {
  const std::vector<int> match = Match(d, sys);
  c.sys += sys.size();
  if (c_noref != nullptr) c_noref->sys += sys.size();
  c.gold += d.gold.size();
  std::vector<bool> used(sys.size(), false);
  for (size_t i = 0; i < d.gold.size(); ++i) {
    const Gold& g = d.gold[i];
    const bool ref = IsReference(g.value);
    if (c_noref != nullptr && !ref) c_noref->gold += 1;
    if (match[i] < 0) {
      if (errors) std::printf("MISS %s [%s] %s\n", d.name.c_str(), g.text.c_str(), g.value.c_str());
      continue;
    }
    used[match[i]] = true;
    const sitrep::TimeExpr& s = sys[match[i]];
    const bool strict = s.start == g.start && s.end == g.end;
    const bool value = s.value == g.value;
    std::string gt = g.type;
    for (char& ch : gt) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    for (Counts* k : {&c, ref ? nullptr : c_noref}) {
      if (k == nullptr) continue;
      k->relaxed += 1;
      k->strict += strict;
      k->value_relaxed += value;
      k->value_strict += value && strict;
      k->type_relaxed += gt == s.type;
    }
    if (errors && (!value || !strict)) {
      std::printf("%s %s [%s] %s  sys [%s] %s  dct %s\n", value ? "SPAN" : "VALUE", d.name.c_str(),
                  g.text.c_str(), g.value.c_str(), s.text.c_str(), s.value.c_str(), d.dct.c_str());
    }
  }
  if (errors) {
    for (size_t k = 0; k < sys.size(); ++k) {
      if (!used[k]) {
        std::printf("EXTRA %s [%s] %s\n", d.name.c_str(), sys[k].text.c_str(),
                    sys[k].value.c_str());
      }
    }
  }
}

void Print(const char* name, double tp, const Counts& c) {
  double p = c.sys ? tp / c.sys : 0, r = c.gold ? tp / c.gold : 0;
  double f = p + r > 0 ? 2 * p * r / (p + r) : 0;
  std::printf("  %-22s P %5.1f  R %5.1f  F1 %5.1f\n", name, 100 * p, 100 * r, 100 * f);
}

void PrintAll(const std::string& title, const Counts& c) {
  std::printf("%s\n  %.0f gold TIMEX3, %.0f found\n", title.c_str(), c.gold, c.sys);
  Print("extraction strict", c.strict, c);
  Print("extraction relaxed", c.relaxed, c);
  Print("value (TempEval-3)", c.value_relaxed, c);
  Print("value, strict span", c.value_strict, c);
  Print("type", c.type_relaxed, c);
}

// The block of `doc` holding [start, end), or null.
const sitrep::Block* BlockAt(const sitrep::Document& doc, size_t start, size_t end) {
  for (const sitrep::Block& b : doc.blocks) {
    if (start < b.end && b.start < end) return &b;
  }
  return nullptr;
}

}  // namespace

int main(int argc, char** argv) {
  std::string dir = std::string(SITREP_SOURCE_DIR) + "/../shared/bench/time/tbaq-cleaned";
  bool errors = false;
  int repeat = 3;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--data" && i + 1 < argc)
      dir = argv[++i];
    else if (a == "--errors")
      errors = true;
    else if (a == "--repeat" && i + 1 < argc)
      repeat = std::stoi(argv[++i]);
    else {
      std::fprintf(stderr, "usage: eval_time [--data DIR] [--errors] [--repeat N]\n");
      return 2;
    }
  }
  if (!std::filesystem::exists(dir)) {
    std::printf("no data at %s; nothing to evaluate\n", dir.c_str());
    return 0;
  }
  std::vector<Doc> docs;
  std::vector<std::filesystem::path> paths;
  for (const auto& e : std::filesystem::recursive_directory_iterator(dir)) {
    if (e.path().extension() == ".tml") paths.push_back(e.path());
  }
  std::sort(paths.begin(), paths.end());
  for (const auto& p : paths) {
    if (auto d = Load(p)) docs.push_back(std::move(*d));
  }
  size_t bytes = 0;
  for (const Doc& d : docs) bytes += d.text.size();

  // --- 1. The product path: sitrep::Analyze, default options, over one JSONL file. ---
  const std::filesystem::path tmp =
      std::filesystem::temp_directory_path() /
      ("sitrep_eval_time_" + std::to_string(static_cast<long>(std::time(nullptr))) + "_" +
       std::to_string(static_cast<long>(::getpid())));
  std::filesystem::create_directories(tmp);
  const std::string jsonl = (tmp / "times.jsonl").string();
  {
    std::ofstream out(jsonl, std::ios::binary);
    for (size_t i = 0; i < docs.size(); ++i) {
      nlohmann::json rec = {{"id", "d" + std::to_string(i)}, {"text", docs[i].text}};
      if (!docs[i].title.empty()) rec["title"] = docs[i].title;
      rec["date"] = docs[i].dct;
      out << rec.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
    }
  }
  const auto w0 = std::chrono::steady_clock::now();
  sitrep::Result<sitrep::Report> report = sitrep::Analyze({jsonl}, sitrep::AnalyzeOptions{});
  const double analyze_s =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - w0).count();
  std::filesystem::remove_all(tmp);
  if (!report.ok()) {
    std::fprintf(stderr, "analyze: %s\n", report.status().message().c_str());
    return 1;
  }
  // Document ids -> index; the text must be what was written, or offsets would not map.
  std::vector<const sitrep::Document*> report_doc(docs.size(), nullptr);
  std::map<std::string, size_t> doc_index;
  size_t other_date = 0;
  for (const sitrep::Document& rd : report->documents) {
    const size_t k = std::stoul(rd.id.substr(1));
    if (k >= docs.size() || rd.text != docs[k].text) {
      std::fprintf(stderr, "document %s: text differs from the one written\n", rd.id.c_str());
      return 1;
    }
    report_doc[k] = &rd;
    doc_index[rd.id] = k;
    other_date += rd.published.value_or("") != docs[k].dct;
  }
  std::vector<std::vector<sitrep::TimeExpr>> product(docs.size());
  for (const sitrep::TimeExpr& t : report->times) product[doc_index.at(t.doc)].push_back(t);

  // --- 2. and 3. The extractor alone, over the whole text. ---
  std::vector<std::vector<sitrep::TimeExpr>> plain(docs.size()), with_refs(docs.size());
  sitrep::extract::TimeTextOptions refs;
  refs.references = true;  // TimeML marks "now", "recently", "the future"
  for (size_t i = 0; i < docs.size(); ++i) {
    plain[i] = sitrep::extract::ExtractTimesFromText(docs[i].text, docs[i].dct);
    with_refs[i] = sitrep::extract::ExtractTimesFromText(docs[i].text, docs[i].dct, refs);
  }

  Counts c_product, c_product_noref, c_plain, c_plain_noref, c_refs;
  std::map<std::string, size_t> lost_by_role;
  size_t missing_docs = 0, gained = 0, answered_otherwise = 0;
  for (size_t i = 0; i < docs.size(); ++i) {
    if (report_doc[i] == nullptr) ++missing_docs;
    Score(docs[i], product[i], errors, c_product, &c_product_noref);
    Score(docs[i], plain[i], false, c_plain, &c_plain_noref);
    Score(docs[i], with_refs[i], false, c_refs);
    // Gold the extractor finds in the whole text and the product path does not.
    const std::vector<int> got = Match(docs[i], product[i]);
    const std::vector<int> alone = Match(docs[i], plain[i]);
    for (size_t g = 0; g < docs[i].gold.size(); ++g) {
      gained += got[g] >= 0 && alone[g] < 0;
      if (got[g] >= 0 && alone[g] >= 0) {
        const sitrep::TimeExpr& a = product[i][got[g]];
        const sitrep::TimeExpr& b = plain[i][alone[g]];
        if (a.start != b.start || a.end != b.end || a.value != b.value) {
          ++answered_otherwise;
          if (errors) {
            std::printf("OTHER %s gold [%s] %s  product [%s] %s  alone [%s] %s\n",
                        docs[i].name.c_str(), docs[i].gold[g].text.c_str(),
                        docs[i].gold[g].value.c_str(), a.text.c_str(), a.value.c_str(),
                        b.text.c_str(), b.value.c_str());
          }
        }
      }
      if (got[g] >= 0 || alone[g] < 0) continue;
      const Gold& gold = docs[i].gold[g];
      const sitrep::Block* block =
          report_doc[i] == nullptr ? nullptr : BlockAt(*report_doc[i], gold.start, gold.end);
      const std::string role = report_doc[i] == nullptr ? "document dropped"
                               : block == nullptr       ? "no block"
                                                        : std::string(BlockRoleName(block->role));
      ++lost_by_role[role];
      if (errors) {
        std::string in_block =
            block == nullptr ? "" : std::string(report_doc[i]->Slice(*block).substr(0, 160));
        std::replace(in_block.begin(), in_block.end(), '\n', ' ');
        std::printf("LOST %s [%s] %s  block %s: %s\n", docs[i].name.c_str(), gold.text.c_str(),
                    gold.value.c_str(), role.c_str(), in_block.c_str());
      }
    }
  }

  std::printf("TempEval-3 training (TimeBank + AQUAINT): %zu documents, %.2f MB of text\n",
              docs.size(), bytes / 1e6);
  PrintAll("product path: sitrep::Analyze, default options, report times", c_product);
  std::printf(
      "  %zu documents in the report (%zu missing), %zu with a publication date other than "
      "the DCT; analyze %.2f s wall\n",
      report->documents.size(), missing_docs, other_date, analyze_s);
  PrintAll(
      "  beside it, the same output scored without the gold reference values (PRESENT_REF, "
      "PAST_REF, FUTURE_REF),\n  which the report leaves out by design:",
      c_product_noref);
  std::printf("  gold the extractor alone finds and the product path loses, by block role:");
  if (lost_by_role.empty()) std::printf(" none");
  for (const auto& [role, n] : lost_by_role) std::printf(" %s %zu;", role.c_str(), n);
  std::printf(
      "\n  gold the product path finds and the extractor alone does not: %zu; found by both "
      "with another span or value: %zu\n",
      gained, answered_otherwise);
  PrintAll(
      "extractor alone, ExtractTimesFromText(text, DCT), default options, whole text: "
      "not the product path",
      c_plain);
  PrintAll("  beside it, without the gold reference values:", c_plain_noref);
  PrintAll(
      "extractor alone with {.references = true} (TimeML's references too): not the product "
      "path",
      c_refs);

  // Throughput of the whole "when" extraction (times + quantities) on the same text.
  auto t0 = std::chrono::steady_clock::now();
  size_t found = 0;
  for (int r = 0; r < repeat; ++r) {
    for (const Doc& d : docs) {
      found += sitrep::extract::ExtractTimesFromText(d.text, d.dct).size();
      found += sitrep::extract::ExtractQuantitiesFromText(d.text).size();
    }
  }
  double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  std::printf(
      "speed: %.2f MB of text in %.3f s on one thread = %.1f MB/s (times + quantities, "
      "extractor alone, %zu found)\n",
      bytes * repeat / 1e6, secs, bytes * repeat / 1e6 / secs, found);
  return 0;
}
