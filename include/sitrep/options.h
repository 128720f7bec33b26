// Options: one plain struct per pipeline stage, each field with its effect, unit and
// default. The CLI takes its defaults from these structs, so every default is written
// once, here.
//
// Thread-safety: plain values.
#ifndef SITREP_OPTIONS_H_
#define SITREP_OPTIONS_H_

#include <cstddef>
#include <string>

namespace sitrep {

struct IngestOptions {
  // Files larger than this are reported and skipped. Bytes. Default 64 MiB.
  size_t max_file_bytes = 64u << 20;
  // Share of NUL/control bytes in the first 8 KiB above which a file is called binary.
  double binary_threshold = 0.10;
  // Follow symbolic links when walking folders. Default false (no loops).
  bool follow_symlinks = false;
  // HTML elements nested deeper than this are flattened (their tags dropped, their text
  // kept) before parsing, which keeps parsing time linear on hostile pages. Default 400.
  int html_max_depth = 400;
  // A feed item (RSS/Atom file) becomes a document from its own content only when that
  // holds at least this much visible text; shorter content is a teaser and the item is
  // skipped with a warning (`sitrep add` on the feed URL fetches the item's page).
  // Bytes. Default 400.
  size_t feed_min_item_bytes = 400;
};

struct FetchOptions {
  // Limit on one HTTP request, from connecting to the last byte. Seconds. Default 30.
  double timeout_seconds = 30;
  // Limit on establishing the connection. Seconds. Default 10.
  double connect_timeout_seconds = 10;
  // A response body larger than this (after decompression) aborts the transfer with an
  // error naming the URL. Bytes. Default 16 MiB.
  size_t max_bytes = 16u << 20;
  // Redirects followed per URL; each hop is checked against robots.txt and the politeness
  // delay like the first request. Default 5.
  int max_redirects = 5;
  // User-Agent header. Empty: "sitrep/<version>". Its product token (the leading word,
  // "sitrep") selects the robots.txt group.
  std::string user_agent;
  // Least time between the start of a request to a host and the end of the previous one
  // to that host (politeness). A longer robots.txt Crawl-delay (up to
  // max_crawl_delay_seconds) wins. Seconds. Default 1.
  double host_delay_seconds = 1.0;
  // The longest robots.txt Crawl-delay honoured; longer ones are cut to this. Seconds.
  // Default 30.
  double max_crawl_delay_seconds = 30;
  // Fetch and honour each site's robots.txt (once per scheme, host and port, cached for
  // the Fetcher's lifetime). Default true.
  bool obey_robots = true;
};

struct CleanOptions {
  // A line that recurs in at least this many documents of one outlet is boilerplate.
  int repeated_line_min_docs = 3;
  // Detect the language of each document (CLD2). Default true.
  bool detect_language = true;
  // With detect_language: name the language from the body's function words when they
  // leave no doubt (13 major languages; see docs/bench/language.md) and run CLD2 only on
  // the documents where that guess abstains. About ten times cheaper than CLD2 on the
  // documents it decides. Default true; false runs CLD2 on every document.
  bool guess_language_from_function_words = true;
  // Worker threads for the per-document pass (everything but the cross-document
  // recurring-line rule); 0 = hardware concurrency. The result is the same whatever
  // the count.
  int threads = 0;
};

struct TextOptions {
  // Snowball stemmer language for tokens. Default "english".
  std::string stemmer_language = "english";
  // Folder with WordNet 3.0 data files (data.noun, ...). Empty: no synonym folding.
  std::string wordnet_dir = "/usr/share/wordnet";
  // Synonymous(): two words are synonyms when they share a synset among the first this
  // many WordNet senses of each (per part of speech). Default 5.
  int synonym_senses = 5;
  // Canonical words: lemmas are grouped when they share a synset among the first this
  // many senses of each. Default 5.
  int canonical_senses = 5;
  // Canonical words: the most lemmas one synonym group may hold. Default 8.
  int canonical_max_class = 8;
};

struct ReuseOptions {
  // A pair is reported when at least this share of the copy's body is aligned to the
  // source near-verbatim (sentence similarity >= verbatim_similarity; excerpts)...
  double min_coverage = 0.2;
  double verbatim_similarity = 0.85;
  // ...or when at least this share is aligned at all (rewrites). Default 0.5.
  double min_rewrite_coverage = 0.5;
  // Weigh words by how few documents of the run use them (needs 20+ documents).
  bool document_frequency = true;
  // Minimum similarity of two sentences to align them. 0..1.
  double min_sentence_similarity = 0.45;
  // Minimum share of a sentence contained in another to align a split/merged sentence.
  double min_sentence_containment = 0.7;
  // Dice similarity at which sentences next to aligned ones align too (0 = off; 0.3 suits
  // plagiarism-style passage detection, but chains unrelated same-topic sentences).
  double extend_similarity = 0.0;
  // Word shingle length for near-duplicate MinHash. Default 4.
  int shingle_words = 4;
  // LSH bands x rows of the near-duplicate index (signature length = product).
  int lsh_bands = 16;
  int lsh_rows = 4;
  // Exact shingle Jaccard at or above which a pair is a near-duplicate. Default 0.5.
  double near_duplicate_jaccard = 0.5;
  // Below this share of the source's body aligned, or below partial_copy_coverage of the
  // copy's, a pair is "partial" rather than a rewrite.
  double partial_source_coverage = 0.5;
  double partial_copy_coverage = 0.4;
  // Rewrite-candidate keys held by more documents than this are ignored. Default 256.
  size_t max_postings = 256;
  // At most this many rewrite candidates aligned per document, strongest first. Default
  // 10: on generated corpora 10 keeps every true pair (20 found no more) with 30 % fewer
  // false ones and 30 % less time; a story copied by many outlets still forms one
  // cluster through each copy's strongest links.
  size_t max_candidates = 10;
  // Worker threads for pair alignment; 0 = hardware concurrency.
  int threads = 0;
};

struct ExtractOptions {
  // Gazetteer file built by scripts/install-deps.sh; empty: places get no coordinates.
  std::string gazetteer_path;
  // Worker threads for per-document mention finding and claims; 0 = hardware concurrency.
  int threads = 0;
};

struct ReconcileOptions {
  // Two figures about the same thing differ when their relative difference exceeds this.
  double contradiction_tolerance = 0.05;
  // Relative spread allowed by "about"/"around"/"some" N: N*(1 -/+ this). Default 0.1.
  double about_margin = 0.1;
  // Similarity of content words (IDF-weighted overlap coefficient) from which two mentions
  // of one type, place and compatible date are one event (when they are not already one
  // by place + day). 0..1. Default 0.35.
  double event_similarity = 0.35;
  // ...or when this IDF-weighted share of one mention's event clause (the words around its
  // cue) is found in the other's sentence, with at least three words shared. Default 0.5.
  double event_clause_similarity = 0.5;
  // A mention with no date in its sentence is taken to tell of something in the this
  // many days up to its document's publication date. Days. Default 3.
  int undated_window_days = 3;
  // Figures about the same thing are compared when their dates are within this. Days.
  int figure_window_days = 3;
  // Earlier mentions of the same type and place a mention is compared with (bounds the
  // merge to O(n * this)). Default 64.
  int max_merge_candidates = 64;
  // Longest event summary; longer sentences are cut at a word. Bytes. Default 240.
  size_t summary_max_bytes = 240;
  // Worker threads for event detection; 0 = hardware concurrency.
  int threads = 0;
};

struct AnalyzeOptions {
  IngestOptions ingest;
  CleanOptions clean;
  TextOptions text;
  ReuseOptions reuse;
  ExtractOptions extract;
  ReconcileOptions reconcile;
  // Worker threads of every stage whose own `threads` is 0; 0 = hardware concurrency.
  // `threads = 1` runs the whole pipeline on the calling thread.
  int threads = 0;
  // Stop after the reuse stage: the report has the documents, reuse pairs and copy
  // clusters, and no entities, times, quantities, claims, events or timeline. For a job
  // that wants only the pairs (the Dask job's pair bins); the pairs are the same, since
  // reuse runs before extraction.
  bool reuse_only = false;
  // Stop after extraction: the report has the documents, reuse pairs, clusters, entities,
  // times, quantities and claims, and no events, contradictions or timeline.
  bool extract_only = false;
};

}  // namespace sitrep

#endif  // SITREP_OPTIONS_H_
