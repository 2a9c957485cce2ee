#!/usr/bin/env bash
# What --history adds to a run (issue 15: under 10% of a 1M-row run). On one generated data set (by default
# /tmp/gen1m, as `recon generate --out /tmp/gen1m --apc-rows 1000000` writes it; generated if missing), runs
# `recon run` with every input, alternately without and with --history, REPEAT times, and keeps each one's
# fastest wall time. Two kinds of history run: a first month (a new history file, every challenge NEW and
# inserted) and a second month (the same inputs again on a history holding the first: every challenge is read
# back as raised before, REPEAT, and its run recorded). Prints the wall and CPU (user + system) times, each
# the smallest of REPEAT, their ratios, and recon's own "record history" phase.
# Usage: bench/history_overhead.sh [DATA_DIR] [BUILD_DIR] [REPEAT]   (NO_BUILD=1: time BUILD_DIR/recon as it is)
set -euo pipefail
cd "$(dirname "$0")/.."
data=${1:-/tmp/gen1m}
build=${2:-build}
repeat=${3:-3}
[ -n "${NO_BUILD:-}" ] || cmake --build "$build" --target recon >/dev/null
[ -s "$data/ae.csv" ] || "$build/recon" generate --out "$data" --apc-rows 1000000 >/dev/null
cat "$data"/*.csv "$data"/reference/* >/dev/null  # warm the page cache
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# "WALL CPU" seconds of one run (CPU: user + system, all threads: on a shared machine the wall time follows
# the load, the CPU time much less); $1: extra options. Its terminal summary is kept in $work/last.txt.
run_seconds() {
  local out=$work/out
  rm -rf "$out"
  /usr/bin/time -f "%e %U %S" -o "$work/time.txt" "$build/recon" run --apc "$data/apc.csv" --op "$data/op.csv" \
    --ae "$data/ae.csv" --register "$data/register.csv" --referrals "$data/referrals.csv" \
    --conditions "$data/conditions.csv" --reference "$data/reference" --as-of 2026-06-30 --no-progress \
    --out "$out" $1 >"$work/last.txt" 2>&1
  awk '{ printf "%.2f %.2f", $1, $2 + $3 }' "$work/time.txt"
}
phase() { sed -nE 's/.*record history ([0-9.]+) s.*/\1/p' "$work/last.txt" | head -1; }

# The smaller of each: "WALL CPU" pairs.
min() { echo "$1 $2" | awk '{ printf "%s %s", ($3 < $1 ? $3 : $1), ($4 < $2 ? $4 : $2) }'; }
best_plain="999999 999999" best_first="999999 999999" best_second="999999 999999" phase_first="" phase_second=""
for ((i = 0; i < repeat; i++)); do
  best_plain=$(min "$best_plain" "$(run_seconds "")")
  rm -f "$work/h.sqlite"
  best_first=$(min "$best_first" "$(run_seconds "--history $work/h.sqlite")")
  phase_first=$(phase)
  best_second=$(min "$best_second" "$(run_seconds "--history $work/h.sqlite")")
  phase_second=$(phase)
done
rows=$(($(wc -l <"$data/apc.csv") + $(wc -l <"$data/op.csv") + $(wc -l <"$data/ae.csv") - 3))
challenges=$(($(wc -l <"$work/out/challenges.csv") - 1))
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'); recon $(git rev-parse --short HEAD)$(git diff --quiet HEAD -- recon || echo '+local changes')"
echo "data: $data, $rows activity rows, $challenges challenges; fastest of $repeat runs each"
echo "$best_plain $best_first $best_second" | awk -v pf="$phase_first" -v ps="$phase_second" '{
  printf "without --history:                            wall %.2f s, CPU %.2f s\n", $1, $2
  printf "with --history, first month (new file):       wall %.2f s (%+.1f%%), CPU %.2f s (%+.1f%%); record history phase %s s\n", $3, ($3 / $1 - 1) * 100, $4, ($4 / $2 - 1) * 100, pf
  printf "with --history, second month (one run in it): wall %.2f s (%+.1f%%), CPU %.2f s (%+.1f%%); record history phase %s s\n", $5, ($5 / $1 - 1) * 100, $6, ($6 / $2 - 1) * 100, ps
  printf "target: under +10%%\n" }'
echo "history file: $(du -h "$work/h.sqlite" | cut -f1) with two runs in it"
