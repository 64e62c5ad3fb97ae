// Benchmarks of the wasm engine in Node; prints one JSON object of figures.
//   node scripts/bench.mjs [--set small|medium] [--batch LINES]
//   node scripts/bench.mjs --report SET DIR   (bench.sh: merges DIR's native/wasm/peer JSON)
// Data: ../shared/bench/gen_devops.py (small: 10 hosts x 24 h = 86,400 lines, 864,000 values).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';

const root = resolve(fileURLToPath(new URL('..', import.meta.url)));
const args = process.argv.slice(2);
const opt = (name, dflt) => { const i = args.indexOf(`--${name}`); return i >= 0 ? args[i + 1] : dflt; };
if (args[0] === '--report') {
  report(args[1], args[2]);
  process.exit(0);
}
const { Tidewater } = await import('../wasm/index.js');
const set = opt('set', 'small');
const batchLines = Number(opt('batch', 5000));
const hosts = { small: 10, medium: 100 }[set];
if (!hosts) throw new Error(`unknown set ${set}`);

const dataFile = join(root, 'build', `devops-${set}.lp`);
if (!existsSync(dataFile)) {
  execFileSync('python3', [join(root, '..', 'shared', 'bench', 'gen_devops.py'), '--hosts', String(hosts), '--hours', '24',
    '--seed', '123', '-o', dataFile]);
}
// The medium set is 314 MB: keep it as bytes and make each batch's string only when it is
// written (an array of every line as a string took over 1 GB of JS heap).
const data = readFileSync(dataFile);
const valuesPerLine = 10;
const batchEnds = [];  // byte offset past each batch's last newline
let lineCount = 0;
for (let at = data.indexOf(10); at >= 0; at = data.indexOf(10, at + 1)) {
  if (++lineCount % batchLines === 0) batchEnds.push(at + 1);
}
if (data.length > 0 && data[data.length - 1] !== 10) ++lineCount;
if (batchEnds.at(-1) !== data.length) batchEnds.push(data.length);
function* batches() {
  let start = 0;
  for (const end of batchEnds) {
    if (end > start) yield data.toString('utf8', start, end);
    start = end;
  }
}

function dirBytes(dir) {
  let total = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    total += e.isDirectory() ? dirBytes(p) : statSync(p).size;
  }
  return total;
}

async function ingest(storage) {
  const db = await Tidewater.open({ name: 'bench', storage });
  const { token } = await db.setup({ username: 'bench', password: 'benchmark', org: 'o', bucket: 'devops' });
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  for (const b of batches()) await db.write(token, { org: 'o', bucket: 'devops', precision: 'ns' }, b);
  const seconds = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  // CPU seconds of this process: on a loaded machine wall time overstates our own cost.
  return { db, token, seconds, cpuSeconds: (cpu.user + cpu.system) / 1e6 };
}

const wasm = readFileSync(join(root, 'wasm', 'dist', 'tidewater.wasm'));
const glue = readFileSync(join(root, 'wasm', 'dist', 'tidewater.js'));
const figures = {
  set, lines: lineCount, values: lineCount * valuesPerLine, batch_lines: batchLines,
  wasm_bytes: wasm.length, wasm_gzip_bytes: gzipSync(wasm, { level: 9 }).length,
  glue_js_bytes: glue.length, glue_js_gzip_bytes: gzipSync(glue, { level: 9 }).length,
};

{
  const t0 = performance.now();
  const db = await Tidewater.open({ name: 'cold', storage: 'memory' });
  figures.module_open_ms = +(performance.now() - t0).toFixed(1);
  await db.close();
}

if (set === 'small') {  // the in-memory figures (no durability) only on the small set, for speed
  const { db, token, seconds } = await ingest('memory');
  figures.wasm_memory_ingest_lines_per_s = Math.round(lineCount / seconds);
  figures.wasm_memory_ingest_values_per_s = Math.round((lineCount * valuesPerLine) / seconds);
  const q = 'from(bucket: "devops") |> range(start: 2016-01-01T00:00:00Z, stop: 2016-01-01T01:00:00Z) |> filter(fn: (r) => r._measurement == "cpu" and r._field == "usage_user" and r.hostname == "host_0")';
  const t0 = performance.now();
  const rows = await db.query(token, { org: 'o' }, q);
  figures.query_1host_1h_ms = +(performance.now() - t0).toFixed(1);
  figures.query_1host_1h_rows = rows.length;
  await db.close();
}

{
  const dir = mkdtempSync(join(tmpdir(), 'tidewater-bench-'));
  try {
    const { db, seconds, cpuSeconds } = await ingest({ directory: dir });
    figures.wasm_directory_durable_ingest_lines_per_s = Math.round(lineCount / seconds);
    figures.wasm_directory_durable_ingest_values_per_s = Math.round((lineCount * valuesPerLine) / seconds);
    figures.wasm_directory_durable_ingest_values_per_cpu_s = Math.round((lineCount * valuesPerLine) / cpuSeconds);
    const tClose = performance.now();
    await db.close();  // flushes the cache into segment files and compacts
    figures.directory_close_ms = +(performance.now() - tClose).toFixed(1);
    // Everything the database keeps: WAL, segments, tombstones, catalog.
    figures.directory_bytes = dirBytes(dir);
    figures.directory_bytes_per_value = +(figures.directory_bytes / (lineCount * valuesPerLine)).toFixed(3);
    const t0 = performance.now();
    const again = await Tidewater.open({ name: 'bench', storage: { directory: dir } });
    figures.directory_open_replay_ms = +(performance.now() - t0).toFixed(1);
    await again.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
figures.peak_rss_mib = Math.round(process.resourceUsage().maxRSS / 1024);
console.log(JSON.stringify(figures, null, 2));

// Merges one data set's outputs (bench.sh) into one JSON object, with the ratios to InfluxDB
// 1.6.7 when the peer ran.
function report(set, dir) {
  const load = (name) => (existsSync(join(dir, name)) ? JSON.parse(readFileSync(join(dir, name), 'utf8')) : null);
  const report = { set, native: load('native.json'), wasm: load('wasm.json') };
  const peer = load('peer.json');
  if (peer) {
    const disk = peer.disk_after_settle;
    report.influxdb_1_6_7 = {
      ingest_values_per_s: Math.round(peer.ingest.values_per_s),
      bytes_per_value: +disk.total_bytes_per_value.toFixed(3),
      peak_rss_mib: +(peer.rss_kib.hwm_after_ingest / 1024).toFixed(1),
    };
    const ratio = (a, b) => (a && b ? +(a / b).toFixed(2) : null);
    report.ratios = {
      // > 1: we ingest faster / store smaller / use less memory than InfluxDB 1.6.7.
      native_ingest_speed: ratio(report.native?.native_durable_ingest_values_per_s, peer.ingest.values_per_s),
      wasm_ingest_speed: ratio(report.wasm?.wasm_directory_durable_ingest_values_per_s, peer.ingest.values_per_s),
      storage_compactness: ratio(disk.total_bytes_per_value, report.wasm?.directory_bytes_per_value),
      native_memory_frugality: ratio(peer.rss_kib.hwm_after_ingest / 1024, report.native?.native_peak_rss_mib),
    };
  }
  console.log(JSON.stringify(report, null, 2));
}
