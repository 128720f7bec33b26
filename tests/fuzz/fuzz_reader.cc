// libFuzzer entry point shared by fuzz_text_reader, fuzz_html_reader and
// fuzz_jsonl_reader (SITREP_FUZZ_FORMAT picks the reader). Besides crashes and sanitizer
// reports, it traps when a reader breaks the Document contract: text that is not UTF-8,
// or blocks that fall outside the text, overlap or run backwards.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "base/utf8.h"
#include "ingest/ingest.h"

namespace {

void Check(bool ok) {
  if (!ok) __builtin_trap();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  sitrep::IngestOptions options;
  options.max_file_bytes = 1u << 20;
  options.html_max_depth = 64;  // reach the flattening path with small inputs
  sitrep::ingest::IngestResult out;
  sitrep::ingest::ReadBytes("fuzz." SITREP_FUZZ_FORMAT, bytes, SITREP_FUZZ_FORMAT, options, out);
  for (const sitrep::Document& doc : out.documents) {
    Check(!doc.blocks.empty());
    Check(sitrep::base::IsValidUtf8(doc.text));
    size_t previous_end = 0;
    for (const sitrep::Block& b : doc.blocks) {
      Check(b.start <= b.end && b.end <= doc.text.size());
      Check(b.start >= previous_end);
      Check(b.link_bytes <= b.end - b.start);
      previous_end = b.end;
    }
  }
  for (const sitrep::Diagnostic& d : out.diagnostics) Check(!d.path.empty() && !d.message.empty());
  return 0;
}
