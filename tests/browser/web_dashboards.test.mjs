// Dashboards in headless Chromium, persisted through /api/v2/dashboards and /api/v2/variables:
// variables of every kind, a dashboard with the tutorial's "Room temperature" cell driven by the
// `room` variable, Single Stat / Gauge / Table / Note / Histogram / Heatmap / Band cells, moving
// and resizing cells (keyboard and mouse), per-dashboard time range and auto-refresh, reload,
// clone, export → import, delete, and "Save as dashboard cell" from the Data Explorer.
//
// Run: node --test --test-concurrency=1 tests/browser/web_dashboards.test.mjs
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { startWithHomeData, ROOM_TEMPERATURE_FLUX, TEST, WAIT } from './fixtures/web/harness.mjs';

let server;
let b;
let page;


before(async () => {
  ({ server, b } = await startWithHomeData('dashboards'));
  page = b.page;
});

after(async () => {
  await b?.close();
  server?.child.kill('SIGTERM');
});

const cell = (name) => page.locator('.cell', { has: page.locator(`.cell-name:text-is(${JSON.stringify(name)})`) });

// Waits for a cell's run counter to move past `before` and returns its data attributes.
async function cellDone(name, before = null) {
  const handle = await cell(name).elementHandle(WAIT);
  await page.waitForFunction(([el, prev]) => el.dataset.run && el.dataset.run !== prev && el.dataset.state !== 'loading', [handle, before], WAIT);
  return handle.evaluate((el) => ({ ...el.dataset }));
}

async function addCell({ name, type = 'xy', query = '', note, fill = {} }) {
  await page.click(type === 'markdown' ? '#add-note' : '#add-cell');
  await page.waitForSelector('dialog.cell-dialog[open]', WAIT);
  await page.fill('#cell-name', name);
  await page.selectOption('#cell-type', type);
  if (type === 'markdown') await page.fill('#cell-note', note);
  else await page.fill('#cell-query', query);
  for (const [sel, value] of Object.entries(fill)) {
    if (await page.locator(sel).evaluate((el) => el.tagName) === 'SELECT') await page.selectOption(sel, value);
    else await page.fill(sel, value);
  }
  await page.click('#cell-save');
  await page.waitForSelector('dialog.cell-dialog', { state: 'detached', ...WAIT });
  return cellDone(name);
}

async function createVariable(name, kind, values) {
  await page.fill('#variable-name', name);
  await page.selectOption('#variable-type', kind);
  if (kind === 'Query') await page.fill('#variable-query', values);
  else await page.fill('#variable-values', values);
  const before = await page.getAttribute('#variables-status', 'data-seq');
  await page.click('#variable-create');
  await b.waitForChange('variables-status', 'data-seq', before);
  assert.equal(await page.getAttribute('#variables-status', 'data-state'), 'ok', await page.textContent('#variables-status'));
  await page.waitForSelector(`#variable-rows tr[data-variable="${name}"]`, WAIT);
}

test('variables: Query, CSV, Map and Constant are created and listed', TEST, async () => {
  await b.goRoute('#/dashboards', '#dash-title');
  await page.waitForFunction(() => document.querySelector('#dash-title')?.closest('.page')?.dataset.loaded, null, WAIT);
  assert.equal(await page.evaluate(() => document.querySelector('#dash-title').closest('.page').dataset.loaded), 'true',
    await page.textContent('#dashboards-error'));
  await createVariable('room', 'Query', 'import "influxdata/influxdb/schema"\nschema.tagValues(bucket: "get-started", tag: "room", start: time(v: 0))');
  await createVariable('rooms', 'CSV', 'Kitchen, Living Room');
  await createVariable('field', 'Map', 'Temperature,temp\nHumidity,hum');
  await createVariable('bucket', 'Constant', 'get-started');
  const kinds = await page.$$eval('#variable-rows tr', (trs) => Object.fromEntries(trs.map((tr) => [tr.dataset.variable, tr.cells[1].textContent])));
  assert.deepEqual(kinds, { bucket: 'Constant', field: 'Map', room: 'Query', rooms: 'CSV' });
  await b.shot('dashboards-variables');
});

