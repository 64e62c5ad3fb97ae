// `tidewater` org, bucket update, delete and write (line protocol and annotated CSV; argument,
// file, stdin; batches and progress), each against a data directory and against `serve`.
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { csvRows, setupTutorial, sharedDir, testBothTargets } from './cli_harness.mjs';

const homeLp = readFileSync(join(sharedDir, 'tutorial/home.lp'), 'utf8');
const ALL = 'from(bucket: "get-started") |> range(start: 0)';

testBothTargets('org list|create and bucket update', ({ run, where }) => {
  setupTutorial(run, where);
  const created = run(['org', 'create', '--name', 'second-org', '--description', 'another']);
  assert.equal(created.code, 0, created.err);
  assert.match(created.out, /^ID {14}\tName\n[0-9a-f]{16}\tsecond-org\n$/);
  const list = run(['org', 'list']);
  assert.match(list.out, /\thome-org\n/);
  assert.match(list.out, /\tsecond-org\n/);
  assert.equal(run(['org', 'list', '--name', 'second-org']).out.split('\n').length, 3);
  const dup = run(['org', 'create', '--name', 'second-org']);
  assert.equal(dup.code, 1);
  assert.match(dup.err, /^Error: organization with name second-org already exists/);
  assert.match(run(['org', 'create']).err, /required flag\(s\) "name" not set/);

  const b = run(['bucket', 'create', '--name', 'scratch', '--retention', '72h']);
  assert.equal(b.code, 0, b.err);
  const id = b.out.split('\n')[1].split('\t')[0].trim();
  assert.match(b.out, /scratch\s*\t72h0m0s/);
  const up = run(['bucket', 'update', '--id', id, '--name', 'scratch-2', '--retention', '48h']);
  assert.equal(up.code, 0, up.err);
  assert.match(up.out, new RegExp(`${id}\\s*\\tscratch-2\\s*\\t48h0m0s`));
  const forever = run(['bucket', 'update', '--id', id, '--retention', '0']);
  assert.match(forever.out, /scratch-2\s*\tinfinite/);
  assert.match(run(['bucket', 'list', '--name', 'scratch-2']).out, /scratch-2/);
  const missing = run(['bucket', 'update', '--id', '0000000000000bad', '--name', 'x']);
  assert.equal(missing.code, 1);
  assert.match(missing.err, /^Error: bucket not found/);
  const del = run(['bucket', 'delete', '--name', 'scratch-2']);
  assert.equal(del.code, 0, del.err);
  assert.doesNotMatch(run(['bucket', 'list']).out, /scratch/);
});

testBothTargets('write from argument, file and stdin; delete with a predicate', ({ run, where, tmp }) => {
  setupTutorial(run, where);
  // Three ways in, the same 26 lines each time (the second and third overwrite the first).
  const file = join(tmp, 'home.lp');
  writeFileSync(file, homeLp);
  assert.equal(run(['write', '-b', 'get-started', '-p', 's', ...homeLp.trim().split('\n')]).code, 0);
  assert.equal(run(['write', '-b', 'get-started', '-p', 's', '--file', file]).code, 0);
  const w = run(['write', '-b', 'get-started', '-p', 's'], homeLp);
  assert.equal(w.code, 0, w.err);
  assert.equal(w.err, '', 'no progress report unless asked for or on a terminal');
  assert.equal(csvRows(run(['query', '--raw', ALL]).out).length, 78);

  const d = run(['delete', '-b', 'get-started', '--start', '2022-01-01T00:00:00Z', '--stop', '2022-01-01T12:00:00Z',
    '--predicate', '_measurement="home" AND room="Kitchen"']);
  assert.equal(d.code, 0, d.err);
  // Kitchen 08:00..12:00 (both ends inclusive, 5 hours x 3 fields) are gone; the Living Room stays.
  assert.equal(csvRows(run(['query', '--raw', ALL]).out).length, 78 - 15);
  assert.match(run(['delete', '-b', 'get-started', '--start', '2022-01-01T00:00:00Z']).err, /required flag\(s\) "stop" not set/);
  const badPred = run(['delete', '-b', 'get-started', '--start', '1970-01-01T00:00:00Z', '--stop', '2030-01-01T00:00:00Z',
    '--predicate', 'room=']);
  assert.equal(badPred.code, 1);
  assert.match(badPred.err, /^Error: invalid request; error parsing request json/);
  const noBucket = run(['delete', '-b', 'nope', '--start', '1970-01-01T00:00:00Z', '--stop', '2030-01-01T00:00:00Z']);
  assert.equal(noBucket.code, 1);
  assert.match(noBucket.err, /bucket "nope" not found|not found/);

  // A bad line deep in a large input names its line in the input, not in its batch.
  const lines = Array.from({ length: 12_000 }, (_, i) => `big,k=v x=${i}i ${1_600_000_000 + i}`);
  lines[10_499] = 'big,k=v x= 1';
  const bad = run(['write', '-b', 'get-started', '-p', 's'], `${lines.join('\n')}\n`);
  assert.equal(bad.code, 1);
  assert.match(bad.err, /^Error: unable to parse 'big,k=v x= 1': .*line 10500\b/);
});

