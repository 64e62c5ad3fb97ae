#!/usr/bin/env bash
# Every test suite: native doctest (ctest), Node tests of the wasm module, the npm package
# from a packed tarball, and the browser tests in headless Chromium.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
bash scripts/build.sh

echo "== native tests (ctest)"
(cd build && ctest --output-on-failure -j "$(nproc)")

echo "== node, package and browser tests (node --test)"
mkdir -p test-results
node --test --test-concurrency=1 tests/js/ tests/browser/
