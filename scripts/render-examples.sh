#!/usr/bin/env bash
# Quick start, command 1: set up, build, and render every example in examples/ to out/*.pdf.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/build.sh jixiao  # only the CLI: the tests are built by scripts/test.sh
mkdir -p out
status=0
for data in examples/*.json; do
  name=$(basename "$data" .json)
  if build/jixiao render "$data" -o "out/$name.pdf"; then :; else
    rc=$?
    # 3 = written with warnings; anything else is a failure
    [ "$rc" -eq 3 ] || status=1
  fi
done
ls -l out/*.pdf
exit $status
