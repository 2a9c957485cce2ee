#!/usr/bin/env bash
# What --history adds to a run (issue 15: under 10% of a 1M-row run). On one generated data set (by default
# /tmp/gen1m, as `recon generate --out /tmp/gen1m --apc-rows 1000000` writes it; generated if missing), runs
# `recon run` with every input, alternately without and with --history, REPEAT times, and keeps each one's
# fastest wall time. Two kinds of history run: a first month (a new history file, every challenge NEW and
# inserted) and a second month (the same inputs again on a history holding the first: every challenge is read
# back as raised before, REPEAT, and its run recorded). Prints the times, the ratios, and recon's own
# "record history" phase.
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

# Wall seconds of one run; $1: extra options. Its terminal summary is kept in $work/last.txt.
run_seconds() {
  local out=$work/out start end
  rm -rf "$out"
  start=$(date +%s.%N)
  "$build/recon" run --apc "$data/apc.csv" --op "$data/op.csv" --ae "$data/ae.csv" --register "$data/register.csv" \
    --referrals "$data/referrals.csv" --conditions "$data/conditions.csv" --reference "$data/reference" \
    --as-of 2026-06-30 --no-progress --out "$out" $1 >"$work/last.txt" 2>&1
  end=$(date +%s.%N)
  awk -v a="$start" -v b="$end" 'BEGIN { printf "%.2f", b - a }'
}
phase() { sed -nE 's/.*record history ([0-9.]+) s.*/\1/p' "$work/last.txt" | head -1; }

min() { awk -v a="$1" -v b="$2" 'BEGIN { print (b < a ? b : a) }'; }
best_plain=999999 best_first=999999 best_second=999999 phase_first="" phase_second=""
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
awk -v p="$best_plain" -v f="$best_first" -v s="$best_second" -v pf="$phase_first" -v ps="$phase_second" 'BEGIN {
  printf "without --history: %.2f s\n", p
  printf "with --history, first month (new file):       %.2f s (+%.1f%%; record history phase %s s)\n", f, (f / p - 1) * 100, pf
  printf "with --history, second month (one run in it): %.2f s (+%.1f%%; record history phase %s s)\n", s, (s / p - 1) * 100, ps
  printf "target: under +10%%\n" }'
echo "history file: $(du -h "$work/h.sqlite" | cut -f1) with two runs in it"
