// InfluxQL benchmark: ../shared/bench/peer_influxdb1.sh's query set on Tidewater (wasm in Node,
// in process, through the v1 /query API of db.fetch) over the same devops data, and the ratio
// to influxd's medians when they are available.
//   node scripts/bench_influxql.mjs [--set small|medium] [--runs N] [--peer-json FILE] [--run-peer]
// influxd's figures come from --peer-json (a peer run's summary.json), else from
// build/bench/<set>/peer.json (scripts/bench.sh --peer), else from running the peer script
// itself with --run-peer. Prints JSON: per query our median and influxd's, and the ratio
// ours/influxd (below 1 = faster than influxd over HTTP).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Tidewater } from '../wasm/index.js';

const args = process.argv.slice(2);
const opt = (name, dflt) => { const i = args.indexOf(name); return i >= 0 ? args[i + 1] : dflt; };
const set = opt('--set', 'small');
const runs = Number(opt('--runs', 5));
const hosts = { small: 10, medium: 100 }[set];
if (!hosts) throw new Error(`unknown set ${set}`);

mkdirSync('build', { recursive: true });
const data = `build/devops-${set}.lp`;
if (!existsSync(data)) {
  execFileSync('python3', ['../shared/bench/gen_devops.py', '--hosts', String(hosts), '--hours', '24', '--seed', '123', '-o', data]);
}

// The peer's queries, built from the first and last timestamps as peer_influxdb1.sh does.
function querySet(text) {
  const first = BigInt(text.slice(0, text.indexOf('\n')).split(' ').at(-1));
  const lastLine = text.trimEnd().slice(text.trimEnd().lastIndexOf('\n') + 1);
  const last = BigInt(lastLine.split(' ').at(-1));
  const H = 3600000000000n;
  const [t6, t7, t18] = [first + 6n * H, first + 7n * H, first + 18n * H];
  const fields = ['usage_user', 'usage_system', 'usage_idle', 'usage_nice', 'usage_iowait', 'usage_irq', 'usage_softirq', 'usage_steal', 'usage_guest', 'usage_guest_nice'];
  const allMean = fields.map((f) => `mean("${f}")`).join(',');
  const hosts8 = [0, 1, 2, 3, 4, 5, 6, 7].map((i) => `"hostname" = 'host_${i}'`).join(' OR ');
  return [
    ['a', `SELECT max("usage_user") FROM "cpu" WHERE "hostname" = 'host_3' AND time >= ${t6} AND time < ${t7} GROUP BY time(1m)`],
    ['b', `SELECT ${allMean} FROM "cpu" WHERE (${hosts8}) AND time >= ${t6} AND time < ${t18} GROUP BY time(1h)`],
    ['c', `SELECT max("usage_user") FROM "cpu" WHERE time >= ${first} AND time <= ${last} GROUP BY time(1h)`],
    ['d', 'SELECT last(*) FROM "cpu" GROUP BY "hostname"'],
    ['e', 'SELECT count(*) FROM "cpu"'],
    ['f1', 'SHOW MEASUREMENTS'],
    ['f2', 'SHOW TAG VALUES WITH KEY = "hostname"'],
    ['x1', `SELECT ${allMean} FROM "cpu" WHERE time >= ${t6} AND time < ${t18} GROUP BY time(1h), "hostname"`],
    ['x2', `SELECT * FROM "cpu" WHERE "usage_user" > 90.0 AND "hostname" = 'host_1' AND time >= ${t6} AND time < ${t18}`],
  ];
}

function peerSummary() {
  const given = opt('--peer-json');
  if (given) return JSON.parse(readFileSync(given, 'utf8'));
  const saved = `build/bench/${set}/peer.json`;
  if (existsSync(saved)) return JSON.parse(readFileSync(saved, 'utf8'));
  if (!args.includes('--run-peer')) return null;
  const work = mkdtempSync(join(tmpdir(), 'tidewater-peer-'));
  const log = execFileSync('bash', ['../shared/bench/peer_influxdb1.sh', '--clean', '--name', set, '--port', '18086', data],
    { env: { ...process.env, PEER_WORKDIR: work }, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  const dir = log.match(/^== done: (.*)$/m)[1];
  return JSON.parse(readFileSync(join(dir, 'summary.json'), 'utf8'));
}

const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };

const text = readFileSync(data, 'utf8');
const db = await Tidewater.open({ storage: 'memory' });
try {
  const { token } = await db.setup({ username: 'bench', password: 'bench-password-1', org: 'bench', bucket: 'bench' });
  const headers = { Authorization: `Token ${token}` };
  const lines = text.split('\n');
  const t0 = performance.now();
  for (let i = 0; i < lines.length; i += 5000) {
    const body = lines.slice(i, i + 5000).join('\n');
    if (!body.trim()) continue;
    const r = await db.fetch('/write?db=bench&precision=ns', { method: 'POST', headers, body });
    if (r.status !== 204) throw new Error(`write: ${r.status} ${await r.text()}`);
  }
  const ingestS = (performance.now() - t0) / 1000;
  const peer = peerSummary();
  const peerById = new Map((peer?.queries ?? []).map((q) => [q.id, q]));
  const queries = [];
  for (const [id, q] of querySet(text)) {
    const times = [];
    let body = '';
    for (let i = 0; i < runs; i++) {
      const s = performance.now();
      const r = await db.fetch(`/query?db=bench&q=${encodeURIComponent(q)}`, { headers });
      body = await r.text();
      times.push(performance.now() - s);
      if (r.status !== 200) throw new Error(`${id}: ${r.status} ${body}`);
    }
    const ours = median(times);
    const theirs = peerById.get(id)?.median_ms;
    const rows = JSON.parse(body).results.reduce((n, res) => n + (res.series ?? []).reduce((m, s) => m + (s.values?.length ?? 0), 0), 0);
    queries.push({ id, rows, tidewater_median_ms: +ours.toFixed(2), influxd_median_ms: theirs ?? null,
      ratio: theirs ? +(ours / theirs).toFixed(3) : null });
    console.error(`${id.padEnd(3)} tidewater ${ours.toFixed(2).padStart(9)} ms` +
      (theirs ? `  influxd ${theirs.toFixed(2).padStart(9)} ms  ratio ${(ours / theirs).toFixed(2)}` : '  (no influxd figures)') + `  rows=${rows}`);
  }
  console.log(JSON.stringify({ bench: 'influxql', set, lines: lines.length - 1, ingest_s: +ingestS.toFixed(2), runs,
    influxd: peer ? peer.influxd ?? 'InfluxDB 1.6.7' : null, queries }, null, 1));
} finally {
  await db.close();
}
