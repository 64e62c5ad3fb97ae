// The InfluxQL differential suite against the real InfluxDB 1.6.7: starts influxd on
// 127.0.0.1 in a temporary folder, writes the same data to it and to an in-process Tidewater,
// runs every query of queries.txt on both and compares the JSON (floats within 1e-9 relative).
// Used by tests/js/influxql_differential.test.mjs; `node tests/differential/run.mjs` prints
// the report alone.
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Tidewater } from '../../wasm/index.js';

const here = fileURLToPath(new URL('.', import.meta.url));
export const DATABASE = 'get-started';

export function dataLines() {
  return readFileSync(join(here, '../../../shared/tutorial/home.lp'), 'utf8') + readFileSync(join(here, 'data.lp'), 'utf8');
}

// queries.txt → [{ line, params, query, differs?, expect? }]
export function loadQueries() {
  const out = [];
  let pending = null;
  readFileSync(join(here, 'queries.txt'), 'utf8').split('\n').forEach((raw, i) => {
    const text = raw.trim();
    if (!text || text.startsWith('#')) return;
    if (text.startsWith('@differs ')) { pending = { reason: text.slice(9) }; return; }
    if (text.startsWith('@known-bug ')) { pending = { bug: text.slice(11) }; return; }
    if (text.startsWith('@expect ')) {
      if (!out.length || !out.at(-1).differs) throw new Error(`queries.txt:${i + 1}: @expect without @differs`);
      out.at(-1).expect = text.slice(8);
      return;
    }
    let params = '', query = text;
    if (text.startsWith('?')) {
      const sp = text.indexOf(' ');
      params = text.slice(1, sp);
      query = text.slice(sp + 1);
    }
    out.push({ line: i + 1, params, query, differs: pending?.reason, bug: pending?.bug });
    pending = null;
  });
  for (const q of out) if (q.differs && q.expect === undefined) throw new Error(`queries.txt:${q.line}: @differs without @expect`);
  return out;
}

export function freePort() {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => { const { port } = s.address(); s.close(() => resolve(port)); });
  });
}

export function influxdPath() {
  try {
    return execFileSync('sh', ['-c', 'command -v influxd'], { encoding: 'utf8' }).trim() || null;
  } catch {
    return null;
  }
}

// influxd 1.6 with everything but HTTP off, data under a temporary folder; HTTP on `port`
// (chosen ahead, e.g. so that a replication can point at it while it is still down) or a free one.
export async function startInfluxd({ port: httpPort } = {}) {
  const bin = influxdPath();
  if (!bin) throw new Error('influxd is not installed: the differential suite needs Debian\'s "influxdb" package (bash scripts/setup.sh installs it)');
  const dir = mkdtempSync(join(tmpdir(), 'tidewater-influxd-'));
  const [port, rpc] = [httpPort ?? await freePort(), await freePort()];
  const conf = join(dir, 'influxdb.conf');
  writeFileSync(conf, `reporting-disabled = true
reporting-enabled = false
bind-address = "127.0.0.1:${rpc}"
[meta]
  dir = "${dir}/meta"
[data]
  dir = "${dir}/data"
  wal-dir = "${dir}/wal"
  query-log-enabled = false
[retention]
  enabled = false
[shard-precreation]
  enabled = false
[monitor]
  store-enabled = false
[subscriber]
  enabled = false
[http]
  enabled = true
  bind-address = "127.0.0.1:${port}"
  auth-enabled = false
  log-enabled = false
[logging]
  level = "warn"
  suppress-logo = true
[continuous_queries]
  enabled = false
`);
  const child = spawn(bin, ['run', '-config', conf], { stdio: ['ignore', 'ignore', 'pipe'] });
  let log = '';
  child.stderr.on('data', (d) => { log += d; });
  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode === null) {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
    }
    rmSync(dir, { recursive: true, force: true });
  };
  for (let i = 0; i < 150; i++) {
    if (child.exitCode !== null) break;
    try {
      if ((await fetch(`${url}/ping`)).status === 204) return { url, stop };
    } catch { /* not listening yet */ }
    await new Promise((r) => setTimeout(r, 200));
  }
  await stop();
  throw new Error(`influxd did not start: ${log.slice(-2000)}`);
}

