#!/usr/bin/env bash
# Bulk runs under ThreadSanitizer, in build-tsan/: the CLI built with -fsanitize=thread
# renders the examples and copies of them on two worker threads sharing one Engine, cold (the
# caches fill while both threads want them) and again with --resume, past the 64 subsets
# after which fonts are prepared for repeated subsetting; then the catalog's test of forget()
# in a loop while two threads render (tests/catalog). Any data race fails the run.
set -euo pipefail
cd "$(dirname "$0")/.."
SETUP_TESTS=1 bash scripts/setup-debian.sh
launcher=()
command -v ccache >/dev/null && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache -DCMAKE_C_COMPILER_LAUNCHER=ccache)
cmake -S . -B build-tsan -DCMAKE_BUILD_TYPE=RelWithDebInfo -DJIXIAO_SANITIZE=thread \
  -DJIXIAO_BENCH=OFF -DBUILD_TESTING=ON "${launcher[@]}" >/dev/null
cmake --build build-tsan -j"$(nproc)" --target jixiao test_catalog
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir "$work/in"
cp examples/*.json "$work/in/"
for i in $(seq 1 70); do  # 70 more copies of the one-page national form: past 64 subsets
  sed "s/住房建设档案整理/住房建设档案整理$i/" examples/mof-2020-project-selfeval.json >"$work/in/mof-$i.json"
done
export TSAN_OPTIONS="halt_on_error=1:exitcode=66"
for pass in cold resume; do
  status=0
  build-tsan/jixiao render "$work/in" -o "$work/out/" -j 2 --date 0 --resume 2>"$work/err" || status=$?
  if [[ $status != 0 && $status != 3 ]] || grep -q "ThreadSanitizer" "$work/err"; then
    cat "$work/err" >&2
    echo "tsan: the $pass bulk run failed (exit $status)" >&2
    exit 1
  fi
  tail -1 "$work/err"
done
build-tsan/tests/test_catalog "[threads]" 2>"$work/err" || { cat "$work/err" >&2; echo "tsan: the catalog test failed" >&2; exit 1; }
if grep -q "ThreadSanitizer" "$work/err"; then cat "$work/err" >&2; exit 1; fi
echo "tsan: no data race in two bulk runs on 2 threads, nor in forget() beside two renders"
