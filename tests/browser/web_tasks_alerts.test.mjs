// Tasks and Alerts in headless Chromium, through the UI only: create a task, run it now and see
// the run in its history (with its logs), edit and disable it; create a threshold check and a
// deadman check, a notification endpoint and a rule that sends CRIT to it; everything is still
// there after a reload. Screenshots: tasks, tasks-runs, tasks-editor, alerts-check-editor, alerts-checks, alerts-endpoints, alerts-rules.
//
// Run: node --test --test-concurrency=1 tests/browser/web_tasks_alerts.test.mjs
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { openBrowser, startServer, TEST, WAIT } from './fixtures/web/harness.mjs';

let server;
let b;

before(async () => {
  server = await startServer();
  b = await openBrowser('tasks-alerts');
  await b.setupThroughForm(server.baseURL);
});

after(async () => {
  await b?.close();
  server?.child.kill('SIGTERM');
});

const row = (table, name) => `#${table}-rows tr[data-name=${JSON.stringify(name)}]`;

async function waitSeq(selector, before) {
  await b.page.waitForFunction(([s, prev]) => document.querySelector(s)?.dataset.seq !== prev, [selector, before], WAIT);
}

test('create a task, run it now, see the run and its logs; edit and disable it', TEST, async () => {
  const { page } = b;
  await b.goRoute('#/tasks', '#tasks-title');
  await page.waitForSelector('[data-page="/tasks"][data-loaded="true"]', WAIT);
  await page.click('#task-create');
  await page.fill('#task-name', 'Downsample "home"');
  await page.fill('#task-schedule', '1h');
  await page.fill('#task-offset', '5m');
  await page.fill('#task-script', 'from(bucket: "get-started")\n  |> range(start: -task.every)\n  |> filter(fn: (r) => r._measurement == "home")\n  |> aggregateWindow(every: 10m, fn: mean)');
  await page.click('#task-save');
  const task = row('tasks-table', 'Downsample "home"');
  await page.waitForSelector(task, WAIT);
  assert.equal(await page.textContent(`${task} td:nth-child(2)`), 'every 1h, offset 5m');
  assert.match(await page.textContent(`${task} td:nth-child(3)`), /active/);

  await page.click(`${task} button[data-action="run"]`);
  await page.waitForSelector('#task-runs-rows tr[data-id]', WAIT);
  assert.equal(await page.textContent('#task-runs-title'), 'Runs of Downsample "home"');
  const status = await page.getAttribute('#task-runs-rows tr[data-id]', 'data-status');
  assert.ok(['scheduled', 'started', 'success', 'failed'].includes(status), status);
  assert.match(await page.textContent('#tasks-status'), /^Run [0-9a-f]{16} of Downsample "home": /);
  await page.click('#task-runs-rows tr[data-id] button[data-action="logs"]');
  await page.waitForSelector('#task-run-logs:not([hidden])', WAIT);
  await b.shot('tasks-runs');

  // Edit: the form shows the script without its option line; saving keeps name and schedule.
  await page.click(`${task} button[data-action="edit"]`);
  assert.equal(await page.inputValue('#task-name'), 'Downsample "home"');
  assert.equal(await page.inputValue('#task-offset'), '5m');
  assert.doesNotMatch(await page.inputValue('#task-script'), /option task/);
  await page.fill('#task-schedule', '30m');
  await b.shot('tasks-editor');
  await page.click('#task-save');
  await page.waitForFunction((s) => document.querySelector(`${s} td:nth-child(2)`)?.textContent === 'every 30m, offset 5m', task, WAIT);

  await page.click(`${task} input.active-toggle`);
  await page.waitForFunction((s) => document.querySelector(`${s} td:nth-child(3)`)?.textContent.includes('inactive'), task, WAIT);
  await b.shot('tasks');
});

