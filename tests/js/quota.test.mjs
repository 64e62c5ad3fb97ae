// Storage pressure in Node: an IndexedDB (fake-indexeddb) that refuses writes on demand, the
// two ways browsers do it: the transaction aborts at commit with QuotaExceededError (Chromium),
// or a put throws QuotaExceededError at once. A refused write fails with StorageFullError, the
// database stays readable, IndexedDB keeps exactly what was acknowledged (a fresh instance reads
// it), and once space is back writes work again and nothing is lost.
//
// Run: node --test --test-concurrency=1 tests/js/quota.test.mjs
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { IDBFactory, IDBObjectStore } from 'fake-indexeddb';
import { StorageFullError, Tidewater, UnavailableError } from '../../wasm/index.js';

// The refusal switch: null (room), 'abort' (the transaction aborts at commit), 'throw' (every
// put throws) or 'throw-second'.
const quota = { full: null, refusals: 0 };
const put = IDBObjectStore.prototype.put;
IDBObjectStore.prototype.put = function quotaPut(...args) {
  const puts = this.transaction.puts = (this.transaction.puts ?? 0) + 1;
  // 'throw-second': only the second file of a sync is refused; the whole sync must then be
  // undone (Emscripten's own IDBFS commits the other files).
  if (quota.full === 'throw' || (quota.full === 'throw-second' && puts === 2)) {
    quota.refusals++;
    throw new DOMException('test quota exceeded', 'QuotaExceededError');
  }
  const request = put.apply(this, args);
  if (quota.full === 'abort' && !this.transaction.refused) {
    quota.refusals++;
    this.transaction.refused = true;
    // How Chromium reports a quota refusal: the whole transaction aborts with this error.
    const tx = this.transaction;
    queueMicrotask(() => tx._abort('QuotaExceededError'));
  }
  return request;
};

const ORG = { org: 'o' };
const WRITE = { org: 'o', bucket: 'b', precision: 's' };
const lines = (tag, n) => Array.from({ length: n }, (_, i) => `m,batch=${tag} v=${i}i ${1_700_000_000 + i}`).join('\n');

// Descriptions of the API tokens: a new token changes two files (the catalog folder and
// authorizations.json), so a refused one shows whether a sync is all-or-nothing.
async function tokenDescriptions(db, token) {
  const res = await db.request('GET', '/api/v2/authorizations', [['authorization', `Token ${token}`]]);
  return JSON.parse(res.body).authorizations.map((a) => a.description).sort();
}

async function createToken(db, token, description) {
  const auth = [['authorization', `Token ${token}`]];
  const orgID = JSON.parse((await db.request('GET', '/api/v2/orgs', auth)).body).orgs[0].id;
  const res = await db.request('POST', '/api/v2/authorizations', [...auth, ['content-type', 'application/json']],
    JSON.stringify({ orgID, description, permissions: [{ action: 'read', resource: { type: 'buckets', orgID } }] }));
  assert.equal(res.status, 201);
}

async function countByBatch(db, token) {
  const rows = await db.query(token, ORG, `from(bucket: "b") |> range(start: 2023-01-01T00:00:00Z)
    |> filter(fn: (r) => r._field == "v") |> group(columns: ["batch"]) |> count()`);
  return Object.fromEntries(rows.map((r) => [r.batch, r._value]));
}

for (const mode of ['abort', 'throw', 'throw-second']) {
  test(`quota refusal (${mode}): StorageFullError, readable, consistent, and writes resume`, { timeout: 60_000 }, async () => {
    globalThis.indexedDB = new IDBFactory();
    quota.full = null;
    quota.refusals = 0;
    const db = await Tidewater.open({ name: `quota-${mode}`, storage: 'indexeddb' });
    const { token } = await db.setup({ username: 'q', password: 'quota-test', org: 'o', bucket: 'b' });
    await db.write(token, WRITE, lines('one', 100));

    quota.full = mode;
    // A change of two files (a new token), then a write.
    await assert.rejects(createToken(db, token, 'refused'), StorageFullError);
    const refused = await db.write(token, WRITE, lines('two', 100)).then(() => null, (e) => e);
    assert.ok(refused instanceof StorageFullError, `got ${refused}`);
    assert.ok(refused instanceof UnavailableError);
    assert.equal(refused.name, 'StorageFullError');
    assert.equal(refused.code, 'unavailable');
    assert.equal(refused.status, 507);
    assert.match(refused.message, /quota/i);
    await assert.rejects(db.flush(), StorageFullError);
    // Through fetch (the client transport, the Service Worker) the refusal is an answer, as a
    // server's: 507 with InfluxDB's {code, message}.
    const viaFetch = await db.fetch('/api/v2/write?org=o&bucket=b&precision=s',
      { method: 'POST', headers: { authorization: `Token ${token}` }, body: lines('two', 100) });
    assert.equal(viaFetch.status, 507);
    const answer = await viaFetch.json();
    assert.equal(answer.code, 'unavailable');
    assert.match(answer.message, /quota/i);
    assert.ok(quota.refusals >= 2);
    // Still readable while full (the refused points are in memory, not yet durable).
    assert.deepEqual(await countByBatch(db, token), { one: 100, two: 100 });
    const before = await tokenDescriptions(db, token);
    assert.ok(before.includes('refused'));

    // IndexedDB holds exactly what was acknowledged: a fresh instance (a reload) reads it.
    const reader = await Tidewater.open({ name: `quota-${mode}`, storage: 'indexeddb' });
    assert.deepEqual(await countByBatch(reader, token), { one: 100 });
    assert.deepEqual(await tokenDescriptions(reader, token), before.filter((d) => d !== 'refused'));

    // Space is back: the next write works and carries the refused points with it.
    quota.full = null;
    await db.write(token, WRITE, lines('three', 100));
    await db.close();
    const after = await Tidewater.open({ name: `quota-${mode}`, storage: 'indexeddb' });
    assert.deepEqual(await countByBatch(after, token), { one: 100, two: 100, three: 100 });
    assert.deepEqual(await tokenDescriptions(after, token), before);
    await after.close();
  });
}
