#!/usr/bin/env bash
# Thread scaling (issue 16): one data set, `recon run` (every input, rule and output, the default
# --memory-mb) at 1, 2, 4, ... threads up to the machine's cores (1 2 4 8 16 on a 16-core machine; the core
# count itself is added when it is not a power of two), timed by /usr/bin/time; prints wall s, rows/s,
# input MB/s, the speed-up against 1 thread, the efficiency (speed-up / threads) and peak RSS, and writes the
# table into bench/RESULTS.md between the threads markers.
# The data set is the one bench/compare_peers.sh makes (same directory layout and seed; generated here if
# missing), so the two share it.
# Exit status: 0 every run succeeded, 1 a run failed, 2 bad usage.
#
# Usage: bench/threads.sh [options] [SIZE]      SIZE like 10M (the default), 1M or 200k
#   --data DIR      where data sets are generated and kept (default /tmp/recon_peers_bench, compare_peers.sh's)
#   --format F      csv (default) or ndjson
#   --threads LIST  thread counts (default: powers of two up to nproc, and nproc)
#   --repeat R      runs per thread count, the fastest kept (default 2)
#   --seed S        generator seed (default 7)
#   --build DIR     recon build directory (default build); configured and built (target recon) if needed
#   --no-build      use DIR/recon as it is
#   --results FILE  default bench/RESULTS.md ("-" = do not write)
set -euo pipefail

die() { echo "threads: $*" >&2; exit 2; }
say() { echo "threads: $*" >&2; }

root=$(cd "$(dirname "$0")/.." && pwd)
. "$root/bench/bench_lib.sh"
data=/tmp/recon_peers_bench
fmt=csv
threads_list=
repeat=2
seed=7
build=build
do_build=1
results=$root/bench/RESULTS.md
size=
while [ $# -gt 0 ]; do
  case $1 in
    --data) data=${2:?--data needs a directory}; shift 2 ;;
    --format) fmt=${2:?--format needs csv or ndjson}; shift 2 ;;
    --threads) threads_list=${2:?--threads needs a list}; shift 2 ;;
    --repeat) repeat=${2:?--repeat needs a number}; shift 2 ;;
    --seed) seed=${2:?--seed needs a number}; shift 2 ;;
    --build) build=${2:?--build needs a directory}; shift 2 ;;
    --no-build) do_build=0; shift ;;
    --results) results=${2:?--results needs a file}; shift 2 ;;
    -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    -*) die "unknown option $1 (see --help)" ;;
    *) [ -z "$size" ] || die "one size only"; size=$1; shift ;;
  esac