test('checks, notification endpoints and rules', TEST, async () => {
  const { page } = b;
  await b.goRoute('#/alerts', '#alerts-title');
  await page.waitForSelector('[data-page="/alerts"][data-loaded="true"]', WAIT);

  await page.click('#check-create');
  await page.fill('#check-name', 'Hot kitchen');
  await page.selectOption('#check-bucket', 'get-started');
  await page.fill('#check-measurement', 'home');
  await page.fill('#check-field', 'temp');
  await page.fill('#check-thresholds .threshold .th-value', '23.5');
  await page.click('#check-add-threshold');
  const second = '#check-thresholds .threshold:nth-child(2)';
  await page.selectOption(`${second} select >> nth=0`, 'WARN');
  await page.selectOption(`${second} select >> nth=1`, 'inside');
  await page.fill(`${second} .th-min`, '22');
  await page.fill(`${second} .th-max`, '23.5');
  await b.shot('alerts-check-editor');
  await page.click('#check-save');
  const check = row('checks-table', 'Hot kitchen');
  await page.waitForSelector(check, WAIT);
  assert.equal(await page.textContent(`${check} td:nth-child(3)`), 'get-started · home · temp');
  assert.match(await page.textContent(`${check} .check-level`), /no status yet|CRIT|WARN|OK|INFO/);

  await page.click('#check-create');
  await page.fill('#check-name', 'Sensors silent');
  await page.selectOption('#check-type', 'deadman');
  await page.fill('#check-measurement', 'home');
  await page.fill('#check-field', 'hum');
  await page.fill('#check-time-since', '5m');
  await page.click('#check-save');
  await page.waitForSelector(row('checks-table', 'Sensors silent'), WAIT);

  // Editing the threshold check opens what was saved.
  await page.click(`${check} button[data-action="edit"]`);
  assert.equal(await page.inputValue('#check-field'), 'temp');
  assert.equal(await page.locator('#check-thresholds .threshold').count(), 2);
  assert.equal(await page.inputValue('#check-thresholds .threshold:nth-child(2) .th-max'), '23.5');
  await page.click('#check-form button.secondary:has-text("Cancel")');
  await b.shot('alerts-checks');

  await page.click('#alerts-tab-endpoints');
  await page.click('#endpoint-create');
  await page.fill('#endpoint-name', 'Ops webhook');
  await page.fill('#endpoint-url', 'http://127.0.0.1:9/hook');
  await page.selectOption('#endpoint-authMethod', 'bearer');
  await page.fill('#endpoint-token', 'hook-secret');
  await page.click('#endpoint-form-save');
  const endpoint = row('endpoints-table', 'Ops webhook');
  await page.waitForSelector(endpoint, WAIT);
  assert.equal(await page.textContent(`${endpoint} td:nth-child(3)`), 'http://127.0.0.1:9/hook');
  await b.shot('alerts-endpoints');

  await page.click('#alerts-tab-rules');
  await page.click('#rule-create');
  await page.fill('#rule-name', 'Critical to ops');
  await page.fill('#rule-every', '1m');
  await page.click('#rule-form button:has-text("Add tag filter")');
  await page.fill('#rule-tag-rules .tr-key', 'room');
  await page.fill('#rule-tag-rules .tr-value', 'Kitchen');
  await page.click('#rule-form-save');
  const rule = row('rules-table', 'Critical to ops');
  await page.waitForSelector(rule, WAIT);
  assert.equal(await page.textContent(`${rule} td:nth-child(2)`), 'Ops webhook');
  assert.equal(await page.textContent(`${rule} td:nth-child(4)`), 'CRIT, room == Kitchen');
  await b.shot('alerts-rules');
});

test('after a reload the tasks, runs and alerts are still there', TEST, async () => {
  const { page } = b;
  await page.reload();
  await page.waitForSelector('body[data-ready="true"]', WAIT);
  await b.goRoute('#/tasks', '#tasks-title');
  const task = row('tasks-table', 'Downsample "home"');
  await page.waitForSelector(task, WAIT);
  assert.match(await page.textContent(`${task} td:nth-child(3)`), /inactive/);
  await page.click(`${task} button[data-action="runs"]`);
  await page.waitForSelector('#task-runs-rows tr[data-id]', WAIT);
  await b.goRoute('#/alerts', '#alerts-title');
  await page.waitForSelector(row('checks-table', 'Hot kitchen'), WAIT);
  await page.click('#alerts-tab-rules');
  await page.waitForSelector(row('rules-table', 'Critical to ops'), WAIT);
  // Deleting asks first.
  await page.click(`${row('rules-table', 'Critical to ops')} button[data-action="delete"]`);
  await page.click('#confirm-ok');
  await page.waitForSelector(row('rules-table', 'Critical to ops'), { state: 'detached', ...WAIT });
  assert.deepEqual(b.pageErrors, []);
});
