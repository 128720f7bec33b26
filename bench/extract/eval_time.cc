// Evaluates the time extractor on TempEval-3 training data (TimeBank + AQUAINT, TimeML):
// extraction precision/recall/F1 with strict (same span) and relaxed (overlapping span)
// matching, and value F1 as TempEval-3 scores it (relaxed match and the same value), plus
// value F1 with strict spans. Also measures throughput of time + quantity extraction.
//
//   eval_time [--data DIR] [--errors] [--repeat N]
// DIR defaults to $SITREP_SOURCE_DIR/../shared/bench/time/tbaq-cleaned. Exits 0 after
// printing a note when the data is absent.
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <optional>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include "extract/quantity.h"
#include "extract/time.h"

namespace {

struct Gold {
  size_t start = 0, end = 0;
  std::string value, type, text;
};

struct Doc {
  std::string name, text, dct;
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
  std::string body = s.substr(t0 + 6, t1 - t0 - 6);
  Gold open;
  bool in_timex = false;
  for (size_t i = 0; i < body.size();) {
    if (body[i] == '<') {
      size_t j = body.find('>', i);
      std::string tag = body.substr(i, j - i + 1);
      if (tag.rfind("<TIMEX3", 0) == 0) {
        open = Gold();
        open.start = d.text.size();
        open.value = Attr(tag, "value");
        open.type = Attr(tag, "type");
        in_timex = true;
      } else if (tag.rfind("</TIMEX3", 0) == 0 && in_timex) {
        open.end = d.text.size();
        open.text = d.text.substr(open.start, open.end - open.start);
        d.gold.push_back(open);
        in_timex = false;
      }
      i = j + 1;
    } else if (body[i] == '&') {
      size_t j = body.find(';', i);
      std::string ent = body.substr(i, j - i + 1);
      d.text += ent == "&amp;"    ? "&"
                : ent == "&lt;"   ? "<"
                : ent == "&gt;"   ? ">"
                : ent == "&quot;" ? "\""
                : ent == "&apos;" ? "'"
                                  : ent;
      i = j + 1;
    } else {
      d.text += body[i++];
    }
  }
  return d;
}

struct Counts {
  double sys = 0, gold = 0, strict = 0, relaxed = 0, value_relaxed = 0, value_strict = 0,
         type_relaxed = 0;
};

void Print(const char* name, double tp, const Counts& c) {
  double p = c.sys ? tp / c.sys : 0, r = c.gold ? tp / c.gold : 0;
  double f = p + r > 0 ? 2 * p * r / (p + r) : 0;
  std::printf("  %-22s P %5.1f  R %5.1f  F1 %5.1f\n", name, 100 * p, 100 * r, 100 * f);
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
  sitrep::extract::TimeTextOptions opts;
  opts.references = true;  // TimeML marks "now", "recently", "the future"
  Counts c;
  size_t bytes = 0;
  for (const Doc& d : docs) {
    bytes += d.text.size();
    auto sys = sitrep::extract::ExtractTimesFromText(d.text, d.dct, opts);
    c.sys += sys.size();
    c.gold += d.gold.size();
    std::vector<bool> used(sys.size(), false);
    for (const Gold& g : d.gold) {
      int match = -1;
      for (size_t k = 0; k < sys.size(); ++k) {
        if (used[k]) continue;
        if (sys[k].start < g.end && g.start < sys[k].end) {
          if (match < 0 || (sys[k].start == g.start && sys[k].end == g.end)) match = (int)k;
        }
      }
      if (match < 0) {
        if (errors)
          std::printf("MISS %s [%s] %s\n", d.name.c_str(), g.text.c_str(), g.value.c_str());
        continue;
      }
      used[match] = true;
      const auto& s = sys[match];
      bool strict = s.start == g.start && s.end == g.end;
      bool value = s.value == g.value;
      c.relaxed += 1;
      c.strict += strict;
      c.value_relaxed += value;
      c.value_strict += value && strict;
      std::string gt = g.type;
      for (char& ch : gt) ch = static_cast<char>(std::tolower(ch));
      c.type_relaxed += gt == s.type;
      if (errors && (!value || !strict)) {
        std::printf("%s %s [%s] %s  sys [%s] %s  dct %s\n", value ? "SPAN" : "VALUE",
                    d.name.c_str(), g.text.c_str(), g.value.c_str(), s.text.c_str(),
                    s.value.c_str(), d.dct.c_str());
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
  std::printf(
      "TempEval-3 training (TimeBank + AQUAINT): %zu documents, %.0f gold TIMEX3, "
      "%.0f found\n",
      docs.size(), c.gold, c.sys);
  Print("extraction strict", c.strict, c);
  Print("extraction relaxed", c.relaxed, c);
  Print("value (TempEval-3)", c.value_relaxed, c);
  Print("value, strict span", c.value_strict, c);
  Print("type", c.type_relaxed, c);

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
      "%zu found)\n",
      bytes * repeat / 1e6, secs, bytes * repeat / 1e6 / secs, found);
  return 0;
}
