#!/usr/bin/env bash
# Sanitizer build (AddressSanitizer + UndefinedBehaviorSanitizer, clang) and libFuzzer runs.
#
#   bash scripts/fuzz.sh [seconds] [target...]  builds the fuzz targets and runs each for
#                                               `seconds` (default 20); crashers are kept in
#                                               build-asan/fuzz/crashers/<target>/
#   bash scripts/fuzz.sh --ctest                builds every native test with the sanitizers
#                                               and runs them with ctest
# Targets: tests/fuzz/<target>_fuzz.cpp. Seed corpora are generated at run time from
# ../shared/conformance (and tests/fuzz/seeds/) into the build directory; what the fuzzer
# learns stays in build-asan/fuzz/corpus/ for the next run. A crasher, once fixed, becomes a
# regression case: copy it to tests/fuzz/regressions/<target>/ (replayed by every ctest).
# Runs use -seed=1 (TW_FUZZ_SEED to change it), so a run on the same code mutates the same way.
set -euo pipefail
cd "$(dirname "$0")/.."
build=${TW_ASAN_BUILD:-build-asan}
jobs=${TW_JOBS:-$(nproc)}
shared=../shared/conformance

# clang 14 and its libFuzzer/sanitizer runtimes come from scripts/setup.sh (clang-14, libclang-rt-14-dev).
bash scripts/setup.sh >/dev/null

# The "asan" preset (CMakePresets.json): clang 14, -O1 with line tables (symbolized reports at
# about half the compile time of -O2 -g), sanitizers and fuzz targets on.
[ -f "$build/build.ninja" ] || cmake --preset asan -B "$build" >/dev/null
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=0:strict_string_checks=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}

if [ "${1:-}" = "--ctest" ]; then
  ninja -C "$build" -j "$jobs"
  (cd "$build" && ctest --output-on-failure -j "$jobs")
  exit 0
fi

seconds=${1:-20}
shift || true
targets=("$@")
if ((${#targets[@]} == 0)); then
  for f in tests/fuzz/*_fuzz.cpp; do targets+=("$(basename "$f" _fuzz.cpp)"); done
fi
ninja -C "$build" -j "$jobs" $(printf '%s_fuzz ' "${targets[@]}")

# Seeds: rewritten each run from the shared vectors (never copied into the repository).
seeds="$build/fuzz/seeds"
rm -rf "$seeds"
python3 tests/fuzz/make_seeds.py "$shared" tests/fuzz/seeds "$seeds"

failed=()
summary=()
for t in "${targets[@]}"; do
  corpus="$build/fuzz/corpus/$t"
  crashers="$build/fuzz/crashers/$t"
  log="$build/fuzz/$t.log"
  mkdir -p "$corpus" "$crashers" "$seeds/$t"
  echo "== fuzz $t for ${seconds}s"
  status=0
  "$build/${t}_fuzz" -seed="${TW_FUZZ_SEED:-1}" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=8192 \
    -print_final_stats=1 -artifact_prefix="$crashers/" "$corpus" "$seeds/$t" >"$log" 2>&1 || status=$?
  execs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' || echo 0)
  summary+=("$t: ${execs:-0} executions")
  if [ "$status" -ne 0 ]; then
    failed+=("$t")
    echo "fuzz: $t FAILED (exit $status); crasher(s) in $crashers/, log $log"
    grep -m 20 -E 'ERROR|runtime error|SUMMARY|Test unit written' "$log" || tail -20 "$log"
  fi
done
printf 'fuzz: %s\n' "${summary[@]}"
if ((${#failed[@]})); then
  echo "fuzz: crashes in ${failed[*]}: fix them, then add each crasher to tests/fuzz/regressions/<target>/"
  exit 1
fi
