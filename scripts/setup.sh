#!/usr/bin/env bash
# One command from a fresh Debian machine to a challenge list: installs what is missing, builds recon
# (Release) and runs it on the bundled samples, writing out/samples/.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build --target recon
s=samples
./build/recon run --apc $s/apc.csv --op $s/op.csv --ae $s/ae.csv --register $s/register.csv \
  --referrals $s/referrals.csv --conditions $s/conditions.csv --reference $s/reference \
  --as-of 2026-06-30 --out out/samples
echo "challenge list: out/samples/challenges.csv (and .json); summaries and rejects beside it"
