// `sitrep clean FILE... [--format text|json] [-o FILE]`: the cleaned article of each
// input - title, date and body as text, or every block with its role as JSON.
#include "clean/clean.h"

#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "cli/commands.h"
#include "ingest/ingest.h"
#include "sitrep/options.h"

namespace sitrep::cli {
namespace {

nlohmann::json OptionalString(const std::optional<std::string>& s) {
  return s ? nlohmann::json(*s) : nlohmann::json(nullptr);
}

std::string AsText(const std::vector<Document>& docs) {
  std::string out;
  for (size_t i = 0; i < docs.size(); ++i) {
    const Document& d = docs[i];
    if (i > 0) out += "\n\n";
    out += "# " + d.title.value_or(d.id) + "\n";
    if (d.published) {
      out += "Date: " + *d.published;
      if (d.published_basis && *d.published_basis != "metadata") {
        out += " (" + *d.published_basis + ")";
      }
      out += "\n";
    }
    if (d.author) out += "Author: " + *d.author + "\n";
    if (d.outlet) out += "Outlet: " + *d.outlet + "\n";
    out += "\n";
    out += clean::ArticleText(d);
    out += "\n";
  }
  return out;
}

std::string AsJson(const std::vector<Document>& docs) {
  nlohmann::json arr = nlohmann::json::array();
  for (const Document& d : docs) {
    nlohmann::json blocks = nlohmann::json::array();
    for (const Block& b : d.blocks) {
      blocks.push_back({{"role", std::string(BlockRoleName(b.role))},
                        {"text", std::string(d.Slice(b))},
                        {"start", b.start},
                        {"end", b.end}});
    }
    arr.push_back({{"id", d.id},
                   {"path", d.path},
                   {"title", OptionalString(d.title)},
                   {"published", OptionalString(d.published)},
                   {"published_basis", OptionalString(d.published_basis)},
                   {"outlet", OptionalString(d.outlet)},
                   {"author", OptionalString(d.author)},
                   {"language", OptionalString(d.language)},
                   {"article", clean::ArticleText(d)},
                   {"blocks", std::move(blocks)}});
  }
  // Invalid UTF-8 never reaches here (readers repair it); replace defensively anyway.
  return arr.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

}  // namespace

Command AddCleanCommand(CLI::App& root) {
  struct Flags {
    std::vector<std::string> paths;
    std::string format = "text";
    std::string output;
    IngestOptions ingest;
    CleanOptions clean;
  };
  auto flags = std::make_shared<Flags>();
  CLI::App* app = root.add_subcommand(
      "clean",
      "Print the cleaned article of each input: title, date and body as text, or every "
      "block with its role as JSON");
  app->add_option("paths", flags->paths, "Files (.txt .html .htm .jsonl) and folders")->required();
  app->add_option("--format", flags->format, "Output format")
      ->check(CLI::IsMember({"text", "json"}))
      ->capture_default_str();
  app->add_option("-o,--output", flags->output, "Write to FILE instead of stdout");
  app->add_option("--repeated-line-min-docs", flags->clean.repeated_line_min_docs,
                  "A line recurring in this many documents of one outlet is boilerplate")
      ->capture_default_str();

  Command cmd;
  cmd.app = app;
  cmd.run = [flags]() -> int {
    ingest::IngestResult read = ingest::ReadPaths(flags->paths, flags->ingest);
    bool failed = false;
    for (const Diagnostic& d : read.diagnostics) {
      const bool error = d.severity == Diagnostic::Severity::kError;
      failed |= error;
      std::cerr << (error ? "error: " : "warning: ") << d.path << ": " << d.message << "\n";
    }
    clean::CleanDocuments(read.documents, flags->clean);
    const std::string out =
        flags->format == "json" ? AsJson(read.documents) : AsText(read.documents);
    Status s = WriteOutput(flags->output, out);
    if (!s.ok()) {
      PrintError(s.message());
      return kExitSomeInputsFailed;
    }
    return failed ? kExitSomeInputsFailed : kExitOk;
  };
  return cmd;
}

}  // namespace sitrep::cli
