// Annotated CSV → the readable tables `influx query` prints: one block per table, with its
// group key, column names and types, and aligned rows.
import { parseCsvRecords } from '../annotated_csv.js';

export function formatTables(csv) {
  const blocks = [];
  let types = null;
  let groups = null;
  let header = null;
  let current = null;
  const flush = () => { if (current) blocks.push(current); current = null; };
  for (const rec of parseCsvRecords(csv)) {
    if (rec.length === 1 && rec[0] === '') { flush(); header = null; continue; }
    if (rec[0] === '#datatype') { flush(); types = rec; header = null; continue; }
    if (rec[0] === '#group') { groups = rec; continue; }
    if (rec[0].startsWith('#')) continue;
    if (!header) { header = rec; continue; }
    const table = rec[header.indexOf('table')];
    if (!current || current.table !== table) {
      flush();
      current = { result: rec[header.indexOf('result')], table, header, types, groups, rows: [] };
    }
    current.rows.push(rec);
  }
  flush();
  return blocks.map(renderBlock).join('\n');
}

function renderBlock({ result, header, types, groups, rows }) {
  const cols = [];
  for (let i = 0; i < header.length; i++) {
    if (header[i] === '' || header[i] === 'result' || header[i] === 'table') continue;
    cols.push(i);
  }
  const keys = cols.filter((i) => groups?.[i] === 'true').map((i) => header[i]);
  const shortType = (t) => (t ?? 'string').replace('dateTime:RFC3339', 'time').replace('unsignedLong', 'uint')
    .replace('long', 'int').replace('double', 'float');
  const titles = cols.map((i) => `${header[i]}:${shortType(types?.[i])}`);
  const widths = cols.map((c, k) => Math.max(titles[k].length, ...rows.map((r) => (r[c] ?? '').length)));
  const line = (cells) => cells.map((s, k) => s.padStart(widths[k])).join('  ');
  return [
    `Result: ${result || '_result'}`,
    `Table: keys: [${keys.join(', ')}]`,
    line(titles),
    line(widths.map((w) => '-'.repeat(w))),
    ...rows.map((r) => line(cols.map((c) => r[c] ?? ''))),
    '',
  ].join('\n');
}
