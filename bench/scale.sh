#!/usr/bin/env bash
# Scale benchmark (issue 16): recon end to end as the activity grows from 1M to 100M rows.
#
# For each size (total activity rows: APC = N/4, OP = N/2, A&E = N/4, CSV, `recon generate --seed 7` with a
# FIXED practice population, --patients, so that only the activity grows; generated once and kept in the data
# directory) runs `recon run` with every input, every rule and every output at the default --memory-mb, timed
# by /usr/bin/time (wall seconds, peak RSS), and prints per size: wall s, ns per activity row, rows/s, input
# MB/s, peak RSS and how much was spilled. Then checks
#   (a) time per row at the largest size within 15% of that at the reference size (10M when it is run, else
#       the smallest size): ns/row(largest) <= 1.15 x ns/row(reference);
#   (b) peak RSS <= the memory budget (--memory-mb, recon's default 1024) + a fixed overhead (--overhead-mb,
#       default 512) + the practice files' size on disk.
# The overhead: --memory-mb bounds what grows with the activity (the records held for the patient rules and
# the challenge list, spilled beyond it); outside it are the program and the national reference tables, the
# chunks in flight (2 x threads x 4 MiB of input) with their challenges until they merge, the spill files'
# merge readers and the allocator's arenas. bench/memory_bound.sh measured all of that, with the register and
# conditions of 1.1M patients, at ~250 MiB at --memory-mb 1, level from 10M to 50M rows (bench/RESULTS.md);
# 512 MiB leaves room for twice the population (--patients 2200000, enough for 100M rows over 12 months) and
# for more threads. The practice files (register, referrals, conditions) are held whole in memory by design
# (they are the practice's lists, not the activity), and the generator's referral log grows with the OP rows
# (one referral per first attendance), so their size on disk is added to the bound and shown per size. recon
# charges the lists to --memory-mb (recon/engine/memory_budget.hpp: the store and the challenge list get the
# rest, at least a quarter), so the peak does not grow by the lists on top of the whole budget; the table
# shows their size in memory, from recon's terminal summary.
# The table goes to bench/RESULTS.md between the scale markers. Exit status: 0 every run succeeded and
# both checks passed, 1 a run failed or a check failed, 2 bad usage or not enough disk.
#
# Usage: bench/scale.sh [options] [SIZES...]      SIZES like 1M 10M 50M 100M (the default) or 200k
#   --data DIR         where data sets are generated and kept (default /tmp/recon_scale_bench); a data set
#                      already there (marked complete) is reused. Needs ~140 bytes per activity row for the
#                      CSV files (100M rows: ~14 GB; all four default sizes: ~22 GB) plus, during a run, up to
#                      ~130 bytes per row for recon's spill files and outputs (removed after each run); the
#                      free space is checked before anything is generated
#   --build DIR        recon build directory (default build); configured and built (target recon) if needed
#   --no-build         use DIR/recon as it is
#   --patients N       practice population of every data set (default 2200000)
#   --threads N        recon's --threads (default 0 = all cores)
#   --memory-mb N      recon's --memory-mb for the runs and check (b) (default 1024, recon's default: not
#                      passed to recon unless given)
#   --overhead-mb N    the fixed overhead of check (b) (default 512)
#   --repeat R         runs per size, the fastest kept (default 1)
#   --seed S           generator seed (default 7)
#   --results FILE     default bench/RESULTS.md ("-" = do not write)
set -euo pipefail

die() { echo "scale: $*" >&2; exit 2; }
say() { echo "scale: $*" >&2; }

root=$(cd "$(dirname "$0")/.." && pwd)
. "$root/bench/bench_lib.sh"
data=/tmp/recon_scale_bench
build=build
do_build=1
patients=2200000
threads=0
memory_mb=
overhead_mb=512
repeat=1
seed=7
results=$root/bench/RESULTS.md
sizes=()
while [ $# -gt 0 ]; do
  case $1 in
    --data) data=${2:?--data needs a directory}; shift 2 ;;
    --build) build=${2:?--build needs a directory}; shift 2 ;;
    --no-build) do_build=0; shift ;;
    --patients) patients=${2:?--patients needs a number}; shift 2 ;;
    --threads) threads=${2:?--threads needs a number}; shift 2 ;;
    --memory-mb) memory_mb=${2:?--memory-mb needs a number}; shift 2 ;;
    --overhead-mb) overhead_mb=${2:?--overhead-mb needs a number}; shift 2 ;;
    --repeat) repeat=${2:?--repeat needs a number}; shift 2 ;;
    --seed) seed=${2:?--seed needs a number}; shift 2 ;;
    --results) results=${2:?--results needs a file}; shift 2 ;;
    -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    -*) die "unknown option $1 (see --help)" ;;
    *) sizes+=("$1"); shift ;;
  esac
