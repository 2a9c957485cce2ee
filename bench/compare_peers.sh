#!/usr/bin/env bash
# recon against its peers, DuckDB and Polars, end to end, on the same synthetic data sets (issue 16).
#
# For each size (total activity rows: APC = N/4, OP = N/2, A&E = N/4, made by `recon generate`, same seed for
# CSV and NDJSON) and each format, at --threads 1 and at all cores:
#   * recon run with the full rule set (all inputs, all outputs);
#   * node + DuckDB (bench/duckdb/run_rules.mjs): the DUP, OVERLAP, SPLIT, READMIT and OPFIRST rules as SQL;
#   * node + Polars (bench/polars/run_rules.mjs): the same five rules with nodejs-polars' lazy API;
# each process timed from start to exit with /usr/bin/time (wall seconds, peak RSS). Then checks that each peer
# found the same (RULE, DATASET, RECORD_ID) challenges as recon for those five rules (bench/duckdb/compare.mjs),
# prints the table side by side with the ratios and the issue's targets as pass/fail columns, and writes it
# with the machine description and the method to bench/RESULTS.md (only the part between its compare_peers
# markers is replaced). First, both peers' self-check on hand-made edge cases (bench/duckdb/edge_cases.mjs,
# bench/polars/edge_cases.mjs).
#
# Targets (pass/fail columns; they do not change the exit status): recon >= 5x DuckDB's speed and >= 3x
# Polars', recon's peak RSS <= 60% of the lower of the two peers' peaks, and end-to-end input MB/s per core
# (input bytes / wall seconds / threads) >= 250 on CSV, >= 200 on NDJSON.
# Exit status: 0 all runs agreed, 1 a run failed or the challenge sets differ, 2 bad usage.
#
# Usage: bench/compare_peers.sh [options] [SIZES...]       SIZES like 1M 10M 250k 40000 (default 1M)
#   --data DIR      where data sets are generated and kept (default /tmp/recon_peers_bench); a data set
#                   already there (marked complete) is reused: delete it after changing the generator
#   --build DIR     recon build directory (default build); configured and built (target recon) if needed
#   --no-build      use DIR/recon as it is
#   --threads LIST  thread counts, e.g. "1 2" (default "1 $(nproc)")
#   --formats LIST  default "csv ndjson"
#   --peers LIST    default "duckdb polars"
#   --seed S        generator seed (default 7)
#   --repeat R      run each configuration R times and keep the fastest (default 3 for sizes under 5M
#                   rows, 2 from 5M up)
#   --results FILE  default bench/RESULTS.md ("-" = do not write)
set -euo pipefail

die() { echo "compare_peers: $*" >&2; exit 2; }
say() { echo "compare_peers: $*" >&2; }

root=$(cd "$(dirname "$0")/.." && pwd)
. "$root/bench/bench_lib.sh"
data=/tmp/recon_peers_bench
build=build
do_build=1
threads_list="1 $(nproc)"
formats="csv ndjson"
peers="duckdb polars"
seed=7
repeat=auto
results=$root/bench/RESULTS.md
sizes=()
while [ $# -gt 0 ]; do
  case $1 in
    --data) data=${2:?--data needs a directory}; shift 2 ;;
    --build) build=${2:?--build needs a directory}; shift 2 ;;
    --no-build) do_build=0; shift ;;
    --threads) threads_list=${2:?--threads needs a list}; shift 2 ;;
    --formats) formats=${2:?--formats needs a list}; shift 2 ;;
    --peers) peers=${2:?--peers needs a list}; shift 2 ;;
    --seed) seed=${2:?--seed needs a number}; shift 2 ;;
    --repeat) repeat=${2:?--repeat needs a number}; shift 2 ;;
    --results) results=${2:?--results needs a file}; shift 2 ;;
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
has_duckdb=0; has_polars=0
for p in $peers; do
  case $p in duckdb) has_duckdb=1 ;; polars) has_polars=1 ;; *) die "--peers: '$p' is not duckdb or polars" ;; esac
