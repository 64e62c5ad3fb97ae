// Browser crash: SIGKILL Chromium (the whole process group) while a page writes continuously,
// restart it on the same profile, and check that every write whose promise resolved is there,
// that the database opens and answers queries, and that it takes new writes. Several rounds on
// one profile, alternating the SharedWorker and Web Locks paths.
//
// Run: node --test --test-concurrency=1 tests/browser/browser_crash.test.mjs
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { Acks, CHROMIUM, CHROMIUM_ARGS, openFixturePage, originOf, startOrigin } from './fixtures/ownership/harness.mjs';

const ROUNDS = 5;

// Chromium as a process of our own (so it can be SIGKILLed), driven over CDP.
async function launchChromium(profile) {
  const child = spawn('/usr/bin/chromium', [...CHROMIUM_ARGS, `--user-data-dir=${profile}`,
    '--remote-debugging-port=0', 'about:blank'], { detached: true, stdio: ['ignore', 'ignore', 'pipe'] });
  const endpoint = await new Promise((resolve, reject) => {
    let text = '';
    const timer = setTimeout(() => reject(new Error(`no DevTools endpoint: ${text}`)), 30_000);
    child.stderr.on('data', (d) => {
      text += d;
      const m = /DevTools listening on (ws:\S+)/.exec(text);
      if (m) { clearTimeout(timer); resolve(m[1]); }
    });
    child.once('exit', (code) => { clearTimeout(timer); reject(new Error(`chromium exited with ${code}: ${text}`)); });
  });
  const browser = await chromium.connectOverCDP(endpoint);
  return { child, browser, context: browser.contexts()[0] };
}

function killGroup(child) {
  const exited = new Promise((r) => child.once('exit', r));
  process.kill(-child.pid, 'SIGKILL');
  return exited;
}

test(`SIGKILL during writes, ${ROUNDS} rounds: every acknowledged write survives and the database opens`, { timeout: 600_000 }, async () => {
  const server = await startOrigin();
  const origin = originOf(server);
  const profile = await mkdtemp(join(tmpdir(), 'tidewater-crash-'));
  const acks = new Acks();
  let token = null;
  let chrome = null;
  let kills = 0;
  try {
    for (let round = 0; round <= ROUNDS; round++) {
      const owner = round % 2 ? 'web-locks' : 'shared-worker';
      chrome = await launchChromium(profile);
      // Two pages: on the Web Locks path the second one forwards its writes to the first.
      const pages = [await openFixturePage(chrome.context, origin, acks), await openFixturePage(chrome.context, origin, acks)];
      for (const page of pages) assert.equal(await page.evaluate((o) => window.openDb(o), owner), owner);
      const [page] = pages;
      if (round === 0) {
        token = await page.evaluate(() => window.setupDb());
      } else {
        // After the kill: everything acknowledged before it is stored, and writes work again.
        const stored = await page.evaluate((t) => window.pointsByWriter(t), token);
        for (const writer of acks.batches.keys()) {
          assert.deepEqual(acks.missing(writer, stored[writer]), [], `round ${round}: acknowledged points of ${writer} lost`);
        }
        const kept = Object.values(stored).reduce((n, v) => n + v.length, 0);
        console.log(`  round ${round} (${owner}): reopened with ${kept} points, ${[...acks.batches.keys()]
          .reduce((n, w) => n + acks.points(w), 0)} acknowledged before the kills`);
      }
      if (round === ROUNDS) {
        await page.evaluate((a) => window.writeStream(a), { token, writer: 'after', to: 500 });
        const stored = await page.evaluate((t) => window.pointsByWriter(t), token);
        assert.equal(stored.after.length, 500);
        for (const p of pages) {
          await p.evaluate(() => window.closeDb());
          assert.deepEqual(p.errors, []);
        }
        await chrome.browser.close();  // disconnects; `finally` ends the process
        break;
      }
      const writers = [`c${round}a`, `c${round}b`];
      pages.forEach((p, i) => p.evaluate((a) => window.writeStream(a), { token, writer: writers[i], to: 10_000_000, batch: 50 })
        .catch(() => {}));
      const killAfter = 500 + Math.floor(Math.random() * 2500);
      while (acks.points(writers[0]) + acks.points(writers[1]) < killAfter) await new Promise((r) => setTimeout(r, 5));
      await killGroup(chrome.child);
      chrome = null;
      console.log(`  round ${round}: killed after ${acks.points(writers[0])} + ${acks.points(writers[1])} acknowledged points`);
      kills++;
    }
    assert.equal(kills, ROUNDS);
  } finally {
    if (chrome) await killGroup(chrome.child);
    server.close();
    await rm(profile, { recursive: true, force: true });
  }
});

