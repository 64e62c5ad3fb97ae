// Hosts one engine instance: loads the wasm module, mounts the storage, and runs requests.
// In browsers it runs inside the engine Worker (worker.js); in Node it runs in-process.
//
// Durability: a request that changes data resolves only after its effect is persisted.
// - 'indexeddb': after the IDBFS sync (FS.syncfs) that follows it. Requests arriving while a
//   sync runs share the next one (group commit): one IndexedDB transaction per batch.
// - { directory }: the engine fsyncs each WAL record itself (NODEFS onto a real folder).
// - 'memory': nothing to persist.
import createTidewaterModule from './dist/tidewater.js';
import { TidewaterError } from './errors.js';
import { installAtomicReconcile, syncError } from './idbfs_atomic_sync.js';
import { countFileChanges } from './memfs_changes.js';
import { TaskScheduler } from './scheduler.js';
import { createReplicationOutbox } from './replication_outbox.js';
import { answerBackupRequest, isBackupRequest } from './backup.js';

const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const bodyEncoder = new TextEncoder();

function storageKind(storage) {
  if (storage === undefined || storage === 'memory') return 'memory';
  if (storage === 'indexeddb') return 'indexeddb';
  if (storage && typeof storage === 'object' && typeof storage.directory === 'string') return 'directory';
  throw new TidewaterError(`unknown storage ${JSON.stringify(storage)}: use 'memory', 'indexeddb' or { directory }`, {
    code: 'invalid', status: 400 });
}

export class EngineHost {
  // scheduler: { intervalMs, now } for the task scheduler's timer, or false for none (then
  // runDueTasks() runs tasks when called).
  static async create({ name = 'tidewater', storage = 'memory', moduleOptions = {}, queryMemoryBytes, scheduler = {} } = {}) {
    const kind = storageKind(storage);
    if (!/^[A-Za-z0-9._-]+$/.test(name)) {
      throw new TidewaterError(`invalid database name ${JSON.stringify(name)}: use letters, digits, '.', '_' and '-'`,
        { code: 'invalid', status: 400 });
    }
    const Module = await createTidewaterModule(moduleOptions);
    installAtomicReconcile(Module.IDBFS);  // all-or-nothing syncs that report quota refusals
    const host = new EngineHost(Module, kind, countFileChanges(Module.FS.filesystems.MEMFS));
    await host.#mount(name, storage, queryMemoryBytes);
    host.#startScheduler(scheduler);
    return host;
  }

  #Module;
  #FS;
  #db;
  #kind;
  #root;
  #syncing = null;      // the running sync's promise
  #syncQueued = null;   // the promise of the sync that will run after it
  #closed = false;
  #fileChanges;         // () → how many file changes so far (memfs_changes.js)
  #scheduler;           // runs due tasks (scheduler.js)

  constructor(Module, kind, fileChanges) {
    this.#Module = Module;
    this.#fileChanges = fileChanges;
    this.#FS = Module.FS;
    this.#kind = kind;
  }

