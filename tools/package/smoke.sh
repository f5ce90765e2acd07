#!/usr/bin/env bash
# A new user's first minutes with the packages tools/package/build.sh makes, as CI runs them:
#
#   tools/package/smoke.sh DEB ARCHIVE
#
# The Debian package: its contents listed, installed with dpkg (as root, or with sudo), then
# `peercomp list --tag icrc:4`, `man peercomp-coverage` and a completion in a real bash, then
# removed again. The archive: unpacked anywhere, the binary run from it with no shared library.
# Any failure ends the script with a line saying what failed.
set -euo pipefail
deb=$1 archive=$2
fail() { echo "smoke.sh: $*" >&2; exit 1; }

# What the package holds, where Debian looks for it.
contents=$(dpkg-deb --contents "$deb")
for path in ./usr/bin/peercomp ./usr/share/man/man1/peercomp.1.gz \
  ./usr/share/man/man1/peercomp-coverage.1.gz ./usr/share/bash-completion/completions/peercomp \
  ./usr/share/zsh/vendor-completions/_peercomp ./usr/share/fish/vendor_completions.d/peercomp.fish \
  ./usr/share/doc/peercomp/copyright ./usr/share/doc/peercomp/README.md \
  ./usr/share/doc/peercomp/examples/requirements/icrc-peer-recovery.yaml; do
  grep -q " $path\$" <<<"$contents" || fail "$deb has no $path"
done
echo "smoke.sh: $deb holds the binary, $(grep -c 'man1/.*\.1\.gz$' <<<"$contents") manual pages and 3 completions"

sudo=""; [ "$(id -u)" = 0 ] || sudo="sudo"
if dpkg -s peercomp >/dev/null 2>&1; then fail "peercomp is installed already: remove it first (dpkg -r peercomp)"; fi
$sudo dpkg -i "$deb" >/dev/null
trap '$sudo dpkg -r peercomp >/dev/null' EXIT

# As a user would: a query, a manual page, a completion.
installed=/usr/bin/peercomp
[ "$(command -v peercomp)" = "$installed" ] || fail "peercomp is not $installed on PATH"
listed=$(peercomp list --tag icrc:4 --format csv)
# The example the help names, where the package put it.
examples=/usr/share/doc/peercomp/examples
peercomp coverage "$examples/curriculum/peer-recovery-training.yaml" \
  -r "$examples/requirements/icrc-peer-recovery.yaml" >/dev/null ||
  fail "the installed examples do not run: peercomp coverage $examples/curriculum/..."
[ "$(wc -l <<<"$listed")" -gt 10 ] || fail "peercomp list --tag icrc:4 printed: $listed"
page=$(MANPAGER=cat MANWIDTH=80 man peercomp-coverage 2>/dev/null) || fail "man peercomp-coverage failed"
grep -q "peercomp-coverage" <<<"$page" || fail "man peercomp-coverage: $page"
completed=$(bash --norc -c '
  source /usr/share/bash-completion/completions/peercomp
  COMP_WORDS=(peercomp cov); COMP_CWORD=1; COMP_LINE="peercomp cov"; COMP_POINT=${#COMP_LINE}
  _peercomp peercomp cov peercomp
  printf "%s\n" "${COMPREPLY[@]}"')
grep -qx "coverage" <<<"$completed" || fail "bash completion of 'peercomp cov' gave: $completed"
echo "smoke.sh: installed: peercomp list --tag icrc:4 ($(($(wc -l <<<"$listed") - 1)) entries), man peercomp-coverage, bash completion"

# A clean root that holds the package alone: dpkg's database made empty, the package installed
# into it, and the binary run there by chroot, with no /proc, no libc, nothing else (as a fresh
# container would have it). The binary is static, so it needs nothing more.
clean=$(mktemp -d)
trap '$sudo dpkg -r peercomp >/dev/null; rm -rf "$clean"' EXIT
mkdir -p "$clean/var/lib/dpkg/info" "$clean/var/lib/dpkg/updates" "$clean/var/lib/dpkg/triggers"
touch "$clean/var/lib/dpkg/status"
$sudo dpkg --root="$clean" -i "$deb" >/dev/null
[ "$(dpkg --root="$clean" -s peercomp | sed -n 's/^Status: //p')" = "install ok installed" ] ||
  fail "dpkg --root did not install the package into a clean root"
inside=$($sudo chroot "$clean" /usr/bin/peercomp list --tag icrc:4 --format csv) ||
  fail "peercomp does not run in a clean root: $inside"
[ "$inside" = "$listed" ] || fail "peercomp in a clean root printed other entries: $inside"
$sudo chroot "$clean" /usr/bin/peercomp coverage /usr/share/doc/peercomp/examples/curriculum/peer-recovery-training.yaml \
  -r /usr/share/doc/peercomp/examples/requirements/icrc-peer-recovery.yaml >/dev/null ||
  fail "the examples do not run in a clean root"
echo "smoke.sh: in a clean root holding the package alone (chroot): the same 13 entries, the examples"

# The archive: unpacked anywhere, run from there; static, so no shared library is asked for.
scratch=$(mktemp -d)
trap '$sudo dpkg -r peercomp >/dev/null; rm -rf "$clean" "$scratch"' EXIT
tar -xzf "$archive" -C "$scratch"
unpacked=$(echo "$scratch"/peercomp-*)
for file in peercomp README.md LICENSE-MIT LICENSE-APACHE man/peercomp-list.1 completions/peercomp.bash doc/guide.md \
  doc/examples/requirements/icrc-peer-recovery.yaml; do
  [ -e "$unpacked/$file" ] || fail "$archive has no $file"
done
"$unpacked/peercomp" show 6.8 --format json >/dev/null || fail "the archive's binary does not run"
if ldd "$unpacked/peercomp" 2>&1 | grep -q "=>"; then fail "the archive's binary needs shared libraries"; fi
echo "smoke.sh: the archive unpacks and its static binary runs"
