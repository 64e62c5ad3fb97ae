// The engine Worker: owns one EngineHost so that queries and writes never block the page.
// Messages: { id, op: 'open' | 'request' | 'flush' | 'close', args } → { id, result } | { id, error }.
// With storage 'indexeddb' it holds the database's engine lock while open (owner_lock.js).
import { openLockedEngineHost } from './owner_lock.js';
import { serveEngineOps } from './worker_engine.js';
import { withReplicationSender } from './replication_outbox.js';

let host = null;  // the engine, sending its replication queues while online
let compiled = null;  // Promise<WebAssembly.Module>, compiled ahead by 'warm'

// Emscripten's hook for instantiating from a module compiled earlier.
const instantiateFrom = (module) => (imports, receiveInstance) => {
  WebAssembly.instantiate(module, imports).then((instance) => receiveInstance(instance, module));
  return {};
};

const ops = {
  // A candidate owner compiles the engine while it waits, so that taking over costs only the
  // IndexedDB load and the open.
  warm() {
    compiled ??= WebAssembly.compileStreaming(fetch(new URL('./dist/tidewater.wasm', import.meta.url))).catch(() => null);
    import('./engine_host.js');
    return true;
  },
  async open(options) {
    if (host) throw new Error('this worker already hosts a database');
    const module = await compiled;
    host = withReplicationSender(await openLockedEngineHost(module ? { ...options, moduleOptions: { instantiateWasm: instantiateFrom(module) } } : options));
    return true;
  },
  // control: a stoppable query's { deadline, flag } (index.js); the flag's SharedArrayBuffer
  // lets the page stop the query while this worker is busy running it.
  request(method, target, headers, body, control) {
    return host.request(method, target, headers, body, control);
  },
  flush() {
    return host.flush();
  },
  async close() {
    await host?.close();
    host = null;
    return true;
  },
};

serveEngineOps(self, ops);
