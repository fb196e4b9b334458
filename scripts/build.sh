#!/usr/bin/env bash
# Installs what is missing (Debian packages, fonts), configures and builds build/jixiao.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup-debian.sh
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build -j"$(nproc)"
