#!/usr/bin/env bash
# The package as the Containerfile installs it, without pulling an image: a clean Debian 12
# root (`debootstrap --variant=minbase bookworm`, kept as a tarball in $CACHE for the next
# run), `apt-get install ./jixiao_*.deb` inside it, then with the installed binary alone (no
# source tree there): --version, templates --check, and every example rendered, each PDF
# byte-identical to build/jixiao's render of the same data. Needs root and the Debian
# mirror; ~5 minutes the first time. Not part of CI (docs/install.md).
#   bash scripts/package.sh && bash scripts/package-test.sh
set -euo pipefail
cd "$(dirname "$0")/.."
[[ $(id -u) == 0 ]] || { echo "package-test: needs root (debootstrap, chroot, mount)" >&2; exit 1; }
CACHE=${CACHE:-/var/tmp/jixiao-package-test}
MIRROR=${MIRROR:-http://deb.debian.org/debian}
deb=$(ls build/jixiao_*_*.deb 2>/dev/null | head -1)
[[ -n $deb ]] || { echo "package-test: no build/jixiao_*.deb: run scripts/package.sh first" >&2; exit 1; }
command -v debootstrap >/dev/null || DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends debootstrap
mkdir -p "$CACHE"
if [[ ! -f $CACHE/minbase-bookworm.tar ]]; then
  debootstrap --variant=minbase bookworm "$CACHE/base" "$MIRROR" >"$CACHE/debootstrap.log"
  tar -C "$CACHE/base" -cf "$CACHE/minbase-bookworm.tar" . && rm -rf "$CACHE/base"
fi
root=$(mktemp -d /var/tmp/jixiao-root.XXXXXX)
cleanup() { umount "$root/proc" 2>/dev/null || true; rm -rf "$root"; }
trap cleanup EXIT
tar -C "$root" -xf "$CACHE/minbase-bookworm.tar"
mount -t proc proc "$root/proc"
cp /etc/resolv.conf "$root/etc/resolv.conf"
mkdir -p "$root/work/examples" "$root/work/out"
cp "$deb" "$root/work/"
cp examples/*.json "$root/work/examples/"
in_root() { chroot "$root" env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin LANG=C.UTF-8 "$@"; }
in_root apt-get update -qq
in_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "/work/$(basename "$deb")" >/dev/null
[[ ! -e $root$(pwd) ]] || { echo "package-test: the source tree is visible in the root" >&2; exit 1; }
in_root jixiao --version
in_root jixiao templates --check
host=$(mktemp -d)
trap 'cleanup; rm -rf "$host"' EXIT
status=0
for f in examples/*.json; do
  n=$(basename "$f" .json)
  rc=0; in_root jixiao render "/work/examples/$n.json" -o "/work/out/$n.pdf" --date 2022-01-01 2>/dev/null || rc=$?
  hrc=0; build/jixiao render "$f" -o "$host/$n.pdf" --date 2022-01-01 2>/dev/null || hrc=$?
  if [[ $rc != "$hrc" ]] || ! cmp -s "$root/work/out/$n.pdf" "$host/$n.pdf"; then
    echo "package-test: $n: exit $rc in the root, $hrc here, or the PDFs differ" >&2; status=1
  else
    echo "package-test: $n: exit $rc, $(stat -c %s "$host/$n.pdf") bytes, identical to build/jixiao's"
  fi
done
echo "package-test: installed size $(in_root dpkg-query -W -f='${Installed-Size}' jixiao) KiB; package $(stat -c %s "$deb") bytes"
exit $status
