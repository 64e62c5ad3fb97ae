// `tidewater v1 dbrp create|list|delete` and `v1 shell` (piped statements and --execute;
// the terminal session is in cli_v1_shell_tty.test.mjs), against a directory and `serve`.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { setupTutorial, testBothTargets } from './cli_harness.mjs';

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