  async #mount(name, storage, queryMemoryBytes) {
    const FS = this.#FS;
    if (this.#kind === 'indexeddb') {
      if (typeof indexedDB === 'undefined') {
        throw new TidewaterError("storage 'indexeddb' needs IndexedDB (in Node, e.g. import 'fake-indexeddb/auto')",
          { code: 'invalid', status: 400 });
      }
      // IDBFS names its IndexedDB database after the mount point, so each Tidewater database
      // gets its own IndexedDB database.
      this.#root = `/tidewater/${name}`;
      FS.mkdirTree(this.#root);
      FS.mount(FS.filesystems.IDBFS, {}, this.#root);
      await this.#syncfs(true);
    } else if (this.#kind === 'directory') {
      const { mkdirSync } = process.getBuiltinModule('fs');
      mkdirSync(storage.directory, { recursive: true });
      this.#root = `/host/${name}`;
      FS.mkdirTree(this.#root);
      FS.mount(FS.filesystems.NODEFS, { root: storage.directory }, this.#root);
    } else {
      this.#root = `/memory/${name}`;
      FS.mkdirTree(this.#root);
    }
    this.#db = new this.#Module.WasmDatabase();
    if (queryMemoryBytes) this.#db.setQueryMemoryLimit(queryMemoryBytes);
    const error = this.#db.open(this.#root, this.#kind === 'directory');
    if (error) {
      this.#db.delete();
      throw new TidewaterError(error, { code: 'internal error', status: 500 });
    }
  }

  #startScheduler(options) {
    let changesBefore = this.#fileChanges();
    this.#scheduler = new TaskScheduler({
      ...(options || {}),
      runDue: (nowMs) => {
        if (this.#closed) return [];
        changesBefore = this.#fileChanges();
        return JSON.parse(this.#db.runDue(nowMs));
      },
      afterRuns: () => (this.#fileChanges() !== changesBefore ? this.persist() : undefined),
      takeNotifications: () => (this.#closed ? [] : JSON.parse(this.#db.takeNotifications?.() ?? '[]')),
      report: (request, result) => (this.#closed ? 'database is closed'
        : this.#db.reportNotification?.(JSON.stringify(request), JSON.stringify(result)) ?? ''),
    });
    if (options !== false) this.#scheduler.start();
  }

  // Runs the tasks due at nowMs (default: now) and resolves with what ran, once persisted.
  runDueTasks(nowMs) {
    if (this.#closed) throw new TidewaterError('database is closed', { code: 'unavailable', status: 503 });
    return this.#scheduler.tick(nowMs);
  }

  // listener(runs) after each scheduler tick that ran something; returns the unsubscribe function.
  onTaskRuns(listener) { return this.#scheduler.onRuns(listener); }

  #syncfs(populate) {
    return new Promise((resolve, reject) => {
      this.#FS.syncfs(populate, (err) => (err ? reject(syncError(err)) : resolve()));
    });
  }

  // Resolves once everything written before the call is in IndexedDB.
  persist() {
    if (this.#kind !== 'indexeddb') return Promise.resolve();
    if (!this.#syncing) {
      this.#syncing = this.#syncfs(false).finally(() => { this.#syncing = null; });
      return this.#syncing;
    }
    // A sync is running and may have missed our data: share the next one.
    if (!this.#syncQueued) {
      this.#syncQueued = this.#syncing.catch(() => {}).then(() => {
        this.#syncQueued = null;
        return this.persist();
      });
    }
    return this.#syncQueued;
  }

  // The engine's handle() with the body copied into wasm memory natively: TextEncoder into a
  // buffer the engine lends (bindings.cpp bodyBuffer), instead of Embind's per-character
  // string conversion, which cost a sixth of ingest. Small bodies take the plain path.
  #handle(method, target, flat, body) {
    const db = this.#db;
    if (typeof db.bodyBuffer !== 'function') return db.handle(method, target, flat, body);  // an older build
    if (typeof body === 'string' && body.length >= 4096) {
      let done = bodyEncoder.encodeInto(body, db.bodyBuffer(body.length));
      // Non-ASCII text: up to 3 bytes per UTF-16 unit.
      if (done.read < body.length) done = bodyEncoder.encodeInto(body, db.bodyBuffer(body.length * 3));
      return db.handleBody(method, target, flat, done.written);
    }
    if (body instanceof Uint8Array && body.length >= 4096) {
      db.bodyBuffer(body.length).set(body);
      return db.handleBody(method, target, flat, body.length);
    }
    return db.handle(method, target, flat, body);
  }

  // The query's interrupt flag is read in this context (index.js may pass a shared flag).
  get sharesMemory() { return true; }

  // One API request. body: string or Uint8Array. Returns { status, headers: [[k, v]...], body }.
  // control ({ deadline, flag }, index.js): a query the engine stops (bindings.cpp polls
  // Module.twQueryInterrupted) once Date.now() passes deadline or flag[0] becomes 1.
  async request(method, target, headers = [], body = '', control = undefined) {
    if (this.#closed) throw new TidewaterError('database is closed', { code: 'unavailable', status: 503 });
    const flat = [];
    for (const [k, v] of headers) flat.push(String(k), String(v));
    if (isBackupRequest(method, target)) {
      return answerBackupRequest({ wasmDb: this.#db, FS: this.#FS, root: this.#root, flatHeaders: flat, persist: () => this.persist() });
    }
    const changesBefore = this.#fileChanges();
    this.#Module.twQueryInterrupted = control
      ? () => (control.deadline !== undefined && Date.now() >= control.deadline) || (control.flag !== undefined && Atomics.load(control.flag, 0) !== 0)
      : null;
    let res;
    try {
      res = this.#handle(method, target, flat, body);
    } finally {
      this.#Module.twQueryInterrupted = null;
    }
    const pairs = [];
    for (let i = 0; i + 1 < res.headers.length; i += 2) pairs.push([res.headers[i], res.headers[i + 1]]);
    // A 422 partial write still stored the other points. A request that changed no file (a
    // query) has nothing to persist.
    if (MUTATING.has(method.toUpperCase()) && (res.status < 300 || res.status === 422)
      && this.#fileChanges() !== changesBefore) await this.persist();
    return { status: res.status, headers: pairs, body: res.body };
  }

  async flush() {
    await this.persist();
  }

  // The replication queues, for replication_sender.js (replication_outbox.js).
  replicationOutbox() {
    return createReplicationOutbox(this.#db, () => this.persist(), () => this.#closed);
  }

  async close() {
    if (this.#closed) return;
    this.#scheduler?.stop();
    await this.persist();
    this.#closed = true;
    const error = this.#db.close();  // flushes the cache into segment files
    this.#db.delete();
    if (this.#kind === 'indexeddb') await this.persist();
    if (this.#kind !== 'memory') this.#FS.unmount(this.#root);
    if (error) throw new TidewaterError(`close: ${error}`, { code: 'internal error', status: 500 });
  }
}
