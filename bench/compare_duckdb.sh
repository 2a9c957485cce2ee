#!/usr/bin/env bash
# recon against DuckDB, end to end, on the same synthetic data sets.
#
# For each size (total activity rows: APC = N/4, OP = N/2, A&E = N/4, made by `recon generate`, same seed for
# CSV and NDJSON) and each format, runs at --threads 1 and at all cores:
#   * recon run with the full rule set (all inputs, all outputs), and
#   * node + DuckDB (bench/duckdb/run_rules.mjs): load the files into an in-memory database and run the
#     DUP, OVERLAP, SPLIT, READMIT and OPFIRST rules as SQL (bench/duckdb/sql/), writing the challenges;
# each process timed from start to exit with /usr/bin/time (wall seconds, max RSS). Then checks that both
# found the same (RULE, DATASET, RECORD_ID) challenges for those five rules (bench/duckdb/compare.mjs), prints
# the table and writes it with the machine description and the method to bench/RESULTS.md (only the part
# between its compare_duckdb markers is replaced). First, a self-check on hand-made edge cases
# (bench/duckdb/edge_cases.mjs). Exit status: 0 all runs agreed, 1 a run failed or the challenge sets differ, 2 bad usage.
#
# Usage: bench/compare_duckdb.sh [options] [SIZES...]      SIZES like 1M 10M 250k 40000 (default 1M)
#   --data DIR      where data sets are generated and kept (default /tmp/recon_duckdb_bench); a data set
#                   already there (marked complete) is reused: delete it after changing the generator
#   --build DIR     recon build directory (default build); configured and built (target recon) if needed
#   --no-build      use DIR/recon as it is
#   --threads LIST  thread counts, e.g. "1 2" (default "1 $(nproc)")
#   --formats LIST  default "csv ndjson"
#   --seed S        generator seed (default 7)
#   --repeat R      run each configuration R times and keep the fastest (default 3 for sizes under 5M
#                   rows, 2 from 5M up)
#   --results FILE  default bench/RESULTS.md ("-" = do not write)
#   --no-untrimmed  skip the second DuckDB run per configuration, with values not trimmed (--trim no): it
#                   shows what reproducing recon's trimming of every value costs DuckDB
set -euo pipefail

die() { echo "compare_duckdb: $*" >&2; exit 2; }
say() { echo "compare_duckdb: $*" >&2; }

root=$(cd "$(dirname "$0")/.." && pwd)
. "$root/bench/bench_lib.sh"
data=/tmp/recon_duckdb_bench
build=build
do_build=1
threads_list="1 $(nproc)"
formats="csv ndjson"
seed=7
repeat=auto
results=$root/bench/RESULTS.md
untrimmed=1
sizes=()
while [ $# -gt 0 ]; do
  case $1 in
    --data) data=${2:?--data needs a directory}; shift 2 ;;
    --build) build=${2:?--build needs a directory}; shift 2 ;;
    --no-build) do_build=0; shift ;;
    --threads) threads_list=${2:?--threads needs a list}; shift 2 ;;
    --formats) formats=${2:?--formats needs a list}; shift 2 ;;
    --seed) seed=${2:?--seed needs a number}; shift 2 ;;
    --repeat) repeat=${2:?--repeat needs a number}; shift 2 ;;
    --results) results=${2:?--results needs a file}; shift 2 ;;
    --no-untrimmed) untrimmed=0; shift ;;
    -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    -*) die "unknown option $1 (see --help)" ;;
    *) sizes+=("$1"); shift ;;
  esac
