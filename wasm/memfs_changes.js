// Counts changes to the in-memory file system (MEMFS, which IDBFS keeps in memory), so that a
// request which changed no file (a query, a failed write) does not wait for an IndexedDB sync:
// reads stay fast, and stay possible while IndexedDB refuses writes (quota) and unsynced data
// from a refused write is pending.
//
// Every MEMFS operation that changes a file or directory is wrapped in place (the node and
// stream op tables are shared by all nodes of this module instance).
const CHANGING_OPS = {
  dir: { node: ['setattr', 'mknod', 'rename', 'unlink', 'rmdir', 'symlink'] },
  file: { node: ['setattr'], stream: ['write', 'allocate', 'msync'] },
  link: { node: ['setattr'] },
};

// → a function returning how many changing operations have run so far.
export function countFileChanges(MEMFS) {
  let changes = 0;
  const table = MEMFS.ops_table;
  if (!table) throw new Error('MEMFS op tables are not set up yet');
  for (const [kind, groups] of Object.entries(CHANGING_OPS)) {
    for (const [group, names] of Object.entries(groups)) {
      const ops = table[kind]?.[group];
      for (const name of names) {
        const op = ops?.[name];
        if (typeof op !== 'function') continue;
        ops[name] = function countedOp(...args) {
          changes++;
          return op.apply(this, args);
        };
      }
    }
  }
  return () => changes;
}
