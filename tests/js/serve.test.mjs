// `tidewater serve` as a user runs it: a real process on 127.0.0.1, the official Node client
// over HTTP, curl with the tutorial's requests, CORS, limits, and a graceful restart.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { once } from 'node:events';
import { InfluxDB, Point, HttpError } from '@influxdata/influxdb-client';
import { SetupAPI } from '@influxdata/influxdb-client-apis';

const cli = resolve(fileURLToPath(new URL('../../wasm/cli.js', import.meta.url)));

async function startServer(dir) {
  const child = spawn(process.execPath, [cli, 'serve', '--dir', dir, '--port', '0', '--allowed-origins', 'http://app.test'],
    { stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  for await (const chunk of child.stdout) {
    out += chunk;
    const m = out.match(/listening on (http:\/\/127\.0\.0\.1:\d+)/);
    if (m) return { child, url: m[1] };
  }
  throw new Error(`server did not start: ${out}`);
}

async function stop(child) {
  child.kill('SIGTERM');
  const [code] = await once(child, 'exit');
  return code;
}

function curl(args) {
  return execFileSync('curl', ['-sS', '-w', '\\n%{http_code}', ...args], { encoding: 'utf8' });
}

test('official client over HTTP, curl tutorial requests, CORS, 413, restart keeps data', { timeout: 120_000 }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'tidewater-serve-'));
  try {
    let { child, url } = await startServer(dir);
    const setup = await new SetupAPI(new InfluxDB({ url })).postSetup({
      body: { username: 'ops', password: 'password-123', org: 'acme', bucket: 'get-started', retentionPeriodSeconds: 0 },
    });
    const token = setup.auth.token;
    const influx = new InfluxDB({ url, token });

    // Batches over 1,000 bytes are gzipped by the Node client. Each batch is an awaited
    // flush(): a batch the client sends on its own is not awaited by close(), and a query
    // right after could run before that request has arrived.
    const writeApi = influx.getWriteApi('acme', 'get-started', 's', { batchSize: 100_000, maxRetries: 0 });
    for (let i = 0; i < 1200; i++) {
      writeApi.writePoint(new Point('load').tag('host', `h${i % 3}`).floatField('v', i / 4).timestamp(1641024000 + i));
      if (i % 500 === 499) await writeApi.flush();
    }
    await writeApi.close();
    const count = await influx.getQueryApi('acme').collectRows(
      'from(bucket: "get-started") |> range(start: 2022-01-01T00:00:00Z, stop: 2022-01-02T00:00:00Z) |> filter(fn: (r) => r._measurement == "load")');
    assert.equal(count.length, 1200);

    // The tutorial's curl requests (../shared/tutorial/README.md, steps 2 and 3).
    const home = 'home,room=Living\\ Room temp=21.1,hum=35.9,co=0i 1641024000\nhome,room=Kitchen temp=21.0,hum=35.9,co=0i 1641024000\n';
    const w = curl(['--request', 'POST', `${url}/api/v2/write?org=acme&bucket=get-started&precision=s`,
      '--header', `Authorization: Token ${token}`, '--header', 'Content-Type: text/plain; charset=utf-8',
      '--header', 'Accept: application/json', '--data-binary', home]);
    assert.equal(w.trim(), '204');
    const q = curl(['--request', 'POST', `${url}/api/v2/query?org=acme&bucket=get-started`,
      '--header', `Authorization: Token ${token}`, '--header', 'Content-Type: application/vnd.flux',
      '--header', 'Accept: application/csv', '--compressed', '--data',
      'from(bucket: "get-started") |> range(start: 2022-01-01T08:00:00Z, stop: 2022-01-01T20:00:01Z) |> filter(fn: (r) => r._measurement == "home") |> filter(fn: (r) => r._field== "co" or r._field == "hum" or r._field == "temp")']);
    assert.match(q, /^,result,table,_start,_stop,_time,_value,_field,_measurement,room\r\n/);
    assert.equal(q.split('\r\n').filter((l) => l.startsWith(',_result')).length, 6);
    assert.ok(q.trim().endsWith('200'));
    const ping = curl(['-I', `${url}/ping`]);
    assert.match(ping, /X-Influxdb-Version: v2\.7\.12/i);

    // CORS preflight for an allowed origin; none for others.
    const pre = await fetch(`${url}/api/v2/query`, { method: 'OPTIONS', headers: { Origin: 'http://app.test',
      'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'authorization,content-type' } });
    assert.equal(pre.status, 204);
    assert.equal(pre.headers.get('access-control-allow-origin'), 'http://app.test');
    const other = await fetch(`${url}/health`, { headers: { Origin: 'http://evil.test' } });
    assert.equal(other.headers.get('access-control-allow-origin'), null);

    // Bodies over the limit are refused with InfluxDB's shape.
    const big = await fetch(`${url}/api/v2/write?org=acme&bucket=get-started`, {
      method: 'POST', headers: { Authorization: `Token ${token}` }, body: 'x'.repeat(51 * 1024 * 1024) });
    assert.equal(big.status, 413);
    assert.equal((await big.json()).code, 'request too large');

    await assert.rejects(influx.getQueryApi('acme').collectRows('from(bucket: "nope") |> range(start: 0)'),
      (e) => e instanceof HttpError && e.statusCode === 404);

    assert.equal(await stop(child), 0);
    ({ child, url } = await startServer(dir));
    const after = await new InfluxDB({ url, token }).getQueryApi('acme').collectRows(
      'from(bucket: "get-started") |> range(start: 2022-01-01T00:00:00Z, stop: 2022-01-02T00:00:00Z) |> filter(fn: (r) => r._measurement == "load" or r._measurement == "home")');
    assert.equal(after.length, 1206);
    assert.equal(await stop(child), 0);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
