#!/usr/bin/env bash
# Load on `sitrep serve` over a corpus of generated articles.
#   bench/serve/run_serve.sh [ARTICLES] [CLIENTS] [SECONDS] [BUILD_DIR]
# ARTICLES defaults to 10000, CLIENTS to 50, SECONDS (per kind of request) to 10,
# BUILD_DIR to build. Generates the articles (sitrep-gen-corpus), adds them to a corpus
# with one `sitrep add` (kept in $SITREP_BENCH_DIR when set, so a second run reuses it),
# starts `sitrep serve --port 0` on 127.0.0.1 and runs sitrep-serve-bench: a Markdown
# table of latency p50/p99 per kind (search, timeline, document, events).
# SITREP_SERVE_FLAGS is passed to `sitrep serve` (e.g. "--cache-mb 0": every answer
# computed, no answer cache).
set -euo pipefail
cd "$(dirname "$0")/../.."
articles=${1:-10000}
clients=${2:-50}
seconds=${3:-10}
build=${4:-build}
cmake --build "$build" --target sitrep sitrep-gen-corpus sitrep-serve-bench >/dev/null
dir=${SITREP_BENCH_DIR:-$(mktemp -d)}
mkdir -p "$dir"
db="$dir/serve-$articles.db"
if [ ! -f "$db" ]; then
  "$build/sitrep-gen-corpus" --articles "$articles" --format jsonl --out "$dir/gen-$articles" 2>/dev/null
  /usr/bin/time -f '# add: %e s, %M KB peak RSS' "$build/sitrep" add "$dir/gen-$articles/corpus.jsonl" --db "$db" 2>&1 >/dev/null | grep '^# add' || true
fi
echo "# sitrep serve ${SITREP_SERVE_FLAGS:-(default options)}; load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "# corpus: $articles generated articles, $(du -cb "$db"* | tail -1 | cut -f1) bytes; $(nproc) cores"
"$build/sitrep" serve --db "$db" --port 0 ${SITREP_SERVE_FLAGS:-} >"$dir/serve.out" 2>"$dir/serve.err" &
pid=$!
trap 'kill $pid 2>/dev/null; wait $pid 2>/dev/null || true; [ -n "${SITREP_BENCH_DIR:-}" ] || rm -rf "$dir"' EXIT
port=""
for _ in $(seq 1 100); do
  port=$(sed -n 's|.*http://127.0.0.1:\([0-9]*\)/.*|\1|p' "$dir/serve.out")
  [ -n "$port" ] && break
  sleep 0.1
done
[ -n "$port" ] || { cat "$dir/serve.err" >&2; exit 1; }
"$build/sitrep-serve-bench" --port "$port" --clients "$clients" --seconds "$seconds"
echo "# server peak RSS: $(awk '/VmHWM/ {printf "%.0f MB", $2 / 1024}' /proc/$pid/status)"
