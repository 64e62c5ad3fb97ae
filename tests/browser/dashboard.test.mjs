// The dashboard in headless Chromium: a first visit to `?sample=1` creates and fills the sample
// database, the UI writes (Load Data → Line Protocol) and queries (Data Explorer), a parse error
// writes nothing, and data survives a reload and a browser restart on the same profile
// (IndexedDB through IDBFS). The setup form and the other pages: dashboard_pages.test.mjs.
//
// Run: node --test tests/browser/   (needs wasm/dist from `bash scripts/build.sh wasm`)
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { fork } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const resultsDir = join(repoRoot, 'test-results');
const WAIT = { timeout: 60_000 };  // cold wasm compile + IndexedDB on a busy 2-core machine
const TEST = { timeout: 180_000 };

// Debian's Chromium (see shared/notes/toolchain.md); never a downloaded browser.
const CHROMIUM = {
  executablePath: '/usr/bin/chromium',
  headless: true,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  viewport: { width: 1280, height: 900 },
};

let server;       // the scripts/serve.mjs child process
let baseURL;
let profileDir;   // Chromium user-data dir, reused by the restart test
let context;
let page;
const pageErrors = [];

// Starts scripts/serve.mjs on a free port; it reports the port over IPC.
function startServer() {
  return new Promise((resolve, reject) => {
    const child = fork(join(repoRoot, 'scripts/serve.mjs'), ['--port', '0'], { stdio: ['ignore', 'ignore', 'pipe', 'ipc'] });
    let stderr = '';
    child.stderr.on('data', (d) => { stderr += d; });
    const timer = setTimeout(() => reject(new Error('serve.mjs did not report a port within 15 s')), 15_000);
    child.once('message', (msg) => {
      clearTimeout(timer);
      resolve({ child, port: msg.port });
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`serve.mjs exited with ${code}: ${stderr}`));
    });
  });
}

async function openBrowser() {
  context = await chromium.launchPersistentContext(profileDir, CHROMIUM);
  page = context.pages()[0] ?? await context.newPage();
  page.on('pageerror', (err) => pageErrors.push(err));
  page.on('console', (msg) => { if (msg.type() === 'error') console.log(`  [page console.error] ${msg.text()}`); });
}

async function waitForReady() {
  await page.waitForSelector('body[data-ready="true"]', WAIT);
  return page.evaluate(() => window.tidewaterReady);
}

// Shows a page of the dashboard through its hash route.
async function goRoute(route, selector) {
  await page.evaluate((r) => { if (location.hash !== r) location.hash = r; }, route);
  await page.waitForSelector(selector, { state: 'visible', ...WAIT });
}

// Runs Flux through the Data Explorer's editor and Run button; resolves once that run has finished.
async function runFlux(flux) {
  await goRoute('#/data-explorer', '#flux');
  const status = page.locator('#query-status');
  const before = await status.getAttribute('data-run');
  await page.fill('#flux', flux);
  await page.click('#run');
  await page.waitForFunction((prev) => {
    const el = document.getElementById('query-status');
    return el.dataset.run !== undefined && el.dataset.run !== prev && el.dataset.state !== 'running';
  }, before, WAIT);
  return {
    state: await status.getAttribute('data-state'),
    rows: Number(await status.getAttribute('data-rows')),
    error: (await page.locator('#error').isVisible()) ? await page.textContent('#error') : '',
  };
}

// Writes line protocol through the textarea, precision select and Write button.
async function writeLineProtocol(text, precision) {
  await goRoute('#/load-data/line-protocol', '#lp');
  const status = page.locator('#write-status');
  const before = await status.getAttribute('data-seq');
  await page.fill('#lp', text);
  await page.selectOption('#precision', precision);
  await page.click('#write');
  await page.waitForFunction((prev) => {
    const el = document.getElementById('write-status');
    return el.dataset.seq !== undefined && el.dataset.seq !== prev;
  }, before, WAIT);
  return { state: await status.getAttribute('data-state'), text: await status.textContent() };
}

// The rendered results table as objects keyed by its header cells.
function tableRows() {
  return page.$$eval('#results', ([table]) => {
    const names = [...table.tHead.querySelectorAll('th')].map((th) => th.textContent);
    return [...table.tBodies[0].rows].map((tr) =>
      Object.fromEntries([...tr.cells].map((td, i) => [names[i], td.textContent])));
  });
}

const probeTime = Math.floor(Date.now() / 1000) - 60;  // "now-ish", inside range(start: -1h)
const PROBE_FLUX = 'from(bucket: "sample") |> range(start: -1h) |> filter(fn: (r) => r._measurement == "probe")';

async function assertProbeStored() {
  const result = await runFlux(PROBE_FLUX);
  assert.equal(result.state, 'done', result.error);
  assert.equal(result.rows, 1);
  const [row] = await tableRows();
  assert.equal(row._value, '42');
  assert.equal(row.host, 't');
  assert.equal(row._time, new Date(probeTime * 1000).toISOString().replace('.000Z', 'Z'));
}

before(async () => {
  assert.ok(existsSync(join(repoRoot, 'wasm/dist/tidewater.js')), 'wasm/dist is missing: run bash scripts/build.sh wasm');
  await mkdir(resultsDir, { recursive: true });
  const started = await startServer();
  server = started.child;
  baseURL = `http://127.0.0.1:${started.port}/`;
  profileDir = await mkdtemp(join(tmpdir(), 'tidewater-chromium-'));
  await openBrowser();
});

after(async () => {
  await context?.close();
  server?.kill('SIGTERM');
  if (profileDir) await rm(profileDir, { recursive: true, force: true });
});