// Storage pressure in Chromium: a small quota for the origin (CDP Storage.overrideQuotaForOrigin).
test('quota: a refused write fails with StorageFullError, the database stays readable and consistent, writes resume', { timeout: 300_000 }, async () => {
  const server = await startOrigin();
  const origin = originOf(server);
  const profile = await mkdtemp(join(tmpdir(), 'tidewater-quota-'));
  const context = await chromium.launchPersistentContext(profile, CHROMIUM);
  const acks = new Acks();
  try {
    // Chromium's IndexedDB reads the quota when it opens a database: set it before.
    const cdp = await context.newCDPSession(await context.newPage());  // outlives the test pages
    const quotaSize = 2 * 1024 * 1024;
    await cdp.send('Storage.overrideQuotaForOrigin', { origin, quotaSize });
    let page = await openFixturePage(context, origin, acks);
    await page.evaluate(() => window.openDb());
    const token = await page.evaluate(() => window.setupDb());
    await page.evaluate((a) => window.writeStream(a), { token, writer: 'before', to: 2000 });

    const refusal = await page.evaluate((a) => window.writeUntilRefused(a),
      { token, writer: 'full', to: 10_000_000, batch: 2000, noise: true });
    console.log(`  quota ${quotaSize} bytes: ${acks.points('full')} points acknowledged, then `
      + `${refusal?.name} (${refusal?.code}, ${refusal?.status}): ${refusal?.message}`);
    assert.ok(refusal?.storageFull, `expected StorageFullError, got ${JSON.stringify(refusal)}`);
    assert.deepEqual([refusal.code, refusal.status], ['unavailable', 507]);
    // Still readable while full; a second refusal is reported the same way.
    const whileFull = await page.evaluate((t) => window.pointsByWriter(t), token);
    assert.equal(whileFull.before.length, 2000);
    assert.deepEqual(acks.missing('full', whileFull.full), []);
    const again = await page.evaluate((a) => window.writeUntilRefused(a), { token, writer: 'again', to: 2000, batch: 2000, noise: true });
    assert.ok(again?.storageFull, JSON.stringify(again));

    // A fresh page opens what IndexedDB holds: every acknowledged point, nothing corrupt.
    await page.close();
    page = await openFixturePage(context, origin, acks);
    await page.evaluate(() => window.openDb());
    const reopened = await page.evaluate((t) => window.pointsByWriter(t), token);
    assert.equal(reopened.before.length, 2000);
    assert.deepEqual(acks.missing('full', reopened.full), []);

    // Space is back: writes work again and survive another reopen.
    await cdp.send('Storage.overrideQuotaForOrigin', { origin });
    await page.evaluate((a) => window.writeStream(a), { token, writer: 'after', to: 2000 });
    await page.evaluate(() => window.closeDb());
    await page.close();
    page = await openFixturePage(context, origin);
    await page.evaluate(() => window.openDb());
    const final = await page.evaluate((t) => window.pointsByWriter(t), token);
    assert.equal(final.after.length, 2000);
    assert.deepEqual(acks.missing('full', final.full), []);
    assert.deepEqual(page.errors, []);
  } finally {
    await context.close();
    server.close();
    await rm(profile, { recursive: true, force: true });
  }
});
