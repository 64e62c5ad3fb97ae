// `tidewater task create|list|run|delete` and `task run list`, against a data directory and
// against `serve`: a task from a Flux file with `option task`, its run history, InfluxDB's errors.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setupTutorial, testBothTargets } from './cli_harness.mjs';

const TASK = `option task = {name: "daily-room-means", every: 1d}

from(bucket: "get-started")
  |> range(start: -task.every)
  |> filter(fn: (r) => r._measurement == "home")
  |> aggregateWindow(every: 1h, fn: mean)
  |> to(bucket: "get-started")
`;

testBothTargets('task create|list|run|delete and run list', ({ run, where, tmp }) => {
  setupTutorial(run, where);
  const file = join(tmp, 'task.flux');
  writeFileSync(file, TASK);
  const created = run(['task', 'create', '--file', file]);
  assert.equal(created.code, 0, created.err);
  assert.match(created.out, /^ID {14}\tName {12}\tOrganization ID \tOrganization\tStatus\tEvery\tCron\n[0-9a-f]{16}\tdaily-room-means\t[0-9a-f]{16}\thome-org {4}\tactive\t1d\n$/);
  const id = created.out.split('\n')[1].split('\t')[0];
  const inactive = run(['task', 'create', '--inactive', 'option task = {name: "hourly", cron: "0 * * * *"}\nfrom(bucket: "get-started") |> range(start: -1h) |> to(bucket: "get-started")']);
  assert.equal(inactive.code, 0, inactive.err);
  assert.match(inactive.out, /\thourly\t.*\tinactive\t {5}\t0 \* \* \* \*\n$/);

  const list = run(['task', 'list']);
  assert.equal(list.out.trim().split('\n').length, 3);
  assert.match(run(['task', 'list', '--id', id]).out, new RegExp(`^ID.*\\n${id}\\tdaily-room-means`));
  assert.equal(run(['task', 'list', '--name', 'hourly']).out.trim().split('\n').length, 2);

  // Two runs asked for now: the history lists both, newest first, as scheduled.
  const r1 = run(['task', 'run', '--id', id]);
  assert.equal(r1.code, 0, r1.err);
  assert.match(r1.out, new RegExp(`\\n[0-9a-f]{16}\\t${id}\\tscheduled\\t\\d{4}-\\d\\d-\\d\\dT`));
  assert.equal(run(['task', 'run', '--id', id, '--scheduled-for', '2022-01-02T00:00:00Z']).code, 0);
  const runs = run(['task', 'run', 'list', '--task-id', id]);
  assert.equal(runs.code, 0, runs.err);
  assert.equal(runs.out.trim().split('\n').length, 3);
  assert.match(runs.out, /\t2022-01-02T00:00:00Z/);

  const noOptions = run(['task', 'create', 'from(bucket: "get-started") |> range(start: -1h)']);
  assert.equal(noOptions.code, 1);
  assert.match(noOptions.err, /^Error: invalid options: no task options defined/);
  const missing = run(['task', 'run', '--id', '0000000000000bad']);
  assert.equal(missing.code, 1);
  assert.match(missing.err, /^Error: task not found/);
  assert.match(run(['task', 'run', 'list']).err, /required flag\(s\) "task-id" not set/);

  assert.equal(run(['task', 'delete', '--id', id]).code, 0);
  assert.doesNotMatch(run(['task', 'list']).out, /daily-room-means/);
});
