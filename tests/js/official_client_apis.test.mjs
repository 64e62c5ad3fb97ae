// The official @influxdata/influxdb-client-apis, unmodified, through tidewater/transport:
// create/list/get/update/delete with DashboardsAPI, TasksAPI, VariablesAPI, ChecksAPI,
// BucketsAPI, OrgsAPI, AuthorizationsAPI, and DeleteAPI.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { InfluxDB, HttpError } from '@influxdata/influxdb-client';
import {
  SetupAPI, DashboardsAPI, TasksAPI, VariablesAPI, ChecksAPI, BucketsAPI, OrgsAPI, AuthorizationsAPI, DeleteAPI,
} from '@influxdata/influxdb-client-apis';
import { Tidewater } from '../../wasm/index.js';
import { createTransport } from '../../wasm/transport.js';

const URL_ = 'http://tidewater.local';

async function onboarded() {
  const db = await Tidewater.open({ name: `oca${Math.random().toString(36).slice(2)}` });
  const res = await new SetupAPI(new InfluxDB({ url: URL_, transport: createTransport(db, {}) })).postSetup({
    body: { username: 'grace', password: 'hopper-1906', org: 'navy', bucket: 'cobol', retentionPeriodSeconds: 0 },
  });
  const influx = new InfluxDB({ url: URL_, transport: createTransport(db, { token: res.auth.token }) });
  return { db, influx, orgID: res.org.id, bucketID: res.bucket.id };
}

const notFound = (e) => e instanceof HttpError && e.statusCode === 404;

test('DashboardsAPI: dashboards, cells and views', async () => {
  const { db, influx, orgID } = await onboarded();
  const api = new DashboardsAPI(influx);
  const d = await api.postDashboards({ body: { orgID, name: 'Home', description: 'rooms' } });
  assert.equal(d.name, 'Home');
  assert.deepEqual(d.cells, []);
  const cell = await api.postDashboardsIDCells({ dashboardID: d.id, body: { name: 'Temp', x: 0, y: 0, w: 4, h: 3 } });
  assert.equal(cell.viewID, cell.id);
  const view = await api.patchDashboardsIDCellsIDView({
    dashboardID: d.id, cellID: cell.id, body: { name: 'Temperature', properties: { type: 'xy', shape: 'chronograf-v2' } },
  });
  assert.equal(view.properties.type, 'xy');
  assert.equal((await api.getDashboardsIDCellsIDView({ dashboardID: d.id, cellID: cell.id })).name, 'Temperature');
  assert.equal((await api.patchDashboardsIDCellsID({ dashboardID: d.id, cellID: cell.id, body: { x: 2 } })).x, 2);
  assert.equal((await api.getDashboards({ orgID })).dashboards.length, 1);
  assert.equal((await api.patchDashboardsID({ dashboardID: d.id, body: { name: 'House' } })).name, 'House');
  assert.equal((await api.getDashboardsID({ dashboardID: d.id })).cells.length, 1);
  await api.deleteDashboardsIDCellsID({ dashboardID: d.id, cellID: cell.id });
  await api.deleteDashboardsID({ dashboardID: d.id });
  await assert.rejects(api.getDashboardsID({ dashboardID: d.id }), notFound);
  await db.close();
});

test('TasksAPI: create, list, update, run, logs, delete', async () => {
  const { db, influx, orgID } = await onboarded();
  const api = new TasksAPI(influx);
  const flux = 'option task = {name: "ds", every: 1h}\nfrom(bucket: "cobol") |> range(start: -1h)';
  const t = await api.postTasks({ body: { orgID, flux, description: 'hourly' } });
  assert.equal(t.name, 'ds');
  assert.equal(t.every, '1h');
  assert.equal((await api.getTasks({ orgID })).tasks.length, 1);
  const p = await api.patchTasksID({ taskID: t.id, body: { every: '2h', status: 'inactive' } });
  assert.equal(p.every, '2h');
  assert.equal(p.status, 'inactive');
  const run = await api.postTasksIDRuns({ taskID: t.id, body: {} });
  assert.equal(run.status, 'scheduled');
  assert.equal((await api.getTasksIDRuns({ taskID: t.id })).runs.length, 1);
  assert.equal((await api.getTasksIDRunsID({ taskID: t.id, runID: run.id })).id, run.id);
  // The engine's scheduler may already have run it (run now executes on its next tick): then
  // the log holds that run's events, otherwise nothing yet.
  const { events } = await api.getTasksIDLogs({ taskID: t.id });
  for (const e of events) assert.equal(typeof e.message, 'string');
  await api.deleteTasksID({ taskID: t.id });
  await assert.rejects(api.getTasksID({ taskID: t.id }), notFound);
  await db.close();
});

