// Settings: theme, storage used and quota (navigator.storage.estimate), and asking the browser
// to keep the data (navigator.storage.persist), with a warning when it may evict it.
import { h, field } from '../dom.js';
import { setTheme } from '../theme.js';
import { KEYS } from '../storage_keys.js';

const mb = (bytes) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

export function createPage() {
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

  return {
    element: h('section', { 'aria-labelledby': 'settings-title' },
      h('div', { class: 'page-head' }, h('h2', { id: 'settings-title', tabindex: '-1' }, 'Settings')),
      h('div', { class: 'card' }, h('h3', {}, 'Appearance'), field('Theme', theme)),
      h('div', { class: 'card' }, h('h3', {}, 'Storage'), usage, persisted, persist)),
    shown: refresh,
  };
}
