#!/usr/bin/env bash
# Timed end-to-end run of `sitrep analyze` over a generated corpus.
#   bench/corpus/run_analyze.sh [ARTICLES] [FORMAT] [BUILD_DIR]
# ARTICLES defaults to 10000, FORMAT (jsonl|txt) to jsonl, BUILD_DIR to build.
# Prints articles/s, MB/s of article text, wall time and peak memory (max RSS), one
# Markdown table row, ready for docs/benchmarks.md.
set -euo pipefail
cd "$(dirname "$0")/../.."
n=${1:-10000}
format=${2:-jsonl}
build=${3:-build}
cmake --build "$build" --target sitrep sitrep-gen-corpus >/dev/null
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
"$build/sitrep-gen-corpus" --articles "$n" --format "$format" --out "$dir/corpus" 2>/dev/null
rm -f "$dir/corpus/truth.jsonl"
bytes=$(find "$dir/corpus" -type f -printf '%s\n' | awk '{s+=$1} END {print s}')
/usr/bin/time -f '%e %M' -o "$dir/time" "$build/sitrep" analyze "$dir/corpus" --format json \
  -o "$dir/report.json" 2>"$dir/stderr" || { cat "$dir/stderr" >&2; exit 1; }
read -r secs rss_kb <"$dir/time"
awk -v n="$n" -v b="$bytes" -v s="$secs" -v r="$rss_kb" -v f="$format" -v c="$(nproc)" 'BEGIN {
  if (s < 0.01) s = 0.01;
  printf "| %d articles (%s, %.1f MB) | %d cores | %.2f s | %.0f articles/s | %.2f MB/s | %.0f MB peak RSS |\n",
         n, f, b / 1e6, c, s, n / s, b / 1e6 / s, r / 1024 }'
