#!/usr/bin/env python3
"""BENCHMARKS.md from the measurements of bench/run.sh: bench/report.py WORKDIR "SIZES" PEERCOMP PROFILE."""
import datetime
import json
import platform
import subprocess
import sys

work, sizes, peercomp = sys.argv[1], [int(n) for n in sys.argv[2].split()], sys.argv[3]
profile = sys.argv[4] if len(sys.argv) > 4 else "dist"


def results(name):
    with open(f"{work}/{name}.json") as f:
        return {r["command"]: r for r in json.load(f)["results"]}


def ms(r):
    return r["median"] * 1000


def output(*cmd):
    try:
        return subprocess.run(cmd, capture_output=True, text=True, check=False).stdout.strip().splitlines()[0]
    except (OSError, IndexError):
        return "?"


def cpu():
    for line in open("/proc/cpuinfo"):
        if line.startswith("model name"):
            return line.split(":", 1)[1].strip()
    return platform.processor() or "?"


def memory_total():
    for line in open("/proc/meminfo"):
        if line.startswith("MemTotal"):
            return f"{int(line.split()[1]) / 1024 / 1024:.0f} GiB"
    return "?"


def mib(n_bytes):
    return n_bytes / 1024 / 1024


# Measured by hand (cold builds and hyperfine, as BENCHMARKS.md says): what each build profile
# costs. Not re-measured by run.sh, which would take two cold builds.
PROFILES = """## Build profiles

| profile | settings | cold build (2 cores) | binary | `show 6.8` | × /bin/true |
|---|---|---:|---:|---:|---:|
| `release` (the README's quick start) | defaults: 16 codegen units, local thin LTO, stripped | 52 s | 4.6 MB | 1.24 ms | 1.97 |
| `dist` (`cargo build --profile dist`; benchmarks) | fat LTO, one codegen unit, stripped | 72 s | 4.0 MB | 1.16 ms | 1.85 |

Measured on 2026-11-23 with `cargo build --locked --profile P` into an empty target directory, and
hyperfine (`-N`, 800 runs, medians) beside `/bin/true` at 0.63 ms. In the release profile,
`list --tag icrc:4 --format json` and `crosswalk --by rfc --format json` take 1.97× and 1.98×. Also
tried for `release`: thin LTO (53 s, no faster to start) and one codegen unit without LTO (58 s,
1.95×): neither earns its build time. Of an embedded query's start, a Rust hello-world takes 1.32×
`/bin/true` here, clap's parse about 20% of the instructions, and parsing the one framework needed
about 45% (callgrind). Measured again later that day, after the changes for bounded input, side by
side with the earlier build in the same runs: both 1.91-2.08x across runs (`/bin/true` itself
moved between 0.68 and 0.74 ms), so the 2x target sits at the edge of this machine's noise. Two
things that would give room and were measured: a static, non-PIE binary starts at 1.51x (cargo
can only set it with an explicit `--target`, which would tie the build to one platform); and
embedded data built as Rust statics, which issue 18 asks for. On this machine the ratio moves
with `/bin/true`'s own time from run to run (0.53 to 0.74 ms), while peercomp's stays at 1.2 to
1.3 ms: read the milliseconds beside the ratio."""

embedded = results("embedded")
floor = ms(embedded["/bin/true"])
lines = []
w = lines.append
w("# Benchmarks")
w("")
w(f"Measured by `bench/run.sh` on {datetime.date.today().isoformat()}: {cpu()}, {output('nproc')} cores, "
  f"{memory_total()} memory, {platform.system()} {platform.release()}; {output(peercomp, '--version')}, "
  f"{output('jq', '--version')}, {output('jaq', '--version')}, {output('hyperfine', '--version')}. Times are medians of hyperfine runs "
  f"(`-N`, no shell); peak memory is the maximum resident set (GNU time `%M`) of three runs. peercomp is "
  + (f"built with the `dist` profile (fat LTO, one codegen unit), as shipped" if profile == "dist" else "the binary given with `--binary`") + ". Re-run with `bench/run.sh`; "
  f"timings never go into `cargo test`.")
w("")
w(PROFILES)
w("")
w("## Start-up: queries on the embedded data")
w("")
w("| command | median | × /bin/true | jq's equivalent, over `peercomp export --to json` | jq median | faster by | jaq median | faster by |")
w("|---|---:|---:|---|---:|---:|---:|---:|")
w(f"| `/bin/true` | {floor:.2f} ms | 1.00 | | | | | |")
pairs = [("peercomp list --tag icrc:4 --format json", "jq: list --tag icrc:4"),
         ("peercomp crosswalk --by rfc --format json", "jq: crosswalk --by rfc"),
         ("peercomp show 6.8", "jq: show 6.8")]
startup_ratios = []
for ours, theirs in pairs:
    a, b = ms(embedded[ours]), ms(embedded[theirs])
    c = ms(embedded["jaq" + theirs[2:]])
    startup_ratios.append(a / floor)
    w(f"| `{ours}` | {a:.2f} ms | {a / floor:.2f} | `{theirs[4:]}` in jq | {b:.2f} ms | {b / a:.1f}× | {c:.2f} ms | {c / a:.1f}× |")
