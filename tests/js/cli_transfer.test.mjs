// `tidewater export` / `import`: a round trip through a gzip file keeps every point, tag, field
// type and nanosecond time (negative times and extreme values included); time ranges and
// errors; against a data directory and against `serve`.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { join } from 'node:path';
import { csvRows, setupTutorial, sharedDir, testBothTargets } from './cli_harness.mjs';

const homeLp = readFileSync(join(sharedDir, 'tutorial/home.lp'), 'utf8');
const EDGE_CASES = [
  'x,a=1,b=x\\ y\\,z\\=w s="he said \\"hi\\" \\\\ back",b=true,u=18446744073709551615u,i=-9223372036854775808i 1234567890123456789',
  'x,a=1,b=x\\ y\\,z\\=w f=1.5e300,g=1e-7,h=3,k=0.1,neg=-2.5 1234567890123456789',
  'x,a=1 z=1,t=false,e="" 1',
  'before\\ 1970,t=1 v=1i,w=9223372036854775807i -5000000001',
  'm\\,comma,tag\\=key=v\\=x f=1 1600000000000000001',
].join('\n');

// All points of a bucket as sorted "_measurement,tags,_field,_time,_value:type" strings.
function points(run, bucket) {
  const r = run(['query', '--raw', `from(bucket: "${bucket}") |> range(start: time(v: -9223372036854775806), stop: time(v: 9223372036854775806))`]);
  assert.equal(r.code, 0, r.err);
  const out = [];
  let types;
  let header;
  for (const line of r.out.split(/\r?\n/)) {
    if (line.startsWith('#datatype')) { types = line.split(','); header = null; continue; }
    if (line.startsWith('#') || line === '') continue;
    const cells = line.split(/,(?=(?:[^"]*"[^"]*")*[^"]*$)/);
    if (!header) { header = cells; continue; }
    const rec = Object.fromEntries(header.map((h, i) => [h, `${cells[i]}:${types[i]}`]));
    const tags = header.filter((h) => h && !['result', 'table', '_start', '_stop', '_time', '_value', '_field', '_measurement'].includes(h))
      .map((h) => `${h}=${rec[h]}`).join(';');
    out.push([rec._measurement, tags, rec._field, rec._time, rec._value].join('|'));
  }
  return out.sort();
}

testBothTargets('export to gzip and import back keeps every point', ({ run, where, tmp }) => {
  setupTutorial(run, where);
  assert.equal(run(['write', '-b', 'get-started', '-p', 's'], homeLp).code, 0);
  const w = run(['write', '-b', 'get-started'], EDGE_CASES);
  assert.equal(w.code, 0, w.err);
  // Enough points that the export takes several windows.
  const many = Array.from({ length: 30_000 }, (_, i) => `dense,h=h${i % 7} v=${i * 0.5} ${1_700_000_000_000_000_000n + BigInt(i) * 1_000_000n}`);
  assert.equal(run(['write', '-b', 'get-started'], many.join('\n')).code, 0);
  const before = points(run, 'get-started');
  assert.equal(before.length, 78 + 15 + 30_000);

  const file = join(tmp, 'export.lp.gz');
  const ex = run(['export', '-b', 'get-started', '--file', file, '--progress']);
  assert.equal(ex.code, 0, ex.err);
  assert.match(ex.err, /100% {2}30030 lines exported {2}\d+ lines\/s\n$/);
  const text = gunzipSync(readFileSync(file)).toString();
  assert.equal(text.trim().split('\n').length, 30_030);  // one line per point, its fields merged
  const edge = text.split('\n').find((l) => l.startsWith('x,a=1,b=x\\ y\\,z\\=w '));
  assert.match(edge, / 1234567890123456789$/);
  assert.ok(edge.includes('s="he said \\"hi\\" \\\\ back"') && edge.includes('u=18446744073709551615u'));
  assert.equal(edge.split('=').length - 1, 2 + 9 + 1);  // two tag pairs (one escaped "="), nine fields

  assert.equal(run(['bucket', 'create', '--name', 'restored']).code, 0);
  const im = run(['import', '-b', 'restored', '--file', file, '--progress']);
  assert.equal(im.code, 0, im.err);
  assert.match(im.err, /30030 lines imported {2}\d+ lines\/s\n$/);
  assert.deepEqual(points(run, 'restored'), before);

  // A time range to stdout: only the tutorial's Kitchen/Living Room hours 08:00..09:59.
  const part = run(['export', '-b', 'get-started', '--start', '2022-01-01T08:00:00Z', '--stop', '2022-01-01T10:00:00Z']);
  assert.equal(part.code, 0, part.err);
  assert.equal(part.err, '');
  assert.equal(part.out.trim().split('\n').length, 4);  // 2 rooms x 2 hours
  assert.ok(part.out.split('\n').every((l) => l === '' || /^home,room=(Kitchen|Living\\ Room) (co|hum|temp)=/.test(l)));
  // An empty range exports nothing; an unknown bucket fails with InfluxDB's message.
  assert.equal(run(['export', '-b', 'get-started', '--start', '2030-01-01T00:00:00Z']).out, '');
  const missing = run(['export', '-b', 'nope']);
  assert.equal(missing.code, 1);
  assert.match(missing.err, /^Error: could not find bucket "nope"/);
  assert.match(run(['import', '-b', 'restored']).err, /required flag\(s\) "file" not set/);
});
