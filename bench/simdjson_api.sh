#!/usr/bin/env bash
# simdjson's DOM API (what recon uses for NDJSON) against its On Demand API, with Debian's libsimdjson, on a
# generated APC extract (issue 16): bench/simdjson_api/simdjson_api_bench.cpp, each API 3 times, alternating.
# Usage: bench/simdjson_api.sh [ROWS] [BUILD_DIR]      (default 2500000 rows, build)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
. bench/bench_lib.sh
rows=${1:-2500000}
build=${2:-build}
cmake --build "$build" --target recon simdjson_api_bench >/dev/null
data=${BENCH_DATA:-/tmp/recon_simdjson_api_$rows}
if [ ! -s "$data/apc.ndjson" ]; then
  "$build/recon" generate --out "$data" --apc-rows "$rows" --op-rows 1 --ae-rows 1 --seed 7 \
    --format ndjson >/dev/null
fi
describe_machine
echo "machine: $cores cores, $cpu, $os; recon $sha; $(dpkg-query -W -f '${Package} ${Version}' libsimdjson-dev 2>/dev/null || echo 'simdjson')"
echo "file: $data/apc.ndjson, $(stat -c %s "$data/apc.ndjson") bytes"
"$build/simdjson_api_bench" "$data/apc.ndjson" dom ondemand dom ondemand dom ondemand
