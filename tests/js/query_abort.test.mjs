// Query cancellation and timeout from JS: db.query(..., { signal, timeout }) rejects with
// QueryCanceledError (code 'unavailable', status 503), the engine stops evaluating the query
// (the Flux interpreter polls the host's interrupt), and the database stays usable with the
// same answers as before.
//
// Run: node --test --test-concurrency=1 tests/js/query_abort.test.mjs
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Worker } from 'node:worker_threads';
import { EngineHost } from '../../wasm/engine_host.js';
import { QueryCanceledError, Tidewater, UnavailableError } from '../../wasm/index.js';

const SETUP = { username: 'ada', password: 'lovelace-1815', org: 'o', bucket: 'b' };
const ORG = { org: 'o' };
const POINTS = 60_000;
// Per-row lambdas: the interpreter's work grows with the rows, so a stopped query is visibly
// shorter than a finished one.
const HEAVY = `from(bucket: "b") |> range(start: 2023-01-01T00:00:00Z)
  |> map(fn: (r) => ({r with _value: r._value * 2.0 + 1.0}))
  |> map(fn: (r) => ({r with _value: r._value - 1.0}))
  |> filter(fn: (r) => r._value >= 0.0)
  |> sum()`;
const EXPECTED_SUM = (POINTS * (POINTS - 1));  // sum of 2*i

async function loadedDb(open = {}) {
  const db = await Tidewater.open({ name: `abort${Math.random().toString(36).slice(2)}`, ...open });
  const { token } = await db.setup(SETUP);
  const lines = Array.from({ length: POINTS }, (_, i) => `m v=${i}.0 ${1_700_000_000 + i}`).join('\n');
  await db.write(token, { org: 'o', bucket: 'b', precision: 's' }, lines);
  return { db, token };
}

// An EngineHost (the engine in this thread, no Worker) with POINTS points, line(i) each.
async function loadedHost(name, line) {
  const host = await EngineHost.create({ name, scheduler: false });
  const setup = await host.request('POST', '/api/v2/setup', [['content-type', 'application/json']], JSON.stringify(SETUP));
  const auth = [['authorization', `Token ${JSON.parse(setup.body).auth.token}`]];
  const lines = Array.from({ length: POINTS }, (_, i) => line(i)).join('\n');
  assert.equal((await host.request('POST', '/api/v2/write?org=o&bucket=b&precision=s', auth, lines)).status, 204);
  return { host, auth };
}

// start() begins the call (in process, the engine runs the query inside it, synchronously).
async function timed(start) {
  const started = performance.now();
  const result = await start().then((value) => ({ value }), (error) => ({ error }));
  return { ...result, ms: performance.now() - started };
}

test('a timeout stops the query in the engine; the database answers the same afterwards', { timeout: 60_000 }, async () => {
  const { db, token } = await loadedDb();
  const full = await timed(() => db.query(token, ORG, HEAVY));
  assert.ifError(full.error);
  assert.equal(full.value[0]._value, EXPECTED_SUM);
  assert.ok(full.ms > 40, `the heavy query takes ${full.ms} ms; it must be slow enough to stop midway`);

  const budget = Math.max(5, Math.floor(full.ms / 10));
  for (let i = 0; i < 3; i++) {
    const stopped = await timed(() => db.query(token, { ...ORG, timeout: budget }, HEAVY));
    assert.ok(stopped.error instanceof QueryCanceledError, `got ${stopped.error ?? 'a result'}`);
    assert.ok(stopped.error instanceof UnavailableError);
    assert.equal(stopped.error.name, 'QueryCanceledError');
    assert.equal(stopped.error.code, 'unavailable');
    assert.equal(stopped.error.status, 503);
    assert.equal(stopped.error.reason, 'timeout');
    assert.match(stopped.error.message, new RegExp(`timed out after ${budget} ms`));
    // The engine gave up near the deadline instead of finishing the query.
    assert.ok(stopped.ms < full.ms / 2, `stopped after ${stopped.ms} ms; the whole query takes ${full.ms} ms`);
  }

  // Nothing stuck or corrupted: the same answer, and writes still work.
  const again = await db.query(token, { ...ORG, timeout: 60_000 }, HEAVY);
  assert.equal(again[0]._value, EXPECTED_SUM);
  await db.write(token, { org: 'o', bucket: 'b', precision: 's' }, `m v=1.0 ${1_700_000_000 + POINTS}`);
  const count = await db.query(token, ORG, 'from(bucket: "b") |> range(start: 2023-01-01T00:00:00Z) |> count()');
  assert.equal(count[0]._value, POINTS + 1);
  await db.close();
});