test('a dashboard with the "Room temperature" cell follows the room variable', TEST, async () => {
  await page.fill('#dashboard-new-name', 'Home');
  await page.click('#dashboard-create');
  await page.waitForSelector('#dashboard[data-loaded="true"]', WAIT);
  assert.equal(await page.textContent('#dashboard-name'), 'Home');
  await page.selectOption('#dash-time-range', 'custom');
  await page.fill('#dash-range-start', '2022-01-01T08:00:00');
  await page.fill('#dash-range-stop', '2022-01-01T20:00:01');
  const done = await addCell({ name: 'Room temperature', query: ROOM_TEMPERATURE_FLUX });
  if (done.state === 'error') assert.fail(`the cell failed: ${done.error}`);
  // The room variable's drop-down lists the tag values; the first is picked.
  const options = await page.$$eval('#var-room option', (os) => os.map((o) => o.value));
  assert.deepEqual(options, ['Kitchen', 'Living Room']);
  assert.equal(await page.inputValue('#var-room'), 'Kitchen');
  assert.ok(Number(done.rows) >= 13, `rows: ${done.rows}`);
  assert.ok(await cell('Room temperature').locator('canvas').count() > 0);
  const labels = await cell('Room temperature').locator('.u-legend .u-series').allTextContents();
  assert.ok(labels.some((l) => l.includes('room=Kitchen')) && !labels.some((l) => l.includes('Living Room')), labels.join('|'));
  await b.shot('dashboard-room-kitchen');
  const run = done.run;
  await page.selectOption('#var-room', 'Living Room');
  await cellDone('Room temperature', run);
  const after = await cell('Room temperature').locator('.u-legend .u-series').allTextContents();
  assert.ok(after.some((l) => l.includes('room=Living Room')) && !after.some((l) => l.includes('Kitchen')), after.join('|'));
});

test('Single Stat, Gauge, Table, Note, Histogram, Heatmap and Band cells', TEST, async () => {
  const last = `from(bucket: "get-started") |> range(start: v.timeRangeStart, stop: v.timeRangeStop)
  |> filter(fn: (r) => r._field == "co" and r.room == "Kitchen") |> last()`;
  const stat = await addCell({ name: 'Kitchen CO', type: 'single-stat', query: last,
    fill: { '#cell-suffix': ' ppm', '#cell-decimals': '0', '#cell-thresholds': '0 #32B08C\n20 #F95F53' } });
  assert.equal(stat.state, 'done', stat.error);
  assert.equal(await cell('Kitchen CO').locator('.single-stat').textContent(), '26 ppm');
  assert.equal(await cell('Kitchen CO').locator('.single-stat').getAttribute('data-color'), '#F95F53', 'over 20: the red threshold');
  const gauge = await addCell({ name: 'CO gauge', type: 'gauge', query: last, fill: { '#cell-min': '0', '#cell-max': '50' } });
  assert.equal(gauge.state, 'done', gauge.error);
  assert.equal(await cell('CO gauge').locator('.cell-body').getAttribute('data-value'), '26');
  assert.match(await cell('CO gauge').locator('svg.gauge').getAttribute('aria-label'), /26/);
  const table = await addCell({ name: 'Raw temps', type: 'table', query: `from(bucket: "get-started") |> range(start: v.timeRangeStart, stop: v.timeRangeStop) |> filter(fn: (r) => r._field == "temp")` });
  assert.equal(table.rows, '26');
  assert.equal(await cell('Raw temps').locator('tbody tr').count(), 26);
  await addCell({ name: 'Read me', type: 'markdown', note: '## Home\nTemperatures in **Celsius**; see [the tutorial](https://docs.influxdata.com/).\n<img src=x onerror=window.__xss=1>' });
  assert.equal(await cell('Read me').locator('strong').textContent(), 'Celsius');
  assert.match(await cell('Read me').textContent(), /<img src=x onerror=window.__xss=1>/);
  assert.equal(await cell('Read me').locator('img').count(), 0);
  const hist = await addCell({ name: 'Humidity spread', type: 'histogram', query: `from(bucket: "get-started") |> range(start: v.timeRangeStart, stop: v.timeRangeStop) |> filter(fn: (r) => r._field == "hum")`, fill: { '#cell-bins': '10' } });
  assert.equal(hist.state, 'done', hist.error);
  assert.ok(await cell('Humidity spread').locator('canvas').count() > 0);
  const heat = await addCell({ name: 'Temp heatmap', type: 'heatmap', query: `from(bucket: "get-started") |> range(start: v.timeRangeStart, stop: v.timeRangeStop) |> filter(fn: (r) => r._field == "temp")` });
  assert.equal(heat.state, 'done', heat.error);
  assert.match(await cell('Temp heatmap').locator('canvas.heatmap').getAttribute('aria-label'), /26 points/);
  const bandQuery = ['min', 'mean', 'max'].map((fn) => `from(bucket: "get-started") |> range(start: v.timeRangeStart, stop: v.timeRangeStop)
  |> filter(fn: (r) => r._field == "temp" and r.room == "Kitchen") |> aggregateWindow(every: 2h, fn: ${fn}) |> yield(name: "${fn}")`).join('\n');
  const band = await addCell({ name: 'Temp band', type: 'band', query: bandQuery });
  assert.equal(band.state, 'done', band.error);
  assert.equal(await cell('Temp band').locator('.u-legend .u-series').count(), 4, 'x + mean, max, min');
  await b.shot('dashboard-cells');
});

