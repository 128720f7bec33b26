#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <utility>

#include "base/utf8.h"
#include "ingest/readers.h"

namespace sitrep::ingest::internal {
namespace {

using nlohmann::json;

const std::string* StringField(const json& obj, std::initializer_list<const char*> keys) {
  for (const char* key : keys) {
    const auto it = obj.find(key);
    if (it != obj.end() && it->is_string() &&
        !TrimAscii(it->get_ref<const std::string&>()).empty()) {
      return &it->get_ref<const std::string&>();
    }
  }
  return nullptr;
}

// "A", ["A", "B"], {"name": "A"} or [{"name": "A"}] -> "A, B".
std::string AuthorNames(const json& v) {
  const auto name = [](const json& a) -> std::string {
    if (a.is_string()) return a.get<std::string>();
    if (a.is_object()) {
      const auto it = a.find("name");
      if (it != a.end() && it->is_string()) return it->get<std::string>();
    }
    return "";
  };
  if (!v.is_array()) return name(v);
  std::string out;
  for (const json& a : v) {
    std::string n = name(a);
    if (n.empty()) continue;
    if (!out.empty()) out += ", ";
    out += n;
  }
  return out;
}

void LineDiagnostic(std::vector<Diagnostic>& diagnostics, Diagnostic::Severity severity,
                    std::string_view path, size_t line, std::string_view problem) {
  AddDiagnostic(diagnostics, severity, path,
                "line " + std::to_string(line) + ": " + std::string(problem));
}

}  // namespace

void ReadJsonlLine(std::string_view path, std::string_view stem, size_t line_number,
                   std::string_view line, const IngestOptions& options, IngestResult& out) {
  constexpr auto kError = Diagnostic::Severity::kError;
  if (line_number == 1 && line.substr(0, 3) == "\xEF\xBB\xBF") line.remove_prefix(3);
  line = TrimAscii(line);
  if (line.empty()) return;
  if (line.size() > options.max_file_bytes) {
    LineDiagnostic(out.diagnostics, kError, path, line_number,
                   "record of " + std::to_string(line.size()) + " bytes exceeds the limit of " +
                       std::to_string(options.max_file_bytes) + " bytes; skipped");
    return;
  }
  std::string repaired;
  if (!base::IsValidUtf8(line)) {
    base::Utf8Repair r = base::RepairUtf8(line);
    LineDiagnostic(out.diagnostics, Diagnostic::Severity::kWarning, path, line_number,
                   "invalid UTF-8 at byte " + std::to_string(r.bad_offsets[0]) +
                       " of the line replaced with U+FFFD");
    repaired = std::move(r.text);
    line = repaired;
  }
  try {
    const json record = json::parse(line.begin(), line.end(), nullptr, false);
    if (record.is_discarded()) {
      LineDiagnostic(out.diagnostics, kError, path, line_number, "invalid JSON; line skipped");
      return;
    }
    if (!record.is_object()) {
      LineDiagnostic(out.diagnostics, kError, path, line_number, "not a JSON object; line skipped");
      return;
    }
    Document doc;
    doc.path = std::string(path);
    doc.format = "jsonl";
    if (const auto it = record.find("id");
        it != record.end() && it->is_string() && !it->get_ref<const std::string&>().empty()) {
      doc.id = it->get<std::string>();
    } else if (it != record.end() && it->is_number_integer()) {
      doc.id = it->dump();
    } else {
      doc.id = std::string(stem) + ":" + std::to_string(line_number);
    }
    // Content first: the record's own fields then outrank what an html page says.
    const std::string* title = StringField(record, {"title", "headline"});
    if (const std::string* text = StringField(record, {"text", "body"})) {
      doc.text = *text;
      SplitTextBlocks(doc, 0, title != nullptr ? std::string_view(*title) : std::string_view());
    } else if (const std::string* html = StringField(record, {"html"})) {
      std::vector<Diagnostic> page_diagnostics;
      ParseHtml(path, *html, options, doc, page_diagnostics);
      for (const Diagnostic& d : page_diagnostics) {
        LineDiagnostic(out.diagnostics, d.severity, path, line_number, d.message);
      }
    } else {
      LineDiagnostic(out.diagnostics, kError, path, line_number,
                     "no \"text\" or \"html\" field; line skipped");
      return;
    }
    if (doc.blocks.empty()) {
      LineDiagnostic(out.diagnostics, kError, path, line_number, "empty text; line skipped");
      return;
    }
    Meta meta;
    if (title != nullptr) {
      doc.title = std::string(TrimAscii(*title));
      meta.emplace_back("jsonl:title", *title);
    }
    if (const std::string* url = StringField(record, {"url", "link"})) {
      doc.url = std::string(TrimAscii(*url));
      meta.emplace_back("jsonl:url", *url);
      meta.emplace_back("url", *doc.url);
    }
    if (const std::string* date =
            StringField(record, {"date", "published", "published_at", "datePublished"})) {
      meta.emplace_back("jsonl:date", *date);
      if (std::optional<std::string> d = NormalizeDate(*date)) {
        doc.published = std::move(d);
        doc.published_basis = "metadata";
      }
    }
    if (const auto it = record.find("author"); it != record.end()) {
      std::string author = AuthorNames(*it);
      if (!TrimAscii(author).empty()) {
        doc.author = author;
        meta.emplace_back("jsonl:author", std::move(author));
      }
    }
    if (const std::string* outlet = StringField(record, {"outlet", "source", "site"})) {
      doc.outlet = std::string(TrimAscii(*outlet));
      meta.emplace_back("jsonl:outlet", *outlet);
    }
    if (const std::string* lang = StringField(record, {"language", "lang"})) {
      if (std::optional<std::string> l = NormalizeLanguage(*lang)) doc.language = std::move(l);
    }
    for (auto& kv : meta) doc.meta.push_back(std::move(kv));
    out.documents.push_back(std::move(doc));
  } catch (...) {
    LineDiagnostic(out.diagnostics, kError, path, line_number, "unreadable record; line skipped");
  }
}

JsonlReader::JsonlReader(std::string_view path, const IngestOptions& options, IngestResult& out)
    : path_(path), stem_(FileStem(path)), options_(options), out_(out) {}

void JsonlReader::Line(std::string_view line) {
  ++line_number_;
  if (TrimAscii(line).empty()) return;
  ++records_;
  const size_t before = out_.diagnostics.size();
  ReadJsonlLine(path_, stem_, line_number_, line, options_, out_);
  const size_t added = out_.diagnostics.size() - before;
  if (added == 0) return;
  if (reported_lines_ < kMaxReportedLines) {
    ++reported_lines_;
  } else {
    out_.diagnostics.resize(before);
    ++unreported_lines_;
  }
}

void JsonlReader::Oversized() {
  ++line_number_;
  ++records_;
  const size_t before = out_.diagnostics.size();
  LineDiagnostic(
      out_.diagnostics, Diagnostic::Severity::kError, path_, line_number_,
      "record exceeds the limit of " + std::to_string(options_.max_file_bytes) + " bytes; skipped");
  if (reported_lines_ < kMaxReportedLines) {
    ++reported_lines_;
  } else {
    out_.diagnostics.resize(before);
    ++unreported_lines_;
  }
}

void JsonlReader::Finish() {
  if (records_ == 0) {
    AddDiagnostic(out_.diagnostics, Diagnostic::Severity::kError, path_, "empty file");
  }
  if (unreported_lines_ > 0) {
    AddDiagnostic(
        out_.diagnostics, Diagnostic::Severity::kWarning, path_,
        std::to_string(unreported_lines_) + " more lines had problems (not listed one by one)");
  }
}

void ReadJsonl(std::string_view path, std::string_view bytes, const IngestOptions& options,
               IngestResult& out) {
  JsonlReader reader(path, options, out);
  size_t pos = 0;
  while (pos < bytes.size()) {
    size_t nl = bytes.find('\n', pos);
    if (nl == std::string_view::npos) nl = bytes.size();
    reader.Line(bytes.substr(pos, nl - pos));
    pos = nl + 1;
  }
  reader.Finish();
}

}  // namespace sitrep::ingest::internal
