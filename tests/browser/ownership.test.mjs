// One owner per database in a browser profile (wasm/owner_*.js, shared_worker.js): pages that
// open the same IndexedDB database share one engine, on the SharedWorker path and on the Web
// Locks path (forced with { owner: 'web-locks' }). Concurrent writers lose nothing; closing the
// owner's page mid-stream hands the database to another page within a second.
//
// Run: node --test --test-concurrency=1 tests/browser/ownership.test.mjs
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { Acks, CHROMIUM, openFixturePage, originOf, startOrigin } from './fixtures/ownership/harness.mjs';

const POINTS = 10_000;
const TEST = { timeout: 240_000 };

async function withBrowser(fn) {
  const server = await startOrigin();
  const profile = await mkdtemp(join(tmpdir(), 'tidewater-owner-'));
  const context = await chromium.launchPersistentContext(profile, CHROMIUM);
  try {
    await fn(context, originOf(server));
  } finally {
    await context.close();
    server.close();
    await rm(profile, { recursive: true, force: true });
  }
}

// Opens n pages on the database (the first one sets it up); returns them and the token.
async function openPages(context, origin, acks, n, owner) {
  const pages = [];
  for (let i = 0; i < n; i++) pages.push(await openFixturePage(context, origin, acks));
  for (const page of pages) assert.equal(await page.evaluate((o) => window.openDb(o), owner), owner);
  const token = await pages[0].evaluate(() => window.setupDb());
  return { pages, token };
}

// A fresh page (the others closed) reads every writer's points back from IndexedDB.
async function storedAfterReload(context, origin, owner, token) {
  const page = await openFixturePage(context, origin);
  assert.equal(await page.evaluate((o) => window.openDb(o), owner), owner);
  const stored = await page.evaluate((t) => window.pointsByWriter(t), token);
  await page.evaluate(() => window.closeDb());
  await page.close();
  return stored;
}

test('Chromium picks the SharedWorker path by default', TEST, async () => {
  await withBrowser(async (context, origin) => {
    const page = await openFixturePage(context, origin);
    assert.equal(await page.evaluate(() => window.openDb()), 'shared-worker');
    await page.evaluate(() => window.closeDb());
    assert.deepEqual(page.errors, []);
  });
});

for (const owner of ['shared-worker', 'web-locks']) {
  for (const n of [2, 3]) {
    test(`${owner}: ${n} pages write ${POINTS} points each at once, all there after reload`, TEST, async () => {
      await withBrowser(async (context, origin) => {
        const acks = new Acks();
        const { pages, token } = await openPages(context, origin, acks, n, owner);
        const started = Date.now();
        await Promise.all(pages.map((page, i) => page.evaluate((a) => window.writeStream(a),
          { token, writer: `w${i}`, to: POINTS })));
        const seconds = (Date.now() - started) / 1000;
        console.log(`  ${owner}, ${n} writers: ${n * POINTS} points in ${seconds.toFixed(2)} s = `
          + `${Math.round((n * POINTS) / seconds)} points/s`);
        for (const page of pages) {
          assert.deepEqual(page.errors, []);
          await page.close();
        }
        const stored = await storedAfterReload(context, origin, owner, token);
        for (let i = 0; i < n; i++) {
          assert.equal(stored[`w${i}`]?.length, POINTS, `writer w${i}`);
          assert.deepEqual(acks.missing(`w${i}`, stored[`w${i}`]), []);
        }
      });
    });
  }

  test(`${owner}: closing the first page mid-stream, the others go on and nothing acknowledged is lost`, TEST, async () => {
    await withBrowser(async (context, origin) => {
      const acks = new Acks();
      const { pages, token } = await openPages(context, origin, acks, 3, owner);
      const [first, ...others] = pages;
      // Every page writes until told to stop; the first one is closed mid-stream.
      const stream = (page, writer) => page.evaluate((a) => window.writeStream(a), { token, writer, to: 100 * POINTS, batch: 100 });
      const firstStream = stream(first, 'w0').catch(() => 'closed');
      const streams = others.map((page, i) => stream(page, `w${i + 1}`));
      const ackedBy = () => ['w1', 'w2'].map((w) => acks.points(w));
      while (acks.points('w0') < 3000) await new Promise((r) => setTimeout(r, 20));
      await first.close();
      const atClose = ackedBy();
      // The others go on: each gets POINTS more points acknowledged after the close.
      while (ackedBy().some((n, i) => n < atClose[i] + POINTS)) await new Promise((r) => setTimeout(r, 20));
      for (const page of others) await page.evaluate(() => { window.stopWriting = true; });
      const results = await Promise.all(streams);
      assert.equal(await firstStream, 'closed');
      // The longest wait for one write: with web-locks it spans the new owner's takeover.
      const takeoverMs = Math.round(Math.max(...results.map((r) => r.maxWriteMs)));
      console.log(`  ${owner}: longest single write of the other pages ${takeoverMs} ms (closed page: `
        + `${acks.points('w0')} points acknowledged; others at the close: ${atClose.join(', ')}, at the end: ${ackedBy().join(', ')})`);
      assert.ok(takeoverMs < 1000, `takeover took ${takeoverMs} ms`);
      for (const page of others) {
        assert.deepEqual(page.errors, []);
        await page.close();
      }
      const stored = await storedAfterReload(context, origin, owner, token);
      for (const w of ['w0', 'w1', 'w2']) assert.deepEqual(acks.missing(w, stored[w]), [], `writer ${w}`);
      for (const w of ['w1', 'w2']) assert.ok(stored[w].length >= acks.points(w), `writer ${w}`);
    });
  });
}

