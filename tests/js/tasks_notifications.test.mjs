// A threshold check and a notification rule running for real in Node: the check runs every
// second on the open database, and the rule POSTs to a local HTTP endpoint on 127.0.0.1 exactly
// once per state change (ok -> crit), not on every crit status.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { Tidewater } from '../../wasm/index.js';

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function api(db, token, method, path, body) {
  const res = await db.fetch(path, { method, headers: { Authorization: `Token ${token}`, 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await res.text();
  assert.ok(res.status < 300, `${method} ${path}: ${res.status} ${text}`);
  return text ? JSON.parse(text) : null;
}

test('a rule posts to a local endpoint once per state change', async () => {
  const posts = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => { body += c; });
    req.on('end', () => {
      posts.push({ method: req.method, url: req.url, body: JSON.parse(body) });
      res.writeHead(204).end();
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${server.address().port}/hook`;
  const db = await Tidewater.open({ name: 'alerts', storage: 'memory' });
  try {
    const { token } = await db.setup({ username: 'ada', password: 'lovelace-1815', org: 'o', bucket: 'src', retentionPeriodSeconds: 0 });
    const orgID = (await api(db, token, 'GET', '/api/v2/orgs?org=o')).orgs[0].id;
    await db.write(token, { org: 'o', bucket: 'src', precision: 'ms' }, `gauge,room=Kitchen v=1 ${Date.now() - 5000}`);
    const endpoint = await api(db, token, 'POST', '/api/v2/notificationEndpoints',
      { orgID, name: 'hook', type: 'http', url, method: 'POST', authMethod: 'none' });
    await api(db, token, 'POST', '/api/v2/notificationRules', { orgID, name: 'changes', type: 'http', endpointID: endpoint.id,
      every: '1s', statusRules: [{ currentLevel: 'ANY', previousLevel: 'ANY' }] });
    await api(db, token, 'POST', '/api/v2/checks', { orgID, name: 'gauge', type: 'threshold', every: '1s',
      query: { text: 'from(bucket: "src") |> range(start: -1h) |> filter(fn: (r) => r._measurement == "gauge") |> last()' },
      thresholds: [{ type: 'greater', level: 'CRIT', value: 50 }] });
    await sleep(2500);  // ok statuses, no change yet
    assert.equal(posts.length, 0);
    await db.write(token, { org: 'o', bucket: 'src', precision: 'ms' }, `gauge,room=Kitchen v=100 ${Date.now()}`);
    await sleep(3000);  // crit from the next run on: one change
    assert.equal(posts.length, 1, JSON.stringify(posts));
    assert.equal(posts[0].method, 'POST');
    assert.equal(posts[0].url, '/hook');
    assert.equal(posts[0].body._level, 'crit');
    assert.equal(posts[0].body._check_name, 'gauge');
    assert.equal(posts[0].body.room, 'Kitchen');
    const rows = await db.query(token, { org: 'o' },
      'from(bucket: "_monitoring") |> range(start: -1h) |> filter(fn: (r) => r._measurement == "notifications" and r._field == "_message")');
    assert.equal(rows.length, 1);
  } finally {
    await db.close();
    server.close();
  }
});
