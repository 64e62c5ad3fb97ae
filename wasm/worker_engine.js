// The page's side of an engine that runs elsewhere: a dedicated Worker (worker.js) or a
// SharedWorker (shared_worker.js), reached over a message port.
// Messages: { id, op: 'open' | 'request' | 'flush' | 'close', args } → { id, result } | { id, error }.
import { deserializeError, serializeError } from './errors.js';

export class WorkerEngine {
  #port;
  #terminate;
  #next = 1;
  #pending = new Map();
  #stopped = false;

  // port: the Worker itself or a SharedWorker's port; errors: where load errors arrive.
  // sharesMemory: a SharedArrayBuffer posted to it stays shared (a dedicated Worker), so a
  // query's abort flag reaches the engine while it runs.
  constructor({ port, errors = port, terminate, url, sharesMemory = false }) {
    this.#port = port;
    this.sharesMemory = sharesMemory;
    // Stopping the worker also fails what it will never answer.
    this.#terminate = () => {
      this.#stopped = true;
      terminate();
      this.#failPending(new Error('engine worker stopped'));
    };
    port.onmessage = ({ data: { id, result, error } }) => {
      const p = this.#pending.get(id);
      if (!p) return;
      this.#pending.delete(id);
      if (error) p.reject(deserializeError(error));
      else p.resolve(result);
    };
    errors.onerror = (event) => {
      // A module worker that fails to load reports no message: name what was being loaded.
      this.#failPending(new Error(`engine worker failed: ${event.message || `could not load ${url} or its wasm module`}`));
    };
  }

  #failPending(err) {
    for (const p of this.#pending.values()) p.reject(err);
    this.#pending.clear();
  }

  call(op, ...args) {
    if (this.#stopped) return Promise.reject(new Error('engine worker stopped'));
    const id = this.#next++;
    return new Promise((resolve, reject) => {
      this.#pending.set(id, { resolve, reject });
      this.#port.postMessage({ id, op, args });
    });
  }

  request(...args) { return this.call('request', ...args); }
  flush() { return this.call('flush'); }
  terminate() { this.#terminate(); }
  async close() {
    try {
      await this.call('close');
    } finally {
      this.#terminate();
    }
  }

  // Starts the engine: opens the database over the port; on failure nothing is left running.
  async open(options) {
    try {
      await this.call('open', options);
    } catch (err) {
      this.#terminate();
      throw err;
    }
    return this;
  }
}

// The engine in a dedicated module Worker owned by this context.
export function dedicatedWorkerEngine(name) {
  const url = new URL('./worker.js', import.meta.url);
  const w = new Worker(url, { type: 'module', name: `tidewater:${name}` });
  return new WorkerEngine({ port: w, terminate: () => w.terminate(), url: url.href, sharesMemory: true });
}

// The profile-wide SharedWorker for this database (one per name and origin).
// onTerminate: called when this context is done with it.
export function sharedWorkerEngine(name, onTerminate = () => {}) {
  const url = new URL('./shared_worker.js', import.meta.url);
  const sw = new SharedWorker(url, { type: 'module', name: `tidewater:${name}` });
  const terminate = () => {
    sw.port.close();
    onTerminate();
  };
  return new WorkerEngine({ port: sw.port, errors: sw, terminate, url: url.href });
}

// The worker's side: runs each message's op and answers with its result or its error.
export function serveEngineOps(port, ops) {
  port.onmessage = async ({ data: { id, op, args } }) => {
    try {
      if (!Object.hasOwn(ops, op)) throw new Error(`unknown op ${op}`);
      const result = await ops[op](...args);
      port.postMessage({ id, result });
    } catch (err) {
      port.postMessage({ id, error: serializeError(err) });
    }
  };
}
