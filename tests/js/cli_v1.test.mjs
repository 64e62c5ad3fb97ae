// `tidewater v1 dbrp create|list|delete` and `v1 shell` (piped statements and --execute;
// the terminal session is in cli_v1_shell_tty.test.mjs), against a directory and `serve`.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { setupTutorial, sharedDir, testBothTargets } from './cli_harness.mjs';

testBothTargets('v1 dbrp create|list|delete', ({ run, where }) => {
  setupTutorial(run, where);
  const b = run(['bucket', 'create', '--name', 'weather']);
  const bucketId = b.out.split('\n')[1].split('\t')[0].trim();
  // Every bucket has a virtual mapping.
  const virtual = run(['v1', 'dbrp', 'list', '--db', 'get-started']);
  assert.equal(virtual.code, 0, virtual.err);
  assert.match(virtual.out, /^ID\s+\tDatabase\s+\tBucket ID\s+\tRetention Policy\tDefault\tOrganization ID\s+\tVirtual\n/);
  assert.match(virtual.out, /\tget-started\t[0-9a-f]{16}\tautogen\s+\ttrue\s+\t[0-9a-f]{16}\ttrue\n$/);

  const c = run(['v1', 'dbrp', 'create', '--db', 'legacy', '--rp', 'two_weeks', '--bucket-id', bucketId, '--default']);
  assert.equal(c.code, 0, c.err);
  const id = c.out.split('\n')[1].split('\t')[0].trim();
  assert.match(c.out, new RegExp(`\\tlegacy\\s*\\t${bucketId}\\ttwo_weeks\\s*\\ttrue\\s*\\t[0-9a-f]{16}\\tfalse\\n$`));
  assert.match(run(['v1', 'dbrp', 'list', '--bucket-id', bucketId]).out, /legacy/);
  assert.doesNotMatch(run(['v1', 'dbrp', 'list', '--db', 'get-started']).out, /legacy/);

  const bad = run(['v1', 'dbrp', 'create', '--db', 'a/b', '--rp', 'x', '--bucket-id', bucketId]);
  assert.equal(bad.code, 1);
  assert.match(bad.err, /^Error: DBRP provided is invalid: database must contain at least one character/);
  const noBucket = run(['v1', 'dbrp', 'create', '--db', 'a', '--rp', 'b', '--bucket-id', '0000000000000bad']);
  assert.match(noBucket.err, /^Error: bucket not found/);
  assert.match(run(['v1', 'dbrp', 'create', '--db', 'a']).err, /required flag\(s\) "rp" not set/);

  assert.equal(run(['v1', 'dbrp', 'delete', '--id', id]).code, 0);
  assert.doesNotMatch(run(['v1', 'dbrp', 'list']).out, /legacy/);
});

testBothTargets('v1 shell with piped statements and --execute', ({ run, where, tmp }) => {
  setupTutorial(run, where);
  assert.equal(run(['write', '-b', 'get-started', '-p', 's', '--file', join(sharedDir, 'tutorial/home.lp')]).code, 0);
  const env = { TIDEWATER_HISTORY_FILE: join(tmp, 'history') };
  const r = run(['v1', 'shell'], [
    'SHOW DATABASES',
    'use get-started.autogen',
    'precision ms',
    "SELECT temp FROM home WHERE room = 'Kitchen' ORDER BY time DESC LIMIT 2",
    'SELECT mean(temp) FROM home GROUP BY room',
    'settings',
    'exit',
    'SELECT this never runs',
  ].join('\n'), env);
  assert.equal(r.code, 0, r.err);
  // Mean values are compared as numbers; everything else as the exact text.
  const means = [];
  const text = r.out.replace(/^0 {4}([\d.]+)$/gm, (_, v) => { means.push(Number(v)); return '0    MEAN'; });
  assert.equal(text, [
    'name: databases', 'name', '----', '_monitoring', '_tasks', 'get-started', '',
    'Using database get-started', 'Using retention policy autogen',
    'name: home', 'time          temp', '----          ----', '1641067200000 22.7', '1641063600000 23.1', '',
    'name: home', 'tags: room=Kitchen', 'time mean', '---- ----', '0    MEAN', '',
    'name: home', 'tags: room=Living Room', 'time mean', '---- ----', '0    MEAN', '',
    'Database: get-started', 'Retention Policy: autogen', 'Precision: ms', '',
  ].join('\n'));
  const lp = readFileSync(join(sharedDir, 'tutorial/home.lp'), 'utf8');
  for (const [i, room] of ['Kitchen', 'Living\\ Room'].entries()) {
    const temps = lp.split('\n').filter((l) => l.startsWith(`home,room=${room} `)).map((l) => Number(/temp=([\d.]+)/.exec(l)[1]));
    assert.ok(Math.abs(means[i] - temps.reduce((x, y) => x + y) / temps.length) < 1e-9, `${room} mean ${means[i]}`);
  }
  assert.equal(readFileSync(join(tmp, 'history'), 'utf8').split('\n')[0], 'SHOW DATABASES');

  const bad = run(['v1', 'shell'], 'use nope\nSELECT FROM\n', env);
  assert.equal(bad.code, 1);
  assert.match(bad.out, /^ERR: Database nope doesn't exist\. Run SHOW DATABASES for a list of existing databases\.\nERR: error parsing query: .+\n$/);

  const once = run(['v1', 'shell', '--database', 'get-started', '--precision', 's', '--execute', 'SELECT count(co) FROM home']);
  assert.equal(once.code, 0, once.err);
  assert.equal(once.out, 'name: home\ntime count\n---- -----\n0    26\n\n');
  const denied = run(['v1', 'shell', '--token', 'wrong', '--execute', 'SHOW DATABASES']);
  assert.equal(denied.code, 1);
  assert.match(denied.out, /^ERR: /);
});
