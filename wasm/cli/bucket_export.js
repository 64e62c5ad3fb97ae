// Streams a bucket's points over a time range as line protocol: Flux queries over successive
// time windows, each result turned into lines by the CSV converter `write --format csv` uses.
// Window widths adapt so each query returns about `targetRows` rows whatever the density.
import { api } from './connection.js';
import { CsvToLineProtocol } from './csv_to_lp.js';
import { rfc3339ToNanos } from './time_text.js';

const fluxString = (s) => `"${s.replace(/[\\"$]/g, (c) => (c === '$' ? '\\$' : `\\${c}`))}"`;
const csvDialect = { header: true, annotations: ['datatype', 'group', 'default'] };

function flux(conn, creds, query) {
  return api(conn, creds, 'POST', '/api/v2/query', { query: { org: creds.org, orgID: creds.orgID },
    body: { query, type: 'flux', dialect: csvDialect } });
}

// The earliest or latest point time in [start, stop), as BigInt ns; null for no points.
async function edgeTime(conn, creds, source, fn) {
  const csv = await flux(conn, creds, `${source} |> keep(columns: ["_time"]) |> group() |> ${fn}(column: "_time")`);
  const row = csv.split(/\r?\n/).find((l) => l.startsWith(',') && !l.startsWith(',result'));
  const t = row?.split(',').pop();
  return t ? rfc3339ToNanos(t) : null;
}

// The series key of a line ("m,tag=v") and the rest; a space escaped with \\ stays in the key.
function splitSeries(line) {
  for (let i = 0; i < line.length; i++) {
    if (line[i] === '\\') i++;
    else if (line[i] === ' ') return [line.slice(0, i), line.slice(i + 1)];
  }
  return [line, ''];
}

// One line per point: the converter writes one line per field ("m,t=v f=1 T", "m,t=v g=2 T");
// these become "m,t=v f=1,g=2 T" like the line protocol that was written.
export function mergeFields(lines) {
  const points = new Map();
  for (const line of lines) {
    const [series, rest] = splitSeries(line);
    const space = rest.lastIndexOf(' ');  // the timestamp has no spaces; string fields end in "
    const key = `${series} ${rest.slice(space + 1)}`;
    const field = rest.slice(0, space);
    const fields = points.get(key);
    if (fields) fields.push(field);
    else points.set(key, [field]);
  }
  const out = [];
  for (const [key, fields] of points) {
    const space = key.lastIndexOf(' ');
    out.push(`${key.slice(0, space)} ${fields.join(',')}${key.slice(space)}`);
  }
  return out;
}

// Calls emit(lines) for each window's line protocol, onProgress(lineCount, fraction) after it.
// start and stop are BigInt ns (stop exclusive); Flux gets them as time(v: ns), which reaches
// the whole int64 range that date literals do not.
export async function exportBucket(conn, creds, { bucket, start, stop, targetRows = 50_000, emit, onProgress }) {
  const range = (a, b) => `from(bucket: ${fluxString(bucket)}) |> range(start: time(v: ${a}), stop: time(v: ${b}))`;
  const first = await edgeTime(conn, creds, range(start, stop), 'min');
  if (first === null) return 0;
  const last = await edgeTime(conn, creds, range(start, stop), 'max');
  const end = last + 1n;
  const span = end - first;
  let width = span / 16n > 0n ? span / 16n : 1n;
  let total = 0;
  for (let t = first; t < end;) {
    const next = t + width < end ? t + width : end;
    const csv = await flux(conn, creds, range(t, next));
    const converter = new CsvToLineProtocol({ emptyStrings: true });
    const fieldLines = [];
    let n = 0;
    for (const text of csv.split(/\r?\n/)) {
      const lp = converter.push(text, ++n);
      if (lp !== null) fieldLines.push(lp);
    }
    const lines = mergeFields(fieldLines);
    if (lines.length) await emit(lines);
    total += lines.length;
    t = next;
    onProgress?.(total, Number(t - first) / Number(span));
    if (fieldLines.length > targetRows * 2 && width > 1n) width /= 2n;
    else if (fieldLines.length < targetRows / 4) width *= 2n;
  }
  return total;
}
