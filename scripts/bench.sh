#!/usr/bin/env bash
# Benchmarks; prints figures as JSON.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
bash scripts/build.sh
node scripts/bench.mjs "$@"
