// Settings in headless Chromium: storage used and quota, the persistent-storage request and its
// answer, and exporting the database to a file that a fresh browser profile imports back
// (points with their types and nanosecond times, buckets, dashboards and variables).
//
// Run: node --test --test-concurrency=1 tests/browser/web_settings.test.mjs
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { openBrowser, startServer, readHomeLp, TEST, WAIT } from './fixtures/web/harness.mjs';

let server;
let b;
let exported = '';

const STEP3 = `from(bucket: "get-started") |> range(start: 2022-01-01T08:00:00Z, stop: 2022-01-01T20:00:01Z)
  |> filter(fn: (r) => r._measurement == "home")`;

before(async () => {
  server = await startServer();
  b = await openBrowser('settings');
  await b.setupThroughForm(server.baseURL);
  assert.equal((await b.writeLp({ text: await readHomeLp() })).state, 'ok');
  // Types and escaping that a round trip must keep: string with quotes, boolean, uint, ns time.
  const odd = 'odd\\ one,tag\\=key=a\\,b s="say \\"hi\\" \\\\ ok",flag=true,n=7u 1641024000123456789';
  assert.equal((await b.writeLp({ text: odd, precision: 'ns' })).state, 'ok');
});

after(async () => {
  await b?.close();
  server?.child.kill('SIGTERM');
});

async function transferDone(before) {
  await b.waitForChange('transfer-status', 'data-seq', before);
  return { state: await b.page.getAttribute('#transfer-status', 'data-state'), text: await b.page.textContent('#transfer-status') };
}

test('storage used, quota and the persistent-storage answer', TEST, async () => {
  await b.goRoute('#/settings', '#settings-title');
  await b.page.waitForFunction(() => !document.getElementById('storage-usage').textContent.startsWith('Measuring'), null, WAIT);
  assert.match(await b.page.textContent('#storage-usage'), /^Using \d+\.\d MB of \d+\.\d MB available to this site\.$/);
  const persisted = await b.page.textContent('#storage-persisted');
  if (await b.page.locator('#storage-persist').isVisible()) {
    assert.match(persisted, /^Warning: storage is best-effort/);
    await b.page.click('#storage-persist');
    await b.page.waitForFunction(() => /declined|persistent/.test(document.getElementById('storage-persisted').textContent), null, WAIT);
    console.log(`persist answer: ${await b.page.textContent('#storage-persisted')}`);
  } else {
    assert.match(persisted, /^Storage is persistent/);
  }
  await b.shot('settings');
});

test('export the database to a file', TEST, async () => {
  const before = await b.page.getAttribute('#transfer-status', 'data-seq');
  const [download] = await Promise.all([b.page.waitForEvent('download', WAIT), b.page.click('#export-db')]);
  const done = await transferDone(before);
  assert.equal(done.state, 'ok', done.text);
  assert.match(done.text, /^Exported 81 points/);
  exported = await readFile(await download.path(), 'utf8');
  const lines = exported.split('\n');
  assert.equal(lines[0], '# tidewater export v1');
  assert.ok(lines.includes('# bucket get-started 0'));
  assert.ok(lines.includes('home,room=Kitchen co=0i 1641024000000000000'), 'an integer field keeps its i');
  assert.ok(lines.includes('home,room=Living\\ Room temp=21.1 1641024000000000000'), 'tag values are escaped');
  assert.ok(lines.includes('odd\\ one,tag\\=key=a\\,b s="say \\"hi\\" \\\\ ok" 1641024000123456789'), lines.filter((l) => l.startsWith('odd')).join('\n'));
  assert.ok(lines.includes('odd\\ one,tag\\=key=a\\,b n=7u 1641024000123456789'));
  assert.ok(lines.includes('odd\\ one,tag\\=key=a\\,b flag=true 1641024000123456789'));
});

test('a fresh profile imports the file: the same points come back', TEST, async () => {
  const other = await openBrowser('settings-import');
  try {
    await other.setupThroughForm(server.baseURL, { username: 'other', password: 'other-password', org: 'other-org', bucket: 'first' });
    await other.goRoute('#/settings', '#settings-title');
    const before = await other.page.getAttribute('#transfer-status', 'data-seq');
    await other.page.setInputFiles('#import-db', { name: 'export.lp', mimeType: 'text/plain', buffer: Buffer.from(exported) });
    await other.waitForChange('transfer-status', 'data-seq', before);
    assert.equal(await other.page.getAttribute('#transfer-status', 'data-state'), 'ok', await other.page.textContent('#transfer-status'));
    assert.match(await other.page.textContent('#transfer-status'), /^Imported 81 points/);
    const r = await other.runQuery(STEP3);
    assert.equal(r.state, 'done', r.error);
    assert.equal(r.rows, 78);
    const odd = await other.runQuery('from(bucket: "get-started") |> range(start: 2022-01-01T00:00:00Z, stop: 2022-01-02T00:00:00Z) |> filter(fn: (r) => r._measurement == "odd one")');
    assert.equal(odd.rows, 3);
    const rows = await other.tableRows();
    assert.deepEqual(rows.map((row) => row._value).sort(), ['7', 'say "hi" \\ ok', 'true']);
    assert.ok(rows.every((row) => row._time === '2022-01-01T08:00:00.123456789Z' && row['tag=key'] === 'a,b'));
    await other.shot('settings-imported');
    assert.deepEqual(other.pageErrors.map(String), []);
  } finally {
    await other.close();
  }
});

test('no uncaught page errors', () => {
  assert.deepEqual(b.pageErrors.map(String), []);
});
