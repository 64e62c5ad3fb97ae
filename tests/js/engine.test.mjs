// The wasm module in Node through the public API: writes, queries, errors, persistence.
import 'fake-indexeddb/auto';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  Tidewater, TidewaterError, InvalidError, UnauthorizedError, NotFoundError, ConflictError,
} from '../../wasm/index.js';

const SETUP = { username: 'ada', password: 'lovelace-1815', org: 'analytical', bucket: 'engine', retentionPeriodSeconds: 0 };
const HOME = [
  'home,room=Kitchen temp=21.0,hum=35.9,co=0i 1641024000',
  'home,room=Living\\ Room temp=21.1,hum=35.9,co=0i 1641024000',
  'home,room=Kitchen temp=23.0,hum=36.2,co=0i 1641027600',
  'home,room=Living\\ Room temp=21.4,hum=35.9,co=0i 1641027600',
].join('\n');
const TEMP_QUERY = `from(bucket: "engine")
  |> range(start: 2022-01-01T08:00:00Z, stop: 2022-01-01T20:00:01Z)
  |> filter(fn: (r) => r._measurement == "home" and r._field == "temp")`;

async function freshDb(name = `t${Math.random().toString(36).slice(2)}`, storage = 'memory') {
  const db = await Tidewater.open({ name, storage });
  const ids = await db.setup(SETUP);
  return { db, ...ids };
}

test('setup returns an operator token and IDs; a second setup is a conflict', async () => {
  const { db, token, orgID, bucketID, userID } = await freshDb();
  assert.equal(token.length, 88);
  for (const id of [orgID, bucketID, userID]) assert.match(id, /^[0-9a-f]{16}$/);
  await assert.rejects(db.setup(SETUP), (e) => e instanceof ConflictError && e.code === 'conflict' && e.status === 422);
  const allowed = await db.request('GET', '/api/v2/setup');
  assert.deepEqual(JSON.parse(allowed.body), { allowed: false });
  await db.close();
});

test('writes in every field type and precision, then reads them back as rows and annotated CSV', async () => {
  const { db, token } = await freshDb();
  await db.write(token, { org: 'analytical', bucket: 'engine', precision: 's' }, HOME);
  await db.write(token, { org: 'analytical', bucket: 'engine', precision: 'ms' }, 'kinds f=1.5,i=-2i,u=3u,s="a \\"q\\"",b=true 1641024000000');
  await db.write(token, { org: 'analytical', bucket: 'engine', precision: 'us' }, 'kinds f=2.5 1641024001000000');
  await db.write(token, { org: 'analytical', bucket: 'engine', precision: 'ns' }, 'kinds f=3.5 1641024002000000000');

  const rows = await db.query(token, { org: 'analytical' }, TEMP_QUERY);
  assert.equal(rows.length, 4);
  const kitchen = rows.filter((r) => r.room === 'Kitchen');
  assert.deepEqual(kitchen.map((r) => [r._time, r._value]), [['2022-01-01T08:00:00Z', 21], ['2022-01-01T09:00:00Z', 23]]);
  assert.equal(rows[0]._start, '2022-01-01T08:00:00Z');
  assert.equal(rows[0]._stop, '2022-01-01T20:00:01Z');
  assert.equal(new Set(rows.map((r) => r.table)).size, 2);

  const kinds = await db.query(token, { org: 'analytical' },
    'from(bucket: "engine") |> range(start: 2022-01-01T00:00:00Z, stop: 2022-01-02T00:00:00Z) |> filter(fn: (r) => r._measurement == "kinds")');
  const byField = {};
  for (const r of kinds) (byField[r._field] ??= []).push(r);
  assert.deepEqual(byField.f.map((r) => r._value), [1.5, 2.5, 3.5]);
  assert.deepEqual(byField.f.map((r) => r._time), ['2022-01-01T08:00:00Z', '2022-01-01T08:00:01Z', '2022-01-01T08:00:02Z']);
  assert.equal(byField.i[0]._value, -2);
  assert.equal(byField.u[0]._value, 3);
  assert.equal(byField.s[0]._value, 'a "q"');
  assert.equal(byField.b[0]._value, true);

  const csv = await db.queryCSV(token, { org: 'analytical' },
    'from(bucket: "engine") |> range(start: 2022-01-01T08:00:00Z, stop: 2022-01-01T08:00:02Z) |> filter(fn: (r) => r._measurement == "kinds" and r._field == "i")');
  assert.equal(csv, [
    '#datatype,string,long,dateTime:RFC3339,dateTime:RFC3339,dateTime:RFC3339,long,string,string',
    '#group,false,false,true,true,false,false,true,true',
    '#default,_result,,,,,,,',
    ',result,table,_start,_stop,_time,_value,_field,_measurement',
    ',,0,2022-01-01T08:00:00Z,2022-01-01T08:00:02Z,2022-01-01T08:00:00Z,-2,i,kinds',
    '', ''].join('\r\n'));
  await db.close();
});

test('malformed line protocol names line and column and writes nothing', async () => {
  const { db, token } = await freshDb();
  const bad = 'home,room=Kitchen temp=1 1641024000\nhome,room=Kitchen temp= 1641027600\n';
  await assert.rejects(db.write(token, { org: 'analytical', bucket: 'engine', precision: 's' }, bad), (e) => {
    assert.ok(e instanceof InvalidError && e instanceof TidewaterError);
    assert.equal(e.code, 'invalid');
    assert.equal(e.status, 400);
    assert.match(e.message, /line 2/);
    assert.match(e.message, /column \d+/);
    return true;
  });
  const rows = await db.query(token, { org: 'analytical' }, TEMP_QUERY);
  assert.equal(rows.length, 0);
  await assert.rejects(db.write(token, { org: 'analytical', bucket: 'engine' }, ''), /writing requires points/);
  await db.close();
});

