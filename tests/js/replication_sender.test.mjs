// The replication sender against a scripted HTTP server on 127.0.0.1: gzip line protocol to
// /api/v2/write and /write, 429/503 with Retry-After, backoff on network errors, a stop with
// the error recorded on other 4xx (or the batch dropped with dropNonRetryableData), and
// batches never lost or reordered. The outbox here is an in-memory queue with the engine's
// contract (peek, then acknowledge through `end`).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { gunzipSync } from 'node:zlib';
import { ReplicationSender, retryAfterMs, writeRequest } from '../../wasm/replication_sender.js';

function memoryOutbox(batches, target) {
  const state = { acked: 0, code: 0, message: '' };
  return {
    state,
    async targets() {
      return { replications: [{ ...target, latestResponseCode: state.code, latestErrorMessage: state.message }] };
    },
    async nextBatch(id, maxBytes) {
      assert.equal(id, target.id);
      if (state.acked >= batches.length) return { lines: '', records: 0 };
      return { lines: batches[state.acked], end: String(state.acked + 1), records: 1, maxBytes };
    },
    async report(id, end, acknowledge, code, message) {
      if (acknowledge) state.acked = Math.max(state.acked, Number(end));
      state.code = code;
      state.message = message;
      return '';
    },
  };
}

async function scriptedServer(answers) {
  const got = [];
  const server = createServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      const body = req.headers['content-encoding'] === 'gzip' ? gunzipSync(Buffer.concat(chunks)).toString() : Buffer.concat(chunks).toString();
      got.push({ url: req.url, headers: req.headers, body, at: Date.now() });
      const [status, headers = {}, text = ''] = answers.length ? answers.shift() : [204];
      res.writeHead(status, headers);
      res.end(text);
    });
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${server.address().port}`, got, close: () => new Promise((r) => server.close(r)) };
}

const target = (url, extra = {}) => ({ id: 'r1', remoteBucketName: 'dest', remoteBucketID: '', dropNonRetryableData: false,
  remote: { remoteURL: url, remoteAPIToken: 'tok', remoteOrgID: '0123456789abcdef', remoteAPIVersion: 'v2' }, ...extra });

test('sends gzip line protocol in order to /api/v2/write, retrying 429 and 503 after Retry-After', async () => {
  const server = await scriptedServer([[429, { 'retry-after': '0.2' }], [503, { 'retry-after': '0' }, '{"message":"busy"}']]);
  const batches = ['a v=1 1\n', 'a v=2 2\n', 'a v=3 3\n'];
  const outbox = memoryOutbox(batches, target(server.url));
  const sender = new ReplicationSender({ outbox, minBackoffMs: 10, maxBackoffMs: 50, intervalMs: 10 });
  await sender.runOnce();
  assert.equal(outbox.state.code, 429);
  await sender.runOnce();  // before Retry-After: nothing is sent
  assert.equal(server.got.length, 1);
  await new Promise((r) => setTimeout(r, 220));
  await sender.runOnce();
  assert.equal(outbox.state.code, 503);
  assert.equal(outbox.state.message, '503: busy');
  await new Promise((r) => setTimeout(r, 20));
  await sender.runOnce();
  assert.equal(outbox.state.acked, 3);
  assert.equal(outbox.state.code, 204);
  assert.deepEqual(server.got.map((g) => g.body), [batches[0], batches[0], ...batches]);
  assert.ok(server.got[1].at - server.got[0].at >= 190, 'waited for Retry-After');
  const first = server.got[0];
  assert.equal(first.url, '/api/v2/write?bucket=dest&precision=ns&orgID=0123456789abcdef');
  assert.equal(first.headers.authorization, 'Token tok');
  assert.equal(first.headers['content-encoding'], 'gzip');
  assert.deepEqual(sender.sent, { batches: 3, points: 3, bytes: batches.join('').length });
  await server.close();
});

test('another 4xx stops the replication with the error recorded; dropNonRetryableData drops the batch instead', async () => {
  const server = await scriptedServer([[400, {}, '{"error":"partial write: field type conflict"}']]);
  const outbox = memoryOutbox(['a v=1 1\n', 'a v=2 2\n'], target(server.url));
  const sender = new ReplicationSender({ outbox, minBackoffMs: 1, intervalMs: 10 });
  await sender.runOnce();
  await sender.runOnce();
  assert.equal(server.got.length, 1, 'stopped: nothing more is sent');
  assert.equal(outbox.state.acked, 0, 'the batch is kept');
  assert.equal(outbox.state.code, 400);
  assert.match(outbox.state.message, /field type conflict/);

  const server2 = await scriptedServer([[400, {}, 'bad']]);
  const dropping = memoryOutbox(['a v=1 1\n', 'a v=2 2\n'], target(server2.url, { dropNonRetryableData: true }));
  const s3 = new ReplicationSender({ outbox: dropping, minBackoffMs: 1 });
  await s3.runOnce();
  assert.equal(dropping.state.acked, 2, 'the refused batch is dropped, the next one sent');
  assert.deepEqual(server2.got.map((g) => g.body), ['a v=1 1\n', 'a v=2 2\n']);
  await server.close();
  await server2.close();
});

test('a remote that is down is retried with exponential backoff, then everything arrives in order', async () => {
  const server = await scriptedServer([]);
  const url = server.url;
  await server.close();  // nothing listens there now
  const batches = Array.from({ length: 20 }, (_, i) => `a v=${i} ${i}\n`);
  const outbox = memoryOutbox(batches, target(url));
  let now = 0;
  const sender = new ReplicationSender({ outbox, minBackoffMs: 100, maxBackoffMs: 400, now: () => now });
  const attempts = [];
  sender.onEvent((e) => attempts.push([now, e.code]));
  for (now = 0; now <= 1000; now += 50) await sender.runOnce();
  // Attempts at 0, then +100, +200, +400, +400...: doubling up to the ceiling.
  assert.deepEqual(attempts.map(([t]) => t), [0, 100, 300, 700]);
  assert.ok(attempts.every(([, code]) => code === 0));
  assert.match(outbox.state.message, /network error/);
  const up = await new Promise((resolve) => {
    const s = createServer((req, res) => {
      const chunks = [];
      req.on('data', (c) => chunks.push(c));
      req.on('end', () => { s.bodies.push(gunzipSync(Buffer.concat(chunks)).toString()); res.writeHead(204); res.end(); });
    });
    s.bodies = [];
    s.listen(Number(new URL(url).port), '127.0.0.1', () => resolve(s));
  });
  now = 5000;
  await sender.runOnce();
  assert.deepEqual(up.bodies, batches);
  assert.equal(outbox.state.acked, 20);
  await new Promise((r) => up.close(r));
});

test('v1 remotes get /write with db/rp and Basic credentials; Retry-After as seconds or a date', () => {
  const w = writeRequest(target('http://127.0.0.1:8086/', { remoteBucketName: 'telegraf/autogen',
    remote: { remoteURL: 'http://127.0.0.1:8086/', remoteAPIToken: 'ada:secret', remoteAPIVersion: 'v1' } }));
  assert.equal(w.url, 'http://127.0.0.1:8086/write?db=telegraf&precision=ns&rp=autogen');
  assert.equal(w.headers.authorization, `Basic ${Buffer.from('ada:secret').toString('base64')}`);
  assert.equal(retryAfterMs('3'), 3000);
  assert.equal(retryAfterMs(new Date(10_000).toUTCString(), 4_000), 6000);
  assert.equal(retryAfterMs('soon'), null);
});
