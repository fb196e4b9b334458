#!/usr/bin/env bash
# The whole test suite under AddressSanitizer + UndefinedBehaviorSanitizer, in build-asan/:
# the engine, the CLI (which the CLI tests run) and every test, -O1, no benchmark. Any report
# (heap/stack misuse, leak, signed overflow, bad shift, misaligned or null access, ...) ends
# the process with a stack trace, so the test that triggered it fails.
# Usage: scripts/sanitize.sh [ctest arguments...]   (e.g. -R 'cli:' to run a subset)
set -euo pipefail
cd "$(dirname "$0")/.."
SETUP_TESTS=1 bash scripts/setup-debian.sh
launcher=()
command -v ccache >/dev/null && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache -DCMAKE_C_COMPILER_LAUNCHER=ccache)
cmake -S . -B build-asan -DCMAKE_BUILD_TYPE=Debug \
  -DCMAKE_C_FLAGS_DEBUG="-O1 -g1" -DCMAKE_CXX_FLAGS_DEBUG="-O1 -g1" \
  -DJIXIAO_SANITIZE=address,undefined -DJIXIAO_BENCH=OFF -DBUILD_TESTING=ON \
  "${launcher[@]}" >/dev/null
cmake --build build-asan -j"$(nproc)"
export ASAN_OPTIONS="halt_on_error=1:abort_on_error=0:detect_leaks=1:detect_stack_use_after_return=1:strict_string_checks=1:check_initialization_order=1:print_summary=1"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1:print_summary=1"
export LSAN_OPTIONS="print_suppressions=0"
cd build-asan
ctest --output-on-failure -j"$(nproc)" "$@"
