#!/usr/bin/env bash
# scripts/setup-debian.sh run by a user who is not root and has no sudo must not die with
# "sudo: command not found" (exit 127): it names the missing packages and how to install
# them, and exits 1. A package that cannot be installed stands in for a missing one.
set -euo pipefail
src="$(cd "$(dirname "$0")/../.." && pwd)"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# A PATH with what the script uses and no sudo.
mkdir "$work/bin"
for tool in bash dpkg-query grep id cat; do ln -s "$(command -v "$tool")" "$work/bin/$tool"; done
cp "$src/scripts/setup-debian.sh" "$work/setup.sh"
chmod 755 "$work" "$work/bin" "$work/setup.sh"
run=(env -i PATH="$work/bin" SETUP_EXTRA_PACKAGES=jixiao-no-such-package bash "$work/setup.sh")
if [ "$(id -u)" -eq 0 ]; then
  run=(setpriv --reuid=65534 --regid=65534 --clear-groups "${run[@]}")
fi
set +e
out=$("${run[@]}" 2>&1)
rc=$?
set -e
echo "$out"
[ "$rc" -eq 1 ] || { echo "FAIL: exit $rc, expected 1"; exit 1; }
grep -q "needs root (there is no sudo)" <<<"$out" || { echo "FAIL: no plain reason"; exit 1; }
grep -q "apt-get install -y --no-install-recommends.*jixiao-no-such-package" <<<"$out" ||
  { echo "FAIL: the packages to install are not listed"; exit 1; }
if grep -q "command not found" <<<"$out"; then echo "FAIL: a command was missing"; exit 1; fi
echo "ok"
