#!/usr/bin/env bash
# Quick start, command 2: set up, build, and run the whole test suite (Catch2 through ctest,
# and the preview's end-to-end test in headless Chromium): first the normal build (build/),
# then the same tests under ASan+UBSan (build-asan/, scripts/sanitize.sh). Arguments go to
# both ctest runs (e.g. -R 'expr:').
set -euo pipefail
cd "$(dirname "$0")/.."
export SETUP_TESTS=1
bash scripts/build.sh
# puppeteer-core (drives Debian's chromium; it downloads no browser), pinned by the lock file.
if [ -f tests/preview/e2e/package-lock.json ]; then
  (cd tests/preview/e2e && npm ci --no-audit --no-fund --loglevel=error)
fi
(cd build && ctest --output-on-failure -j"$(nproc)" "$@")
bash scripts/sanitize.sh "$@"
