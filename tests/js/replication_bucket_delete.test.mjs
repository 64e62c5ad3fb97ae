// A deleted bucket takes its replications and their queue folders along (as InfluxDB deletes a
// bucket's replications), through the package on a real directory.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Tidewater } from '../../wasm/index.js';

async function json(db, token, method, path, body) {
  const res = await db.request(method, path, [['authorization', `Token ${token}`], ['content-type', 'application/json']],
    body === undefined ? '' : JSON.stringify(body));
  return { status: res.status, body: res.body ? JSON.parse(res.body) : null };
}

test('deleting a bucket deletes its replications and their queues, and frees the remote', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'tidewater-repl-bucket-'));
  try {
    const db = await Tidewater.open({ name: 'r', storage: { directory: dir } });
    const { token, orgID, bucketID } = await db.setup({ username: 'ada', password: 'lovelace-1815', org: 'o', bucket: 'b' });
    const remote = await json(db, token, 'POST', '/api/v2/remotes',
      { orgID, name: 'prod', remoteURL: 'http://127.0.0.1:9', remoteAPIToken: 't', remoteOrgID: '0123456789abcdef' });
    assert.equal(remote.status, 201);
    const repl = await json(db, token, 'POST', '/api/v2/replications',
      { orgID, name: 'to-prod', remoteID: remote.body.id, localBucketID: bucketID, remoteBucketName: 'dest' });
    assert.equal(repl.status, 201);
    const other = await json(db, token, 'POST', '/api/v2/buckets', { orgID, name: 'kept' });
    const kept = await json(db, token, 'POST', '/api/v2/replications',
      { orgID, name: 'kept', remoteID: remote.body.id, localBucketID: other.body.id, remoteBucketName: 'dest' });
    await db.write(token, { org: 'o', bucket: 'b' }, 'm v=1 1');
    await db.write(token, { org: 'o', bucket: 'kept' }, 'm v=1 1');
    const queue = join(dir, 'replication', repl.body.id);
    assert.ok(existsSync(queue));

    assert.equal((await json(db, token, 'DELETE', `/api/v2/buckets/${bucketID}`)).status, 204);
    assert.equal((await json(db, token, 'GET', `/api/v2/replications/${repl.body.id}`)).status, 404);
    assert.equal(existsSync(queue), false);
    // The other bucket's replication and queue are untouched.
    const left = await json(db, token, 'GET', `/api/v2/replications?orgID=${orgID}`);
    assert.deepEqual(left.body.replications.map((r) => r.name), ['kept']);
    assert.ok(left.body.replications[0].currentQueueSizeBytes > 0);
    assert.ok(existsSync(join(dir, 'replication', kept.body.id)));
    await db.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
