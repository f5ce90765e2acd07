#!/usr/bin/env bash
# Builds what a new user installs without Rust: a Debian package and a release archive, both
# holding the shipped binary (`cargo dist`: fat LTO, static-PIE), a manual page per command and
# completions for bash, zsh and fish.
#
#   tools/package/build.sh [--binary PATH]
#
# --binary packs a binary already built (as CI does once `cargo dist` has run). Writes into
# target/package/: peercomp_VERSION-1_amd64.deb and peercomp-VERSION-x86_64-unknown-linux-gnu.tar.gz.
# Both are the same bytes from the same sources: file times are SOURCE_DATE_EPOCH, or the last
# commit's time.
set -euo pipefail
cd "$(dirname "$0")/../.."

target=x86_64-unknown-linux-gnu
binary=""
while [ $# -gt 0 ]; do
  case "$1" in
    --binary) binary=$2; shift 2 ;;
    *) echo "usage: tools/package/build.sh [--binary PATH]" >&2; exit 2 ;;
  esac
done
if [ -z "$binary" ]; then
  cargo dist
  binary=target/$target/dist/peercomp
fi
command -v cargo-deb >/dev/null || { echo "build.sh: needs cargo-deb (cargo install --locked cargo-deb)" >&2; exit 1; }

version=$(cargo metadata --no-deps --format-version 1 | jq -r '.packages[] | select(.name == "peercomp") | .version')
export SOURCE_DATE_EPOCH="${SOURCE_DATE_EPOCH:-$(git log -1 --format=%ct 2>/dev/null || echo 0)}"
out=target/package
rm -rf "$out"
mkdir -p "$out/man" "$out/completions"

# The manual and the completions, made by the binary itself.
"$binary" man --out "$out/man" 2>/dev/null
for page in "$out"/man/*.1; do gzip -9 -n -c "$page" > "$page.gz"; done
"$binary" completions bash > "$out/completions/peercomp.bash"
"$binary" completions zsh > "$out/completions/_peercomp"
"$binary" completions fish > "$out/completions/peercomp.fish"

# The Debian package: cargo-deb reads [package.metadata.deb], its `target/release/` paths taken
# from the profile and target given.
mkdir -p "target/$target/dist"
[ "$binary" -ef "target/$target/dist/peercomp" ] || cp "$binary" "target/$target/dist/peercomp"
# The binary is static, so cargo-deb finds no shared library to depend on, and says so in two
# lines that are not a problem here.
cargo deb --no-build --no-strip --target "$target" --profile dist --output "$out/" 2>&1 >/dev/null |
  { grep -v -e 'Failed to find dependency specification' -e 'No \$auto deps for' >&2 || true; }
deb=$(ls "$out"/*.deb)

# The release archive: the binary, the manual, the completions, the docs and the licences.
name=peercomp-$version-$target
stage=$out/$name
mkdir -p "$stage/man" "$stage/completions" "$stage/doc"
cp "$binary" "$stage/peercomp"
cp "$out"/man/*.1 "$stage/man/"
cp "$out"/completions/* "$stage/completions/"
cp README.md LICENSE-MIT LICENSE-APACHE "$stage/"
cp docs/*.md "$stage/doc/"
cp -r examples "$stage/doc/examples"
tar --sort=name --mtime="@$SOURCE_DATE_EPOCH" --owner=0 --group=0 --numeric-owner \
  -C "$out" -cf - "$name" | gzip -9 -n > "$out/$name.tar.gz"
rm -rf "$stage"

echo "$deb"
echo "$out/$name.tar.gz"