test('VariablesAPI and ChecksAPI', async () => {
  const { db, influx, orgID } = await onboarded();
  const vars = new VariablesAPI(influx);
  const v = await vars.postVariables({ body: { orgID, name: 'room', arguments: { type: 'constant', values: ['Kitchen', 'Living'] } } });
  assert.deepEqual(v.arguments.values, ['Kitchen', 'Living']);
  assert.equal((await vars.getVariables({ orgID })).variables.length, 1);
  assert.equal((await vars.patchVariablesID({ variableID: v.id, body: { description: 'rooms' } })).description, 'rooms');
  assert.equal((await vars.getVariablesID({ variableID: v.id })).name, 'room');
  await vars.deleteVariablesID({ variableID: v.id });
  await assert.rejects(vars.getVariablesID({ variableID: v.id }), notFound);

  const checks = new ChecksAPI(influx);
  const c = await checks.createCheck({
    body: {
      orgID, name: 'hot', type: 'threshold', every: '1m', query: { text: 'from(bucket: "cobol") |> range(start: -1m)' },
      thresholds: [{ type: 'greater', value: 30, level: 'CRIT' }], statusMessageTemplate: 'hot',
    },
  });
  assert.equal(c.type, 'threshold');
  assert.equal((await checks.getChecks({ orgID })).checks.length, 1);
  assert.equal((await checks.patchChecksID({ checkID: c.id, body: { status: 'inactive' } })).status, 'inactive');
  assert.equal((await checks.getChecksID({ checkID: c.id })).name, 'hot');
  await checks.deleteChecksID({ checkID: c.id });
  await assert.rejects(checks.getChecksID({ checkID: c.id }), notFound);
  await db.close();
});

test('BucketsAPI, OrgsAPI, AuthorizationsAPI and DeleteAPI', async () => {
  const { db, influx, orgID, bucketID } = await onboarded();
  const buckets = new BucketsAPI(influx);
  const b = await buckets.postBuckets({ body: { orgID, name: 'extra', retentionRules: [{ type: 'expire', everySeconds: 7200 }] } });
  assert.equal(b.retentionRules[0].everySeconds, 7200);
  assert.ok((await buckets.getBuckets({ orgID })).buckets.some((x) => x.id === b.id));
  assert.equal((await buckets.patchBucketsID({ bucketID: b.id, body: { description: 'd' } })).description, 'd');
  await buckets.deleteBucketsID({ bucketID: b.id });
  await assert.rejects(buckets.getBucketsID({ bucketID: b.id }), notFound);

  const orgs = new OrgsAPI(influx);
  const o = await orgs.postOrgs({ body: { name: 'army' } });
  assert.equal((await orgs.getOrgsID({ orgID: o.id })).name, 'army');
  assert.equal((await orgs.patchOrgsID({ orgID: o.id, body: { description: 'x' } })).description, 'x');
  assert.equal((await orgs.getOrgs({})).orgs.length, 2);
  await orgs.deleteOrgsID({ orgID: o.id });

  const auths = new AuthorizationsAPI(influx);
  const a = await auths.postAuthorizations({
    body: { orgID, description: 'reader', permissions: [{ action: 'read', resource: { type: 'buckets', id: bucketID, orgID } }] },
  });
  assert.ok(a.token);
  assert.equal((await auths.getAuthorizationsID({ authID: a.id })).token, undefined);
  assert.equal((await auths.patchAuthorizationsID({ authID: a.id, body: { status: 'inactive' } })).status, 'inactive');
  assert.ok((await auths.getAuthorizations({})).authorizations.length >= 2);
  await auths.deleteAuthorizationsID({ authID: a.id });

  const writeApi = influx.getWriteApi('navy', 'cobol', 's');
  writeApi.writeRecords(['m v=1 1641024000']);
  await writeApi.close();
  await new DeleteAPI(influx).postDelete({
    org: 'navy', bucket: 'cobol', body: { start: '2022-01-01T00:00:00Z', stop: '2022-01-02T00:00:00Z', predicate: '_measurement="m"' },
  });
  const rows = await influx.getQueryApi('navy').collectRows('from(bucket: "cobol") |> range(start: 2022-01-01T00:00:00Z, stop: 2022-01-02T00:00:00Z)');
  assert.equal(rows.length, 0);
  await db.close();
});