done
[ $((has_duckdb + has_polars)) -gt 0 ] || die "--peers: name at least one peer"

for s in "${sizes[@]}"; do
  [[ $s =~ ^[0-9]+[kKmM]?$ ]] || die "size '$s' is not a number like 1M, 250k or 40000"
  [ "$(rows_of "$s")" -ge 8 ] || die "size '$s' is too small"
done

for tool in node npm /usr/bin/time awk; do command -v "$tool" >/dev/null || die "$tool is not installed"; done

# --- tools -------------------------------------------------------------------------------------------------
build_recon
recon=$build/recon
[ -x "$recon" ] || die "$recon not found: build it or pass --build DIR"

# The peers' npm packages, pinned in each directory's package.json and package-lock.json (npm ci). The DuckDB
# package is needed for Polars too: compare.mjs (the equivalence check) runs on DuckDB.
duck=$root/bench/duckdb
polars=$root/bench/polars
if [ ! -d "$duck/node_modules/@duckdb/node-api" ]; then
  say "installing @duckdb/node-api (npm ci in bench/duckdb)"
  (cd "$duck" && npm ci --no-audit --no-fund >/dev/null) || die "npm ci failed in $duck"
fi
if [ "$has_polars" = 1 ] && [ ! -d "$polars/node_modules/nodejs-polars" ]; then
  say "installing nodejs-polars (npm ci in bench/polars; npm warns that it wants node >= 22: it works on 20)"
  (cd "$polars" && npm ci --no-audit --no-fund >/dev/null 2>&1) || die "npm ci failed in $polars"
fi

# --- self-check -------------------------------------------------------------------------------------------
# Each peer against recon on hand-made edge cases (ties, windows, exclusions, rejects) the generated data
# rarely has; cheap, and a wrong translation would make the timings meaningless.
mkdir -p "$data"
for p in $peers; do
  say "self-check: recon and $p on hand-made edge cases (bench/$p/edge_cases.mjs)"
  rm -rf "$data/edge_cases_$p"
  if ! node "$root/bench/$p/edge_cases.mjs" --recon "$recon" --dir "$data/edge_cases_$p" >"$data/edge_cases_$p.txt" 2>&1; then
    sed 's/^/    /' "$data/edge_cases_$p.txt" >&2
    say "FAILED: recon and $p differ on the edge cases (see above; files in $data/edge_cases_$p)"
    exit 1
  fi
done

# --- machine -----------------------------------------------------------------------------------------------
describe_machine
node_version=$(node --version)
say "machine: $cores cores, $mem_gib GiB, $cpu, $os; load average $load; recon $sha; node $node_version"

