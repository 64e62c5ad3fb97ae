// Backup and restore of a whole database: the catalog (users, hashed tokens, orgs, buckets,
// dashboards, tasks, checks, ...), the data and the replication queues are all files under the
// database's root, so a backup is those files, taken right after a checkpoint (the cache
// flushed into segment files, the WAL emptied) and packed by backup_format.js.
//
// A restore checks the whole file first (backup_format.js decodeBackup), then writes the files
// into a database that is not open: a new directory or IndexedDB database, or an existing one
// only with { replace: true }. Either all files land or none do: a directory is written beside
// the target and renamed into place; IndexedDB gets one all-or-nothing IDBFS sync.
import { ConflictError, errorFromResponse, InvalidError, TidewaterError } from './errors.js';
import { backupBytes, decodeBackup, encodeBackup } from './backup_format.js';

// The API path of a backup (GET, operator token only): EngineHost answers it, so it reaches the
// engine wherever it runs (Worker, SharedWorker, another tab, `tidewater serve`).
export const BACKUP_PATH = '/api/v2/tidewater/backup';
export const BACKUP_CONTENT_TYPE = 'application/vnd.tidewater.backup';

export const isBackupRequest = (method, target) => method.toUpperCase() === 'GET' && target.split('?')[0] === BACKUP_PATH;

// Every file and folder under root of an Emscripten FS (MEMFS, IDBFS or NODEFS), parents
// first. Leftover "*.tmp" files (a write interrupted before its rename) are not part of the
// database.
export function collectDatabaseFiles(FS, root) {
  const entries = [];
  const walk = (dir, rel) => {
    for (const name of FS.readdir(dir).sort()) {
      if (name === '.' || name === '..') continue;
      const full = `${dir}/${name}`;
      const path = rel ? `${rel}/${name}` : name;
      const { mode } = FS.stat(full);
      if (FS.isDir(mode)) {
        entries.push({ path, directory: true });
        walk(full, path);
      } else if (FS.isFile(mode) && !name.endsWith('.tmp')) {
        entries.push({ path, data: FS.readFile(full) });
      }
    }
  };
  walk(root, '');
  return entries;
}

// The engine's answer to GET BACKUP_PATH: { status, headers, body: Uint8Array } or an error.
// wasmDb: the open WasmDatabase; flatHeaders: the request's headers as handle() takes them;
// persist: () → promise (the checkpoint rewrites files).
export async function answerBackupRequest({ wasmDb, FS, root, flatHeaders, persist }) {
  const error = (status, code, message) => ({
    status, headers: [['content-type', 'application/json; charset=utf-8']], body: JSON.stringify({ code, message }) });
  if (typeof wasmDb.isOperator !== 'function') return error(501, 'not implemented', 'this engine build cannot take backups');
  if (!wasmDb.isOperator(flatHeaders)) return error(401, 'unauthorized', 'a backup needs the operator token');
  const failed = wasmDb.checkpoint();
  if (failed) return error(500, 'internal error', `backup: checkpoint failed: ${failed}`);
  await persist();
  const body = encodeBackup(collectDatabaseFiles(FS, root));
  return { status: 200, headers: [['content-type', BACKUP_CONTENT_TYPE], ['content-length', String(body.length)]], body };
}

const NAME = /^[A-Za-z0-9._-]+$/;

/**
 * Restores a backup (Uint8Array, ArrayBuffer or Blob; gzip or not) into a database that is not
 * open. storage: { directory } (Node) or 'indexeddb'; name: the IndexedDB database's name.
 * Resolves to { files, bytes, createdMs }.
 */
export async function restoreDatabase(input, { name = 'tidewater', storage, replace = false } = {}) {
  const { entries, createdMs } = decodeBackup(await backupBytes(input));
  const summary = { files: entries.filter((e) => !e.directory).length, bytes: entries.reduce((n, e) => n + e.data.length, 0), createdMs };
  if (storage && typeof storage === 'object' && typeof storage.directory === 'string') {
    await restoreDirectory(entries, storage.directory, replace);
    return summary;
  }
  if (storage === 'indexeddb') {
    if (!NAME.test(name)) throw new InvalidError(`invalid database name ${JSON.stringify(name)}: use letters, digits, '.', '_' and '-'`);
    await restoreIndexedDB(entries, name, replace);
    return summary;
  }
  throw new InvalidError("restore needs storage { directory } or 'indexeddb' (a memory database has nothing to restore into)");
}

