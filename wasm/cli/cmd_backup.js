// `backup FILE`: the whole database (catalog, users, hashed tokens, dashboards, tasks, every
// point) as one file, from a server (operator token) or a data directory. `restore FILE`: that
// file into a data directory that is not in use, like `influx restore` (--full replaces an
// existing database). A server cannot take a restore while it runs: stop it, restore into its
// --dir, start it again.
import { writeFileSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { UsageError } from './args.js';
import { CONN } from './common.js';
import { ApiError, credentials, withConnection } from './connection.js';
import { BACKUP_PATH } from '../backup.js';
import { gzipBytes } from '../backup_format.js';

const mib = (n) => `${(n / 1024 / 1024).toFixed(1)} MiB`;

function fileArgument(positional, flags, verb) {
  const file = positional[0] ?? flags.file;
  if (!file) throw new UsageError(`the backup file is required: tidewater ${verb} FILE`);
  return file;
}

export const backupCommands = {
  backup: {
    help: 'Back up the whole database (catalog, tokens, dashboards, tasks, data) into one file (operator token)',
    flags: { ...CONN, file: { alias: 'f', help: 'the backup file (or the first argument)' },
      compression: { help: 'none or gzip (default: gzip for *.gz files)' } },
    run({ flags, positional, out }) {
      const file = fileArgument(positional, flags, 'backup');
      const gzip = (flags.compression ?? (/\.gz$/.test(file) ? 'gzip' : 'none')) === 'gzip';
      return withConnection(flags, async (conn, creds) => {
        const started = performance.now();
        const res = await conn.fetch(BACKUP_PATH, { headers: creds.token ? { authorization: `Token ${creds.token}` } : {} });
        if (res.status >= 300) {
          const text = await res.text();
          let message = text || res.statusText;
          try { message = JSON.parse(text).message ?? message; } catch {}
          throw new ApiError(message, res.status);
        }
        let bytes = new Uint8Array(await res.arrayBuffer());
        if (gzip) bytes = await gzipBytes(bytes);
        // Written whole, then renamed: a failed backup never leaves a truncated file behind.
        const partial = `${file}.partial`;
        try {
          writeFileSync(partial, bytes);
          renameSync(partial, file);
        } catch (err) {
          rmSync(partial, { force: true });
          throw err;
        }
        out(`Backed up ${mib(bytes.length)} to ${file} in ${Math.round(performance.now() - started)} ms.\n`);
      });
    },
  },

  restore: {
    help: 'Restore a backup file into a data directory that is not in use (--dir; --full replaces its database)',
    flags: { dir: { help: 'the data directory to restore into (or TIDEWATER_DIR)' },
      host: { help: 'not supported: stop the server and restore into its --dir' },
      file: { alias: 'f', help: 'the backup file (or the first argument)' },
      full: { boolean: true, help: 'replace the database already in --dir (it must not be open)' },
      'active-config': { alias: 'c', help: 'use this named config\'s directory' } },
    async run({ flags, positional, out }) {
      const file = fileArgument(positional, flags, 'restore');
      if (flags.host) throw new UsageError('restore writes a database that is not open: stop the server and use --dir with its data directory');
      const { dir } = credentials(flags);
      if (!dir) throw new UsageError('a data directory is required: --dir (restore never writes into a running server)');
      const { Tidewater } = await import('../index.js');
      const started = performance.now();
      const done = await Tidewater.restore(readFileSync(file), { storage: { directory: dir }, replace: !!flags.full });
      out(`Restored ${done.files} files (${mib(done.bytes)}) of the backup taken ${new Date(done.createdMs).toISOString()} `
        + `into ${dir} in ${Math.round(performance.now() - started)} ms.\n`);
    },
  },
};

