// Export the data to one text file and import it back, through the public API only: every
// bucket's points as line protocol (read with Flux, typed by the annotated CSV's #datatype row,
// nanosecond times), plus the dashboards and variables as JSON lines. Users, tokens and tasks are
// not part of the file; a whole-database backup (catalog included) is backup_panel.js's job.
//
//   # tidewater export v1
//   # bucket <name> <retentionSeconds>
//   home,room=Kitchen temp=21 1641024000000000000
//   #json {"kind":"variable",...}   #json {"kind":"dashboard","export":{...}}
import { parseCsvRecords } from './wasm/annotated_csv.js';
import { fluxString } from './flux_vars.js';
import { DashboardsApi, exportDashboard, parseDashboardExport } from './dashboards_api.js';

const HEADER = '# tidewater export v1';
const NOT_TAGS = new Set(['', 'result', 'table', '_start', '_stop', '_time', '_value', '_field', '_measurement']);
const BATCH = 5000;

const escapeKey = (s) => String(s).replace(/[,= \\]/g, (c) => `\\${c}`);
const escapeMeasurement = (s) => String(s).replace(/[, \\]/g, (c) => `\\${c}`);

// RFC3339 with up to 9 fractional digits → nanoseconds since the epoch, exactly (BigInt).
export function rfc3339ToNanos(text) {
  const m = /^(.*?:\d\d)(?:\.(\d{1,9}))?(Z|[+-]\d\d:\d\d)$/.exec(text);
  if (!m) throw new Error(`not an RFC3339 time: ${text}`);
  const ms = Date.parse(`${m[1]}${m[3]}`);
  if (Number.isNaN(ms)) throw new Error(`not an RFC3339 time: ${text}`);
  return BigInt(ms) * 1_000_000n + BigInt((m[2] ?? '').padEnd(9, '0'));
}

function fieldValue(type, raw) {
  switch (type) {
    case 'long': return `${raw}i`;
    case 'unsignedLong': return `${raw}u`;
    case 'boolean': return raw;
    case 'string': return `"${raw.replace(/[\\"]/g, (c) => `\\${c}`)}"`;
    default: return raw;  // double: as InfluxDB prints it
  }
}

/** Annotated CSV (Flux rows of one bucket) → line protocol lines, one point per row. */
export function csvToLineProtocol(csv) {
  const lines = [];
  let types = null;
  let header = null;
  for (const rec of parseCsvRecords(csv)) {
    if (rec.length === 1 && rec[0] === '') { header = null; continue; }
    if (rec[0] === '#datatype') { types = rec; header = null; continue; }
    if (rec[0].startsWith('#')) continue;
    if (!header) { header = rec; continue; }
    const col = (name) => rec[header.indexOf(name)];
    const value = col('_value');
    if (value === undefined || value === '') continue;
    const tags = header.map((name, i) => [name, rec[i]]).filter(([name, v]) => !NOT_TAGS.has(name) && v !== '')
      .sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, v]) => `,${escapeKey(k)}=${escapeKey(v)}`).join('');
    const type = types?.[header.indexOf('_value')] ?? 'double';
    lines.push(`${escapeMeasurement(col('_measurement'))}${tags} ${escapeKey(col('_field'))}=${fieldValue(type, value)} ${rfc3339ToNanos(col('_time'))}`);
  }
  return lines;
}

/** The whole database as export text; onProgress(message). */
export async function exportDatabase(api, org, onProgress = () => {}) {
  const orgRef = org.id ? { orgID: org.id } : { org: org.name };
  const { buckets } = await api.get(`/api/v2/buckets?${new URLSearchParams(orgRef)}&limit=100`);
  const parts = [HEADER];
  let points = 0;
  for (const b of buckets.filter((x) => !x.name.startsWith('_'))) {
    onProgress(`Reading ${b.name}…`);
    const retention = b.retentionRules?.find((r) => r.type === 'expire')?.everySeconds ?? 0;
    parts.push(`# bucket ${encodeURIComponent(b.name)} ${retention}`);
    const csv = await api.queryCSV(orgRef, `from(bucket: ${fluxString(b.name)}) |> range(start: 0, stop: 2262-01-01T00:00:00Z)`);
    const lines = csvToLineProtocol(csv);
    points += lines.length;
    parts.push(...lines);
  }
  const dashApi = new DashboardsApi(api, org);
  let dashboards = 0;
  try {
    for (const v of await dashApi.variables()) parts.push(`#json ${JSON.stringify({ kind: 'variable', name: v.name, arguments: v.arguments, selected: v.selected ?? [] })}`);
    for (const d of await dashApi.list()) {
      parts.push(`#json ${JSON.stringify({ kind: 'dashboard', export: exportDashboard(await dashApi.get(d.id)) })}`);
      dashboards++;
    }
  } catch { /* an engine without dashboards: the data alone */ }
  return { text: `${parts.join('\n')}\n`, points, dashboards };
}

/** Reads export text back: buckets made when missing, points written in batches, dashboards added. */
export async function importDatabase(api, org, text, onProgress = () => {}) {
  if (!text.startsWith(HEADER)) throw new Error('Not a Tidewater export (the first line should be "# tidewater export v1").');
  const orgRef = org.id ? { orgID: org.id } : { org: org.name };
  const { buckets } = await api.get(`/api/v2/buckets?${new URLSearchParams(orgRef)}&limit=100`);
  const existing = new Set(buckets.map((b) => b.name));
  const dashApi = new DashboardsApi(api, org);
  let bucket = null;
  let batch = [];
  let points = 0;
  let dashboards = 0;
  const flush = async () => {
    if (!batch.length) return;
    await api.write({ ...orgRef, bucket, precision: 'ns' }, batch.join('\n'));
    points += batch.length;
    onProgress(`Wrote ${points} points…`);
    batch = [];
  };
  for (const line of text.split('\n')) {
    if (!line) continue;
    if (line.startsWith('# bucket ')) {
      await flush();
      const [, , name, retention] = line.split(' ');
      bucket = decodeURIComponent(name);
      if (!existing.has(bucket)) {
        const seconds = Number(retention) || 0;
        await api.json('POST', '/api/v2/buckets', { orgID: org.id, name: bucket, retentionRules: seconds ? [{ type: 'expire', everySeconds: seconds }] : [] });
        existing.add(bucket);
      }
    } else if (line.startsWith('#json ')) {
      await flush();
      const item = JSON.parse(line.slice(6));
      const names = new Set((await dashApi.variables()).map((v) => v.name));
      if (item.kind === 'variable' && !names.has(item.name)) await dashApi.createVariable(item);
      if (item.kind === 'dashboard') {
        const parsed = parseDashboardExport(item.export);
        const d = await dashApi.create({ name: parsed.name, description: parsed.description });
        for (const cell of parsed.cells) await dashApi.addCell(d.id, cell, cell.view);
        dashboards++;
      }
    } else if (!line.startsWith('#')) {
      if (bucket === null) throw new Error('Points before any "# bucket" line.');
      batch.push(line);
      if (batch.length >= BATCH) await flush();
    }
  }
  await flush();
  return { points, dashboards };
}
