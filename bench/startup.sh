#!/usr/bin/env bash
# Start-up, side by side: /bin/true, a Rust hello, a clap demo shaped like peercomp's command line,
# the shipped peercomp, jq and jaq, in turns in one runner (bench/startup.c), three runs of
# ROUNDS rounds. Prints a Markdown table: the median of the three runs' medians, its ratio to
# /bin/true, the spread of the runs, and the median minor page faults.
#
#   bench/startup.sh                      the shipped builds (`cargo dist`), 600 rounds
#   bench/startup.sh --rounds 100         fewer rounds
#   bench/startup.sh --compare            also peercomp built other ways: dist linked
#                                         dynamically, and dist static non-PIE (two more
#                                         fat-LTO builds, some minutes each)
#   bench/startup.sh --binary PATH        a peercomp already built, and the others in the dev
#                                         profile (the tests' smoke run)
#
# Needs cc, jq and cargo; jaq is measured where it is installed. Times never go into tests.
set -euo pipefail
cd "$(dirname "$0")/.."

rounds=600
compare=""
binary=""
while [ $# -gt 0 ]; do
  case "$1" in
    --rounds) rounds="$2"; shift 2 ;;
    --compare) compare=1; shift ;;
    --binary) binary="$2"; shift 2 ;;
    -h|--help) sed -n '2,16p' "$0"; exit 0 ;;
    *) echo "bench/startup.sh: unknown argument $1 (see --help)" >&2; exit 2 ;;
  esac
done
for tool in cc jq cargo; do
  command -v "$tool" >/dev/null || { echo "bench/startup.sh needs $tool" >&2; exit 1; }
done

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cc -O2 -o "$work/startup" bench/startup.c

# What cargo built, as it says itself. `cargo dist` is the shipped build (.cargo/config.toml).
executable() {
  jq -r 'select(.reason == "compiler-artifact" and .executable != null) | .executable' | tail -1
}
shipped() {
  cargo dist --quiet --message-format=json-render-diagnostics "$@" | executable
}
if [ -n "$binary" ]; then
  peercomp="$binary"
  hello=$(cargo build --locked --quiet --example hello --message-format=json-render-diagnostics | executable)
  demo=$(cargo build --locked --quiet --example clap-demo --message-format=json-render-diagnostics | executable)
else
  echo "bench/startup.sh: building (cargo dist)..." >&2
  peercomp=$(shipped --bin peercomp)
  hello=$(shipped --example hello)
  demo=$(shipped --example clap-demo)
fi
for program in "$peercomp" "$hello" "$demo"; do
  [ -x "$program" ] || { echo "bench/startup.sh: no program at '$program'" >&2; exit 1; }
done

{
  printf '/bin/true\t/bin/true\n'
  printf 'Rust hello-world\t%s\n' "$hello"
  printf 'clap demo `--version` (16 subcommands, parsed as peercomp parses)\t%s --version\n' "$demo"
  printf 'clap demo `show --tag a:1`\t%s show --tag a:1\n' "$demo"
  printf '`peercomp --version`\t%s --version\n' "$peercomp"
  printf '`peercomp show 6.8`\t%s show 6.8\n' "$peercomp"
  printf '`peercomp list --tag icrc:4 --format json`\t%s list --tag icrc:4 --format json\n' "$peercomp"
  if [ -n "$compare" ]; then
    echo "bench/startup.sh: building dist linked dynamically, and static non-PIE..." >&2
    dynamic=$(cargo build --locked --quiet --profile dist --bin peercomp \
      --message-format=json-render-diagnostics | executable)
    nonpie=$(cargo build --locked --quiet --profile dist --bin peercomp \
      --target x86_64-unknown-linux-gnu --target-dir target/non-pie \
      --config "target.x86_64-unknown-linux-gnu.rustflags = ['-Ctarget-feature=+crt-static', '-Crelocation-model=static']" \
      --message-format=json-render-diagnostics | executable)
    printf '`peercomp show 6.8`, dist linked dynamically\t%s show 6.8\n' "$dynamic"
    printf '`peercomp show 6.8`, dist static non-PIE\t%s show 6.8\n' "$nonpie"
    printf '`peercomp --version`, dist static non-PIE\t%s --version\n' "$nonpie"
  fi
  printf 'jq `-n 1`\t%s -n 1\n' "$(command -v jq)"
  if command -v jaq >/dev/null; then printf 'jaq `-n 1`\t%s -n 1\n' "$(command -v jaq)"; fi
} > "$work/commands.tsv"

for run in 1 2 3; do
  echo "bench/startup.sh: run $run of 3, $rounds rounds..." >&2
  "$work/startup" "$rounds" < "$work/commands.tsv" > "$work/run$run.tsv"
done

# label, median of the three medians, its ratio to /bin/true's, the lowest and highest of the
# three medians, the median of the three runs' median faults.
echo "| command | median | × /bin/true | three runs' medians | minor faults |"
echo "|---|---:|---:|---:|---:|"
paste "$work/run1.tsv" "$work/run2.tsv" "$work/run3.tsv" | awk -F'\t' '
  function mid(a, b, c) { return a + b + c - (a < b ? (a < c ? a : c) : (b < c ? b : c)) - (a > b ? (a > c ? a : c) : (b > c ? b : c)) }
  function lo(a, b, c) { return a < b ? (a < c ? a : c) : (b < c ? b : c) }
  function hi(a, b, c) { return a > b ? (a > c ? a : c) : (b > c ? b : c) }
  {
    m = mid($2, $8, $14)
    if (NR == 1) base = m
    printf "| %s | %.3f ms | %.2f | %.3f-%.3f ms | %d |\n", $1, m, m / base, lo($2, $8, $14), hi($2, $8, $14), mid($6, $12, $18)
  }'