test('first visit to ?sample=1 creates the sample database and shows the sample query', TEST, async () => {
  await page.goto(`${baseURL}?sample=1`);
  const ready = await waitForReady();
  console.log(`time to ready, first visit: ${ready.ms} ms (engine open ${ready.openMs} ms, setup ${ready.setupMs} ms, `
    + `writing ${ready.samplePoints} sample points ${ready.seedMs} ms)`);
  assert.equal(ready.firstVisit, true);
  assert.ok(ready.samplePoints > 0);

  // The operator token is shown once and is the one kept in localStorage.
  await page.waitForSelector('#token-panel', { state: 'visible', ...WAIT });
  const shownToken = await page.textContent('#token');
  assert.ok(shownToken.length > 20, `token looks too short: ${shownToken}`);
  assert.equal(await page.evaluate(() => localStorage.getItem('tidewater.token')), shownToken);

  // The page runs the prefilled query by itself once ready.
  await page.waitForSelector('#query-status[data-run]', WAIT);
  assert.equal(await page.getAttribute('#query-status', 'data-state'), 'done', await page.textContent('#error'));
  const rows = await tableRows();
  assert.ok(rows.length >= 100, `expected hourly temps for 2 rooms over days, got ${rows.length} rows`);
  assert.ok(rows.every((r) => r._measurement === 'home' && r._field === 'temp'));
  assert.deepEqual(new Set(rows.map((r) => r.room)), new Set(['Kitchen', 'Living Room']));
  assert.ok(await page.locator('#chart canvas').count() > 0, 'no chart canvas');
  // One legend entry per table (uPlot also lists the x series first).
  assert.equal(await page.locator('#chart .u-legend .u-series').count(), 3);
  assert.ok(await page.locator('#error').isHidden());

  await page.screenshot({ path: join(resultsDir, 'dashboard.png'), fullPage: true });
});

test('a point written through the UI can be queried back', TEST, async () => {
  const written = await writeLineProtocol(`probe,host=t v=42 ${probeTime}`, 's');
  assert.equal(written.state, 'ok', written.text);
  await assertProbeStored();
  await page.screenshot({ path: join(resultsDir, 'probe.png'), fullPage: true });
});

test('malformed line protocol shows line and column and writes nothing', TEST, async () => {
  // The first line is valid: InfluxDB rejects the whole batch on a parse error, so it must not land.
  const written = await writeLineProtocol(`probe,host=t v=43 ${probeTime + 1}\nprobe,host=t v= ${probeTime + 2}`, 's');
  assert.equal(written.state, 'error');
  assert.match(written.text, /line 2/);
  assert.match(written.text, /column \d+/);
  console.log(`parse error shown: ${written.text}`);
  await page.screenshot({ path: join(resultsDir, 'parse-error.png'), fullPage: true });
  await assertProbeStored();  // still exactly the one point, 42
});

test('a Flux error is shown in #error and cleared by the next good run', TEST, async () => {
  const failed = await runFlux('from(bucket: "no-such-bucket") |> range(start: -1h)');
  assert.equal(failed.state, 'error');
  assert.match(failed.error, /^Query failed: .*no-such-bucket/);
  assert.equal((await tableRows()).length, 0);
  await assertProbeStored();
  assert.ok(await page.locator('#error').isHidden());
});

test('a second tab opens the same database and sees the same data', TEST, async () => {
  // Tidewater.open elects one owner per database (SharedWorker or Web Locks); the second tab
  // forwards to it instead of opening the files a second time, or waiting for the first to close.
  const first = page;
  page = await context.newPage();
  try {
    await page.goto(baseURL);
    const ready = await waitForReady();
    assert.equal(ready.firstVisit, false);
    await assertProbeStored();
    const written = await writeLineProtocol(`second_tab,host=t v=7 ${probeTime}`, 's');
    assert.equal(written.state, 'ok', written.text);
  } finally {
    await page.close();
    page = first;
  }
  const seen = await runFlux('from(bucket: "sample") |> range(start: -1h) |> filter(fn: (r) => r._measurement == "second_tab")');
  assert.equal(seen.state, 'done', seen.error);
  assert.equal(seen.rows, 1);
});

test('after a reload the data is there and setup is not redone', TEST, async () => {
  const tokenBefore = await page.evaluate(() => localStorage.getItem('tidewater.token'));
  await page.reload();
  const ready = await waitForReady();
  console.log(`time to ready, reload: ${ready.ms} ms (engine open ${ready.openMs} ms)`);
  assert.equal(ready.firstVisit, false);
  assert.equal(ready.samplePoints, 0);
  assert.ok(await page.locator('#token-panel').isHidden());
  assert.equal(await page.evaluate(() => localStorage.getItem('tidewater.token')), tokenBefore);
  await assertProbeStored();
});

test('after a browser restart on the same profile the data is there', TEST, async () => {
  await context.close();
  await openBrowser();
  await page.goto(baseURL);
  const ready = await waitForReady();
  console.log(`time to ready, after browser restart: ${ready.ms} ms (engine open ${ready.openMs} ms)`);
  assert.equal(ready.firstVisit, false);
  await assertProbeStored();
  // Leave the sample query on screen for the screenshot.
  const sample = await runFlux('from(bucket: "sample") |> range(start: -7d) |> filter(fn: (r) => r._measurement == "cpu")');
  assert.equal(sample.state, 'done', sample.error);
  assert.ok(sample.rows > 0);
  await page.screenshot({ path: join(resultsDir, 'after-restart.png'), fullPage: true });
});

test('no uncaught page errors', () => {
  assert.deepEqual(pageErrors.map(String), []);
});
