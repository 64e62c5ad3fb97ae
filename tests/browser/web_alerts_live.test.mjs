// Tasks and checks running live in headless Chromium while a page stays open: a task every
// second shows two scheduled runs in the Tasks page's run history (it refreshes by itself); a
// deadman check writes statuses shown in the Alerts page's Status History, and its rule sends
// CRIT to the two offline endpoints: the in-app log (the Notification Log tab shows the message
// as sent) and the browser's Notification API (permission granted through playwright).
//
// Run: node --test --test-concurrency=1 tests/browser/web_alerts_live.test.mjs
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startWithHomeData, TEST, WAIT } from './fixtures/web/harness.mjs';

let server;
let b;

before(async () => {
  ({ server, b } = await startWithHomeData('alerts-live'));
  await b.context.grantPermissions(['notifications'], { origin: server.baseURL });
});

after(async () => {
  await b?.close();
  server?.child.kill('SIGTERM');
});

const row = (table, name) => `#${table}-rows tr[data-name=${JSON.stringify(name)}]`;

test('a page kept open sees two scheduled runs of a task', TEST, async () => {
  const { page } = b;
  await b.goRoute('#/tasks', '#tasks-title');
  await page.waitForSelector('[data-page="/tasks"][data-loaded="true"]', WAIT);
  await page.click('#task-create');
  await page.fill('#task-name', 'Every second');
  await page.fill('#task-schedule', '1s');
  await page.fill('#task-script', 'from(bucket: "get-started")\n  |> range(start: -1h)\n  |> count()');
  await page.click('#task-save');
  const task = row('tasks-table', 'Every second');
  await page.waitForSelector(task, WAIT);
  await page.click(`${task} button[data-action="runs"]`);
  // No click from here on: the scheduler runs the task and the panel follows.
  await page.waitForFunction(() => document.querySelectorAll('#task-runs-rows tr[data-status="success"]').length >= 2, null, WAIT);
  const scheduled = await page.$$eval('#task-runs-rows tr[data-status="success"] td:nth-child(2)', (tds) => tds.map((td) => td.textContent));
  assert.ok(new Set(scheduled).size >= 2, scheduled.join(' | '));
  await b.shot('tasks-live-runs');
  await page.click(`${task} input.active-toggle`);  // stop it
  await page.waitForFunction((s) => document.querySelector(`${s} td:nth-child(3)`)?.textContent.includes('inactive'), task, WAIT);
});

test('a deadman check: status history, in-app log and browser notification', TEST, async () => {
  const { page } = b;
  // A reading five minutes old: within the check's window, older than its 90 s.
  const written = await b.writeLp({ text: `home,room=Attic temp=30,hum=40 ${Math.floor(Date.now() / 1000) - 300}` });
  assert.equal(written.state, 'ok', written.text);
  await b.goRoute('#/alerts', '#alerts-title');
  await page.waitForSelector('[data-page="/alerts"][data-loaded="true"]', WAIT);

  await page.click('#alerts-tab-endpoints');
  for (const [name, type] of [['In-app log', 'in-app-log'], ['Desktop', 'browser-notification']]) {
    await page.click('#endpoint-create');
    await page.fill('#endpoint-name', name);
    await page.selectOption('#endpoint-type', type);
    await page.click('#endpoint-form-save');
    await page.waitForSelector(row('endpoints-table', name), WAIT);
  }
  await page.click('#alerts-tab-rules');
  for (const [name, endpoint] of [['Crit to log', 'In-app log (in-app-log)'], ['Crit to desktop', 'Desktop (browser-notification)']]) {
    await page.click('#rule-create');
    await page.fill('#rule-name', name);
    await page.selectOption('#rule-endpoint', { label: endpoint });
    await page.fill('#rule-every', '1s');
    await page.click('#rule-form-save');
    await page.waitForSelector(row('rules-table', name), WAIT);
  }
  await page.click('#alerts-tab-checks');
  await page.click('#check-create');
  await page.fill('#check-name', 'Attic silent');
  await page.selectOption('#check-type', 'deadman');
  await page.selectOption('#check-bucket', 'get-started');
  await page.fill('#check-measurement', 'home');
  await page.fill('#check-field', 'hum');
  await page.fill('#check-every', '1s');
  await page.fill('#check-time-since', '90s');
  await page.fill('#check-stale-time', '10m');
  await page.click('#check-save');
  await page.waitForSelector(row('checks-table', 'Attic silent'), WAIT);

  // The page lists what the runs wrote each time it is shown.
  const rowsOf = (id) => page.getAttribute(`#${id}`, 'data-rows').then(Number);
  let statuses = 0;
  let sentToLog = 0;
  for (let i = 0; i < 40 && (statuses < 2 || sentToLog < 1); i++) {
    await page.waitForTimeout(500);
    await b.goRoute('#/tasks', '#tasks-title');
    await b.goRoute('#/alerts', '#alerts-title');
    await page.waitForSelector('[data-page="/alerts"][data-loaded="true"]', WAIT);
    statuses = await rowsOf('status-history');
    sentToLog = await page.locator('#notification-log-rows tr[data-sent="true"]:has-text("In-app log")').count();
  }
  await page.click('#alerts-tab-history');
  assert.ok(statuses >= 2, `status history rows: ${statuses}`);
  assert.match(await page.textContent('#status-history-rows tr:first-child'), /Attic silent.*crit/s);
  await b.shot('alerts-status-history');
  await page.click('#alerts-tab-log');
  assert.ok(sentToLog >= 1);
  const logged = await page.textContent('#notification-log-rows tr[data-sent="true"]:has-text("In-app log")');
  assert.match(logged, /Crit to log/);
  assert.match(logged, /Check: Attic silent is: crit/);
  // The Notification API endpoint: shown (permission granted), recorded as sent.
  const desktop = page.locator('#notification-log-rows tr:has-text("Desktop")').first();
  await desktop.waitFor(WAIT);
  assert.equal(await desktop.getAttribute('data-sent'), 'true', await desktop.textContent());
  await b.shot('alerts-notification-log');
});
