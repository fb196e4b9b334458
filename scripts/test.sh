#!/usr/bin/env bash
# Quick start, command 2: set up, build, and run the whole test suite (Catch2 through ctest):
# first the normal build (build/), then the same tests under ASan+UBSan (build-asan/,
# scripts/sanitize.sh). Arguments go to both ctest runs (e.g. -R 'expr:').
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/build.sh
(cd build && ctest --output-on-failure -j"$(nproc)" "$@")
bash scripts/sanitize.sh "$@"
