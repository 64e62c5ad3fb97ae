// The `tidewater` command walking the tutorial (setup, write, query) against a data directory
// and against `tidewater serve`, with credentials from configs, flags and INFLUX_* variables.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli as run, sharedDir, startServe } from './cli_harness.mjs';

const homeLp = readFileSync(join(sharedDir, 'tutorial/home.lp'), 'utf8');
const QUERY = 'from(bucket: "get-started") |> range(start: 2022-01-01T08:00:00Z, stop: 2022-01-01T20:00:01Z) |> filter(fn: (r) => r._measurement == "home") |> filter(fn: (r) => r._field == "co" or r._field == "hum" or r._field == "temp")';

function walkTutorial(env, where) {
  const setup = run(env, ['setup', ...where, '--username', 'ada', '--password', 'lovelace-1815', '--org', 'home-org',
    '--bucket', 'get-started', '--retention', '0']);
  assert.equal(setup.code, 0, setup.err);
  assert.match(setup.out, /ada\s+home-org\s+get-started/);
  // The saved config now supplies host or directory, org and token.
  const configs = run(env, ['config', 'list']);
  assert.match(configs.out, /\*\s+default/);
  assert.ok(!configs.out.includes('=='), 'config list never prints tokens');

  const w = run(env, ['write', '--bucket', 'get-started', '--precision', 's'], homeLp);
  assert.equal(w.code, 0, w.err);
  const raw = run(env, ['query', '--raw', QUERY]);
  assert.equal(raw.code, 0, raw.err);
  const dataRows = raw.out.split('\r\n').filter((l) => l.startsWith(',,'));
  assert.equal(dataRows.length, 78);  // 26 lines x 3 fields
  const pretty = run(env, ['query', QUERY]);
  assert.match(pretty.out, /Result: _result\nTable: keys: \[_start, _stop, _field, _measurement, room\]\n/);
  assert.match(pretty.out, /_value:float/);

  const bad = run(env, ['write', '--bucket', 'get-started'], 'home,room=Kitchen temp=\n');
  assert.equal(bad.code, 1);
  assert.match(bad.err, /^Error: unable to parse .*line 1, column \d+/);
  const missing = run(env, ['query', 'from(bucket: "nope") |> range(start: 0)']);
  assert.equal(missing.code, 1);
  assert.match(missing.err, /could not find bucket "nope"/);
}

test('tutorial through the CLI on a data directory', { timeout: 120_000 }, () => {
  const tmp = mkdtempSync(join(tmpdir(), 'tidewater-cli-'));
  try {
    walkTutorial({ TIDEWATER_CONFIGS_PATH: join(tmp, 'configs.json') }, ['--dir', join(tmp, 'data')]);
    // Flags beat configs: a wrong token on the command line is refused.
    const denied = run({ TIDEWATER_CONFIGS_PATH: join(tmp, 'configs.json') }, ['query', '--token', 'wrong', QUERY]);
    assert.equal(denied.code, 1);
    assert.match(denied.err, /unauthorized access/);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
});

test('tutorial through the CLI against tidewater serve, with INFLUX_* variables', { timeout: 120_000 }, async () => {
  const tmp = mkdtempSync(join(tmpdir(), 'tidewater-cli-serve-'));
  const server = await startServe(join(tmp, 'data'));
  const url = server.url;
  try {
    const env = { TIDEWATER_CONFIGS_PATH: join(tmp, 'configs.json') };
    assert.equal(run({ ...env, INFLUX_HOST: url }, ['ping']).out, 'OK\n');
    walkTutorial(env, ['--host', url]);
    // Without any config, the INFLUX_* variables carry the credentials.
    const token = JSON.parse(readFileSync(join(tmp, 'configs.json'), 'utf8')).default.token;
    writeFileSync(join(tmp, 'empty.json'), '{}');
    const viaEnv = run({ TIDEWATER_CONFIGS_PATH: join(tmp, 'empty.json'), INFLUX_HOST: url, INFLUX_ORG: 'home-org',
      INFLUX_TOKEN: token }, ['query', '--raw', QUERY]);
    assert.equal(viaEnv.code, 0, viaEnv.err);
    assert.equal(viaEnv.out.split('\r\n').filter((l) => l.startsWith(',,')).length, 78);
    const unknown = run(env, ['write', '--bukket', 'x']);
    assert.equal(unknown.code, 1);
    assert.match(unknown.err, /unknown flag --bukket/);
  } finally {
    await server.stop();
    rmSync(tmp, { recursive: true, force: true });
  }
});
