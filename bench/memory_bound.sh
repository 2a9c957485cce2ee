#!/usr/bin/env bash
# Memory-bound benchmark: does peak memory stay within --memory-mb plus a fixed overhead as the activity grows?
# For each size it generates a data set (`recon generate`, seed 3, the default APC:OP:A&E mix of 1:2:1) with a
# FIXED practice population (--patients), so that only the activity grows. The practice files are held whole
# in memory by design (they are the practice's lists, sized by its population, not by the activity): the
# register and conditions are the same size at every activity size, but the generator's referral log grows
# with the OP rows (one referral per first attendance), so the runs leave --referrals out (NO_REFERRAL is
# skipped). Running every size against one fixed referral log instead would leave most later OP rows without
# a referral: a denser challenge list per row, and the chunks in flight (whose challenges are held until the
# chunk merges) grow with that density, not with the number of rows. Then it runs `recon run` with every rule at each --memory-mb and prints peak RSS (from
# /usr/bin/time) per size, and per budget the slope (MiB of peak per million activity rows, least squares)
# and the spread (largest minus smallest peak). A bounded run has a slope near 0.
#
# Usage: bench/memory_bound.sh [ACTIVITY_ROWS ...]      default: 1000000 2000000 5000000
#        bench/memory_bound.sh 1000000 2000000 5000000 10000000 50000000   (the full range; ~7 GB of data at 50M)
# Environment: BUILD (build directory, default build), MEMORY_MB (budgets, default "1 64"), PATIENTS (default
# 1100000: enough for 50M rows over 12 months), THREADS (default 0 = all cores), BENCH_DATA (where data sets
# are kept for reuse, default /tmp/recon_membench), NO_BUILD=1 (use the binary as it is).
set -euo pipefail
cd "$(dirname "$0")/.."
build=${BUILD:-build}
budgets=${MEMORY_MB:-1 64}
patients=${PATIENTS:-1100000}
threads=${THREADS:-0}
root=${BENCH_DATA:-/tmp/recon_membench}
if [ $# -eq 0 ]; then set -- 1000000 2000000 5000000; fi
[ -n "${NO_BUILD:-}" ] || cmake --build "$build" --target recon >/dev/null
mkdir -p "$root"
echo "machine: $(nproc) cores, $(awk '/MemTotal/{printf "%.0f GiB", $2/1048576}' /proc/meminfo); patients $patients; threads $threads"
printf '%-12s %-10s %12s %9s  %s\n' "rows" "memory-mb" "peak MiB" "wall s" "spilled"
results=()
for rows in "$@"; do
  apc=$((rows / 4))
  op=$((rows / 2))
  ae=$((rows - apc - op))
  data="$root/$rows-p$patients"
  if [ ! -s "$data/ae.csv" ]; then
    "$build/recon" generate --out "$data" --apc-rows "$apc" --op-rows "$op" --ae-rows "$ae" --patients "$patients" \
      --seed 3 >/dev/null
  fi
  for mb in $budgets; do
    out="$root/out-$rows-$mb"
    rm -rf "$out"
    log=$(/usr/bin/time -f 'TIME %M %e' "$build/recon" run --apc "$data/apc.csv" --op "$data/op.csv" \
      --ae "$data/ae.csv" --register "$data/register.csv" \
      --conditions "$data/conditions.csv" --reference "$data/reference" --as-of 2026-06-30 --no-progress \
      --threads "$threads" --memory-mb "$mb" --out "$out" 2>&1)
    read -r kib secs < <(grep '^TIME' <<<"$log" | cut -d' ' -f2-)
    store=$(grep -oE '[0-9]+ of them spilled' <<<"$log" | cut -d' ' -f1 || true)
    runs=$(grep -oE 'spilled to disk in [0-9]+ sorted runs' <<<"$log" | grep -oE '[0-9]+' || echo 0)
    peak=$(awk -v k="$kib" 'BEGIN{printf "%.1f", k/1024}')
    printf '%-12s %-10s %12s %9s  %s records, challenge list in %s runs\n' "$rows" "$mb" "$peak" "$secs" \
      "${store:-0}" "$runs"
    results+=("$mb $rows $peak")
    rm -rf "$out"
  done
done
echo
for mb in $budgets; do
  printf '%s\n' "${results[@]}" | awk -v mb="$mb" '$1 == mb {
      x = $2 / 1e6; y = $3; n++; sx += x; sy += y; sxx += x * x; sxy += x * y
      if (n == 1 || y < lo) lo = y; if (n == 1 || y > hi) hi = y }
    END { if (n > 1) printf "--memory-mb %s: slope %.2f MiB per million activity rows, spread %.1f MiB (%.1f to %.1f)\n",
            mb, (n * sxy - sx * sy) / (n * sxx - sx * sx), hi - lo, lo, hi }'
done