# --- data --------------------------------------------------------------------------------------------------
generate() {  # size format
  local n dir apc op ae avail need per_row=300
  n=$(rows_of "$1")
  dir=$data/$1/$2
  [ -f "$dir/.complete" ] && return 0
  apc=$((n / 4)); op=$((n / 2)); ae=$((n - apc - op))
  avail=$(df -Pk "$data" | awk 'NR == 2 {print $4}')
  [ "$2" = ndjson ] && per_row=700  # bytes per row, rough (NDJSON repeats the key names)
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
# faster "WALL RSS" of two (the first if the second is empty)
faster() { if [ -z "$2" ] || awk -v a="${1%% *}" -v b="${2%% *}" 'BEGIN {exit !(a < b)}'; then echo "$1"; else echo "$2"; fi; }

work=$data/runs
mkdir -p "$work"
rows_tsv=$work/results.tsv
: >"$rows_tsv"
details=$work/details.txt
: >"$details"
failed=0
duckdb_version=-
polars_version=-

# run_peer PEER TAG RUN: one timed node + PEER run; sets $pres ("WALL RSS"); 1 on failure.
run_peer() {
  local p=$1 tag=$2 run=$3
  say "$size $fmt threads=$t: node + $p (run $run/$repeat)"
  if ! time_it "$work/time_${p}_$tag" node "$root/bench/$p/run_rules.mjs" --apc "$dir/apc.$fmt" \
      --op "$dir/op.$fmt" --ae "$dir/ae.$fmt" --referrals "$dir/referrals.$fmt" --reference "$dir/reference" \
      --threads "$t" --out "$work/${p}_$tag.csv" >"$work/${p}_$tag.json" 2>"$work/${p}_$tag.log"; then
    say "FAILED: $p on $size $fmt threads=$t (see $work/${p}_$tag.log)"
    tail -5 "$work/${p}_$tag.log" >&2
    return 1
  fi
  pres=$(cat "$work/time_${p}_$tag")
}

# check PEER TAG: compares the peer's challenges with recon's; prints the per-rule counts; sets $same.
check() {
  local p=$1 tag=$2
  say "$size $fmt threads=$t: comparing recon's and $p's challenges"
  if node "$duck/compare.mjs" --recon "$work/recon_$tag/challenges.csv" --peer "$work/${p}_$tag.csv" --name "$p" \
      --json "$work/compare_${p}_$tag.json" >"$work/compare_${p}_$tag.txt" 2>&1; then
    same=same
  else
    same=DIFFERENT; failed=1
  fi
  sed 's/^/    /' "$work/compare_${p}_$tag.txt" >&2
  echo "$tag $p: challenges (matched/only-recon/only-$p): $(sed -E 's/[{}]//g; s/"([A-Z]+)":"matched":([0-9]+),"only_recon":([0-9]+),"only_[a-z]+":([0-9]+)/\1 \2\/\3\/\4/g; s/,/, /g' \
    "$work/compare_${p}_$tag.json" 2>/dev/null || echo '(no result)')" >>"$details"
}

for size in "${sizes[@]}"; do
  n=$(rows_of "$size")
  repeat=$repeat_arg
  [ "$repeat" = auto ] && { [ "$n" -lt 5000000 ] && repeat=3 || repeat=2; }
  for fmt in $formats; do
    generate "$size" "$fmt"
    dir=$data/$size/$fmt
    # input bytes: every file recon reads (the activity, the practice files, the reference tables)
    bytes=$(cat "$dir"/{apc,op,ae,register,referrals,conditions}."$fmt" "$dir"/reference/* | wc -c)
    say "warming the page cache for $size $fmt ($(du -sh "$dir" | cut -f1))"
    cat "$dir"/*."$fmt" "$dir"/reference/* >/dev/null
    for t in $threads_list; do
      tag="${size}_${fmt}_t${t}"
      best_r=""; best_d=""; best_p=""
      for ((i = 1; i <= repeat; i++)); do
        say "$size $fmt threads=$t: recon (run $i/$repeat)"
        rm -rf "$work/recon_$tag"
        if ! time_it "$work/time_recon_$tag" "$recon" run --apc "$dir/apc.$fmt" --op "$dir/op.$fmt" --ae "$dir/ae.$fmt" \
            --register "$dir/register.$fmt" --referrals "$dir/referrals.$fmt" --conditions "$dir/conditions.$fmt" \
            --reference "$dir/reference" --as-of 2026-06-30 --threads "$t" --out "$work/recon_$tag" \
            --no-progress --quiet >"$work/recon_$tag.log" 2>&1; then
          say "FAILED: recon on $size $fmt threads=$t (see $work/recon_$tag.log)"; tail -5 "$work/recon_$tag.log" >&2
          failed=1; continue 2
        fi
        best_r=$(faster "$(cat "$work/time_recon_$tag")" "$best_r")
        if [ "$has_duckdb" = 1 ]; then
          run_peer duckdb "$tag" "$i" || { failed=1; continue 2; }
          if [ "$(faster "$pres" "$best_d")" = "$pres" ]; then best_d=$pres; cp "$work/duckdb_$tag.json" "$work/duckdb_best_$tag.json"; fi
        fi
        if [ "$has_polars" = 1 ]; then
          run_peer polars "$tag" "$i" || { failed=1; continue 2; }
          if [ "$(faster "$pres" "$best_p")" = "$pres" ]; then best_p=$pres; cp "$work/polars_$tag.json" "$work/polars_best_$tag.json"; fi
        fi
      done
      same_d=-; same_p=-
      if [ "$has_duckdb" = 1 ]; then
        duckdb_version=$(sed -E 's/.*"duckdb_version":"([^"]*)".*/\1/' "$work/duckdb_best_$tag.json")
        echo "$tag duckdb phases (s): $(sed -E 's/.*"timings":\{([^}]*)\}.*/\1/; s/"//g; s/:/ /g; s/,/, /g' \
          "$work/duckdb_best_$tag.json")" >>"$details"
        check duckdb "$tag"; same_d=$same
      else
        best_d="- -"
      fi
      if [ "$has_polars" = 1 ]; then
        polars_version=$(sed -E 's/.*"polars_version":"([^"]*)".*/\1/' "$work/polars_best_$tag.json")
        echo "$tag polars phases (s): $(sed -E 's/.*"timings":\{([^}]*)\}.*/\1/; s/"//g; s/:/ /g; s/,/, /g' \
          "$work/polars_best_$tag.json")" >>"$details"
        check polars "$tag"; same_p=$same
      else
        best_p="- -"
      fi
      printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$size" "$fmt" "$t" "$n" "$bytes" "$best_r" "$best_d" \
        "$best_p" "$same_d" "$same_p" >>"$rows_tsv"
    done
  done
