// The InfluxDB 1.x compatibility commands: `v1 dbrp create|list|delete` (database/retention
// policy mappings onto buckets, /api/v2/dbrps) and `v1 shell` (an InfluxQL REPL over /query).
import { api, orgID, withConnection } from './connection.js';
import { UsageError } from './args.js';
import { CONN, printTable, required } from './common.js';
import { runShell } from './v1_shell.js';

const dbrpColumns = [['ID', (d) => d.id], ['Database', (d) => d.database], ['Bucket ID', (d) => d.bucketID],
  ['Retention Policy', (d) => d.retention_policy], ['Default', (d) => String(d.default)],
  ['Organization ID', (d) => d.orgID], ['Virtual', (d) => String(!!d.virtual)]];

export const v1Commands = {
  'v1 dbrp create': {
    help: 'Map a database and retention policy (InfluxQL names) onto a bucket',
    flags: { ...CONN, db: { help: 'database name' }, rp: { help: 'retention policy name' }, 'bucket-id': {},
      default: { boolean: true, help: 'make it the default retention policy of the database' } },
    run({ flags, out }) {
      required(flags, 'db', 'rp', 'bucket-id');
      return withConnection(flags, async (conn, creds) => {
        const d = await api(conn, creds, 'POST', '/api/v2/dbrps', { body: { orgID: await orgID(conn, creds),
          bucketID: flags['bucket-id'], database: flags.db, retention_policy: flags.rp, default: !!flags.default } });
        out(printTable([d], dbrpColumns));
      });
    },
  },
  'v1 dbrp list': {
    help: 'List database/retention policy mappings (virtual ones included)',
    flags: { ...CONN, db: {}, rp: {}, 'bucket-id': {}, id: {}, default: { boolean: true } },
    run({ flags, out }) {
      return withConnection(flags, async (conn, creds) => {
        const { content } = await api(conn, creds, 'GET', '/api/v2/dbrps', { query: { orgID: await orgID(conn, creds),
          db: flags.db, rp: flags.rp, bucketID: flags['bucket-id'], id: flags.id, default: flags.default ? 'true' : undefined } });
        out(printTable(content, dbrpColumns));
      });
    },
  },
  'v1 dbrp delete': {
    help: 'Delete a database/retention policy mapping',
    flags: { ...CONN, id: {} },
    run({ flags }) {
      required(flags, 'id');
      return withConnection(flags, async (conn, creds) => {
        await api(conn, creds, 'DELETE', `/api/v2/dbrps/${encodeURIComponent(flags.id)}`, { query: { orgID: await orgID(conn, creds) } });
      });
    },
  },
  'v1 shell': {
    help: 'An InfluxQL shell: "use <db>[.<rp>]", "precision <rfc3339|h|m|s|ms|u|ns>", queries, "exit"',
    flags: { ...CONN, database: { alias: 'd', help: 'database to use at start' },
      'retention-policy': { help: 'retention policy to use at start' },
      precision: { help: 'rfc3339 (default), h, m, s, ms, u or ns' },
      execute: { alias: 'e', help: 'run these statements, print the results and exit' } },
    run({ flags, out }) {
      if (flags.database !== undefined && !flags.database) throw new UsageError('--database needs a name');
      return withConnection(flags, (conn, creds) => runShell(conn, creds, flags, out));
    },
  },
};
