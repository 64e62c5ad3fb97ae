// tidewater/sw in Chromium: a page owns the database; plain fetch('/api/v2/...') and the
// official browser client with a normal URL reach it through the Service Worker; writes
// survive a reload.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { readFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const repo = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const fixture = join(repo, 'tests', 'browser', 'fixtures', 'service_worker');
const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.mjs': 'text/javascript', '.wasm': 'application/wasm' };

// A static origin: the fixture page at /, the package at /wasm/, the browser client at /vendor/.
// swSource: the Service Worker script the page registers as /sw.js.
function startOrigin(swSource = "import './wasm/service_worker.js';\n") {
  const files = (path) => {
    if (path === '/sw.js') return { text: swSource, type: '.js' };
    if (path === '/vendor/influxdb-client-browser.mjs')
      return { file: join(repo, 'node_modules/@influxdata/influxdb-client-browser/dist/index.browser.mjs') };
    const [dir, rel] = path.startsWith('/wasm/') ? [join(repo, 'wasm'), path.slice(6)] : [fixture, path.slice(1) || 'index.html'];
    const file = normalize(join(dir, rel));
    return file.startsWith(dir + sep) ? { file } : null;
  };
  const server = createServer(async (req, res) => {
    const path = new URL(req.url, 'http://x').pathname;
    const f = files(path);
    try {
      const body = f?.text ?? await readFile(f.file);
      res.writeHead(200, { 'content-type': TYPES[f.type ?? extname(f.file)] ?? 'application/octet-stream' }).end(body);
    } catch {
      // The API paths never reach here while the Service Worker controls the page.
      res.writeHead(404, { 'content-type': 'text/plain' }).end(`not found: ${path}`);
    }
  });
  return new Promise((r) => server.listen(0, '127.0.0.1', () => r(server)));
}

const CHROMIUM = {
  executablePath: '/usr/bin/chromium',
  headless: true,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
};

// A page of a fresh origin (startOrigin(serviceWorker)) in a fresh profile, ready and controlled;
// body gets { page, errors } and everything is closed and removed after it.
async function withControlledPage(serviceWorker, body) {
  const server = await startOrigin(serviceWorker);
  const origin = `http://127.0.0.1:${server.address().port}`;
  const profile = await mkdtemp(join(tmpdir(), 'tidewater-sw-'));
  const context = await chromium.launchPersistentContext(profile, CHROMIUM);
  try {
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${origin}/`);
    await page.waitForSelector('body[data-ready="true"]', { timeout: 60_000 });
    await body({ page, errors });
  } finally {
    await context.close();
    server.close();
    await rm(profile, { recursive: true, force: true });
  }
}

test('Service Worker answers fetch() and the official browser client from the page\'s database', { timeout: 120_000 }, () =>
  withControlledPage(undefined, async ({ page, errors }) => {
    const first = await page.evaluate(async () => {
      const allowed = await (await fetch('/api/v2/setup')).json();
      const setup = await fetch('/api/v2/setup', { method: 'POST', headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ username: 'sw', password: 'service-worker', org: 'o', bucket: 'b' }) });
      const { auth } = await setup.json();
      const write = await fetch('/api/v2/write?org=o&bucket=b&precision=s', { method: 'POST',
        headers: { Authorization: `Token ${auth.token}` }, body: 'm,via=fetch v=1.5 1641024000' });
      const ping = await fetch('/ping');
      const { InfluxDB, Point } = await import('/vendor/influxdb-client-browser.mjs');
      const influx = new InfluxDB({ url: location.origin, token: auth.token });
      const writeApi = influx.getWriteApi('o', 'b', 's');
      writeApi.writePoint(new Point('m').tag('via', 'client').floatField('v', 2.5).timestamp(1641024060));
      await writeApi.close();
      const rows = await influx.getQueryApi('o').collectRows(
        'from(bucket: "b") |> range(start: 2022-01-01T00:00:00Z, stop: 2022-01-02T00:00:00Z)');
      let notFound = null;
      try {
        await influx.getQueryApi('o').collectRows('from(bucket: "missing") |> range(start: 0)');
      } catch (e) { notFound = e.statusCode; }
      return { allowed, setupStatus: setup.status, writeStatus: write.status, token: auth.token,
        version: ping.headers.get('x-influxdb-version'), rows: rows.map((r) => [r.via, r._value]), notFound };
    });
    assert.deepEqual(first.allowed, { allowed: true });
    assert.equal(first.setupStatus, 201);
    assert.equal(first.writeStatus, 204);
    assert.equal(first.version, 'v2.7.12');
    assert.deepEqual(first.rows, [['client', 2.5], ['fetch', 1.5]]);
    assert.equal(first.notFound, 404);

    await page.reload();
    await page.waitForSelector('body[data-ready="true"]', { timeout: 60_000 });
    const after = await page.evaluate(async (token) => {
      const res = await fetch('/api/v2/query?org=o', { method: 'POST',
        headers: { Authorization: `Token ${token}`, 'Content-Type': 'application/vnd.flux' },
        body: 'from(bucket: "b") |> range(start: 2022-01-01T00:00:00Z, stop: 2022-01-02T00:00:00Z)' });
      return { status: res.status, csv: await res.text(), controlled: !!navigator.serviceWorker.controller };
    }, first.token);
    assert.equal(after.status, 200);
    assert.ok(after.controlled);
    assert.equal(after.csv.split('\r\n').filter((l) => l.startsWith(',_result')).length, 2);
    assert.deepEqual(errors, []);
  }));

// The site's own worker loads tidewater/sw first, then adds a catch-all fetch listener (as a
// cache-first app worker like web/sw.js does): API requests are answered by tidewater/sw and
// never reach the site's listener; everything else does.
const COMPOSED_SW = `import './wasm/service_worker.js';
const apiSeen = [];
self.addEventListener('fetch', (event) => {
  const path = new URL(event.request.url).pathname;
  if (path.startsWith('/api/') || path === '/ping') apiSeen.push(path);
  if (path === '/site/api-seen') event.respondWith(new Response(apiSeen.join(',')));
  else if (path.startsWith('/site/')) event.respondWith(new Response('site worker: ' + path));
});
`;

test('tidewater/sw composes with the site\'s own Service Worker on one scope', { timeout: 120_000 }, () =>
  withControlledPage(COMPOSED_SW, async ({ page, errors }) => {
    const got = await page.evaluate(async () => {
      const allowed = await (await fetch('/api/v2/setup')).json();
      const ping = (await fetch('/ping')).status;
      const site = await (await fetch('/site/page')).text();
      const apiSeen = await (await fetch('/site/api-seen')).text();
      return { allowed, ping, site, apiSeen };
    });
    assert.deepEqual(got, { allowed: { allowed: true }, ping: 204, site: 'site worker: /site/page', apiSeen: '' });
    assert.deepEqual(errors, []);
  }));
