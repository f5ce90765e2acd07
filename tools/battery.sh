#!/usr/bin/env bash
# The command battery: every command, format and export, help, man pages, completions and schemas,
# each run's standard output, standard error and exit status written to a folder. Two folders
# from two builds compare with `diff -r`; a restructuring must leave them identical.
#
#   tools/battery.sh BINARY OUTDIR
#
# Dates written by an export (CASE's lastChangeDateTime) are masked, as they come from the clock.
set -uo pipefail
cd "$(dirname "$0")/.."
bin=$(realpath "$1"); out=$2
rm -rf "$out"; mkdir -p "$out"
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
n=0
# An RFC 3339 date and time, written by the clock, as DATE.
mask() {
  sed -E 's/[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]+)?(Z|[+-][0-9:]+)?/DATE/g'
}
run() {
  n=$((n + 1))
  local name; name=$(printf '%03d' "$n")
  (cd "$work" && "$bin" "$@") >"$out/$name.out" 2>"$out/$name.err"
  echo "$? peercomp $*" >"$out/$name.cmd"
  if [ "$(head -c 2 "$out/$name.out")" = PK ]; then
    mv "$out/$name.out" "$work/stdout.xlsx"
    /usr/bin/python3 tools/xlsx-text.py "$work/stdout.xlsx" >"$out/$name.out"; rm "$work/stdout.xlsx"
  fi
  mask <"$out/$name.out" >"$work/masked" && mv "$work/masked" "$out/$name.out"
  local f
  for f in "$work"/*; do
    [ -f "$f" ] || continue
    case "$f" in
      *.xlsx) (cd "$work" && /usr/bin/python3 "$OLDPWD/tools/xlsx-text.py" "$f") >"$out/$name.file.$(basename "$f")" ;;
      *) mask <"$f" >"$out/$name.file.$(basename "$f")" ;;
    esac
    rm -f "$f"
  done
  rm -rf "$work"/man
}
ex=$PWD/examples
formats="table json jsonl csv markdown"
run --help; run --version; run -h
for c in list search show tags categories frameworks crosswalk overlaps align export coverage diff validate schema completions man; do
  run "$c" --help; run "$c" -h; run help "$c"
done
for f in $formats; do
  run list --format "$f"; run list --tag icrc:4 --format "$f"; run list --category 6 --expand --format "$f"
  run list --framework agency --format "$f"; run list --tag rfc --top-level --format "$f"
  run search crisis housing --any --format "$f"; run search stigma --format "$f"; run search '"lived experience"' --format "$f"
  run show 6.8 1.9 --format "$f"; run show agency/factors.9 --format "$f"; run show 11.14 --format "$f"
  run tags --format "$f"; run tags --as-written --format "$f"; run categories --format "$f"; run frameworks --format "$f"
  run crosswalk --format "$f"; run crosswalk --by rfc --ids --format "$f"; run crosswalk --transpose --format "$f"
  run overlaps --format "$f"; run overlaps --across --format "$f"; run overlaps --min 1 --format "$f"
  run align --from agency --to peer-worker --format "$f"
  run --data "$ex/alignment/state-cprs.yaml" --with-embedded align --from state-cprs --to peer-worker --format "$f"
  run coverage "$ex/curriculum/forensic-peer-training.yaml" --format "$f"
  run coverage "$ex/curriculum/peer-recovery-training.yaml" --by icrc --format "$f"
  run coverage "$ex/curriculum/peer-recovery-training.yaml" -r "$ex/requirements/icrc-peer-recovery.yaml" --format "$f"
  run coverage "$ex/curriculum/peer-recovery-training-short.yaml" -r "$ex/requirements/icrc-peer-recovery.yaml" --include-subitems --format "$f"
  run diff peer-worker "$ex/framework/forensic-peer.yaml" --format "$f"
  run validate --format "$f"; run validate "$ex/mistakes/mine.yaml" --format "$f"
  run validate "$ex/curriculum/peer-recovery-training.yaml" "$ex/requirements/icrc-peer-recovery.yaml" --format "$f"
  run --data "$ex/alignment" --with-embedded crosswalk --by state-cprs --format "$f"
  run --data "$ex/framework/forensic-peer.yaml" list --format "$f"
  run list --framework agency --checklist --format "$f"; run list --checklist --by icrc --tag icrc --format "$f"
done
run list --json; run list --csv; run list --grep advoca --json; run list --tag nope; run list --tga x
run show 99.99; run show; run search; run crosswalk --by nope; run grep x; run find crisis
for to in json yaml csv xlsx markdown case ctdl html; do
  run export --to "$to"; run export --to "$to" --framework agency
  run export --to "$to" -o "out.$to"
done
run export --to markdown --by icrc
run --data "$ex/framework/forensic-peer.yaml" export --to case
for form in html xlsx csv markdown; do
  run coverage "$ex/curriculum/peer-recovery-training.yaml" -r "$ex/requirements/icrc-peer-recovery.yaml" --form "$form" -o "form.$form"
done
run align --from agency --to peer-worker --format case
run align --from agency --to peer-worker --accept accepted.yaml
for k in framework curriculum requirements alignment; do run schema --kind "$k"; done
run schema
for s in bash zsh fish elvish powershell; do run completions "$s"; done
run man; run man list; run man coverage; run man --out man
for fx in tests/cli/fixtures/*; do run validate "$PWD/$fx"; run --data "$PWD/$fx" list; done
for fx in tests/data/case/opensalt-*.json tests/data/ctdl/*.json; do run validate "$PWD/$fx"; run --data "$PWD/$fx" list --json; done
echo "battery: $n runs into $out" >&2
