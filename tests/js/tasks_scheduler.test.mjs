// Tasks run for real through the package in Node: the scheduler timer of the open database runs
// a task every second (now() = each scheduled time, to() with the owner's permissions), "run
// now" executes on the next tick, and runs missed while the database was closed happen on open.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Tidewater } from '../../wasm/index.js';

const SETUP = { username: 'ada', password: 'lovelace-1815', org: 'o', bucket: 'src', retentionPeriodSeconds: 0 };
const TASK = `option task = {name: "copy", every: 1s}
from(bucket: "src") |> range(start: -1h) |> filter(fn: (r) => r._measurement == "m") |> to(bucket: "dst")`;

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function api(db, token, method, path, body) {
  const res = await db.fetch(path, { method, headers: { Authorization: `Token ${token}`, 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null };
}

async function runsOf(db, token, taskID) {
  const { status, body } = await api(db, token, 'GET', `/api/v2/tasks/${taskID}/runs`);
  assert.equal(status, 200);
  return body.runs;
}

// Polls until cond(runs) holds (at most ~5 s: the scheduler ticks every second).
async function waitForRuns(db, token, taskID, cond) {
  for (let i = 0; i < 50; i++) {
    const runs = await runsOf(db, token, taskID);
    if (cond(runs)) return runs;
    await sleep(100);
  }
  assert.fail(`runs never matched: ${JSON.stringify(await runsOf(db, token, taskID))}`);
}

test('a task runs on its schedule, on demand, and catches up on open', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'tw-tasks-'));
  try {
    let db = await Tidewater.open({ name: 'tasks', storage: { directory: dir } });
    const { token, org } = await db.setup(SETUP);
    const orgID = org?.id ?? (await api(db, token, 'GET', '/api/v2/orgs?org=o')).body.orgs[0].id;
    assert.equal((await api(db, token, 'POST', '/api/v2/buckets', { orgID, name: 'dst' })).status, 201);
    const seconds = Math.floor(Date.now() / 1000);
    await db.write(token, { org: 'o', bucket: 'src', precision: 's' }, `m,host=a v=1 ${seconds - 10}`);
    const created = await api(db, token, 'POST', '/api/v2/tasks', { orgID, flux: TASK });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    const id = created.body.id;

    // Two scheduled runs, each a second apart and successful.
    const runs = await waitForRuns(db, token, id, (rs) => rs.filter((r) => r.status === 'success').length >= 2);
    const times = runs.map((r) => Date.parse(r.scheduledFor));
    assert.ok(times.every((t) => t % 1000 === 0), 'scheduled on whole seconds');
    assert.notEqual(times[0], times[1]);
    const copied = await db.query(token, { org: 'o' }, 'from(bucket: "dst") |> range(start: -1h)');
    assert.equal(copied.length, 1);
    assert.equal(copied[0]._value, 1);
    assert.equal(copied[0].host, 'a');

    // Disabled: no more scheduled runs; run now still executes on the next tick.
    assert.equal((await api(db, token, 'PATCH', `/api/v2/tasks/${id}`, { status: 'inactive' })).status, 200);
    const before = (await runsOf(db, token, id)).length;
    const manual = await api(db, token, 'POST', `/api/v2/tasks/${id}/runs`, {});
    assert.equal(manual.status, 201);
    assert.equal(manual.body.status, 'scheduled');
    await waitForRuns(db, token, id, (rs) => rs.some((r) => r.id === manual.body.id && r.status === 'success'));
    await sleep(1200);
    assert.equal((await runsOf(db, token, id)).length, before + 1);
    const logs = await api(db, token, 'GET', `/api/v2/tasks/${id}/runs/${manual.body.id}/logs`);
    assert.equal(logs.body.events.at(-1).message, 'Completed(success)');

    // Active again, then closed for two seconds: the missed runs happen when it opens.
    assert.equal((await api(db, token, 'PATCH', `/api/v2/tasks/${id}`, { status: 'active' })).status, 200);
    await db.close();
    const closedAt = Date.now();
    await sleep(2100);
    db = await Tidewater.open({ name: 'tasks', storage: { directory: dir } });
    const caught = (await runsOf(db, token, id)).filter((r) => Date.parse(r.scheduledFor) > closedAt);
    assert.ok(caught.length >= 2, JSON.stringify(caught));
    assert.ok(caught.every((r) => r.status === 'success'));
    await db.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
