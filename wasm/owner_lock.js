// Web Locks that give a database exactly one owner in a browser profile.
//
// Two locks per database, both exclusive:
// - the owner lock: held by whichever context (a tab, or the SharedWorker) won the election and
//   serves everyone else's requests. A waiting request for it is a tab's candidacy.
// - the engine lock: held by the context that actually mounts IDBFS (the owner's Worker). A new
//   engine waits for it, so it never mounts while an old engine could still be syncing: IDBFS's
//   syncfs(false) deletes every IndexedDB entry the syncing side does not hold.
// Both are released by the browser when their holder goes away (tab closed, worker terminated).
// The dashboard's own page lock is named 'tidewater:<name>'; these names differ from it.

export const ownerLockName = (name) => `tidewater-owner:${name}`;
export const engineLockName = (name) => `tidewater-engine:${name}`;
// Held by each context connected to a SharedWorker owner, so the worker sees it go away.
export const clientLockName = () => `tidewater-client:${crypto.randomUUID()}`;

export const hasWebLocks = () => typeof navigator !== 'undefined' && !!navigator.locks;

// Waits for the exclusive lock; resolves to a function that releases it. With a signal, an abort
// before the grant withdraws the request (the promise then rejects with an AbortError).
export function holdLock(lockName, { signal } = {}) {
  return new Promise((granted, failed) => {
    let release;
    const held = new Promise((resolve) => { release = resolve; });
    navigator.locks.request(lockName, signal ? { signal } : {}, () => {
      granted(() => release());
      return held;
    }).catch(failed);
  });
}

// Opens an EngineHost while holding the database's engine lock (when there are Web Locks and the
// storage is shared, i.e. IndexedDB). Closing the returned engine releases the lock.
export async function openLockedEngineHost(options) {
  const { EngineHost } = await import('./engine_host.js');
  if (options.storage !== 'indexeddb' || !hasWebLocks()) return EngineHost.create(options);
  const release = await holdLock(engineLockName(options.name ?? 'tidewater'));
  let host;
  try {
    host = await EngineHost.create(options);
  } catch (err) {
    release();
    throw err;
  }
  return {
    request: (...args) => host.request(...args),
    flush: () => host.flush(),
    replicationOutbox: () => host.replicationOutbox(),
    async close() {
      try {
        await host.close();
      } finally {
        release();
      }
    },
  };
}
