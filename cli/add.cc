// `sitrep add PATH|URL... --db corpus.db [-o FILE] [--format json|md]`

#include <iostream>
#include <memory>

#include "cli/commands.h"
#include "cli/progress.h"
#include "fetch/fetch.h"
#include "report/json.h"
#include "report/markdown.h"
#include "sitrep/corpus.h"

namespace sitrep::cli {
namespace {

void PrintSummary(const std::string& db, const AddSummary& s) {
  std::cerr << "sitrep: " << db << ": " << s.read << " read, " << s.added << " added, "
            << s.new_versions << " new version" << (s.new_versions == 1 ? "" : "s") << ", "
            << s.unchanged << " unchanged; " << s.documents << " documents in the corpus\n";
  if (s.picture_updated) {
    std::cerr << "sitrep: reuse candidates searched for " << s.candidates_queried << " of "
              << s.documents << " documents\n";
  }
  for (const VersionChange& v : s.versions) {
    std::cerr << "version: " << v.doc << " v" << v.from_version << " -> v" << v.to_version << " ("
              << v.relation << ", " << v.changes.size() << " change"
              << (v.changes.size() == 1 ? "" : "s") << ")\n";
    if (v.title_before != v.title_after) {
      std::cerr << "  title: \"" << v.title_before << "\" -> \"" << v.title_after << "\"\n";
    }
    for (const Drift& d : v.changes) {
      std::cerr << "  " << d.kind << ": \"" << d.source_text << "\" -> \"" << d.copy_text << "\"\n";
    }
  }
}

}  // namespace

Command AddAddCommand(CLI::App& root) {
  struct Flags {
    std::vector<std::string> paths;
    std::string db;
    std::string format = "json";
    std::string output;
    AnalyzeOptions options;
    FetchOptions fetch;
    bool timings = false;
  };
  auto flags = std::make_shared<Flags>();
  CLI::App* app = root.add_subcommand(
      "add",
      "Add news files and folders to a living corpus (one SQLite file): new articles are "
      "compared with everything already there, re-added ones are skipped, changed ones "
      "become new versions (stealth edits), and the corpus's report is brought up to date");
  app->add_option("inputs", flags->paths,
                  "Files (.txt .html .htm .jsonl .warc .rss .atom .xml), folders (read "
                  "recursively) and http(s) URLs of pages or feeds (a feed adds the items the "
                  "corpus does not hold yet)")
      ->required();
  app->add_option("--timeout", flags->fetch.timeout_seconds, "Limit on one HTTP request, seconds")
      ->capture_default_str();
  app->add_option("--host-delay", flags->fetch.host_delay_seconds,
                  "Least time between two requests to one host, seconds (robots.txt "
                  "Crawl-delay may ask for more)")
      ->capture_default_str();
  app->add_option("--db", flags->db, "The corpus file (created when absent)")->required();
  app->add_option("-o,--output", flags->output,
                  "Also write the corpus's report to FILE after the add");
  app->add_option("--format", flags->format, "Format of the report written with -o")
      ->check(CLI::IsMember({"json", "md"}))
      ->capture_default_str();
  app->add_option("--threads", flags->options.threads, "Worker threads (0 = all cores)")
      ->capture_default_str();
  app->add_flag("--timings", flags->timings,
                "Print how long each stage took on stderr (\"timing: STAGE SECONDS s\")");
  app->add_option("--gazetteer", flags->options.extract.gazetteer_path,
                  "Gazetteer data file (default: the one installed with sitrep)");
  return {app, [flags]() {
            Result<std::unique_ptr<Corpus>> corpus = Corpus::Open(flags->db);
            if (!corpus.ok()) {
              PrintError(corpus.status().message());
              return kExitUsage;
            }
            std::vector<std::string> paths, urls;
            for (const std::string& p : flags->paths) {
              (fetch::IsHttpUrl(p) ? urls : paths).push_back(p);
            }
            std::vector<Diagnostic> fetch_diagnostics;
            std::vector<Document> fetched;
            if (!urls.empty()) {
              Corpus* c = corpus->get();
              // Items of a feed already in the corpus are not fetched again.
              auto keep = [c](const ingest::FeedItem& item) {
                for (const std::string& id : {item.link, item.guid}) {
                  if (id.empty()) continue;
                  Result<bool> known = c->Knows(id);
                  if (known.ok() && *known) return false;
                }
                return true;
              };
              Result<std::vector<Document>> got = fetch::FetchDocuments(
                  urls, flags->fetch, flags->options.ingest, fetch_diagnostics, keep);
              if (!got.ok()) {
                PrintError(got.status().message());
                return kExitSomeInputsFailed;
              }
              fetched = std::move(*got);
            }
            ProgressLine progress(flags->timings);
            Result<AddSummary> summary = (*corpus)->Add(
                paths, std::move(fetched), flags->options,
                [&progress](std::string_view s, size_t d, size_t t) { progress(s, d, t); });
            if (!summary.ok()) {
              PrintError(flags->db + ": " + summary.status().message());
              return kExitSomeInputsFailed;
            }
            Report diagnostics_only;
            diagnostics_only.diagnostics = std::move(fetch_diagnostics);
            diagnostics_only.diagnostics.insert(diagnostics_only.diagnostics.end(),
                                                summary->diagnostics.begin(),
                                                summary->diagnostics.end());
            const int code = ReportDiagnostics(diagnostics_only);
            PrintSummary(flags->db, *summary);
            if (!flags->output.empty()) {
              if (!summary->picture_updated) {
                std::cerr << "sitrep: nothing changed; " << flags->output << " not written\n";
              } else {
                const std::string content = flags->format == "md"
                                                ? report::WriteMarkdown(summary->picture)
                                                : report::WriteJson(summary->picture);
                Status written = WriteOutput(flags->output, content);
                if (!written.ok()) {
                  PrintError(written.message());
                  return kExitSomeInputsFailed;
                }
              }
            }
            progress.PrintTimings("write");
            return code;
          }};
}

}  // namespace sitrep::cli
