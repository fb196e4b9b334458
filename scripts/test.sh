#!/usr/bin/env bash
# Quick start, command 2: set up, build, and run the whole test suite (Catch2 through ctest,
# and the preview's end-to-end test in headless Chromium): first the normal build (build/),
# then the same tests under ASan+UBSan (build-asan/, scripts/sanitize.sh). Arguments go to
# both ctest runs (e.g. -R 'expr:').
set -euo pipefail
cd "$(dirname "$0")/.."
export SETUP_TESTS=1
bash scripts/build.sh
# puppeteer-core (drives Debian's chromium; it downloads no browser) and ofd.js 0.2.6 (the OFD
# reader test, tests/ofd/reader), each pinned by its lock file.
for dir in tests/preview/e2e tests/ofd/reader; do
  if [ -f "$dir/package-lock.json" ]; then
    (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error)
  fi
done
(cd build && ctest --output-on-failure -j"$(nproc)" "$@")
bash scripts/sanitize.sh "$@"
