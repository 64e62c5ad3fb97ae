// Backup and restore of a whole database through the package (wasm/backup.js): a round trip
// keeps every point, field type and tag, users and tokens (hashed) still authenticate,
// dashboards and tasks are there; a damaged file is refused before anything is written.
import 'fake-indexeddb/auto';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Tidewater, ConflictError, ForbiddenError, InvalidError, UnauthorizedError } from '../../wasm/index.js';
import { crc32, decodeBackup } from '../../wasm/backup_format.js';

const SETUP = { username: 'ada', password: 'lovelace-1815', org: 'analytical', bucket: 'engine', retentionPeriodSeconds: 0 };
// Every field type, tags with escapes, nanosecond times; some left in the WAL (not flushed).
const POINTS = [
  'm,host=a,region=eu\\ west f=1.5,i=-7i,u=18446744073709551615u,s="say \\"hi\\"",b=true 1641024000000000001',
  'm,host=b f=-0.25,i=9223372036854775807i,u=0u,s="",b=false 1641024000000000002',
  'other\\ measure,k\\=ey=v\\,al x=3i 1700000000123456789',
];
const ALL = 'from(bucket: "engine") |> range(start: 0, stop: 2262-01-01T00:00:00Z) |> sort(columns: ["_measurement", "_field", "_time"])';
const TASK = 'option task = {name: "copy", every: 1h}\nfrom(bucket: "engine") |> range(start: -1h) |> to(bucket: "engine")';

async function json(db, token, method, path, body) {
  const res = await db.request(method, path, [['authorization', `Token ${token}`], ['content-type', 'application/json']],
    body === undefined ? '' : JSON.stringify(body));
  assert.ok(res.status < 300, `${method} ${path}: ${res.status} ${res.body}`);
  return res.body ? JSON.parse(res.body) : null;
}

// A database with points of every type, a second token, a dashboard and a task.
async function populated(storage) {
  const db = await Tidewater.open({ name: `b${Math.random().toString(36).slice(2)}`, storage });
  const { token, orgID } = await db.setup(SETUP);
  await db.write(token, { org: 'analytical', bucket: 'engine', precision: 'ns' }, POINTS.join('\n'));
  const { id: bucketID } = (await json(db, token, 'GET', '/api/v2/buckets?name=engine')).buckets[0];
  const reader = await json(db, token, 'POST', '/api/v2/authorizations',
    { orgID, description: 'reader', permissions: [{ action: 'read', resource: { type: 'buckets', orgID, id: bucketID } }] });
  await json(db, token, 'POST', '/api/v2/dashboards', { orgID, name: 'Room temperature', description: 'kept' });
  await json(db, token, 'POST', '/api/v2/tasks', { orgID, flux: TASK });
  return { db, token, readerToken: reader.token };
}

const tmp = () => mkdtempSync(join(tmpdir(), 'tidewater-backup-'));

