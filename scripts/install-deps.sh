#!/usr/bin/env bash
# Installs the Debian packages recon builds with, only those missing. Safe to run repeatedly.
set -euo pipefail
# clang-format: scripts/check-format.sh (CI fails on an unformatted file).
# chromium (+ fonts-liberation, which --no-install-recommends leaves out, for the fonts the report names):
# headless rendering of report.html in tests/report_html_test.cpp (skipped without it).
# libxlsxwriter-dev: the challenge packs' .xlsx workbooks (recon run --packs).
# libminizip-dev + libpugixml-dev: reading .xlsx workbooks, the national prices workbook (recon reference).
# libtomlplusplus-dev: toml++, reading the --config TOML file of a contract's local rules.
packages=(g++ cmake ninja-build pkg-config libsimdjson-dev libxxhash-dev libboost-program-options-dev libtbb-dev
          libgtest-dev ccache clang clang-format libclang-rt-14-dev chromium fonts-liberation
          libxlsxwriter-dev libminizip-dev libpugixml-dev libtomlplusplus-dev)
# libsqlite3-dev: the challenge history (recon run --history, recon responses import), a real database file.
packages+=(libsqlite3-dev)
# libhwy-dev: Google Highway, SIMD with run-time CPU dispatch (the CSV field-end index).
packages+=(libhwy-dev)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "installing: ${missing[*]}"
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
