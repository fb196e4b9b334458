#!/usr/bin/env bash
# Installs what is missing (Debian packages, fonts), configures and builds build/.
#   bash scripts/build.sh jixiao     only the CLI (what rendering needs: the quick start)
#   SETUP_TESTS=1 bash scripts/build.sh   everything, tests included (scripts/test.sh)
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup-debian.sh
launcher=()
command -v ccache >/dev/null && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache -DCMAKE_C_COMPILER_LAUNCHER=ccache)
testing=OFF
[ "${SETUP_TESTS:-}" = 1 ] && testing=ON
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo -DBUILD_TESTING=$testing "${launcher[@]}" >/dev/null
targets=()
for t in "$@"; do targets+=(--target "$t"); done
cmake --build build -j"$(nproc)" "${targets[@]}"