test('round trip through a directory: every point, type and tag, tokens, users, dashboards and tasks', async () => {
  const dir = tmp();
  try {
    const { db, token, readerToken } = await populated({ directory: join(dir, 'source') });
    const before = await db.queryCSV(token, { org: 'analytical' }, ALL);
    const bytes = await db.backup(token);
    assert.ok(bytes instanceof Uint8Array && bytes.length > 100);
    // Writes after the backup are not in it.
    await db.write(token, { org: 'analytical', bucket: 'engine' }, 'late v=1 1641024000000000000');
    await db.close();

    const done = await Tidewater.restore(bytes, { storage: { directory: join(dir, 'copy') } });
    assert.ok(done.files > 0 && done.bytes > 0 && Math.abs(done.createdMs - Date.now()) < 60_000);
    const copy = await Tidewater.open({ name: 'copy', storage: { directory: join(dir, 'copy') } });
    assert.equal(await copy.queryCSV(token, { org: 'analytical' }, ALL), before);
    assert.equal((await copy.queryCSV(token, { org: 'analytical' }, 'from(bucket: "engine") |> range(start: 0) |> filter(fn: (r) => r._measurement == "late")')).trim(), '');
    const rows = await copy.query(token, { org: 'analytical' }, ALL);
    const value = (field, host) => rows.find((r) => r._field === field && r.host === host)?._value;
    assert.equal(value('u', 'a'), 18446744073709551615);  // as the official client types unsignedLong
    assert.equal(value('i', 'b'), 9223372036854775807);
    assert.equal(value('s', 'a'), 'say "hi"');
    assert.equal(value('b', 'b'), false);
    assert.equal(rows.find((r) => r._measurement === 'other measure')?.['k=ey'], 'v,al');
    // The reader token reads and cannot write; the operator's still does everything.
    assert.equal((await copy.query(readerToken, { org: 'analytical' }, ALL)).length, rows.length);
    await assert.rejects(copy.write(readerToken, { org: 'analytical', bucket: 'engine' }, 'x v=1'), ForbiddenError);
    // The user signs in with the password.
    const signin = await copy.request('POST', '/api/v2/signin', [['authorization', `Basic ${btoa('ada:lovelace-1815')}`]]);
    assert.equal(signin.status, 204);
    const dashboards = await json(copy, token, 'GET', '/api/v2/dashboards');
    assert.deepEqual(dashboards.dashboards.map((d) => [d.name, d.description]), [['Room temperature', 'kept']]);
    const tasks = await json(copy, token, 'GET', '/api/v2/tasks');
    assert.deepEqual(tasks.tasks.map((t) => [t.name, t.flux]), [['copy', TASK]]);
    // The restored database takes writes.
    await copy.write(token, { org: 'analytical', bucket: 'engine' }, 'after v=2i 1641024000000000000');
    await copy.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('gzip backups, IndexedDB restores, and only the operator token takes a backup', async () => {
  const { db, token, readerToken } = await populated('memory');
  await assert.rejects(db.backup(readerToken), (e) => e instanceof UnauthorizedError && /operator token/.test(e.message));
  await assert.rejects(db.backup('not-a-token'), UnauthorizedError);
  const before = await db.queryCSV(token, { org: 'analytical' }, ALL);
  const gz = await db.backup(token, { gzip: true });
  assert.deepEqual([gz[0], gz[1]], [0x1f, 0x8b]);
  await db.close();

  const name = `restored${Math.random().toString(36).slice(2)}`;
  await Tidewater.restore(new Blob([gz]), { name, storage: 'indexeddb' });
  // An IndexedDB database with data is replaced only when asked.
  await assert.rejects(Tidewater.restore(gz, { name, storage: 'indexeddb' }), ConflictError);
  await Tidewater.restore(gz.buffer.slice(gz.byteOffset, gz.byteOffset + gz.length), { name, storage: 'indexeddb', replace: true });
  const copy = await Tidewater.open({ name, storage: 'indexeddb' });
  assert.equal(await copy.queryCSV(token, { org: 'analytical' }, ALL), before);
  // A backup of the IndexedDB copy (IDBFS files) restores into a directory alike.
  const again = await copy.backup(token);
  await copy.close();
  const dir = tmp();
  try {
    await Tidewater.restore(again, { storage: { directory: dir }, replace: true });
    const third = await Tidewater.open({ name: 'third', storage: { directory: dir } });
    assert.equal(await third.queryCSV(token, { org: 'analytical' }, ALL), before);
    await third.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  await assert.rejects(Tidewater.restore(gz, { storage: 'memory' }), InvalidError);
});

test('a damaged or hostile file is refused with a clear error and nothing is written', async () => {
  const { db, token } = await populated('memory');
  const bytes = await db.backup(token);
  await db.close();
  const dir = tmp();
  try {
    const target = join(dir, 'target');
    const refused = async (file, pattern) => {
      await assert.rejects(Tidewater.restore(file, { storage: { directory: target } }),
        (e) => e instanceof InvalidError && e.code === 'invalid' && pattern.test(e.message), pattern.source);
      assert.equal(existsSync(target), false);
      assert.deepEqual(readdirSync(dir), []);  // no staging folder left either
    };
    // One flipped byte anywhere in the data.
    const flipped = bytes.slice();
    flipped[Math.floor(flipped.length / 2)] ^= 0x01;
    await refused(flipped, /not a valid Tidewater backup: its checksum does not match/);
    await refused(bytes.slice(0, bytes.length - 10), /end marker is missing/);
    await refused(new TextEncoder().encode('home,room=Kitchen temp=21 1641024000\n'.repeat(3)), /does not start with "TWBACKUP"/);
    const gz = await new Response(new Blob([bytes]).stream().pipeThrough(new CompressionStream('gzip'))).arrayBuffer();
    await refused(new Uint8Array(gz).slice(0, 200), /gzip compression is damaged/);

    // A file whose checksums are all right but that names "../escape": refused by path, and the
    // per-file CRC32 catches a damaged file even when the trailer's checksum is recomputed.
    const { entries } = decodeBackup(bytes);
    const { encodeBackup } = await import('../../wasm/backup_format.js');
    const hostile = encodeBackup([{ path: 'catalog', directory: true }, { path: 'ok', data: new Uint8Array([1]) }]);
    // Header 24 bytes; an entry is kind, u16 length, path, u64 size, u32 CRC32, data.
    hostile.set(new TextEncoder().encode('..'), 24 + (15 + 'catalog'.length) + 3);  // "ok" → ".."
    const view = new DataView(hostile.buffer);
    view.setUint32(hostile.length - 4, crc32(hostile.subarray(0, hostile.length - 24)), true);
    await refused(hostile, /unsafe path "\.\."/);
    const resealed = encodeBackup(entries);
    const firstFile = entries.findIndex((e) => !e.directory && e.data.length > 0);
    let dataAt = 24;
    for (const e of entries.slice(0, firstFile)) dataAt += 15 + new TextEncoder().encode(e.path).length + e.data.length;
    dataAt += 15 + new TextEncoder().encode(entries[firstFile].path).length;
    resealed[dataAt] ^= 0xff;
    new DataView(resealed.buffer).setUint32(resealed.length - 4, crc32(resealed.subarray(0, resealed.length - 24)), true);
    await refused(resealed, /fails its CRC32 check/);

    // An existing directory with data is replaced only with replace: true.
    writeFileSync(join(dir, 'keep'), 'x');
    await assert.rejects(Tidewater.restore(bytes, { storage: { directory: dir } }), ConflictError);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