test('unknown buckets, orgs and tokens get InfluxDB codes', async () => {
  const { db, token } = await freshDb();
  const write = (t, opts) => db.write(t, { org: 'analytical', bucket: 'engine', ...opts }, 'm v=1');
  await assert.rejects(write(token, { bucket: 'nope' }), (e) => e instanceof NotFoundError && e.status === 404);
  await assert.rejects(write(token, { org: 'nope' }), (e) => e instanceof NotFoundError);
  await assert.rejects(write('not-a-token'), (e) => e instanceof UnauthorizedError && e.status === 401);
  await assert.rejects(write(''), (e) => e instanceof InvalidError);
  const noAuth = await db.request('POST', '/api/v2/write?org=analytical&bucket=engine', [], 'm v=1');
  assert.equal(noAuth.status, 401);
  assert.deepEqual(JSON.parse(noAuth.body), { code: 'unauthorized', message: 'unauthorized access' });
  await assert.rejects(db.query(token, { org: 'analytical' }, 'from(bucket: "nope") |> range(start: 0)'),
    (e) => e instanceof NotFoundError && /nope/.test(e.message));
  await assert.rejects(db.query(token, { org: 'analytical' }, 'from(bucket: "engine") |> range(start: )'),
    (e) => e instanceof InvalidError && /error @1:/.test(e.message));
  await db.close();
});

test('no exception reaches JavaScript: hostile requests get JSON errors', async () => {
  const { db } = await freshDb();
  const cases = [
    ['GET', '/nowhere', [], ''],
    ['DELETE', '/api/v2/write', [], ''],
    ['POST', '/api/v2/setup', [['content-type', 'application/json']], '{"username": 5'],
    ['POST', '/api/v2/query?org=analytical', [['authorization', 'Token x']], '\u0000\uffff'],
    ['POST', '/api/v2/write?%zz=%', [['authorization', 'Bearer ']], new Uint8Array([0xff, 0xfe, 0])],
  ];
  for (const [method, target, headers, body] of cases) {
    const res = await db.request(method, target, headers, body);
    assert.ok(res.status >= 400, `${method} ${target} → ${res.status}`);
    const parsed = JSON.parse(res.body);
    assert.equal(typeof parsed.code, 'string');
    assert.equal(typeof parsed.message, 'string');
  }
  await db.close();
});

test('IndexedDB persistence: a fresh module instance sees every acknowledged write', async () => {
  const name = `idb${Date.now()}`;
  const first = await Tidewater.open({ name, storage: 'indexeddb' });
  const { token } = await first.setup(SETUP);
  await first.write(token, { org: 'analytical', bucket: 'engine', precision: 's' }, HOME);
  // No close(): a resolved write must already be in IndexedDB, as after a page reload.
  const second = await Tidewater.open({ name, storage: 'indexeddb' });
  const rows = await second.query(token, { org: 'analytical' }, TEMP_QUERY);
  assert.equal(rows.length, 4);
  await assert.rejects(second.setup(SETUP), ConflictError);
  await second.close();
  const third = await Tidewater.open({ name, storage: 'indexeddb' });
  assert.equal((await third.query(token, { org: 'analytical' }, TEMP_QUERY)).length, 4);
  const other = await Tidewater.open({ name: `${name}-other`, storage: 'indexeddb' });
  assert.deepEqual(JSON.parse((await other.request('GET', '/api/v2/setup')).body), { allowed: true });
  await Promise.all([third.close(), other.close(), first.close()]);
});

test('concurrent writes to IndexedDB share syncs and all persist', async () => {
  const name = `idbc${Date.now()}`;
  const db = await Tidewater.open({ name, storage: 'indexeddb' });
  const { token } = await db.setup(SETUP);
  const writes = [];
  for (let i = 0; i < 50; i++) {
    writes.push(db.write(token, { org: 'analytical', bucket: 'engine', precision: 's' }, `c,w=${i} v=${i} ${1641024000 + i}`));
  }
  await Promise.all(writes);
  const again = await Tidewater.open({ name, storage: 'indexeddb' });
  const rows = await again.query(token, { org: 'analytical' },
    'from(bucket: "engine") |> range(start: 2022-01-01T00:00:00Z, stop: 2022-01-02T00:00:00Z) |> filter(fn: (r) => r._measurement == "c")');
  assert.equal(rows.length, 50);
  await again.close();
  await db.close();
});

test('directory storage persists on disk across instances', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'tidewater-dir-'));
  try {
    const a = await Tidewater.open({ name: 'disk', storage: { directory: dir } });
    const { token } = await a.setup(SETUP);
    await a.write(token, { org: 'analytical', bucket: 'engine', precision: 's' }, HOME);
    await a.close();
    const b = await Tidewater.open({ name: 'disk', storage: { directory: dir } });
    assert.equal((await b.query(token, { org: 'analytical' }, TEMP_QUERY)).length, 4);
    await b.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a closed database refuses calls with a clear error', async () => {
  const { db, token } = await freshDb();
  await db.close();
  await assert.rejects(db.write(token, { org: 'analytical', bucket: 'engine' }, 'm v=1'), /closed/);
});
