// `npm run build`'s static folder, served as plain files, works offline after the first visit:
// the Service Worker caches the app shell, uPlot and the wasm; a reload with the network off
// opens the database and queries it; a new version on the server is used from the next load.
//
// Run: node --test --test-concurrency=1 tests/browser/web_offline.test.mjs
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openBrowser, repoRoot, startServer, TEST, WAIT } from './fixtures/web/harness.mjs';

let dist;
let server;
let b;
let page;

before(async () => {
  dist = await mkdtemp(join(tmpdir(), 'tidewater-web-dist-'));
  execFileSync(process.execPath, [join(repoRoot, 'scripts/build_web.mjs'), dist], { stdio: 'pipe' });
  server = await startServer(['--root', dist]);
  b = await openBrowser('offline');
  page = b.page;
});

after(async () => {
  await b?.close();
  server?.child.kill('SIGTERM');
  if (dist) await rm(dist, { recursive: true, force: true });
});

const cacheNames = () => page.evaluate(async () => (await caches.keys()).filter((k) => k.startsWith('tidewater-app-') && k !== 'tidewater-app-meta'));

async function sampleQueryWorks() {
  const r = await b.runQuery('from(bucket: "sample") |> range(start: -30d) |> filter(fn: (r) => r._measurement == "home" and r._field == "temp") |> count()');
  assert.equal(r.state, 'done', r.error);
  assert.ok(r.rows > 0);
}

test('the built folder serves the app from plain files; the Service Worker caches it', TEST, async () => {
  const manifest = JSON.parse(await readFile(join(dist, 'sw-manifest.json'), 'utf8'));
  assert.ok(manifest.files.includes('wasm/dist/tidewater.wasm') && manifest.files.includes('vendor/uplot/uPlot.esm.js'));
  assert.ok(manifest.files.includes('pages/dashboards.js'), 'lazy pages are precached too');
  await page.goto(`${server.baseURL}?sample=1`);
  await page.waitForSelector('body[data-ready="true"]', WAIT);
  const { ms } = await page.evaluate(() => window.tidewaterReady);
  console.log(`first visit (static build, sample database written): ready in ${ms} ms`);
  await page.waitForFunction(async () => !!navigator.serviceWorker.controller || !!(await navigator.serviceWorker.getRegistration())?.active, null, WAIT);
  // Install is done once the worker is active: every file of the manifest is in its cache.
  await page.evaluate(() => navigator.serviceWorker.ready);
  const cached = await page.evaluate(async (version) => (await (await caches.open(`tidewater-app-${version}`)).keys()).length, manifest.version);
  assert.equal(cached, manifest.files.length);
  await sampleQueryWorks();
});

test('reload with the network off: the app, the wasm and the data are all there', TEST, async () => {
  await b.context.setOffline(true);
  try {
    assert.equal(await page.evaluate(() => fetch('sw-manifest.json').then(() => 'online', () => 'offline')), 'offline');
    await page.reload();
    await page.waitForSelector('body[data-ready="true"]', WAIT);
    const { ms } = await page.evaluate(() => window.tidewaterReady);
    console.log(`offline reload: ready in ${ms} ms`);
    await sampleQueryWorks();
    // A page not visited before this reload still loads (lazy modules are precached).
    await b.goRoute('#/dashboards', '#dash-title');
    await b.goRoute('#/settings', '#settings-title');
    await b.shot('offline-settings');
  } finally {
    await b.context.setOffline(false);
  }
});

test('a new version on the server is used from the next load', TEST, async () => {
  const indexPath = join(dist, 'index.html');
  const html = await readFile(indexPath, 'utf8');
  await writeFile(indexPath, html.replace('<title>Tidewater</title>', '<title>Tidewater</title><meta name="tidewater-build" content="v2">'));
  const manifestPath = join(dist, 'sw-manifest.json');
  const manifest = JSON.parse(await readFile(manifestPath, 'utf8'));
  await writeFile(manifestPath, JSON.stringify({ ...manifest, version: 'test-v2' }));
  const marker = () => page.evaluate(() => document.querySelector('meta[name="tidewater-build"]')?.content ?? null);

  await page.reload();  // served from the old cache at once; the update is fetched meanwhile
  await page.waitForSelector('body[data-ready="true"]', WAIT);
  assert.equal(await marker(), null);
  await page.waitForFunction(async () => (await caches.keys()).includes('tidewater-app-test-v2'), null, WAIT);
  await page.waitForFunction(async () => (await caches.keys()).filter((k) => k.startsWith('tidewater-app-') && k !== 'tidewater-app-meta').length === 1, null, WAIT);
  assert.deepEqual(await cacheNames(), ['tidewater-app-test-v2']);
  await page.reload();
  await page.waitForSelector('body[data-ready="true"]', WAIT);
  assert.equal(await marker(), 'v2');
  await sampleQueryWorks();
});

test('no uncaught page errors', () => {
  assert.deepEqual(b.pageErrors.map(String), []);
});
