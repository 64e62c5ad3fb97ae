// Data is text, never markup: `<img src=x onerror=window.__xss=1>` written as a measurement, a
// tag key and value, a field key and a string value, and used as a bucket name, a token
// description, a dashboard, cell and variable value, runs nowhere. Every page is visited in the
// light and dark themes and at phone width (no horizontal overflow), with a screenshot each.
//
// Run: node --test --test-concurrency=1 tests/browser/web_xss.test.mjs
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { openBrowser, startServer, TEST, WAIT } from './fixtures/web/harness.mjs';

const XSS = '<img src=x onerror=window.__xss=1>';
const lpEscaped = XSS.replace(/[ ,=]/g, (c) => `\\${c}`);  // as a tag key/value or field key
const lpMeasurement = XSS.replace(/[ ,]/g, (c) => `\\${c}`);
const ts = 1641024000;

let server;
let b;
let page;

before(async () => {
  server = await startServer();
  b = await openBrowser('xss');
  page = b.page;
  await b.setupThroughForm(server.baseURL);
});

after(async () => {
  await b?.close();
  server?.child.kill('SIGTERM');
});

async function assertInert(where) {
  const found = await page.evaluate(() => ({ xss: window.__xss ?? null, imgs: document.querySelectorAll('img').length }));
  assert.deepEqual(found, { xss: null, imgs: 0 }, `markup ran or was built on ${where}`);
}

test('the payload as data: measurement, tag key and value, field key and string value', TEST, async () => {
  const lp = [
    `${lpMeasurement},${lpEscaped}=${lpEscaped} ${lpEscaped}="${XSS}" ${ts}`,
    `xss,room=${lpEscaped} temp=21.5,note="${XSS}" ${ts}`,
    `xss,room=${lpEscaped} temp=22.5,note="${XSS}" ${ts + 3600}`,
  ].join('\n');
  const written = await b.writeLp({ text: lp });
  assert.equal(written.state, 'ok', written.text);
  // A parse error echoes the bad line: as text.
  const bad = await b.writeLp({ text: `${XSS} =` });
  assert.equal(bad.state, 'error');
  await assertInert('a line-protocol error');

  const r = await b.runQuery('from(bucket: "get-started") |> range(start: 2022-01-01T00:00:00Z, stop: 2022-01-02T00:00:00Z)');
  assert.equal(r.state, 'done', r.error);
  assert.equal(r.rows, 5);
  const rows = await b.tableRows();
  assert.ok(rows.some((row) => row._measurement === XSS && row[XSS] === XSS && row._field === XSS && row._value === XSS), JSON.stringify(rows[0]));
  assert.ok((await page.locator('#chart .u-legend').textContent()).includes(`room=${XSS}`), 'the legend shows the tag value as text');
  await page.click('#tab-raw');
  assert.ok((await page.textContent('#raw-csv')).includes(XSS));
  await page.click('#tab-graph');
  // The query builder lists the measurement as an option's text (over the data's day).
  await page.selectOption('#time-range', 'custom');
  await page.fill('#range-start', '2022-01-01T00:00:00');
  await page.fill('#range-stop', '2022-01-02T00:00:00');
  await page.click('#query-builder summary');
  await page.waitForFunction((x) => [...document.querySelectorAll('#qb-measurement option')].some((o) => o.value === x), XSS, WAIT);
  await assertInert('the Data Explorer');
  // A Flux error that quotes the payload.
  const failed = await b.runQuery(`from(bucket: "${XSS}") |> range(start: -1h)`);
  assert.equal(failed.state, 'error');
  await assertInert('a Flux error');
});