test('graph geometry (step, stacked) and Graph + Single Stat are saved with the view', TEST, async () => {
  await cell('Room temperature').locator('button', { hasText: 'Configure' }).click();
  await page.waitForSelector('dialog.cell-dialog[open]', WAIT);
  await page.selectOption('#cell-geom', 'step');
  await page.click('#cell-save');
  await cellDone('Room temperature');
  const plus = await addCell({ name: 'Temp + last', type: 'line-plus-single-stat',
    query: `from(bucket: "get-started") |> range(start: v.timeRangeStart, stop: v.timeRangeStop) |> filter(fn: (r) => r._field == "temp")`,
    fill: { '#cell-geom': 'stacked', '#cell-suffix': ' °C', '#cell-decimals': '1' } });
  assert.equal(plus.state, 'done', plus.error);
  assert.match(await cell('Temp + last').locator('.stat-overlay').textContent(), /^\d+\.\d °C$/);
});

test('cells move and resize from the keyboard and the mouse; the layout survives a reload', TEST, async () => {
  const head = cell('Room temperature').locator('.cell-head');
  const pos = async (name) => cell(name).evaluate((el) => ({ x: +el.dataset.x, y: +el.dataset.y, w: +el.dataset.w, h: +el.dataset.h }));
  const start = await pos('Room temperature');
  await head.focus();
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('Shift+ArrowDown');
  const moved = await pos('Room temperature');
  assert.deepEqual(moved, { ...start, x: start.x + 1, h: start.h + 1 });
  // Mouse: drag the Note's title bar two columns left and its corner one column wider.
  const note = await pos('Read me');
  await cell('Read me').locator('.cell-head').scrollIntoViewIfNeeded();
  const box = await cell('Read me').locator('.cell-head').boundingBox();
  const colWidth = await page.evaluate(() => (document.getElementById('dash-grid').clientWidth + 8) / 12);
  await page.mouse.move(box.x + 20, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + 20 - colWidth * 2, box.y + box.height / 2, { steps: 5 });
  await page.mouse.up();
  const dragged = await pos('Read me');
  assert.equal(dragged.x, Math.max(0, note.x - 2));
  await page.waitForTimeout(300);  // cells glide to their place (CSS transition)
  await cell('Read me').locator('.cell-resize').scrollIntoViewIfNeeded();
  const corner = await cell('Read me').locator('.cell-resize').boundingBox();
  await page.mouse.move(corner.x + 5, corner.y + 5);
  await page.mouse.down();
  await page.mouse.move(corner.x + 5 + colWidth, corner.y + 5, { steps: 5 });
  await page.mouse.up();
  assert.equal((await pos('Read me')).w, dragged.w + 1);
  // No two cells overlap.
  const all = await page.$$eval('.cell', (els) => els.map((el) => ({ x: +el.dataset.x, y: +el.dataset.y, w: +el.dataset.w, h: +el.dataset.h })));
  for (const a of all) for (const c of all) {
    if (a === c) continue;
    assert.ok(!(a.x < c.x + c.w && c.x < a.x + a.w && a.y < c.y + c.h && c.y < a.y + a.h), `overlap ${JSON.stringify(a)} ${JSON.stringify(c)}`);
  }
  const layout = await page.$$eval('.cell', (els) => Object.fromEntries(els.map((el) => [el.querySelector('.cell-name').textContent, [el.dataset.x, el.dataset.y, el.dataset.w, el.dataset.h].join(',')])));
  await page.waitForTimeout(300);  // the last PUT of the layout
  await page.reload();
  await page.waitForSelector('#dashboard[data-loaded="true"]', WAIT);
  await cellDone('Room temperature');
  const again = await page.$$eval('.cell', (els) => Object.fromEntries(els.map((el) => [el.querySelector('.cell-name').textContent, [el.dataset.x, el.dataset.y, el.dataset.w, el.dataset.h].join(',')])));
  assert.deepEqual(again, layout);
  // The dashboard's own time range and the variable's choice are remembered too.
  assert.equal(await page.inputValue('#dash-time-range'), 'custom');
  assert.equal(await page.inputValue('#var-room'), 'Living Room');
  await page.click('.cell:has(.cell-name:text-is("Room temperature")) button:has-text("Configure")');
  assert.equal(await page.inputValue('#cell-geom'), 'step');
  await page.click('#cell-cancel');
  await b.shot('dashboard-after-reload');
});