done
[ ${#sizes[@]} -gt 0 ] || sizes=(1M 10M 50M 100M)
case $build in /*) ;; *) build=$root/$build ;; esac
for v in patients threads overhead_mb repeat seed; do [[ ${!v} =~ ^[0-9]+$ ]] || die "--${v/_/-} must be a whole number"; done
[ -z "$memory_mb" ] || [[ $memory_mb =~ ^[1-9][0-9]*$ ]] || die "--memory-mb must be a positive whole number"
[ "$repeat" -ge 1 ] || die "--repeat must be at least 1"
budget=${memory_mb:-1024}
mem_arg=(); [ -z "$memory_mb" ] || mem_arg=(--memory-mb "$memory_mb")

for s in "${sizes[@]}"; do
  [[ $s =~ ^[0-9]+[kKmM]?$ ]] || die "size '$s' is not a number like 1M, 250k or 40000"
  [ "$(rows_of "$s")" -ge 8 ] || die "size '$s' is too small"
done
for tool in /usr/bin/time awk df; do command -v "$tool" >/dev/null || die "$tool is not installed"; done

# --- disk --------------------------------------------------------------------------------------------------
# Bytes per activity row, rough: the CSV data (~120 measured with the default mix, plus the practice files)
# and what a run writes under --out (spilled records, ~88 bytes each, and the challenge outputs).
gen_per_row=140
run_per_row=130
mkdir -p "$data"
need_kib=0; largest=0
for s in "${sizes[@]}"; do
  n=$(rows_of "$s")
  [ "$n" -gt "$largest" ] && largest=$n
  [ -f "$data/$s-p$patients/.complete" ] || need_kib=$((need_kib + n * gen_per_row / 1024 + patients / 4))
done
need_kib=$((need_kib + largest * run_per_row / 1024 + 1048576))  # + the largest run's scratch + 1 GiB spare
avail_kib=$(df -Pk "$data" | awk 'NR == 2 {print $4}')
say "disk: ~$((need_kib / 1048576 + 1)) GiB needed in $data (data still to generate + the largest run's spill and outputs + 1 GiB), $((avail_kib / 1048576)) GiB free"
[ "$avail_kib" -gt "$need_kib" ] || die "not enough disk in $data: ~$((need_kib / 1048576 + 1)) GiB needed, $((avail_kib / 1048576)) GiB free (use --data DIR elsewhere, or fewer sizes)"

# --- tools -------------------------------------------------------------------------------------------------
build_recon
recon=$build/recon
[ -x "$recon" ] || die "$recon not found: build it or pass --build DIR"

describe_machine
threads_used=$threads; [ "$threads" = 0 ] && threads_used=$cores
say "machine: $cores cores, $mem_gib GiB, $cpu; load average $load; recon $sha; threads $threads_used, --memory-mb $budget"

# --- runs --------------------------------------------------------------------------------------------------
work=$data/runs
mkdir -p "$work"
rows_tsv=$work/scale.tsv
: >"$rows_tsv"
failed=0
for s in "${sizes[@]}"; do
  n=$(rows_of "$s")
  dir=$data/$s-p$patients
  if [ ! -f "$dir/.complete" ]; then
    apc=$((n / 4)); op=$((n / 2)); ae=$((n - apc - op))
    say "generating $s ($apc apc + $op op + $ae ae rows, $patients patients, seed $seed) in $dir"
    rm -rf "$dir"
    "$recon" generate --out "$dir" --apc-rows "$apc" --op-rows "$op" --ae-rows "$ae" --patients "$patients" \
      --seed "$seed" >/dev/null || die "recon generate failed for $s"
    touch "$dir/.complete"
  fi
  bytes=$(cat "$dir"/{apc,op,ae,register,referrals,conditions}.csv "$dir"/reference/* | wc -c)
  practice=$(cat "$dir"/{register,referrals,conditions}.csv | wc -c)
  say "warming the page cache for $s ($(du -sh "$dir" | cut -f1))"
  cat "$dir"/*.csv "$dir"/reference/* >/dev/null
  best=""
  for ((i = 1; i <= repeat; i++)); do
    say "$s: recon run (run $i/$repeat)"
    out=$work/out_$s
    rm -rf "$out"
    if ! /usr/bin/time -f '%e %M' -o "$work/time_$s" "$recon" run --apc "$dir/apc.csv" --op "$dir/op.csv" \
        --ae "$dir/ae.csv" --register "$dir/register.csv" --referrals "$dir/referrals.csv" \
        --conditions "$dir/conditions.csv" --reference "$dir/reference" --as-of 2026-06-30 --threads "$threads" \
        "${mem_arg[@]}" --out "$out" --no-progress >"$work/log_$s" 2>&1; then
      say "FAILED: recon on $s (see $work/log_$s)"; tail -5 "$work/log_$s" >&2
      failed=1; rm -rf "$out"; continue 2
    fi
    rm -rf "$out"
    read -r wall kib <"$work/time_$s"
    if [ -z "$best" ] || awk -v a="$wall" -v b="${best%% *}" 'BEGIN {exit !(a < b)}'; then best="$wall $kib"; fi
  done
  spilled=$(grep -oE '[0-9]+ of them spilled' "$work/log_$s" | cut -d' ' -f1 || true)
  runs=$(grep -oE 'spilled to disk in [0-9]+ sorted runs' "$work/log_$s" | grep -oE '[0-9]+' || true)
  lists=$(grep -oE 'practice lists: [0-9.]+ MiB' "$work/log_$s" | grep -oE '[0-9.]+' || true)
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$s" "$n" "$bytes" "$practice" "$best" "${spilled:-0}" "${runs:-0}" \
    "${lists:-?}" >>"$rows_tsv"
  say "$s: $best (wall s, peak KiB)"
done
[ -s "$rows_tsv" ] || { say "FAILED: no run succeeded"; exit 1; }

# --- table and checks ----------------------------------------------------------------------------------------
ref=10M
grep -q "^10M	" "$rows_tsv" || ref=$(sort -t$'\t' -k2,2n "$rows_tsv" | head -1 | cut -f1)
table=$(awk -F'\t' -v budget="$budget" -v overhead="$overhead_mb" '
  BEGIN {
    print "| activity rows | input MB | wall s | ns per row | rows/s | MB/s | peak MiB | practice files MiB | practice lists in memory MiB | bound MiB (budget + overhead + practice files) | peak within bound | records spilled | challenge list spilled in |"
    print "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|---:|"
  }
  {
    split($5, r, " "); w = r[1] > 0 ? r[1] : 0.01; peak = r[2] / 1024; prac = $4 / 1048576
    bound = budget + overhead + prac
    printf "| %s | %.0f | %.2f | %.0f | %.0f | %.0f | %.0f | %.0f | %s | %.0f | %s | %s | %s runs |\n",
      $1, $3 / 1e6, w, w * 1e9 / $2, $2 / w, $3 / 1e6 / w, peak, prac, $8, bound, peak <= bound ? "pass" : "FAIL", $6, $7
  }' "$rows_tsv")
checks=$(awk -F'\t' -v ref="$ref" -v budget="$budget" -v overhead="$overhead_mb" '
  { split($5, r, " "); w = r[1] > 0 ? r[1] : 0.01; ns[$1] = w * 1e9 / $2; rows[$1] = $2
    if ($2 > maxrows) { maxrows = $2; big = $1 }
    if (r[2] / 1024 > budget + overhead + $4 / 1048576) { over = over " " $1 } }
  END {
    if (big == ref) printf "(a) time per row: only one size (%s), nothing to compare: n/a\n", ref
    else {
      ratio = ns[big] / ns[ref]
      printf "(a) time per row at %s %.0f ns against %.0f ns at %s: %.2fx (target <= 1.15x): %s\n", big, ns[big], ns[ref], ref, ratio, ratio <= 1.15 ? "pass" : "FAIL"
    }
    printf "(b) peak RSS <= --memory-mb %d + %d MiB overhead + the practice files: %s\n", budget, overhead, over == "" ? "pass at every size" : "FAIL at" over
  }' "$rows_tsv")
echo
echo "$table"
echo
echo "$checks"
echo
grep -q FAIL <<<"$checks" && failed=1

if [ "$results" != "-" ]; then
  section=$(cat <<EOF
<!-- scale:begin (written by bench/scale.sh; edits inside are overwritten) -->
## Scale: 1M to 100M activity rows (issue 16)

\`bench/scale.sh ${sizes[*]}\` on $(date -u '+%Y-%m-%d %H:%M UTC').

$table

$checks

**Machine**: $cores cores, $mem_gib GiB RAM, $cpu; $os (Linux $kernel); load average $load at the start.
recon $sha (Release build), \`--threads $threads\` ($threads_used), \`--memory-mb $budget\`$([ -n "$memory_mb" ] || echo " (the default)").

**Method**: each size is a CSV data set of N activity rows (APC N/4, OP N/2, A&E N/4; \`recon generate --seed
$seed --patients $patients\`: a fixed practice population, so only the activity grows), generated once and
kept. \`recon run\` with every input (apc, op, ae, register, referrals, conditions, reference), every rule
and every output, timed from process start to exit by \`/usr/bin/time\` after the files were read once to warm
the page cache (fastest of $repeat). input MB: every file recon reads, 10^6 bytes; ns per row and rows/s per
activity row; MB/s = input MB / wall s. Check (a): ns per row at the largest size within 15% of that at $ref.
Check (b): peak RSS <= --memory-mb + $overhead_mb MiB + the practice files' size on disk. The overhead is what
recon holds outside the budget that does not grow with the activity (program, national reference tables,
the chunks in flight and their challenges, spill merge readers, allocator arenas), measured by
bench/memory_bound.sh at ~250 MiB with 1.1M patients' register and conditions (level from 10M to 50M rows);
512 MiB allows for twice the population and more threads. The practice files are held whole by design, and
the generator's referral log grows with the OP rows, so their size is part of the bound, shown per size.
recon charges the practice lists in memory (the column from its terminal summary) to --memory-mb and gives
the patient store and the challenge list the rest, never less than a quarter of it.
<!-- scale:end -->
EOF
)
  write_results_section scale "$section" "$results"
  say "wrote $results"
fi

if [ "$failed" != 0 ]; then
  say "FAILED: a run or a check failed (see above and $work)"
  exit 1
fi
say "all runs succeeded, both checks pass"
