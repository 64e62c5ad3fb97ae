// Tidewater's JavaScript API, the same in browsers and Node.
//
//   const db = await Tidewater.open({ name: 'metrics', storage: 'indexeddb' });
//   const { token } = await db.setup({ username, password, org, bucket });
//   await db.write(token, { org, bucket, precision: 's' }, 'home,room=Kitchen temp=21.0 1641024000');
//   const rows = await db.query(token, { org }, 'from(bucket: "home") |> range(start: 0)');
//
// Every call goes through the InfluxDB HTTP API router inside the engine, so authorization,
// validation and error codes are exactly those of the HTTP API.
import { annotatedCsvToRows } from './annotated_csv.js';
import { createFetch } from './fetch.js';
import { errorFromResponse, InvalidError } from './errors.js';
import { ownershipPath, openOwnedEngine } from './owner_paths.js';
import { dedicatedWorkerEngine } from './worker_engine.js';

export * from './errors.js';
export { annotatedCsvToRows };

const isBrowserLike = typeof window !== 'undefined' || (typeof self !== 'undefined' && typeof importScripts === 'function');

function queryString(params) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') q.set(k, String(v));
  const s = q.toString();
  return s ? `?${s}` : '';
}

function authHeaders(token, extra = []) {
  if (typeof token !== 'string' || token === '') throw new InvalidError('a token is required');
  return [['authorization', `Token ${token}`], ...extra];
}

export class Tidewater {
  #engine;
  #ownership;

  constructor(engine, ownership = 'none') {
    this.#engine = engine;
    this.#ownership = ownership;
    this.fetch = createFetch((...args) => this.request(...args));
  }

  /**
   * Opens (or creates) a database.
   * storage: 'memory' (default), 'indexeddb' (browsers; Node with an IndexedDB implementation),
   * or { directory } (Node: a folder on disk).
   * In browsers the engine runs in a Worker unless { worker: false }.
   * owner (storage 'indexeddb' in browsers): how the tabs of a profile share one engine:
   * 'auto' (default: 'shared-worker' where the browser has SharedWorker, else 'web-locks'),
   * 'shared-worker', 'web-locks' (a tab elected with navigator.locks owns it, the others
   * forward over BroadcastChannel) or 'none' (this context opens the files itself: only safe
   * when nothing else in the profile opens the same database).
   */
  static async open({ name = 'tidewater', storage = 'memory', worker = isBrowserLike, owner = 'auto' } = {}) {
    const path = ownershipPath({ storage, worker, owner });
    if (path !== 'none') return new Tidewater(await openOwnedEngine(path, { name, storage, worker }), path);
    if (worker && typeof Worker !== 'undefined') {
      return new Tidewater(await dedicatedWorkerEngine(name).open({ name, storage }), path);
    }
    const { EngineHost } = await import('./engine_host.js');
    return new Tidewater(await EngineHost.create({ name, storage }), path);
  }

  /** How this database is shared in the profile: 'shared-worker', 'web-locks' or 'none'. */
  get ownership() {
    return this.#ownership;
  }

  // The raw API: method, target ("/api/v2/...?..."), header pairs, body → { status, headers, body }.
  request(method, target, headers = [], body = '') {
    return this.#engine.request(method, target, headers, body);
  }

  async #call(method, target, headers, body) {
    const res = await this.request(method, target, headers, body);
    if (res.status >= 300) throw errorFromResponse(res.status, res.body);
    return res;
  }

  /** Onboarding: the first user, org, bucket and the operator token. */
  async setup({ username, password, org, bucket, retentionPeriodSeconds, token } = {}) {
    const body = JSON.stringify({ username, password, org, bucket, retentionPeriodSeconds, token });
    const res = await this.#call('POST', '/api/v2/setup', [['content-type', 'application/json']], body);
    const out = JSON.parse(res.body);
    return { token: out.auth.token, orgID: out.org.id, bucketID: out.bucket.id, userID: out.user.id };
  }

  /** Writes line protocol; resolves once the data is durable. */
  async write(token, { org, orgID, bucket, precision } = {}, lineProtocol = '') {
    const target = `/api/v2/write${queryString({ org, orgID, bucket, precision })}`;
    await this.#call('POST', target, authHeaders(token, [['content-type', 'text/plain; charset=utf-8']]), lineProtocol);
  }

  /** Runs Flux; resolves to InfluxDB's annotated CSV text. */
  async queryCSV(token, { org, orgID, now } = {}, flux = '') {
    const body = JSON.stringify({
      query: flux, type: 'flux', now,
      dialect: { header: true, delimiter: ',', annotations: ['datatype', 'group', 'default'] },
    });
    const target = `/api/v2/query${queryString({ org, orgID })}`;
    const res = await this.#call('POST', target, authHeaders(token, [['content-type', 'application/json']]), body);
    return res.body;
  }

  /** Runs Flux; resolves to rows as plain objects ({ result, table, _time, _value, ... }). */
  async query(token, options, flux) {
    return annotatedCsvToRows(await this.queryCSV(token, options, flux));
  }

  /** Resolves once everything written so far is durable. */
  flush() {
    return this.#engine.flush();
  }

  /** The replication queues when the engine runs in this context (replication_outbox.js). */
  replicationOutbox() {
    return this.#engine.replicationOutbox?.();
  }

  /** Flushes and releases the database. */
  close() {
    return this.#engine.close();
  }
}

export default Tidewater;
