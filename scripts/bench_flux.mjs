// Flux query benchmark of the wasm engine in Node: the queries a-e (the Flux twins of
// the InfluxQL that ../shared/bench/peer_influxdb1.sh times) on the devops set, loaded into a
// directory-backed database, closed (flushed to segment files) and reopened. Prints one JSON
// object: ms per query (median of --runs after one warm-up) and rows returned. g is a Graph cell's query.
//   node scripts/bench_flux.mjs [--set small|medium] [--runs N]
// The native twin is tests/bench/flux_bench.cpp (same queries): it is built in build/ (as
// scripts/bench.sh builds ingest_bench) and run first, so one report holds native_*_ms and
// wasm_*_ms of the same moment (--no-native skips it).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(fileURLToPath(new URL('..', import.meta.url)));
const args = process.argv.slice(2);
const opt = (name, dflt) => { const i = args.indexOf(`--${name}`); return i >= 0 ? args[i + 1] : dflt; };
const set = opt('set', 'medium');
const runs = Math.max(1, Number(opt('runs', 5)));
const hosts = { small: 10, medium: 100 }[set];
if (!hosts) throw new Error(`unknown set ${set}`);
const { Tidewater } = await import('../wasm/index.js');

const dataFile = join(root, 'build', `devops-${set}.lp`);
if (!existsSync(dataFile)) {
  execFileSync('python3', [join(root, '..', 'shared', 'bench', 'gen_devops.py'), '--hosts', String(hosts), '--hours', '24',
    '--seed', '123', '-o', dataFile]);
}

// The Flux of a-e; t0 is the first timestamp, last the last one (ns, as BigInt).
function benchQueries(t0, last) {
  const h = 3600n * 1000000000n;
  const ts = (ns) => `time(v: ${ns})`;
  const from = 'from(bucket: "devops") |> range(start: ';
  const hosts8 = [...Array(8).keys()].map((i) => `r.hostname == "host_${i}"`).join(' or ');
  return {
    a: `${from}${ts(t0 + 6n * h)}, stop: ${ts(t0 + 7n * h)}) |> filter(fn: (r) => r._measurement == "cpu" and r._field == "usage_user" and r.hostname == "host_3") |> aggregateWindow(every: 1m, fn: max)`,
    b: `${from}${ts(t0 + 6n * h)}, stop: ${ts(t0 + 18n * h)}) |> filter(fn: (r) => r._measurement == "cpu") |> filter(fn: (r) => ${hosts8}) |> group(columns: ["_field"]) |> aggregateWindow(every: 1h, fn: mean)`,
    c: `${from}${ts(t0)}, stop: ${ts(last + 1n)}) |> filter(fn: (r) => r._measurement == "cpu" and r._field == "usage_user") |> group() |> aggregateWindow(every: 1h, fn: max)`,
    d: `${from}0) |> filter(fn: (r) => r._measurement == "cpu") |> last()`,
    e: `${from}0) |> filter(fn: (r) => r._measurement == "cpu") |> group(columns: ["_field"]) |> count()`,
    // g: the dashboard's Graph cell over every host's usage_user for 24 h, one window per pixel
    // of a 513-pixel-wide cell (v.windowPeriod = 168 s), as the Data Explorer asks for it.
    g: `${from}${ts(t0)}, stop: ${ts(last + 1n)}) |> filter(fn: (r) => r._measurement == "cpu" and r._field == "usage_user") |> aggregateWindow(every: 168s, fn: mean, createEmpty: false)`,
  };
}

const figures = { set, runs };
if (!args.includes('--no-native')) {
  const build = join(root, 'build');
  if (!existsSync(join(build, 'build.ninja'))) {
    execFileSync('cmake', ['-S', root, '-B', build, '-G', 'Ninja', '-DCMAKE_BUILD_TYPE=Release'], { stdio: 'ignore' });
  }
  execFileSync('ninja', ['-C', build, 'flux_bench'], { stdio: 'ignore' });
  const native = JSON.parse(execFileSync(join(build, 'flux_bench'), [dataFile, '--runs', String(runs)], { encoding: 'utf8' }));
  for (const [k, v] of Object.entries(native)) figures[`native_${k}`] = v;
}

const text = readFileSync(dataFile, 'utf8');
const lineTime = (line) => BigInt(line.slice(line.lastIndexOf(' ') + 1));
const firstLine = text.slice(0, text.indexOf('\n'));
let last = lineTime(firstLine);
const t0 = last;
const dir = mkdtempSync(join(tmpdir(), 'tidewater-flux-bench-'));
try {
  let db = await Tidewater.open({ name: 'bench', storage: { directory: dir } });
  const { token } = await db.setup({ username: 'bench', password: 'benchmark', org: 'o', bucket: 'devops' });
  const loadStart = performance.now();
  const batchLines = 5000;
  let begin = 0;
  while (begin < text.length) {
    let end = begin;
    for (let n = 0; n < batchLines && end < text.length; n++) {
      const nl = text.indexOf('\n', end);
      end = nl < 0 ? text.length : nl + 1;
    }
    const batch = text.slice(begin, end);
    const lastLine = batch.trimEnd().slice(batch.trimEnd().lastIndexOf('\n') + 1);
    const t = lineTime(lastLine);
    if (t > last) last = t;
    await db.write(token, { org: 'o', bucket: 'devops', precision: 'ns' }, batch);
    begin = end;
  }
  await db.close();
  db = await Tidewater.open({ name: 'bench', storage: { directory: dir } });
  figures.load_s = +((performance.now() - loadStart) / 1000).toFixed(1);
  for (const [id, flux] of Object.entries(benchQueries(t0, last))) {
    const ms = [];
    let rows = 0;
    for (let r = 0; r <= runs; r++) {
      const start = performance.now();
      rows = (await db.query(token, { org: 'o' }, flux)).length;
      if (r > 0) ms.push(performance.now() - start);  // run 0 warms caches
    }
    ms.sort((x, y) => x - y);
    figures[`wasm_${id}_ms`] = +ms[Math.floor(ms.length / 2)].toFixed(2);
    figures[`wasm_${id}_rows`] = rows;
  }
  await db.close();
} finally {
  rmSync(dir, { recursive: true, force: true });
}
console.log(JSON.stringify(figures, null, 2));
