#!/usr/bin/env bash
# The whole test suite, as CI runs it (.ci/run calls exactly this):
#   1. installs the dependencies (idempotent),
#   2. builds everything with -Wall -Wextra -Werror and runs every test (ctest),
#   3. builds the tests with AddressSanitizer + UndefinedBehaviorSanitizer and runs them,
#   4. runs the fuzz targets of the readers for a bounded time,
#   5. checks the example corpus report against the report contract when
#      ../shared/tools/check_report.py is present.
# Environment: JOBS (default nproc), FUZZ_SECONDS (default 20 per target; 0 skips).
set -euo pipefail
cd "$(dirname "$0")/.."
JOBS=${JOBS:-$(nproc)}
FUZZ_SECONDS=${FUZZ_SECONDS:-20}
bash scripts/install-deps.sh

echo "== build (Werror) and tests" >&2
# Tests and benchmarks on explicitly: scripts/setup.sh configures build/ without them, and
# CMake would keep that cached choice (ctest then found no tests at all).
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DSITREP_WERROR=ON \
  -DSITREP_TESTS=ON -DSITREP_BENCH=ON >&2
cmake --build build -j "$JOBS" >&2
(cd build && ctest --output-on-failure --no-tests=error -j "$JOBS" --timeout 600)

echo "== sanitizer build (ASan+UBSan) and tests" >&2
cmake -S . -B build-asan -G Ninja -DCMAKE_BUILD_TYPE=Debug -DSITREP_WERROR=ON \
  -DSITREP_SANITIZE=ON -DSITREP_TESTS=ON -DSITREP_BENCH=OFF >&2
cmake --build build-asan -j "$JOBS" >&2
(cd build-asan && ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
  ctest --output-on-failure --no-tests=error -j "$JOBS" --timeout 900 -LE slow)

if [ "$FUZZ_SECONDS" != 0 ] && [ -x scripts/fuzz.sh ]; then
  echo "== fuzzing the readers, ${FUZZ_SECONDS}s per target" >&2
  bash scripts/fuzz.sh "$FUZZ_SECONDS"
fi

checker=../shared/tools/check_report.py
if [ -f "$checker" ]; then
  echo "== report contract check on examples/" >&2
  tmp=$(mktemp)
  build/sitrep analyze examples --format json -o "$tmp" || [ $? = 1 ]
  python3 "$checker" "$tmp"
  rm -f "$tmp"
else
  echo "== report contract check skipped: $checker not found" >&2
fi
echo "== all tests passed" >&2
