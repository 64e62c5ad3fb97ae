// Pieces every `tidewater` command shares: the connection flags, durations, plain tables and
// lookups of an org's buckets by name.
import { api, orgID } from './connection.js';
import { UsageError } from './args.js';

export const CONN = {
  host: { help: 'server URL (default http://127.0.0.1:8086, or INFLUX_HOST)' },
  dir: { help: 'work directly on this data directory instead of a server' },
  org: { alias: 'o', help: 'organization name (or INFLUX_ORG)' },
  'org-id': { help: 'organization ID (or INFLUX_ORG_ID)' },
  token: { alias: 't', help: 'API token (or INFLUX_TOKEN)' },
  'active-config': { alias: 'c', help: 'use this named config' },
};

const UNITS = { ns: 1e-9, us: 1e-6, µs: 1e-6, ms: 1e-3, s: 1, m: 60, h: 3600, d: 86400, w: 604800 };

// "72h", "1w2d", "0" → seconds (0 keeps data forever).
export function durationSeconds(text) {
  if (text === undefined || text === '' || text === '0' || text === 'inf') return 0;
  let total = 0;
  const re = /(\d+)(ns|us|µs|ms|s|m|h|d|w)/gy;
  let m;
  let end = 0;
  while ((m = re.exec(text))) { total += Number(m[1]) * UNITS[m[2]]; end = re.lastIndex; }
  if (end !== text.length) throw new UsageError(`invalid duration "${text}" (use e.g. 72h, 30d, 1w, 0 for forever)`);
  return Math.round(total);
}

// Rows as tab-separated, padded columns like influx's table output. columns: [[title, get], ...]
export function printTable(rows, columns) {
  const widths = columns.map(([title, get]) => Math.max(title.length, ...rows.map((r) => String(get(r) ?? '').length)));
  const line = (cells) => cells.map((c, i) => String(c ?? '').padEnd(widths[i])).join('\t').trimEnd();
  return [line(columns.map(([t]) => t)), ...rows.map((r) => line(columns.map(([, get]) => get(r))))].join('\n') + '\n';
}

// "72h0m0s" like influx prints a retention period; "infinite" for 0.
export function retentionText(b) {
  const s = b.retentionRules?.[0]?.everySeconds ?? 0;
  if (s === 0) return 'infinite';
  return `${Math.floor(s / 3600)}h${Math.floor((s % 3600) / 60)}m${s % 60}s`;
}

export const bucketColumns = [['ID', (b) => b.id], ['Name', (b) => b.name], ['Retention', retentionText],
  ['Organization ID', (b) => b.orgID]];

// A bucket's ID from --bucket-id, or its name looked up in the org.
export async function bucketID(conn, creds, { id, name }) {
  if (id) return id;
  if (!name) throw new UsageError('a bucket is required: --bucket (name) or --bucket-id');
  const { buckets } = await api(conn, creds, 'GET', '/api/v2/buckets',
    { query: { orgID: await orgID(conn, creds), name } });
  if (!buckets.length) throw new UsageError(`bucket "${name}" not found`);
  return buckets[0].id;
}

// Requires flags named in `names`; influx's wording for a missing one.
export function required(flags, ...names) {
  for (const n of names) if (flags[n] === undefined || flags[n] === '') throw new UsageError(`required flag(s) "${n}" not set`);
}
