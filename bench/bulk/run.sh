#!/usr/bin/env bash
# Bulk rendering benchmark: jixiao render DIR -o OUT/ -j 1|2 on generated 003 and 004
# documents, the data-driven Typst peers (typst-data, typst-data-p2) on the same 003 files in
# the same run, a cold single render, and the 10,000-project memory case. Prints one
# markdown table (see README.md).
#
#   bench/bulk/run.sh                  # 100 003 reports, 1,000 004 forms, 3 runs, big case on
#   N_DEPT=50 N_PROJECT=1000 RUNS=5 BIG=0 bench/bulk/run.sh
#   BUILD=/work/build-x bench/bulk/run.sh   # an existing build dir (configured Release)
#
# Everything generated goes to $OUT (default /tmp/jixiao-bulk), never into the repository.
set -euo pipefail
cd "$(dirname "$0")/../.."
N_DEPT=${N_DEPT:-${N:-100}}
N_PROJECT=${N_PROJECT:-${N:-1000}}
RUNS=${RUNS:-3}
JOBS=${JOBS:-1,2}
SEED=${SEED:-1}
BIG=${BIG:-1}
OUT=${OUT:-/tmp/jixiao-bulk}
BUILD=${BUILD:-build}
ANCHORS_SRC=${ANCHORS_SRC:-../shared/bench-anchors}
export PYTHONDONTWRITEBYTECODE=1

if [[ ! -x /usr/bin/time ]]; then
  if [[ $(id -u) == 0 ]]; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends time
  else
    echo "missing /usr/bin/time (Debian package 'time'): apt-get install time" >&2; exit 1
  fi
fi

cmake -S . -B "$BUILD" -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build "$BUILD" --target jixiao -j "$(nproc)" >/dev/null
JIXIAO=$BUILD/jixiao
"$JIXIAO" help render | grep -q -- '--timings' ||
  { echo "$JIXIAO has no bulk render (--timings): build a tree with the bulk CLI" >&2; exit 1; }

rm -rf "$OUT"; mkdir -p "$OUT/data"
python3 bench/bulk/generate.py --form dept --n "$N_DEPT" --seed "$SEED" --out "$OUT/data/dept"
python3 bench/bulk/generate.py --form project --n "$N_PROJECT" --seed "$SEED" --out "$OUT/data/project"
big=()
if [[ $BIG == 1 ]]; then
  python3 bench/bulk/generate.py --form project --n 10000 --per-file 10000 --seed "$SEED" --out "$OUT/big"
  python3 bench/bulk/generate.py --form project --n 10000 --seed "$SEED" --jsonl "$OUT/big.jsonl"
  big=("$OUT/big/project-00001.json" "$OUT/big.jsonl")
fi

# Typst: the anchor harness's data-driven peers. Its folder may be read-only: work on a copy.
anchors=()
if [[ -d $ANCHORS_SRC ]] && command -v node >/dev/null; then
  A=$OUT/anchors
  mkdir -p "$A"
  cp -r "$ANCHORS_SRC/." "$A/"
  chmod -R u+w "$A"
  if [[ ! -d $A/node/node_modules/@myriaddreamin/typst-ts-node-compiler ]]; then
    (cd "$A/node" && npm ci --no-audit --no-fund >/dev/null)
  fi
  anchors=(--anchors "$A")
else
  echo "no Typst anchor: $ANCHORS_SRC or node missing" >&2
fi

echo "## Bulk render: $N_DEPT 003 and $N_PROJECT 004 documents, $("$JIXIAO" --version | head -1), $(date -u +%FT%TZ)"
python3 bench/bulk/measure.py --jixiao "$JIXIAO" --data "$OUT/data" --out "$OUT" --runs "$RUNS" \
  --jobs "$JOBS" "${anchors[@]}" --big "${big[@]}"
