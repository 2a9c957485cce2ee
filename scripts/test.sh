#!/usr/bin/env bash
# Checks the formatting of the tree (scripts/check-format.sh), then builds everything and runs the whole test
# suite, twice:
#   1. Release (what users run), with ctest;
#   2. clang with AddressSanitizer + UndefinedBehaviorSanitizer, the first report fatal (-fno-sanitize-recover),
#      the whole suite again, then each libFuzzer target briefly (FUZZ_RUNS executions, default 4000, from
#      a fixed seed) from its seeds.
# scripts/test.sh --quick runs only the first (for the edit-build-test loop).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
scripts/check-format.sh
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build
ctest --test-dir build --output-on-failure -j "$(nproc)"
[ "${1:-}" = "--quick" ] && exit 0

echo "== sanitizer build (ASan + UBSan) and fuzz targets =="
CXX=clang++ cmake -S . -B build-san -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DRECON_FUZZ=ON >/dev/null
cmake --build build-san
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
  ctest --test-dir build-san --output-on-failure -j "$(nproc)"
# A fixed number of runs from a fixed seed: CI explores the same inputs every time, so it cannot fail by luck
# on a new finding (longer, random runs are scripts/fuzz.sh's job, see docs/fuzzing.md).
FUZZ_RUNS="${FUZZ_RUNS:-4000}" FUZZ_SEED="${FUZZ_SEED:-1}" BUILD_DIR=build-san scripts/fuzz.sh 0
