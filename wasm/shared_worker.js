// The SharedWorker that owns a database for every tab of a browser profile (one per database
// name and origin: index.js names it 'tidewater:<name>'). Tabs talk to it over their ports with
// worker.js's messages. It runs the engine itself, after winning the same owner election as
// tabs on the Web Locks path (owner_election.js), so the two paths can share a database safely;
// it lives until the last tab connected to it goes away.
import { UnavailableError } from './errors.js';
import { ElectedEngine } from './owner_election.js';
import { openLockedEngineHost } from './owner_lock.js';
import { withReplicationSender } from './replication_outbox.js';
import { serveEngineOps } from './worker_engine.js';

let engine = null;   // Promise<ElectedEngine> while open
let openPorts = 0;

// The last connection to go closes the engine; the others only flush.
async function disconnect() {
  if (--openPorts > 0) {
    await (await engine).flush();
    return;
  }
  const current = engine;
  engine = null;
  await (await current).close();
}

function connect(port) {
  let opened = false;
  const openEngine = () => {
    if (!opened) throw new UnavailableError('database is closed', { status: 503 });
    return engine;
  };
  const close = async () => {
    if (!opened) return true;
    opened = false;
    await disconnect();
    return true;
  };
  serveEngineOps(port, {
    async open({ clientLock, ...options }) {
      if (opened) throw new Error('this connection already opened the database');
      if (!engine) {
        engine = ElectedEngine.open({ name: options.name, startEngine: async () => withReplicationSender(await openLockedEngineHost(options)) });
      }
      const current = engine;
      try {
        await current;
      } catch (err) {
        if (engine === current) engine = null;
        throw err;
      }
      opened = true;
      openPorts++;
      // The client holds this lock while connected: getting it means the client went away.
      if (clientLock) navigator.locks.request(clientLock, () => close().catch(() => {}));
      return true;
    },
    async request(...args) {
      return (await openEngine()).request(...args);
    },
    async flush() {
      return (await openEngine()).flush();
    },
    close,
  });
}

self.onconnect = (event) => connect(event.ports[0]);
