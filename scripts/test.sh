#!/usr/bin/env bash
# Every test suite: native doctest (ctest), Node tests of the wasm module, the npm package
# from a packed tarball, and the browser tests in headless Chromium.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
bash scripts/build.sh

echo "== native tests (ctest)"
(cd build && ctest --output-on-failure -j "$(nproc)")

# The same native tests built with AddressSanitizer + UndefinedBehaviorSanitizer (clang,
# build-asan/), then every libFuzzer target for a bounded time (TW_FUZZ_SECONDS, default 20).
echo "== native tests under ASan + UBSan (build-asan)"
bash scripts/fuzz.sh --ctest
echo "== fuzz targets (${TW_FUZZ_SECONDS:-20}s each)"
bash scripts/fuzz.sh "${TW_FUZZ_SECONDS:-20}"

echo "== node, package and browser tests (node --test)"
mkdir -p test-results
node --test --test-concurrency=1 tests/js/ tests/browser/
