#!/usr/bin/env bash
# Parse benchmark: a 1M-row APC file as CSV and as NDJSON (made by `recon generate`, same seed), each parsed
# by the real ingest at 1 thread and at all cores, side by side; prints rows/s and peak memory per run and
# the NDJSON/CSV and all-cores/1-thread ratios.
# Usage: bench/run_parse_bench.sh [ROWS] [BUILD_DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
rows=${1:-1000000}
build=${2:-build}
cmake --build "$build" --target recon parse_bench >/dev/null
data=${BENCH_DATA:-/tmp/recon_bench_$rows}
if [ ! -s "$data/csv/apc.csv" ]; then
  "$build/recon" generate --out "$data/csv" --apc-rows "$rows" --op-rows 1 --ae-rows 1 --seed 7 >/dev/null
  "$build/recon" generate --out "$data/ndjson" --apc-rows "$rows" --op-rows 1 --ae-rows 1 --seed 7 \
    --format ndjson >/dev/null
fi
cores=$(nproc)
echo "machine: $(nproc) cores, $(awk '/MemTotal/{printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
declare -A rate
for fmt in csv ndjson; do
  for t in 1 "$cores"; do
    line=$("$build/parse_bench" "$data/$fmt/apc.$fmt" "$t")
    echo "$line"
    rate[$fmt.$t]=$(sed -E 's/.*rows\/s=([0-9]+).*/\1/' <<<"$line")
  done
done
awk -v c1="${rate[csv.1]}" -v cn="${rate[csv.$cores]}" -v n1="${rate[ndjson.1]}" -v nn="${rate[ndjson.$cores]}" \
  -v cores="$cores" 'BEGIN {
    printf "ratio ndjson/csv rows/s: %.2f (1 thread), %.2f (%d threads)\n", n1/c1, nn/cn, cores
    printf "ratio %d threads / 1 thread: csv %.2f, ndjson %.2f\n", cores, cn/c1, nn/n1 }'
