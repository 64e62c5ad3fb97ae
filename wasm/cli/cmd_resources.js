// Resource commands over /api/v2: `org`, `bucket` and `auth` (API tokens).
import { api, orgID, withConnection } from './connection.js';
import { UsageError } from './args.js';
import { CONN, bucketColumns, bucketID, durationSeconds, printTable, required } from './common.js';

const orgColumns = [['ID', (o) => o.id], ['Name', (o) => o.name]];
const retentionRules = (text) => {
  const seconds = durationSeconds(text);
  return seconds ? [{ type: 'expire', everySeconds: seconds }] : [];
};

export const resourceCommands = {
  'org list': {
    help: 'List organizations (--name to pick one)',
    flags: { ...CONN, name: { alias: 'n' }, id: { alias: 'i' } },
    run({ flags, out }) {
      return withConnection(flags, async (conn, creds) => {
        if (flags.id) {
          out(printTable([await api(conn, creds, 'GET', `/api/v2/orgs/${encodeURIComponent(flags.id)}`)], orgColumns));
          return;
        }
        const { orgs } = await api(conn, creds, 'GET', '/api/v2/orgs', { query: { org: flags.name } });
        out(printTable(orgs, orgColumns));
      });
    },
  },
  'org create': {
    help: 'Create an organization',
    flags: { ...CONN, name: { alias: 'n' }, description: { alias: 'd' } },
    run({ flags, out }) {
      required(flags, 'name');
      return withConnection(flags, async (conn, creds) => {
        const o = await api(conn, creds, 'POST', '/api/v2/orgs', { body: { name: flags.name, description: flags.description } });
        out(printTable([o], orgColumns));
      });
    },
  },

  'bucket create': {
    help: 'Create a bucket',
    flags: { ...CONN, name: { alias: 'n' }, retention: { alias: 'r' }, description: { alias: 'd' } },
    run({ flags, out }) {
      required(flags, 'name');
      return withConnection(flags, async (conn, creds) => {
        const b = await api(conn, creds, 'POST', '/api/v2/buckets', { body: { orgID: await orgID(conn, creds), name: flags.name,
          description: flags.description, retentionRules: retentionRules(flags.retention) } });
        out(printTable([b], bucketColumns));
      });
    },
  },
  'bucket list': {
    help: 'List buckets',
    flags: { ...CONN, name: { alias: 'n' }, id: { alias: 'i' } },
    run({ flags, out }) {
      return withConnection(flags, async (conn, creds) => {
        if (flags.id) {
          out(printTable([await api(conn, creds, 'GET', `/api/v2/buckets/${encodeURIComponent(flags.id)}`)], bucketColumns));
          return;
        }
        const { buckets } = await api(conn, creds, 'GET', '/api/v2/buckets',
          { query: { org: creds.org, orgID: creds.orgID, name: flags.name } });
        out(printTable(buckets, bucketColumns));
      });
    },
  },
  'bucket update': {
    help: 'Rename a bucket, or change its description or retention (--id required)',
    flags: { ...CONN, id: { alias: 'i' }, name: { alias: 'n' }, description: { alias: 'd' }, retention: { alias: 'r' } },
    run({ flags, out }) {
      required(flags, 'id');
      const body = {};
      if (flags.name !== undefined) body.name = flags.name;
      if (flags.description !== undefined) body.description = flags.description;
      if (flags.retention !== undefined) body.retentionRules = retentionRules(flags.retention);
      return withConnection(flags, async (conn, creds) => {
        const b = await api(conn, creds, 'PATCH', `/api/v2/buckets/${encodeURIComponent(flags.id)}`, { body });
        out(printTable([b], bucketColumns));
      });
    },
  },
  'bucket delete': {
    help: 'Delete a bucket and its data (--id, or --name with an org)',
    flags: { ...CONN, id: { alias: 'i' }, name: { alias: 'n' } },
    run({ flags, out }) {
      if (!flags.id && !flags.name) throw new UsageError('must specify exactly one of --id or --name');
      return withConnection(flags, async (conn, creds) => {
        const id = await bucketID(conn, creds, { id: flags.id, name: flags.name });
        const b = await api(conn, creds, 'GET', `/api/v2/buckets/${encodeURIComponent(id)}`);
        await api(conn, creds, 'DELETE', `/api/v2/buckets/${encodeURIComponent(id)}`);
        out(printTable([b], [...bucketColumns, ['Deleted', () => 'true']]));
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
  'auth delete': {
    help: 'Delete an API token',
    flags: { ...CONN, id: { alias: 'i' } },
    run({ flags }) {
      required(flags, 'id');
      return withConnection(flags, (conn, creds) =>
        api(conn, creds, 'DELETE', `/api/v2/authorizations/${encodeURIComponent(flags.id)}`));
    },
  },
};

for (const status of ['active', 'inactive']) {
  resourceCommands[`auth ${status}`] = {
    help: `Mark an API token ${status}`,
    flags: { ...CONN, id: { alias: 'i' } },
    run({ flags }) {
      required(flags, 'id');
      return withConnection(flags, (conn, creds) =>
        api(conn, creds, 'PATCH', `/api/v2/authorizations/${encodeURIComponent(flags.id)}`, { body: { status } }));
    },
  };
}