done
size=${size:-10M}
case $build in /*) ;; *) build=$root/$build ;; esac
[[ $fmt == csv || $fmt == ndjson ]] || die "--format must be csv or ndjson"
[[ $repeat =~ ^[1-9][0-9]*$ ]] || die "--repeat must be a positive whole number"
[[ $seed =~ ^[0-9]+$ ]] || die "--seed must be a whole number"
[[ $size =~ ^[0-9]+[kKmM]?$ ]] || die "size '$size' is not a number like 10M, 1M or 200k"
case $size in
  *[mM]) n=$((${size%?} * 1000000)) ;;
  *[kK]) n=$((${size%?} * 1000)) ;;
  *) n=$size ;;
esac
[ "$n" -ge 8 ] || die "size '$size' is too small"
cores=$(nproc)
if [ -z "$threads_list" ]; then
  for ((t = 1; t <= cores; t *= 2)); do threads_list="$threads_list $t"; done
  (( (cores & (cores - 1)) == 0 )) || threads_list="$threads_list $cores"
fi
for t in $threads_list; do [[ $t =~ ^[1-9][0-9]*$ ]] || die "--threads: '$t' is not a positive whole number"; done
[[ " $threads_list " == *" 1 "* ]] || threads_list="1 $threads_list"  # the speed-up is against 1 thread
for tool in /usr/bin/time awk; do command -v "$tool" >/dev/null || die "$tool is not installed"; done

build_recon
recon=$build/recon
[ -x "$recon" ] || die "$recon not found: build it or pass --build DIR"

dir=$data/$size/$fmt
if [ ! -f "$dir/.complete" ]; then
  apc=$((n / 4)); op=$((n / 2)); ae=$((n - apc - op))
  per_row=300; [ "$fmt" = ndjson ] && per_row=700
  mkdir -p "$data"
  avail=$(df -Pk "$data" | awk 'NR == 2 {print $4}')
  need=$((n * per_row / 1024 + 1048576))
  [ "$avail" -gt "$need" ] || die "not enough disk in $data: ~$((need / 1024)) MiB needed, $((avail / 1024)) MiB free"
  say "generating $size $fmt ($apc apc + $op op + $ae ae rows, seed $seed) in $dir"
  rm -rf "$dir"
  "$recon" generate --out "$dir" --apc-rows "$apc" --op-rows "$op" --ae-rows "$ae" --seed "$seed" \
    --format "$fmt" >/dev/null || die "recon generate failed"
  touch "$dir/.complete"
fi

describe_machine
say "machine: $cores cores, $mem_gib GiB, $cpu; load average $load; recon $sha; threads:$threads_list"

bytes=$(cat "$dir"/{apc,op,ae,register,referrals,conditions}."$fmt" "$dir"/reference/* | wc -c)
say "warming the page cache ($(du -sh "$dir" | cut -f1))"
cat "$dir"/*."$fmt" "$dir"/reference/* >/dev/null
work=$data/runs
mkdir -p "$work"
rows_tsv=$work/threads.tsv
: >"$rows_tsv"
failed=0
for t in $threads_list; do
  best=""
  for ((i = 1; i <= repeat; i++)); do
    say "$size $fmt threads=$t (run $i/$repeat)"
    out=$work/threads_out
    rm -rf "$out"
    if ! /usr/bin/time -f '%e %M' -o "$work/time_threads" "$recon" run --apc "$dir/apc.$fmt" --op "$dir/op.$fmt" \
        --ae "$dir/ae.$fmt" --register "$dir/register.$fmt" --referrals "$dir/referrals.$fmt" \
        --conditions "$dir/conditions.$fmt" --reference "$dir/reference" --as-of 2026-06-30 --threads "$t" \
        --out "$out" --no-progress --quiet >"$work/threads_log" 2>&1; then
      say "FAILED: recon at $t threads (see $work/threads_log)"; tail -5 "$work/threads_log" >&2
      failed=1; continue 2
    fi
    read -r wall kib <"$work/time_threads"
    if [ -z "$best" ] || awk -v a="$wall" -v b="${best%% *}" 'BEGIN {exit !(a < b)}'; then best="$wall $kib"; fi
  done
  rm -rf "$work/threads_out"
  printf '%s\t%s\n' "$t" "$best" >>"$rows_tsv"
done
[ -s "$rows_tsv" ] || { say "FAILED: no run succeeded"; exit 1; }

table=$(awk -F'\t' -v n="$n" -v bytes="$bytes" '
  BEGIN {
    print "| threads | wall s | rows/s | MB/s | MB/s per thread | speed-up vs 1 thread | efficiency | peak MiB |"
    print "|---:|---:|---:|---:|---:|---:|---:|---:|"
  }
  { split($2, r, " "); w[NR] = r[1] > 0 ? r[1] : 0.01; rss[NR] = r[2]; t[NR] = $1; if ($1 == 1) base = w[NR] }
  END {
    for (i = 1; i <= NR; i++) {
      s = base > 0 ? base / w[i] : 0
      printf "| %s | %.2f | %.0f | %.0f | %.0f | %.2fx | %.0f%% | %.0f |\n", t[i], w[i], n / w[i], bytes / 1e6 / w[i],
        bytes / 1e6 / w[i] / t[i], s, 100 * s / t[i], rss[i] / 1024
    }
  }' "$rows_tsv")
echo
echo "$table"
echo

if [ "$results" != "-" ]; then
  section=$(cat <<EOF
<!-- threads:begin (written by bench/threads.sh; edits inside are overwritten) -->
## Thread scaling (issue 16)

\`bench/threads.sh --format $fmt $size\` on $(date -u '+%Y-%m-%d %H:%M UTC'): $n activity rows, $fmt,
$(awk -v b="$bytes" 'BEGIN {printf "%.0f", b / 1e6}') MB of input.

$table

**Machine**: $cores cores, $mem_gib GiB RAM, $cpu; $os (Linux $kernel); load average $load at the start.
recon $sha (Release build).

**Method**: the data set of bench/compare_peers.sh (\`recon generate --seed $seed\`, APC N/4, OP N/2, A&E N/4),
\`recon run\` with every input, rule and output at the default \`--memory-mb\` and \`--threads N\`, timed from
process start to exit by \`/usr/bin/time\` after the files were read once to warm the page cache, $repeat
run(s) per thread count, the fastest kept. Speed-up: wall time at 1 thread / wall time at N; efficiency: speed-up / N.
<!-- threads:end -->
EOF
)
  write_results_section threads "$section" "$results"
  say "wrote $results"
fi

if [ "$failed" != 0 ]; then
  say "FAILED: a run failed (see above and $work)"
  exit 1
fi
say "done"