test('an aborted signal rejects at once with reason aborted; a bad timeout is invalid', { timeout: 60_000 }, async () => {
  const { db, token } = await loadedDb();
  const controller = new AbortController();
  controller.abort();
  const aborted = await timed(() => db.query(token, { ...ORG, signal: controller.signal }, HEAVY));
  assert.ok(aborted.error instanceof QueryCanceledError);
  assert.equal(aborted.error.reason, 'aborted');
  assert.equal(aborted.error.code, 'unavailable');
  await assert.rejects(db.query(token, { ...ORG, timeout: -1 }, HEAVY), (e) => e.code === 'invalid');
  // A signal that never fires changes nothing.
  const rows = await db.query(token, { ...ORG, signal: new AbortController().signal }, HEAVY);
  assert.equal(rows[0]._value, EXPECTED_SUM);
  await db.close();
});

// The dedicated-Worker path: the page sets a flag on a SharedArrayBuffer while the engine is
// busy; here another thread sets it while this one runs the query.
test('a shared abort flag set by another thread stops a running query', { timeout: 60_000 }, async () => {
  const json = [['content-type', 'application/json']];
  const { host, auth } = await loadedHost('flag', (i) => `m v=${i}.0 ${1_700_000_000 + i}`);
  const body = JSON.stringify({ query: HEAVY, type: 'flux', now: '2026-01-01T00:00:00Z' });  // the same _stop each run

  const full = await timed(() => host.request('POST', '/api/v2/query?org=o', [...auth, ...json], body));
  assert.equal(full.value.status, 200);

  const flag = new Int32Array(new SharedArrayBuffer(4));
  const delay = Math.max(5, Math.floor(full.ms / 10));
  const setter = new Worker(`const { workerData: { flag, delay } } = require('node:worker_threads');
    Atomics.wait(flag, 0, 0, delay); Atomics.store(flag, 0, 1);`, { eval: true, workerData: { flag, delay } });
  await new Promise((resolve) => setter.once('online', resolve));
  const stopped = await timed(() => host.request('POST', '/api/v2/query?org=o', [...auth, ...json], body, { flag }));
  await setter.terminate();
  assert.equal(stopped.value.status, 503);
  const answer = JSON.parse(stopped.value.body);
  assert.equal(answer.code, 'unavailable');
  assert.match(answer.message, /query canceled/);
  assert.ok(stopped.ms < full.ms / 2, `stopped after ${stopped.ms} ms; the whole query takes ${full.ms} ms`);

  // Later queries are not interrupted by the old flag.
  const after = await host.request('POST', '/api/v2/query?org=o', [...auth, ...json], body);
  assert.equal(after.status, 200);
  assert.equal(after.body, full.value.body);
  await host.close();
});

// InfluxQL polls the same interrupt (between scans, per group, every 4096 rows); db.fetch takes
// fetch's own { signal }: aborted, it rejects with the signal's reason as fetch does.
test('InfluxQL on /query: a deadline stops it with 503 "query canceled"; db.fetch honours { signal }', { timeout: 60_000 }, async () => {
  // 200 series of 300 points, five aggregates each under GROUP BY host: the work is in the
  // groups (polled), not in writing a large answer.
  const { host, auth } = await loadedHost('influxql-stop', (i) => `m,host=h${i % 200} v=${i}.0 ${1_700_000_000 + Math.floor(i / 200)}`);
  const target = `/query?db=b&q=${encodeURIComponent('SELECT median(v), percentile(v, 90), stddev(v), mode(v), spread(v) FROM m GROUP BY host')}`;

  await host.request('GET', target, auth, '');  // the first run also warms the engine up
  const full = await timed(() => host.request('GET', target, auth, ''));
  assert.equal(full.value.status, 200);
  assert.equal(JSON.parse(full.value.body).results[0].series.length, 200);
  assert.ok(full.ms > 20, `the heavy query takes ${full.ms} ms; it must be slow enough to stop midway`);

  const stopped = await timed(() => host.request('GET', target, auth, '', { deadline: Date.now() + Math.max(2, Math.floor(full.ms / 10)) }));
  assert.equal(stopped.value.status, 503);
  assert.deepEqual(JSON.parse(stopped.value.body), { error: 'query canceled' });
  assert.ok(stopped.ms < full.ms / 2, `stopped after ${stopped.ms} ms; the whole query takes ${full.ms} ms`);
  assert.equal((await host.request('GET', target, auth, '')).body, full.value.body);
  await host.close();

  const { db, token: t2 } = await loadedDb();
  const headers = { Authorization: `Token ${t2}` };
  const controller = new AbortController();
  controller.abort();
  for (const [url, init] of [[`/query?db=b&q=${encodeURIComponent('SELECT count(v) FROM m')}`, {}],
    ['/api/v2/query?org=o', { method: 'POST', headers: { ...headers, 'content-type': 'application/vnd.flux' }, body: HEAVY }]]) {
    await assert.rejects(db.fetch(url, { headers, ...init, signal: controller.signal }), (e) => e.name === 'AbortError');
    const res = await db.fetch(url, { headers, ...init, signal: new AbortController().signal });
    assert.equal(res.status, 200, await res.clone().text());
  }
  const counted = await (await db.fetch(`/query?db=b&q=${encodeURIComponent('SELECT count(v) FROM m')}`, { headers, signal: new AbortController().signal })).json();
  assert.equal(counted.results[0].series[0].values[0][1], POINTS);
  await db.close();
});
