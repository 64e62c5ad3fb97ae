// The tutorial's Flux steps (../shared/tutorial/README.md, "Query" and "Process") give InfluxDB
// 2.7's exact answers: every case of tests/tutorial/flux_answers.txt runs through the package on
// home.lp written over the HTTP API, and its annotated CSV (the text InfluxDB would send) is
// compared cell by cell with the tables InfluxDB's own tutorial shows.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { Tidewater } from '../../wasm/index.js';
import { parseCsvRecords } from '../../wasm/annotated_csv.js';

const home = readFileSync(new URL('../../../shared/tutorial/home.lp', import.meta.url), 'utf8');
const answers = readFileSync(new URL('../tutorial/flux_answers.txt', import.meta.url), 'utf8');

// Columns InfluxDB's tutorial pages leave out of their tables.
const OMITTED = new Set(['', 'result', 'table', '_start', '_stop']);

// "=== name\n<flux>\n---\n<tables>" blocks → [{ name, flux, tables: [[{column: cell}]] }].
function parseCases(text) {
  const lines = text.split('\n').filter((l) => !l.startsWith('#'));
  const cases = [];
  for (const line of lines) {
    if (line.startsWith('=== ')) cases.push({ name: line.slice(4), flux: [], expected: [], inTables: false });
    else if (!cases.length) continue;
    else if (line === '---') cases.at(-1).inTables = true;
    else if (cases.at(-1).inTables) cases.at(-1).expected.push(line);
    else cases.at(-1).flux.push(line);
  }
  return cases.map(({ name, flux, expected }) => ({ name, flux: flux.join('\n'), tables: parseTables(expected) }));
}

function parseTables(lines) {
  const tables = [];
  let header = null;
  for (const line of lines) {
    if (line.trim() === '') { header = null; continue; }
    const cells = line.split(' | ');
    if (!header) { header = cells; tables.push([]); continue; }
    assert.equal(cells.length, header.length, `a row of ${cells.length} cells under ${header.length} columns: ${line}`);
    tables.at(-1).push(Object.fromEntries(header.map((c, i) => [c, cells[i]])));
  }
  return tables;
}

// Annotated CSV → tables in stream order, each a list of {column: cell text}, omitted columns dropped.
function csvTables(csv) {
  const tables = new Map();
  let header = null;
  for (const record of parseCsvRecords(csv)) {
    if (record.length === 1 && record[0] === '') { header = null; continue; }
    if (record[0].startsWith('#')) { header = null; continue; }
    if (!header) { header = record; continue; }
    const row = {};
    header.forEach((column, i) => { if (!OMITTED.has(column)) row[column] = record[i]; });
    const key = `${record[header.indexOf('result')]}/${record[header.indexOf('table')]}`;
    if (!tables.has(key)) tables.set(key, []);
    tables.get(key).push(row);
  }
  return [...tables.values()];
}

test('every Flux query of the tutorial answers what InfluxDB 2.7 answers', { timeout: 60_000 }, async (t) => {
  const cases = parseCases(answers);
  assert.ok(cases.length >= 12, `only ${cases.length} cases read`);
  const db = await Tidewater.open({ storage: 'memory' });
  try {
    const { token } = await db.setup({ username: 'ada', password: 'lovelace-1815', org: 'docs', bucket: 'first' });
    const auth = { Authorization: `Token ${token}` };
    let res = await db.fetch('/api/v2/buckets', {
      method: 'POST', headers: { ...auth, 'Content-Type': 'application/json' },
      body: JSON.stringify({ orgID: (await (await db.fetch('/api/v2/orgs?org=docs', { headers: auth })).json()).orgs[0].id, name: 'get-started', retentionRules: [] }),
    });
    assert.equal(res.status, 201);
    res = await db.fetch('/api/v2/write?org=docs&bucket=get-started&precision=s', { method: 'POST', headers: auth, body: home });
    assert.equal(res.status, 204);

    for (const c of cases) {
      await t.test(c.name, async () => {
        const got = csvTables(await db.queryCSV(token, { org: 'docs' }, c.flux));
        assert.deepEqual(got, c.tables);
      });
    }
  } finally {
    await db.close();
  }
});
