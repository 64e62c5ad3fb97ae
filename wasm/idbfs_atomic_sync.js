// IDBFS syncs that are all-or-nothing and always report how they ended.
//
// Emscripten 3.1.6's IDBFS.reconcile (one IndexedDB transaction per FS.syncfs) has two faults
// that matter when IndexedDB refuses a write (quota exceeded, disk full):
// - its error handlers read `this.error` where `this` is undefined (ES module), so when the
//   transaction aborts (how Chromium reports a quota refusal) the handler throws, the syncfs
//   callback never runs, and the write that waits for the sync hangs forever;
// - it cancels each failed request's default action (e.preventDefault()), so a sync whose put
//   failed could still commit the other files: a half-written database.
// installAtomicReconcile() replaces it with one that aborts the whole transaction on the first
// error and calls back exactly once, with the error that caused it. syncError() turns that error
// into the TidewaterError the write fails with.
import { StorageFullError, UnavailableError } from './errors.js';

function changedEntries(src, dst) {
  const create = Object.keys(src.entries).filter((path) => {
    const there = dst.entries[path];
    return !there || src.entries[path].timestamp.getTime() !== there.timestamp.getTime();
  });
  const remove = Object.keys(dst.entries).filter((path) => !src.entries[path]);
  // Directories before their files when creating, files before their directories when removing.
  return { create: create.sort(), remove: remove.sort().reverse() };
}

function request(req, callback) {
  req.onsuccess = () => callback(null, req.result);
  req.onerror = () => callback(req.error ?? new Error('IndexedDB request failed'));
}

// MEMFS stamps a file with Date.now() (milliseconds) on each write and reconcile compares those
// stamps. A write in the same millisecond as this snapshot would keep the stamp stored here, and
// the next sync would skip it: an acknowledged write never stored. Storing a stamp from the
// current millisecond as one millisecond older makes the next sync see any such write (at the
// cost of storing that file once more).
function settled(entry) {
  const newest = Date.now() - 1;
  if (entry.timestamp.getTime() > newest) entry.timestamp = new Date(newest);
  return entry;
}

export function installAtomicReconcile(IDBFS) {
  IDBFS.reconcile = (src, dst, callback) => {
    const { create, remove } = changedEntries(src, dst);
    if (!create.length && !remove.length) return callback(null);
    const toLocal = dst.type === 'local';
    let tx;
    try {
      tx = (toLocal ? src.db : dst.db).transaction([IDBFS.DB_STORE_NAME], 'readwrite');
    } catch (err) {
      return callback(err);
    }
    const store = tx.objectStore(IDBFS.DB_STORE_NAME);
    let failure = null;
    let reported = false;
    const report = (err) => {
      if (!reported) { reported = true; callback(err); }
    };
    const fail = (err) => {
      if (failure) return;
      failure = err;
      try { tx.abort(); } catch { /* already aborting or committing: its event reports */ }
    };
    const step = (err) => { if (err) fail(err); };
    // The transaction's own error (e.g. QuotaExceededError at commit) names the cause best.
    tx.onabort = () => report(tx.error ?? failure ?? new Error('IndexedDB transaction aborted'));
    tx.oncomplete = () => report(failure);
    try {
      for (const path of create) {
        if (toLocal) {
          request(store.get(path), (err, entry) => (err ? fail(err) : IDBFS.storeLocalEntry(path, entry, step)));
        } else {
          IDBFS.loadLocalEntry(path, (err, entry) => (err ? fail(err) : request(store.put(settled(entry), path), step)));
        }
      }
      for (const path of remove) {
        if (toLocal) IDBFS.removeLocalEntry(path, step);
        else request(store.delete(path), step);
      }
    } catch (err) {  // a put can throw at once (DataCloneError, QuotaExceededError)
      fail(err);
    }
  };
}

const QUOTA_ERRORS = new Set(['QuotaExceededError']);

// The error a write fails with when the IndexedDB sync that would make it durable fails.
export function syncError(err) {
  const detail = err?.message || err?.name || String(err);
  if (QUOTA_ERRORS.has(err?.name)) {
    return new StorageFullError(`IndexedDB refused the write: storage quota exceeded (${detail}). It is not durable; `
      + 'everything acknowledged before it is. Free space and write again: the points stay in memory and are '
      + 'stored by the next sync that succeeds.');
  }
  return new UnavailableError(`IndexedDB sync failed: ${detail}`, { status: 503 });
}
