// The Data Explorer's script editor in headless Chromium: Flux highlighting, the function list
// inserting at the cursor (and adding imports), errors marked at their position (mapped back
// through v.* substitution), Graph/Table/Raw results, and the InfluxQL mode over /query.
//
// Run: node --test --test-concurrency=1 tests/browser/web_editor.test.mjs
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startWithHomeData, TEST } from './fixtures/web/harness.mjs';

let server;
let b;  // the browser and its UI helpers

before(async () => {
  ({ server, b } = await startWithHomeData('editor'));
});

after(async () => {
  await b?.close();
  server?.child.kill('SIGTERM');
});

const kinds = (kind) => b.page.$$eval(`.code-highlight .tok-${kind}`, (els) => els.map((e) => e.textContent));

test('Flux is highlighted as it is typed', TEST, async () => {
  await b.goRoute('#/data-explorer', '#flux');
  await b.page.fill('#flux', `// rooms
from(bucket: "get-started")
  |> range(start: 2022-01-01T08:00:00Z, stop: -1h)
  |> filter(fn: (r) => r.room =~ /Kit/ and r._value > 1.5)`);
  assert.deepEqual(await kinds('function'), ['from', 'range', 'filter']);
  assert.deepEqual(await kinds('string'), ['"get-started"']);
  assert.deepEqual(await kinds('time'), ['2022-01-01T08:00:00Z']);
  assert.deepEqual(await kinds('duration'), ['1h']);
  assert.deepEqual(await kinds('regex'), ['/Kit/']);
  assert.deepEqual(await kinds('keyword'), ['and']);
  assert.deepEqual(await kinds('comment'), ['// rooms']);
  assert.equal(await kinds('pipe').then((p) => p.length), 2);
  // The overlay holds exactly the textarea's text (plus the final newline it needs).
  const [overlay, value] = await b.page.evaluate(() => [document.querySelector('.code-highlight').textContent, document.getElementById('flux').value]);
  assert.equal(overlay, `${value}\n`);
  await b.shot('editor-highlight');
});

test('the function list inserts at the cursor and adds the import a package needs', TEST, async () => {
  await b.page.fill('#flux', 'from(bucket: "get-started")\n  |> range(start: 2022-01-01T08:00:00Z, stop: 2022-01-01T20:00:01Z)');
  await b.page.evaluate(() => { const t = document.getElementById('flux'); t.focus(); t.setSelectionRange(5, 5); });
  await b.page.click('#fn-list button[data-fn="mean"]');
  assert.equal(await b.page.inputValue('#flux'),
    'from(bucket: "get-started")\n  |> mean()\n  |> range(start: 2022-01-01T08:00:00Z, stop: 2022-01-01T20:00:01Z)');
  const caret = await b.page.evaluate(() => document.getElementById('flux').selectionStart);
  assert.equal(caret, 'from(bucket: "get-started")\n  |> mean()'.length);

  await b.page.fill('#fn-filter', 'tagvalues');
  assert.deepEqual(await b.page.$$eval('#fn-list button', (bs) => bs.map((x) => x.textContent)), ['schema.tagValues']);
  await b.page.evaluate(() => { const t = document.getElementById('flux'); t.focus(); t.setSelectionRange(t.value.length, t.value.length); });
  await b.page.click('#fn-list button[data-fn="schema.tagValues"]');
  const text = await b.page.inputValue('#flux');
  assert.match(text, /^import "influxdata\/influxdb\/schema"\nfrom/);
  assert.match(text, /\nschema\.tagValues\(bucket: "my-bucket", tag: "host"\)$/);
  await b.page.fill('#fn-filter', '');
  await b.shot('editor-functions');
});