test('auto-refresh runs the cells again', TEST, async () => {
  const before = (await cellDone('Kitchen CO')).run;
  await page.selectOption('#dash-refresh', '5000');
  const again = await cellDone('Kitchen CO', before);
  assert.ok(Number(again.run) > Number(before));
  await page.selectOption('#dash-refresh', '0');
});

test('Data Explorer: save the query as a cell of the Home dashboard', TEST, async () => {
  await b.runQuery('from(bucket: "get-started") |> range(start: v.timeRangeStart, stop: v.timeRangeStop) |> filter(fn: (r) => r._field == "hum")');
  await page.click('#save-cell');
  await page.waitForSelector('#save-cell-dashboard', WAIT);
  await page.selectOption('#save-cell-dashboard', { label: 'Home' });
  await page.fill('#save-cell-name', 'Humidity');
  await page.click('#save-cell-submit');
  await page.click('#save-cell-open');
  await page.waitForSelector('#dashboard[data-loaded="true"]', WAIT);
  const hum = await cellDone('Humidity');
  assert.equal(hum.state, 'done', hum.error);
  assert.ok(Number(hum.rows) > 0);
});

test('list: clone, export, import and delete', TEST, async () => {
  await b.goRoute('#/dashboards', '#dashboard-rows');
  await page.waitForSelector('#dashboard-rows tr[data-dashboard="Home"]', WAIT);
  await page.click('#dashboard-rows tr[data-dashboard="Home"] button:has-text("Clone")');
  await page.waitForSelector('#dashboard-rows tr[data-dashboard="Home (clone)"]', WAIT);
  const cells = await page.textContent('#dashboard-rows tr[data-dashboard="Home"] td:nth-child(2)');
  assert.equal(await page.textContent('#dashboard-rows tr[data-dashboard="Home (clone)"] td:nth-child(2)'), cells);
  const [download] = await Promise.all([page.waitForEvent('download', WAIT),
    page.click('#dashboard-rows tr[data-dashboard="Home"] button:has-text("Export")')]);
  const json = JSON.parse(await readFile(await download.path(), 'utf8'));
  assert.equal(json.meta.type, 'dashboard');
  assert.equal(json.content.data.attributes.name, 'Home');
  assert.equal(json.content.data.relationships.cell.data.length, Number(cells));
  assert.deepEqual(json.content.included.filter((i) => i.type === 'variable').map((v) => v.attributes.name), ['room']);
  // Import it back under another name.
  json.content.data.attributes.name = 'Home imported';
  await page.setInputFiles('#dashboard-import', { name: 'home.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(json)) });
  await page.waitForSelector('#dashboard-rows tr[data-dashboard="Home imported"]', WAIT);
  assert.equal(await page.textContent('#dashboard-rows tr[data-dashboard="Home imported"] td:nth-child(2)'), cells);
  await b.shot('dashboards-list');
  await page.click('#dashboard-rows tr[data-dashboard="Home (clone)"] button:has-text("Delete")');
  await page.click('#confirm-ok');
  await page.waitForSelector('#dashboard-rows tr[data-dashboard="Home (clone)"]', { state: 'detached', ...WAIT });
  // The imported copy opens and draws.
  await page.click('#dashboard-rows tr[data-dashboard="Home imported"] a');
  await page.waitForSelector('#dashboard[data-loaded="true"]', WAIT);
  assert.equal((await cellDone('Kitchen CO')).state, 'done');
});

test('phone width: cells stack in one column without overflow', TEST, async () => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.waitForTimeout(300);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.ok(overflow <= 0, `horizontal overflow at phone width: ${overflow}px`);
  await b.shot('dashboard-phone', { fullPage: false });
  await page.setViewportSize({ width: 1280, height: 800 });
});

test('no uncaught page errors', () => {
  assert.deepEqual(b.pageErrors.map(String), []);
});