w("")

w("## Scale: synthetic frameworks")
w("")
w("`bench/gen.py` writes a framework of N entries (items and, for one item in five, three sub-items; "
  "peer-worker's schemes and tag mix; texts drawn from competency phrases). Each peercomp command loads "
  "the file (`--data`, parsed and checked) and answers one query; jq and jaq run the same query on the same JSON "
  "(jaq's output checked identical to jq's).")
w("")
w("| entries | JSON | list --tag icrc:4 | jq | jaq | faster than jaq by | crosswalk --by rfc | jq | jaq | faster than jaq by | list, from YAML |")
w("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
memory = {}
for line in open(f"{work}/memory.tsv"):
    n, json_bytes, yaml_bytes, ours_kib, jq_kib, yaml_kib, jaq_kib = line.split()
    memory[int(n)] = (int(json_bytes), int(yaml_bytes), int(ours_kib), int(jq_kib), int(yaml_kib), int(jaq_kib))
speedups = {}
jaq_speedups = {}
per_entry = {}
for n in sizes:
    r = results(f"size-{n}")
    lst, jl = ms(r["peercomp list (JSON)"]), ms(r["jq list"])
    cw, jc = ms(r["peercomp crosswalk (JSON)"]), ms(r["jq crosswalk"])
    yl = ms(r["peercomp list (YAML)"])
    ql, qc = ms(r["jaq list"]), ms(r["jaq crosswalk"])
    speedups[n] = (jl / lst, jc / cw)
    jaq_speedups[n] = (ql / lst, qc / cw)
    per_entry[n] = lst / n * 1000
    w(f"| {n:,} | {mib(memory[n][0]):.1f} MiB | {lst:,.1f} ms | {jl:,.1f} ms | {ql:,.1f} ms | {ql / lst:.1f}× | "
      f"{cw:,.1f} ms | {jc:,.1f} ms | {qc:,.1f} ms | {qc / cw:.1f}× | {yl:,.1f} ms |")
w("")
w("How the cost grows: the time of `list` per 1,000 entries, which stays flat where growth is linear "
  "(at small sizes start-up still counts).")
w("")
w("| entries | " + " | ".join(f"{n:,}" for n in sizes) + " |")
w("|---|" + "---:|" * len(sizes))
w("| µs per 1,000 entries | " + " | ".join(f"{per_entry[n] * 1000:,.0f}" for n in sizes) + " |")
w("")

w("## Search")
w("")
w("`search` reads every statement, title, note and category of the file once per run (no index is kept "
  "between runs) and ranks what matches. *Load* is `frameworks` on the same file: reading, parsing and "
  "checking it, which every command pays. `housing` matches about one entry in twelve; the four words "
  "with `--any` (one a phrase, one a typo away from nothing) about half. Both keep the best 20. jq's "
  "column is a plain case-insensitive regex over the statements, unranked: what a script would do "
  "without peercomp.")
w("")
w("| entries | load | search housing | of which search | 4 words --any | of which search | jq regex | jaq regex |")
w("|---:|---:|---:|---:|---:|---:|---:|---:|")
for n in sizes:
    r = results(f"size-{n}")
    load = ms(r["peercomp frameworks (load)"])
    one, many = ms(r["peercomp search housing"]), ms(r["peercomp search 4 words --any"])
    w(f"| {n:,} | {load:,.1f} ms | {one:,.1f} ms | {one - load:,.1f} ms ({(one - load) / load:.0%} of load) | "
      f"{many:,.1f} ms | {many - load:,.1f} ms ({(many - load) / load:.0%}) | {ms(r['jq grep housing']):,.1f} ms | "
      f"{ms(r['jaq grep housing']):,.1f} ms |")
w("")

w("## Read speed")
w("")
w("How fast each file is read, in MB/s of file: `cat` into nothing (the machine's raw read speed, the "
  "file in the page cache), serde_json into `IgnoredAny` (`bench/ignored_any.rs`: parsing that keeps "
  "nothing, the practical limit of a JSON reader on serde_json), and peercomp's whole load (`frameworks`: "
  "parse into the model, and check it), for the JSON file and for the same framework as YAML.")
w("")
w("| entries | JSON | cat | serde_json, IgnoredAny | peercomp load | YAML | cat | peercomp load |")
w("|---:|---:|---:|---:|---:|---:|---:|---:|")
for n in sizes:
    r = results(f"size-{n}")
    jb, yb = memory[n][0], memory[n][1]
    speed = lambda size, key: size / 1e6 / (r[key]["median"])
    w(f"| {n:,} | {mib(jb):.1f} MiB | {speed(jb, 'cat'):,.0f} MB/s | {speed(jb, 'serde_json IgnoredAny'):,.0f} MB/s | "
      f"{speed(jb, 'peercomp frameworks (load)'):,.0f} MB/s | {mib(yb):.1f} MiB | {speed(yb, 'cat (YAML)'):,.0f} MB/s | "
      f"{speed(yb, 'peercomp frameworks (YAML load)'):,.0f} MB/s |")
w("")

w("## Memory")
w("")
w("At small sizes the process's own floor (about 4 MiB for peercomp and for jq) dominates; the ratio to "
  "the file's size means something at the larger ones.")
w("")
w("| entries | JSON file | peercomp peak | × JSON | jq peak | × JSON | jaq peak | × JSON | peercomp peak, YAML | YAML file |")
w("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
memory_ratios = {}
for n in sizes:
    jb, yb, ours, jqk, yk, jaqk = memory[n]
    ratio = ours * 1024 / jb
    memory_ratios[n] = ratio
    w(f"| {n:,} | {mib(jb):.1f} MiB | {ours / 1024:.1f} MiB | {ratio:.1f} | {jqk / 1024:.1f} MiB | "
      f"{jqk * 1024 / jb:.1f} | {jaqk / 1024:.1f} MiB | {jaqk * 1024 / jb:.1f} | {yk / 1024:.1f} MiB | {mib(yb):.1f} MiB |")
w("")

cpu = {}
for line in open(f"{work}/cpu.txt"):
    n, user, system = line.split()
    cpu[int(n)] = (float(user), float(system))
w("Where the time of `list` goes (one run, GNU time):")
w("")
w("| entries | " + " | ".join(f"{n:,}" for n in sizes) + " |")
w("|---|" + "---:|" * len(sizes))
w("| user | " + " | ".join(f"{cpu[n][0]:.2f} s" for n in sizes) + " |")
w("| system (page faults) | " + " | ".join(f"{cpu[n][1]:.2f} s" for n in sizes) + " |")
w("")

w("## Targets")
w("")
w("| target | result | met |")
w("|---|---|---|")
worst_startup = max(startup_ratios)
w(f"| embedded queries under 2× `/bin/true` | {worst_startup:.2f}× at worst | {'yes' if worst_startup < 2 else 'no'} |")
slowest = min(min(s) for s in speedups.values())
w(f"| faster than jq at every size | {slowest:.1f}× at the least | {'yes' if slowest > 1 else 'no'} |")
slowest_jaq = min(min(s) for s in jaq_speedups.values())
w(f"| faster than jaq at every size | {slowest_jaq:.1f}× at the least | {'yes' if slowest_jaq > 1 else 'no'} |")
if 100000 in speedups:
    at100k = min(speedups[100000])
    w(f"| at 100k entries, at least 3× faster than jq | {at100k:.1f}× | {'yes' if at100k >= 3 else 'no'} |")
big = [n for n in sizes if n >= 10000]
if len(big) >= 2:
    growth = per_entry[big[-1]] / per_entry[big[0]]
    w(f"| linear growth | time per entry at {big[-1]:,} is {growth:.2f}× that at {big[0]:,} | {'yes' if growth < 1.5 else 'no'} |")
# A process's floor (about 4 MiB) dominates small files: judge at the largest size.
largest = sizes[-1]
worst_memory = memory_ratios[largest]
w(f"| peak memory under 3× the JSON file | {worst_memory:.1f}× at {largest:,} entries | {'yes' if worst_memory < 3 else 'no'} |")
w("")
w("## Where a target is missed, and why")
w("")
misses = []
if worst_startup >= 2:
    misses.append(f"- **Start-up** ({worst_startup:.2f}× `/bin/true`): a Rust binary with clap alone takes about "
                  "1.5× `/bin/true` here (`peercomp --version`); loading the embedded data (pre-parsed JSON, only "
                  "the frameworks a query touches) and answering adds the rest.")
largest_json, _, largest_peak, _, _, _ = memory[largest]
model_per_entry = (largest_peak * 1024 - largest_json) / largest
json_per_entry = largest_json / largest
if len(big) >= 2 and growth >= 1.5:
    user, system = cpu[big[-1]]
    misses.append(f"- **Linear growth** (time per entry {growth:.2f}× from {big[0]:,} to {big[-1]:,} entries): the "
                  "work is linear (one pass to parse, one to check, one to query), but memory is not free: at "
                  f"{big[-1]:,} entries the model takes {largest_peak / 1024:,.0f} MiB, and {system:.2f} s of the "
                  f"{user + system:.2f} s is the kernel's (page faults for that memory), beside the cache misses of so "
                  "large a working set. It is the memory miss below that costs the time; a compact model would "
                  "answer both.")
if worst_memory >= 3:
    misses.append(f"- **Memory** ({worst_memory:.1f}× the JSON file at {largest:,} entries): the model holds every entry as "
                  f"owned Rust values, about {model_per_entry:.0f} bytes an entry against {json_per_entry:.0f} bytes of "
                  "JSON: an entry is a struct of eight fields (about 180 bytes even where most are empty), its id and "
                  "text are heap strings of their own, and each tag holds its scheme and code as two more, each with "
                  "the allocator's overhead. Compact representations (interned tag strings, boxed strings, a flat "
                  "arena of entries) would bring this under 3×; they are not done here, because they would change "
                  "the model that every query and the library's users see.")
if not misses:
    misses.append("None: every target is met.")
lines.extend(misses)
print("\n".join(lines))
