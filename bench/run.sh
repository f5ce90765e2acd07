#!/usr/bin/env bash
# Benchmarks: start-up, scale, search, read speed and memory, side by side with jq and jaq.
# Writes BENCHMARKS.md.
#
#   bench/run.sh                          the full run (a few minutes)
#   bench/run.sh --sizes "1000 10000"     other synthetic sizes
#   bench/run.sh --out /tmp/B.md --runs 3 elsewhere, fewer runs
#   bench/run.sh --binary PATH            a peercomp already built (the tests' smoke run)
#
# Needs hyperfine, jq and GNU time (Debian: apt-get install hyperfine jq time), python3 and cargo;
# jaq (a jq in Rust) is installed with cargo when missing, at the version pinned below.
# Timings belong here, never in `cargo test`: run it by hand on a quiet machine.
set -euo pipefail
cd "$(dirname "$0")/.."

sizes="1000 10000 100000 1000000"
out="BENCHMARKS.md"
runs=""
binary=""
while [ $# -gt 0 ]; do
  case "$1" in
    --binary) binary="$2"; shift 2 ;;
    --sizes) sizes="$2"; shift 2 ;;
    --out) out="$2"; shift 2 ;;
    --runs) runs="$2"; shift 2 ;;
    -h|--help) sed -n '2,10p' "$0"; exit 0 ;;
    *) echo "bench/run.sh: unknown argument $1 (see --help)" >&2; exit 2 ;;
  esac
done

for tool in hyperfine jq python3 cargo; do
  command -v "$tool" >/dev/null || { echo "bench/run.sh needs $tool (Debian: apt-get install $tool)" >&2; exit 1; }
done
JAQ_VERSION=3.1.2
if ! command -v jaq >/dev/null || [ "$(jaq --version)" != "jaq $JAQ_VERSION" ]; then
  echo "bench/run.sh: installing jaq $JAQ_VERSION with cargo" >&2
  cargo install --locked --quiet jaq --version "$JAQ_VERSION"
  export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
fi
[ -x /usr/bin/time ] || { echo "bench/run.sh needs GNU time (Debian: apt-get install time)" >&2; exit 1; }

# Where cargo put what it built, as it says itself (never a fixed path under ./target, which
# CARGO_TARGET_DIR, --target or a build.target-dir setting would move).
built_as() {
  local how=$1; shift
  cargo "$how" --quiet --message-format=json-render-diagnostics "$@" |
    jq -r 'select(.reason == "compiler-artifact" and .executable != null) | .executable' | tail -1
}
built() { built_as build --locked "$@"; }
if [ -n "$binary" ]; then
  peercomp="$binary"
  profile="given"
  # serde_json into IgnoredAny beside it; a given binary is the tests' debug build.
  ignored=$(built --example ignored-any)
else
  # The shipped build, and serde_json into IgnoredAny built the same way: `cargo dist`
  # (.cargo/config.toml: the dist profile's fat LTO, static-PIE).
  peercomp=$(built_as dist --bin peercomp)
  ignored=$(built_as dist --example ignored-any)
  profile="dist"
fi
for program in "$peercomp" "$ignored"; do
  [ -x "$program" ] || { echo "bench/run.sh: cargo built no program at '$program'" >&2; exit 1; }
done
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# The 1M-entry framework is larger than the default limit on a file.
export PEERCOMP_MAX_FILE_MIB=1024

# The same queries in jq, over peercomp's own JSON export of a framework.
jq_list='[.categories[] as $c | $c.entries[] | recurse(.subitems[]?) | select(any(.tags[]?; .tag == "icrc:4")) | {id, category: $c.id, text, tags}]'
jq_crosswalk='[.categories[] as $c | {category: $c.id, cells: ([$c.entries[] | recurse(.subitems[]?) | .id as $id | .tags[]? | select(.tag | startswith("rfc:")) | {tag, id: $id}] | group_by(.tag) | map({key: .[0].tag, value: map(.id)}) | from_entries)}]'
jq_grep='[.categories[] as $c | $c.entries[] | recurse(.subitems[]?) | select(.text | test("housing"; "i")) | {id, text}]'
jq_show='first(.categories[] as $c | $c.entries[] | recurse(.subitems[]?) | select(.id == "6.8"))'

# Peak memory (KiB) of a command: the highest of three runs.
peak() {
  local best=0 kib
  for _ in 1 2 3; do
    /usr/bin/time -f "%M" -o "$work/time" "$@" >/dev/null 2>&1 || true
    kib=$(tail -1 "$work/time")
    [ "$kib" -gt "$best" ] && best=$kib
  done
  echo "$best"
}

echo "start-up, side by side (bench/startup.sh)..." >&2
if [ "$profile" = dist ]; then
  bench/startup.sh ${runs:+--rounds "$runs"} > "$work/startup.md"
else
  bench/startup.sh --binary "$peercomp" --rounds "${runs:-600}" > "$work/startup.md"
fi

