// Settings: theme, storage used and quota (navigator.storage.estimate), asking the browser to
// keep the data (navigator.storage.persist) with a warning when it may evict it, and export /
// import of the data as line protocol (db_transfer.js), and backup / restore of the whole
// database as one file (backup_panel.js).
import { h, field, statusLine } from '../dom.js';
import { exportDatabase, importDatabase } from '../db_transfer.js';
import { downloadText } from '../results_view.js';
import { setTheme } from '../theme.js';
import { KEYS } from '../storage_keys.js';
import { backupPanel } from '../backup_panel.js';

const mb = (bytes) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

export function createPage({ api, org, database }) {
  const theme = h('select', { id: 'theme-select' },
    h('option', { value: '' }, 'Same as the system'), h('option', { value: 'light' }, 'Light'), h('option', { value: 'dark' }, 'Dark'));
  theme.value = localStorage.getItem(KEYS.theme) ?? '';
  theme.addEventListener('change', () => setTheme(theme.value || null));
  window.addEventListener('tidewater:theme', () => { theme.value = localStorage.getItem(KEYS.theme) ?? ''; });

  const usage = h('p', { id: 'storage-usage' }, 'Measuring…');
  const persisted = h('p', { id: 'storage-persisted' });
  const persist = h('button', { type: 'button', id: 'storage-persist', class: 'secondary' }, 'Keep my data (persistent storage)');

  async function refresh() {
    if (!navigator.storage?.estimate) { usage.textContent = 'This browser does not report storage use.'; return; }
    const { usage: used = 0, quota = 0 } = await navigator.storage.estimate();
    usage.textContent = `Using ${mb(used)} of ${mb(quota)} available to this site.`;
    const kept = await navigator.storage.persisted?.();
    persisted.textContent = kept
      ? 'Storage is persistent: the browser will not evict this data on its own.'
      : 'Warning: storage is best-effort. The browser may delete this data when the disk runs low.';
    persisted.className = kept ? 'ok' : 'warning';
    persist.hidden = !!kept;
  }
  persist.addEventListener('click', async () => {
    const granted = await navigator.storage.persist?.();
    await refresh();
    if (!granted) persisted.textContent += ' (The browser declined the request.)';
  });

  const exportBtn = h('button', { type: 'button', id: 'export-db' }, 'Export the database');
  const importFile = h('input', { type: 'file', id: 'import-db', accept: '.lp,.txt,text/plain' });
  const transfer = statusLine('transfer-status');
  exportBtn.addEventListener('click', async () => {
    exportBtn.disabled = true;
    transfer.busy('Exporting…');
    try {
      const started = performance.now();
      const { text, points, dashboards } = await exportDatabase(api, org, (m) => transfer.busy(m));
      downloadText(text, `tidewater-${org.name}-${new Date().toISOString().slice(0, 10)}.lp`, 'text/plain');
      transfer.finish('ok', `Exported ${points} points and ${dashboards} dashboards in ${Math.round(performance.now() - started)} ms.`);
    } catch (err) {
      transfer.finish('error', `Export failed: ${err.message}`);
    } finally {
      exportBtn.disabled = false;
    }
  });
  importFile.addEventListener('change', async () => {
    const file = importFile.files?.[0];
    if (!file) return;
    transfer.busy(`Importing ${file.name}…`);
    try {
      const { points, dashboards } = await importDatabase(api, org, await file.text(), (m) => transfer.busy(m));
      transfer.finish('ok', `Imported ${points} points and ${dashboards} dashboards from ${file.name}.`);
    } catch (err) {
      transfer.finish('error', `Import failed: ${err.message}`);
    }
    importFile.value = '';
    refresh();
  });

  return {
    element: h('section', { 'aria-labelledby': 'settings-title' },
      h('div', { class: 'page-head' }, h('h2', { id: 'settings-title', tabindex: '-1' }, 'Settings')),
      h('div', { class: 'card' }, h('h3', {}, 'Appearance'), field('Theme', theme)),
      h('div', { class: 'card' }, h('h3', {}, 'Storage'), usage, persisted, persist),
      h('div', { class: 'card' }, h('h3', {}, 'Export and import'),
        h('p', { class: 'muted small' }, 'One file with every bucket\'s points (line protocol, nanosecond times) and the dashboards and '
          + 'variables, read and written through the API. Users and tokens are not included. Importing adds to this database.'),
        h('div', { class: 'row' }, exportBtn, field('Import a file', importFile)), transfer),
      backupPanel({ api, org, database })),
    shown: refresh,
  };
}
