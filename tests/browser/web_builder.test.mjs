// The Data Explorer's query builder in headless Chromium: tag filter cards (a key, its values
// narrowed by the search box, ticked values kept while hidden) write r["room"] == ... filters,
// and v.* reach the engine in the query's extern (shown as the option under "Query sent").
// Screenshot: query-builder-tags.
//
// Run: node --test --test-concurrency=1 tests/browser/web_builder.test.mjs
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startWithHomeData, TEST, WAIT } from './fixtures/web/harness.mjs';

let server;
let b;

before(async () => {
  ({ server, b } = await startWithHomeData('builder'));
});

after(async () => {
  await b?.close();
  server?.child.kill('SIGTERM');
});

test('tag values searched and ticked become a filter; v.* go in the extern', TEST, async () => {
  const { page } = b;
  await b.goRoute('#/data-explorer', '#flux');
  await page.selectOption('#time-range', 'custom');
  await page.fill('#range-start', '2022-01-01T08:00:00');
  await page.fill('#range-stop', '2022-01-01T20:00:01');
  await page.click('#query-builder summary');
  await page.selectOption('#qb-bucket', 'get-started');
  await page.waitForFunction(() => [...document.querySelectorAll('#qb-measurement option')].some((o) => o.value === 'home'), null, WAIT);
  await page.selectOption('#qb-measurement', 'home');
  await page.waitForFunction(() => [...document.querySelectorAll('#qb-field option')].some((o) => o.value === 'temp'), null, WAIT);
  await page.selectOption('#qb-field', 'temp');
  await page.selectOption('#qb-aggregate', '');

  const card = '#qb-tags .qb-tag-card:first-child';
  await page.waitForFunction((c) => [...document.querySelectorAll(`${c} .qb-tag-key option`)].some((o) => o.value === 'room'), card, WAIT);
  assert.deepEqual(await page.$$eval(`${card} .qb-tag-key option`, (os) => os.map((o) => o.value).filter(Boolean)), ['room']);
  await page.selectOption(`${card} .qb-tag-key`, 'room');
  await page.waitForSelector(`${card} .qb-tag-values[data-loaded="room"]`, WAIT);
  const all = await page.$$eval(`${card} .qb-tag-values label`, (ls) => ls.map((l) => l.textContent.trim()));
  assert.deepEqual(all, ['Kitchen', 'Living Room']);

  // The search narrows the list (case-insensitive); a ticked value stays ticked while hidden.
  await page.fill(`${card} .qb-tag-search`, 'kit');
  assert.deepEqual(await page.$$eval(`${card} .qb-tag-values label`, (ls) => ls.map((l) => l.textContent.trim())), ['Kitchen']);
  await page.check(`${card} .qb-tag-values input[value="Kitchen"]`);
  await page.fill(`${card} .qb-tag-search`, 'zzz');
  assert.equal(await page.textContent(`${card} .qb-tag-values`), 'No value matches.');
  await page.fill(`${card} .qb-tag-search`, '');
  assert.equal(await page.isChecked(`${card} .qb-tag-values input[value="Kitchen"]`), true);
  assert.equal(await page.textContent(`${card} .qb-tag-count`), '1 selected');
  await b.shot('query-builder-tags');

  const before = await page.getAttribute('#query-status', 'data-run');
  await page.click('#qb-submit');
  await b.waitForChange('query-status', 'data-run', before);
  assert.equal(await page.getAttribute('#query-status', 'data-state'), 'done', await page.textContent('#query-status'));
  assert.equal(await page.getAttribute('#query-status', 'data-rows'), '13', 'temp of the Kitchen, 08:00 to 20:00');
  const script = await page.inputValue('#flux');
  assert.match(script, /\|> filter\(fn: \(r\) => r\["room"\] == "Kitchen"\)/);
  const sent = await page.textContent('#sent-flux');
  assert.match(sent, /^option v = \{timeRangeStart: 2022-01-01T08:00:00Z, timeRangeStop: 2022-01-01T20:00:01Z, windowPeriod: \d+s\}\n\n/);
  assert.ok(sent.endsWith(script), 'the script goes as typed: v.* are not pasted in');
});

test('a query with imports runs with the extern, and errors point at the typed lines', TEST, async () => {
  const ok = await b.runQuery(`import "strings"
from(bucket: "get-started")
  |> range(start: v.timeRangeStart, stop: v.timeRangeStop)
  |> filter(fn: (r) => r._field == "temp" and r.room == "Kitchen")
  |> map(fn: (r) => ({r with room: strings.toUpper(v: r.room)}))`);
  assert.equal(ok.state, 'done', ok.error);
  assert.equal(ok.rows, 13);
  const bad = await b.runQuery('import "strings"\n\nfrom(bucket: "get-started")\n  |> range(start: v.timeRangeStart)\n  |> filtr(fn: (r) => true)');
  assert.equal(bad.state, 'error');
  assert.match(bad.error, /^Query failed: error @5:\d+-5:\d+: undefined identifier filtr/);
  assert.equal(await b.page.textContent('#error-at'), `Go to line 5, column ${/@5:(\d+)/.exec(bad.error)[1]}`);
  assert.deepEqual(b.pageErrors, []);
});
