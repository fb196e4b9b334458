#!/usr/bin/env bash
# Builds the libFuzzer targets (build-fuzz/, clang, ASan+UBSan, docs/fuzzing.md) and runs each
# for SECONDS (default 20): first every seed and every fixed finding (fuzz/findings/) as a
# regression, then mutation from the seed corpus and fuzz/corpus/<target>/ (kept out of git,
# grows across runs). A crash, timeout (> 2 s per input, 10 s for render) or memory blow-up (> 512 MB) is copied
# to fuzz/findings/<target>-<n> and the script exits 1.
# Usage: scripts/fuzz.sh [SECONDS] [TARGET...]     targets: data template expr render schema_pattern bulk
# Environment: FUZZ_JOBS (parallel jobs per target, default 1), FUZZ_SEED (libFuzzer -seed;
# CI sets 1 so its smoke run is repeatable), FUZZ_ARGS (more libFuzzer flags).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
seconds=${1:-20}
shift || true
targets=("$@")
((${#targets[@]})) || targets=(data template expr render schema_pattern bulk)

SETUP_FUZZ=1 bash scripts/setup-debian.sh
launcher=()
command -v ccache >/dev/null && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache -DCMAKE_C_COMPILER_LAUNCHER=ccache)
CC=clang CXX=clang++ cmake -S . -B build-fuzz -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DCMAKE_C_FLAGS_RELWITHDEBINFO="-O1 -g1" -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -g1" \
  -DJIXIAO_FUZZ=ON -DBUILD_TESTING=OFF -DJIXIAO_BENCH=OFF "${launcher[@]}" >/dev/null
cmake --build build-fuzz -j"$(nproc)" --target "${targets[@]/#/fuzz_}"

# Seed corpora, made fresh from the repository's own files.
seeds=build-fuzz/seeds
rm -rf "$seeds"
mkdir -p "$seeds"/{data,render,template,expr,schema_pattern,bulk}
cp examples/*.json "$seeds/data/"
# JSON Lines: each example on one line (JSON strings hold no raw line break, so dropping
# them keeps it JSON), and all of them in one file with a CR LF and no final newline.
for f in examples/*.json; do { tr -d '\r\n' <"$f"; echo; } >"$seeds/bulk/$(basename "$f" .json).jsonl"; done
{ for f in examples/*.json; do tr -d '\r\n' <"$f"; echo; done; printf '{"form":"x"}\r\n[1]'; } >"$seeds/bulk/all.jsonl"
cp examples/*.json "$seeds/render/"
cp templates/forms/*.xml "$seeds/template/"
n=0
{
  grep -oh '{[^{}]*}' templates/forms/*.xml | sed 's/^{//; s/}$//'
  grep -oh '\(each\|test\)="[^"]*"' templates/forms/*.xml | sed 's/^[a-z]*="//; s/"$//'
  grep -oh '"\(test\|value\|computed\|declared\|score\|source\)": *"[^"]*"' templates/rules/*.json |
    sed 's/^"[a-z]*": *"//; s/"$//'
  grep -oh '"[a-z_]*": *"[^"]*[-+*/<>(][^"]*"' templates/rules/*.json | sed 's/^"[a-z_]*": *"//; s/"$//'
} | sort -u | while IFS= read -r line; do
  n=$((n + 1))
  printf '%s' "$line" >"$seeds/expr/seed-$n"
done

# Schema patterns: "pattern\nsubject" (fuzz/schema_pattern_fuzz.cpp). The shipped schemas
# have none: issue 20's (a backtracking one, a backreference, lookaround) and ECMAScript's
# corners (\u escapes, \s, [^], named groups).
n=0
{
  printf '%s\t%s\n' '^(a+)+$' 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!' '^(\d)\1$' '11' 'a(?=b)' 'ab' '(?<!a)b' 'cb' \
    '^\u6863\u6848' '档案整理' '^\uD83D\uDE00$' '😀' '^[\s\S]{2,}$' 'a　b' '[^\S]' ' ' '^[0-9]{6}$' '518000' \
    '^(?<y>\d{4})-\d{2}$' '2021-12' '[]|[^]|.|\b\B\w\W\d\D' 'x'
} | while IFS=$'\t' read -r pattern subject; do
  n=$((n + 1))
  printf '%s\n%s' "$pattern" "$subject" >"$seeds/schema_pattern/seed-$n"
done

declare -A dict=([data]=json [render]=json [template]=template [expr]=expr [schema_pattern]=regex [bulk]=json)
status=0
for t in "${targets[@]}"; do
  bin=build-fuzz/fuzz/fuzz_$t
  corpus=fuzz/corpus/$t
  artifacts=build-fuzz/artifacts/$t
  mkdir -p "$corpus" "$artifacts"
  rm -f "$artifacts"/*
  # A whole render of the larger examples takes ~1.5 s with ASan and coverage: 2 s would
  # report slow machines, not hangs.
  timeout=2
  [ "$t" = render ] && timeout=10
  opts=(-timeout=$timeout -rss_limit_mb=512 -malloc_limit_mb=512 -dict="fuzz/dict/${dict[$t]}.dict"
        -artifact_prefix="$artifacts/" -print_final_stats=1)
  # Regression: every seed and the findings fixed so far (fuzz/findings/OPEN lists the open ones).
  regress=build-fuzz/regress/$t
  rm -rf "$regress"
  mkdir -p "$regress"
  cp "$seeds/$t"/* "$regress/"
  nfixed=0
  for f in fuzz/findings/"$t"-*; do
    [ -f "$f" ] || continue
    if [ -f fuzz/findings/OPEN ] && cut -d' ' -f1 fuzz/findings/OPEN | grep -qx "$(basename "$f")"; then continue; fi
    cp "$f" "$regress/finding-$(basename "$f")"
    nfixed=$((nfixed + 1))
  done
  echo "fuzz: $t: replaying the seeds and $nfixed fixed findings" >&2
  if ! "$bin" "${opts[@]}" -runs=0 "$regress" >"$artifacts/replay.log" 2>&1; then
    tail -40 "$artifacts/replay.log" >&2
    status=1
    continue
  fi
  echo "fuzz: $t: ${seconds}s" >&2
  jobs=()
  # With -jobs each job logs to fuzz-<n>.log in the current directory.
  [ "${FUZZ_JOBS:-1}" -gt 1 ] && jobs=(-jobs="$FUZZ_JOBS" -workers="$FUZZ_JOBS")
  # shellcheck disable=SC2086
  if ! nice -n 10 "$bin" "${opts[@]}" -max_total_time="$seconds" ${FUZZ_SEED:+-seed=$FUZZ_SEED} \
      "${jobs[@]}" ${FUZZ_ARGS:-} "$corpus" "$seeds/$t" >"$artifacts/fuzz.log" 2>&1; then
    status=1
  fi
  grep -h "stat::\|Done\|ERROR\|SUMMARY" "$artifacts"/fuzz.log "$root"/fuzz-*.log 2>/dev/null | tail -12 >&2 || true
  for a in "$artifacts"/crash-* "$artifacts"/timeout-* "$artifacts"/oom-* "$artifacts"/leak-*; do
    [ -f "$a" ] || continue
    i=1
    while [ -e "fuzz/findings/$t-$i" ]; do i=$((i + 1)); done
    cp "$a" "fuzz/findings/$t-$i"
    echo "$t-$i $(basename "$a" | cut -d- -f1) (new; see build-fuzz/artifacts/$t/fuzz.log)" >>fuzz/findings/OPEN
    echo "fuzz: $t: FINDING fuzz/findings/$t-$i ($(basename "$a"))" >&2
    status=1
  done
done
rm -f "$root"/fuzz-*.log
exit $status
