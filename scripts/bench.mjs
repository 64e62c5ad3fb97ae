// Benchmarks of the wasm engine in Node; prints one JSON object of figures.
//   node scripts/bench.mjs [--set small|medium] [--batch LINES]
// Data: ../shared/bench/gen_devops.py (small: 10 hosts x 24 h = 86,400 lines, 864,000 values).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { Tidewater } from '../wasm/index.js';

const root = resolve(fileURLToPath(new URL('..', import.meta.url)));
const args = process.argv.slice(2);
const opt = (name, dflt) => { const i = args.indexOf(`--${name}`); return i >= 0 ? args[i + 1] : dflt; };
const set = opt('set', 'small');
const batchLines = Number(opt('batch', 5000));
const hosts = { small: 10, medium: 100 }[set];
if (!hosts) throw new Error(`unknown set ${set}`);

const dataFile = join(root, 'build', `devops-${set}.lp`);
if (!existsSync(dataFile)) {
  execFileSync('python3', [join(root, '..', 'shared', 'bench', 'gen_devops.py'), '--hosts', String(hosts), '--hours', '24',
    '--seed', '123', '-o', dataFile]);
}
const lines = readFileSync(dataFile, 'utf8').split('\n').filter(Boolean);
const valuesPerLine = 10;
const batches = [];
for (let i = 0; i < lines.length; i += batchLines) batches.push(lines.slice(i, i + batchLines).join('\n'));

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
  for (const b of batches) await db.write(token, { org: 'o', bucket: 'devops', precision: 'ns' }, b);
  const seconds = (performance.now() - t0) / 1000;
  return { db, token, seconds };
}

const wasm = readFileSync(join(root, 'wasm', 'dist', 'tidewater.wasm'));
const glue = readFileSync(join(root, 'wasm', 'dist', 'tidewater.js'));
const figures = {
  set, lines: lines.length, values: lines.length * valuesPerLine, batch_lines: batchLines,
  wasm_bytes: wasm.length, wasm_gzip_bytes: gzipSync(wasm, { level: 9 }).length,
  glue_js_bytes: glue.length, glue_js_gzip_bytes: gzipSync(glue, { level: 9 }).length,
};

{
  const t0 = performance.now();
  const db = await Tidewater.open({ name: 'cold', storage: 'memory' });
  figures.module_open_ms = +(performance.now() - t0).toFixed(1);
  await db.close();
}

{
  const { db, token, seconds } = await ingest('memory');
  figures.wasm_memory_ingest_lines_per_s = Math.round(lines.length / seconds);
  figures.wasm_memory_ingest_values_per_s = Math.round((lines.length * valuesPerLine) / seconds);
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
    const { db, seconds } = await ingest({ directory: dir });
    figures.wasm_directory_durable_ingest_values_per_s = Math.round((lines.length * valuesPerLine) / seconds);
    await db.close();
    figures.directory_bytes_per_value = +(dirBytes(dir) / (lines.length * valuesPerLine)).toFixed(2);
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