done
[ ${#sizes[@]} -gt 0 ] || sizes=(1M)
case $build in /*) ;; *) build=$root/$build ;; esac
[[ $repeat == auto || $repeat =~ ^[1-9][0-9]*$ ]] || die "--repeat must be a positive whole number"
repeat_arg=$repeat
[[ $seed =~ ^[0-9]+$ ]] || die "--seed must be a whole number"
for t in $threads_list; do [[ $t =~ ^[1-9][0-9]*$ ]] || die "--threads: '$t' is not a positive whole number"; done
for f in $formats; do [[ $f == csv || $f == ndjson ]] || die "--formats: '$f' is not csv or ndjson"; done

for s in "${sizes[@]}"; do
  [[ $s =~ ^[0-9]+[kKmM]?$ ]] || die "size '$s' is not a number like 1M, 250k or 40000"
  [ "$(rows_of "$s")" -ge 8 ] || die "size '$s' is too small"
done

for tool in node npm /usr/bin/time awk; do command -v "$tool" >/dev/null || die "$tool is not installed"; done

# --- tools -------------------------------------------------------------------------------------------------
build_recon
recon=$build/recon
[ -x "$recon" ] || die "$recon not found: build it or pass --build DIR"

duck=$root/bench/duckdb
if [ ! -d "$duck/node_modules/@duckdb/node-api" ]; then
  say "installing @duckdb/node-api (npm ci in bench/duckdb)"
  (cd "$duck" && npm ci --no-audit --no-fund >/dev/null) || die "npm ci failed in $duck"
fi

# --- self-check -------------------------------------------------------------------------------------------
# The SQL against recon on hand-made edge cases (ties, windows, exclusions, rejects) the generated data rarely
# has; cheap, and a wrong SQL would make the timings meaningless.
say "self-check: recon and the SQL on hand-made edge cases (bench/duckdb/edge_cases.mjs)"
mkdir -p "$data"
rm -rf "$data/edge_cases"
if ! node "$duck/edge_cases.mjs" --recon "$recon" --dir "$data/edge_cases" >"$data/edge_cases.txt" 2>&1; then
  sed 's/^/    /' "$data/edge_cases.txt" >&2
  say "FAILED: recon and DuckDB differ on the edge cases (see above; files in $data/edge_cases)"
  exit 1
fi

# --- machine -----------------------------------------------------------------------------------------------
describe_machine
node_version=$(node --version)
say "machine: $cores cores, $mem_gib GiB, $cpu, $os; recon $sha; node $node_version"

# --- data --------------------------------------------------------------------------------------------------
ext_of() { [ "$1" = csv ] && echo csv || echo ndjson; }
generate() {  # size format
  local n dir apc op ae
  n=$(rows_of "$1")
  dir=$data/$1/$2
  [ -f "$dir/.complete" ] && return 0
  apc=$((n / 4)); op=$((n / 2)); ae=$((n - apc - op))
  local avail need
  avail=$(df -Pk "$data" | awk 'NR == 2 {print $4}')
  local per_row=300; [ "$2" = ndjson ] && per_row=700  # bytes per row, rough (NDJSON repeats the key names)
  need=$((n * per_row / 1024 + 1024))  # KiB
  [ "$avail" -gt "$need" ] || die "not enough disk for $1 $2 in $data: ~$((need / 1024)) MiB needed, $((avail / 1024)) MiB free"
  say "generating $1 $2 ($apc apc + $op op + $ae ae rows, seed $seed) in $dir"
  rm -rf "$dir"
  "$recon" generate --out "$dir" --apc-rows "$apc" --op-rows "$op" --ae-rows "$ae" --seed "$seed" \
    --format "$2" >/dev/null || die "recon generate failed for $1 $2"
  touch "$dir/.complete"
}

# --- runs --------------------------------------------------------------------------------------------------
# time_it FILE CMD...: runs CMD under /usr/bin/time; FILE gets "wall_s max_rss_kib". Returns CMD's status.
time_it() {
  local out=$1; shift
  /usr/bin/time -f '%e %M' -o "$out" "$@"
}

mkdir -p "$data"
work=$data/runs
mkdir -p "$work"
rows_tsv=$work/results.tsv
: >"$rows_tsv"
details=$work/details.txt
: >"$details"
failed=0
duckdb_version=unknown

# faster "WALL RSS" of two (the first if the second is empty)
faster() { if [ -z "$2" ] || awk -v a="${1%% *}" -v b="${2%% *}" 'BEGIN {exit !(a < b)}'; then echo "$1"; else echo "$2"; fi; }

# run_duckdb TAG VARIANT(trim|notrim) RUN: one timed node + DuckDB run; sets $dres ("WALL RSS"), 1 on failure.
run_duckdb() {
  local tag=$1 variant=$2 run=$3 trim=yes
  [ "$variant" = notrim ] && trim=no
  say "$size $fmt threads=$t: node + DuckDB, ${variant/notrim/values not trimmed} (run $run/$repeat)"
  if ! time_it "$work/time_duckdb_${variant}_$tag" node "$duck/run_rules.mjs" --apc "$dir/apc.$e" \
      --op "$dir/op.$e" --ae "$dir/ae.$e" --referrals "$dir/referrals.$e" --reference "$dir/reference" \
      --threads "$t" --trim "$trim" --out "$work/duckdb_${variant}_$tag.csv" \
      >"$work/duckdb_${variant}_$tag.json" 2>"$work/duckdb_${variant}_$tag.log"; then
    say "FAILED: DuckDB ($variant) on $size $fmt threads=$t (see $work/duckdb_${variant}_$tag.log)"
    tail -5 "$work/duckdb_${variant}_$tag.log" >&2
    return 1
  fi
  dres=$(cat "$work/time_duckdb_${variant}_$tag")
}

# check TAG VARIANT: compares DuckDB's challenges with recon's; prints the per-rule counts; "same"/"DIFFERENT".
check() {
  local tag=$1 variant=$2
  say "$size $fmt threads=$t: comparing recon's and DuckDB's ($variant) challenges"
  if node "$duck/compare.mjs" --recon "$work/recon_$tag/challenges.csv" --duckdb "$work/duckdb_${variant}_$tag.csv" \
      --json "$work/compare_${variant}_$tag.json" >"$work/compare_${variant}_$tag.txt" 2>&1; then
    same=same
  else
    same=DIFFERENT; failed=1
  fi
  sed 's/^/    /' "$work/compare_${variant}_$tag.txt" >&2
}

for size in "${sizes[@]}"; do
  n=$(rows_of "$size")
  repeat=$repeat_arg
  [ "$repeat" = auto ] && { [ "$n" -lt 5000000 ] && repeat=3 || repeat=2; }
  for fmt in $formats; do
    generate "$size" "$fmt"
    dir=$data/$size/$fmt
    e=$(ext_of "$fmt")
    say "warming the page cache for $size $fmt ($(du -sh "$dir" | cut -f1))"
    cat "$dir"/*."$e" "$dir"/reference/* >/dev/null
    for t in $threads_list; do
      tag="${size}_${fmt}_t${t}"
      best_r=""; best_d=""; best_u=""
      for ((i = 1; i <= repeat; i++)); do
        say "$size $fmt threads=$t: recon (run $i/$repeat)"
        rm -rf "$work/recon_$tag"
        if ! time_it "$work/time_recon_$tag" "$recon" run --apc "$dir/apc.$e" --op "$dir/op.$e" --ae "$dir/ae.$e" \
            --register "$dir/register.$e" --referrals "$dir/referrals.$e" --conditions "$dir/conditions.$e" \
            --reference "$dir/reference" --as-of 2026-06-30 --threads "$t" --out "$work/recon_$tag" \
            --no-progress --quiet >"$work/recon_$tag.log" 2>&1; then
          say "FAILED: recon on $size $fmt threads=$t (see $work/recon_$tag.log)"; tail -5 "$work/recon_$tag.log" >&2
          failed=1; continue 2
        fi
        best_r=$(faster "$(cat "$work/time_recon_$tag")" "$best_r")
        run_duckdb "$tag" trim "$i" || { failed=1; continue 2; }
        if [ "$(faster "$dres" "$best_d")" = "$dres" ]; then
          best_d=$dres; cp "$work/duckdb_trim_$tag.json" "$work/duckdb_best_$tag.json"
        fi
        if [ "$untrimmed" = 1 ]; then
          run_duckdb "$tag" notrim "$i" || { failed=1; continue 2; }
          best_u=$(faster "$dres" "$best_u")
        fi
      done
      duckdb_version=$(sed -E 's/.*"duckdb_version":"([^"]*)".*/\1/' "$work/duckdb_best_$tag.json")
      echo "$tag DuckDB phases (s): $(sed -E 's/.*"timings":\{([^}]*)\}.*/\1/; s/"//g; s/:/ /g; s/,/, /g' \
        "$work/duckdb_best_$tag.json")" >>"$details"
      check "$tag" trim
      same_all=$same
      echo "$tag challenges (matched/only-recon/only-duckdb): $(sed -E 's/[{}]//g; s/"([A-Z]+)":"matched":([0-9]+),"only_recon":([0-9]+),"only_duckdb":([0-9]+)/\1 \2\/\3\/\4/g; s/,/, /g' \
        "$work/compare_trim_$tag.json" 2>/dev/null || echo '(no result)')" >>"$details"
      if [ "$untrimmed" = 1 ]; then
        check "$tag" notrim
        [ "$same" = same ] || same_all="DIFFERENT (untrimmed)"
      else
        best_u="- -"
      fi
      printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$size" "$fmt" "$t" "$n" "$best_r" "$best_d" "$best_u" "$same_all" \
        >>"$rows_tsv"
    done
  done
done

# --- table -------------------------------------------------------------------------------------------------
table=$(awk -F'\t' '
  BEGIN {
    print "| size | format | threads | recon wall s | recon rows/s | recon peak MiB | DuckDB wall s | DuckDB rows/s | DuckDB peak MiB | speed ratio (DuckDB/recon time) | memory ratio (DuckDB/recon peak) | DuckDB untrimmed wall s | speed ratio vs untrimmed | same challenges |"
    print "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|"
  }
  {
    split($5, r, " "); split($6, d, " "); split($7, u, " ")
    if (r[1] <= 0) r[1] = 0.01
    if (d[1] <= 0) d[1] = 0.01
    rm = r[2] / 1024; dm = d[2] / 1024
    ut = u[1] == "-" ? "-" : sprintf("%.2f", u[1]); ur = u[1] == "-" ? "-" : sprintf("%.2fx", u[1] / r[1])
    printf "| %s | %s | %s | %.2f | %.0f | %.0f | %.2f | %.0f | %.0f | %.2fx | %.2fx | %s | %s | %s |\n",
      $1, $2, $3, r[1], $4 / r[1], rm, d[1], $4 / d[1], dm, d[1] / r[1], dm / (rm > 0 ? rm : 1), ut, ur, $8
  }' "$rows_tsv")
echo
echo "$table"
echo

if [ "$results" != "-" ]; then
  section=$(cat <<EOF
<!-- compare_duckdb:begin (written by bench/compare_duckdb.sh; edits inside are overwritten) -->
## recon vs DuckDB, end to end

\`bench/compare_duckdb.sh ${sizes[*]}\` on $(date -u '+%Y-%m-%d %H:%M UTC').

$table

Sizes are total activity rows (APC N/4 + OP N/2 + A&E N/4, \`recon generate --seed $seed\`; CSV and NDJSON are
the same records). rows/s = activity rows / wall time. Speed ratio above 1: recon is faster; memory ratio
above 1: recon's peak is smaller. "same challenges": recon's and DuckDB's (RULE, DATASET, RECORD_ID) sets for
DUP, OVERLAP, SPLIT, READMIT and OPFIRST are identical (bench/duckdb/compare.mjs).

**Machine**: $cores cores, $mem_gib GiB RAM, $cpu; $os (Linux $kernel). A shared machine: other jobs may
have been running. **Versions**: recon $sha (Release build), DuckDB $duckdb_version (@duckdb/node-api,
node $node_version).

**Method**
- Each tool runs as its own process, timed from process start to exit by \`/usr/bin/time -f '%e %M'\` (wall
  seconds, peak resident set), after the data set's files were read once to warm the page cache; the
  fastest of 3 runs is kept below 5M rows (of 2 from 5M up)$([ "$repeat_arg" = auto ] || echo ", here: $repeat_arg runs").
- recon: \`recon run\` with every input (apc, op, ae, register, referrals, conditions, reference), all rules,
  all outputs (challenges CSV/JSON, summaries, rejects, data quality, HTML report), \`--threads N\`.
- DuckDB: \`node bench/duckdb/run_rules.mjs\`: an in-memory database with DuckDB's defaults (memory limit,
  temp directory) except \`threads = N\`; \`read_csv\` (all columns VARCHAR) or \`read_json\` of apc, op, ae,
  the referral log and the outpatient tariff, typed and filtered in SQL as recon does (rejected rows and
  invalid NHS numbers dropped; bench/duckdb/sql/load.sql), the duplicate key and input order
  (sql/patient_history.sql), the five rules (sql/dup.sql, overlap.sql, split.sql, readmit.sql, opfirst.sql),
  and the challenges written to CSV. DuckDB does less work than recon: five rules instead of all of them,
  only the columns those rules need, and no amounts, reasons, evidence or reports.
- "DuckDB untrimmed": the same SQL with values not trimmed of spaces/tabs/CR (\`--trim no\`). recon trims
  every value, so the exact reproduction must too, and DuckDB's \`trim\` is a large share of its load time;
  these data sets have no padded values, so the untrimmed run finds the same challenges (it is checked too)
  and is the fairer yardstick of what an analyst's query costs.

DuckDB phase times (seconds, inside the node process) and per-rule comparison:

\`\`\`
$(cat "$details")
\`\`\`
<!-- compare_duckdb:end -->
EOF
)
  write_results_section compare_duckdb "$section" "$results"
  say "wrote $results"
fi

if [ "$failed" != 0 ]; then
  say "FAILED: a run failed or recon and DuckDB found different challenges (see above and $work)"
  exit 1
fi
say "all runs agree"