// One side of the comparison: a function (params, query) → { status, text }.
export async function openInfluxd(influxd) {
  const post = async (path, body, type) => {
    const r = await fetch(`${influxd.url}${path}`, { method: 'POST', body, headers: { 'content-type': type } });
    return { status: r.status, text: await r.text() };
  };
  const created = await post('/query', `q=${encodeURIComponent(`CREATE DATABASE "${DATABASE}"`)}`, 'application/x-www-form-urlencoded');
  if (created.status !== 200) throw new Error(`CREATE DATABASE: ${created.text}`);
  const w = await post(`/write?db=${DATABASE}&precision=s`, dataLines(), 'text/plain');
  if (w.status !== 204) throw new Error(`influxd write: ${w.status} ${w.text}`);
  return async (params, query) => {
    const r = await fetch(`${influxd.url}/query?db=${encodeURIComponent(DATABASE)}&q=${encodeURIComponent(query)}${params ? `&${params}` : ''}`);
    return { status: r.status, text: await r.text() };
  };
}

export async function openTidewater() {
  const db = await Tidewater.open({ storage: 'memory' });
  const { token } = await db.setup({ username: 'ada', password: 'lovelace-1815', org: 'docs', bucket: DATABASE });
  const headers = { Authorization: `Token ${token}` };
  const w = await db.fetch(`/write?db=${DATABASE}&precision=s`, { method: 'POST', headers, body: dataLines() });
  if (w.status !== 204) throw new Error(`tidewater write: ${w.status} ${await w.text()}`);
  const run = async (params, query) => {
    const r = await db.fetch(`/query?db=${encodeURIComponent(DATABASE)}&q=${encodeURIComponent(query)}${params ? `&${params}` : ''}`, { headers });
    return { status: r.status, text: await r.text() };
  };
  return { db, token, run };
}

function sameNumber(a, b) {
  if (a === b) return true;
  return Math.abs(a - b) <= 1e-9 * Math.max(Math.abs(a), Math.abs(b));
}

// Deep equality with key order (InfluxDB's field order is part of the answer) and float tolerance.
export function sameJson(a, b) {
  if (typeof a === 'number' && typeof b === 'number') return sameNumber(a, b);
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((x, i) => sameJson(x, b[i]));
  }
  if (a && b && typeof a === 'object' && typeof b === 'object') {
    const ka = Object.keys(a), kb = Object.keys(b);
    return ka.length === kb.length && ka.every((k, i) => k === kb[i] && sameJson(a[k], b[k]));
  }
  return a === b;
}

function parse(text) {
  try { return JSON.parse(text); } catch { return { unparsable: text }; }
}

// Runs the suite; returns { total, compared, differences: [...], failures: [...] }.
export async function runSuite({ log = () => {} } = {}) {
  const queries = loadQueries();
  const influxd = await startInfluxd();
  const tw = await openTidewater();
  try {
    const peer = await openInfluxd(influxd);
    const failures = [], differences = [], bugs = [];
    for (const q of queries) {
      const ours = await tw.run(q.params, q.query);
      const theirs = await peer(q.params, q.query);
      if (q.differs) {
        differences.push({ ...q, theirs: theirs.text.trim() });
        if (!sameJson(parse(ours.text), parse(q.expect)))
          failures.push({ ...q, why: 'differs from @expect', ours: ours.text.trim(), theirs: q.expect });
        continue;
      }
      const same = ours.status === theirs.status && sameJson(parse(ours.text), parse(theirs.text));
      if (q.bug) {
        bugs.push({ ...q, ours: `${ours.status} ${ours.text.trim()}`, theirs: `${theirs.status} ${theirs.text.trim()}` });
        if (same) failures.push({ ...q, why: 'fixed: remove its @known-bug marker', ours: ours.text.trim(), theirs: theirs.text.trim() });
        continue;
      }
      if (!same)
        failures.push({ ...q, ours: `${ours.status} ${ours.text.trim()}`, theirs: `${theirs.status} ${theirs.text.trim()}` });
    }
    log(`${queries.length} queries: ${queries.length - differences.length - bugs.length} equal to influxd's answers, ` +
      `${differences.length} intended differences, ${bugs.length} known bugs, ${failures.length} failures`);
    for (const b of bugs) log(`known bug (queries.txt:${b.line}): ${b.bug}: ${b.query}`);
    return { total: queries.length, differences, bugs, failures };
  } finally {
    await tw.db.close();
    await influxd.stop();
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const r = await runSuite({ log: console.log });
  for (const f of r.failures) console.log(`\nqueries.txt:${f.line}: ${f.query}\n  ours:   ${f.ours}\n  influx: ${f.theirs}`);
  process.exitCode = r.failures.length ? 1 : 0;
}
