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

// The fields of a line without quotes that a graph reads (result, table, _time, _value), cut
// out by position without splitting the rest: the tags after them are the same for a whole
// table and read once. `wanted` is a sorted list of column indexes; out[k] gets field wanted[k].
function pickFields(line, wanted, out) {
  let start = 0;
  let column = 0;
  for (let k = 0; k < wanted.length; k++) {
    for (; column < wanted[k]; column++) {
      const comma = line.indexOf(',', start);
      start = comma < 0 ? line.length + 1 : comma + 1;
    }
    const end = line.indexOf(',', start);
    out[k] = start > line.length ? '' : line.slice(start, end < 0 ? line.length : end);
    start = end < 0 ? line.length + 1 : end + 1;
    column++;
  }
  return out;
}

/**
 * Annotated CSV → what a graph needs, without an object per point: { series, rows } where
 * series are [{ label, result, xs, ys }] (x in seconds, as uPlot's time axis wants; numeric
 * _value only) and rows holds the first and last row of each table (labels, _start/_stop, the
 * last value). Each data line is cut only up to its _value; a time string seen before (every
 * series of an aggregateWindow shares them) is not parsed again.
 */
export function csvSeries(text, label) {
  const byTable = new Map();
  const seconds = new Map();
  const lines = text.split('\n');
  let types = null;
  let defaults = null;
  let block = null;
  let current = null;   // the series of the previous line
  let currentTable = null;
  let wanted = [];   // the column indexes read from each line, sorted
  let slot = {};     // result/table/time/value → its place in `wanted`
  const cut = [];
  for (let i = 0; i < lines.length; i++) {
    let line = lines[i];
    if (line.endsWith('\r')) line = line.slice(0, -1);
    if (line === '') { block = null; continue; }
    if (line.includes('"')) {
      // Quoted values (commas or newlines inside): the general reader, record by record.
      while ((line.match(/"/g)?.length ?? 0) % 2 === 1 && i + 1 < lines.length) line += `\n${lines[++i].replace(/\r$/, '')}`;
    }
    const quoted = line.includes('"');
    if (line.startsWith('#')) {
      const rec = quoted ? parseCsvRecords(line)[0] : line.split(',');
      if (rec[0] === '#datatype') { types = rec; block = null; } else if (rec[0] === '#default') defaults = rec;
      continue;
    }
    if (!block) {
      block = makeBlock(quoted ? parseCsvRecords(line)[0] : line.split(','), types, defaults);
      const { at } = block;
      wanted = [...new Set([at.result, at.table, at.time, at.value].filter((k) => k >= 0))].sort((x, y) => x - y);
      slot = Object.fromEntries(['result', 'table', 'time', 'value'].map((name) => [name, wanted.indexOf(at[name])]));
      currentTable = null;
      continue;
    }
    const { at } = block;
    let f;
    if (quoted) {
      const rec = parseCsvRecords(line)[0];
      f = wanted.map((k) => rec[k] ?? '');
    } else {
      f = pickFields(line, wanted, cut);
    }
    const table = f[slot.table];
    if (table !== currentTable || current?.block !== block) {
      const result = (slot.result >= 0 ? f[slot.result] : '') || block.defaultResult;
      const key = `${result}\u0000${table}`;
      current = byTable.get(key);
      if (!current) {
        const row = block.row(quoted ? parseCsvRecords(line)[0] : line.split(','));
        byTable.set(key, (current = { label: label(row), result: row.result, xs: [], ys: [], firstRow: row, block }));
      }
      currentTable = table;
    }
    current.lastLine = line;
    const read = block.readValue;
    if (!read || read === CONVERT.boolean || at.time < 0) continue;
    const v = f[slot.value];
    if (v === '') continue;
    const t = f[slot.time];
    let x = seconds.get(t);
    if (x === undefined) seconds.set(t, (x = Date.parse(t) / 1000));
    current.xs.push(x);
    current.ys.push(read(v));
  }
  const all = [...byTable.values()];
  const rows = all.flatMap((s) => {
    const last = s.lastLine.includes('"') ? parseCsvRecords(s.lastLine)[0] : s.lastLine.split(',');
    return [s.firstRow, s.block.row(last)];
  });
  return { series: all.filter((s) => s.xs.length > 0).map(({ label: l, result, xs, ys }) => ({ label: l, result, xs, ys })), rows };
}
