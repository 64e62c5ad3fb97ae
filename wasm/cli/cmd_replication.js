// Replication to a remote InfluxDB, shaped like `influx remote` and `influx replication`:
// `remote create|list|delete` (/api/v2/remotes) and `replication create|list|delete`
// (/api/v2/replications). `tidewater serve` (or the dashboard's engine Worker) sends the queues.
import { api, orgID, withConnection } from './connection.js';
import { CONN, printTable, required } from './common.js';

const remoteColumns = [['ID', (r) => r.id], ['Name', (r) => r.name], ['Org ID', (r) => r.orgID],
  ['Remote URL', (r) => r.remoteURL], ['Remote Org ID', (r) => r.remoteOrgID ?? ''],
  ['API', (r) => r.remoteAPIVersion ?? 'v2'], ['Allow Insecure TLS', (r) => String(r.allowInsecureTLS)]];
const replicationColumns = [['ID', (r) => r.id], ['Name', (r) => r.name], ['Org ID', (r) => r.orgID],
  ['Remote ID', (r) => r.remoteID], ['Local Bucket ID', (r) => r.localBucketID],
  ['Remote Bucket', (r) => r.remoteBucketID || r.remoteBucketName || ''], ['Max Queue Bytes', (r) => r.maxQueueSizeBytes],
  ['Current Queue Bytes', (r) => r.currentQueueSizeBytes], ['Latest Status Code', (r) => r.latestResponseCode],
  ['Latest Error', (r) => r.latestErrorMessage ?? ''], ['Drop Non-Retryable Data', (r) => String(r.dropNonRetryableData)]];

const bool = (v) => v === true || v === 'true';

export const replicationCommands = {
  'remote create': {
    help: 'Add a remote InfluxDB (--name, --remote-url, --remote-api-token; --remote-api-version v1 for InfluxDB 1.x, token "user:password")',
    flags: { ...CONN, name: { alias: 'n' }, description: { alias: 'd' }, 'remote-url': {}, 'remote-api-token': {},
      'remote-org-id': {}, 'remote-api-version': {}, 'allow-insecure-tls': { boolean: true } },
    run({ flags, out }) {
      required(flags, 'name');
      required(flags, 'remote-url');
      return withConnection(flags, async (conn, creds) => {
        const r = await api(conn, creds, 'POST', '/api/v2/remotes', { body: { orgID: await orgID(conn, creds),
          name: flags.name, description: flags.description, remoteURL: flags['remote-url'],
          remoteAPIToken: flags['remote-api-token'] ?? '', remoteOrgID: flags['remote-org-id'],
          remoteAPIVersion: flags['remote-api-version'], allowInsecureTLS: bool(flags['allow-insecure-tls']) } });
        out(printTable([r], remoteColumns));
      });
    },
  },
  'remote list': {
    help: 'List remotes (--name, --remote-url to filter)',
    flags: { ...CONN, name: { alias: 'n' }, 'remote-url': {} },
    run({ flags, out }) {
      return withConnection(flags, async (conn, creds) => {
        const { remotes } = await api(conn, creds, 'GET', '/api/v2/remotes',
          { query: { orgID: await orgID(conn, creds), name: flags.name, remoteURL: flags['remote-url'] } });
        out(printTable(remotes, remoteColumns));
      });
    },
  },
  'remote delete': {
    help: 'Delete a remote (--id); refused while a replication uses it',
    flags: { ...CONN, id: { alias: 'i' } },
    run({ flags }) {
      required(flags, 'id');
      return withConnection(flags, (conn, creds) => api(conn, creds, 'DELETE', `/api/v2/remotes/${encodeURIComponent(flags.id)}`));
    },
  },
  'replication create': {
    help: 'Replicate a local bucket (--local-bucket-id) to a remote bucket (--remote-bucket name or --remote-bucket-id) of --remote-id',
    flags: { ...CONN, name: { alias: 'n' }, description: { alias: 'd' }, 'remote-id': {}, 'local-bucket-id': {},
      'remote-bucket': {}, 'remote-bucket-id': {}, 'max-queue-bytes': {}, 'max-age': {},
      'drop-non-retryable-data': { boolean: true } },
    run({ flags, out }) {
      required(flags, 'name');
      required(flags, 'remote-id');
      required(flags, 'local-bucket-id');
      return withConnection(flags, async (conn, creds) => {
        const body = { orgID: await orgID(conn, creds), name: flags.name, description: flags.description,
          remoteID: flags['remote-id'], localBucketID: flags['local-bucket-id'], remoteBucketName: flags['remote-bucket'],
          remoteBucketID: flags['remote-bucket-id'], dropNonRetryableData: bool(flags['drop-non-retryable-data']) };
        if (flags['max-queue-bytes'] !== undefined) body.maxQueueSizeBytes = Number(flags['max-queue-bytes']);
        if (flags['max-age'] !== undefined) body.maxAgeSeconds = Number(flags['max-age']);
        out(printTable([await api(conn, creds, 'POST', '/api/v2/replications', { body })], replicationColumns));
      });
    },
  },
  'replication list': {
    help: 'List replications with their queue size and latest status (--name, --remote-id, --local-bucket-id to filter)',
    flags: { ...CONN, name: { alias: 'n' }, 'remote-id': {}, 'local-bucket-id': {} },
    run({ flags, out }) {
      return withConnection(flags, async (conn, creds) => {
        const { replications } = await api(conn, creds, 'GET', '/api/v2/replications', { query: { orgID: await orgID(conn, creds),
          name: flags.name, remoteID: flags['remote-id'], localBucketID: flags['local-bucket-id'] } });
        out(printTable(replications, replicationColumns));
      });
    },
  },
  'replication delete': {
    help: 'Delete a replication (--id) and its queue',
    flags: { ...CONN, id: { alias: 'i' } },
    run({ flags }) {
      required(flags, 'id');
      return withConnection(flags, (conn, creds) => api(conn, creds, 'DELETE', `/api/v2/replications/${encodeURIComponent(flags.id)}`));
    },
  },
};