test('a Flux error is marked at its position, also after v.* substitution on the same line', TEST, async () => {
  const r = await b.runQuery('from(bucket: "get-started")\n  |> range(start: v.timeRangeStart, stop: v.timeRangeStop) |> filtr(fn: (r) => true)');
  assert.equal(r.state, 'error');
  assert.match(r.error, /^Query failed: error @2:\d+-2:\d+: undefined identifier filtr/);
  const line2 = '  |> range(start: v.timeRangeStart, stop: v.timeRangeStop) |> filtr(fn: (r) => true)';
  const column = line2.indexOf('filtr') + 1;
  assert.equal(await b.page.textContent('#error-at'), `Go to line 2, column ${column}`);
  assert.equal(await b.page.textContent('.code-highlight mark.tok-error'), 'filtr');
  await b.shot('editor-error');
  await b.page.click('#error-at');
  const selected = await b.page.evaluate(() => { const t = document.getElementById('flux'); return t.value.slice(t.selectionStart, t.selectionEnd); });
  assert.equal(selected, 'filtr');
  // Typing clears the mark; the next good run hides the position.
  await b.page.type('#flux', ' ');
  assert.equal(await b.page.locator('.code-highlight mark').count(), 0);
  const ok = await b.runQuery('from(bucket: "get-started") |> range(start: 2022-01-01T08:00:00Z, stop: 2022-01-01T20:00:01Z) |> filter(fn: (r) => r._field == "temp")');
  assert.equal(ok.state, 'done', ok.error);
  assert.equal(ok.rows, 26);
  assert.ok(await b.page.locator('#error-at').isHidden());
});

test('results: Graph first, then Table and Raw Data; the query time is shown', TEST, async () => {
  assert.equal(await b.page.getAttribute('#tab-graph', 'aria-selected'), 'true');
  await b.shot('editor-graph');
  assert.ok(await b.page.locator('#chart canvas').first().isVisible());
  assert.match(await b.page.textContent('#query-status'), /26 rows in 2 tables \(2 charted\); query \d+ ms, drawn in \d+ ms/);
  await b.page.click('#tab-table');
  assert.equal((await b.tableRows()).length, 26);
  await b.page.keyboard.press('ArrowRight');  // keyboard moves to the next tab
  assert.equal(await b.page.getAttribute('#tab-raw', 'aria-selected'), 'true');
  assert.match(await b.page.textContent('#raw-csv'), /^#datatype,string,long/);
  await b.page.click('#tab-graph');
});

test('InfluxQL mode: the tutorial\'s SELECT over /query (db get-started)', TEST, async (t) => {
  await b.page.click('#mode-influxql');
  assert.equal(await b.page.getAttribute('#mode-influxql', 'aria-pressed'), 'true');
  assert.ok(await b.page.locator('#fn-list').isHidden(), 'no Flux function list for InfluxQL');
  await b.page.fill('#influxql-db', 'get-started');
  const r = await b.runQuery(`SELECT co,hum,temp,room FROM "get-started".autogen.home WHERE time >= '2022-01-01T08:00:00Z' AND time <= '2022-01-01T20:00:00Z'`);
  assert.deepEqual(await kinds('keyword'), ['SELECT', 'FROM', 'WHERE', 'AND']);
  if (r.state === 'error' && /not found/.test(r.error)) {
    await b.shot('editor-influxql');
    t.skip(`the engine has no /query yet: ${r.error}`);
    return;
  }
  assert.equal(r.state, 'done', r.error);
  assert.equal(r.rows, 26);
  const rows = await b.tableRows();
  assert.deepEqual(Object.keys(rows[0]).filter((k) => ['time', 'co', 'hum', 'temp', 'room'].includes(k)), ['time', 'co', 'hum', 'temp', 'room']);
  assert.ok(await b.page.locator('#chart canvas').first().isVisible());
  assert.match(await b.page.textContent('#raw-csv'), /"results"/);
  assert.equal(await b.page.textContent('#download-csv'), 'Download JSON');
  await b.shot('editor-influxql');
  // Back to Flux: the Flux script is where it was.
  await b.page.click('#mode-flux');
  assert.match(await b.page.inputValue('#flux'), /^from\(bucket: "get-started"\)/);
});

test('no uncaught page errors', () => {
  assert.deepEqual(b.pageErrors.map(String), []);
});
