#!/usr/bin/env bash
# Timed `sitrep add` of a batch to a living corpus of generated articles.
#   bench/corpus/run_add.sh [BASE] [BATCH] [BUILD_DIR]
# BASE defaults to 10000 articles, BATCH to 1000, BUILD_DIR to build. Builds a corpus of
# BASE generated articles with one add, then adds BATCH more, and prints one Markdown
# table row per add: articles before and after, wall time, peak memory (max RSS), and the
# database size per current article. Pass `--timings` in SITREP_ADD_FLAGS to see stages.
set -euo pipefail
cd "$(dirname "$0")/../.."
base=${1:-10000}
batch=${2:-1000}
build=${3:-build}
cmake --build "$build" --target sitrep sitrep-gen-corpus >/dev/null
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
"$build/sitrep-gen-corpus" --articles $((base + batch)) --format jsonl --out "$dir/gen" 2>/dev/null
head -n "$base" "$dir/gen/corpus.jsonl" >"$dir/base.jsonl"
tail -n "$batch" "$dir/gen/corpus.jsonl" >"$dir/batch.jsonl"
row() {  # before after file
  /usr/bin/time -f '%e %M' -o "$dir/time" "$build/sitrep" add "$3" --db "$dir/corpus.db" \
    ${SITREP_ADD_FLAGS:-} 2>"$dir/stderr" && { grep timing "$dir/stderr" >&2 || true; } || { cat "$dir/stderr" >&2; exit 1; }
  read -r secs rss_kb <"$dir/time"
  bytes=$(du -cb "$dir"/corpus.db* | tail -1 | cut -f1)
  awk -v a="$1" -v b="$2" -v s="$secs" -v r="$rss_kb" -v z="$bytes" -v c="$(nproc)" 'BEGIN {
    printf "| add %d to %d articles | %d cores | %.1f s | %.0f MB peak RSS | %.1f KB/article on disk |\n",
           b - a, a, c, s, r / 1024, z / 1024 / b }'
}
row 0 "$base" "$dir/base.jsonl"
row "$base" $((base + batch)) "$dir/batch.jsonl"
