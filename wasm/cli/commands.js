// The `tidewater` commands, shaped like `influx`. Each is a spec (flags, help) and a run
// function over a connection (connection.js), so it works against a server or a directory.
import { readFileSync } from 'node:fs';
import { api, orgID, withConnection } from './connection.js';
import { loadConfigs, saveConfigs } from './config_store.js';
import { UsageError } from './args.js';
import { formatTables } from './table_format.js';

const CONN = {
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

function printTable(rows, columns) {
  const widths = columns.map(([title, get]) => Math.max(title.length, ...rows.map((r) => String(get(r) ?? '').length)));
  const line = (cells) => cells.map((c, i) => String(c ?? '').padEnd(widths[i])).join('\t').trimEnd();
  return [line(columns.map(([t]) => t)), ...rows.map((r) => line(columns.map(([, get]) => get(r))))].join('\n') + '\n';
}

const retentionText = (b) => {
  const s = b.retentionRules?.[0]?.everySeconds ?? 0;
  return s === 0 ? 'infinite' : `${s / 3600}h0m0s`;
};
const bucketColumns = [['ID', (b) => b.id], ['Name', (b) => b.name], ['Retention', retentionText], ['Organization ID', (b) => b.orgID]];

function readData(flags, positional) {
  if (flags.file) return readFileSync(flags.file);
  if (positional.length) return positional.join('\n');
  return readFileSync(0);
}

export const commands = {
  setup: {
    help: 'Set up the database: first user, org, bucket and operator token; saves a config',
    flags: { ...CONN, username: { alias: 'u' }, password: { alias: 'p' }, bucket: { alias: 'b' },
      retention: { alias: 'r', help: 'e.g. 72h; 0 keeps data forever' }, force: { alias: 'f', boolean: true },
      name: { alias: 'n', help: 'config name (default "default")' } },
    run({ flags, out }) {
      return withConnection(flags, async (conn, creds) => {
        const res = await api(conn, creds, 'POST', '/api/v2/setup', { auth: false, body: {
          username: flags.username, password: flags.password, org: flags.org, bucket: flags.bucket,
          retentionPeriodSeconds: durationSeconds(flags.retention), token: flags.token } });
        const configs = loadConfigs();
        for (const c of Object.values(configs)) c.active = false;
        const name = flags.name ?? 'default';
        configs[name] = { name, url: creds.dir ? undefined : creds.host ?? 'http://127.0.0.1:8086',
          dir: creds.dir, org: res.org.name, token: res.auth.token, active: true };
        saveConfigs(configs);
        out(printTable([res], [['User', (r) => r.user.name], ['Organization', (r) => r.org.name], ['Bucket', (r) => r.bucket.name]]));
      });
    },
  },

  ping: {
    help: 'Check that the server answers',
    flags: CONN,
    run({ flags, out }) {
      return withConnection(flags, async (conn, creds) => {
        const res = await conn.fetch('/ping');
        if (res.status !== 204) throw new Error(`ping failed with status ${res.status}`);
        out('OK\n');
      });
    },
  },

  write: {
    help: 'Write line protocol (argument, --file or stdin) to a bucket',
    flags: { ...CONN, bucket: { alias: 'b' }, 'bucket-id': {}, precision: { alias: 'p', help: 'ns, us, ms or s' },
      file: { alias: 'f' } },
    run({ flags, positional }) {
      const bucket = flags.bucket ?? flags['bucket-id'];
      if (!bucket) throw new UsageError('a bucket is required: --bucket or --bucket-id');
      const body = readData(flags, positional);
      return withConnection(flags, (conn, creds) => api(conn, creds, 'POST', '/api/v2/write', {
        contentType: 'text/plain; charset=utf-8', body,
        query: { org: creds.org, orgID: creds.orgID, bucket, precision: flags.precision } }));
    },
  },

  query: {
    help: 'Run a Flux query (argument or --file); prints tables, or annotated CSV with --raw',
    flags: { ...CONN, file: { alias: 'f' }, raw: { alias: 'r', boolean: true } },
    run({ flags, positional, out }) {
      const query = flags.file ? readFileSync(flags.file, 'utf8') : positional.join(' ');
      if (!query.trim()) throw new UsageError('a query is required (argument or --file)');
      return withConnection(flags, async (conn, creds) => {
          const csv = await api(conn, creds, 'POST', '/api/v2/query', { query: { org: creds.org, orgID: creds.orgID },
            body: { query, type: 'flux', dialect: { header: true, annotations: ['datatype', 'group', 'default'] } } });
          out(flags.raw ? csv : formatTables(csv));
      });
    },
  },

  serve: {
    help: 'Serve the InfluxDB HTTP API on 127.0.0.1:8086 from a data directory',
    flags: { dir: { help: 'data directory (default ./.tidewater)' }, host: { help: 'address to listen on' },
      port: {}, 'allowed-origins': { help: 'comma-separated CORS origins (default *)' } },
    async run({ flags, out }) {
      const { Tidewater } = await import('../index.js');
      const { serve } = await import('../server.js');
      const dir = flags.dir ?? process.env.TIDEWATER_DIR ?? '.tidewater';
      const db = await Tidewater.open({ name: 'serve', storage: { directory: dir } });
      const { url, shutdown } = await serve(db, { host: flags.host ?? '127.0.0.1',
        port: flags.port !== undefined ? Number(flags.port) : 8086, allowedOrigins: (flags['allowed-origins'] ?? '*').split(',') });
      out(`Tidewater API listening on ${url} (data in ${dir})\n`);
      await new Promise((resolve) => { for (const sig of ['SIGINT', 'SIGTERM']) process.once(sig, resolve); });
      await shutdown();
    },
  },

  'config create': {
    help: 'Save a named connection config',
    flags: { 'config-name': { alias: 'n' }, 'host-url': { alias: 'u' }, org: { alias: 'o' }, token: { alias: 't' },
      dir: {}, active: { alias: 'a', boolean: true } },
    async run({ flags, out }) {
      const name = flags['config-name'];
      if (!name) throw new UsageError('--config-name is required');
      const configs = loadConfigs();
      if (configs[name]) throw new UsageError(`config "${name}" already exists`);
      if (flags.active) for (const c of Object.values(configs)) c.active = false;
      configs[name] = { name, url: flags['host-url'], dir: flags.dir, org: flags.org, token: flags.token, active: !!flags.active };
      saveConfigs(configs);
      out(`${name}\t${flags['host-url'] ?? flags.dir ?? ''}\t${flags.org ?? ''}\n`);
    },
  },
  'config list': {
    help: 'List the saved configs (tokens are not shown)',
    flags: {},
    async run({ out }) {
      out(printTable(Object.values(loadConfigs()), [['Active', (c) => (c.active ? '*' : '')], ['Name', (c) => c.name],
        ['URL', (c) => c.url ?? c.dir], ['Org', (c) => c.org]]));
    },
  },
  'config set': {
    help: 'Change a saved config, or make it active with --active',
    flags: { 'config-name': { alias: 'n' }, 'host-url': { alias: 'u' }, org: { alias: 'o' }, token: { alias: 't' },
      active: { alias: 'a', boolean: true } },
    async run({ flags }) {
      const configs = loadConfigs();
      const c = configs[flags['config-name']];
      if (!c) throw new UsageError(`config "${flags['config-name']}" not found`);
      if (flags['host-url']) c.url = flags['host-url'];
      if (flags.org) c.org = flags.org;
      if (flags.token) c.token = flags.token;
      if (flags.active) { for (const o of Object.values(configs)) o.active = false; c.active = true; }
      saveConfigs(configs);
    },
  },
  'config rm': {
    help: 'Remove a saved config',
    flags: {},
    async run({ positional }) {
      const configs = loadConfigs();
      for (const name of positional) {
        if (!configs[name]) throw new UsageError(`config "${name}" not found`);
        delete configs[name];
      }
      saveConfigs(configs);
    },
  },

  'bucket create': {
    help: 'Create a bucket',
    flags: { ...CONN, name: { alias: 'n' }, retention: { alias: 'r' }, description: { alias: 'd' } },
    run({ flags, out }) {
      return withConnection(flags, async (conn, creds) => {
        const seconds = durationSeconds(flags.retention);
        const b = await api(conn, creds, 'POST', '/api/v2/buckets', { body: { orgID: await orgID(conn, creds), name: flags.name,
          description: flags.description, retentionRules: seconds ? [{ type: 'expire', everySeconds: seconds }] : [] } });
        out(printTable([b], bucketColumns));
      });
    },
  },
  'bucket list': {
    help: 'List buckets',
    flags: { ...CONN, name: { alias: 'n' } },
    run({ flags, out }) {
      return withConnection(flags, async (conn, creds) => {
        const { buckets } = await api(conn, creds, 'GET', '/api/v2/buckets',
          { query: { org: creds.org, orgID: creds.orgID, name: flags.name } });
        out(printTable(buckets, bucketColumns));
      });
    },
  },
  'bucket delete': {
    help: 'Delete a bucket and its data (--id, or --name with an org)',
    flags: { ...CONN, id: { alias: 'i' }, name: { alias: 'n' } },
    run({ flags, out }) {
      return withConnection(flags, async (conn, creds) => {
        let id = flags.id;
        if (!id) {
          const { buckets } = await api(conn, creds, 'GET', '/api/v2/buckets', { query: { org: creds.org, orgID: creds.orgID, name: flags.name } });
          if (!buckets.length) throw new UsageError(`bucket "${flags.name}" not found`);
          id = buckets[0].id;
        }
        await api(conn, creds, 'DELETE', `/api/v2/buckets/${encodeURIComponent(id)}`);
        out(`${id}\tdeleted\n`);
      });
    },
  },

  'auth create': {
    help: 'Create an API token: --all-access, or --read-bucket/--write-bucket IDs',
    flags: { ...CONN, 'all-access': { boolean: true }, 'read-bucket': { multiple: true }, 'write-bucket': { multiple: true },
      description: { alias: 'd' } },
    run({ flags, out }) {
      return withConnection(flags, async (conn, creds) => {
        const oid = await orgID(conn, creds);
        const permissions = [];
        if (flags['all-access']) {
          const types = await api(conn, creds, 'GET', '/api/v2/resources');
          for (const type of types.filter((t) => t !== 'instance')) {
            const resource = type === 'orgs' ? { type, id: oid } : { type, orgID: oid };
            permissions.push({ action: 'read', resource }, { action: 'write', resource });
          }
        }
        for (const id of flags['read-bucket'] ?? []) permissions.push({ action: 'read', resource: { type: 'buckets', id, orgID: oid } });
        for (const id of flags['write-bucket'] ?? []) permissions.push({ action: 'write', resource: { type: 'buckets', id, orgID: oid } });
        if (!permissions.length) throw new UsageError('give --all-access, --read-bucket or --write-bucket');
        const a = await api(conn, creds, 'POST', '/api/v2/authorizations', { body: { orgID: oid, description: flags.description, permissions } });
        out(printTable([a], [['ID', (x) => x.id], ['Description', (x) => x.description], ['Token', (x) => x.token],
          ['User Name', (x) => x.user], ['Permissions', (x) => `${x.permissions.length} permissions`]]));
      });
    },
  },
  'auth list': {
    help: 'List API tokens (secrets are never shown again)',
    flags: CONN,
    run({ flags, out }) {
      return withConnection(flags, async (conn, creds) => {
        const { authorizations } = await api(conn, creds, 'GET', '/api/v2/authorizations', { query: { org: creds.org, orgID: creds.orgID } });
        out(printTable(authorizations, [['ID', (x) => x.id], ['Description', (x) => x.description], ['Status', (x) => x.status],
          ['User Name', (x) => x.user], ['Permissions', (x) => `${x.permissions.length} permissions`]]));
      });
    },
  },
};

for (const [name, status] of [['active', 'active'], ['inactive', 'inactive']]) {
  commands[`auth ${name}`] = {
    help: `Mark an API token ${status}`,
    flags: { ...CONN, id: { alias: 'i' } },
    run({ flags }) {
      return withConnection(flags, (conn, creds) =>
        api(conn, creds, 'PATCH', `/api/v2/authorizations/${encodeURIComponent(flags.id)}`, { body: { status } }));
    },
  };
}
commands['auth delete'] = {
  help: 'Delete an API token',
  flags: { ...CONN, id: { alias: 'i' } },
  run({ flags }) {
    return withConnection(flags, (conn, creds) =>
      api(conn, creds, 'DELETE', `/api/v2/authorizations/${encodeURIComponent(flags.id)}`));
  },
};
