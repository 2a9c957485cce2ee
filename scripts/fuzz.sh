#!/usr/bin/env bash
# Runs recon's libFuzzer targets (tests/fuzz/*_fuzzer.cpp) under ASan + UBSan.
#   scripts/fuzz.sh [SECONDS] [TARGET...]     each target for SECONDS (default 60), all targets by default
#   FUZZ_RUNS=10000000 scripts/fuzz.sh 0      each target for a number of executions instead (the goal: no
#                                             crash, hang, sanitizer report or broken property in 10M runs)
#   FUZZ_SEED=1                               a fixed random seed (CI: with FUZZ_RUNS, a reproducible run)
#   FUZZ_JOBS=16                              libFuzzer's fork mode: N worker processes share one target's
#                                             corpus and its FUZZ_RUNS (a many-core machine reaches 10M in
#                                             minutes); a crash, hang or out-of-memory still stops the run
# Seeds come from tests/fuzz/corpus/TARGET/ (cut from samples/); what the fuzzer finds goes to
# BUILD_DIR/corpus/TARGET/, and a crashing input to BUILD_DIR/crash-* (reproduce: BUILD_DIR/TARGET FILE).
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-60}"
shift || true
build="${BUILD_DIR:-build-san}"
if [ ! -f "$build/CMakeCache.txt" ]; then
  CXX=clang++ cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DRECON_FUZZ=ON >/dev/null
fi
targets=("$@")
if ((${#targets[@]} == 0)); then
  for src in tests/fuzz/*_fuzzer.cpp; do targets+=("$(basename "$src" .cpp)"); done
fi
cmake --build "$build" --target "${targets[@]}"
limit=(-max_total_time="$seconds")
[ -n "${FUZZ_RUNS:-}" ] && limit=(-runs="$FUZZ_RUNS")
[ -n "${FUZZ_SEED:-}" ] && limit+=(-seed="$FUZZ_SEED")  # with FUZZ_RUNS: the same inputs every time
# Fork mode ignores timeouts and out-of-memory by default; here each is a finding, as in a single process.
[ "${FUZZ_JOBS:-1}" -gt 1 ] && limit+=(-fork="$FUZZ_JOBS" -ignore_crashes=0 -ignore_timeouts=0 -ignore_ooms=0)
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=0:abort_on_error=1}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}"
for t in "${targets[@]}"; do
  mkdir -p "$build/corpus/$t"
  if [ -n "${FUZZ_RUNS:-}" ]; then how="$FUZZ_RUNS runs${FUZZ_SEED:+, seed $FUZZ_SEED}"; else how="$seconds s"; fi
  [ "${FUZZ_JOBS:-1}" -gt 1 ] && how+=", $FUZZ_JOBS jobs"
  echo "fuzz: $t ($how)"
  "$build/$t" "${limit[@]}" -timeout=10 -rss_limit_mb=2048 -max_len=4096 -print_final_stats=1 \
    -artifact_prefix="$build/" "$build/corpus/$t" "tests/fuzz/corpus/$t" 2>"$build/$t.log" ||
    { tail -40 "$build/$t.log"; echo "fuzz: $t FAILED (log: $build/$t.log)"; exit 1; }
  # The executions: the final stats of one process, or the last progress line ("#N: ...") of fork mode.
  grep -E "stat::number_of_executed_units|Done [0-9]+ runs|^#[0-9]+: " "$build/$t.log" | tail -1
done
echo "fuzz: all ${#targets[@]} targets passed"
