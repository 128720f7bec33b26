#!/usr/bin/env bash
# Fuzzes the ingest readers (txt, html, jsonl, feed, warc) with libFuzzer.
#
#   scripts/fuzz.sh [SECONDS]      seconds per target, default 30
#
# Builds fuzz_text_reader, fuzz_html_reader, fuzz_jsonl_reader, fuzz_feed_reader and
# fuzz_warc_reader with clang, libFuzzer, ASan and UBSan in build-fuzz (its own build dir:
# the sitrep libraries must be compiled with clang and the sanitizers too), then runs each
# for a bounded time on the seeds in
# tests/fuzz/seeds plus the corpus kept in build-fuzz/fuzz-corpus. Exits non-zero when a
# target crashes, leaks, hits a sanitizer error or a broken invariant; the input that did
# it is saved under build-fuzz/fuzz-artifacts/.
#
# Environment: SITREP_FUZZ_BUILD (build dir, default <repo>/build-fuzz),
# SITREP_FUZZ_SOURCE (CMake source dir, default the repo), JOBS (ninja -j, default 2).
set -euo pipefail

seconds="${1:-30}"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${SITREP_FUZZ_BUILD:-$root/build-fuzz}"
source_dir="${SITREP_FUZZ_SOURCE:-$root}"
flags="-fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer"

CC=clang CXX=clang++ cmake -S "$source_dir" -B "$build" -G Ninja \
  -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_C_COMPILER=clang -DCMAKE_CXX_COMPILER=clang++ \
  -DSITREP_FUZZ=ON -DSITREP_TESTS=ON -DSITREP_BENCH=OFF \
  -DCMAKE_C_FLAGS="$flags" -DCMAKE_CXX_FLAGS="$flags" >/dev/null
targets=(fuzz_text_reader fuzz_html_reader fuzz_jsonl_reader fuzz_feed_reader fuzz_warc_reader)
ninja -C "$build" -j"${JOBS:-2}" "${targets[@]}"

export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1:allocator_may_return_null=1}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}"
status=0
for reader in text html jsonl feed warc; do
  binary="$(find "$build" -type f -name "fuzz_${reader}_reader" -perm -u+x | head -n 1)"
  corpus="$build/fuzz-corpus/$reader"
  artifacts="$build/fuzz-artifacts"
  mkdir -p "$corpus" "$artifacts"
  dict=()
  [[ -f "$root/tests/fuzz/$reader.dict" ]] && dict=(-dict="$root/tests/fuzz/$reader.dict")
  echo "== fuzz_${reader}_reader: ${seconds}s"
  if ! "$binary" "$corpus" "$root/tests/fuzz/seeds/$reader" "${dict[@]}" \
      -max_total_time="$seconds" -max_len=65536 -rss_limit_mb=2048 -timeout=20 \
      -artifact_prefix="$artifacts/${reader}-" -print_final_stats=1 2>"$build/fuzz-$reader.log"; then
    echo "FAILED: fuzz_${reader}_reader (see $build/fuzz-$reader.log and $artifacts)" >&2
    tail -n 40 "$build/fuzz-$reader.log" >&2
    status=1
  else
    grep -E "stat::number_of_executed_units|cov:" "$build/fuzz-$reader.log" | tail -n 2
  fi
done
exit "$status"
