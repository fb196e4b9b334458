#!/usr/bin/env bash
# Installs the Debian packages jixiao needs, only those missing; does nothing when all are
# present. Safe to run again.
#   bash scripts/setup-debian.sh           what building and rendering need
#   SETUP_TESTS=1 bash scripts/setup-debian.sh   also what the test suite needs (poppler,
#                                          qpdf, Catch2, Chromium and Node.js for the preview's
#                                          browser test …)
#   SETUP_FUZZ=1 …                         also clang for scripts/fuzz.sh
# Needs root, or sudo; otherwise it says what to install and stops.
set -euo pipefail
PKGS=(
  build-essential cmake pkg-config
  libhpdf-dev libharfbuzz-dev libfreetype-dev libicu-dev
  nlohmann-json3-dev libpugixml-dev libcli11-dev libvalijson-dev libre2-dev libxlsxwriter-dev libdeflate-dev
  libcpp-httplib-dev libjs-pdf
  fonts-noto-cjk fonts-lxgw-wenkai fonts-liberation2
  icc-profiles-free
)
# The test suite checks real PDFs with real tools, and drives the preview in real Chromium
# (puppeteer-core from npm, tests/preview/e2e), where ofd.js (npm) also opens the OFD output
# (tests/ofd/reader).
if [ "${SETUP_TESTS:-}" = 1 ]; then
  # python3-pikepdf and ghostscript: the PDF/A-2b checks (../shared/verify, tests/pdf/pdfa_test.cpp).
  PKGS+=(catch2 json-schema-test-suite poppler-utils qpdf unzip chromium python3-pikepdf ghostscript)
  # The OFD checks (tests/ofd): ../shared/verify/ofd_semcheck.py reads packages with lxml and
  # fonttools; libxml2-utils (xmllint) checks every part against tests/ofd/*.xsd.
  PKGS+=(python3-lxml python3-fonttools libxml2-utils)
  # python3-pil: the reference-image test (tests/golden/golden.py) compares pdftoppm's pages.
  PKGS+=(python3-pil)
  # Node.js and npm: Debian's, unless a node with npm is already there.
  command -v npm >/dev/null 2>&1 || PKGS+=(nodejs npm)
fi
# Tests add a package that cannot be there (tests/scripts/setup_nonroot_test.sh).
[ -n "${SETUP_EXTRA_PACKAGES:-}" ] && read -r -a extra <<<"$SETUP_EXTRA_PACKAGES" && PKGS+=("${extra[@]}")
# scripts/fuzz.sh: libFuzzer comes with clang (Debian's clang 14 and its runtime libraries).
[ "${SETUP_FUZZ:-}" = 1 ] && PKGS+=(clang libclang-rt-14-dev)
missing=()
for p in "${PKGS[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
((${#missing[@]})) || exit 0

SUDO=()
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then
    SUDO=(sudo)
  else
    cat >&2 <<EOF
setup: these Debian packages are missing, and installing them needs root (there is no sudo):
  ${missing[*]}
Install them as root:
  su -c 'apt-get install -y --no-install-recommends ${missing[*]}'
or run this script as root (su -c 'bash $0'), then run it again as yourself.
EOF
    exit 1
  fi
fi
echo "setup: installing ${missing[*]}" >&2
"${SUDO[@]}" apt-get update -qq
"${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"
