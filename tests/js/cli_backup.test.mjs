// `tidewater backup FILE` / `restore FILE`: a whole database through one file, from a data
// directory and from `serve` (operator token), restored into a directory that is not in use.
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { csvRows, setupTutorial, sharedDir, testBothTargets } from './cli_harness.mjs';

const homeLp = readFileSync(join(sharedDir, 'tutorial/home.lp'), 'utf8');
const TYPES = 'types,t=x\\ y s="a \\"b\\"",b=true,u=18446744073709551615u,i=-9223372036854775808i,f=1.5 1234567890';
const ALL = 'from(bucket: "get-started") |> range(start: time(v: -9223372036854775806), stop: time(v: 9223372036854775806))';

testBothTargets('backup and restore keep the whole database', ({ run, where, tmp, target }) => {
  setupTutorial(run, where);
  assert.equal(run(['write', '-b', 'get-started', '-p', 's'], `${homeLp}\n${TYPES}\n`).code, 0);
  assert.equal(run(['bucket', 'create', '-n', 'second', '-r', '72h']).code, 0);
  const before = run(['query', '--raw', ALL]);
  assert.equal(before.code, 0, before.err);
  assert.equal(csvRows(before.out).length, 78 + 5);

  const file = join(tmp, 'db.twbak.gz');
  const b = run(['backup', file]);
  assert.equal(b.code, 0, b.err);
  assert.match(b.out, /^Backed up \d+\.\d MiB to .*db\.twbak\.gz in \d+ ms\.\n$/);
  assert.deepEqual([...readFileSync(file).subarray(0, 2)], [0x1f, 0x8b]);

  // Into a new directory, then read through it: the same rows, buckets and operator token.
  const restored = join(tmp, 'restored');
  const r = run(['restore', file, '--dir', restored]);
  assert.equal(r.code, 0, r.err);
  assert.match(r.out, /^Restored \d+ files \(.*\) of the backup taken \d{4}-.*Z into .*restored in \d+ ms\.\n$/);
  const after = run(['query', '--raw', '--dir', restored, ALL]);
  assert.equal(after.code, 0, after.err);
  assert.equal(after.out, before.out);
  assert.match(run(['bucket', 'list', '--dir', restored]).out, /second\s+72h0m0s/);

  // Only the operator token takes a backup (an all-access token is one org's).
  const created = run(['auth', 'create', '--all-access', '-d', 'org only']);
  assert.equal(created.code, 0, created.err);
  const allAccess = created.out.split('\n')[1].split('\t')[2];
  const denied = run(['backup', join(tmp, 'x.twbak'), '--token', allAccess]);
  assert.equal(denied.code, 1);
  assert.match(denied.err, /Error: a backup needs the operator token/);
  if (target !== 'directory') return;  // the rest reads and writes files only: once is enough

  // A directory in use is not overwritten without --full; a server never takes a restore; a
  // damaged file is refused.
  const busy = run(['restore', file, '--dir', restored]);
  assert.equal(busy.code, 1);
  assert.match(busy.err, /is not empty: restore into a new directory/);
  assert.equal(run(['restore', file, '--dir', restored, '--full']).code, 0);
  const remote = run(['restore', file, '--host', 'http://127.0.0.1:9']);
  assert.equal(remote.code, 1);
  assert.match(remote.err, /stop the server and use --dir/);
  const damaged = readFileSync(file);
  damaged[damaged.length - 12] ^= 0xff;
  const badFile = join(tmp, 'bad.twbak.gz');
  writeFileSync(badFile, damaged);
  const bad = run(['restore', badFile, '--dir', join(tmp, 'never')]);
  assert.equal(bad.code, 1);
  assert.match(bad.err, /Error: not a valid Tidewater backup/);
});
