#!/usr/bin/env bash
# Preview benchmark: time from a file save to the updated page shown in headless Chromium, for
# the seed 003 report and a one-page 004 table, data and template saves (see README.md).
#
#   bench/preview/run.sh                       # 25 measured saves per case (+3 warm-up)
#   SAVES=50 bench/preview/run.sh
#   BUILD=/work/build-x bench/preview/run.sh   # an existing build dir (configured Release)
#   CASES=004-template bench/preview/run.sh    # 003-data 003-template 004-data 004-template
#
# Temp copies of the examples and templates go to $TMPDIR and are removed afterwards.
set -euo pipefail
cd "$(dirname "$0")/../.."
BUILD=${BUILD:-build}
SAVES=${SAVES:-25}
CASES=${CASES:-003-data,003-template,004-data,004-template}
OUT=${OUT:-/tmp/jixiao-preview-bench.json}

command -v node >/dev/null || { echo "node is missing: apt-get install nodejs npm" >&2; exit 1; }
[[ -x ${CHROMIUM:-/usr/bin/chromium} ]] || { echo "Chromium is missing: apt-get install chromium" >&2; exit 1; }
# puppeteer-core (no browser download) is the e2e test's; the bench uses the same install.
if [[ ! -d tests/preview/e2e/node_modules/puppeteer-core ]]; then
  (cd tests/preview/e2e && npm ci --no-audit --no-fund >/dev/null)
fi

cmake -S . -B "$BUILD" -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build "$BUILD" --target jixiao -j "$(nproc)" >/dev/null

echo "jixiao $(git rev-parse --short HEAD), $(nproc) cores, $(/usr/bin/chromium --version 2>/dev/null || echo chromium)"
node bench/preview/measure.mjs --jixiao "$BUILD/jixiao" --saves "$SAVES" --cases "$CASES" --json "$OUT"
echo "raw figures: $OUT"
