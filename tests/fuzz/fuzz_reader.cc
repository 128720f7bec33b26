// libFuzzer entry point shared by fuzz_text_reader, fuzz_html_reader, fuzz_jsonl_reader,
// fuzz_feed_reader and fuzz_warc_reader (SITREP_FUZZ_FORMAT picks the reader). Besides
// crashes and sanitizer reports, it traps when a reader breaks the Document contract: text that is
// not UTF-8, or blocks that fall outside the text, overlap or run backwards. What was read is then
// cleaned, which must keep the text and that contract and give a language code or none; block
// features and the function-word language guess also get the raw bytes (any bytes, not only UTF-8).
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "base/utf8.h"
#include "clean/clean.h"
#include "clean/features.h"
#include "clean/language.h"
#include "ingest/feed.h"
#include "ingest/ingest.h"

namespace {

void Check(bool ok) {
  if (!ok) __builtin_trap();
}

void CheckBlocks(const sitrep::Document& doc) {
  size_t previous_end = 0;
  for (const sitrep::Block& b : doc.blocks) {
    Check(b.start <= b.end && b.end <= doc.text.size());
    Check(b.start >= previous_end);
    Check(b.link_bytes <= b.end - b.start);
    previous_end = b.end;
  }
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
    CheckBlocks(doc);
  }
  for (const sitrep::Diagnostic& d : out.diagnostics) Check(!d.path.empty() && !d.message.empty());

  std::vector<std::string> texts;
  for (const sitrep::Document& doc : out.documents) texts.push_back(doc.text);
  sitrep::clean::CleanDocuments(out.documents, sitrep::CleanOptions{});
  for (size_t i = 0; i < out.documents.size(); ++i) {
    const sitrep::Document& doc = out.documents[i];
    Check(doc.text == texts[i]);
    CheckBlocks(doc);
    // A code: ISO 639-1 from detection, or a reader's 2-3 letter primary subtag.
    if (doc.language) {
      Check(doc.language->size() == 2 || doc.language->size() == 3);
      for (char c : *doc.language) Check(c >= 'a' && c <= 'z');
    }
  }
  if (std::string_view(SITREP_FUZZ_FORMAT) == "feed") {
    // The item list `sitrep add` de-duplicates with: every string UTF-8, dates normalised.
    (void)sitrep::ingest::LooksLikeFeed(bytes);
    sitrep::Result<sitrep::ingest::Feed> feed = sitrep::ingest::ParseFeed(bytes, "fuzz.feed");
    if (feed.ok()) {
      Check(sitrep::base::IsValidUtf8(feed->title) && sitrep::base::IsValidUtf8(feed->link));
      for (const sitrep::ingest::FeedItem& item : feed->items) {
        for (const std::string* s : {&item.title, &item.link, &item.guid, &item.author,
                                     &item.content, &item.published_raw}) {
          Check(sitrep::base::IsValidUtf8(*s));
        }
        Check(item.published.empty() || item.published.size() == 10);
      }
    } else {
      Check(!feed.status().message().empty());
    }
  }
  (void)sitrep::clean::ComputeFeatures(bytes);
  (void)sitrep::clean::GuessLanguageFromFunctionWords(bytes);
  return 0;
}
