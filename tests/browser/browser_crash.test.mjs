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
import { Acks, CHROMIUM_ARGS, openFixturePage, originOf, startOrigin } from './fixtures/ownership/harness.mjs';

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
  try {
    for (let round = 0; round <= ROUNDS; round++) {
      const owner = round % 2 ? 'web-locks' : 'shared-worker';
      chrome = await launchChromium(profile);
      const page = await openFixturePage(chrome.context, origin, acks);
      assert.equal(await page.evaluate((o) => window.openDb(o), owner), owner);
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
        await page.evaluate(() => window.closeDb());
        assert.deepEqual(page.errors, []);
        await chrome.browser.close();
        break;
      }
      const writer = `c${round}`;
      page.evaluate((a) => window.writeStream(a), { token, writer, to: 10_000_000, batch: 50 }).catch(() => {});
      const killAfter = 500 + Math.floor(Math.random() * 2500);
      while (acks.points(writer) < killAfter) await new Promise((r) => setTimeout(r, 5));
      await killGroup(chrome.child);
      chrome = null;
      console.log(`  round ${round}: killed after ${acks.points(writer)} acknowledged points of ${writer}`);
    }
  } finally {
    if (chrome) await killGroup(chrome.child);
    server.close();
    await rm(profile, { recursive: true, force: true });
  }
});
