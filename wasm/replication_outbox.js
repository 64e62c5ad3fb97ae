// The engine's side of replication for replication_sender.js: the WasmDatabase calls of
// core/replication/replication_outbox.h, with each acknowledgement persisted (the IDBFS sync
// in browsers) before the sender moves on, so a reload never resends less than it should.
import { ReplicationSender } from './replication_sender.js';

// wasmDb: the open WasmDatabase; persist: () → promise; isClosed: () → boolean.
export function createReplicationOutbox(wasmDb, persist, isClosed) {
  const closed = { error: 'database is closed' };
  return {
    async targets() {
      return isClosed() ? closed : JSON.parse(wasmDb.replicationTargets());
    },
    async nextBatch(id, maxBytes) {
      return isClosed() ? closed : JSON.parse(wasmDb.replicationNextBatch(id, maxBytes));
    },
    async report(id, end, acknowledge, code, message) {
      if (isClosed()) return closed.error;
      const error = wasmDb.replicationReport(id, end, acknowledge, code, message);
      await persist();
      return error;
    },
  };
}

// Starts sending the replications of a database whose engine runs here (a Tidewater in Node or
// an EngineHost in the engine Worker); null when the engine runs elsewhere. options: those of
// ReplicationSender (fetch, isOnline, intervalMs, batchBytes, ...).
export function startReplicationSender(db, options = {}) {
  const outbox = db.replicationOutbox?.();
  if (!outbox) return null;
  return new ReplicationSender({ outbox, ...options }).start();
}

// The owner of a database in a browser (its dedicated Worker, the SharedWorker, or the page on
// the Web Locks path without a Worker) sends the replications while it holds the engine and the
// browser is online: engine as openLockedEngineHost returns it; closing it stops the sender first.
export function withReplicationSender(engine) {
  const online = () => globalThis.navigator?.onLine !== false;
  const sender = startReplicationSender(engine, { isOnline: online });
  const poke = () => sender?.poke();
  globalThis.addEventListener?.('online', poke);
  return {
    request: (...args) => engine.request(...args),
    flush: () => engine.flush(),
    replicationOutbox: () => engine.replicationOutbox(),
    async close() {
      globalThis.removeEventListener?.('online', poke);
      await sender?.stop();
      await engine.close();
    },
  };
}
