// Settings → "Back up and restore": the whole database (users, tokens, orgs, buckets,
// dashboards, tasks, checks and every point) as one file (wasm/backup.js), downloaded from the
// engine, and restored from such a file into this browser's database, which it replaces: the
// page closes the database, restores (the file is checked whole before anything is written),
// forgets this browser's sign-in, and reloads on the restored database.
import { Tidewater } from './wasm/index.js';
import { BACKUP_PATH, backupFromResponse } from './wasm/backup.js';
import { h, field, statusLine, confirmDialog } from './dom.js';
import { KEYS } from './storage_keys.js';
import { downloadText } from './results_view.js';

const mib = (bytes) => `${(bytes / 1024 / 1024).toFixed(2)} MiB`;

// What this browser remembers about the database being replaced (the theme stays).
const FORGOTTEN_ON_RESTORE = [KEYS.credential, KEYS.token, KEYS.user, KEYS.org, KEYS.bucket, KEYS.samplePending];

/** database: { name, close() } of the page's open database (app.js). */
export function backupPanel({ api, org, database }) {
  const backupBtn = h('button', { type: 'button', id: 'backup-db' }, 'Back up database');
  const restoreFile = h('input', { type: 'file', id: 'restore-db', accept: '.twbak,.gz,application/octet-stream' });
  const status = statusLine('backup-status');

  backupBtn.addEventListener('click', async () => {
    backupBtn.disabled = true;
    status.busy('Backing up…');
    try {
      const started = performance.now();
      const bytes = backupFromResponse(await api.raw('GET', BACKUP_PATH));
      const stamp = new Date().toISOString().slice(0, 19).replace(/[:T]/g, '-');
      downloadText(bytes, `tidewater-${org.name}-${stamp}.twbak`, 'application/octet-stream');  // a Blob part may be bytes
      status.finish('ok', `Backed up ${mib(bytes.length)} in ${Math.round(performance.now() - started)} ms.`);
    } catch (err) {
      status.finish('error', `Backup failed: ${err.message}`);
    } finally {
      backupBtn.disabled = false;
    }
  });

  restoreFile.addEventListener('change', async () => {
    const file = restoreFile.files?.[0];
    restoreFile.value = '';
    if (!file) return;
    const sure = await confirmDialog(`Replace this browser's whole database with the backup "${file.name}"? `
      + 'Everything in it now (data, users, tokens, dashboards) is lost, and you sign in again as a user of the backup.',
    'Restore and replace');
    if (!sure) { status.finish('cancelled', 'Restore cancelled.'); return; }
    status.busy(`Restoring ${file.name}…`);
    restoreFile.disabled = true;
    backupBtn.disabled = true;
    let closed = false;
    try {
      // The file is checked before the database is closed, so a damaged one costs nothing.
      const bytes = new Uint8Array(await file.arrayBuffer());
      const { decodeBackup, backupBytes } = await import('./wasm/backup_format.js');
      decodeBackup(await backupBytes(bytes));
      await database.close();
      closed = true;
      const done = await Tidewater.restore(bytes, { name: database.name, storage: 'indexeddb', replace: true });
      for (const key of FORGOTTEN_ON_RESTORE) localStorage.removeItem(key);
      status.finish('ok', `Restored ${done.files} files (${mib(done.bytes)}). Reloading…`);
      location.replace(location.pathname);  // a fresh page opens the restored database and asks to sign in
    } catch (err) {
      status.finish('error', `Restore failed: ${err.message}${closed ? ' Reload the page to open the database again.' : ''}`);
      restoreFile.disabled = false;
      backupBtn.disabled = false;
    }
  });

  return h('div', { class: 'card', id: 'backup-card' }, h('h3', {}, 'Back up and restore'),
    h('p', { class: 'muted small' }, 'A backup is one file with the whole database: users, tokens, organizations, buckets, '
      + 'dashboards, tasks, checks and every point, as the engine stores them. Restoring replaces this browser\'s database '
      + 'with the file\'s, then reloads the page. The same file restores in Node (Tidewater.restore) and with "tidewater restore".'),
    h('div', { class: 'row' }, backupBtn, field('Restore from backup', restoreFile)), status);
}
