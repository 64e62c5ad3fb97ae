#!/usr/bin/env bash
# Benchmarks; prints figures as JSON (not a timed test: figures vary with the machine's load).
#   bash scripts/bench.sh [--sets small,medium] [--peer]
# For each set (../shared/bench/gen_devops.py, generated into build/): the native engine
# (tests/bench/ingest_bench.cpp) and the wasm engine in Node with directory storage
# (scripts/bench.mjs). --peer also runs ../shared/bench/peer_influxdb1.sh on the same data and
# prints our figures' ratios to InfluxDB 1.6.7's. Then every other scripts/bench_*.mjs runs
# (the query engines' benchmarks).
set -euo pipefail
cd "$(dirname "$0")/.."
sets=small,medium
peer=0
while [[ $# -gt 0 ]]; do
  case "$1" in
    --sets) sets=$2; shift 2;;
    --peer) peer=1; shift;;
    *) echo "unknown option $1" >&2; exit 2;;
  esac
done

bash scripts/setup.sh >/dev/null
bash scripts/build.sh wasm >/dev/null
[ -f build/build.ninja ] || cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
ninja -C build ingest_bench >/dev/null

mkdir -p build/bench
for set in ${sets//,/ }; do
  case "$set" in small) hosts=10;; medium) hosts=100;; *) echo "unknown set $set" >&2; exit 2;; esac
  data=build/devops-$set.lp
  [ -s "$data" ] || python3 ../shared/bench/gen_devops.py --hosts "$hosts" --hours 24 --seed 123 -o "$data"
  out=build/bench/$set
  rm -rf "$out"; mkdir -p "$out"
  dir=$(mktemp -d -t tidewater-native-bench.XXXXXX)
  /usr/bin/time -v build/ingest_bench "$data" "$dir/db" >"$out/native.json" 2>"$out/native.time-v.txt"
  rm -rf "$dir"
  node scripts/bench.mjs --set "$set" >"$out/wasm.json"
  if [ "$peer" = 1 ]; then
    PEER_WORKDIR=$(mktemp -d -t tidewater-peer.XXXXXX) bash ../shared/bench/peer_influxdb1.sh --clean --name "$set" "$data" \
      >"$out/peer.log" 2>&1
    cp "$(sed -n 's/^== done: //p' "$out/peer.log")/summary.json" "$out/peer.json"
  fi
  node scripts/bench.mjs --report "$set" "$out"
done

for extra in scripts/bench_*.mjs; do
  [ -f "$extra" ] && node "$extra"
done
