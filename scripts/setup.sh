#!/usr/bin/env bash
# One command for a fresh Debian 12 machine: installs the build dependencies, builds
# sitrep into build/, and runs the main job on the bundled example corpus. It ends by
# printing the path of the report it wrote.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release -DSITREP_TESTS=OFF -DSITREP_BENCH=OFF >&2
cmake --build build -j "$(nproc)" --target sitrep >&2
mkdir -p out
status=0
if build/sitrep report --help >/dev/null 2>&1; then
  build/sitrep report examples -o out/report.html || status=$?
  build/sitrep report examples --format md -o out/report.md || status=$?
  build/sitrep analyze examples --format json -o out/report.json || status=$?
  echo "Report written to $(pwd)/out/report.html (also out/report.md and out/report.json)"
else
  build/sitrep analyze examples --format md -o out/report.md || status=$?
  build/sitrep analyze examples --format json -o out/report.json || status=$?
  echo "Report written to $(pwd)/out/report.md (also out/report.json)"
fi
exit "$status"
