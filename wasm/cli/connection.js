// Where a command sends its requests: a server (--host, INFLUX_HOST, a config) over HTTP, or a
// data directory (--dir) opened in process. Either way the command gets a fetch function.
import { activeConfig, loadConfigs } from './config_store.js';
import { UsageError } from './args.js';

export function credentials(flags) {
  const named = flags['active-config'] ? loadConfigs()[flags['active-config']] : null;
  if (flags['active-config'] && !named) throw new UsageError(`config "${flags['active-config']}" not found`);
  const config = named ?? activeConfig() ?? {};
  const env = (name) => process.env[name] || undefined;  // set but empty counts as unset
  const host = flags.host ?? env('INFLUX_HOST');
  const dir = flags.dir ?? env('TIDEWATER_DIR');
  // A server or directory named on the command line (or environment) beats the config's.
  const fromConfig = host === undefined && dir === undefined;
  return {
    host: host ?? (fromConfig ? config.url : undefined),
    dir: dir ?? (fromConfig ? config.dir : undefined),
    org: flags.org ?? env('INFLUX_ORG') ?? config.org,
    orgID: flags['org-id'] ?? env('INFLUX_ORG_ID'),
    token: flags.token ?? env('INFLUX_TOKEN') ?? config.token,
  };
}

export async function connect(creds) {
  if (creds.dir && !creds.host) {
    const { Tidewater } = await import('../index.js');
    const db = await Tidewater.open({ name: 'cli', storage: { directory: creds.dir } });
    return { fetch: db.fetch, close: () => db.close(), db };
  }
  const base = (creds.host ?? 'http://127.0.0.1:8086').replace(/\/+$/, '');
  const httpFetch = async (path, init) => {
    try {
      return await fetch(`${base}${path}`, init);
    } catch (err) {
      throw new ApiError(`cannot reach ${base}: ${err.cause?.code ?? err.message}`, 0);
    }
  };
  return { fetch: httpFetch, close: async () => {} };
}

// Calls the API and returns the parsed JSON (or text); InfluxDB errors become ApiError.
export async function api(conn, creds, method, path, { body, query, contentType = 'application/json', auth = true } = {}) {
  const headers = { 'content-type': contentType };
  if (auth && creds.token) headers.authorization = `Token ${creds.token}`;
  const qs = query ? `?${new URLSearchParams(Object.entries(query).filter(([, v]) => v !== undefined && v !== ''))}` : '';
  const res = await conn.fetch(`${path}${qs === '?' ? '' : qs}`, {
    method, headers,
    body: body === undefined || typeof body === 'string' || body instanceof Uint8Array ? body : JSON.stringify(body),
  });
  const text = await res.text();
  if (res.status >= 300) {
    let message = text || res.statusText;
    try { message = JSON.parse(text).message ?? message; } catch {}
    throw new ApiError(message, res.status);
  }
  if ((res.headers.get('content-type') ?? '').includes('json') && text) return JSON.parse(text);
  return text;
}

export class ApiError extends Error {
  constructor(message, status) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
  }
}

// The org's ID for requests that take orgID: from --org-id, or looked up by name.
export async function orgID(conn, creds) {
  if (creds.orgID) return creds.orgID;
  if (!creds.org) throw new UsageError('an org is required: --org, --org-id, INFLUX_ORG or a config');
  const { orgs = [] } = await api(conn, creds, 'GET', '/api/v2/orgs', { query: { org: creds.org } });
  if (!orgs.length) throw new ApiError(`organization name "${creds.org}" not found`, 404);
  return orgs[0].id;
}

// Runs fn(conn, creds) with a connection made from the flags, and always closes it.
export async function withConnection(flags, fn) {
  const creds = credentials(flags);
  const conn = await connect(creds);
  try {
    return await fn(conn, creds);
  } finally {
    await conn.close();
  }
}
