// `sitrep clean FILE... [--format text|json] [-o FILE]`: the cleaned article of each
// input - title, date and body as text, or every block with its role as JSON.
#include "clean/clean.h"

#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "cli/commands.h"
#include "ingest/ingest.h"
#include "report/json_emitter.h"
#include "sitrep/options.h"

namespace sitrep::cli {
namespace {

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

// Every document with its metadata, article text and blocks, streamed without a DOM
// (report::JsonEmitter: the same escaping and U+FFFD for invalid UTF-8 as the report).
std::string AsJson(const std::vector<Document>& docs) {
  std::string out;
  size_t text = 0;
  for (const Document& d : docs) text += 2 * d.text.size() + 200 * (d.blocks.size() + 1);
  out.reserve(text);
  report::JsonEmitter w(out, 2);
  w.BeginArray();
  for (const Document& d : docs) {
    w.BeginObject();
    w.Field("id", d.id);
    w.Field("path", d.path);
    w.Field("title", d.title);
    w.Field("published", d.published);
    w.Field("published_basis", d.published_basis);
    w.Field("author", d.author);
    w.Field("outlet", d.outlet);
    w.Field("language", d.language);
    w.Field("article", clean::ArticleText(d));
    w.Key("blocks");
    w.BeginArray();
    for (const Block& b : d.blocks) {
      w.BeginObject();
      w.Field("role", BlockRoleName(b.role));
      w.Field("start", b.start);
      w.Field("end", b.end);
      w.Field("text", d.Slice(b));
      w.EndObject();
    }
    w.EndArray();
    w.EndObject();
  }
  w.EndArray();
  out += '\n';
  return out;
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
  app->add_option("paths", flags->paths,
                  "Files (.txt .html .htm .jsonl .warc .warc.gz) and folders")
      ->required();
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
      std::cerr << SeverityName(d.severity) << ": " << d.path << ": " << d.message << "\n";
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