done

# --- table -------------------------------------------------------------------------------------------------
# Columns: the three tools' wall seconds and peak MiB; recon's speed-up over each peer (peer wall / recon
# wall) against 5x / 3x; recon's peak as a % of the lower peer's against 60%; input MB/s per core against
# 250 (CSV) / 200 (NDJSON); whether each peer found recon's challenges.
table=$(awk -F'\t' '
  function pf(ok) { return ok ? "pass" : "FAIL" }
  BEGIN {
    print "| size | format | threads | input MB | recon s | recon peak MiB | DuckDB s | DuckDB peak MiB | Polars s | Polars peak MiB | speed-up vs DuckDB (>= 5x) | speed-up vs Polars (>= 3x) | recon peak % of lower peer (<= 60%) | MB/s per core (>= 250 CSV, 200 NDJSON) | same challenges (DuckDB, Polars) |"
    print "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---|---|---|---|---|"
  }
  {
    split($6, r, " "); split($7, d, " "); split($8, p, " ")
    if (r[1] <= 0) r[1] = 0.01
    mb = $5 / 1e6; rm = r[2] / 1024
    ds = "-"; dm = "-"; dx = "-"; ps = "-"; pm = "-"; px = "-"; lower = -1
    if (d[1] != "-") {
      if (d[1] <= 0) d[1] = 0.01
      ds = sprintf("%.2f", d[1]); dm = sprintf("%.0f", d[2] / 1024); lower = d[2] / 1024
      dx = sprintf("%.2fx %s", d[1] / r[1], pf(d[1] / r[1] >= 5))
    }
    if (p[1] != "-") {
      if (p[1] <= 0) p[1] = 0.01
      ps = sprintf("%.2f", p[1]); pm = sprintf("%.0f", p[2] / 1024)
      if (lower < 0 || p[2] / 1024 < lower) lower = p[2] / 1024
      px = sprintf("%.2fx %s", p[1] / r[1], pf(p[1] / r[1] >= 3))
    }
    pct = lower > 0 ? sprintf("%.0f%% %s", 100 * rm / lower, pf(100 * rm / lower <= 60)) : "-"
    target = $2 == "csv" ? 250 : 200
    rate = mb / r[1] / $3
    printf "| %s | %s | %s | %.0f | %.2f | %.0f | %s | %s | %s | %s | %s | %s | %s | %.0f %s | %s, %s |\n",
      $1, $2, $3, mb, r[1], rm, ds, dm, ps, pm, dx, px, pct, rate, pf(rate >= target), $9, $10
  }' "$rows_tsv")
echo
echo "$table"
echo

if [ "$results" != "-" ]; then
  section=$(cat <<EOF
<!-- compare_peers:begin (written by bench/compare_peers.sh; edits inside are overwritten) -->
## recon vs DuckDB and Polars, end to end (issue 16)

\`bench/compare_peers.sh ${sizes[*]}\` on $(date -u '+%Y-%m-%d %H:%M UTC').

$table

Sizes are total activity rows (APC N/4 + OP N/2 + A&E N/4, \`recon generate --seed $seed\`; CSV and NDJSON are
the same records). input MB: every file recon reads (activity, practice files, reference tables), 10^6 bytes.
Speed-up: the peer's wall time / recon's (above 1: recon is faster). recon peak %: recon's peak RSS as a
percentage of the lower of the two peers' peaks. MB/s per core: input MB / recon's wall seconds / threads.
"pass"/"FAIL" against issue 16's targets: recon >= 5x DuckDB, >= 3x Polars, peak <= 60% of the lower peer's,
>= 250 MB/s per core on CSV and >= 200 on NDJSON. "same challenges": each peer's (RULE, DATASET, RECORD_ID)
set for DUP, OVERLAP, SPLIT, READMIT and OPFIRST is identical to recon's (bench/duckdb/compare.mjs).

**Machine**: $cores cores, $mem_gib GiB RAM, $cpu; $os (Linux $kernel); load average $load at the start.
**Versions**: recon $sha (Release build), DuckDB $duckdb_version (@duckdb/node-api), Polars $polars_version
(nodejs-polars), node $node_version.

**Method**
- Each tool runs as its own process, timed from process start to exit by \`/usr/bin/time -f '%e %M'\` (wall
  seconds, peak resident set), after the data set's files were read once to warm the page cache; the
  fastest of 3 runs is kept below 5M rows (of 2 from 5M up)$([ "$repeat_arg" = auto ] || echo " (here $repeat_arg per configuration)"); the runs of the three
  tools alternate.
- recon: \`recon run\` with every input (apc, op, ae, register, referrals, conditions, reference), all rules,
  all outputs (challenges CSV/JSON, summaries, rejects, data quality, HTML report), \`--threads N\`, the
  default \`--memory-mb\`.
- DuckDB: \`node bench/duckdb/run_rules.mjs\` (see the compare_duckdb section): an in-memory database,
  \`threads = N\`, the files read as text and typed in SQL as recon does (bench/duckdb/sql/), the five rules,
  the challenges written to CSV.
- Polars: \`node bench/polars/run_rules.mjs\`: nodejs-polars' lazy API with \`POLARS_MAX_THREADS=N\`;
  \`scan_csv\` (every column as text), each table typed and filtered with the same expressions as DuckDB's
  load.sql and collected once with its duplicate mark (a window over the claim key), then the five rules as
  lazy queries (windows over the patient / clinic, group-bys and joins), the challenges written to CSV.
  Two reader differences: Polars' CSV reader cannot drop a row with the wrong number of fields as recon does
  (it pads or cuts it; the generated sets' malformed rows then lack what the rules need), and its NDJSON
  scan stops at a line that is not JSON, which the generated sets have, so NDJSON lines are read as text and
  decoded with \`str.jsonDecode\` after dropping the lines that are not an object.
- Both peers do less work than recon: five rules instead of all of them, only the columns those rules
  need, and no amounts, reasons, evidence or reports. Both reproduce recon's trimming of every value.

Peer phase times (seconds, inside the node process) and per-rule comparison:

\`\`\`
$(cat "$details")
\`\`\`
<!-- compare_peers:end -->
EOF
)
  write_results_section compare_peers "$section" "$results"
  say "wrote $results"
fi

if [ "$failed" != 0 ]; then
  say "FAILED: a run failed or recon and a peer found different challenges (see above and $work)"
  exit 1
fi
say "all runs agree"
