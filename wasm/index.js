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
import { errorFromResponse, InvalidError, QueryCanceledError } from './errors.js';
import { ownershipPath, openOwnedEngine } from './owner_paths.js';
import { dedicatedWorkerEngine } from './worker_engine.js';
import { BACKUP_PATH, backupFromResponse, restoreDatabase } from './backup.js';
import { gzipBytes } from './backup_format.js';

export * from './errors.js';
export { annotatedCsvToRows };

const isBrowserLike = typeof window !== 'undefined' || (typeof self !== 'undefined' && typeof importScripts === 'function');

function queryString(params) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') q.set(k, String(v));
  const s = q.toString();
  return s ? `?${s}` : '';
}

// How a query may be stopped: { signal, timeout } → { control, canceled, stopped, done }.
// control goes to the engine, which polls it while the query runs: deadline (a Date.now()
// time) and, for an engine that shares memory with this context, flag (set to 1 on abort).
// stopped rejects as soon as the signal fires or the timeout passes, so the caller never waits
// for an engine that cannot poll (another tab); canceled() says why a query stopped, if it did.
function queryStopper({ signal, timeout }, sharesMemory) {
  if (timeout !== undefined && !(Number.isFinite(timeout) && timeout > 0)) {
    throw new InvalidError('timeout must be a positive number of milliseconds');
  }
  const started = Date.now();
  const canceled = () => {
    if (signal?.aborted) return new QueryCanceledError('query aborted', { reason: 'aborted' });
    if (timeout !== undefined && Date.now() - started >= timeout) {
      return new QueryCanceledError(`query timed out after ${timeout} ms`, { reason: 'timeout' });
    }
    return null;
  };
  const flag = sharesMemory && typeof SharedArrayBuffer === 'function' ? new Int32Array(new SharedArrayBuffer(4)) : undefined;
  const control = { deadline: timeout === undefined ? undefined : started + timeout, flag };
  let stop;
  const stopped = new Promise((resolve, reject) => {
    stop = () => {
      if (flag) Atomics.store(flag, 0, 1);
      reject(canceled() ?? new QueryCanceledError('query aborted', { reason: 'aborted' }));
    };
  });
  stopped.catch(() => {});
  signal?.addEventListener('abort', stop, { once: true });
  const timer = timeout === undefined ? null : setTimeout(stop, timeout);
  const done = () => {
    signal?.removeEventListener('abort', stop);
    if (timer) clearTimeout(timer);
  };
  return { control, canceled, stopped, done };
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
    // fetch(input, { signal }): aborting rejects with the signal's reason, as fetch does, and
    // stops the query in the engine (Flux and InfluxQL poll for it).
    this.fetch = createFetch((method, target, headers, body, signal) => (signal
      ? this.#stoppable(method, target, headers, body, { signal }).catch((e) => {
        throw e instanceof QueryCanceledError ? signal.reason ?? e : e;
      })
      : this.request(method, target, headers, body)));
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
  static async open({ name = 'tidewater', storage = 'memory', worker = isBrowserLike, owner = 'auto', queryMemoryBytes } = {}) {
    if (queryMemoryBytes !== undefined && !(Number.isSafeInteger(queryMemoryBytes) && queryMemoryBytes > 0)) {
      throw new InvalidError('queryMemoryBytes must be a positive integer');
    }
    const path = ownershipPath({ storage, worker, owner });
    if (path !== 'none') return new Tidewater(await openOwnedEngine(path, { name, storage, worker, queryMemoryBytes }), path);
    if (worker && typeof Worker !== 'undefined') {
      return new Tidewater(await dedicatedWorkerEngine(name).open({ name, storage, queryMemoryBytes }), path);
    }
    const { EngineHost } = await import('./engine_host.js');
    return new Tidewater(await EngineHost.create({ name, storage, queryMemoryBytes }), path);
  }

  /**
   * Restores a backup (db.backup()'s bytes, an ArrayBuffer or a Blob; gzip or not) into a
   * database that is not open: storage { directory } (Node) or 'indexeddb' with name. The
   * whole file is checked first (InvalidError when damaged; nothing is written then); an
   * existing database with data is replaced only with replace: true (else ConflictError).
   * Resolves to { files, bytes, createdMs }; open it with Tidewater.open as usual.
   */
  static restore(backup, { name = 'tidewater', storage, replace = false } = {}) {
    return restoreDatabase(backup, { name, storage, replace });
  }

  /** How this database is shared in the profile: 'shared-worker', 'web-locks' or 'none'. */
  get ownership() {
    return this.#ownership;
  }

  // The raw API: method, target ("/api/v2/...?..."), header pairs, body → { status, headers, body }.
  request(method, target, headers = [], body = '') {
    return this.#engine.request(method, target, headers, body);
  }

  // A request that { signal, timeout } may stop: rejects with QueryCanceledError, and the
  // engine stops evaluating the query. An answer of 300 or more is returned as it is.
  async #stoppable(method, target, headers, body, stopOptions) {
    const stopper = queryStopper(stopOptions, this.#engine.sharesMemory === true);
    try {
      const early = stopper.canceled();
      if (early) throw early;
      const answer = this.#engine.request(method, target, headers, body, stopper.control);
      answer.catch(() => {});  // when stopped first, its later failure is expected
      const res = await Promise.race([answer, stopper.stopped]);
      const canceled = res.status === 503 ? stopper.canceled() : null;
      if (canceled) throw canceled;
      return res;
    } finally {
      stopper.done();
    }
  }

  // The same for db.query: an answer of 300 or more rejects.
  async #stoppableCall(target, headers, body, stopOptions) {
    if (stopOptions.signal === undefined && stopOptions.timeout === undefined) return this.#call('POST', target, headers, body);
    const res = await this.#stoppable('POST', target, headers, body, stopOptions);
    if (res.status >= 300) throw errorFromResponse(res.status, res.body);
    return res;
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

  /**
   * Runs Flux; resolves to InfluxDB's annotated CSV text. signal (an AbortSignal) and timeout
   * (milliseconds) stop it: the promise rejects with QueryCanceledError.
   */
  async queryCSV(token, { org, orgID, now, signal, timeout } = {}, flux = '') {
    const body = JSON.stringify({
      query: flux, type: 'flux', now,
      dialect: { header: true, delimiter: ',', annotations: ['datatype', 'group', 'default'] },
    });
    const target = `/api/v2/query${queryString({ org, orgID })}`;
    const res = await this.#stoppableCall(target, authHeaders(token, [['content-type', 'application/json']]), body, { signal, timeout });
    return res.body;
  }

  /** Runs Flux; resolves to rows as plain objects ({ result, table, _time, _value, ... }). */
  async query(token, options, flux) {
    return annotatedCsvToRows(await this.queryCSV(token, options, flux));
  }

  /**
   * The whole database (catalog with users, hashed tokens, orgs, buckets, dashboards, tasks,
   * checks; every point; replication queues) as one file, taken after a checkpoint. token: the
   * operator token (else UnauthorizedError). gzip: compress it (Tidewater.restore reads both).
   */
  async backup(token, { gzip = false } = {}) {
    const res = await this.request('GET', BACKUP_PATH, authHeaders(token));
    const bytes = backupFromResponse(res);
    return gzip ? gzipBytes(bytes) : bytes;
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
