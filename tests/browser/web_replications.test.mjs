// Load Data → Replications in headless Chromium: add a remote and a replication through the
// page, see them listed (queue size, status from the API), then delete both.
//
// Run: node --test --test-concurrency=1 tests/browser/web_replications.test.mjs
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startWithHomeData, TEST, WAIT } from './fixtures/web/harness.mjs';

let server;
let b;

before(async () => {
  ({ server, b } = await startWithHomeData('replications'));
});

after(async () => {
  await b?.close();
  server?.child.kill('SIGTERM');
});

async function submitAndWait(button) {
  const before = await b.page.getAttribute('#replications-status', 'data-seq');
  await b.page.click(button);
  await b.waitForChange('replications-status', 'data-seq', before);
  return { state: await b.page.getAttribute('#replications-status', 'data-state'), text: await b.page.textContent('#replications-status') };
}

const cells = (tbody) => b.page.$$eval(`${tbody} tr`, (trs) => trs.map((tr) => [...tr.cells].map((td) => td.textContent)));

test('create a remote and a replication; the lists show them', TEST, async () => {
  await b.goRoute('#/load-data/replications', '#replications-title');
  await b.page.waitForSelector('#remote-rows td', WAIT);
  assert.deepEqual(await cells('#remote-rows'), [['No remotes yet.']]);
  await b.page.fill('#remote-name', 'prod <b>');
  // Nothing listens on port 9: the sender keeps the points queued.
  await b.page.fill('#remote-url', 'http://127.0.0.1:9');
  await b.page.fill('#remote-token', 'secret-token');
  await b.page.fill('#remote-org-id', '0123456789abcdef');
  const remote = await submitAndWait('#remote-create-submit');
  assert.equal(remote.state, 'ok', remote.text);
  assert.deepEqual((await cells('#remote-rows'))[0].slice(0, 4), ['prod <b>', 'http://127.0.0.1:9', 'v2', '0123456789abcdef']);
  assert.equal(await b.page.locator('#remote-rows b').count(), 0, 'names are text, never HTML');

  await b.page.fill('#replication-name', 'to-prod');
  assert.equal(await b.page.inputValue('#replication-local-bucket') !== '', true);
  await b.page.selectOption('#replication-local-bucket', { label: 'get-started' });
  await b.page.fill('#replication-remote-bucket', 'sensors');
  await b.page.fill('#replication-max-queue', '40');
  const repl = await submitAndWait('#replication-create-submit');
  assert.equal(repl.state, 'ok', repl.text);
  const [row] = await cells('#replication-rows');
  assert.deepEqual(row.slice(0, 4), ['to-prod', 'get-started', 'prod <b>', 'sensors']);
  assert.equal(row[5], '40.0 MiB');

  // A write is queued for the remote: the list shows its bytes.
  assert.equal((await b.writeLp({ text: 'home,room=Kitchen temp=22.5 1641067200' })).state, 'ok');
  await b.goRoute('#/load-data/replications', '#replications-title');
  await b.page.waitForFunction(() => /^\d+ B$/.test(document.querySelector('#replication-rows [data-field="queue"]')?.textContent ?? '')
    && document.querySelector('#replication-rows [data-field="queue"]').textContent !== '0 B', null, WAIT);
  const status = await b.page.textContent('#replication-rows [data-field="status"]');
  assert.match(status, /^(queued|sending|retrying: .+)/);
  await b.shot('replications');
  // At phone width nothing runs off the side (the tables scroll in their own box).
  await b.page.setViewportSize({ width: 390, height: 844 });
  const overflow = await b.page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.ok(overflow <= 0, `horizontal overflow ${overflow}px at phone width`);
  await b.shot('replications-phone', { fullPage: false });
  await b.page.setViewportSize({ width: 1280, height: 800 });
});

test('delete the replication, then the remote', TEST, async () => {
  await b.page.click('#replication-rows button.danger');
  assert.equal((await submitAndWait('#confirm-ok')).state, 'ok');
  assert.deepEqual(await cells('#replication-rows'), [['No replications yet.']]);
  await b.page.click('#remote-rows button.danger');
  assert.equal((await submitAndWait('#confirm-ok')).state, 'ok');
  assert.deepEqual(await cells('#remote-rows'), [['No remotes yet.']]);
  assert.deepEqual(b.pageErrors.map(String), []);
});
