#!/usr/bin/env bash
# The Debian package: builds build/ (as scripts/build.sh does) and runs CPack there, giving
#   build/jixiao_<version>_<arch>.deb          stripped binary + share/jixiao (templates, fonts
#                                               manifest, preview files); Depends from
#                                               dpkg-shlibdeps and the font packages
#   build/jixiao-dbgsym_<version>_<arch>.ddeb  its debug information
# Install with `apt-get install ./build/jixiao_*.deb`. docs/install.md.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/build.sh jixiao
cmake --build build --target jixiao  # the version file is rewritten only when the commit changed
(cd build && rm -f jixiao_*.deb jixiao-dbgsym_*.ddeb && cpack -G DEB)
ls -l build/jixiao_*.deb build/jixiao-dbgsym_*.ddeb
