#!/usr/bin/env bash
# Installs every Debian package jixiao needs to build, test and render, only when missing.
# Safe to run again; does nothing when all is present.
set -euo pipefail
PKGS=(
  build-essential cmake pkg-config
  libhpdf-dev libharfbuzz-dev libfreetype-dev libicu-dev
  nlohmann-json3-dev libpugixml-dev libcli11-dev libvalijson-dev libxlsxwriter-dev libdeflate-dev catch2 json-schema-test-suite
  libcpp-httplib-dev libjs-pdf
  poppler-utils qpdf unzip
  fonts-noto-cjk fonts-lxgw-wenkai fonts-liberation2
)
# scripts/fuzz.sh: libFuzzer comes with clang (Debian's clang 14 and its runtime libraries).
[ "${SETUP_FUZZ:-}" = 1 ] && PKGS+=(clang libclang-rt-14-dev)
missing=()
for p in "${PKGS[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "setup: installing ${missing[*]}" >&2
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends "${missing[@]}"
fi
