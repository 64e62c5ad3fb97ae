// The CLI steps of ../shared/tutorial/README.md end to end, against a data directory and
// against `tidewater serve`: setup, an all-access token in a named config, the get-started
// bucket, writing home.lp (file, stdin, argument), Flux queries, InfluxQL in `v1 shell`,
// processing pipelines, a task from a file, and an export. The serve run is saved as a
// transcript in test-results/cli-transcript.txt (token secrets masked).
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { csvRows, sharedDir, testBothTargets } from './cli_harness.mjs';

const homeFile = join(sharedDir, 'tutorial/home.lp');
const homeLp = readFileSync(homeFile, 'utf8');
const transcriptPath = resolve(fileURLToPath(new URL('../../test-results/cli-transcript.txt', import.meta.url)));
const RANGE = 'from(bucket: "get-started") |> range(start: 2022-01-01T08:00:00Z, stop: 2022-01-01T20:00:01Z)';
const QUERY = `${RANGE} |> filter(fn: (r) => r._measurement == "home") |> filter(fn: (r) => r._field == "co" or r._field == "hum" or r._field == "temp")`;
const INFLUXQL = 'SELECT co,hum,temp,room FROM "get-started".autogen.home WHERE time >= \'2022-01-01T08:00:00Z\' AND time <= \'2022-01-01T20:00:00Z\'';
const TASK = `option task = {name: "daily-room-means", every: 1d}

from(bucket: "get-started")
  |> range(start: -task.every)
  |> filter(fn: (r) => r._measurement == "home")
  |> aggregateWindow(every: 1h, fn: mean)
  |> to(bucket: "get-started-downsampled")
`;

