// The official @influxdata/influxdb-client, unmodified, against an in-process database through
// the tidewater/transport Transport; and db.fetch with the tutorial's HTTP requests.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { gzipSync } from 'node:zlib';
import { InfluxDB, Point, HttpError, flux } from '@influxdata/influxdb-client';
import { SetupAPI, HealthAPI } from '@influxdata/influxdb-client-apis';
import { Tidewater } from '../../wasm/index.js';
import { createTransport } from '../../wasm/transport.js';

const URL_ = 'http://tidewater.local';

async function onboarded() {
  const db = await Tidewater.open({ name: `oc${Math.random().toString(36).slice(2)}` });
  const setupApi = new SetupAPI(new InfluxDB({ url: URL_, transport: createTransport(db, {}) }));
  assert.deepEqual(await setupApi.getSetup(), { allowed: true });
  const res = await setupApi.postSetup({
    body: { username: 'grace', password: 'hopper-1906', org: 'navy', bucket: 'cobol', retentionPeriodSeconds: 0 },
  });
  const token = res.auth.token;
  const influx = new InfluxDB({ url: URL_, transport: createTransport(db, { token }) });
  return { db, token, influx, setup: res };
}

test('SetupAPI onboarding and HealthAPI through the transport', async () => {
  const { db, setup, influx } = await onboarded();
  assert.equal(setup.user.name, 'grace');
  assert.equal(setup.org.name, 'navy');
  assert.equal(setup.bucket.name, 'cobol');
  assert.match(setup.auth.token, /==$/);
  const health = await new HealthAPI(influx).getHealth();
  assert.equal(health.status, 'pass');
  await assert.rejects(new SetupAPI(influx).postSetup({ body: { username: 'x', password: 'password1', org: 'o', bucket: 'b' } }),
    (e) => e instanceof HttpError && e.statusCode === 422);
  await db.close();
});

