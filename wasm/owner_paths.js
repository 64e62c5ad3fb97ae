// Chooses and opens the way a browser profile's tabs share one engine for a database
// (see owner_election.js and shared_worker.js).
import { InvalidError } from './errors.js';
import { ElectedEngine } from './owner_election.js';
import { clientLockName, hasWebLocks, holdLock, openLockedEngineHost } from './owner_lock.js';
import { withReplicationSender } from './replication_outbox.js';
import { dedicatedWorkerEngine, sharedWorkerEngine } from './worker_engine.js';

const PATHS = ['auto', 'shared-worker', 'web-locks', 'none'];

// → 'shared-worker' | 'web-locks' | 'none'. Only IndexedDB is shared between tabs.
export function ownershipPath({ storage, worker, owner = 'auto' }) {
  if (!PATHS.includes(owner)) throw new InvalidError(`unknown owner ${JSON.stringify(owner)}: use ${PATHS.join(', ')}`);
  if (storage !== 'indexeddb' || owner === 'none') return 'none';
  const canElect = hasWebLocks() && typeof BroadcastChannel !== 'undefined';
  const canShare = canElect && worker !== false && typeof SharedWorker !== 'undefined';
  if (owner === 'auto') return canShare ? 'shared-worker' : canElect ? 'web-locks' : 'none';
  if (owner === 'shared-worker' && !canShare) {
    throw new InvalidError("owner 'shared-worker' needs SharedWorker, Web Locks and { worker: true }");
  }
  if (owner === 'web-locks' && !canElect) throw new InvalidError("owner 'web-locks' needs navigator.locks and BroadcastChannel");
  return owner;
}

export async function openOwnedEngine(path, { name, storage, worker, queryMemoryBytes }) {
  if (path === 'shared-worker') {
    // This context holds a lock of its own while connected, so the SharedWorker learns when it
    // goes away without closing (a closed tab) and closes the engine after the last one.
    const clientLock = clientLockName();
    const release = await holdLock(clientLock);
    return sharedWorkerEngine(name, release).open({ name, storage, clientLock, queryMemoryBytes });
  }
  if (!worker || typeof Worker === 'undefined') {
    const startEngine = async () => withReplicationSender(await openLockedEngineHost({ name, storage, queryMemoryBytes }));
    return ElectedEngine.open({ name, startEngine });
  }
  // A candidate keeps a warm Worker (wasm compiled) so that a takeover is quick.
  const spare = dedicatedWorkerEngine(name);
  spare.call('warm').catch(() => {});
  return ElectedEngine.open({ name, startEngine: () => spare.open({ name, storage, queryMemoryBytes }), discard: () => spare.terminate() });
}