echo "embedded data..." >&2
"$peercomp" export --to json > "$work/peer-worker.json"
hyperfine -N --style none --warmup 20 --runs "${runs:-300}" --export-json "$work/embedded.json" \
  -n "peercomp list --tag icrc:4 --format json" "$peercomp list --tag icrc:4 --format json" \
  -n "peercomp crosswalk --by rfc --format json" "$peercomp crosswalk --by rfc --format json" \
  -n "peercomp show 6.8" "$peercomp show 6.8" \
  -n "jq: list --tag icrc:4" "jq -c '$jq_list' $work/peer-worker.json" \
  -n "jq: crosswalk --by rfc" "jq -c '$jq_crosswalk' $work/peer-worker.json" \
  -n "jq: show 6.8" "jq -c '$jq_show' $work/peer-worker.json" \
  -n "jaq: list --tag icrc:4" "jaq -c '$jq_list' $work/peer-worker.json" \
  -n "jaq: crosswalk --by rfc" "jaq -c '$jq_crosswalk' $work/peer-worker.json" \
  -n "jaq: show 6.8" "jaq -c '$jq_show' $work/peer-worker.json" >/dev/null

: > "$work/memory.tsv"
: > "$work/queries.tsv"
for n in $sizes; do
  echo "synthetic framework of $n entries..." >&2
  python3 bench/gen.py --entries "$n" --out "$work"
  json="$work/synthetic-$n.json"
  yaml="$work/synthetic-$n.yaml"
  curriculum="$work/synthetic-$n.curriculum.yaml"
  if [ -n "$runs" ]; then r="$runs"; elif [ "$n" -le 10000 ]; then r=20; elif [ "$n" -le 100000 ]; then r=5; else r=3; fi
  hyperfine -N --style none --warmup 1 --runs "$r" --export-json "$work/size-$n.json" \
    -n "peercomp list (JSON)" "$peercomp --data $json list --tag icrc:4 --format json" \
    -n "jq list" "jq -c '$jq_list' $json" \
    -n "peercomp crosswalk (JSON)" "$peercomp --data $json crosswalk --by rfc --format json" \
    -n "jq crosswalk" "jq -c '$jq_crosswalk' $json" \
    -n "peercomp list (YAML)" "$peercomp --data $yaml list --tag icrc:4 --format json" \
    -n "peercomp search housing" "$peercomp --data $json search housing --limit 20 --format json" \
    -n "peercomp search 4 words --any" "$peercomp --data $json search crisis stigma trauma-informed peers --any --limit 20 --format json" \
    -n "jq grep housing" "jq -c '$jq_grep' $json" \
    -n "jaq list" "jaq -c '$jq_list' $json" \
    -n "jaq crosswalk" "jaq -c '$jq_crosswalk' $json" \
    -n "jaq grep housing" "jaq -c '$jq_grep' $json" \
    -n "peercomp frameworks (YAML load)" "$peercomp --data $yaml frameworks --format json" \
    -n "cat (YAML)" "cat $yaml" \
    -n "peercomp overlaps" "$peercomp --data $json overlaps --min 1 --limit 100000 --format json" \
    -n "peercomp align" "$peercomp --data $json --with-embedded align --from synthetic-$n --to peer-worker --format json" \
    -n "peercomp align (to)" "$peercomp --data $json --with-embedded align --from peer-worker --to synthetic-$n --format json" \
    -n "peercomp coverage" "$peercomp --data $json coverage $curriculum --by icrc --format json" >/dev/null
  # Reading the file, side by side with more runs: each takes milliseconds where the commands
  # above take seconds, and a median of five moved by a fifth from run to run.
  if [ -n "$runs" ]; then rr="$runs"; elif [ "$n" -le 100000 ]; then rr=30; else rr=10; fi
  hyperfine -N --style none --warmup 2 --runs "$rr" --export-json "$work/read-$n.json" \
    -n "cat" "cat $json" \
    -n "serde_json IgnoredAny" "$ignored $json" \
    -n "peercomp frameworks (load)" "$peercomp --data $json frameworks --format json" >/dev/null
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$n" "$(stat -c %s "$json")" "$(stat -c %s "$yaml")" \
    "$(peak "$peercomp" --data "$json" list --tag icrc:4 --format json)" \
    "$(peak jq -c "$jq_list" "$json")" \
    "$(peak "$peercomp" --data "$yaml" list --tag icrc:4 --format json)" \
    "$(peak jaq -c "$jq_list" "$json")" >> "$work/memory.tsv"
  printf '%s\t%s\t%s\t%s\t%s\n' "$n" \
    "$(peak "$peercomp" --data "$json" overlaps --min 1 --limit 100000 --format json)" \
    "$(peak "$peercomp" --data "$json" --with-embedded align --from "synthetic-$n" --to peer-worker --format json)" \
    "$(peak "$peercomp" --data "$json" --with-embedded align --from peer-worker --to "synthetic-$n" --format json)" \
    "$(peak "$peercomp" --data "$json" coverage "$curriculum" --by icrc --format json)" >> "$work/queries.tsv"
  # User and system seconds of one run: where the time of a large framework goes.
  /usr/bin/time -f "$n %U %S" -a -o "$work/cpu.txt" "$peercomp" --data "$json" list --tag icrc:4 --format json >/dev/null
done

python3 bench/report.py "$work" "$sizes" "$peercomp" "$profile" > "$out"
echo "wrote $out" >&2
