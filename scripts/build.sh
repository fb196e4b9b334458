#!/usr/bin/env bash
# Installs what is missing (Debian packages, fonts), configures and builds build/jixiao.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup-debian.sh
launcher=()
command -v ccache >/dev/null && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache -DCMAKE_C_COMPILER_LAUNCHER=ccache)
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo "${launcher[@]}" >/dev/null
cmake --build build -j"$(nproc)"
