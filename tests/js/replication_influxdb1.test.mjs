// Replication to the real InfluxDB 1.6.7 (Debian's influxd on 127.0.0.1): 100,000 points
// written while the remote is down all arrive once it is up; a Tidewater process killed
// mid-send loses nothing after a restart. Checked on the server with InfluxQL.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Tidewater } from '../../wasm/index.js';
import { startReplicationSender } from '../../wasm/replication_outbox.js';
import { BASE_NS, freePort, pointLine, pointLines, remoteSummary, startInfluxdOn, waitFor } from './replication_influxd.mjs';

const N = 100_000;
const child = fileURLToPath(new URL('./replication_child.mjs', import.meta.url));

async function api(db, token, method, path, body) {
  const res = await db.fetch(path, { method, headers: { Authorization: `Token ${token}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null };
}

async function writeAll(db, token, measurement) {
  for (let i = 0; i < N; i += 10_000) {
    await db.write(token, { org: 'home', bucket: 'local' }, pointLines(measurement, i, Math.min(N, i + 10_000)));
  }
}

async function checkArrived(influxd, measurement) {
  const s = await remoteSummary(influxd, 'remote', measurement);
  assert.deepEqual(s.counts, [N, N, N, N]);
  assert.deepEqual(s.firstLast, [0, N - 1]);
  assert.equal(s.series, 10);
  for (const i of [0, 1, 4242, 77_777, N - 1]) {
    const t = BASE_NS + BigInt(i) * 1_000_000_000n;
    const [row] = await s.one(`SELECT n, x, s, b, host FROM "${measurement}" WHERE time = ${t}`);
    assert.deepEqual(row.slice(1), [i, i / 4, `p${i}`, i % 2 === 0, `h${i % 10}`], pointLine(measurement, i));
  }
}

test('replication to InfluxDB 1.6.7: written while down, all arrive; killed mid-send, nothing lost', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'tidewater-repl-'));
  const port = await freePort();
  let influxd = null;
  t.after(async () => {
    await influxd?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  // 1. Remote down: writes are accepted and queued, the sender records the network error.
  let db = await Tidewater.open({ name: 'repl', storage: { directory: dir } });
  const { token } = await db.setup({ username: 'ada', password: 'lovelace-1815', org: 'home', bucket: 'local' });
  const org = (await api(db, token, 'GET', '/api/v2/orgs?org=home')).body.orgs[0];
  const bucket = (await api(db, token, 'GET', '/api/v2/buckets?name=local')).body.buckets[0];
  const remote = await api(db, token, 'POST', '/api/v2/remotes', {
    orgID: org.id, name: 'influx1', remoteURL: `http://127.0.0.1:${port}`, remoteAPIToken: 'secret-token', remoteAPIVersion: 'v1' });
  assert.equal(remote.status, 201, JSON.stringify(remote.body));
  assert.equal(remote.body.remoteAPIToken, undefined, 'the remote token is never returned');
  const repl = await api(db, token, 'POST', '/api/v2/replications', {
    orgID: org.id, name: 'to-influx1', remoteID: remote.body.id, localBucketID: bucket.id, remoteBucketName: 'remote' });
  assert.equal(repl.status, 201, JSON.stringify(repl.body));
  const replPath = `/api/v2/replications/${repl.body.id}`;

  const fast = { intervalMs: 50, minBackoffMs: 50, maxBackoffMs: 200 };
  let sender = startReplicationSender(db, fast);
  await writeAll(db, token, 'm');
  await waitFor('the network error', async () => (await api(db, token, 'GET', replPath)).body.latestErrorMessage.includes('network error'));
  const queued = (await api(db, token, 'GET', replPath)).body;
  assert.equal(queued.latestResponseCode, 0);
  assert.ok(queued.currentQueueSizeBytes > N * 40, `queued ${queued.currentQueueSizeBytes} bytes`);
  await sender.stop();

  // 2. Remote up: everything arrives, in order, and the queue empties.
  influxd = await startInfluxdOn(port, ['remote']);
  const started = performance.now();
  sender = startReplicationSender(db, fast);
  await waitFor('the queue to drain', async () => (await api(db, token, 'GET', replPath)).body.currentQueueSizeBytes === 0);
  const seconds = (performance.now() - started) / 1000;
  await sender.stop();
  const status = (await api(db, token, 'GET', replPath)).body;
  assert.equal(status.latestResponseCode, 204);
  assert.equal(status.latestErrorMessage, '');
  assert.equal(sender.sent.points, N);
  await checkArrived(influxd, 'm');
  t.diagnostic(`sent ${sender.sent.points} points (${(sender.sent.bytes / 1e6).toFixed(1)} MB of line protocol) in ` +
    `${sender.sent.batches} batches, ${seconds.toFixed(2)} s: ${Math.round(N / seconds)} points/s to influxd 1.6.7`);

  // 3. Queued while no sender runs, then sent by a `tidewater serve` process killed mid-send.
  await writeAll(db, token, 'k');
  await db.close();
  const spawnServe = async () => {
    const p = spawn(process.execPath, [child, dir, String(await freePort())], { stdio: ['ignore', 'pipe', 'inherit'] });
    await new Promise((resolve, reject) => {
      p.stdout.on('data', (d) => { if (String(d).includes('ready')) resolve(); });
      p.once('exit', (code) => reject(new Error(`serve exited with ${code}`)));
    });
    return p;
  };
  const countK = async () => (await remoteSummary(influxd, 'remote', 'k')).counts[0];
  let p = await spawnServe();
  const before = await waitFor('the first batches', async () => { const c = await countK(); return c > 0 ? c : null; }, { everyMs: 5 });
  p.kill('SIGKILL');
  await new Promise((r) => p.once('exit', r));
  const atKill = await countK();
  t.diagnostic(`killed mid-send with ${atKill} of ${N} points on the remote (${before} at the first look)`);
  assert.ok(atKill < N, 'the kill came before everything was sent');
  p = await spawnServe();
  try {
    await waitFor('all points after the restart', async () => (await countK()) === N);
  } finally {
    p.kill('SIGTERM');
    await new Promise((r) => p.once('exit', r));
  }
  await checkArrived(influxd, 'k');
  db = await Tidewater.open({ name: 'repl', storage: { directory: dir } });
  assert.equal((await api(db, token, 'GET', replPath)).body.currentQueueSizeBytes, 0);
  await db.close();
});