// Node: into a new sibling folder, each file fsync'd, then renamed over the target.
async function restoreDirectory(entries, directory, replace) {
  const fs = process.getBuiltinModule('fs');
  const path = process.getBuiltinModule('path');
  const target = path.resolve(directory);
  let existing = null;
  try {
    existing = fs.readdirSync(target);
  } catch (err) {
    if (err.code !== 'ENOENT') throw new InvalidError(`cannot restore into ${target}: ${err.message}`);
  }
  if (existing?.length && !replace) {
    throw new ConflictError(`${target} is not empty: restore into a new directory, or replace it (only while no one has it open)`);
  }
  const suffix = `${process.pid}-${Date.now().toString(36)}`;
  const staging = `${target}.restoring-${suffix}`;
  try {
    fs.mkdirSync(staging, { recursive: true });
    for (const e of entries) {
      const file = path.join(staging, ...e.path.split('/'));
      if (e.directory) { fs.mkdirSync(file, { recursive: true }); continue; }
      fs.mkdirSync(path.dirname(file), { recursive: true });
      const fd = fs.openSync(file, 'w');
      try {
        fs.writeFileSync(fd, e.data);
        fs.fsyncSync(fd);
      } finally {
        fs.closeSync(fd);
      }
    }
    if (existing === null) {
      fs.mkdirSync(path.dirname(target), { recursive: true });
    } else if (existing.length === 0) {
      fs.rmdirSync(target);
    } else {
      const old = `${target}.replaced-${suffix}`;
      fs.renameSync(target, old);
      fs.renameSync(staging, target);
      fs.rmSync(old, { recursive: true, force: true });
      return;
    }
    fs.renameSync(staging, target);
  } catch (err) {
    fs.rmSync(staging, { recursive: true, force: true });
    if (err instanceof TidewaterError) throw err;
    throw new TidewaterError(`restore into ${target} failed: ${err.message}`, { code: 'internal error', status: 500 });
  }
}

// Browsers (and Node with an IndexedDB implementation): IDBFS's own layout, written by a
// module instance of our own while this context holds the database's engine lock, so no
// engine has it mounted meanwhile.
async function restoreIndexedDB(entries, name, replace) {
  if (typeof indexedDB === 'undefined') throw new InvalidError("storage 'indexeddb' needs IndexedDB");
  const [{ default: createTidewaterModule }, { installAtomicReconcile, syncError }, lock] = await Promise.all([
    import('./dist/tidewater.js'), import('./idbfs_atomic_sync.js'), import('./owner_lock.js')]);
  const release = lock.hasWebLocks() ? await holdEngineLock(lock, name) : () => {};
  try {
    const Module = await createTidewaterModule();
    installAtomicReconcile(Module.IDBFS);
    const { FS } = Module;
    const syncfs = (populate) => new Promise((resolve, reject) => {
      FS.syncfs(populate, (err) => (err ? reject(syncError(err)) : resolve()));
    });
    const root = `/tidewater/${name}`;  // the mount point names the IndexedDB database (engine_host.js)
    FS.mkdirTree(root);
    FS.mount(FS.filesystems.IDBFS, {}, root);
    try {
      await syncfs(true);
      const present = FS.readdir(root).filter((n) => n !== '.' && n !== '..');
      if (present.length && !replace) {
        throw new ConflictError(`database "${name}" already has data: restore under a new name, or replace it`);
      }
      for (const n of present) removeTree(FS, `${root}/${n}`);
      for (const e of entries) {
        const file = `${root}/${e.path}`;
        if (e.directory) FS.mkdirTree(file);
        else {
          FS.mkdirTree(file.slice(0, file.lastIndexOf('/')));
          FS.writeFile(file, e.data);
        }
      }
      await syncfs(false);  // one transaction: all of the backup, or nothing changes
    } finally {
      FS.unmount(root);
    }
  } finally {
    release();
  }
}

function removeTree(FS, path) {
  if (FS.isDir(FS.stat(path).mode)) {
    for (const n of FS.readdir(path)) if (n !== '.' && n !== '..') removeTree(FS, `${path}/${n}`);
    FS.rmdir(path);
  } else {
    FS.unlink(path);
  }
}

// The engine lock (owner_lock.js) within a few seconds, or ConflictError: the database is open.
async function holdEngineLock(lock, name) {
  const signal = AbortSignal.timeout(10_000);
  try {
    return await lock.holdLock(lock.engineLockName(name), { signal });
  } catch {
    throw new ConflictError(`database "${name}" is open (in this or another tab): close it before restoring`);
  }
}

// The client side of a backup: the API answer → the file's bytes, or a TidewaterError.
export function backupFromResponse(res) {
  if (res.status >= 300) {
    const body = typeof res.body === 'string' ? res.body : new TextDecoder().decode(res.body);
    throw errorFromResponse(res.status, body);
  }
  if (!(res.body instanceof Uint8Array)) throw new TidewaterError('the engine did not answer with a backup');
  return res.body;
}
