#!/usr/bin/env bash
# Builds the native library and tests (build/) and the wasm module (build-wasm/ → wasm/dist/).
# Incremental: re-running after a change rebuilds only what changed.
set -euo pipefail
cd "$(dirname "$0")/.."
jobs=${TW_JOBS:-$(nproc)}

what=${1:-all}
# A new build directory compiles the core in unity batches (CMakeLists.txt, TW_UNITY_BUILD): a
# fresh machine builds in about a third of the time. TW_UNITY_BUILD=OFF before the first build
# keeps one object per file for the finest incremental rebuilds.
unity=${TW_UNITY_BUILD:-ON}
if [ "$what" = all ] || [ "$what" = native ]; then
  [ -f build/build.ninja ] || cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release -DTW_UNITY_BUILD="$unity" >/dev/null
  ninja -C build -j "$jobs"
fi
if [ "$what" = all ] || [ "$what" = wasm ]; then
  # One wasm build at a time in this checkout (several shells may share it).
  exec 9>build-wasm.lock
  flock 9
  # em++ needs Debian's node modules (acorn) for its JS optimizer.
  export NODE_PATH=/usr/share/nodejs
  [ -f build-wasm/build.ninja ] || emcmake cmake -S . -B build-wasm -G Ninja -DCMAKE_BUILD_TYPE=Release -DTW_UNITY_BUILD="$unity" >/dev/null
  ninja -C build-wasm -j "$jobs" tidewater_wasm
  # Publish the JS glue and the wasm as a pair: copy both, then rename both.
  mkdir -p wasm/dist
  if ! cmp -s build-wasm/dist/tidewater.wasm wasm/dist/tidewater.wasm || ! cmp -s build-wasm/dist/tidewater.js wasm/dist/tidewater.js; then
    cp build-wasm/dist/tidewater.wasm wasm/dist/.tidewater.wasm.tmp
    cp build-wasm/dist/tidewater.js wasm/dist/.tidewater.js.tmp
    mv wasm/dist/.tidewater.wasm.tmp wasm/dist/tidewater.wasm
    mv wasm/dist/.tidewater.js.tmp wasm/dist/tidewater.js
  fi
fi