test('the payload as a bucket name, a token description, dashboard, cell, note and variable value', TEST, async () => {
  await b.goRoute('#/load-data/buckets', '#bucket-name');
  await page.fill('#bucket-name', XSS);
  await page.click('#bucket-create-submit');
  await page.waitForSelector('#bucket-rows tr:nth-child(2)', WAIT);
  await assertInert('Buckets');
  await b.goRoute('#/load-data/tokens', '#token-description');
  await page.fill('#token-description', XSS);
  await page.click('#token-create-submit');
  await page.waitForSelector('#token-secret:not([hidden])', WAIT);
  await assertInert('API Tokens');

  await b.goRoute('#/dashboards', '#variable-name');
  await page.fill('#variable-name', 'room');
  await page.selectOption('#variable-type', 'CSV');
  await page.fill('#variable-values', `"${XSS}", Kitchen`);
  await page.click('#variable-create');
  await page.waitForSelector('#variable-rows tr[data-variable="room"]', WAIT);
  await page.fill('#dashboard-new-name', XSS);
  await page.click('#dashboard-create');
  await page.waitForSelector('#dashboard[data-loaded="true"]', WAIT);
  await page.selectOption('#dash-time-range', 'custom');
  await page.fill('#dash-range-start', '2022-01-01T00:00:00');
  await page.fill('#dash-range-stop', '2022-01-02T00:00:00');
  for (const [type, text] of [['xy', 'from(bucket: "get-started") |> range(start: v.timeRangeStart, stop: v.timeRangeStop) |> filter(fn: (r) => r.room == v.room)'],
    ['table', 'from(bucket: "get-started") |> range(start: v.timeRangeStart, stop: v.timeRangeStop)'],
    ['single-stat', 'from(bucket: "get-started") |> range(start: v.timeRangeStart, stop: v.timeRangeStop) |> filter(fn: (r) => r._field == "temp") |> last()'],
    ['markdown', XSS]]) {
    await page.click(type === 'markdown' ? '#add-note' : '#add-cell');
    await page.fill('#cell-name', `${type} ${XSS}`);
    await page.selectOption('#cell-type', type);
    if (type === 'markdown') await page.fill('#cell-note', `${text}\n[click](javascript:window.__xss=2)`);
    else await page.fill('#cell-query', text);
    await page.click('#cell-save');
    await page.waitForSelector('dialog.cell-dialog', { state: 'detached', ...WAIT });
  }
  await page.waitForFunction(() => [...document.querySelectorAll('.cell')].every((c) => c.dataset.state === 'done'), null, WAIT);
  assert.deepEqual(await page.$$eval('#var-room option', (os) => os.map((o) => o.textContent)), [XSS, 'Kitchen']);
  assert.equal(await page.locator('.markdown a').count(), 0, 'a javascript: link stays text');
  await assertInert('a dashboard');
  await b.shot('xss-dashboard');
});

const PAGES = [['#/load-data/buckets', '#buckets-title'], ['#/load-data/line-protocol', '#lp-title'], ['#/load-data/tokens', '#tokens-title'],
  ['#/data-explorer', '#de-title'], ['#/dashboards', '#dash-title'], ['#/settings', '#settings-title']];

test('every page in light and dark, wide and at phone width: nothing runs, nothing overflows', TEST, async () => {
  for (const theme of ['light', 'dark']) {
    await page.evaluate((t) => { document.documentElement.dataset.theme = t; window.dispatchEvent(new CustomEvent('tidewater:theme')); }, theme);
    for (const width of [1280, 390]) {
      await page.setViewportSize({ width, height: width > 400 ? 800 : 844 });
      for (const [route, heading] of PAGES) {
        await b.goRoute(route, heading);
        await page.waitForTimeout(100);
        await assertInert(`${route} (${theme}, ${width}px)`);
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
        assert.ok(overflow <= 0, `${route} (${theme}, ${width}px): horizontal overflow ${overflow}px`);
        await b.shot(`xss-${route.replace(/\W+/g, '-').replace(/^-|-$/g, '')}-${theme}-${width}`, { fullPage: false });
      }
    }
  }
  await page.setViewportSize({ width: 1280, height: 800 });
});

test('no uncaught page errors', () => {
  assert.deepEqual(b.pageErrors.map(String), []);
});
