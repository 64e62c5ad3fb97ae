// Annotated CSV → row objects, fast enough for charts over tens of thousands of rows: lines
// without quotes are split with String.split (most of InfluxDB's output); only lines with a
// quote go through a character-by-character reader. Values are typed like the package's
// annotatedCsvToRows (numbers, booleans, strings), which stays the reference for odd input.
import { parseCsvRecords } from './wasm/annotated_csv.js';

// Per #datatype: text → value ('' is null, as the package reads it).
const number = (v) => (v === '' ? null : Number(v));
const CONVERT = {
  double: (v) => (v === '' ? null : v === '+Inf' ? Infinity : v === '-Inf' ? -Infinity : Number(v)),
  long: number,
  unsignedLong: number,
  boolean: (v) => (v === '' ? null : v === 'true'),
};
const asText = (v) => (v === '' ? null : v);

// A record may span lines when a quoted value holds a newline: gather lines until quotes balance.
function* records(text) {
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    let line = lines[i];
    if (!line.includes('"')) { yield line === '' ? [''] : line.split(','); continue; }
    while ((line.match(/"/g)?.length ?? 0) % 2 === 1 && i + 1 < lines.length) line += `\n${lines[++i]}`;
    yield parseCsvRecords(line)[0] ?? [''];
  }
}

// Walks the records of annotated CSV, keeping each table block's columns, and calls
// onRow(rec, block) for every data record; block.row(rec) makes the row object.
function walk(text, onRow) {
  let types = null;
  let defaults = null;
  let block = null;
  for (const rec of records(text)) {
    const first = rec[0];
    if (rec.length === 1 && first === '') { block = null; continue; }
    if (first === '#datatype') { types = rec; block = null; continue; }
    if (first === '#default') { defaults = rec; continue; }
    if (first.startsWith('#')) continue;
    if (!block) { block = makeBlock(rec, types, defaults); continue; }
    onRow(rec, block);
  }
}

function makeBlock(header, types, defaults) {
  const columns = header.slice(1).map((name, k) => ({
    name, at: k + 1, read: (types && CONVERT[types[k + 1]]) || (types ? asText : String), fallback: defaults?.[k + 1] ?? '',
  }));
  const index = (name) => header.indexOf(name);
  return {
    at: { result: index('result'), table: index('table'), time: index('_time'), value: index('_value') },
    defaultResult: defaults?.[index('result')] ?? '',
    readValue: CONVERT[types?.[index('_value')]],
    row(rec) {
      const row = {};
      for (const c of columns) {
        const raw = rec[c.at] ?? '';
        row[c.name] = c.read(raw === '' && defaults ? c.fallback : raw);
      }
      return row;
    },
  };
}

/** Annotated CSV → row objects, as the package's annotatedCsvToRows makes them. */
export function csvRows(text) {
  const rows = [];
  walk(text, (rec, block) => rows.push(block.row(rec)));
  return rows;
}

/**
 * Annotated CSV → what a graph needs, without a row object per point: { series, rows } where
 * series are chart.js's [{ label, result, points: Map(seconds → value) }] (numeric _value only)
 * and rows holds the first and last row of each table (labels, _start/_stop, the last value).
 */
export function csvSeries(text, label) {
  const byTable = new Map();
  walk(text, (rec, block) => {
    const { at } = block;
    const key = `${rec[at.result] || block.defaultResult}\u0000${rec[at.table]}`;
    let s = byTable.get(key);
    if (!s) {
      const row = block.row(rec);
      byTable.set(key, (s = { label: label(row), result: row.result, points: new Map(), firstRow: row, block }));
    }
    s.lastRec = rec;
    const read = block.readValue;
    if (!read || read === CONVERT.boolean || at.time < 0 || rec[at.value] === '') return;
    s.points.set(Date.parse(rec[at.time]) / 1000, read(rec[at.value]));
  });
  const all = [...byTable.values()];
  const rows = all.flatMap((s) => [s.firstRow, s.block.row(s.lastRec)]);
  return { series: all.filter((s) => s.points.size > 0).map(({ label: l, result, points }) => ({ label: l, result, points })), rows };
}