testBothTargets('write --format csv (annotated CSV) and a large file with progress', ({ run, where, tmp }) => {
  setupTutorial(run, where);
  const csv = [
    '#datatype measurement,tag,double,long,unsignedLong,boolean,string,dateTime:RFC3339',
    'm,host,used,count,big,up,note,time',
    'mem,host1,64.23,5,18446744073709551615,true,"said ""hi"", left",2020-01-01T00:00:00Z',
    'mem,host 2,72.01,-3,0,false,,2020-01-01T00:00:10.5+01:00',
    '',
  ].join('\n');
  const file = join(tmp, 'mem.csv');
  writeFileSync(file, csv);
  const w = run(['write', '-b', 'get-started', '--file', file]);
  assert.equal(w.code, 0, w.err);
  const out = run(['query', '--raw', 'from(bucket: "get-started") |> range(start: 0) |> filter(fn: (r) => r._measurement == "mem")']).out;
  assert.match(out, /2020-01-01T00:00:00Z,64\.23,used,mem,host1/);
  assert.match(out, /2019-12-31T23:00:10\.5Z,72\.01,used,mem,host 2/);
  assert.match(out, /#datatype,.*,unsignedLong,/);
  assert.match(out, /,18446744073709551615,big,mem,host1/);
  assert.match(out, /,"said ""hi"", left",note,mem,host1/);
  assert.match(out, /,false,up,mem,host 2/);

  // Flux's own output is valid input: copy a query result into another measurement's bucket.
  const created = run(['bucket', 'create', '--name', 'copy']);
  assert.equal(created.code, 0, created.err);
  const w2 = run(['write', '-b', 'copy', '--format', 'csv'], out);
  assert.equal(w2.code, 0, w2.err);
  assert.equal(csvRows(run(['query', '--raw', 'from(bucket: "copy") |> range(start: 0)']).out).length, csvRows(out).length);

  // --header supplies the annotations a plain CSV file lacks; errors name line and column.
  const plain = run(['write', '-b', 'get-started', '--format', 'csv', '--header', '#constant measurement,cpu',
    '--header', '#datatype tag,double,dateTime:number'], 'host,load,time\na,0.5,1\nb,oops,2\n');
  assert.equal(plain.code, 1);
  assert.match(plain.err, /^Error: line 3: column 'load': strconv.ParseFloat: parsing "oops": invalid syntax/);
  assert.match(run(['write', '-b', 'get-started', '--format', 'csv'], 'a,b\n1,2\n').err, /no measurement column found/);
  assert.match(run(['write', '-b', 'get-started', '--format', 'xml'], 'x').err, /unsupported format "xml"/);

  // 60,000 lines from a file: batched, with a progress report in lines/s on request.
  const big = join(tmp, 'big.lp');
  writeFileSync(big, Array.from({ length: 60_000 }, (_, i) => `load,host=h${i % 50} v=${i}i ${1_650_000_000 + i}`).join('\n'));
  const p = run(['write', '-b', 'get-started', '-p', 's', '--file', big, '--progress']);
  assert.equal(p.code, 0, p.err);
  assert.match(p.err, /\[=+>\] 100% {2}60000 lines written {2}\d+ lines\/s\n$/);
  const count = run(['query', '--raw', 'from(bucket: "get-started") |> range(start: 0) |> filter(fn: (r) => r._measurement == "load") |> group() |> count()']);
  assert.match(count.out, /,60000\r?\n/);
});

testBothTargets('every command has --help; usage errors exit non-zero', ({ run }) => {
  const all = run(['--help']).out.split('\n').filter((l) => /^ {2}\S/.test(l)).map((l) => l.trim().split(/ {2,}/)[0]);
  assert.ok(all.length >= 30, all.join(','));
  for (const cmd of all) {
    const h = run([...cmd.split(' '), '--help']);
    assert.equal(h.code, 0);
    assert.match(h.out, new RegExp(`^Usage: tidewater ${cmd} \\[flags\\]`));
  }
  const none = run(['bogus']);
  assert.equal(none.code, 2);
  assert.match(none.err, /^Usage: tidewater/);
  const unreachable = run(['org', 'list', '--host', 'http://127.0.0.1:9', '--token', 'x']);
  assert.equal(unreachable.code, 1);
  assert.match(unreachable.err, /^Error: cannot reach http:\/\/127\.0\.0\.1:9/);
});
