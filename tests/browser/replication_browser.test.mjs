// Replication from a browser: whichever context owns the database (the SharedWorker, or the tab
// elected with Web Locks) sends the replication queue to the remote while online, across CORS,
// gzip-compressed, as InfluxDB's /api/v2/write expects. The remote is a small HTTP server on
// 127.0.0.1 that records what it is sent (the real-server tests are replication_influxdb1).
//
// Run: node --test --test-concurrency=1 tests/browser/replication_browser.test.mjs
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { CHROMIUM, openFixturePage, originOf, startOrigin } from './fixtures/ownership/harness.mjs';

const POINTS = 2000;

// A remote InfluxDB 2.x /api/v2/write that allows any origin: records { query, authorization, lines }.
function startRemote() {
  const writes = [];
  const server = createServer((req, res) => {
    const cors = {
      'access-control-allow-origin': '*',
      'access-control-allow-headers': 'authorization, content-type, content-encoding',
      'access-control-allow-methods': 'POST',
    };
    if (req.method === 'OPTIONS') return res.writeHead(204, cors).end();
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url, 'http://x');
      if (req.method !== 'POST' || url.pathname !== '/api/v2/write') return res.writeHead(404, cors).end();
      let body = Buffer.concat(chunks);
      if (req.headers['content-encoding'] === 'gzip') body = gunzipSync(body);
      writes.push({ query: Object.fromEntries(url.searchParams), authorization: req.headers.authorization,
        lines: body.toString('utf8').split('\n').filter(Boolean) });
      res.writeHead(204, cors).end();
    });
  });
  return new Promise((r) => server.listen(0, '127.0.0.1', () => r({ server, writes })));
}

async function waitFor(what, check, ms = 60_000) {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  assert.fail(`timed out waiting for ${what}`);
}

for (const owner of ['shared-worker', 'web-locks']) {
  test(`${owner}: the owner sends the replication queue to a CORS-enabled remote`, { timeout: 180_000 }, async () => {
    const origin = await startOrigin();
    const remote = await startRemote();
    const profile = await mkdtemp(join(tmpdir(), 'tidewater-repl-'));
    const context = await chromium.launchPersistentContext(profile, CHROMIUM);
    try {
      const page = await openFixturePage(context, origin ? originOf(origin) : undefined);
      assert.equal(await page.evaluate((o) => window.openDb(o), owner), owner);
      const token = await page.evaluate(() => window.setupDb());
      const call = (method, path, body) => page.evaluate(([t, m, p, b]) => window.apiCall(t, m, p, b), [token, method, path, body]);
      const orgID = (await call('GET', '/api/v2/orgs')).body.orgs[0].id;
      const bucketID = (await call('GET', '/api/v2/buckets?name=b')).body.buckets[0].id;
      const created = await call('POST', '/api/v2/remotes', {
        orgID, name: 'cloud', remoteURL: `http://127.0.0.1:${remote.server.address().port}`, remoteAPIToken: 'remote-token', remoteOrgID: 'remote-org' });
      assert.equal(created.status, 201, JSON.stringify(created.body));
      const repl = await call('POST', '/api/v2/replications', { orgID, name: 'up', remoteID: created.body.id, localBucketID: bucketID, remoteBucketName: 'incoming' });
      assert.equal(repl.status, 201, JSON.stringify(repl.body));

      await page.evaluate((t) => window.writeStream({ token: t, writer: 'a', to: 2000, batch: 500 }), token);
      const received = () => remote.writes.flatMap((w) => w.lines);
      await waitFor(`${POINTS} lines at the remote (got ${received().length})`, () => received().length >= POINTS);
      // Every point once, in order, with InfluxDB's write parameters and the remote's token.
      assert.deepEqual(received(), Array.from({ length: POINTS }, (_, j) => `m,w=a v=${j}i ${1_700_000_000 + j}000000000`));
      for (const w of remote.writes) {
        assert.equal(w.authorization, 'Token remote-token');
        assert.equal(w.query.org ?? w.query.orgID, 'remote-org');
        assert.equal(w.query.bucket, 'incoming');
      }
      await waitFor('an empty queue', async () => (await call('GET', `/api/v2/replications/${repl.body.id}`)).body.currentQueueSizeBytes === 0);
      assert.deepEqual(page.errors, []);
      await page.evaluate(() => window.closeDb());
    } finally {
      await context.close();
      origin.close();
      remote.server.close();
      await rm(profile, { recursive: true, force: true });
    }
  });
}
