# What the benchmark scripts share (sourced by compare_duckdb.sh, compare_peers.sh, scale.sh, threads.sh and
# simdjson_api.sh, which define say and die first and set root, build and do_build where they use them).

# "1M" -> 1000000, "250k" -> 250000, "40000" -> 40000.
rows_of() {
  local s=$1 n mult=1
  case $s in
    *[mM]) n=${s%?}; mult=1000000 ;;
    *[kK]) n=${s%?}; mult=1000 ;;
    *) n=$s ;;
  esac
  [[ $n =~ ^[0-9]+$ ]] || die "size '$s' is not a number like 1M, 250k or 40000"
  echo $((n * mult))
}

# Configures (Release) and builds recon in $build, unless --no-build.
build_recon() {
  [ "$do_build" = 1 ] || return 0
  if [ ! -f "$build/build.ninja" ] && [ ! -f "$build/Makefile" ]; then
    say "configuring $build (Release)"
    local gen=(); command -v ninja >/dev/null && gen=(-G Ninja)
    cmake -S "$root" -B "$build" "${gen[@]}" -DCMAKE_BUILD_TYPE=Release >/dev/null
  fi
  say "building recon in $build"
  cmake --build "$build" --target recon >/dev/null || die "building recon failed (cmake --build $build --target recon)"
}

# The machine and the recon checkout, for each table's description: sets cores, mem_gib, cpu, os, kernel,
# load and sha (the commit, marked when tracked files outside bench/ have uncommitted changes).
describe_machine() {
  cores=$(nproc)
  mem_gib=$(awk '/MemTotal/ {printf "%.1f", $2 / 1048576}' /proc/meminfo)
  cpu=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')
  os=$( (. /etc/os-release 2>/dev/null && echo "$PRETTY_NAME") || uname -s)
  kernel=$(uname -r)
  load=$(cut -d' ' -f1-3 /proc/loadavg)
  sha=$(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo unknown)
  if [ -n "$(git -C "$root" status --porcelain --untracked-files=no -- . ':!bench' ':!.gitignore' 2>/dev/null)" ]; then
    sha="$sha (+ uncommitted changes)"
  fi
}

# Puts SECTION (text that begins with "<!-- NAME:begin" and ends with "<!-- NAME:end -->") into RESULTS in
# place of the part between those markers, or at its end when it has none.
write_results_section() {
  local name=$1 section=$2 results=$3 section_file
  section_file=$(mktemp)
  printf '%s\n' "$section" >"$section_file"
  if [ -f "$results" ] && grep -q "<!-- $name:begin" "$results"; then
    awk -v section_file="$section_file" -v begin="<!-- $name:begin" -v end="<!-- $name:end" '
      index($0, begin) == 1 { while ((getline line < section_file) > 0) print line; skip = 1; next }
      index($0, end) == 1 { skip = 0; next }
      !skip { print }' "$results" >"$results.tmp"
    mv "$results.tmp" "$results"
  else
    { [ -s "$results" ] && echo; echo "$section"; } >>"$results"
  fi
  rm -f "$section_file"
}