// Runs the CLI and records "$ tidewater ..." with its output for the transcript.
function recorder(run, where) {
  const lines = [];
  const secrets = new Set();
  const mask = (s) => [...secrets].reduce((t, x) => t.split(x).join('<token>'), s);
  const shown = (a) => (/[\s"'|()$]/.test(a) || a === '' ? `'${a.replace(/'/g, `'\\''`)}'` : a);
  const cmd = (args, input, stdinName) => {
    const r = run(args, input);
    const display = args.map((a) => (a === where[1] ? `${where[0] === '--host' ? '$URL' : '$DATA_DIR'}` : mask(shown(a))));
    lines.push(`$ tidewater ${display.join(' ')}${stdinName ? ` < ${stdinName}` : ''}`);
    if (r.out) lines.push(mask(r.out.replace(/\r\n/g, '\n')).trimEnd());
    if (r.err) lines.push(mask(r.err).trimEnd());
    lines.push(`[exit ${r.code}]`, '');
    return r;
  };
  return { cmd, secret: (s) => secrets.add(s), text: () => mask(`${lines.join('\n')}\n`) };  // masked at the end: a secret is known only after it is shown
}

testBothTargets('the tutorial through the CLI', ({ run, where, tmp, target }) => {
  const t = recorder(run, where);
  // 1. Set up.
  const setup = t.cmd(['setup', ...where, '--username', 'ada', '--password', 'lovelace-1815', '--org', 'home-org',
    '--bucket', 'init', '--retention', '0', '--name', 'operator']);
  assert.equal(setup.code, 0, setup.err);
  t.secret(JSON.parse(readFileSync(join(tmp, 'configs.json'), 'utf8')).operator.token);
  const auth = t.cmd(['auth', 'create', '--all-access', '--description', 'home-org all access']);
  assert.equal(auth.code, 0, auth.err);
  const token = auth.out.split('\n')[1].split('\t')[2].trim();
  t.secret(token);
  assert.match(auth.out, /\t44 permissions\n$/);
  const target2 = where[0] === '--host' ? ['--host-url', where[1]] : ['--dir', where[1]];
  assert.equal(t.cmd(['config', 'create', '--config-name', 'get-started', ...target2, '--org', 'home-org',
    '--token', token, '--active']).code, 0);
  assert.match(t.cmd(['config', 'list']).out, /\*\s*\tget-started/);
  const bucket = t.cmd(['bucket', 'create', '--name', 'get-started']);
  assert.equal(bucket.code, 0, bucket.err);
  assert.match(bucket.out, /\tget-started\s*\tinfinite\s*\t/);

  // 2. Write: a file, stdin and an argument (the same points each time).
  assert.equal(t.cmd(['write', '--bucket', 'get-started', '--precision', 's', '--file', homeFile]).code, 0);
  assert.equal(t.cmd(['write', '--bucket', 'get-started', '--precision', 's'], homeLp, 'home.lp').code, 0);
  assert.equal(run(['write', '--bucket', 'get-started', '--precision', 's', homeLp]).code, 0);

  // 3. Query: Flux as tables and as annotated CSV; InfluxQL in the v1 shell.
  const tables = t.cmd(['query', QUERY]);
  assert.equal(tables.code, 0, tables.err);
  assert.equal(tables.out.split('Table: keys: [_start, _stop, _field, _measurement, room]').length - 1, 6);
  assert.match(tables.out, /2022-01-01T08:00:00Z +21 +temp +home +Kitchen\n/);
  const raw = run(['query', '--raw', QUERY]);
  assert.equal(csvRows(raw.out).length, 78);
  const shell = t.cmd(['v1', 'shell'], `use get-started\n${INFLUXQL}\nexit\n`, '(use get-started; the SELECT; exit)');
  assert.equal(shell.code, 0, shell.err);
  assert.match(shell.out, /^Using database get-started\nname: home\ntime {17,}co +hum +temp +room\n/);
  assert.equal(shell.out.split('\n').filter((l) => /^2022-01-01T\d\d:00:00Z /.test(l)).length, 26);

  // 4. Process.
  const fahrenheit = t.cmd(['query', `${RANGE} |> filter(fn: (r) => r._field == "temp") |> map(fn: (r) => ({r with _value: (r._value * 1.8) + 32.0}))`]);
  assert.match(fahrenheit.out, /2022-01-01T08:00:00Z +69\.80000000000001 +temp +home +Kitchen\n/);
  const means = t.cmd(['query', '--raw', `${RANGE} |> filter(fn: (r) => r._field == "temp") |> mean()`]);
  assert.equal(csvRows(means.out).length, 2);
  const pivot = t.cmd(['query', `${RANGE} |> filter(fn: (r) => r.room == "Kitchen") |> pivot(rowKey: ["_time"], columnKey: ["_field"], valueColumn: "_value") |> limit(n: 2)`]);
  assert.match(pivot.out, /co:int +hum:float +temp:float/);
  const taskFile = join(tmp, 'task.flux');
  writeFileSync(taskFile, TASK);
  assert.equal(t.cmd(['bucket', 'create', '--name', 'get-started-downsampled']).code, 0);
  const task = t.cmd(['task', 'create', '--file', taskFile]);
  assert.equal(task.code, 0, task.err);
  assert.match(task.out, /\tdaily-room-means\t.*\tactive\s*\t1d/);
  const taskId = task.out.split('\n')[1].split('\t')[0].trim();
  assert.match(t.cmd(['task', 'list']).out, new RegExp(`${taskId}\\tdaily-room-means`));
  const taskRun = t.cmd(['task', 'run', '--id', taskId]);
  assert.equal(taskRun.code, 0, taskRun.err);
  const runs = t.cmd(['task', 'run', 'list', '--task-id', taskId]);
  assert.equal(runs.out.trim().split('\n').length, 2);

  // Keep a copy of the data.
  const exported = t.cmd(['export', '--bucket', 'get-started', '--file', join(tmp, 'get-started.lp.gz')]);
  assert.equal(exported.code, 0, exported.err);

  if (target === 'serve') {
    mkdirSync(resolve(transcriptPath, '..'), { recursive: true });
    writeFileSync(transcriptPath, `# tidewater CLI walking ../shared/tutorial/README.md against tidewater serve ($URL)\n\n${t.text()}`);
  }
  assert.ok(!t.text().includes(token), 'the transcript never shows a token');
});
