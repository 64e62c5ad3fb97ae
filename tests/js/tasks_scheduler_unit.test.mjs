// wasm/scheduler.js on its own (no engine): a tick at the clock's time, the notification
// outbox sent to a local HTTP endpoint on 127.0.0.1 once per request, offline delivery
// reported as sent=false, and stop() ends the timer.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { TaskScheduler, sendNotification } from '../../wasm/scheduler.js';

test('ticks at the clock time, sends the outbox once, reports failures', async () => {
  const received = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => { body += c; });
    req.on('end', () => { received.push({ method: req.method, url: req.url, type: req.headers['content-type'], body }); res.writeHead(204).end(); });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${server.address().port}/hook`;
  try {
    const asked = [];
    let persisted = 0;
    const scheduler = new TaskScheduler({
      now: () => 1_641_081_600_000,
      runDue: (nowMs) => {
        asked.push(nowMs);
        return asked.length > 1 ? [] : [{ kind: 'check', taskID: 'c', status: 'success', outbox: [
          { url, method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"_level":"crit"}' },
          { url: 'http://127.0.0.1:1/refused', method: 'POST', headers: {}, body: '{}' },
        ] }];
      },
      afterRuns: async () => { persisted++; },
    });
    const seen = [];
    scheduler.onRuns((runs) => seen.push(runs));
    const runs = await scheduler.tick();
    assert.deepEqual(asked, [1_641_081_600_000]);
    assert.equal(persisted, 2);  // the runs' writes, then the notifications rows the reports wrote
    assert.equal(received.length, 1);
    assert.deepEqual(received[0], { method: 'POST', url: '/hook', type: 'application/json', body: '{"_level":"crit"}' });
    assert.deepEqual(runs[0].outbox[0].result, { sent: true, status: 204 });
    assert.equal(runs[0].outbox[1].result.sent, false);
    assert.ok(runs[0].outbox[1].result.reason);
    assert.equal(seen.length, 1);
    // Nothing due: nothing persisted or sent again.
    assert.deepEqual(await scheduler.tick(5), []);
    assert.equal(persisted, 2);
    assert.equal(received.length, 1);
  } finally {
    server.close();
  }
});

test('a failing engine call becomes a failed run; start/stop drive a timer', async () => {
  let calls = 0;
  const scheduler = new TaskScheduler({ intervalMs: 20, runDue: () => { calls++; throw new Error('boom'); } });
  const failed = await scheduler.tick(1);
  assert.equal(failed[0].status, 'failed');
  assert.match(failed[0].error, /boom/);
  scheduler.start();
  await new Promise((resolve) => setTimeout(resolve, 90));
  scheduler.stop();
  const after = calls;
  assert.ok(after >= 3, `ticks: ${after}`);
  await new Promise((resolve) => setTimeout(resolve, 60));
  assert.equal(calls, after);
});

test('sendNotification offline: sent=false with the reason, never throws', async () => {
  // A port nothing listens on: bound, then closed.
  const probe = createServer();
  await new Promise((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address();
  await new Promise((resolve) => probe.close(resolve));
  const result = await sendNotification({ url: `http://127.0.0.1:${port}/nothing`, method: 'POST', headers: {}, body: '{}' });
  assert.equal(result.sent, false);
  assert.match(result.reason, /ECONNREFUSED|fetch failed|connect/i);
});
