#!/usr/bin/env bash
# serve under load, beside a static server: oha (a load generator) against 127.0.0.1, for an
# entry page, a CASE item, a CFPackage and a search, at 1, 16 and 64 connections; the anchor,
# static-web-server, serving `peercomp site`'s files for the same addresses. Then the memory of
# serve before and after 1,000,000 requests. Prints Markdown tables (BENCHMARKS.md, "serve").
#
#   bench/serve.sh                      the shipped build (`cargo dist`), 5 s a run
#   bench/serve.sh --seconds 2          shorter runs
#   bench/serve.sh --binary PATH        a peercomp already built
#   bench/serve.sh --requests N         requests for the memory run (default 1000000)
#
# Needs oha and static-web-server (`cargo install --locked oha static-web-server`), jq, curl.
# Everything listens on 127.0.0.1 only; every run is bounded in time or requests.
set -euo pipefail
cd "$(dirname "$0")/.."

seconds=5
binary=""
requests=1000000
while [ $# -gt 0 ]; do
  case "$1" in
    --seconds) seconds="$2"; shift 2 ;;
    --binary) binary="$2"; shift 2 ;;
    --requests) requests="$2"; shift 2 ;;
    -h|--help) sed -n '2,14p' "$0"; exit 0 ;;
    *) echo "bench/serve.sh: unknown argument $1 (see --help)" >&2; exit 2 ;;
  esac
done
for tool in oha static-web-server jq curl; do
  command -v "$tool" >/dev/null || { echo "bench/serve.sh needs $tool" >&2; exit 1; }
done
if [ -z "$binary" ]; then
  cargo dist --quiet
  binary=target/x86_64-unknown-linux-gnu/dist/peercomp
fi

work=$(mktemp -d)
pids=()
cleanup() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; rm -rf "$work"; }
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
wait_for() { for _ in $(seq 100); do curl -fs -o /dev/null "$1" && return; sleep 0.05; done; echo "no answer from $1" >&2; exit 1; }

"$binary" site -o "$work/site" 2>/dev/null
ours=$(free_port)
theirs=$(free_port)
"$binary" serve --addr "127.0.0.1:$ours" 2>"$work/serve.log" &
pids+=($!)
serve_pid=$!
static-web-server --host 127.0.0.1 --port "$theirs" --root "$work/site" --log-level error \
  --compression false --cache-control-headers false >/dev/null 2>&1 &
pids+=($!)
wait_for "http://127.0.0.1:$ours/"
wait_for "http://127.0.0.1:$theirs/"

base=ims/case/v1p1
package=$(curl -fs "http://127.0.0.1:$ours/$base/CFDocuments" | jq -r '.CFDocuments[0].identifier')
item=$(curl -fs "http://127.0.0.1:$ours/$base/CFPackages/$package" | jq -r '.CFItems[5].identifier')
declare -A targets=(
  [entry]="f/peer-worker/e/6.8/"
  [item]="$base/CFItems/$item"
  [package]="$base/CFPackages/$package"
  [search]="search/?q=housing"
)

# One oha run: requests per second, p50 and p99 in ms, and the share of answers that were 200.
load() {
  oha -z "${seconds}s" -c "$2" --no-tui --output-format json "$1" |
    jq -r '[.summary.requestsPerSec, .latencyPercentiles.p50 * 1000, .latencyPercentiles.p99 * 1000,
            ((.statusCodeDistribution["200"] // 0) / ([.statusCodeDistribution[]] | add))]
           | @tsv'
}

echo "Measured $(date -u +%Y-%m-%d) on $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')); $(oha --version), static-web-server $(static-web-server --version | awk '/Version/ {print $2}'); ${seconds} s a run, oha and both servers on the same machine."
echo
echo "| what | connections | serve: requests/s | p50 | p99 | static-web-server: requests/s | p50 | p99 | serve ÷ static |"
echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|"
for what in entry item package search; do
  for connections in 1 16 64; do
    IFS=$'\t' read -r rps p50 p99 ok < <(load "http://127.0.0.1:$ours/${targets[$what]}" "$connections")
    [ "$ok" = "1" ] || { echo "serve answered other than 200 to $what ($ok)" >&2; exit 1; }
    if [ "$what" = search ]; then
      printf '| %s | %d | %.0f | %.2f ms | %.2f ms | (no search on a static host) | | | |\n' \
        "$what" "$connections" "$rps" "$p50" "$p99"
      continue
    fi
    IFS=$'\t' read -r srps sp50 sp99 sok < <(load "http://127.0.0.1:$theirs/${targets[$what]}" "$connections")
    [ "$sok" = "1" ] || { echo "static-web-server answered other than 200 to $what ($sok)" >&2; exit 1; }
    printf '| %s | %d | %.0f | %.2f ms | %.2f ms | %.0f | %.2f ms | %.2f ms | %.2f |\n' \
      "$what" "$connections" "$rps" "$p50" "$p99" "$srps" "$sp50" "$sp99" "$(echo "$rps / $srps" | bc -l)"
  done
done

# Searches that are all different, so that none is an answer kept: two words of the frameworks'
# statements each, 200,000 of them (more than a run asks).
python3 - "$work/site/search/index.json" "http://127.0.0.1:$ours/search/?q=" > "$work/searches" <<'PY'
import json, random, re, sys
words = sorted({w for e in json.load(open(sys.argv[1])) for w in re.findall(r"[a-z]{4,}", e["text"].lower())})
rng = random.Random(34)
pairs = set()
while len(pairs) < 200000:
    pairs.add(f"{rng.choice(words)}+{rng.choice(words)}")
print("\n".join(sys.argv[2] + p for p in sorted(pairs, key=lambda _: rng.random())))
PY
echo
echo "Search with a new query each time (two words of the statements, none asked before, so none kept):"
echo
echo "| connections | requests/s | p50 | p99 |"
echo "|---:|---:|---:|---:|"
for connections in 1 16 64; do
  oha -z "${seconds}s" -c "$connections" --no-tui --output-format json --urls-from-file "$work/searches" |
    jq -r '"| \('"$connections"') | \(.summary.requestsPerSec | floor) | \(.latencyPercentiles.p50 * 100000 | floor / 100) ms | \(.latencyPercentiles.p99 * 100000 | floor / 100) ms |"'
done

rss() { awk '/VmRSS/ {print $2}' "/proc/$serve_pid/status"; }
echo
echo "Memory of serve (resident set), the entry page, the search and a CASE item asked in turn at 64 connections:"
echo
echo "| after | requests | resident |"
echo "|---|---:|---:|"
printf '| start, every answer made once | %d | %d KiB |\n' 0 "$(rss)"
done_so_far=0
for share in 10 100; do
  n=$((requests * share / 100 - done_so_far))
  per=$((n / 3))
  for what in entry search item; do
    oha -n "$per" -c 64 --no-tui --output-format quiet "http://127.0.0.1:$ours/${targets[$what]}" >/dev/null
  done
  done_so_far=$((done_so_far + per * 3))
  printf '| %d%% of the run | %d | %d KiB |\n' "$share" "$done_so_far" "$(rss)"
done