test('WriteApi (points, default tags, batches, flush, close) then QueryApi collectRows, queryRaw, iterateRows', async () => {
  const { db, influx } = await onboarded();
  const writeApi = influx.getWriteApi('navy', 'cobol', 's', { batchSize: 7, flushInterval: 0, maxRetries: 0 });
  writeApi.useDefaultTags({ ship: 'harvard' });
  for (let i = 0; i < 20; i++) {
    writeApi.writePoint(new Point('relay').tag('bay', String(i % 2)).floatField('volts', 1.5 + i).intField('moths', i)
      .timestamp(1641024000 + i * 60));
  }
  await writeApi.flush();
  writeApi.writeRecord('relay,ship=harvard,bay=9 volts=99 1641100000');
  await writeApi.close();

  const queryApi = influx.getQueryApi('navy');
  const start = new Date('2022-01-01T00:00:00Z');
  const q = flux`from(bucket: "cobol") |> range(start: ${start}, stop: 2022-01-03T00:00:00Z) |> filter(fn: (r) => r._measurement == "relay" and r._field == "volts")`;
  const rows = await queryApi.collectRows(q);
  assert.equal(rows.length, 21);
  assert.ok(rows.every((r) => r.ship === 'harvard'));
  const bay0 = rows.filter((r) => r.bay === '0').map((r) => r._value);
  assert.deepEqual(bay0, [1.5, 3.5, 5.5, 7.5, 9.5, 11.5, 13.5, 15.5, 17.5, 19.5]);
  assert.equal(rows.find((r) => r.bay === '9')._time, '2022-01-02T05:06:40Z');

  const raw = await queryApi.queryRaw(q);
  assert.match(raw, /^#datatype,string,long,dateTime:RFC3339,dateTime:RFC3339,dateTime:RFC3339,double,string,string,string,string\r\n/);

  let seen = 0;
  for await (const { values, tableMeta } of queryApi.iterateRows(q)) {
    const o = tableMeta.toObject(values);
    assert.equal(o._field, 'volts');
    seen++;
  }
  assert.equal(seen, 21);

  const lines = await queryApi.collectLines(q);
  assert.ok(lines.length > 21);
  await db.close();
});

test('the client sees InfluxDB errors as HttpError with the status and code', async () => {
  const { db, influx } = await onboarded();
  const writeApi = influx.getWriteApi('navy', 'nope', 'ns', { maxRetries: 0 });
  writeApi.writeRecord('m v=1');
  await assert.rejects(writeApi.close(), (e) => e instanceof HttpError && e.statusCode === 404);
  await assert.rejects(influx.getQueryApi('navy').collectRows('from(bucket: "cobol") |> range(start: -1h'),
    (e) => e instanceof HttpError && e.statusCode === 400 && e.json.code === 'invalid');
  const stranger = new InfluxDB({ url: URL_, transport: createTransport(db, { token: 'nope' }) });
  await assert.rejects(stranger.getQueryApi('navy').collectRows('from(bucket: "cobol") |> range(start: -1h)'),
    (e) => e instanceof HttpError && e.statusCode === 401);
  await db.close();
});

test('db.fetch: the tutorial requests, gzip bodies, raw Flux and Bearer tokens', async () => {
  const { db, token } = await onboarded();
  const home = 'home,room=Kitchen temp=21.0,hum=35.9,co=0i 1641024000\nhome,room=Living\\ Room temp=21.1,hum=35.9,co=0i 1641024000\n';
  const w = await db.fetch('/api/v2/write?org=navy&bucket=cobol&precision=s', {
    method: 'POST', headers: { Authorization: `Token ${token}`, 'Content-Type': 'text/plain; charset=utf-8' }, body: home,
  });
  assert.equal(w.status, 204);
  assert.equal(await w.text(), '');
  const gz = await db.fetch('http://127.0.0.1:8086/api/v2/write?org=navy&bucket=cobol&precision=s', {
    method: 'POST', headers: { Authorization: `Bearer ${token}`, 'Content-Encoding': 'gzip' },
    body: gzipSync('home,room=Kitchen temp=22.0,hum=36.0,co=1i 1641027600\n'),
  });
  assert.equal(gz.status, 204);
  const badGz = await db.fetch('/api/v2/write?org=navy&bucket=cobol', {
    method: 'POST', headers: { Authorization: `Token ${token}`, 'Content-Encoding': 'gzip' }, body: 'not gzip',
  });
  assert.equal(badGz.status, 400);
  assert.equal((await badGz.json()).code, 'invalid');

  const q = await db.fetch('/api/v2/query?org=navy', {
    method: 'POST',
    headers: { Authorization: `Token ${token}`, 'Content-Type': 'application/vnd.flux', Accept: 'application/csv' },
    body: 'from(bucket: "cobol") |> range(start: 2022-01-01T08:00:00Z, stop: 2022-01-01T20:00:01Z) |> filter(fn: (r) => r._measurement == "home" and r._field == "temp" and r.room == "Kitchen")',
  });
  assert.equal(q.status, 200);
  assert.match(q.headers.get('content-type'), /^text\/csv/);
  assert.equal(await q.text(), [
    ',result,table,_start,_stop,_time,_value,_field,_measurement,room',
    ',_result,0,2022-01-01T08:00:00Z,2022-01-01T20:00:01Z,2022-01-01T08:00:00Z,21,temp,home,Kitchen',
    ',_result,0,2022-01-01T08:00:00Z,2022-01-01T20:00:01Z,2022-01-01T09:00:00Z,22,temp,home,Kitchen',
    '', ''].join('\r\n'));

  const ping = await db.fetch('/ping');
  assert.equal(ping.status, 204);
  assert.equal(ping.headers.get('x-influxdb-version'), 'v2.7.12');
  const missing = await db.fetch('/api/v2/nowhere');
  assert.equal(missing.status, 404);
  assert.deepEqual(await missing.json(), { code: 'not found', message: 'path not found' });
  await db.close();
});
