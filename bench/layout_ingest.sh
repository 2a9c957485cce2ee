#!/usr/bin/env bash
# Ingest speed of the HES layout against the contract layout (issue 12: HES within 20% of the contract).
# Generates the same records (recon generate --seed 7: APC ROWS/4 spells, OP ROWS/2, A&E ROWS/4) once in each
# layout, then runs `recon run` on each (activity files and reference tables), the two layouts alternately,
# REPEAT times per thread count, and keeps each one's fastest "ingest and row rules" phase (recon's own phase
# timing: reading, tokenizing, mapping the layout's columns, typed rows, pricing and the row rules).
# HES has more rows than the contract for the same records (one per consultant episode), so it prints both
# speeds (activity rows per second, and MB per second: a HES row is wider, with its pseudonym, episode key and
# dates, and site code) and their ratios, and the ratio of times for the same records.
# Usage: bench/layout_ingest.sh [ROWS] [BUILD_DIR] [REPEAT]   (NO_BUILD=1: time BUILD_DIR/recon as it is)
set -euo pipefail
cd "$(dirname "$0")/.."
rows=${1:-1000000}
build=${2:-build}
repeat=${3:-3}
[ -n "${NO_BUILD:-}" ] || cmake --build "$build" --target recon >/dev/null
data=${BENCH_DATA:-/tmp/recon_layout_bench_$rows}
declare -A activity_rows activity_bytes
for layout in contract hes; do
  dir=$data/$layout
  if [ ! -s "$dir/ae.csv" ]; then
    "$build/recon" generate --out "$dir" --layout "$layout" --seed 7 --apc-rows $((rows / 4)) \
      --op-rows $((rows / 2)) --ae-rows $((rows / 4)) >/dev/null
  fi
  # Rows, not records: a quoted newline is rare enough (a few per file) not to matter here.
  activity_rows[$layout]=$(($(wc -l <"$dir/apc.csv") + $(wc -l <"$dir/op.csv") + $(wc -l <"$dir/ae.csv") - 3))
  activity_bytes[$layout]=$(cat "$dir/apc.csv" "$dir/op.csv" "$dir/ae.csv" | wc -c)
  cat "$dir"/*.csv >/dev/null  # warm the page cache
done

# The fastest ingest phase (seconds) of `recon run` on layout $1 with $2 threads.
ingest_seconds() {
  local dir=$data/$1 out
  out=$(mktemp -d)
  "$build/recon" run --apc "$dir/apc.csv" --op "$dir/op.csv" --ae "$dir/ae.csv" --reference "$dir/reference" \
    --as-of 2026-06-30 --threads "$2" --no-progress --out "$out" 2>/dev/null |
    sed -nE 's/.*ingest and row rules ([0-9.]+) s.*/\1/p'
  rm -rf "$out"
}

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'); recon $(git rev-parse --short HEAD)$(git diff --quiet HEAD -- parsers core || echo '+local changes')"
echo "records: $((rows / 4)) APC spells, $((rows / 2)) OP, $((rows / 4)) A&E (seed 7); activity rows: contract ${activity_rows[contract]}, hes ${activity_rows[hes]}; MB: contract $((activity_bytes[contract] / 1000000)), hes $((activity_bytes[hes] / 1000000))"
for threads in 1 "$(nproc)"; do
  declare -A best=([contract]=999999 [hes]=999999)
  for ((i = 0; i < repeat; i++)); do
    for layout in contract hes; do
      s=$(ingest_seconds "$layout" "$threads")
      best[$layout]=$(awk -v a="${best[$layout]}" -v b="$s" 'BEGIN { print (b < a ? b : a) }')
    done
  done
  awk -v c="${best[contract]}" -v h="${best[hes]}" -v rc="${activity_rows[contract]}" -v rh="${activity_rows[hes]}" \
    -v bc="${activity_bytes[contract]}" -v bh="${activity_bytes[hes]}" -v t="$threads" -v n="$repeat" 'BEGIN {
      printf "threads %d (fastest of %d): ingest contract %.2f s (%.0f rows/s, %.1f MB/s), hes %.2f s (%.0f rows/s, %.1f MB/s)\n", t, n, c, rc / c, bc / c / 1e6, h, rh / h, bh / h / 1e6
      printf "threads %d: hes/contract speed ratio %.2f in rows/s (target >= 0.80), %.2f in MB/s; time ratio for the same records %.2f\n", t, (rh / h) / (rc / c), (bh / h) / (bc / c), h / c }'
done
