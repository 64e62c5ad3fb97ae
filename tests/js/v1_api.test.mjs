// The v1 compatibility API through db.fetch, as v1 clients call it: the tutorial's InfluxQL
// step (../shared/tutorial/README.md) with InfluxDB's exact answer, v1 writes with u/p
// credentials, POST forms, epoch and chunked answers, and InfluxDB's error shapes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { Tidewater } from '../../wasm/index.js';

const tutorial = readFileSync(new URL('../../../shared/tutorial/home.lp', import.meta.url), 'utf8');

// What InfluxDB answers for the tutorial's InfluxQL query on its data (recorded from 1.6.7).
const TUTORIAL_ANSWER = '{"results":[{"statement_id":0,"series":[{"name":"home","columns":["time","co","hum","temp","room"],"values":[' +
  '["2022-01-01T08:00:00Z",0,35.9,21,"Kitchen"],["2022-01-01T08:00:00Z",0,35.9,21.1,"Living Room"],["2022-01-01T09:00:00Z",0,36.2,23,"Kitchen"],' +
  '["2022-01-01T09:00:00Z",0,35.9,21.4,"Living Room"],["2022-01-01T10:00:00Z",0,36.1,22.7,"Kitchen"],["2022-01-01T10:00:00Z",0,36,21.8,"Living Room"],' +
  '["2022-01-01T11:00:00Z",0,36,22.4,"Kitchen"],["2022-01-01T11:00:00Z",0,36,22.2,"Living Room"],["2022-01-01T12:00:00Z",0,36,22.5,"Kitchen"],' +
  '["2022-01-01T12:00:00Z",0,35.9,22.2,"Living Room"],["2022-01-01T13:00:00Z",1,36.5,22.8,"Kitchen"],["2022-01-01T13:00:00Z",0,36,22.4,"Living Room"],' +
  '["2022-01-01T14:00:00Z",1,36.3,22.8,"Kitchen"],["2022-01-01T14:00:00Z",0,36.1,22.3,"Living Room"],["2022-01-01T15:00:00Z",3,36.2,22.7,"Kitchen"],' +
  '["2022-01-01T15:00:00Z",1,36.1,22.3,"Living Room"],["2022-01-01T16:00:00Z",7,36,22.4,"Kitchen"],["2022-01-01T16:00:00Z",4,36,22.4,"Living Room"],' +
  '["2022-01-01T17:00:00Z",9,36,22.7,"Kitchen"],["2022-01-01T17:00:00Z",5,35.9,22.6,"Living Room"],["2022-01-01T18:00:00Z",18,36.9,23.3,"Kitchen"],' +
  '["2022-01-01T18:00:00Z",9,36.2,22.8,"Living Room"],["2022-01-01T19:00:00Z",22,36.6,23.1,"Kitchen"],["2022-01-01T19:00:00Z",14,36.3,22.5,"Living Room"],' +
  '["2022-01-01T20:00:00Z",26,36.5,22.7,"Kitchen"],["2022-01-01T20:00:00Z",17,36.4,22.2,"Living Room"]]}]}]}\n';

const TUTORIAL_QUERY = 'SELECT co,hum,temp,room FROM "get-started".autogen.home WHERE time >= \'2022-01-01T08:00:00Z\' AND time <= \'2022-01-01T20:00:00Z\'';

test('v1 /write and /query through db.fetch: the tutorial InfluxQL step and v1 client shapes', async () => {
  const db = await Tidewater.open({ storage: 'memory' });
  try {
    const { token } = await db.setup({ username: 'ada', password: 'lovelace-1815', org: 'docs', bucket: 'get-started' });
    // A v1 client: u/p in the URL, the password being the token.
    let r = await db.fetch(`/write?db=get-started&precision=s&u=ada&p=${encodeURIComponent(token)}`, { method: 'POST', body: tutorial });
    assert.equal(r.status, 204);

    r = await db.fetch(`/query?db=get-started&rp=autogen&q=${encodeURIComponent(TUTORIAL_QUERY)}`, { headers: { Authorization: `Token ${token}` } });
    assert.equal(r.status, 200);
    assert.equal(r.headers.get('content-type'), 'application/json');
    assert.equal(await r.text(), TUTORIAL_ANSWER);

    // POST form with epoch, as the influx 1.x CLI and client libraries send it.
    r = await db.fetch('/query', {
      method: 'POST', headers: { Authorization: `Token ${token}`, 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ db: 'get-started', epoch: 's', q: 'SELECT last(temp) FROM home GROUP BY room' }),
    });
    assert.equal(await r.text(), '{"results":[{"statement_id":0,"series":[{"name":"home","tags":{"room":"Kitchen"},"columns":["time","last"],"values":[[1641067200,22.7]]},{"name":"home","tags":{"room":"Living Room"},"columns":["time","last"],"values":[[1641067200,22.2]]}]}]}\n');

    // chunked=true: one JSON document per line.
    r = await db.fetch(`/query?db=get-started&chunked=true&chunk_size=10&q=${encodeURIComponent('SELECT temp FROM home')}`, { headers: { Authorization: `Token ${token}` } });
    const chunks = (await r.text()).trimEnd().split('\n').map((l) => JSON.parse(l));
    assert.deepEqual(chunks.map((c) => c.results[0].series[0].values.length), [10, 10, 6]);
    assert.deepEqual(chunks.map((c) => c.results[0].partial ?? false), [true, true, false]);

    // InfluxDB's error shapes.
    r = await db.fetch(`/query?db=get-started&q=${encodeURIComponent('SELECT temp FROM home')}`);
    assert.equal(r.status, 401);
    assert.deepEqual(await r.json(), { code: 'unauthorized', message: 'unauthorized access' });
    r = await db.fetch(`/query?db=get-started&q=${encodeURIComponent('SELECT FROM')}`, { headers: { Authorization: `Token ${token}` } });
    assert.equal(r.status, 400);
    assert.match((await r.json()).error, /^error parsing query: found FROM, expected/);
    r = await db.fetch('/write?db=nope', { method: 'POST', headers: { Authorization: `Token ${token}` }, body: 'm v=1' });
    assert.equal(r.status, 404);
    assert.deepEqual(await r.json(), { code: 'not found', message: 'no dbrp mapping found' });
  } finally {
    await db.close();
  }
});
