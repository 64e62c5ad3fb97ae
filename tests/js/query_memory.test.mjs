// Memory per query: Tidewater.open({ queryMemoryBytes }) bounds the bytes of tables one Flux
// query may hold. A query past it fails with InfluxDB's error shape through /api/v2/query and
// with InvalidError through db.query, instead of exhausting the wasm heap; the database stays
// usable (smaller queries, writes).
//
// Run: node --test --test-concurrency=1 tests/js/query_memory.test.mjs
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { InvalidError, Tidewater } from '../../wasm/index.js';

const SETUP = { username: 'ada', password: 'lovelace-1815', org: 'o', bucket: 'b' };
const LIMIT = 200_000;
const POINTS = 20_000;
const ALL = 'from(bucket: "b") |> range(start: 2023-01-01T00:00:00Z) |> map(fn: (r) => ({r with _value: r._value + 1.0}))';
const LAST_TEN = `from(bucket: "b") |> range(start: ${new Date((1_700_000_000 + POINTS - 10) * 1000).toISOString()}) |> map(fn: (r) => ({r with _value: r._value + 1.0}))`;

test('a Flux query past the memory bound fails clearly and the database stays usable', { timeout: 60_000 }, async () => {
  await assert.rejects(Tidewater.open({ queryMemoryBytes: -5 }), InvalidError);
  const db = await Tidewater.open({ name: 'querymem', queryMemoryBytes: LIMIT });
  const { token } = await db.setup(SETUP);
  const lines = Array.from({ length: POINTS }, (_, i) => `m,host=h${i % 4} v=${i}.0 ${1_700_000_000 + i}`).join('\n');
  await db.write(token, { org: 'o', bucket: 'b', precision: 's' }, lines);

  // The HTTP API answers as InfluxDB does for a query it refuses: 400 with {code, message}.
  const headers = [['authorization', `Token ${token}`], ['content-type', 'application/json']];
  const res = await db.request('POST', '/api/v2/query?org=o', headers, JSON.stringify({ query: ALL, type: 'flux' }));
  assert.equal(res.status, 400);
  const error = JSON.parse(res.body);
  assert.deepEqual(Object.keys(error).sort(), ['code', 'message']);
  assert.equal(error.code, 'invalid');
  assert.match(error.message, new RegExp(`query exceeded its memory limit of ${LIMIT} bytes`));

  // The same through fetch and through db.query.
  const viaFetch = await db.fetch('/api/v2/query?org=o', { method: 'POST', headers: Object.fromEntries(headers), body: JSON.stringify({ query: ALL }) });
  assert.equal(viaFetch.status, 400);
  assert.equal((await viaFetch.json()).code, 'invalid');
  await assert.rejects(db.query(token, { org: 'o' }, ALL),
    (e) => e instanceof InvalidError && e.status === 400 && /memory limit/.test(e.message));

  // Still usable: a query under the bound, a write, and the count of everything.
  const rows = await db.query(token, { org: 'o' }, LAST_TEN);
  assert.equal(rows.length, 10);
  assert.deepEqual(rows.map((r) => r._value).sort((a, b) => a - b), Array.from({ length: 10 }, (_, i) => POINTS - 10 + i + 1));
  await db.write(token, { org: 'o', bucket: 'b', precision: 's' }, `m,host=h0 v=1.0 ${1_700_000_000 + POINTS}`);
  const count = await db.query(token, { org: 'o' }, 'from(bucket: "b") |> range(start: 2023-01-01T00:00:00Z) |> group() |> count()');
  assert.equal(count[0]._value, POINTS + 1);
  await db.close();

  // Without the option the default bound (1 GiB) lets the same query through.
  const roomy = await Tidewater.open({ name: 'querymem-default' });
  const { token: t2 } = await roomy.setup(SETUP);
  await roomy.write(t2, { org: 'o', bucket: 'b', precision: 's' }, lines);
  assert.equal((await roomy.query(t2, { org: 'o' }, ALL)).length, POINTS);
  await roomy.close();
});
