// The tutorial's alerting pipeline in Node: map() + filter() flag home.lp's rows over a CO
// threshold and slack.message() sends each. The query only queues the messages (the engine
// has no network); the host's scheduler POSTs them to a local HTTP server on 127.0.0.1, and
// with the server down monitor.notify's notifications rows say _sent "false" with the reason.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { readFileSync } from 'node:fs';
import { Tidewater } from '../../wasm/index.js';

const homeLp = readFileSync(new URL('../../../shared/tutorial/home.lp', import.meta.url), 'utf8');
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function until(cond, what) {
  for (let i = 0; i < 60; i++) {
    const value = await cond();
    if (value) return value;
    await sleep(100);
  }
  assert.fail(`timed out waiting for ${what}`);
}

const pipeline = (url) => `import "slack"
from(bucket: "get-started")
  |> range(start: 2022-01-01T08:00:00Z, stop: 2022-01-01T20:00:01Z)
  |> filter(fn: (r) => r._measurement == "home" and r._field == "co")
  |> map(fn: (r) => ({r with level: if r._value >= 20 then "critical" else if r._value >= 10 then "warning" else "ok"}))
  |> filter(fn: (r) => r.level == "critical")
  |> map(fn: (r) => ({r with sent: slack.message(url: "${url}", channel: "#alerts", color: "danger",
       text: "${'${r.room}'}: CO is ${'${string(v: r._value)}'} ppm")}))`;

const notify = (url) => `import "influxdata/influxdb/monitor"
import "slack"
endpoint = slack.endpoint(url: "${url}")(mapFn: (r) => ({channel: "#alerts", text: "CO ${'${string(v: r._value)}'} in ${'${r.room}'}", color: "danger"}))
from(bucket: "get-started")
  |> range(start: 2022-01-01T08:00:00Z, stop: 2022-01-01T20:00:01Z)
  |> filter(fn: (r) => r._measurement == "home" and r._field == "co")
  |> last()  // one row per room: rows of one series notified at one now() would share a point
  |> monitor.notify(endpoint: endpoint, data: {_notification_rule_id: "0000000000000001", _notification_rule_name: "co",
       _notification_endpoint_id: "0000000000000002", _notification_endpoint_name: "slack"})`;

const logs = `import "influxdata/influxdb/monitor"
monitor.logs(start: -1h, fn: (r) => true)`;

test('the alerting pipeline posts each flagged row once; offline it records sent=false', async () => {
  const posts = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => { body += c; });
    req.on('end', () => { posts.push({ method: req.method, url: req.url, body: JSON.parse(body) }); res.writeHead(200).end('ok'); });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${server.address().port}/slack`;
  const db = await Tidewater.open({ name: 'alerting', storage: 'memory' });
  try {
    const { token } = await db.setup({ username: 'ada', password: 'lovelace-1815', org: 'home', bucket: 'get-started', retentionPeriodSeconds: 0 });
    await db.write(token, { org: 'home', bucket: 'get-started', precision: 's' }, homeLp);

    // The query answers at once: nothing has been sent yet, so no HTTP status (0).
    const rows = await db.query(token, { org: 'home' }, pipeline(url));
    assert.deepEqual(rows.map((r) => [r.room, r._value, r.sent]), [['Kitchen', 22, 0], ['Kitchen', 26, 0]]);
    await until(() => posts.length >= 2, 'two posts');
    await sleep(300);  // and no more
    assert.deepEqual(posts.map((p) => [p.method, p.url, p.body.channel, p.body.attachments[0].text, p.body.attachments[0].color]), [
      ['POST', '/slack', '#alerts', 'Kitchen: CO is 22 ppm', 'danger'],
      ['POST', '/slack', '#alerts', 'Kitchen: CO is 26 ppm', 'danger'],
    ]);

    // monitor.notify: the notifications rows appear once the host has sent, _sent "true".
    await db.query(token, { org: 'home' }, notify(url));
    const sent = await until(async () => {
      const r = await db.query(token, { org: 'home' }, logs);
      return r.length === 2 ? r : null;
    }, 'two sent notifications');
    assert.deepEqual(sent.map((r) => [r.room, r._sent, r._value]).sort(), [['Kitchen', 'true', 26], ['Living Room', 'true', 17]]);
    assert.equal(posts.length, 4);

    // The server goes away: the query still succeeds, the rows say not sent, with the reason.
    await new Promise((resolve) => server.close(resolve));
    await db.query(token, { org: 'home' }, notify(url));
    const failed = await until(async () => {
      const r = await db.query(token, { org: 'home' }, `${logs} |> filter(fn: (r) => r._sent == "false")`);
      return r.length === 2 ? r : null;
    }, 'two failed notifications');
    for (const row of failed) assert.match(row._reason, /ECONNREFUSED|fetch failed|refused/i);
    assert.equal(posts.length, 4);
  } finally {
    await db.close();
    server.close();
  }
});
