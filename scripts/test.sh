#!/usr/bin/env bash
# Quick start, command 2: set up, build, and run the whole test suite (Catch2 through ctest).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/build.sh
cd build
ctest --output-on-failure -j"$(nproc)" "$@"