test('mixed: a SharedWorker page, a Web Locks page and one with the engine in the page share one owner', TEST, async () => {
  await withBrowser(async (context, origin) => {
    const acks = new Acks();
    const [a, b, c] = [await openFixturePage(context, origin, acks), await openFixturePage(context, origin, acks),
      await openFixturePage(context, origin, acks)];
    assert.equal(await a.evaluate(() => window.openDb('shared-worker')), 'shared-worker');
    assert.equal(await b.evaluate(() => window.openDb('web-locks')), 'web-locks');
    assert.equal(await c.evaluate(() => window.openDb('web-locks', false)), 'web-locks');
    const token = await a.evaluate(() => window.setupDb());
    await Promise.all([a, b, c].map((page, i) => page.evaluate((w) => window.writeStream(w), { token, writer: `w${i}`, to: POINTS })));
    // The SharedWorker owns the database; closing it hands over to a Web Locks page.
    for (const page of [a, b, c]) {
      assert.deepEqual(page.errors, []);
      await page.evaluate(() => window.closeDb());
      await page.close();
    }
    const stored = await storedAfterReload(context, origin, 'web-locks', token);
    for (const w of ['w0', 'w1', 'w2']) assert.equal(stored[w]?.length, POINTS, `writer ${w}`);
  });
});

test('shared-worker: a closed tab counts as gone, so the last close() releases the database', TEST, async () => {
  await withBrowser(async (context, origin) => {
    const [a, b] = [await openFixturePage(context, origin), await openFixturePage(context, origin)];
    for (const page of [a, b]) assert.equal(await page.evaluate(() => window.openDb('shared-worker')), 'shared-worker');
    const held = () => b.evaluate(async () => (await navigator.locks.query()).held.map((l) => l.name)
      .filter((n) => n.startsWith('tidewater-owner:') || n.startsWith('tidewater-engine:')).sort());
    assert.deepEqual(await held(), ['tidewater-engine:owned', 'tidewater-owner:owned']);
    await a.close();  // no close(): the tab just goes away
    await b.evaluate(() => window.closeDb());
    let locks = await held();
    for (let i = 0; i < 50 && locks.length; i++) {
      await new Promise((r) => setTimeout(r, 100));
      locks = await held();
    }
    assert.deepEqual(locks, []);
    assert.deepEqual(b.errors, []);
  });
});

test('an open that fails (invalid name) rejects on both paths and leaves the locks free', TEST, async () => {
  await withBrowser(async (context, origin) => {
    const page = await openFixturePage(context, origin);
    const outcome = await page.evaluate(async () => {
      const out = {};
      for (const owner of ['shared-worker', 'web-locks']) {
        try {
          await window.Tidewater.open({ name: 'bad name', storage: 'indexeddb', owner });
          out[owner] = 'opened';
        } catch (e) {
          out[owner] = `${e.name}: ${e.code}`;
        }
      }
      // Locks are given back asynchronously (a worker's when it is gone): allow a moment.
      for (let i = 0; i < 40; i++) {
        const { held, pending } = await navigator.locks.query();
        out.locks = [...held, ...pending].map((l) => l.name).filter((n) => n.includes('bad name') || n.startsWith('tidewater-client:'));
        if (!out.locks.length) break;
        await new Promise((r) => setTimeout(r, 50));
      }
      return out;
    });
    assert.deepEqual(outcome, { 'shared-worker': 'InvalidError: invalid', 'web-locks': 'InvalidError: invalid', locks: [] });
    assert.equal(await page.evaluate(() => window.openDb('web-locks')), 'web-locks');
    await page.evaluate(() => window.closeDb());
  });
});

test('web-locks: requests that are not safe to repeat fail with UnavailableError across a takeover, never hang', TEST, async () => {
  await withBrowser(async (context, origin) => {
    const { pages: [first, second], token } = await openPages(context, origin, new Acks(), 2, 'web-locks');
    const run = second.evaluate((a) => window.createTokens(a), { token, prefix: 't' });
    await new Promise((r) => setTimeout(r, 500));
    await first.close();
    const atTakeover = (await second.evaluate((t) => window.tokenDescriptions(t), token)).length;
    await new Promise((r) => setTimeout(r, 1000));
    await second.evaluate(() => { window.stopWriting = true; });
    const out = await run;
    const stored = new Set(await second.evaluate((t) => window.tokenDescriptions(t), token));
    console.log(`  ${out.created.length} tokens created, ${out.unavailable} refused as unavailable across the takeover`);
    assert.deepEqual(out.other, []);
    assert.ok(stored.size > atTakeover, 'the second page went on creating tokens after the takeover');
    for (const d of out.created) assert.ok(stored.has(d), `token ${d} lost`);
    assert.deepEqual(second.errors, []);
  });
});
