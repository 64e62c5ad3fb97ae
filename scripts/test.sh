#!/usr/bin/env bash
# Every test suite: native doctest (ctest), Node tests of the wasm module, the npm package
# from a packed tarball, and the browser tests in headless Chromium.
set -euo pipefail
cd "$(dirname "$0")/.."
# Each step's start, in minutes:seconds since the run began (the whole run should stay well
# under 30 minutes on a 2-core machine).
step() { printf '== [%d:%02d] %s\n' $((SECONDS / 60)) $((SECONDS % 60)) "$*"; }
step setup
bash scripts/setup.sh
step build
bash scripts/build.sh

step "native tests (ctest)"
(cd build && ctest --output-on-failure -j "$(nproc)")

# The same native tests built with AddressSanitizer + UndefinedBehaviorSanitizer (clang,
# build-asan/), then every libFuzzer target for a bounded time (TW_FUZZ_SECONDS, default 20).
step "native tests under ASan + UBSan (build-asan)"
bash scripts/fuzz.sh --ctest
step "fuzz targets (${TW_FUZZ_SECONDS:-20}s each)"
bash scripts/fuzz.sh "${TW_FUZZ_SECONDS:-20}"

step "node, package and browser tests (node --test)"
mkdir -p test-results
node --test --test-concurrency=1 tests/js/ tests/browser/
step "all tests passed"
