// Settings → "Back up and restore" in headless Chromium: a backup downloaded on one profile is
// restored on a fresh profile through the page (a damaged file is refused first, and that
// database keeps working); after the reload the backup's user signs in with its password and
// finds its points, types and tags.
//
// Run: node --test --test-concurrency=1 tests/browser/web_backup.test.mjs
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { openBrowser, startWithHomeData, TEST, TUTORIAL_USER, WAIT } from './fixtures/web/harness.mjs';

let server;
let b;
let backup;

const STEP3 = `from(bucket: "get-started") |> range(start: 2022-01-01T08:00:00Z, stop: 2022-01-01T20:00:01Z)
  |> filter(fn: (r) => r._measurement == "home")`;
const ODD = 'odd\\ one,tag\\=key=a\\,b s="say \\"hi\\"",flag=true,n=7u,i=-3i 1641024000123456789';

before(async () => {
  ({ server, b } = await startWithHomeData('backup'));
  assert.equal((await b.writeLp({ text: ODD, precision: 'ns' })).state, 'ok');
});

after(async () => {
  await b?.close();
  server?.child.kill('SIGTERM');
});

async function backupStatus(page, previous) {
  await page.waitForFunction((prev) => {
    const el = document.getElementById('backup-status');
    return el.dataset.seq && el.dataset.seq !== prev && el.dataset.state !== 'busy';
  }, previous, WAIT);
  return { state: await page.getAttribute('#backup-status', 'data-state'), text: await page.textContent('#backup-status') };
}

test('back up the database: one file downloaded', TEST, async () => {
  await b.goRoute('#/settings', '#backup-db');
  const [download] = await Promise.all([b.page.waitForEvent('download', WAIT), b.page.click('#backup-db')]);
  const done = await backupStatus(b.page, undefined);
  assert.equal(done.state, 'ok', done.text);
  assert.match(done.text, /^Backed up \d+\.\d\d MiB in \d+ ms\.$/);
  assert.match(download.suggestedFilename(), /^tidewater-tutorial-org-.*\.twbak$/);
  backup = await readFile(await download.path());
  assert.equal(backup.subarray(0, 8).toString(), 'TWBACKUP');
  await b.shot('settings-backup');
});

test('a fresh profile restores it through Settings and signs in on the restored database', TEST, async () => {
  const other = await openBrowser('backup-restore');
  try {
    await other.setupThroughForm(server.baseURL, { username: 'other', password: 'other-password', org: 'other-org', bucket: 'first' });
    await other.goRoute('#/settings', '#restore-db');
    // A damaged file: refused after the confirmation, nothing replaced, the page keeps working.
    const damaged = Buffer.from(backup);
    damaged[damaged.length >> 1] ^= 0x01;
    await other.page.setInputFiles('#restore-db', { name: 'damaged.twbak', mimeType: 'application/octet-stream', buffer: damaged });
    await other.page.click('#confirm-ok');
    const refused = await backupStatus(other.page, undefined);
    assert.equal(refused.state, 'error');
    assert.match(refused.text, /^Restore failed: not a valid Tidewater backup: its checksum does not match/);
    const still = await other.runQuery('buckets()');
    assert.equal(still.state, 'done', still.error);

    // The real one: confirm, the page reloads on the restored database and asks to sign in.
    await other.goRoute('#/settings', '#restore-db');
    await other.page.setInputFiles('#restore-db', { name: 'tidewater.twbak', mimeType: 'application/octet-stream', buffer: backup });
    await other.shot('settings-restore-confirm');
    await Promise.all([other.page.waitForEvent('load', WAIT), other.page.click('#confirm-ok')]);
    await other.page.waitForSelector('#signin-form', { state: 'visible', ...WAIT });
    await other.page.fill('#signin-username', TUTORIAL_USER.username);
    await other.page.fill('#signin-password', TUTORIAL_USER.password);
    await other.page.click('#signin-submit');
    await other.page.waitForSelector('body[data-ready="true"]', WAIT);
    assert.match(await other.page.textContent('#account-name'), /tutorial · tutorial-org/);
    const r = await other.runQuery(STEP3);
    assert.equal(r.state, 'done', r.error);
    assert.equal(r.rows, 78);
    const odd = await other.runQuery('from(bucket: "get-started") |> range(start: 2022-01-01T00:00:00Z, stop: 2022-01-02T00:00:00Z) |> filter(fn: (r) => r._measurement == "odd one")');
    assert.equal(odd.rows, 4);
    const rows = await other.tableRows();
    assert.deepEqual(rows.map((row) => row._value).sort(), ['-3', '7', 'say "hi"', 'true']);
    assert.ok(rows.every((row) => row._time === '2022-01-01T08:00:00.123456789Z' && row['tag=key'] === 'a,b'));
    // The other profile's own database was replaced: its user is gone.
    const users = await other.page.evaluate(() => document.getElementById('account-name').textContent);
    assert.ok(!users.includes('other'));
    await other.shot('settings-restored');
    assert.deepEqual(other.pageErrors.map(String), []);
  } finally {
    await other.close();
  }
});

test('no uncaught page errors', () => {
  assert.deepEqual(b.pageErrors.map(String), []);
});
